package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/textclean/textclean/internal/benchgen"
)

// failingWriter takes room bytes, then fails every write.
type failingWriter struct{ room int }

var errFull = errors.New("no space left")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.room {
		n := w.room
		w.room = 0
		return n, errFull
	}
	w.room -= len(p)
	return len(p), nil
}

// TestStreamStopsWhenWritesFail checks that writing to a full device
// (gen > /dev/full) ends with the error instead of looping for ever.
func TestStreamStopsWhenWritesFail(t *testing.T) {
	done := make(chan error, 1)
	go func() { done <- writeStream(&failingWriter{room: 100}, benchgen.New(1), 8<<20) }()
	select {
	case err := <-done:
		if !errors.Is(err, errFull) {
			t.Errorf("writeStream = %v, want %v", err, errFull)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("writeStream still running 30 s after its writes began to fail")
	}
}

// TestTreeIsTheStream checks that the files of a tree, in order, are the
// articles of the stream of the same seed, each file its share of them.
func TestTreeIsTheStream(t *testing.T) {
	const limit, files = 200 << 10, 7
	dir := t.TempDir()
	if err := writeTree(dir, files, benchgen.New(3), limit); err != nil {
		t.Fatal(err)
	}
	var tree bytes.Buffer
	names, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) == 0 {
			t.Errorf("%s is empty", name)
		}
		tree.Write(b)
	}
	if len(names) != files {
		t.Errorf("%d files, want %d", len(names), files)
	}
	if tree.Len() < limit {
		t.Errorf("the files hold %d bytes, want at least %d", tree.Len(), limit)
	}
	var stream bytes.Buffer
	if err := writeStream(&stream, benchgen.New(3), tree.Len()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stream.String(), tree.String()) {
		t.Error("the files, in order, are not the stream of the same seed")
	}
}

// TestTreeFileCostsItsSize checks that a file of many articles is built in
// memory in proportion to its size: adding each article to a string made a
// one-file tree of 20 MB take 16 s, as every article copied the file so
// far. Allocation counts bytes, not time, so a busy machine cannot fail it.
func TestTreeFileCostsItsSize(t *testing.T) {
	const limit = 2 << 20
	dir := t.TempDir()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := writeTree(dir, 1, benchgen.New(1), limit); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("a file of %d bytes: %d bytes allocated (%.1f times its size)", limit, allocated, float64(allocated)/limit)
	if allocated > 40*limit {
		t.Errorf("a file of %d bytes allocated %d bytes: more than 40 times its size", limit, allocated)
	}
}
