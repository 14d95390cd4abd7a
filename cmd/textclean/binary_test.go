package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

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
