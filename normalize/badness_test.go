package normalize

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// slowBadness is badness without its shortcut (skipping the text between
// characters with a class): every rule is tried at every character.
func slowBadness(s string) int {
	n := 0
	var w window
	for _, c := range s {
		w.push(c)
		if w.badEnd() || w.badSequence() {
			n++
		}
	}
	return n
}

// TestClassLead checks the table of bytes badness stops at: every
// character with a class starts with a byte it marks.
func TestClassLead(t *testing.T) {
	for r := rune(0x80); r <= 0x10ffff; r++ {
		if classOf(r) == 0 {
			continue
		}
		var b [4]byte
		utf8.EncodeRune(b[:], r)
		if !classLead[b[0]] {
			t.Errorf("%U has a class but its lead byte %#x is not in classLead", r, b[0])
		}
	}
}

func TestBadness(t *testing.T) {
	tests := []struct {
		in  string
		bad bool
	}{
		{"plain ASCII text", false},
		{"It’s “quoted” — fine… café naïve Ä…", false},
		{"Itâ€™s", true},
		{"Ã©tÃ©", true},
		{"word\u0085next", true},
		{"Ã la mode", true},
		{"voilÃ le travail", true},
		{"вЂњquotedвЂќ", true},
		{"ГўВЂВ”a", true},
		{"Ð¿Ñ€Ð¸", true},
		{"×‘×”×•×“×¢×”", true},
		{"Ù…Ù†", true},
		{"√©", true},
		{"g√¢teaux", false}, // a math sign before a currency sign can be real
		{"r√©gime", true},
		{"Русский текст без ошибок", false},
		{"Ελληνικά", false},
		{"日本語のテキスト", false},
		{"10 ŗ", false},
		{"DrÃ¥ber", true}, // but the repair leaves it: see ftfy's negative cases
		{"(ง'⌣')ง ┒(⌣˛⌣)┎", false},
		{"sur le mГ©dicament", true},
		{"iPhone Галактика", false},
		{"┬┐que diferencia hay?", false}, // CP437 mojibake, but so like line art ("├┤a┼┐a") that it stays
	}
	for _, tt := range tests {
		if got := isBad(tt.in); got != tt.bad {
			t.Errorf("isBad(%q) = %v, want %v", tt.in, got, tt.bad)
		}
		if fast, slow := badness(tt.in, false), slowBadness(tt.in); fast != slow {
			t.Errorf("badness(%q) = %d, but %d without shortcuts", tt.in, fast, slow)
		}
	}
}

// FuzzBadness checks that badness's shortcuts change nothing.
func FuzzBadness(f *testing.F) {
	for _, s := range []string{"Itâ€™s", "a ГўВЂВ”a Ã b", "вЂњ", "Â a", "Ã ", "x Ã z", "abc \xf2 def \x80Ã©…", "\xff日本語\xfeÃ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if fast, slow := badness(s, false), slowBadness(s); fast != slow {
			t.Fatalf("badness(%q) = %d, but %d without shortcuts", s, fast, slow)
		}
		if isBad(s) != (slowBadness(s) > 0) {
			t.Fatalf("isBad(%q) = %v, slowBadness %d", s, isBad(s), slowBadness(s))
		}
	})
}

// TestBadnessInvalidTime checks that a byte of invalid UTF-8 does not make
// badness scan the text up to the next character with a class again from
// every character before it: on these lines of about 100 KB, with stray
// bytes before a final "…", it took 7 to 40 s, and now takes milliseconds.
// The bound leaves room for a loaded machine.
func TestBadnessInvalidTime(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("abc ", 32<<10) + "\xf2 …",
		strings.Repeat("abc \xf2 ", 16<<10) + "…",
		strings.Repeat("日本語 ", 12<<10) + "\xff…",
	} {
		start := time.Now()
		fast := badness(s, false)
		if d := time.Since(start); d > time.Second {
			t.Errorf("badness of %d bytes with invalid UTF-8 took %v", len(s), d)
		}
		if slow := slowBadness(s); fast != slow {
			t.Errorf("badness = %d, but %d without shortcuts", fast, slow)
		}
	}
}
