package dedupe

import (
	"encoding/binary"
	"slices"
)

// bagIndex files the paragraphs of dropNear's output by their bag of
// sentences (bagOf) and finds, for a paragraph, the first one filed with
// the same sentences in some order. A bag is a 64-bit hash that a
// paragraph can be crafted to share with another in a second (xxhash and
// splitmix.Mix can be inverted: TestBagForged), so a hit is confirmed by
// the sentences themselves, and a paragraph whose bag an earlier paragraph
// of other sentences holds is filed by its sentences in collided, as
// keyIndex files keys: a crafted paragraph can neither remove a later one
// nor hide a later copy of it (TestBagForgedFirst). Only bag hits pay for
// the sentences.
type bagIndex struct {
	bags     hashIndex        // bag → position in out
	collided map[string]int32 // sentences (see sentenceSet) → position in out
}

// reset empties x for a round of dropNear.
func (x *bagIndex) reset() {
	if x.bags.slots == nil {
		// It files only the bags that may have come twice (see
		// twiceSet), a few in a hundred paragraphs of a page: sized for
		// half the order, its entries stood far apart in a table larger
		// than the caches. It grows to what the first round files, and
		// keeps that size.
		x.bags = newHashIndex(0)
	} else {
		x.bags.reset()
	}
	x.collided = nil
}

// findOrAdd returns the position of the first paragraph filed with the
// sentences of the paragraph at pos, whose bag is bag, or files pos and
// returns it with ok false. sentencesAt returns the sentenceSet of the
// paragraph at a position, pos included.
func (x *bagIndex) findOrAdd(bag uint64, pos int32, sentencesAt func(pos int32) string) (int32, bool) {
	prev, ok := x.bags.findOrAdd(bag, pos)
	if !ok {
		return pos, false
	}
	own := sentencesAt(pos)
	if sentencesAt(prev) == own {
		return prev, true
	}
	// Other sentences with this bag: fall back to the sentences. The
	// paragraph filed there may since have given its position to a
	// fuller copy of other sentences (dropNear), as the one filed in bags
	// may: then pos is filed in its stead.
	if prev, ok := x.collided[own]; ok && sentencesAt(prev) == own {
		return prev, true
	}
	if x.collided == nil {
		x.collided = make(map[string]int32)
	}
	x.collided[own] = pos
	return pos, false
}

// sentenceSet returns the sentences of paragraph i, by their match keys,
// as one string that is the same for the same sentences in any order:
// the keys sorted, each after its length.
func (c *cleaner) sentenceSet(i int) string {
	sents := c.sentencesOf(i)
	keys := make([]string, len(sents))
	for k, s := range sents {
		keys[k] = string(appendKey(nil, c.textOf(i)[s.start:s.end]))
	}
	slices.Sort(keys)
	var set []byte
	for _, k := range keys {
		set = binary.AppendUvarint(set, uint64(len(k)))
		set = append(set, k...)
	}
	return string(set)
}
