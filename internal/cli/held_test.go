package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/udiff"
)

// TestHeldOutput checks that an input's output is held until its turn has
// come and streaming is allowed, that what was held then goes out first,
// and that what comes after goes straight through.
func TestHeldOutput(t *testing.T) {
	var out bytes.Buffer
	turn := make(chan struct{})
	h := newHeldOutput(turn, &out)
	fmt.Fprintln(&h, "name")
	h.stream = true
	io.WriteString(&h, "before the turn\n")
	if out.Len() != 0 {
		t.Fatalf("written before the turn: %q", out.String())
	}
	close(turn)
	h.stream = false
	h.Write([]byte("the turn came, but no streaming\n"))
	if out.Len() != 0 {
		t.Fatalf("written while streaming was not allowed: %q", out.String())
	}
	h.stream = true
	h.Write([]byte("through\n"))
	want := "name\nbefore the turn\nthe turn came, but no streaming\nthrough\n"
	if out.String() != want {
		t.Fatalf("standard output %q, want %q", out.String(), want)
	}
	io.WriteString(&h, "after\n")
	if want += "after\n"; out.String() != want {
		t.Fatalf("standard output %q, want %q", out.String(), want)
	}
	var rest bytes.Buffer
	if n, err := h.WriteTo(&rest); n != 0 || err != nil {
		t.Errorf("left for emit: %d bytes (%v), want none", n, err)
	}
}

// A turn that never comes (a nil channel) holds everything for emit.
func TestHeldOutputNoTurn(t *testing.T) {
	var out bytes.Buffer
	h := newHeldOutput(nil, &out)
	h.stream = true
	io.WriteString(&h, "held\n")
	var rest bytes.Buffer
	h.WriteTo(&rest)
	if out.Len() != 0 || rest.String() != "held\n" {
		t.Errorf("standard output %q, left for emit %q", out.String(), rest.String())
	}
}

// sizedFailWriter takes n bytes, then fails every write.
type sizedFailWriter struct{ n int }

var errFull = errors.New("no space left on device")

func (w *sizedFailWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	n := w.n
	w.n = 0
	return n, errFull
}

// TestHeldOutputError checks that a failed standard output is kept, and
// fails every write after it, whether it failed writing what was held or
// what came through, and emit's WriteTo too.
func TestHeldOutputError(t *testing.T) {
	for _, room := range []int{0, 3, 10} {
		turn := make(chan struct{})
		close(turn)
		h := newHeldOutput(turn, &sizedFailWriter{n: room})
		io.WriteString(&h, "held\n") // held: streaming is not allowed yet
		h.stream = true
		_, err1 := h.Write([]byte("through\n"))
		_, err2 := io.WriteString(&h, "more\n")
		if !errors.Is(err1, errFull) || !errors.Is(err2, errFull) || !errors.Is(h.err, errFull) {
			t.Errorf("room %d: errors %v, %v, kept %v; want %v", room, err1, err2, h.err, errFull)
		}
		// emit's part: nothing more, and the error, for emit to report.
		var rest bytes.Buffer
		if n, err := h.WriteTo(&rest); n != 0 || !errors.Is(err, errFull) {
			t.Errorf("room %d: left for emit %d bytes, error %v; want none and %v", room, n, err, errFull)
		}
	}
}

// twicePage returns a page of n numbered paragraphs saved twice, word
// for word: its diff removes the second copy, about 70 bytes a paragraph.
func twicePage(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Paragraph %d of a page that a scraper saved twice, word for word.\n", i)
	}
	return b.String() + b.String()
}

// writeSizes records the size of each write and what was written.
type writeSizes struct {
	bytes.Buffer
	sizes []int
}

func (w *writeSizes) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	return w.Buffer.Write(p)
}

// TestDiffStreamed checks that the diff of standard input goes to standard
// output as udiff writes it, in pieces of its buffer's size, rather than
// held whole and written at the end, and that it is the diff udiff makes.
func TestDiffStreamed(t *testing.T) {
	page := twicePage(40000) // a 2.7 MB diff; held, it was written in blocks of up to 1 MB
	res, err := dedupe.Clean(page, dedupe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := udiff.Write(&want, stdinName+".orig", stdinName, page, res.Text); err != nil {
		t.Fatal(err)
	}
	var out writeSizes
	var errOut bytes.Buffer
	if code := Run([]string{"textclean", "-d"}, strings.NewReader(page), &out, &errOut); code != ExitChanged {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if !bytes.Equal(out.Bytes(), want.Bytes()) {
		t.Fatalf("diff of %d bytes, want udiff's %d", out.Len(), want.Len())
	}
	for _, n := range out.sizes {
		if n > 64<<10 {
			t.Fatalf("a write of %d bytes: the diff was held, not streamed", n)
		}
	}
}

// TestDiffStreamWriteError checks that a standard output that fails while
// a diff streams through it, at once or half-way, is reported as when the
// whole diff was written at the end: the input named, exit 2.
func TestDiffStreamWriteError(t *testing.T) {
	page := twicePage(5000)
	for _, room := range []int{0, 100, 200 << 10} {
		var errOut bytes.Buffer
		code := Run([]string{"textclean", "-d"}, strings.NewReader(page), &sizedFailWriter{n: room}, &errOut)
		if code != ExitError {
			t.Errorf("room %d: exit %d, want %d", room, code, ExitError)
		}
		if want := "textclean: <stdin>: write standard output: no space left on device\n"; errOut.String() != want {
			t.Errorf("room %d: stderr %q, want %q", room, errOut.String(), want)
		}
	}
}

// TestDiffBatchStreamed diffs a folder of big and small files, changed and
// not, with -j 1, 2 and 4: the inputs whose turn comes while they are
// diffed stream, the others are held, and the output must be the same
// bytes, in input order, as with -o, where every diff is held.
func TestDiffBatchStreamed(t *testing.T) {
	dir := t.TempDir()
	for i := range 12 {
		var text string
		switch i % 4 {
		case 0:
			text = twicePage(3000 + 1000*i) // diffs of 200 KB to 1 MB
		case 1:
			text = twicePage(3)
		case 2:
			text = "A paragraph that stands once and needs no cleaning at all.\n"
		case 3:
			text = strings.Repeat("Short &amp; sweet.\n", 200)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	held, stderr, code := run(t, "", "-q", "-d", "-j", "2", "-o", filepath.Join(t.TempDir(), "out"), dir)
	if code != ExitChanged || held == "" {
		t.Fatalf("-o: exit %d, %d bytes, stderr %q", code, len(held), stderr)
	}
	for _, j := range []string{"1", "2", "4"} {
		streamed, stderr, code := run(t, "", "-q", "-d", "-j", j, dir)
		if code != ExitChanged || stderr != "" {
			t.Errorf("-j %s: exit %d, stderr %q", j, code, stderr)
		}
		if streamed != held {
			t.Errorf("-j %s: a diff of %d bytes, want the %d bytes of the held diffs", j, len(streamed), len(held))
		}
	}
}
