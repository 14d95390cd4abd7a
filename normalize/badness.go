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
	clsAccented = clsUpperAccented | clsLowerAccented
	clsLetter   = clsUpperCommon | clsLowerCommon
	clsSymbol   = clsBox | clsOpen | clsClose | clsCurrency | clsNumeric | clsLaw // what is not a letter
	clsCodeByte = clsC1 | clsBad | clsOpen | clsClose | clsCurrency               // after В or Β in Cyrillic and Greek mojibake
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

// badness counts the places in s where a suspicious sequence of
// characters ends (stopping at the first if first is set).
func badness(s string, first bool) int {
	n := 0
	// The last seven characters, cur = r[0], and the classes of the last
	// three.
	var r [7]rune
	var m [3]charClass
	count := 0 // characters seen
	for i := 0; i < len(s); {
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		copy(r[1:], r[:6])
		r[0] = c
		m[2], m[1] = m[1], m[0]
		m[0] = classOf(c)
		count++
		if m[0]|m[1]|m[2] == 0 {
			continue // every rule involves a classed character among the last three
		}
		if badEnd(&r, &m, count) {
			n++
			if first {
				return n
			}
		}
	}
	return n
}

// badEnd reports whether a suspicious sequence ends at r[0], with r[1] the
// character before it, and so on; m holds the classes of r[0:3], and count
// how many characters there are up to r[0].
func badEnd(r *[7]rune, m *[3]charClass, count int) bool {
	c, c1, c2 := r[0], r[1], r[2]
	m0, m1, m2 := m[0], m[1], m[2]
	switch {
	case m0&clsC1 != 0:
		return true
	// Symbols and accented letters next to the symbols mojibake is made of.
	case m0&clsBad != 0 && m1&(clsBad|clsAccented|clsSymbol) != 0,
		m0&clsBad != 0 && m1&clsLetter != 0 && isASCIILetter(c2),
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
	case isWordChar(c) && m1&(clsOpen|clsClose) != 0 && m2&clsAccented != 0:
		return true
	case (c1 == 'Œ' || c1 == 'œ') && !isASCIILetter(c):
		return true
	case c == '°' && m1&clsUpperAccented != 0:
		return true
	}
	return badSequence(r, m, count)
}

// badSequence checks the sequences of particular characters that the
// class rules miss: the most common Windows-1252 pairs, Arabic, Indic,
// MacRoman, Windows-1251, -1253 and -1257 mojibake, and "Ã " where a
// no-break space became a space.
func badSequence(r *[7]rune, m *[3]charClass, count int) bool {
	c, c1, c2 := r[0], r[1], r[2]
	m0, m1 := m[0], m[1]
	switch c1 {
	case 'Â', 'Ã', 'Î', 'Ð':
		if strings.ContainsRune("€œŠš¢£Ÿž\u00a0\u00ad®©°·»–—´", c) || m0&(clsOpen|clsClose) != 0 {
			return true
		}
	}
	switch {
	case c1 == '×' && (c == '²' || c == '³'),
		(r[3] == 'Ø' || r[3] == 'Ù') && arabicSecond(c2, m[2]) && (c1 == 'Ø' || c1 == 'Ù') && arabicSecond(c, m0),
		c1 == 'à' && strings.ContainsRune("²µ¹¼½¾", c),
		c1 == '√' && strings.ContainsRune("±∂†≠®™´≤≥¥µø", c),
		c1 == '≈' && (c == '°' || c == '¢'),
		c2 == '‚' && c1 == 'Ä' && strings.ContainsRune("ìîïòôúùû†°¢π", c),
		c2 == '‚' && (c1 == 'â' || c1 == 'ó') && strings.ContainsRune("àä°ê", c),
		c1 == 'в' && c == 'Ђ',
		isAnyOf(c2, "ВГРС") && (m1&clsCodeByte != 0 || c1 == '°' || c1 == 'µ') && isAnyOf(c, "ВГРС"),
		r[6] == 'Г' && r[5] == 'ў' && r[4] == 'В' && r[3] == 'Ђ' && r[2] == 'В' && (isASCIILetter(c) || c == ' '),
		c1 == 'Ã' && (c == '\u00a0' || c == '¡'),
		c2 == 'β' && c1 == '€' && strings.ContainsRune("™\u00a0Ά\u00ad®°", c),
		isAnyOf(c2, "ΒΓΞΟ") && (m1&clsCodeByte != 0 || c1 == '°') && isAnyOf(c, "ΒΓΞΟ"),
		c1 == 'ā' && c == '€':
		return true
	}
	// "Ã " and "Â ": a lead byte whose no-break space became a space.
	if c == ' ' && (c1 == 'Ã' || c1 == 'Â') {
		if count == 2 || isASCIILower(c2) || isWhite(c2) && isASCIILower(r[3]) {
			return true
		}
	}
	if c1 == 'Â' && (c == ' ' || m0&(clsOpen|clsClose) != 0) &&
		(isASCIILower(c2) || strings.ContainsRune(".,?!", c2) || m[2]&clsClose != 0) {
		return true
	}
	return false
}

// arabicSecond reports whether r, after Ø or Ù, looks like the second
// byte of Windows-1252 mojibake of Arabic.
func arabicSecond(r rune, m charClass) bool {
	return m&(clsCommon|clsCurrency|clsBad|clsNumeric|clsOpen) != 0 || strings.ContainsRune("ŸŠ®°µ»", r)
}

func isAnyOf(r rune, set string) bool { return r != 0 && strings.ContainsRune(set, r) }

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }
func isASCIILower(r rune) bool  { return 'a' <= r && r <= 'z' }

// isWhite is white space as regular expressions' \s has it in Unicode.
func isWhite(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func isWordChar(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }
