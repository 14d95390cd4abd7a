//go:build linux

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The tests of output paths that reach an open file through procfs
// (/dev/stdout, /proc/self/fd/N and links to them). They run the real
// binary with its standard output a file, and never name the machine's
// /dev/stdout as anything but a link target: links live in t.TempDir.

// procfdInput writes a text with an HTML entity to decode and returns its
// path and its clean text, as textclean prints it.
func procfdInput(t *testing.T, bin, dir string) (string, string) {
	t.Helper()
	in := filepath.Join(dir, "in.txt")
	text := "Tom &amp; Jerry were here.\n"
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	clean, err := exec.Command(bin, in).Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(clean) == text {
		t.Fatal("the input has nothing to clean")
	}
	return in, string(clean)
}

// runToFile runs bin with args and its standard output the file out.
func runToFile(t *testing.T, bin string, out *os.File, args ...string) {
	t.Helper()
	cmd, stderr := startTextclean(t, bin, out, args...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("textclean %v: %v, %s", args, err, stderr.String())
	}
}

// checkReportThenText checks that got is the one-line report of an input
// followed by its clean text: what textclean --report /dev/stdout FILE
// writes to a standard output that is a file.
func checkReportThenText(t *testing.T, got, clean string) {
	t.Helper()
	line, rest, _ := strings.Cut(got, "\n")
	var report struct{ Input string }
	if err := json.Unmarshal([]byte(line), &report); err != nil || report.Input == "" {
		t.Fatalf("output %q does not start with the report line: %v", got, err)
	}
	if rest != clean {
		t.Errorf("after the report: %q, want the clean text %q", rest, clean)
	}
}

// TestReportToRedirectedStdout runs "textclean --report /dev/stdout FILE"
// with its standard output a file that an earlier command already wrote
// to, as in a shell script's "{ echo earlier; textclean ...; } > out.txt":
// what was there, the report and the text must all be in out.txt, in that
// order. Renaming a new file over out.txt (what resolving /dev/stdout to
// out.txt did) would leave the earlier output and the text in the shell's
// inode, no longer out.txt, and the report alone under the name; the old
// code refused when the text changed out.txt first, and replaced it with
// -o /dev/null.
func TestReportToRedirectedStdout(t *testing.T) {
	bin := buildTextclean(t)
	dir := t.TempDir()
	in, clean := procfdInput(t, bin, dir)
	const earlier = "earlier output\n"
	for _, report := range []string{"/dev/stdout", "/proc/self/fd/1", "/dev/fd/1"} {
		for _, text := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s,text=%v", report, text), func(t *testing.T) {
				name := filepath.Join(dir, "out.txt")
				out, err := os.Create(name)
				if err != nil {
					t.Fatal(err)
				}
				defer out.Close()
				if _, err := out.WriteString(earlier); err != nil {
					t.Fatal(err)
				}
				args := []string{"--report", report, in}
				if !text {
					args = append([]string{"-o", os.DevNull}, args...)
				}
				runToFile(t, bin, out, args...)
				data, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				got, ok := strings.CutPrefix(string(data), earlier)
				if !ok {
					t.Fatalf("out.txt holds %q: the earlier output is gone", data)
				}
				if text {
					checkReportThenText(t, got, clean)
				} else {
					checkReportThenText(t, got, "")
				}
			})
		}
	}
}

// TestLinkToOpenFileKept writes -o and --report through links in a
// temporary folder that lead to the binary's standard output, a file
// deleted after it was opened: "/proc/self/fd/1" then reads "/tmp/...
// (deleted)", which does not resolve. The link must stay a link (the old
// code renamed a file over it: as root, over /dev/stdout itself), and
// the output must reach the open file.
func TestLinkToOpenFileKept(t *testing.T) {
	bin := buildTextclean(t)
	dir := t.TempDir()
	in, clean := procfdInput(t, bin, dir)
	direct := filepath.Join(dir, "direct")
	chain1, chain2 := filepath.Join(dir, "chain1"), filepath.Join(dir, "chain2")
	relative := filepath.Join(dir, "relative")
	for link, target := range map[string]string{
		direct:   "/proc/self/fd/1",
		chain1:   "/dev/stdout",
		chain2:   chain1, // chain2 -> chain1 -> /dev/stdout -> /proc/self/fd/1
		relative: "chain2",
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	for _, link := range []string{direct, chain2, relative} {
		for _, flag := range []string{"-o", "--report"} {
			t.Run(filepath.Base(link)+flag, func(t *testing.T) {
				out, err := os.CreateTemp(dir, "stdout-*")
				if err != nil {
					t.Fatal(err)
				}
				defer out.Close()
				if err := os.Remove(out.Name()); err != nil {
					t.Fatal(err)
				}
				before, _ := os.Readlink(link)
				runToFile(t, bin, out, flag, link, in)
				if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
					t.Fatalf("%s %s replaced the link: %v", flag, link, err)
				}
				if after, _ := os.Readlink(link); after != before {
					t.Errorf("the link now leads to %q, not %q", after, before)
				}
				data, err := io.ReadAll(io.NewSectionReader(out, 0, 1<<20))
				if err != nil {
					t.Fatal(err)
				}
				if flag == "-o" {
					if string(data) != clean {
						t.Errorf("standard output holds %q, want the clean text %q", data, clean)
					}
				} else {
					checkReportThenText(t, string(data), clean)
				}
			})
		}
	}
	checkDevStdout(t)
}

// checkDevStdout fails the test if the machine's /dev/stdout is no longer
// the link to /proc/self/fd/1.
func checkDevStdout(t *testing.T) {
	t.Helper()
	if target, err := os.Readlink("/dev/stdout"); err != nil || target != "/proc/self/fd/1" {
		t.Errorf("/dev/stdout: link to %q, %v; want a link to /proc/self/fd/1", target, err)
	}
}
