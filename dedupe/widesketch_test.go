package dedupe

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// madeUpWords returns a vocabulary of n made-up lower-case words and a
// function that draws a paragraph of a given number of them, in sentences,
// with the skewed frequencies of text (word k about 1/(k+1) as often as
// the first): unrelated paragraphs share their common words.
func madeUpWords(r *rand.Rand, n int) func(words int) string {
	vocab := make([]string, n)
	cum := make([]float64, n) // cumulative weights
	total := 0.0
	for k := range vocab {
		b := make([]byte, 2+r.IntN(8))
		for i := range b {
			b[i] = byte('a' + r.IntN(26))
		}
		vocab[k] = string(b)
		total += 1 / float64(k+1)
		cum[k] = total
	}
	return func(words int) string {
		var sb strings.Builder
		for k := range words {
			x := r.Float64() * total
			lo, hi := 0, n-1
			for lo < hi { // the first word whose cumulative weight is at least x
				mid := (lo + hi) / 2
				if cum[mid] < x {
					lo = mid + 1
				} else {
					hi = mid
				}
			}
			if k > 0 {
				sb.WriteByte(' ')
			}
			w := vocab[lo]
			if k%12 == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			sb.WriteString(w)
			if k%12 == 11 || k == words-1 {
				sb.WriteByte('.')
			}
		}
		return sb.String()
	}
}

// TestWideSketches checks the sketches nearCandidate screens pairs of
// paragraphs with, on a page of made-up words: each key of more than
// wideWords words finds its whole sketch in cleaner.wides (in more than
// one chunk) where its nearInfo says, the others keep their sketch
// folded; a paragraph with one word changed passes the screen against its
// original, and few pairs of unrelated paragraphs do, long ones (150 to
// 400 words, screened by their whole sketches) and short (60 to 90, by
// their halfSketches). Long paragraphs screened by their halfSketches
// passed it nearly all. On one goroutine, and on two, where prepare's
// goroutines file the whole sketches at once.
func TestWideSketches(t *testing.T) {
	for _, procs := range []int{1, 2} {
		restore := withParallel(0, procs)
		r := rand.New(rand.NewPCG(21, 8))
		draw := madeUpWords(r, 30000)
		var paras []string
		var copies []int // the paragraphs that are their predecessor with a word changed
		for k := range 3000 {
			n := 60 + r.IntN(31) // the first half short, the second long
			if k >= 1500 {
				n = 150 + r.IntN(251)
			}
			p := draw(n)
			paras = append(paras, p)
			if k%50 == 49 {
				w := strings.Fields(p)
				w[len(w)/2] = "zzzchanged"
				paras = append(paras, strings.Join(w, " "))
				copies = append(copies, len(paras)-1)
			}
		}
		c := stageCleaner(t, strings.Join(paras, "\n\n")+"\n", &Options{})
		if len(c.paras) != len(paras) {
			t.Fatalf("%d paragraphs, want %d", len(c.paras), len(paras))
		}
		checkSketches(t, c, procs)
		wide := 0
		for i := range c.paras {
			if c.near[i].words() > wideWords {
				wide++
			}
		}
		if wide <= wideChunk || len(c.wides) < 2 {
			t.Fatalf("procs %d: %d wide keys in %d chunks: the page no longer fills two", procs, wide, len(c.wides))
		}
		for _, i := range copies {
			if !c.nearCandidate(i, i-1, 0.8) {
				t.Errorf("procs %d: paragraph %d, with one word of %d changed, does not pass the screen", procs, i, i-1)
			}
		}
		var pairs, passed [2]int // [short pairs, long pairs]
		for i := 1; i < len(c.paras); i++ {
			a := c.near[i].words()
			if slices.Contains(copies, i) {
				continue
			}
			long := 0
			if a > wideWords {
				long = 1
			}
			for _, j := range []int{i - 1, max(0, i-2)} { // the neighbour, and the one before, of the same kind
				if j == i || (c.near[j].words() > wideWords) != (a > wideWords) {
					continue
				}
				pairs[long]++
				if c.nearCandidate(i, j, 0.8) {
					passed[long]++
				}
			}
		}
		t.Logf("procs %d: of %d pairs of short paragraphs %d passed the screen, of %d long %d", procs, pairs[0], passed[0], pairs[1], passed[1])
		for k, what := range []string{"short", "long"} {
			if pairs[k] < 1000 || passed[k]*100 > pairs[k] {
				t.Errorf("procs %d: %d of %d pairs of unrelated %s paragraphs passed the screen, want fewer than 1%%", procs, passed[k], pairs[k], what)
			}
		}
		restore()
	}
}

// checkSketches checks that each paragraph of c, keyed on procs
// goroutines, has the words of its key and, if more than wideWords, its
// whole sketch filed where its nearInfo says, else its sketch folded.
func checkSketches(t *testing.T, c *cleaner, procs int) {
	t.Helper()
	for i := range c.paras {
		n := c.nearOf(i)
		want := wordsOf(c.keyString(i))
		switch {
		case n.words() != want.n:
			t.Fatalf("procs %d: paragraph %d has %d words, want %d", procs, i, n.words(), want.n)
		case n.words() > wideWords:
			if *c.wideOf(n) != want.sketch {
				t.Fatalf("procs %d: paragraph %d, of %d words: the whole sketch filed is not its own", procs, i, n.words())
			}
		case n.sketch != want.sketch.fold():
			t.Fatalf("procs %d: paragraph %d, of %d words: its halfSketch is not its sketch folded", procs, i, n.words())
		}
	}
}

// sameNear reports whether near information a of cleaner ca and b of cb
// say the same of their keys: a key of more than wideWords words keeps
// the index of its whole sketch in its cleaner's wides, which differs
// from cleaner to cleaner, in place of its halfSketch.
func sameNear(ca *cleaner, a *nearInfo, cb *cleaner, b *nearInfo) bool {
	if a.made != b.made || a.bag != b.bag {
		return false
	}
	if a.ok() && a.words() > wideWords {
		return *ca.wideOf(a) == *cb.wideOf(b)
	}
	return a.sketch == b.sketch
}

// TestWideEdge checks keys on either side of wideWords: each keeps its
// sketch folded, or the index of its whole one, as its count of words
// says, and a paragraph of 94 to 99 words with a word changed, or one
// added (so that one of the pair may have wideWords words and the other
// one more), passes the screen against its original both ways, and Clean keeps
// one of the three. With setNear, halfOf and nearCandidate at odds on the
// edge (more than wideWords against at least), a 96-word key's index was
// read as its halfSketch, or a 97-word key's, and the pair failed the
// screen.
func TestWideEdge(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 96))
	draw := madeUpWords(r, 30000)
	var paras []string
	for n := 94; n <= 99; n++ {
		p := draw(n)
		w := strings.Fields(p)
		changed := slices.Clone(w)
		changed[n/3] = "zzzchanged"
		added := slices.Insert(slices.Clone(w), n/2, "zzzadded")
		paras = append(paras, p, strings.Join(changed, " "), strings.Join(added, " "))
	}
	for _, procs := range []int{1, 2} {
		restore := withParallel(0, procs)
		input := strings.Join(paras, "\n\n") + "\n"
		c := stageCleaner(t, input, &Options{})
		if len(c.paras) != len(paras) {
			t.Fatalf("%d paragraphs, want %d", len(c.paras), len(paras))
		}
		checkSketches(t, c, procs)
		seen := map[int]bool{}
		for i := range c.paras {
			seen[c.near[i].words()] = true
		}
		if !seen[wideWords] || !seen[wideWords+1] {
			t.Fatalf("procs %d: no key of %d words or none of %d", procs, wideWords, wideWords+1)
		}
		for g := 0; g < len(paras); g += 3 {
			for _, k := range []int{g + 1, g + 2} {
				if !c.nearCandidate(k, g, 0.8) || !c.nearCandidate(g, k, 0.8) {
					t.Errorf("procs %d: paragraphs %d and %d, of %d and %d words, one a copy of the other with a word changed or added, fail the screen",
						procs, g, k, c.near[g].words(), c.near[k].words())
				}
			}
		}
		res, err := Clean(input, Options{})
		if err != nil {
			t.Fatal(err)
		}
		// Clean keeps one of each three (the one with a word added).
		if n := len(strings.Split(strings.TrimSuffix(res.Text, "\n"), "\n\n")); n != len(paras)/3 {
			t.Errorf("procs %d: Clean kept %d paragraphs of %d, want %d", procs, n, len(paras), len(paras)/3)
		}
		restore()
	}
}

// TestWideCutToShort checks a key that a sentence cut takes from more
// than wideWords words to fewer: a paragraph of three sentences said
// before and a copy, with a word changed, of a paragraph of 90 words in
// one sentence
// (126 words in all, too many beside 90 to be its near-duplicate) is
// keyed again, on two goroutines (keyCutTexts), with its halfSketch in
// place of the index of its whole sketch, and then dropped as a
// near-duplicate of the other; with nearPrepass as without.
func TestWideCutToShort(t *testing.T) {
	setParallel(t, 0, 2)
	r := rand.New(rand.NewPCG(7, 126))
	draw := madeUpWords(r, 30000)
	said := draw(36)
	short := strings.ReplaceAll(draw(90), ".", "") + "." // one sentence, which the copy does not repeat
	w := strings.Fields(short)
	w[45] = "zzzchanged"
	copied := said + " " + strings.Join(w, " ")
	input := strings.Join([]string{said, short, copied}, "\n\n") + "\n"
	c := stageCleaner(t, input, &Options{})
	if n := c.nearOf(2).words(); n <= wideWords {
		t.Fatalf("the copy has %d words before the cut, want more than %d", n, wideWords)
	}
	c.rounds()
	if n := c.nearOf(2).words(); n != len(w) {
		t.Fatalf("the copy has %d words after the rounds, want %d", n, len(w))
	}
	checkSketches(t, c, 2)
	res, err := Clean(input, Options{})
	if err != nil {
		t.Fatal(err)
	}
	near := slices.IndexFunc(res.Changes, func(ch Change) bool { return ch.Kind == Near })
	if near < 0 || strings.Contains(res.Text, "zzzchanged") || !strings.Contains(res.Text, short) {
		t.Errorf("the copy, cut to %d words, is not dropped as a near-duplicate of the paragraph of 90: %+v", len(w), res.Changes)
	}
	for _, settled := range []bool{false, true} {
		prepassSideBySide(t, fmt.Sprintf("settled %v", settled), input, Options{}, settled)
	}
}
