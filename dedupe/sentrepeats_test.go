package dedupe

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// sharedSentencesInput returns paragraphs of sentences drawn from a small
// pool, so that most sentences repeat one in an earlier paragraph or the
// same one, with exact repeats of whole paragraphs, some of them short
// enough for the paragraph rules to keep (see keptRepeat), and
// paragraphs that only repeat, which the cuts empty.
func sharedSentencesInput() string {
	r := rand.New(rand.NewPCG(6, 15))
	pool := make([]string, 80)
	for k := range pool {
		pool[k] = fmt.Sprintf("Sentence %d of the pool tells of the harbour and its %d ships.", k, k*7)
	}
	var paras []string
	for k := range 600 {
		var b strings.Builder
		switch {
		case k%50 == 7 && len(paras) > 0: // an exact repeat
			b.WriteString(paras[r.IntN(len(paras))])
		case k%40 == 3: // short, and repeated
			b.WriteString("Read more.")
		default:
			fmt.Fprintf(&b, "Paragraph %d opens with words of its own, here and now.", k)
			for range 1 + r.IntN(4) {
				b.WriteString(" " + pool[r.IntN(len(pool))])
			}
			if k%9 == 0 { // only repeats
				b.Reset()
				b.WriteString(pool[r.IntN(len(pool))])
			}
		}
		paras = append(paras, b.String())
	}
	return strings.Join(paras, "\n\n") + "\n"
}

// repeatedSentencesByMap returns what repeatedSentences returns, found
// one sentence at a time in a map by key: a sentence repeats the first
// long sentence of the order with its key, if it is not in a paragraph
// kept as a repeat.
func (c *cleaner) repeatedSentencesByMap() []sentenceRepeat {
	var repeats []sentenceRepeat
	first := make(map[string]keptSentence)
	for pos, i := range c.order {
		text := c.textOf(int(i))
		sents := c.sentencesOf(int(i))
		for n, s := range sents {
			if !s.long() {
				continue
			}
			here := keptSentence{i, span32{endBefore(sents, n), s.end}}
			sp := spanOf(text, sents, n)
			key := string(appendKey(nil, text[sp.start:sp.end]))
			f, ok := first[key]
			switch {
			case !ok:
				first[key] = here
			case !c.keptRepeat[i]:
				repeats = append(repeats, sentenceRepeat{int32(pos), uint32(n), f})
			}
		}
	}
	return repeats
}

// TestRepeatedSentencesShares finds the repeated sentences of an input
// whose repeats fall in every share of the hashes, on one goroutine and
// on 2, 3 and 8, with the twice set asked beforehand or not, and checks
// that each finds those a map finds, and that Clean's Result is the same
// on any number of goroutines.
func TestRepeatedSentencesShares(t *testing.T) {
	in := sharedSentencesInput()
	c := stageCleaner(t, in, &Options{})
	c.paragraphRound()
	for _, i := range c.order {
		c.sentencesOf(int(i))
	}
	want := c.repeatedSentencesByMap()
	kept := 0
	for _, i := range c.order {
		if c.keptRepeat[i] {
			kept++
		}
	}
	if len(want) < 100 || kept == 0 {
		t.Fatalf("%d repeated sentences and %d kept repeats in the input, want 100 or more and some", len(want), kept)
	}
	for _, workers := range []int{1, 2, 3, 8} {
		got := c.repeatedSentences(workers, nil)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("on %d goroutines: %d repeats\n%+v\nwant %d\n%+v", workers, len(got), got, len(want), want)
		}
		// Asks made beforehand, on other numbers of goroutines (rounds
		// makes the first round's on one).
		for _, askers := range []int{1, 3} {
			if got := c.repeatedSentences(workers, c.askSentences(askers, workers)); !reflect.DeepEqual(got, want) {
				t.Errorf("on %d goroutines, asked on %d: %d repeats, want %d", workers, askers, len(got), len(want))
			}
		}
		inShare := make([]int, workers)
		for _, r := range want {
			s := c.sentencesOf(int(c.order[r.pos]))[r.sentence]
			inShare[shareOf(s.hash(), workers)]++
		}
		for share, n := range inShare {
			if n == 0 {
				t.Errorf("on %d goroutines, share %d has no repeats", workers, share)
			}
		}
	}
	one := cleanWith(t, in, Options{}, math.MaxInt, 1)
	if len(one.Changes) == 0 {
		t.Fatal("nothing removed")
	}
	for _, workers := range []int{2, 3, 8} {
		if many := cleanWith(t, in, Options{}, 0, workers); !reflect.DeepEqual(one, many) {
			t.Fatalf("on %d goroutines:\n%+v\non one:\n%+v", workers, many, one)
		}
	}
}

// FuzzRepeatedSentences checks on any input that the repeated sentences
// of the first sentence round, found on one goroutine or on two or three,
// with the twice set asked beforehand or not, are those a map finds.
func FuzzRepeatedSentences(f *testing.F) {
	f.Add("A long first sentence that is repeated later on. Another one here too.\n\nB. A long first sentence that is repeated later on.\n")
	f.Add(sharedSentencesInput())
	f.Add(teasersInput())
	f.Fuzz(func(t *testing.T, in string) {
		doc, err := normalize.New(normalize.Options{}).Document(in)
		if err != nil {
			return // not text
		}
		c := &cleaner{input: in, opts: &Options{}, doc: doc}
		c.start()
		c.paragraphRound()
		for _, i := range c.order {
			c.sentencesOf(int(i))
		}
		want := c.repeatedSentencesByMap()
		for _, workers := range []int{1, 2, 3} {
			if got := c.repeatedSentences(workers, nil); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Fatalf("input %q on %d goroutines:\n%+v\nwant\n%+v", in, workers, got, want)
			}
			if got := c.repeatedSentences(workers, c.askSentences(1, workers)); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Fatalf("input %q on %d goroutines, asked on one beforehand:\n%+v\nwant\n%+v", in, workers, got, want)
			}
		}
	})
}

// BenchmarkSentenceRound runs the first sentence round of the default
// mode, after the first paragraph round, on stageSize of generated
// articles or on TEXTCLEAN_BENCH_FILE: on GOMAXPROCS goroutines, so
// -cpu 1,2 compares one with two.
func BenchmarkSentenceRound(b *testing.B) {
	input := stageInputOrFile(b)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		c := stageCleaner(b, input, &Options{})
		c.paragraphRound()
		b.StartTimer()
		c.sentenceRound(nil)
	}
}
