package normalize

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// codePage is a single-byte code page that UTF-8 text may have been
// wrongly decoded with. Bytes below 0x80 are ASCII in all of them.
type codePage struct {
	name string
	high [128]rune     // what bytes 0x80 to 0xFF decode to
	back map[rune]byte // the inverse of high
	// sloppy pages read the bytes their standard leaves undefined as
	// Latin-1 does (0x81 as U+0081), as browsers and Python's "replace"
	// tables leave them, and stand byte 0x1A (SUBSTITUTE) for U+FFFD: a
	// byte that some decoder already replaced, whatever it was.
	sloppy bool
	// spaceForNBSP: a byte 0xA0 inside a UTF-8 sequence may have become
	// an ASCII space on the way (see restoreNBSPBytes). Not for
	// MacRoman, where 0xA0 is a dagger, not a no-break space.
	spaceForNBSP bool
}

// mojibakePages are the code pages the repair tries, in order. Latin-1
// comes first: text it encodes entirely (C1 controls included) is the most
// common case. Windows-1252 and the other Windows pages are sloppy.
var mojibakePages = []*codePage{
	newCodePage("latin-1", charmap.ISO8859_1, false, true),
	newCodePage("windows-1252", charmap.Windows1252, true, true),
	newCodePage("windows-1251", charmap.Windows1251, true, true),
	newCodePage("windows-1250", charmap.Windows1250, true, true),
	newCodePage("windows-1253", charmap.Windows1253, true, true),
	newCodePage("windows-1254", charmap.Windows1254, true, true),
	newCodePage("windows-1257", charmap.Windows1257, true, true),
	newCodePage("iso-8859-2", charmap.ISO8859_2, false, true),
	newCodePage("macintosh", charmap.Macintosh, false, false),
	newCodePage("ibm437", charmap.CodePage437, false, true),
}

// windows1252Page gives C1 controls left by Latin-1 their meaning.
var windows1252Page = mojibakePages[1]

func newCodePage(name string, cm *charmap.Charmap, sloppy, spaceForNBSP bool) *codePage {
	p := &codePage{name: name, back: make(map[rune]byte, 128), sloppy: sloppy, spaceForNBSP: spaceForNBSP}
	for b := 0x80; b < 0x100; b++ {
		r := cm.DecodeByte(byte(b))
		if r == utf8.RuneError {
			// Undefined: a sloppy page reads the byte as Latin-1 does; the
			// ISO 8859 pages have their C1 controls at 0x80-0x9F.
			if !sloppy && (b >= 0xa0 || !strings.HasPrefix(name, "iso-")) {
				continue
			}
			r = rune(b)
		}
		p.high[b-0x80] = r
		p.back[r] = byte(b)
	}
	return p
}

// encode returns the bytes that p decodes to s, appended to buf, and
// whether there are such bytes: every character of s must be ASCII
// (U+001A only in a page that is not sloppy) or one that p decodes a byte
// to, or U+FFFD in a sloppy page.
func (p *codePage) encode(buf []byte, s string) ([]byte, bool) {
	for _, r := range s {
		switch {
		case r == 0x1a && p.sloppy:
			return buf, false
		case r < utf8.RuneSelf:
			buf = append(buf, byte(r))
		case r == utf8.RuneError && p.sloppy:
			buf = append(buf, 0x1a)
		default:
			b, ok := p.back[r]
			if !ok {
				return buf, false
			}
			buf = append(buf, b)
		}
	}
	return buf, true
}
