//go:build linux

// The tests of -w and the output flags that need Linux: owners and modes
// from syscall.Stat_t, a tmpfs mount, a device node from mknod.

package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestRewriteKeepsOwnerAndMode checks that -w gives the new file the old
// one's owner, group and special mode bits. Changing the owner needs root.
func TestRewriteKeepsOwnerAndMode(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the file another owner")
	}
	path := filepath.Join(t.TempDir(), "f.txt")
	if err := os.WriteFile(path, []byte("a&amp;b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const nobody = 65534
	if err := os.Chown(path, nobody, nobody); err != nil {
		t.Skip("cannot chown here:", err)
	}
	if err := os.Chmod(path, 0o664|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "", "-w", path); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode() & (os.ModePerm | os.ModeSetgid); got != 0o664|os.ModeSetgid {
		t.Errorf("mode %v, want %v", got, 0o664|os.ModeSetgid)
	}
	if st := info.Sys().(*syscall.Stat_t); st.Uid != nobody || st.Gid != nobody {
		t.Errorf("owner %d:%d, want %d:%d", st.Uid, st.Gid, nobody, nobody)
	}
	if b, _ := os.ReadFile(path); string(b) != "a&b\n" {
		t.Errorf("file holds %q", b)
	}
}

// TestRewriteOnFullDisk rewrites a file with -w on a tmpfs too small to
// hold both the file and its replacement: the write fails, the original
// is intact, no temporary file is left, and the exit code is 2. Mounting
// needs root.
func TestRewriteOnFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	// 44 KB of text whose clean version, about 30 KB, does not fit beside it.
	var b strings.Builder
	for i := 0; b.Len() < 44<<10; i++ {
		fmt.Fprintf(&b, "Paragraph %d of the article, long enough to be a repeated one&amp;.\n", i%400)
	}
	original := b.String()
	path := filepath.Join(dir, "article.txt")
	if err := os.WriteFile(path, []byte(original), 0o644); err != nil {
		t.Fatalf("cannot fill the tmpfs: %v", err)
	}
	_, stderr, code := run(t, "", "-w", path)
	if code != ExitError || !strings.Contains(stderr, "no space left on device") {
		t.Fatalf("exit %d, stderr %q; want 2 and a full-disk error", code, stderr)
	}
	if got, _ := os.ReadFile(path); string(got) != original {
		t.Error("the original file changed")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "article.txt" {
			t.Errorf("%s left behind", e.Name())
		}
	}
}

// TestOutputsKeepDevices checks that every output flag writes to a device
// that stands at its path, as to /dev/null, instead of replacing it with a
// regular file: as root that would destroy /dev/null for the machine.
func TestOutputsKeepDevices(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "in.txt")
	records := filepath.Join(dir, "in.jsonl")
	os.WriteFile(text, []byte("a &amp; b\n"), 0o644)
	os.WriteFile(records, []byte(`{"text":"a &amp; b"}`+"\n"), 0o644)
	null := filepath.Join(dir, "null")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
		t.Skipf("cannot make a device here (root is needed): %v", err)
	}
	tests := [][]string{
		{"-o", null, text},
		{"--report", null, text},
		{"--html", null, text},
		{"--jsonl", "-o", null, records},
		{"--jsonl", "--report", null, records},
	}
	for _, args := range tests {
		if _, stderr, code := run(t, "", args...); code != ExitOK {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
		info, err := os.Lstat(null)
		if err != nil || info.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%v replaced the device: %v, %v", args, info.Mode(), err)
		}
	}
}
