package dedupe

import (
	"hash/maphash"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"
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
// nearWindow), and first by sketches: a Bloom sketch of its word set,
// made in one pass over the key with no allocation, of 128 bits, or 256
// for two keys of more than wideWords words each. Texts whose
// shingle sets have a Jaccard similarity of t mostly share nearly all
// their words, so their sketches agree on about t of their bits or more;
// only pairs whose sketches come within sketchMargin of the threshold are
// compared exactly, on their shingles. The sketch is a filter, not a
// bound: texts that repeat a few words in many orders can share most of
// their shingles and fewer of their words (8 words in all 64 pairs, with
// 3 words of each text's own: shingles 0.84, sketch bits about 0.55), and
// whether such a pair is compared then depends on where the word hash
// puts each word. Changing the hash (xxhash until the fifth session, now
// wordHash) changed the outcome for such a crafted pair, and for nothing
// in the stream, the tree or the golden texts. (MinHash signatures were
// measured first: they need every shingle of every paragraph, which cost
// more than the three exact comparisons they were meant to spare.)
const (
	shingleSize  = 2
	sketchMargin = 0.25
)

// sketch is a Bloom sketch of a word set, of 256 bits: a bit for each
// value of the top eight bits of a word's hash.
type sketch [4]uint64

// halfSketch is a Bloom sketch of a word set of 128 bits, a bit for each
// value of the seven bits under the top one of a word's hash: a sketch
// folded in two (see fold). It is what nearInfo keeps of every paragraph,
// 16 bytes where the sketch took 32: 8.5 MiB of the 100 MB stream's
// 559,416 paragraphs, live through prepare and the rounds, at the peak
// of Clean's memory. Its bits fill up twice as fast: a key of n words
// sets about the share of them that one of 2n words sets of a sketch's,
// so the screen (sketchMargin) passes unrelated keys of some 150 words
// or more. Keys of more than wideWords words keep their whole
// sketch too (see cleaner.wides), which two such keys are compared by.
//
// Folding does not keep a pair's similarity, so a pair that passes the
// screen on sketches can fail it on halfSketches: it rises where a bit
// of one key's folds onto a bit of the other's, and falls where two bits
// both set fold into one while those they differ on stay apart. For
// near-duplicates it falls little: of 130,163 pairs of 10 to 96 made-up
// words (madeUpWords) whose shingles agree by 0.8 or more, one a copy of
// the other with words changed, a clause added or words dropped, every
// one passed both screens, with halfSketches alike by 0.714 at least and
// at most 0.036 less than by sketches. Of 6,808 crafted pairs of 40 to
// 96 words, 3 to 7 words in many orders with one or two of each key's
// own (shingles 0.8 or more, word sets far less alike: see the package
// comment), 2 passed on sketches and failed on halfSketches, none the
// other way. (A throwaway experiment, not kept.)
type halfSketch [2]uint64

// wideWords is the number of words above which a key keeps its whole
// sketch, not only its halfSketch: two keys of more words are compared
// by their sketches. At 96 words, random words fill about 53% of a
// halfSketch's bits and two unrelated keys share about 36%, well under
// the screen's 55%: none of 4,000 random pairs passed it, as with the
// sketch. Of the 100 MB stream's 559,416 lines 4,770 (0.9%) have more
// words (awk's); every paragraph of a page of long ones may. On the
// stream the pairs compared exactly, past the screen, rose from 423 to
// 1,591 (of 820,000 past the test of their words), for no CPU time
// beyond the noise. Compared by their
// halfSketches alone, a page of paragraphs of 150 to 400 words (20 MB)
// took 0.43 s of CPU, not 0.14: nearly every paragraph passed the screen
// and was compared exactly with its window. A key of wideWords words or
// fewer is compared with one of more, which has at most
// wideWords/(threshold-sketchMargin) words (nearCandidate), by their
// halfSketches: of 4,000 random pairs of 96 and 174 words, 15 passed.
const wideWords = 96

// wide reports whether a key of the given number of words keeps its whole
// sketch in cleaner.wides and, in nearInfo, its index there: setNear,
// halfOf and nearCandidate all ask it, so that none reads an index as a
// halfSketch (TestWideEdge).
func wide(words int) bool { return words > wideWords }

// fold returns the halfSketch of the sketch's words: a word's bit in
// the sketch, top eight bits b of its hash, is bit b mod 128 of the
// halfSketch.
func (s *sketch) fold() halfSketch { return halfSketch{s[0] | s[2], s[1] | s[3]} }

// keyWords is what setNear reads of a match key's words, found in one
// walk over them (wordsOf).
type keyWords struct {
	sketch sketch
	n      int // how many words the key has
	// The ends of its (teaserWords-1)-th and teaserWords-th words, 0 if
	// it has fewer: key[:groupEnd] and key[:startEnd] are what startWords
	// returns.
	groupEnd, startEnd int
}

// wordsOf returns the sketch of a match key's words, how many words it
// has, and where its first words end, in one walk over them: the start
// words were a walk of their own (startWords), which cost a tenth of
// setNear.
//
// Most words of a key are spaced words: a token (the bytes up to a
// space or the key's end) of one to seven ASCII bytes, with no
// punctuation at its edges or one punctuation byte at its end ("said,"),
// whose word is the token without that byte, as nextWord finds it.
// wordsOf reads the eight bytes from a word's start, takes the token's
// end from the first space among them (the lowest zero byte of the
// bytes XOR spaces, in four steps), and checks the token's edges by
// table look-ups that the next word's start does not wait for. It reads
// the key's last eight bytes, with spaces after its end, for the words
// at the end. With shortWord (letters and digits only, found with
// lowerOrDigit's two ranges, which the next word waited for) it left
// one word in seven to plainWord and its call, "said," and the key's
// last words among them; it leaves one in eighty (long words) and takes
// 29% less CPU time in BenchmarkSketch. (Walking the key's two halves
// side by side in one loop, to overlap their chains of word ends, was
// slower: the loop ran out of registers.)
func wordsOf(key string) keyWords {
	var sk sketch
	words, groupEnd, startEnd := 0, 0, 0
	// i is where a word starts, or a space before it: after a spaced
	// word, the byte after its token's space, which is not read again;
	// after another word, after the space there if there is one.
	for i := 0; i < len(key); {
		var w uint64 // the eight bytes from i, the first lowest
		if i+8 <= len(key) {
			w = load64(key, i)
		} else if len(key) >= 8 {
			pad := uint(i+8-len(key)) * 8 // spaces after the key's end
			w = load64(key, len(key)-8)>>pad | ' '*lowBits<<(64-pad)
		}
		v := w ^ ' '*lowBits                    // 0 at the spaces
		spaces := (v - lowBits) &^ v & highBits // the lowest is the first space's; none if 0
		token := bits.TrailingZeros64(spaces) / 8
		// The word's length, less the token's last byte if it is
		// punctuation, and the classes of its edges. (The shifts are
		// modulo 64, only so that the compiler need not check them: an
		// empty token or word has edges that are not wordPlain.)
		n := token - int(wordClass[byte(w>>(uint(token*8-8)&63))]&wordPunct)
		edges := wordClass[byte(w)] | wordClass[byte(w>>(uint(n*8-8)&63))]
		end := i + n
		var h uint64
		if spaces != 0 && edges == wordPlain && w&((spaces-1)&^spaces)&highBits == 0 { // ASCII up to the space
			h, i = shortWordHash(n, w&(1<<(uint(n*8)&63)-1)), i+token+1
		} else {
			start, next := 0, 0
			if start, end, next = plainWord(key, i); start == end {
				if start, end, next = nextWord(key, i); start == end {
					break
				}
			}
			h, i = wordHash(key, start, end), next
			if i < len(key) && key[i] == ' ' {
				i++
			}
		}
		sk[h>>62] |= 1 << (h >> 56 & 63) // its top eight bits
		words++
		if words <= teaserWords {
			switch words {
			case teaserWords - 1:
				groupEnd = end
			case teaserWords:
				startEnd = end
			}
		}
	}
	return keyWords{sk, words, groupEnd, startEnd}
}

// shortWord returns the length of the word that w (the eight bytes of a
// match key from a word's start, the first lowest) begins with, if the
// word is short and plain: one to seven ASCII lower-case letters or
// digits, then a space. Else it returns 0, and plainWord or nextWord
// finds the word. Most words of a key are short and plain: hasWordsByWord
// (hasWords' walk for keys its token count cannot answer) asks shortWord
// first, in line, where a call of plainWord cost more than the word (it
// reads the bytes again).
func shortWord(w uint64) int {
	other := ^lowerOrDigit(w) & highBits
	end := other & -other // the high bit of the first byte that is not one; 0: none
	// That byte's bits are end<<1 - end>>7, modulo 2^64 for the eighth
	// byte too, and the word's are below them.
	if end == 0 || (w^' '*lowBits)&(end<<1-end>>7) != 0 {
		return 0
	}
	return bits.TrailingZeros64(end) / 8
}

// shortWordHash returns wordHash of a word of n bytes, one to seven,
// whose bytes are word (the first lowest, the bytes above them 0).
func shortWordHash(n int, word uint64) uint64 {
	return (uint64(n) ^ word) * wordHashFactor
}

// wordHash returns a hash of the word key[start:end] for wordsOf, made
// in the loop that finds the words, where xxhash's call and set-up took
// more time than the word's bytes: most words are eight bytes or fewer,
// read with one load. Words of up to eight bytes without a zero byte
// (every word of a key) have hashes of their own; longer ones are
// folded eight bytes at a time. The last step is a multiplication by an
// odd constant, in which each bit of the product depends on every bit of
// its input at or below it: wordsOf takes the top eight, which depend on
// nearly every bit, as Fibonacci hashing does. (The last byte of an
// eight-byte word moves only those eight, by a different amount for each
// value of it.)
func wordHash(key string, start, end int) uint64 {
	const m = wordHashFactor
	h := uint64(end - start)
	for ; end-start > 8; start += 8 {
		h = bits.RotateLeft64((h^load64(key, start))*m, 29)
	}
	n := uint(end-start) * 8 // bits left, 8 to 64
	var tail uint64
	if start+8 <= len(key) {
		tail = load64(key, start) & (1<<n - 1) // 1<<64 - 1 is every bit
	} else {
		for k := end - 1; k >= start; k-- {
			tail = tail<<8 | uint64(key[k])
		}
	}
	return (h ^ tail) * m
}

// wordHashFactor is wordHash's multiplier: odd, so multiplying by it is
// a bijection.
const wordHashFactor = 0x9e3779b97f4a7c15

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

// similar returns the Jaccard similarity of two halfSketches' bits.
func (s *halfSketch) similar(o *halfSketch) float64 {
	and := bits.OnesCount64(s[0]&o[0]) + bits.OnesCount64(s[1]&o[1])
	or := bits.OnesCount64(s[0]|o[0]) + bits.OnesCount64(s[1]|o[1])
	if or == 0 {
		return 1
	}
	return float64(and) / float64(or)
}

// nextWord returns the byte span [start, end) of the first word of a
// match key at or after offset i, and the offset to look on from; start ==
// end when there is none. Words are separated by spaces, lose the
// punctuation at their edges ("said," is "said"), and each character of a
// script written without spaces is a word of its own. This is the one
// definition of a word for shingles, sketches, teasers and the sentence
// word count.
func nextWord(key string, i int) (start, end, next int) {
	for i < len(key) {
		if key[i] == ' ' {
			i++
			continue
		}
		// Most words are ASCII: find the end with one table look-up a
		// byte, and trim the ASCII punctuation at the edges.
		j := i
		for j < len(key) && wordClass[key[j]] <= wordPunct {
			j++
		}
		if j < len(key) && key[j] != ' ' {
			return nextWordUnicode(key, i) // the word has a byte that is not ASCII
		}
		start, end = i, j
		for start < end && wordClass[key[start]] == wordPunct {
			start++
		}
		for start < end && wordClass[key[end-1]] == wordPunct {
			end--
		}
		if start < end {
			return start, end, j
		}
		i = j
	}
	return len(key), len(key), len(key)
}

// plainWord returns the span of the word of a match key at offset i, or
// after the space there, and the offset to look on from, if it is plain
// ASCII: letters, digits and the like, then perhaps ASCII punctuation
// ("said,"), then a space or the end of the key. Else it returns start ==
// end, and nextWord finds the word. Most words are plain: the loops over
// the words that run for every paragraph and sentence ask plainWord
// first, and nextWord only if it fails.
//
// It reads eight bytes at a time while they are all lower-case letters or
// digits, as most of a key's words are, and goes on a byte at a time from
// the first that is not: a byte-at-a-time loop took a branch per byte and
// mispredicted the end of nearly every word.
func plainWord(key string, i int) (start, end, next int) {
	if i < len(key) && key[i] == ' ' {
		i++
	}
	j := i
	for j+8 <= len(key) {
		other := ^lowerOrDigit(load64(key, j)) & highBits
		if other != 0 {
			j += bits.TrailingZeros64(other) / 8
			break
		}
		j += 8
	}
	for j < len(key) && wordClass[key[j]] == wordPlain {
		j++
	}
	k := j
	for k < len(key) && wordClass[key[k]] == wordPunct {
		k++
	}
	if k < len(key) && key[k] != ' ' {
		return i, i, i
	}
	return i, j, k
}

// highBits and lowBits are the top and bottom bits of each byte of a
// uint64.
const (
	highBits = 0x8080808080808080
	lowBits  = 0x0101010101010101
)

// lowerOrDigit returns the high bit of each byte of x (eight bytes of
// text, the first lowest) that is an ASCII lower-case letter or digit.
// With the high bits set (y), no subtraction borrows from the byte above:
// 0x80|c - a has its high bit set iff c >= a, so (y-a) &^ (y-(b+1)) has
// the high bit of each byte from a to b. It is written with constants,
// cheap enough for the compiler to inline into shortWord and shortWord
// into its callers.
func lowerOrDigit(x uint64) uint64 {
	const (
		a, pastZ    = 'a' * lowBits, ('z' + 1) * lowBits
		zero, past9 = '0' * lowBits, ('9' + 1) * lowBits
	)
	y := x | highBits
	return ((y-a)&^(y-pastZ) | (y-zero)&^(y-past9)) &^ x & highBits // &^ x: no byte from 0x80 up
}

// spaceBytes returns the high bit of each byte of x (eight bytes of
// text) that is a space, as lowerOrDigit finds its ranges.
func spaceBytes(x uint64) uint64 {
	y := x | highBits
	return (y - ' '*lowBits) &^ (y - '!'*lowBits) &^ x & highBits
}

// The classes of bytes for nextWord's ASCII fast path.
const (
	wordPlain = iota // an ASCII byte that is part of a word and not punctuation
	wordPunct        // ASCII punctuation (unicode.IsPunct), trimmed at a word's edges
	wordOther        // a space, or a byte of a character that is not ASCII
)

// wordClass classifies the bytes for nextWord.
var wordClass = func() (t [256]uint8) {
	for b := range t {
		switch {
		case b == ' ' || b >= utf8.RuneSelf:
			t[b] = wordOther
		case unicode.IsPunct(rune(b)):
			t[b] = wordPunct
		}
	}
	return t
}()

// nextWordUnicode is nextWord for a word that is not all ASCII, which it
// decodes a rune at a time.
func nextWordUnicode(key string, i int) (start, end, next int) {
	for i < len(key) {
		r, size := rune(key[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(key[i:])
		}
		if r == ' ' {
			i += size
			continue
		}
		start, end = i, i+size
		if !(r >= 0x0e00 && unspaced(r)) {
			for end < len(key) {
				r, size := rune(key[end]), 1
				if c := key[end]; 0xc2 <= c && c < 0xe0 && end+1 < len(key) && key[end+1]&0xc0 == 0x80 {
					end += 2 // a character of two bytes, below U+0E00: part of the word
					continue
				}
				if r >= utf8.RuneSelf {
					r, size = utf8.DecodeRuneInString(key[end:])
				}
				if r == ' ' || r >= 0x0e00 && unspaced(r) {
					break
				}
				end += size
			}
		}
		next = end
		if start, end = trimPunct(key, start, end); start < end {
			return start, end, next
		}
		i = next
	}
	return len(key), len(key), len(key)
}

// trimPunct returns the span of the word key[start:end] without the
// punctuation at its edges.
func trimPunct(key string, start, end int) (int, int) {
	if asciiAlnum[key[start]] && asciiAlnum[key[end-1]] {
		return start, end // the common case, with nothing to trim
	}
	for start < end {
		r, size := rune(key[start]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(key[start:end])
		}
		if !isPunct(r) {
			break
		}
		start += size
	}
	for start < end {
		r, size := rune(key[end-1]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeLastRuneInString(key[start:end])
		}
		if !isPunct(r) {
			break
		}
		end -= size
	}
	return start, end
}

// isPunct is unicode.IsPunct, with the answers for the runes of one or
// two bytes in UTF-8 (up to U+07FF: Latin, Greek, Cyrillic, Hebrew,
// Arabic and more) read from a table: for them unicode.IsPunct searches
// a list of ranges, and trimPunct asks it of both ends of every word of
// those scripts.
func isPunct(r rune) bool {
	if u := uint32(r); u < uint32(len(punct2)*8) {
		return punct2[u/8]&(1<<(u%8)) != 0
	}
	return unicode.IsPunct(r)
}

// punct2 holds a bit for each rune below U+0800: whether it is
// punctuation.
var punct2 = func() (t [0x800 / 8]uint8) {
	for r := range rune(len(t) * 8) {
		if unicode.IsPunct(r) {
			t[r/8] |= 1 << (r % 8)
		}
	}
	return t
}()

// asciiAlnum tells the bytes that are lower-case ASCII letters and digits.
var asciiAlnum = func() (t [256]bool) {
	for b := range t {
		t[b] = 'a' <= b && b <= 'z' || '0' <= b && b <= '9'
	}
	return t
}()

// hasWords reports whether a match key has at least n words. It stops
// counting at n: the question is asked of every sentence. A key of fewer
// than 2n-1 bytes has fewer: two words are a byte apart at least, or one
// of them is a character of a script written without spaces, of three
// bytes. While the key is ASCII and each of its tokens (runs of bytes
// other than the space) starts with a lower-case letter or a digit, as
// most sentences are, each token is a word, whatever bytes follow its
// first ("said," "it's" "x-ray"): it counts the tokens eight bytes at a
// time (see plainTokens), the last one to seven bytes of the key too.
// If it meets eight bytes with another byte before it has counted n, it
// counts the words again word by word, from the start (see
// hasWordsByWord).
func hasWords(key string, n int) bool {
	if n <= 0 {
		return true
	}
	if len(key) < 2*n-1 {
		return false
	}
	// inToken is 0x80 (byte 0's high bit, as the next eight bytes' masks
	// have it) if the last byte read is in a token.
	i, count, inToken := 0, 0, uint64(0)
	for ; i+8 <= len(key); i += 8 {
		starts, next, ok := plainTokens(load64(key, i), inToken)
		if !ok {
			return hasWordsByWord(key, n)
		}
		if count += countHighBits(starts); count >= n {
			return true
		}
		inToken = next
	}
	if i < len(key) && len(key) >= 8 {
		// The last one to seven bytes: the eight that end the key,
		// shifted down to key[i], with spaces (in no token) above the
		// end.
		rest := uint(len(key) - i)
		w := load64(key, len(key)-8)>>(64-8*rest) | ' '*lowBits<<(8*rest)
		starts, _, ok := plainTokens(w, inToken)
		if !ok {
			return hasWordsByWord(key, n)
		}
		count += countHighBits(starts)
	} else if i < len(key) {
		return hasWordsByWord(key, n) // fewer than eight bytes
	}
	return count >= n
}

// hasWordsByWord is hasWords for any key: it counts the words one at a
// time.
func hasWordsByWord(key string, n int) bool {
	for i := 0; i < len(key); {
		if key[i] == ' ' {
			i++
		}
		short := 0
		if i+8 <= len(key) {
			short = shortWord(load64(key, i))
		}
		if short > 0 {
			i += short
		} else {
			start, end, next := plainWord(key, i)
			if start == end {
				if start, end, next = nextWord(key, i); start == end {
					return false
				}
			}
			i = next
		}
		if n--; n == 0 {
			return true
		}
	}
	return n <= 0
}

// plainTokens reads w, eight bytes of a key (the first lowest), after a
// byte of a token if inToken is 0x80. It returns the top bit of the first
// byte of each token that starts in w, and next, 0x80 if w's last byte
// is in a token, for the next eight bytes' inToken. ok says that w is
// ASCII and each token that starts in it starts with a lower-case letter
// or a digit. Each such token is one word to nextWord, from its first
// byte to the next space or the key's end, if the token is ASCII there:
// nextWord ends a word only at a space, at the key's end or at a
// character of a script without spaces (which is not ASCII), and trims
// only punctuation, which a letter or digit is not.
func plainTokens(w, inToken uint64) (starts, next uint64, ok bool) {
	inTokens := spaceBytes(w) ^ highBits
	starts = inTokens &^ (inTokens<<8 | inToken)
	return starts, inTokens >> 56, (w|starts&^lowerOrDigit(w))&highBits == 0
}

// countHighBits returns how many bytes of m have their top bit set, m
// having no other bits set: a multiplication adds the bytes of m>>7 up
// in its top byte. bits.OnesCount64 checks at each use that the CPU has
// the instruction, and calls a function if not: around that call,
// hasWords' loop kept its variables on the stack.
func countHighBits(m uint64) int { return int((m >> 7) * lowBits >> 56) }

// unspaced reports whether r belongs to a script written without spaces
// between words.
func unspaced(r rune) bool {
	// None of these scripts has a character below U+0E00 (Thai), nor in
	// U+1A00 to U+2E7F (general punctuation, the curly quotes, dashes and
	// symbols) or U+AC00 to U+F8FF (Hangul syllables, private use), which
	// are all the characters above U+0E00 of most text: no table look-up
	// for them. TestUnspacedRanges checks every rune.
	if r < 0x0e00 || 0x1a00 <= r && r < 0x2e80 || 0xac00 <= r && r < 0xf900 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Thai, r) || unicode.Is(unicode.Lao, r) || unicode.Is(unicode.Khmer, r) || unicode.Is(unicode.Myanmar, r)
}

// shingles returns the sorted, distinct hashes of the word 2-shingles of a
// match key (of its words, if it has fewer than two), its words hashed
// with seed. The near rule takes a paragraph for a near-duplicate on these
// hashes alone, texts unread, so a page must not be able to choose them:
// with xxhash, whose seed is public and which inverts, a paragraph of
// crafted words shared a news paragraph's shingles, not its words, and
// had it removed (TestShinglesForged). maphash's seed is random, made for
// each Clean (cleaner.shingleSeed): as with any 64-bit hash, two word
// pairs share a hash by chance only, about once in 2^64 comparisons, so
// the seed changes no result but by such a chance.
//
// The shingles are made in place of the words' hashes, each over the
// first of its pair (read before it is written): one slice a set, where
// the words, their hashes and the shingles took three, 4 MB of garbage on
// the 100 MB stream. The slice is dst's memory, grown for the key's words,
// words (which nearInfo knows): grown from nil, it was made about
// log2(words) times.
func shingles(dst []uint64, key string, words int, seed maphash.Seed) []uint64 {
	sh := slices.Grow(dst[:0], words)
	for start, end, i := nextWord(key, 0); start < end; start, end, i = nextWord(key, i) {
		sh = append(sh, maphash.String(seed, key[start:end]))
	}
	if len(sh) >= shingleSize {
		for i := 0; i+shingleSize <= len(sh); i++ {
			sh[i] ^= bits.RotateLeft64(sh[i+1], 29)
		}
		sh = sh[:len(sh)-shingleSize+1]
	}
	slices.Sort(sh)
	return slices.Compact(sh)
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
