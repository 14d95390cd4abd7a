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

// roundsOptions are the option sets the paragraph rounds' tests clean
// with: each turns off a pass that changes the order or the texts
// between two paragraph rounds.
var roundsOptions = []Options{{}, {NoSentences: true}, {Similarity: -1}, {NoMoves: true}, exactOptions,
	{Paragraphs: Lines, Junk: &Junk{Lines: []string{"Image caption"}}}}

// cleanReusing cleans in with reuseKeyClasses set to reuse.
func cleanReusing(in string, opts Options, reuse bool) (*Result, error) {
	defer func(r bool) { reuseKeyClasses = r }(reuseKeyClasses)
	reuseKeyClasses = reuse
	return Clean(in, opts)
}

// TestRoundsAgree checks that working out a paragraph round's table from
// the last one's key classes gives the same Result as filing every
// table's keys, on the inputs of TestPrepareAgrees with each of
// roundsOptions.
func TestRoundsAgree(t *testing.T) {
	inputs := agreeInputs(t)
	for _, opts := range roundsOptions {
		for k, in := range inputs {
			t.Run(fmt.Sprintf("%+v/%d", opts, k), func(t *testing.T) {
				filed, err := cleanReusing(in, opts, false)
				if err != nil {
					t.Fatal(err)
				}
				reused, err := cleanReusing(in, opts, true)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(filed, reused) {
					t.Fatalf("key classes reused:\n%+v\nevery table filed:\n%+v", reused, filed)
				}
			})
		}
	}
}

// FuzzRoundsAgree checks that reusing key classes gives the same Result
// as filing every table's keys on any input, in the default mode and in
// exact paragraph mode.
func FuzzRoundsAgree(f *testing.F) {
	f.Add("A long first paragraph that is repeated later on.\nB\nA long first paragraph that is repeated later on.\n")
	f.Add("P one is long enough to be a repeat here.\nP two is long enough to be a repeat here.\nU\nP one is long enough to be a repeat here.\nV\nP two is long enough to be a repeat here.\n")
	f.Add("Note\nLong paragraph L that is well over forty characters.\nNote\nLong paragraph L that is well over forty characters.\nNote\nLong paragraph M that is also well over forty characters.\nLong paragraph L that is well over forty characters.\nTHIS UNIQUE LINE IS LOST\nNote\nLong paragraph M that is also well over forty characters.\n")
	f.Add("Alpha beta gamma delta epsilon zeta.\nAlpha beta gamma delta epsilon zeta. Call for a compromise\nCall for a compromise\nCall for a compromise\nCall for a compromise\n")
	f.Add(teasersInput())
	f.Add("\x00")
	f.Add(cutMakesRepeat)
	f.Fuzz(func(t *testing.T, in string) {
		for _, opts := range []Options{{}, exactOptions} {
			filed, err := cleanReusing(in, opts, false)
			if err != nil && !errors.Is(err, normalize.ErrBinary) {
				t.Fatal(err)
			}
			reused, err2 := cleanReusing(in, opts, true)
			if fmt.Sprint(err2) != fmt.Sprint(err) || !reflect.DeepEqual(filed, reused) {
				t.Fatalf("input %q, options %+v:\nkey classes reused %+v, %v\nevery table filed %+v, %v", in, opts, reused, err2, filed, err)
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
		if !c.opts.NoSentences && !c.sentenceRound() {
			t.Fatalf("%+v: the sentence round cut nothing", bc.opts)
		}
		if hold := c.keyClassesHold(); hold != bc.hold {
			t.Errorf("%+v: key classes hold %v, want %v", bc.opts, hold, bc.hold)
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
func outputOrderWithMap(d []decision) []int {
	before := make(map[int][]int)
	for i := range d {
		if d[i].fate == moved {
			before[int(d[i].copyOf)] = append(before[int(d[i].copyOf)], i)
		}
	}
	order := make([]int, 0, len(d))
	var place func(i int)
	place = func(i int) {
		for _, m := range before[i] {
			place(m)
		}
		order = append(order, i)
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
		anyMoved := false
		for pos := range n {
			switch k := r.IntN(6); {
			case k == 0 && pos > 0:
				dc.d[pos] = decision{fate: moved, copyOf: int32(r.IntN(pos))}
				anyMoved = true
			case k == 1 && pos > 0:
				dc.d[pos] = removedAs(r.IntN(pos))
			}
		}
		want := outputOrderWithMap(dc.d)
		order := make([]int, n)
		for pos := range order {
			order[pos] = 100 + pos
		}
		got := dc.outputOrder(nil, order, anyMoved)
		for k := range got {
			got[k] -= 100
		}
		if !slices.Equal(got, want) {
			t.Fatalf("decisions %+v: order %v, want %v", dc.d, got, want)
		}
	}
}
