package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestStdoutClosedDuringWrite runs textclean -w -l over a folder with its
// standard output a pipe whose reader goes away after the first name, as
// in "textclean -w -l DIR | head -1". textclean must not die of SIGPIPE in
// the middle of a rewrite: it stops starting files, finishes those under
// way, says nothing (the reader left; that is no error) and exits 2, and
// every file is old or new with no temporary file left.
func TestStdoutClosedDuringWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and rewrites 20 MB")
	}
	bin := buildTextclean(t)
	tree := filepath.Join(t.TempDir(), "tree")
	if err := os.Mkdir(tree, 0o755); err != nil {
		t.Fatal(err)
	}
	const files = 40
	var para strings.Builder
	for i := 0; para.Len() < 1<<18; i++ {
		fmt.Fprintf(&para, "Paragraph %d of the article, long enough to count as a repeat here.\n", i)
	}
	original, clean := para.String()+para.String(), para.String()
	for i := range files {
		if err := os.WriteFile(filepath.Join(tree, fmt.Sprintf("%02d.txt", i)), []byte(original), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-w", "-l", "-j", "2", "-q", tree)
	cmd.Stdout = w
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	first, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // the reader goes away
	err = cmd.Wait()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 2 {
		t.Errorf("exit: %v, want code 2 (not a death by SIGPIPE)", err)
	}
	if stderr.String() != "" {
		t.Errorf("stderr %q, want nothing", stderr.String())
	}
	if want := filepath.Join(tree, "00.txt") + "\n"; first != want {
		t.Errorf("first line %q, want %q", first, want)
	}

	entries, err := os.ReadDir(tree)
	if err != nil {
		t.Fatal(err)
	}
	rewritten := 0
	for _, e := range entries {
		if strings.Contains(e.Name(), ".textclean-") {
			t.Errorf("temporary file %s left behind", e.Name())
			continue
		}
		b, err := os.ReadFile(filepath.Join(tree, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		switch string(b) {
		case clean:
			rewritten++
		case original:
		default:
			t.Errorf("%s is neither the original nor the clean text (%d bytes)", e.Name(), len(b))
		}
	}
	t.Logf("%d of %d files rewritten", rewritten, files)
	if rewritten == files {
		t.Error("every file was rewritten: the closed pipe did not stop the run")
	}
}
