package main

import (
	"bufio"
	"os"
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
	tree := newRepeatTree(t, 40, 1<<18)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd, stderr := startTextclean(t, bin, w, "-w", "-l", "-j", "2", "-q", tree.dir)
	w.Close()
	first, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // the reader goes away
	if code, _ := exitCode(cmd.Wait()); code != 2 {
		t.Errorf("exit code %d, want 2 (not a death by SIGPIPE)", code)
	}
	if stderr.String() != "" {
		t.Errorf("stderr %q, want nothing", stderr.String())
	}
	if want := tree.path(0) + "\n"; first != want {
		t.Errorf("first line %q, want %q", first, want)
	}
	rewritten, _ := tree.count(t)
	t.Logf("%d of %d files rewritten", rewritten, tree.files)
	if rewritten == tree.files {
		t.Error("every file was rewritten: the closed pipe did not stop the run")
	}
}
