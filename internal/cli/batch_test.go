package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestCountInputsLeavesOut counts what the progress bar of -w expects: a
// folder named again, and a file inside it named too, are left out, so
// the bar's files and bytes are those cleaned, and it ends full.
func TestCountInputsLeavesOut(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("12345\n"), 0o644)      // 6 bytes
	os.WriteFile(b, []byte("1234567890\n"), 0o644) // 11 bytes
	cmd := &command{write: true, selection: selection{repeats: true}}
	files, total := countInputs(context.Background(), &cmd.selection, []string{dir, a, dir}, cmd.leavesOut)
	if files != 2 || total != 17 {
		t.Errorf("-w on dir, a.txt, dir: %d files, %d bytes; want 2 files, 17 bytes", files, total)
	}
	cmd.write = false // printed, a repeat is cleaned again, as its first name
	files, total = countInputs(context.Background(), &cmd.selection, []string{dir, a, dir}, cmd.leavesOut)
	if files != 5 || total != 6+11+6+6+11 {
		t.Errorf("dir, a.txt, dir: %d files, %d bytes; want 5 files, 40 bytes", files, total)
	}
}

// TestShowsProgress checks when a run draws its progress line: over many
// inputs only, not with -q nor --jsonl, and not when what it prints as it
// goes would land on the same terminal.
func TestShowsProgress(t *testing.T) {
	for _, c := range []struct {
		name     string
		cmd      command
		terminal bool // standard output is a terminal
		want     bool
	}{
		{"-w", command{batch: true, write: true}, true, true},
		{"--check", command{batch: true, check: true}, true, true},
		{"-o", command{batch: true, output: "out"}, true, true},
		{"one input", command{write: true}, true, false},
		{"-q", command{batch: true, write: true, quiet: true}, true, false},
		{"--jsonl -o", command{batch: true, jsonl: true, output: "out"}, false, false},
		{"--jsonl --check", command{batch: true, jsonl: true, check: true}, true, false},
		{"texts to a terminal", command{batch: true}, true, false},
		{"texts to a pipe", command{batch: true}, false, true},
		{"-l to a terminal", command{batch: true, list: true, check: true}, true, false},
		{"-d to a file", command{batch: true, diff: true}, false, true},
	} {
		if got := c.cmd.showsProgress(c.terminal); got != c.want {
			t.Errorf("%s (standard output a terminal: %v): %v, want %v", c.name, c.terminal, got, c.want)
		}
	}
}
