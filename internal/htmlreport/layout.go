package htmlreport

import (
	"sort"

	"github.com/textclean/textclean/dedupe"
)

// unitKind says what became of a stretch of input lines.
type unitKind int

const (
	kept      unitKind = iota // in the output (maybe with sentences cut)
	removed                   // removed whole, by a paragraph-level change
	emptied                   // removed because all its sentences were repeats
	movedFrom                 // where a moved paragraph stood in the input
	unknown                   // not in the output, and no change says why
)

// unit is a paragraph of the input and what became of it.
type unit struct {
	kind        unitKind
	first, last int            // input lines, 1-based, inclusive
	change      *dedupe.Change // removed: why
	run         *dedupe.Change // removed: the run it is part of, if any
	out         int            // kept: its index among the output paragraphs
	moved       bool           // kept: not at its input place
	replaces    *dedupe.Change // kept: the near-duplicate or teaser that this fuller copy took the place of
}

// layout is an input's paragraphs in the order the page shows them: the
// output paragraphs in output order, each followed by the removed
// paragraphs that stood after it in the input.
type layout struct {
	units  []unit // in page order
	unitOf map[int]int
}

// newLayout places the paragraphs of r; lines is the number of input lines
// and blank reports whether an input line is blank.
func newLayout(r *dedupe.Result, lines int, blank func(line int) bool) *layout {
	covered := make([]bool, lines+2)
	cover := func(first, last int) {
		for l := max(first, 1); l <= last && l <= lines; l++ {
			covered[l] = true
		}
	}
	var keptUnits []unit
	displaced := make(map[int]bool)          // by first input line of a kept paragraph: a move took it away
	replaces := make(map[int]*dedupe.Change) // by first input line of a kept paragraph: the copy it took the place of
	var others []unit                        // in input order, after sorting
	sentences := make(map[int]bool)          // input lines with a removed sentence
	for i := range r.Changes {
		c := &r.Changes[i]
		switch c.Kind {
		case dedupe.Run:
			for j := range c.Parts {
				p := &c.Parts[j]
				others = append(others, unit{kind: removed, first: p.Lines.First, last: p.Lines.Last, change: p, run: c})
				cover(p.Lines.First, p.Lines.Last)
			}
		case dedupe.Sentence:
			for l := c.Lines.First; l <= c.Lines.Last; l++ {
				sentences[l] = true
			}
		case dedupe.Move:
			displaced[c.Lines.First] = true
			others = append(others, unit{kind: movedFrom, first: c.Lines.First, last: c.Lines.Last})
		default: // paragraph, across, boilerplate, junk, near, teaser
			if (c.Kind == dedupe.Near || c.Kind == dedupe.Teaser) && c.KeptLater {
				// The fuller, later copy took this one's place (a Move
				// says where it went).
				replaces[c.Kept.First] = c
			}
			others = append(others, unit{kind: removed, first: c.Lines.First, last: c.Lines.Last, change: c})
			cover(c.Lines.First, c.Lines.Last)
		}
	}
	for k, p := range r.Kept {
		u := unit{kind: kept, first: p.Lines.First, last: p.Lines.Last, out: k, moved: displaced[p.Lines.First], replaces: replaces[p.Lines.First]}
		keptUnits = append(keptUnits, u)
		cover(u.first, u.last)
	}
	// What is left and not blank went because all its sentences were
	// repeats; anything else would be a gap in the result, shown as such.
	// Each is a paragraph: a line, or in blocks style a block of lines.
	for l := 1; l <= lines; l++ {
		if covered[l] || blank(l) {
			continue
		}
		u := unit{kind: unknown, first: l, last: l}
		for r.Style == dedupe.Blocks && u.last+1 <= lines && !covered[u.last+1] && !blank(u.last+1) {
			u.last++ // a paragraph is a block of lines
		}
		for m := u.first; m <= u.last; m++ {
			if sentences[m] {
				u.kind = emptied
			}
		}
		others = append(others, u)
		l = u.last
	}
	sort.SliceStable(others, func(i, j int) bool { return others[i].first < others[j].first })

	// Each paragraph not in the output follows the last paragraph before
	// it in the input that the output keeps in its place.
	var anchors []unit // kept in place, by input line
	for _, u := range keptUnits {
		if !u.moved {
			anchors = append(anchors, u)
		}
	}
	sort.Slice(anchors, func(i, j int) bool { return anchors[i].first < anchors[j].first })
	after := make(map[int][]unit) // by output index; -1 for the top of the page
	for _, u := range others {
		i := sort.Search(len(anchors), func(i int) bool { return anchors[i].first >= u.first }) - 1
		at := -1
		if i >= 0 {
			at = anchors[i].out
		}
		after[at] = append(after[at], u)
	}
	lay := &layout{unitOf: make(map[int]int)}
	lay.units = append(lay.units, after[-1]...)
	for _, u := range keptUnits {
		lay.units = append(lay.units, u)
		lay.units = append(lay.units, after[u.out]...)
	}
	for i, u := range lay.units {
		if u.kind == movedFrom {
			continue
		}
		for l := u.first; l <= u.last; l++ {
			lay.unitOf[l] = i
		}
	}
	return lay
}
