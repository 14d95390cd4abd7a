package normalize

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Mojibake is UTF-8 text that was decoded as a single-byte code page
// ("Itâ€™s" for "It’s"). The mojibake rule repairs a line only when the
// badness heuristic (badness.go) finds it suspicious, and then, in order:
//
//  1. the whole line: if some code page of mojibakePages encodes every
//     character of it and the bytes are UTF-8 (with no-break spaces that
//     became spaces put back, bytes a decoder already lost read as U+FFFD,
//     and CESU-8 surrogate pairs read as the character they encode), the
//     line is those bytes decoded;
//  2. runs: each run that looks like UTF-8 in Windows-1252 or a similar
//     page (utf8RunEnd) and is suspicious on its own is repaired as in 1,
//     so that correct text around mojibake (other scripts, a lone "é")
//     stays;
//  3. C1 controls: text read as Latin-1 where Windows-1252 was meant
//     ("parlé\u0085" is "parlé…").
//
// and again on the result until nothing changes (text encoded wrongly
// twice). A decoding is kept only if it looks no more like mojibake than
// what it replaces (the count of suspicious sequences does not grow), so a
// chance decoding of real text into odd characters does not go through.
// The approach follows python-ftfy's fix_encoding (Apache-2.0); the code
// is textclean's own.

// repairMojibake is the mojibake stage of a line.
func repairMojibake(e *editor, c *Counts) {
	s := e.src
	fixed := fixEncoding(s)
	if fixed == s {
		return
	}
	c[Mojibake] += recordRepair(e, s, fixed)
}

// recordRepair records the repair of s into fixed as one edit per
// repaired run (see replaceChanged), so that offsets in the text between
// runs map back exactly, and returns how many characters the edits write. A repair
// keeps the ASCII characters of s in order and only drops some (a space
// that stood for a no-break space, a "?" for a lost byte), so the ASCII
// characters they share anchor the edits.
func recordRepair(e *editor, s, fixed string) int {
	written := 0
	i, j := 0, 0
	for i < len(s) && j < len(fixed) {
		if s[i] == fixed[j] && s[i] < utf8.RuneSelf {
			i++
			j++
			continue
		}
		i0, j0 := i, j
		for {
			for i < len(s) && s[i] >= utf8.RuneSelf {
				i++
			}
			for j < len(fixed) && fixed[j] >= utf8.RuneSelf {
				j++
			}
			if i == len(s) || j == len(fixed) || s[i] == fixed[j] {
				break
			}
			i++ // an ASCII character the repair dropped
		}
		written += replaceChanged(e, i0, s[i0:i], fixed[j0:j])
	}
	if i < len(s) || j < len(fixed) {
		written += replaceChanged(e, i, s[i:], fixed[j:])
	}
	return written
}

// replaceChanged records that the run from, at offset at of the line,
// became to, leaving out the characters the two begin and end with alike
// ("Привет\u0085" → "Привет…" is one character changed, not seven). It
// returns how many characters it wrote: at least one for a change.
func replaceChanged(e *editor, at int, from, to string) int {
	// Characters compare by their bytes: an invalid byte and the U+FFFD
	// that replaces it differ.
	for from != "" && to != "" {
		_, n := utf8.DecodeRuneInString(from)
		if n > len(to) || from[:n] != to[:n] {
			break
		}
		from, to, at = from[n:], to[n:], at+n
	}
	for from != "" && to != "" {
		_, n := utf8.DecodeLastRuneInString(from)
		if n > len(to) || from[len(from)-n:] != to[len(to)-n:] {
			break
		}
		from, to = from[:len(from)-n], to[:len(to)-n]
	}
	if from == "" && to == "" {
		return 0 // a run the repair left as it was is no edit
	}
	e.replace(Mojibake, at, at+len(from), to)
	return max(1, utf8.RuneCountInString(to))
}

// fixEncoding repairs the mojibake of s, over as many steps as it takes.
// Each step that changes s makes it shorter in characters or removes a C1
// control, so the loop ends.
func fixEncoding(s string) string {
	for {
		fixed := fixEncodingStep(s)
		if fixed == s {
			return s
		}
		s = fixed
	}
}

// fixEncodingStep makes one repair of s, if s looks bad.
func fixEncodingStep(s string) string {
	if isASCII(s) || !isBad(s) {
		return s
	}
	var buf []byte
	for _, p := range mojibakePages {
		b, ok := p.encode(buf[:0], s)
		buf = b
		if !ok {
			continue
		}
		if p.spaceForNBSP {
			b = restoreNBSPBytes(b)
		}
		if p.sloppy {
			b = replaceLostBytes(b)
		}
		if fixed, ok := decodeUTF8Variants(b); ok && noWorse(fixed, s) {
			return fixed
		}
	}
	if fixed := fixRuns(s); fixed != s {
		return fixed
	}
	return fixC1(s)
}

// noWorse reports whether fixed, a repair of s, looks no more like
// mojibake than s. Not "less": a step of a repair in layers can trade one
// suspicious sequence for another ("Г‚ВЈ" for "Â£", then "£").
func noWorse(fixed, s string) bool { return badness(fixed, false) <= badness(s, false) }

// decodeUTF8Variants decodes b as UTF-8 that may hold CESU-8: a character
// above U+FFFF written as the two surrogates of UTF-16, each encoded as if
// it were a character (ED A0-AF xx ED B0-BF xx), as Java and old MySQL
// write it. It fails on anything else that is not UTF-8, lone surrogates
// included.
func decodeUTF8Variants(b []byte) (string, bool) {
	if utf8.Valid(b) {
		return string(b), true
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); {
		if r, ok := cesu8At(b[i:]); ok {
			sb.WriteRune(r)
			i += 6
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return "", false
		}
		sb.Write(b[i : i+size])
		i += size
	}
	return sb.String(), true
}

// cesu8At decodes the surrogate pair at the start of b.
func cesu8At(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != 0xed || b[1]&0xf0 != 0xa0 || !isCont(b[2]) ||
		b[3] != 0xed || b[4]&0xf0 != 0xb0 || !isCont(b[5]) {
		return 0, false
	}
	hi := 0xd000 | rune(b[1]&0x3f)<<6 | rune(b[2]&0x3f)
	lo := 0xd000 | rune(b[4]&0x3f)<<6 | rune(b[5]&0x3f)
	return 0x10000 + (hi-0xd800)<<10 + (lo - 0xdc00), true
}

func isCont(b byte) bool { return b&0xc0 == 0x80 }

// restoreNBSPBytes puts back the byte 0xA0 (a no-break space in Latin-1
// and the Windows pages) where a program turned it into an ASCII space
// inside what is otherwise a UTF-8 sequence: "Ã " was "Ã\u00a0", that is
// "à". A lone "Ã " is the French word "à", so the space after it is kept
// ("Ã la" is "à la"), except in the Portuguese contractions "às",
// "àquele", "àquela" and "àquilo" (and their plurals). Only the lead
// bytes and positions that make likely characters are trusted: U+00A0,
// à, Š, Π, Р and Arabic digits for two bytes; for three, leads E0-E3; for
// four, F0 (emoji).
func restoreNBSPBytes(b []byte) []byte {
	if !hasSpaceNearLead(b) {
		return b
	}
	out := make([]byte, 0, len(b)+8)
	for i := 0; i < len(b); i++ {
		if b[i] == 0xc3 && i+1 < len(b) && b[i+1] == ' ' && !portugueseAfter(b[i+2:]) {
			out = append(out, 0xc3, 0xa0, ' ')
			i++
			continue
		}
		if n := spacedSequenceAt(b[i:]); n > 0 {
			for _, x := range b[i : i+n] {
				if x == ' ' {
					x = 0xa0
				}
				out = append(out, x)
			}
			i += n - 1
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// hasSpaceNearLead is a quick test that restoreNBSPBytes has something to
// do: a lead byte with a space in the next three bytes.
func hasSpaceNearLead(b []byte) bool {
	for i, x := range b {
		if x >= 0xc2 && x <= 0xf0 {
			for j := i + 1; j < len(b) && j <= i+3; j++ {
				if b[j] == ' ' {
					return true
				}
			}
		}
	}
	return false
}

// portugueseAfter reports whether rest, following "à", makes one of the
// Portuguese words in which "à" is not followed by a space, or is a
// second space.
func portugueseAfter(rest []byte) bool {
	for _, w := range []string{" ", "quele", "quela", "quilo", "s "} {
		if len(rest) >= len(w) && string(rest[:len(w)]) == w {
			return true
		}
	}
	return false
}

// spacedSequenceAt returns the length of the UTF-8 sequence at the start
// of b that has a space where a byte 0xA0 belongs, or 0.
func spacedSequenceAt(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	// Continuation bytes other than 0x85 (an ellipsis in Windows-1252)
	// and 0xA0 itself.
	cont := func(x byte) bool { return isCont(x) && x != 0x85 && x != 0xa0 }
	switch lead := b[0]; {
	case strings.IndexByte("\xc2\xc3\xc5\xce\xd0\xd9", lead) >= 0:
		if b[1] == ' ' {
			return 2
		}
	case lead >= 0xe0 && lead <= 0xe3 && len(b) >= 3:
		if (lead == 0xe2 || lead == 0xe3) && b[1] == ' ' && cont(b[2]) || cont(b[1]) && b[2] == ' ' {
			return 3
		}
	case lead == 0xf0 && len(b) >= 4:
		spaces, conts := 0, 0
		for _, x := range b[1:4] {
			switch {
			case x == ' ':
				spaces++
			case isCont(x):
				conts++
			}
		}
		if spaces == 1 && conts == 2 {
			return 4
		}
	}
	return 0
}

// replaceLostBytes turns each UTF-8 sequence that lost bytes into U+FFFD.
// A sloppy page encodes U+FFFD, a character some decoder put in place of
// a byte it could not read, as 0x1A; a lead byte followed by 0x1A (or, at
// most once per sequence, by "?", which some decoders write instead) where
// continuation bytes belong was a character, of which nothing but the fact
// is left.
func replaceLostBytes(b []byte) []byte {
	if !hasLostBytes(b) {
		return b
	}
	out := make([]byte, 0, len(b)+8)
	for i := 0; i < len(b); {
		if n := lostSequenceAt(b[i:]); n > 0 {
			out = append(out, "\uFFFD"...)
			i += n
			continue
		}
		out = append(out, b[i])
		i++
	}
	return out
}

func hasLostBytes(b []byte) bool {
	for i, x := range b {
		if x == 0x1a || x == '?' && i > 0 && b[i-1] >= 0x80 {
			return true
		}
	}
	return false
}

// lostSequenceAt returns the length of the damaged sequence at the start
// of b, or 0: see replaceLostBytes.
func lostSequenceAt(b []byte) int {
	lost := func(x byte) bool { return x == 0x1a }
	unsure := func(x byte) bool { return x == 0x1a || x == '?' }
	contOrLost := func(x byte) bool { return x == 0x1a || isCont(x) }
	anything := func(x byte) bool { return x == 0x1a || x == '?' || isCont(x) }
	// match reports whether b starts with bytes satisfying tests, one each.
	match := func(tests ...func(byte) bool) int {
		if len(b) < len(tests) {
			return 0
		}
		for i, t := range tests {
			if !t(b[i]) {
				return 0
			}
		}
		return len(tests)
	}
	in := func(lo, hi byte) func(byte) bool { return func(x byte) bool { return lo <= x && x <= hi } }
	is := func(v byte) func(byte) bool { return func(x byte) bool { return x == v } }
	for _, p := range [][]func(byte) bool{
		{in(0xc2, 0xdf), lost},
		{in(0xc2, 0xc3), is('?')},
		{is(0xed), in(0xa0, 0xaf), unsure, is(0xed), in(0xb0, 0xbf), anything},
		{is(0xed), in(0xa0, 0xaf), anything, is(0xed), in(0xb0, 0xbf), unsure},
		{in(0xe0, 0xef), unsure, contOrLost},
		{in(0xe0, 0xef), contOrLost, unsure},
		{in(0xf0, 0xf4), unsure, contOrLost, contOrLost},
		{in(0xf0, 0xf4), contOrLost, unsure, contOrLost},
		{in(0xf0, 0xf4), contOrLost, contOrLost, unsure},
		{lost},
	} {
		if n := match(p...); n > 0 {
			return n
		}
	}
	return 0
}

// fixRuns repairs, one by one, the runs of s that look like UTF-8 decoded
// as Windows-1252 or a similar page, where the whole of s is not: text
// with mojibake in some places and correct accented letters, or another
// script, in others. A run that follows a character which is only ever
// a continuation byte is left alone: it is the tail of a garble that
// a partial repair would make worse.
func fixRuns(s string) string {
	var sb strings.Builder
	done := 0 // s[:done] is in sb
	total := -1
	var prev rune
	for i := 0; i < len(s); {
		if s[i] >= utf8.RuneSelf && utf8Clues[prev]&clueStrictCont == 0 {
			if end := utf8RunEnd(s, i); end > i {
				run := s[i:end]
				if total < 0 {
					total = utf8.RuneCountInString(s)
				}
				if utf8.RuneCountInString(run) < total && isBad(run) {
					if fixed := fixEncoding(run); fixed != run {
						sb.WriteString(s[done:i])
						sb.WriteString(fixed)
						done = end
					}
				}
				prev, _ = utf8.DecodeLastRuneInString(run)
				i = end
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		prev = r
		i += size
	}
	if done == 0 {
		return s
	}
	sb.WriteString(s[done:])
	return sb.String()
}

// The clues that a character is one byte of a UTF-8 sequence seen through
// Latin-1 or a Windows page: what the pages decode lead bytes 0xC2-0xDF,
// 0xE0-0xEF, 0xF0 and 0xF3 (the leads of assigned four-byte characters in
// use) and continuation bytes 0x80-0xBF to.
type utf8Clue uint8

const (
	clueLead2 utf8Clue = 1 << iota
	clueLead3
	clueLead4
	clueCont       // a continuation byte, or a space standing for 0xA0
	clueStrictCont // a continuation byte that is not also common punctuation
)

var utf8Clues = buildUTF8Clues()

func buildUTF8Clues() map[rune]utf8Clue {
	clues := make(map[rune]utf8Clue, 600)
	for _, cm := range []*charmap.Charmap{charmap.ISO8859_1, charmap.Windows1252, charmap.Windows1251,
		charmap.Windows1250, charmap.Windows1253, charmap.Windows1254, charmap.Windows1257} {
		for b := 0x80; b < 0x100; b++ {
			r := cm.DecodeByte(byte(b))
			if r == utf8.RuneError {
				continue
			}
			switch {
			case b < 0xc0:
				clues[r] |= clueCont
				if !strings.ContainsRune("–—―‘’‚“”„•…", r) {
					clues[r] |= clueStrictCont
				}
			case b >= 0xc2 && b <= 0xdf:
				clues[r] |= clueLead2
			case b >= 0xe0 && b <= 0xef:
				clues[r] |= clueLead3
			case b == 0xf0 || b == 0xf3:
				clues[r] |= clueLead4
			}
		}
	}
	clues[' '] |= clueCont
	return clues
}

// utf8RunEnd returns the end of the run of characters at s[i:] that look
// like UTF-8 sequences, one after the other, or i if there is none.
func utf8RunEnd(s string, i int) int {
	for {
		r, size := utf8.DecodeRuneInString(s[i:])
		clue := utf8Clues[r]
		n := 0
		switch {
		case clue&clueLead2 != 0 && conts(s, i+size, 1) > 0:
			n = conts(s, i+size, 1)
		case clue&clueLead3 != 0 && conts(s, i+size, 2) > 0:
			n = conts(s, i+size, 2)
		case clue&clueLead4 != 0 && conts(s, i+size, 3) > 0:
			n = conts(s, i+size, 3)
		default:
			return i
		}
		i += size + n
	}
}

// conts returns the length in bytes of the k continuation-byte clues at
// s[i:], or 0 if there are fewer.
func conts(s string, i, k int) int {
	start := i
	for ; k > 0; k-- {
		if i >= len(s) {
			return 0
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if utf8Clues[r]&clueCont == 0 {
			return 0
		}
		i += size
	}
	return i - start
}

// fixC1 replaces the C1 controls of s with what Windows-1252 gives their
// bytes: text that went through Latin-1 where Windows-1252 was meant. The
// five bytes Windows-1252 leaves undefined stay as they are.
func fixC1(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 && r <= 0x9f }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= 0x80 && r <= 0x9f {
			return windows1252Page.high[r-0x80]
		}
		return r
	}, s)
}
