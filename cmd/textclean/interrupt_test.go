package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
	dir := t.TempDir()
	tree := filepath.Join(dir, "tree")
	if err := os.Mkdir(tree, 0o755); err != nil {
		t.Fatal(err)
	}
	// 60 files of 1 MB: each one paragraph per line, its second half a
	// repeat of the first, so each is changed and takes a while to clean.
	const files = 60
	var para strings.Builder
	for i := 0; para.Len() < 1<<19; i++ {
		fmt.Fprintf(&para, "Paragraph %d of the article, long enough to count as a repeat here.\n", i)
	}
	original := para.String() + para.String()
	clean := para.String()
	for i := range files {
		if err := os.WriteFile(filepath.Join(tree, fmt.Sprintf("%02d.txt", i)), []byte(original), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	cmd := exec.Command(bin, "-w", "-j", "2", tree)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt as soon as the first file has been rewritten.
	first := filepath.Join(tree, "00.txt")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if info, err := os.Stat(first); err == nil && info.Size() == int64(len(clean)) {
			break
		}
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 130 {
		t.Fatalf("exit: %v, want code 130; stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted, the files not reached are untouched") {
		t.Errorf("stderr does not say the run was interrupted:\n%s", stderr.String())
	}

	entries, err := os.ReadDir(tree)
	if err != nil {
		t.Fatal(err)
	}
	rewritten, untouched := 0, 0
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
			untouched++
		default:
			t.Errorf("%s is neither the original nor the clean text (%d bytes)", e.Name(), len(b))
		}
	}
	t.Logf("%d files rewritten, %d untouched", rewritten, untouched)
	if rewritten+untouched != files || untouched == 0 {
		t.Errorf("%d rewritten + %d untouched of %d: the interrupt came too late to test anything", rewritten, untouched, files)
	}
}
