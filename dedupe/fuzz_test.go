package dedupe

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/textclean/textclean/internal/sentence"
	"github.com/textclean/textclean/normalize"
)

// FuzzClean checks the invariants of Clean on any input: the output is valid
// UTF-8, cleaning is idempotent, and the content of every sentence of every
// paragraph with no earlier copy is still in the output.
func FuzzClean(f *testing.F) {
	f.Add("A long first paragraph that is repeated later on.\nB\nA long first paragraph that is repeated later on.\n")
	f.Add("x\n\nA long first paragraph. It has two sentences in it here.\n\ny. It has two sentences in it here.")
	f.Add("P one is long enough to be a repeat here.\nP two is long enough to be a repeat here.\nP one is long enough to be a repeat here.\nH\nP two is long enough to be a repeat here.")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := Clean(in, Options{})
		if err != nil {
			if errors.Is(err, normalize.ErrBinary) {
				return
			}
			t.Fatal(err)
		}
		if !utf8.ValidString(r.Text) {
			t.Fatalf("invalid UTF-8 output %q", r.Text)
		}
		again, err := Clean(r.Text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if again.Text != r.Text {
			t.Fatalf("not idempotent:\ninput  %q\nclean  %q\nagain  %q", in, r.Text, again.Text)
		}
		checkNothingUniqueLost(t, in, r)
	})
}

func checkNothingUniqueLost(t *testing.T, in string, r *Result) {
	doc, err := normalize.New(normalize.Options{}).Document(in)
	if err != nil {
		t.Fatal(err)
	}
	out := string(appendKey(nil, r.Text))
	seen := make(map[string]bool)
	for _, p := range segment(doc.Lines, r.Style) {
		key := string(appendKey(nil, p.text))
		if seen[key] {
			continue
		}
		seen[key] = true
		for _, sp := range sentence.Split(p.text) {
			s := p.text[sp.Start:sp.End]
			if k := string(appendKey(nil, s)); !strings.Contains(out, k) {
				t.Fatalf("sentence %q of a unique paragraph is lost\ninput %q\nclean %q", s, in, r.Text)
			}
		}
	}
}
