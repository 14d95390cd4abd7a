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
