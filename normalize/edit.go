package normalize

import (
	"sort"
	"unsafe"
)

// edit records that rule made src[inStart:inEnd] into out[outStart:outEnd].
type edit struct {
	inStart, inEnd, outStart, outEnd int
	rule                             Rule
}

// editor builds the result of one stage over src. It copies nothing until the
// first change, so a stage that changes nothing returns src itself.
type editor struct {
	src     string
	out     []byte
	copied  int     // src[:copied] is accounted for in out
	changed bool    // a replacement was made
	first   int     // where in src the first replacement starts: out[:first] is src[:first]
	edits   *[]edit // where to record edits; nil when no map is wanted
	// kept is set by keep: the result is src[keepStart:keepEnd], and out
	// holds nothing.
	kept               bool
	keepStart, keepEnd int
}

func (e *editor) reset(src string, buf []byte, edits *[]edit) {
	*e = editor{src: src, out: buf[:0], edits: edits}
}

// replace writes repl in place of src[start:end], as a change of rule.
//
// The first change makes out at src's size and an eighth when it is
// smaller than src, at once rather than grown by append in steps (see
// Normalizer.rules): a stage that changes nothing then costs no buffer.
// That takes replace's inlining cost from 66 to 88, over the budget: on
// the 100 MB stream the characters stage calls it, 4.6M instructions
// more of 8,795M (callgrind), against half the memory a long line takes.
func (e *editor) replace(rule Rule, start, end int, repl string) {
	if !e.changed {
		e.first = start
		if cap(e.out) < len(e.src) {
			e.out = make([]byte, 0, len(e.src)+len(e.src)/8)
		}
	}
	e.changed = true
	e.out = append(e.out, e.src[e.copied:start]...)
	if e.edits != nil {
		*e.edits = append(*e.edits, edit{start, end, len(e.out), len(e.out) + len(repl), rule})
	}
	e.out = append(e.out, repl...)
	e.copied = end
}

// count writes repl in place of src[start:end] as a change of rule, and
// counts it.
func (e *editor) count(c *Counts, rule Rule, start, end int, repl string) {
	e.replace(rule, start, end, repl)
	c[rule]++
}

// keep makes src[start:end] the result, as the only change of the stage:
// rule deleted what is before start and after end. The result is then a
// part of src, not a copy: a line that only loses its spaces at the ends
// costs no new string.
func (e *editor) keep(rule Rule, start, end int) {
	e.changed, e.first, e.kept, e.keepStart, e.keepEnd = true, 0, true, start, end
	if e.edits == nil {
		return
	}
	if start > 0 {
		*e.edits = append(*e.edits, edit{0, start, 0, 0, rule})
	}
	if end < len(e.src) {
		*e.edits = append(*e.edits, edit{end, len(e.src), end - start, end - start, rule})
	}
}

// result returns the edited text, or src when nothing changed.
func (e *editor) result() string {
	s, written := e.view()
	if written {
		return string(e.out)
	}
	return s
}

// view is result without the copy: the text the stage wrote is returned
// where it lies, in out, and written reports so; it is then good until
// out is written again. Otherwise the text is src or a part of it.
func (e *editor) view() (s string, written bool) {
	if !e.changed {
		return e.src, false
	}
	if e.kept {
		return e.src[e.keepStart:e.keepEnd], false
	}
	e.out = append(e.out, e.src[e.copied:]...)
	if len(e.out) == 0 {
		return "", false
	}
	return unsafe.String(&e.out[0], len(e.out)), true
}

// Offsets maps byte offsets in a normalized line back to the line it came
// from. It is returned by [Normalizer.LineOffsets] and
// [Document.LineOffsets].
type Offsets struct {
	layers []layer // one per stage that changed the text, in the order applied
}

// layer is what one stage did: the edits that made src into out.
type layer struct {
	src, out string
	edits    []edit
}

// Start returns the offset in the original line of the byte at offset out of
// the normalized line. A byte inside a replacement maps to the start of what
// it replaced.
func (m *Offsets) Start(out int) int { return m.apply(out, false) }

// End returns the offset in the original line that corresponds to the end
// of a span ending at offset out of the normalized line. An end inside a
// replacement maps to the end of what it replaced.
func (m *Offsets) End(out int) int { return m.apply(out, true) }

func (m *Offsets) apply(off int, end bool) int { return m.before(len(m.layers), off, end) }

// before maps offset off in the text that layer k starts from back to the
// original line.
func (m *Offsets) before(k, off int, end bool) int {
	for i := k - 1; i >= 0; i-- {
		off = mapBack(m.layers[i].edits, off, end)
	}
	return off
}

func mapBack(edits []edit, out int, end bool) int {
	// The last edit that starts at or before out; for an end, strictly
	// before, so that an edit starting at out is not taken into the span.
	i := sort.Search(len(edits), func(i int) bool {
		return edits[i].outStart > out || end && edits[i].outStart == out
	}) - 1
	if i < 0 {
		return out
	}
	e := edits[i]
	switch {
	case out >= e.outEnd:
		return e.inEnd + out - e.outEnd
	case end:
		return e.inEnd
	default:
		return e.inStart
	}
}
