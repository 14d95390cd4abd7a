package dedupe

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// Near-duplicate paragraphs are found by the Jaccard similarity of their
// sets of word 2-shingles (pairs of consecutive words of the match key; in
// scripts written without spaces, such as Chinese, Japanese and Thai, each
// character counts as a word). Jaccard is symmetric and local: a changed
// word touches two shingles, and an added clause lowers the similarity in
// proportion to its length, so one threshold serves both. With pairs, a
// 20-word paragraph with one word changed scores 0.82 and one with a
// 4-word clause added 0.83; with triples they would score 0.73 and 0.75,
// under the 0.8 that keeps different paragraphs of the same shape apart.
// Candidates come from MinHash signatures split into LSH bands, so a long
// article is not compared all pairs; each candidate is then verified
// exactly.
const (
	shingleSize = 2
	minhashes   = 32 // signature length
	bands       = 8  // LSH bands of minhashes/bands rows: at J=0.8 a pair is a candidate with p≈0.985
	rows        = minhashes / bands
)

// signature is a MinHash signature.
type signature [minhashes]uint64

// tokens splits a match key into words, without the punctuation at their
// edges ("said," is "said"); characters of scripts written without spaces
// are words of their own.
func tokens(key string, dst []string) []string {
	n := len(dst)
	dst = rawTokens(key, dst)
	out := dst[:n]
	for _, w := range dst[n:] {
		if w = strings.TrimFunc(w, unicode.IsPunct); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func rawTokens(key string, dst []string) []string {
	start := -1
	for i := 0; i < len(key); {
		r, size := utf8.DecodeRuneInString(key[i:])
		switch {
		case r == ' ':
			if start >= 0 {
				dst = append(dst, key[start:i])
				start = -1
			}
		case unspaced(r):
			if start >= 0 {
				dst = append(dst, key[start:i])
				start = -1
			}
			dst = append(dst, key[i:i+size])
		case start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, key[start:])
	}
	return dst
}

// countWords counts the words of a match key as tokens splits them, without
// making them: runs of characters between spaces, and each character of a
// script written without spaces.
func countWords(key []byte) int {
	n, inWord := 0, false
	for i := 0; i < len(key); {
		r, size := rune(key[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(key[i:])
		}
		i += size
		switch {
		case r == ' ':
			inWord = false
		case unspaced(r):
			n++
			inWord = false
		case !inWord:
			n++
			inWord = true
		}
	}
	return n
}

// unspaced reports whether r belongs to a script written without spaces
// between words.
func unspaced(r rune) bool {
	if r < 0x0e00 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Thai, r) || unicode.Is(unicode.Lao, r) || unicode.Is(unicode.Khmer, r) || unicode.Is(unicode.Myanmar, r)
}

// shingles returns the sorted, distinct hashes of the word 2-shingles of a
// match key (of its words, if it has fewer than two).
func shingles(key string, words []string) ([]uint64, int) {
	words = tokens(key, words[:0])
	hashes := make([]uint64, len(words))
	for i, w := range words {
		hashes[i] = xxhash.Sum64String(w)
	}
	var sh []uint64
	if len(hashes) < shingleSize {
		sh = append(sh, hashes...)
	}
	for i := 0; i+shingleSize <= len(hashes); i++ {
		sh = append(sh, hashes[i]^bits.RotateLeft64(hashes[i+1], 29))
	}
	slices.Sort(sh)
	return slices.Compact(sh), len(words)
}

// mix is splitmix64's finalizer: it turns a shingle hash and a seed into
// one of the independent hash functions MinHash needs.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func minhash(sh []uint64) signature {
	var s signature
	for i := range s {
		s[i] = ^uint64(0)
	}
	for _, h := range sh {
		for i := range s {
			if v := mix(h ^ uint64(i)*0x9e3779b97f4a7c15); v < s[i] {
				s[i] = v
			}
		}
	}
	return s
}

// band returns the LSH bucket of band b of s.
func (s *signature) band(b int) uint64 {
	h := uint64(b) * 0x9e3779b97f4a7c15
	for _, v := range s[b*rows : (b+1)*rows] {
		h = mix(h ^ v)
	}
	return h
}

// overlap returns |a ∩ b| for sorted sets.
func overlap(a, b []uint64) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// jaccard returns |a ∩ b| / |a ∪ b| for sorted sets.
func jaccard(a, b []uint64) float64 {
	n := overlap(a, b)
	if u := len(a) + len(b) - n; u > 0 {
		return float64(n) / float64(u)
	}
	return 0
}
