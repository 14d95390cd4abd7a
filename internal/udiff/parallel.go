package udiff

import (
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// parallelBytes is the size of the two texts, less their common start and
// end, from which the diff counts and hashes their lines on GOMAXPROCS
// goroutines (lineShares), diffs the two halves of its gap on two
// (differ.inHalves) and writes its hunks on GOMAXPROCS, up to
// maxSegmentWriters (editScript.writeSegments). Smaller diffs are made on the calling
// goroutine alone, as textclean's other steps do below the same size: the CLI diffs
// many files at once with -j, and for a small diff the goroutines would
// cost more than they save. A variable so tests can lower it.
var parallelBytes = 256 << 10

// gomaxprocs is runtime.GOMAXPROCS: a variable so tests can ask for more
// goroutines than there are CPUs.
var gomaxprocs = runtime.GOMAXPROCS

// workers returns how many goroutines share the diff of texts of size
// bytes: GOMAXPROCS from parallelBytes on, else one.
func workers(size int) int {
	if size < parallelBytes {
		return 1
	}
	return max(1, gomaxprocs(0))
}

// run calls f(0), ..., f(n-1), each but the first on a goroutine of its
// own, and returns when all have returned.
func run(n int, f func(k int)) {
	var wg sync.WaitGroup
	for k := 1; k < n; k++ {
		wg.Go(func() { f(k) })
	}
	f(0)
	wg.Wait()
}

// markShift is the log2 of how far apart, in lines, lineShares.hashShare
// notes where a line starts, so that a cursor can start near any line
// without walking the text before it (cursor.near): 8 bytes for every 256
// lines, 34 KB for the 100 MB stream of bench/run.sh and its clean text.
// A variable so tests can lower it.
var markShift = 8

// marks returns how many marks a text of n lines has.
func marks(n int) int { return (n + 1<<markShift - 1) >> markShift }

// shareBytes is about the size of a share of the lines (lineShares): the
// 100 MB stream of bench/run.sh and its clean text, 192.5 MB together,
// are cut into 193 shares. Small enough
// that the goroutine which numbers the hashes in order seldom waits for a
// share to be hashed, and large enough that the handing over of a share
// costs nothing beside its lines. A variable so tests can lower it.
var shareBytes = 1 << 20

// lineShares are the lines of two texts, a's and then b's, cut into
// shares of about equal bytes, counted and then hashed a share at a time
// by workers goroutines. Share k is the bytes cuts[k] to cuts[k+1] of a
// and b one after the other, cut at the start of a line (b's first line
// starts one whether or not a ends in '\n'); its first line is line
// first[k] of the two texts' lines numbered together. When b is given as
// lines without their end (bl not nil), share k holds its lines from
// bcut[k] to bcut[k+1] (0 for the cuts in a), b is "", and the lines of a
// are hashed less end (lineHash).
type lineShares struct {
	a, b    string
	bl      []string
	end     string
	bcut    []int
	workers int
	cuts    []int
	first   []int
	na, nb  int
}

// newLineShares cuts the lines of a and b into shares, at least one for
// each of workers goroutines, and counts them on these goroutines.
func newLineShares(a string, b text, workers int) *lineShares {
	total := len(a) + b.len()
	n := max(workers, (total+shareBytes-1)/shareBytes)
	s := &lineShares{a: a, b: b.s, bl: b.lines, end: b.end, workers: workers, cuts: make([]int, n+1), first: make([]int, n+1)}
	if s.bl != nil {
		s.bcut = make([]int, n+1)
		s.bcut[n] = len(s.bl)
	}
	j, at := 0, len(a) // for lines: line j of b starts at byte at of the two texts
	for k := 1; k < n; k++ {
		// From the last cut, if it is past this one's place: a line
		// longer than a share is scanned once, not once a share.
		x := max(s.cuts[k-1], int(int64(total)*int64(k)/int64(n)))
		if s.bl == nil || x < len(a) {
			s.cuts[k] = s.lineStart(x)
			continue
		}
		for ; j < len(s.bl) && at < x; j++ {
			at += len(s.bl[j]) + len(s.end)
		}
		s.cuts[k], s.bcut[k] = at, j
	}
	s.cuts[n] = total
	counts := make([][2]int, n)
	run(workers, func(w int) {
		for k := w; k < n; k += workers {
			x, y := s.share(k)
			counts[k][0] = countLines(a[x[0]:x[1]])
			if s.bl != nil {
				counts[k][1] = s.bcut[k+1] - s.bcut[k]
			} else {
				counts[k][1] = countLines(s.b[y[0]:y[1]])
			}
		}
	})
	for k, c := range counts {
		s.na += c[0]
		s.nb += c[1]
		s.first[k+1] = s.first[k] + c[0] + c[1]
	}
	return s
}

// lineStart returns where the first line that starts at or after byte x
// of a and b starts; the end of a text counts as a line start. For b
// given as lines, x must be in a.
func (s *lineShares) lineStart(x int) int {
	text, base := s.a, 0
	if x >= len(s.a) {
		text, base = s.b, len(s.a)
	}
	i := x - base
	if i == 0 || i >= len(text) || text[i-1] == '\n' {
		return min(x, base+len(text))
	}
	if j := strings.IndexByte(text[i:], '\n'); j >= 0 {
		return x + j + 1
	}
	return base + len(text)
}

// share returns the bytes of share k in a, [x[0], x[1]), and in b,
// [y[0], y[1]).
func (s *lineShares) share(k int) (x, y [2]int) {
	lo, hi, la := s.cuts[k], s.cuts[k+1], len(s.a)
	return [2]int{min(lo, la), min(hi, la)}, [2]int{max(lo, la) - la, max(hi, la) - la}
}

// hashShare writes the hash of each line of share k into hashes, at its
// line number (a's lines and then b's), and where every 1<<markShift-th
// line of a and of b starts into marksA and marksB; for b given as lines,
// which a cursor reaches by index, marksB is nil.
func (s *lineShares) hashShare(k int, hashes []uint64, marksA, marksB []int) {
	x, y := s.share(k)
	g := hashLines(s.a, x[0], x[1], s.first[k], 0, hashes, marksA, s.end)
	if s.bl != nil {
		for _, l := range s.bl[s.bcut[k]:s.bcut[k+1]] {
			hashes[g] = hashLine(l)
			g++
		}
		return
	}
	hashLines(s.b, y[0], y[1], g, s.na, hashes, marksB, "")
}

// hashLines hashes the lines of text[lo:hi], which start at lo and end at
// hi, less end (lineHash): the first is line g of both texts, line g-base
// of text. It returns the number of the line after the last.
func hashLines(text string, lo, hi, g, base int, hashes []uint64, marks []int, end string) int {
	hash := hashLine // lineHash(l, "") is hashLine(l): no call more a line
	if end != "" {
		hash = func(l string) uint64 { return lineHash(l, end) }
	}
	for off := lo; off < hi; g++ {
		l := lineAt(text, off)
		if i := g - base; i&(1<<markShift-1) == 0 {
			marks[i>>markShift] = off
		}
		hashes[g] = hash(l)
		off += len(l)
	}
	return g
}

// number numbers the lines of the shares as numberByHash would (the same
// ids): every goroutine hashes shares, in order, and this one gives the
// hashes of each share ids, in order, as soon as the share is hashed,
// hashing the next share not yet taken while it waits. Hashing a line
// (finding its end, then xxhash) takes more time than numbering it (a
// look-up in the table, two misses of the caches), so the numbering
// seldom waits.
//
// The hashes of all the lines are written where the table's hashes of
// its ids go: the table takes the hash of a new id from there (a line of
// a: those of b get no new ids), and the id of a line is never
// numbered past the line itself, so it is written over a hash already
// looked up, of a share no other goroutine writes. Once the lines are
// numbered, that memory is spare: the scratch of inHalves' second differ.
// It is all written now, where numberByHash writes only the ids' part:
// 8.6 MB rather than 5.3 for the 100 MB stream of bench/run.sh and its
// clean text, after Clean's peak (textclean -d's peak RSS 292.4 MB
// before and after, medians of 15).
func (s *lineShares) number() numbering {
	na, nb := s.na, s.nb
	hashes := make([]uint64, na+nb)
	ids := make([]int32, na+nb)
	marksA, marksB := make([]int, marks(na)), []int(nil)
	if s.bl == nil {
		marksB = make([]int, marks(nb))
	}
	n := len(s.cuts) - 1
	hashed := make([]chan struct{}, n) // closed once share k is hashed
	for k := range hashed {
		hashed[k] = make(chan struct{})
	}
	var taken atomic.Int64 // the shares taken to be hashed
	hashNext := func() bool {
		k := int(taken.Add(1) - 1)
		if k >= n {
			return false
		}
		s.hashShare(k, hashes, marksA, marksB)
		close(hashed[k])
		return true
	}
	var wg sync.WaitGroup
	for range s.workers - 1 {
		wg.Go(func() {
			for hashNext() {
			}
		})
	}
	t := &idTable{hashOf: hashes[:0]}
	t.make(na)
	for k := range n {
	wait:
		for {
			select {
			case <-hashed[k]:
				break wait
			default:
				if !hashNext() {
					<-hashed[k]
					break wait
				}
			}
		}
		// The lines of a, then those of b, which get no new ids.
		lo, mid, hi := s.first[k], min(max(s.first[k], na), s.first[k+1]), s.first[k+1]
		t.numberHashes(hashes[lo:mid], ids[lo:mid], true)
		t.numberHashes(hashes[mid:hi], ids[mid:hi], false)
	}
	wg.Wait()
	return numbering{a: ids[:na:na], b: ids[na:], n: t.ids(), spare: t.slots,
		more: int32s(hashes), marksA: marksA, marksB: marksB}
}

// near returns a cursor of the text of c at the last mark at or before
// line i: marks[k] is where line base + k<<markShift starts, less off,
// and line i is at or past base. For a text of lines, which a cursor
// reaches by index, it is at line i. Both the second differ of inHalves
// (marks of the texts less their common start: base and off 0) and the
// segments of writeSegments (marks of the whole texts) start there.
func (c cursor) near(marks []int, i, base, off int) cursor {
	if c.lines != nil {
		return cursor{lines: c.lines, end: c.end, line: i}
	}
	k := min((i-base)>>markShift, len(marks)-1)
	return cursor{text: c.text, line: base + k<<markShift, off: off + marks[k]}
}

// halfway returns the index of the first of anchors, of the gap a[a0:a1],
// b[b0:b1], past the middle of the gap's lines, or of the last anchor.
func halfway(anchors []match, a0, a1, b0, b1 int) int {
	half := (a1 - a0 + b1 - b0) / 2
	return sort.Search(len(anchors)-1, func(k int) bool {
		return int(anchors[k].i)-a0+int(anchors[k].j)-b0 >= half
	})
}

// inHalves matches the lines of the gap a[a0:a1], b[b0:b1], split at
// anchors at depth 0, as between does, but on two goroutines: the gaps
// before anchors[m] on this one, with d, and that anchor and the rest on
// another, with a differ of its own, whose
// scratch is d.more and whose cursors start near the anchor's lines
// (cursor.near), not at the start of the texts.
//
// The script is the one between finds, bit for bit. Each gap between
// anchors is diffed from its own lines alone, by the same code at the
// same depth: what a differ's scans keep from one gap to the next, in
// seen and val, is stamped with the scan that wrote it, and its cursors
// only make the comparisons of matched lines cheaper (sameLine reads a
// line wherever the cursor starts before it). The matches are those that
// between makes, in the same order on each goroutine; the lines between
// two matches are deleted and inserted, whichever goroutine made them,
// and those between d's last match and the anchor e starts at are marked
// here, once both are done. An error is the one between would have met
// first: d's, or else e's.
func (d *differ) inHalves(anchors []match, m, a0, a1, b0, b1 int) error {
	mi, mj := int(anchors[m].i), int(anchors[m].j)
	n := len(d.seen)
	e := &differ{a: d.a, b: d.b,
		ca: d.ca.near(d.marksA, mi, 0, 0), cb: d.cb.near(d.marksB, mj, 0, 0),
		del: make(bitset, len(d.del)), ins: make(bitset, len(d.ins)), base: d.base, i: mi, j: mj,
		seen: d.more[:n:n], val: d.more[n : 2*n : 2*n]}
	var errs [2]error
	run(2, func(k int) {
		if k == 0 {
			errs[0] = d.between(anchors[:m], a0, mi, b0, mj, 1)
			return
		}
		clear(e.seen)
		if errs[1] = e.match(mi, mj); errs[1] == nil {
			errs[1] = e.between(anchors[m+1:], mi+1, a1, mj+1, b1, 1)
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	d.del.set(d.base+d.i, d.base+mi)
	d.ins.set(d.base+d.j, d.base+mj)
	for w := (d.base + mi) / 64; w < len(d.del); w++ {
		d.del[w] |= e.del[w]
	}
	for w := (d.base + mj) / 64; w < len(d.ins); w++ {
		d.ins[w] |= e.ins[w]
	}
	d.i, d.j, d.ca, d.cb = e.i, e.j, e.ca, e.cb
	return nil
}
