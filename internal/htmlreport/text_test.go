package htmlreport

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestLineItems checks where lineItems splits a line and what it says of
// each stretch: the fix it shows, the cut it is in, and a removal's mark.
func TestLineItems(t *testing.T) {
	c1, c2 := &label{Why: "c1"}, &label{Why: "c2"}
	tests := []struct {
		name  string
		text  string
		cuts  []cut
		fixes []fix
		want  string
	}{
		{"plain", "abc", nil, nil, `"abc"`},
		{"empty", "", nil, nil, ``},
		{"fix", "a&b", nil, []fix{{1, 2, "f"}}, `"a" "&"{f} "b"`},
		{"removal", "ab", nil, []fix{{1, 1, "g"}}, `"a" x{g} "b"`},
		{"removals at one place", "ab", nil, []fix{{1, 1, "g"}, {1, 1, "h"}}, `"a" x{g} x{h} "b"`},
		{"removal at the start", "ab", nil, []fix{{0, 0, "g"}}, `x{g} "ab"`},
		{"removal at the end", "ab", nil, []fix{{2, 2, "g"}}, `"ab" x{g}`},
		{"removal then fix at one place", "ab", nil, []fix{{1, 1, "g"}, {1, 2, "f"}}, `"a" x{g} "b"{f}`},
		{"touching fixes", "abc", nil, []fix{{0, 1, "f"}, {1, 2, "g"}}, `"a"{f} "b"{g} "c"`},
		{"cut", "abcd", []cut{{1, 3, c1}}, nil, `"a" "bc"[c1] "d"`},
		{"touching cuts", "abcd", []cut{{0, 2, c1}, {2, 4, c2}}, nil, `"ab"[c1] "cd"[c2]`},
		{"fix in a cut", "abcd", []cut{{1, 4, c1}}, []fix{{2, 3, "f"}}, `"a" "b"[c1] "c"{f}[c1] "d"[c1]`},
		{"fix across a cut's edge", "abcd", []cut{{2, 4, c1}}, []fix{{1, 3, "f"}}, `"a" "b"{f} "c"{f}[c1] "d"[c1]`},
		// A removal at a cut's start belongs to what comes before it; at
		// its end, to the cut.
		{"removal at a cut's start", "abcd", []cut{{1, 3, c1}}, []fix{{1, 1, "g"}}, `"a" x{g} "bc"[c1] "d"`},
		{"removal at a cut's end", "abcd", []cut{{1, 3, c1}}, []fix{{3, 3, "g"}}, `"a" "bc"[c1] x{g}[c1] "d"`},
		{"removal at the start, in a cut", "ab", []cut{{0, 2, c1}}, []fix{{0, 0, "g"}}, `x{g}[c1] "ab"[c1]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			(&source{}).lineItems(tt.text, tt.cuts, tt.fixes, func(c *label, it item) {
				s := fmt.Sprintf("%q", it.Text)
				if it.Gone {
					s = "x"
				}
				if it.Fix != "" {
					s += "{" + it.Fix + "}"
				}
				if c != nil {
					s += "[" + c.Why + "]"
				}
				got = append(got, s)
			})
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("got  %s\nwant %s", g, tt.want)
			}
		})
	}
}

// TestLineItemsTime checks that splitting a line takes time in proportion
// to its cuts and fixes: 16 times as many of them may take about 16 times
// as long (sorting the edges adds a little), not 256 times. A line of
// "word &amp; " 80,000 times over once took 15 s to show.
func TestLineItemsTime(t *testing.T) {
	// line returns a line of n words, each with a fix, every other one
	// struck through as a removed sentence.
	line := func(n int) (string, []cut, []fix) {
		text := strings.Repeat("word & ", n)
		var cuts []cut
		var fixes []fix
		why := &label{Why: "repeated sentence"}
		for i := range n {
			p := 7 * i
			fixes = append(fixes, fix{p + 5, p + 6, "entities"}, fix{p + 7, p + 7, "spaces"})
			if i%2 == 1 {
				cuts = append(cuts, cut{p, p + 7, why})
			}
		}
		return text, cuts, fixes
	}
	// took returns the least time of a few runs, the one least disturbed
	// by other work on the machine.
	took := func(n int) time.Duration {
		text, cuts, fixes := line(n)
		best := time.Duration(1 << 62)
		for range 5 {
			start := time.Now()
			items := 0
			(&source{}).lineItems(text, cuts, fixes, func(*label, item) { items++ })
			best = min(best, time.Since(start))
			if items < 2*n {
				t.Fatalf("%d words: %d items, want at least %d", n, items, 2*n)
			}
		}
		return best
	}
	// A quadratic cost makes every try about 256 times as long; a busy
	// machine can spoil one try, so the test fails only when three do.
	for try := 1; ; try++ {
		small, large := took(1000), took(16000)
		ratio := float64(large) / float64(small)
		t.Logf("1,000 words: %v; 16,000 words: %v (%.1f times as long)", small, large, ratio)
		if ratio <= 64 {
			break
		}
		if try == 3 {
			t.Fatalf("1,000 words took %v, 16,000 took %v: %.0f times as long; want about 16", small, large, ratio)
		}
	}
}
