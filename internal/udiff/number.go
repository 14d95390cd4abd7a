package udiff

import (
	"math/bits"
	"math/rand/v2"

	"github.com/cespare/xxhash/v2"

	"github.com/textclean/textclean/internal/splitmix"
)

// slotSeed is mixed into each line's hash before it picks a slot, so
// that which lines share a slot cannot be known outside this process: the
// hashes are unseeded xxhash sums of lines anyone can write, and lines
// crafted to share the top bits of theirs would each have probed past all
// the others. Ids do not depend on it, so neither does the diff.
var slotSeed = rand.Uint64()

// hashLine returns the hash lines are numbered by. A variable so tests can
// make lines collide.
var hashLine = xxhash.Sum64String

// numberByHash gives each line of a and b an id, equal lines equal ids, by
// the 64-bit hash of their text: ids start at 0 and are given in order of
// first appearance, a before b. It returns the ids and how many there are.
//
// Two different lines with the same hash get the same id. That is never
// expected (about n²/2⁶⁵ for n distinct lines), and it is not trusted:
// every line the diff matches is compared with its twin (differ.match),
// and a mismatch makes lineDiff number the lines again by their texts
// (numberByText).
//
// The table is open-addressed, of at least twice as many slots as lines,
// each slot the id of the lines hashed there (4 bytes), whose hash a
// second array, by id, holds: a line costs a look at its slot and, when
// the slot is taken, one at the hash of the taken slot's id. A map from
// texts costs several (its control bytes, its slot, the text of the
// earlier line to compare with, and its growth), which on texts of a
// million lines are misses of the processor's caches: numbering 10 MB of
// text took 20 times as long as 1 MB. Slots of a hash and an id side by
// side (16 bytes) cost 64 MB for the 100 MB stream of bench/run.sh and its
// clean text (1.08 million lines), the largest allocation of a diff; now
// 16 MB, and the ids' hashes 5 MB.
func numberByHash(a, b []string) (ida, idb []int32, n int) {
	shift := 64 - bits.Len(uint(2*(len(a)+len(b))|1))
	table := make([]int32, 1<<(64-shift)) // each slot: an id + 1; 0 for an empty slot
	mask := uint64(len(table) - 1)
	hashOf := make([]uint64, 0, len(a)) // the hash of each id
	// Hash a chunk of lines first, then look them up: a loop of lookups
	// alone lets the processor wait for several slots at once.
	var hashes [512]uint64
	number := func(lines []string) []int32 {
		ids := make([]int32, len(lines))
		for lo := 0; lo < len(lines); lo += len(hashes) {
			chunk := lines[lo:min(lo+len(hashes), len(lines))]
			for i, l := range chunk {
				hashes[i] = hashLine(l)
			}
			for i, h := range hashes[:len(chunk)] {
				// The top bits of the mixed hash pick the slot.
				k := splitmix.Mix(h^slotSeed) >> shift
				for table[k] != 0 && hashOf[table[k]-1] != h {
					k = (k + 1) & mask
				}
				if table[k] == 0 {
					hashOf = append(hashOf, h)
					table[k] = int32(len(hashOf))
				}
				ids[lo+i] = table[k] - 1
			}
		}
		return ids
	}
	ida = number(a)
	idb = number(b)
	return ida, idb, len(hashOf)
}

// numberByText is numberByHash without hashes: a map from the lines'
// texts, exact whatever the texts.
func numberByText(a, b []string) (ida, idb []int32, n int) {
	id := make(map[string]int32, len(a))
	number := func(lines []string) []int32 {
		ids := make([]int32, len(lines))
		for i, l := range lines {
			k, ok := id[l]
			if !ok {
				k = int32(len(id))
				id[l] = k
			}
			ids[i] = k
		}
		return ids
	}
	ida = number(a)
	idb = number(b)
	return ida, idb, len(id)
}
