package dedupe

import (
	"math/rand/v2"

	"github.com/textclean/textclean/internal/splitmix"
)

// twiceSet says of a hash whether it may have been added more than once.
// Clean adds to one set the hash of every paragraph key that it makes, to
// another that of every long sentence, and to a third that of every bag
// of sentences (see bagOf), as it makes them; the paragraph table, the
// sentence round and dropNear then look up in their tables only the
// hashes that may have come twice: a hash that came once is that of a
// single text, which nothing before it can repeat in any round, and
// nothing after it either. In a scraped page most paragraphs, sentences
// and bags come once, and each lookup left out is a cache miss in a table
// larger than the caches.
//
// It is two bits a slot, seen once and seen twice, and a hash's slot is
// its low bits after mixing them with a random seed. Hashes that share a
// slot make it look seen twice: the answer "may have come twice" is often
// wrong, and the tables then do the work they did without the set, but
// "came once" never is. Hashes are only ever added, also when a text
// changes and its old hashes no longer stand for anything: that too only
// makes "may have come twice" more often wrong.
//
// A set is 2 MB at most, so that its own lookups mostly hit the
// caches; adding to it and asking it cost far less than the lookups it
// saves. Adds are not atomic: one goroutine at a time adds to a word of
// a set. prepare's goroutines log the slots of the hashes they make
// instead (see hashLogs), which addLogs adds after, on every CPU, each
// goroutine to its share of the words: a slot's word missed the caches on
// most adds, and among the work of splitting and hashing the processor
// could not get ahead to the next (the adds took 9% of the CPU time of
// the default mode).
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
// hashes that came once, about 1-e^(-n/slots) share a slot with another:
// an eighth for n hashes or fewer, up to a million hashes
// (twiceMaxSlots/twiceSlotsPerHash); more beyond.
func newTwiceSet(n int) *twiceSet {
	slots := 1024
	for slots < twiceSlotsPerHash*n && slots < twiceMaxSlots {
		slots *= 2
	}
	return &twiceSet{words: makeWritten[uint64](slots / 32), mask: uint64(slots - 1), seed: rand.Uint64()}
}

// skipSingleHashes says whether the rounds leave out the hashes that a
// twiceSet says came once; tests turn it off to check that doing so
// changes nothing.
var skipSingleHashes = true

// slot returns h's slot: below twiceMaxSlots, so it fits 32 bits.
func (s *twiceSet) slot(h uint64) uint32 { return uint32(splitmix.Mix(h^s.seed) & s.mask) }

// slotBit returns the index in a twiceSet's words of the seen-once word
// of a slot, and the slot's bit in it.
func slotBit(slot uint32) (int, uint64) { return int(slot/64) * 2, 1 << (slot % 64) }

// add records one more occurrence of h. It does nothing to a nil set.
func (s *twiceSet) add(h uint64) {
	if s != nil {
		s.addSlot(s.slot(h))
	}
}

// addSlot records one more occurrence of a hash with slot slot.
func (s *twiceSet) addSlot(slot uint32) {
	w, bit := slotBit(slot)
	s.words[w+1] |= s.words[w] & bit
	s.words[w] |= bit
}

// mayRepeat reports whether h may have been added more than once: false
// only if it was added at most once. Every hash may repeat in a nil set.
func (s *twiceSet) mayRepeat(h uint64) bool { return s.repeatBit(h) != 0 }

// repeatBit is mayRepeat's answer as a bit, 1 or 0, with no branch on the
// word of the set it reads (see cleaner.bagsMayRepeat).
func (s *twiceSet) repeatBit(h uint64) uint64 {
	if s == nil || !skipSingleHashes {
		return 1
	}
	slot := s.slot(h)
	w, _ := slotBit(slot)
	return s.words[w+1] >> (slot % 64) & 1
}

// addSlots records one more occurrence of a hash with each slot of every
// list of lists, on workers goroutines that each read them all and mark
// those of their share of the words of slots. It does nothing to a nil
// set.
func (s *twiceSet) addSlots(lists [][]uint32, workers int) {
	if s == nil {
		return
	}
	slots := int(s.mask) + 1
	workers = min(workers, slots/64) // a word of slots each at least
	inParallel(workers, func(k int) {
		lo, hi := slots/64*k/workers*64, slots/64*(k+1)/workers*64
		for _, list := range lists {
			for _, slot := range list {
				if lo <= int(slot) && int(slot) < hi {
					s.addSlot(slot)
				}
			}
		}
	})
}

// twiceSets are the twiceSets of a Clean call: of the paragraphs' keys, of
// their long sentences (nil with sentences off) and of their bags of
// sentences (nil with near-duplicates off).
type twiceSets struct{ keys, sentences, bags *twiceSet }

// The kinds of hashes that a twiceSets keeps, one set each.
const (
	keyHashes = iota
	sentenceHashes
	bagHashes
	hashKinds
)

// of returns t's set of hashes of kind kind.
func (t twiceSets) of(kind int) *twiceSet {
	switch kind {
	case keyHashes:
		return t.keys
	case sentenceHashes:
		return t.sentences
	}
	return t.bags
}

// hashLogs are the slots in twiceSets of the hashes that one of prepare's
// goroutines made, by kind, for twiceSets.addLogs: 4 bytes a hash.
type hashLogs [hashKinds][]uint32

// addLogs adds the hashes of logs to t, on workers goroutines.
func (t twiceSets) addLogs(logs []hashLogs, workers int) {
	for kind := range hashKinds {
		lists := make([][]uint32, len(logs))
		for k := range logs {
			lists[k] = logs[k][kind]
		}
		t.of(kind).addSlots(lists, workers)
	}
}
