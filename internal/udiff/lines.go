package udiff

import (
	"math/bits"
	"strings"
)

// The diff never splits its texts into a slice of lines (16 bytes a line
// for each side, 17 MB for the 100 MB stream of bench/run.sh and its clean
// text): lines are numbered in one pass over each text (numberByHash),
// and every later reader walks them in order with a cursor.

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
// line that starts at byte off.
type cursor struct {
	text      string
	line, off int
}

// next returns the line at c and moves c past it.
func (c *cursor) next() string {
	l := lineAt(c.text, c.off)
	c.off += len(l)
	c.line++
	return l
}

// skipTo moves c forward to line i, if it is not there or past it yet.
func (c *cursor) skipTo(i int) {
	for c.line < i {
		c.next()
	}
}

// back moves c back n lines, which there must be.
func (c *cursor) back(n int) {
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
// would, but the texts need not be split to find them.
func commonEnds(old, new string) (p, pb, s, sb int) {
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
