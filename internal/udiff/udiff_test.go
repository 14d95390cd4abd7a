package udiff

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// numbered returns the lines "1\n" to "n\n", with line k replaced by
// repl[k] when present.
func numbered(n int, repl map[int]string) string {
	var b strings.Builder
	for k := 1; k <= n; k++ {
		if s, ok := repl[k]; ok {
			b.WriteString(s)
		} else {
			b.WriteString(strconv.Itoa(k))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var long = strings.Repeat("0123456789", 10000)

var writeTests = []struct {
	name     string
	context  int // as in Options
	old, new string
	want     string // without the "--- a\n+++ b\n" header
}{
	{name: "equal", old: "a\nb\n", new: "a\nb\n", want: ""},
	{name: "both empty", old: "", new: "", want: ""},
	{name: "equal without final newline", old: "a\nb", new: "a\nb", want: ""},
	{
		name: "insert at start",
		old:  "b\nc\nd\ne\n", new: "a\nb\nc\nd\ne\n",
		want: "@@ -1,3 +1,4 @@\n+a\n b\n c\n d\n",
	},
	{
		name: "delete at end",
		old:  "a\nb\nc\nd\ne\n", new: "a\nb\nc\nd\n",
		want: "@@ -2,4 +2,3 @@\n b\n c\n d\n-e\n",
	},
	{
		name: "change in the middle",
		old:  numbered(9, nil), new: numbered(9, map[int]string{5: "five"}),
		want: "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
	},
	{
		name: "two distant hunks",
		old:  numbered(20, nil), new: numbered(20, map[int]string{2: "two", 19: "nineteen"}),
		want: "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n" +
			"@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n",
	},
	{
		name: "two close hunks merged",
		old:  numbered(20, nil), new: numbered(20, map[int]string{5: "five", 12: "twelve"}),
		want: "@@ -2,14 +2,14 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n 11\n-12\n+twelve\n 13\n 14\n 15\n",
	},
	{
		name: "gap of 7 not merged",
		old:  numbered(20, nil), new: numbered(20, map[int]string{5: "five", 13: "thirteen"}),
		want: "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n" +
			"@@ -10,7 +10,7 @@\n 10\n 11\n 12\n-13\n+thirteen\n 14\n 15\n 16\n",
	},
	{
		name: "old without final newline",
		old:  "a\nb", new: "a\nb\n",
		want: "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
	},
	{
		name: "new without final newline",
		old:  "a\nb\n", new: "a\nb",
		want: "@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n",
	},
	{
		name: "both without final newline",
		old:  "a\nb", new: "a\nc",
		want: "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
	},
	{
		name: "both without final newline, last line unchanged",
		old:  "a\nx\ny", new: "b\nx\ny",
		want: "@@ -1,3 +1,3 @@\n-a\n+b\n x\n y\n\\ No newline at end of file\n",
	},
	{
		name: "old empty",
		old:  "", new: "a\nb\n",
		want: "@@ -0,0 +1,2 @@\n+a\n+b\n",
	},
	{
		name: "old empty, new one line without newline",
		old:  "", new: "a",
		want: "@@ -0,0 +1 @@\n+a\n\\ No newline at end of file\n",
	},
	{
		name: "new empty",
		old:  "a\n", new: "",
		want: "@@ -1 +0,0 @@\n-a\n",
	},
	{
		name: "new empty, old without final newline",
		old:  "a\nb", new: "",
		want: "@@ -1,2 +0,0 @@\n-a\n-b\n\\ No newline at end of file\n",
	},
	{
		name: "CRLF lines",
		old:  "a\r\nb\r\nc\r\n", new: "a\r\nB\r\nc\r\n",
		want: "@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n c\r\n",
	},
	{
		name: "CRLF to LF",
		old:  "a\r\nb\n", new: "a\nb\n",
		want: "@@ -1,2 +1,2 @@\n-a\r\n+a\n b\n",
	},
	{
		name: "lone CR ends no line",
		old:  "a\rb\nc\n", new: "a\rB\nc\n",
		want: "@@ -1,2 +1,2 @@\n-a\rb\n+a\rB\n c\n",
	},
	{
		name: "invalid UTF-8",
		old:  "ok\n\xff\xfe\n", new: "ok\n\xc3\x28\n",
		want: "@@ -1,2 +1,2 @@\n ok\n-\xff\xfe\n+\xc3\x28\n",
	},
	{
		name: "invalid byte is not U+FFFD",
		old:  "\xff\n", new: "\uFFFD\n",
		want: "@@ -1 +1 @@\n-\xff\n+\uFFFD\n",
	},
	{
		name: "NUL bytes",
		old:  "a\x00b\nc\n", new: "a\x00c\nc\n",
		want: "@@ -1,2 +1,2 @@\n-a\x00b\n+a\x00c\n c\n",
	},
	{
		name: "lines that look like diff syntax",
		old:  "-- a\n++ b\n@@ -1 +1 @@\n", new: "-- a\n\\ No newline at end of file\n@@ -1 +1 @@\n",
		want: "@@ -1,3 +1,3 @@\n -- a\n-++ b\n+\\ No newline at end of file\n @@ -1 +1 @@\n",
	},
	{
		name: "no context, insertion", context: -1,
		old: "a\nb\nc\n", new: "a\nX\nb\nc\n",
		want: "@@ -1,0 +2 @@\n+X\n",
	},
	{
		name: "no context, deletion", context: -1,
		old: "a\nb\nc\n", new: "a\nc\n",
		want: "@@ -2 +1,0 @@\n-b\n",
	},
	{
		name: "no context, two changes", context: -1,
		old: "a\nb\nc\nd\n", new: "A\nb\nc\nD\n",
		want: "@@ -1 +1 @@\n-a\n+A\n@@ -4 +4 @@\n-d\n+D\n",
	},
	{
		name: "context 1, gap of 2 merged", context: 1,
		old: numbered(10, nil), new: numbered(10, map[int]string{3: "three", 6: "six"}),
		want: "@@ -2,6 +2,6 @@\n 2\n-3\n+three\n 4\n 5\n-6\n+six\n 7\n",
	},
	{
		name: "context 1, gap of 3 not merged", context: 1,
		old: numbered(10, nil), new: numbered(10, map[int]string{3: "three", 7: "seven"}),
		want: "@@ -2,3 +2,3 @@\n 2\n-3\n+three\n 4\n@@ -6,3 +6,3 @@\n 6\n-7\n+seven\n 8\n",
	},
	{
		name: "context 5", context: 5,
		old: numbered(20, nil), new: numbered(20, map[int]string{10: "ten"}),
		want: "@@ -5,11 +5,11 @@\n 5\n 6\n 7\n 8\n 9\n-10\n+ten\n 11\n 12\n 13\n 14\n 15\n",
	},
	{
		name: "huge context", context: 1 << 62,
		old: "a\nb\nc\n", new: "a\nB\nc\n",
		want: "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n",
	},
	{
		name: "line longer than 64 KiB",
		old:  long + "\nb\n", new: long + "\nc\n",
		want: "@@ -1,2 +1,2 @@\n " + long + "\n-b\n+c\n",
	},
	{
		name: "deletions before insertions",
		old:  "a\nb\nc\n", new: "x\ny\nc\n",
		want: "@@ -1,3 +1,3 @@\n-a\n-b\n+x\n+y\n c\n",
	},
}

func TestWrite(t *testing.T) {
	for _, tt := range writeTests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := (Options{Context: tt.context}).Write(&buf, "a", "b", tt.old, tt.new); err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want != "" {
				want = "--- a\n+++ b\n" + want
			}
			if got := buf.String(); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			for _, nt := range lineForms(tt.new) {
				buf.Reset()
				if err := (Options{Context: tt.context}).WriteLines(&buf, "a", "b", tt.old, nt.lines, nt.end); err != nil || buf.String() != want {
					t.Errorf("WriteLines, end %q = %q, %v; want %q", nt.end, buf.String(), err, want)
				}
			}
			if tt.context == 0 {
				buf.Reset()
				if err := Write(&buf, "a", "b", tt.old, tt.new); err != nil || buf.String() != want {
					t.Errorf("Write = %q, %v; want %q", buf.String(), err, want)
				}
			}
		})
	}
}

func TestWriteNames(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "a/dir name/f.txt", "b/\tf\r.txt", "x\n", "y\n"); err != nil {
		t.Fatal(err)
	}
	want := "--- a/dir name/f.txt\n+++ b/\tf\r.txt\n@@ -1 +1 @@\n-x\n+y\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
	for _, names := range [][2]string{{"a\nb", "b"}, {"a", "b\n"}} {
		buf.Reset()
		err := Write(&buf, names[0], names[1], "x\n", "y\n")
		if !errors.Is(err, ErrName) || buf.Len() != 0 {
			t.Errorf("names %q: got %q, %v; want nothing and ErrName", names, buf.String(), err)
		}
	}
}

type failWriter struct{ n int } // fails once more than n bytes are written

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errFail
	}
	w.n -= len(p)
	return len(p), nil
}

var errFail = errors.New("disk full")

func TestWriteError(t *testing.T) {
	old, new := bigPair(20000)
	for _, n := range []int{0, 10, 100 << 10} {
		if err := Write(&failWriter{n: n}, "a", "b", old, new); !errors.Is(err, errFail) {
			t.Errorf("after %d bytes: got %v, want %v", n, err, errFail)
		}
	}
}

// recordWriter records the size of each Write.
type recordWriter struct{ sizes []int }

func (w *recordWriter) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	return len(p), nil
}

func TestWriteStreams(t *testing.T) {
	old, new := bigPair(20000)
	var w recordWriter
	if err := Write(&w, "a", "b", old, new); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range w.sizes {
		total += n
		if n > 64<<10 {
			t.Errorf("one Write of %d bytes", n)
		}
	}
	if len(w.sizes) < 2 {
		t.Errorf("%d bytes in %d Write calls", total, len(w.sizes))
	}
}

// vocab holds lines that repeat, and lines that look like diff syntax or
// are not UTF-8.
var vocab = []string{"", "", "same", "same", "\r", "x\r", "-- x", "++ y", "@@ -1 +1 @@",
	"\\ No newline at end of file", " ", "\xff\xfe", "é", "a\x00b"}

// randomPair returns a text of up to 40 lines, many repeated, and an edit of
// it made of line deletions, insertions, duplications, moves and changes,
// each with or without a final newline.
func randomPair(r *rand.Rand) (old, new string) {
	line := func() string {
		if r.IntN(3) == 0 {
			return vocab[r.IntN(len(vocab))]
		}
		return "line " + strconv.Itoa(r.IntN(100))
	}
	a := make([]string, r.IntN(41))
	for i := range a {
		a[i] = line()
	}
	b := append([]string(nil), a...)
	for range r.IntN(8) {
		i := r.IntN(len(b) + 1)
		switch r.IntN(5) {
		case 0: // delete a run
			n := min(1+r.IntN(4), len(b)-i)
			b = append(b[:i], b[i+n:]...)
		case 1: // insert
			b = append(b[:i], append([]string{line()}, b[i:]...)...)
		case 2: // duplicate
			if len(b) > 0 {
				b = append(b[:i], append([]string{b[r.IntN(len(b))]}, b[i:]...)...)
			}
		case 3: // move a run
			n := min(1+r.IntN(6), len(b)-i)
			run := append([]string(nil), b[i:i+n]...)
			b = append(b[:i], b[i+n:]...)
			j := r.IntN(len(b) + 1)
			b = append(b[:j], append(run, b[j:]...)...)
		case 4: // change
			if i < len(b) {
				b[i] = line()
			}
		}
	}
	return join(a, r.IntN(4) > 0), join(b, r.IntN(4) > 0)
}

// join joins lines with newlines, adding a final one if final is set.
func join(lines []string, final bool) string {
	s := strings.Join(lines, "\n")
	if final && len(lines) > 0 {
		s += "\n"
	}
	return s
}

// contexts are the Options.Context values the round-trip tests cycle through.
var contexts = []int{0, -1, 1, 2, 5}

func contextLines(c int) int {
	switch {
	case c == 0:
		return DefaultContext
	case c < 0:
		return 0
	}
	return c
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		old, new := randomPair(r)
		checkRoundTrip(t, old, new, contexts[i%len(contexts)])
	}
}

// checkRoundTrip writes the diff from old to new and applies it with
// applyDiff, which also checks GNU's layout (checkApplies); with new given
// as its lines, the diff must be the same (checkWriteLines).
func checkRoundTrip(t *testing.T, old, new string, context int) string {
	t.Helper()
	d := checkApplies(t, old, new, context)
	checkWriteLines(t, Options{Context: context}, old, new, d)
	return d
}

// checkApplies writes the diff from old to new, checks it by applying it
// with applyDiff, which also checks GNU's layout, and returns it.
func checkApplies(t *testing.T, old, new string, context int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := (Options{Context: context}).Write(&buf, "a", "b", old, new); err != nil {
		t.Fatalf("old %q, new %q: %v", old, new, err)
	}
	if (buf.Len() == 0) != (old == new) {
		t.Fatalf("old %q, new %q: diff %q", old, new, buf.String())
	}
	got, err := applyDiff(old, buf.String(), contextLines(context))
	if err != nil {
		t.Fatalf("old %q, new %q, diff:\n%s\napply: %v", old, new, buf.String(), err)
	}
	if got != new {
		t.Fatalf("old %q, new %q, diff:\n%s\napplied: %q", old, new, buf.String(), got)
	}
	return buf.String()
}

// checkWriteLines fails t unless WriteLines writes want, the diff Write
// writes from old to new, with no error, from the new text given as lines
// less each one's end, for every end all of them have (lineForms). A new
// text that does not end in '\n', which lines less their end cannot give,
// is checked with a '\n' added. The ends WriteLines joins to the lines,
// and lines cut from a longer string, are checked on fewer texts by
// TestWriteLinesJoins: every round trip of the tests runs this, and with
// them here too the tests of the package took twice as long.
func checkWriteLines(t *testing.T, o Options, old, new, want string) {
	t.Helper()
	if new != "" && new[len(new)-1] != '\n' {
		new += "\n"
		var buf bytes.Buffer
		if err := o.Write(&buf, "a", "b", old, new); err != nil {
			t.Fatalf("old %q, new %q: %v", old, new, err)
		}
		want = buf.String()
	}
	forms := lineForms(new)
	if len(forms) == 0 {
		t.Fatalf("%q cannot be given as lines", new)
	}
	for _, f := range forms {
		var buf bytes.Buffer
		if err := o.WriteLines(&buf, "a", "b", old, f.lines, f.end); err != nil || buf.String() != want {
			t.Fatalf("old %q, new %q as lines %q, end %q: WriteLines writes %q, %v; Write %q", old, new, f.lines, f.end, buf.String(), err, want)
		}
	}
}

// TestWriteLinesJoins checks that WriteLines writes the diff Write writes
// when it joins the lines to their end, "" (lines that hold their own
// ends) or a lone "\r", and from lines that are slices of a string with
// other bytes around each, on the texts of TestWrite and random pairs.
func TestWriteLinesJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 48))
	var pairs [][2]string
	for _, tt := range writeTests {
		pairs = append(pairs, [2]string{tt.old, tt.new})
	}
	for range 300 {
		old, new := randomPair(r)
		pairs = append(pairs, [2]string{old, new})
	}
	for i, p := range pairs {
		old, new := p[0], p[1]
		o := Options{Context: contexts[i%len(contexts)]}
		// check fails t unless lines, each followed by end, are diffed
		// from old as joined, which is new.
		check := func(joined string, lines []string, end string) {
			var want, got bytes.Buffer
			if err := o.Write(&want, "a", "b", old, joined); err != nil {
				t.Fatal(err)
			}
			if err := o.WriteLines(&got, "a", "b", old, lines, end); err != nil || got.String() != want.String() {
				t.Fatalf("old %q, new %q as lines %q, end %q: WriteLines writes %q, %v; Write %q", old, joined, lines, end, got.String(), err, want.String())
			}
		}
		check(new, splitLines(new), "")
		check(new+"\r", strings.Split(new, "\r"), "\r") // the lines of new make new+"\r"
		for _, f := range lineForms(new) {
			framed := make([]string, len(f.lines))
			for k, l := range f.lines {
				framed[k] = ("<" + l + ">")[1 : len(l)+1]
			}
			check(new, framed, f.end)
		}
	}
}

// patchCmd applies diffs with the patch program.
type patchCmd struct {
	path, dir string
}

// newPatch returns a patchCmd, or skips the test if there is no patch.
func newPatch(t *testing.T) patchCmd {
	path, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch not found")
	}
	return patchCmd{path, t.TempDir()}
}

// apply has patch apply d to old and returns the result. Patch may not use
// an offset or fuzz.
func (p patchCmd) apply(t *testing.T, old, d string) string {
	t.Helper()
	oldFile, outFile := filepath.Join(p.dir, "old"), filepath.Join(p.dir, "out")
	if err := os.WriteFile(oldFile, []byte(old), 0o666); err != nil {
		t.Fatal(err)
	}
	os.Remove(outFile)
	// -F0: no fuzz; -f: never guess that the patch is reversed;
	// --binary: no CRLF heuristics. Offsets are reported, and failed.
	cmd := exec.Command(p.path, "-f", "-F0", "--binary", "-o", outFile, oldFile)
	cmd.Stdin = strings.NewReader(d)
	msg, err := cmd.CombinedOutput()
	if err != nil || bytes.Contains(msg, []byte("offset")) || bytes.Contains(msg, []byte("fuzz")) {
		t.Fatalf("old %q, diff:\n%s\npatch: %v\n%s", old, d, err, msg)
	}
	got, err := os.ReadFile(outFile)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(got)
}

func TestPatch(t *testing.T) {
	patch := newPatch(t)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		old, new := randomPair(r)
		var buf bytes.Buffer
		if err := (Options{Context: contexts[i%len(contexts)]}).Write(&buf, "a/f", "b/f", old, new); err != nil {
			t.Fatal(err)
		}
		if old == new {
			continue
		}
		if got := patch.apply(t, old, buf.String()); got != new {
			t.Fatalf("old %q, new %q, diff:\n%s\npatch wrote %q", old, new, buf.String(), got)
		}
	}
}

// unambiguousPair returns texts whose lines are all different, the second
// made from the first by deleting lines and adding new ones, so that there is
// only one shortest edit script and GNU diff must find the same one.
func unambiguousPair(r *rand.Rand) (old, new string) {
	var a, b []string
	for i := range r.IntN(60) {
		a = append(a, fmt.Sprintf("old %d", i))
		if r.IntN(8) == 0 {
			b = append(b, fmt.Sprintf("new %d", len(b)))
		}
		switch x := r.IntN(10); {
		case x < 7:
			b = append(b, a[i])
		case x < 9: // deleted
		default:
			b = append(b, fmt.Sprintf("new %d", len(b)))
		}
	}
	return join(a, r.IntN(4) > 0), join(b, r.IntN(4) > 0)
}

func TestGNUDiff(t *testing.T) {
	diffCmd, err := exec.LookPath("diff")
	if err != nil {
		t.Skip("diff not found")
	}
	dir := t.TempDir()
	oldFile, newFile := filepath.Join(dir, "old"), filepath.Join(dir, "new")
	check := func(name, old, new string, context int) {
		t.Helper()
		var buf bytes.Buffer
		if err := (Options{Context: context}).Write(&buf, "a", "b", old, new); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(oldFile, []byte(old), 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(newFile, []byte(new), 0o666); err != nil {
			t.Fatal(err)
		}
		u := "-U" + strconv.Itoa(min(contextLines(context), 1000))
		gnu, err := exec.Command(diffCmd, "-a", u, "--label", "a", "--label", "b", oldFile, newFile).Output()
		if err != nil && !(err.(*exec.ExitError).ExitCode() == 1) {
			t.Fatalf("%s: diff: %v", name, err)
		}
		if !bytes.Equal(buf.Bytes(), gnu) {
			t.Errorf("%s: old %q, new %q (%s)\ngot:\n%s\nGNU diff:\n%s", name, old, new, u, buf.Bytes(), gnu)
		}
	}
	for _, tt := range writeTests {
		check(tt.name, tt.old, tt.new, tt.context)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 300 {
		old, new := unambiguousPair(r)
		check(fmt.Sprint("random ", i), old, new, contexts[i%len(contexts)])
	}
	// Split at anchors, or diffed window by window, these diffs are the
	// same.
	defaultMyers := maxMyers
	for _, maxMyers = range []int{0, 10} {
		for i := range 100 {
			old, new := unambiguousPair(r)
			check(fmt.Sprintf("random %d, maxMyers %d", i, maxMyers), old, new, contexts[i%len(contexts)])
		}
	}
	maxMyers = defaultMyers

	// Where the edit script is not unique, the diff must still be as short
	// as that of diff --minimal.
	count := func(d []byte) (del, ins int) {
		for _, l := range splitLines(string(d))[2:] {
			switch l[0] {
			case '-':
				del++
			case '+':
				ins++
			}
		}
		return del, ins
	}
	for range 300 {
		old, new := randomPair(r)
		if old == new {
			continue
		}
		var buf bytes.Buffer
		if err := (Options{Context: -1}).Write(&buf, "a", "b", old, new); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(oldFile, []byte(old), 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(newFile, []byte(new), 0o666); err != nil {
			t.Fatal(err)
		}
		gnu, _ := exec.Command(diffCmd, "-a", "-d", "-U0", oldFile, newFile).Output()
		del, ins := count(buf.Bytes())
		gnuDel, gnuIns := count(gnu)
		if del != gnuDel || ins != gnuIns {
			t.Errorf("old %q, new %q: %d deletions and %d insertions, diff --minimal has %d and %d\n%s\n%s",
				old, new, del, ins, gnuDel, gnuIns, buf.Bytes(), gnu)
		}
	}
}

// addSeeds adds to the seed corpus of f the pairs of writeTests and 20
// of randomPair, from a PCG seeded with seed1 and seed2.
func addSeeds(f *testing.F, seed1, seed2 uint64) {
	for _, tt := range writeTests {
		f.Add(tt.old, tt.new)
	}
	r := rand.New(rand.NewPCG(seed1, seed2))
	for range 20 {
		old, new := randomPair(r)
		f.Add(old, new)
	}
}

func FuzzRoundTrip(f *testing.F) {
	addSeeds(f, 7, 8)
	f.Fuzz(func(t *testing.T, old, new string) {
		for _, c := range []int{0, -1, 1} {
			checkRoundTrip(t, old, new, c)
		}
		// Again with anchor splits and windows on gaps of a few lines.
		defer func(n int) { maxMyers = n }(maxMyers)
		for _, maxMyers = range []int{0, 6} {
			checkRoundTrip(t, old, new, 0)
		}
	})
}

var words = strings.Fields("the of and a to in is was for on that with by as at from his her it an were are which this be or has had not but new said city")

// sentence returns 8 to 19 random words and a full stop.
func sentence(r *rand.Rand) string {
	var s strings.Builder
	for k := range 8 + r.IntN(12) {
		if k > 0 {
			s.WriteByte(' ')
		}
		s.WriteString(words[r.IntN(len(words))])
	}
	s.WriteByte('.')
	return s.String()
}

// bigPair returns an article-like text of n lines, paragraphs of four lines
// separated by blank lines with some boilerplate repeated, and an edit of it
// that deletes about 30% of the lines (whole paragraphs and single lines)
// and moves 20 blocks of lines elsewhere.
func bigPair(n int) (old, new string) {
	r := rand.New(rand.NewPCG(9, 10))
	a := make([]string, n)
	for i := range a {
		switch {
		case i%5 == 4:
			a[i] = ""
		case r.IntN(40) == 0:
			a[i] = "Share this article"
		default:
			a[i] = sentence(r)
		}
	}
	b := make([]string, 0, n)
	for i := 0; i < n; i++ {
		switch {
		case i%5 == 0 && r.IntN(100) < 15:
			i += 4 // a whole paragraph
		case r.IntN(100) < 15: // a single line
		default:
			b = append(b, a[i])
		}
	}
	for range 20 {
		i := r.IntN(len(b) - 100)
		k := 20 + r.IntN(80)
		block := append([]string(nil), b[i:i+k]...)
		b = append(b[:i], b[i+k:]...)
		j := r.IntN(len(b))
		b = append(b[:j], append(block, b[j:]...)...)
	}
	return join(a, true), join(b, true)
}

// dedupePair returns an article-like text of about n lines in which 30% of
// the paragraphs repeat earlier ones, and the same text without the repeats,
// which is what deduplication does. Unlike in bigPair, every deleted line is
// found in both texts.
func dedupePair(n int) (old, new string) {
	r := rand.New(rand.NewPCG(13, 14))
	var a, b []string
	var paras [][]string
	for len(a) < n {
		if len(paras) > 10 && r.IntN(100) < 30 {
			a = append(a, paras[r.IntN(len(paras))]...)
			continue
		}
		var p []string
		for range 4 {
			p = append(p, sentence(r))
		}
		p = append(p, "")
		paras = append(paras, p)
		a = append(a, p...)
		b = append(b, p...)
	}
	return join(a, true), join(b, true)
}

func TestBig(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, pair := range []struct {
		name string
		make func(int) (string, string)
	}{{"edit", bigPair}, {"dedupe", dedupePair}, {"clean", cleanPair}, {"repetitive", repetitivePair}} {
		old, new := pair.make(100000)
		start := time.Now()
		var buf bytes.Buffer
		if err := Write(&buf, "a", "b", old, new); err != nil {
			t.Fatal(err)
		}
		elapsed := time.Since(start)
		got, err := applyDiff(old, buf.String(), DefaultContext)
		if err != nil || got != new {
			t.Fatalf("%s: the diff does not apply: %v", pair.name, err)
		}
		if _, err := exec.LookPath("patch"); err == nil {
			if newPatch(t).apply(t, old, buf.String()) != new {
				t.Fatalf("%s: patch gets another text", pair.name)
			}
		}
		// The new text of dedupe is the old one with lines left out, and
		// the anchors leave it so.
		if pair.name == "dedupe" && strings.Contains(strings.TrimPrefix(buf.String(), "--- a\n+++ b\n"), "\n+") {
			t.Errorf("dedupe: the diff inserts lines")
		}
		t.Logf("%s: %d → %d lines, %d bytes of diff in %v", pair.name,
			strings.Count(old, "\n"), strings.Count(new, "\n"), buf.Len(), elapsed)
	}
}

// TestGoDiffManyLines checks that go-diff's own line mode is right beyond
// 65,536 distinct lines, as it is from v1.4.0.
func TestGoDiffManyLines(t *testing.T) {
	var a, b strings.Builder
	for i := range 70000 {
		fmt.Fprintf(&a, "%d\n", i)
		if i%7 != 3 {
			fmt.Fprintf(&b, "%d\n", i)
		}
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	ra, rb, lines := dmp.DiffLinesToRunes(a.String(), b.String())
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines)
	if dmp.DiffText1(diffs) != a.String() || dmp.DiffText2(diffs) != b.String() {
		t.Fatal("go-diff line mode does not rebuild the texts")
	}
	for _, d := range diffs {
		if d.Type != diffmatchpatch.DiffEqual && d.Type != diffmatchpatch.DiffDelete {
			t.Fatalf("unexpected %v of %q", d.Type, d.Text)
		}
		if d.Type == diffmatchpatch.DiffDelete && strings.Count(d.Text, "\n") != 1 {
			t.Fatalf("deletion of %q, want single lines", d.Text)
		}
	}
}

func TestCodeRune(t *testing.T) {
	prev := rune(-1)
	for _, k := range []int{0, 1, surrogateMin - 1, surrogateMin, numCodes - 1} {
		r := codeRune(k)
		if !utf8.ValidRune(r) || r <= prev || []rune(string(r))[0] != r {
			t.Errorf("codeRune(%d) = %U", k, r)
		}
		prev = r
	}
	if r := codeRune(numCodes - 1); r != utf8.MaxRune {
		t.Errorf("last code is %U, want %U", r, utf8.MaxRune)
	}
}

// TestSmallGaps runs the round trip, and patch, with anchor splits and
// windows on small texts, by lowering maxMyers and maxDepth.
func TestSmallGaps(t *testing.T) {
	defer func(n, d int) { maxMyers, maxDepth = n, d }(maxMyers, maxDepth)
	var patch *patchCmd
	if _, err := exec.LookPath("patch"); err == nil {
		p := newPatch(t)
		patch = &p
	}
	r := rand.New(rand.NewPCG(19, 20))
	for _, limits := range [][2]int{{0, 32}, {0, 1}, {1, 32}, {4, 0}, {4, 32}, {10, 2}, {30, 32}} {
		maxMyers, maxDepth = limits[0], limits[1]
		for i := range 700 {
			old, new := randomPair(r)
			d := checkRoundTrip(t, old, new, contexts[i%len(contexts)])
			if patch != nil && i%10 == 0 && d != "" {
				if got := patch.apply(t, old, d); got != new {
					t.Fatalf("maxMyers %d, maxDepth %d: old %q, new %q, diff:\n%s\npatch wrote %q",
						maxMyers, maxDepth, old, new, d, got)
				}
			}
		}
	}
}

// TestFewCodes runs the round trip with room for only a few shared lines,
// so that most are treated as unshared.
func TestFewCodes(t *testing.T) {
	defer func(n int) { maxCommon = n }(maxCommon)
	maxCommon = 3
	checkRoundTrip(t, "a\nb\nc\nd\ne\nf\n", "x\na\nb\nc\nd\ne\nf\ny\n", 0)
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 500 {
		old, new := randomPair(r)
		checkRoundTrip(t, old, new, contexts[i%len(contexts)])
	}
}

// TestMoreLinesThanRunes diffs texts with more distinct lines in common than
// there are runes, where go-diff's DiffLinesToRunes would panic. Split at
// anchors, the diff changes only the first and the last line; with go-diff
// made to see all the lines at once, the last shared line has no rune, so it
// is deleted and inserted too.
func TestMoreLinesThanRunes(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var mid strings.Builder
	for i := range maxCommon + 1 {
		mid.WriteString(strconv.Itoa(i))
		mid.WriteByte('\n')
	}
	old := "first\n" + mid.String() + "last\n"
	new := "FIRST\n" + mid.String() + "LAST\n"
	d := checkRoundTrip(t, old, new, -1)
	if want := "--- a\n+++ b\n@@ -1 +1 @@\n-first\n+FIRST\n" + fmt.Sprintf("@@ -%[1]d +%[1]d @@\n-last\n+LAST\n", maxCommon+3); d != want {
		t.Errorf("diff:\n%s\nwant:\n%s", d, want)
	}

	// Diffed whole, by go-diff: the new text's lines would be numbered
	// and diffed as above, and go-diff sees the same ids (0.8 s of CPU
	// more).
	defer func(n int) { maxMyers = n }(maxMyers)
	maxMyers = math.MaxInt
	d = checkApplies(t, old, new, 0)
	lastLine := strconv.Itoa(maxCommon) + "\n"
	if !strings.Contains(d, "\n-"+lastLine) || !strings.Contains(d, "\n+"+lastLine) {
		t.Errorf("diff:\n%s", d)
	}
}

// cleanPair returns a text of about n lines shaped like textclean's work, and
// what textclean makes of it: paragraphs of four sentences and a blank line,
// 30% of them later repeats of earlier ones, which are deleted, with one kept
// paragraph in 50 edited and 10 moved elsewhere.
func cleanPair(n int) (old, new string) {
	r := rand.New(rand.NewPCG(15, 16))
	var a []string
	var paras, kept [][]string
	for len(a) < n {
		if len(paras) > 10 && r.IntN(100) < 30 {
			a = append(a, paras[r.IntN(len(paras))]...)
			continue
		}
		p := []string{sentence(r), sentence(r), sentence(r), sentence(r), ""}
		paras = append(paras, p)
		a = append(a, p...)
		q := append([]string(nil), p...)
		if r.IntN(50) == 0 {
			q[r.IntN(4)] += " Edited."
		}
		kept = append(kept, q)
	}
	for range 10 {
		i := r.IntN(len(kept))
		p := kept[i]
		kept = append(kept[:i], kept[i+1:]...)
		j := r.IntN(len(kept) + 1)
		kept = append(kept[:j], append([][]string{p}, kept[j:]...)...)
	}
	var b []string
	for _, p := range kept {
		b = append(b, p...)
	}
	return join(a, true), join(b, true)
}

// repetitivePair returns n lines drawn from 100 distinct ones and the same
// lines with 30% of them deleted: a diff with no line found once, where
// Myers' algorithm is slowest.
func repetitivePair(n int) (old, new string) {
	r := rand.New(rand.NewPCG(17, 18))
	var a, b []string
	for range n {
		l := "line " + strconv.Itoa(r.IntN(100))
		a = append(a, l)
		if r.IntN(100) >= 30 {
			b = append(b, l)
		}
	}
	return join(a, true), join(b, true)
}

// endPair returns the old text of cleanPair and the same text with a line
// added at its end: one hunk after a long common start.
func endPair(n int) (old, new string) {
	old, _ = cleanPair(n)
	return old, old + "one more line\n"
}

func BenchmarkWrite(b *testing.B) {
	for _, bb := range []struct {
		name string
		make func(int) (string, string)
		n    int
	}{
		{"edit-1k", bigPair, 1000},
		{"edit-100k", bigPair, 100000},
		{"dedupe-100k", dedupePair, 100000},
		{"clean-100k", cleanPair, 100000},
		{"clean-200k", cleanPair, 200000},
		{"repetitive-50k", repetitivePair, 50000},
		{"end-200k", endPair, 200000},
	} {
		b.Run(bb.name, func(b *testing.B) {
			old, new := bb.make(bb.n)
			b.SetBytes(int64(len(old) + len(new)))
			for b.Loop() {
				if err := Write(io.Discard, "a", "b", old, new); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
