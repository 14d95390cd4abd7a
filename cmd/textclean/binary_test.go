package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The helpers of the tests that run the real binary: build it, lay out a
// folder for it to rewrite, start it, and check what it left behind.

// buildTextclean builds the textclean binary into a folder of its own that
// every user may enter, for tests that signal it or run it as another user,
// and returns its path.
func buildTextclean(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "textclean")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// t.TempDir makes its folders for the current user alone.
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return bin
}

// repeatTree is a folder of files that -w rewrites: each file, one
// paragraph per line, is a text of at least size bytes twice over.
type repeatTree struct {
	dir             string
	files           int
	original, clean string // what each file holds before and after cleaning
}

// newRepeatTree writes a repeatTree of files files, 00.txt, 01.txt, ...
func newRepeatTree(t *testing.T, files, size int) *repeatTree {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "tree")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var para strings.Builder
	for i := 0; para.Len() < size; i++ {
		fmt.Fprintf(&para, "Paragraph %d of the article, long enough to count as a repeat here.\n", i)
	}
	tr := &repeatTree{dir: dir, files: files, original: para.String() + para.String(), clean: para.String()}
	for i := range files {
		if err := os.WriteFile(tr.path(i), []byte(tr.original), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

// path is the path of file i of the tree.
func (tr *repeatTree) path(i int) string { return filepath.Join(tr.dir, fmt.Sprintf("%02d.txt", i)) }

// count checks that every file of the tree is whole, its original or its
// clean text, and that no temporary file is left, and returns how many
// were rewritten and how many are untouched.
func (tr *repeatTree) count(t *testing.T) (rewritten, untouched int) {
	t.Helper()
	noTemporaryFiles(t, tr.dir)
	for i := range tr.files {
		b, err := os.ReadFile(tr.path(i))
		if err != nil {
			t.Fatal(err)
		}
		switch string(b) {
		case tr.clean:
			rewritten++
		case tr.original:
			untouched++
		default:
			t.Errorf("%s is neither the original nor the clean text (%d bytes)", tr.path(i), len(b))
		}
	}
	return rewritten, untouched
}

// noTemporaryFiles checks that textclean left no temporary file in dir.
func noTemporaryFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".textclean-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// startTextclean starts bin with args, its standard output stdout (nil
// for none), and returns it and what it writes to standard error. The
// process is killed when the test ends, if it still runs.
func startTextclean(t *testing.T, bin string, stdout io.Writer, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdout = stdout
	stderr := new(strings.Builder)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, stderr
}

// exitCode is the exit code of a process that Wait or Run returned err
// for (-1 if a signal ended it), and false if err is no exit at all: the
// process could not be started or waited for.
func exitCode(err error) (int, bool) {
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return 0, true
	case errors.As(err, &exitErr):
		return exitErr.ExitCode(), true
	}
	return -1, false
}
