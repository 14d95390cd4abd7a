package dedupe

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/textclean/textclean/normalize"
)

// writeReference is write as it was before it measured first and wrote
// in parallel: one paragraph after the other, into a strings.Builder,
// with the blank lines before each counted from the lines
// (blankLinesCounted), not told by where the paragraphs stand.
func (c *cleaner) writeReference() (text string, paragraphs int, outLine []uint32) {
	var b strings.Builder
	nl := c.doc.Newline
	collapse := !c.opts.Normalize.Skip.Has(normalize.BlankLines)
	line := 1
	outLine = make([]uint32, len(c.paras))
	blanks := c.blankLinesCounted()
	for _, i := range c.order {
		t := c.textOf(int(i))
		blank := int(blanks[i])
		switch {
		case collapse && paragraphs == 0:
			blank = 0
		case collapse:
			blank = min(blank, 1)
		}
		if c.style == Blocks && paragraphs > 0 {
			blank = max(blank, 1)
		}
		if paragraphs == 0 {
			b.WriteString(c.doc.BOM)
		}
		for range blank {
			b.WriteString(nl)
		}
		line += blank
		outLine[i] = uint32(line)
		if nl != "\n" {
			t = strings.ReplaceAll(t, "\n", nl)
		}
		b.WriteString(t)
		b.WriteString(nl)
		line += 1 + strings.Count(t, nl)
		paragraphs++
	}
	return b.String(), paragraphs, outLine
}

// blankLinesCounted is blankLinesBefore as it was when segment counted
// the blank lines before each paragraph (main before 6afa52a): it counts
// the blank lines of c.doc.Lines between a paragraph and the one before
// it (or the start), where blankLinesBefore takes the distance between
// the two.
func (c *cleaner) blankLinesCounted() []int32 {
	blanks := make([]int32, len(c.paras))
	pending, next := int32(0), 0 // next: the line after the paragraph before
	for i := range c.paras {
		p := c.para(i)
		before := int32(0)
		for l := next; l < int(p.first); l++ {
			if c.doc.Blank(l) {
				before++
			}
		}
		next = int(p.last) + 1
		pending = max(pending, before)
		blanks[i] = before
		if c.fate[i] == kept {
			blanks[i] = pending
			pending = 0
		}
	}
	return blanks
}

// writeInputs returns damaged articles in both paragraph styles, with LF,
// CRLF and CR line ends, some with a BOM, and texts with nothing to keep.
func writeInputs(t *testing.T) []string {
	t.Helper()
	inputs := []string{"", "\n\n", "  \n", "one\n"}
	for _, d := range damagedArticles(t, 2, 2, 11) {
		for _, s := range []string{d.Blocks(), "\n\n" + d.Lines()} {
			inputs = append(inputs, s, strings.ReplaceAll(s, "\n", "\r\n"), "\ufeff"+strings.ReplaceAll(s, "\n", "\r"))
		}
	}
	return inputs
}

// writeOptions are option sets under which every part of write's layout
// shows: blank lines kept and collapsed, line ends kept as they are, a
// BOM kept.
var writeOptions = []Options{
	{},
	{NoSentences: true, Similarity: -1},
	{Normalize: normalize.Options{Skip: normalize.Set(normalize.Newlines, normalize.BlankLines, normalize.BOM)}},
	{Paragraphs: Lines, Normalize: normalize.Options{Skip: normalize.Set(normalize.Newlines)}},
}

// TestWriteAgrees checks that write gives the text and paragraph count,
// and placeLines the output lines, that writing one paragraph after the
// other gives, on one goroutine and on several.
func TestWriteAgrees(t *testing.T) {
	for _, opts := range writeOptions {
		for k, in := range writeInputs(t) {
			t.Run(fmt.Sprintf("%+v/%d", opts, k), func(t *testing.T) {
				for _, procs := range []int{1, 2, 3, 8} {
					bytes := 0
					if procs == 1 {
						bytes = math.MaxInt
					}
					checkWrite(t, in, opts, bytes, procs)
				}
			})
		}
	}
}

// checkWrite fails t if write and placeLines, with parallelBytes and GOMAXPROCS set as
// given, disagrees with writeReference on the cleaner of in.
func checkWrite(t *testing.T, in string, opts Options, bytes, procs int) {
	t.Helper()
	defer withParallel(bytes, procs)()
	c := cleanerRounds(t, in, opts)
	wantText, _, wantLines := c.writeReference()
	out := c.outputWriter()
	text := out.write()
	out.placeLines()
	if text != wantText || !reflect.DeepEqual(c.outLine, wantLines) {
		t.Fatalf("on %d goroutines: write and placeLines give lines %v,\n%q\nwant %v,\n%q", procs, c.outLine, text, wantLines, wantText)
	}
}

// cleanerRounds returns a cleaner for in that has run its rounds.
func cleanerRounds(t *testing.T, in string, opts Options) *cleaner {
	t.Helper()
	c := stageCleaner(t, in, &opts)
	c.rounds()
	return c
}

// FuzzCleanAgrees checks on any input that Clean gives the same Result
// with its parallel stages (segment, prepare, write) on three goroutines,
// the threshold at 0, as on one; and that CleanTo, through a buffer of 3
// bytes, writes the text Clean returns and gives the same Result
// otherwise.
func FuzzCleanAgrees(f *testing.F) {
	for _, s := range []string{"", "a\nb\na\n", "A long paragraph, repeated.\n\nB\n\nA long paragraph, repeated.\n", "x\r\n\r\ny\r\nx\r\n", "\ufeffone. two.\n\none. two.\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := Clean(s, Options{}); err != nil {
			return // not text
		}
		for _, opts := range []Options{{}, {Normalize: normalize.Options{Skip: normalize.Set(normalize.Newlines, normalize.BlankLines)}}} {
			one := cleanWith(t, s, opts, math.MaxInt, 1)
			if many := cleanWith(t, s, opts, 0, 3); !reflect.DeepEqual(one, many) {
				t.Fatalf("%q, %+v: on 3 goroutines\n%+v\non one\n%+v", s, opts, many, one)
			}
			var b strings.Builder
			r, err := cleanTo(&b, s, opts, 3)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != one.Text || r.Changed(s) != one.Changed(s) {
				t.Fatalf("%q, %+v: CleanTo writes %q, changed %v; Clean returns %q, changed %v", s, opts, b.String(), r.Changed(s), one.Text, one.Changed(s))
			}
			checkSameResult(t, r, one)
		}
	})
}

// TestWriteFillChecksSize checks that fill panics when the room measure
// gave a run is not the run's size, one byte short or one byte over,
// rather than drop the end of the clean text or leave a zero byte in it.
func TestWriteFillChecksSize(t *testing.T) {
	c := cleanerRounds(t, "\ufeffOne paragraph.\r\n\r\nAnother one.\r\n", Options{Normalize: normalize.Options{Skip: normalize.Set(normalize.Newlines, normalize.BOM)}})
	c.outLine = make([]uint32, len(c.paras))
	w := outputWriter{c: c, blanks: c.blankLinesBefore(), nl: c.doc.Newline}
	runs := outputRuns(len(c.order), 1)
	size := w.measure(&runs[0], math.MaxInt)
	for _, room := range []int{size - 1, size + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("fill into %d bytes for a run of %d did not panic", room, size)
				}
			}()
			w.fill(&outputBuffer{buf: make([]byte, room)}, &runs[0])
		}()
	}
}

// TestWriteGivesInputBack checks that Clean gives back its input itself
// as the text when the clean text is the input byte for byte (see
// sameAsInput), whatever made each piece (a line where it lies, a
// paragraph's lines joined, a line end or a BOM kept), and a text of its
// own when it only has the input's size: a line end changed, a space
// dropped and a final line end added, or a last space replaced by one.
func TestWriteGivesInputBack(t *testing.T) {
	keepEnds := Options{Normalize: normalize.Options{Skip: normalize.Set(normalize.Newlines, normalize.BOM)}}
	for _, c := range []struct {
		in, want string
		opts     Options
	}{
		{"a\nb\n", "a\nb\n", Options{}},
		{"A first block,\nwrapped.\n\nA second one.\n", "A first block,\nwrapped.\n\nA second one.\n", Options{}},
		{"\ufeffa\r\nb\r\n", "\ufeffa\r\nb\r\n", keepEnds},
		{"Wrapped\r\nblock.\r\n\r\nNext.\r\n", "Wrapped\r\nblock.\r\n\r\nNext.\r\n", keepEnds},
		// The input's size, not its bytes:
		{"a\r\nb", "a\nb\n", Options{}},
		{"one  two\nthree", "one two\nthree\n", Options{}},
		{"one\ntwo ", "one\ntwo\n", Options{}}, // all but the last byte
	} {
		for _, procs := range []int{1, 2} {
			bytes := 0
			if procs == 1 {
				bytes = math.MaxInt
			}
			r := cleanWith(t, c.in, c.opts, bytes, procs)
			same := unsafe.StringData(r.Text) == unsafe.StringData(c.in)
			if r.Text != c.want || same != (c.in == c.want) {
				t.Errorf("Clean(%q), %d goroutines: %q, the input itself: %v; want %q", c.in, procs, r.Text, same, c.want)
			}
		}
	}
}
