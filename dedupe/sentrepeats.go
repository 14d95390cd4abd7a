package dedupe

import (
	"math/bits"
	"slices"
)

// Which sentences a sentence round cuts does not depend on the round's
// other decisions: a sentence is cut when a sentence with its key stood
// before it in the order (and its paragraph is not a kept repeat), and
// the first of each key is filed whatever becomes of its paragraph. So
// the round finds the repeats first, on several goroutines that each look
// up the hashes of a share (equal keys have equal hashes: all the copies
// of a sentence fall in one share) in a table of their own, and then cuts
// them in order, on one (see sentenceRound).

// sentenceRepeat is a sentence that the sentence round cuts, sentence
// sentence of the list of the paragraph at position pos of the order
// (lists are in text order), and the first sentence of the order with
// its key. The index is the cut's to mark, and tells the span; a span
// took 4 bytes more a repeat (24, not 20).
type sentenceRepeat struct {
	pos      int32
	sentence uint32
	first    keptSentence
}

// before reports whether r stands before q in the order.
func (r sentenceRepeat) before(q sentenceRepeat) bool {
	return r.pos < q.pos || r.pos == q.pos && r.sentence < q.sentence
}

// repeatedSentences returns the sentences of the order that repeat an
// earlier one (by key) and are not in a paragraph kept as a repeat, in
// order: the sentences that sentenceRound cuts. Every text of the order
// must be split. It works on workers goroutines: they ask the twice set
// about the sentences of a part of the slabs each (unless asks, made for
// workers shares since the last text was split, are given), and then
// each looks up those that may repeat of a share of the hashes, over the
// whole order.
func (c *cleaner) repeatedSentences(workers int, asks *sentenceAsks) []sentenceRepeat {
	if asks == nil {
		asks = c.askSentences(workers, workers)
	}
	lookups := c.lookups(asks)
	tables := make([]*sentenceTable, workers)
	spares := c.roundSpares()
	for share := range tables {
		tables[share] = newSentenceTable(lookups[share], func(para int32) string { return c.textOf(int(para)) }, spares)
	}
	repeats := make([]repeatBlocks, workers)
	inParallel(workers, func(share int) { repeats[share] = c.findRepeats(asks, share, tables[share]) })
	// The repeats merged in what the tables, garbage now, left of the
	// spares, which nothing else uses until the next paragraph round:
	// sentenceRound reads them until it returns. (Made anew, 0.4 MB of
	// garbage at the rounds' peak on the 100 MB stream.)
	return mergeRepeats(repeats, spares)
}

// roundSpares returns the memory that the paragraph round keeps for its
// next call, to lend to the sentence round's tables (see lend), the
// largest first: its decisions, roots and counts, read only during the
// round (nearDropsConfirmed reads the roots and counts the round made,
// and the order before the last, in c.spareOrder, before it returns); the
// order before the last, which the next dropNear writes the order it
// makes into; and, with near-duplicates off, the positions of the last
// sentence round's order, which sentencesSettled has read and
// noteSentenceRound makes again after this round. The sentence round's tables are garbage once it has
// found the repeats, and nothing collects during the rounds: made anew,
// they came on top of the heap at its peak, at the end of the rounds. On
// the 100 MB stream the two tables took 8.4 MiB (12 bytes a sentence
// looked up, and 8 a slot of their indexes), all of which fit in this
// memory; 6.2 MiB of it did when a sentence's paragraph and span were
// kept together, in a list of 2.26 MB that no 2.24 MB spare held.
func (c *cleaner) roundSpares() []spare {
	if !lendToSentenceRound {
		return nil
	}
	return []spare{spareOf(c.decider.d), spareOf(c.table.root), spareOf(c.decider.copies), spareOf(c.spareOrder), spareOf(c.settledPos)}
}

// lendToSentenceRound says whether the sentence round's tables are made
// in the memory the paragraph round keeps (see roundSpares); tests turn
// it off to check that doing so changes nothing.
var lendToSentenceRound = true

// sentenceAsks says which sentences of c.sentences' slabs the sentence
// round looks up, by share of their hashes: a bit for every sentence of
// the slabs, in slab order. It depends on the sentences' hashes and the
// twice set alone, not on the order, so the first round's can be made
// while the paragraph round decides on the order (see rounds).
type sentenceAsks struct {
	// slabBit[k]: the bit of the first sentence of slab k, a multiple of
	// 64 (each slab's bits start a word, so that goroutines asking about
	// different slabs write different words).
	slabBit []int
	bits    [][]uint64 // by share: whether the round looks the sentence up and its hash falls in the share
	asked   []int      // by share: how many sentences of the slabs it looks up there
}

// askSentences asks the twice set about every sentence of the slabs (the
// unused room of a slab holds zero sentences, which are not long, and a
// slab may hold the lists of texts since cut, which nothing reads after),
// for shares shares, on workers goroutines that each take the slabs of a
// part of the bits. The set's slots miss the caches, so it is asked once
// a sentence, in a tight loop over the slabs, and the answers are kept as
// bits.
func (c *cleaner) askSentences(workers, shares int) *sentenceAsks {
	if askSentencesHook != nil {
		askSentencesHook(shares)
	}
	slabs := c.sentences.slabs
	a := &sentenceAsks{slabBit: make([]int, len(slabs)+1), bits: make([][]uint64, shares), asked: make([]int, shares)}
	for k, slab := range slabs {
		a.slabBit[k+1] = a.slabBit[k] + (len(slab)+63)/64*64
	}
	total := a.slabBit[len(slabs)]
	for share := range a.bits {
		a.bits[share] = makeWritten[uint64](total / 64)
	}
	asked := make([][]int, workers)
	inParallel(workers, func(g int) {
		asked[g] = make([]int, shares)
		// The slabs whose first bit falls in the goroutine's part.
		lo, _ := slices.BinarySearch(a.slabBit[:len(slabs)], total*g/workers)
		hi, _ := slices.BinarySearch(a.slabBit[:len(slabs)], total*(g+1)/workers)
		for k := lo; k < hi; k++ {
			for n, s := range slabs[k] {
				if c.looksUp(s) {
					share, bit := shareOf(s.hash(), shares), a.slabBit[k]+n
					a.bits[share][bit/64] |= 1 << (bit % 64)
					asked[g][share]++
				}
			}
		}
	})
	for _, counts := range asked {
		for share, n := range counts {
			a.asked[share] += n
		}
	}
	return a
}

// askSentencesHook, when not nil, is called as askSentences begins, with
// the shares it asks for: TestWorkersFixed waits on it to change
// GOMAXPROCS while the asks are made.
var askSentencesHook func(shares int)

// lookups returns, by share, about how many sentences of the order asks
// says the sentence round looks up, to size its tables: those of the
// slabs but those of the paragraphs that the order lost (6% more on the
// 100 MB benchmark stream, and 5 MB more memory at the peak of its
// default mode). It counts the lists of texts since cut too, which stand
// for no paragraph.
func (c *cleaner) lookups(asks *sentenceAsks) []int {
	lookups := slices.Clone(asks.asked)
	for i, f := range c.fate {
		if f.inOrder() {
			continue
		}
		from, n := asks.of(c.sentences.refs[i], c.sentences.slabs)
		for k := uint(0); k < n; k += 64 {
			for share := range lookups {
				lookups[share] -= bits.OnesCount64(bitsAt(asks.bits[share], from+k, n-k))
			}
		}
	}
	return lookups
}

// of returns where the bits of list r of slabs start, and how many
// sentences it has.
func (a *sentenceAsks) of(r sentenceRef, slabs [][]sentenceInfo) (from, n uint) {
	if r.slab == 0 {
		return 0, 0
	}
	from, n = uint(a.slabBit[r.slab-1])+uint(r.off), uint(r.n)
	if r.n == wholeSlab { // at offset 0
		n = uint(len(slabs[r.slab-1]))
	}
	return from, n
}

// bitsAt returns the bits of words from bit at on, n of them up to 64:
// from the one or two words they fall in.
func bitsAt(words []uint64, at, n uint) uint64 {
	word := words[at/64] >> (at % 64)
	if at%64 != 0 && at/64+1 < uint(len(words)) {
		word |= words[at/64+1] << (64 - at%64)
	}
	if n < 64 {
		word &= 1<<n - 1
	}
	return word
}

// shareOf returns which of shares shares hash h falls in: by its top
// bits, which neither the long bit (see sentenceInfo) nor the table's
// slots (its mixed bits) depend on.
func shareOf(h uint64, shares int) int { return int((h >> 32) * uint64(shares) >> 32) }

// lookup is a sentence to look up: its hash, its paragraph's position in
// the order, its index in the paragraph's list, and the sentence.
type lookup struct {
	hash     uint64
	pos      int32
	sentence uint32
	s        keptSentence
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

// findRepeats returns the sentences of the order that asks says the
// sentence round looks up in share share, that repeat one before them and
// are not in a paragraph kept as a repeat, in order, filing their first
// occurrences in t, a table of the share's own sized for them. It reads
// the sentences, the paragraphs' texts and c.keptRepeat only.
func (c *cleaner) findRepeats(asks *sentenceAsks, share int, t *sentenceTable) repeatBlocks {
	var repeats repeatBlocks
	batch := make([]lookup, 0, lookupBatch)
	findBatch := func() {
		for k, l := range batch {
			if k+lookAhead < len(batch) {
				t.touch(batch[k+lookAhead].hash)
			}
			if first, ok := t.find(l.hash, l.s); ok && !c.keptRepeat[l.s.para] {
				repeats.add(sentenceRepeat{l.pos, l.sentence, first})
			}
		}
		batch = batch[:0]
	}
	words := asks.bits[share]
	for pos, i := range c.order {
		from, n := asks.of(c.sentences.refs[i], c.sentences.slabs)
		var sents []sentenceInfo // read once a sentence of them is asked about
		for k := uint(0); k < n; k += 64 {
			for word := bitsAt(words, from+k, n-k); word != 0; word &= word - 1 {
				if sents == nil {
					sents, _ = c.sentences.of(int(i))
				}
				n := k + uint(bits.TrailingZeros64(word))
				s := sents[n]
				batch = append(batch, lookup{s.hash(), int32(pos), uint32(n), keptSentence{i, span32{endBefore(sents, int(n)), s.end}}})
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

// mergeRepeats returns the repeats of lists, each in order, in order, in
// memory lent from spares if they have room (see lend).
func mergeRepeats(lists []repeatBlocks, spares []spare) []sentenceRepeat {
	n := 0
	for _, l := range lists {
		n += l.len()
	}
	merged := lend[sentenceRepeat](spares, n)[:0]
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
