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
	// Lists, entries and slots are numbered in flat tables: a list is a
	// chain of entries, in the order filed, where a slice per list cost
	// an allocation per list in every round.
	listIDs hashIndex            // hash of the first words → the list's number
	lists   []startList          // by list number
	entries []startEntry         // by entry number, in the order filed
	levels  [][]int              // by number (startList.levels): the levels of a list filed by level, in increasing order
	refs    []int32              // by position: 1 + its last entry in a list filed by level (0: none)
	slots   hashIndex            // slot of a list, level and prefix hash → its number in filed
	filed   [][]int32            // by slot number: entry numbers, in increasing order
	keyAt   func(pos int) string // the key of the paragraph at a position of out, good until the next call
}

// startList is a list of startIndex: the paragraphs whose first words hash
// alike. It holds no pointer, so the garbage collector need not look
// into the lists: the few lists filed by level have their levels apart.
type startList struct {
	hash        uint32 // the startHash of the first words
	first, last int32  // its first and last entries, -1 if none
	n           int32  // how many entries it has
	levels      int32  // 1 + the number of its levels in startIndex.levels (0: none yet)
}

// startEntry is a position in a list of startIndex. Entries are numbered
// in the order they were filed, so a list's entries, and those filed under
// a slot, are in the order of their numbers.
type startEntry struct {
	pos     int32 // the position in out
	list    int32 // the list's number
	next    int32 // the list's next entry, -1 at the end
	prevRef int32 // 1 + the position's entry filed by level before this one (0: none)
}

// reset empties x for a round of dropNear that reads keys with keyAt,
// and keeps its tables' memory. The zero startIndex is ready for reset.
func (x *startIndex) reset(keyAt func(pos int) string) {
	if x.listIDs.slots == nil {
		*x = startIndex{listIDs: newHashIndex(0), slots: newHashIndex(0), keyAt: keyAt}
		return
	}
	x.listIDs.reset()
	x.slots.reset()
	x.lists, x.entries, x.levels, x.filed = x.lists[:0], x.entries[:0], x.levels[:0], x.filed[:0]
	clear(x.refs)
	x.keyAt = keyAt
}

// listOf returns the number of the list whose first words hash to list,
// adding an empty one if there is none.
func (x *startIndex) listOf(list uint32) int32 {
	id, found := x.listIDs.findOrAdd(uint64(list), int32(len(x.lists)))
	if !found {
		x.lists = append(x.lists, startList{hash: list, first: -1, last: -1})
	}
	return id
}

// levelsOf returns the levels list id is filed under.
func (x *startIndex) levelsOf(id int32) []int {
	if l := x.lists[id].levels; l > 0 {
		return x.levels[l-1]
	}
	return nil
}

// levelSlot returns where the entries of list whose key's first level
// bytes hash to h are filed: the three mixed into one word, the key of a
// flat table (hashIndex). Entries of two lists or levels that
// share a slot only put more entries before find, which compares keys
// and lists.
func levelSlot(list uint32, level int, h uint64) uint64 {
	return slotOf(uint64(list), uint64(level), h)
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
func (x *startIndex) add(list uint32, pos int, key func() string) {
	id := x.listOf(list)
	e := int32(len(x.entries))
	x.entries = append(x.entries, startEntry{pos: int32(pos), list: id, next: -1})
	l := &x.lists[id]
	if l.last >= 0 {
		x.entries[l.last].next = e
	} else {
		l.first = e
	}
	l.last = e
	l.n++
	if levels := x.levelsOf(id); len(levels) > 0 {
		x.file(e, key(), levels, true)
		x.addRef(pos, e)
	}
}

// addRef records that position pos has entry e in a list filed by level.
func (x *startIndex) addRef(pos int, e int32) {
	if pos >= len(x.refs) {
		x.refs = append(x.refs, make([]int32, pos+1-len(x.refs))...)
	}
	x.entries[e].prevRef = x.refs[pos]
	x.refs[pos] = e + 1
}

// replace refiles the entries of position pos under the key of the
// paragraph there now; old returns the key of the one it replaced.
func (x *startIndex) replace(pos int, old func() string) {
	if pos >= len(x.refs) || x.refs[pos] == 0 {
		return
	}
	oldKey := old()
	for r := x.refs[pos]; r > 0; r = x.entries[r-1].prevRef {
		x.file(r-1, oldKey, x.levelsOf(x.entries[r-1].list), false)
	}
	key := x.keyAt(pos)
	for r := x.refs[pos]; r > 0; r = x.entries[r-1].prevRef {
		x.file(r-1, key, x.levelsOf(x.entries[r-1].list), true)
	}
}

// file adds (or, with add false, removes) entry e under each of levels
// (increasing) that key is long enough for.
func (x *startIndex) file(e int32, key string, levels []int, add bool) {
	list := x.lists[x.entries[e].list].hash
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
			x.filed = appendEmpty(x.filed)
		}
		// In increasing order: entries are filed in order, except when a
		// position changes hands.
		ids := x.filed[slot]
		i, found := slices.BinarySearch(ids, e)
		switch {
		case add:
			x.filed[slot] = slices.Insert(ids, i, e)
		case found:
			x.filed[slot] = slices.Delete(ids, i, i+1)
		}
	}
}

// fileLevel files every entry of list id under level, which it is not
// filed under yet.
func (x *startIndex) fileLevel(id int32, level int) {
	l := &x.lists[id]
	if l.levels == 0 {
		for e := l.first; e >= 0; e = x.entries[e].next {
			x.addRef(int(x.entries[e].pos), e)
		}
		x.levels = appendEmpty(x.levels)
		l.levels = int32(len(x.levels))
	}
	levels := x.levels[l.levels-1]
	i, _ := slices.BinarySearch(levels, level)
	x.levels[l.levels-1] = slices.Insert(levels, i, level)
	one := []int{level}
	for e := l.first; e >= 0; e = x.entries[e].next {
		x.file(e, x.keyAt(int(x.entries[e].pos)), one, true)
	}
}

// find returns the first position of list whose paragraph's key the stem
// is a proper prefix of, or -1.
func (x *startIndex) find(list uint32, stem string) int {
	id, ok := x.listIDs.find(uint64(list))
	if !ok {
		return -1
	}
	matches := func(pos int32) bool {
		key := x.keyAt(int(pos))
		return len(key) > len(stem) && strings.HasPrefix(key, stem)
	}
	l := &x.lists[id]
	if int(l.n) <= smallStarts || len(stem) < minLevel {
		for e := l.first; e >= 0; e = x.entries[e].next {
			if pos := x.entries[e].pos; matches(pos) {
				return int(pos)
			}
		}
		return -1
	}
	level := levelOf(len(stem))
	if _, ok := slices.BinarySearch(x.levelsOf(id), level); !ok {
		x.fileLevel(id, level)
	}
	slot, ok := x.slots.find(levelSlot(list, level, prefixHash(0, stem[:level])))
	if !ok {
		return -1
	}
	for _, e := range x.filed[slot] {
		// An entry of another list may share the slot.
		if entry := x.entries[e]; entry.list == id && matches(entry.pos) {
			return int(entry.pos)
		}
	}
	return -1
}
