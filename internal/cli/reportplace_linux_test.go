package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// runTo calls Run in-process with standard output the pipe w, which the
// arguments may name as STDOUT (its /proc/self/fd path, as /dev/stdout
// is), and returns what came through the pipe and the exit code.
func runTo(t *testing.T, args ...string) (string, int) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	given(t, w)
	self := "/proc/self/fd/" + strconv.Itoa(int(w.Fd()))
	named := []string{"textclean"}
	for _, a := range args {
		named = append(named, strings.ReplaceAll(a, "STDOUT", self))
	}
	got := make(chan []byte)
	go func() {
		data, _ := io.ReadAll(r)
		got <- data
	}()
	var stderr bytes.Buffer
	code := Run(named, strings.NewReader(""), w, &stderr)
	w.Close()
	if stderr.Len() > 0 {
		t.Errorf("%q: stderr %q", args, stderr.String())
	}
	return string(<-got), code
}

// TestReportInPlaceOrder writes the report to standard output itself, as
// "{ textclean --report /dev/stdout a b; }" does: each input's report
// line comes before its clean text, however many workers clean them, and
// the bytes are those of the text and the report written apart.
func TestReportInPlaceOrder(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, text := range []string{"a &amp; b\n\nsame\n\nsame\n", "plain\n", "c&nbsp;d\n\nx\n"} {
		f := filepath.Join(dir, "in"+strconv.Itoa(i)+".txt")
		os.WriteFile(f, []byte(text), 0o644)
		files = append(files, f)
	}
	var want strings.Builder
	for _, f := range files {
		report := filepath.Join(dir, "r.json")
		if _, stderr, code := run(t, "", "--report", report, "-o", os.DevNull, f); code != ExitOK {
			t.Fatalf("exit %d, %s", code, stderr)
		}
		line, _ := os.ReadFile(report)
		text, stderr, code := run(t, "", f)
		if code != ExitOK {
			t.Fatalf("exit %d, %s", code, stderr)
		}
		want.Write(line)
		want.WriteString(text)
	}
	for _, jobs := range []string{"1", "2"} {
		got, code := runTo(t, append([]string{"-j", jobs, "--report", "STDOUT"}, files...)...)
		if code != ExitOK || got != want.String() {
			t.Errorf("-j %s: exit %d, output\n%q\nwant\n%q", jobs, code, got, want.String())
		}
	}
}

// TestReportInPlace tells a report into standard output itself from one
// to another device or pipe, or to a file: only the first must order its
// lines with the text (see reportWriter.inPlace).
func TestReportInPlace(t *testing.T) {
	pipe := func() *os.File {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close(); w.Close() })
		given(t, w)
		return w
	}
	stdout, other := pipe(), pipe()
	atStart := listStartDescriptors()
	open := func(path string) *reportWriter {
		f, err := createOutput(path, atStart)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.abort() })
		return &reportWriter{w: f, file: f}
	}
	fd := func(f *os.File) string { return "/proc/self/fd/" + strconv.Itoa(int(f.Fd())) }
	tests := []struct {
		name   string
		report *reportWriter
		stdout io.Writer
		want   bool
	}{
		{"--report -", &reportWriter{w: stdout}, stdout, true},
		{"--report /dev/stdout", open(fd(stdout)), stdout, true},
		{"--report another pipe", open(fd(other)), stdout, false},
		{"--report /dev/null", open(os.DevNull), stdout, false},
		{"--report FILE", open(filepath.Join(t.TempDir(), "r.json")), stdout, false},
		{"standard output not a file", open(fd(stdout)), &bytes.Buffer{}, false},
	}
	for _, tt := range tests {
		if got := tt.report.inPlace(tt.stdout); got != tt.want {
			t.Errorf("%s: in place %v; want %v", tt.name, got, tt.want)
		}
	}
}
