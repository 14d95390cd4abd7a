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
	var b strings.Builder
	for i := range 3000 {
		b.WriteString("Paragraph " + strconv.Itoa(i) + " begins here. This sentence is the same in every paragraph.\n")
	}
	recut := 0
	for _, in := range append(append(agreeInputs(t), randomPaletteTexts(1000)...), b.String()) {
		opts := Options{}
		c, err := newCleaner(in, &opts)
		if err != nil {
			t.Fatal(err)
		}
		r := c.clean()
		if len(c.cutAt) != len(c.cutList) {
			t.Fatalf("%d paragraphs cut, %d texts", len(c.cutAt), len(c.cutList))
		}
		places := make([]bool, len(c.cutList))
		cut := 0
		for i := range c.paras {
			k, ok := c.cutAt[int32(i)]
			if ok != c.isCut(i) {
				t.Fatalf("paragraph %d: in cutAt %v, cut %v", i, ok, c.isCut(i))
			}
			if !ok {
				if ct := c.cutOf(i); ct.text != "" || ct.original != "" || ct.pieces != nil {
					t.Fatalf("paragraph %d, not cut: %+v", i, c.cutOf(i))
				}
				continue
			}
			cut++
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
	if recut == 0 {
		t.Error("no paragraph was cut in two sentence rounds")
	}
}
