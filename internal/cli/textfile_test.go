package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// textFileInputs are inputs whose clean text -o and -w write as
// dedupe.CleanTo makes it: one that changes at once, one that does not
// change, one whose clean text is the start of it, one that changes only
// at its end (after more than a buffer of the same text), one cleaned to
// nothing, one whose clean text has its size but other bytes, and one
// read as Windows-1252.
var textFileInputs = map[string]string{
	"dirty":    dirtyText,
	"clean":    cleanText,
	"prefix":   cleanText + "\n\n\n",
	"late":     distinctLines(3000) + "Tom &amp; Jerry\n",
	"empty":    "Advertisement\n",
	"samesize": "a\r\nb",
	"cp1252":   "caf\xe9 cr\xe8me\n",
}

// distinctLines returns n lines of text that cleaning keeps as they are.
func distinctLines(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Line %d of a long article, kept as it is.\n", i)
	}
	return b.String()
}

// TestTextFileAgrees checks that -o and -w write the clean text that
// standard output gets, that -w leaves an unchanged file as it was (the
// same file, not a copy renamed over it), and that -l lists the same
// inputs as changed.
func TestTextFileAgrees(t *testing.T) {
	for name, in := range textFileInputs {
		t.Run(name, func(t *testing.T) {
			want, stderr, code := run(t, in)
			if code != ExitOK {
				t.Fatalf("to standard output: exit %d, %s", code, stderr)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "in.txt")
			if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
				t.Fatal(err)
			}
			listed, _, _ := run(t, "", "-l", path)
			out := filepath.Join(dir, "out.txt")
			if _, stderr, code := run(t, "", "-o", out, path); code != ExitOK {
				t.Fatalf("-o: exit %d, %s", code, stderr)
			}
			if got, _ := os.ReadFile(out); string(got) != want {
				t.Errorf("-o writes %q, standard output gets %q", got, want)
			}
			before, _ := os.Stat(path)
			rewritten, stderr, code := run(t, "", "-w", "-l", path)
			if code != ExitOK {
				t.Fatalf("-w: exit %d, %s", code, stderr)
			}
			if rewritten != listed {
				t.Errorf("-w -l lists %q, -l %q", rewritten, listed)
			}
			if got, _ := os.ReadFile(path); string(got) != want {
				t.Errorf("-w writes %q, standard output gets %q", got, want)
			}
			after, _ := os.Stat(path)
			if same := os.SameFile(before, after); same != (listed == "") {
				t.Errorf("-w: same file after %v, listed as changed %q", same, listed)
			}
			checkNoTemporaryFiles(t, dir)
		})
	}
}

// TestTextFileNotCreated checks that an input that cannot be cleaned
// leaves no file under -o, nor a folder for it, and that a read-only file
// is refused by -w only when its text changes.
func TestTextFileNotCreated(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(filepath.Join(in, "sub"), 0o755)
	os.WriteFile(filepath.Join(in, "sub", "bad.txt"), []byte("x\x00\x00\x00\x00binary"), 0o644)
	out := filepath.Join(dir, "out")
	run(t, "", "-o", out, in) // a warning: binary file skipped
	if _, err := os.Stat(filepath.Join(out, "sub")); err == nil {
		t.Error("-o made a folder for an input it did not clean")
	}
	if _, stderr, code := run(t, "", "-o", filepath.Join(dir, "one.txt"), filepath.Join(in, "sub", "bad.txt")); code != ExitError {
		t.Errorf("binary input under -o: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "one.txt")); err == nil {
		t.Error("-o wrote a file for an input it did not clean")
	}
	checkNoTemporaryFiles(t, dir)

	clean, dirty := filepath.Join(dir, "clean.txt"), filepath.Join(dir, "dirty.txt")
	os.WriteFile(clean, []byte(cleanText), 0o444)
	os.WriteFile(dirty, []byte(dirtyText), 0o444)
	if _, stderr, code := run(t, "", "-w", clean); code != ExitOK || stderr != "" {
		t.Errorf("-w on an unchanged read-only file: exit %d, %s", code, stderr)
	}
	_, stderr, code := run(t, "", "-w", dirty)
	if code != ExitError || !strings.Contains(stderr, "file is read-only; not rewritten") {
		t.Errorf("-w on a changed read-only file: exit %d, %s", code, stderr)
	}
}

// TestTextStreamsToStdout checks that in the filter's default mode the
// clean text of an input whose turn has come goes to standard output in
// parts as it is made, not in one write of the whole text, for one input
// and for the first of several, and that it is the text -o writes. (The
// first input's turn comes as the run starts, long before its text is
// written; the second's may come while its text is written, or after,
// and then its text waits in memory.)
func TestTextStreamsToStdout(t *testing.T) {
	dir := t.TempDir()
	in := distinctLines(5000) + "Tom &amp; Jerry\n" // 215 KB
	path := filepath.Join(dir, "in.txt")
	os.WriteFile(path, []byte(in), 0o644)
	out := filepath.Join(dir, "out.txt")
	if _, stderr, code := run(t, "", "-o", out, path); code != ExitOK {
		t.Fatalf("-o: exit %d, %s", code, stderr)
	}
	want, _ := os.ReadFile(out)
	for _, c := range []struct {
		args  []string
		texts int
	}{{[]string{path}, 1}, {[]string{"-j", "1", path, path}, 2}} {
		var stdout writeSizes
		var stderr bytes.Buffer
		if code := Run(append([]string{"textclean", "-q"}, c.args...), strings.NewReader(""), &stdout, &stderr); code != ExitOK {
			t.Fatalf("%q: exit %d, %s", c.args, code, stderr.String())
		}
		if stdout.String() != strings.Repeat(string(want), c.texts) {
			t.Errorf("%q: standard output is not the text -o writes", c.args)
		}
		// Written whole, the text went through WriteString, which
		// writeSizes does not count.
		if len(stdout.sizes) == 0 || stdout.sizes[0] >= len(want) {
			t.Errorf("%q: the text went to standard output whole, not in parts (writes %v)", c.args, stdout.sizes)
		}
	}
}
