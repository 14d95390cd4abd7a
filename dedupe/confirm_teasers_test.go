package dedupe

import "testing"

// TestConfirmingRoundsTeasers checks that nearDropsConfirmed leaves out
// rounds in documents with teasers (see (e) there), after rounds where a
// later copy took a place, on the random texts of
// TestConfirmingRoundsRandom, which cleans them with the rounds left out
// and not, with every option set, and compares. A Result that removed a
// teaser is of a document that had one when its last paragraph round ran
// (dropNear removes a teaser only after making its near information,
// whose teaserInfo stays).
func TestConfirmingRoundsTeasers(t *testing.T) {
	withTeasers, leftOut, withPlaces := 0, 0, 0
	for _, in := range randomPaletteTexts(1000) {
		r, left := cleanConfirming(t, in, Options{}, true)
		teasers, places := false, false
		for _, ch := range r.Changes {
			teasers = teasers || ch.Kind == Teaser
			places = places || ch.KeptLater
		}
		if !teasers {
			continue
		}
		withTeasers++
		if left > 0 {
			leftOut++
			if places {
				withPlaces++
			}
		}
	}
	t.Logf("of %d texts that removed a teaser, %d left a round out, %d of them with places taken", withTeasers, leftOut, withPlaces)
	if withPlaces == 0 {
		t.Error("no text that removed a teaser left a round out after a later copy took a place")
	}
}
