package sentence

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Split returns the sentences of text as byte spans, in order.
// Text that is only white space has no sentences.
func Split(text string) []Span {
	return AppendSplit(nil, text)
}

// AppendSplit is Split that appends to dst, so callers can reuse a slice in a
// hot loop. It returns the extended slice.
func AppendSplit(dst []Span, text string) []Span {
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
				// Most of a sentence is a run of such bytes and ASCII
				// white space: skip it whole. White space in it follows
				// an ASCII character, so it cannot end the sentence (see
				// thaiSpace).
				i = skipRun(text, i+1)
				// The most common end of a sentence: a lone full stop,
				// one space and an ASCII character that may start the
				// next, which is of classOther (TestStartsInRun), so
				// the next run starts after it. Decided here as
				// endsSentence would, an end costs no call of
				// endsSentence and no trip round this loop with their
				// spills: 34.0M → 27.6M instructions (callgrind) and
				// 153k → 116k mispredicted branches (cachegrind's
				// model) a pass of BenchmarkAppendSplitStream, whose
				// sentences are short; 11.09M → 11.19M instructions a
				// pass of BenchmarkAppendSplit's article.
				for i+2 < len(text) && text[i:i+2] == ". " && asciiStarts[text[i+2]] {
					if !abbreviation(text, start, i, rune(text[i+2])) {
						dst = append(dst, Span{start, i + 1})
						start = i + 2
					}
					i = skipRun(text, i+3) // the space would not end the sentence either
				}
				if i == len(text)-1 {
					// The run stops at the text's last byte: a
					// terminator, most often a full stop, or a
					// byte that is not ASCII. Whichever, the
					// sentence ends with the text, as the main
					// loop would find after a trip round it
					// and a scan for more terminators and
					// closers, or a rune to decode: no test of
					// the byte. Most paragraphs end so: 27.6M →
					// 25.2M instructions and 116k → 94k
					// mispredicted branches a pass of
					// BenchmarkAppendSplitStream.
					end, i = len(text), len(text)
					continue
				}
				// The sentence's end so far is that of the last byte
				// that is not white space.
				for end = i; asciiClass[text[end-1]] == classSpace; end-- {
				}
				continue
			}
		} else {
			if j := skipTwoByteRun(text, i); j > i {
				// Letters of two bytes (accented Latin, Greek,
				// Cyrillic, Hebrew, Arabic) are most characters of
				// some texts: skip a run of them whole.
				if start < 0 {
					start = i
				}
				i, end = j, j
				continue
			}
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
		j, k, cjk := i+1, i+1, false
		if c != '.' || j == len(text) || text[j] != ' ' {
			// Not the most common end, a full stop and a space: no
			// more terminators, and no closers.
			j, cjk = scanTerminators(text, i)
			k = scanClosers(text, j)
		}
		end = k
		ends, next := endsSentence(text, start, i, j, k, cjk)
		if ends {
			dst = append(dst, Span{start, k})
			start = -1
		}
		i = next
	}
	if start >= 0 {
		dst = append(dst, Span{start, end})
	}
	return dst
}

// Start returns where the sentence after byte from of text starts: the
// first byte from there on that is not white space, or len(text). Only
// white space stands between two sentences of AppendSplit, and a sentence
// starts with none: the first sentence of text starts at Start(text, 0),
// and each other at Start(text, end) for the end of the one before, so a
// caller that keeps the sentences' ends can find their starts again.
func Start(text string, from int) int {
	for i := from; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiClass[c] != classSpace {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return len(text)
}

// firstSpaceAfterNonASCII reports whether the white space at text[i] is the
// first after the sentence's last character at text[:end], and that
// character is not ASCII: the cheap test, made inline for every space,
// before asking thaiSpace.
func firstSpaceAfterNonASCII(text string, end, i int) bool {
	return end == i && text[end-1] >= utf8.RuneSelf
}

// thaiSpace reports whether the white space at text[i], right after the
// sentence's last character at text[:end], stands between two Thai
// letters. Thai writes no space between words and no full stop: a space
// between Thai letters ends a sentence. Only the first white space after
// the letter asks (see firstSpaceAfterNonASCII), so a run of spaces costs
// one look ahead.
func thaiSpace(text string, end, i int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:end])
	if !unicode.Is(unicode.Thai, before) {
		return false
	}
	for j := i; j < len(text); {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r) {
			return unicode.Is(unicode.Thai, r)
		}
		j += size
	}
	return false
}

// endsSentence reports whether the sentence that starts at start ends after
// the terminators text[p:j] and the closers text[j:k], and returns where
// AppendSplit goes on: after the white space that follows, which it
// would only skip, if the sentence ends there, else at k.
func endsSentence(text string, start, p, j, k int, cjk bool) (bool, int) {
	if k == len(text) {
		return false, k // the end of the text ends the sentence anyway
	}
	if cjk {
		// A fullwidth full stop between digits is a decimal point.
		if text[p:j] == "．" {
			r, _ := utf8.DecodeRuneInString(text[k:])
			return !unicode.IsDigit(r), k
		}
		return true, k
	}
	// m := Start(text, k), written out: Start is too large to inline,
	// and the call cost BenchmarkAppendSplitStream 2.6% (median of 5
	// alternated, 2.74 -> 2.81 ms; minimum 2.72 -> 2.80 ms; load 1.6).
	m := k
	for m < len(text) {
		if c := text[m]; c < utf8.RuneSelf { // most often one space
			if asciiClass[c] != classSpace {
				break
			}
			m++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[m:])
		if !unicode.IsSpace(r) {
			break
		}
		m += size
	}
	if m == k || m == len(text) {
		return false, k // no white space, or only white space to the end
	}
	next := rune(text[m])
	if next >= utf8.RuneSelf {
		next, _ = utf8.DecodeRuneInString(text[m:])
	}
	if next < utf8.RuneSelf && !asciiStarts[next] || next >= utf8.RuneSelf && !startsSentence(next) {
		return false, k
	}
	if j-p == 1 && text[p] == '.' && j == k && abbreviation(text, start, p, next) {
		return false, k
	}
	return true, m
}

// scanTerminators returns the end of the run of terminators that starts at
// i, and whether it holds a terminator that needs no white space after it.
func scanTerminators(text string, i int) (j int, cjk bool) {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiClass[c] != classTerminator {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTerminator(r) {
			break
		}
		cjk = cjk || isCJKTerminator(r)
		i += size
	}
	return i, cjk
}

// scanClosers returns the end of the run of closing quotes and brackets that
// starts at i.
func scanClosers(text string, i int) int {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf { // most often a space
			if !asciiCloser[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isCloser(r) {
			break
		}
		i += size
	}
	return i
}

const (
	classOther = iota
	classSpace
	classTerminator
)

// asciiClass classifies the ASCII bytes for the fast path of AppendSplit.
var asciiClass = [utf8.RuneSelf]uint8{
	'\t': classSpace, '\n': classSpace, '\v': classSpace, '\f': classSpace, '\r': classSpace, ' ': classSpace,
	'.': classTerminator, '!': classTerminator, '?': classTerminator,
}

// skipRun returns the end of the run of inRun bytes that starts at i. It
// reads sixteen bytes a step, with one branch for both words: such runs
// are most of a sentence. The last bytes of a text of eight bytes or
// more, fewer than eight, are read in the eight that end it, shifted so
// that the bytes before i leave the word (runEnds may flag a byte after
// one it flags, so a terminator before i could flag one after it), not one
// at a time; a shorter text is read one byte at a time.
//
// With runEnds's cheaper mask, BenchmarkAppendSplitStream takes 40.4M →
// 36.1M instructions a pass, BenchmarkAppendSplit 12.2M → 11.2M
// (callgrind). With the loop of AppendSplit over the most common ends,
// eight bytes a step took 29.1M instructions a pass of the stream to
// sixteen's 27.6M, and 4% more time (median of 10 alternated runs), though
// fewer mispredicted branches.
func skipRun(text string, i int) int {
	n := len(text)
	for ; i+16 <= n; i += 16 {
		s := text[i : i+16]
		a, b := runEnds(le64(s[:8])), runEnds(le64(s[8:]))
		if a|b != 0 {
			// The end is in b only if a is 0, and then ta is 64:
			// no branch for it, which would be mispredicted at
			// about every other end (150k → 120k mispredicted
			// branches a pass of BenchmarkAppendSplitStream in
			// cachegrind's model, for 0.4% more instructions).
			ta, tb := bits.TrailingZeros64(a), bits.TrailingZeros64(b)
			return i + (ta+(tb&-(ta>>6)))/8
		}
	}
	if i+8 <= n {
		if m := runEnds(le64(text[i : i+8])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
		i += 8
	}
	if i < n && n >= 8 {
		if m := runEnds(le64(text[n-8:]) >> (8 * (i - (n - 8)))); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
		return n
	}
	for i < n && inRun[text[i]] {
		i++
	}
	return i
}

// runEnds returns, for eight bytes of text read little-endian, a mask
// whose lowest set bit is the top bit of the first byte that is not inRun:
// a byte that is not ASCII or a terminator of classTerminator; it is 0 if
// there is none. It may also flag bytes after that one, never those before
// it.
//
// A byte of x^'.'s minus 1 sets its top bit if the byte is 0, or if it is
// 0x81 or more, and so for '!' and '?'. Below the first byte that is 0
// nothing borrows, so no ASCII byte before it is flagged. A byte of x that
// is not ASCII is flagged by x's own top bit, and by the subtractions too:
// it gives bytes of 0x80 or more in all three, 0x80 in at most one of them
// (the terminators differ), so TestRunEnds passes without x. Without it,
// skipRun took one OR a word fewer, 14.1M → 13.5M instructions a pass of
// BenchmarkAppendSplitStream (callgrind), but no less time: 0.3% more
// (median of 20 alternated runs, load 4), inside the 1.5% by which two
// builds of the same code differed; so x stays, where it costs nothing.
// (The usual zero test, (v-eachByte)&^v, clears the top bits that x sets
// again: three NOTs and ANDs fewer a word.)
func runEnds(x uint64) uint64 {
	dot, bang, question := x^('.'*eachByte), x^('!'*eachByte), x^('?'*eachByte)
	return ((dot - eachByte) | (bang - eachByte) | (question - eachByte) | x) & topBits
}

// The masks of the tests on eight bytes at once (read by le64): the
// same bits in each byte. A byte times eachByte is that byte eight times.
const (
	eachByte     = 0x0101010101010101 // the lowest bit of each byte
	lowSevenBits = 0x7f7f7f7f7f7f7f7f // the seven low bits of each byte
	topBits      = 0x8080808080808080 // the top bit of each byte
)

// le64 returns the first 8 bytes of s as a little-endian number.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// skipTwoByteRun returns the end of the run of characters of two bytes in
// UTF-8 (U+0080 to U+07FF) that starts at i, but for those that are white
// space (U+0085, U+00A0) or terminators (U+061F ؟, U+06D4 ۔): in all, the
// characters of two bytes that the main loop of AppendSplit takes one at a
// time, decoded, as neither. TestTwoByteRunClasses checks the list.
func skipTwoByteRun(text string, i int) int {
	for i+1 < len(text) {
		c, d := text[i], text[i+1]
		if c < 0xc2 || c > 0xdf || d&0xc0 != 0x80 {
			break
		}
		switch rune(c&0x1f)<<6 | rune(d&0x3f) {
		case 0x85, 0xa0, 0x61f, 0x6d4:
			return i
		}
		i += 2
	}
	return i
}

// inRun tells the bytes that AppendSplit skips in a run that starts with
// an ASCII byte of classOther: the ASCII bytes of classOther and
// classSpace.
var inRun = func() (t [256]bool) {
	for c, class := range asciiClass {
		t[c] = class == classOther || class == classSpace
	}
	return t
}()

// isTerminator reports whether r may end a sentence.
func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?',
		'…',                // horizontal ellipsis
		'‼', '⁇', '⁈', '⁉', // double marks
		'؟', '۔', // Arabic question mark, Arabic (Urdu) full stop
		'।', '॥': // Devanagari danda and double danda
		return true
	}
	return isCJKTerminator(r)
}

// isCJKTerminator reports whether r ends a sentence without white space
// after it.
func isCJKTerminator(r rune) bool {
	switch r {
	case '。', '！', '？', '．', '｡':
		return true
	}
	return false
}

// asciiCloser tells the ASCII bytes that isCloser reports: scanClosers
// asks it of an ASCII byte, which has no rune to decode.
var asciiCloser = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isCloser(rune(c))
	}
	return t
}()

// asciiStarts tells the ASCII bytes that startsSentence reports. It has a
// place for every byte, false from 0x80 on, so that AppendSplit's loop
// over the most common ends asks it of a byte without testing it first
// (and reads ". " as one word): 25.2M → 24.3M instructions a pass of
// BenchmarkAppendSplitStream, 2% of its time.
var asciiStarts = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = startsSentence(rune(c))
	}
	return t
}()

// isCloser reports whether r closes a quotation or a bracket. Initial quotes
// count, since German and others close with “ and ‘.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '＂', '＇':
		return true
	}
	return r >= utf8.RuneSelf &&
		(unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r) || unicode.Is(unicode.Pi, r))
}

// startsSentence reports whether a sentence may start with r.
func startsSentence(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '¿', '¡', '＂', '＇':
		return true
	}
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.IsDigit(r) {
		return true
	}
	if unicode.IsLetter(r) {
		return !unicode.IsLower(r) // a letter of a script without case
	}
	return unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pi, r)
}
