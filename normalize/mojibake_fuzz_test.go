package normalize_test

import (
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// Undamaged text, for FuzzMojibakeKeepsText, is text as people write it:
// words, each in one script (lowercase letters, the first one possibly a
// capital), with accented letters anywhere inside Latin words, separated by
// spaces, punctuation and quotes of many kinds, numbers with currency,
// degree and math signs, emoji and symbols after a space or a word. What
// it is not: arbitrary sequences of accented capitals and symbols ("Ã©",
// "Ð¿"), which are what mojibake looks like, and which a repair may
// rightly change.
var (
	latinLower = []rune("abcdefghijklmnopqrstuvwxyzéèêëàâäáãåçñöóòôõøüúùûíìîïýÿßæłąęśźżćńşğıčšžřěůőű")
	// Real words for letters that only go with some others: œ before a
	// Latin letter.
	latinWords = []string{"cœur", "œuvre", "sœur", "Œdipe", "vœux", "Ærø", "Øresund", "İstanbul", "naïve", "façade", "straße"}
	latinUpper = []rune("ABCDEFGHIJKLMNOPQRSTUVWXYZÉÀÇÖÜÅÄØÆŁŚŽČŠ")
	cyrLower   = []rune("абвгдежзийклмнопрстуфхцчшщъыьэюяёіїєґ")
	cyrUpper   = []rune("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯЁІЇЄ")
	greekLower = []rune("αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋ")
	greekUpper = []rune("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")
	cjk        = []rune("日本語中文字漢あいうえおかきくけこアイウエオカキ한국어글자")
	arabic     = []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
	hebrew     = []rune("אבגדהוזחטיכלמנסעפצקרשת")
	emoji      = []string{"😀", "🙂", "❤️", "⚽", "👍", "🎉", "👩\u200d💻", "🇫🇷", "☺", "✓", "★", "→"}
	// Between words.
	separators = []string{" ", " ", " ", ", ", ". ", "; ", ": ", " – ", " — ", "… ", " / ", " (", ") ", " - ", "! ", "? ", "\u00a0"}
	// Around a word.
	quotes = [][2]string{{"“", "”"}, {"‘", "’"}, {"«", "»"}, {"„", "“"}, {"\"", "\""}, {"'", "'"}, {"« ", " »"}, {"‹", "›"}}
	// After a space or a word.
	numbers = []string{"12 €", "€12", "£5", "$3", "¥100", "25 °C", "±3", "3 × 4", "½", "¼", "3²", "10³", "§ 4", "¶", "©", "®", "™", "№ 5", "5 %", "1,5 ‰", "·", "•", "¿", "¡", "µm", "≈ 3", "≤ 2"}
)

// undamaged builds a text of undamaged words from the choices in b.
func undamaged(b []byte) string {
	var sb strings.Builder
	next := func() int {
		if len(b) == 0 {
			return 0
		}
		v := int(b[0])
		b = b[1:]
		return v
	}
	pick := func(rs []rune) rune { return rs[next()%len(rs)] }
	word := func(lower, upper []rune) string {
		var w []rune
		if upper != nil && next()%3 == 0 {
			w = append(w, pick(upper))
		}
		for n := 1 + next()%8; n > 0; n-- {
			w = append(w, pick(lower))
		}
		return string(w)
	}
	for len(b) > 0 {
		var w string
		switch next() % 10 {
		case 0, 1:
			w = word(latinLower, latinUpper)
		case 2:
			w = latinWords[next()%len(latinWords)]
		case 3:
			w = word(cyrLower, cyrUpper)
		case 4:
			w = word(greekLower, greekUpper)
		case 5:
			w = word(cjk, nil)
		case 6:
			w = word(arabic, nil)
		case 7:
			w = word(hebrew, nil)
		case 8:
			w = emoji[next()%len(emoji)]
		case 9:
			w = numbers[next()%len(numbers)]
		}
		if next()%5 == 0 {
			q := quotes[next()%len(quotes)]
			w = q[0] + w + q[1]
		}
		if sb.Len() > 0 {
			sb.WriteString(separators[next()%len(separators)])
		}
		sb.WriteString(w)
	}
	return sb.String()
}

// FuzzMojibakeKeepsText checks that the mojibake rule leaves undamaged text
// from many scripts unchanged, and that it is idempotent on any input.
func FuzzMojibakeKeepsText(f *testing.F) {
	for _, s := range []string{"", "abc", "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09", "Itâ€™s", "Ã la mode", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "í\u00a0½í¸\u008d", "\xff\xfe\x80"} {
		f.Add([]byte(s))
	}
	n := normalize.New(onlyMojibake)
	f.Fuzz(func(t *testing.T, b []byte) {
		text := undamaged(b)
		if got := n.Line(text, nil); got != text {
			t.Fatalf("the mojibake rule changed undamaged text:\n  was %q\n  now %q", text, got)
		}
		s := strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, string(b))
		once := n.Line(s, nil)
		if twice := n.Line(once, nil); twice != once {
			t.Fatalf("not idempotent: %q → %q → %q", s, once, twice)
		}
	})
}
