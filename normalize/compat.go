package normalize

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file holds the rules that fold presentation forms to the characters
// prose uses (Width, Ligatures), the opt-in ASCII folding of typography
// (ASCIIPunct), and the removal of terminal escape sequences (Escapes).

// foldWidth returns what the Width rule makes of the character r at
// s[i:i+size] and the end of the text it replaces, or ok false to leave it.
//
//   - Fullwidth Latin letters and digits ("ＡＢＣ１２３") always become ASCII:
//     they are the same letters, and searching and deduplication need them so.
//   - Fullwidth punctuation and symbols ("！", "（", "￥") become ASCII only
//     between characters that are not wide (CJK, kana, Hangul, fullwidth): in
//     "Hello！ world" the mark is stray, in "こんにちは！" it is the normal
//     punctuation of the script and stays.
//   - Halfwidth katakana ("ｶﾀｶﾅ", with its voicing marks, "ｶﾞ") becomes the
//     usual katakana, a run at a time so that voicing marks compose.
//
// The ideographic space U+3000 and halfwidth Hangul are left alone.
func foldWidth(s string, i, size int, r rune) (end int, repl string, ok bool) {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return i + size, string(r - 0xfee0), true
	case r >= '！' && r <= '～':
		if wideNeighbour(s, i, size) {
			return 0, "", false
		}
		return i + size, string(r - 0xfee0), true
	case r >= '￠' && r <= '￦':
		if wideNeighbour(s, i, size) {
			return 0, "", false
		}
		return i + size, norm.NFKC.String(string(r)), true
	case isHalfwidthKana(r):
		end = i + size
		for end < len(s) {
			next, n := utf8.DecodeRuneInString(s[end:])
			if !isHalfwidthKana(next) {
				break
			}
			end += n
		}
		return end, norm.NFKC.String(s[i:end]), true
	}
	return 0, "", false
}

// isHalfwidthKana reports whether r is a halfwidth katakana letter, voicing
// mark or CJK punctuation mark (U+FF61 to U+FF9F).
func isHalfwidthKana(r rune) bool { return r >= '\uff61' && r <= '\uff9f' }

// wideNeighbour reports whether the character before or after s[i:i+size]
// belongs to East Asian wide text.
func wideNeighbour(s string, i, size int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+size:])
	return isWide(before) || isWide(after)
}

// isWide reports whether r is a character of East Asian wide text: a Han
// ideograph, kana, Hangul, CJK punctuation or a fullwidth form.
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef:
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// ligatures maps the Latin ligatures of the Alphabetic Presentation Forms
// block to their letters. The Armenian ligatures of the same block are left
// alone, and so are letters that look like ligatures but are letters of
// their own (æ, œ, ĳ, ß).
var ligatures = map[rune]string{
	'\ufb00': "ff", '\ufb01': "fi", '\ufb02': "fl", '\ufb03': "ffi",
	'\ufb04': "ffl", '\ufb05': "st", '\ufb06': "st",
}

// asciiPunct maps typographic punctuation to the ASCII that typewriters
// used for it.
var asciiPunct = map[rune]string{
	'‘': "'", '’': "'", '‚': "'", '‛': "'",
	'“': `"`, '”': `"`, '„': `"`, '‟': `"`,
	'‐': "-", '‑': "-", '‒': "-", '–': "-", '−': "-",
	'—': "--", '―': "--",
	'…': "...",
}

// maxEscape bounds the length of a terminal escape sequence: a longer run of
// parameter bytes is not a sequence, and only its ESC is removed (by the
// Controls rule).
const maxEscape = 256

// escapeEnd returns the end of the terminal escape sequence starting at
// s[i] == ESC, or ok false if none starts there. It knows the forms ECMA-48
// defines:
//
//   - CSI, "ESC [" then parameter bytes (0x30–0x3F), intermediate bytes
//     (0x20–0x2F) and a final byte (0x40–0x7E): colours, cursor moves;
//   - OSC, DCS, SOS, PM and APC strings, "ESC ]" (or P X ^ _) up to BEL or
//     the string terminator "ESC \": window titles, hyperlinks;
//   - the other escape sequences: intermediate bytes then a final byte
//     (0x30–0x7E), such as "ESC ( B"; without an intermediate byte only the
//     private finals 0x30–0x3F ("ESC 7", "ESC ="). "ESC" before a letter
//     is too likely to be a stray ESC before a word, so only the ESC goes.
func escapeEnd(s string, i int) (end int, ok bool) {
	j := i + 1
	if j >= len(s) {
		return 0, false
	}
	limit := min(len(s), i+maxEscape)
	switch s[j] {
	case '[':
		j++
		for j < limit && s[j] >= 0x30 && s[j] <= 0x3f {
			j++
		}
		for j < limit && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < limit && s[j] >= 0x40 && s[j] <= 0x7e {
			return j + 1, true
		}
		return 0, false
	case ']', 'P', 'X', '^', '_':
		for j++; j < limit; j++ {
			switch {
			case s[j] == '\a':
				return j + 1, true
			case s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\':
				return j + 2, true
			}
		}
		return 0, false
	}
	start := j
	for j < limit && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	lastFinal := byte(0x3f)
	if j > start {
		lastFinal = 0x7e
	}
	if j < limit && s[j] >= 0x30 && s[j] <= lastFinal {
		return j + 1, true
	}
	return 0, false
}
