package udiff

import (
	"errors"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
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

// lineDiff returns the changes that turn the lines a into the lines b, in
// order. It trims the common leading and trailing lines, has go-diff diff the
// rest in line mode, and checks the result against a and b.
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

	// Lines found in only one text are always deleted or inserted: go-diff
	// only sees the others, in ra and rb, which came from lines ia and ib.
	ra, ia, rb, ib := sharedRunes(a, b)
	var diffs []diffmatchpatch.Diff
	if len(ra) > 0 { // and so len(rb) > 0
		dmp := diffmatchpatch.New()
		dmp.DiffTimeout = 0 // No deadline: deterministic and minimal.
		diffs = dmp.DiffMainRunes(ra, rb, false)
	}

	// Every line matched by an equality ends the change before it, if any.
	var changes []change
	i, j := 0, 0 // the next lines of a and b not yet in a change or matched
	match := func(mi, mj int) {
		if mi > i || mj > j {
			changes = append(changes, change{a: p + i, b: p + j, del: mi - i, ins: mj - j})
		}
		i, j = mi+1, mj+1
	}
	x, y := 0, 0 // runes of ra and rb consumed so far
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			if x+n > len(ra) || y+n > len(rb) {
				return nil, errScript
			}
			for range n {
				mi, mj := ia[x], ib[y]
				if mi < i || mj < j || a[mi] != b[mj] {
					return nil, errScript
				}
				match(mi, mj)
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
	match(len(a), len(b))
	return changes, nil
}

// errScript reports an edit script from go-diff that does not turn the old
// lines into the new ones. It is not expected to happen.
var errScript = errors.New("udiff: go-diff returned a line diff that does not match the texts")

// sharedRunes returns, for the lines of a found in b, one rune each, the
// same for equal lines, and the indexes in a of those lines; and the same for
// b. Only the first maxCommon distinct shared lines count as shared.
func sharedRunes(a, b []string) (ra []rune, ia []int, rb []rune, ib []int) {
	// Number the distinct lines of a, keeping the number of each line in
	// code, then find the lines of b among them.
	id := make(map[string]int32, len(a))
	code := make([]int32, len(a))
	var shared []bool
	for i, l := range a {
		k, ok := id[l]
		if !ok {
			k = int32(len(shared))
			id[l] = k
			shared = append(shared, false)
		}
		code[i] = k
	}
	codeB := make([]int32, len(b))
	for j, l := range b {
		k, ok := id[l]
		if !ok {
			codeB[j] = -1
			continue
		}
		shared[k] = true
		codeB[j] = k
	}

	// Give the shared lines their runes, in order of first appearance in a.
	r := make([]rune, len(shared))
	next := 0
	for k, ok := range shared {
		if ok && next < maxCommon {
			r[k] = codeRune(next)
			next++
		} else {
			r[k] = -1
		}
	}
	ra, ia = make([]rune, 0, len(a)), make([]int, 0, len(a))
	rb, ib = make([]rune, 0, len(b)), make([]int, 0, len(b))
	for i, k := range code {
		if r[k] >= 0 {
			ra = append(ra, r[k])
			ia = append(ia, i)
		}
	}
	for j, k := range codeB {
		if k >= 0 && r[k] >= 0 {
			rb = append(rb, r[k])
			ib = append(ib, j)
		}
	}
	return ra, ia, rb, ib
}
