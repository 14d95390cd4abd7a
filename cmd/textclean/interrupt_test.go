package main

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptedWrite sends SIGINT, then (in a second run) SIGTERM, to the
// real binary while it rewrites a folder of files with -w, and checks that
// every file is either untouched or completely rewritten, that no temporary
// file is left, and that the exit code and the summary say the run was
// interrupted.
func TestInterruptedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and cleans 60 MB")
	}
	bin := buildTextclean(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) { interruptWrite(t, bin, sig) })
	}
}

func interruptWrite(t *testing.T, bin string, sig syscall.Signal) {
	// 60 files of 1 MB: each one paragraph per line, its second half a
	// repeat of the first, so each is changed and takes a while to clean.
	tree := newRepeatTree(t, 60, 1<<19)
	cmd, stderr := startTextclean(t, bin, nil, "-w", "-j", "2", tree.dir)
	// Interrupt as soon as the first file has been rewritten.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if info, err := os.Stat(tree.path(0)); err == nil && info.Size() == int64(len(tree.clean)) {
			break
		}
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	if code, _ := exitCode(cmd.Wait()); code != 130 {
		t.Fatalf("exit code %d, want 130; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted, the files not reached are untouched") {
		t.Errorf("stderr does not say the run was interrupted:\n%s", stderr.String())
	}
	rewritten, untouched := tree.count(t)
	t.Logf("%d files rewritten, %d untouched", rewritten, untouched)
	if untouched == 0 {
		t.Errorf("%d rewritten, %d untouched of %d: the interrupt came too late to test anything", rewritten, untouched, tree.files)
	}
}
