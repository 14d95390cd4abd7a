package dedupe

import (
	"fmt"
	"strings"
	"testing"
)

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

// confirmingFiller returns a paragraph of its own, k of them far apart
// enough that the paragraphs around it are out of each other's window.
func confirmingFiller(k int) string {
	return fmt.Sprintf("Filler paragraph %d talks about nothing much in particular today, with many words.", k)
}

// confirmingTeasersText returns paragraphs ps, each followed by three
// fillers, one a line.
func confirmingTeasersText(ps ...string) string {
	var b strings.Builder
	for k, p := range ps {
		b.WriteString(p + "\n")
		for f := range 3 {
			b.WriteString(confirmingFiller(3*k+f) + "\n")
		}
	}
	return b.String()
}

// TestConfirmingRoundsGivesLaterTeaser is a text whose first round
// nearDropsConfirmed must not confirm by the second half of (e): a later
// copy T takes the place of a teaser, and gives in full a teaser Q that
// the teaser index holds after that place. E, a teaser that takes the
// place of an earlier teaser Z, holds the position that joined the teaser
// index first; T gives both E and Q in full, and the index finds E, so T
// takes E's place, before Q. Q, compared in this round before T came,
// found nothing; in the next it finds T, whose key its stem begins, by the
// start index, and is removed. Without the second half of (e), the round
// was left out and Q kept.
func TestConfirmingRoundsGivesLaterTeaser(t *testing.T) {
	const s = "a1 b2 c3 d4 e5 f6 g7 h8 i9 j10"
	q := s + " k11…"
	in := confirmingTeasersText(s+" read…", q, s+" read more", s+" k11 l12 m13 n14 o15.")
	var n confirmingCounts
	compareConfirming(t, "Q after T's place", in, &n)
	r, _ := cleanConfirming(t, in, Options{}, false)
	if strings.Contains(r.Text, q) {
		t.Errorf("the teaser %q is kept:\n%s", q, r.Text)
	}
}

// TestConfirmingRoundsTeaserTookPlace is a text whose first round
// nearDropsConfirmed must not confirm by the first half of (e): the later
// copy T that takes a place is itself a teaser ("read more" ends it),
// which Q, a teaser after that place, gives in full, while T gives no
// teaser at another position in full (the second half holds). As in
// TestConfirmingRoundsGivesLaterTeaser, a teaser E took the place of an
// earlier teaser Z that Q does not give in full, and T finds E there,
// before Q, by the start index. In the next round Q finds T, now before
// it, by the teaser index, and takes its place. Without the first half of
// (e), the round was left out and Q stayed where it was.
func TestConfirmingRoundsTeaserTookPlace(t *testing.T) {
	const s = "a1 b2 c3 d4 e5 f6 g7 h8 i9 j10 x"
	in := confirmingTeasersText(s+" rea…", s+" y read more", s+" read…", s+" read more")
	var n confirmingCounts
	compareConfirming(t, "T a teaser", in, &n)
	r, _ := cleanConfirming(t, in, Options{}, false)
	if !strings.HasPrefix(r.Text, s+" y read more\n") {
		t.Errorf("Q does not take the first place:\n%s", r.Text)
	}
}

// TestConfirmingRoundsDisturbedByTeaser is a text whose first round
// nearDropsConfirmed must not confirm by (d) for the disturbed: a
// paragraph T that gives a teaser in full takes its place, before a
// paragraph D of the same sentences in another order, which then has T in
// its window. D, compared in this round before T came, found nothing; in
// the next it is a near-duplicate of T.
func TestConfirmingRoundsDisturbedByTeaser(t *testing.T) {
	const s1, s2 = "a1 b2 c3 d4 e5 f6 g7 h8 i9 j10 k11.", "Other words make up this second sentence of theirs."
	in := "a1 b2 c3 d4 e5 f6 g7 h8 i9 j10 read more\n" + s2 + " " + s1 + "\n" + s1 + " " + s2 + "\n"
	var n confirmingCounts
	compareConfirming(t, "D disturbed", in, &n)
	r, _ := cleanConfirming(t, in, Options{}, false)
	if strings.Contains(r.Text, s2+" "+s1) {
		t.Errorf("D is kept:\n%s", r.Text)
	}
}
