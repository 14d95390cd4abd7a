package dedupe

import (
	"cmp"
	"slices"
	"unicode/utf8"
	"unsafe"
)

// fate is what happens to a paragraph.
type fate uint8

const (
	kept      fate = iota
	removed        // a repeat of paragraph copyOf
	moved          // placed before paragraph copyOf in the output
	emptied        // every sentence in it was a repeat
	elsewhere      // other documents have it (Options.Elsewhere)
	junkLine       // a scraper junk line
	near           // a near-duplicate of paragraph copyOf
	teaser         // a teaser of paragraph copyOf
)

// inOrder reports whether a paragraph of fate f is in the output order:
// kept where it stands, or moved ahead of another.
func (f fate) inOrder() bool { return f == kept || f == moved }

// decideStopsEarly says whether decide may stop after its first two rules
// when they removed nothing (the others then change nothing); tests turn
// it off to check that doing so changes nothing.
var decideStopsEarly = true

// decision is the fate of one paragraph: 8 bytes, as there is one for
// every paragraph of the output in every round.
type decision struct {
	fate   fate
	anchor bool  // moved paragraphs are placed before it (see outputOrder)
	copyOf int32 // the kept paragraph a removed one repeats, or the one a moved one precedes
}

// decider holds what decide makes, kept from round to round: for a big
// document, fresh slices in every round cost their page faults and
// garbage collection again (they are still cleared: see resize). Between
// two decides, the decisions' memory is lent to the paragraph table
// (lendCounts, table.file), and the decisions' and counts' to the
// sentence round (cleaner.roundSpares): what decide makes is valid only
// until the paragraph round that called it returns.
type decider struct {
	d      []decision
	copies []int32 // by the position of a text's first occurrence: how often it occurs; after decide, how many of those it keeps
	moves  []int32 // the moved positions, for outputOrder
}

// lendCounts returns n zero int32s, which the caller may use until the
// next decide: in the memory of dc's decisions if it has room for them
// (see lend), else of its counts. decide makes both again. The counts are
// as long as the order; the caller, paragraphTable, wants one for every
// key class, more than that once sentence cuts have made new classes
// (567,296 for an order of 523,620 in the 100 MB stream's second round),
// and made the counts again for them, which left the first, 2.2 MB, as
// garbage at the peak of the heap; the decisions, 8 bytes a position of
// the order, have room.
func (dc *decider) lendCounts(n int) []int32 {
	if d := spareOf(dc.d); uintptr(n)*unsafe.Sizeof(int32(0)) <= d.size {
		return lend[int32]([]spare{d}, n)
	}
	counts := resize(dc.copies, n)
	dc.copies = counts[:0] // the memory, should resize have made it
	return counts
}

// decide settles, keep-first, the fate of each unit of a sequence whose
// texts textAt returns, in order; copyOf in the decisions is a position in
// the sequence. t holds the roots of its n units. With workers at 2 or
// more, for a long sequence, its first two rules run in two halves of it,
// the second on a goroutine of its own (see inHalves): textAt must then be
// safe to call from two goroutines at once. The decisions are valid until
// the next call, and the same for any workers.
func (dc *decider) decide(n int, textAt func(pos int) string, t *table, opts *Options, workers int) []decision {
	dc.d, dc.copies = resize(dc.d, n), resize(dc.copies, n)
	d, copies := dc.d, dc.copies
	minLength := opts.minLength()

	// How often each text occurs: a text that recurs (recurringCopies times
	// or more) is part of the page's template, like a short line. A unit's
	// root is at or before it: the half [from, to) counts the roots there
	// of the units from its start on, and the two halves write apart
	// (for a big sequence, the counts' first writes are page faults,
	// which the halves then share).
	inHalves(workers, n/2, n, func(from, to int) bool {
		for _, r := range t.root[from:] {
			if int(r) >= from && int(r) < to {
				copies[r]++
			}
		}
		return false
	})
	recurring := func(i int) bool { return opts.MinLength >= 0 && copies[t.rootOf(i)] >= recurringCopies }

	// Long repeats go wherever they are, unless they recur; but a copy
	// right after its twin always goes: no template stutters. Each
	// position is decided on its own, so the halves split anywhere.
	removals := inHalves(workers, n/2, n, func(from, to int) bool {
		return longRepeats(d[:to], from, textAt, t, minLength, recurring)
	})

	// Short repeats that follow each other in the same order as their
	// copies form a repeated run when, together, they reach minLength.
	// The unit of a run after its first has an earlier copy: the halves
	// split at a unit that has none, which no run crosses, so the runs
	// are those found when scanning from the start.
	split := n
	for m := n / 2; m < n; m++ {
		if !t.isRepeat(m) {
			split = m
			break
		}
	}
	shortRuns := inHalves(workers, split, n, func(from, to int) bool {
		removals := false
		for i := from; i < to; {
			j, length := i, 0
			if d[i].fate == kept && t.isRepeat(i) {
				for c := t.rootOf(i); j < to && d[j].fate == kept && !recurring(j) && c+j-i < i && t.same(c+j-i, j); j++ {
					length += runeCount(textAt(j))
				}
			}
			if j-i < 2 || length < minLength {
				i++
				continue
			}
			for k := i; k < j; k++ {
				d[k] = removedAs(t.rootOf(i) + k - i)
			}
			removals = true
			i = j
		}
		return removals
	})
	removals = removals || shortRuns

	// The rules below start from a removed paragraph, and the last step
	// points removed ones at their copies: with none removed so far, they
	// change nothing (on the 100 MB stream, in the second round, which
	// removes none, they were about half of decide).
	if !removals && decideStopsEarly {
		return d
	}

	// Repeats between two removed paragraphs that stand, in the same order,
	// between those paragraphs' copies are part of the repeated run, short
	// or recurring as they may be.
	for i := 1; i < n; {
		if d[i].fate != kept || d[i-1].fate != removed {
			i++
			continue
		}
		j := i
		for j < n && d[j].fate == kept && t.isRepeat(j) {
			j++
		}
		if j < n && j > i && d[j].fate == removed {
			a, b := keptCopy(d, int(d[i-1].copyOf)), keptCopy(d, int(d[j].copyOf))
			if b-a == j-i+1 && alignedCopies(t, a+1, i, j-i) {
				for k := i; k < j; k++ {
					d[k] = removedAs(a + 1 + k - i)
				}
			}
		}
		i = j + 1
	}

	// A short repeat that does not recur goes when it continues a run at
	// either end: its neighbour is removed and the neighbour's copy has a
	// copy of it on the same side. Forward, then backward, so chains of
	// short paragraphs at either end follow. A recurring one stays: at the
	// edge of a run, nothing says it belongs to the run rather than to the
	// template around it.
	for i := 1; i < n; i++ {
		if d[i].fate == kept && t.isRepeat(i) && !recurring(i) && d[i-1].fate == removed {
			if c := keptCopy(d, int(d[i-1].copyOf)) + 1; c < i && t.same(c, i) {
				d[i] = removedAs(c)
			}
		}
	}
	for i := n - 2; i >= 0; i-- {
		if d[i].fate == kept && t.isRepeat(i) && !recurring(i) && d[i+1].fate == removed {
			if c := keptCopy(d, int(d[i+1].copyOf)) - 1; c >= 0 && c < i && t.same(c, i) {
				d[i] = removedAs(c)
			}
		}
	}

	// Paragraphs between two removed ones whose copies are adjacent in the
	// kept text lie inside a repeated run: unique ones move into the kept
	// copy, repeated ones go with the run.
	for i := 0; i < n; {
		if d[i].fate != kept {
			i++
			continue
		}
		j := i
		for j < n && d[j].fate == kept {
			j++
		}
		if i > 0 && j < n && d[i-1].fate == removed && d[j].fate == removed {
			before, after := keptCopy(d, int(d[i-1].copyOf)), keptCopy(d, int(d[j].copyOf))
			if adjacentInKeptText(d, before, after, i) {
				for k := i; k < j; k++ {
					switch {
					case t.isRepeat(k):
						d[k] = removedAs(t.rootOf(k))
					case !opts.NoMoves:
						d[k] = decision{fate: moved, copyOf: int32(after)}
					}
				}
			}
		}
		i = j
	}

	// Point every removed paragraph at the copy that stays: a copy may
	// itself have been removed by a later step. Its text has one kept
	// copy fewer (see keptCopies).
	for i := range d {
		if d[i].fate == removed {
			d[i].copyOf = int32(keptCopy(d, int(d[i].copyOf)))
			copies[t.rootOf(i)]--
		}
	}
	return d
}

// longRepeats removes, in d, the repeats from position from on that have
// minLength runes and do not recur (or come right after their twin), and
// reports whether it removed any. Their texts lie at random places in
// memory: it asks for a batch of them before it looks at any, so that
// the processor waits for them together rather than one after another.
func longRepeats(d []decision, from int, textAt func(pos int) string, t *table, minLength int, recurring func(i int) bool) bool {
	var batch [256]int32
	var texts [len(batch)]string
	removals := false
	for i := from; i < len(d); {
		k := 0
		for ; i < len(d) && k < len(batch); i++ {
			if t.isRepeat(i) {
				batch[k] = int32(i)
				k++
			}
		}
		for j, pos := range batch[:k] {
			texts[j] = textAt(int(pos))
		}
		for j, pos := range batch[:k] {
			if p := int(pos); hasRunes(texts[j], minLength) && (!recurring(p) || t.same(p-1, p)) {
				d[p] = removedAs(t.rootOf(p))
				removals = true
			}
		}
	}
	return removals
}

// halvesUnits is the fewest positions that inHalves splits in two: below
// it, waking a second goroutine costs about what the half saves. With
// CLI phase timers (under load, nice -15), round 1's decide and the loops
// after it, run in halves at every size, took on generated streams of
// 8 MB (44,782 paragraphs) 1.3 -> 1.5 ms, of 16 MB (89,742) 3.1 -> 2.7 ms,
// of 32 MB (179,408) 7.1 -> 5.3 ms; the second round, which removes
// nothing, took at 16 MB 0.6 -> 0.7 ms. Tests set it lower.
var halvesUnits = 1 << 16

// inHalves runs rule on the positions [0, n): with workers at 2 or more
// and from halvesUnits positions on, on [0, split) here and on [split, n)
// on a goroutine of its own, else on all of them here; it reports whether
// either half's rule reported true. The two halves must not read what the
// other writes.
func inHalves(workers, split, n int, rule func(from, to int) bool) bool {
	if workers < 2 || n < halvesUnits || split <= 0 || split >= n {
		return rule(0, n)
	}
	second := make(chan bool, 1)
	go func() { second <- rule(split, n) }()
	first := rule(0, split)
	return <-second || first
}

// hasRunes reports whether s has at least n runes, counting them only when
// its length does not say: a rune takes one to utf8.UTFMax bytes.
func hasRunes(s string, n int) bool {
	switch {
	case len(s) < n:
		return false
	case len(s) >= n*utf8.UTFMax:
		return true
	}
	return runeCount(s) >= n
}

// removedAs returns the decision that a paragraph goes as a repeat of the
// one at position pos.
func removedAs(pos int) decision { return decision{fate: removed, copyOf: int32(pos)} }

// recurringCopies is how many times a text must occur to be part of the
// page's template rather than a repeat: the question put to each person in
// a series of interviews, "Available from Amazon" on every product card, the
// heading of every day of a meal plan. Scrapers repeat sections twice.
const recurringCopies = 3

// alignedCopies reports whether the n texts from position i on have the
// same keys as the n texts from position c on.
func alignedCopies(t *table, c, i, n int) bool {
	for k := range n {
		if !t.same(c+k, i+k) {
			return false
		}
	}
	return true
}

// keptCopy follows removed paragraphs, from the one at position i, to the
// kept copy they repeat.
func keptCopy(d []decision, i int) int {
	for d[i].fate == removed {
		i = int(d[i].copyOf)
	}
	return i
}

// adjacentInKeptText reports whether paragraphs a and b, both before
// paragraph limit, follow each other in the kept text: every paragraph
// between them is removed or moved away.
func adjacentInKeptText(d []decision, a, b, limit int) bool {
	if a >= b || b >= limit {
		return false
	}
	for k := a + 1; k < b; k++ {
		if d[k].fate == kept {
			return false
		}
	}
	return true
}

// outputOrder appends to dst the paragraphs of order (the units of d, in
// order) that the output keeps, in output order: the kept ones in order,
// each preceded by the ones moved before it.
func (dc *decider) outputOrder(dst, order []int32) []int32 {
	d := dc.d
	// The moved paragraphs by the position they are placed before, each
	// anchor's in order.
	moves := dc.moves[:0]
	for pos := range d {
		if d[pos].fate == moved {
			moves = append(moves, int32(pos))
			d[d[pos].copyOf].anchor = true
		}
	}
	dc.moves = moves
	if len(moves) == 0 {
		for pos := range d {
			if d[pos].fate == kept {
				dst = append(dst, order[pos])
			}
		}
		return dst
	}
	slices.SortStableFunc(moves, func(a, b int32) int { return cmp.Compare(d[a].copyOf, d[b].copyOf) })
	var place func(pos int)
	place = func(pos int) {
		if d[pos].anchor {
			k, _ := slices.BinarySearchFunc(moves, int32(pos), func(m, pos int32) int { return cmp.Compare(d[m].copyOf, pos) })
			for ; k < len(moves) && d[moves[k]].copyOf == int32(pos); k++ {
				place(int(moves[k])) // a moved paragraph can itself be the anchor of another
			}
		}
		dst = append(dst, order[pos])
	}
	for pos := range d {
		switch {
		case d[pos].fate != kept:
		case d[pos].anchor:
			place(pos)
		default: // most: placed here without a call
			dst = append(dst, order[pos])
		}
	}
	return dst
}

// keptCopies returns, by the position of a text's first occurrence, how
// many of its occurrences the last decisions keep: decide's last step
// turns its counts into those, as it points the removed paragraphs at
// their copies (a pass of its own over the decisions took about 0.7 ms
// of the 100 MB stream's first round).
func (dc *decider) keptCopies() []int32 { return dc.copies }
