package dedupe

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/textclean/textclean/internal/benchgen"
)

// nearShort returns ten sentences of four words each (too short for the
// sentence round to cut), the fifth with changed in place of its last
// word: a paragraph of forty words.
func nearShort(changed string) string {
	var s []string
	for k := range 10 {
		last := fmt.Sprintf("end%d", k)
		if k == 4 {
			last = changed
		}
		s = append(s, fmt.Sprintf("Short %c sentence %s.", 'a'+k, last))
	}
	return strings.Join(s, " ")
}

// nearFillers returns n paragraphs with nothing in common, of other
// words than nearShort's.
func nearFillers(tag string, n int) []string {
	var f []string
	for k := range n {
		f = append(f, fmt.Sprintf("Filler %s%d has words of its own, none shared with any other here.", tag, k))
	}
	return f
}

// cutMakesFullerCopy is a text whose last paragraph, once the sentence
// round has cut the long sentence it repeats, is a fuller copy of the
// paragraph before it: the second round's dropNear puts it in that one's
// place. Its bag of sentences came once, so dropNearSettled makes the
// move itself.
var cutMakesFullerCopy = strings.Join(append([]string{
	"This long sentence is said twice in the text, the first time here. Then more.",
	nearShort("one"),
	"This long sentence is said twice in the text, the first time here. " + nearShort("two") + " And two more.",
}, nearFillers("x", 4)...), "\n\n") + "\n"

// cutMakesFullerTwin is cutMakesFullerCopy with a paragraph further on
// that has the fuller copy's sentences, after the cut, in another order:
// the copy's bag then came twice, so dropNearSettled leaves the move to
// a full round, and a third round finds the two by their bag.
var cutMakesFullerTwin = strings.Join(append(append([]string{
	"This long sentence is said twice in the text, the first time here. Then more.",
	nearShort("one"),
	"This long sentence is said twice in the text, the first time here. " + nearShort("two") + " And two more.",
}, nearFillers("y", 4)...), "And two more. "+nearShort("two")), "\n\n") + "\n"

// emptiedBringsNear is a text in which the sentence round empties the
// paragraph between two near-duplicates, four apart: the second round
// finds them in one window.
var emptiedBringsNear = strings.Join(append(append([]string{
	"This long sentence is said twice in the text, the first time here. Then more.",
	nearShort("one"),
}, nearFillers("z", 2)...),
	"This long sentence is said twice in the text, the first time here.",
	nearShort("two")), "\n\n") + "\n"

// nearSettledInputs are the inputs of TestNearSettledAgrees: those of
// TestPrepareAgrees (damaged articles, the golden texts, teasers, bag
// twins), texts made for the later rounds of dropNear, and a stretch of
// the generated stream.
func nearSettledInputs(t *testing.T) []string {
	inputs := agreeInputs(t)
	inputs = append(inputs, cutMakesFullerCopy, cutMakesFullerTwin, emptiedBringsNear,
		cutMakesRepeat, cutMakesBagTwin, movedAfterSettled, protectionLostAfterSettled, cutSplitsOtherwise)
	return append(inputs, benchgen.New(3).Stream(1<<20))
}

// TestNearSettledAgrees runs the rounds of two cleaners side by side, one
// with dropNearSettled and one without, and checks after every paragraph
// round that both have the same order and fates, with the same
// similarities and copies kept later, on many inputs with each of
// roundsOptions and with Lines; and that the inputs make dropNearSettled
// remove and move paragraphs, and leave a move to a full round.
func TestNearSettledAgrees(t *testing.T) {
	defer func(s bool) { skipSettledNear = s }(skipSettledNear)
	var settled, fallbacks, removed, moves int
	for _, opts := range append(slices.Clone(roundsOptions), Options{Paragraphs: Lines}) {
		for k, in := range nearSettledInputs(t) {
			short, full := stageCleaner(t, in, &opts), stageCleaner(t, in, &opts)
			for round := range maxRounds {
				skipSettledNear = true
				before := short.nearLast.settledRounds
				changedShort := short.paragraphRound()
				skipSettledNear = false
				changedFull := full.paragraphRound()
				where := fmt.Sprintf("%+v, input %d, round %d", opts, k, round+1)
				if changedShort != changedFull {
					t.Fatalf("%s: paragraph round changed %v with dropNearSettled, %v without", where, changedShort, changedFull)
				}
				sameRoundState(t, where, short, full)
				if short.nearLast.settledRounds > before {
					settled++
					for _, d := range short.nearLast.drops {
						if d.moved {
							moves++
						} else {
							removed++
						}
					}
				}
				cut := false
				for _, c := range []*cleaner{short, full} {
					if !c.opts.NoSentences && !c.sentencesSettled() {
						cut = c.sentenceRound() || cut
						c.noteSentenceRound()
					}
				}
				if !changedShort && !cut {
					break
				}
			}
			fallbacks += short.nearLast.fallbacks
		}
	}
	t.Logf("%d settled rounds removed %d paragraphs and moved %d; %d left to a full round", settled, removed, moves, fallbacks)
	if settled == 0 || removed == 0 || moves == 0 || fallbacks == 0 {
		t.Errorf("the inputs do not reach every way of dropNearSettled")
	}
}

// sameRoundState fails t unless the two cleaners have the same order,
// fates, copies, similarities and copies kept later.
func sameRoundState(t *testing.T, where string, a, b *cleaner) {
	t.Helper()
	switch {
	case !slices.Equal(a.order, b.order):
		t.Fatalf("%s: order %v, want %v", where, a.order, b.order)
	case !slices.Equal(a.fate, b.fate):
		t.Fatalf("%s: fates %v, want %v", where, a.fate, b.fate)
	case !slices.Equal(a.copyOf, b.copyOf):
		t.Fatalf("%s: copies %v, want %v", where, a.copyOf, b.copyOf)
	case !maps.Equal(a.similarity, b.similarity):
		t.Fatalf("%s: similarities %v, want %v", where, a.similarity, b.similarity)
	case !maps.Equal(a.keptLater, b.keptLater):
		t.Fatalf("%s: kept later %v, want %v", where, a.keptLater, b.keptLater)
	}
}

// TestNearSettledWays checks that the texts made for dropNearSettled do
// what they are there for, in the default mode: after the first round,
// it moves cutMakesFullerCopy's fuller copy itself, leaves
// cutMakesFullerTwin's to a full round (whose third round removes the
// twin by its bag), and removes emptiedBringsNear's second copy.
func TestNearSettledWays(t *testing.T) {
	for _, bc := range []struct {
		name           string
		in             string
		moves, removes int // by dropNearSettled
		fallbacks      int
		near           int // paragraphs removed as near-duplicates in all
	}{
		{"cutMakesFullerCopy", cutMakesFullerCopy, 1, 0, 0, 1},
		{"cutMakesFullerTwin", cutMakesFullerTwin, 0, 1, 1, 2},
		{"emptiedBringsNear", emptiedBringsNear, 0, 1, 0, 1},
	} {
		c := stageCleaner(t, bc.in, &Options{})
		moves, removes := 0, 0
		for range maxRounds {
			before := c.nearLast.settledRounds
			changed := c.paragraphRound()
			if c.nearLast.settledRounds > before {
				for _, d := range c.nearLast.drops {
					if d.moved {
						moves++
					} else {
						removes++
					}
				}
			}
			cut := false
			if !c.sentencesSettled() {
				cut = c.sentenceRound()
				c.noteSentenceRound()
			}
			if !changed && !cut {
				break
			}
		}
		nearDuplicates := 0
		for _, f := range c.fate {
			if f == near {
				nearDuplicates++
			}
		}
		if moves != bc.moves || removes != bc.removes || c.nearLast.fallbacks != bc.fallbacks || nearDuplicates != bc.near {
			t.Errorf("%s: dropNearSettled moved %d and removed %d, left %d to full rounds; %d near-duplicates in all; want %d, %d, %d, %d",
				bc.name, moves, removes, c.nearLast.fallbacks, nearDuplicates, bc.moves, bc.removes, bc.fallbacks, bc.near)
		}
	}
}
