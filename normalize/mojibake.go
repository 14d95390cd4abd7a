package normalize

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Mojibake is UTF-8 text that was decoded as a single-byte code page
// ("Itâ€™s" for "It’s"). The mojibake rule finds, in a line, each run of
// characters that the code page encodes as a well-formed multibyte UTF-8
// sequence (a lead byte and its continuation bytes) and puts back the
// character that sequence encodes. It looks at sequences, not at whole
// lines, so correct accented letters beside the damage stay as they are,
// and a lone "é" or "Ã" is never touched: only a full, valid sequence is
// evidence. Windows-1252 is tried first (undefined bytes surviving as C1
// controls, as browsers leave them), then MacRoman; text encoded wrongly
// twice is repaired over two passes.

// twoByteLead holds the lead bytes of the two-byte sequences the rule
// repairs: those of Latin-1 (Â, Ã), of Latin Extended-A's most used half
// (Å: Œ, Š, Ž, ł...) and of Cyrillic (Ð, Ñ). Other two-byte sequences
// are as likely to be real text: "Ê…" is a word cut short, not mojibake
// of "ʅ". A three- or four-byte sequence is evidence enough on its own.
var twoByteLead = map[byte]bool{0xc2: true, 0xc3: true, 0xc5: true, 0xd0: true, 0xd1: true}

// extendedLead holds lead bytes of other scripts (Ä: Turkish ı; Î, Ï:
// Greek; ×: Hebrew; Ø, Ù: Arabic) whose two-byte sequences are repaired
// only when the second character could hardly follow the first for real:
// see oddAfterCapital. "Ä…", "Ä " (Finnish) and "×£" (5×£35) stay.
var extendedLead = map[byte]bool{0xc4: true, 0xce: true, 0xcf: true, 0xd7: true, 0xd8: true, 0xd9: true}

// codePage maps characters back to the byte a single-byte code page
// decodes to them.
type codePage map[rune]byte

var (
	windows1252 = sloppyWindows1252()
	macRoman    = pageOf(charmap.Macintosh)
)

func pageOf(cm *charmap.Charmap) codePage {
	p := make(codePage, 256)
	for b := 0x80; b < 0x100; b++ {
		if r := cm.DecodeByte(byte(b)); r != utf8.RuneError {
			p[r] = byte(b)
		}
	}
	return p
}

// sloppyWindows1252 is Windows-1252 with its five undefined bytes (and
// Latin-1's C1 range) read as the C1 controls of the same value.
func sloppyWindows1252() codePage {
	p := pageOf(charmap.Windows1252)
	for b := 0x80; b < 0xa0; b++ {
		if _, ok := p[rune(b)]; !ok {
			p[rune(b)] = byte(b)
		}
	}
	return p
}

// repairMojibake is the mojibake stage of a line.
func repairMojibake(e *editor, c *Counts) {
	fixMojibake(e, windows1252, c, nil)
	if !e.changed {
		// MacRoman only with two sequences or more: one alone ("√π",
		// "¬´") is as likely to be what it looks like.
		found := 0
		fixMojibake(e, macRoman, c, &found)
		if found >= 2 {
			fixMojibake(e, macRoman, c, nil)
		}
	}
	if !e.changed {
		fixC1(e, c)
	}
}

// fixMojibake repairs the mojibake sequences of s in code page p.
// With countOnly set and nothing recorded, it only counts the sequences
// into *countOnly.
func fixMojibake(e *editor, p codePage, c *Counts, countOnly *int) {
	s := e.src
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		lead, ok := p[r]
		if !ok || lead < 0xc2 || lead > 0xf4 {
			i += size
			continue
		}
		n := 1 // continuation bytes to find
		switch {
		case lead >= 0xf0:
			n = 3
		case lead >= 0xe0:
			n = 2
		case !twoByteLead[lead] && !extendedLead[lead]:
			i += size
			continue
		}
		var buf [4]byte
		buf[0] = lead
		j := i + size
		k := 1
		for ; k <= n && j < len(s); k++ {
			cr, csize := utf8.DecodeRuneInString(s[j:])
			b, ok := p[cr]
			if !ok || b < 0x80 || b > 0xbf || n == 1 && extendedLead[lead] && !oddAfterCapital(cr) {
				break
			}
			buf[k] = b
			j += csize
		}
		if k <= n {
			i += size
			continue
		}
		fixed, fsize := utf8.DecodeRune(buf[:n+1])
		if fixed == utf8.RuneError || fsize != n+1 || !plausible(fixed) {
			i += size
			continue
		}
		if countOnly != nil {
			*countOnly++
			i = j
			continue
		}
		e.replace(i, j, string(fixed))
		c[Mojibake]++
		i = j
	}
}

// oddAfterCapital reports whether r, after a capital letter such as Ä or
// Î, is more likely the second byte of mojibake than real text: a math or
// other symbol (± ° ³ ¹) or a C1 control, not a space, currency sign,
// punctuation, letter or digit.
func oddAfterCapital(r rune) bool {
	return unicode.Is(unicode.Sm, r) || unicode.Is(unicode.So, r) || unicode.Is(unicode.No, r) || unicode.Is(unicode.Cc, r)
}

// plausible reports whether r is a character that mojibake repair may
// produce: not a control, not private use, not one of the rarely used
// blocks that chance sequences of accented letters and symbols decode to
// (phonetic extensions: "á´´" is not "ᴴ").
func plausible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cc, r), r >= 0xe000 && r <= 0xf8ff, r >= 0x1d00 && r <= 0x1dbf, r >= 0xfff0 && r <= 0xffff:
		return false
	}
	return true
}

// fixC1 replaces the C1 control characters left in s with the characters
// Windows-1252 gives their bytes ("parlé\u0085" is "parlé…"): text that
// went through Latin-1 instead of Windows-1252.
func fixC1(e *editor, c *Counts) {
	s := e.src
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x80 && r <= 0x9f {
			if d := charmap.Windows1252.DecodeByte(byte(r)); d != utf8.RuneError && d != r {
				e.replace(i, i+size, string(d))
				c[Mojibake]++
			}
		}
		i += size
	}
}
