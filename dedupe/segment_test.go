package dedupe

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// segment splits the lines into paragraphs in the given style, Lines or
// Blocks, on one goroutine, and returns them with their texts: the
// normalized lines of each, joined by "\n". Clean calls segmentOn; the
// tests that want the paragraphs alone call this.
func segment(doc *normalize.Document, style Style) ([]paragraph, []string) {
	_, firsts, lasts, texts := segmentOn(doc, style, 1)
	paras := paragraphsOf(firsts, lasts)
	return paras, everyText(doc, paras, texts)
}

// paragraphsOf returns the paragraphs whose first and last lines segmentOn
// gave as firsts and lasts (nil: each is one line).
func paragraphsOf(firsts, lasts []int32) []paragraph {
	paras := make([]paragraph, len(firsts))
	for i, first := range firsts {
		paras[i] = paragraph{first, first}
		if lasts != nil {
			paras[i].last = lasts[i]
		}
	}
	return paras
}

// everyText returns the texts of paras, which segmentOn gave as texts:
// those, or, when it gave none (every paragraph is one line), their
// lines'.
func everyText(doc *normalize.Document, paras []paragraph, texts []string) []string {
	if texts != nil {
		return texts
	}
	texts = make([]string, len(paras))
	for k, p := range paras {
		texts[k] = doc.Text(int(p.first))
	}
	return texts
}

func TestDetectStyle(t *testing.T) {
	long := strings.Repeat("A long paragraph on one line, as scrapers write them. ", 3)
	wrapped := "A hard-wrapped paragraph has lines of about seventy\ncharacters, broken by the writer's editor rather\nthan at the end of the paragraph.\n"
	tests := []struct {
		name, text string
		want       Style
	}{
		{"one paragraph per line", strings.Repeat(long+"\n", 10), Lines},
		{"a stray blank line among long lines", strings.Repeat(long+"\n", 10) + "\n" + strings.Repeat(long+"\n", 10), Lines},
		{"blank lines at the edges only", "\n\n" + long + "\n" + long + "\n\n", Lines},
		{"blank-line separated paragraphs", strings.Repeat(long+"\n\n", 10), Blocks},
		{"hard-wrapped paragraphs", strings.Repeat(wrapped+"\n", 4), Blocks},
		{"short lines, one blank line", "Title\nby Someone\n\nFirst line\nsecond line\n", Blocks},
		{"lines of shortLine bytes are not short", strings.Repeat(strings.Repeat("x", shortLine)+"\n", 5) + "\n" + strings.Repeat("y", shortLine) + "\n", Lines},
		{"lines a byte shorter are", strings.Repeat(strings.Repeat("x", shortLine-1)+"\n", 5) + "\n" + strings.Repeat("y", shortLine-1) + "\n", Blocks},
	}
	for _, tt := range tests {
		d, err := normalize.New(normalize.Options{}).Document(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if got := detectStyle(d); got != tt.want {
			t.Errorf("%s: detectStyle %s, want %s", tt.name, got, tt.want)
		}
		for _, workers := range []int{1, 2, 3} {
			if got, _, _, _ := segmentOn(d, Auto, workers); got != tt.want {
				t.Errorf("%s: segmentOn on %d goroutines: style %s, want %s", tt.name, workers, got, tt.want)
			}
		}
	}
}

// detectStyle is how Clean chose the style before segmentOn did (main
// at 39e0bf0): one loop over the lines, asking each whether it is
// blank. TestDetectStyle and TestSegmentAgrees compare segmentOn's
// choice with it.
func detectStyle(doc *normalize.Document) Style {
	separators, textLines, shortLines := 0, 0, 0
	blank := false
	for i := range doc.Lines {
		if doc.Blank(i) {
			blank = textLines > 0
			continue
		}
		if blank {
			separators++
			blank = false
		}
		textLines++
		if len(doc.Text(i)) < shortLine {
			shortLines++
		}
	}
	if separators > 0 && (4*separators >= textLines || 2*shortLines > textLines) {
		return Blocks
	}
	return Lines
}

// segmentSequential is segment as it was before it ran on several
// goroutines (main at 39e0bf0 with one worker): one loop over the lines,
// asking each whether it is blank. TestSegmentAgrees compares segmentOn
// with it.
func segmentSequential(doc *normalize.Document, style Style) ([]paragraph, []string) {
	var paras []paragraph
	var texts []string
	for i := 0; i < len(doc.Lines); i++ {
		if doc.Blank(i) {
			continue
		}
		last := i
		if style == Blocks {
			for last+1 < len(doc.Lines) && !doc.Blank(last+1) {
				last++
			}
		}
		paras = append(paras, paragraph{first: int32(i), last: int32(last)})
		texts = append(texts, joinLines(doc, i, last))
		i = last
	}
	return paras, texts
}

// TestSegmentAgrees checks that segmenting on one goroutine and on
// several gives the paragraphs and texts that segmentSequential gives, in
// both styles and in the one detectStyle chooses, on damaged articles and
// on texts whose blank lines fall where the runs are cut: at the start
// and end, in long runs, and none at all.
func TestSegmentAgrees(t *testing.T) {
	inputs := []string{"", "\n", "\n\n\n", "one", "one\ntwo\n", "\n\none\n\n\ntwo\nthree\n\n",
		strings.Repeat("a line\n", 40), strings.Repeat("\n", 30) + "one\ntwo" + strings.Repeat("\n", 30),
		strings.Repeat("first line\nsecond line\n\n\n", 25)}
	for _, d := range damagedArticles(t, 2, 2, 11) {
		inputs = append(inputs, d.Blocks(), d.Lines())
	}
	for k, in := range inputs {
		doc, err := normalize.New(normalize.Options{Skip: normalize.Set(normalize.BlankLines)}).Document(in)
		if err != nil {
			t.Fatal(err)
		}
		checkSegment(t, fmt.Sprintf("input %d", k), doc)
	}
}

// checkSegment fails t unless segmentOn, on 1, 2, 3 and 8 goroutines,
// gives the paragraphs and texts that segmentSequential gives in both
// styles, and for Auto chooses the style detectStyle chooses.
func checkSegment(t *testing.T, name string, doc *normalize.Document) {
	t.Helper()
	for _, style := range []Style{Lines, Blocks, Auto} {
		want := style
		if style == Auto {
			want = detectStyle(doc)
		}
		paras, texts := segmentSequential(doc, want)
		for _, workers := range []int{1, 2, 3, 8} {
			got, firsts, lasts, tx := segmentOn(doc, style, workers)
			p := paragraphsOf(firsts, lasts)
			if tx != nil && slices.IndexFunc(p, func(p paragraph) bool { return p.last > p.first }) < 0 {
				t.Fatalf("%s, style %v, %d goroutines: texts of paragraphs of one line each", name, style, workers)
			}
			if (lasts == nil) != (tx == nil) {
				t.Fatalf("%s, style %v, %d goroutines: last lines %v with texts %v", name, style, workers, lasts != nil, tx != nil)
			}
			tx = everyText(doc, p, tx)
			// blankLinesBefore counts the lines between paragraphs as blank.
			end := 0
			for _, p := range p {
				for l := end; l < int(p.first); l++ {
					if !doc.Blank(l) {
						t.Fatalf("%s, style %v, %d goroutines: line %d, between two paragraphs, is not blank", name, style, workers, l)
					}
				}
				end = int(p.last) + 1
			}
			if got != want || len(p) != len(paras) || len(p) > 0 && (!reflect.DeepEqual(p, paras) || !reflect.DeepEqual(tx, texts)) {
				t.Fatalf("%s, style %v, %d goroutines: %v\n%v\n%q\nwant %v\n%v\n%q", name, style, workers, got, p, tx, want, paras, texts)
			}
		}
	}
}
