package dedupe

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// confirmingOptions are the option sets the tests of skipConfirmingRounds
// clean with: those of the rounds' tests and the other paragraph style.
var confirmingOptions = append(append([]Options(nil), roundsOptions...), Options{Paragraphs: Lines})

// cleanConfirming cleans in with skipConfirmingRounds on or off, and
// returns the Result and how many rounds were left out.
func cleanConfirming(t testing.TB, in string, opts Options, on bool) (*Result, int) {
	t.Helper()
	defer func(s bool) { skipConfirmingRounds = s }(skipConfirmingRounds)
	skipConfirmingRounds = on
	c, err := newCleaner(in, &opts)
	if err != nil {
		t.Fatal(err)
	}
	return c.clean(), c.roundsLeftOut
}

// confirmingCounts counts the cleanings that left a round out, those
// among them whose Result has a later copy that took an earlier's place,
// and those whose has none.
type confirmingCounts struct{ leftOut, withPlaces, withoutPlaces int }

// add counts a cleaning that left out left rounds, in which a later copy
// took an earlier's place or not (places).
func (n *confirmingCounts) add(left int, places bool) {
	switch {
	case left == 0:
	case places:
		n.leftOut++
		n.withPlaces++
	default:
		n.leftOut++
		n.withoutPlaces++
	}
}

// placesTaken reports whether a later copy took an earlier's place in r.
func placesTaken(r *Result) bool {
	for _, ch := range r.Changes {
		if ch.KeptLater {
			return true
		}
	}
	return false
}

// compareConfirming fails t unless in cleans to the same Result with
// skipConfirmingRounds on and off, with each of confirmingOptions, and
// adds to n what it left out.
func compareConfirming(t *testing.T, where, in string, n *confirmingCounts) {
	t.Helper()
	for _, opts := range confirmingOptions {
		plain, _ := cleanConfirming(t, in, opts, false)
		short, left := cleanConfirming(t, in, opts, true)
		if !reflect.DeepEqual(plain, short) {
			t.Fatalf("%s, options %+v: leaving out %d rounds:\n%+v\nwithout:\n%+v", where, opts, left, short, plain)
		}
		n.add(left, placesTaken(short))
	}
}

// TestConfirmingRoundsRandom checks, on thousands of random texts of
// roundsPalette paragraphs (near-duplicates, teasers, later copies that
// take an earlier's place, short and recurring repeats, sentences cut in
// later rounds), that leaving out the rounds that nearDropsConfirmed says
// would only confirm the one before gives the Result of running them;
// and that the texts make it leave rounds out, after rounds where a later
// copy took a place and after rounds where none did.
func TestConfirmingRoundsRandom(t *testing.T) {
	cleanings, err := paletteCleanings()
	if err != nil {
		t.Fatal(err)
	}
	var n confirmingCounts
	for k, pc := range cleanings {
		for i, opts := range confirmingOptions {
			on := pc.on[i]
			if plain, _ := cleanConfirming(t, pc.in, opts, false); resultDigest(plain) != on.digest {
				short, _, _ := cleanShortcutsOn(pc.in, opts)
				t.Fatalf("text %d %q, options %+v: leaving out %d rounds:\n%+v\nwithout:\n%+v", k, pc.in, opts, on.leftOut, short, plain)
			}
			n.add(on.leftOut, on.placesTaken)
		}
	}
	t.Logf("%d cleanings left a round out, %d with places taken, %d without", n.leftOut, n.withPlaces, n.withoutPlaces)
	if n.withPlaces == 0 || n.withoutPlaces == 0 {
		t.Errorf("the texts do not reach both ways of leaving a round out")
	}
}

// randomPaletteTexts returns n texts of paletteText, each from 3 to 30
// random bytes, the same texts on every call.
func randomPaletteTexts(n int) []string {
	r := rand.New(rand.NewPCG(18, 3))
	texts := make([]string, n)
	for k := range texts {
		b := make([]byte, 3+r.IntN(28))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		texts[k] = paletteText(b)
	}
	return texts
}

// paletteCleaning is a text of randomPaletteTexts and what
// cleanShortcutsOn made of it with each of confirmingOptions.
type paletteCleaning struct {
	in string
	on []shortcutsOn // by option set
}

// shortcutsOn is what the random tests of skipConfirmingRounds and
// reuseKeyClasses keep of a cleaning with both on: the resultDigest of
// its Result, the rounds it left out, and whether a later copy took an
// earlier's place.
type shortcutsOn struct {
	digest      uint64
	leftOut     int
	placesTaken bool
}

// paletteCleanings returns the texts of TestConfirmingRoundsRandom and
// TestKeyClassesUpdatedRandom, 3,000 (300 with -short), cleaned with
// their shortcuts on once for both; each cleans them again with its own
// shortcut off. The cleaning they share took each about 1.5 s of CPU.
var paletteCleanings = sync.OnceValues(func() ([]paletteCleaning, error) {
	texts := 3000
	if testing.Short() {
		texts = 300
	}
	cleanings := make([]paletteCleaning, texts)
	for k, in := range randomPaletteTexts(texts) {
		cleanings[k].in = in
		for _, opts := range confirmingOptions {
			r, left, err := cleanShortcutsOn(in, opts)
			if err != nil {
				return nil, fmt.Errorf("text %d %q, options %+v: %w", k, in, opts, err)
			}
			cleanings[k].on = append(cleanings[k].on, shortcutsOn{resultDigest(r), left, placesTaken(r)})
		}
	}
	return cleanings, nil
})

// cleanShortcutsOn cleans in with opts, and skipConfirmingRounds and
// reuseKeyClasses on, and returns the Result and how many rounds were
// left out.
func cleanShortcutsOn(in string, opts Options) (*Result, int, error) {
	defer func(s, r bool) { skipConfirmingRounds, reuseKeyClasses = s, r }(skipConfirmingRounds, reuseKeyClasses)
	skipConfirmingRounds, reuseKeyClasses = true, true
	c, err := newCleaner(in, &opts)
	if err != nil {
		return nil, 0, err
	}
	return c.clean(), c.roundsLeftOut, nil
}

// TestConfirmingRoundsDamaged is TestConfirmingRoundsRandom on the
// damaged articles of TestDamagedArticles, in both paragraph styles, and
// on texts that repeat paragraphs of them near and far, each with a word
// changed (near-duplicates) or cut short.
func TestConfirmingRoundsDamaged(t *testing.T) {
	versions := damagedArticles(t, 20, 4, 11)
	r := rand.New(rand.NewPCG(18, 4))
	var n confirmingCounts
	for k, d := range versions {
		for _, in := range []string{d.Blocks(), d.Lines(), nearRepeats(r, d.Lines())} {
			compareConfirming(t, fmt.Sprintf("version %d", k), in, &n)
		}
	}
	t.Logf("%d cleanings left a round out, %d with places taken, %d without", n.leftOut, n.withPlaces, n.withoutPlaces)
	if n.leftOut == 0 {
		t.Errorf("the damaged articles never leave a round out")
	}
}

// nearRepeats returns the lines of text with some of them said again
// later, a few lines on or far: with one word dropped or changed, cut
// short, or longer.
func nearRepeats(r *rand.Rand, text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	out := make([]string, 0, 2*len(lines))
	for i, l := range lines {
		out = append(out, l)
		if r.IntN(4) != 0 || i == 0 {
			continue
		}
		words := strings.Fields(lines[r.IntN(i)])
		if len(words) < 4 {
			continue
		}
		w := r.IntN(len(words))
		switch r.IntN(4) {
		case 0:
			words = append(words[:w:w], words[w+1:]...)
		case 1:
			words[w] = "changed"
		case 2:
			words = append(words[:len(words)-1:len(words)-1], "more words at the end.")
		default:
			words = append(words[:len(words)*3/4:len(words)*3/4], "…")
		}
		out = append(out, strings.Join(words, " "))
	}
	return strings.Join(out, "\n") + "\n"
}

// FuzzConfirmingRounds checks that leaving out the rounds that only
// confirm the one before gives the Result of running them, on texts of
// roundsPalette paragraphs (see paletteText) with the option set of
// confirmingOptions that set picks.
func FuzzConfirmingRounds(f *testing.F) {
	f.Add([]byte{29, 30, 31, 13, 14, 6, 0}, uint8(0))
	f.Add([]byte{38, 39, 40}, uint8(0))
	f.Add([]byte{30, 32, 32, 30, 32}, uint8(0))
	f.Add([]byte{4, 0, 5, 7, 0, 4}, uint8(9))
	f.Fuzz(func(t *testing.T, b []byte, set uint8) {
		if len(b) > 64 {
			return
		}
		in := paletteText(b)
		opts := confirmingOptions[int(set)%len(confirmingOptions)]
		plain, _ := cleanConfirming(t, in, opts, false)
		if short, _ := cleanConfirming(t, in, opts, true); !reflect.DeepEqual(plain, short) {
			t.Fatalf("input %q, options %+v:\nleaving rounds out %+v\nwithout %+v", in, opts, short, plain)
		}
	})
}

// TestKeyClassesUpdatedRandom checks, on the texts of
// TestConfirmingRoundsRandom, that the tables worked out from key classes
// updated for the texts cut since (updateKeyClasses) give the Result of
// filing every table.
func TestKeyClassesUpdatedRandom(t *testing.T) {
	cleanings, err := paletteCleanings()
	if err != nil {
		t.Fatal(err)
	}
	defer func(r bool) { reuseKeyClasses = r }(reuseKeyClasses)
	for k, pc := range cleanings {
		for i, opts := range confirmingOptions {
			reuseKeyClasses = false
			plain, err := Clean(pc.in, opts)
			if err != nil {
				t.Fatal(err)
			}
			if resultDigest(plain) != pc.on[i].digest {
				short, _, _ := cleanShortcutsOn(pc.in, opts)
				t.Fatalf("text %d %q, options %+v: with the key classes updated:\n%+v\nfiled:\n%+v", k, pc.in, opts, short, plain)
			}
		}
	}
}

// windowEdgeWords returns the words "w<from>" to "w<to-1>" and then
// extra, joined by spaces, ending with a full stop: one long sentence,
// which no other paragraph of windowEdgeText repeats.
func windowEdgeWords(from, to int, extra ...string) string {
	var w []string
	for k := from; k < to; k++ {
		w = append(w, fmt.Sprintf("w%d", k))
	}
	return strings.Join(append(w, extra...), " ") + "."
}

// windowEdgeText is a text whose last paragraph, a fuller copy of the one
// before it, takes that one's place in the first round, which puts it
// nearWindow paragraphs after the first paragraph: a near-duplicate of
// it (Jaccard 0.89) that the paragraph it took the place of was not
// (0.77). The second round finds the two, so the first must not be taken
// as confirmed: nearDropsConfirmed's (d) must look at the whole window.
var windowEdgeText = strings.Join(append(append([]string{
	windowEdgeWords(6, 41, "x1", "x2", "x3", "x4", "x5"),
}, nearFillers("e", 2)...),
	windowEdgeWords(1, 41),
	windowEdgeWords(1, 41, "x1", "x2", "x3", "x4", "x5")), "\n\n") + "\n"

// TestConfirmingWindowEdge checks, on windowEdgeText, that the round
// after a later copy took a place with a near-duplicate at the far end of
// its new window is run, that it changes the Result, and that the Result
// is the same with the confirming rounds left out or not.
func TestConfirmingWindowEdge(t *testing.T) {
	c := stageCleaner(t, windowEdgeText, &Options{})
	if !c.paragraphRound() || len(c.nearLast.tookPlace) != 1 {
		t.Fatalf("the first round took no place (%v)", c.nearLast.tookPlace)
	}
	if c.confirmed {
		t.Error("the first round is taken as confirmed")
	}
	plain, _ := cleanConfirming(t, windowEdgeText, Options{}, false)
	short, _ := cleanConfirming(t, windowEdgeText, Options{}, true)
	if !reflect.DeepEqual(plain, short) {
		t.Errorf("leaving rounds out:\n%+v\nwithout:\n%+v", short, plain)
	}
	near := 0
	for _, ch := range plain.Changes {
		if ch.Kind == Near {
			near++
		}
	}
	if near != 2 {
		t.Errorf("%d near-duplicates removed, want 2 (one a round): %+v", near, plain.Changes)
	}
}

// cutMakesRepeatOtherCase is cutMakesRepeat with the last paragraph's
// text in capitals: the sentence cut leaves it a text other than the
// second paragraph's, with the same key, which the second round removes
// as a repeat only if updateKeyClasses compares keys, not texts alone.
const cutMakesRepeatOtherCase = "A sentence of more than five words, said once before.\n" +
	"First one here. Second one there. Third one now.\n" +
	"FIRST ONE HERE. SECOND ONE THERE. THIRD ONE NOW. A sentence of more than five words, said once before.\n"

// TestKeyClassesOtherText checks, on cutMakesRepeatOtherCase, that the
// cut paragraph is removed as a repeat in the second round, with the key
// classes updated as with every table filed.
func TestKeyClassesOtherText(t *testing.T) {
	defer func(r bool) { reuseKeyClasses = r }(reuseKeyClasses)
	var results [2]*Result
	for k, reuse := range []bool{false, true} {
		reuseKeyClasses = reuse
		r, err := Clean(cutMakesRepeatOtherCase, Options{})
		if err != nil {
			t.Fatal(err)
		}
		results[k] = r
	}
	if !reflect.DeepEqual(results[0], results[1]) {
		t.Errorf("with the key classes updated:\n%+v\nfiled:\n%+v", results[1], results[0])
	}
	if got := results[0].Text; got != "A sentence of more than five words, said once before.\nFirst one here. Second one there. Third one now.\n" {
		t.Errorf("text %q: want the cut paragraph removed as a repeat", got)
	}
}
