package dedupe

import (
	"math/bits"
	"slices"
	"strings"
)

// startIndex files, for dropNear, the kept paragraphs under the hash of
// their first teaserWords words, in the order they were kept, and finds
// for a teaser the first of them whose key its stem is a proper prefix of:
// the full text of the teaser.
//
// Scanning the paragraphs that begin like the teaser costs one comparison
// each, for every teaser: quadratic in a page where many paragraphs and
// teasers begin alike ("Breaking news from the city: …"). So once a teaser
// asks a list longer than smallStarts, every paragraph of that list is also
// filed under the hash of its key's first L bytes, for the level L of the
// teaser's stem (the longest of 16, 24, 32… no longer than the stem, see
// nextLevel), and the teaser looks only at the paragraphs that share that
// level with its stem: a key the stem begins shares every level up to the
// stem's length. A list is filed under the levels teasers ask, each once
// (on a page, stems are of a few lengths): paragraphs kept later are filed
// under the levels their list has.
//
// A list holds positions in out; when a later paragraph takes a position,
// the list looks at the new paragraph there, as the scan did: the
// position's filings are made again from the new key.
type startIndex struct {
	// Lists and slots are numbered in flat tables (hashIndex), which take
	// one probe where Go maps of slices took two.
	listIDs hashIndex            // hash of the first words → the list's number
	lists   [][]int              // by list number: positions in out, in the order filed
	levels  [][]int              // by list number: the levels it is filed under, in increasing order
	refs    [][]startRef         // by position: its entries in lists filed by level
	slots   hashIndex            // slot of a list, level and prefix hash → its number in filed
	filed   [][]int32            // by slot number: indices in the list, in increasing order
	keyAt   func(pos int) string // the key of the paragraph at a position of out, good until the next call
}

// newStartIndex returns an empty startIndex that reads keys with keyAt.
func newStartIndex(keyAt func(pos int) string) *startIndex {
	return &startIndex{listIDs: newHashIndex(0), slots: newHashIndex(0), keyAt: keyAt}
}

// listOf returns the number of the list whose first words hash to list,
// adding an empty one if there is none.
func (x *startIndex) listOf(list uint64) int {
	id, found := x.listIDs.findOrAdd(list, int32(len(x.lists)))
	if !found {
		x.lists, x.levels = append(x.lists, nil), append(x.levels, nil)
	}
	return int(id)
}

// startRef is an entry of a list: the list's hash and an index in it.
type startRef struct {
	list uint64
	idx  int32
}

// levelSlot returns where the entries of list whose key's first level
// bytes hash to h are filed: the three mixed into one word, the key of a
// flat table (hashIndex). Entries of two lists or levels that
// share a slot only put more entries before find, which compares keys,
// and an entry that passes is filed under the right slot too, in order.
func levelSlot(list uint64, level int, h uint64) uint64 {
	return slotOf(list, uint64(level), h)
}

// smallStarts is the length of a list that teasers scan rather than
// filing its paragraphs by level. A variable so tests can lower it.
var smallStarts = 8

// minLevel is the shortest level: stems are at least five words long.
const minLevel = 16

// nextLevel returns the level after level: every 8 bytes up to 64, then
// four levels to each doubling (80, 96, 112, 128, 160…), so that the
// paragraphs a teaser looks at share with its stem all but the last
// eighth of it, at most, and there are a few dozen levels at most.
func nextLevel(level int) int {
	return level + max(8, 1<<(bits.Len(uint(level/4))-1))
}

// levelOf returns the level of a stem of n bytes, n >= minLevel: the
// longest no longer than the stem.
func levelOf(n int) int {
	level := minLevel
	for nextLevel(level) <= n {
		level = nextLevel(level)
	}
	return level
}

// add files position pos, whose paragraph's first words hash to list and
// whose key, should it be needed, key returns (the paragraph need not be
// in out yet).
func (x *startIndex) add(list uint64, pos int, key func() string) {
	id := x.listOf(list)
	idx := len(x.lists[id])
	x.lists[id] = append(x.lists[id], pos)
	if levels := x.levels[id]; len(levels) > 0 {
		x.file(list, int32(idx), key(), levels, true)
		x.addRef(pos, startRef{list, int32(idx)})
	}
}

// addRef records that position pos has entry r in a list filed by level.
func (x *startIndex) addRef(pos int, r startRef) {
	if pos >= len(x.refs) {
		x.refs = append(x.refs, make([][]startRef, pos+1-len(x.refs))...)
	}
	x.refs[pos] = append(x.refs[pos], r)
}

// replace refiles the entries of position pos under the key of the
// paragraph there now; old returns the key of the one it replaced.
func (x *startIndex) replace(pos int, old func() string) {
	if pos >= len(x.refs) || len(x.refs[pos]) == 0 {
		return
	}
	refs := x.refs[pos]
	oldKey := old()
	for _, r := range refs {
		x.file(r.list, r.idx, oldKey, x.levels[x.listOf(r.list)], false)
	}
	key := x.keyAt(pos)
	for _, r := range refs {
		x.file(r.list, r.idx, key, x.levels[x.listOf(r.list)], true)
	}
}

// file adds (or, with add false, removes) entry idx of list under each of
// levels (increasing) that key is long enough for.
func (x *startIndex) file(list uint64, idx int32, key string, levels []int, add bool) {
	h, done := uint64(0), 0
	for _, level := range levels {
		if level > len(key) {
			return
		}
		h = prefixHash(h, key[done:level])
		done = level
		k := levelSlot(list, level, h)
		slot, found := x.slots.find(k)
		switch {
		case !found && !add:
			continue
		case !found:
			slot = int32(len(x.filed))
			x.slots.findOrAdd(k, slot)
			x.filed = append(x.filed, nil)
		}
		// In increasing order: entries are filed in order, except when a
		// position changes hands. One entry is removed: two lists that
		// share a slot can each have an entry idx there.
		ids := x.filed[slot]
		i, found := slices.BinarySearch(ids, idx)
		switch {
		case add:
			x.filed[slot] = slices.Insert(ids, i, idx)
		case found:
			x.filed[slot] = slices.Delete(ids, i, i+1)
		}
	}
}

// fileLevel files every entry of list under level, which it is not filed
// under yet.
func (x *startIndex) fileLevel(list uint64, level int) {
	id := x.listOf(list)
	levels := x.levels[id]
	if len(levels) == 0 {
		for idx, pos := range x.lists[id] {
			x.addRef(pos, startRef{list, int32(idx)})
		}
	}
	i, _ := slices.BinarySearch(levels, level)
	x.levels[id] = slices.Insert(levels, i, level)
	one := []int{level}
	for idx, pos := range x.lists[id] {
		x.file(list, int32(idx), x.keyAt(pos), one, true)
	}
}

// find returns the first position of list whose paragraph's key the stem
// is a proper prefix of, or -1.
func (x *startIndex) find(list uint64, stem string) int {
	id, ok := x.listIDs.find(list)
	if !ok {
		return -1
	}
	entries := x.lists[id]
	matches := func(pos int) bool {
		key := x.keyAt(pos)
		return len(key) > len(stem) && strings.HasPrefix(key, stem)
	}
	if len(entries) <= smallStarts || len(stem) < minLevel {
		for _, pos := range entries {
			if matches(pos) {
				return pos
			}
		}
		return -1
	}
	level := levelOf(len(stem))
	if _, ok := slices.BinarySearch(x.levels[id], level); !ok {
		x.fileLevel(list, level)
	}
	slot, ok := x.slots.find(levelSlot(list, level, prefixHash(0, stem[:level])))
	if !ok {
		return -1
	}
	for _, idx := range x.filed[slot] {
		// An index from another list that shares the slot may be past
		// the end of this one.
		if int(idx) < len(entries) && matches(entries[idx]) {
			return entries[idx]
		}
	}
	return -1
}
