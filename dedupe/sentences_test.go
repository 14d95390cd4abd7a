package dedupe

import (
	"math"
	"testing"
)

// TestSentenceListsLong checks the lists of paragraphs of more sentences
// than a sentenceRef counts in 16 bits, and of exactly that many, each in
// a slab of its own, and of the short ones around them. An empty list
// holds offset 0: cut right after a slab of its own, where the next
// sentence would stand past what 16 bits count, it would hold the offset
// truncated.
func TestSentenceListsLong(t *testing.T) {
	sizes := []int{3, wholeSlab + 5, 0, wholeSlab, 4096, 7, 70000, 1}
	l := sentenceLists{refs: make([]sentenceRef, len(sizes))}
	var s scratch
	for i, n := range sizes {
		for k, info := range l.cut(i, n, &s) {
			if info != (sentenceInfo{}) {
				t.Fatalf("paragraph %d: sentence %d is cut from another's", i, k)
			}
		}
		// Numbered after, so that a list cut over another shows.
		list, _ := l.of(i)
		for k := range list {
			list[k].start = uint32(i<<24 | k)
		}
	}
	for i, n := range sizes {
		list, ok := l.of(i)
		if !ok || len(list) != n || cap(list) != n {
			t.Fatalf("paragraph %d: split %v, %d sentences (room for %d), want %d", i, ok, len(list), cap(list), n)
		}
		if r := l.refs[i]; n == 0 && r.off != 0 {
			t.Fatalf("paragraph %d: an empty list at offset %d", i, r.off)
		}
		for k := range list {
			if want := uint32(i<<24 | k); list[k].start != want {
				t.Fatalf("paragraph %d: sentence %d starts at %#x, want %#x", i, k, list[k].start, want)
			}
		}
	}
}

// TestSentenceListsShareSlabsIn16Bits checks that the slabs lists share
// are short enough for a sentenceRef's 16-bit offset and length, and that
// each list reads back as it was numbered, on lists of 1 to 1500
// sentences, 300,000 in all, cut from one scratch: enough to fill past
// math.MaxUint16 sentences any slab that cut made larger.
func TestSentenceListsShareSlabsIn16Bits(t *testing.T) {
	var sizes []int
	for total := 0; total < 300_000; total += sizes[len(sizes)-1] {
		sizes = append(sizes, 1+len(sizes)*37%1500)
	}
	l := sentenceLists{refs: make([]sentenceRef, len(sizes))}
	var s scratch
	for i, n := range sizes {
		list := l.cut(i, n, &s)
		for k := range list {
			list[k].start = uint32(i<<16 | k)
		}
	}
	for i, n := range sizes {
		if r := l.refs[i]; len(l.slabs[r.slab-1]) > math.MaxUint16 {
			t.Fatalf("paragraph %d, of %d sentences, shares a slab of %d", i, n, len(l.slabs[r.slab-1]))
		}
		list, _ := l.of(i)
		if len(list) != n {
			t.Fatalf("paragraph %d: %d sentences, want %d", i, len(list), n)
		}
		for k := range list {
			if want := uint32(i<<16 | k); list[k].start != want {
				t.Fatalf("paragraph %d: sentence %d starts at %#x, want %#x", i, k, list[k].start, want)
			}
		}
	}
}

// TestRepeatShares checks that repeatShares cuts repeats into at most n
// runs, one after the other from the first repeat to the last, none
// empty, that do not cut a paragraph's repeats apart.
func TestRepeatShares(t *testing.T) {
	for _, positions := range [][]int32{
		{},
		{0},
		{0, 0, 0, 0, 0},
		{0, 1, 2, 3, 4, 5, 6},
		{0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 3},
		{4, 4, 9, 9, 9, 9, 9, 9, 9, 9, 11},
	} {
		repeats := make([]sentenceRepeat, len(positions))
		for k, pos := range positions {
			repeats[k] = sentenceRepeat{pos: pos, sentence: uint32(k)}
		}
		for n := 1; n <= 8; n++ {
			shares := repeatShares(repeats, n)
			if len(shares) > n {
				t.Errorf("%v in %d: %d shares", positions, n, len(shares))
			}
			lo := 0
			for _, sh := range shares {
				if sh.lo != lo || sh.hi <= sh.lo {
					t.Errorf("%v in %d: shares %v", positions, n, shares)
					break
				}
				if sh.lo > 0 && positions[sh.lo] == positions[sh.lo-1] {
					t.Errorf("%v in %d: shares %v cut paragraph %d apart", positions, n, shares, positions[sh.lo])
				}
				lo = sh.hi
			}
			if lo != len(positions) {
				t.Errorf("%v in %d: shares %v end at %d", positions, n, shares, lo)
			}
		}
	}
}
