package dedupe

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// cleanToInputs returns the golden articles, the inputs of the write
// tests (damaged articles in both styles, every line end, with and
// without a BOM) and small cases: a clean text, and one whose clean text
// has the input's size but not its bytes.
func cleanToInputs(t *testing.T) []string {
	t.Helper()
	inputs := []string{"a\nb\n", "a\r\nb", "x", "\ufeffx\n"}
	inputs = append(inputs, goldenInputs(t)...)
	inputs = append(inputs, readTexts(t, "../testdata/000_2c2adb0dfae1852d.txt")...)
	return append(inputs, writeInputs(t)...)
}

// TestCleanToAgrees checks that CleanTo writes the text that Clean
// returns, through buffers from one byte to the one CleanTo uses, and
// gives the same Result otherwise, with Changed telling what Clean's
// tells: on one goroutine, and with the changes made while the text is
// written (see cleaner.alongside), on two.
func TestCleanToAgrees(t *testing.T) {
	for _, opts := range writeOptions {
		for k, in := range cleanToInputs(t) {
			t.Run(fmt.Sprintf("%+v/%d", opts, k), func(t *testing.T) {
				want := cleanWith(t, in, opts, math.MaxInt, 1)
				for _, procs := range []int{1, 2} {
					for _, size := range []int{1, 7, 100, streamBufferSize} {
						var b bytes.Buffer
						got, err := cleanToWith(&b, in, opts, size, procs)
						if err != nil {
							t.Fatal(err)
						}
						if b.String() != want.Text {
							t.Fatalf("on %d goroutines, through %d bytes CleanTo writes\n%q\nClean returns\n%q", procs, size, b.String(), want.Text)
						}
						if got.Changed(in) != want.Changed(in) {
							t.Errorf("on %d goroutines, through %d bytes Changed says %v, Clean's %v", procs, size, got.Changed(in), want.Changed(in))
						}
						checkSameResult(t, got, want)
					}
				}
			})
		}
	}
}

// cleanToWith is cleanTo on procs goroutines: with GOMAXPROCS procs and,
// for more than one, parallelBytes 0, so that even a small input is
// cleaned as a big one is.
func cleanToWith(w io.Writer, in string, opts Options, bufSize, procs int) (*Result, error) {
	bytes := math.MaxInt
	if procs > 1 {
		bytes = 0
	}
	defer withParallel(bytes, procs)()
	return cleanTo(w, in, opts, bufSize)
}

// checkSameResult fails t if got, a Result of CleanTo or CleanLines, is
// not want, one of Clean, but for the text they do not keep, whose size
// (TextSize) must be that of Clean's text.
func checkSameResult(t *testing.T, got, want *Result) {
	t.Helper()
	if got.Text != "" || !got.written {
		t.Fatalf("a Result without its text has Text %q, written %v", got.Text, got.written)
	}
	if got.TextSize() != len(want.Text) {
		t.Fatalf("a Result without its text has TextSize %d for a text of %d bytes", got.TextSize(), len(want.Text))
	}
	g := *got
	g.Text, g.written, g.differs, g.writtenBytes = want.Text, false, false, 0
	if !reflect.DeepEqual(&g, want) {
		t.Fatalf("a Result without its text\n%+v\nClean's\n%+v", &g, want)
	}
}

// changedTests are inputs and whether Clean changes them: a clean text,
// texts cleaned to other bytes of the same size, to the input's start,
// and to more than the input, the cases of a Result that keeps no text
// and must tell whether the one it made differs.
var changedTests = []struct {
	in      string
	changed bool
}{
	{"", false},
	{"a\nb\n", false},
	{"a\r\nb", true},   // "a\nb\n"
	{"a\nb", true},     // "a\nb\n": the input and more
	{"a\nb\n\n", true}, // "a\nb\n": the input's start
	{"A paragraph that is long enough to be removed as a repeat.\n\nA paragraph that is long enough to be removed as a repeat.\n", true},
}

// TestCleanToChanged checks Changed on CleanTo's Results for
// changedTests, through a buffer of a few bytes and through CleanTo's.
func TestCleanToChanged(t *testing.T) {
	for _, c := range changedTests {
		for _, bufSize := range []int{1, 3, streamBufferSize} {
			r, err := cleanTo(&bytes.Buffer{}, c.in, Options{}, bufSize)
			if err != nil {
				t.Fatal(err)
			}
			if r.Changed(c.in) != c.changed {
				t.Errorf("CleanTo(%q) through %d bytes: Changed says %v, want %v", c.in, bufSize, r.Changed(c.in), c.changed)
			}
		}
	}
}

// failingWriter takes the first room bytes written to it, then fails; it
// counts the writes made after it failed.
type failingWriter struct {
	got        []byte
	room       int
	failed     bool
	afterError int
}

var errFull = errors.New("no room left")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.failed {
		w.afterError++
	}
	n := min(len(p), w.room-len(w.got))
	w.got = append(w.got, p[:n]...)
	if n < len(p) {
		w.failed = true
		return n, errFull
	}
	return n, nil
}

// TestCleanToWriterFails makes the writer fail at every offset of the
// clean text: CleanTo returns its error, wrapped in ErrWrite, with the
// Result Clean gives, and writes nothing after it, on one goroutine and
// with the changes made while the text is written, on two.
func TestCleanToWriterFails(t *testing.T) {
	in := "\ufeffFirst paragraph, long enough to repeat.\r\n\r\nSecond.\r\n\r\nFirst paragraph, long enough to repeat.\r\n\r\nThird. Last."
	opts := Options{Normalize: normalize.Options{Skip: normalize.Set(normalize.Newlines, normalize.BOM)}}
	want, err := Clean(in, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, procs := range []int{1, 2} {
		for _, size := range []int{1, 5, streamBufferSize} {
			for room := range len(want.Text) {
				checkWriterFails(t, in, opts, want, size, room, procs)
			}
		}
	}
}

// checkWriterFails fails t unless CleanTo on procs goroutines, through
// size bytes, to a writer with room for room bytes, fails as
// TestCleanToWriterFails says, with the Result want.
func checkWriterFails(t *testing.T, in string, opts Options, want *Result, size, room, procs int) {
	t.Helper()
	w := &failingWriter{room: room}
	r, err := cleanToWith(w, in, opts, size, procs)
	if !errors.Is(err, ErrWrite) || !errors.Is(err, errFull) {
		t.Fatalf("on %d goroutines, through %d bytes, room for %d: CleanTo returns %v", procs, size, room, err)
	}
	checkSameResult(t, r, want)
	if r.Changed(in) != want.Changed(in) {
		t.Fatalf("on %d goroutines, through %d bytes, room for %d: Changed says %v, Clean's %v", procs, size, room, r.Changed(in), want.Changed(in))
	}
	if w.afterError > 0 {
		t.Fatalf("on %d goroutines, through %d bytes, room for %d: %d writes after the error", procs, size, room, w.afterError)
	}
	if string(w.got) != want.Text[:room] {
		t.Fatalf("on %d goroutines, through %d bytes, room for %d: wrote %q", procs, size, room, w.got)
	}
}

// shortWriter takes one byte less than it is given, without an error.
type shortWriter struct{}

func (shortWriter) Write(p []byte) (int, error) { return max(len(p)-1, 0), nil }

// TestCleanToShortWrite checks that a writer that takes less than it is
// given, without saying why, fails CleanTo with io.ErrShortWrite.
func TestCleanToShortWrite(t *testing.T) {
	_, err := CleanTo(shortWriter{}, "text\n", Options{})
	if !errors.Is(err, ErrWrite) || !strings.Contains(err.Error(), "short write") {
		t.Fatalf("CleanTo to a short writer: %v", err)
	}
}

// TestCleanToInputError checks that for input CleanTo cannot clean it
// returns the error Clean does, not ErrWrite, and writes nothing at all.
func TestCleanToInputError(t *testing.T) {
	defer func(n int) { maxText = n }(maxText)
	maxText = 20
	for _, in := range []string{"bin\x00ary\x00\x00\x00 text\n", strings.Repeat("long text. ", 3), strings.Repeat("\x80", 10)} {
		_, want := Clean(in, Options{})
		if want == nil {
			t.Fatalf("Clean(%q) does not fail", in)
		}
		w := &failingWriter{room: 1 << 20}
		r, err := CleanTo(w, in, Options{})
		if r != nil || err == nil || err.Error() != want.Error() || errors.Is(err, ErrWrite) {
			t.Errorf("CleanTo(%q) returns %v, %v; Clean fails with %v", in, r, err, want)
		}
		if len(w.got) > 0 || w.afterError > 0 {
			t.Errorf("CleanTo(%q) wrote %q", in, w.got)
		}
	}
}
