package udiff

import (
	"bufio"
	"bytes"
	"testing"
)

// TestReplaceUnnumbered checks the diffs that lineDiff writes without
// numbering the lines, where what follows the texts' common start and
// precedes their common end is empty on one side, or one line on each
// that differ, and that the lines are numbered in the next cases up.
func TestReplaceUnnumbered(t *testing.T) {
	defer func(h func(string) uint64) { hashLine = h }(hashLine)
	hash := hashLine
	hashed := 0
	hashLine = func(l string) uint64 { hashed++; return hash(l) }
	for _, tt := range []struct {
		old, new string
		want     string // without the "--- a\n+++ b\n" header
		numbered bool
	}{
		{old: "x\ny\nx\ny\n", new: "x\ny\n", want: "@@ -1,4 +1,2 @@\n x\n y\n-x\n-y\n"},
		{old: "a\nb\n", new: "b\n", want: "@@ -1,2 +1 @@\n-a\n b\n"},
		{old: "b\n", new: "a\nb\nc\n", want: "@@ -1 +1,3 @@\n+a\n b\n+c\n", numbered: true},
		{old: "1\n2\n3\n4\n5\n", new: "1\n2\n3\n4\n5\n6\n7\n", want: "@@ -3,3 +3,5 @@\n 3\n 4\n 5\n+6\n+7\n"},
		{old: "a", new: "a\n", want: "@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"},
		{old: "s\n" + long + "a\ne\n", new: "s\n" + long + "b\ne\n", want: "@@ -1,3 +1,3 @@\n s\n-" + long + "a\n+" + long + "b\n e\n"},
		{old: "s\n" + long, new: "s\n" + long + "\n", want: "@@ -1,2 +1,2 @@\n s\n-" + long + "\n\\ No newline at end of file\n+" + long + "\n"},
		{old: "a\nb\n", new: "b\nc\n", want: "@@ -1,2 +1,2 @@\n-a\n b\n+c\n", numbered: true},
		{old: "p\nq\n", new: "x\n", want: "@@ -1,2 +1 @@\n-p\n-q\n+x\n", numbered: true},
	} {
		want := "--- a\n+++ b\n" + tt.want
		for _, nt := range sides(tt.new) {
			hashed = 0
			var buf bytes.Buffer
			if err := (Options{}).write(&buf, "a", "b", tt.old, nt); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != want {
				t.Errorf("old %.20q, new %.20q, as lines %v: diff\n%.200s\nwant\n%.200s", tt.old, tt.new, nt.lines != nil, got, want)
			}
			if (hashed > 0) != tt.numbered {
				t.Errorf("old %.20q, new %.20q, as lines %v: %d lines hashed, want them numbered: %v", tt.old, tt.new, nt.lines != nil, hashed, tt.numbered)
			}
		}
	}
}

// TestOneLine checks oneLine, of a string and of a text.
func TestOneLine(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{{"", true}, {"a", true}, {"a\n", true}, {"\n", true}, {"a\nb", false}, {"\n\n", false}, {"a\r\n", true}, {"a\rb\r", true}} {
		for _, nt := range sides(tt.s) {
			if got := nt.oneLine(); got != tt.want {
				t.Errorf("%q as lines %v: oneLine = %v, want %v", tt.s, nt.lines != nil, got, tt.want)
			}
		}
	}
}

// TestOneLineKnown checks the diffs of texts that differ in one line of
// each (editScript.oneA): lineDiff gives the lengths of the two lines,
// and the hunk written with them is the one written when they are
// scanned for their ends, with the lines before and after them as
// context; the cursors end where they end then, at the same line and
// byte of each text (writeKnown moves them as writeLines does: nothing
// reads them after the one hunk of such a script today, so only this
// catches a cursor left behind).
func TestOneLineKnown(t *testing.T) {
	for _, tt := range []struct {
		old, new   string
		oneA, oneB int
	}{
		{old: "a\n", new: "b\n", oneA: 2, oneB: 2},
		{old: "a", new: "bc", oneA: 1, oneB: 2},
		{old: "abc\n", new: "d", oneA: 4, oneB: 1},
		{old: "1\n2\n3\n4\nxx\n5\n6\n7\n8\n", new: "1\n2\n3\n4\ny\n5\n6\n7\n8\n", oneA: 3, oneB: 2},
		{old: "1\n2\n3\n4\nxx", new: "1\n2\n3\n4\nyyy\n", oneA: 2, oneB: 4},
		{old: "1\n2\r\nxx\r\n5\r\n", new: "1\n2\r\ny\r\n5\r\n", oneA: 4, oneB: 3},
		{old: "s\n" + long + "a\ne\n", new: "s\n" + long + "b\ne\n", oneA: len(long) + 2, oneB: len(long) + 2},
	} {
		for _, nt := range sides(tt.new) {
			for _, ctx := range []int{0, 1, 3, 10} {
				sc, err := lineDiff(tt.old, nt)
				if err != nil {
					t.Fatal(err)
				}
				if sc.oneA != tt.oneA || sc.oneB != tt.oneB {
					t.Fatalf("old %.20q, new %.20q: oneA, oneB = %d, %d, want %d, %d", tt.old, tt.new, sc.oneA, sc.oneB, tt.oneA, tt.oneB)
				}
				write := func(sc editScript) (string, [4]int) {
					var buf bytes.Buffer
					bw := bufio.NewWriter(&buf)
					seg := sc.firstSegment(tt.old, nt, ctx)
					if err := sc.writeSegment(bw, &seg, ctx); err != nil {
						t.Fatal(err)
					}
					bw.Flush()
					return buf.String(), [4]int{seg.a.line, seg.a.off, seg.b.line, seg.b.off}
				}
				got, gotAt := write(sc)
				sc.oneA, sc.oneB = 0, 0
				want, wantAt := write(sc)
				if got != want {
					t.Errorf("old %.20q, new %.20q, as lines %v, context %d: hunk with the lines' ends known\n%.200q\nscanned for\n%.200q", tt.old, tt.new, nt.lines != nil, ctx, got, want)
				}
				if gotAt != wantAt {
					t.Errorf("old %.20q, new %.20q, as lines %v, context %d: cursors end at line, byte %v (old) %v (new) with the lines' ends known, at %v %v scanned for", tt.old, tt.new, nt.lines != nil, ctx, gotAt[:2], gotAt[2:], wantAt[:2], wantAt[2:])
				}
			}
		}
	}
}
