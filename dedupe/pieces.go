package dedupe

import "sort"

// piece says that the bytes [cur, cur+n) of a paragraph's current text are
// the bytes [orig, orig+n) of its original text.
type piece struct{ cur, orig, n int }

// pieces maps a paragraph's current text, cut down by sentence removals, to
// its original text. A nil pieces is the identity: nothing was cut.
type pieces []piece

// toOrig maps offset off of the current text to the original text. An
// offset between two pieces (in a separator put where sentences were cut)
// maps to the end of the piece before it when end is set, else to the start
// of the piece after it.
func (ps pieces) toOrig(off int, end bool) int {
	if ps == nil {
		return off
	}
	if !end {
		// The first piece that ends after off: off is in it, or before it.
		i := sort.Search(len(ps), func(i int) bool { return ps[i].cur+ps[i].n > off })
		switch {
		case i == len(ps):
			return ps[i-1].orig + ps[i-1].n
		case ps[i].cur <= off:
			return ps[i].orig + off - ps[i].cur
		}
		return ps[i].orig
	}
	// The first piece that ends at or after off: off is in it, or before it.
	i := sort.Search(len(ps), func(i int) bool { return ps[i].cur+ps[i].n >= off })
	switch {
	case i == len(ps):
		return ps[i-1].orig + ps[i-1].n
	case ps[i].cur < off:
		return ps[i].orig + off - ps[i].cur
	case i > 0:
		return ps[i-1].orig + ps[i-1].n
	}
	return ps[0].orig
}

// toCur maps offset orig of the original text to the current text: into the
// piece that holds it, or to the end of the piece before it.
func (ps pieces) toCur(orig int) int {
	if ps == nil {
		return orig
	}
	i := sort.Search(len(ps), func(i int) bool { return ps[i].orig > orig }) - 1
	if i < 0 {
		return 0
	}
	return ps[i].cur + min(orig-ps[i].orig, ps[i].n)
}

// keep returns the pieces of a new text made of the spans kept[k] of the
// current text, each written at newStart[k]. It returns nil, the identity,
// when nothing is kept (the paragraph is emptied). Otherwise the list is
// not empty, as toOrig needs: each span kept is a sentence, which is not
// empty nor all spaces, and spaces are all that lies between the pieces
// of a text cut before (cutSentences's separators), so the span overlaps
// a piece.
func (ps pieces) keep(kept []span, newStart []int) pieces {
	var out pieces
	if len(kept) > 0 {
		// A piece a span kept, or more: grown by append from nil, the
		// pieces of the 100 MB stream's first sentence round left 0.23
		// MB of garbage at the rounds' peak.
		out = make(pieces, 0, len(kept))
	}
	for k, sp := range kept {
		if ps == nil {
			out = append(out, piece{newStart[k], sp.start, sp.end - sp.start})
			continue
		}
		for _, p := range ps {
			from, to := max(sp.start, p.cur), min(sp.end, p.cur+p.n)
			if from < to {
				out = append(out, piece{newStart[k] + from - sp.start, p.orig + from - p.cur, to - from})
			}
		}
	}
	return out
}

// span is a byte range [start, end) of a text.
type span struct{ start, end int }
