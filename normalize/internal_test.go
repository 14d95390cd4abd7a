package normalize

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestAlwaysNFC checks the fast path of unicodeForm: every character it lets
// through is in NFC and never composes with the one before it, so any
// string of them is in NFC.
func TestAlwaysNFC(t *testing.T) {
	for r := rune(0); r <= 0x10ffff; r++ {
		s := string(r)
		if !alwaysNFC(s) {
			continue
		}
		if !norm.NFC.IsNormalString(s) || !norm.NFC.PropertiesString(s).BoundaryBefore() {
			t.Errorf("alwaysNFC accepts %U, which NFC can change or compose", r)
		}
	}
	if alwaysNFC("e\u0301") {
		t.Error("alwaysNFC accepts a combining mark")
	}
}

// quietOptions are option sets that switch on more than the defaults:
// a quiet line must come through all of them unchanged.
var quietOptions = []Options{{}, {NFKC: true}, {ASCIIPunct: true}, {WHATWGEntities: true}}

// checkQuiet fails t if s is quiet but the rules change it or count a
// change, under any of quietOptions.
func checkQuiet(t *testing.T, s string) {
	t.Helper()
	if !quiet(s) {
		return
	}
	for _, opts := range quietOptions {
		var c Counts
		if got := New(opts).rules(s, &c, nil); got != s || c.Total() != 0 {
			t.Fatalf("quiet(%q), but the rules (%+v) make it %q, counts %v", s, opts, got, c)
		}
	}
}

// TestQuiet checks the fast path of Line: a line quiet accepts is one the
// rules leave as it is, and the lines it turns away are those the rules
// might change.
func TestQuiet(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"", true},
		{"Plain text, with (punctuation): 1+1=2; \"quoted\" 'too'?", true},
		{"a\tb", true},
		{"a  b", false},
		{" a", false},
		{"a ", false},
		{"\ta", false},
		{"a\t", false},
		{"a&b", false},
		{"a\x1b[0mb", false},
		{"a\x7fb", false},
		{"a\x01b", false},
		{"a\vb", false},
		{"caf\u00e9", false},
		{"a\u00a0b", false},
		{"\xff", false},
	} {
		if got := quiet(tt.s); got != tt.want {
			t.Errorf("quiet(%q) = %v, want %v", tt.s, got, tt.want)
		}
		checkQuiet(t, tt.s)
	}
	// Every ASCII byte, alone, between letters, doubled and at the ends.
	for b := 0; b < 0x80; b++ {
		c := string(rune(b))
		for _, s := range []string{c, "a" + c + "b", c + c, "a" + c, c + "a", "a" + c + c + "b"} {
			checkQuiet(t, s)
		}
	}
}

// quietBytes is quiet a byte at a time, as its comment defines it.
func quietBytes(s string) bool {
	if s == "" {
		return true
	}
	if isBlank(s[0]) || isBlank(s[len(s)-1]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !plain[s[i]] {
			return false
		}
	}
	return !strings.Contains(s, "  ")
}

// TestQuietWords checks quiet, which reads eight bytes at a time, against
// quietBytes: every byte value, and two spaces, at every place in lines
// of 1 to 24 bytes, so at every place in a word, across the edge of two
// words and in the bytes after the last word.
func TestQuietWords(t *testing.T) {
	for n := 1; n <= 24; n++ {
		base := []byte(strings.Repeat("a", n))
		for i := range n {
			for b := 0; b < 256; b++ {
				s := append([]byte(nil), base...)
				s[i] = byte(b)
				if got, want := quiet(string(s)), quietBytes(string(s)); got != want {
					t.Fatalf("quiet(%q) = %v, want %v", s, got, want)
				}
			}
			if i+1 < n {
				s := append([]byte(nil), base...)
				s[i], s[i+1] = ' ', ' '
				if got, want := quiet(string(s)), quietBytes(string(s)); got != want {
					t.Fatalf("quiet(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}

// FuzzQuiet checks the fast path of Line on any input: a line quiet
// accepts, the rules leave unchanged, and quiet agrees with quietBytes.
func FuzzQuiet(f *testing.F) {
	for _, s := range []string{"a b", "x\ty", "&amp; lt;", "one two  three", "A quiet line (of text): 1, 2, 3."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := quiet(s), quietBytes(s); got != want {
			t.Fatalf("quiet(%q) = %v, want %v", s, got, want)
		}
		checkQuiet(t, s)
	})
}

// TestDocumentLinesRoom checks that Document makes room for its lines
// once, whatever its line ends: for one more at most (the line after a
// final line end, which is not there), not for one per CR and LF of a
// CRLF, which for a large input doubled the room.
func TestDocumentLinesRoom(t *testing.T) {
	for _, in := range []string{"", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\r", "a\r\r\nb\n\rc", "\ufeffa\r\n", strings.Repeat("line\r\n", 1000)} {
		d, err := New(Options{}).Document(in)
		if err != nil {
			t.Fatal(err)
		}
		if cap(d.Lines) > len(d.Lines)+1 {
			t.Errorf("Document(%.20q): %d lines in room for %d", in, len(d.Lines), cap(d.Lines))
		}
	}
}
