package dedupe

import (
	"math/rand/v2"
	"testing"
)

// unmix inverts splitmix.Mix, so that a test can choose hashes whose tags
// in a tagIndex of known seed are what it wants.
func unmix(x uint64) uint64 {
	x = unshift(x, 31)
	x *= inverse(0x94d049bb133111eb)
	x = unshift(x, 27)
	x *= inverse(0xbf58476d1ce4e5b9)
	return unshift(x, 30)
}

// unshift inverts x ^= x>>s.
func unshift(y uint64, s uint) uint64 {
	x := y
	for range 64 / s {
		x = y ^ x>>s
	}
	return x
}

// inverse returns the inverse of odd a modulo 2⁶⁴.
func inverse(a uint64) uint64 {
	inv := a
	for range 6 {
		inv *= 2 - a*inv
	}
	return inv
}

// hashWithTag returns a hash whose tag in x is tag, its other bits low.
func hashWithTag(x *tagIndex, tag uint32, low uint32) uint64 {
	return unmix(uint64(tag)<<32|uint64(low)) ^ x.seed
}

func TestUnmix(t *testing.T) {
	x := newTagIndex(1)
	for _, tag := range []uint32{0, 1, 0xdeadbeef, 1 << 31} {
		if got := x.tag(hashWithTag(&x, tag, 77)); got != tag {
			t.Fatalf("tag = %#x, want %#x", got, tag)
		}
	}
}

// TestKeyIndexTagCollision files units whose keys' hashes differ but share
// a tag, and units whose different keys share a hash, in a table that
// grows, and checks each unit's answer against a map of the keys: the
// fallback to collided must find the first unit of every key.
func TestKeyIndexTagCollision(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	words := []string{"a", "A", "b", "B.", "c!", "é", "É", "d e", "D  E", "f", "g", "h"}
	var texts []string
	for range 20000 {
		n := 1 + r.IntN(3)
		s := ""
		for k := range n {
			if k > 0 {
				s += " "
			}
			s += words[r.IntN(len(words))]
		}
		texts = append(texts, s)
	}
	x := newKeyIndex(4, func(k int32) string { return texts[k] })
	// Each key has one hash; the hashes share few tags, and some keys
	// share a hash.
	hashOf := make(map[string]uint64)
	first := make(map[string]int32)
	for k, text := range texts {
		key := string(appendKey(nil, text))
		h, ok := hashOf[key]
		if !ok {
			tag := uint32(r.IntN(8)) * 0x9e3779b9
			low := uint32(r.IntN(4))
			h = hashWithTag(&x.tags, tag, low)
			hashOf[key] = h
		}
		got, found := x.findOrAdd(h, int32(k))
		w, seen := first[key]
		if !seen {
			first[key], w = int32(k), int32(k)
		}
		if found != seen || got != w {
			t.Fatalf("unit %d (%q, key %q): findOrAdd = %d, %v; want %d, %v", k, text, key, got, found, w, seen)
		}
	}
	if len(first) < 100 || len(x.collided) == 0 {
		t.Fatalf("%d keys, %d collided: the test files too few", len(first), len(x.collided))
	}
}
