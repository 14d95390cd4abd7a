package dedupe

import (
	"strconv"
	"strings"
	"testing"
)

// TestCutList checks, after Clean on inputs whose paragraphs lose
// sentences, once or in several rounds (some of randomPaletteTexts),
// that every paragraph cutBits marks has one place in cutList, that no
// two share one, that no other paragraph has one, and that cutOf gives
// each its cut text: the text it is written with.
func TestCutList(t *testing.T) {
	recut, dense, sparse := 0, 0, 0
	for _, in := range cutInputs(t, 1000) {
		opts := Options{}
		c, err := newCleaner(in, &opts)
		if err != nil {
			t.Fatal(err)
		}
		r := c.clean()
		if c.cutIndex != nil {
			dense++
		} else if len(c.cutList) > 0 {
			sparse++
		}
		if c.cutIndex == nil && len(c.cutAt) != len(c.cutList) || c.cutIndex != nil && c.cutAt != nil {
			t.Fatalf("%d paragraphs in the map, index %v, %d texts", len(c.cutAt), c.cutIndex != nil, len(c.cutList))
		}
		places := make([]bool, len(c.cutList))
		cut := 0
		for i := range c.paras {
			if _, ok := c.cutAt[int32(i)]; c.cutIndex == nil && ok != c.isCut(i) {
				t.Fatalf("paragraph %d: in cutAt %v, cut %v", i, ok, c.isCut(i))
			}
			if !c.isCut(i) {
				if ct := c.cutOf(i); ct.text != "" || ct.original != "" || ct.pieces != nil {
					t.Fatalf("paragraph %d, not cut: %+v", i, c.cutOf(i))
				}
				continue
			}
			cut++
			k := c.cutPlace(i)
			if places[k] {
				t.Fatalf("paragraph %d: place %d taken", i, k)
			}
			places[k] = true
			ct := c.cutOf(i)
			if ct.text != c.textOf(i) || ct.original != c.originalText(i) || ct.text == ct.original {
				t.Fatalf("paragraph %d: %+v, text %q", i, ct, c.textOf(i))
			}
			if c.fate[i] != emptied && c.outLine[i] > 0 && !strings.Contains(r.Text, ct.text) {
				t.Fatalf("paragraph %d: %q not in the text", i, ct.text)
			}
		}
		recut += c.recut
		if cut != len(c.cutList) {
			t.Fatalf("%d paragraphs cut, %d texts", cut, len(c.cutList))
		}
	}
	if recut == 0 || dense == 0 || sparse == 0 {
		t.Errorf("%d paragraphs cut in two sentence rounds; %d texts with a slice of places, %d with a map", recut, dense, sparse)
	}
}

// TestFileCut files cut texts for the paragraphs of a document, some
// twice, and checks that their places move from a map to a slice when
// the map would be the larger, and that cutOf finds every text.
func TestFileCut(t *testing.T) {
	const n = 100
	c := &cleaner{paras: make([]int32, n), cutBits: make([]uint64, (n+63)/64), cutAt: map[int32]int32{}}
	want := map[int]string{}
	for k := range 2 * n {
		i := (k * 37) % n
		if k%3 == 2 {
			i = (k - 2) * 37 % n // again
		}
		text := "text " + strconv.Itoa(k)
		c.fileCut(i, cutText{original: "original " + strconv.Itoa(i), text: text})
		want[i] = text
		if dense := c.cutIndex != nil; dense != denseCuts(len(want), n) || dense == (c.cutAt != nil) {
			t.Fatalf("%d paragraphs cut: index %v, map of %d", len(want), dense, len(c.cutAt))
		}
		if len(c.cutList) != len(want) {
			t.Fatalf("%d paragraphs cut, %d texts", len(want), len(c.cutList))
		}
		for p := range n {
			if got := c.cutOf(p); got.text != want[p] || want[p] != "" && got.original != "original "+strconv.Itoa(p) {
				t.Fatalf("after %d cuts, paragraph %d: %+v, want text %q", k+1, p, got, want[p])
			}
		}
	}
}

// cutInputs returns inputs whose paragraphs lose sentences: agreeInputs,
// palette random texts, and 3,000 paragraphs that all end with the same
// sentence, cut from every one but the first.
func cutInputs(t *testing.T, palette int) []string {
	t.Helper()
	var b strings.Builder
	for i := range 3000 {
		b.WriteString("Paragraph " + strconv.Itoa(i) + " begins here. This sentence is the same in every paragraph.\n")
	}
	return append(append(agreeInputs(t), randomPaletteTexts(palette)...), b.String())
}
