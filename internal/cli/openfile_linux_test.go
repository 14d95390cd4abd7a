//go:build linux

package cli

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// The tests of output paths that are symbolic links the old code could
// replace with a regular file: links into procfs (to an open file of this
// process or another) and links that do not resolve. Each link lives in
// t.TempDir; the machine's /dev/stdout is only read.

const linkInput = "a &amp; b\n"

// linkedOutput makes a temporary folder with in.txt and a symbolic link
// named link to target, and returns the folder.
func linkedOutput(t *testing.T, target string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "in.txt"), []byte(linkInput), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// checkStillLink fails the test unless path is still a symbolic link to
// target.
func checkStillLink(t *testing.T, path, target string) {
	t.Helper()
	if got, err := os.Readlink(path); err != nil || got != target {
		t.Errorf("%s: link to %q, %v; want it left a link to %q", path, got, err, target)
	}
}

// cleanOf is the clean text of linkInput.
func cleanOf(t *testing.T) string {
	t.Helper()
	out, stderr, code := run(t, linkInput)
	if code != ExitOK {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	return out
}

// openDeleted returns a file open for reading and writing that holds
// contents and has no name left (as a shell's redirection to a file
// removed since), closed when the test ends.
func openDeleted(t *testing.T, contents string) *os.File {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "open-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	os.Remove(f.Name())
	if _, err := f.WriteString(contents); err != nil {
		t.Fatal(err)
	}
	return f
}

// given makes f's descriptor one this process could have been given by a
// shell, as it opened it for "exec 5>file": not closed on exec, which
// every descriptor Go opens is (see listStartDescriptors).
func given(t *testing.T, f *os.File) {
	t.Helper()
	if _, err := unix.FcntlInt(f.Fd(), unix.F_SETFD, 0); err != nil {
		t.Fatal(err)
	}
}

// openGiven writes text to a new file at path and opens it read-only as a
// descriptor textclean was given (see given), closed when the test ends.
func openGiven(t *testing.T, path, text string) *os.File {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	given(t, f)
	return f
}

// TestOutputToOwnOpenFile writes -o, --report, --html and JSON Lines -o
// through a link to /proc/self/fd/N, a file this process has open and has
// written to: the output goes into that open file after what is in it, at
// its offset, and the link stays. The file is deleted, so the link's target reads
// "... (deleted)", which does not resolve. (--state is left out: it reads
// the file it names before it writes it.)
func TestOutputToOwnOpenFile(t *testing.T) {
	tests := []struct {
		args []string // LINK is the link, IN a text input, JSONL a JSON Lines one
		want func(string) bool
	}{
		{[]string{"-o", "LINK", "IN"}, func(s string) bool { return s == "a & b\n" }},
		{[]string{"--report", "LINK", "-o", os.DevNull, "IN"}, func(s string) bool { return strings.HasPrefix(s, `{"input":`) }},
		{[]string{"--html", "LINK", "IN"}, func(s string) bool { return strings.Contains(s, "<html") }},
		{[]string{"--jsonl", "-o", "LINK", "JSONL"}, func(s string) bool { return s == `{"text":"a & b"}`+"\n" }},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f := openDeleted(t, "before\n")
			given(t, f)
			target := "/proc/self/fd/" + strconv.Itoa(int(f.Fd()))
			dir := linkedOutput(t, target)
			link := filepath.Join(dir, "link")
			os.WriteFile(filepath.Join(dir, "in.jsonl"), []byte(`{"text":"a &amp; b"}`+"\n"), 0o644)
			names := strings.NewReplacer("LINK", link, "IN", filepath.Join(dir, "in.txt"),
				"JSONL", filepath.Join(dir, "in.jsonl"), "OUT", filepath.Join(dir, "out"))
			var args []string
			for _, a := range tt.args {
				args = append(args, names.Replace(a))
			}
			if _, stderr, code := run(t, "", args...); code != ExitOK {
				t.Fatalf("exit %d, %s", code, stderr)
			}
			checkStillLink(t, link, target)
			data, _ := io.ReadAll(io.NewSectionReader(f, 0, 1<<20))
			rest, ok := strings.CutPrefix(string(data), "before\n")
			switch {
			case !ok:
				t.Errorf("the open file holds %q: what was in it is gone", data)
			case !tt.want(rest):
				t.Errorf("the open file holds %q after what was in it", rest)
			}
			// The copy shares the offset: the next write goes after it.
			if off, _ := f.Seek(0, io.SeekCurrent); off != int64(len(data)) {
				t.Errorf("the file's offset is %d, want %d, its end", off, len(data))
			}
		})
	}
}

// TestOutputToOtherProcessFile writes -o through a link to
// /proc/PID/fd/3, a file another process holds open: the text is appended
// to it, and the link stays.
func TestOutputToOtherProcessFile(t *testing.T) {
	f := openDeleted(t, "before\n")
	holder := exec.Command("sleep", "60")
	holder.ExtraFiles = []*os.File{f} // its descriptor 3
	if err := holder.Start(); err != nil {
		t.Skipf("cannot start sleep: %v", err)
	}
	defer holder.Wait()
	defer holder.Process.Kill()
	f.Seek(0, io.SeekStart) // the holder's offset, which must not matter
	target := "/proc/" + strconv.Itoa(holder.Process.Pid) + "/fd/3"
	dir := linkedOutput(t, target)
	link := filepath.Join(dir, "link")
	if _, stderr, code := run(t, "", "-o", link, filepath.Join(dir, "in.txt")); code != ExitOK {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	checkStillLink(t, link, target)
	data, _ := io.ReadAll(io.NewSectionReader(f, 0, 1<<20))
	if want := "before\n" + cleanOf(t); string(data) != want {
		t.Errorf("the open file holds %q, want %q", data, want)
	}
}

// TestOutputThroughUnresolvedLink writes -o through links that do not
// resolve. One whose chain ends at a name that is not there has that file
// created, as the shell's > would; one that loops, or leads into a folder
// that is not there, is an error. Either way the link stays a link (the
// old code renamed the new file over it: as root, with standard output
// closed, over /dev/stdout itself).
func TestOutputThroughUnresolvedLink(t *testing.T) {
	t.Run("dangling", func(t *testing.T) {
		dir := linkedOutput(t, "sub/made.txt")
		os.Mkdir(filepath.Join(dir, "sub"), 0o755)
		link := filepath.Join(dir, "link")
		if _, stderr, code := run(t, "", "-o", link, filepath.Join(dir, "in.txt")); code != ExitOK {
			t.Fatalf("exit %d, %s", code, stderr)
		}
		checkStillLink(t, link, "sub/made.txt")
		if data, err := os.ReadFile(filepath.Join(dir, "sub", "made.txt")); err != nil || string(data) != cleanOf(t) {
			t.Errorf("the link's target holds %q, %v; want the clean text", data, err)
		}
		checkNoTemporaryFiles(t, dir)
	})
	t.Run("closed, no link", func(t *testing.T) {
		dir := linkedOutput(t, "unused")
		_, stderr, code := run(t, "", "-o", "/dev/fd/1000", filepath.Join(dir, "in.txt"))
		if code == ExitOK || !strings.Contains(stderr, "/dev/fd/1000: bad file descriptor") {
			t.Errorf("exit %d, stderr %q; want a bad file descriptor", code, stderr)
		}
	})
	for name, target := range map[string]string{
		"loop":      "link",
		"no folder": "missing/made.txt",
		"closed":    "/proc/self/fd/1000", // a descriptor this process does not have open
	} {
		t.Run(name, func(t *testing.T) {
			dir := linkedOutput(t, target)
			link := filepath.Join(dir, "link")
			_, stderr, code := run(t, "", "-o", link, filepath.Join(dir, "in.txt"))
			if code == ExitOK || !strings.Contains(stderr, "textclean: ") || !strings.Contains(stderr, link) {
				t.Errorf("exit %d, stderr %q; want an error that names the link", code, stderr)
			}
			t.Log(strings.TrimSpace(stderr))
			if name == "closed" && !strings.Contains(stderr, "bad file descriptor") {
				t.Errorf("stderr %q, want a bad file descriptor", stderr)
			}
			checkStillLink(t, link, target)
			checkNoTemporaryFiles(t, dir)
		})
	}
}

// TestStateThroughOpenPipe gives --state a path to the write end of a pipe
// this process holds, as "--state /dev/stdout | ..." does: the state is
// read before it is written, and the old code opened the pipe's read end
// through /proc and waited for its own output for ever. It must be refused
// at once, and the link left.
func TestStateThroughOpenPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	target := "/proc/self/fd/" + strconv.Itoa(int(w.Fd()))
	dir := linkedOutput(t, target)
	link := filepath.Join(dir, "link")
	os.WriteFile(filepath.Join(dir, "in2.txt"), []byte("c &amp; d\n"), 0o644)
	for _, state := range []string{target, link} {
		done := make(chan string, 1)
		go func() {
			_, stderr, code := run(t, "", "--across", "--state", state, "-l", filepath.Join(dir, "in.txt"), filepath.Join(dir, "in2.txt"))
			done <- fmt.Sprintf("exit %d, %s", code, stderr)
		}()
		select {
		case got := <-done:
			if !strings.Contains(got, "exit 2, textclean: "+state+": an open file") {
				t.Errorf("--state %s: %s; want it refused as an open file", state, got)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("--state %s: still running after 10 s: it reads the pipe it is to write", state)
		}
	}
	checkStillLink(t, link, target)
}

// TestOutputToOwnReadOnlyFile gives -o (plain and JSON Lines) a path to a
// descriptor this process has open only for reading: its own input (as
// "--jsonl -o /dev/fd/5 in.jsonl" does when the shell opened nothing on 5
// and the input took it) or a file given as standard input. It must be
// refused, the file left as it was: the code reopened it for appending,
// and JSON Lines, which reads its input as it writes, read back its own
// output and grew the input without end (6.5 MB to 199 MB in 30 s).
func TestOutputToOwnReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	held := filepath.Join(dir, "held.jsonl")
	const heldText = `{"text":"a &amp; b"}` + "\n"
	f := openGiven(t, held, heldText)
	target := "/proc/self/fd/" + strconv.Itoa(int(f.Fd()))
	dir = linkedOutput(t, target)
	link := filepath.Join(dir, "link")
	for _, args := range [][]string{
		{"-o", target, filepath.Join(dir, "in.txt")},
		{"-o", link, filepath.Join(dir, "in.txt")},
		{"--report", link, "-o", os.DevNull, filepath.Join(dir, "in.txt")},
		{"--jsonl", "-o", target, held},
	} {
		_, stderr, code := run(t, "", args...)
		if code == ExitOK || !strings.Contains(stderr, "open only for reading") {
			t.Errorf("%q: exit %d, stderr %q; want it refused as open only for reading", args, code, stderr)
		}
		if data, _ := os.ReadFile(held); string(data) != heldText {
			t.Fatalf("%q: the file open for reading holds %q, want %q as it was", args, data, heldText)
		}
	}
	checkStillLink(t, link, target)
}

// lowestFreeDescriptor returns the number the next file this process
// opens takes, as far as it can tell: the lowest that is free now.
func lowestFreeDescriptor(t *testing.T) int {
	t.Helper()
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return int(f.Fd())
}

// TestOutputToDescriptorOpenedSince names as an output a /dev/fd/N the
// caller never opened, so that N is free when Run starts and later takes
// one of textclean's own working files: the report's temporary file
// ("-o /dev/fd/5 --report r.json" wrote the text into the report), or a
// JSON Lines input (refused as open only for reading before, by chance of
// its mode). Either must be refused for what it is, nothing written: the
// report holds its failure line and no text, the input is as it was.
func TestOutputToDescriptorOpenedSince(t *testing.T) {
	dir := linkedOutput(t, "unused")
	in := filepath.Join(dir, "in.txt")
	jsonl := filepath.Join(dir, "in.jsonl")
	const record = `{"text":"a &amp; b"}` + "\n"
	if err := os.WriteFile(jsonl, []byte(record), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("report", func(t *testing.T) {
		report := filepath.Join(dir, "r.json")
		out := "/dev/fd/" + strconv.Itoa(lowestFreeDescriptor(t))
		_, stderr, code := run(t, "", "-o", out, "--report", report, in)
		if want := out + ": not open when textclean started"; code != ExitError || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
		}
		data, err := os.ReadFile(report)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), `{"input":`) || strings.Contains(string(data), "a & b") {
			t.Errorf("the report holds %q; want its lines alone, without the text", data)
		}
	})
	t.Run("jsonl input", func(t *testing.T) {
		out := "/dev/fd/" + strconv.Itoa(lowestFreeDescriptor(t))
		_, stderr, code := run(t, "", "--jsonl", "-o", out, jsonl)
		if want := out + ": not open when textclean started"; code != ExitError || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
		}
		if data, _ := os.ReadFile(jsonl); string(data) != record {
			t.Errorf("the input holds %q, want %q as it was", data, record)
		}
	})
	checkNoTemporaryFiles(t, dir)
}

// TestStartDescriptors checks createOutput's test of this process's
// descriptors directly, with no guess at the number a file will take: a
// path to a descriptor opened after the list was made is refused, and so
// is one this process opened itself (close-on-exec), which a shell cannot
// have given it; one given before the list was made is written through a
// copy.
func TestStartDescriptors(t *testing.T) {
	before := listStartDescriptors()
	f := openDeleted(t, "")
	path := "/dev/fd/" + strconv.Itoa(int(f.Fd()))
	if out, err := createOutput(path, listStartDescriptors()); err != errOpenedSince {
		if err == nil {
			out.abort()
		}
		t.Errorf("with a descriptor of this process's own: %v, want %v", err, errOpenedSince)
	}
	given(t, f)
	if out, err := createOutput(path, before); err != errOpenedSince {
		if err == nil {
			out.abort()
		}
		t.Errorf("with the descriptors listed before the file was opened: %v, want %v", err, errOpenedSince)
	}
	if err := writeFile(path, "text\n", listStartDescriptors()); err != nil {
		t.Fatalf("with the descriptors listed after: %v", err)
	}
	if data, _ := io.ReadAll(io.NewSectionReader(f, 0, 1<<20)); string(data) != "text\n" {
		t.Errorf("the open file holds %q, want %q", data, "text\n")
	}
	if own := listStartDescriptors(); !own.has(0) || !own.has(1) || !own.has(2) {
		t.Errorf("%v: want 0, 1 and 2 among them", own.fds)
	}
}

// TestOutputThroughOwnThread names an output by /proc/TID/fd/N, TID one of
// this process's threads other than the first: the same descriptor as
// /proc/self/fd/N. It was taken for another process's and reopened for
// appending, so that a file this process has open only for reading (an
// input) was written into. It must be refused as /proc/self/fd/N is.
func TestOutputThroughOwnThread(t *testing.T) {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		t.Skip(err)
	}
	tid := ""
	for _, task := range tasks {
		if task.Name() != strconv.Itoa(os.Getpid()) {
			tid = task.Name()
		}
	}
	if tid == "" {
		t.Skip("this process has one thread")
	}
	dir := linkedOutput(t, "unused")
	held := filepath.Join(dir, "held.txt")
	f := openGiven(t, held, linkInput)
	out := "/proc/" + tid + "/fd/" + strconv.Itoa(int(f.Fd()))
	_, stderr, code := run(t, "", "-o", out, filepath.Join(dir, "in.txt"))
	if code != ExitError || !strings.Contains(stderr, "open only for reading") {
		t.Errorf("-o %s: exit %d, stderr %q; want it refused as open only for reading", out, code, stderr)
	}
	if data, _ := os.ReadFile(held); string(data) != linkInput {
		t.Errorf("the file open for reading holds %q, want %q as it was", data, linkInput)
	}
}

// TestLinkChainErrors gives -o, --report and --state links whose chain
// cannot be followed to its end, and checks that each says so in the
// same words, the system's (a loop through a folder's link said
// "EvalSymlinks: too many links" for -o and --report), and that --state
// says so before any input is cleaned (one into a missing folder was
// taken for no state yet, and failed only when saved, after the run).
func TestLinkChainErrors(t *testing.T) {
	tests := []struct {
		name  string
		links map[string]string // name in the folder: target
		want  string
	}{
		{"folder loop", map[string]string{"link": "dl/x", "dl": "dl"}, ": too many levels of symbolic links"},
		{"loop", map[string]string{"link": "l2", "l2": "link"}, ": too many levels of symbolic links"},
		{"no folder", map[string]string{"link": "missing/x"}, ": link to missing/x, which cannot be created: no such file or directory"},
		{"dangling folder link", map[string]string{"link": "dl/x", "dl": "missing"}, ": link to dl/x, which cannot be created: no such file or directory"},
		{"file as folder", map[string]string{"link": "in.txt/x"}, ": not a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in.txt")
			os.WriteFile(in, []byte(linkInput), 0o644)
			for name, target := range tt.links {
				if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(dir) // the links' targets are named relative to it, as the messages are
			for _, args := range [][]string{
				{"-o", "link", "in.txt"},
				{"--report", "link", "-o", os.DevNull, "in.txt"},
				{"--across", "--state", "link", "-l", "in.txt"},
			} {
				stdout, stderr, code := run(t, "", args...)
				if code != ExitError || !strings.Contains(stderr, "link"+tt.want+"\n") {
					t.Errorf("%q: exit %d, stderr %q; want exit 2 and %q", args, code, stderr, "link"+tt.want)
				}
				if stdout != "" {
					t.Errorf("%q: printed %q; want nothing", args, stdout)
				}
			}
			for name, target := range tt.links {
				checkStillLink(t, filepath.Join(dir, name), target)
			}
			checkNoTemporaryFiles(t, dir)
		})
	}
}

// TestReopenedFileErrorsNameThePath writes -o, --report and JSON Lines -o
// through a link to /proc/PID/fd/3, another process's /dev/full, which is
// opened anew: the write fails, and the error must name the link the user
// gave, as it does for a descriptor of textclean's own, not
// /proc/PID/fd/3 (the report's and JSON Lines' errors did).
func TestReopenedFileErrorsNameThePath(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer full.Close()
	holder := exec.Command("sleep", "60")
	holder.ExtraFiles = []*os.File{full} // its descriptor 3
	if err := holder.Start(); err != nil {
		t.Skipf("cannot start sleep: %v", err)
	}
	defer holder.Wait()
	defer holder.Process.Kill()
	target := "/proc/" + strconv.Itoa(holder.Process.Pid) + "/fd/3"
	dir := linkedOutput(t, target)
	link := filepath.Join(dir, "link")
	in, jsonl := filepath.Join(dir, "in.txt"), filepath.Join(dir, "in.jsonl")
	os.WriteFile(jsonl, []byte(`{"text":"a &amp; b"}`+"\n"), 0o644)
	for _, args := range [][]string{
		{"-o", link, in},
		{"--report", link, "-o", os.DevNull, in},
		{"--jsonl", "-o", link, jsonl},
		{"--report", link, "-o", os.DevNull, "--jsonl", jsonl},
	} {
		_, stderr, code := run(t, "", args...)
		if code != ExitError || !strings.Contains(stderr, link+": ") || !strings.Contains(stderr, "no space left on device") || strings.Contains(stderr, "/proc/") {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and a full device named %s", args, code, stderr, link)
		}
	}
	checkStillLink(t, link, target)
}

// TestOutputPipeReaderGone writes each output through a path to a pipe
// whose reader has gone, as "textclean --report /dev/stdout FILE | head
// -c1" does: like standard output's broken pipe, it must stop the run
// and exit 2 quietly, not say "report: write /dev/stdout: broken pipe".
// A report of its own still records the failed output.
func TestOutputPipeReaderGone(t *testing.T) {
	dir := linkedOutput(t, "unused")
	in, in2 := filepath.Join(dir, "in.txt"), filepath.Join(dir, "in2.txt")
	jsonl := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in2, []byte(linkInput), 0o644)
	os.WriteFile(jsonl, []byte(`{"text":"a &amp; b"}`+"\n"), 0o644)
	report := filepath.Join(dir, "r.json")
	for _, args := range [][]string{
		{"--report", "PIPE", "-o", os.DevNull, in},
		{"--report", "PIPE", "-l", in, in2},
		{"-o", "PIPE", in},
		{"--html", "PIPE", "-o", os.DevNull, in},
		{"--jsonl", "-o", "PIPE", jsonl},
		{"--report", "PIPE", "-o", os.DevNull, "--jsonl", jsonl},
		{"--report", report, "-o", "PIPE", in},
	} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close() // the reader is gone
		given(t, w)
		pipe := "/proc/self/fd/" + strconv.Itoa(int(w.Fd()))
		var named []string
		for _, a := range args {
			named = append(named, strings.ReplaceAll(a, "PIPE", pipe))
		}
		stdout, stderr, code := run(t, "", named...)
		w.Close()
		if code != ExitError || stderr != "" {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and nothing said", args, code, stderr)
		}
		if stdout != "" {
			t.Errorf("%q: printed %q after the reader left; want nothing", args, stdout)
		}
	}
	if data, _ := os.ReadFile(report); !strings.Contains(string(data), `"error":"write /proc/self/fd/`) || !strings.Contains(string(data), "broken pipe") {
		t.Errorf("the report holds %q; want the failed output's error", data)
	}
}
