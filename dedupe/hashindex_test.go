package dedupe

import (
	"math/rand/v2"
	"testing"
)

// TestHashIndex files hashes in a hashIndex sized too small, so that it
// grows, with many repeats and hashes alike but for their high bits, and
// checks it against a map.
func TestHashIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	x := newHashIndex(3)
	want := make(map[uint64]int32)
	for i := range int32(5000) {
		h := r.Uint64N(2000) << 40
		if i%3 == 0 {
			h = r.Uint64()
		}
		got, found := x.findOrAdd(h, i)
		w, ok := want[h]
		if !ok {
			want[h], w = i, i
		}
		if found != ok || got != w {
			t.Fatalf("findOrAdd(%#x, %d) = %d, %v; want %d, %v", h, i, got, found, w, ok)
		}
	}
	for h, w := range want {
		if got, ok := x.find(h); !ok || got != w {
			t.Fatalf("find(%#x) = %d, %v; want %d", h, got, ok, w)
		}
	}
	if _, ok := x.find(12345); ok {
		t.Fatal("found a hash never filed")
	}
	if x.n != len(want) || x.n*4 > len(x.slots)*3 {
		t.Fatalf("%d entries in %d slots, want %d", x.n, len(x.slots), len(want))
	}
}

// TestTagIndex files hashes in a tagIndex sized too small, so that it
// grows, with many repeats and hashes alike but for their high bits, and
// checks it against a map of their tags.
func TestTagIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	x := newTagIndex(3)
	want := make(map[uint32]int32)
	for i := range int32(5000) {
		h := r.Uint64N(2000) << 40
		if i%3 == 0 {
			h = r.Uint64()
		}
		got, found := x.findOrAdd(h, i)
		w, ok := want[x.tag(h)]
		if !ok {
			want[x.tag(h)], w = i, i
		}
		if found != ok || got != w {
			t.Fatalf("findOrAdd(%#x, %d) = %d, %v; want %d, %v", h, i, got, found, w, ok)
		}
	}
	for tag, w := range want {
		if got, ok := x.find(tag); !ok || got != w {
			t.Fatalf("find(%#x) = %d, %v; want %d", tag, got, ok, w)
		}
	}
	if x.n != len(want) || x.n*4 > len(x.slots)*3 || len(x.slots)>>(32-x.shift) != 1 {
		t.Fatalf("%d entries in %d slots (shift %d), want %d", x.n, len(x.slots), x.shift, len(want))
	}
}

// find returns the index filed under tag, or ok false: findOrAdd without
// the adding, for the test.
func (x *tagIndex) find(tag uint32) (idx int32, ok bool) {
	mask := len(x.slots) - 1
	for k := int(tag >> x.shift); ; k = (k + 1) & mask {
		s := &x.slots[k]
		if s.idx == 0 {
			return 0, false
		}
		if s.tag == tag {
			return s.idx - 1, true
		}
	}
}

// TestTagIndexSpread files hashes that differ only in their low bits, and
// only in their high bits, as keys chosen for an unseeded table would, and
// checks that they still spread over the slots: no long probe runs.
func TestTagIndexSpread(t *testing.T) {
	const n = 1 << 16
	for _, pattern := range []struct {
		name string
		hash func(i uint64) uint64
	}{
		{"low bits", func(i uint64) uint64 { return i }},
		{"high bits", func(i uint64) uint64 { return i << 48 }},
		{"top bits of a tag", func(i uint64) uint64 { return i << 32 }},
	} {
		x := newTagIndex(n)
		for i := range uint64(n) {
			x.findOrAdd(pattern.hash(i), int32(i))
		}
		longest, run := 0, 0
		for _, s := range append(x.slots, x.slots...) { // runs wrap around
			if s.idx == 0 {
				run = 0
				continue
			}
			run++
			longest = max(longest, run)
		}
		if longest > 100 || x.n < n-10 {
			t.Errorf("%s: %d entries of %d, in %d slots, longest run %d", pattern.name, x.n, n, len(x.slots), longest)
		}
	}
}
