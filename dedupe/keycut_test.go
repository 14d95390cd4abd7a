package dedupe

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/textclean/textclean/internal/benchgen"
)

// cutTeasersInput returns teasersInput with two teasers more, each after a
// sentence said before: the first sentence round cuts them.
func cutTeasersInput() string {
	return teasersInput() + "Something else entirely, paragraph number 7 of the filler. Story 30 begins with these words and then goes on …\n\n" +
		"Something else entirely, paragraph number 8 of the filler. Story 31 begins with these words and then goes on …\n\n"
}

// cutByFirstRounds runs c's paragraph round and a sentence round, which
// must cut, and returns how many texts of the order the cuts left to key
// again (keyCutTexts makes them).
func cutByFirstRounds(t *testing.T, c *cleaner) int {
	t.Helper()
	c.paragraphRound()
	if !c.sentenceRound(nil) {
		t.Fatal("the sentence round cut nothing")
	}
	cut := 0
	for _, p := range c.order {
		if c.keyed[p] == unkeyed {
			cut++
		}
	}
	return cut
}

// TestKeyCutTexts checks that keyCutTexts, on three goroutines, makes for
// every text of the order that the first sentence round cut what keyText
// makes of it one at a time: its hash, junk check, sentences and near
// information (a teaser's by its stem: the teasers are gathered in another
// order); and that Clean gives the same Result with it as on one
// goroutine, on a stretch of the generated stream, whose first sentence
// round cuts 80 paragraphs, and on teasers that lose a repeated sentence.
func TestKeyCutTexts(t *testing.T) {
	setParallel(t, 0, 3)
	for _, in := range []string{benchgen.New(5).Stream(1 << 20), cutTeasersInput()} {
		parallelBytes = 0
		par := stageCleaner(t, in, &Options{})
		parallelBytes = math.MaxInt
		one := stageCleaner(t, in, &Options{})
		cut := cutByFirstRounds(t, par)
		cutByFirstRounds(t, one)
		parallelBytes = 0
		par.keyCutTexts()
		for _, p := range one.order {
			i := int(p)
			one.ensureKey(i)
			if par.keyed[i] == unkeyed {
				t.Fatalf("paragraph %d not keyed", i)
			}
			a, b := par.near[i], one.near[i]
			aStem, bStem := "", ""
			if a.teaser() {
				aStem = par.scratch.teasers[par.teaserAt(i)].stem
			}
			if b.teaser() {
				bStem = one.scratch.teasers[one.teaserAt(i)].stem
			}
			if par.hash[i] != one.hash[i] || par.keyed[i] != one.keyed[i] || !sameNear(par, &a, one, &b) || aStem != bStem ||
				!slices.Equal(par.sentencesOf(i), one.sentencesOf(i)) {
				t.Fatalf("paragraph %d (%q) made otherwise on three goroutines", i, one.textOf(i))
			}
		}
		if cut < 2 {
			t.Fatalf("%d texts cut, too few to make on several goroutines", cut)
		}
		t.Logf("%d texts made again", cut)
		if a, b := cleanWith(t, in, Options{}, 0, 3), cleanWith(t, in, Options{}, math.MaxInt, 1); !reflect.DeepEqual(a, b) {
			t.Fatalf("Clean on three goroutines:\n%+v\non one:\n%+v", a, b)
		}
	}
}
