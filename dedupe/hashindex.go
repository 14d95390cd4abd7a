package dedupe

import (
	"math/bits"
	"math/rand/v2"

	"github.com/textclean/textclean/internal/splitmix"
)

// hashIndex maps 64-bit hashes to the first index filed under each: the
// tables of dropNear, which are the lists asked for and the slots and
// groups of its teaser and start indexes. (The paragraph and sentence
// tables, which compare their keys on every hit, and dropNear's bags of
// sentences, which bagIndex confirms by the sentences, use a tagIndex,
// which keeps 32 bits of each hash.) It is an open-addressing table with linear probing, sized
// once for the number of entries expected (and doubled should that be
// exceeded). A lookup costs one probe into one array, where a Go map
// looks at a group's control word before its slots. The slot of a hash is
// its low bits after mixing it with a random seed: xxhash is unseeded, so
// without the seed a text could be written whose keys' hashes all share
// their low bits and probe in one long run.
type hashIndex struct {
	slots []hashSlot // a power of two of them, at most three quarters full
	n     int
	seed  uint64
}

// hashSlot is an entry of a hashIndex; idx is the index plus one, so that
// the zero slot is empty.
type hashSlot struct {
	h   uint64
	idx int32
}

// newHashIndex returns a hashIndex with room for n entries.
func newHashIndex(n int) hashIndex {
	return hashIndex{slots: makeWritten[hashSlot](slotsFor(n)), seed: rand.Uint64()}
}

// slotsFor returns the slots of a hashIndex or tagIndex with room for n
// entries: a power of two, at least 16, that n fill at most three
// quarters of.
func slotsFor(n int) int {
	size := 16
	for size*3 < n*4 {
		size *= 2
	}
	return size
}

// reset empties x and keeps its slots, for a table filed again from
// scratch: dropNear's, in every round.
func (x *hashIndex) reset() {
	clear(x.slots)
	x.n = 0
}

// slot returns the first slot to probe for h.
func (x *hashIndex) slot(h uint64) uint64 { return splitmix.Mix(h^x.seed) & uint64(len(x.slots)-1) }

// findOrAdd returns the index filed under h, or files idx under it and
// returns idx with ok false.
func (x *hashIndex) findOrAdd(h uint64, idx int32) (int32, bool) {
	if (x.n+1)*4 > len(x.slots)*3 {
		x.grow()
	}
	mask := uint64(len(x.slots) - 1)
	for k := x.slot(h); ; k = (k + 1) & mask {
		s := &x.slots[k]
		if s.idx == 0 {
			*s = hashSlot{h, idx + 1}
			x.n++
			return idx, false
		}
		if s.h == h {
			return s.idx - 1, true
		}
	}
}

// find returns the index filed under h, if there is one.
func (x *hashIndex) find(h uint64) (int32, bool) {
	mask := uint64(len(x.slots) - 1)
	for k := x.slot(h); ; k = (k + 1) & mask {
		s := &x.slots[k]
		if s.idx == 0 {
			return 0, false
		}
		if s.h == h {
			return s.idx - 1, true
		}
	}
}

// grow doubles the slots and files every entry again.
func (x *hashIndex) grow() {
	old := x.slots
	x.slots = makeWritten[hashSlot](2 * max(len(old), 8))
	mask := uint64(len(x.slots) - 1)
	for _, s := range old {
		if s.idx == 0 {
			continue
		}
		k := x.slot(s.h)
		for x.slots[k].idx != 0 {
			k = (k + 1) & mask
		}
		x.slots[k] = s
	}
}

// tagIndex is a hashIndex in half the memory, for keyIndex and bagIndex,
// which compare the keys (or sentences) themselves on every hit: its slots keep 32 bits of the mixed,
// seeded hash (the tag) instead of the hash, so a slot is 8 bytes, not 16.
// Keys with the same tag are one entry to it: it files only the first,
// and returns that first entry's index for every key with its tag, equal
// or not, and its user tells them apart. Two keys of n share a tag by
// chance with odds about n²/2³³ (about a hundred pairs in a million
// sentences), and a text cannot choose keys that do without knowing the
// seed. The slot of a tag is its top bits, so that the tag alone says
// where an entry goes when the table grows; a lookup costs one probe into
// one array, as in a hashIndex.
type tagIndex struct {
	slots []tagSlot // a power of two of them, at most three quarters full
	shift uint      // 32 less log2(len(slots)): tag>>shift is a tag's slot
	n     int
	seed  uint64
}

// tagSlot is an entry of a tagIndex; idx is the index plus one, so that
// the zero slot is empty.
type tagSlot struct {
	tag uint32
	idx int32
}

// newTagIndex returns a tagIndex with room for n entries.
func newTagIndex(n int) tagIndex { return lentTagIndex(n, nil) }

// lentTagIndex is newTagIndex with its slots lent from spares where they
// have room (see lend), made as resize makes them where not. If it grows,
// it grows into memory of its own.
func lentTagIndex(n int, spares []spare) tagIndex {
	x := tagIndex{seed: rand.Uint64()}
	x.setSlots(lend[tagSlot](spares, slotsFor(n)))
	return x
}

// tagIndexFits reports whether lentTagIndex would make the index for n
// entries in s.
func tagIndexFits(s spare, n int) bool { return fits[tagSlot](s, slotsFor(n)) }

// resize gives x size empty slots, a power of two; an int32 index leaves
// at most 2³¹ entries, which 2³² slots hold.
func (x *tagIndex) resize(size int) { x.setSlots(makeWritten[tagSlot](size)) }

// setSlots gives x the empty slots slots, a power of two of them.
func (x *tagIndex) setSlots(slots []tagSlot) {
	x.slots = slots
	x.shift = uint(32 - bits.TrailingZeros(uint(len(slots))))
}

// reset empties x and keeps its slots, for a table filed again from
// scratch: dropNear's bags, in every round.
func (x *tagIndex) reset() {
	clear(x.slots)
	x.n = 0
}

// tag returns the tag of h.
func (x *tagIndex) tag(h uint64) uint32 { return uint32(splitmix.Mix(h^x.seed) >> 32) }

// findOrAdd returns the index filed under the tag of h, or files idx under
// it and returns idx with ok false.
func (x *tagIndex) findOrAdd(h uint64, idx int32) (int32, bool) {
	if (x.n+1)*4 > len(x.slots)*3 {
		x.grow()
	}
	tag := x.tag(h)
	mask := len(x.slots) - 1
	for k := int(tag >> x.shift); ; k = (k + 1) & mask {
		s := &x.slots[k]
		if s.idx == 0 {
			*s = tagSlot{tag, idx + 1}
			x.n++
			return idx, false
		}
		if s.tag == tag {
			return s.idx - 1, true
		}
	}
}

// touch loads the slot where a lookup of h starts and returns its tag.
// The lookups of a round come one after the other, each a cache miss for
// a large table that the next waits for; touching the slots of the next
// few ahead of them lets their misses overlap.
func (x *tagIndex) touch(h uint64) uint32 { return x.slots[x.tag(h)>>x.shift].tag }

// grow doubles the slots and files every entry again.
func (x *tagIndex) grow() {
	old := x.slots
	x.resize(2 * len(old))
	mask := len(x.slots) - 1
	for _, s := range old {
		if s.idx == 0 {
			continue
		}
		k := int(s.tag >> x.shift)
		for x.slots[k].idx != 0 {
			k = (k + 1) & mask
		}
		x.slots[k] = s
	}
}
