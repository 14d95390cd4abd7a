package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The badness heuristic decides whether a run of text looks like mojibake.
// Mojibake of UTF-8 is made of the few hundred characters that single-byte
// code pages give to bytes 0x80 to 0xFF; the heuristic sorts those into
// classes and counts the juxtapositions that real text almost never has: a
// lowercase accented letter followed by an uppercase one ("Ã©tÃ©" has
// "©t" and "tÃ"), a currency sign after an accented letter ("â€"), a C1
// control anywhere, and a few known two- to seven-character sequences of
// particular code pages. The idea and the classes follow python-ftfy's
// badness.py (Apache-2.0); the code is textclean's own.
//
// Only text that the heuristic calls bad is repaired, and a decoding is kept
// only if it does not make the text worse (see fixEncoding).

// charClass is a set of the classes below.
type charClass uint16

const (
	clsCommon        charClass = 1 << iota // in all kinds of contexts: NBSP, soft hyphen, dashes, ’, …
	clsC1                                  // C1 controls: nothing but mojibake uses them any more
	clsBad                                 // nearly always mojibake: ¦ ¤ ¨ ¬ ¯ ¸ ƒ ˆ ˇ † ‡ ‰ ◊ �…
	clsLaw                                 // ¶ §
	clsCurrency                            // ¢ £ ¥ ₧ €
	clsOpen                                // punctuation that starts something: ¡ ¿ « © “ ‘ „ ‚ • ‹
	clsClose                               // punctuation that ends something: ® » ” › ™ ˝
	clsNumeric                             // ² ³ ¹ ± ¼ ½ ¾ × ÷ µ and the math signs of MacRoman
	clsKaomoji                             // letters that emoticons use: Ò-Ö ò-ö Ù-Ü ø-ü °…
	clsUpperAccented                       // À-Ñ Ø Ü Ý and Latin Extended-A capitals
	clsLowerAccented                       // ß à-ñ and Latin Extended-A small letters, ﬁ ﬂ
	clsUpperCommon                         // Þ, Greek and Cyrillic capitals
	clsLowerCommon                         // Greek and Cyrillic small letters
	clsBox                                 // box drawing and block elements of CP437
)

// Unions of classes that the rules use.
const (
	clsAccented      = clsUpperAccented | clsLowerAccented
	clsGreekCyrillic = clsUpperCommon | clsLowerCommon                                 // Greek and Cyrillic letters, and Þ
	clsSymbol        = clsBox | clsOpen | clsClose | clsCurrency | clsNumeric | clsLaw // what is not a letter
	clsCodeByte      = clsC1 | clsBad | clsOpen | clsClose | clsCurrency               // after В or Β in Cyrillic and Greek mojibake
)

// classTableSize covers every character with a class but four (see classOf).
const classTableSize = 0x2600

var classTable = buildClassTable()

// classMembers lists each class's characters, as ranges "a-z" and single
// characters.
var classMembers = []struct {
	class charClass
	chars string
}{
	{clsCommon, "\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2019"},
	{clsC1, "\u0080-\u009f"},
	{clsBad, "¦¤¨¬¯¸ƒˆˇ˘˛˜†‡‰⌐◊ªº"},
	{clsLaw, "¶§"},
	{clsCurrency, "¢£¥₧€"},
	{clsOpen, "¡«¿©΄΅‘‚“„•‹"},
	{clsClose, "®»˝”›™"},
	{clsNumeric, "²³¹±¼½¾×µ÷⁄∂∆∏∑√∞∩∫≈≠≡≤≥№"},
	{clsKaomoji, "Ò-ÖÙ-Üò-öø-üŐŌŪŲ°"},
	{clsUpperAccented, "À-ÑØÜÝĂĀĄĆČĎĐĘĚĒĖĞĢİĪĶĹĽŁĻŃŇŅŒŘŚŞŠŢŤŮŰŸŹŻŽҐ"},
	{clsLowerAccented, "ßà-ñăąāćčďđęěēėğģįīķĺľłļœŕśşšťüźżžґ"},
	{clsUpperCommon, "ÞΑ-ΩΆΈΉΊΌΎΏΪΫЁ-Я"},
	{clsLowerCommon, "α-ωάέήίΰа-џ"},
	{clsBox, "│┌┐┘├┤┬┼═-╬▀▄█▌▐░▒▓"},
}

func buildClassTable() *[classTableSize]charClass {
	var t [classTableSize]charClass
	for _, m := range classMembers {
		rs := []rune(m.chars)
		for i := 0; i < len(rs); i++ {
			lo, hi := rs[i], rs[i]
			if i+2 < len(rs) && rs[i+1] == '-' {
				hi = rs[i+2]
				i += 2
			}
			for r := lo; r <= hi; r++ {
				t[r] |= m.class
			}
		}
	}
	return &t
}

// classOf returns the classes of r.
func classOf(r rune) charClass {
	if r < classTableSize {
		return classTable[r]
	}
	switch r {
	case '\ufb01', '\ufb02': // ﬁ ﬂ: Windows-1251 "п¬Ѓ" is one of them
		return clsLowerAccented
	case '\uf8ff': // private use: the Apple logo of MacRoman
		return clsOpen
	case '\ufffd':
		return clsBad
	}
	return 0
}

// isBad reports whether s looks like it holds mojibake.
func isBad(s string) bool { return badness(s, true) > 0 }

// classLead marks the bytes that start the UTF-8 of characters with a
// class: U+0080 to U+04BF (Latin-1 to most of Cyrillic), U+2000 to U+2FFF and
// U+F000 to U+FFFF. Text between them (ASCII, CJK, Arabic...) is skipped.
var classLead = func() (t [256]bool) {
	for b := 0xc2; b <= 0xd2; b++ {
		t[b] = true
	}
	t[0xe2], t[0xef] = true, true
	return t
}()

// badness counts the places in s where a suspicious sequence of
// characters ends (stopping at the first if first is set).
func badness(s string, first bool) int {
	n := 0
	var w window
	for i := 0; i < len(s); {
		if w.quiet() && !classLead[s[i]] {
			// No rule can end before the next character with a class:
			// skip to it, keeping the last three characters for the
			// rules that look back (those that look further back only
			// match characters with a class there). Invalid UTF-8 is
			// not skipped: it reads as U+FFFD, which has a class.
			if j := skipEnd(s, i); j > i {
				region := s[i:j]
				var tail [3]rune
				k, end := 0, len(region)
				for ; k < 3 && end > 0; k++ {
					r, size := utf8.DecodeLastRuneInString(region[:end])
					tail[k] = r
					end -= size
				}
				// count may grow by more than the characters skipped: it
				// only needs to be exact at the start of s and near an Ђ.
				// A region of three characters or fewer is pushed onto
				// what the window holds: the characters before it are
				// still among the last three.
				if end > 0 {
					w.r = [8]rune{}
					w.count += end
				}
				for k--; k >= 0; k-- {
					w.push(tail[k])
				}
				i = j
				continue
			}
		}
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		w.push(c)
		if w.quiet() {
			continue
		}
		if w.badEnd() || w.badSequence() {
			n++
			if first {
				return n
			}
		}
	}
	return n
}

// skipEnd returns the end of the text from s[i] on that badness may skip
// when its window is quiet: up to the next byte that starts a character
// with a class (see classLead) or the next byte of invalid UTF-8, which
// reads as U+FFFD. Stopping at the invalid byte, and not only at the next
// class, keeps badness linear: it used to find the next class and, the
// text up to it being invalid, take one character and look again.
func skipEnd(s string, i int) int {
	j := i
	for j < len(s) && !classLead[s[j]] {
		if s[j] >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			j += size
			continue
		}
		j = asciiEnd(s, j+1) // no ASCII byte starts a class
	}
	return j
}

// window holds the last characters of a text being scanned.
type window struct {
	r       [8]rune      // a ring: the current character is r[count&7]
	m       [3]charClass // the classes of the current character and the two before it
	count   int          // characters seen
	lastDje int          // count at the last Ђ
}

func (w *window) push(c rune) {
	w.count++
	w.r[w.count&7] = c
	w.m[2], w.m[1], w.m[0] = w.m[1], w.m[0], classOf(c)
	if c == 'Ђ' {
		w.lastDje = w.count
	}
}

// quiet reports that no rule can match at the current character: every
// rule needs a character among the last three that is not a letter or of
// clsCommon, except the two Windows-1251 sequences with Ђ ("вЂ",
// "ГўВЂВ.x"), which need an Ђ among the last four.
func (w *window) quiet() bool {
	return (w.m[0]|w.m[1]|w.m[2])&^(clsCommon|clsGreekCyrillic) == 0 && (w.lastDje == 0 || w.count-w.lastDje > 3)
}

// at returns the character j places before the current one (0 for none).
func (w *window) at(j int) rune { return w.r[(w.count-j)&7] }

// badEnd reports whether a suspicious sequence of classes ends at the
// current character.
func (w *window) badEnd() bool {
	c, c1, c2 := w.at(0), w.at(1), w.at(2)
	m0, m1, m2 := w.m[0], w.m[1], w.m[2]
	switch {
	case m0&clsC1 != 0:
		return true
	// Symbols and accented letters next to the symbols mojibake is made of.
	case m0&clsBad != 0 && m1&(clsBad|clsAccented|clsSymbol) != 0,
		m0&clsBad != 0 && m1&clsGreekCyrillic != 0 && isASCIILetter(c2),
		m1&clsBad != 0 && m0&(clsAccented|clsSymbol) != 0:
		return true
	// A capital accented letter inside a word or after a symbol.
	case m0&clsUpperAccented != 0 && m1&(clsLowerAccented|clsLowerCommon|clsBox|clsClose|clsCurrency|clsNumeric) != 0:
		return true
	case m0&clsLowerAccented != 0 && m1&(clsBox|clsClose|clsCurrency|clsNumeric) != 0:
		return true
	case m0&clsCurrency != 0 && (m1&(clsLowerAccented|clsBox|clsClose) != 0 || m1&clsUpperAccented != 0 && isWhite(c2)):
		return true
	case m0&(clsNumeric|clsLaw) != 0 && m1&(clsUpperAccented|clsBox) != 0:
		return true
	case m0&clsNumeric != 0 && m1&clsOpen != 0 && m2&(clsAccented|clsBox|clsCurrency|clsClose) != 0:
		return true
	case m0&clsOpen != 0 && m1&clsClose != 0 && m2&(clsAccented|clsCurrency|clsNumeric|clsBox|clsLaw) != 0:
		return true
	case m0&clsOpen != 0 && m1&(clsCurrency|clsNumeric|clsBox) != 0:
		return true
	case m0&(clsOpen|clsCurrency) != 0 && m1&clsUpperAccented != 0 && isASCIILower(c2):
		return true
	// Box drawing beside letters and symbols.
	case m1&clsBox != 0 && m0&(clsKaomoji|clsClose) != 0,
		m0&clsBox != 0 && m1&(clsAccented|clsCurrency|clsNumeric|clsOpen|clsClose|clsLaw) != 0:
		return true
	// An accented letter, then punctuation, then a letter: "Ã©t".
	case m1&(clsOpen|clsClose) != 0 && m2&clsAccented != 0 && isWordChar(c):
		return true
	case (c1 == 'Œ' || c1 == 'œ') && !isASCIILetter(c):
		return true
	case c == '°' && m1&clsUpperAccented != 0:
		return true
	}
	return false
}

// badSequence checks the sequences of particular characters that the
// class rules miss: the most common Windows-1252 pairs, Arabic, Indic,
// MacRoman, Windows-1251, -1253 and -1257 mojibake, and "Ã " where a
// no-break space became a space.
func (w *window) badSequence() bool {
	c, c1, c2 := w.at(0), w.at(1), w.at(2)
	m0, m1 := w.m[0], w.m[1]
	switch c1 {
	case 'Â', 'Ã', 'Î', 'Ð':
		if strings.ContainsRune("€œŠš¢£Ÿž\u00a0\u00ad®©°·»–—´", c) || m0&(clsOpen|clsClose) != 0 {
			return true
		}
		if c1 == 'Ã' && (c == '\u00a0' || c == '¡') {
			return true
		}
	case '×':
		if c == '²' || c == '³' {
			return true
		}
	case 'Ø', 'Ù':
		if r3 := w.at(3); (r3 == 'Ø' || r3 == 'Ù') && arabicSecond(c2, w.m[2]) && arabicSecond(c, m0) {
			return true
		}
	case 'à':
		if strings.ContainsRune("²µ¹¼½¾", c) {
			return true
		}
	case '√':
		if strings.ContainsRune("±∂†≠®™´≤≥¥µø", c) {
			return true
		}
	case '≈':
		if c == '°' || c == '¢' {
			return true
		}
	case 'Ä':
		if c2 == '‚' && strings.ContainsRune("ìîïòôúùû†°¢π", c) {
			return true
		}
	case 'â', 'ó':
		if c2 == '‚' && strings.ContainsRune("àä°ê", c) {
			return true
		}
	case 'в':
		if c == 'Ђ' {
			return true
		}
	case '€':
		if c2 == 'β' && strings.ContainsRune("™\u00a0Ά\u00ad®°", c) {
			return true
		}
	case 'ā':
		if c == '€' {
			return true
		}
	}
	switch {
	case isCyrillicLead(c2) && isCyrillicLead(c) && (m1&clsCodeByte != 0 || c1 == '°' || c1 == 'µ'),
		// A Latin small letter, then what Windows-1251 makes of the
		// UTF-8 of an accented letter: "mГ©dicament". (Not in ftfy.)
		isASCIILower(c2) && isCyrillicLead(c1) && m0&clsCodeByte != 0,
		isGreekLead(c2) && isGreekLead(c) && (m1&clsCodeByte != 0 || c1 == '°'),
		w.at(2) == 'В' && w.at(3) == 'Ђ' && w.at(4) == 'В' && w.at(5) == 'ў' && w.at(6) == 'Г' && (isASCIILetter(c) || c == ' '):
		return true
	}
	// "Ã " and "Â ": a lead byte whose no-break space became a space.
	if c == ' ' && (c1 == 'Ã' || c1 == 'Â') {
		if w.count == 2 || isASCIILower(c2) || isWhite(c2) && isASCIILower(w.at(3)) {
			return true
		}
	}
	if c1 == 'Â' && (c == ' ' || m0&(clsOpen|clsClose) != 0) &&
		(isASCIILower(c2) || c2 == '.' || c2 == ',' || c2 == '?' || c2 == '!' || w.m[2]&clsClose != 0) {
		return true
	}
	return false
}

// isCyrillicLead and isGreekLead report whether r is В, Г, Р or С, or Β,
// Γ, Ξ or Ο: what Windows-1251 and Windows-1253 make of the lead bytes
// C2, C3, D0 and D1 of UTF-8.
func isCyrillicLead(r rune) bool { return r == 'В' || r == 'Г' || r == 'Р' || r == 'С' }
func isGreekLead(r rune) bool    { return r == 'Β' || r == 'Γ' || r == 'Ξ' || r == 'Ο' }

// arabicSecond reports whether r, after Ø or Ù, looks like the second
// byte of Windows-1252 mojibake of Arabic.
func arabicSecond(r rune, m charClass) bool {
	return m&(clsCommon|clsCurrency|clsBad|clsNumeric|clsOpen) != 0 || strings.ContainsRune("ŸŠ®°µ»", r)
}

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }
func isASCIILower(r rune) bool  { return 'a' <= r && r <= 'z' }

// isWhite is white space as regular expressions' \s has it in Unicode.
func isWhite(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func isWordChar(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }
