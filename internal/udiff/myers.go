package udiff

import (
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// The runes that stand for lines when go-diff compares them. Codes are
// numbered densely and mapped around the surrogate block, which is not
// valid in a Go string: code k is rune k below 0xD800 and rune k+0x800 from
// there, up to utf8.MaxRune.
const (
	surrogateMin = 0xD800
	surrogateLen = 0x800
	numCodes     = utf8.MaxRune + 1 - surrogateLen // 1,112,064
)

// maxCommon is the number of distinct shared lines that get a rune of their
// own; the rest are treated as unshared. A variable so tests can lower it.
var maxCommon = int(numCodes)

func codeRune(k int) rune {
	if k >= surrogateMin {
		k += surrogateLen
	}
	return rune(k)
}

// myers returns the lines that go-diff matches in the gap a[a0:a1],
// b[b0:b1], in order. Lines found in only one side of the gap can only be
// deleted or inserted, so go-diff sees only the others, one rune for each
// distinct line; the first maxCommon of them, in order of first appearance
// in a, count as shared. The result is valid until the next call.
func (d *differ) myers(a0, a1, b0, b1 int) ([]match, error) {
	// Stamp g marks the ids in a, g+1 those in both, g+2 those in both
	// whose code, in val, is given.
	g := d.stamps(3)
	for _, k := range d.a[a0:a1] {
		d.seen[k] = g
	}
	for _, k := range d.b[b0:b1] {
		if d.seen[k] == g {
			d.seen[k] = g + 1
		}
	}
	ra, ia := d.ra[:0], d.ia[:0]
	next := 0
	for i := a0; i < a1; i++ {
		k := d.a[i]
		if d.seen[k] == g+1 {
			d.seen[k] = g + 2
			d.val[k] = -1
			if next < maxCommon {
				d.val[k] = int32(next)
				next++
			}
		}
		if c := d.val[k]; d.seen[k] == g+2 && c >= 0 {
			ra = append(ra, codeRune(int(c)))
			ia = append(ia, int32(i))
		}
	}
	rb, ib := d.rb[:0], d.ib[:0]
	for j := b0; j < b1; j++ {
		if k := d.b[j]; d.seen[k] == g+2 && d.val[k] >= 0 {
			rb = append(rb, codeRune(int(d.val[k])))
			ib = append(ib, int32(j))
		}
	}
	d.ra, d.ia, d.rb, d.ib = ra, ia, rb, ib

	ms := d.matches[:0]
	defer func() { d.matches = ms[:0] }()
	if len(ra) == 0 { // and so len(rb) == 0
		return nil, nil
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // No deadline: deterministic and minimal.
	x, y := 0, 0        // runes of ra and rb consumed so far
	for _, df := range dmp.DiffMainRunes(ra, rb, false) {
		n := utf8.RuneCountInString(df.Text)
		switch df.Type {
		case diffmatchpatch.DiffEqual:
			if x+n > len(ra) || y+n > len(rb) {
				return nil, errScript
			}
			for range n {
				ms = append(ms, match{ia[x], ib[y]})
				x++
				y++
			}
		case diffmatchpatch.DiffDelete:
			x += n
		case diffmatchpatch.DiffInsert:
			y += n
		}
	}
	if x != len(ra) || y != len(rb) {
		return nil, errScript
	}
	return ms, nil
}

// windows matches the lines of a gap too big for go-diff, a[a0:a1] and
// b[b0:b1], that has no anchors. It slides a window of maxMyers/2 lines of
// each side along the gap: go-diff diffs the window, the matches up to the
// first one past the middle of either side are kept, and the next window
// starts after it. The result is a correct diff, minimal within each window
// but not always over the whole gap; each step moves at least half a window
// along one side, so the time is linear in the size of the gap.
func (d *differ) windows(a0, a1, b0, b1 int) error {
	w := max(maxMyers/2, 2)
	for a0 < a1 && b0 < b1 {
		wa, wb := min(w, a1-a0), min(w, b1-b0)
		ms, err := d.myers(a0, a0+wa, b0, b0+wb)
		if err != nil {
			return err
		}
		if a0+wa == a1 && b0+wb == b1 {
			return d.emit(ms, nil)
		}
		// With no match past the middle, the rest of the window is one
		// change.
		next0, next1 := a0+wa, b0+wb
		for k, m := range ms {
			if int(m.i)-a0 >= w/2 || int(m.j)-b0 >= w/2 {
				ms = ms[:k+1]
				next0, next1 = int(m.i)+1, int(m.j)+1
				break
			}
		}
		if err := d.emit(ms, nil); err != nil {
			return err
		}
		a0, b0 = next0, next1
	}
	return nil
}
