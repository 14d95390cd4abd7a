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
// UTF-8, cleaning is idempotent (in the paragraph style found), and the
// content of every sentence of every paragraph with no earlier copy is still
// in the output.
func FuzzClean(f *testing.F) {
	f.Add("A long first paragraph that is repeated later on.\nB\nA long first paragraph that is repeated later on.\n")
	f.Add("x\n\nA long first paragraph. It has two sentences in it here.\n\ny. It has two sentences in it here.")
	f.Add("P one is long enough to be a repeat here.\nP two is long enough to be a repeat here.\nP one is long enough to be a repeat here.\nH\nP two is long enough to be a repeat here.")
	// Inputs that broke idempotence or lost a line before decisions were
	// made in rounds (found in review).
	f.Add("Alpha beta gamma delta epsilon zeta.\nAlpha beta gamma delta epsilon zeta. Call for a compromise\nCall for a compromise\nCall for a compromise\nCall for a compromise\n")
	f.Add("Alpha beta gamma delta epsilon zeta.\nAlpha beta gamma delta epsilon zeta. Call for a compromise now\nCall for a compromise now\nCall for a compromise now\n")
	f.Add("Long paragraph one that is more than forty chars.\nFirst short line\nLong paragraph one that is more than forty chars.\nSecond shorter line, longer\nFirst short line\nSecond shorter line, longer\n")
	f.Add("Alpha beta gamma delta epsilon.\nAlpha beta gamma delta epsilon. Extraordinarily incomprehensible internationalization characteristics\nExtraordinarily incomprehensible internationalization characteristics\n")
	f.Add("Note\nLong paragraph L that is well over forty characters.\nNote\nLong paragraph L that is well over forty characters.\nNote\nLong paragraph M that is also well over forty characters.\nLong paragraph L that is well over forty characters.\nTHIS UNIQUE LINE IS LOST\nNote\nLong paragraph M that is also well over forty characters.\n")
	f.Add("A long paragraph number one that is quite long.\nMeal 1\nB long paragraph number two that is quite long.\nMeal 1\nB long paragraph number two that is quite long.\nMeal 1\n")
	f.Add("The organiza-\ntion, which is big, met today. It was long.\n\nThe organiza-\ntion, which is big, met today. It was long.\n")
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
		// The style is part of the options: auto-detection can read a
		// blank-line text cut down to one multi-line paragraph as one
		// paragraph per line.
		again, err := Clean(r.Text, Options{Paragraphs: r.Style})
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
	// Paragraphs that a rule removes on purpose (near-duplicates, teasers,
	// junk lines) are reported; their loss is the point. Every other
	// paragraph with no earlier copy must survive.
	ruled := make(map[Span]bool)
	var note func(cs []Change)
	note = func(cs []Change) {
		for _, c := range cs {
			if c.Kind == Near || c.Kind == Teaser || c.Kind == JunkLine {
				ruled[c.Span] = true
			}
			note(c.Parts)
		}
	}
	note(r.Changes)
	seen := make(map[string]bool)
	paras, texts := segment(doc, r.Style)
	for k, p := range paras {
		text := texts[k]
		key := string(appendKey(nil, text))
		if seen[key] {
			continue
		}
		seen[key] = true // an exact copy of a ruled paragraph is ruled too
		if ruled[Span{int(doc.Lines[p.first].Start), int(doc.Lines[p.last].End)}] {
			continue
		}
		for _, sp := range sentence.Split(text) {
			s := text[sp.Start:sp.End]
			if k := string(appendKey(nil, s)); !strings.Contains(out, k) {
				t.Fatalf("sentence %q of a unique paragraph is lost\ninput %q\nclean %q", s, in, r.Text)
			}
		}
	}
}
