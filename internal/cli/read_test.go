package cli

import (
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestReadLimited reads regular files into buffers of their size, one
// piece after the other and, with the threshold lowered to one byte, in
// pieces on several goroutines: the text comes back whole, the limit still
// holds, and the file is left at its end, also when it was read from
// part-way.
func TestReadLimited(t *testing.T) {
	defer func(size, procs int) { parallelRead = size; runtime.GOMAXPROCS(procs) }(parallelRead, runtime.GOMAXPROCS(3))
	text := strings.Repeat("a line of text\n", 1001)
	path := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{math.MaxInt, 1} {
		parallelRead = size
		for _, tt := range []struct {
			max     int64
			wantErr bool
		}{
			{int64(len(text)) + 1, false},
			{int64(len(text)), false},
			{int64(len(text)) - 1, true},
		} {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if regularSize(f) != int64(len(text)) {
				t.Errorf("regularSize = %d, want %d", regularSize(f), len(text))
			}
			got, err := readLimited(f, tt.max)
			rest, _ := io.ReadAll(f)
			f.Close()
			switch {
			case tt.wantErr && err == nil:
				t.Errorf("pieces from %d, max %d: read %d bytes, want the limit's error", size, tt.max, len(got))
			case !tt.wantErr && (err != nil || got != text):
				t.Errorf("pieces from %d, max %d: read %d bytes, %v; want the %d bytes", size, tt.max, len(got), err, len(text))
			case !tt.wantErr && len(rest) > 0:
				t.Errorf("pieces from %d, max %d: %d bytes left to read after it", size, tt.max, len(rest))
			}
		}
	}
	if regularSize(strings.NewReader(text)) != 0 {
		t.Error("regularSize of a strings.Reader is not 0")
	}
	// A file read from where it stands (standard input after another
	// program read some of it) gives the rest, counted against the limit,
	// in pieces: readLimited sizes the buffer for the whole file.
	parallelRead = 1
	for _, skip := range []int{7, len(text) - 1} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Seek(int64(skip), io.SeekStart); err != nil {
			t.Fatal(err)
		}
		lr := &limitedReader{r: f, max: int64(len(text))}
		b := readPieces(lr, make([]byte, 0, len(text)+1), int64(len(text)))
		rest, _ := io.ReadAll(f)
		f.Close()
		if string(b) != text[skip:] || lr.read != int64(len(b)) || len(rest) > 0 {
			t.Errorf("skip %d: read %d bytes, counted %d, %d left; want %d, all", skip, len(b), lr.read, len(rest), len(text)-skip)
		}
	}
}

// TestReadPiecesFallsBack checks that readPieces reads nothing from a
// reader it cannot read at an offset (a pipe), and from a file that is
// smaller than it thought (it shrank): the caller then reads it as it is.
func TestReadPiecesFallsBack(t *testing.T) {
	defer func(size int) { parallelRead = size }(parallelRead)
	parallelRead = 1
	if b := readPieces(&limitedReader{r: struct{ io.Reader }{strings.NewReader("text")}, max: 100}, make([]byte, 0, 5), 4); len(b) != 0 {
		t.Errorf("readPieces of a plain io.Reader read %q", b)
	}
	path := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(path, []byte("short"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lr := &limitedReader{r: f, max: 100}
	if b := readPieces(lr, make([]byte, 0, 50), 49); len(b) != 0 || lr.read != 0 {
		t.Errorf("readPieces of a file smaller than the buffer read %q, counted %d", b, lr.read)
	}
	if got, err := readLimited(f, 100); got != "short" || err != nil {
		t.Errorf("readLimited after it = %q, %v", got, err)
	}
}

// BenchmarkReadLimited reads a 64 MB file as the CLI reads an input, into
// fresh memory, one piece after the other and in pieces on all CPUs. Most
// of the cost is the kernel's first touch of the buffer's pages, which
// the pieces share out.
func BenchmarkReadLimited(b *testing.B) {
	path := filepath.Join(b.TempDir(), "in.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("a line of text\n", 64<<20/15)), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		size int
	}{{"sequential", math.MaxInt}, {"pieces", parallelRead}} {
		b.Run(bc.name, func(b *testing.B) {
			defer func(size int) { parallelRead = size }(parallelRead)
			parallelRead = bc.size
			for b.Loop() {
				b.StopTimer()
				debug.FreeOSMemory() // the buffer's pages fresh, as the CLI's are
				b.StartTimer()
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				text, err := readLimited(f, 1<<40)
				f.Close()
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(text)))
			}
		})
	}
}
