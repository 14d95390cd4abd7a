package udiff

import (
	"bufio"
	"strconv"
)

const noNewline = "\n\\ No newline at end of file\n"

// writeHunk writes the hunk made of changes cs, which are close enough to
// share one, with up to ctx lines of context around them. a and b are at
// or before the hunk's first lines in the old text, of lines lines, and the
// new, and it moves them past its last. It returns the first error of the
// writer underneath bw, if any yet.
func writeHunk(bw *bufio.Writer, a, b *cursor, lines int, cs []change, ctx int) error {
	first, last := cs[0], cs[len(cs)-1]
	// Before the first change and after the last one, the lines of both
	// texts are the same, so the context has the same size on both sides.
	before := min(ctx, first.a)
	after := min(ctx, lines-last.aEnd())
	a0, a1 := first.a-before, last.aEnd()+after
	b0, b1 := first.b-before, last.b+last.ins+after

	var buf [64]byte
	h := append(buf[:0], "@@ -"...)
	h = appendRange(h, a0, a1-a0)
	h = append(h, " +"...)
	h = appendRange(h, b0, b1-b0)
	h = append(h, " @@\n"...)
	if _, err := bw.Write(h); err != nil {
		return err
	}

	// The lines before the hunk not yet passed are unchanged.
	line, off := a.line, a.off
	a.skipTo(a0)
	b.follow(a, line, off)
	pos := a0
	for _, c := range cs {
		writeSame(bw, a, b, c.a-pos)
		writeLines(bw, '-', a, c.del)
		writeLines(bw, '+', b, c.ins)
		pos = c.aEnd()
	}
	writeSame(bw, a, b, a1-pos)
	return nil
}

// appendRange appends the range of n lines from index start as GNU diff
// writes it: "l,n" with l counted from 1, just "l" when n is 1, and, when n
// is 0, "l,0" where l is the line before the range.
func appendRange(b []byte, start, n int) []byte {
	if n == 0 {
		b = strconv.AppendInt(b, int64(start), 10)
		return append(b, ",0"...)
	}
	b = strconv.AppendInt(b, int64(start+1), 10)
	if n == 1 {
		return b
	}
	b = append(b, ',')
	return strconv.AppendInt(b, int64(n), 10)
}

// writeSame writes the next n lines of a, unchanged lines, as context,
// and moves b past the same lines of its text.
func writeSame(bw *bufio.Writer, a, b *cursor, n int) {
	line, off := a.line, a.off
	writeLines(bw, ' ', a, n)
	b.follow(a, line, off)
}

// writeLines writes the next n lines of c, each after the byte prefix.
// Errors stay in bw.
func writeLines(bw *bufio.Writer, prefix byte, c *cursor, n int) {
	for range n {
		l := c.next()
		bw.WriteByte(prefix)
		bw.WriteString(l)
		if l[len(l)-1] != '\n' {
			bw.WriteString(noNewline)
		}
	}
}
