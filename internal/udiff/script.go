package udiff

import (
	"errors"
	"math"
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

// lineDiff returns the changes that turn the lines a into the lines b, in
// order. It trims the common leading and trailing lines, splits what is left
// into gaps at anchors, and has go-diff diff the gaps; every line matched on
// the way is checked against a and b.
func lineDiff(a, b []string) ([]change, error) {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	a, b = a[p:len(a)-s], b[p:len(b)-s]
	if len(a) == 0 && len(b) == 0 {
		return nil, nil
	}
	if len(a)+len(b) >= math.MaxInt32 {
		// Too many lines to number with int32: replace them all, which is
		// still a correct diff.
		return []change{{a: p, b: p, del: len(a), ins: len(b)}}, nil
	}
	d := newDiffer(a, b, numberByHash)
	err := d.script()
	if err == errCollision {
		d = newDiffer(a, b, numberByText)
		err = d.script()
	}
	if err != nil {
		return nil, err
	}
	for k := range d.changes {
		d.changes[k].a += p
		d.changes[k].b += p
	}
	return d.changes, nil
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
	a, b    []int32  // the id of each line
	la, lb  []string // the lines
	changes []change
	i, j    int // the next lines of a and b not yet in a change or matched

	// Scratch for scans of a gap. A scan gets a stamp, greater than those
	// of the scans before it, and stamps what it sees in inA and inB.
	gen      uint32   // the last stamp given out
	inA, inB []uint32 // the stamp of the last scan to see an id in a, or in both
	nA, nB   []uint8  // the occurrences of an id in a and b, up to 2
	pos      []int32  // where an id occurs in a
	code     []int32  // the rune code of an id for go-diff, or -1
	ra, rb   []rune   // what go-diff sees
	ia, ib   []int32  // the lines of ra and rb
	matches  []match
}

// A match pairs line i of the old text with the equal line j of the new.
type match struct{ i, j int32 }

// newDiffer numbers the lines of a and b with number for a differ.
func newDiffer(a, b []string, number func(a, b []string) ([]int32, []int32, int)) *differ {
	ida, idb, n := number(a, b)
	d := &differ{a: ida, b: idb, la: a, lb: b}
	d.inA, d.inB = make([]uint32, n), make([]uint32, n)
	d.nA, d.nB = make([]uint8, n), make([]uint8, n)
	d.pos, d.code = make([]int32, n), make([]int32, n)
	return d
}

// stamps returns the first of n new stamps for a scan.
func (d *differ) stamps(n uint32) uint32 {
	if d.gen > math.MaxUint32-n {
		clear(d.inA)
		clear(d.inB)
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
	if i < len(d.a) && d.la[i] != d.lb[j] {
		return errCollision
	}
	if i > d.i || j > d.j {
		d.changes = append(d.changes, change{a: d.i, b: d.j, del: i - d.i, ins: j - d.j})
	}
	d.i, d.j = i+1, j+1
	return nil
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
		if len(anchors) == 0 {
			err = d.windows(a0, a1, b0, b1)
			break
		}
		for _, m := range anchors {
			i, j := int(m.i), int(m.j)
			if err = d.diff(a0, i, b0, j, depth+1); err != nil {
				return err
			}
			if err = d.match(i, j); err != nil {
				return err
			}
			a0, b0 = i+1, j+1
		}
		err = d.diff(a0, a1, b0, b1, depth+1)
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
