//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// nobody is the user and group the permission tests run textclean as.
const nobody = 65534

// TestPermissionDenied runs the real binary as the unprivileged user
// nobody on files and folders that root owns, and checks for each denial
// that the error names the file and the cause, the exit code is 2, nothing
// is written or replaced, and no temporary file is left. Root is needed to
// run a process as another user (tests run as root here); elsewhere it is
// skipped.
func TestPermissionDenied(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to run textclean as another user")
	}
	bin := buildTextclean(t)
	const (
		dirty = "Tom &amp; Jerry\n"
		clean = "Tom & Jerry\n"
	)
	// Each case lays out a folder (mode dirMode) holding in.txt (mode
	// inMode) and, if outMode is not 0, out.txt, all owned by root.
	tests := []struct {
		name                     string
		dirMode, inMode, outMode os.FileMode
		args                     []string // "DIR" stands for the folder
		code                     int
		stderr                   string // "IN", "OUT" and "DIR" stand for the paths
		in, out                  string // what in.txt and out.txt hold after; out "" for absent
	}{
		{
			// The control: nobody may do this, so the denials below are
			// the permissions' doing, not the setup's.
			name: "allowed: -w a writable file in a writable folder", dirMode: 0o777, inMode: 0o666,
			args: []string{"-w", "IN"}, in: clean,
		},
		{
			name: "-w a file the user may not write", dirMode: 0o777, inMode: 0o644,
			args: []string{"-w", "IN"}, code: 2,
			stderr: "textclean: IN: permission denied; not rewritten\n", in: dirty,
		},
		{
			name: "-w a writable file in a folder the user may not write", dirMode: 0o755, inMode: 0o666,
			args: []string{"-w", "IN"}, code: 2,
			stderr: "textclean: IN: create temporary file: permission denied\n", in: dirty,
		},
		{
			name: "-o into a folder the user may not write", dirMode: 0o755, inMode: 0o644,
			args: []string{"-o", "DIR/new.txt", "IN"}, code: 2,
			stderr: "textclean: IN: write DIR/new.txt: create temporary file: permission denied\n", in: dirty,
		},
		{
			name: "-o over a file the user may not write", dirMode: 0o777, inMode: 0o644, outMode: 0o644,
			args: []string{"-o", "OUT", "IN"}, code: 2,
			stderr: "textclean: IN: write OUT: permission denied\n", in: dirty, out: "old\n",
		},
		{
			name: "an input the user may not read", dirMode: 0o777, inMode: 0o600,
			args: []string{"IN"}, code: 2,
			stderr: "textclean: IN: permission denied\n", in: dirty,
		},
		{
			name: "a folder the user may not read", dirMode: 0o700, inMode: 0o644,
			args: []string{"-q", "-w", "DIR"}, code: 2,
			stderr: "textclean: DIR: permission denied\ntextclean: 1 failed:\ntextclean:   DIR\n", in: dirty,
		},
		{
			name: "-w a folder with a file the user may not write", dirMode: 0o777, inMode: 0o644,
			args: []string{"-q", "-w", "DIR"}, code: 2,
			stderr: "textclean: IN: permission denied; not rewritten\ntextclean: 1 failed:\ntextclean:   IN\n", in: dirty,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := t.TempDir()
			if err := os.Chmod(base, 0o755); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(base, "d")
			in := filepath.Join(dir, "in.txt")
			out := filepath.Join(dir, "out.txt")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(in, []byte(dirty), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.outMode != 0 {
				if err := os.WriteFile(out, []byte("old\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				os.Chmod(out, tt.outMode)
			}
			os.Chmod(in, tt.inMode)
			os.Chmod(dir, tt.dirMode)
			// t.TempDir's parent is for root alone; nobody must get through it.
			if err := os.Chmod(filepath.Dir(base), 0o755); err != nil {
				t.Fatal(err)
			}

			paths := strings.NewReplacer("IN", in, "OUT", out, "DIR", dir)
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = paths.Replace(a)
			}
			cmd := exec.Command(bin, args...)
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code, ok := exitCode(err)
			if !ok {
				t.Skip("cannot run a process as nobody here:", err)
			}
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, stderr.String())
			}
			if want := paths.Replace(tt.stderr); stderr.String() != want {
				t.Errorf("stderr %q, want %q", stderr.String(), want)
			}
			if b, _ := os.ReadFile(in); string(b) != tt.in {
				t.Errorf("in.txt holds %q, want %q", b, tt.in)
			}
			if b, err := os.ReadFile(out); tt.out == "" && err == nil || tt.out != "" && string(b) != tt.out {
				t.Errorf("out.txt holds %q (%v), want %q", b, err, tt.out)
			}
			if _, err := os.Stat(filepath.Join(dir, "new.txt")); err == nil {
				t.Error("new.txt was written")
			}
			noTemporaryFiles(t, dir)
		})
	}
}
