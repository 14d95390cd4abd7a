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
// the lines of a get ids from 0 on, in order of first appearance, and a
// line of b the id of its equal in a. The lines of b found nowhere in a
// all get id n-1, which no line of a has: they can only be inserted, and
// the diff never asks whether two of them are equal (it compares ids of
// a with ids of b, and counts the ids of a side only to find lines found
// once in both). So they take no room in the table of ids (see
// numberByHash).
type numbering struct {
	a, b []int32 // the id of each line
	n    int     // how many ids there are, with that of b's lines not in a, if any
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
// text took 20 times as long as 1 MB. The table has more than twice as
// many slots as a has lines (a power of two), and only a's lines are
// added to it, so it never grows; once the lines are numbered it is the
// numbering's spare memory. For the 100 MB stream of bench/run.sh and its
// clean text (1.08 million lines, 0.66 million distinct) it is 8 MB, and
// the ids' hashes about 4.5 MB (the old text's; the parallel path, which
// hashes every line of both texts, holds 8.6 MB of hashes).
//
// It was sized for the longer text and doubled when ids filled half of
// it, b's new lines given ids too. For repeated-sentence in
// BenchmarkAdversarial, whose clean text has none of its lines (each lost
// its last sentence), the ids of b's lines then doubled the table of
// 10 MB's diff (2 MB to 4 MB, past a 1 MiB cache; 512 KB at 1 MB) and
// the moving of the ids into it took 17% of the diff's CPU time (pprof,
// 0.70 of 4.08 s; 8.7% at 1 MB).
//
// A new text given as lines has each hashed without its end, and the
// lines of the old text less that end (lineHash).
func numberByHash(a string, na int, b text, nb int) numbering {
	t := newIDTable(na)
	ida := t.number(cursor{text: a}, na, b.end, true)
	idb := t.number(b.cursorAt(0, 0), nb, b.end, false)
	return numbering{a: ida, b: idb, n: t.ids(), spare: t.slots}
}

// An idTable gives ids to hashes.
type idTable struct {
	slots  []int32 // each slot: an id + 1; 0 for an empty slot
	shift  int     // the top 64-shift bits of a mixed hash pick its slot
	hashOf []uint64
	// unmatched says that a line was given the id after the last, as
	// number without add gives it (see numbering).
	unmatched bool
}

// newIDTable returns a table for the ids of up to lines lines, with
// room for their hashes.
func newIDTable(lines int) *idTable {
	t := &idTable{hashOf: make([]uint64, 0, lines)}
	t.make(lines)
	return t
}

// make gives t its slots for the ids of up to lines lines: more than
// twice as many, a power of two.
func (t *idTable) make(lines int) {
	logSize := bits.Len(uint(2*lines | 1))
	t.shift = 64 - logSize
	t.slots = make([]int32, 1<<logSize)
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
// without it. With add, a line whose hash has no id gets the next one;
// without, it gets the id after the last given, which it shares with
// every such line (see numbering).
func (t *idTable) number(c cursor, n int, end string, add bool) []int32 {
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
		t.numberHashes(chunk, ids[lo:], add)
	}
	return ids
}

// numberHashes writes into ids the id of each hash of hashes: with add,
// a hash with no id gets the next one; without, the id after the last
// given (see numbering). A loop of its own, outside lineShares.number,
// whose other variables took the registers: in there, it loaded the
// bounds of its share from the stack at every line.
func (t *idTable) numberHashes(hashes []uint64, ids []int32, add bool) {
	ids = ids[:len(hashes)]
	if add {
		for i, h := range hashes {
			k := t.free(h)
			id := t.slots[k] - 1
			if id < 0 {
				id = t.add(h, k)
			}
			ids[i] = id
		}
		return
	}
	for i, h := range hashes {
		id := t.slots[t.free(h)] - 1
		if id < 0 {
			id = t.unmatchedID()
		}
		ids[i] = id
	}
}

// add gives hash h, whose slot k is free, the next id and returns it.
// The lookup before it, free, is left to the callers' loops: with it, the
// lookup of a known hash would not be inlined. The table must have room
// for one more id (see make).
func (t *idTable) add(h uint64, k uint64) int32 {
	t.hashOf = append(t.hashOf, h)
	id := int32(len(t.hashOf))
	t.slots[k] = id
	return id - 1
}

// unmatchedID returns the id of the lines of b not in a (see numbering).
func (t *idTable) unmatchedID() int32 {
	t.unmatched = true
	return int32(len(t.hashOf))
}

// ids returns how many ids t has given, unmatchedID's among them.
func (t *idTable) ids() int {
	if t.unmatched {
		return len(t.hashOf) + 1
	}
	return len(t.hashOf)
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
	n, unmatched := int32(0), int32(0)
	number := func(c cursor, count int, add bool) []int32 {
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
				if add {
					m[l] = k
					n++
				} else {
					unmatched = 1
				}
			}
			ids[i] = k
		}
		return ids
	}
	ida := number(cursor{text: a}, na, true)
	idb := number(b.cursorAt(0, 0), nb, false)
	return numbering{a: ida, b: idb, n: int(n + unmatched)}
}
