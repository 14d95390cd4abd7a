package htmlreport

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/normalize"
)

// item is a stretch of a paragraph's text as the page shows it.
type item struct {
	Text string
	Fix  string // for a normalization fix: what it did, shown on hover
	Gone bool   // the fix removed text: Text is empty and a mark shows where
}

// piece is a stretch of items, struck through when Cut is set.
type piece struct {
	Cut   *label
	Items []item
}

// label says why something was removed or moved, with a link to the copy
// that stands for it.
type label struct {
	Why      string
	Link     string // "#L3", or empty
	LinkText string
}

// fix is a normalization fix placed in a line's normalized text.
type fix struct {
	start, end int // in the normalized line; equal for a removal
	what       string
}

// cut is a removed sentence placed in a line's normalized text.
type cut struct {
	start, end int
	why        *label
}

// source holds what the page needs to show an input's lines.
type source struct {
	input string
	doc   *normalize.Document
	edits map[int][]normalize.Edit // by line number
}

func newSource(input string, opts normalize.Options) (*source, error) {
	doc, err := normalize.New(opts).Document(input)
	if err != nil {
		return nil, err
	}
	s := &source{input: input, doc: doc, edits: make(map[int][]normalize.Edit)}
	for _, e := range doc.Explain() {
		switch e.Rule {
		case normalize.BOM, normalize.Newlines, normalize.BlankLines:
			continue // between lines, not in them: the summary counts them
		}
		s.edits[e.Line] = append(s.edits[e.Line], e)
	}
	return s, nil
}

func (s *source) lines() int { return len(s.doc.Lines) }

func (s *source) blank(line int) bool {
	return line < 1 || line > len(s.doc.Lines) || s.doc.Blank(line-1)
}

// offsets maps input offsets of a line to offsets of its normalized text.
type offsets struct {
	text string
	m    *normalize.Offsets // nil when the line is unchanged
}

func (s *source) offsetsOf(line int) offsets {
	text := s.doc.Text(line - 1)
	if !s.doc.Changed(line-1) && len(s.edits[line]) == 0 {
		return offsets{text: text}
	}
	return offsets{text: text, m: s.doc.LineOffsets(line - 1)}
}

// start returns the offset in the normalized text where the text at input
// offset in (from the line's start) begins.
func (o offsets) start(in int) int {
	p := in
	if o.m != nil {
		p = sort.Search(len(o.text)+1, func(p int) bool { return o.m.Start(p) >= in })
	}
	p = min(max(p, 0), len(o.text))
	for p > 0 && p < len(o.text) && !utf8.RuneStart(o.text[p]) {
		p--
	}
	return p
}

// end returns the offset in the normalized text where the text ending at
// input offset in ends.
func (o offsets) end(in int) int {
	p := in
	if o.m != nil {
		p = sort.Search(len(o.text)+1, func(p int) bool { return o.m.End(p) >= in })
	}
	p = min(max(p, 0), len(o.text))
	for p < len(o.text) && !utf8.RuneStart(o.text[p]) {
		p++
	}
	return p
}

// fixes places the normalization fixes of a line. Edits at one offset are
// rules building on each other ("&nbsp;" to NBSP to a space): one fix.
func (s *source) fixes(line int, o offsets) []fix {
	edits := s.edits[line]
	lineStart := int(s.doc.Lines[line-1].Start)
	var out []fix
	for i := 0; i < len(edits); {
		j := i + 1
		for j < len(edits) && edits[j].Offset == edits[i].Offset {
			j++
		}
		var what []string
		for _, e := range edits[i:j] {
			what = append(what, fmt.Sprintf("%s: %q → %q", e.Rule, e.Before, e.After))
		}
		after := edits[j-1].After
		f := fix{start: o.start(edits[i].Offset - lineStart), what: strings.Join(what, "; ")}
		f.end = f.start
		if after != "" && strings.HasPrefix(o.text[f.start:], after) {
			f.end = f.start + len(after)
		}
		out = append(out, f)
		i = j
	}
	return out
}

// paragraph returns the pieces of input lines first to last, the removed
// sentences struck through; sentences are in input order.
func (s *source) paragraph(first, last int, sentences []*dedupe.Change, why func(*dedupe.Change) *label) []piece {
	var pieces []piece
	add := func(cut *label, it item) {
		if n := len(pieces); n > 0 && pieces[n-1].Cut == cut {
			pieces[n-1].Items = append(pieces[n-1].Items, it)
			return
		}
		pieces = append(pieces, piece{Cut: cut, Items: []item{it}})
	}
	var open *label // the cut a line ended in, for the line break after it
	next := 0       // the first of sentences that may reach into the line
	for line := first; line <= last; line++ {
		if line > first {
			add(open, item{Text: "\n"})
		}
		l := &s.doc.Lines[line-1]
		lineStart, lineEnd := int(l.Start), int(l.End)
		o := s.offsetsOf(line)
		var cuts []cut
		for next < len(sentences) && sentences[next].Span.End <= lineStart {
			next++ // ended before this line
		}
		for _, c := range sentences[next:] {
			if c.Span.Start >= lineEnd {
				break
			}
			start := o.start(max(c.Span.Start, lineStart) - lineStart)
			end := o.end(min(c.Span.End, lineEnd) - lineStart)
			if end > start {
				cuts = append(cuts, cut{start, end, why(c)})
			}
		}
		fixes := s.fixes(line, o)
		open = nil
		s.lineItems(o.text, cuts, fixes, func(c *label, it item) {
			add(c, it)
			open = c
		})
		if len(o.text) == 0 {
			open = nil
		}
	}
	return pieces
}

// lineItems splits text at the edges of cuts and fixes and hands each
// stretch to emit with the cut it is in. Cuts and fixes come in offset order
// (fixes by start; cuts do not overlap), so one pass over each, with an
// index that only moves forward, places every stretch: the time is linear
// in their number, however many a line holds.
func (s *source) lineItems(text string, cuts []cut, fixes []fix, emit func(*label, item)) {
	bounds := make([]int, 0, 2+2*len(cuts)+2*len(fixes))
	bounds = append(bounds, 0, len(text))
	for _, c := range cuts {
		bounds = append(bounds, c.start, c.end)
	}
	for _, f := range fixes {
		bounds = append(bounds, f.start, f.end)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)

	// cutAt returns the cut that holds offset p; p must not go down from
	// one call to the next.
	nextCut := 0
	cutAt := func(p int) *label {
		for nextCut < len(cuts) && cuts[nextCut].end <= p {
			nextCut++
		}
		if nextCut < len(cuts) && cuts[nextCut].start <= p {
			return cuts[nextCut].why
		}
		return nil
	}
	covering := 0 // the first fix that ends after the current bound
	gone := 0     // the first fix that starts at or after the current bound
	for k, a := range bounds {
		for gone < len(fixes) && fixes[gone].start < a {
			gone++
		}
		for ; gone < len(fixes) && fixes[gone].start == a; gone++ {
			if f := fixes[gone]; f.end == a {
				emit(cutAt(max(a-1, 0)), item{Fix: f.what, Gone: true})
			}
		}
		if k+1 == len(bounds) {
			break // len(text): nothing follows
		}
		it := item{Text: text[a:bounds[k+1]]}
		for covering < len(fixes) && fixes[covering].end <= a {
			covering++
		}
		if covering < len(fixes) && fixes[covering].start <= a {
			it.Fix = fixes[covering].what
		}
		emit(cutAt(a), it)
	}
}
