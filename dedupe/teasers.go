package dedupe

import (
	"math/bits"
	"slices"
	"strings"

	"github.com/cespare/xxhash/v2"

	"github.com/textclean/textclean/internal/splitmix"
)

// teaserIndex finds, for dropNear, the kept teaser that a paragraph gives in
// full: the one whose stem (its key without the mark) is a proper prefix of
// the paragraph's key and has teaserWords words or more. Of several, it
// finds the position that joined the index first, as a scan of every kept
// teaser in that order would.
//
// A scan costs one comparison per teaser kept so far, for every paragraph:
// quadratic in a page of teasers. Here a stem is filed under its first
// teaserWords-1 words, which are whole words of any key it is a prefix of
// (a word follows them in the stem), and then under its length and a hash
// of its bytes. A lookup finds the group of the key's first words, hashes
// the key's prefixes of the lengths in that group, in one pass over the
// key, and compares texts only on a hash hit: one table lookup for most
// paragraphs, and at most one per byte of the key, whatever the number of
// teasers.
type teaserIndex struct {
	// joined is, by position in out, 1 + when it first held a teaser (0:
	// never), the order of the scan. A position keeps it when another
	// paragraph takes its place, as the scan keeps the position in its
	// list. Positions are dense, so slices by position serve where maps
	// would cost a cache miss per lookup on a large page.
	joined  []int32
	teasers int32         // how many positions have joined
	held    []*teaserInfo // by position: the teaser it holds now, if its stem is filed
	stems   int           // how many positions hold a filed stem

	// The positions filed under a slot (see stemKey.slot) are a list
	// linked through next and prev, by position, from the slot's head.
	// Slots and groups are numbered in flat tables (hashIndex), which
	// take one probe where a Go map of slices took two and an allocation
	// for every stem filed.
	slots      hashIndex   // slot → its number in heads
	heads      []int32     // by slot number: the first position filed under it, -1 if none
	next, prev []int32     // by position: the neighbours in its slot's list, -1 at the ends
	groups     hashIndex   // group → its number in lens
	lens       []groupLens // by group number: the stem lengths filed in it
	prints     hashIndex   // the low 32 bits of every group ever filed: see mayGive
}

// newTeaserIndex returns an empty teaserIndex with room for about n
// teasers (it grows past that).
func newTeaserIndex(n int) teaserIndex {
	return teaserIndex{slots: newHashIndex(n), groups: newHashIndex(n), prints: newHashIndex(n)}
}

// reset empties x for another round of dropNear, with room for about n
// teasers at positions below positions, and keeps its tables' memory. The
// slices by position are made that long at once: grown a position at a
// time in occupy, they took a tenth of the index's time.
func (x *teaserIndex) reset(n, positions int) {
	if x.slots.slots == nil {
		*x = newTeaserIndex(n)
	} else {
		x.slots.reset()
		x.groups.reset()
		x.prints.reset()
	}
	x.joined, x.held, x.next, x.prev = resize(x.joined, positions), resize(x.held, positions), resize(x.next, positions), resize(x.prev, positions)
	x.teasers, x.stems = 0, 0
	x.heads, x.lens = x.heads[:0], x.lens[:0]
	if x.lens == nil {
		// Room for a group for each teaser, from the first round on:
		// grown from empty, the table was garbage twice its size.
		x.lens = make([]groupLens, 0, n)
	}
}

// stemKey files a stem: the xxhash of its first teaserWords-1 words (its
// group), its length and its prefixHash.
type stemKey struct {
	group uint64
	n     int
	h     uint64
}

// slot returns the table key of k: its three parts mixed into one word, a
// key of a flat table (hashIndex). Two keys that share a slot
// only put more positions before find, which compares texts.
func (k stemKey) slot() uint64 { return slotOf(k.group, uint64(k.n), k.h) }

// slotOf mixes the three parts of an index key (a hash, a length and a
// hash) into the one word that teaserIndex and startIndex key their tables
// by. A variable so tests can make every key share one slot.
var slotOf = func(a, n, b uint64) uint64 { return splitmix.Mix(splitmix.Mix(a+n) ^ b) }

// stemLen is a stem length of a group, and how many positions of the group
// hold a stem that long.
type stemLen struct{ n, count int }

// groupLens is the stem lengths filed in a group, in increasing order: in
// one, while the group has only one (as most have), else in more. A slice
// for each group was a small allocation for every group filed, a quarter of
// a Clean's on a page of teasers, and as many objects for the garbage
// collector to mark.
type groupLens struct {
	one  [1]stemLen // the only length, if more is nil (count 0: none)
	more []stemLen  // every length, once the group has had two
}

// add counts one more stem n bytes long.
func (g *groupLens) add(n int) {
	switch {
	case g.more == nil && (g.one[0].count == 0 || g.one[0].n == n):
		g.one[0].n = n
		g.one[0].count++
		return
	case g.more == nil:
		g.more = []stemLen{g.one[0]}
		g.one[0] = stemLen{}
	}
	i, found := slices.BinarySearchFunc(g.more, n, func(l stemLen, n int) int { return l.n - n })
	if !found {
		g.more = slices.Insert(g.more, i, stemLen{n: n})
	}
	g.more[i].count++
}

// remove counts one stem n bytes long less; one must be counted.
func (g *groupLens) remove(n int) {
	if g.more == nil {
		g.one[0].count--
		return
	}
	i, _ := slices.BinarySearchFunc(g.more, n, func(l stemLen, n int) int { return l.n - n })
	if g.more[i].count--; g.more[i].count == 0 {
		g.more = slices.Delete(g.more, i, i+1)
	}
}

// all returns the lengths counted, in increasing order, in g's memory.
func (g *groupLens) all() []stemLen {
	if g.more != nil {
		return g.more
	}
	if g.one[0].count == 0 {
		return nil
	}
	return g.one[:]
}

// occupy records that position pos of the kept text now holds a paragraph
// whose teaserInfo is t (nil: it is not a teaser). The index keeps t, which
// must not change.
func (x *teaserIndex) occupy(pos int, t *teaserInfo) {
	if pos < len(x.held) && x.held[pos] != nil {
		x.unfile(pos)
	}
	if t == nil {
		return
	}
	if x.slots.slots == nil {
		*x = newTeaserIndex(0)
	}
	if pos >= len(x.joined) {
		grow := pos + 1 - len(x.joined)
		x.joined = append(x.joined, make([]int32, grow)...)
		x.held = append(x.held, make([]*teaserInfo, grow)...)
		x.next = append(x.next, make([]int32, grow)...)
		x.prev = append(x.prev, make([]int32, grow)...)
	}
	if x.joined[pos] == 0 {
		x.teasers++
		x.joined[pos] = x.teasers
	}
	// A stem of fewer words never matches: no need to file it.
	if !t.hasStart {
		return
	}
	k := t.key
	x.held[pos] = t
	x.stems++
	slot, found := x.slots.findOrAdd(k.slot(), int32(len(x.heads)))
	if !found {
		x.heads = append(x.heads, -1)
	}
	head := x.heads[slot]
	x.next[pos], x.prev[pos] = head, -1
	if head >= 0 {
		x.prev[head] = int32(pos)
	}
	x.heads[slot] = int32(pos)
	g, found := x.groups.findOrAdd(k.group, int32(len(x.lens)))
	if !found {
		x.lens = append(x.lens, groupLens{})
		x.prints.findOrAdd(uint64(uint32(k.group)), 0)
	}
	x.lens[g].add(k.n)
}

// unfile removes position pos, which holds a filed stem, from the index.
func (x *teaserIndex) unfile(pos int) {
	k := x.held[pos].key
	x.held[pos] = nil
	x.stems--
	next, prev := x.next[pos], x.prev[pos]
	if prev >= 0 {
		x.next[prev] = next
	} else {
		slot, _ := x.slots.find(k.slot())
		x.heads[slot] = next
	}
	if next >= 0 {
		x.prev[next] = prev
	}
	g, _ := x.groups.find(k.group)
	x.lens[g].remove(k.n)
}

// keyOfStem returns where a stem of teaserWords words or more is filed;
// group is the stem up to the end of its teaserWords-1-th word (startWords).
func keyOfStem(stem, group string) stemKey {
	return stemKey{xxhash.Sum64String(group), len(stem), prefixHash(0, stem)}
}

// mayGive reports whether a key whose first teaserWords-1 words hash to a
// group with low 32 bits group may give a filed teaser in full. When it
// reports false, find returns -1: no stem of that group was ever filed.
// It needs no key, which find does.
func (x *teaserIndex) mayGive(group uint32) bool {
	if x.stems == 0 {
		return false
	}
	_, ok := x.prints.find(uint64(group))
	return ok
}

// find returns the position in out of the teaser that key, the key of
// paragraph i, gives in full, or -1.
func (x *teaserIndex) find(key string, out []int32, i int) int {
	best, bestJoined := -1, int32(0)
	x.given(key, func(pos int) {
		// The best is the one that joined first, whatever the order of
		// the list: no two positions joined at once.
		if j := x.joined[pos]; int(out[pos]) != i && (best < 0 || j < bestJoined) {
			best, bestJoined = pos, j
		}
	})
	return best
}

// givesOther reports whether key gives in full a teaser filed at a
// position other than pos.
func (x *teaserIndex) givesOther(key string, pos int) bool {
	gives := false
	x.given(key, func(p int) { gives = gives || p != pos })
	return gives
}

// given calls yield with each position that holds a filed stem that is a
// proper prefix of key, in no particular order.
func (x *teaserIndex) given(key string, yield func(pos int)) {
	if x.stems == 0 {
		return
	}
	start, ok := leadingWords(key, teaserWords-1)
	if !ok {
		return
	}
	group := xxhash.Sum64String(start)
	g, ok := x.groups.find(group)
	if !ok {
		return
	}
	h, done := uint64(0), 0
	for _, l := range x.lens[g].all() {
		if l.n >= len(key) {
			break
		}
		h = prefixHash(h, key[done:l.n])
		done = l.n
		slot, ok := x.slots.find(stemKey{group, l.n, h}.slot())
		if !ok {
			continue
		}
		for p := x.heads[slot]; p >= 0; p = x.next[p] {
			// Equal slots, so almost surely equal stems; the comparison
			// keeps a collision from matching (a stem from another slot
			// that passes it is a proper prefix of key all the same).
			if st := x.held[p].stem; len(st) < len(key) && strings.HasPrefix(key, st) {
				yield(int(p))
			}
		}
	}
}

// hashPrime is the Mersenne prime 2^61 - 1, the modulus of prefixHash.
const hashPrime = 1<<61 - 1

// prefixHash extends h, the hash of a text, to the hash of that text
// followed by s: a polynomial in a fixed base modulo a prime, so that the
// hash of every prefix of a key comes in one pass over it. Modulo a prime,
// unlike modulo 2^64, no known family of texts makes it collide.
func prefixHash(h uint64, s string) uint64 {
	const base = 0x1f3a5c7e9b2d4f61 % hashPrime
	for i := 0; i < len(s); i++ {
		hi, lo := bits.Mul64(h, base)
		// hi·2^64 + lo ≡ hi·8 + lo (mod 2^61 - 1), in two folds.
		h = (lo & hashPrime) + (lo >> 61) + hi<<3
		h = (h & hashPrime) + (h >> 61) + uint64(s[i]) + 1
		if h >= hashPrime {
			h -= hashPrime
		}
	}
	return h
}
