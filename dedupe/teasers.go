package dedupe

import (
	"math/bits"
	"slices"
	"strings"
)

// teaserIndex finds, for dropNear, the kept teaser that a paragraph gives in
// full: the one whose stem (its key without the mark) is a proper prefix of
// the paragraph's key and has teaserWords words or more. Of several, it
// finds the position that joined the index first, as a scan of every kept
// teaser in that order would.
//
// A scan costs one comparison per teaser kept so far, for every paragraph:
// quadratic in a page of teasers. Here stems are filed under their length
// and a hash of their bytes, and a lookup hashes the key's prefixes of those
// lengths only, in one pass over the key: its cost is the length of the key,
// whatever the number of teasers.
type teaserIndex struct {
	// joined is when each position in out first held a teaser: the order
	// of the scan. A position keeps it when another paragraph takes its
	// place, as the scan keeps the position in its list.
	joined map[int]int
	stem   map[int]string    // position → the stem of the teaser it holds now
	filed  map[stemKey][]int // length and hash of a stem → positions holding it
	count  map[int]int       // stem length → how many positions hold a stem that long
	sizes  []int             // the stem lengths held, in increasing order
}

// stemKey files a stem by its length and its prefixHash.
type stemKey struct {
	n int
	h uint64
}

// occupy records that position pos of the kept text now holds a paragraph
// whose teaser stem is stem (teaser false: it is not a teaser).
func (x *teaserIndex) occupy(pos int, stem string, teaser bool) {
	if old, ok := x.stem[pos]; ok {
		x.unfile(pos, old)
	}
	if !teaser {
		return
	}
	if x.joined == nil {
		x.joined, x.stem = make(map[int]int), make(map[int]string)
		x.filed, x.count = make(map[stemKey][]int), make(map[int]int)
	}
	if _, ok := x.joined[pos]; !ok {
		x.joined[pos] = len(x.joined)
	}
	// A stem of fewer words never matches: no need to file it.
	if !hasWords(stem, teaserWords) {
		return
	}
	x.stem[pos] = stem
	k := stemKey{len(stem), prefixHash(0, stem)}
	x.filed[k] = append(x.filed[k], pos)
	if x.count[k.n]++; x.count[k.n] == 1 {
		i, _ := slices.BinarySearch(x.sizes, k.n)
		x.sizes = slices.Insert(x.sizes, i, k.n)
	}
}

// unfile removes position pos, holding stem, from the index.
func (x *teaserIndex) unfile(pos int, stem string) {
	delete(x.stem, pos)
	k := stemKey{len(stem), prefixHash(0, stem)}
	if ps := slices.DeleteFunc(x.filed[k], func(p int) bool { return p == pos }); len(ps) > 0 {
		x.filed[k] = ps
	} else {
		delete(x.filed, k)
	}
	if x.count[k.n]--; x.count[k.n] == 0 {
		delete(x.count, k.n)
		i, _ := slices.BinarySearch(x.sizes, k.n)
		x.sizes = slices.Delete(x.sizes, i, i+1)
	}
}

// find returns the position in out of the teaser that key, the key of
// paragraph i, gives in full, or -1.
func (x *teaserIndex) find(key string, out []int, i int) int {
	best, bestJoined := -1, 0
	h, done := uint64(0), 0
	for _, n := range x.sizes {
		if n >= len(key) {
			break
		}
		h = prefixHash(h, key[done:n])
		done = n
		for _, pos := range x.filed[stemKey{n, h}] {
			// Equal hashes, so almost surely equal texts; the comparison
			// keeps a collision from matching.
			if j := x.joined[pos]; out[pos] != i && (best < 0 || j < bestJoined) && strings.HasPrefix(key, x.stem[pos]) {
				best, bestJoined = pos, j
			}
		}
	}
	return best
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
