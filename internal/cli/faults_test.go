package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/iotest"
	"time"
)

// faultyFile is an input file whose reads go through r, so that a test can
// make them fail or act between them. Its reads at an offset, which
// readPieces makes from parallelRead on, go through r too when r has
// them, and fail when it has not, so that readPieces reads r as it is,
// one piece after the other: the ReadAt of the embedded file would skip
// what r does.
type faultyFile struct {
	*os.File
	r io.Reader
}

func (f *faultyFile) Read(p []byte) (int, error) { return f.r.Read(p) }

func (f *faultyFile) ReadAt(p []byte, off int64) (int, error) {
	if r, ok := f.r.(io.ReaderAt); ok {
		return r.ReadAt(p, off)
	}
	return 0, errors.New("faultyFile: no ReadAt")
}

// injectInput makes every input file open through wrap for the rest of the
// test.
func injectInput(t *testing.T, wrap func(f *os.File) io.Reader) {
	t.Helper()
	saved := openInput
	t.Cleanup(func() { openInput = saved })
	openInput = func(path string) (inputFile, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		return &faultyFile{File: f, r: wrap(f)}, nil
	}
}

// onRead returns a reader of f that calls act once, after the first read
// has given some bytes, one after the other or at an offset: another
// program changing the file mid-read.
func onRead(f *os.File, act func()) io.Reader {
	return &actingReader{f: f, act: act}
}

// actingReader is onRead's reader. Reads at an offset can run on several
// goroutines at once.
type actingReader struct {
	f    *os.File
	act  func()
	once sync.Once
}

func (r *actingReader) Read(p []byte) (int, error) {
	n, err := r.f.Read(p[:min(len(p), 16)])
	if n > 0 {
		r.once.Do(r.act)
	}
	return n, err
}

func (r *actingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.f.ReadAt(p, off)
	if n > 0 {
		r.once.Do(r.act)
	}
	return n, err
}

// TestFaultsInPieces runs the tests of read failures and of inputs that
// change while read with the inputs read in pieces on several goroutines,
// as inputs from parallelRead bytes on are.
func TestFaultsInPieces(t *testing.T) {
	defer func(size, procs int) { parallelRead = size; runtime.GOMAXPROCS(procs) }(parallelRead, runtime.GOMAXPROCS(3))
	parallelRead = 1
	t.Run("ReadFailure", TestReadFailure)
	t.Run("ReadFailureInFolder", TestReadFailureInFolder)
	t.Run("InputChangedWhileRead", TestInputChangedWhileRead)
	t.Run("InputReplacedWhileRead", TestInputReplacedWhileRead)
}

// dirtyText is a text that cleaning changes, long enough to be read in
// several pieces.
const dirtyText = "A paragraph long enough to count as a repeated one here.\n" +
	"Tom &amp; Jerry\n" +
	"A paragraph long enough to count as a repeated one here.\n"

// cleanText is the clean text of dirtyText.
const cleanText = "A paragraph long enough to count as a repeated one here.\n" +
	"Tom & Jerry\n"

// checkNoTemporaryFiles fails if a temporary file of an atomic write is
// left in dir.
func checkNoTemporaryFiles(t *testing.T, dir string) {
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

// earlierReport is what the output file of TestReadFailure holds before
// the run: a report line of an earlier run.
const earlierReport = `{"input":"earlier.txt"}` + "\n"

// TestReadFailure makes the read of an input fail after its first bytes,
// as a disk or network file system can (EIO), and checks every way of
// writing the result: the error names the input and the read, the exit
// code is 2, nothing is printed, and no file is written or replaced.
func TestReadFailure(t *testing.T) {
	injectInput(t, func(f *os.File) io.Reader {
		return io.MultiReader(io.LimitReader(f, 20), iotest.ErrReader(syscall.EIO))
	})
	tests := []struct {
		name string
		args func(dir, in string) []string
	}{
		{"to standard output", func(_, in string) []string { return []string{in} }},
		{"-d", func(_, in string) []string { return []string{"-d", in} }},
		{"-l", func(_, in string) []string { return []string{"-l", in} }},
		{"-w", func(_, in string) []string { return []string{"-w", in} }},
		{"-o over an existing file", func(dir, in string) []string { return []string{"-o", filepath.Join(dir, "out.txt"), in} }},
		{"-o to a new file", func(dir, in string) []string { return []string{"-o", filepath.Join(dir, "new.txt"), in} }},
		{"--report", func(dir, in string) []string {
			return []string{"--report", filepath.Join(dir, "out.txt"), "-o", filepath.Join(dir, "new.txt"), in}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in.txt")
			out := filepath.Join(dir, "out.txt")
			if err := os.WriteFile(in, []byte(dirtyText), 0o644); err != nil {
				t.Fatal(err)
			}
			// out.txt holds a report of an earlier run, which --report
			// may replace (see refuseToReplace), as -o may.
			if err := os.WriteFile(out, []byte(earlierReport), 0o644); err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := run(t, "", tt.args(dir, in)...)
			if code != ExitError {
				t.Errorf("exit %d, want %d", code, ExitError)
			}
			if want := "textclean: " + in + ": read: input/output error\n"; stderr != want {
				t.Errorf("stderr %q, want %q", stderr, want)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if b, _ := os.ReadFile(in); string(b) != dirtyText {
				t.Errorf("input holds %q", b)
			}
			if b, _ := os.ReadFile(out); string(b) != earlierReport && !strings.Contains(string(b), `"error":"read: input/output error"`) {
				t.Errorf("out.txt holds %q", b)
			}
			if _, err := os.Stat(filepath.Join(dir, "new.txt")); err == nil {
				t.Error("new.txt was created")
			}
			checkNoTemporaryFiles(t, dir)
		})
	}
}

// TestReadFailureInFolder checks that a read failure in one file of a
// folder fails that file alone: the others are rewritten, the failure is
// listed at the end, and the exit code is 2.
func TestReadFailureInFolder(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "b.txt")
	injectInput(t, func(f *os.File) io.Reader {
		if f.Name() == bad {
			return io.MultiReader(io.LimitReader(f, 20), iotest.ErrReader(syscall.EIO))
		}
		return f
	})
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(dirtyText), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, stderr, code := run(t, "", "-w", "-j", "2", dir)
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	for _, want := range []string{
		"textclean: " + bad + ": read: input/output error\n",
		"; 1 failed",
		"textclean:   " + bad + "\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	clean, _, _ := run(t, dirtyText)
	for name, want := range map[string]string{"a.txt": clean, "b.txt": dirtyText, "c.txt": clean} {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != want {
			t.Errorf("%s holds %q, want %q", name, b, want)
		}
	}
	checkNoTemporaryFiles(t, dir)
}

// TestStdinReadFailure makes standard input fail mid-stream.
func TestStdinReadFailure(t *testing.T) {
	var out, errOut strings.Builder
	stdin := io.MultiReader(strings.NewReader(dirtyText), iotest.ErrReader(syscall.EIO))
	code := Run([]string{"textclean"}, stdin, &out, &errOut)
	if code != ExitError || out.String() != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out.String())
	}
	if want := "textclean: <stdin>: read: input/output error\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}

// TestInputChangedWhileRead has another program grow, shrink or write to
// the input while textclean reads it. The input is refused, whatever was
// asked: a text half old, half new is not cleaned, printed or written back.
// What the other program wrote stays.
func TestInputChangedWhileRead(t *testing.T) {
	changes := []struct {
		name   string
		change func(path string) error
	}{
		{"grows", func(path string) error {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				return err
			}
			if _, err := f.WriteString("An appended paragraph.\n"); err != nil {
				return err
			}
			return f.Close()
		}},
		{"shrinks", func(path string) error { return os.Truncate(path, 30) }},
		{"is written to", func(path string) error {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			// Same size: only the modification time tells.
			if _, err := f.WriteAt([]byte("X"), 40); err != nil {
				return err
			}
			return f.Close()
		}},
	}
	modes := []struct {
		name string
		args func(dir, in string) []string
	}{
		{"to standard output", func(_, in string) []string { return []string{in} }},
		{"-w", func(_, in string) []string { return []string{"-w", in} }},
		{"-o", func(dir, in string) []string { return []string{"-o", filepath.Join(dir, "out.txt"), in} }},
	}
	for _, ch := range changes {
		for _, mode := range modes {
			t.Run(ch.name+"/"+mode.name, func(t *testing.T) {
				dir := t.TempDir()
				in := filepath.Join(dir, "in.txt")
				if err := os.WriteFile(in, []byte(dirtyText), 0o644); err != nil {
					t.Fatal(err)
				}
				// An old modification time: a write in the same clock tick
				// as the file's creation would not change it.
				old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
				if err := os.Chtimes(in, old, old); err != nil {
					t.Fatal(err)
				}
				var changeErr error
				var after []byte
				injectInput(t, func(f *os.File) io.Reader {
					return onRead(f, func() {
						changeErr = ch.change(in)
						after, _ = os.ReadFile(in)
					})
				})
				stdout, stderr, code := run(t, "", mode.args(dir, in)...)
				if changeErr != nil {
					t.Fatal(changeErr)
				}
				if code != ExitError || stdout != "" {
					t.Errorf("exit %d, stdout %q; want 2 and nothing", code, stdout)
				}
				if want := "textclean: " + in + ": changed while it was being read; not cleaned\n"; stderr != want {
					t.Errorf("stderr %q, want %q", stderr, want)
				}
				if b, _ := os.ReadFile(in); string(b) != string(after) {
					t.Errorf("input holds %q, want what the other program left: %q", b, after)
				}
				if _, err := os.Stat(filepath.Join(dir, "out.txt")); err == nil {
					t.Error("out.txt was written")
				}
				checkNoTemporaryFiles(t, dir)
			})
		}
	}
}

// TestInputReplacedWhileRead has another program replace the input (rename
// a new file over it) while textclean reads it. The open file is still the
// old one, read whole: it is cleaned as it was, but -w does not put its
// clean text in place of the new file.
func TestInputReplacedWhileRead(t *testing.T) {
	tests := []struct {
		name   string
		args   func(dir, in string) []string
		code   int
		stdout string
		stderr string
		out    string // what out.txt must hold; "" if it must not exist
	}{
		{name: "to standard output", args: func(_, in string) []string { return []string{in} }, stdout: cleanText},
		{name: "-o", args: func(dir, in string) []string { return []string{"-o", filepath.Join(dir, "out.txt"), in} }, out: cleanText},
		{name: "-w", args: func(_, in string) []string { return []string{"-w", in} }, code: ExitError, stderr: ": changed while it was being cleaned; not rewritten\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in.txt")
			if err := os.WriteFile(in, []byte(dirtyText), 0o644); err != nil {
				t.Fatal(err)
			}
			const replacement = "Another text.\n"
			var changeErr error
			injectInput(t, func(f *os.File) io.Reader {
				return onRead(f, func() {
					if changeErr = os.WriteFile(in+".new", []byte(replacement), 0o644); changeErr == nil {
						changeErr = os.Rename(in+".new", in)
					}
				})
			})
			stdout, stderr, code := run(t, "", tt.args(dir, in)...)
			if changeErr != nil {
				t.Fatal(changeErr)
			}
			if code != tt.code || stdout != tt.stdout {
				t.Errorf("exit %d, stdout %q; want %d, %q", code, stdout, tt.code, tt.stdout)
			}
			if tt.stderr == "" && stderr != "" || tt.stderr != "" && stderr != "textclean: "+in+tt.stderr {
				t.Errorf("stderr %q, want %q", stderr, tt.stderr)
			}
			if b, _ := os.ReadFile(in); string(b) != replacement {
				t.Errorf("input holds %q, want the replacement", b)
			}
			b, err := os.ReadFile(filepath.Join(dir, "out.txt"))
			if tt.out == "" && err == nil || tt.out != "" && string(b) != tt.out {
				t.Errorf("out.txt holds %q (%v), want %q", b, err, tt.out)
			}
			checkNoTemporaryFiles(t, dir)
		})
	}
}
