package udiff

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// splitLines splits s after each '\n'. Every line ends in '\n' except
// possibly the last, which holds what follows the final newline; no line is
// empty, and an empty s has no lines.
func splitLines(s string) []string {
	var lines []string
	for s != "" {
		l := lineAt(s, 0)
		lines = append(lines, l)
		s = s[len(l):]
	}
	return lines
}

// TestCommonEnds checks commonEnds against the lines' own comparisons: the
// leading lines equal in both texts, then the trailing lines equal in what
// is left.
func TestCommonEnds(t *testing.T) {
	pairs := [][2]string{
		{"", "a"}, {"a", "a\n"}, {"a\n", "a\nb"}, {"ab\n", "ab\nab\n"}, {"xa\n", "ya\n"},
		{"b\n", "ab\n"}, {"a\nb\n", "a\nc\nb\n"}, {"a\nb", "a\nc\nb"}, {"x\n", "y\nx\n"},
		{"a\nb\nc\n", "a\nc\n"}, {"a\na\na\n", "a\na\n"}, {"\n\n", "\n"}, {"q", "pq"},
		{strings.Repeat("long line\n", 100) + "x\n" + strings.Repeat("tail\n", 90), strings.Repeat("long line\n", 100) + "y\n" + strings.Repeat("tail\n", 90)},
	}
	r := rand.New(rand.NewPCG(31, 32))
	for range 2000 {
		old, new := randomPair(r)
		pairs = append(pairs, [2]string{old, new})
	}
	for _, pair := range pairs {
		for _, pair := range [][2]string{pair, {pair[1], pair[0]}} {
			old, new := pair[0], pair[1]
			a, b := splitLines(old), splitLines(new)
			wp := 0
			for wp < len(a) && wp < len(b) && a[wp] == b[wp] {
				wp++
			}
			ws := 0
			for ws < len(a)-wp && ws < len(b)-wp && a[len(a)-1-ws] == b[len(b)-1-ws] {
				ws++
			}
			for _, nt := range sides(new) {
				p, pb, s, sb := commonEnds(old, nt)
				if p != wp || s != ws || pb != len(strings.Join(a[:wp], "")) || sb != len(strings.Join(a[len(a)-ws:], "")) {
					t.Fatalf("commonEnds(%q, %q as lines %v, end %q) = %d, %d, %d, %d; want %d lines, %d lines", old, new, nt.lines != nil, nt.end, p, pb, s, sb, wp, ws)
				}
			}
		}
	}
}

// sides returns new as the kinds of text a diff takes: a string, and, if
// new is empty or ends in '\n', its lines less each one's end for every
// end all of them have, '\n' or "\r\n" (WriteLines).
func sides(new string) []text {
	return append([]text{{s: new}}, lineForms(new)...)
}

// lineForms returns new as lines less each one's end, for each of the
// ends '\n' and "\r\n" that all of its lines end in.
func lineForms(new string) []text {
	var forms []text
	for _, end := range []string{"\n", "\r\n"} {
		lines, ok := []string{}, true
		for _, l := range splitLines(new) {
			if !strings.HasSuffix(l, end) {
				ok = false
				break
			}
			lines = append(lines, l[:len(l)-len(end)])
		}
		if ok {
			forms = append(forms, linesText(lines, end))
		}
	}
	return forms
}

// TestCursor checks that a cursor walks the lines that splitLines finds
// (less their end, for lines given without it), that back undoes skipTo,
// that skipTo a line it is past leaves a cursor where it is, and that
// follow moves one cursor as another moved over the same text.
func TestCursor(t *testing.T) {
	for _, s := range []string{"", "a", "a\n", "\n\n", "a\nbc\n\nd", "a\r\n\r\n", strings.Repeat("line\n", 300)} {
		want := splitLines(s)
		if countLines(s) != len(want) {
			t.Errorf("countLines(%q) = %d, want %d", s, countLines(s), len(want))
		}
		for _, st := range sides(s) {
			lines := st.lines != nil
			if st.countLines() != len(want) || st.len() != len(s) {
				t.Errorf("%q as lines %v: %d lines, %d bytes", s, lines, st.countLines(), st.len())
			}
			// read returns the next line of c, with its end.
			read := func(c *cursor) string {
				if lines {
					return c.nextLine() + c.end
				}
				return c.next()
			}
			var got []string
			c := st.cursorAt(0, 0)
			for lines && c.line < len(want) || !lines && c.off < len(s) {
				got = append(got, read(&c))
			}
			if !slices.Equal(got, want) || c.line != len(want) {
				t.Errorf("cursor over %q (end %q): %q, %d lines; want %q", s, st.end, got, c.line, want)
			}
			for i := range len(want) + 1 {
				// A cursor of lines skips to a line by its index and
				// counts no bytes on the way: only its line is checked.
				lead, follower := st.cursorAt(0, 0), st.cursorAt(0, 0)
				lead.skipTo(i)
				follower.follow(&lead, 0, 0)
				if follower.line != lead.line || follower.off != lead.off || lead.line != i || !lines && lead.off != len(strings.Join(want[:i], "")) {
					t.Errorf("%q: skipTo(%d) at line %d, byte %d; follow at line %d, byte %d", s, i, lead.line, lead.off, follower.line, follower.off)
				}
				still := lead
				still.skipTo(i / 2) // a line it is past: it stays
				if still.line != lead.line || still.off != lead.off {
					t.Errorf("%q: skipTo(%d) from line %d moved to line %d, byte %d", s, i/2, i, still.line, still.off)
				}
				for k := range i + 1 {
					back, at := lead, st.cursorAt(0, 0)
					back.back(k)
					at.skipTo(i - k)
					if back.line != at.line || !lines && back.off != at.off {
						t.Errorf("%q: back(%d) from line %d at line %d, byte %d; want line %d, byte %d", s, k, i, back.line, back.off, at.line, at.off)
					}
					if back.line < len(want) && read(&back) != want[i-k] {
						t.Errorf("%q: back(%d) from line %d is not at line %d", s, k, i, i-k)
					}
				}
			}
		}
	}
}

// TestBitset checks next and run against a plain slice of marks.
func TestBitset(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	for range 300 {
		n := r.IntN(300)
		marks := make([]bool, n)
		s := newBitset(n)
		for range r.IntN(8) {
			lo := r.IntN(n + 1)
			hi := lo + r.IntN(n-lo+1)
			s.set(lo, hi)
			for i := lo; i < hi; i++ {
				marks[i] = true
			}
		}
		for i := range n + 1 {
			next := -1
			for k := i; k < n; k++ {
				if marks[k] {
					next = k
					break
				}
			}
			run := 0
			for i+run < n && marks[i+run] {
				run++
			}
			if s.next(i) != next || s.run(i) != run {
				t.Fatalf("marks %v from %d: next %d, run %d; want %d, %d", marks, i, s.next(i), s.run(i), next, run)
			}
		}
	}
}

// TestNumberingUnmatched numbers texts with no line in common: the
// lines of b, found nowhere in a, all get the one id after a's, and the
// table, made for a's lines alone (2,048 slots for 1,000), does not grow.
func TestNumberingUnmatched(t *testing.T) {
	var a, b strings.Builder
	for i := range 1000 {
		a.WriteString("a" + strconv.Itoa(i%700) + "\n")
		b.WriteString("b" + strconv.Itoa(i%300) + "\n")
	}
	b.WriteString("a5\n")
	h := numberByHash(a.String(), 1000, text{s: b.String()}, 1001)
	x := numberByText(a.String(), 1000, text{s: b.String()}, 1001)
	want := append(slices.Repeat([]int32{700}, 1000), 5)
	if h.n != 701 || x.n != 701 || !slices.Equal(h.a, x.a) || !slices.Equal(h.b, want) || !slices.Equal(x.b, want) || len(h.spare) != 2048 {
		t.Fatalf("by hash %d ids, %d spare, b %v; by text %d ids, b %v", h.n, len(h.spare), h.b[995:], x.n, x.b[995:])
	}
}
