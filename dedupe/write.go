package dedupe

import (
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"unsafe"

	"github.com/textclean/textclean/normalize"
)

// write renders the output paragraphs. It measures the output first,
// then writes it into one buffer of its exact size. From parallelBytes of
// input on, the output paragraphs are cut into one run per CPU, each
// written by a goroutine of its own: for a big document the copy of the
// clean text and the first touch of its fresh pages are most of the cost.
// Asking the kernel for huge pages for buf (madvise MADV_HUGEPAGE), or to
// fault it in with one call (MADV_POPULATE_WRITE), was measured and did
// not pay: see "Not done" in BENCHMARKS.md. The output lines are
// placeLines's to record.
func (w *outputWriter) write() string {
	c := w.c
	runs := outputRuns(len(c.order), c.workers())
	size := 0
	for k := range runs {
		runs[k].offset = size
		runs[k].size = w.measure(&runs[k], math.MaxInt)
		size += runs[k].size
	}
	if size == len(c.input) && w.sameAsInput() {
		return c.input
	}
	buf := make([]byte, size)
	inParallel(len(runs), func(k int) {
		r := &runs[k]
		w.fill(&outputBuffer{buf: buf[r.offset : r.offset+r.size : r.offset+r.size]}, r)
	})
	// buf is never written again: the string can be it, not a copy of
	// it, which for a big document would be as large as the input.
	return unsafe.String(unsafe.SliceData(buf), len(buf))
}

// sameAsInput reports whether the clean text is the input itself, byte
// for byte, comparing piece by piece what fill would write with the input
// at the same place, and stopping at the first that differs. write then
// gives the input back as the text: for a document with nothing to change,
// no text as large as the input is made and filled, and a caller's
// comparison of the two (Result.Changed, a diff) is answered at once, as
// Go compares two strings at the same address without reading them. Most
// pieces are then slices of the input where they lie (a line that
// normalizes to itself is one: see normalize.Line), compared the same way.
//
// In BenchmarkAdversarial at 10 MB, where Clean changes nothing, the
// diff of the input with its clean text read both texts whole before
// finding them equal: tiny-paragraphs/diff took 14.7x its 1 MB time and
// repeated-paragraph/diff 12.8x (the texts outgrow the caches).
//
// The clean text ends with the line end, and the last pieces are the last
// compared: an input that does not end so is told apart at once. Its most
// likely case, a last line with a space after it and no line end, has the
// input's size and differs only in its last byte; compared piece by piece,
// 97 MB of clean text (main's output on the 100 MB stream of bench/run.sh)
// with its last line so took 43-70 ms before write made the text, which
// took 94-163 ms with it and 34-72 ms without (TestWrite's cleaner, 7 runs
// each, load 2.4).
func (w *outputWriter) sameAsInput() bool {
	if !strings.HasSuffix(w.c.input, w.nl) {
		return false // an empty input too: write makes "" for it all the same
	}
	b := &outputBuffer{input: w.c.input, compareOnly: true}
	w.fill(b, &outputRun{lo: 0, hi: len(w.c.order)})
	return !b.differs && b.flushed == len(w.c.input)
}

// writeTo renders the output paragraphs to to, as write does but for the
// text: in one run, through a buffer of bufSize bytes (or of the text's
// size, if that is smaller), so that the clean text is never in memory
// whole. It reports the text's size in bytes, whether it differs from
// the input, and the first error of to; after that error it writes
// nothing, but renders the rest all the same, for the comparison.
//
// It measures the text only as far as the buffer's size: the text is
// compared with the input as it goes, until they differ, and counted as
// it is flushed. Measured whole first, as write's is, writeTo took a
// third more instructions on a 20 MB generated stream (callgrind, 75.7M
// against 57.5M), on the one core it has (see cleaner.alongside).
func (w *outputWriter) writeTo(to io.Writer, bufSize int) (size int, differs bool, err error) {
	c := w.c
	r := outputRun{lo: 0, hi: len(c.order)}
	// A text smaller than the buffer gets a buffer of its size: as
	// much as write would make, no more.
	b := &outputBuffer{buf: make([]byte, w.measure(&r, bufSize)), to: to, input: c.input}
	w.fill(b, &r)
	b.flush()
	return b.flushed, b.differs || b.flushed != len(c.input), b.err
}

// streamBufferSize is the buffer CleanTo renders through: small enough
// to stay in the cache, large enough that a write to a file or a pipe
// costs little per byte.
const streamBufferSize = 64 << 10

// outputWriter returns the outputWriter of c.
func (c *cleaner) outputWriter() *outputWriter {
	return &outputWriter{c: c, blanks: c.blankLinesBefore(), nl: c.doc.Newline,
		collapse: !c.opts.Normalize.Skip.Has(normalize.BlankLines)}
}

// placeLines gives c.outLine the output line each output paragraph
// starts on, counting the lines as fill writes them. It reads what fill
// reads and writes only c.outLine, which fill does not read: it can run
// while the text is written.
//
// When every paragraph is one line (c.oneLine: see textOf), so is
// every text, and the texts are not read: a one-line paragraph's text is
// its line's, which ends at the first line end, and a sentence cut puts a
// "\n" into a text only where its original had one (see cutSentences).
// Counting them cost 3.2 ms of 16 MB of generated articles (a third of
// what writeTo costs), for nothing; 0.14 ms without, and 0.02-0.05 ms
// more to make c.outLine (0.36 MB), which outputWriter made before.
func (w *outputWriter) placeLines() {
	w.c.outLine = make([]uint32, len(w.c.paras))
	line := 1
	for k, i := range w.c.order {
		line += w.blankBefore(k, int(i))
		w.c.outLine[i] = uint32(line)
		line++
		if !w.c.oneLine {
			// Its "\n"s, which the text written ends with w.nl: counted
			// in the text itself, as measure does, not in a copy with
			// the line ends replaced.
			line += strings.Count(w.c.textOf(int(i)), "\n")
		}
	}
}

// outputWriter renders the output paragraphs of a cleaner.
type outputWriter struct {
	c        *cleaner
	blanks   []int32 // by paragraph: see blankLinesBefore
	nl       string  // the line end
	collapse bool    // the BlankLines rule is on
}

// outputRun is the output paragraphs at positions [lo, hi) of c.order,
// and where in the output they start.
type outputRun struct {
	lo, hi int
	offset int // in bytes
	size   int // in bytes, as measure counts them
}

// outputRuns cuts n paragraphs (the output ones for write, those of a
// batch for prepareBatch) into runs of about the same length, at most workers of
// them, and at least one.
func outputRuns(n, workers int) []outputRun {
	size := max((n+workers-1)/workers, 1)
	runs := make([]outputRun, 0, workers)
	for lo := 0; lo < n || len(runs) == 0; lo += size {
		runs = append(runs, outputRun{lo: lo, hi: min(lo+size, n)})
	}
	return runs
}

// inParallel calls f(k) for k from 0 to n-1, each on a goroutine of its
// own when n is more than 1.
func inParallel(n int, f func(k int)) {
	if n <= 1 {
		for k := range n {
			f(k)
		}
		return
	}
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() { f(k) })
	}
	wg.Wait()
}

// blankBefore returns the blank lines written before the output paragraph
// at position k, paragraph i: the most that stood before it (see
// blankLinesBefore), none at the start and at most one with the
// BlankLines rule on, and at least one between Blocks paragraphs.
func (w *outputWriter) blankBefore(k, i int) int {
	blank := int(w.blanks[i])
	switch {
	case w.collapse && k == 0:
		blank = 0
	case w.collapse:
		blank = min(blank, 1)
	}
	if w.c.style == Blocks && k > 0 {
		blank = max(blank, 1)
	}
	return blank
}

// text returns paragraph i's text as written: its lines ended by the
// document's line end.
func (w *outputWriter) text(i int) string {
	t := w.c.textOf(i)
	if w.nl != "\n" {
		t = strings.ReplaceAll(t, "\n", w.nl)
	}
	return t
}

// measure returns the bytes of run r, or limit if that is less: it stops
// once it has counted limit. It reads only lengths, but for a line end
// other than "\n", which replaces the "\n"s of the texts.
func (w *outputWriter) measure(r *outputRun, limit int) int {
	n := 0
	for k := r.lo; k < r.hi && n < limit; k++ {
		i := int(w.c.order[k])
		t := w.c.textOf(i)
		if k == 0 {
			n += len(w.c.doc.BOM)
		}
		n += (w.blankBefore(k, i)+1)*len(w.nl) + len(t)
		if w.nl != "\n" {
			n += strings.Count(t, "\n") * (len(w.nl) - 1)
		}
	}
	return min(n, limit)
}

// fill writes run r into dst, which measure sized for it (write) or
// which flushes to a writer as it fills (writeTo). For write, it panics
// if the run is not the size measure gave it (n counts the bytes of the
// run, not those copied): copy would drop what does not fit, or leave
// zero bytes in the clean text, without a word. It writes nothing of c.
func (w *outputWriter) fill(dst *outputBuffer, r *outputRun) {
	n := 0
	for k := r.lo; k < r.hi; k++ {
		if dst.compareOnly && dst.differs {
			return
		}
		i := int(w.c.order[k])
		t := w.text(i)
		if k == 0 {
			dst.put(w.c.doc.BOM)
			n += len(w.c.doc.BOM)
		}
		blank := w.blankBefore(k, i)
		for range blank {
			dst.put(w.nl)
		}
		n += blank * len(w.nl)
		dst.put(t)
		dst.put(w.nl)
		n += len(t) + len(w.nl)
	}
	if dst.to == nil && !dst.compareOnly && n != len(dst.buf) {
		panic(fmt.Sprintf("dedupe: write measured %d bytes for output paragraphs %d to %d, has %d", len(dst.buf), r.lo, r.hi, n))
	}
}

// outputBuffer is what fill writes into: for write, the part of the
// clean text that is one run, of its exact size; for writeTo, a buffer
// that it flushes to a writer whenever it is full; for sameAsInput,
// nothing: what is put is only compared with the input.
type outputBuffer struct {
	buf []byte
	n   int       // the bytes of buf written
	to  io.Writer // nil for write
	err error     // the first error of to; nothing is written after it

	// For writeTo and sameAsInput: the bytes flushed (or compared) so
	// far, and whether they differ from input, as far as it goes.
	flushed int
	input   string
	differs bool

	compareOnly bool // for sameAsInput: buf and to are nil
}

// put appends s.
func (b *outputBuffer) put(s string) {
	if b.compareOnly {
		b.compare(s)
		return
	}
	if len(s) <= len(b.buf)-b.n {
		b.n += copy(b.buf[b.n:], s)
		return
	}
	if b.to == nil {
		b.n += copy(b.buf[b.n:], s) // fill panics: measure was wrong
		return
	}
	for len(s) > 0 {
		if b.n == len(b.buf) {
			b.flush()
		}
		m := copy(b.buf[b.n:], s)
		b.n += m
		s = s[m:]
	}
}

// flush compares what b holds with the input and writes it to b.to.
// After an error it only compares.
func (b *outputBuffer) flush() {
	p := b.buf[:b.n]
	b.n = 0
	b.compare(unsafe.String(unsafe.SliceData(p), len(p))) // p, not copied: compare keeps nothing
	if b.err != nil || len(p) == 0 {
		return
	}
	n, err := b.to.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	b.err = err
}

// compare notes whether s, the next bytes of the text, differs from the
// input at the same place, and counts them.
func (b *outputBuffer) compare(s string) {
	if !b.differs && (len(s) > len(b.input)-b.flushed || s != b.input[b.flushed:b.flushed+len(s)]) {
		b.differs = true
	}
	b.flushed += len(s)
}
