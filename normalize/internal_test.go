package normalize

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestAlwaysNFC checks the fast path of unicodeForm: every character it lets
// through is in NFC and never composes with the one before it, so any
// string of them is in NFC.
func TestAlwaysNFC(t *testing.T) {
	for r := rune(0); r <= 0x10ffff; r++ {
		s := string(r)
		if !alwaysNFC(s, 0) {
			continue
		}
		if !norm.NFC.IsNormalString(s) || !norm.NFC.PropertiesString(s).BoundaryBefore() {
			t.Errorf("alwaysNFC accepts %U, which NFC can change or compose", r)
		}
	}
	if alwaysNFC("e\u0301", 0) {
		t.Error("alwaysNFC accepts a combining mark")
	}
}

// quietOptions are option sets that switch on more than the defaults:
// a quiet line must come through all of them unchanged.
var quietOptions = []Options{{}, {NFKC: true}, {ASCIIPunct: true}, {WHATWGEntities: true}}

// quiet reports whether line s is quiet (see quietPrefix).
func quiet(s string) bool {
	_, ok := quietPrefix(s)
	return ok
}

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

// leftQuietOptions are option sets for checkLeftQuiet: those of
// quietOptions, and each without one of the rules leftQuiet needs.
var leftQuietOptions = append(slices.Clip(quietOptions), Options{Skip: Set(Trim)}, Options{Skip: Set(CollapseSpaces)})

// checkLeftQuiet fails t if, once the rules have made s into a line,
// leftQuiet says their last pass left it quiet but quiet finds it is not,
// under any of leftQuietOptions.
func checkLeftQuiet(t *testing.T, s string) {
	t.Helper()
	for _, opts := range leftQuietOptions {
		n := New(opts)
		if got := n.rules(s, new(Counts), nil); n.leftQuiet() && !quiet(got) {
			t.Fatalf("the rules (%+v) make %q %q, which leftQuiet finds quiet and quiet does not", opts, s, got)
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
		checkLeftQuiet(t, tt.s)
	}
	// Every ASCII byte, alone, between letters, doubled and at the ends.
	for b := 0; b < 0x80; b++ {
		c := string(rune(b))
		for _, s := range []string{c, "a" + c + "b", c + c, "a" + c, c + "a", "a" + c + c + "b", " a" + c + "  b	"} {
			checkQuiet(t, s)
			checkLeftQuiet(t, s)
		}
	}
}

// quietBytes is quiet a byte at a time, as quietPrefix's comment defines it.
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

// TestQuietWords checks quietPrefix, which reads sixteen bytes at a time
// and then eight, against quietBytes and a byte at a time
// (checkQuietPrefix): every byte value, and two spaces, at every place in
// lines of 1 to 40 bytes, so at every place in a word, across the edges
// of words and of pairs of words, and in the bytes after the last word.
func TestQuietWords(t *testing.T) {
	check := func(s []byte) { checkQuietPrefix(t, string(s)) }
	forOddByteLines(func(s []byte, _ int) { check(s) })
	for n := 2; n <= 40; n++ {
		for i := range n - 1 {
			s := []byte(strings.Repeat("a", n))
			s[i], s[i+1] = ' ', ' '
			check(s)
		}
	}
}

// forOddByteLines calls f with every line of 1 to 40 bytes that is "a"s
// but for one byte, of every value, at every place i: so at every place
// of the eight or sixteen bytes that the functions it tests read at a
// time, and across their edges.
func forOddByteLines(f func(s []byte, i int)) {
	for n := 1; n <= 40; n++ {
		for i := range n {
			for b := 0; b < 256; b++ {
				s := []byte(strings.Repeat("a", n))
				s[i] = byte(b)
				f(s, i)
			}
		}
	}
}

// checkQuietPrefix checks what quietPrefix returns: whether s is quiet,
// against quietBytes, and the prefix where the stages start, against a
// byte at a time.
func checkQuietPrefix(t *testing.T, s string) {
	clean, ok := quietPrefix(s)
	want := 0
	if s != "" && !isBlank(s[0]) && !isBlank(s[len(s)-1]) {
		for want < len(s) && plain[s[want]] && (s[want] != ' ' || want == 0 || s[want-1] != ' ') {
			want++
		}
	}
	if clean != want || ok != quietBytes(s) {
		t.Helper()
		t.Fatalf("quietPrefix(%q) = %d, %v, want %d, %v", s, clean, ok, want, quietBytes(s))
	}
}

// TestASCIIRuns checks asciiEnd and plainEnd, which read eight or
// sixteen bytes at a time, against a byte at a time: every byte value at
// every place of lines of 1 to 40 bytes, from every start.
func TestASCIIRuns(t *testing.T) {
	forOddByteLines(func(s []byte, i int) {
		n, b := len(s), s[i]
		for from := 0; from <= n; from++ {
			want := n
			if from <= i && b >= 0x80 {
				want = i
			}
			if got := asciiEnd(string(s), from); got != want {
				t.Fatalf("asciiEnd(%q, %d) = %d, want %d", s, from, got, want)
			}
			if from <= i && !plain[b] {
				want = i
			} else {
				want = n
			}
			if got := plainEnd(string(s), from); got != want {
				t.Fatalf("plainEnd(%q, %d) = %d, want %d", s, from, got, want)
			}
		}
	})
}

// TestWordsBytePairs checks quietPrefix and plainEnd, which test eight
// bytes at once with additions that can carry from one byte into the
// next, on every pair of byte values side by side at every place of
// lines of 16 and 33 bytes (so in each of quietPrefix's loops, and on
// the byte after the eight-byte loop's word), the rest "a"s or "a "s
// ending with an "a", and on two spaces with every byte value after them
// (with -short, "a "s and 32 bytes only, which reach as much): a byte
// from 0x80 on carries or borrows, and must not hide itself or its
// neighbour.
func TestWordsBytePairs(t *testing.T) {
	for _, base := range pairBases([]int{16, 33}, 32) {
		n := len(base)
		forBytePairs(base, func(s []byte, i int) {
			checkQuietPrefix(t, string(s))
			want := n // base is all plain
			if !plain[s[i]] {
				want = i
			} else if !plain[s[i+1]] {
				want = i + 1
			}
			if got := plainEnd(string(s), 0); got != want {
				t.Fatalf("plainEnd(%q, 0) = %d, want %d", s, got, want)
			}
		})
		for i := range n - 2 {
			for b := range 256 {
				s := []byte(base)
				s[i], s[i+1], s[i+2] = ' ', ' ', byte(b)
				checkQuietPrefix(t, string(s))
			}
		}
	}
}

// TestSpacePair checks spacePair, which reads sixteen bytes at a time,
// against strings.Index: every pair of byte values side by side at every
// place of lines of 17 and 34 bytes (one and two rounds of its loop, and
// the bytes after), the rest "a"s or "a "s ending with an "a", searched
// from the start, from the pair and from just after its first byte (with
// -short, "a "s and 17 bytes only).
func TestSpacePair(t *testing.T) {
	for _, base := range pairBases([]int{17, 34}, 17) {
		forBytePairs(base, func(s []byte, i int) {
			text := string(s)
			for _, from := range []int{0, i, i + 1} {
				checkSpacePair(t, text, from)
			}
		})
	}
}

// pairBases returns the lines that forBytePairs writes pairs of bytes
// into: "a"s and "a "s of each of lengths, or with -short "a "s of the
// short length only (every pair at every place of a line is 65536 calls
// a place). Each ends with an "a": quietPrefix reads no further a line
// that ends with a space.
func pairBases(lengths []int, short int) []string {
	fills := []string{"a", "a "}
	if testing.Short() {
		fills, lengths = fills[1:], []int{short}
	}
	var bases []string
	for _, fill := range fills {
		for _, n := range lengths {
			bases = append(bases, strings.Repeat(fill, n)[:n-1]+"a")
		}
	}
	return bases
}

// forBytePairs calls f with base but for the bytes at i and i+1, for
// every pair of byte values at every place i.
func forBytePairs(base string, f func(s []byte, i int)) {
	for i := range len(base) - 1 {
		s := []byte(base)
		for pair := range 1 << 16 {
			s[i], s[i+1] = byte(pair), byte(pair>>8)
			f(s, i)
		}
	}
}

// checkSpacePair fails t unless spacePair(s, from) is what strings.Index
// finds. It marks itself a helper only when it fails, as checkQuietPrefix
// does: t.Helper walks the stack, and called on every one of their
// millions of calls it took TestSpacePair from 1.2 to 6.1 s and
// TestWordsBytePairs from 1.0 to 3.1 s.
func checkSpacePair(t *testing.T, s string, from int) {
	want := strings.Index(s[from:], "  ")
	if want >= 0 {
		want += from
	}
	if got := spacePair(s, from); got != want {
		t.Helper()
		t.Fatalf("spacePair(%q, %d) = %d, want %d", s, from, got, want)
	}
}

// FuzzSpacePair checks spacePair against strings.Index on any text.
func FuzzSpacePair(f *testing.F) {
	f.Add("two  spaces", 0)
	f.Add("a  b       c", 2)
	f.Fuzz(func(t *testing.T, s string, from int) {
		if from < 0 || from > len(s) {
			return
		}
		checkSpacePair(t, s, from)
	})
}

// FuzzQuiet checks the fast paths of Line on any input: a line quiet
// accepts, the rules leave unchanged, quiet agrees with quietBytes, and
// a pass that leftQuiet finds left its line quiet did.
func FuzzQuiet(f *testing.F) {
	for _, s := range []string{"a b", "x\ty", "&amp; lt;", "one two  three", "A quiet line (of text): 1, 2, 3."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkQuietPrefix(t, s) // and quiet against quietBytes
		checkQuiet(t, s)
		checkLeftQuiet(t, s)
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

// ruleSamples are lines of valid UTF-8 that some per-line rule changes:
// each line rule changes at least one of them.
var ruleSamples = []string{
	"a &amp; b", "red \x1b[31mtext", "a\x01b", "zero\u200bwidth", "no\u00a0break",
	"\uff21\uff22\uff23", "\ufb01ne", "\u201cquoted\u201d \u2014 dash", "e\u0301", " padded ",
	"two  spaces", "It\u00e2\u20ac\u2122s", "\u00c3\u00a9t\u00c3\u00a9",
}

// documentRules are the rules that do not change a line's text, but for
// InvalidUTF8, which the fast path of Line applies: every other rule is
// in lineRules.
var documentRules = []Rule{InvalidUTF8, BOM, Newlines, BlankLines, Hyphenation}

// TestValidOnly checks the fast path of Line for options under which no
// rule but InvalidUTF8 changes a line's text: each rule is in lineRules or
// documentRules, not both, so a new rule cannot be left out of lineRules
// unnoticed; New sets validOnly exactly when no rule on changes one of
// ruleSamples, so each rule of lineRules has a sample and none of
// documentRules changes one; and under it Line gives what the full rules
// give, counts included, invalid UTF-8 too.
func TestValidOnly(t *testing.T) {
	for _, r := range Rules() {
		if slices.Contains(lineRules[:], r) == slices.Contains(documentRules, r) {
			t.Errorf("%v is in lineRules: %v, in documentRules: %v; it must be in one", r, slices.Contains(lineRules[:], r), slices.Contains(documentRules, r))
		}
	}
	for _, r := range Rules() {
		opts := Options{Skip: Except(r), ASCIIPunct: true}
		n := New(opts)
		changes := false
		for _, s := range ruleSamples {
			if n.rules(s, new(Counts), nil) != s {
				changes = true
			}
		}
		if n.validOnly == changes {
			t.Errorf("only %v on: validOnly %v, but the rules change a sample: %v", r, n.validOnly, changes)
		}
	}
	samples := append([]string{"", "plain", "\xff", "caf\xc3", "a\xe2\x80b"}, ruleSamples...)
	for _, opts := range validOnlyOptions {
		for _, s := range samples {
			checkValidOnly(t, opts, s)
		}
	}
}

// validOnlyOptions are option sets that switch on no rule that changes a
// line's text, InvalidUTF8 aside.
var validOnlyOptions = []Options{
	{Skip: Except()},
	{Skip: Except(BOM, Newlines, BlankLines, Hyphenation)},
	{Skip: Except(), Strict: true, NFKC: true, WHATWGEntities: true},
}

// checkValidOnly fails t unless opts gives a Normalizer on the fast path
// whose Line and LineOffsets agree with the full rules on s.
func checkValidOnly(t *testing.T, opts Options, s string) {
	t.Helper()
	n := New(opts)
	if !n.validOnly {
		t.Fatalf("%+v: validOnly not set", opts)
	}
	var got, want Counts
	if l, r := n.line(s, &got, nil), n.rules(s, &want, nil); l != r || got != want {
		t.Fatalf("%+v: line(%q) = %q, %v; the rules give %q, %v", opts, s, l, got, r, want)
	}
	out, m := n.LineOffsets(s)
	var full Offsets
	n.rules(s, new(Counts), &full)
	for i := 0; i <= len(out); i++ {
		if m.Start(i) != full.Start(i) || m.End(i) != full.End(i) {
			t.Fatalf("%+v: LineOffsets(%q) maps %d to %d-%d; the rules to %d-%d", opts, s, i, m.Start(i), m.End(i), full.Start(i), full.End(i))
		}
	}
}

// FuzzValidOnly checks the fast path of Line for options that switch off
// every rule that changes a line's text on any input: Line gives what
// the full rules give.
func FuzzValidOnly(f *testing.F) {
	for _, s := range append([]string{"\xff", "a\xc3", "\xef\xbb\xbf"}, ruleSamples...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, opts := range validOnlyOptions {
			checkValidOnly(t, opts, s)
		}
	})
}

// TestValidUTF8 checks validUTF8, which checks pieces of a text on
// several goroutines, against utf8.ValidString with the threshold at
// nothing on 2 to 8 goroutines: on every prefix and suffix of texts of
// one to four byte characters, runs of continuation bytes and cut short
// sequences, so that the cuts fall on every byte of each.
func TestValidUTF8(t *testing.T) {
	texts := []string{
		"ab\u00e9\u20ac\U0001F600cd\u00e9\u00e9\u20ac\u20ac\U0001F600\U0001F600x",
		"a\x80\x80\x80\x80\x80\x80b\u00e9",
		"\u20ac\xe2\x82a\U0001F600\xf0\x9f\x98b\xc3\u00e9",
		strings.Repeat("\u00e9", 20), strings.Repeat("\U0001F600", 10) + "\xff",
	}
	for procs := 2; procs <= 8; procs++ {
		restore := withParallel(0, procs)
		for _, text := range texts {
			for i := range len(text) + 1 {
				for _, s := range []string{text[:i], text[i:]} {
					if got, want := validUTF8(s), utf8.ValidString(s); got != want {
						restore()
						t.Fatalf("validUTF8(%q) on %d goroutines = %v, want %v", s, procs, got, want)
					}
				}
			}
		}
		restore()
	}
}

// FuzzValidUTF8 checks validUTF8 against utf8.ValidString on any text,
// on three goroutines with the threshold at nothing.
func FuzzValidUTF8(f *testing.F) {
	f.Add("caf\u00e9 \u20ac \U0001F600")
	f.Add("a\x80\x80\x80\x80b")
	f.Fuzz(func(t *testing.T, s string) {
		defer withParallel(0, 3)()
		if got, want := validUTF8(s), utf8.ValidString(s); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestDocumentTooLarge checks that Document refuses an input of more than
// maxInput bytes, whose offsets a Line could not hold, and takes one of
// exactly maxInput bytes.
func TestDocumentTooLarge(t *testing.T) {
	defer func(m int) { maxInput = m }(maxInput)
	maxInput = 8
	n := New(Options{})
	if _, err := n.Document("12345678\n"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("9 bytes: err = %v, want ErrTooLarge", err)
	}
	d, err := n.Document("1234\n567")
	if err != nil {
		t.Fatalf("8 bytes: %v", err)
	}
	if l := d.Lines[1]; l.Start != 5 || l.End != 8 || d.Text(1) != "567" {
		t.Errorf("8 bytes: second line %+v, %q", l, d.Text(1))
	}
}

// TestRulesChainBuffers checks lines that one stage shortens and a later
// stage lengthens (NFC writes क़, U+0958, as two characters: 3 bytes
// become 6), so that the later stage's text outgrows the one it reads:
// rules must have it write into the other of n.bufs, or it overwrites
// what it has still to read. Each line's text must also outlive the
// next line's, from Line (a copy of its own) and from Document (in the
// chunk's arena).
func TestRulesChainBuffers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"&amp; \u0958\u0958abc def", "& \u0915\u093c\u0915\u093cabc def"},                             // entity, then NFC
		{"\u00c3\u00a9 \u0958\u0958\u0958 x y z", "\u00e9 \u0915\u093c\u0915\u093c\u0915\u093c x y z"}, // mojibake, then NFC
		{"caf\xc3 \u0958\u0958 abc", "caf\ufffd \u0915\u093c\u0915\u093c abc"},                         // invalid UTF-8, then NFC
		{"x\u00a0 \u0958\u0958abc", "x \u0915\u093c\u0915\u093cabc"},                                   // spaces, then NFC
	}
	n := New(Options{})
	var got []string
	var in strings.Builder
	for _, tt := range tests {
		got = append(got, n.Line(tt.in, nil))
		in.WriteString(tt.in + "\n")
	}
	d, err := n.Document(in.String())
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		if got[i] != tt.want {
			t.Errorf("Line(%+q) = %+q, want %+q", tt.in, got[i], tt.want)
		}
		if d.Text(i) != tt.want {
			t.Errorf("Document: line %d, %+q, is %+q, want %+q", i+1, tt.in, d.Text(i), tt.want)
		}
	}
}
