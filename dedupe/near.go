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
// A paragraph is compared only with the few kept just before it (see
// nearWindow), and first by sketches: a 256-bit Bloom sketch of its word
// set, made in one pass over the key with no allocation. Texts whose
// shingle sets have a Jaccard similarity of t share nearly all their words,
// so their sketches agree on about t of their bits or more; only pairs
// whose sketches come within sketchMargin of the threshold are compared
// exactly, on their shingles. (MinHash signatures were measured first:
// they need every shingle of every paragraph, which cost more than the
// three exact comparisons they were meant to spare.)
const (
	shingleSize  = 2
	sketchMargin = 0.25
)

// sketch is a Bloom sketch of a word set.
type sketch [4]uint64

// sketchOf returns the sketch of a match key's words, and how many words
// it has (as tokens counts them).
func sketchOf(key string) (sketch, int) {
	var s sketch
	words := 0
	var h uint64
	inWord := false
	flush := func() {
		if inWord {
			m := mix(h)
			s[m>>62] |= 1 << (m & 63)
			words++
		}
		h, inWord = 0, false
	}
	for i := 0; i < len(key); {
		r, size := rune(key[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(key[i:])
		}
		switch {
		case r == ' ':
			flush()
		case r >= 0x0e00 && unspaced(r):
			flush()
			h, inWord = uint64(r), true
			flush()
		case r < utf8.RuneSelf && !('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			// ASCII punctuation is not part of a word, as in tokens
		default:
			h = (h ^ uint64(r)) * 0x100000001b3
			inWord = true
		}
		i += size
	}
	flush()
	return s, words
}

// similar returns the Jaccard similarity of two sketches' bits.
func (s *sketch) similar(o *sketch) float64 {
	and, or := 0, 0
	for i := range s {
		and += bits.OnesCount64(s[i] & o[i])
		or += bits.OnesCount64(s[i] | o[i])
	}
	if or == 0 {
		return 1
	}
	return float64(and) / float64(or)
}

// tokens splits a match key into words, without the punctuation at their
// edges ("said," is "said"); characters of scripts written without spaces
// are words of their own.
func tokens(key string, dst []string) []string {
	n := len(dst)
	dst = rawTokens(key, dst)
	out := dst[:n]
	for _, w := range dst[n:] {
		if !plainWord(w) {
			w = strings.TrimFunc(w, unicode.IsPunct)
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// plainWord reports whether w starts and ends with an ASCII letter or
// digit: no punctuation to trim.
func plainWord(w string) bool {
	alnum := func(b byte) bool { return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' }
	return w != "" && alnum(w[0]) && alnum(w[len(w)-1])
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
		case r >= 0x0e00 && unspaced(r):
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
