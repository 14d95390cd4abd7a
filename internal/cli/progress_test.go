package cli

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestProgressLine checks what the progress line shows and when it is
// drawn: each file done draws it, but within progressEvery of the last
// drawing, unless the file is the last; a shorter line blanks the end of
// the longer one before it; clear blanks the line and leaves the cursor at
// its start.
func TestProgressLine(t *testing.T) {
	var out strings.Builder
	start := time.Unix(1000, 0)
	now := start
	p := &progress{w: &out, files: 4, total: 4_000_000, now: func() time.Time { return now }, start: start, cols: func() int { return 80 }}
	const (
		first = "1/4 files  25% [====            ] 1.0/4.0 MB  1.0 MB/s  3s left"
		third = "3/4 files  75% [============    ] 3.0/4.0 MB  1.5 MB/s  1s left"
		last  = "4/4 files 100% [================] 4.0/4.0 MB  2.0 MB/s"
	)
	for _, step := range []struct {
		at   time.Duration
		want string // all that out holds after the step
	}{
		{time.Second, "\r" + first},
		{time.Second + progressEvery - 1, "\r" + first}, // too soon: not drawn
		{2 * time.Second, "\r" + first + "\r" + third},  // as long: no blanks
		// The last file, drawn at once; shorter by "  1s left", which
		// is blanked.
		{2 * time.Second, "\r" + first + "\r" + third + "\r" + last + strings.Repeat(" ", len(third)-len(last)) + "\r" + last},
	} {
		now = start.Add(step.at)
		p.add(1_000_000)
		if got := out.String(); got != step.want {
			t.Fatalf("after %d files at %v:\n%q\nwant\n%q", p.done, step.at, got, step.want)
		}
	}
	out.Reset()
	p.clear()
	if want := "\r" + strings.Repeat(" ", len(last)) + "\r"; out.String() != want {
		t.Errorf("clear writes %q, want %q", out.String(), want)
	}
	out.Reset()
	p.clear()
	if out.Len() != 0 {
		t.Errorf("clear with no line shown writes %q", out.String())
	}
}

// TestProgressEmpty checks the line of files of no bytes, before any time
// has passed: as far as the files done, with no speed nor time left.
func TestProgressEmpty(t *testing.T) {
	for _, c := range []struct {
		done int
		want string
	}{
		{0, "0/4 files   0% [                ] 0.0/0.0 MB"},
		{1, "1/4 files  25% [====            ] 0.0/0.0 MB"},
		{4, "4/4 files 100% [================] 0.0/0.0 MB"},
		{5, "5/4 files 100% [================] 0.0/0.0 MB"}, // a file made during the run
	} {
		p := &progress{files: 4, done: c.done}
		if got := p.line(0, 0); got != c.want {
			t.Errorf("%d files done: %q, want %q", c.done, got, c.want)
		}
	}
}

// TestProgressFits checks that the line is cut after its last part that
// leaves the terminal's last column free (see line), and only at a part's
// end but for a terminal narrower than the first part; and that add draws
// it so, on a terminal as wide as cols says at the time.
func TestProgressFits(t *testing.T) {
	p := &progress{files: 100_000, done: 12_345, total: 10_485_760_000_000, bytes: 1_234_500_000_000}
	const (
		files = "12345/100000 files  11%"        // 23 bytes
		bar   = files + " [=               ]"    // 42
		mb    = bar + " 1234500.0/10485760.0 MB" // 66
		speed = mb + "  12345.0 MB/s"            // 80
		whole = speed + "  12m29s left"          // 93
	)
	for _, c := range []struct {
		cols int
		want string
	}{
		{0, whole},
		{94, whole},
		{93, speed},
		{80, mb},
		{67, mb},
		{66, bar},
		{43, bar},
		{42, files},
		{24, files},
		{23, files[:22]},
		{1, ""},
	} {
		if got := p.line(100*time.Second, c.cols); got != c.want {
			t.Errorf("%d columns: %q, want %q", c.cols, got, c.want)
		}
	}
	var out strings.Builder
	cols := 80
	p.w, p.now, p.start, p.cols = &out, func() time.Time { return time.Unix(1100, 0) }, time.Unix(1000, 0), func() int { return cols }
	p.add(0)
	cols = 30
	p.drawn = time.Time{}
	p.add(0)
	want := "\r12346/100000 files  11% [=               ] 1234500.0/10485760.0 MB" +
		"\r12347/100000 files  11%" + strings.Repeat(" ", 66-23) + "\r12347/100000 files  11%"
	if got := out.String(); got != want {
		t.Errorf("drawn on 80, then 30 columns:\n%q\nwant\n%q", got, want)
	}
}

// TestProgressOffTerminal checks that no progress is shown on what is not
// a terminal, and that a nil progress does nothing.
func TestProgressOffTerminal(t *testing.T) {
	var out strings.Builder
	if p := newProgress(context.Background(), &out, &selection{}, []string{"."}, func(input) bool { return false }); p != nil {
		t.Fatalf("progress on a strings.Builder: %+v", p)
	}
	var p *progress
	p.add(10)
	p.clear()
}
