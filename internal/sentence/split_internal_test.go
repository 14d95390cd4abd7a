package sentence

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// appendSplitSpaceAtATime is AppendSplit as it was before its runs of
// ASCII took in the white space between words and before it skipped runs
// of characters of two bytes: it went round its main loop for every white
// space, and decoded every character that is not ASCII, also after a
// terminator (see scanClosersRuneAtATime and endsSentenceRuneAtATime).
// It is the reference the splitter's tests hold AppendSplit to, span for
// span: FuzzSplitRuns and TestSplitRunsRandom, and TestSplitRefArticles
// and TestSplitRefRandom (split_ref_test.go) with texts and pieces of
// their own. A change to the rules is a change to it
// too.
func appendSplitSpaceAtATime(dst []Span, text string) []Span {
	start := -1 // start of the current sentence, -1 between sentences
	end := 0    // end of its last character that is not white space
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case classSpace:
				if start >= 0 && firstSpaceAfterNonASCII(text, end, i) && thaiSpace(text, end, i) {
					dst = append(dst, Span{start, end})
					start = -1
				}
				i++
				continue
			case classOther:
				if start < 0 {
					start = i
				}
				// Most of a sentence is a run of such bytes: skip it whole.
				for i++; i < len(text) && text[i] < utf8.RuneSelf && asciiClass[text[i]] == classOther; i++ {
				}
				end = i
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				if start >= 0 && firstSpaceAfterNonASCII(text, end, i) && thaiSpace(text, end, i) {
					dst = append(dst, Span{start, end})
					start = -1
				}
				i += size
				continue
			}
			if !isTerminator(r) {
				if start < 0 {
					start = i
				}
				i += size
				end = i
				continue
			}
		}

		// A run of terminators starts at i.
		if start < 0 {
			start = i
		}
		j, cjk := scanTerminators(text, i)
		k := scanClosersRuneAtATime(text, j)
		end = k
		if endsSentenceRuneAtATime(text, start, i, j, k, cjk) {
			dst = append(dst, Span{start, k})
			start = -1
		}
		i = k
	}
	if start >= 0 {
		dst = append(dst, Span{start, end})
	}
	return dst
}

// scanClosersRuneAtATime is scanClosers as it was before it took ASCII
// bytes without decoding them.
func scanClosersRuneAtATime(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isCloser(r) {
			break
		}
		i += size
	}
	return i
}

// endsSentenceRuneAtATime is endsSentence as it was before it took ASCII
// white space and an ASCII next character without decoding them, and
// asked abbreviationRuneAtATime.
func endsSentenceRuneAtATime(text string, start, p, j, k int, cjk bool) bool {
	if k == len(text) {
		return false
	}
	if cjk {
		if text[p:j] == "．" {
			r, _ := utf8.DecodeRuneInString(text[k:])
			return !unicode.IsDigit(r)
		}
		return true
	}
	m := k
	for m < len(text) {
		r, size := utf8.DecodeRuneInString(text[m:])
		if !unicode.IsSpace(r) {
			break
		}
		m += size
	}
	if m == k || m == len(text) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[m:])
	if !startsSentence(next) {
		return false
	}
	if j-p == 1 && text[p] == '.' && j == k && abbreviationRuneAtATime(text, start, p, next) {
		return false
	}
	return true
}

// FuzzSplitRuns checks that AppendSplit gives the spans
// appendSplitSpaceAtATime gives, on arbitrary text and on mutations of the
// lines of real articles and of refSeeds, the ends of sentences its fast
// paths take.
func FuzzSplitRuns(f *testing.F) {
	for _, s := range append([]string{"a  \t b.\n\nC d", "x ไทย  ไทย. Y", "Mr. Smith went to Washington. He left.",
		"日本語です。次の文。", "end \u00a0 here. Next", "trailing spaces   ", "U.S. Senator. Then."}, refSeeds...) {
		f.Add(s)
	}
	for _, text := range refTexts(f) {
		for line := range strings.Lines(text) {
			f.Add(line)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, want := AppendSplit(nil, text), appendSplitSpaceAtATime(nil, text)
		if !slices.Equal(got, want) {
			t.Fatalf("AppendSplit(%q) = %v; a white space at a time %v", text, got, want)
		}
	})
}

// TestSplitRunsRandom compares AppendSplit with appendSplitSpaceAtATime on
// many short texts drawn from pieces that meet at every offset of the
// eight-byte reads: letters, white space, terminators, closers, Thai and
// other letters that are not ASCII.
func TestSplitRunsRandom(t *testing.T) {
	pieces := []string{"a", "B", "7", " ", "  ", "\t", "\n", ".", "!", "?", "...", "\"", ")", "’", "é", "ไ", "ท",
		"\u00a0", "。", "Mr", "U.S", "\xff", "ж", "Ж", "\u0085", "؟", "۔", "\xd0", "\xd0\xd0"}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range 200000 {
		b.Reset()
		for n := r.IntN(24); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		if got, want := AppendSplit(nil, text), appendSplitSpaceAtATime(nil, text); !slices.Equal(got, want) {
			t.Fatalf("AppendSplit(%q) = %v; a white space at a time %v", text, got, want)
		}
	}
}

// abbreviationRuneAtATime is abbreviation as it was before it looked back
// over ASCII bytes without decoding them, asked listMarker of any
// sentence, checked the word's length at every rune and looked for its
// last dot after. FuzzAbbreviation checks the two agree.
func abbreviationRuneAtATime(text string, start, p int, next rune) bool {
	if listMarker(text[start:p]) {
		return true
	}
	q := p
	for q > start {
		r, size := utf8.DecodeLastRuneInString(text[start:q])
		if r != '.' && !unicode.IsLetter(r) {
			break
		}
		q -= size
		if p-q > maxWord {
			return false
		}
	}
	w := text[q:p] // letters and dots
	if w == "" {
		return false
	}
	if d := strings.LastIndexByte(w, '.'); d >= 0 {
		if dottedAcronym(w) {
			return true
		}
		w = w[d+1:]
	}
	if r, size := utf8.DecodeRuneInString(w); size == len(w) && unicode.IsUpper(r) {
		return true // an initial
	}
	return isAbbreviationRef(w) || isNumberAbbreviationRef(w) && unicode.IsDigit(next)
}

// FuzzAbbreviation asks abbreviation and abbreviationRuneAtATime about
// every full stop of a text, with the sentence starting at each offset
// before it that starts a rune (near enough to make a difference).
func FuzzAbbreviation(f *testing.F) {
	for _, s := range []string{"Mr. Smith", "U.S. Senator", "e.g. this", "No. 10", "1. Find", "J. K. Rowling", "Ph.D. student",
		"Straße. Nº. 5", "ÉTAT. x", "a\xff. B", "[x]. Y", "Nr°. 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for p := 0; p < len(text); p++ {
			if text[p] != '.' {
				continue
			}
			next, _ := utf8.DecodeRuneInString(text[p+1:])
			for start := range text[:p] {
				if 0 < start && start < p-2*maxWord {
					// abbreviation looks back no more than maxWord
					// bytes (and a rune): these starts give what 0
					// gives, and asking about each made a text of many
					// full stops take seconds.
					continue
				}
				if got, want := abbreviation(text, start, p, next), abbreviationRuneAtATime(text, start, p, next); got != want {
					t.Fatalf("abbreviation(%q, %d, %d, %q) = %v, a rune at a time %v", text, start, p, next, got, want)
				}
			}
		}
	})
}

// TestTwoByteRunClasses checks that skipTwoByteRun stops at exactly the
// characters of two bytes that are white space or terminators.
func TestTwoByteRunClasses(t *testing.T) {
	for r := rune(0x80); r < 0x800; r++ {
		s := string(r)
		want := !unicode.IsSpace(r) && !isTerminator(r)
		if got := skipTwoByteRun(s, 0) == len(s); got != want {
			t.Errorf("skipTwoByteRun skips %U: %v, want %v", r, got, want)
		}
	}
}

// TestLetterAndDotBytes checks letterBytes and dotBytes on every byte at
// every place of eight, among bytes of every kind.
func TestLetterAndDotBytes(t *testing.T) {
	for _, fill := range []byte{'a', '.', ' ', 'Z', 0x7f, 0x80, 0xff} {
		for k := range 8 {
			for b := range 256 {
				w := bytes.Repeat([]byte{fill}, 8) // string(fill) would be UTF-8: two bytes for 0x80 and up
				w[k] = byte(b)
				x := le64(string(w))
				for n, c := range w {
					isLetter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
					if got := letterBytes(x)>>(8*n+7)&1 == 1; got != isLetter {
						t.Fatalf("letterBytes(%q) byte %d: %v, want %v", w, n, got, isLetter)
					}
					if got := dotBytes(x)>>(8*n+7)&1 == 1; got != (c == '.') {
						t.Fatalf("dotBytes(%q) byte %d: %v, want %v", w, n, got, c == '.')
					}
				}
			}
		}
	}
}
