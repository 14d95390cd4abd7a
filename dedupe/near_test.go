package dedupe

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"

	"github.com/textclean/textclean/internal/splitmix"
)

// nextWordTrimFunc is nextWord as it was before trimPunct worked on spans:
// it trimmed with strings.TrimFunc and found the word again with
// strings.Index. FuzzNextWord checks the two agree.
func nextWordTrimFunc(key string, i int) (start, end, next int) {
	for i < len(key) {
		r, size := utf8.DecodeRuneInString(key[i:])
		if r == ' ' {
			i += size
			continue
		}
		start, end = i, i+size
		if !unspaced(r) {
			for end < len(key) {
				r, size := utf8.DecodeRuneInString(key[end:])
				if r == ' ' || unspaced(r) {
					break
				}
				end += size
			}
		}
		next = end
		if w := strings.TrimFunc(key[start:end], unicode.IsPunct); w != "" {
			start += strings.Index(key[start:end], w)
			return start, start + len(w), next
		}
		i = next
	}
	return len(key), len(key), len(key)
}

// sketchOfWords is sketchOf made from the words that next finds, as
// sketchOf made it before it found plain ASCII words itself.
func sketchOfWords(key string, next func(key string, i int) (start, end, next int)) (sketch, int) {
	var s sketch
	words := 0
	for start, end, i := next(key, 0); start < end; start, end, i = next(key, i) {
		h := splitmix.Mix(xxhash.Sum64String(key[start:end]))
		s[h>>62] |= 1 << (h & 63)
		words++
	}
	return s, words
}

// leadingWordsOf is leadingWords made from the words that next finds.
func leadingWordsOf(key string, n int, next func(key string, i int) (start, end, next int)) (string, bool) {
	start, end, i := next(key, 0)
	for k := 1; start < end; k++ {
		if k == n {
			return key[:end], true
		}
		start, end, i = next(key, i)
	}
	return "", false
}

// FuzzNextWord checks nextWord, and sketchOf, hasWords and leadingWords,
// which find most words with plainWord, against the words of
// nextWordTrimFunc.
func FuzzNextWord(f *testing.F) {
	for _, s := range []string{"", "Hello, world!", "«Ça va?» — “oui”…", "(a) [b] {c}.", "--- ... ''", "日本語の文章です。",
		"x $5 +1 a|b ~c", "it's 1.5% \"quoted\"", "¿qué? ¡sí!", "\xff\xfe a",
		"the cat sat on the mat", "a, b. (c) d- -e ... f", "café au lait", "x日本 y", "tab\tin a word", "he said, then: go! it's (so) fine...", "«Привет, мир» — сказал он. Ελλάδα;", "a\xd0 \xd0\x80b", "a very-long-compound-word-of-more-than-thirty-two-bytes here"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		key := string(appendKey(nil, s)) // nextWord reads match keys
		sk, n := sketchOf(key)
		if wantSk, wantN := sketchOfWords(key, nextWordTrimFunc); sk != wantSk || n != wantN {
			t.Fatalf("key %q: sketchOf gives %x, %d words; from nextWordTrimFunc %x, %d", key, sk, n, wantSk, wantN)
		}
		for k := range n + 2 {
			if got := hasWords(key, k); got != (n >= k) {
				t.Fatalf("key %q of %d words: hasWords(key, %d) = %v", key, n, k, got)
			}
			lead, ok := leadingWords(key, k)
			if wantLead, wantOK := leadingWordsOf(key, k, nextWordTrimFunc); lead != wantLead || ok != wantOK {
				t.Fatalf("key %q: leadingWords(key, %d) = %q, %v; from nextWordTrimFunc %q, %v", key, k, lead, ok, wantLead, wantOK)
			}
		}
		i, j := 0, 0
		for {
			s1, e1, n1 := nextWord(key, i)
			s2, e2, n2 := nextWordTrimFunc(key, j)
			if s1 != s2 || e1 != e2 || n1 != n2 {
				t.Fatalf("key %q at %d: nextWord gives %d, %d, %d; with TrimFunc %d, %d, %d", key, i, s1, e1, n1, s2, e2, n2)
			}
			if s1 == e1 {
				return
			}
			i, j = n1, n2
		}
	})
}

// BenchmarkSketch makes the near-duplicate sketch of every paragraph's
// match key in the stage benchmarks' input.
func BenchmarkSketch(b *testing.B) {
	c := stageCleaner(b, stageInput(), &Options{})
	keys := make([]string, len(c.paras))
	for i := range keys {
		keys[i] = string(appendKey(nil, c.text[i]))
	}
	b.SetBytes(int64(len(c.input)))
	for b.Loop() {
		for _, k := range keys {
			sketchOf(k)
		}
	}
}

// TestUnspacedRanges checks unspaced, whose ranges skip the table look-ups,
// against the scripts' tables for every rune.
func TestUnspacedRanges(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := unspaced(r), unspacedByTables(r); got != want {
			t.Fatalf("unspaced(%U) = %v, want %v", r, got, want)
		}
	}
}

// unspacedByTables is unspaced without its ranges: it asks the tables of
// the scripts written without spaces about every rune.
func unspacedByTables(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Thai, r) || unicode.Is(unicode.Lao, r) || unicode.Is(unicode.Khmer, r) || unicode.Is(unicode.Myanmar, r)
}

// TestIsPunct checks isPunct against unicode.IsPunct for every rune.
func TestIsPunct(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if got, want := isPunct(r), unicode.IsPunct(r); got != want {
			t.Fatalf("isPunct(%U) = %v, want %v", r, got, want)
		}
	}
}
