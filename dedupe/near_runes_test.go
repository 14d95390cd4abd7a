package dedupe

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// nextWordRuneAtATime is nextWord as it was before its fast paths for
// ASCII and for characters of two bytes, with unicode.IsPunct and the
// scripts' tables in place of isPunct and unspaced's ranges. Unlike
// nextWordTrimFunc it agrees with nextWord on any text, not only on match
// keys (which are valid UTF-8), and from any offset: FuzzNextWordRunes
// checks the two agree on broken UTF-8 too, which FuzzNextWord, reading
// keys, never sees.
func nextWordRuneAtATime(key string, i int) (start, end, next int) {
	for i < len(key) {
		r, size := utf8.DecodeRuneInString(key[i:])
		if r == ' ' {
			i += size
			continue
		}
		start, end = i, i+size
		if !unspacedByTables(r) {
			for end < len(key) {
				r, size := utf8.DecodeRuneInString(key[end:])
				if r == ' ' || unspacedByTables(r) {
					break
				}
				end += size
			}
		}
		next = end
		for start < end {
			r, size := utf8.DecodeRuneInString(key[start:end])
			if !unicode.IsPunct(r) {
				break
			}
			start += size
		}
		for start < end {
			r, size := utf8.DecodeLastRuneInString(key[start:end])
			if !unicode.IsPunct(r) {
				break
			}
			end -= size
		}
		if start < end {
			return start, end, next
		}
		i = next
	}
	return len(key), len(key), len(key)
}

// FuzzNextWordRunes checks nextWord from every offset of a text, and
// sketchOf, hasWords and leadingWords, against nextWordRuneAtATime, on the
// text as it is (broken UTF-8 and all) and on its match key.
func FuzzNextWordRunes(f *testing.F) {
	for _, s := range []string{"", "Hello, world!", "«Ça va?» — “oui”…", "--- ... ''", "日本語の文章です。", "x日本 y",
		"«Привет, мир» — сказал он. Ελλάδα;", "a\xd0 \xd0\x80b", "\xd0", "«\xab x", "a\xd0\xd0\x80 \xdf", "中abc 中a中"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// nextWord from every offset takes time of the square of a
		// word's length: a fuzzed word of 10 kB took seconds.
		s = s[:min(len(s), 512)]
		for _, key := range []string{s, string(appendKey(nil, s))} {
			for i := 0; i <= len(key); i++ {
				s1, e1, n1 := nextWord(key, i)
				s2, e2, n2 := nextWordRuneAtATime(key, i)
				if s1 != s2 || e1 != e2 || n1 != n2 {
					t.Fatalf("%q at %d: nextWord gives %d, %d, %d; a rune at a time %d, %d, %d", key, i, s1, e1, n1, s2, e2, n2)
				}
			}
			sk, n := sketchOf(key)
			if wantSk, wantN := sketchOfWords(key, nextWordRuneAtATime); sk != wantSk || n != wantN {
				t.Fatalf("%q: sketchOf gives %x, %d words; a rune at a time %x, %d", key, sk, n, wantSk, wantN)
			}
			for k := range n + 2 {
				if got := hasWords(key, k); got != (n >= k) {
					t.Fatalf("%q of %d words: hasWords(key, %d) = %v", key, n, k, got)
				}
				lead, ok := leadingWords(key, k)
				if wantLead, wantOK := leadingWordsOf(key, k, nextWordRuneAtATime); lead != wantLead || ok != wantOK {
					t.Fatalf("%q: leadingWords(key, %d) = %q, %v; a rune at a time %q, %v", key, k, lead, ok, wantLead, wantOK)
				}
			}
		}
	})
}
