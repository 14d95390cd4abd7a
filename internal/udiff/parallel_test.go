package udiff

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// parallelly makes every diff until the returned function is called go
// through the parallel path, on procs goroutines, with a mark every
// 1<<shift lines, shares of share bytes and segments of seg lines.
func parallelly(procs, shift, share, seg int) (restore func()) {
	bytes, gmp, ms, sb, sl := parallelBytes, gomaxprocs, markShift, shareBytes, segLines
	parallelBytes, gomaxprocs, markShift, shareBytes, segLines = 0, func(int) int { return procs }, shift, share, seg
	return func() { parallelBytes, gomaxprocs, markShift, shareBytes, segLines = bytes, gmp, ms, sb, sl }
}

// shareTexts returns pairs of texts for the tests of lineShares: the edge
// cases and random pairs.
func shareTexts(r *rand.Rand) [][2]string {
	long := strings.Repeat("x", 1000)
	pairs := [][2]string{
		{"", ""}, {"", "a\n"}, {"a", ""}, {"a", "b"}, {"\n\n\n", "\n"}, {"a\nb", "c\nd"},
		{long + "\n" + long, long}, {"a\n" + long + "\nb\n", "c"},
	}
	for range 300 {
		old, new := randomPair(r)
		pairs = append(pairs, [2]string{old, new})
	}
	return pairs
}

// TestLineShares checks that the shares cut the texts at line starts and
// count, hash and mark their lines as the serial code does, and that their
// numbering is numberByHash's.
func TestLineShares(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for i, shift := range []int{0, 1, 3, 8} {
		restore := parallelly(1, shift, []int{1, 7, 50, 1 << 20}[i], segLines)
		for _, p := range shareTexts(r) {
			a, b := p[0], p[1]
			la, lb := splitLines(a), splitLines(b)
			for n := 1; n <= 7; n++ {
				for _, bt := range sides(b) {
					sh := newLineShares(a, bt, n)
					if sh.na != len(la) || sh.nb != len(lb) {
						t.Fatalf("%q, %q in %d: %d and %d lines, want %d and %d", a, b, n, sh.na, sh.nb, len(la), len(lb))
					}
					for k, c := range sh.cuts {
						if c < 0 || c > len(a)+len(b) || k > 0 && c < sh.cuts[k-1] ||
							c > 0 && c < len(a) && a[c-1] != '\n' || c > len(a) && c < len(a)+len(b) && b[c-len(a)-1] != '\n' {
							t.Fatalf("%q, %q in %d: cuts %v", a, b, n, sh.cuts)
						}
						// Lines: the line of b each cut starts, where the
						// bytes before it end.
						if bt.lines != nil && (sh.bcut[k] > len(lb) || len(strings.Join(lb[:sh.bcut[k]], "")) != max(c-len(a), 0)) {
							t.Fatalf("%q, %q as lines in %d: cuts %v at lines %v", a, b, n, sh.cuts, sh.bcut)
						}
					}
					hashes := make([]uint64, sh.na+sh.nb)
					marksA, marksB := make([]int, marks(sh.na)), make([]int, marks(sh.nb))
					for k := range len(sh.cuts) - 1 {
						sh.hashShare(k, hashes, marksA, marksB)
					}
					var want []uint64
					var wantA, wantB []int
					for _, text := range []struct {
						lines []string
						marks *[]int
					}{{la, &wantA}, {lb, &wantB}} {
						off := 0
						for i, l := range text.lines {
							want = append(want, lineHash(l, bt.end)) // b's lines, less the end they are given without
							if i%(1<<shift) == 0 {
								*text.marks = append(*text.marks, off)
							}
							off += len(l)
						}
					}
					if bt.lines != nil { // b's lines are reached by index, not by marks
						wantB = make([]int, len(marksB))
					}
					if !slices.Equal(hashes, want) || !slices.Equal(marksA, wantA) || !slices.Equal(marksB, wantB) {
						t.Fatalf("%q, %q in %d: hashes %x marks %v %v, want %x %v %v", a, b, n, hashes, marksA, marksB, want, wantA, wantB)
					}
					got, x := sh.number(), numberByHash(a, sh.na, text{s: b}, sh.nb)
					if got.n != x.n || !slices.Equal(got.a, x.a) || !slices.Equal(got.b, x.b) || len(got.more) < 2*got.n || len(got.spare) < 2*got.n {
						t.Fatalf("%q, %q in %d: ids %v %v (%d), want %v %v (%d)", a, b, n, got.a, got.b, got.n, x.a, x.b, x.n)
					}
					if (got.marksB == nil) != (bt.lines != nil) {
						t.Fatalf("%q, %q in %d: marks of b %v", a, b, n, got.marksB)
					}
				}
			}
		}
		restore()
	}
}

// TestInHalves checks that the script found with the gap's halves on two
// goroutines is the serial one, for every anchor the halves can meet at,
// with and without hash collisions.
func TestInHalves(t *testing.T) {
	defer func(n int, h func(string) uint64) { maxMyers, hashLine = n, h }(maxMyers, hashLine)
	r := rand.New(rand.NewPCG(43, 44))
	halved := 0
	for i := range 600 {
		maxMyers = []int{0, 6}[i%2]
		hashLine = xxhashLine
		if i%3 == 0 {
			hashLine = func(l string) uint64 { return uint64(len(l)) }
		}
		restore := parallelly(2, i%3, 1+i%50, segLines)
		old, new := randomPair(r)
		// Lines found in neither text at both ends: the whole texts are
		// the gap at depth 0.
		old, new = "<old\n"+old+">old\n", "<new\n"+new+">new\n"
		na, nb := countLines(old), countLines(new)
		serial := newDiffer(old, na, text{s: new}, nb, 0, numberByHash)
		want := serial.script()
		nt := sides(new)[i%2] // the new text as a string, or as lines
		sh := newLineShares(old, nt, 2)
		number := func(string, int, text, int) numbering { return sh.number() }
		anchors := newDiffer(old, na, nt, nb, 0, number).anchors(0, na, 0, nb, 0)
		for m := range anchors {
			d := newDiffer(old, na, nt, nb, 0, number)
			if d.more == nil {
				t.Fatal("no scratch for a second differ")
			}
			err := d.inHalves(anchors, m, 0, na, 0, nb)
			if err == nil {
				err = d.match(na, nb)
			}
			if err != want || err == nil && (!slices.Equal(d.del, serial.del) || !slices.Equal(d.ins, serial.ins)) {
				t.Fatalf("old %q, new %q, halves at anchor %d of %v: %v, %b %b; serially %v, %b %b",
					old, new, m, anchors, err, d.del, d.ins, want, serial.del, serial.ins)
			}
			halved++
		}
		restore()
	}
	if halved < 1000 {
		t.Fatalf("only %d splits", halved)
	}
}

// xxhashLine is the hash lines are numbered by outside of tests.
var xxhashLine = hashLine

// FuzzParallel checks that a diff made on several goroutines is the one
// made on one, byte for byte, whatever the goroutines, the marks' spacing
// and the size of the gaps diffed whole, with the new text given as a
// string or as its lines.
func FuzzParallel(f *testing.F) {
	addSeeds(f, 45, 46)
	f.Fuzz(func(t *testing.T, old, new string) {
		defer func(n int) { maxMyers = n }(maxMyers)
		for _, maxMyers = range []int{0, 6, math.MaxInt} {
			for _, c := range []int{0, -1} {
				var want bytes.Buffer
				restore := parallelly(1, 0, 1<<20, segLines)
				errWant := (Options{Context: c}).Write(&want, "a", "b", old, new)
				restore()
				for _, procs := range []int{2, 3} {
					for _, shift := range []int{0, 2} {
						restore := parallelly(procs, shift, 1+shift*10, 1+shift)
						var got bytes.Buffer
						err := (Options{Context: c}).Write(&got, "a", "b", old, new)
						if err != errWant || !bytes.Equal(got.Bytes(), want.Bytes()) {
							restore()
							t.Fatalf("old %q, new %q, maxMyers %d, %d goroutines, marks every %d lines: %v\n%s\nserially %v\n%s",
								old, new, maxMyers, procs, 1<<shift, err, got.Bytes(), errWant, want.Bytes())
						}
						for _, f := range lineForms(new) {
							var lines bytes.Buffer
							err := (Options{Context: c}).WriteLines(&lines, "a", "b", old, f.lines, f.end)
							if err != errWant || !bytes.Equal(lines.Bytes(), want.Bytes()) {
								restore()
								t.Fatalf("old %q, new %q as lines ended by %q, maxMyers %d, %d goroutines, marks every %d lines: %v\n%s\nserially %v\n%s",
									old, new, f.end, maxMyers, procs, 1<<shift, err, lines.Bytes(), errWant, want.Bytes())
							}
						}
						restore()
					}
				}
			}
		}
	})
}

// longPair returns texts of a few lines of n bytes.
func longPair(n int) (old, new string) {
	line := strings.Repeat("x", n) + "\n"
	return line + "a\n" + line, "b\n" + line + line + "c"
}

// TestParallelBig checks that the diffs of the benchmarks' big texts, of
// a few long lines, and of a diff with no place to cut into segments,
// made on two goroutines are those made on one, also from the new text's
// lines.
func TestParallelBig(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, pair := range []func(int) (string, string){bigPair, dedupePair, cleanPair, repetitivePair, longPair, thirdsPair} {
		old, new := pair(100000)
		var want, got bytes.Buffer
		restore := parallelly(1, 8, 1<<20, 2048)
		if err := Write(&want, "a", "b", old, new); err != nil {
			t.Fatal(err)
		}
		restore()
		restore = parallelly(2, 8, 1<<20, 2048)
		if err := Write(&got, "a", "b", old, new); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%d bytes of diff on two goroutines, %d on one", got.Len(), want.Len())
		}
		for _, f := range lineForms(new) {
			var lines bytes.Buffer
			if err := WriteLines(&lines, "a", "b", old, f.lines, f.end); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(lines.Bytes(), want.Bytes()) {
				t.Fatalf("%d bytes of diff from lines ended by %q on two goroutines, %d on one", lines.Len(), f.end, want.Len())
			}
		}
		restore()
	}
}

// TestTwins checks twins.of against a count of the lines one at a time.
func TestTwins(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 48))
	for range 300 {
		na, nb := r.IntN(300), r.IntN(300)
		del, ins := newBitset(na), newBitset(nb)
		for range r.IntN(na + 1) {
			i := r.IntN(na)
			del.set(i, i+1)
		}
		for range r.IntN(nb + 1) {
			j := r.IntN(nb)
			ins.set(j, j+1)
		}
		marked := func(s bitset, i int) bool { return i/64 < len(s) && s[i/64]>>(i%64)&1 == 1 }
		tw := twins{del: del, ins: ins}
		u, j := 0, 0 // line i is the u-th unchanged line; line j of ins the u-th unmarked
		for i := 0; i < na+10; i++ {
			if marked(del, i) {
				continue
			}
			for marked(ins, j) {
				j++
			}
			if r.IntN(3) == 0 {
				if got := tw.of(i); got != j {
					t.Fatalf("del %b, ins %b: line %d (unchanged line %d) is line %d of new, want %d", del, ins, i, u, got, j)
				}
			}
			u++
			j++
		}
	}
}

// TestLongLineShares cuts a line far longer than a share into shares: the
// line must be scanned for its end once, not once a share (which took
// 15 s for a 200 KB line in shares of a byte, where this takes
// milliseconds).
func TestLongLineShares(t *testing.T) {
	defer parallelly(2, 8, 16, segLines)()
	line := strings.Repeat("x", 2<<20) + "\n"
	start := time.Now()
	sh := newLineShares(line+"a\n", text{s: "b\n" + line}, 2)
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Fatalf("%v to cut a line of 2 MB into shares of 16 bytes", elapsed)
	}
	if sh.na != 2 || sh.nb != 2 {
		t.Fatalf("%d and %d lines, want 2 and 2", sh.na, sh.nb)
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	f()
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc
}

// thirdsPair returns n numbered lines and the two in three of them that
// are not a multiple of three: a diff with no unchanged run of more than
// 2*DefaultContext lines, whose hunks are one segment.
func thirdsPair(n int) (old, new string) {
	var a, b strings.Builder
	for i := range n {
		fmt.Fprintf(&a, "line %d\n", i)
		if i%3 != 0 {
			fmt.Fprintf(&b, "line %d\n", i)
		}
	}
	return a.String(), b.String()
}

// TestOneSegmentStreams checks that a big diff with no unchanged run to
// cut its hunks at, a line deleted in every three, is written as it is
// made, as on one goroutine, not made whole in memory first.
func TestOneSegmentStreams(t *testing.T) {
	old, new := thirdsPair(200000)
	var diff bytes.Buffer
	if err := Write(&diff, "a", "b", old, new); err != nil {
		t.Fatal(err)
	}
	size := diff.Len()
	var serial, parallel uint64
	for _, procs := range []int{1, 2} {
		restore := parallelly(procs, 8, 1<<20, 2048)
		n := allocated(func() {
			if err := Write(io.Discard, "a", "b", old, new); err != nil {
				t.Fatal(err)
			}
		})
		restore()
		if procs == 1 {
			serial = n
		} else {
			parallel = n
		}
	}
	if parallel > serial+uint64(size)/2 {
		t.Fatalf("%d bytes allocated on two goroutines, %d on one, for %d bytes of diff", parallel, serial, size)
	}
}

// stopWriter fails every Write from the n-th on, and counts those calls.
type stopWriter struct{ n, failed int }

func (w *stopWriter) Write(p []byte) (int, error) {
	if w.n--; w.n >= 0 {
		return len(p), nil
	}
	w.failed++
	return 0, errFail
}

// TestSegmentsWriteError checks that the segments stop being written out
// at the writer's first error, which Write returns once every goroutine
// it started has returned.
func TestSegmentsWriteError(t *testing.T) {
	defer parallelly(2, 8, 1<<20, 2048)()
	old, new := cleanPair(100000)
	before := runtime.NumGoroutine()
	for _, n := range []int{0, 1, 2, 20} {
		w := &stopWriter{n: n}
		if err := Write(w, "a", "b", old, new); err != errFail || w.failed != 1 {
			t.Errorf("failing from Write %d on: %v after %d failed writes, want %v after 1", n, err, w.failed, errFail)
		}
		// A goroutine that has told Write it is done may not have ended.
		after := runtime.NumGoroutine()
		for end := time.Now().Add(time.Second); after > before && time.Now().Before(end); after = runtime.NumGoroutine() {
			time.Sleep(time.Millisecond)
		}
		if after > before {
			t.Errorf("failing from Write %d on: %d goroutines, %d before", n, after, before)
		}
	}
}

// TestHalfway checks that the gap is cut in two at the first anchor past
// the middle of its lines, so that the two goroutines of inHalves get
// about as many lines each.
func TestHalfway(t *testing.T) {
	for _, tt := range []struct {
		anchors        []match
		a0, a1, b0, b1 int
		want           int
	}{
		{[]match{{5, 5}}, 0, 10, 0, 10, 0},
		{[]match{{1, 1}, {4, 4}, {5, 5}, {8, 8}}, 0, 10, 0, 10, 2},
		{[]match{{1, 1}, {4, 4}, {6, 6}, {8, 8}}, 0, 10, 0, 10, 2},
		{[]match{{1, 1}, {2, 2}, {3, 3}}, 0, 10, 0, 10, 2},
		{[]match{{101, 201}, {110, 202}, {130, 203}}, 100, 140, 200, 204, 2},
		{[]match{{101, 201}, {120, 202}, {130, 203}}, 100, 140, 200, 204, 1},
		{[]match{{0, 0}, {1, 1}}, 0, 2, 0, 2, 1},
	} {
		if got := halfway(tt.anchors, tt.a0, tt.a1, tt.b0, tt.b1); got != tt.want {
			t.Errorf("anchors %v of a[%d:%d], b[%d:%d]: %d, want %d", tt.anchors, tt.a0, tt.a1, tt.b0, tt.b1, got, tt.want)
		}
	}
}
