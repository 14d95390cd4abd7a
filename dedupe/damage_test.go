package dedupe

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/textclean/textclean/internal/damage"
	"github.com/textclean/textclean/internal/sentence"
	"github.com/textclean/textclean/normalize"
)

// TestDamagedArticles damages real articles (testdata/articles) in many
// seeded ways, in both paragraph styles, and checks the invariants of
// cleaning on each: valid UTF-8, idempotence, nothing unique lost, every
// removal pointing to a kept copy that is in the output, and the counts
// adding up. -short checks fewer seeds.
func TestDamagedArticles(t *testing.T) {
	for _, d := range damagedArticles(t, 40, 8, 7) {
		for _, v := range []struct {
			style Style
			in    string
		}{{Blocks, d.Blocks()}, {Lines, d.Lines()}} {
			name := fmt.Sprintf("%s/seed%d/%v", filepath.Base(d.Article), d.Seed, v.style)
			t.Run(name, func(t *testing.T) { checkInvariants(t, v.in, Options{Paragraphs: v.style}) })
		}
	}
}

// damagedArticles returns the articles of testdata/articles damaged
// with seeds seeds (shortSeeds under -short) from the random stream
// stream (see damage.Articles), or ends the test if they cannot be read.
func damagedArticles(t testing.TB, seeds, shortSeeds int, stream uint64) []damage.Damaged {
	t.Helper()
	if testing.Short() {
		seeds = shortSeeds
	}
	versions, err := damage.Articles("../testdata/articles/*.txt", seeds, stream)
	if err != nil {
		t.Fatal(err)
	}
	return versions
}

// checkInvariants cleans in with opts and checks what Clean promises of
// any input.
func checkInvariants(t *testing.T, in string, opts Options) {
	t.Helper()
	r, err := Clean(in, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.ValidString(r.Text) {
		t.Fatal("output is not valid UTF-8")
	}
	again, err := Clean(r.Text, Options{Paragraphs: r.Style})
	if err != nil {
		t.Fatal(err)
	}
	if again.Text != r.Text {
		t.Fatalf("not idempotent:\nclean %q\nagain %q", r.Text, again.Text)
	}
	checkNothingUniqueLost(t, in, r)
	checkKeptCopies(t, in, r)
	checkCounts(t, in, r)
}

// checkKeptCopies checks that every removal and move points into the
// output, to what it says is there: for a repeated paragraph or a moved
// one, that paragraph less any sentences cut from it as repeats (each of
// which is in the output earlier); for a sentence, a paragraph holding it
// from that line on.
func checkKeptCopies(t *testing.T, in string, r *Result) {
	t.Helper()
	byspan := paragraphTexts(t, in, r.Style)
	out := outputParagraphs(r.Text, r.Style)
	lines := strings.Split(r.Text, "\n")
	key := func(s string) string { return string(appendKey(nil, s)) }
	sentenceKeys := func(s string) map[string]bool {
		keys := make(map[string]bool)
		for _, sp := range sentence.Split(s) {
			keys[key(s[sp.Start:sp.End])] = true
		}
		return keys
	}
	inOutput := func(c Change, text string) {
		for k := range sentenceKeys(text) {
			if !strings.Contains(key(r.Text), k) {
				t.Errorf("%s at lines %v: its sentence %q is not in the output", c.Kind, c.Lines, k)
			}
		}
	}
	var check func(c Change, text string)
	check = func(c Change, text string) {
		at, ok := out[c.OutputLine]
		switch c.Kind {
		case JunkLine, Across, Boilerplate:
			return // removed by a rule; no kept copy in this document
		case Run:
			if !ok {
				t.Errorf("run at lines %v: output line %d does not start a paragraph", c.Lines, c.OutputLine)
			}
			for _, part := range c.Parts {
				check(part, byspan[part.Span])
			}
			return
		case Sentence:
			if c.OutputLine == 0 {
				inOutput(c, c.Text) // the kept copy's paragraph went, cut down to nothing
				return
			}
			if c.OutputLine > len(lines) {
				t.Errorf("sentence at lines %v: output line %d is past the end", c.Lines, c.OutputLine)
				return
			}
			from := lines[c.OutputLine-1]
			for i := c.OutputLine; r.Style == Blocks && i < len(lines) && lines[i] != ""; i++ {
				from += "\n" + lines[i]
			}
			if !strings.Contains(key(from), key(c.Text)) {
				t.Errorf("sentence at lines %v: output line %d on holds %q, without the sentence %q", c.Lines, c.OutputLine, from, c.Text)
			}
			return
		}
		if c.OutputLine == 0 && c.Kind == Paragraph {
			inOutput(c, text) // the kept copy went, cut down to nothing
			return
		}
		if !ok {
			t.Errorf("%s at lines %v: output line %d does not start a paragraph", c.Kind, c.Lines, c.OutputLine)
			return
		}
		switch c.Kind {
		case Paragraph, Move:
			// The kept copy is this paragraph, less sentences cut as repeats.
			want := sentenceKeys(text)
			for k := range sentenceKeys(at) {
				if !want[k] {
					t.Errorf("%s at lines %v: output line %d holds %q, not the paragraph %q", c.Kind, c.Lines, c.OutputLine, at, text)
					break
				}
			}
			inOutput(c, text)
		case Near:
			if c.Similarity < DefaultSimilarity {
				t.Errorf("near-duplicate at lines %v: similarity %.2f", c.Lines, c.Similarity)
			}
		}
	}
	for _, c := range r.Changes {
		text := c.Text
		if p, ok := byspan[c.Span]; ok {
			text = p
		}
		check(c, text)
	}
}

// checkCounts checks that the paragraphs counted in and out are those of
// the input and the output, and that every paragraph that went is
// reported once.
func checkCounts(t *testing.T, in string, r *Result) {
	t.Helper()
	if n := len(paragraphTexts(t, in, r.Style)); r.ParagraphsIn != n {
		t.Errorf("ParagraphsIn %d, but the input has %d", r.ParagraphsIn, n)
	}
	if n := len(outputParagraphs(r.Text, r.Style)); r.ParagraphsOut != n {
		t.Errorf("ParagraphsOut %d, but the output has %d", r.ParagraphsOut, n)
	}
	removed := r.Emptied
	for _, c := range r.Changes {
		switch c.Kind {
		case Run:
			removed += len(c.Parts)
		case Paragraph, JunkLine, Near, Teaser, Across, Boilerplate:
			removed++
		}
	}
	if r.ParagraphsIn-r.ParagraphsOut != removed {
		t.Errorf("%d paragraphs in, %d out, but %d reported removed", r.ParagraphsIn, r.ParagraphsOut, removed)
	}
}

// paragraphTexts returns the normalized text of each paragraph of in, by
// its span.
func paragraphTexts(t *testing.T, in string, style Style) map[Span]string {
	t.Helper()
	doc, err := normalize.New(normalize.Options{}).Document(in)
	if err != nil {
		t.Fatal(err)
	}
	texts := make(map[Span]string)
	paras, paraTexts := segment(doc, style)
	for k, p := range paras {
		texts[Span{int(doc.Lines[p.first].Start), int(doc.Lines[p.last].End)}] = paraTexts[k]
	}
	return texts
}

// outputParagraphs returns the paragraphs of a clean text by the 1-based
// line each starts on.
func outputParagraphs(text string, style Style) map[int]string {
	ps := make(map[int]string)
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		if lines[i] == "" {
			continue
		}
		start := i
		if style == Blocks {
			for i+1 < len(lines) && lines[i+1] != "" {
				i++
			}
		}
		ps[start+1] = strings.Join(lines[start:i+1], "\n")
	}
	return ps
}
