package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// run calls Run in-process with stdin and returns stdout, stderr and the
// exit code.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(append([]string{"textclean"}, args...), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	dirty := filepath.Join(dir, "dirty.txt")
	clean := filepath.Join(dir, "clean.txt")
	os.WriteFile(dirty, []byte("a&amp;b\n"), 0o644)
	os.WriteFile(clean, []byte("a&b\n"), 0o644)
	tests := []struct {
		args []string
		want int
	}{
		{[]string{clean}, ExitOK},
		{[]string{dirty}, ExitOK}, // printing the clean text is not a check
		{[]string{"--check", clean}, ExitOK},
		{[]string{"--check", dirty}, ExitChanged},
		{[]string{"-l", dirty}, ExitChanged},
		{[]string{"-d", dirty}, ExitChanged},
		{[]string{"-d", clean}, ExitOK},
		{[]string{"--check", dirty, filepath.Join(dir, "missing")}, ExitError}, // errors outrank changes
		{[]string{"--bogus"}, ExitError},
		{[]string{"-w", "-"}, ExitError},
	}
	for _, tt := range tests {
		if _, stderr, code := run(t, "", tt.args...); code != tt.want {
			t.Errorf("textclean %s: exit %d, want %d (stderr %q)", strings.Join(tt.args, " "), code, tt.want, stderr)
		}
	}
}

// TestLargeInputs cleans inputs of the sizes that scraped text reaches: a
// 10 MB paragraph on one line and 100,000 short paragraphs.
func TestLargeInputs(t *testing.T) {
	line := strings.Repeat("All work and no play makes Jack a dull boy ", 10<<20/43)
	line = strings.TrimSpace(line)
	stdout, stderr, code := run(t, line)
	if code != ExitOK || stderr != "" {
		t.Fatalf("10 MB line: exit %d, stderr %q", code, stderr)
	}
	// Its sentence-free text is kept whole.
	if stdout != line+"\n" {
		t.Errorf("10 MB line: output of %d bytes differs from the input of %d bytes", len(stdout), len(line))
	}

	var b strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&b, "Paragraph number %d.\n", i)
	}
	many := b.String()
	stdout, _, code = run(t, many+many)
	if code != ExitOK || stdout != many {
		t.Errorf("100,000 paragraphs twice: exit %d, %d bytes out, want the %d bytes of one copy", code, len(stdout), len(many))
	}
}

func TestStdoutWriteError(t *testing.T) {
	var errOut bytes.Buffer
	code := Run([]string{"textclean"}, strings.NewReader("text\n"), &sizedFailWriter{}, &errOut) // fails every write, like a closed pipe or a full disk
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	if want := "textclean: <stdin>: write standard output: no space left on device\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}

func TestOutputToMissingFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "no", "such", "folder", "out.txt")
	_, stderr, code := run(t, "text\n", "-o", out)
	if code != ExitError || !strings.Contains(stderr, "no such file or directory") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output file exists after a failed write")
	}
}

func TestWriteAtomicLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.txt")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(path, "new\n", startDescriptors{}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new\n" {
		t.Errorf("file holds %q after the write", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries after an atomic write, want 1", len(entries))
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	// Renaming over a directory fails: the temporary file must go too.
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "x"), nil, 0o644)
	if f, err := createAtomic(sub, nil); err != nil || f.fill("x") == nil {
		t.Fatal("writing over a non-empty directory succeeded")
	}
	checkNoTemporaryFiles(t, dir)
}

// TestRewriteRefusesChangedTarget changes the file after it was read, as
// another program could while textclean works: it is then not rewritten,
// whether it was written to or replaced by a folder or a symbolic link.
func TestRewriteRefusesChangedTarget(t *testing.T) {
	tests := []struct {
		name   string
		change func(path string) error
	}{
		{"written to", func(path string) error {
			return os.WriteFile(path, []byte("someone else's new text, longer\n"), 0o644)
		}},
		{"replaced by a folder", func(path string) error {
			if err := os.Remove(path); err != nil {
				return err
			}
			return os.Mkdir(path, 0o755)
		}},
		{"replaced by a symbolic link", func(path string) error {
			other := path + ".other"
			if err := os.WriteFile(other, []byte("other\n"), 0o644); err != nil {
				return err
			}
			if err := os.Remove(path); err != nil {
				return err
			}
			return os.Symlink(other, path)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f.txt")
			if err := os.WriteFile(path, []byte("a&amp;b\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			read, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(10 * time.Millisecond) // a later modification time
			if err := tt.change(path); err != nil {
				t.Fatal(err)
			}
			before, _ := os.Lstat(path)
			err = rewrite(path, "a&b\n", read)
			if err == nil {
				t.Fatal("rewrite succeeded over a changed file")
			}
			after, _ := os.Lstat(path)
			if after.Mode() != before.Mode() || after.Size() != before.Size() {
				t.Errorf("the changed target was touched: %v %d -> %v %d", before.Mode(), before.Size(), after.Mode(), after.Size())
			}
			checkNoTemporaryFiles(t, dir)
		})
	}
}

// TestReportFollowsLink checks that --report, like -o, writes the target of
// a symbolic link and leaves the link.
func TestReportFollowsLink(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	os.WriteFile(in, []byte("a &amp; b\n"), 0o644)
	target, link := filepath.Join(dir, "report.jsonl"), filepath.Join(dir, "link.jsonl")
	os.WriteFile(target, nil, 0o644)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "", "-o", filepath.Join(dir, "out.txt"), "--report", link, in); code != ExitOK {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	if data, _ := os.ReadFile(target); !bytes.Contains(data, []byte(`"input"`)) {
		t.Errorf("the link's target holds %q, not the report", data)
	}
}

// TestRewriteEachFileOnce names files to -w more than once: twice on the
// command line, as ./NAME, through a symbolic link (named, or followed in
// a walk), and inside a folder named as well as itself. Each file must be
// cleaned and listed once, under its first name, whatever -j: two workers
// rewrote one file at once (one failed: "changed while it was being
// cleaned"), and with --across the second name lost every paragraph to the
// first, so that the file was rewritten nearly empty. A hard link is an
// entry of its own, and is rewritten under each name; with --across or
// --boilerplate it is cleaned as its first name (compared with itself, it
// lost every paragraph), where the system tells hard links apart.
func TestRewriteEachFileOnce(t *testing.T) {
	const dirty = "A paragraph long enough to count as a repeated one here.\n\nTom &amp; Jerry\n\nAnother paragraph, long enough to be kept by the first name.\n"
	clean, _, _ := run(t, dirty)
	setup := func(t *testing.T) string {
		dir := t.TempDir()
		t.Chdir(dir) // names as the user types them
		os.MkdirAll(filepath.Join("d", "sub"), 0o755)
		for _, name := range []string{"a.txt", "b.txt", filepath.Join("d", "c.txt"), filepath.Join("d", "sub", "e.txt")} {
			if err := os.WriteFile(name, []byte(dirty), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Symlink("../a.txt", filepath.Join("d", "link.txt")); err != nil {
			t.Skip(err)
		}
		if err := os.Link("b.txt", "hard.txt"); err != nil {
			t.Skip(err)
		}
		return dir
	}
	tests := []struct {
		args  []string
		want  string   // what -l lists
		clean []string // the files that must be clean
	}{
		{[]string{"a.txt", "b.txt", "a.txt", "./a.txt"}, "a.txt\nb.txt\n", []string{"a.txt", "b.txt"}},
		{[]string{"a.txt", "d/link.txt"}, "a.txt\n", []string{"a.txt"}},
		{[]string{"d", "d/sub", "d/c.txt"}, "d/c.txt\nd/sub/e.txt\n", []string{"d/c.txt", "d/sub/e.txt"}},
		{[]string{"--follow", "a.txt", "d"}, "a.txt\nd/c.txt\nd/sub/e.txt\n", []string{"a.txt", "d/c.txt", "d/sub/e.txt"}},
		{[]string{"b.txt", "hard.txt"}, "b.txt\nhard.txt\n", []string{"b.txt", "hard.txt"}},
		{[]string{"--across", "a.txt", "a.txt"}, "a.txt\n", []string{"a.txt"}},
		{[]string{"--boilerplate", "2", "a.txt", "a.txt"}, "a.txt\n", []string{"a.txt"}},
		{[]string{"--across", "b.txt", "hard.txt"}, "b.txt\nhard.txt\n", []string{"b.txt", "hard.txt"}},
		{[]string{"--boilerplate", "2", "b.txt", "hard.txt"}, "b.txt\nhard.txt\n", []string{"b.txt", "hard.txt"}},
	}
	for _, tt := range tests {
		for _, jobs := range []string{"1", "8"} {
			t.Run(strings.Join(tt.args, " ")+" -j "+jobs, func(t *testing.T) {
				setup(t)
				args := append([]string{"-w", "-l", "-q", "-j", jobs}, tt.args...)
				stdout, stderr, code := run(t, "", args...)
				if code != ExitOK || stdout != filepath.FromSlash(tt.want) {
					t.Errorf("exit %d, listed %q, stderr %q; want exit 0 and %q", code, stdout, stderr, tt.want)
				}
				for _, name := range tt.clean {
					if data, _ := os.ReadFile(name); string(data) != clean {
						t.Errorf("%s holds %q, want the clean text %q", name, data, clean)
					}
				}
			})
		}
	}
}

// linkThenDotDot makes, in the working folder, the folders elsewhere/x
// and sub and a symbolic link sub/link to ../elsewhere/x, so that
// sub/link/.. is elsewhere to the kernel and sub to a tidied path. It
// skips the test where links cannot be made.
func linkThenDotDot(t *testing.T) {
	t.Helper()
	for _, dir := range []string{filepath.Join("elsewhere", "x"), "sub"} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join("..", "elsewhere", "x"), filepath.Join("sub", "link")); err != nil {
		t.Skip(err)
	}
}

// TestRewriteThroughLinkAndDotDot names files through a symbolic link
// to a folder followed by "..": the kernel follows the link first, so
// sub/link/../a.txt is elsewhere/a.txt, not sub/a.txt. -w took it for
// sub/a.txt (filepath.Dir and Abs tidy ".." away by text), and left one
// of the two files dirty, with exit 0.
func TestRewriteThroughLinkAndDotDot(t *testing.T) {
	const dirty = "Tom &amp; Jerry\n"
	for _, tt := range []struct {
		args []string
		want string // what -l lists
	}{
		{[]string{"sub/a.txt", "sub/link/../a.txt"}, "sub/a.txt\nsub/link/../a.txt\n"},
		{[]string{"sub/link/../a.txt", "sub"}, "sub/link/../a.txt\nsub/a.txt\n"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			linkThenDotDot(t)
			for _, name := range []string{filepath.Join("sub", "a.txt"), filepath.Join("elsewhere", "a.txt")} {
				os.WriteFile(name, []byte(dirty), 0o644)
			}
			args := []string{"-w", "-l", "-q"}
			for _, a := range tt.args {
				args = append(args, filepath.FromSlash(a))
			}
			stdout, stderr, code := run(t, "", args...)
			if code != ExitOK || stdout != filepath.FromSlash(tt.want) {
				t.Errorf("exit %d, listed %q, stderr %q; want exit 0 and %q", code, stdout, stderr, tt.want)
			}
			for _, name := range []string{filepath.Join("sub", "a.txt"), filepath.Join("elsewhere", "a.txt")} {
				if data, _ := os.ReadFile(name); string(data) != "Tom & Jerry\n" {
					t.Errorf("%s holds %q, want it clean", name, data)
				}
			}
		})
	}
}

// TestWalkThroughLinkAndDotDot walks a folder named through a symbolic
// link followed by "..": sub/link/.. is the folder above link's target.
// The walk read that folder but named its files with filepath.Join, which
// tidies sub/link/../a.txt into sub/a.txt: it listed elsewhere's names and
// read sub's files (only.txt, not in sub, failed), and -w would have
// rewritten a file outside the folder named. -o into that folder is the
// walk cleaning its own output, and is refused.
func TestWalkThroughLinkAndDotDot(t *testing.T) {
	t.Chdir(t.TempDir())
	linkThenDotDot(t)
	os.WriteFile(filepath.Join("sub", "a.txt"), []byte("Tom & Jerry\n"), 0o644)
	for _, name := range []string{"a.txt", "only.txt"} {
		os.WriteFile(filepath.Join("elsewhere", name), []byte("Tom &amp; Jerry\n"), 0o644)
	}
	folder := filepath.FromSlash("sub/link/..") // not filepath.Join, which tidies it too
	want := filepath.FromSlash("sub/link/../a.txt\nsub/link/../only.txt\n")
	if stdout, stderr, code := run(t, "", "-l", "-q", folder); code != ExitChanged || stdout != want {
		t.Errorf("-l %s: exit %d, listed %q, stderr %q; want exit %d and %q", folder, code, stdout, stderr, ExitChanged, want)
	}
	if _, stderr, code := run(t, "", "-q", "-o", filepath.Join("elsewhere", "out"), folder); code != ExitError || !strings.Contains(stderr, "inside") {
		t.Errorf("-o elsewhere/out %s: exit %d, stderr %q; want it refused", folder, code, stderr)
	}
}

// TestReportNotLeftBehind stops a run after the report file is begun and
// before any input is cleaned: --html that cannot make its folder, and a
// --state file that cannot be read. The report's temporary file
// (.r.json.textclean-*) was left behind, and the report was never
// written.
func TestReportNotLeftBehind(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"html", []string{"--html", "page"}},
		{"state", []string{"--across", "--state", "state.bin"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			for _, name := range []string{"a.txt", "b.txt", "page", "state.bin"} {
				os.WriteFile(name, []byte("Tom &amp; Jerry\n"), 0o644) // page is a file, state.bin no state
			}
			args := append(append([]string{"-q", "--report", "r.json"}, tt.args...), "a.txt", "b.txt")
			if _, stderr, code := run(t, "", args...); code != ExitError {
				t.Fatalf("exit %d, stderr %q; want it to fail", code, stderr)
			}
			entries, _ := os.ReadDir(".")
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if want := "a.txt b.txt page state.bin"; strings.Join(names, " ") != want {
				t.Errorf("the folder holds %q, want %q", names, want)
			}
		})
	}
}

// TestOutputThroughLinkAndDotDot writes -o through a symbolic link whose
// target goes through a link to a folder and then "..": the kernel
// follows sub/link before its "..", so sub/out is elsewhere/out.txt.
// followLinks joined the target with filepath.Join, which tidied
// link/../out.txt into out.txt, and wrote sub/out.txt instead.
func TestOutputThroughLinkAndDotDot(t *testing.T) {
	t.Chdir(t.TempDir())
	linkThenDotDot(t)
	if err := os.Symlink(filepath.FromSlash("link/../out.txt"), filepath.Join("sub", "out")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("a.txt", []byte("Tom &amp; Jerry\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "", "-o", filepath.Join("sub", "out"), "a.txt"); code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if data, err := os.ReadFile(filepath.Join("elsewhere", "out.txt")); string(data) != "Tom & Jerry\n" {
		t.Errorf("elsewhere/out.txt holds %q (%v), want the clean text", data, err)
	}
	if _, err := os.Lstat(filepath.Join("sub", "out.txt")); err == nil {
		t.Errorf("sub/out.txt was written")
	}
	if info, err := os.Lstat(filepath.Join("sub", "out")); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link sub/out was replaced: %v", err)
	}
}

// TestReportBytesOutOfStreamedText checks that a report's bytes_out is the
// length of the clean text when the text is not kept in memory but
// written as it is made (to standard output, -o or -w) or only counted
// (--check, -l, --explain), where the dedupe.Result's Text is empty: per
// input, and in the summary.
func TestReportBytesOutOfStreamedText(t *testing.T) {
	dir := t.TempDir()
	inputs := map[string]string{
		"a.txt": "First paragraph &amp; more.\n\nA repeat.\n\nA repeat.\n\nLast one.  \n",
		"b.txt": "Already clean.\n",
		"c.txt": "The council met on Tuesday to discuss the budget for next year.\n\nTwo.\n\nThe council met on Tuesday to discuss the budget for next year.\n\nThree.\n",
	}
	for name, text := range inputs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	type line struct {
		Input    string `json:"input"`
		BytesOut int    `json:"bytes_out"`
		Summary  *struct {
			BytesOut int `json:"bytes_out"`
		} `json:"summary"`
	}
	// readReport returns the report's bytes_out by input and that of its
	// summary (-1 when it has none).
	readReport := func(path string) (map[string]int, int) {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out, summary := make(map[string]int), -1
		for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			var got line
			if err := json.Unmarshal([]byte(l), &got); err != nil {
				t.Fatalf("report line %q: %v", l, err)
			}
			if got.Summary != nil {
				summary = got.Summary.BytesOut
				continue
			}
			out[filepath.Base(got.Input)] = got.BytesOut
		}
		return out, summary
	}

	t.Run("stdout", func(t *testing.T) {
		for _, name := range []string{"a.txt", "c.txt"} {
			rep := filepath.Join(t.TempDir(), "r.json")
			stdout, stderr, code := run(t, inputs[name], "--report", rep)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			got, _ := readReport(rep)
			if got["<stdin>"] != len(stdout) || len(stdout) == 0 || len(stdout) == len(inputs[name]) {
				t.Errorf("%s: bytes_out %d, clean text %d bytes (input %d)", name, got["<stdin>"], len(stdout), len(inputs[name]))
			}
		}
	})
	t.Run("stdout folder", func(t *testing.T) {
		rep := filepath.Join(t.TempDir(), "r.json")
		stdout, stderr, code := run(t, "", "-j", "2", "--report", rep, dir)
		if code != ExitOK {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		got, summary := readReport(rep)
		total := 0
		for name := range inputs {
			total += got[name]
		}
		if total != len(stdout) || summary != len(stdout) {
			t.Errorf("bytes_out %v (total %d), summary %d; clean text %d bytes", got, total, summary, len(stdout))
		}
	})
	t.Run("-o", func(t *testing.T) {
		tmp := t.TempDir()
		out, rep := filepath.Join(tmp, "out"), filepath.Join(tmp, "r.json")
		if _, stderr, code := run(t, "", "-j", "2", "--report", rep, "-o", out, dir); code != ExitOK {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		got, summary := readReport(rep)
		total := 0
		for name := range inputs {
			text, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			if got[name] != len(text) {
				t.Errorf("%s: bytes_out %d, its -o file %d bytes", name, got[name], len(text))
			}
			total += len(text)
		}
		if summary != total {
			t.Errorf("summary bytes_out %d, the -o files %d bytes", summary, total)
		}
	})
	t.Run("--check -l --explain", func(t *testing.T) {
		// The text is only counted: bytes_out is the length of the text
		// a plain run prints.
		for _, flag := range []string{"--check", "-l", "--explain"} {
			for _, name := range []string{"a.txt", "c.txt"} {
				text, _, _ := run(t, inputs[name])
				rep := filepath.Join(t.TempDir(), "r.json")
				if _, stderr, code := run(t, inputs[name], flag, "--report", rep); code == ExitError {
					t.Fatalf("%s: exit %d, stderr %q", flag, code, stderr)
				}
				if got, _ := readReport(rep); got["<stdin>"] != len(text) {
					t.Errorf("%s %s: bytes_out %d, clean text %d bytes", flag, name, got["<stdin>"], len(text))
				}
			}
		}
	})
	t.Run("-w", func(t *testing.T) {
		tmp := t.TempDir()
		rep := filepath.Join(tmp, "r.json")
		var args []string
		for name, text := range inputs {
			path := filepath.Join(tmp, name)
			os.WriteFile(path, []byte(text), 0o644)
			args = append(args, path)
		}
		if _, stderr, code := run(t, "", append([]string{"--report", rep, "-w"}, args...)...); code != ExitOK {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		got, _ := readReport(rep)
		for name := range inputs {
			text, err := os.ReadFile(filepath.Join(tmp, name))
			if err != nil {
				t.Fatal(err)
			}
			if got[name] != len(text) {
				t.Errorf("%s: bytes_out %d, rewritten %d bytes", name, got[name], len(text))
			}
		}
	})
}
