package dedupe

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestAppendEmpty checks that appendEmpty adds an empty slice, reusing
// the memory of the one that stood there, however long it was.
func TestAppendEmpty(t *testing.T) {
	s := [][]int{{1}, {2, 3}}
	inner := &s[1][0]
	s = appendEmpty(s[:1])
	if len(s) != 2 || len(s[1]) != 0 {
		t.Fatalf("appendEmpty gave %v, want [[1] []]", s)
	}
	if s = append(s[:1], append(s[1], 4)); &s[1][0] != inner || s[1][0] != 4 {
		t.Errorf("appendEmpty did not keep the inner slice's memory")
	}
	if s = appendEmpty(s); len(s) != 3 || s[2] != nil {
		t.Errorf("appendEmpty past the capacity gave %v, want a nil slice added", s)
	}
}

// within reports whether the memory of t lies in that of s.
func within[T, S any](t []T, s []S) bool {
	if cap(t) == 0 || cap(s) == 0 {
		return false
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	hi := lo + uintptr(cap(s))*unsafe.Sizeof(s[0])
	start := uintptr(unsafe.Pointer(unsafe.SliceData(t)))
	return lo <= start && start+uintptr(len(t))*unsafe.Sizeof(t[0]) <= hi
}

// TestLend checks that lend cuts zeroed slices from the first spare with
// room for them, one after another at 8-byte boundaries and apart, that a
// spare cut to the end holds no more, and that what fits no spare gets
// memory of its own.
func TestLend(t *testing.T) {
	decisions := make([]decision, 10) // 80 bytes
	for k := range decisions {
		decisions[k] = decision{fate: removed, anchor: true, copyOf: int32(k) + 1}
	}
	roots := []int32{7, 7, 7, 7} // 16 bytes
	spares := []spare{spareOf(roots), spareOf(decisions), spareOf[int32](nil)}
	a := lend[int32](spares, 9)   // 36 bytes: the decisions
	b := lend[tagSlot](spares, 2) // 16 bytes: the roots, all of them
	c := lend[int32](spares, 9)   // 36 bytes: the decisions, from byte 40
	d := lend[span32](spares, 1)  // 8 bytes: nothing left
	if !within(a, decisions) || !within(b, roots) || !within(c, decisions) || within(d, decisions) || within(d, roots) {
		t.Fatalf("lent in the wrong memory: %p %p %p %p (decisions %p, roots %p)", a, b, c, d, decisions, roots)
	}
	if got := uintptr(unsafe.Pointer(&c[0])) - uintptr(unsafe.Pointer(&a[0])); got != 40 {
		t.Errorf("second slice of the decisions %d bytes after the first, want 40", got)
	}
	if spares[0].at != nil || spares[0].size != 0 {
		t.Errorf("roots cut to the end still lend %d bytes", spares[0].size)
	}
	for _, s := range [][]int32{a, c} {
		for _, k := range s {
			if k != 0 {
				t.Fatalf("lent %v, want zeros", s)
			}
		}
	}
	if b[0] != (tagSlot{}) || b[1] != (tagSlot{}) || len(d) != 1 || d[0] != (span32{}) {
		t.Errorf("lent %+v and %+v, want zeros", b, d)
	}
	// The Ts are the spares' memory: writing them writes it.
	b[1] = tagSlot{tag: 1, idx: 2}
	if roots[2] != 1 || roots[3] != 2 {
		t.Errorf("roots %v after writing a lent slot, want [0 0 1 2]", roots)
	}
	if e := lend[tagSlot](nil, 0); e == nil || len(e) != 0 {
		t.Errorf("lend of 0 with no spares gave %v", e)
	}
}

// TestSentenceTableLent checks that the sentence round's tables are made
// in the memory the paragraph round keeps, when it has room for them, and
// that a table filed there finds what a table of its own finds.
func TestSentenceTableLent(t *testing.T) {
	c := stageCleaner(t, "One sentence of the first paragraph here. Another one of it.\nTwo\nOne sentence of the first paragraph here.\n", &Options{})
	c.paragraphRound()
	c.decider.d = resize(c.decider.d, 1000) // room for a table of 100 sentences
	lent := newSentenceTable(100, func(int32) string { return "" }, c.roundSpares())
	if !within(lent.paras[:1], c.decider.d) || !within(lent.spans[:1], c.decider.d) || !within(lent.first.tags.slots, c.decider.d) {
		t.Fatalf("the sentence table is not in the decisions' memory")
	}
	own := newSentenceTable(100000, func(int32) string { return "" }, c.roundSpares())
	if within(own.paras[:1], c.decider.d) || within(own.spans[:1], c.decider.d) {
		t.Fatalf("a table too large for the decisions' memory is in it")
	}
	text := "same words here. other words there. same words here."
	for _, tab := range []*sentenceTable{lent, own} {
		tab.textOf = func(int32) string { return text }
		first := keptSentence{para: 0, cur: span32{0, 16}}
		if _, ok := tab.find(7, first); ok {
			t.Fatalf("first sentence found before it was filed")
		}
		if _, ok := tab.find(8, keptSentence{para: 0, cur: span32{17, 35}}); ok {
			t.Fatalf("other sentence found")
		}
		if got, ok := tab.find(7, keptSentence{para: 0, cur: span32{36, 52}}); !ok || got != first {
			t.Fatalf("repeat found %+v, %v; want %+v", got, ok, first)
		}
	}
}

// TestLendCounts checks that lendCounts lends zeros in the decisions'
// memory when it has room for them, and else in the counts', which
// decide then keeps.
func TestLendCounts(t *testing.T) {
	var dc decider
	dc.d = make([]decision, 10) // 80 bytes
	for k := range dc.d {
		dc.d[k] = decision{fate: removed, copyOf: 7}
	}
	dc.copies = []int32{1, 2, 3}
	counts := dc.lendCounts(20)
	if !within(counts, dc.d) || len(counts) != 20 || slices.ContainsFunc(counts, func(n int32) bool { return n != 0 }) {
		t.Fatalf("20 counts: %v, in the decisions' memory %v", counts, within(counts, dc.d))
	}
	if len(dc.copies) != 3 || dc.copies[0] != 1 {
		t.Errorf("the counts changed to %v", dc.copies)
	}
	counts = dc.lendCounts(21)
	if within(counts, dc.d) || len(counts) != 21 || !within(counts, dc.copies[:cap(dc.copies)]) || slices.ContainsFunc(counts, func(n int32) bool { return n != 0 }) {
		t.Fatalf("21 counts: %v, not in the counts' memory", counts)
	}
}

// TestLentAlignment checks that no type lend makes (lentMemory) needs
// more alignment than the elements of the spares it is lent from
// (spareMemory) have: a small []int32 can start at any multiple of 4
// bytes, and a T lent from it at any multiple of 8 bytes from there.
func TestLentAlignment(t *testing.T) {
	spares := min(unsafe.Alignof(int32(0)), unsafe.Alignof(decision{}))
	for name, align := range map[string]uintptr{"int32": unsafe.Alignof(int32(0)), "span32": unsafe.Alignof(span32{}), "tagSlot": unsafe.Alignof(tagSlot{}), "uint32": unsafe.Alignof(uint32(0)), "paraStart": unsafe.Alignof(paraStart{}), "sentenceRepeat": unsafe.Alignof(sentenceRepeat{})} {
		if align > spares {
			t.Errorf("%s is aligned to %d bytes, the spares' elements to %d", name, align, spares)
		}
	}
}

// TestBorrow checks that borrow gives n Ts in a spare's memory, cut as
// lend cuts it but not cleared, and false when no spare has room.
func TestBorrow(t *testing.T) {
	decisions := make([]decision, 4) // 32 bytes
	for k := range decisions {
		decisions[k] = decision{fate: removed, copyOf: int32(k) + 1}
	}
	spares := []spare{spareOf(decisions)}
	a, okA := borrow[uint32](spares, 3)    // 12 bytes, to byte 16
	b, okB := borrow[paraStart](spares, 1) // 12 bytes, to byte 28
	c, okC := borrow[uint32](spares, 2)    // 8 bytes: 4 left
	if !okA || !okB || okC || len(a) != 3 || len(b) != 1 || c != nil {
		t.Fatalf("borrow gave %v %v, %v %v, %v %v", a, okA, b, okB, c, okC)
	}
	if !within(a, decisions) || !within(b, decisions) {
		t.Fatalf("lent in the wrong memory: %p %p (decisions %p)", a, b, decisions)
	}
	if got := uintptr(unsafe.Pointer(&b[0])) - uintptr(unsafe.Pointer(&a[0])); got != 16 {
		t.Errorf("second slice %d bytes after the first, want 16", got)
	}
	if a[0] == 0 {
		t.Errorf("borrow cleared the room: %v", a)
	}
}

// TestHalves checks that halves cuts a spare in two that do not overlap,
// cover it, start at multiples of 8 bytes from its start, and leave the
// second room for dropSingleLists' 4 bytes a decision, for decisions of
// every count up to a few hundred; and gives an empty spare back as it is.
func TestHalves(t *testing.T) {
	if a, b := halves(spare{}); a != (spare{}) || b != (spare{}) {
		t.Errorf("halves of no spare: %+v %+v", a, b)
	}
	for n := 1; n < 300; n++ {
		d := make([]decision, 0, n)
		s := spareOf(d)
		a, b := halves(s)
		at := uintptr(s.at)
		if uintptr(a.at) != at || uintptr(b.at) != at+a.size || a.size+b.size != s.size {
			t.Fatalf("%d decisions (%d bytes at %#x): halves %d at %#x and %d at %#x", n, s.size, at, a.size, uintptr(a.at), b.size, uintptr(b.at))
		}
		if a.size%8 != 0 || b.size < uintptr(n)*4 {
			t.Fatalf("%d decisions: halves of %d and %d bytes", n, a.size, b.size)
		}
		if _, ok := borrow[int32]([]spare{b}, n); !ok {
			t.Fatalf("%d decisions: the second half lends no %d int32s", n, n)
		}
	}
}

// TestFirstTableLendsWhole checks where the first paragraph round files
// its table's index when dropSingleLists runs beside it (see
// paragraphTable): in the first half of the decisions' memory when it
// fits there (paragraphs that all differ), and, when it does not (half
// the paragraphs repeat: 1,024 slots of 8 bytes for 1,100 paragraphs),
// in the whole of it once dropSingleLists is done, as it was before
// dropSingleLists ran beside it, where it was first made anew.
func TestFirstTableLendsWhole(t *testing.T) {
	setParallel(t, 0, 2)
	const n = 1100
	for _, repeats := range []bool{false, true} {
		var in strings.Builder
		for i := range n {
			if repeats && i < n/2 {
				fmt.Fprintf(&in, "Story %d is told here twice over.\n\n", i/2)
			} else {
				fmt.Fprintf(&in, "Paragraph %d tells of the harbour.\n\n", i)
			}
		}
		c := stageCleaner(t, in.String(), &Options{})
		if !c.sentences.pending || len(c.paras) != n {
			t.Fatalf("repeats %v: %d paragraphs, lists pending %v", repeats, len(c.paras), c.sentences.pending)
		}
		lists := make(chan struct{})
		c.dropPendingLists(spare{})
		close(lists)
		d := c.decider.d[:cap(c.decider.d)]
		mark := decision{fate: removed, copyOf: -1}
		for k := range d {
			d[k] = mark
		}
		first, _ := halves(spareOf(c.decider.d))
		c.paragraphTable(first, lists)
		h := int(first.size / unsafe.Sizeof(decision{}))
		inFirst := slices.ContainsFunc(d[:h], func(x decision) bool { return x != mark })
		inSecond := slices.ContainsFunc(d[h:], func(x decision) bool { return x != mark })
		if !inFirst || inSecond != repeats {
			t.Errorf("repeats %v: the table's index in the first half of the decisions %v, in the second %v", repeats, inFirst, inSecond)
		}
	}
}
