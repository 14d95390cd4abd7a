package dedupe

import (
	"math/rand/v2"

	"github.com/textclean/textclean/internal/splitmix"
)

// hashIndex maps the 64-bit hashes of keys to the first index filed under
// each: the lookup behind the paragraph and sentence tables, made once or
// more per paragraph and sentence in every round. It is an open-addressing
// table with linear probing, sized once for the number of entries expected
// (and doubled should that be exceeded). A lookup costs one probe into
// one array, where a Go map looks at a group's control word before its
// slots. The slot of a hash is its low bits after mixing it with a random
// seed: xxhash is unseeded, so without the seed a text could be written
// whose keys' hashes all share their low bits and probe in one long run.
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
	size := 16
	for size*3 < n*4 {
		size *= 2
	}
	return hashIndex{slots: make([]hashSlot, size), seed: rand.Uint64()}
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
	x.slots = make([]hashSlot, 2*max(len(old), 8))
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
