package dedupe

import (
	"bytes"
	"math/bits"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/textclean/textclean/internal/sentence"
)

// This file keeps appendKey and appendKeys as they were before appendPlain
// and keyRuneAt (main at 7bad078, with asIsEnd and notAsIs), as references
// for FuzzAppendKeyAgainstOld: the new key must be the old key for every
// text, valid UTF-8 or not.

// The classes of bytes for oldAppendKeyPart.
const (
	oldAsIs     = iota // an ASCII byte the key keeps as it is
	oldCapital         // an ASCII capital letter
	oldSpace           // ASCII white space
	oldNonASCII        // a byte of a multi-byte UTF-8 sequence (or invalid)
)

// oldASCIIClass is the class of each byte for oldAppendKeyPart.
var oldASCIIClass = func() (t [256]byte) {
	for b := range t {
		switch {
		case b >= utf8.RuneSelf:
			t[b] = oldNonASCII
		case 'A' <= b && b <= 'Z':
			t[b] = oldCapital
		case strings.IndexByte(" \t\n\v\f\r", byte(b)) >= 0:
			t[b] = oldSpace
		}
	}
	return t
}()

// oldAppendKey is appendKey as it was.
func oldAppendKey(dst []byte, text string) []byte {
	start := len(dst)
	dst, _ = oldAppendKeyPart(dst, start, text, false)
	return trimKey(dst, start)
}

// oldAppendKeyPart is appendKeyPart as it was: runs of bytes kept as they
// are copied whole, capitals and other runes one at a time.
func oldAppendKeyPart(dst []byte, start int, text string, pendingSpace bool) ([]byte, bool) {
	for i := 0; i < len(text); {
		b := text[i]
		switch oldASCIIClass[b] {
		case oldAsIs:
			j := oldAsIsEnd(text, i+1)
			if pendingSpace {
				dst = append(dst, ' ')
				pendingSpace = false
			}
			dst = append(dst, text[i:j]...)
			i = j
			continue
		case oldCapital:
			if pendingSpace {
				dst = append(dst, ' ')
				pendingSpace = false
			}
			dst = append(dst, b+'a'-'A')
			i++
			continue
		case oldSpace:
			pendingSpace = len(dst) > start
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsSpace(r) {
			pendingSpace = len(dst) > start
			continue
		}
		if pendingSpace {
			dst = append(dst, ' ')
			pendingSpace = false
		}
		dst = utf8.AppendRune(dst, foldRune(r))
	}
	return dst, pendingSpace
}

// oldAsIsEnd returns the end of the run of text from text[j] on that the
// key keeps as it is (text[j-1] is such a byte, and not a space).
func oldAsIsEnd(text string, j int) int {
	for {
		for j+8 <= len(text) {
			bad := oldNotAsIs(load64(text, j))
			if bad == 0 {
				j += 8
				continue
			}
			j += bits.TrailingZeros64(bad) / 8
			break
		}
		switch {
		case j == len(text):
			return j
		case oldASCIIClass[text[j]] == oldAsIs:
			j++
		case text[j] == ' ' && j+1 < len(text) && oldASCIIClass[text[j+1]] == oldAsIs:
			j += 2
		default:
			return j
		}
	}
}

// oldNotAsIs sets the top bit of each byte of w at which oldAsIsEnd's run
// may end.
func oldNotAsIs(w uint64) uint64 {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	atLeastA := w + ones*(0x80-'A')
	pastZ := w + ones*(0x80-'Z'-1)
	atLeastSpace := w + ones*(0x80-' ')
	pastSpace := w + ones*(0x80-' '-1)
	bad := (w | atLeastA&^pastZ | ^atLeastSpace) & tops
	spaces := atLeastSpace &^ pastSpace & tops
	return bad | spaces&((bad|spaces)>>8|0x80<<56)
}

// oldAppendKeys is appendKeys as it was, on oldAppendKeyPart.
func oldAppendKeys(dst []byte, text string, spans []sentence.Span, sentenceKey func(k int, key []byte)) []byte {
	start := len(dst)
	pending, end := false, 0
	for k, sp := range spans {
		if gap := text[end:sp.Start]; gap == " " {
			pending = len(dst) > start
		} else {
			dst, pending = oldAppendKeyPart(dst, start, gap, pending)
		}
		mark := len(dst)
		dst, pending = oldAppendKeyPart(dst, start, text[sp.Start:sp.End], pending)
		if mark < len(dst) && dst[mark] == ' ' {
			mark++
		}
		sentenceKey(k, trimKey(dst[mark:], 0))
		end = sp.End
	}
	dst, _ = oldAppendKeyPart(dst, start, text[end:], pending)
	return trimKey(dst, start)
}

// checkAgainstOld checks appendKey and appendKeys against the old ones on
// text, appended after a prefix of pre bytes to a dst with room bytes of
// spare capacity (so the room check and the eight-byte writes meet every
// capacity), and that the prefix is left as it was.
func checkAgainstOld(t *testing.T, text string, pre, room int) {
	t.Helper()
	prefix := bytes.Repeat([]byte{'p'}, pre)
	fresh := func() []byte { return append(make([]byte, 0, pre+room), prefix...) }

	got, want := appendKey(fresh(), text), oldAppendKey(fresh(), text)
	if !bytes.Equal(got, want) {
		t.Fatalf("appendKey(%q) (prefix %d, room %d) = %q, old %q", text, pre, room, got[pre:], want[pre:])
	}
	if !bytes.Equal(got[:pre], prefix) {
		t.Fatalf("appendKey(%q) changed the prefix: %q", text, got[:pre])
	}

	// appendKeys with the sentences' spans, and with spans of one to
	// eleven runes, some a rune apart, so parts start and end anywhere.
	for _, spans := range [][]sentence.Span{sentence.Split(text), runeSpans(text, pre+room)} {
		var gotKeys, wantKeys []string
		got := appendKeys(fresh(), text, spans, func(k int, key []byte) { gotKeys = append(gotKeys, string(key)) })
		want := oldAppendKeys(fresh(), text, spans, func(k int, key []byte) { wantKeys = append(wantKeys, string(key)) })
		if !bytes.Equal(got, want) {
			t.Fatalf("appendKeys(%q, %v) = %q, old %q", text, spans, got[pre:], want[pre:])
		}
		if !slices.Equal(gotKeys, wantKeys) {
			t.Fatalf("appendKeys(%q, %v) sentence keys %q, old %q", text, spans, gotKeys, wantKeys)
		}
	}
}

// runeSpans cuts text into spans that start and end where its runes
// (decoded from its start) do, with gaps between some, chosen by seed.
func runeSpans(text string, seed int) []sentence.Span {
	var starts []int
	for i := range text { // rune starts, as appendKeyPart's parts must be
		starts = append(starts, i)
	}
	starts = append(starts, len(text))
	var spans []sentence.Span
	x := uint32(seed)*2654435761 + 1
	for k := 0; k+1 < len(starts); {
		x = x*1103515245 + 12345
		gap := int(x>>16) % 2
		x = x*1103515245 + 12345
		n := 1 + int(x>>16)%11
		s := min(k+gap, len(starts)-1)
		e := min(s+n, len(starts)-1)
		if s == e {
			break
		}
		spans = append(spans, sentence.Span{Start: starts[s], End: starts[e]})
		k = e
	}
	return spans
}

// FuzzAppendKeyAgainstOld checks appendKey and appendKeys against the
// old ones (asIsEnd's runs, each rune decoded and folded) on arbitrary
// bytes, at every prefix length and spare capacity up to 17.
func FuzzAppendKeyAgainstOld(f *testing.F) {
	for _, s := range []string{"", " ", "A", "a ", "abcdefg ", "abcdefgh ", "abcdefghi", "ABCDEFGHIJKLMNOPQ",
		"Hello,  World!", "x\u00a0y", "\xff", "Ⱥ", "abcdefgȺ", "abcdefghȺȺȺȺȺȺȺȺ", "a\x7fb\x1fc\x00 \x7f",
		"The Quick  Brown\tFox — ȺȺȺ \xff\xffEND. Next  LINE", "a\xe2\x80", "abcdefg\xe2\x80\x83", "«Ça va?» — “Oui”…"} {
		f.Add(s, uint8(0), uint8(0))
		f.Add(s, uint8(4), uint8(9))
	}
	f.Fuzz(func(t *testing.T, s string, pre, room uint8) {
		checkAgainstOld(t, s, int(pre%17), int(room%18))
	})
}

// TestAppendKeyAgainstOld runs checkAgainstOld on every text of up to
// three bytes drawn from bytes that matter to the key, after runs of
// plain text of every length up to 17, with no spare capacity and with
// nine bytes of it.
func TestAppendKeyAgainstOld(t *testing.T) {
	alphabet := []string{" ", "a", "Z", "\x7f", "\x1f", "\x00", "\t", "\xff", "\xc3", "\xa9", "\xe2", "\x80", "\x83", "Ⱥ", "\u2003", "."}
	const run = "abcdefghijklmnopq"
	for n := 0; n <= len(run); n++ {
		for _, a := range alphabet {
			for _, b := range alphabet {
				for _, c := range alphabet {
					for _, text := range []string{run[:n] + a + b + c, a + b + c + run[:n], a + run[:n] + b + c} {
						for _, room := range []int{0, 9} {
							checkAgainstOld(t, text, n%5, room)
						}
					}
				}
			}
		}
	}
}

// TestKeyRuneAtEveryRune checks keyRuneAt, whose tables cover U+0080 to
// U+07FF and U+2000 to U+207F, against decoding and folding for every
// rune (alone and followed by an ASCII letter) and for every one or two
// bytes from 0x80 up, with the third bytes that matter after them.
func TestKeyRuneAtEveryRune(t *testing.T) {
	want := func(s string) (rune, int) {
		r, size := utf8.DecodeRuneInString(s)
		if unicode.IsSpace(r) {
			return 0, size
		}
		return foldRune(r), size
	}
	check := func(s string) {
		k, size := keyRuneAt(s, 0)
		if wk, wsize := want(s); k != wk || size != wsize {
			t.Fatalf("keyRuneAt(%q) = %U, %d; decoded and folded %U, %d", s, k, size, wk, wsize)
		}
	}
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if utf8.ValidRune(r) {
			check(string(r))
			check(string(r) + "a")
		}
	}
	// Every pair of bytes, and every third byte after E2, the first byte
	// of General Punctuation, whose table reads three.
	var b [3]byte
	for c := 0x80; c < 0x100; c++ {
		b[0] = byte(c)
		check(string(b[:1]))
		for d := range 0x100 {
			b[1] = byte(d)
			check(string(b[:2]))
			for _, e := range []byte{0x00, 'a', 0x80, 0xbf, 0xc0, 0xff} {
				b[2] = e
				check(string(b[:3]))
			}
		}
	}
	for d := range 0x100 {
		for e := range 0x100 {
			check(string([]byte{0xe2, byte(d), byte(e)}))
		}
	}
}
