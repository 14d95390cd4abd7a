package udiff

import (
	"errors"
	"math"
	"strings"
)

// A change replaces del lines of the old text, from index a, by ins lines of
// the new text, from index b. It is one step of the edit script, as in GNU
// diff: a change is never empty and is followed by an unchanged line or by
// the end of both texts.
type change struct {
	a, b     int
	del, ins int
}

func (c change) aEnd() int { return c.a + c.del }

// maxMyers is the largest gap, in lines of both texts together, that go-diff
// diffs whole; larger gaps are split at anchors first, or, when they have
// none, diffed window by window. A variable so tests can lower it.
var maxMyers = 4000

// maxDepth bounds the nesting of anchor splits, so that a line is scanned in
// search of anchors at most this many times. A variable so tests can lower it.
var maxDepth = 32

// An editScript is an edit script: the lines of the old text that it deletes
// and those of the new text that it inserts, one bit a line; the other
// lines pair up in order, unchanged. (A list of changes took 32 bytes a
// change: 16 MB with its growth for the 100 MB stream of bench/run.sh.)
type editScript struct {
	del, ins bitset
	lines    int // the lines of the old text
	// The texts share their first p lines, pb bytes: the first change is
	// at line p of both.
	p, pb int
	// When not nil, where every 1<<markShift-th line of the old and the
	// new text starts, from line p on, less pb: what writeSegments needs.
	marksA, marksB []int
	// When the script replaces one line of each text, line p, and
	// nothing else (see lineDiff), oneA and oneB are the bytes of
	// those lines, found when lineDiff scanned them for a '\n'; else
	// 0. writeHunk writes the two lines with these ends, not scanning
	// them again for one, which was half the time of such a diff:
	// huge-paragraph's diff in BenchmarkAdversarial, a line of 1 MB or
	// 10 MB each side, took 0.195 -> 0.121 ms and 3.66 -> 1.88 ms of
	// CPU (minimums of 8, load 2-3). Its 10 MB still takes 15.6-17.8x the
	// time of its 1 MB: all it does is scan each line once, and
	// strings.IndexByte alone scanned 20 MB in 21-28x the time of 2 MB
	// (2 MB stay in the caches from one run to the next, 20 MB do not).
	oneA, oneB int
}

// changes returns the changes of s, in order.
func (s *editScript) changes() changeIter { return changeIter{s: s} }

// A changeIter walks the changes of a script.
type changeIter struct {
	s    *editScript
	i, j int // the lines of the old and the new text after the last change
}

// next returns the next change, if there is one.
func (it *changeIter) next() (c change, ok bool) {
	da, db := it.s.del.next(it.i), it.s.ins.next(it.j)
	if da < 0 && db < 0 {
		return change{}, false
	}
	// The unchanged lines before the change are as many in both texts.
	same := math.MaxInt
	if da >= 0 {
		same = da - it.i
	}
	if db >= 0 {
		same = min(same, db-it.j)
	}
	c.a, c.b = it.i+same, it.j+same
	c.del, c.ins = it.s.del.run(c.a), it.s.ins.run(c.b)
	it.i, it.j = c.aEnd(), c.b+c.ins
	return c, true
}

// lineDiff returns the script that turns the text old into new. It trims
// the common leading and trailing lines, splits what is left into gaps at
// anchors, and has go-diff diff the gaps; every line matched on the way is
// checked against the texts.
//
// What is left once the common lines are trimmed is not numbered when no
// line of it can be matched: when one side is empty, or when each is one
// line (they differ, or they would have been trimmed). Then every line is
// deleted or inserted, and numbering them would hash each line only to
// find that. Deduplication leaves the first case often (a repeat of the
// text's end removed: tiny-repeated in BenchmarkAdversarial, whose second
// half is its first), and one long line on each side is a paragraph on one
// line that lost a sentence (huge-paragraph). Instructions a diff
// (cachegrind, GOMAXPROCS 2, GOGC=off): tiny-repeated 38.9M → 16.4M at
// 1 MB and 329.8M → 143.1M at 10 MB, where the lookups of its 669k lines
// in the 8 MB table of ids had missed a simulated 1 MiB cache 765k times
// (35k times for 76k lines at 1 MB: the misses grew 22x);
// huge-paragraph 2.75M → 0.91M and 31.7M → 8.9M (its line was hashed,
// counted, and, at 10 MB, scanned once more for where to cut the shares).
func lineDiff(old string, new text) (editScript, error) {
	p, pb, s, sb := commonEnds(old, new)
	a, b := old[pb:len(old)-sb], new.trim(p, pb, s, sb)
	// No line of a can be matched with one of b: the diff replaces them
	// all, and the lines are not numbered.
	switch {
	case a == "" || b.len() == 0:
		return replaceAll(p, pb, countLines(a), b.countLines(), s), nil
	case oneLine(a) && b.oneLine() && !b.equal(a):
		sc := replaceAll(p, pb, 1, 1, s)
		sc.oneA, sc.oneB = len(a), b.len()
		return sc, nil
	}
	var na, nb int
	var sh *lineShares // the lines' shares, when they are counted and hashed on several goroutines
	if n := workers(len(a) + b.len()); n > 1 {
		sh = newLineShares(a, b, n)
		na, nb = sh.na, sh.nb
	} else {
		na, nb = countLines(a), b.countLines()
	}
	if na+nb >= math.MaxInt32 {
		// Too many lines to number with int32: replace them all, which is
		// still a correct diff.
		return replaceAll(p, pb, na, nb, s), nil
	}
	number := numberByHash
	if sh != nil {
		number = func(string, int, text, int) numbering { return sh.number() }
	}
	d := newDiffer(a, na, b, nb, p, number)
	err := d.script()
	if err == errCollision {
		d = newDiffer(a, na, b, nb, p, numberByText)
		err = d.script()
	}
	if err != nil {
		return editScript{}, err
	}
	return editScript{del: d.del, ins: d.ins, lines: p + na + s, p: p, pb: pb, marksA: d.marksA, marksB: d.marksB}, nil
}

// replaceAll returns the script that deletes the na lines of the old
// text and inserts the nb lines of the new that follow their common start
// (p lines, pb bytes) and come before their common end (s lines).
func replaceAll(p, pb, na, nb, s int) editScript {
	sc := editScript{del: newBitset(p + na), ins: newBitset(p + nb), lines: p + na + s, p: p, pb: pb}
	sc.del.set(p, p+na)
	sc.ins.set(p, p+nb)
	return sc
}

// errScript reports an edit script that does not turn the old lines into the
// new ones. It is not expected to happen.
var errScript = errors.New("udiff: the line diff does not match the texts")

// errCollision reports two different lines that were given the same id:
// their hashes collided.
var errCollision = errors.New("udiff: two different lines have the same hash")

// script finds the changes from d.a to d.b.
func (d *differ) script() error {
	if err := d.diff(0, len(d.a), 0, len(d.b), 0); err != nil {
		return err
	}
	return d.match(len(d.a), len(d.b))
}

// A differ finds the changes between two texts whose lines are numbered:
// equal lines have equal ids. Its scratch slices are indexed by id.
type differ struct {
	a, b   []int32 // the id of each line
	ca, cb cursor  // where match compares the lines of the texts
	// The lines that the script deletes from a and inserts from b, at
	// base plus their index: a and b are what follows base lines that the
	// texts share.
	del, ins bitset
	base     int
	i, j     int // the next lines of a and b not yet in a change or matched

	// Scratch for scans of a gap. A scan gets stamps, greater than those
	// of the scans before it, and stamps in seen the ids it sees; what
	// it notes of an id (where it is, its rune code) is in val.
	gen       int32 // the last stamp given out
	seen, val []int32
	ra, rb    []rune  // what go-diff sees
	ia, ib    []int32 // the lines of ra and rb
	matches   []match

	// When not nil, the scratch of a second differ, at least twice as
	// long as seen, and where every 1<<markShift-th line of a and b
	// starts: what inHalves needs.
	more           []int32
	marksA, marksB []int
}

// A match pairs line i of the old text with the equal line j of the new.
type match struct{ i, j int32 }

// newDiffer numbers with number the na lines of a and the nb lines of b,
// which follow base lines that the texts share, for a differ.
func newDiffer(a string, na int, b text, nb, base int, number func(string, int, text, int) numbering) *differ {
	ids := number(a, na, b, nb)
	d := &differ{a: ids.a, b: ids.b, ca: cursor{text: a}, cb: b.cursorAt(0, 0),
		del: newBitset(base + na), ins: newBitset(base + nb), base: base,
		more: ids.more, marksA: ids.marksA, marksB: ids.marksB}
	scratch := ids.spare
	if len(scratch) < 2*ids.n {
		scratch = make([]int32, 2*ids.n)
	}
	d.seen, d.val = scratch[:ids.n:ids.n], scratch[ids.n:2*ids.n]
	clear(d.seen)
	return d
}

// stamps returns the first of n new stamps for a scan.
func (d *differ) stamps(n int32) int32 {
	if d.gen > math.MaxInt32-n {
		clear(d.seen)
		d.gen = 0
	}
	d.gen += n
	return d.gen - n + 1
}

// match records that line i of a is line j of b, which ends the change
// before it, if any. Matches must come in order, and i == len(a), j == len(b)
// ends the script. The two lines must be the same text, not just have the
// same id: matches come in order, so the comparisons read both texts from
// start to end once.
func (d *differ) match(i, j int) error {
	if i < d.i || j < d.j || (i < len(d.a) || j < len(d.b)) && (i >= len(d.a) || j >= len(d.b) || d.a[i] != d.b[j]) {
		return errScript
	}
	if i < len(d.a) && !d.sameLine(i, j) {
		return errCollision
	}
	d.del.set(d.base+d.i, d.base+i)
	d.ins.set(d.base+d.j, d.base+j)
	d.i, d.j = i+1, j+1
	return nil
}

// sameLine reports whether line i of a is line j of b, and moves d.ca and
// d.cb past them. Lines must be asked for in order.
func (d *differ) sameLine(i, j int) bool {
	d.ca.skipTo(i)
	d.cb.skipTo(j)
	l := d.ca.next()
	if d.cb.lines != nil {
		u := d.cb.nextLine()
		return len(l) == len(u)+len(d.cb.end) && isLine(l, u, d.cb.end)
	}
	rest := d.cb.text[d.cb.off:]
	// A line ends at its '\n', or at the end of its text.
	if !strings.HasPrefix(rest, l) || l[len(l)-1] != '\n' && len(rest) != len(l) {
		return false
	}
	d.cb.line++
	d.cb.off += len(l)
	return true
}

// diff matches the lines a[a0:a1] and b[b0:b1], a gap found at the given
// depth of anchor splits.
func (d *differ) diff(a0, a1, b0, b1, depth int) error {
	s := 0
	for a0+s < a1 && b0+s < b1 && d.a[a1-1-s] == d.b[b1-1-s] {
		s++
	}
	for ; a0 < a1-s && b0 < b1-s && d.a[a0] == d.b[b0]; a0, b0 = a0+1, b0+1 {
		if err := d.match(a0, b0); err != nil {
			return err
		}
	}
	var err error
	switch a1, b1 := a1-s, b1-s; {
	case a0 == a1 || b0 == b1:
		// Only deletions or only insertions.
	case a1-a0+b1-b0 <= maxMyers:
		err = d.emit(d.myers(a0, a1, b0, b1))
	default:
		anchors := d.anchors(a0, a1, b0, b1, depth)
		switch {
		case len(anchors) == 0:
			err = d.windows(a0, a1, b0, b1)
		case depth == 0 && d.more != nil:
			err = d.inHalves(anchors, halfway(anchors, a0, a1, b0, b1), a0, a1, b0, b1)
		default:
			err = d.between(anchors, a0, a1, b0, b1, depth+1)
		}
	}
	if err != nil {
		return err
	}
	for k := s; k > 0; k-- {
		if err := d.match(a1-k, b1-k); err != nil {
			return err
		}
	}
	return nil
}

// between matches the lines of the gap a[a0:a1], b[b0:b1] that holds the
// anchors: each anchor, and the gaps between them diffed at the given
// depth.
func (d *differ) between(anchors []match, a0, a1, b0, b1, depth int) error {
	for _, m := range anchors {
		i, j := int(m.i), int(m.j)
		if err := d.diff(a0, i, b0, j, depth); err != nil {
			return err
		}
		if err := d.match(i, j); err != nil {
			return err
		}
		a0, b0 = i+1, j+1
	}
	return d.diff(a0, a1, b0, b1, depth)
}

// emit records the matches ms, in order.
func (d *differ) emit(ms []match, err error) error {
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := d.match(int(m.i), int(m.j)); err != nil {
			return err
		}
	}
	return nil
}
