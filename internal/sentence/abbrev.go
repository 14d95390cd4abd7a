package sentence

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxWord bounds the look back from a full stop, in bytes, so that a long
// run of letters and dots costs no more than a short one.
const maxWord = 32

// abbreviation reports whether the full stop at text[p], in the sentence
// that starts at start and with next as the first rune after the white
// space that follows, ends an abbreviation, an initial, a dotted acronym or
// a list marker rather than the sentence.
func abbreviation(text string, start, p int, next rune) bool {
	if p-start <= utf8.UTFMax && listMarker(text[start:p]) { // a marker is one rune at most
		return true
	}
	// The word before the full stop: from q to p, no longer than maxWord
	// bytes, so the look back ends at lo; dot is the last dot in it, -1 if
	// none.
	q, dot := p, -1
	if p-start >= 8 {
		// Most words are ASCII letters, fewer than eight: the eight
		// bytes before the stop tell where the word starts, and its
		// last dot, at once. The loop below goes on from there, and
		// stops at once at an ASCII byte that is not in the word.
		x := le64(text[p-8 : p])
		dots := dotBytes(x)
		q -= 8
		if out := ^(letterBytes(x) | dots) & topBits; out != 0 {
			// The top bit of the nearest byte not in the word, and
			// the word after it.
			top := 63 - bits.LeadingZeros64(out)
			q += (top + 1) / 8
			dots &^= 1<<(top+1) - 1
			if dots == 0 && x>>top&1 == 0 {
				// The byte before the word is ASCII, so the
				// loop below would stop at it, and the word has
				// no dot: ASCII letters, fewer than eight. This
				// is most words before a full stop, decided
				// here without the loop's bounds and rune
				// checks: 35.8M → 34.0M instructions and 169k
				// → 153k mispredicted branches (cachegrind's
				// model) a pass of BenchmarkAppendSplitStream.
				w := text[q:p]
				return len(w) == 1 && 'A' <= w[0] && w[0] <= 'Z' || listed(w, next)
			}
		}
		if dots != 0 {
			dot = p - 8 + (63-bits.LeadingZeros64(dots))/8
		}
	}
	for lo := max(start, p-maxWord-1); q > lo; {
		if c := text[q-1]; c < utf8.RuneSelf { // ASCII: no rune to decode
			if c == '.' {
				if dot < 0 {
					dot = q - 1
				}
			} else if !('a' <= c|0x20 && c|0x20 <= 'z') {
				break
			}
			q--
		} else {
			r, size := utf8.DecodeLastRuneInString(text[start:q])
			if !unicode.IsLetter(r) {
				break
			}
			q -= size
		}
	}
	if p-q > maxWord {
		return false
	}
	w := text[q:p] // letters and dots
	if w == "" {
		return false
	}
	if dot >= 0 {
		if dottedAcronym(w) {
			return true
		}
		w = text[dot+1 : p]
	}
	if r, size := utf8.DecodeRuneInString(w); size == len(w) && unicode.IsUpper(r) {
		return true // an initial
	}
	return listed(w, next)
}

// letterBytes returns, for eight bytes of text read little-endian, the
// top bit of each that is an ASCII letter.
func letterBytes(x uint64) uint64 {
	// Without the top bits, the additions carry into no other byte;
	// with 0x20 set, capitals are small letters.
	lower := (x | 0x20*eachByte) & lowSevenBits
	return (lower + eachByte*(0x80-'a')) &^ (lower + eachByte*(0x80-'z'-1)) &^ x & topBits
}

// dotBytes returns, for eight bytes of text read little-endian, the top
// bit of each that is a dot.
func dotBytes(x uint64) uint64 {
	// A byte of x^dots below 0x80 plus 0x7f sets its top bit unless it
	// is 0, and carries into no other byte.
	return ^((x^('.'*eachByte))&lowSevenBits + lowSevenBits) &^ x & topBits
}

// wordAbbreviations are the abbreviations, without their full stops, that
// are followed by a name or a word. The match is case sensitive.
var wordAbbreviations = []string{
	"Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt",
	"Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Rev", "Hon", "Pres", "Supt",
	"Inc", "Ltd", "Corp", "Co",
	"vs", "cf", "al", "approx",
}

// numberAbbreviations are the abbreviations, without their full stops, that
// are followed by a number. The match is case sensitive, so that "no."
// stays a word.
var numberAbbreviations = []string{
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
	"No", "Nos", "Vol", "pp", "Fig",
	"Nr", "Abs", "Art", "Bd", "Kap", "Ziff", "Nº", "Nr°", "n", "nº", // de, and other languages' "number"
}

// The kinds of an abbreviation in abbreviationKinds.
const (
	beforeWord   = 1 << iota // on wordAbbreviations
	beforeNumber             // on numberAbbreviations
)

// abbreviationKinds maps the abbreviations of both lists to their kinds.
// listed asks it only of the words that abbreviationLengths lets through.
var abbreviationKinds = func() map[string]uint8 {
	kinds := make(map[string]uint8)
	for _, w := range wordAbbreviations {
		kinds[w] |= beforeWord
	}
	for _, w := range numberAbbreviations {
		kinds[w] |= beforeNumber
	}
	return kinds
}()

// abbreviationLengths has, for each byte, bit n set if an abbreviation of
// n bytes (fewer than eight) starts with it. Most words before a full stop
// have a first byte and a length that no abbreviation has together, and
// one look-up here tells so, where the switches over both lists that were
// here before took 9% of the CPU samples of BenchmarkAppendSplitStream, on
// their mispredicted branches (180k → 169k a pass in cachegrind's model;
// 95% of its words end here; the map is asked of the others).
var abbreviationLengths = func() (t [256]uint8) {
	for w := range abbreviationKinds {
		t[w[0]] |= 1 << len(w) // TestListed checks that len(w) < 8
	}
	return t
}()

// listed reports whether w, without its full stop, is an abbreviation that
// is followed by a name or a word, or one that is followed by a number and
// next is a digit.
func listed(w string, next rune) bool {
	return w != "" && abbreviationLengths[w[0]]>>len(w)&1 != 0 && listedKind(w, next)
}

// listedKind is listed for the words that abbreviationLengths lets
// through, out of line so that listed's filter is inlined.
func listedKind(w string, next rune) bool {
	kind := abbreviationKinds[w]
	return kind&beforeWord != 0 || kind&beforeNumber != 0 && unicode.IsDigit(next)
}

// dottedAcronym reports whether w, letters and dots without the final full
// stop, has two or more parts of one or two letters, at least one of them a
// single letter: U.S, e.g, a.m, Ph.D.
func dottedAcronym(w string) bool {
	parts, single := 0, false
	for w != "" {
		part := w
		if d := strings.IndexByte(w, '.'); d >= 0 {
			part, w = w[:d], w[d+1:]
			if w == "" {
				return false // a trailing dot: an empty part
			}
		} else {
			w = ""
		}
		switch utf8.RuneCountInString(part) {
		case 1:
			single = true
		case 2:
		default:
			return false // empty or too long
		}
		parts++
	}
	return parts >= 2 && single
}

// listMarker reports whether s, a whole sentence so far without its full
// stop, numbers an item of a list: one to three digits or a single letter.
func listMarker(s string) bool {
	if s == "" {
		return false
	}
	if len(s) <= 3 && strings.Trim(s, "0123456789") == "" {
		return true
	}
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && unicode.IsLetter(r)
}
