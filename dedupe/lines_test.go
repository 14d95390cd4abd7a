package dedupe

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unsafe"

	"github.com/textclean/textclean/internal/benchgen"
)

// cleanLinesWith is CleanLines on procs goroutines, as cleanToWith is
// cleanTo.
func cleanLinesWith(t testing.TB, in string, opts Options, procs int) (*Result, []string, string) {
	t.Helper()
	bytes := math.MaxInt
	if procs > 1 {
		bytes = 0
	}
	defer withParallel(bytes, procs)()
	r, lines, end, err := CleanLines(in, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r, lines, end
}

// checkLines fails t unless lines, each followed by end, are want's
// text, no line holds a line end ('\n' or '\r', which normalize cuts
// lines at), and r, a Result of CleanLines, is want but for the text,
// with Changed telling what want's tells of in.
func checkLines(t *testing.T, in string, r *Result, lines []string, end string, want *Result) {
	t.Helper()
	var b strings.Builder
	for _, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %q holds a line end", l)
		}
		b.WriteString(l)
		b.WriteString(end)
	}
	if b.String() != want.Text {
		t.Fatalf("CleanLines gives lines %q, each followed by %q; Clean returns\n%q", lines, end, want.Text)
	}
	if r.Changed(in) != want.Changed(in) {
		t.Fatalf("CleanLines' Changed says %v, Clean's %v", r.Changed(in), want.Changed(in))
	}
	checkSameResult(t, r, want)
}

// TestCleanLinesAgrees checks that CleanLines gives the lines of the text
// Clean returns, and the same Result otherwise, on one goroutine and on
// several (the lines cut into runs, and made while the changes are).
func TestCleanLinesAgrees(t *testing.T) {
	for _, opts := range writeOptions {
		for k, in := range cleanToInputs(t) {
			t.Run(fmt.Sprintf("%+v/%d", opts, k), func(t *testing.T) {
				want := cleanWith(t, in, opts, math.MaxInt, 1)
				for _, procs := range []int{1, 2, 3, 8} {
					r, lines, end := cleanLinesWith(t, in, opts, procs)
					checkLines(t, in, r, lines, end, want)
				}
			})
		}
	}
}

// TestCleanLinesChanged checks Changed on CleanLines' Results for
// changedTests.
func TestCleanLinesChanged(t *testing.T) {
	for _, c := range changedTests {
		r, _, _, err := CleanLines(c.in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Changed(c.in) != c.changed {
			t.Errorf("CleanLines(%q): Changed says %v, want %v", c.in, r.Changed(c.in), c.changed)
		}
	}
}

// TestCleanLinesShareInput checks that the lines CleanLines gives are
// the texts Clean writes, not copies: a line the input has as it is is a
// slice of the input, and only the lines normalizing changed are not.
// The memory CleanLines saves rests on it.
func TestCleanLinesShareInput(t *testing.T) {
	in := "The first line, long enough to be removed as a repeat.\n" +
		"The second line, with &amp; an entity to normalize.\n" +
		"The first line, long enough to be removed as a repeat.\n" +
		"The third line, kept as it is.\n"
	for _, procs := range []int{1, 2} {
		_, lines, _ := cleanLinesWith(t, in, Options{}, procs)
		inInput := func(l string) bool {
			p := uintptr(unsafe.Pointer(unsafe.StringData(l)))
			base := uintptr(unsafe.Pointer(unsafe.StringData(in)))
			return p >= base && p+uintptr(len(l)) <= base+uintptr(len(in))
		}
		want := []bool{true, false, true}
		if len(lines) != len(want) {
			t.Fatalf("lines %q", lines)
		}
		for k, l := range lines {
			if inInput(l) != want[k] {
				t.Errorf("on %d goroutines, line %q: in the input %v", procs, l, inInput(l))
			}
		}
	}
}

// TestCleanLinesShareJoined checks that the lines of a paragraph of
// several lines are slices of the one text Clean holds for it, its lines
// joined, one after the other, not copies of their own.
func TestCleanLinesShareJoined(t *testing.T) {
	in := "The first line of a paragraph.\nIts second line.\n\n" +
		"Another paragraph, kept as it is.\nWith two lines.\n"
	for _, procs := range []int{1, 2} {
		_, lines, _ := cleanLinesWith(t, in, Options{}, procs)
		if len(lines) != 5 {
			t.Fatalf("lines %q", lines)
		}
		for _, k := range []int{0, 3} { // each paragraph's first line
			next := unsafe.Add(unsafe.Pointer(unsafe.StringData(lines[k])), len(lines[k])+1)
			if unsafe.Pointer(unsafe.StringData(lines[k+1])) != next {
				t.Errorf("on %d goroutines, lines %q and %q are not in one text", procs, lines[k], lines[k+1])
			}
		}
	}
}

// TestCleanLinesInputError checks that for input CleanLines cannot clean
// it returns the error Clean does, and no lines.
func TestCleanLinesInputError(t *testing.T) {
	defer func(n int) { maxText = n }(maxText)
	maxText = 20
	for _, in := range []string{"bin\x00ary\x00\x00\x00 text\n", strings.Repeat("long text. ", 3)} {
		_, want := Clean(in, Options{})
		r, lines, end, err := CleanLines(in, Options{})
		if r != nil || lines != nil || end != "" || err == nil || err.Error() != want.Error() {
			t.Errorf("CleanLines(%q) returns %v, %q, %q, %v; Clean fails with %v", in, r, lines, end, err, want)
		}
	}
}

// FuzzCleanLines checks on any input that CleanLines gives the lines of
// the text Clean returns, and its Result otherwise, on one goroutine and
// on three.
func FuzzCleanLines(f *testing.F) {
	for _, s := range []string{"", "a\nb\na\n", "A long paragraph, repeated.\n\nB\n\nA long paragraph, repeated.\n", "x\r\n\r\ny\r\nx\r\n", "\ufeff\n\none. two.\n\none. two.\n", "a\rb\r\rc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := Clean(s, Options{}); err != nil {
			return // not text
		}
		for _, opts := range writeOptions {
			want := cleanWith(t, s, opts, math.MaxInt, 1)
			for _, procs := range []int{1, 3} {
				r, lines, end := cleanLinesWith(t, s, opts, procs)
				checkLines(t, s, r, lines, end, want)
			}
		}
	})
}

// BenchmarkLines makes the lines of the clean text of 16 MB of generated
// articles, as CleanLines does, and, to compare, writes the text in
// memory, as Clean does.
func BenchmarkLines(b *testing.B) {
	for _, m := range resultModes {
		input := benchgen.New(1).Stream(16 << 20)
		opts := m.opts
		c := stageCleaner(b, input, &opts)
		c.rounds()
		out := c.outputWriter()
		b.Run(m.name+"/lines", func(b *testing.B) {
			b.SetBytes(int64(len(c.input)))
			for b.Loop() {
				out.lines()
			}
		})
		b.Run(m.name+"/write", func(b *testing.B) {
			b.SetBytes(int64(len(c.input)))
			for b.Loop() {
				out.write()
			}
		})
	}
}
