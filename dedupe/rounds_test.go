package dedupe

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// exactOptions are the options of exact paragraph dedup: every
// normalization rule, sentences, near-duplicates and junk lines off.
var exactOptions = Options{NoSentences: true, Similarity: -1, Junk: &Junk{NoBuiltin: true}, Normalize: normalize.Options{Skip: normalize.Except()}}

// roundsOptions are the option sets the rounds' tests clean with: each
// turns off a pass that changes the order or the texts between two
// paragraph rounds, or adds one (Elsewhere), or makes the passes remove
// more (every repeat, shorter sentences, less similar paragraphs).
var roundsOptions = []Options{{}, {NoSentences: true}, {Similarity: -1}, {NoMoves: true}, exactOptions,
	{Paragraphs: Lines, Junk: &Junk{Lines: []string{"Image caption"}}},
	{Elsewhere: everyNthKey(3)}, {MinLength: -1}, {MinLength: 10, MinSentenceWords: 2, Similarity: 0.5}}

// everyNthKey is an Elsewhere that has every paragraph whose Key's first
// sum is a multiple of it: a corpus that holds some of the paragraphs.
type everyNthKey uint64

// Find reports whether k's first sum is a multiple of n.
func (n everyNthKey) Find(k Key, length int) (Copy, bool) {
	if k[0]%uint64(n) != 0 {
		return Copy{}, false
	}
	return Copy{Doc: "other", Lines: LineRange{First: 1, Last: 1}, Documents: 1}, true
}

// cleanWithShortcuts cleans in with the shortcuts of the rounds on or off:
// reusing key classes (reuseKeyClasses), leaving out settled sentence
// rounds (skipSettledSentenceRounds), the lookups of hashes that came
// once (skipSingleHashes), the comparisons of paragraphs whose
// near-duplicate answer is settled (skipSettledNear) and the junk checks
// of texts checked before (skipSettledJunk), the rounds that would
// only confirm the one before (skipConfirmingRounds), decide's rules
// after the first two when those removed nothing (decideStopsEarly), and
// the sentence round's tables made in the paragraph round's memory
// (lendToSentenceRound), and the hashes of the keys' first words kept
// only once the document has a teaser (startsWithTeasers), and the
// sentence lists that no round looks into dropped after prepare
// (dropSingleSentenceLists), prepare's logs made in the decisions' memory
// (lendBatchLogs), and each shingle set made in the memory of the one it
// replaces (reuseShingleSets).
func cleanWithShortcuts(in string, opts Options, on bool) (*Result, error) {
	defer func(r, s, h, n, j, c, d, l, t, x, b, g bool) {
		reuseKeyClasses, skipSettledSentenceRounds, skipSingleHashes, skipSettledNear, skipSettledJunk, skipConfirmingRounds, decideStopsEarly, lendToSentenceRound, startsWithTeasers, dropSingleSentenceLists, lendBatchLogs, reuseShingleSets = r, s, h, n, j, c, d, l, t, x, b, g
	}(reuseKeyClasses, skipSettledSentenceRounds, skipSingleHashes, skipSettledNear, skipSettledJunk, skipConfirmingRounds, decideStopsEarly, lendToSentenceRound, startsWithTeasers, dropSingleSentenceLists, lendBatchLogs, reuseShingleSets)
	reuseKeyClasses, skipSettledSentenceRounds, skipSingleHashes, skipSettledNear, skipSettledJunk, skipConfirmingRounds, decideStopsEarly, lendToSentenceRound, startsWithTeasers, dropSingleSentenceLists, lendBatchLogs, reuseShingleSets = on, on, on, on, on, on, on, on, on, on, on, on
	return Clean(in, opts)
}

// TestRoundsAgree checks that the shortcuts of the rounds (a paragraph
// round's table worked out from the last one's key classes, a settled
// sentence round left out, keys, sentences and bags that came once not
// looked up) give the same Result as every table filed, every round run
// and every hash looked up, on the inputs of TestPrepareAgrees with each
// of roundsOptions.
func TestRoundsAgree(t *testing.T) {
	inputs := agreeInputs(t)
	for _, opts := range roundsOptions {
		for k, in := range inputs {
			t.Run(fmt.Sprintf("%+v/%d", opts, k), func(t *testing.T) {
				plain, err := cleanWithShortcuts(in, opts, false)
				if err != nil {
					t.Fatal(err)
				}
				short, err := cleanWithShortcuts(in, opts, true)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(plain, short) {
					t.Fatalf("with the shortcuts:\n%+v\nwithout:\n%+v", short, plain)
				}
			})
		}
	}
}

// FuzzRoundsAgree checks that the shortcuts of the rounds give the same
// Result as every table filed and every round run on any input, in the
// default mode, in exact paragraph mode and with the option set of
// roundsOptions that set picks.
func FuzzRoundsAgree(f *testing.F) {
	f.Add("A long first paragraph that is repeated later on.\nB\nA long first paragraph that is repeated later on.\n", uint8(0))
	f.Add("P one is long enough to be a repeat here.\nP two is long enough to be a repeat here.\nU\nP one is long enough to be a repeat here.\nV\nP two is long enough to be a repeat here.\n", uint8(0))
	f.Add("Note\nLong paragraph L that is well over forty characters.\nNote\nLong paragraph L that is well over forty characters.\nNote\nLong paragraph M that is also well over forty characters.\nLong paragraph L that is well over forty characters.\nTHIS UNIQUE LINE IS LOST\nNote\nLong paragraph M that is also well over forty characters.\n", uint8(0))
	f.Add("Alpha beta gamma delta epsilon zeta.\nAlpha beta gamma delta epsilon zeta. Call for a compromise\nCall for a compromise\nCall for a compromise\nCall for a compromise\n", uint8(0))
	f.Add(teasersInput(), uint8(0))
	f.Add("\x00", uint8(0))
	f.Add(cutMakesRepeat, uint8(0))
	f.Add(cutMakesBagTwin, uint8(0))
	f.Add(movedAfterSettled, uint8(0))
	f.Add(protectionLostAfterSettled, uint8(0))
	f.Add(movedAfterSettled, uint8(6))
	f.Add(cutMakesRepeat, uint8(8))
	f.Add(cutSplitsOtherwise, uint8(0))
	f.Add(cutMakesFullerCopy, uint8(0))
	f.Add(cutMakesFullerTwin, uint8(0))
	f.Add(emptiedBringsNear, uint8(0))
	f.Add(cutMakesJunk, uint8(0))
	f.Add(cutMakesNearAtWindowEnd, uint8(0))
	f.Add(tookPlaceAfterCompared, uint8(0))
	f.Add(protectedTakesPlace, uint8(0))
	f.Add(shinglesHeld, uint8(0))
	f.Fuzz(func(t *testing.T, in string, set uint8) {
		for _, opts := range []Options{{}, exactOptions, roundsOptions[int(set)%len(roundsOptions)]} {
			plain, err := cleanWithShortcuts(in, opts, false)
			if err != nil && !errors.Is(err, normalize.ErrBinary) {
				t.Fatal(err)
			}
			short, err2 := cleanWithShortcuts(in, opts, true)
			if fmt.Sprint(err2) != fmt.Sprint(err) || !reflect.DeepEqual(plain, short) {
				t.Fatalf("input %q, options %+v:\nwith the shortcuts %+v, %v\nwithout %+v, %v", in, opts, short, err2, plain, err)
			}
		}
	})
}

// cutMakesRepeat is a text in which the sentence round cuts the last
// paragraph to a repeat of the one before, which the second paragraph
// round removes: only if it files the paragraph's new key.
const cutMakesRepeat = "A sentence of more than five words, said once before.\n" +
	"First one here. Second one there. Third one now.\n" +
	"First one here. Second one there. Third one now. A sentence of more than five words, said once before.\n"

// cutMakesJunk is a text whose last paragraph but one is a junk line once
// the sentence round has cut the long sentence it repeats: the second
// round's dropJunk removes it, only if it looks at the texts cut since
// the first.
const cutMakesJunk = "A long sentence said earlier in this text, word for word here. And another one follows it.\n\n" +
	"Filler one here.\n\nFiller two here.\n\nFiller three here.\n\nFiller four here.\n\n" +
	"A long sentence said earlier in this text, word for word here. Advertisement\n\nSomething else.\n"

// TestCutMakesJunk checks that dropJunk, which leaves out the texts it
// looked at before (skipSettledJunk), removes a paragraph that a sentence
// cut made a junk line, with the same Result as when it looks at every
// text in every round.
func TestCutMakesJunk(t *testing.T) {
	r, err := cleanWithShortcuts(cutMakesJunk, Options{}, true)
	if err != nil {
		t.Fatal(err)
	}
	junk := 0
	for _, ch := range r.Changes {
		if ch.Kind == JunkLine && ch.Text == "Advertisement" {
			junk++
		}
	}
	if junk != 1 {
		t.Errorf("changes %+v: want the cut paragraph removed as a junk line", r.Changes)
	}
	if plain, _ := cleanWithShortcuts(cutMakesJunk, Options{}, false); !reflect.DeepEqual(plain, r) {
		t.Errorf("with the shortcuts:\n%+v\nwithout:\n%+v", r, plain)
	}
}

// TestRoundsReuseKeyClasses checks that the key classes of a round hold
// for the next when no sentence was cut in between, and not after a cut:
// a table reused for texts that a cut changed would be wrong.
func TestRoundsReuseKeyClasses(t *testing.T) {
	for _, bc := range []struct {
		opts Options
		hold bool
	}{{exactOptions, true}, {Options{}, false}} {
		c := stageCleaner(t, cutMakesRepeat, &bc.opts)
		c.paragraphRound()
		if !c.opts.NoSentences && !c.sentenceRound(nil) {
			t.Fatalf("%+v: the sentence round cut nothing", bc.opts)
		}
		if hold := c.keyClassesHold(); hold != bc.hold {
			t.Errorf("%+v: key classes hold %v, want %v", bc.opts, hold, bc.hold)
		}
	}
}

// TestSentencesSettled checks when a sentence round is left out after
// another: when the order since only lost paragraphs or moved ahead ones
// that were not kept repeats then, and every text that round cut splits
// into the sentences it kept; not when a kept repeat moved ahead, one is
// cut loose, a paragraph was not in that round's order, or a cut text
// splits otherwise. With near-duplicates off, noteSentenceRound keeps the
// order then and its kept repeats; with them on, the next dropNear's
// noteNear checks its order against its own (see nearSettled), which
// the test then calls as dropNear would.
func TestSentencesSettled(t *testing.T) {
	in := "First paragraph, with a sentence of more than five words.\n" +
		"Second paragraph, with another sentence of more than five words.\n" +
		"Third paragraph, with a third sentence of more than five words.\n"
	// cutAs records paragraph 1 as cut by the last round, keeping the
	// sentences of its text with hash hashes(its sentences' hashes).
	cutAs := func(c *cleaner, hashes func([]uint64) []uint64) {
		var mine []uint64
		for _, s := range c.sentencesOf(1) {
			mine = append(mine, s.hash())
		}
		c.cutParas, c.cutHashes = []int32{1}, hashes(mine)
		c.cutFrom = []int32{0, int32(len(c.cutHashes))}
	}
	// keptThen makes p a paragraph kept as a repeat then, and notThere
	// one not in the order then.
	keptThen := func(c *cleaner, p int32) {
		if c.near != nil {
			c.nearLast.bits[p] |= nearKeptThen
		} else {
			c.settledKept[p] = nearKeptThen
		}
	}
	notThere := func(c *cleaner, p int32) {
		if c.near != nil {
			c.copyOf[p] = 0
		} else {
			c.settledPos[p] = 0
		}
	}
	moveAhead := func(c *cleaner) { c.order[0], c.order[1] = c.order[1], c.order[0] }
	for _, opts := range []Options{{}, {Similarity: -1}} {
		for _, bc := range []struct {
			name    string
			change  func(c *cleaner)
			settled bool
		}{
			{"unchanged", func(c *cleaner) {}, true},
			{"one removed", func(c *cleaner) { c.order = slices.Delete(c.order, 1, 2) }, true},
			{"one moved ahead", moveAhead, true},
			{"a kept repeat moved ahead", func(c *cleaner) {
				keptThen(c, c.order[1])
				c.keptRepeat[c.order[1]] = true
				moveAhead(c)
			}, false},
			{"a kept repeat moved behind", func(c *cleaner) {
				keptThen(c, c.order[0])
				c.keptRepeat[c.order[0]] = true
				moveAhead(c)
			}, true},
			{"a kept repeat cut loose", func(c *cleaner) { keptThen(c, c.order[2]) }, false},
			{"one not in that round's order", func(c *cleaner) { notThere(c, c.order[2]) }, false},
			{"a cut text that splits into what it kept", func(c *cleaner) { cutAs(c, func(h []uint64) []uint64 { return h }) }, true},
			{"a cut text that splits otherwise", func(c *cleaner) { cutAs(c, func(h []uint64) []uint64 { return append(h, 42) }) }, false},
			{"a cut text that splits into other sentences", func(c *cleaner) { cutAs(c, func(h []uint64) []uint64 { h[0]++; return h }) }, false},
			{"a cut text no longer in the order", func(c *cleaner) {
				cutAs(c, func(h []uint64) []uint64 { return nil })
				c.order = slices.Delete(c.order, 1, 2)
				c.fate[1] = removed
			}, true},
		} {
			c := stageCleaner(t, in, &opts)
			c.paragraphRound()
			if c.sentenceRound(nil) {
				t.Fatal("the sentence round cut a sentence")
			}
			c.noteSentenceRound()
			if (c.settledPos == nil) != (c.near != nil) {
				t.Fatalf("%+v: settledPos made %v, with near-duplicates on %v", opts, c.settledPos != nil, c.near != nil)
			}
			bc.change(c)
			if c.near != nil {
				c.noteNear(nil, nil) // the next dropNear's, on the order now
			}
			if got := c.sentencesSettled(); got != bc.settled {
				t.Errorf("%+v: %s: settled %v, want %v", opts, bc.name, got, bc.settled)
			}
		}
	}
}

// TestHasRunes checks hasRunes against counting the runes, for texts of
// one-, two-, three- and four-byte runes and invalid bytes, at and around
// every length it decides by.
func TestHasRunes(t *testing.T) {
	for _, unit := range []string{"a", "é", "€", "𝄞", "\xff", "a€\xff𝄞"} {
		for reps := range 30 {
			s := strings.Repeat(unit, reps)
			for n := -1; n <= len(s)+2; n++ {
				if got, want := hasRunes(s, n), runeCount(s) >= n; got != want {
					t.Errorf("hasRunes(%q, %d) = %v, want %v", s, n, got, want)
				}
			}
		}
	}
}

// outputOrderWithMap is outputOrder as it was before it sorted the moves:
// with a map of them by anchor, looked up for every kept paragraph.
func outputOrderWithMap(d []decision) []int32 {
	before := make(map[int][]int)
	for i := range d {
		if d[i].fate == moved {
			before[int(d[i].copyOf)] = append(before[int(d[i].copyOf)], i)
		}
	}
	order := make([]int32, 0, len(d))
	var place func(i int)
	place = func(i int) {
		for _, m := range before[i] {
			place(m)
		}
		order = append(order, int32(i))
	}
	for i := range d {
		if d[i].fate == kept {
			place(i)
		}
	}
	return order
}

// TestOutputOrder checks outputOrder against outputOrderWithMap on random
// decisions, with paragraphs moved before kept, moved and removed ones
// earlier in the sequence, as decide moves them.
func TestOutputOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var dc decider
	for range 2000 {
		n := 1 + r.IntN(40)
		dc.d = resize(dc.d, n)
		for pos := range n {
			switch k := r.IntN(6); {
			case k == 0 && pos > 0:
				dc.d[pos] = decision{fate: moved, copyOf: int32(r.IntN(pos))}
			case k == 1 && pos > 0:
				dc.d[pos] = removedAs(r.IntN(pos))
			}
		}
		want := outputOrderWithMap(dc.d)
		order := make([]int32, n)
		for pos := range order {
			order[pos] = 100 + int32(pos)
		}
		got := dc.outputOrder(nil, order)
		for k := range got {
			got[k] -= 100
		}
		if !slices.Equal(got, want) {
			t.Fatalf("decisions %+v: order %v, want %v", dc.d, got, want)
		}
	}
}

// The texts of TestSettledConditionsMatter. In both, the first paragraph
// round leaves teasers of paragraph x out only after its decisions (see
// dropNear), so the second decides on an order it did not see, after a
// sentence round that cut nothing: x's last sentence, which the short
// paragraph u repeats, was the first, and u, kept twice, was protected.
const (
	settledX  = "A unique paragraph about nothing in particular at all, written here. One two three four five six."
	settledU  = "One two three four five six."
	settledP  = "Paragraph P is long enough to be a repeat."
	settledR  = "Paragraph R is long enough to be a repeat too."
	teaserOfX = "A unique paragraph about nothing in particular at all, written…"
	teaser2X  = "A unique paragraph about nothing in particular at all, written here…"
)

// movedAfterSettled: P and R recur (three copies and more stay, a
// template), but with the teasers gone a copy of each stands right after
// another copy and goes as a stutter; u, between the two, now stands in
// a repeated run of the first P and R, and the second round moves it into
// that kept copy, ahead of x, whose last sentence then repeats u's.
var movedAfterSettled = strings.Join([]string{settledP, settledR, settledX, settledP, teaserOfX, settledP,
	settledU, settledR, teaser2X, settledR, settledU, settledR, "Ok.", settledP, "Fine.", settledR}, "\n") + "\n"

// protectionLostAfterSettled: with the teaser gone, the second copies of
// the short a and u stand together as in their first copies, a run the
// second round removes; u is no longer kept twice, and its sentence, a
// repeat of x's, goes.
var protectionLostAfterSettled = strings.Join([]string{settledX, "Alpha beta gamma delta.", settledU, "Ok.",
	"Alpha beta gamma delta.", teaserOfX, settledU}, "\n") + "\n"

// TestSettledConditionsMatter checks, on a text for each of two
// conditions of sentencesSettled (no kept repeat moved ahead, none cut
// loose), that the condition is what makes the next sentence round run,
// that the round cuts, and that Clean gives the same Result with the
// shortcuts of the rounds on and off: left out, that round would lose
// the cut (FuzzRoundsAgree has the texts as seeds). The third condition,
// a cut text that splits into other sentences than it kept, has a test
// of its own: TestSettledCutSplitsOtherwise.
func TestSettledConditionsMatter(t *testing.T) {
	for _, bc := range []struct {
		name string
		in   string
	}{{"a kept repeat moved ahead", movedAfterSettled}, {"a kept repeat cut loose", protectionLostAfterSettled}} {
		c := stageCleaner(t, bc.in, &Options{})
		c.paragraphRound()
		if c.sentenceRound(nil) {
			t.Fatalf("%s: the first sentence round cut a sentence", bc.name)
		}
		c.noteSentenceRound()
		c.paragraphRound()
		if c.sentencesSettled() {
			t.Errorf("%s: settled after the second paragraph round", bc.name)
		}
		if !c.sentenceRound(nil) {
			t.Errorf("%s: the second sentence round cut nothing", bc.name)
		}
		plain, err := cleanWithShortcuts(bc.in, Options{}, false)
		if err != nil {
			t.Fatal(err)
		}
		if short, _ := cleanWithShortcuts(bc.in, Options{}, true); !reflect.DeepEqual(plain, short) {
			t.Errorf("%s: with the shortcuts:\n%s\nwithout:\n%s", bc.name, short.Text, plain.Text)
		}
	}
}

// cutSplitsOtherwise is a text whose last paragraph the first sentence
// round cuts to a text that splits into a sentence it did not have: with
// the sentence between them gone, "No." stands before a digit, where it
// abbreviates "number" and does not end the sentence. The sentence it
// makes is a repeat of the second paragraph's, which the second round
// cuts, emptying the paragraph.
const cutSplitsOtherwise = "Then the committee left the room quietly at noon.\n" +
	"Padding words one two three four five six seven eight nine ten eleven twelve thirteen. The answer he gave them was No. 10 people stayed behind for the vote.\n" +
	"The answer he gave them was No. Then the committee left the room quietly at noon. 10 people stayed behind for the vote.\n"

// TestSettledCutSplitsOtherwise checks, on cutSplitsOtherwise, that a
// sentence round after one that cut a text into other sentences than it
// kept is not left out, that it cuts, and that Clean gives the same
// Result with the shortcuts of the rounds on and off.
func TestSettledCutSplitsOtherwise(t *testing.T) {
	c := stageCleaner(t, cutSplitsOtherwise, &Options{})
	c.paragraphRound()
	if !c.sentenceRound(nil) {
		t.Fatal("the first sentence round cut nothing")
	}
	c.noteSentenceRound()
	if len(c.cutParas) != 1 || len(c.sentencesOf(int(c.cutParas[0]))) == int(c.cutFrom[1]) {
		t.Fatalf("the cut text splits into as many sentences as it kept, or more than one text was cut (%v)", c.cutParas)
	}
	c.paragraphRound()
	if c.sentencesSettled() {
		t.Error("settled after the second paragraph round")
	}
	if !c.sentenceRound(nil) {
		t.Error("the second sentence round cut nothing")
	}
	plain, err := cleanWithShortcuts(cutSplitsOtherwise, Options{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Emptied != 1 {
		t.Errorf("%d paragraphs emptied, want 1:\n%s", plain.Emptied, plain.Text)
	}
	if short, _ := cleanWithShortcuts(cutSplitsOtherwise, Options{}, true); !reflect.DeepEqual(plain, short) {
		t.Errorf("with the shortcuts:\n%s\nwithout:\n%s", short.Text, plain.Text)
	}
}

// roundsPalette are the paragraphs that FuzzRoundsPalette makes its texts
// of: long, short and recurring repeats, a paragraph x with teasers and a
// near-duplicate, paragraphs that share sentences with others, bag twins
// (the same sentences in another order), junk lines, an empty one and a
// text that a cut makes split otherwise. Texts of a dozen of them reach
// what random bytes seldom do: rounds after the first that remove, move,
// cut and protect.
var roundsPalette = []string{
	settledX, settledU, settledP, settledR, teaserOfX, teaser2X,
	"A unique paragraph about nothing in particular at all, written here. One two three four five seven.",
	"Alpha beta gamma delta.", "Ok.", "B", "Advertisement", "Image caption", "",
	"Long paragraph L that is well over forty characters.",
	"Long paragraph M that is also well over forty characters.",
	"First one here. Second one there. Third one now.",
	"A sentence of more than five words, said once before.",
	"First one here. Second one there. Third one now. A sentence of more than five words, said once before.",
	settledR + " " + settledU,
	settledP + " A sentence of more than five words, said once before.",
	settledU + " Alpha beta gamma delta.",
	// Bag twins: two paragraphs of the same sentences, and one that a
	// sentence cut makes the bag twin of another (see cutMakesBagTwin).
	"Story one opens here today with a view. Its middle part is its own. Story one ends the way it began.",
	"Story one ends the way it began. Story one opens here today with a view. Its middle part is its own.",
	"Alpha says hi now. Bravo is a long sentence said before here. Charlie says bye now. Delta waves too.",
	"Bravo is a long sentence said before here.",
	"Delta waves too. Alpha says hi now. Charlie says bye now.",
	// A text that a cut makes split into a sentence it did not have,
	// a repeat of the one before (see cutSplitsOtherwise).
	"Then the committee left the room quietly at noon.",
	"Padding words one two three four five six seven eight nine ten eleven twelve thirteen. The answer he gave them was No. 10 people stayed behind for the vote.",
	"The answer he gave them was No. Then the committee left the room quietly at noon. 10 people stayed behind for the vote.",
	// Near-duplicates that the later rounds find (see
	// cutMakesFullerCopy, cutMakesFullerTwin, emptiedBringsNear).
	"This long sentence is said twice in the text, the first time here. Then more.",
	nearShort("one"),
	"This long sentence is said twice in the text, the first time here. " + nearShort("two") + " And two more.",
	"And two more. " + nearShort("two"),
	"This long sentence is said twice in the text, the first time here.",
	nearShort("two"),
	// The paragraphs of cutMakesNearAtWindowEnd and
	// tookPlaceAfterCompared that the ones above do not have.
	nearShort("two") + " " + saidTwice,
	saidOnceHere,
	saidAcross + " " + nearShort("one") + " And two more.",
	nearShort("three") + " " + saidAcross,
	nearShort("two") + " And two more.",
	saidAcross + " " + nearShort("two") + " And two more.",
}

// paletteText returns the text of the roundsPalette paragraphs that the
// bytes of b pick, one a line, and a blank line after those picked by a
// byte from 128 on.
func paletteText(b []byte) string {
	var s strings.Builder
	for _, x := range b {
		s.WriteString(roundsPalette[int(x)%len(roundsPalette)])
		s.WriteByte('\n')
		if x >= 128 {
			s.WriteByte('\n')
		}
	}
	return s.String()
}

// FuzzRoundsPalette is FuzzRoundsAgree on texts made of roundsPalette
// paragraphs (see paletteText), of at most 64, with the shortcuts on one
// goroutine and on two from no length on: only then does prepare run, and
// with it dropSingleLists, which the texts of a few paragraphs below
// parallelBytes never reached.
func FuzzRoundsPalette(f *testing.F) {
	f.Add([]byte{2, 3, 0, 2, 4, 2, 1, 3, 5, 3, 1, 3, 8, 2, 8, 3}, uint8(0)) // movedAfterSettled, "Fine." made "Ok."
	f.Add([]byte{0, 7, 1, 8, 7, 4, 1}, uint8(0))                            // protectionLostAfterSettled
	f.Add([]byte{16, 15, 17, 13, 14, 13, 9, 13}, uint8(7))
	f.Add([]byte{21, 14, 15, 7, 22}, uint8(0))            // bag twins, out of nearWindow
	f.Add([]byte{24, 23, 14, 15, 7, 25}, uint8(0))        // cutMakesBagTwin
	f.Add([]byte{26, 27, 28}, uint8(0))                   // cutSplitsOtherwise
	f.Add([]byte{29, 30, 31, 13, 14, 6, 0}, uint8(0))     // cutMakesFullerCopy
	f.Add([]byte{29, 30, 31, 13, 14, 6, 0, 32}, uint8(0)) // cutMakesFullerTwin
	f.Add([]byte{29, 30, 13, 14, 33, 34}, uint8(0))       // emptiedBringsNear
	f.Add([]byte{29, 35, 36, 37, 32}, uint8(0))           // cutMakesNearAtWindowEnd
	f.Add([]byte{38, 39, 40}, uint8(0))                   // tookPlaceAfterCompared
	f.Add([]byte{30, 32, 32, 30, 32}, uint8(0))           // protectedTakesPlace
	f.Fuzz(func(t *testing.T, b []byte, set uint8) {
		if len(b) > 64 {
			return
		}
		in := paletteText(b)
		for _, opts := range []Options{{}, exactOptions, roundsOptions[int(set)%len(roundsOptions)]} {
			plain, err := cleanWithShortcuts(in, opts, false)
			if err != nil {
				t.Fatal(err)
			}
			if short, _ := cleanWithShortcuts(in, opts, true); !reflect.DeepEqual(plain, short) {
				t.Fatalf("input %q, options %+v:\nwith the shortcuts %+v\nwithout %+v", in, opts, short, plain)
			}
			restore := withParallel(0, 2)
			short, _ := cleanWithShortcuts(in, opts, true)
			restore()
			if !reflect.DeepEqual(plain, short) {
				t.Fatalf("input %q, options %+v:\nwith the shortcuts on two goroutines %+v\nwithout, on one %+v", in, opts, short, plain)
			}
		}
	})
}
