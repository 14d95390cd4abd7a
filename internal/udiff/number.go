package udiff

import (
	"math/bits"
	"math/rand/v2"
	"unsafe"

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

// A numbering gives each line of two texts an id, equal lines equal ids:
// ids start at 0 and are given in order of first appearance, a before b.
type numbering struct {
	a, b []int32 // the id of each line
	n    int     // how many ids there are
	// spare is memory the numbering no longer needs, at least 2n long
	// when not nil: the scans of the diff use it rather than make their
	// own. more is more of it, at least 2n long when not nil, for the
	// scans of a second differ (differ.inHalves).
	spare, more []int32
	// marksA and marksB, when not nil, hold where every 1<<markShift-th
	// line of a and of b starts (lineShares.hashShare). lineShares.number
	// alone sets more and marksA (marksB too unless b is lines), together.
	marksA, marksB []int
}

// numberByHash numbers the na lines of a and the nb lines of b by the
// 64-bit hash of their text.
//
// Two different lines with the same hash get the same id. That is never
// expected (about n²/2⁶⁵ for n distinct lines), and it is not trusted:
// every line the diff matches is compared with its twin (differ.match),
// and a mismatch makes lineDiff number the lines again by their texts
// (numberByText).
//
// The table is open-addressed, of at least twice as many slots as ids,
// each slot the id of the lines hashed there (4 bytes), whose hash a
// second array, by id, holds: a line costs a look at its slot and, when
// the slot is taken, one at the hash of the taken slot's id. A map from
// texts costs several (its control bytes, its slot, the text of the
// earlier line to compare with, and its growth), which on texts of a
// million lines are misses of the processor's caches: numbering 10 MB of
// text took 20 times as long as 1 MB. The table starts with twice as many
// slots as the longer text has lines (rounded up to a power of two), the
// most distinct lines when one text is mostly the other's, and doubles if
// the ids come to fill half of it; once the lines are numbered it is the
// numbering's spare memory. For the 100 MB stream of bench/run.sh and its
// clean text (1.08 million lines, 0.66 million distinct) it is 8 MB, and
// the ids' hashes 8.6 MB.
//
// A new text given as lines has each hashed without its end, and the
// lines of the old text less that end (lineHash).
func numberByHash(a string, na int, b text, nb int) numbering {
	t := newIDTable(max(na, nb), na+nb)
	return numbering{a: t.number(cursor{text: a}, na, b.end), b: t.number(b.cursorAt(0, 0), nb, b.end), n: len(t.hashOf), spare: t.slots}
}

// An idTable gives ids to hashes.
type idTable struct {
	slots  []int32 // each slot: an id + 1; 0 for an empty slot
	shift  int     // the top 64-shift bits of a mixed hash pick its slot
	hashOf []uint64
}

// newIDTable returns a table of more than twice as many slots as lines,
// for up to maxIDs ids.
func newIDTable(lines, maxIDs int) *idTable {
	t := &idTable{hashOf: make([]uint64, 0, maxIDs)}
	t.resize(logSlots(lines))
	return t
}

// logSlots returns the log2 of the slots a table for texts of up to
// lines lines starts with: more than twice as many.
func logSlots(lines int) int { return bits.Len(uint(2*lines | 1)) }

// resize makes the table 1<<logSize slots and puts the ids back in.
func (t *idTable) resize(logSize int) {
	t.shift = 64 - logSize
	t.slots = make([]int32, 1<<logSize)
	for id, h := range t.hashOf {
		t.slots[t.free(h)] = int32(id + 1)
	}
}

// free returns the slot of hash h: the one holding h's id, or the empty
// one where it goes.
func (t *idTable) free(h uint64) uint64 {
	mask := uint64(len(t.slots) - 1)
	k := splitmix.Mix(h^slotSeed) >> t.shift
	for t.slots[k] != 0 && t.hashOf[t.slots[k]-1] != h {
		k = (k + 1) & mask
	}
	return k
}

// number returns the ids of the n lines of the text of c, which is at
// its start, hashed less end (lineHash) unless they are lines given
// without it.
func (t *idTable) number(c cursor, n int, end string) []int32 {
	ids := make([]int32, n)
	// Hash a chunk of lines first, then look them up: a loop of lookups
	// alone lets the processor wait for several slots at once.
	var hashes [512]uint64
	for lo := 0; lo < n; lo += len(hashes) {
		chunk := hashes[:min(len(hashes), n-lo)]
		switch {
		case c.lines != nil:
			for i := range chunk {
				chunk[i] = hashLine(c.nextLine())
			}
		case end != "":
			for i := range chunk {
				chunk[i] = lineHash(c.next(), end)
			}
		default: // lineHash(l, "") is hashLine(l)
			for i := range chunk {
				chunk[i] = hashLine(c.next())
			}
		}
		for i, h := range chunk {
			k := t.free(h)
			id := t.slots[k] - 1
			if id < 0 {
				id = t.add(h, k)
			}
			ids[lo+i] = id
		}
	}
	return ids
}

// add gives hash h, whose slot k is free, the next id and returns it.
// The lookup before it, free, is left to the callers' loops: with it, the
// lookup of a known hash would not be inlined.
func (t *idTable) add(h uint64, k uint64) int32 {
	t.hashOf = append(t.hashOf, h)
	id := int32(len(t.hashOf))
	t.slots[k] = id
	if 2*len(t.hashOf) > len(t.slots) {
		t.resize(64 - t.shift + 1)
	}
	return id - 1
}

// int32s returns the memory of s as twice as many int32s.
func int32s(s []uint64) []int32 {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*int32)(unsafe.Pointer(&s[0])), 2*len(s))
}

// numberByText is numberByHash without hashes: a map from the lines'
// texts, exact whatever the texts. Lines given without their end, and
// those of the old text that end in it, are keyed less it; the others
// (see noEnd), in a map of their own.
func numberByText(a string, na int, b text, nb int) numbering {
	id, whole := make(map[string]int32, na), map[string]int32{}
	n := int32(0)
	number := func(c cursor, count int) []int32 {
		ids := make([]int32, count)
		for i := range ids {
			l, m := "", id
			switch {
			case c.lines != nil:
				l = c.nextLine()
			default:
				l = c.next()
				if k := len(l) - len(b.end); k >= 0 && l[k:] == b.end {
					l = l[:k]
				} else {
					m = whole
				}
			}
			k, ok := m[l]
			if !ok {
				k = n
				m[l] = k
				n++
			}
			ids[i] = k
		}
		return ids
	}
	return numbering{a: number(cursor{text: a}, na), b: number(b.cursorAt(0, 0), nb), n: int(n)}
}
