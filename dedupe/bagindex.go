package dedupe

import (
	"bytes"
	"encoding/binary"
	"slices"

	"github.com/textclean/textclean/internal/sentence"
)

// bagIndex files the paragraphs of dropNear's output by their bag of
// sentences (bagOf) and finds, for a paragraph, the first one filed with
// the same sentences in some order. A bag is a 64-bit hash that a
// paragraph can be crafted to share with another in a second (xxhash and
// splitmix.Mix can be inverted: TestBagForged), so a hit is confirmed by
// the sentences themselves, and a paragraph whose bag's tag (bags keeps
// 32 bits of it: see tagIndex) an earlier paragraph of other sentences
// holds is filed by its sentences in collided, as keyIndex files keys: a
// crafted paragraph can neither remove a later one nor hide a later copy
// of it (TestBagForgedFirst, TestBagForgedTaken). Only bag hits pay for
// the sentences.
type bagIndex struct {
	bags     tagIndex         // bag → position in out, by 32 bits of it: a hit is confirmed anyway
	collided map[string]int32 // sentences (see appendSentenceSet) → position in out

	// The buffers of findOrAdd, reused: the sentences of the paragraph
	// it files, of one filed before, and the keys they are made of.
	own, other []byte
	keys       sentenceKeys
}

// reset empties x for a round of dropNear.
func (x *bagIndex) reset() {
	if x.bags.slots == nil {
		// It files only the bags that may have come twice (see
		// twiceSet), a few in a hundred paragraphs of a page: sized for
		// half the order, its entries stood far apart in a table larger
		// than the caches. It grows in any round that files more than it
		// holds, and reset keeps its size.
		x.bags = newTagIndex(0)
	} else {
		x.bags.reset()
	}
	x.collided = nil
}

// findOrAdd returns the position in out of the first paragraph filed with
// the sentences of paragraph i, whose bag is bag, or files i at position
// len(out), where dropNear then puts it, and returns that with ok false.
func (x *bagIndex) findOrAdd(c *cleaner, i int, bag uint32, out []int32) (int32, bool) {
	pos := int32(len(out))
	prev, ok := x.bags.findOrAdd(uint64(bag), pos)
	if !ok {
		return pos, false
	}
	x.own = c.appendSentenceSet(x.own[:0], i, &x.keys)
	if x.hasOwnSentences(c, int(out[prev])) {
		return prev, true
	}
	// Other sentences with this bag: fall back to the sentences. The
	// paragraph filed there may since have given its position to a
	// fuller copy of other sentences (dropNear), as the one filed in bags
	// may: then pos is filed in its stead.
	if prev, ok := x.collided[string(x.own)]; ok && x.hasOwnSentences(c, int(out[prev])) {
		return prev, true
	}
	if x.collided == nil {
		x.collided = make(map[string]int32)
	}
	x.collided[string(x.own)] = pos
	return pos, false
}

// hasOwnSentences reports whether paragraph j has the sentences of x.own.
func (x *bagIndex) hasOwnSentences(c *cleaner, j int) bool {
	x.other = c.appendSentenceSet(x.other[:0], j, &x.keys)
	return bytes.Equal(x.other, x.own)
}

// appendSentenceSet appends the sentences of paragraph i, by their match
// keys, to dst, in a form that is the same for the same sentences in any
// order: the keys sorted, each after its length. It makes the keys in
// keys, reused from call to call: a string for each key, and for the
// set, were two allocations a sentence and one a set on every bag hit.
func (c *cleaner) appendSentenceSet(dst []byte, i int, keys *sentenceKeys) []byte {
	text := c.textOf(i)
	keys.bytes, keys.spans = keys.bytes[:0], keys.spans[:0]
	add := func(start, end int) {
		from := len(keys.bytes)
		keys.bytes = appendKey(keys.bytes, text[start:end])
		keys.spans = append(keys.spans, keySpan{from, len(keys.bytes)})
	}
	if c.sentences.dropped(i) {
		// Split again, but not filed: the first paragraph round runs
		// beside the asks, which read the slabs and the twice set
		// (see rounds).
		keys.split = sentence.AppendSplit(keys.split[:0], text)
		for _, s := range keys.split {
			add(s.Start, s.End)
		}
	} else {
		sents := c.sentencesOf(i)
		for k := range sents {
			sp := spanOf(text, sents, k)
			add(int(sp.start), int(sp.end))
		}
	}
	slices.SortFunc(keys.spans, func(a, b keySpan) int {
		return bytes.Compare(keys.bytes[a.start:a.end], keys.bytes[b.start:b.end])
	})
	for _, sp := range keys.spans {
		dst = binary.AppendUvarint(dst, uint64(sp.end-sp.start))
		dst = append(dst, keys.bytes[sp.start:sp.end]...)
	}
	return dst
}

// sentenceKeys is where appendSentenceSet makes the match keys of a
// paragraph's sentences: one after another in bytes, each at its span.
type sentenceKeys struct {
	bytes []byte
	spans []keySpan
	split []sentence.Span // the sentences of a text whose list is dropped
}

// keySpan is the span of a key in sentenceKeys.bytes.
type keySpan struct{ start, end int }
