package keyindex

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

func TestAddFind(t *testing.T) {
	var ix Index
	if _, ok := ix.Find(42); ok {
		t.Fatal("an empty index finds 42")
	}
	for _, tc := range []struct {
		key   uint64
		n     uint32
		added bool
	}{
		{42, 0, true},
		{0, 1, true}, // 0 is a key like any other
		{42, 0, false},
		{1<<64 - 1, 2, true},
		{0, 1, false},
		{43, 3, true},
	} {
		n, added := ix.Add(tc.key)
		if n != tc.n || added != tc.added {
			t.Errorf("Add(%d) = %d, %v; want %d, %v", tc.key, n, added, tc.n, tc.added)
		}
	}
	if ix.Len() != 4 {
		t.Errorf("Len = %d, want 4", ix.Len())
	}
	for n, k := range []uint64{42, 0, 1<<64 - 1, 43} {
		if got, ok := ix.Find(k); !ok || got != uint32(n) {
			t.Errorf("Find(%d) = %d, %v; want %d, true", k, got, ok, n)
		}
		if got := ix.Key(uint32(n)); got != k {
			t.Errorf("Key(%d) = %d, want %d", n, got, k)
		}
	}
	if _, ok := ix.Find(44); ok {
		t.Error("Find(44) finds a key never added")
	}
}

// TestGrowth adds enough keys, in several shapes, to grow every shard
// many times and to fill several blocks of keys, and checks every key
// against a map, the numbers being in the order of first addition.
func TestGrowth(t *testing.T) {
	const n = 3*chunkSize + 123
	shapes := map[string]func(i uint64) uint64{
		"random":              func(i uint64) uint64 { return rand.New(rand.NewPCG(i, 7)).Uint64() },
		"small integers":      func(i uint64) uint64 { return i },
		"same low 32 bits":    func(i uint64) uint64 { return i<<32 | 0xdeadbeef },
		"same low 48 bits":    func(i uint64) uint64 { return i<<48 | 0x0123456789ab },
		"differ in top byte":  func(i uint64) uint64 { return i<<56 ^ i },
		"multiples of 2^20":   func(i uint64) uint64 { return i << 20 },
		"all repeated thrice": func(i uint64) uint64 { return (i / 3) * 0x9e3779b97f4a7c15 },
	}
	for name, key := range shapes {
		t.Run(name, func(t *testing.T) {
			var ix Index
			want := map[uint64]uint32{}
			for i := range uint64(n) {
				k := key(i)
				got, added := ix.Add(k)
				w, seen := want[k]
				if !seen {
					w = uint32(len(want))
					want[k] = w
				}
				if got != w || added == seen {
					t.Fatalf("key %d (%#x): Add = %d, %v; want %d, %v", i, k, got, added, w, !seen)
				}
			}
			if ix.Len() != len(want) {
				t.Fatalf("Len = %d, want %d", ix.Len(), len(want))
			}
			for k, w := range want {
				if got, ok := ix.Find(k); !ok || got != w {
					t.Fatalf("Find(%#x) = %d, %v; want %d", k, got, ok, w)
				}
				if ix.Key(w) != k {
					t.Fatalf("Key(%d) = %#x, want %#x", w, ix.Key(w), k)
				}
			}
			for i := range uint64(1000) {
				if k := key(n + i); !contains(want, k) {
					if _, ok := ix.Find(k); ok {
						t.Fatalf("Find(%#x) finds a key never added", k)
					}
				}
			}
			for sh := range ix.shards {
				s := &ix.shards[sh]
				if len(s.slots) == 0 {
					continue
				}
				if load := float64(s.used) / float64(len(s.slots)); load >= 0.8 {
					t.Errorf("shard %d: load %.2f, more than 0.8", sh, load)
				}
				if used := len(s.slots) - count(s.slots, 0); used != s.used {
					t.Errorf("shard %d: %d slots used, counted %d", sh, used, s.used)
				}
			}
		})
	}
}

func contains(m map[uint64]uint32, k uint64) bool {
	_, ok := m[k]
	return ok
}

func count(s []uint32, v uint32) (n int) {
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

// TestCollidingHomes adds keys that all start probing at the same slot of
// the same shard, so that each is found only by comparing whole keys
// along one run of slots, through the growth of that shard.
func TestCollidingHomes(t *testing.T) {
	var keys []uint64
	want := func(k uint64) bool { h := mix(k); return h>>(64-shardBits) == 3 && home(h, minSlots) == 5 }
	r := rand.New(rand.NewPCG(1, 2))
	for len(keys) < 200 {
		if k := r.Uint64(); want(k) {
			keys = append(keys, k)
		}
	}
	var ix Index
	for i, k := range keys {
		if n, added := ix.Add(k); n != uint32(i) || !added {
			t.Fatalf("Add(key %d) = %d, %v", i, n, added)
		}
		for j, k := range keys[:i+1] { // all of them again, after each growth
			if n, ok := ix.Find(k); !ok || n != uint32(j) {
				t.Fatalf("after %d keys: Find(key %d) = %d, %v", i+1, j, n, ok)
			}
		}
	}
	if len(ix.shards[3].slots) <= minSlots {
		t.Errorf("shard 3 has %d slots: it never grew", len(ix.shards[3].slots))
	}
}

// TestDeterministic: the same keys in the same order get the same
// numbers and leave the same tables, so anything written in number order
// is byte-identical from run to run.
func TestDeterministic(t *testing.T) {
	build := func() *Index {
		var ix Index
		r := rand.New(rand.NewPCG(3, 4))
		for range 100000 {
			ix.Add(r.Uint64() % 50000 * 0x9e3779b97f4a7c15)
		}
		return &ix
	}
	a, b := build(), build()
	if a.Len() != b.Len() {
		t.Fatalf("Len %d and %d", a.Len(), b.Len())
	}
	for n := range uint32(a.Len()) {
		if a.Key(n) != b.Key(n) {
			t.Fatalf("Key(%d) = %#x and %#x", n, a.Key(n), b.Key(n))
		}
	}
	for sh := range a.shards {
		if !slices.Equal(a.shards[sh].slots, b.shards[sh].slots) {
			t.Fatalf("shard %d differs", sh)
		}
	}
}

// TestBytesPerKey checks the memory the package comment promises: about
// 8 bytes a key and 5.6 of table, at any number of keys.
func TestBytesPerKey(t *testing.T) {
	if testing.Short() {
		t.Skip("adds millions of keys")
	}
	for _, n := range []int{1 << 20, 1<<20 + 1<<19, 3 << 20} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		ix := new(Index)
		r := rand.New(rand.NewPCG(5, 6))
		for range n {
			ix.Add(r.Uint64())
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		perKey := float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
		t.Logf("%d keys: %.1f bytes a key", n, perKey)
		if perKey > 14.5 {
			t.Errorf("%d keys: %.1f bytes a key, more than 14.5", n, perKey)
		}
		runtime.KeepAlive(ix)
	}
}

// BenchmarkAdd adds 2^20 random keys to an empty Index and reports the
// heap bytes it holds a key.
func BenchmarkAdd(b *testing.B) {
	const n = 1 << 20
	keys := make([]uint64, n)
	r := rand.New(rand.NewPCG(1, 1))
	for i := range keys {
		keys[i] = r.Uint64()
	}
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		ix := new(Index)
		for _, k := range keys {
			ix.Add(k)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "heap-B/key")
		runtime.KeepAlive(ix)
	}
}

// BenchmarkFind looks up 2^20 keys, half of them added, in an Index of
// 2^20 keys.
func BenchmarkFind(b *testing.B) {
	const n = 1 << 20
	r := rand.New(rand.NewPCG(1, 1))
	ix := new(Index)
	keys := make([]uint64, n)
	for i := range keys {
		keys[i] = r.Uint64()
		if i%2 == 0 {
			ix.Add(keys[i])
		}
	}
	for b.Loop() {
		for _, k := range keys {
			ix.Find(k)
		}
	}
}

// TestCraftedKeys adds keys chosen, as an attacker who knows the code but
// not this process's seed could, to share one shard and the top 24 bits
// of their home under an unseeded mix (a multiplication by
// 0x9e3779b97f4a7c15), and checks that they still spread out: no run of
// occupied slots longer than random keys make, where one run of all
// 20,000 keys would make Add quadratic.
func TestCraftedKeys(t *testing.T) {
	inverse := uint64(0x9e3779b97f4a7c15)
	for range 6 { // Newton's iteration for the inverse mod 2^64
		inverse *= 2 - 0x9e3779b97f4a7c15*inverse
	}
	var ix Index
	for i := range uint64(20000) {
		ix.Add((0xab<<56 | 0x123456<<32 | i) * inverse)
	}
	longest := 0
	for s := range ix.shards {
		slots := ix.shards[s].slots
		run := 0
		for i := range 2 * len(slots) { // around the end and back
			if slots[i%len(slots)] == 0 {
				run = 0
				continue
			}
			run++
			longest = max(longest, min(run, len(slots)))
		}
	}
	if longest > 500 { // random keys give runs of 30 to 80 at these loads
		t.Errorf("a run of %d occupied slots: the crafted keys probe together", longest)
	}
}
