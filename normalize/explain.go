package normalize

import (
	"sort"
	"strings"
)

// Edit is one change a normalization rule made to an input: at Offset
// (line Line, byte column Column), rule Rule replaced Before with After.
// Where rules build on each other, Before is the text as the earlier rule
// left it: "&#173;" becomes a soft hyphen (Entities), which is then removed
// (Invisible), as two edits at the same place.
type Edit struct {
	Rule   Rule
	Offset int // byte offset in the input
	Line   int // 1-based line number, counted as Document counts lines
	Column int // 1-based byte column in the line
	Before string
	After  string
}

// Explain returns the edits that Document and Document.String make of input:
// see [Document.Explain]. It fails as Document does.
func (n *Normalizer) Explain(input string) ([]Edit, error) {
	d, err := n.Document(input)
	if err != nil {
		return nil, err
	}
	return d.Explain(), nil
}

// Explain returns the edits that made d of its input, and those String
// makes, in input order: each change on its own (changes of one rule that
// touch, such as the letters of "ＡＢＣ", as one). Explaining costs a second
// normalization of each line that changed, so it is meant for inspecting
// text, not for the hot path.
func (d *Document) Explain() []Edit {
	input, opts := d.input, &d.opts
	var edits []Edit
	if strings.HasPrefix(input, "\ufeff") && opts.on(BOM) {
		edits = append(edits, Edit{Rule: BOM, Line: 1, Column: 1, Before: "\ufeff"})
	}
	dropped := d.droppedBlankLines(d.blankLines())
	for i := range d.Lines {
		l := &d.Lines[i]
		if d.Changed(i) {
			edits = appendLineEdits(edits, l, i+1, d.LineOffsets(i))
		}
		next := len(input)
		if i+1 < len(d.Lines) {
			next = int(d.Lines[i+1].Start)
		}
		eol := input[l.End:next]
		if eol != "\n" && opts.on(Newlines) && (eol != "" || !d.Blank(i)) {
			// A line end made LF, or the one String adds after the last
			// line's text.
			edits = append(edits, Edit{Rule: Newlines, Offset: int(l.End), Line: i + 1, Column: int(l.End-l.Start) + 1, Before: eol, After: "\n"})
			eol = "\n"
		}
		// A dropped blank line is explained as it stands after the other
		// rules: its trimmed text and its line end.
		if dropped[i] && opts.on(BlankLines) {
			edits = append(edits, Edit{Rule: BlankLines, Offset: int(l.Start), Line: i + 1, Column: 1, Before: d.Text(i) + eol})
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Offset < edits[j].Offset })
	return edits
}

// appendLineEdits appends the edits that m records for line l, the
// input's line number.
func appendLineEdits(edits []Edit, l *Line, number int, m *Offsets) []Edit {
	for k, layer := range m.layers {
		for j := 0; j < len(layer.edits); j++ {
			e := layer.edits[j]
			// Touching edits of one rule read as one: "ＡＢＣ" → "ABC".
			for j+1 < len(layer.edits) && layer.edits[j+1].rule == e.rule && layer.edits[j+1].inStart == e.inEnd {
				j++
				e.inEnd, e.outEnd = layer.edits[j].inEnd, layer.edits[j].outEnd
			}
			start := m.before(k, e.inStart, false)
			edits = append(edits, Edit{
				Rule:   e.rule,
				Offset: int(l.Start) + start,
				Line:   number,
				Column: start + 1,
				Before: layer.src[e.inStart:e.inEnd],
				After:  layer.out[e.outStart:e.outEnd],
			})
		}
	}
	return edits
}
