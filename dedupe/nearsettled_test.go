package dedupe

import (
	"fmt"
	"maps"
	"math/rand/v2"
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

// Long sentences of the texts made for the later rounds of dropNear:
// the sentence round cuts the first two where they are said again.
const (
	saidTwice    = "This long sentence is said twice in the text, the first time here."
	saidAcross   = "Another long sentence that repeats across several paragraphs of it."
	saidOnceHere = "The committee decided to postpone the vote until next week again."
)

// cutMakesFullerCopy is a text whose last paragraph, once the sentence
// round has cut the long sentence it repeats, is a fuller copy of the
// paragraph before it: the second round's dropNear puts it in that one's
// place. Its bag of sentences came once, so dropNearSettled makes the
// move itself.
var cutMakesFullerCopy = strings.Join(append([]string{
	saidTwice + " Then more.",
	nearShort("one"),
	saidTwice + " " + nearShort("two") + " And two more.",
}, nearFillers("x", 4)...), "\n\n") + "\n"

// cutMakesFullerTwin is cutMakesFullerCopy with a paragraph further on
// that has the fuller copy's sentences, after the cut, in another order:
// the copy's bag then came twice, and dropNearSettled asks about it (the
// copy was cut); the earlier's came once, so dropNearSettled makes the
// move itself, and a third round finds the two by their bag.
var cutMakesFullerTwin = strings.Join(append(append([]string{
	saidTwice + " Then more.",
	nearShort("one"),
	saidTwice + " " + nearShort("two") + " And two more.",
}, nearFillers("y", 4)...), "And two more. "+nearShort("two")), "\n\n") + "\n"

// emptiedBringsNear is a text in which the sentence round empties the
// paragraph between two near-duplicates, four apart: the second round
// finds them in one window.
var emptiedBringsNear = strings.Join(append(append([]string{
	saidTwice + " Then more.",
	nearShort("one"),
}, nearFillers("z", 2)...),
	saidTwice,
	nearShort("two")), "\n\n") + "\n"

// cutMakesNearAtWindowEnd is a text in which the sentence round cuts
// saidTwice off the second paragraph, which makes the last, nearWindow
// paragraphs on, a fuller copy of it: the second round moves the last
// into its place, only if dropNearSettled's window of the last reaches
// that far.
var cutMakesNearAtWindowEnd = strings.Join([]string{
	saidTwice + " Then more.",
	nearShort("two") + " " + saidTwice,
	saidOnceHere,
	saidAcross + " " + nearShort("one") + " And two more.",
	"And two more. " + nearShort("two"),
}, "\n\n") + "\n"

// tookPlaceAfterCompared is a text whose last paragraph, a fuller copy
// of both before it, takes the first's place in the first round, after
// the second was compared with the first: the second round must compare
// the second paragraph (nearDisturbed) with the copy now before it, and
// removes it.
var tookPlaceAfterCompared = strings.Join([]string{
	nearShort("three") + " " + saidAcross,
	nearShort("two") + " And two more.",
	saidAcross + " " + nearShort("two") + " And two more.",
}, "\n\n") + "\n"

// protectedTakesPlace is a text whose second paragraph, kept in the
// first round as a repeat that recurs (three copies), is no longer kept
// as a repeat in the second, where its last copy, with the paragraphs
// between them gone, goes as a stutter; compared, it is a fuller copy of
// the first: it would take the place of a paragraph whose
// bag may repeat (it has a copy) and that dropNearSettled did not look
// up, while its own bag is asked about (its keptRepeat changed), so
// dropNearSettled leaves the round to a full dropNear.
var protectedTakesPlace = strings.Join([]string{
	nearShort("one"),
	"And two more. " + nearShort("two"),
	"And two more. " + nearShort("two"),
	nearShort("one"),
	"And two more. " + nearShort("two"),
}, "\n\n") + "\n"

// placeTakenTwice is a text in which, in the second round, two later
// copies take places one after the other: the sentence round cuts
// saidTwice off the third paragraph, a fuller copy of the second then,
// which takes its place; and the paragraph rules no longer keep the
// fourth as a repeat (with the second copy gone as a stutter in the
// first round, it has too few copies left to recur, and the third goes
// as a repeat), which makes it compared, a fuller copy of the third
// (saidAcross added). Its bag may repeat (its copies have it),
// and it takes the place that the third took in this round, filed as in
// a full round only if the third itself was looked up there (see
// filedAsInFull): dropNearSettled leaves the round to a full dropNear.
var placeTakenTwice = strings.Join([]string{
	saidTwice,
	nearShort("two"),
	saidTwice + " " + nearShort("two") + " And two more.",
	saidAcross + " " + nearShort("two") + " And two more.",
	saidAcross + " " + nearShort("two") + " And two more.",
	nearShort("two"),
	saidAcross + " " + nearShort("two") + " And two more.",
}, "\n\n") + "\n"

// nearSettledInputs are the inputs of TestNearSettledAgrees: those of
// TestPrepareAgrees (damaged articles, the golden texts, teasers, bag
// twins), texts made for the later rounds of dropNear, and a stretch of
// the generated stream.
func nearSettledInputs(t *testing.T) []string {
	inputs := agreeInputs(t)
	inputs = append(inputs, cutMakesFullerCopy, cutMakesFullerTwin, emptiedBringsNear,
		cutMakesRepeat, cutMakesBagTwin, movedAfterSettled, protectionLostAfterSettled, cutSplitsOtherwise,
		cutMakesNearAtWindowEnd, tookPlaceAfterCompared, protectedTakesPlace, placeTakenTwice)
	return append(inputs, benchgen.New(3).Stream(1<<20))
}

// TestNearSettledAgrees runs the rounds of two cleaners side by side, one
// with dropNearSettled and one without (see roundsSideBySide), on many
// inputs with each of roundsOptions and with Lines; and checks that the
// inputs make dropNearSettled remove and move paragraphs, and leave a
// move to a full round.
func TestNearSettledAgrees(t *testing.T) {
	var n nearSettledCounts
	for _, opts := range append(slices.Clone(roundsOptions), Options{Paragraphs: Lines}) {
		for k, in := range nearSettledInputs(t) {
			roundsSideBySide(t, fmt.Sprintf("%+v, input %d", opts, k), in, opts, &n)
		}
	}
	t.Logf("%d settled rounds removed %d paragraphs and moved %d; %d left to a full round", n.settled, n.removed, n.moves, n.fallbacks)
	if n.settled == 0 || n.removed == 0 || n.moves == 0 || n.fallbacks == 0 {
		t.Errorf("the inputs do not reach every way of dropNearSettled")
	}
}

// TestNearSettledRandom is TestNearSettledAgrees on random texts of 3 to
// 22 of the roundsPalette paragraphs made for the later rounds of
// dropNear, the same on every run: what the texts made for it do not
// reach, many such texts do. Like cutMakesNearAtWindowEnd and
// tookPlaceAfterCompared, it fails with a window one paragraph short or
// with nearDisturbed left out.
func TestNearSettledRandom(t *testing.T) {
	texts := 400
	if testing.Short() {
		texts = 50
	}
	r := rand.New(rand.NewPCG(15, 7))
	near := roundsPalette[slices.Index(roundsPalette, saidTwice+" Then more."):]
	var n nearSettledCounts
	optionSets := append(slices.Clone(roundsOptions), Options{Paragraphs: Lines})
	for k := range texts {
		var s strings.Builder
		for range 3 + r.IntN(20) {
			s.WriteString(near[r.IntN(len(near))])
			s.WriteString("\n\n")
		}
		in := s.String()
		for _, opts := range optionSets {
			roundsSideBySide(t, fmt.Sprintf("%+v, text %d %q", opts, k, in), in, opts, &n)
		}
	}
	t.Logf("%d settled rounds removed %d paragraphs and moved %d; %d left to a full round", n.settled, n.removed, n.moves, n.fallbacks)
	if n.settled == 0 || n.removed == 0 || n.moves == 0 || n.fallbacks == 0 {
		t.Errorf("the texts do not reach every way of dropNearSettled")
	}
}

// nearSettledCounts counts what dropNearSettled did in the rounds that
// roundsSideBySide ran: the rounds it made, the paragraphs it removed and
// moved, and the rounds it left to a full dropNear.
type nearSettledCounts struct{ settled, removed, moves, fallbacks int }

// roundsSideBySide runs the rounds of two cleaners of in side by side,
// one with dropNearSettled and one without, and fails t unless after
// every paragraph round both have the same order and fates, with the
// same similarities and copies kept later. It adds to n what
// dropNearSettled did.
func roundsSideBySide(t *testing.T, where, in string, opts Options, n *nearSettledCounts) {
	t.Helper()
	defer func(s bool) { skipSettledNear = s }(skipSettledNear)
	settled := 0 // short's settled rounds counted so far
	short := shortcutSideBySide(t, where+": dropNearSettled", in, opts,
		func(on bool) { skipSettledNear = on },
		func(short *cleaner) {
			if short.nearLast.settledRounds == settled {
				return
			}
			settled = short.nearLast.settledRounds
			n.settled++
			for _, d := range short.nearLast.drops {
				if d.moved {
					n.moves++
				} else {
					n.removed++
				}
			}
		})
	n.fallbacks += short.nearLast.fallbacks
}

// shortcutSideBySide runs the rounds of in in two cleaners side by side,
// the first with a shortcut that set(true) turns on, the second with it
// off (set(false)), each set just before its cleaner's paragraph round,
// and fails t unless after every paragraph round both have the same
// order and fates (see sameRoundState). It calls after, if not nil, with
// the first cleaner after each of its paragraph rounds, and returns that
// cleaner.
func shortcutSideBySide(t *testing.T, where, in string, opts Options, set func(on bool), after func(short *cleaner)) *cleaner {
	t.Helper()
	short, full := stageCleaner(t, in, &opts), stageCleaner(t, in, &opts)
	for round := range maxRounds {
		set(true)
		changedShort := short.paragraphRound()
		set(false)
		changedFull := full.paragraphRound()
		where := fmt.Sprintf("%s, round %d", where, round+1)
		if changedShort != changedFull {
			t.Fatalf("%s: paragraph round changed %v with the shortcut, %v without", where, changedShort, changedFull)
		}
		sameRoundState(t, where, short, full)
		if after != nil {
			after(short)
		}
		cut := sentenceRoundEach(short, full)
		if !changedShort && !cut {
			break
		}
	}
	return short
}

// sentenceRoundEach runs in each cleaner the sentence round that rounds
// runs after a paragraph round, if it would, and reports whether any cut.
func sentenceRoundEach(cs ...*cleaner) bool {
	cut := false
	for _, c := range cs {
		if !c.opts.NoSentences && !c.sentencesSettled() {
			cut = c.sentenceRound(nil) || cut
			c.noteSentenceRound()
		}
	}
	return cut
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
// it moves cutMakesFullerCopy's and cutMakesFullerTwin's fuller copy
// itself (and removes the twin by its bag in the third round), removes
// emptiedBringsNear's second copy, and leaves protectedTakesPlace's move
// to a full round.
func TestNearSettledWays(t *testing.T) {
	for _, bc := range []struct {
		name           string
		in             string
		moves, removes int // by dropNearSettled
		fallbacks      int
		near           int // paragraphs removed as near-duplicates in all
	}{
		{"cutMakesFullerCopy", cutMakesFullerCopy, 1, 0, 0, 1},
		{"cutMakesFullerTwin", cutMakesFullerTwin, 1, 1, 0, 2},
		{"emptiedBringsNear", emptiedBringsNear, 0, 1, 0, 1},
		{"protectedTakesPlace", protectedTakesPlace, 0, 0, 1, 1},
		{"placeTakenTwice", placeTakenTwice, 0, 0, 1, 2},
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
			if cut := sentenceRoundEach(c); !changed && !cut {
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
