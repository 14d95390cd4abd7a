package udiff

import (
	"math/bits"
	"strings"
)

// The diff never splits its texts into a slice of lines (16 bytes a line
// for each side, 17 MB for the 100 MB stream of bench/run.sh and its clean
// text): lines are numbered in one pass over each text (numberByHash),
// and every later reader walks them in order with a cursor. Only a new
// text given as its lines without their ends (WriteLines) is read as
// lines, by index.

// A text is the new side of a diff: the string s, or, when lines is not
// nil, each of lines followed by end, size bytes in all; end ends in '\n'
// and holds no other, and no line holds one (WriteLines). The old side is
// always a string.
type text struct {
	s     string
	lines []string
	end   string
	size  int
}

// linesText returns the text of lines, each followed by end.
func linesText(lines []string, end string) text {
	n := len(lines) * len(end)
	for _, l := range lines {
		n += len(l)
	}
	if lines == nil {
		lines = []string{}
	}
	return text{lines: lines, end: end, size: n}
}

// len returns the bytes of t.
func (t text) len() int {
	if t.lines != nil {
		return t.size
	}
	return len(t.s)
}

// countLines returns the lines of t.
func (t text) countLines() int {
	if t.lines != nil {
		return len(t.lines)
	}
	return countLines(t.s)
}

// trim returns t less its first p lines, pb bytes, and its last s lines,
// sb bytes.
func (t text) trim(p, pb, s, sb int) text {
	if t.lines != nil {
		return text{lines: t.lines[p : len(t.lines)-s], end: t.end, size: t.size - pb - sb}
	}
	return text{s: t.s[pb : len(t.s)-sb]}
}

// cursorAt returns a cursor at line, which starts at byte off, of t.
func (t text) cursorAt(line, off int) cursor {
	return cursor{text: t.s, lines: t.lines, end: t.end, line: line, off: off}
}

// oneLine reports whether t is one line or none.
func (t text) oneLine() bool {
	if t.lines != nil {
		return len(t.lines) <= 1
	}
	return oneLine(t.s)
}

// oneLine reports whether s is one line or none: it holds no '\n' but,
// maybe, its last byte.
func oneLine(s string) bool {
	i := strings.IndexByte(s, '\n')
	return i < 0 || i == len(s)-1
}

// equal reports whether old is t.
func (t text) equal(old string) bool {
	if t.lines == nil {
		return old == t.s
	}
	if len(old) != t.size {
		return false
	}
	off := 0
	for _, l := range t.lines {
		if !isLine(old[off:], l, t.end) {
			return false
		}
		off += len(l) + len(t.end)
	}
	return true
}

// isLine reports whether s starts with u followed by end.
func isLine(s, u, end string) bool {
	n := len(u)
	return len(s) >= n+len(end) && s[:n] == u && s[n:n+len(end)] == end
}

// noEnd is mixed into the hash of a line of the old text that does not
// end in the new text's line end (lineHash): its last line without one,
// or a line with another ("\n" where the new text's lines end in
// "\r\n"), which no line of the new text is equal to.
const noEnd = 0x9e3779b97f4a7c15

// lineHash returns the hash line l of the old text is numbered by, when
// the lines of the new text, each followed by end, are hashed without it:
// the hash of l less end, or, if l does not end in end, its own hash with
// noEnd mixed in. With end "", that of a new text given as a string, it is
// the hash of l.
//
// So WriteLines hashes other strings than Write does for the same texts,
// and the two write the same diff only as long as no two different lines
// share a hash (never expected: see numberByHash). A collision on a pair
// the diff matches is caught, and the lines numbered by their texts; one
// on a pair it never matches can still steer it to another edit script
// as short, right but not Write's: a throwaway test whose hash was the
// length mod 3 found such pairs within 400 random texts.
func lineHash(l, end string) uint64 {
	if n := len(l) - len(end); n >= 0 && l[n:] == end {
		return hashLine(l[:n])
	}
	return hashLine(l) ^ noEnd
}

// countLines returns the number of lines of s: one for each '\n', and one
// for what follows the last '\n', if anything.
func countLines(s string) int {
	n := strings.Count(s, "\n")
	if s != "" && s[len(s)-1] != '\n' {
		n++
	}
	return n
}

// lineAt returns the line of s that starts at off: up to and including the
// next '\n', or the rest of s. It is empty only at the end of s.
func lineAt(s string, off int) string {
	i := strings.IndexByte(s[off:], '\n') + 1
	if i == 0 {
		return s[off:]
	}
	return s[off : off+i]
}

// A cursor walks the lines of a text forward: line is the index of the
// line that starts at byte off. For a text of lines (see text), lines is
// not nil, a line is lines[line] without its end, end, and off is not
// used: such a cursor moves by index alone, as skipTo and back move it.
//
// A text of lines is read with nextLine, a string with next: one next for
// both, with a branch on lines, was too costly to be inlined (107 where
// the budget is 80), and called on every line it took 3.5% more
// instructions on BenchmarkWrite's dedupe-100k and clean-100k (callgrind,
// 1.72G against 1.66G). Callers branch once, outside their loops.
type cursor struct {
	text      string
	lines     []string
	end       string
	line, off int
}

// next returns the line at c, of a text given as a string, and moves c
// past it.
func (c *cursor) next() string {
	l := lineAt(c.text, c.off)
	c.off += len(l)
	c.line++
	return l
}

// nextLine returns the line at c, of a text given as lines, without its
// end, and moves c past it.
func (c *cursor) nextLine() string {
	l := c.lines[c.line]
	c.line++
	return l
}

// skipTo moves c forward to line i, if it is not there or past it yet.
func (c *cursor) skipTo(i int) {
	if c.lines != nil {
		c.line = max(c.line, i)
		return
	}
	for c.line < i {
		c.next()
	}
}

// back moves c back n lines, which there must be.
func (c *cursor) back(n int) {
	if c.lines != nil {
		c.line -= n
		return
	}
	for range n {
		c.off = strings.LastIndexByte(c.text[:c.off-1], '\n') + 1
		c.line--
	}
}

// follow moves c past the lines and bytes that lead has just moved past
// since it was at (line, off): lead walked the same lines in its own text.
func (c *cursor) follow(lead *cursor, line, off int) {
	c.line += lead.line - line
	c.off += lead.off - off
}

// commonEnds returns the lines that old and new share at their start (p
// lines, their first pb bytes) and, in what follows, at their end (s lines,
// their last sb bytes), found on the bytes: as the lines' own comparisons
// would, but the texts need not be split to find them. New given as lines
// is compared with old a line at a time.
func commonEnds(old string, new text) (p, pb, s, sb int) {
	if new.lines != nil {
		return commonEndsLines(old, new.lines, new.end)
	}
	return commonEndsString(old, new.s)
}

// commonEndsLines is commonEnds for new given as lines, each followed by
// end: a line of new, with its end, is one of old where old has its bytes
// from a line start on, as it has exactly one '\n', at its end.
func commonEndsLines(old string, new []string, end string) (p, pb, s, sb int) {
	for p < len(new) && isLine(old[pb:], new[p], end) {
		p, pb = p+1, pb+len(new[p])+len(end)
	}
	x, e := old[pb:], len(old)-pb // x[e:] is the common end so far
	for q := len(new); q > p; q-- {
		start := e - len(new[q-1]) - len(end)
		if start < 0 || !isLine(x[start:e], new[q-1], end) || start > 0 && x[start-1] != '\n' {
			break
		}
		s, e = s+1, start
	}
	return p, pb, s, len(x) - e
}

// commonEndsString is commonEnds for new given as a string.
func commonEndsString(old, new string) (p, pb, s, sb int) {
	m := commonPrefix(old, new)
	if m == len(old) && m == len(new) {
		return countLines(old), m, 0, 0
	}
	pb = strings.LastIndexByte(old[:m], '\n') + 1
	p = strings.Count(old[:pb], "\n")
	x, y := old[pb:], new[pb:]
	m = commonSuffix(x, y)
	// The common bytes start a line in both texts if they start either
	// text's rest or follow a '\n' in both; otherwise the suffix starts
	// after their first '\n', which is in both texts.
	start := len(x) - m
	atLine := func(t string, i int) bool { return i == 0 || t[i-1] == '\n' }
	if !atLine(x, start) || !atLine(y, len(y)-m) {
		if i := strings.IndexByte(x[start:], '\n'); i >= 0 {
			start += i + 1
		} else {
			start = len(x)
		}
	}
	sb = len(x) - start
	return p, pb, countLines(x[start:]), sb
}

// commonChunk is the size of the blocks that commonPrefix and commonSuffix
// compare whole before they look at single bytes.
const commonChunk = 256

// commonPrefix returns the length of the longest common prefix of x and y.
func commonPrefix(x, y string) int {
	n, m := 0, min(len(x), len(y))
	for n+commonChunk <= m && x[n:n+commonChunk] == y[n:n+commonChunk] {
		n += commonChunk
	}
	for n < m && x[n] == y[n] {
		n++
	}
	return n
}

// commonSuffix returns the length of the longest common suffix of x and y.
func commonSuffix(x, y string) int {
	n, m := 0, min(len(x), len(y))
	for n+commonChunk <= m && x[len(x)-n-commonChunk:len(x)-n] == y[len(y)-n-commonChunk:len(y)-n] {
		n += commonChunk
	}
	for n < m && x[len(x)-1-n] == y[len(y)-1-n] {
		n++
	}
	return n
}

// A bitset marks lines by their index.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

// set marks lines lo to hi-1, a word of 64 at a time.
func (s bitset) set(lo, hi int) {
	for lo < hi {
		w, shift := lo/64, lo%64
		n := min(hi-lo, 64-shift) // the lines to mark in word w
		s[w] |= (^uint64(0) >> (64 - n)) << shift
		lo += n
	}
}

// next returns the first marked line from i on, or -1.
func (s bitset) next(i int) int {
	w := i / 64
	if w >= len(s) {
		return -1
	}
	if x := s[w] >> (i % 64); x != 0 {
		return i + bits.TrailingZeros64(x)
	}
	for w++; w < len(s); w++ {
		if s[w] != 0 {
			return w*64 + bits.TrailingZeros64(s[w])
		}
	}
	return -1
}

// run returns how many lines in a row are marked from line i on.
func (s bitset) run(i int) int {
	n := 0
	for w := i / 64; w < len(s); w = (i + n) / 64 {
		shift := (i + n) % 64
		x := ^s[w] >> shift // the lines not marked, from i+n on
		if x != 0 {
			return n + bits.TrailingZeros64(x)
		}
		n += 64 - shift
	}
	return n
}
