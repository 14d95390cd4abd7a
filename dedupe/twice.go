package dedupe

import (
	"math/rand/v2"

	"github.com/textclean/textclean/internal/splitmix"
)

// twiceSet says of a hash whether it may have been added more than once.
// Clean adds to one the hash of every long sentence that it makes, and to
// another that of every bag of sentences (see bagOf), as it makes them;
// the sentence round and dropNear then look up in their tables only the
// hashes that may have come twice: a hash that came once is that of a
// single text, which nothing before it can repeat in any round, and
// nothing after it either. In a scraped page most sentences and bags come
// once, and each lookup left out is a cache miss in a table larger than
// the caches. (Paragraph keys gain nothing from a set: the paragraph
// table is made again only after sentence cuts, and a paragraph's lookup
// there costs about what adding and asking would.)
//
// It is two bits a slot, seen once and seen twice, and a hash's slot is
// its low bits after mixing them with a random seed. Hashes that share a
// slot make it look seen twice: the answer "may have come twice" is often
// wrong, and the tables then do the work they did without the set, but
// "came once" never is. Hashes are only ever added, also when a text
// changes and its old hashes no longer stand for anything: that too only
// makes "may have come twice" more often wrong.
//
// A set is a few MB at most, so that its own lookups mostly hit the
// caches; adding to it and asking it cost far less than the lookups it
// saves. One goroutine at a time adds to a set: each goroutine of prepare
// adds to one of its own, which prepare then merges into the cleaner's.
type twiceSet struct {
	words []uint64 // for each 64 slots, the seen-once bits, then the seen-twice bits
	mask  uint64   // slots - 1
	seed  uint64
}

// The slots of a twiceSet: twiceSlotsPerHash a hash expected, a power of
// two of them, from 1024 to twiceMaxSlots (2 MB). On the 100 MB
// benchmark stream, with 1.7 million long sentences, sets of 2 MB made the
// rounds faster than sets of 1 MB or 8 MB: at 8 MB the set's own lookups
// miss the caches, at 1 MB one hash in three shares a slot.
const (
	twiceSlotsPerHash = 8
	twiceMaxSlots     = 8 << 20
)

// newTwiceSet returns an empty twiceSet sized for about n hashes. Of
// hashes that came once, about 1-e^(-n/slots) share a slot with another,
// an eighth for n hashes or fewer.
func newTwiceSet(n int) *twiceSet {
	slots := 1024
	for slots < twiceSlotsPerHash*n && slots < twiceMaxSlots {
		slots *= 2
	}
	return &twiceSet{words: make([]uint64, slots/32), mask: uint64(slots - 1), seed: rand.Uint64()}
}

// skipSingleHashes says whether the rounds leave out the hashes that a
// twiceSet says came once; tests turn it off to check that doing so
// changes nothing.
var skipSingleHashes = true

// at returns the index in s.words of the seen-once word of h's slot, and
// h's bit in it.
func (s *twiceSet) at(h uint64) (int, uint64) {
	slot := splitmix.Mix(h^s.seed) & s.mask
	return int(slot/64) * 2, 1 << (slot % 64)
}

// add records one more occurrence of h. It does nothing to a nil set.
func (s *twiceSet) add(h uint64) {
	if s == nil {
		return
	}
	w, bit := s.at(h)
	s.words[w+1] |= s.words[w] & bit
	s.words[w] |= bit
}

// mayRepeat reports whether h may have been added more than once: false
// only if it was added at most once. Every hash may repeat in a nil set.
func (s *twiceSet) mayRepeat(h uint64) bool {
	if s == nil || !skipSingleHashes {
		return true
	}
	w, bit := s.at(h)
	return s.words[w+1]&bit != 0
}

// emptyLike returns an empty set of the size and seed of s, which merge
// can add to s; nil for a nil s.
func (s *twiceSet) emptyLike() *twiceSet {
	if s == nil {
		return nil
	}
	return &twiceSet{words: make([]uint64, len(s.words)), mask: s.mask, seed: s.seed}
}

// merge adds to s every hash added to o, a set that emptyLike made of s:
// a slot is seen twice if it was in either set, or seen once in both.
func (s *twiceSet) merge(o *twiceSet) {
	if s == nil {
		return
	}
	for w := 0; w < len(s.words); w += 2 {
		s.words[w+1] |= o.words[w+1] | s.words[w]&o.words[w]
		s.words[w] |= o.words[w]
	}
}

// twiceSets are the twiceSets of a Clean call: of the paragraphs' long
// sentences (nil with sentences off) and of their bags of sentences (nil
// with near-duplicates off).
type twiceSets struct{ sentences, bags *twiceSet }

// emptyLike returns empty sets like those of t, for merge.
func (t twiceSets) emptyLike() twiceSets {
	return twiceSets{t.sentences.emptyLike(), t.bags.emptyLike()}
}

// merge adds to t every hash added to o, which emptyLike made of t.
func (t twiceSets) merge(o twiceSets) {
	t.sentences.merge(o.sentences)
	t.bags.merge(o.bags)
}
