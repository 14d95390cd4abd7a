package udiff

import (
	"bufio"
	"io"
	"math"
	"math/bits"
	"sync"
	"sync/atomic"
)

// segLines is about how many lines of the old text a segment of the diff
// spans (see writeSegments): for the 100 MB stream of bench/run.sh, 274
// segments of about 430 KB of diff. A variable so tests can lower it.
var segLines = 2048

// maxSegmentWriters bounds the goroutines that write segments, and so the
// segments held at once (one more), whatever GOMAXPROCS is: each holds up
// to a megabyte, and the one goroutine that writes them out in order
// would not keep up with many more.
const maxSegmentWriters = 4

// A segment is a run of hunks that one goroutine writes into memory: the
// hunks, from changes on, whose first change starts at or before line
// last of the old text. Line i of the old text and line j of the new are the
// same unchanged line, at or before the first hunk's first lines; a and b
// are at or before them (the goroutine moves them there).
type segment struct {
	changes changeIter
	a, b    cursor
	i, j    int
	last    int
}

// segments cuts the hunks of s, of the texts old and new with ctx lines
// of context, into segments, at unchanged lines about segLines apart
// past which no hunk reaches: the first line of at least 2*ctx+1 that
// both texts keep, in the same order, so that the changes before it and
// those after it are more than 2*ctx lines apart. The cursors of a segment
// start at the marks before that line (cursor.near), not at the start of the
// texts. Only the first segment starts with the context before the first
// change, which may lie in the texts' common start, where there are no
// marks.
func (s *editScript) segments(old string, new text, ctx int) []segment {
	segs := []segment{s.firstSegment(old, new, ctx)}
	tw := twins{del: s.del, ins: s.ins}
	for t := s.p + segLines; t < s.lines; t += segLines {
		i, j, ok := s.gapAfter(t, ctx, &tw)
		if !ok {
			break
		}
		segs[len(segs)-1].last = i
		segs = append(segs, segment{changes: changeIter{s: s, i: i, j: j},
			a: cursor{text: old}.near(s.marksA, i, s.p, s.pb), b: new.cursorAt(0, 0).near(s.marksB, j, s.p, s.pb), i: i, j: j, last: math.MaxInt})
		t = max(t, i)
	}
	return segs
}

// gapAfter returns the first line i, at or after line t of the old text,
// that is unchanged, line j of the new text, and followed by at least
// 2*ctx more unchanged lines before the next change; false if no change
// follows t.
func (s *editScript) gapAfter(t, ctx int, tw *twins) (i, j int, ok bool) {
	i = t + s.del.run(t) // the first line at or after t not deleted
	if i >= s.lines {
		return 0, 0, false
	}
	j = tw.of(i)
	it := changeIter{s: s, i: i, j: j}
	for {
		c, ok := it.next()
		if !ok {
			return 0, 0, false
		}
		if c.a-i > 2*ctx {
			return i, j, true
		}
		i, j = it.i, it.j
	}
}

// firstSegment returns the segment of all the hunks of s, of the texts
// old and new with ctx lines of context: its cursors start at the first
// hunk's first line, the context before the first change, which is at the
// end of the texts' common start, found without walking the lines before
// it.
func (s *editScript) firstSegment(old string, new text, ctx int) segment {
	a := cursor{text: old, line: s.p, off: s.pb}
	a.back(min(ctx, s.p))
	return segment{changes: s.changes(), a: a, b: new.cursorAt(a.line, a.off),
		i: a.line, j: a.line, last: math.MaxInt}
}

// writeSegment writes the hunks of seg into bw.
func (s *editScript) writeSegment(bw *bufio.Writer, seg *segment, ctx int) error {
	seg.a.skipTo(seg.i)
	seg.b.skipTo(seg.j)
	for {
		h, ok := nextHunk(&seg.changes, ctx)
		if !ok || h.first.a > seg.last {
			return nil
		}
		if err := writeHunk(bw, &seg.a, &seg.b, s, h, ctx); err != nil {
			return err
		}
	}
}

// byteSink is an io.Writer that appends to itself.
type byteSink []byte

// Write appends p to b; it cannot fail.
func (b *byteSink) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}

// writeSegments writes the hunks of s, cut into segs (segments) from the
// old text old, to w as writeHunk would, a segment at a time: workers
// goroutines each write the next segment not yet taken
// into memory, and this one writes them to w in order, in pieces of at
// most 64 KB (each segment's last piece shorter, not joined to the next
// segment's first as a bufio.Writer would join them). At
// most workers+1 segments are in memory at once, each in a buffer reused
// once it is written (2.3 MB for the 100 MB stream of bench/run.sh on
// two cores). The bytes are those of the hunks written one after the
// other: a hunk is written by writeHunk alone, from cursors at or before
// its lines, and no hunk reaches across the line a segment starts at.
func (s *editScript) writeSegments(w io.Writer, old string, segs []segment, ctx, workers int) error {
	// The buffers not in use, each made twice as long as a segment's old
	// lines, on average, up to 1 MB: grown from nothing, they allocated
	// 10 MB a Write of BenchmarkWriteStream, more than the rest of the
	// diff.
	free := make(chan byteSink, workers+1)
	size := min(2*segLines*(len(old)/max(s.lines, 1)+1), 1<<20)
	for range workers + 1 {
		free <- make(byteSink, 0, size)
	}
	outs := make([]byteSink, len(segs))
	written := make([]chan struct{}, len(segs)) // closed once segment k is in outs[k]
	for k := range written {
		written[k] = make(chan struct{})
	}
	var taken atomic.Int64 // the segments taken to be written
	var failed atomic.Bool // bw has failed: write no more
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			bw := bufio.NewWriterSize(nil, 64<<10)
			for {
				// A buffer first, then a segment: a goroutine that has
				// a segment never waits for a buffer, which segments
				// after it might hold.
				buf := <-free
				k := int(taken.Add(1) - 1)
				if k >= len(segs) {
					free <- buf
					return
				}
				buf = buf[:0]
				if !failed.Load() {
					bw.Reset(&buf)
					s.writeSegment(bw, &segs[k], ctx) // writes to memory cannot fail
					bw.Flush()
				}
				outs[k] = buf
				close(written[k])
			}
		})
	}
	var err error
	for k := range segs {
		<-written[k]
		for p := outs[k]; err == nil && len(p) > 0; p = p[min(len(p), 64<<10):] {
			if _, err = w.Write(p[:min(len(p), 64<<10)]); err != nil {
				failed.Store(true)
			}
		}
		free <- outs[k]
		outs[k] = nil
	}
	wg.Wait()
	return err
}

// twins finds the line of the new text that is an unchanged line of the
// old one, for lines asked for in increasing order: the n-th unchanged
// line of one text is the n-th of the other, so it counts the deleted
// lines before it, then finds the unchanged line of the new text that
// comes after as many unchanged lines, a word of the scripts' bits at a
// time, each word counted once over all the calls.
type twins struct {
	del, ins bitset
	wd, nd   int // the words of del before wd have nd lines marked
	wi, ui   int // the words of ins before wi have ui lines not marked
}

// of returns the line of the new text that is line i of the old, which
// must be unchanged.
func (t *twins) of(i int) int {
	for ; t.wd < min(i/64, len(t.del)); t.wd++ {
		t.nd += bits.OnesCount64(t.del[t.wd])
	}
	n := t.nd
	if t.wd < len(t.del) && i%64 != 0 {
		n += bits.OnesCount64(t.del[t.wd] << (64 - i%64))
	}
	u := i - n // the unchanged lines before i
	for ; t.wi < len(t.ins); t.wi++ {
		z := 64 - bits.OnesCount64(t.ins[t.wi])
		if u < t.ui+z {
			break
		}
		t.ui += z
	}
	if t.wi == len(t.ins) {
		return t.wi*64 + u - t.ui
	}
	x := ^t.ins[t.wi]
	for range u - t.ui {
		x &= x - 1 // drop the lowest unmarked line
	}
	return t.wi*64 + bits.TrailingZeros64(x)
}
