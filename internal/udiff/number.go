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
// The hashes go into an open-addressed table of at least twice as many
// slots as lines, each a hash and an id side by side: a line costs one
// look at the table. A map from texts costs several (its control bytes,
// its slot, the text of the earlier line to compare with, and its growth),
// which on texts of a million lines are misses of the processor's caches:
// numbering 10 MB of text took 20 times as long as 1 MB.
func numberByHash(a, b []string) (ida, idb []int32, n int) {
	type slot struct {
		h  uint64
		id int32 // the line's id + 1; 0 for an empty slot
	}
	shift := 64 - bits.Len(uint(2*(len(a)+len(b))|1))
	table := make([]slot, 1<<(64-shift))
	mask := uint64(len(table) - 1)
	number := func(lines []string) []int32 {
		ids := make([]int32, len(lines))
		// Hash all the lines first, then look them up: a loop of lookups
		// alone lets the processor wait for several slots at once.
		hashes := make([]uint64, len(lines))
		for i, l := range lines {
			hashes[i] = hashLine(l)
		}
		for i, h := range hashes {
			// The top bits of the mixed hash pick the slot.
			k := splitmix.Mix(h^slotSeed) >> shift
			for table[k].id != 0 && table[k].h != h {
				k = (k + 1) & mask
			}
			if table[k].id == 0 {
				n++
				table[k] = slot{h, int32(n)}
			}
			ids[i] = table[k].id - 1
		}
		return ids
	}
	ida = number(a)
	idb = number(b)
	return ida, idb, n
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
