package dedupe

import "math/bits"

// Which sentences a sentence round cuts does not depend on the round's
// other decisions: a sentence is cut when a sentence with its key stood
// before it in the order (and its paragraph is not a kept repeat), and
// the first of each key is filed whatever becomes of its paragraph. So
// the round finds the repeats first, on several goroutines that each look
// up the hashes of a share (equal keys have equal hashes: all the copies
// of a sentence fall in one share) in a table of their own, and then cuts
// them in order, on one (see sentenceRound).

// sentenceRepeat is a sentence that the sentence round cuts, at position
// pos of the order and span cur of its paragraph's text, and the first
// sentence of the order with its key.
type sentenceRepeat struct {
	pos   int32
	cur   span32
	first keptSentence
}

// before reports whether r stands before q in the order.
func (r sentenceRepeat) before(q sentenceRepeat) bool {
	return r.pos < q.pos || r.pos == q.pos && r.cur.start < q.cur.start
}

// repeatedSentences returns the sentences of the order that repeat an
// earlier one (by key) and are not in a paragraph kept as a repeat, in
// order: the sentences that sentenceRound cuts. Every text of the order
// must be split. It works on workers goroutines: each asks the twice set
// about the sentences of a part of the order, and then each looks up
// those that may repeat of a share of the hashes, in all the parts.
func (c *cleaner) repeatedSentences(workers int) []sentenceRepeat {
	parts := make([]orderPart, workers)
	inParallel(workers, func(g int) {
		parts[g] = c.askPart(len(c.order)*g/workers, len(c.order)*(g+1)/workers, workers)
	})
	repeats := make([]repeatBlocks, workers)
	inParallel(workers, func(share int) { repeats[share] = c.findRepeats(parts, share) })
	return mergeRepeats(repeats)
}

// orderPart is a part of the order and which of its sentences the
// sentence round looks up.
type orderPart struct {
	from, to int // its positions in the order
	// asks[share]: by sentence of the part in turn, whether the round
	// looks it up and its hash falls in share.
	asks  [][]uint64
	asked []int // by share: how many sentences of the part it looks up there
}

// askPart asks the twice set about the sentences of positions from to to
// of the order, for shares shares. The set's slots miss the caches, so it
// is asked once a sentence, in a tight loop, and the answers are kept as
// bits (counted first: grown by append, they took twice the memory).
func (c *cleaner) askPart(from, to, shares int) orderPart {
	p := orderPart{from: from, to: to, asks: make([][]uint64, shares), asked: make([]int, shares)}
	n := 0
	for _, i := range c.order[from:to] {
		sents, _ := c.sentences.of(int(i))
		n += len(sents)
	}
	for share := range p.asks {
		p.asks[share] = make([]uint64, (n+63)/64)
	}
	n = 0
	for _, i := range c.order[from:to] {
		sents, _ := c.sentences.of(int(i))
		for _, s := range sents {
			if c.looksUp(s) {
				share := shareOf(s.hash, shares)
				p.asks[share][n/64] |= 1 << (n % 64)
				p.asked[share]++
			}
			n++
		}
	}
	return p
}

// shareOf returns which of shares shares hash h falls in: by its top
// bits, which neither the long bit (see sentenceInfo) nor the table's
// slots (its mixed bits) depend on.
func shareOf(h uint64, shares int) int { return int((h >> 32) * uint64(shares) >> 32) }

// lookup is a sentence to look up: its hash, its paragraph's position in
// the order, and the sentence.
type lookup struct {
	hash uint64
	pos  int32
	s    keptSentence
}

// lookupBatch is how many lookups findRepeats gathers from the sentence
// lists before it makes them, and lookAhead how many lookups ahead it
// touches the slots of their keys (see tagIndex.touch): enough for the
// misses of the lookups between to overlap. Gathered first, the lookups
// of a batch are at hand when their slots are touched; touched as they
// were found, in the walk over the sentences, the round took about 5%
// more CPU on the 100 MB benchmark stream.
const (
	lookupBatch = 1024
	lookAhead   = 8
)

// findRepeats returns the sentences of parts, the order's, that the
// sentence round looks up in share share, that repeat one before them and
// are not in a paragraph kept as a repeat, in order. It reads the
// sentences, the paragraphs' texts and c.keptRepeat only.
func (c *cleaner) findRepeats(parts []orderPart, share int) repeatBlocks {
	lookups := 0
	for _, p := range parts {
		lookups += p.asked[share]
	}
	t := newSentenceTable(lookups, func(para int32) string { return c.textOf(int(para)) })
	var repeats repeatBlocks
	batch := make([]lookup, 0, lookupBatch)
	findBatch := func() {
		for k, l := range batch {
			if k+lookAhead < len(batch) {
				t.touch(batch[k+lookAhead].hash)
			}
			if first, ok := t.find(l.hash, l.s); ok && !c.keptRepeat[l.s.para] {
				repeats.add(sentenceRepeat{l.pos, l.s.cur, first})
			}
		}
		batch = batch[:0]
	}
	for _, p := range parts {
		// The sentences of the paragraph at position pos-1, numbered in
		// the part from first on.
		pos, first := p.from, 0
		var sents []sentenceInfo
		for w, word := range p.asks[share] {
			for ; word != 0; word &= word - 1 {
				n := w*64 + bits.TrailingZeros64(word)
				for n >= first+len(sents) {
					first += len(sents)
					sents, _ = c.sentences.of(int(c.order[pos]))
					pos++
				}
				s := sents[n-first]
				batch = append(batch, lookup{s.hash, int32(pos - 1), keptSentence{c.order[pos-1], span32{s.start, s.end}}})
				if len(batch) == lookupBatch {
					findBatch()
				}
			}
		}
	}
	findBatch()
	return repeats
}

// repeatBlocks is a list of sentenceRepeats in blocks, which it grows by
// without copying: grown by append, the lists took five times the memory
// of the repeats (2.4 MB on the 100 MB benchmark stream, where nothing is
// collected during the rounds).
type repeatBlocks [][]sentenceRepeat

// add appends r to b, in a new block if the last is full: twice the last,
// from 16 repeats up to 1024.
func (b *repeatBlocks) add(r sentenceRepeat) {
	if n := len(*b); n == 0 || len((*b)[n-1]) == cap((*b)[n-1]) {
		size := 16
		if n > 0 {
			size = min(2*cap((*b)[n-1]), 1024)
		}
		*b = append(*b, make([]sentenceRepeat, 0, size))
	}
	last := &(*b)[len(*b)-1]
	*last = append(*last, r)
}

// len returns the number of repeats in b.
func (b repeatBlocks) len() int {
	n := 0
	for _, block := range b {
		n += len(block)
	}
	return n
}

// mergeRepeats returns the repeats of lists, each in order, in order.
func mergeRepeats(lists []repeatBlocks) []sentenceRepeat {
	n := 0
	for _, l := range lists {
		n += l.len()
	}
	merged := make([]sentenceRepeat, 0, n)
	for len(merged) < n {
		next := -1
		for k, l := range lists {
			if len(l) > 0 && (next < 0 || l[0][0].before(lists[next][0][0])) {
				next = k
			}
		}
		l := &lists[next]
		merged = append(merged, (*l)[0][0])
		if (*l)[0] = (*l)[0][1:]; len((*l)[0]) == 0 {
			*l = (*l)[1:]
		}
	}
	return merged
}
