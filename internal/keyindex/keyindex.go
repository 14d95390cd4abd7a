package keyindex

import (
	"math"
	"math/rand/v2"

	"github.com/textclean/textclean/internal/splitmix"
)

// MaxLen is the number of keys an Index holds at most: a slot holds a
// key's number plus one, and 0 marks it empty.
const MaxLen = math.MaxUint32 - 1

const (
	shardBits = 8
	shards    = 1 << shardBits
	// minSlots is the size of the smallest shard's first table; shard i
	// starts at minSlots*(1+i/shards/4), a quarter more at most.
	minSlots = 64
	// chunkBits sets the size of the blocks of keys: a full block is
	// never copied.
	chunkBits = 16
	chunkSize = 1 << chunkBits
)

// Index numbers 64-bit keys. The zero value is an empty Index. It is not
// safe for concurrent use while keys are added; Len, Key and Find may be
// called from several goroutines at once.
type Index struct {
	shards [shards]shard
	keys   [][]uint64 // by number: keys[n>>chunkBits][n%chunkSize]
	len    int
}

// shard is an open-addressing table with linear probing.
type shard struct {
	slots []uint32 // the number plus one of the key in each slot; 0: empty
	used  int
}

// Len returns the number of keys added.
func (ix *Index) Len() int { return ix.len }

// Key returns key number n, which must be below Len.
func (ix *Index) Key(n uint32) uint64 { return ix.keys[n>>chunkBits][n%chunkSize] }

// Find returns the number of key k, and whether k was added.
func (ix *Index) Find(k uint64) (uint32, bool) {
	h := mix(k)
	s := &ix.shards[h>>(64-shardBits)]
	if len(s.slots) == 0 {
		return 0, false
	}
	for i := home(h, len(s.slots)); ; i = next(i, len(s.slots)) {
		v := s.slots[i]
		if v == 0 {
			return 0, false
		}
		if ix.Key(v-1) == k {
			return v - 1, true
		}
	}
}

// Add returns the number of key k, numbering it Len if it is new, and
// whether it is. It panics if k is new and the Index holds MaxLen keys.
func (ix *Index) Add(k uint64) (n uint32, added bool) {
	h := mix(k)
	sh := int(h >> (64 - shardBits))
	s := &ix.shards[sh]
	if len(s.slots) == 0 {
		s.slots = make([]uint32, minSlots+minSlots*sh/shards/4)
	}
	i := home(h, len(s.slots))
	for ; s.slots[i] != 0; i = next(i, len(s.slots)) {
		if v := s.slots[i]; ix.Key(v-1) == k {
			return v - 1, false
		}
	}
	if ix.len == MaxLen {
		panic("keyindex: more than MaxLen keys")
	}
	n = uint32(ix.len)
	ix.appendKey(k)
	s.slots[i] = n + 1
	s.used++
	if s.used*5 >= len(s.slots)*4 {
		ix.grow(s)
	}
	return n, true
}

// appendKey appends k to the keys. A block starts small and doubles up
// to chunkSize: small indexes stay small, and a full block is never
// copied again.
func (ix *Index) appendKey(k uint64) {
	if ix.len%chunkSize == 0 {
		ix.keys = append(ix.keys, make([]uint64, 0, minSlots))
	}
	last := &ix.keys[len(ix.keys)-1]
	if len(*last) == cap(*last) {
		*last = append(make([]uint64, 0, min(2*cap(*last), chunkSize)), *last...)
	}
	*last = append(*last, k)
	ix.len++
}

// grow moves shard s into a table a quarter larger.
func (ix *Index) grow(s *shard) {
	old := s.slots
	s.slots = make([]uint32, len(old)+len(old)/4)
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := home(mix(ix.Key(v-1)), len(s.slots))
		for s.slots[i] != 0 {
			i = next(i, len(s.slots))
		}
		s.slots[i] = v
	}
}

// seed is mixed into every key, so that which keys share a shard and a
// home slot cannot be known outside this process. The keys may be unseeded
// hashes of texts that anyone can write (textclean's are tags, the first
// 64 bits of the SHA-256 of a paragraph's match key, which anyone can
// compute): without the seed, texts
// whose keys all probe one run of slots can be found by trial, for some
// hundreds of millions of hashes each, and made each Add cost as many
// probes as there were keys before it. Only the slots depend on the seed,
// not the numbers.
var seed = rand.Uint64()

// mix spreads the bits of k and the seed over the whole result (a
// bijection of k: SplitMix64's finalizer): keys that differ only in their
// low bits, as small integers do, still land in different shards and
// slots.
func mix(k uint64) uint64 { return splitmix.Mix(k ^ seed) }

// home is the first slot to try for the mixed key h in a table of size
// slots: bits 24 to 55 of h scaled to the size (the shard is bits 56 to
// 63).
func home(h uint64, slots int) int { return int((h >> 24 & math.MaxUint32) * uint64(slots) >> 32) }

// next is the slot after i, wrapping around.
func next(i, slots int) int {
	if i++; i == slots {
		return 0
	}
	return i
}
