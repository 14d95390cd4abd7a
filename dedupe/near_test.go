package dedupe

import (
	"fmt"
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/textclean/textclean/internal/sentence"
)

// nextWordRuneAtATime is nextWord as it was before its fast paths for
// ASCII and for characters of two bytes, with unicode.IsPunct and the
// scripts' tables in place of isPunct and unspaced's ranges. It agrees
// with nextWord on any text, broken UTF-8 too, and from any offset:
// FuzzNextWordRunes checks the two agree.
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

// sketchOfWords is the sketch of wordsOf made from the words that next
// finds, as sketchOf made it before it found plain ASCII words itself.
func sketchOfWords(key string, next func(key string, i int) (start, end, next int)) (sketch, int) {
	var s sketch
	words := 0
	for start, end, i := next(key, 0); start < end; start, end, i = next(key, i) {
		h := wordHash(key, start, end)
		s[h>>62] |= 1 << (h >> 56 & 63)
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

// FuzzNextWordRunes checks nextWord and plainWord from every offset of a
// text, and wordsOf, hasWords and leadingWords, against
// nextWordRuneAtATime, on the text as it is (broken UTF-8 and all) and on
// its match key.
func FuzzNextWordRunes(f *testing.F) {
	for _, s := range []string{"", "Hello, world!", "«Ça va?» — “oui”…", "(a) [b] {c}.", "--- ... ''", "日本語の文章です。",
		"x $5 +1 a|b ~c", "it's 1.5% \"quoted\"", "¿qué? ¡sí!", "\xff\xfe a",
		"the cat sat on the mat", "a, b. (c) d- -e ... f", "café au lait", "x日本 y", "tab\tin a word", "he said, then: go! it's (so) fine...",
		"«Привет, мир» — сказал он. Ελλάδα;", "a\xd0 \xd0\x80b", "a very-long-compound-word-of-more-than-thirty-two-bytes here",
		"\xd0", "«\xab x", "a\xd0\xd0\x80 \xdf", "中abc 中a中",
		"said, the man. so: it's done", "abc defg", "abc defgh", "abcdefg, x", "abcdefgh, x", "a,, b", ", a. .b c",
		"one two  three", " lead and trail ", "x +a a+ (b) c's é, d"} {
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
				// plainWord, where it finds a word (after at most one
				// space), finds nextWord's.
				if s3, e3, n3 := plainWord(key, i); s3 < e3 && (s3 != s2 || e3 != e2 || n3 != n2) {
					t.Fatalf("%q at %d: plainWord gives %d, %d, %d; a rune at a time %d, %d, %d", key, i, s3, e3, n3, s2, e2, n2)
				}
			}
			n := checkWordsOf(t, key)
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

// checkWordsOf checks wordsOf against the words nextWordRuneAtATime
// finds in key, and returns how many there are.
func checkWordsOf(t *testing.T, key string) int {
	t.Helper()
	words := wordsOf(key)
	sk, n := words.sketch, words.n
	if wantSk, wantN := sketchOfWords(key, nextWordRuneAtATime); sk != wantSk || n != wantN {
		t.Fatalf("%q: wordsOf gives %x, %d words; a rune at a time %x, %d", key, sk, n, wantSk, wantN)
	}
	for _, first := range []struct{ n, end int }{{teaserWords - 1, words.groupEnd}, {teaserWords, words.startEnd}} {
		want, ok := leadingWordsOf(key, first.n, nextWordRuneAtATime)
		if got := key[:first.end]; got != want || (first.end > 0) != ok {
			t.Fatalf("%q: wordsOf gives the first %d words as %q; a rune at a time %q, %v", key, first.n, got, want, ok)
		}
	}
	return n
}

// TestWordsOfSpacedWords checks wordsOf, which takes most words from the
// eight bytes at their start and the first space among them, on every
// text of up to six bytes drawn from a letter, a space, punctuation (two
// kinds), an ASCII symbol, a control byte and a byte that is not ASCII,
// alone (shorter than eight bytes), after and before words and glued to
// them (tokens of seven bytes and more, keys of exactly eight and nine,
// tokens in the key's last eight bytes, where it reads spaces past the
// end).
func TestWordsOfSpacedWords(t *testing.T) {
	const alphabet = "a ,'+\t\xc3"
	var b [6]byte
	var fill func(k int)
	fill = func(k int) {
		s := string(b[:k])
		for _, key := range []string{s, "x " + s, "ab" + s, "x " + s + " y", s + "bcdefg z", "abcdefg " + s + " hijk lmnop"} {
			checkWordsOf(t, key)
		}
		if k < len(b) {
			for _, c := range []byte(alphabet) {
				b[k] = c
				fill(k + 1)
			}
		}
	}
	fill(0)
}

// BenchmarkSketch makes the near-duplicate sketch and start words
// (wordsOf) of every paragraph's match key in the stage benchmarks'
// input.
func BenchmarkSketch(b *testing.B) {
	c := stageCleaner(b, stageInput(), &Options{})
	keys := make([]string, len(c.paras))
	for i := range keys {
		keys[i] = string(appendKey(nil, c.textOf(i)))
	}
	b.SetBytes(int64(len(c.input)))
	for b.Loop() {
		for _, k := range keys {
			wordsOf(k)
		}
	}
}

// BenchmarkHasWords asks hasWords, as splitText does, whether each
// sentence of the stage benchmarks' input is long.
func BenchmarkHasWords(b *testing.B) {
	c := stageCleaner(b, stageInput(), &Options{})
	var keys []string
	for i := range c.paras {
		appendKeys(nil, c.textOf(i), sentence.Split(c.textOf(i)), func(k int, key []byte) { keys = append(keys, string(key)) })
	}
	b.SetBytes(int64(len(c.input)))
	long := 0
	for b.Loop() {
		long = 0
		for _, k := range keys {
			if hasWords(k, DefaultMinSentenceWords) {
				long++
			}
		}
	}
	if long == 0 {
		b.Fatal("no long sentences")
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

// TestLowerOrDigit checks lowerOrDigit and spaceBytes against a byte at
// a time, for every pair of byte values at every two adjacent places of
// the eight: no byte's answer may depend on its neighbours' (a borrow).
func TestLowerOrDigit(t *testing.T) {
	for _, f := range []struct {
		name  string
		bytes func(uint64) uint64
		want  func(c byte) bool
	}{
		{"lowerOrDigit", lowerOrDigit, func(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }},
		{"spaceBytes", spaceBytes, func(c byte) bool { return c == ' ' }},
	} {
		var b [8]byte
		for p := range 7 {
			for c := range 256 {
				for d := range 256 {
					b = [8]byte{'x', '(', 0xff, '9', 0, 'Z', ' ', 0x80}
					b[p], b[p+1] = byte(c), byte(d)
					got := f.bytes(load64(string(b[:]), 0))
					for k := range 8 {
						if (got>>(8*k+7)&1 != 0) != f.want(b[k]) || got>>(8*k)&0x7f != 0 {
							t.Fatalf("%q: %s gives %016x, wrong at byte %d", b, f.name, got, k)
						}
					}
				}
			}
		}
	}
}

// TestHasWordsAcrossBlocks checks hasWords, which counts tokens eight
// bytes at a time while it can, against the words nextWordRuneAtATime
// finds (hasWords falls back to counting word by word), on keys whose
// words end, and whose first byte of another kind stands, at each place
// of the eight-byte blocks and of the last one to seven bytes: tokens
// that start with punctuation or are all punctuation, that have it
// inside or that run on into bytes that are not ASCII, capitals and
// control bytes (which a key does not have, but hasWords is asked of
// any text), runs of spaces, and keys of about 2n-1 bytes.
func TestHasWordsAcrossBlocks(t *testing.T) {
	for _, pad := range []string{"", "a", "ab", "ab ", "abcd", "abc d", "abcdef", "a b c d", "abcdefg", "abcdefgh", "abcdefghij", "abcdefghi j"} {
		for _, rest := range []string{"one two three four five six", "one, two. three four", "x — y z w", "日本語 abc", "a-b c (d) e",
			"seven sevenxx eightxyz ninexyzwq", ". , ; x", "abc\xc3\xa9 d e", "said, it's x-ray so, fine", "a - b -- c ... d e",
			"\"quoted\" word 'one' two three", "Abc Def ghi Jkl mno", "x\x00y z\x7f w $5 +1 ~a", "a  b   c d  e", "ab日本 cd ef gh",
			"12 34 5th 6 7", "word. ” end", "the\u200b the x y z", "a b c d e", "a b c d", "日本語", "x,", "(a", "a)", "-"} {
			key := pad + " " + rest
			_, n := sketchOfWords(key, nextWordRuneAtATime)
			for k := range n + 2 {
				if got := hasWords(key, k); got != (n >= k) {
					t.Errorf("%q of %d words: hasWords(key, %d) = %v", key, n, k, got)
				}
			}
		}
	}
}

// TestWordHash checks what wordsOf relies on: a word hashes the same
// wherever it stands in a key (read with one load, or a byte at a time
// at the key's end), and distinct words of up to eight bytes without a
// zero byte have distinct hashes.
func TestWordHash(t *testing.T) {
	words := []string{"a", "b", "\x01", "\x02", "ab", "ba", "a\x01", "\x01a", "\x02\x01", "abcdefgh", "abcdefg", "bcdefgh",
		"abcdefghi", "abcdefghij", "abcdefghijklmnop", "abcdefghijklmnopq", "\xff\xff\xff\xff\xff\xff\xff\xff", "\xff\xff\xff\xff\xff\xff\xff"}
	seen := make(map[uint64]string)
	for _, w := range words {
		h := wordHash(w, 0, len(w))
		for _, key := range []string{w + " and more words", "x " + w, "xy " + w + " z", "x " + w + " and more"} {
			start := strings.Index(key, w)
			if got := wordHash(key, start, start+len(w)); got != h {
				t.Errorf("%q in %q hashes to %x, alone to %x", w, key, got, h)
			}
		}
		if o, ok := seen[h]; ok && len(w) <= 8 && len(o) <= 8 {
			t.Errorf("%q and %q have one hash, %x", w, o, h)
		}
		seen[h] = w
	}
	// Every word of one and two bytes without a zero byte.
	short := make(map[uint64]string)
	for c := 1; c < 256; c++ {
		for d := 0; d < 256; d++ {
			w := string([]byte{byte(c), byte(d)})
			if d == 0 {
				w = w[:1]
			}
			h := wordHash(w, 0, len(w))
			if o, ok := short[h]; ok {
				t.Fatalf("%q and %q have one hash, %x", w, o, h)
			}
			short[h] = w
		}
	}
}

// tokens appends the words of a match key to dst.
func tokens(key string, dst []string) []string {
	for start, end, i := nextWord(key, 0); start < end; start, end, i = nextWord(key, i) {
		dst = append(dst, key[start:end])
	}
	return dst
}

// shinglesReference is shingles as it was, with the words, their hashes
// and the shingles in three slices.
func shinglesReference(key string, seed maphash.Seed) []uint64 {
	words := tokens(key, nil)
	hashes := make([]uint64, len(words))
	for i, w := range words {
		hashes[i] = maphash.String(seed, w)
	}
	var sh []uint64
	if len(hashes) < shingleSize {
		sh = append(sh, hashes...)
	}
	for i := 0; i+shingleSize <= len(hashes); i++ {
		sh = append(sh, hashes[i]^bits.RotateLeft64(hashes[i+1], 29))
	}
	slices.Sort(sh)
	return slices.Compact(sh)
}

// TestShinglesInPlace checks that shingles, which makes the shingles over
// the words' hashes, gives the sets it gave with a slice for each.
func TestShinglesInPlace(t *testing.T) {
	seed := maphash.MakeSeed()
	texts := []string{"", "one", "two words", "the cat sat on the mat the cat sat",
		"a a a a", "東京は日本の首都です", "Mixed, punctuation; and CASE -- here!"}
	for _, text := range texts {
		key := string(appendKey(nil, text))
		if got, want := shingles(nil, key, wordsOf(key).n, seed), shinglesReference(key, seed); !slices.Equal(got, want) {
			t.Errorf("%q: shingles %v, want %v", text, got, want)
		}
	}
}

// TestShortWord checks shortWord and shortWordHash against plainWord and
// wordHash on every text of eight bytes drawn from a letter, a digit, a
// space, punctuation, a capital and a byte that is not ASCII, with a
// space or a letter after it: a word of one to seven lower-case letters
// and digits before a space is short, with its hash; any other is not.
// (TestLowerOrDigit checks the ranges' edges.)
func TestShortWord(t *testing.T) {
	const alphabet = "a9 .A\xc3"
	var b [9]byte
	var fill func(k int)
	fill = func(k int) {
		if k < 8 {
			for _, c := range []byte(alphabet) {
				b[k] = c
				fill(k + 1)
			}
			return
		}
		for _, c := range []byte(" a") {
			b[8] = c
			key := string(b[:])
			n := shortWord(load64(key, 0))
			want := strings.IndexByte(key, ' ')
			if want < 1 || want > 7 || strings.Trim(key[:want], "a9") != "" {
				want = 0
			}
			if n != want {
				t.Fatalf("%q: shortWord gives %d bytes, want %d", key, n, want)
			}
			if n == 0 {
				continue
			}
			if start, end, next := plainWord(key, 0); start != 0 || end != n || next != n {
				t.Fatalf("%q: shortWord gives %d bytes, plainWord %d, %d, %d", key, n, start, end, next)
			}
			if got, want := shortWordHash(n, load64(key, 0)&(1<<(8*n)-1)), wordHash(key, 0, n); got != want {
				t.Fatalf("%q: shortWordHash gives %x, wordHash %x", key, got, want)
			}
		}
	}
	fill(0)
}

// TestShinglesOfHeld checks that a shingle set shinglesOf returned stays
// as it was while as many sets more are made as a caller makes while it
// holds one (nearest: those of its window), though shinglesOf makes each
// set in the memory of one it made before.
func TestShinglesOfHeld(t *testing.T) {
	var b strings.Builder
	for k := range 20 {
		fmt.Fprintf(&b, "Paragraph %d says a few words of its own, number %d, and then some more words.\n\n", k, k*7)
	}
	c := stageCleaner(t, b.String(), &Options{})
	for round := range 3 { // the second and third in memory of the sets before
		held := c.shinglesOf(round)
		want := slices.Clone(held)
		for j := range nearWindow {
			c.shinglesOf(4 + round*nearWindow + j)
		}
		if !slices.Equal(held, want) {
			t.Fatalf("round %d: the set of paragraph %d changed to %v from %v once %d more were made", round, round, held, want, nearWindow)
		}
		if fresh := shingles(nil, c.keyString(round), c.near[round].words(), c.shingleSeed); !slices.Equal(held, fresh) {
			t.Fatalf("round %d: shinglesOf gave %v, shingles %v", round, held, fresh)
		}
	}
	// A set found among those kept, the oldest of them, as moreComplete
	// finds an earlier paragraph's that the bag index found: it stays as
	// it was while the later paragraph's is made.
	c.recentShingles = [nearWindow + 2]shingleSet{}
	for k := range len(c.recentShingles) {
		c.shinglesOf(k)
	}
	held := c.shinglesOf(0)
	want := slices.Clone(held)
	c.shinglesOf(10)
	if !slices.Equal(held, want) {
		t.Fatalf("the set of paragraph 0, found, changed to %v from %v once another was made", held, want)
	}
}

// shinglesHeld is a page on which dropNear's bag index finds the last
// paragraph's earlier twin (the same sentences in another order) outside
// its window, while shinglesOf still keeps the twin's shingle set, in
// the oldest slot (see useShingles).
const shinglesHeld = "Jumps runs. Red red. Tree moon. Tree moon.\n\n" +
	"Jumps runs. High moon. Red red. Jumps runs. Jumps runs. High moon. High moon.\n\n" +
	"High moon. Red red. High moon. Jumps runs. High moon. Jumps runs. Jumps runs.\n\n" +
	"Cat fox. Dog red fox. Dog red fox. Jumps runs. High moon. Cat fox.\n\n" +
	"Jumps runs. Tree moon. Tree moon. Tree moon. Dog red fox.\n\n" +
	"High moon. High moon. Dog red fox. Cat fox.\n\n" +
	"High moon. Red red. High moon. Tree moon.\n\n" +
	"Jumps runs. Red red. High moon. High moon. Jumps runs. Jumps runs. High moon.\n"

// TestShinglesOfHeldClean checks that Clean keeps the earlier twin of
// shinglesHeld, as main did at ce40c6d: when shinglesOf made the later
// twin's set over the earlier's, which moreComplete held, moreComplete
// compared the later set with itself, and the later twin took the
// earlier's place.
func TestShinglesOfHeldClean(t *testing.T) {
	const want = "Jumps runs. Red red. Tree moon. Tree moon.\n\n" +
		"Jumps runs. High moon. Red red. Jumps runs. Jumps runs. High moon. High moon.\n\n" +
		"Cat fox. Dog red fox. Dog red fox. Jumps runs. High moon. Cat fox.\n\n" +
		"Jumps runs. Tree moon. Tree moon. Tree moon. Dog red fox.\n\n" +
		"High moon. High moon. Dog red fox. Cat fox.\n\n" +
		"High moon. Red red. High moon. Tree moon.\n"
	r, err := Clean(shinglesHeld, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != want {
		t.Errorf("Clean gave\n%s\nwant\n%s", r.Text, want)
	}
}
