package dedupe

import (
	"reflect"
	"testing"
)

// TestTextsKept cleans inputs whose paragraphs lose sentences, with
// c.texts kept for small documents (maxTextsKept as it is) and without
// (0, so that one-line paragraphs' texts come from textOfSlow), and checks
// that both give the same Result, and that textOf gives each paragraph
// its text as the cuts left it: its cutList text if it was cut, else its
// lines joined or its one line's text.
func TestTextsKept(t *testing.T) {
	inputs := cutInputs(t, 300)
	kept := maxTextsKept
	defer func() { maxTextsKept = kept }()
	cut, oneLineKept := 0, 0
	for n, in := range inputs {
		var results [2]*Result
		for k, max := range []int{kept, 0} {
			maxTextsKept = max
			opts := Options{}
			c, err := newCleaner(in, &opts)
			if err != nil {
				t.Fatal(err)
			}
			results[k] = c.clean()
			switch {
			case !c.oneLine:
				if len(c.texts) != len(c.paras) {
					t.Fatalf("input %d, at most %d kept: %d joined texts for %d paragraphs", n, max, len(c.texts), len(c.paras))
				}
			case len(c.paras) <= max:
				if len(c.texts) != len(c.paras) {
					t.Fatalf("input %d, at most %d kept: %d texts for %d paragraphs", n, max, len(c.texts), len(c.paras))
				}
				oneLineKept++
			case c.texts != nil:
				t.Fatalf("input %d, at most %d kept: %d texts kept for %d paragraphs", n, max, len(c.texts), len(c.paras))
			}
			for i := range c.paras {
				var want string
				switch {
				case c.isCut(i):
					want = c.cutOf(i).text
					cut++
				case !c.oneLine:
					want = joinLines(c.doc, int(c.paras[i]), int(c.para(i).last))
				default:
					want = c.doc.Text(int(c.paras[i]))
				}
				if got := c.textOf(i); got != want {
					t.Fatalf("input %d, at most %d kept, paragraph %d: text %q, want %q", n, max, i, got, want)
				}
			}
		}
		if !reflect.DeepEqual(results[0], results[1]) {
			t.Fatalf("input %d: the results differ with texts kept and not:\n%+v\n%+v", n, results[0], results[1])
		}
	}
	if cut == 0 || oneLineKept == 0 {
		t.Errorf("%d paragraphs cut, %d documents of one-line paragraphs with texts kept", cut, oneLineKept)
	}
}
