package dedupe

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
)

// TestStartIndexScan checks that startIndex finds what a scan of the list
// finds: the first position whose current key the stem is a proper prefix
// of. Keys are made of two letters so that they share long prefixes, and
// run past several levels; positions change hands as in dropNear. Every
// other trial files all entries under one slot, as if every hash collided.
// Each trial empties the index of the one before with reset, as dropNear
// does from round to round.
func TestStartIndexScan(t *testing.T) {
	defer func(n int, f func(a, n, b uint64) uint64) { smallStarts, slotOf = n, f }(smallStarts, slotOf)
	mixed := slotOf
	r := rand.New(rand.NewPCG(29, 30))
	random := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte("ab "[r.IntN(3)])
		}
		return b.String()
	}
	// Keys begin with one of a few long starts, so that many share their
	// first levels.
	starts := []string{random(20), random(40), random(70)}
	starts = append(starts, starts[0]+random(30))
	text := func() string {
		s := starts[r.IntN(len(starts))]
		return s[:min(len(s), 10+r.IntN(60))] + random(r.IntN(40))
	}
	var x startIndex
	for trial := range 400 {
		smallStarts = []int{0, 3, 8}[trial%3]
		slotOf = mixed
		if trial%2 == 1 {
			slotOf = func(a, n, b uint64) uint64 { return 0 }
		}
		keys := map[int]string{} // position → the key of the paragraph there
		lists := map[uint32][]int{}
		x.reset(func(pos int) string { return keys[pos] })
		for range 120 {
			list := uint32(r.IntN(2))
			switch op := r.IntN(10); {
			case op < 5 || len(keys) == 0: // a paragraph kept at a new position
				pos, key := len(keys), text()
				x.add(list, pos, func() string { return key })
				keys[pos] = key
				lists[list] = append(lists[list], pos)
			case op < 7: // a later paragraph takes a position
				pos := r.IntN(len(keys))
				old := keys[pos]
				keys[pos] = text()
				x.replace(pos, func() string { return old })
				x.add(list, pos, func() string { return keys[pos] })
				lists[list] = append(lists[list], pos)
			default: // a teaser asks
				var stem string
				if k := keys[r.IntN(len(keys))]; r.IntN(2) == 0 && len(k) > 1 {
					stem = k[:1+r.IntN(len(k)-1)] // a prefix of a key
				} else {
					stem = text()
				}
				want := -1
				for _, pos := range lists[list] {
					if k := keys[pos]; len(k) > len(stem) && strings.HasPrefix(k, stem) {
						want = pos
						break
					}
				}
				if got := x.find(list, stem); got != want {
					t.Fatalf("trial %d: stem %q: index finds %d, scan %d", trial, stem, got, want)
				}
			}
		}
	}
}

// TestStartListSize checks that startList stays 20 bytes: its hash is a
// startHash, 32 bits, which a uint64 field kept in 24.
func TestStartListSize(t *testing.T) {
	if n := unsafe.Sizeof(startList{}); n != 20 {
		t.Errorf("startList is %d bytes, want 20", n)
	}
}
