package dedupe

import (
	"reflect"
	"testing"

	"github.com/textclean/textclean/normalize"
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

// TestBlankText checks blankText on a table, and that it agrees with
// normalize.Document.Blank on every line of documents with blank lines of
// spaces and tabs, with the rules on (which trim them) and off.
func TestBlankText(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"", true}, {" ", true}, {"\t", true}, {" \t \t", true},
		{"a", false}, {" a", false}, {"a ", false}, {"\t\u00a0", false}, {"\u2003", false}, {"\n", false}, {"\r", false},
	} {
		if got := blankText(tt.in); got != tt.want {
			t.Errorf("blankText(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	in := "One line.\n \t\nTwo\t\n\t\n\n  three  \n\u00a0\n   \n"
	for _, opts := range []normalize.Options{{}, {Skip: normalize.Except()}} {
		doc, err := normalize.New(opts).Document(in)
		if err != nil {
			t.Fatal(err)
		}
		blanks := 0
		for i := range doc.Lines {
			if got := blankText(doc.Text(i)); got != doc.Blank(i) {
				t.Errorf("line %d, %q: blankText %v, Document.Blank %v", i, doc.Text(i), got, doc.Blank(i))
			}
			if doc.Blank(i) {
				blanks++
			}
		}
		if blanks < 3 {
			t.Errorf("%d blank lines", blanks)
		}
	}
}
