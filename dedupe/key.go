package dedupe

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/textclean/textclean/internal/sentence"
)

// appendKey appends to dst the match key of text: lower case, runs of white
// space as one space, every quote mark as ' or ", every dash as -, and no
// trailing punctuation or space. Two texts with the same key are the same
// text to a reader.
func appendKey(dst []byte, text string) []byte {
	start := len(dst)
	dst = growForKey(dst, text)
	dst, _ = appendKeyPart(dst, start, text, false)
	return trimKey(dst, start)
}

// growForKey returns dst with room for the key of text at once: the key
// of ASCII text is no longer than the text and a space pending before it,
// and appendPlain writes eight bytes at a time. appendKeyPart appends
// beyond the room if it must (for runes whose key is longer than they
// are).
func growForKey(dst []byte, text string) []byte {
	return slices.Grow(dst, len(text)+1+8)
}

// appendKeyPart appends to dst the key of text as part of a key that
// starts at dst[start] and has a space pending before its next character
// if pendingSpace is set (white space ended what came before text). It
// returns the extended key, untrimmed, and whether a space is pending.
// The key of text cut in parts where its runes (decoded from its start)
// begin, made part after part, is the key of the whole text before
// trimKey. Its callers make room for the key first (see growForKey),
// once for all the parts of a text.
func appendKeyPart(dst []byte, start int, text string, pendingSpace bool) ([]byte, bool) {
	for i := 0; i < len(text); {
		b := text[i]
		switch asciiClass[b] {
		case keptASCII:
			if pendingSpace {
				dst = append(dst, ' ')
				pendingSpace = false
			}
			dst = append(dst, lowerASCII(b))
			dst, i = appendPlain(dst, text, i+1)
			continue
		case space:
			pendingSpace = len(dst) > start
			i++
			continue
		}
		k, size := keyRuneAt(text, i)
		i += size
		if k == 0 {
			pendingSpace = len(dst) > start
			continue
		}
		if pendingSpace {
			dst = append(dst, ' ')
			pendingSpace = false
		}
		// Most such runes are of two bytes, and so is their key's,
		// which utf8.AppendRune would append with a call. The next byte
		// is most often not ASCII either, or a space: appendPlain is
		// left for the next byte the key keeps as it is.
		if 0x80 <= k && k < 0x800 {
			dst = append(dst, 0xc0|byte(k>>6), 0x80|byte(k)&0x3f)
			continue
		}
		dst = utf8.AppendRune(dst, k)
	}
	return dst, pendingSpace
}

// lowerASCII returns the ASCII byte b in lower case.
func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// keyRuneAt decodes the rune that starts at text[i], a byte of 0x80 or
// more, and returns the rune the key has for it, or 0 if it is white
// space, and its size (an invalid byte is a rune of one byte, U+FFFD).
// The runes of two bytes (Greek, Cyrillic, accented Latin and more) and
// of the General Punctuation block (quotes, dashes, spaces) come from
// tables; the others are decoded and folded one by one.
func keyRuneAt(text string, i int) (rune, int) {
	if c := text[i]; i+1 < len(text) && text[i+1]&0xc0 == 0x80 {
		if 0xc2 <= c && c < 0xe0 {
			return rune(twoByteKeys[rune(c&0x1f)<<6|rune(text[i+1]&0x3f)]), 2
		}
		if c == 0xe2 && text[i+1] < 0x82 && i+2 < len(text) && text[i+2]&0xc0 == 0x80 {
			return rune(punctuationKeys[rune(text[i+1]&1)<<6|rune(text[i+2]&0x3f)]), 3
		}
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if unicode.IsSpace(r) {
		return 0, size
	}
	return foldRune(r), size
}

// twoByteKeys and punctuationKeys hold the rune the key has for each rune
// from U+0080 to U+07FF (indexed by the rune: the first 128 are unused)
// and from U+2000 to U+207F (indexed from U+2000), or 0 for white space.
var twoByteKeys, punctuationKeys = runeKeys(0, 0x800), runeKeys(0x2000, 0x2080)

// runeKeys returns the rune the key has for each rune from lo to hi, or 0
// for white space, as keyRuneAt's tables.
func runeKeys(lo, hi rune) []uint16 {
	t := make([]uint16, hi-lo)
	for r := max(lo, utf8.RuneSelf); r < hi; r++ {
		if !unicode.IsSpace(r) {
			t[r-lo] = uint16(foldRune(r))
		}
	}
	return t
}

// appendPlain appends to dst the key of the run of text from text[j] on
// that the key keeps but for lower case: ASCII bytes from the space up,
// with single spaces between the others. It returns the extended key and
// the end of the run. The key ends with the key of text[j-1], which is
// not white space, and no space is pending. It goes sixteen bytes a step,
// then eight, up to the first byte the run may end at (see lowerPlain), which
// appendKeyPart then takes: most text is long runs, which end only at a
// byte that is not ASCII, a byte below the space (a tab, a line end, a
// control character), a space before either or before another space,
// and the end of the text.
func appendPlain(dst []byte, text string, j int) ([]byte, int) {
	if cap(dst)-len(dst) < len(text)-j+8 {
		dst = slices.Grow(dst, len(text)-j+8) // for the runes that grow in the key
	}
	n, out := len(dst), dst[:cap(dst)]
	// Two blocks of eight a step share the loop's test, and the checks of
	// the slices of text and out that their loads and stores are cut from.
	for ; j+17 <= len(text); j += 16 {
		b, o := text[j:j+17], out[n:n+16]
		lower, stop := lowerPlain(load64(b, 0), load64(b, 1))
		binary.LittleEndian.PutUint64(o, lower)
		if stop != 0 {
			k := bits.TrailingZeros64(stop) / 8
			return out[:n+k], j + k
		}
		lower, stop = lowerPlain(load64(b, 8), load64(b, 9))
		binary.LittleEndian.PutUint64(o[8:], lower)
		if stop != 0 {
			k := 8 + bits.TrailingZeros64(stop)/8
			return out[:n+k], j + k
		}
		n += 16
	}
	// The nine bytes read at each step are cut from text, and the eight
	// written from out, once: their loads and store need no more checks.
	// This loop takes the last eight to fifteen bytes.
	for ; j+9 <= len(text); j += 8 {
		b, o := text[j:j+9], out[n:n+8]
		lower, stop := lowerPlain(load64(b, 0), load64(b, 1))
		binary.LittleEndian.PutUint64(o, lower)
		if stop != 0 {
			k := bits.TrailingZeros64(stop) / 8
			return out[:n+k], j + k
		}
		n += 8
	}
	if j < len(text) && len(text) >= 8 {
		// The last one to eight bytes: the eight that end the text,
		// shifted down to text[j], with 0x80 (not ASCII, where the run
		// ends) above the end.
		rest := uint(len(text) - j)
		w := load64(text, len(text)-8)>>(64-8*rest) | 0x8080808080808080<<(8*rest)
		lower, stop := lowerPlain(w, w>>8|0x80<<56)
		binary.LittleEndian.PutUint64(out[n:], lower)
		k := bits.TrailingZeros64(stop) / 8
		n, j = n+k, j+k
	}
	return out[:n], j
}

// load64 returns the eight bytes of text from text[j] on as a
// little-endian number (the compiler makes it one load).
func load64(text string, j int) uint64 {
	b := text[j : j+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// lowerPlain reads w, eight bytes of text (the first lowest) that follow
// a byte of appendPlain's run (so a space first in w follows no space),
// and next, the eight bytes that follow the first of w. It returns w
// with its capitals in lower case, and sets in stop the top bit of each
// byte at which appendPlain's run may end: a byte of 0x80 or more, a
// byte below 0x20 (white space, or a rare control character, which
// appendKeyPart then takes), and a space followed by a space or by one
// of those. The bytes and bits below the lowest bit set in stop are
// exact, and they are all appendPlain keeps: adding 0x80-c to a byte
// below 0x80 sets its top bit if the byte is c or more and carries into
// no other byte, but a byte of 0x80 or more (which sets its own bit) can
// carry into the bytes above it.
func lowerPlain(w, next uint64) (lower, stop uint64) {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	atLeastA := w + ones*(0x80-'A')
	pastZ := w + ones*(0x80-'Z'-1)
	atLeastSpace := w + ones*(0x80-' ')
	pastSpace := w + ones*(0x80-' '-1)
	capitals := atLeastA &^ pastZ & tops
	bad := w | ^atLeastSpace                        // not ASCII, or below the space
	spaces := atLeastSpace &^ pastSpace             // spaces
	spaceEnds := next | ^(next + ones*(0x80-' '-1)) // not ASCII, or the space or below
	return w | capitals>>2, (bad | spaces&spaceEnds) & tops
}

// trimKey drops the trailing punctuation and spaces of the key that
// starts at key[start].
func trimKey(key []byte, start int) []byte {
	for len(key) > start {
		if b := key[len(key)-1]; b < utf8.RuneSelf {
			// Most keys end in an ASCII letter; an ASCII byte is a rune
			// of its own.
			if !isTrailingPunct(rune(b)) && b != ' ' {
				break
			}
			key = key[:len(key)-1]
			continue
		}
		r, size := utf8.DecodeLastRune(key[start:])
		if !isTrailingPunct(r) && r != ' ' {
			break
		}
		key = key[:len(key)-size]
	}
	return key
}

// appendKeys appends to dst the match key of text, as appendKey does, and
// calls sentenceKey with the match key of each of the sentences spans,
// which is valid only during the call. The spans are in order, do not
// overlap, and start and end where the runes of text decoded from its
// start do, as sentence.AppendSplit makes them. It goes over text once
// (but for the part of a sentence in which the run of plain ASCII that
// starts the text ends): the key of a sentence is the part of the
// paragraph's key that the sentence makes, without the space that joins
// it to the text before it and without its own trailing punctuation.
// appendKey of each sentence would go over the text a second time.
func appendKeys(dst []byte, text string, spans []sentence.Span, sentenceKey func(k int, key []byte)) []byte {
	start := len(dst)
	dst = growForKey(dst, text)
	k, end, pending := 0, 0, false
	if text != "" && asciiClass[text[0]] == keptASCII {
		// The run of plain ASCII that starts the text (see appendPlain),
		// most often all of it, has for its key its own bytes in lower
		// case, byte for byte: the key of each sentence that ends in the
		// run stands at the sentence's offsets (but for a space that
		// joins it to the text before it). One call of appendPlain makes
		// them all, where a call for each sentence took longer, with its
		// set-up and its last few bytes, than its eight bytes at a time.
		var j int
		dst, j = appendPlain(append(dst, lowerASCII(text[0])), text, 1)
		for ; k < len(spans) && spans[k].End <= j; k++ {
			sp := spans[k]
			key := dst[start+sp.Start : start+sp.End]
			if len(key) > 0 && key[0] == ' ' {
				key = key[1:]
			}
			sentenceKey(k, trimSentenceKey(key))
			end = sp.End
		}
		// The loop below goes on from the end of the last of them, with
		// the key of the text up to there. It would have left a space
		// there pending, not in the key; but in the run a space is
		// followed by a byte the key keeps, after which it writes the
		// space all the same.
		dst = dst[:start+end]
	}
	for ; k < len(spans); k++ {
		sp := spans[k]
		// The white space between sentences: most often one space, and
		// nothing before the first.
		switch gap := text[end:sp.Start]; gap {
		case "":
		case " ":
			pending = len(dst) > start
		default:
			dst, pending = appendKeyPart(dst, start, gap, pending)
		}
		mark := len(dst)
		dst, pending = appendKeyPart(dst, start, text[sp.Start:sp.End], pending)
		// A key of its own never starts with a space: one here joins
		// the sentence to the text before it.
		if mark < len(dst) && dst[mark] == ' ' {
			mark++
		}
		sentenceKey(k, trimSentenceKey(dst[mark:]))
		end = sp.End
	}
	dst, _ = appendKeyPart(dst, start, text[end:], pending)
	return trimKey(dst, start)
}

// trimSentenceKey returns trimKey(key, 0) for the key of a sentence,
// which most often ends in a full stop after a letter or digit: that
// stop alone is dropped without a call.
func trimSentenceKey(key []byte) []byte {
	if n := len(key); n >= 2 && key[n-1] == '.' && asciiAlnum[key[n-2]] {
		return key[:n-1]
	}
	return trimKey(key, 0)
}

// The classes of bytes for appendKey.
const (
	keptASCII = iota // an ASCII byte the key keeps, capitals in lower case
	space            // ASCII white space
	nonASCII         // a byte of a multi-byte UTF-8 sequence (or invalid)
)

// asciiClass is the class of each byte for appendKey.
var asciiClass = func() (t [256]byte) {
	for b := range t {
		switch {
		case b >= utf8.RuneSelf:
			t[b] = nonASCII
		case strings.IndexByte(" \t\n\v\f\r", byte(b)) >= 0:
			t[b] = space
		}
	}
	return t
}()

// foldRune maps a non-ASCII rune to its key form.
func foldRune(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′', '´', '`':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return '-'
	}
	return unicode.ToLower(r)
}

func isTrailingPunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '…', '。', '！', '？', '，', '；', '：':
		return true
	}
	return false
}

// keyIndex maps match keys to the first index filed under each. It files
// keys by a 32-bit tag of their xxhash (see tagIndex) and, on a hit,
// compares the two units' texts and, if they differ, makes both keys again
// and compares them, so a collision can never make two different texts
// equal: a key whose tag a different key had first (by chance, or by the
// same xxhash, which a text could be written for) is kept in collided. It
// keeps no other keys: they would take as much memory as the input.
type keyIndex struct {
	tags     tagIndex
	collided map[string]int32 // keys whose tag a different key had first
	// textOf returns the text of the unit filed under index k.
	textOf func(k int32) string
	a, b   []byte
}

// sameKeyText reports whether texts a and b have the same match key,
// making the keys (in bufA and bufB, which it returns for reuse) only if
// the texts differ: most texts filed under one hash are the same text.
func sameKeyText(a, b string, bufA, bufB []byte) (same bool, _, _ []byte) {
	if a == b {
		return true, bufA, bufB
	}
	bufA, bufB = appendKey(bufA[:0], a), appendKey(bufB[:0], b)
	return bytes.Equal(bufA, bufB), bufA, bufB
}

// newKeyIndex returns an empty keyIndex for about size units, whose texts
// textOf gives.
func newKeyIndex(size int, textOf func(k int32) string) keyIndex {
	return lentKeyIndex(size, nil, textOf)
}

// lentKeyIndex is newKeyIndex with its tag slots lent from spares where
// they have room (see lentTagIndex).
func lentKeyIndex(size int, spares []spare, textOf func(k int32) string) keyIndex {
	return keyIndex{tags: lentTagIndex(size, spares), textOf: textOf}
}

// findOrAdd returns the index filed under the key of unit k, whose xxhash
// is h, or files k under it and returns k with ok false.
func (x *keyIndex) findOrAdd(h uint64, k int32) (int32, bool) {
	prev, ok := x.tags.findOrAdd(h, k)
	if !ok {
		return k, false
	}
	// Most hits are the same text again, whose key is the same: only
	// different texts need their keys made.
	var same bool
	if same, x.a, x.b = sameKeyText(x.textOf(prev), x.textOf(k), x.a, x.b); same {
		return prev, true
	}
	// Different keys with one tag: fall back to the keys.
	if x.collided == nil {
		x.collided = make(map[string]int32)
	}
	if prev, ok := x.collided[string(x.b)]; ok {
		return prev, true
	}
	x.collided[string(x.b)] = k
	return k, false
}

// table holds, for each unit of a sequence (the output paragraphs of a
// round, in order), the first unit with its key: all that decide reads of
// the keys.
type table struct {
	root []int32 // root[i] is the first unit with unit i's key; its memory is lent to the sentence round (see cleaner.roundSpares)
}

// rootOf returns the first unit with unit i's key: i itself if none came
// before it.
func (t *table) rootOf(i int) int { return int(t.root[i]) }

// isRepeat reports whether a unit before unit i has its key.
func (t *table) isRepeat(i int) bool { return int(t.root[i]) != i }

// same reports whether units i and j have the same key.
func (t *table) same(i, j int) bool { return t.root[i] == t.root[j] }

// file fills t for n units whose keys' xxhashes hashAt returns and whose
// texts textOf returns. A unit whose hash came once to all (see twiceSet;
// nil: none did) is its own root, and is not filed. The index it files
// them in, garbage once the roots are found, is lent from the spares
// that spares returns for the units to file, once they are counted,
// where they have room (see lend); spares may be nil.
func (t *table) file(n int, hashAt func(k int) uint64, textOf func(k int32) string, all *twiceSet, spares func(filed int) []spare) {
	// The set is asked once a unit: root -1 marks the units to file,
	// which the index is sized for.
	t.root = resize(t.root, n)
	filed := 0
	for k := range n {
		if all.mayRepeat(hashAt(k)) {
			t.root[k] = -1
			filed++
		} else {
			t.root[k] = int32(k)
		}
	}
	var room []spare
	if spares != nil {
		room = spares(filed)
	}
	keys := lentKeyIndex(filed, room, textOf)
	for k := range n {
		if t.root[k] < 0 {
			t.root[k], _ = keys.findOrAdd(hashAt(k), int32(k))
		}
	}
}
