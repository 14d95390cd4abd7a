package htmlreport

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/report"
	"github.com/textclean/textclean/normalize"
)

// Page is one cleaned input, to be shown as a page.
type Page struct {
	Name      string            // the input's name, the page's title
	Input     string            // the text that was cleaned (decoded)
	BytesIn   int               // the input's size as read; 0 means len(Input)
	Result    *dedupe.Result    // what cleaning Input made of it
	Normalize normalize.Options // the normalization options Result was made with
	Index     string            // the address of the index page to link back to, or empty
}

//go:embed page.tmpl
var pageText string

var pageTemplate = template.Must(template.New("page").Parse(pageText))

// view is what the page template shows.
type view struct {
	Name    string
	Index   string
	Summary []row
	Fixes   []row
	Groups  []group
}

// row is a line of a summary table.
type row struct {
	What  string
	Count string
}

// group is a stretch of blocks; a repeated run is one group.
type group struct {
	Run    *label
	Blocks []block
}

// block is one paragraph of the page.
type block struct {
	Class  string // kept, moved-here, removed, moved-from, emptied, unknown
	ID     string
	Lines  string // its input lines, "8" or "8–13"
	Label  *label
	Struck bool // removed whole: the page strikes it through
	Pieces []piece
}

// Write writes p as a self-contained HTML page to w. It fails only if the
// input cannot be normalized (see [normalize.Normalizer.Document]), which
// cannot happen for an input that Result was made from, or w fails.
func (p *Page) Write(w io.Writer) error {
	v, err := p.view()
	if err != nil {
		return err
	}
	return pageTemplate.Execute(w, v)
}

func (p *Page) view() (*view, error) {
	src, err := newSource(p.Input, p.Normalize)
	if err != nil {
		return nil, err
	}
	r := p.Result
	v := &view{Name: p.Name, Index: p.Index}
	v.Summary, v.Fixes = p.summary()

	lay := newLayout(r, src.lines(), src.blank)
	anchor := func(line int) string {
		if i, ok := lay.unitOf[line]; ok {
			return "#L" + strconv.Itoa(lay.units[i].first)
		}
		return ""
	}
	labels := make(map[*dedupe.Change]*label)
	why := func(c *dedupe.Change) *label {
		if l := labels[c]; l != nil {
			return l
		}
		l := reason(c, anchor)
		labels[c] = l
		return l
	}
	sentences := make(map[int][]*dedupe.Change) // by first input line
	for i := range r.Changes {
		if c := &r.Changes[i]; c.Kind == dedupe.Sentence {
			sentences[c.Lines.First] = append(sentences[c.Lines.First], c)
		}
	}
	// within returns the sentences removed from u. A sentence starts in
	// the paragraph it belongs to.
	within := func(u unit) []*dedupe.Change {
		var in []*dedupe.Change
		for l := u.first; l <= u.last; l++ {
			in = append(in, sentences[l]...)
		}
		return in
	}
	var curRun *dedupe.Change // the run of the group last opened
	for _, u := range lay.units {
		b := block{ID: "L" + strconv.Itoa(u.first), Lines: lineRange(u.first, u.last)}
		switch u.kind {
		case kept:
			b.Class = "kept"
			b.Pieces = src.paragraph(u.first, u.last, within(u), why)
			if u.moved {
				b.Class = "moved-here"
				b.Label = movedHere(u)
			}
		case removed:
			b.Class, b.Struck = "removed", true
			b.Label = why(u.change)
			b.Pieces = src.paragraph(u.first, u.last, nil, why)
		case emptied:
			b.Class = "emptied"
			b.Label = &label{Why: "every sentence was a repeat"}
			b.Pieces = src.paragraph(u.first, u.last, within(u), why)
		case movedFrom:
			b.Class = "moved-from"
			b.ID = "M" + strconv.Itoa(u.first)
			b.Label = movedAway(u)
			b.Pieces = src.paragraph(u.first, u.last, nil, why)
		case unknown:
			b.Class, b.Struck = "unknown", true
			b.Label = &label{Why: "not in the output"}
			b.Pieces = src.paragraph(u.first, u.last, nil, why)
		}
		// A run's parts, and the paragraphs moved out of it, are one group.
		run := u.run
		if u.kind == movedFrom && curRun != nil && curRun.Lines.First <= u.first && u.last <= curRun.Lines.Last {
			run = curRun
		}
		switch {
		case run != nil && run == curRun:
			g := &v.Groups[len(v.Groups)-1]
			g.Blocks = append(g.Blocks, b)
		case run != nil:
			l := &label{
				Why:      fmt.Sprintf("repeated run, lines %s: a copy of", lineRange(run.Lines.First, run.Lines.Last)),
				Link:     anchor(run.Kept.First),
				LinkText: "lines " + lineRange(run.Kept.First, run.Kept.Last),
			}
			v.Groups = append(v.Groups, group{Run: l, Blocks: []block{b}})
		default:
			v.Groups = append(v.Groups, group{Blocks: []block{b}})
		}
		curRun = run
	}
	return v, nil
}

// reason labels a removal.
func reason(c *dedupe.Change, anchor func(int) string) *label {
	copyOf := func(why string) *label {
		return &label{Why: why, Link: anchor(c.Kept.First), LinkText: "line " + lineRange(c.Kept.First, c.Kept.Last)}
	}
	switch c.Kind {
	case dedupe.Paragraph:
		return copyOf("repeat of")
	case dedupe.Sentence:
		return copyOf("repeated sentence, kept on")
	case dedupe.Across:
		if c.Elsewhere != nil {
			return &label{Why: fmt.Sprintf("kept by an earlier document: %s, line %s", c.Elsewhere.Doc, lineRange(c.Elsewhere.Lines.First, c.Elsewhere.Lines.Last))}
		}
		return &label{Why: "kept by an earlier document"}
	case dedupe.Boilerplate:
		if c.Elsewhere != nil {
			return &label{Why: fmt.Sprintf("boilerplate: in %d documents", c.Elsewhere.Documents)}
		}
		return &label{Why: "boilerplate"}
	case dedupe.JunkLine:
		return &label{Why: fmt.Sprintf("junk line (%s)", c.Rule)}
	case dedupe.Near:
		if c.KeptLater {
			return copyOf(fmt.Sprintf("near-duplicate (similarity %.2f): the fuller copy takes its place, from", c.Similarity))
		}
		return copyOf(fmt.Sprintf("near-duplicate (similarity %.2f) of", c.Similarity))
	case dedupe.Teaser:
		if c.KeptLater {
			return copyOf("teaser: the full paragraph takes its place, from")
		}
		return copyOf("teaser of")
	}
	return &label{Why: c.Kind.String()}
}

// movedHere labels a paragraph that the output has away from its input
// place, linking to that place.
func movedHere(u unit) *label {
	l := &label{Link: "#M" + strconv.Itoa(u.first), LinkText: "line " + lineRange(u.first, u.last)}
	if r := u.replaces; r != nil {
		l.Why = fmt.Sprintf("the fuller copy, moved here to take the place of line %s, from", lineRange(r.Lines.First, r.Lines.Last))
	} else {
		l.Why = "moved here, into the kept copy, from"
	}
	return l
}

// movedAway labels the input place of a paragraph the output has elsewhere.
func movedAway(u unit) *label {
	return &label{Why: "moved from here to", Link: "#L" + strconv.Itoa(u.first), LinkText: "its place in the output"}
}

func lineRange(first, last int) string {
	if first == last {
		return strconv.Itoa(first)
	}
	return strconv.Itoa(first) + "–" + strconv.Itoa(last)
}

// summary returns the rows of the summary table: sizes and counts of each
// kind of change, then normalization fixes by rule.
func (p *Page) summary() (counts, fixes []row) {
	r := p.Result
	removed, moved := report.Tally(r)
	in := p.BytesIn
	if in == 0 {
		in = len(p.Input)
	}
	n := func(i int) string { return strconv.Itoa(i) }
	counts = []row{
		{"paragraphs in → out", n(r.ParagraphsIn) + " → " + n(r.ParagraphsOut)},
		{"bytes in → out", n(in) + " → " + n(r.TextSize())},
	}
	for _, c := range []struct {
		what   string
		count  int
		always bool // shown even when none: what textclean is for
	}{
		{"repeated runs", removed.Runs, false},
		{"repeated paragraphs (runs included)", removed.Paragraphs, true},
		{"repeated sentences", removed.Sentences, true},
		{"paragraphs emptied", removed.Emptied, false},
		{"near-duplicates", removed.Near, false},
		{"teasers", removed.Teasers, false},
		{"junk lines", removed.Junk, false},
		{"boilerplate", removed.Boilerplate, false},
		{"kept by earlier documents", removed.Across, false},
		{"moved", moved, false},
	} {
		if c.count > 0 || c.always {
			counts = append(counts, row{c.what, n(c.count)})
		}
	}
	for _, rule := range normalize.Rules() {
		if k := r.Normalized.Of(rule); k > 0 {
			fixes = append(fixes, row{rule.String(), n(k)})
		}
	}
	return counts, fixes
}
