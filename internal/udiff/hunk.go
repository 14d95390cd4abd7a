package udiff

import (
	"bufio"
	"strconv"
)

const noNewline = "\n\\ No newline at end of file\n"

// A hunk is a run of changes close enough to share one: n of them, the
// first and the last, which from gives again in order. It keeps no list
// of them: one hunk can hold nearly every change of the texts (a line
// deleted in every five), and a list took 32 bytes a change.
type hunk struct {
	first, last change
	n           int
	from        changeIter // where the hunk's changes begin
}

// nextHunk returns the next hunk of changes, those at most 2*ctx
// unchanged lines apart, and moves changes past it; false when there is
// none.
//
// The hunk's changes are walked twice: here, to find its last change,
// and by writeHunk, to write them. Both walks are needed: the header,
// written first, gives the lines the hunk spans, which end with its last
// change, and one walk would have to keep the changes it passed, or the
// lines they write, until it finds that end, as many as the texts'
// changes for one hunk (see hunk). The second walk only reads the
// script's bits again: on BenchmarkWrite's dedupe-100k and clean-100k,
// callgrind counts 30M instructions in the changes nextHunk walks (one
// more a hunk, which it gives back) and 17M in those writeHunk walks,
// beside 58M in all of writeHunk.
func nextHunk(changes *changeIter, ctx int) (hunk, bool) {
	h := hunk{from: *changes}
	c, ok := changes.next()
	if !ok {
		return h, false
	}
	h.first, h.last, h.n = c, c, 1
	for {
		rest := *changes
		c, ok := changes.next()
		if !ok || c.a-h.last.aEnd() > 2*ctx {
			*changes = rest
			return h, true
		}
		h.last = c
		h.n++
	}
}

// writeHunk writes hunk h of script s with up to ctx lines of context
// around its changes. a and b are at or before the hunk's first lines in
// the old text and the new, and it moves them past its last. It returns
// the first error of the writer underneath bw, if any yet.
func writeHunk(bw *bufio.Writer, a, b *cursor, s *editScript, h hunk, ctx int) error {
	first, last := h.first, h.last
	// Before the first change and after the last one, the lines of both
	// texts are the same, so the context has the same size on both sides.
	before := min(ctx, first.a)
	after := min(ctx, s.lines-last.aEnd())
	a0, a1 := first.a-before, last.aEnd()+after
	b0, b1 := first.b-before, last.b+last.ins+after

	var buf [64]byte
	head := append(buf[:0], "@@ -"...)
	head = appendRange(head, a0, a1-a0)
	head = append(head, " +"...)
	head = appendRange(head, b0, b1-b0)
	head = append(head, " @@\n"...)
	if _, err := bw.Write(head); err != nil {
		return err
	}

	// The lines before the hunk not yet passed are unchanged.
	line, off := a.line, a.off
	a.skipTo(a0)
	b.follow(a, line, off)
	pos := a0
	cs := h.from
	for range h.n {
		c, _ := cs.next()
		writeSame(bw, a, b, c.a-pos)
		if s.oneA > 0 {
			// The script's one change, a line of each text whose
			// lengths lineDiff has found.
			writeKnown(bw, '-', a, s.oneA)
			writeKnown(bw, '+', b, s.oneB)
		} else {
			writeLines(bw, '-', a, c.del)
			writeLines(bw, '+', b, c.ins)
		}
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
	if c.lines != nil {
		for range n {
			bw.WriteByte(prefix)
			bw.WriteString(c.nextLine())
			bw.WriteString(c.end)
		}
		return
	}
	for range n {
		l := c.next()
		bw.WriteByte(prefix)
		bw.WriteString(l)
		if l[len(l)-1] != '\n' {
			bw.WriteString(noNewline)
		}
	}
}

// writeKnown writes the line at c, n bytes with its end, after the byte
// prefix, as writeLines writes one line, and moves c past it; the line of
// a string is not scanned for its end. (writeLines does not call a
// function shared with it for each line: too costly to be inlined, cost
// 189 where the budget is 80, it would be a call more a line.)
func writeKnown(bw *bufio.Writer, prefix byte, c *cursor, n int) {
	if c.lines != nil {
		writeLines(bw, prefix, c, 1)
		return
	}
	l := c.text[c.off : c.off+n]
	c.off += n
	c.line++
	bw.WriteByte(prefix)
	bw.WriteString(l)
	if l[n-1] != '\n' {
		bw.WriteString(noNewline)
	}
}
