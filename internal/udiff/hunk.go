package udiff

import (
	"bufio"
	"strconv"
)

const noNewline = "\n\\ No newline at end of file\n"

// writeHunk writes the hunk made of changes cs of the lines a and b, which
// are close enough to share one, with up to ctx lines of context around them.
// It returns the first error of the writer underneath bw, if any yet.
func writeHunk(bw *bufio.Writer, a, b []string, cs []change, ctx int) error {
	first, last := cs[0], cs[len(cs)-1]
	// Before the first change and after the last one, the lines of both
	// texts are the same, so the context has the same size on both sides.
	before := min(ctx, first.a)
	after := min(ctx, len(a)-last.aEnd())
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

	pos := a0
	for _, c := range cs {
		writeLines(bw, ' ', a[pos:c.a])
		writeLines(bw, '-', a[c.a:c.aEnd()])
		writeLines(bw, '+', b[c.b:c.b+c.ins])
		pos = c.aEnd()
	}
	writeLines(bw, ' ', a[pos:a1])
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

// writeLines writes lines, each after the byte prefix. Errors stay in bw.
func writeLines(bw *bufio.Writer, prefix byte, lines []string) {
	for _, l := range lines {
		bw.WriteByte(prefix)
		bw.WriteString(l)
		if l[len(l)-1] != '\n' {
			bw.WriteString(noNewline)
		}
	}
}
