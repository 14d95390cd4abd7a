package dedupe

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/textclean/textclean/internal/damage"
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
		if left > 0 {
			n.leftOut++
			places := false
			for _, ch := range short.Changes {
				places = places || ch.KeptLater
			}
			if places {
				n.withPlaces++
			} else {
				n.withoutPlaces++
			}
		}
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
	texts := 3000
	if testing.Short() {
		texts = 300
	}
	r := rand.New(rand.NewPCG(18, 3))
	var n confirmingCounts
	for k := range texts {
		b := make([]byte, 3+r.IntN(28))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		in := paletteText(b)
		compareConfirming(t, fmt.Sprintf("text %d %q", k, in), in, &n)
	}
	t.Logf("%d cleanings left a round out, %d with places taken, %d without", n.leftOut, n.withPlaces, n.withoutPlaces)
	if n.withPlaces == 0 || n.withoutPlaces == 0 {
		t.Errorf("the texts do not reach both ways of leaving a round out")
	}
}

// TestConfirmingRoundsDamaged is TestConfirmingRoundsRandom on the
// damaged articles of TestDamagedArticles, in both paragraph styles, and
// on texts that repeat paragraphs of them near and far, each with a word
// changed (near-duplicates) or cut short.
func TestConfirmingRoundsDamaged(t *testing.T) {
	seeds := 20
	if testing.Short() {
		seeds = 4
	}
	versions, err := damage.Articles("../testdata/articles/*.txt", seeds, 11)
	if err != nil {
		t.Fatal(err)
	}
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
	texts := 3000
	if testing.Short() {
		texts = 300
	}
	defer func(r bool) { reuseKeyClasses = r }(reuseKeyClasses)
	r := rand.New(rand.NewPCG(18, 3))
	for k := range texts {
		b := make([]byte, 3+r.IntN(28))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		in := paletteText(b)
		for _, opts := range confirmingOptions {
			reuseKeyClasses = false
			plain, err := Clean(in, opts)
			if err != nil {
				t.Fatal(err)
			}
			reuseKeyClasses = true
			if short, _ := Clean(in, opts); !reflect.DeepEqual(plain, short) {
				t.Fatalf("text %d %q, options %+v: with the key classes updated:\n%+v\nfiled:\n%+v", k, in, opts, short, plain)
			}
		}
	}
}
