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
// filed under the hashes of its key's first 16, 24, 32… bytes (its
// levels, see nextLevel), and a teaser looks only at the paragraphs that
// share its stem's longest level: a key the stem begins shares every level
// up to the stem's length.
//
// A list holds positions in out; when a later paragraph takes a position,
// the list looks at the new paragraph there, as the scan did: the
// position's filings are made again from the new key.
type startIndex struct {
	lists map[uint64][]int     // hash of the first words → positions in out, in the order filed
	built map[uint64]bool      // lists whose entries are filed by level
	refs  map[int][]startRef   // position → its entries in built lists
	filed map[levelKey][]int32 // list, level and prefix hash → indices in the list
	keyAt func(pos int) string // the key of the paragraph at a position of out, good until the next call
}

// newStartIndex returns an empty startIndex that reads keys with keyAt.
func newStartIndex(keyAt func(pos int) string) *startIndex {
	return &startIndex{lists: make(map[uint64][]int), built: make(map[uint64]bool),
		refs: make(map[int][]startRef), filed: make(map[levelKey][]int32), keyAt: keyAt}
}

// startRef is an entry of a list: the list's hash and an index in it.
type startRef struct {
	list uint64
	idx  int32
}

// levelKey files an entry of a list under one level of its key.
type levelKey struct {
	list  uint64
	level int
	h     uint64
}

// smallStarts is the length of a list that teasers scan rather than
// filing its paragraphs by level. A variable so tests can lower it.
var smallStarts = 8

// minLevel is the shortest level: stems are at least five words long.
const minLevel = 16

// nextLevel returns the level after level: every 8 bytes up to 64, then
// four levels to each doubling (80, 96, 112, 128, 160…), so that the
// paragraphs a teaser looks at share with its stem all but the last
// eighth of it, at most, and a key is filed under a few dozen levels at
// most.
func nextLevel(level int) int {
	return level + max(8, 1<<(bits.Len(uint(level/4))-1))
}

// add files position pos, whose paragraph's first words hash to list and
// whose key, should it be needed, key returns (the paragraph need not be
// in out yet).
func (x *startIndex) add(list uint64, pos int, key func() string) {
	idx := len(x.lists[list])
	x.lists[list] = append(x.lists[list], pos)
	if x.built[list] {
		x.file(list, int32(idx), key(), true)
		x.refs[pos] = append(x.refs[pos], startRef{list, int32(idx)})
	}
}

// replace refiles the entries of position pos under the key of the
// paragraph there now; old returns the key of the one it replaced.
func (x *startIndex) replace(pos int, old func() string) {
	refs := x.refs[pos]
	if len(refs) == 0 {
		return
	}
	oldKey := old()
	for _, r := range refs {
		x.file(r.list, r.idx, oldKey, false)
	}
	key := x.keyAt(pos)
	for _, r := range refs {
		x.file(r.list, r.idx, key, true)
	}
}

// file adds (or, with add false, removes) entry idx of list under each
// level of key.
func (x *startIndex) file(list uint64, idx int32, key string, add bool) {
	h, done := uint64(0), 0
	for level := minLevel; level <= len(key); level = nextLevel(level) {
		h = prefixHash(h, key[done:level])
		done = level
		k := levelKey{list, level, h}
		if add {
			// In increasing order: entries are filed in order, except
			// when a position changes hands.
			ids := x.filed[k]
			i, _ := slices.BinarySearch(ids, idx)
			x.filed[k] = slices.Insert(ids, i, idx)
		} else if rest := slices.DeleteFunc(x.filed[k], func(i int32) bool { return i == idx }); len(rest) > 0 {
			x.filed[k] = rest
		} else {
			delete(x.filed, k)
		}
	}
}

// find returns the first position of list whose paragraph's key the stem
// is a proper prefix of, or -1.
func (x *startIndex) find(list uint64, stem string) int {
	entries := x.lists[list]
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
	if !x.built[list] {
		x.built[list] = true
		for idx, pos := range entries {
			x.file(list, int32(idx), x.keyAt(pos), true)
			x.refs[pos] = append(x.refs[pos], startRef{list, int32(idx)})
		}
	}
	level := minLevel
	for nextLevel(level) <= len(stem) {
		level = nextLevel(level)
	}
	for _, idx := range x.filed[levelKey{list, level, prefixHash(0, stem[:level])}] {
		if pos := entries[idx]; matches(pos) {
			return pos
		}
	}
	return -1
}
