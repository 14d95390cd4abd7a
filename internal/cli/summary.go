package cli

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/normalize"
)

// stats adds up what a run did, for the summary.
type stats struct {
	files, changed, failed, skipped int
	bytesIn, bytesOut               int64
	paragraphsIn, paragraphsOut     int
	paragraphs, sentences, moves    int // paragraphs removed (of every kind), sentences removed, paragraphs moved
	runs, inRuns, repeats           int // runs, the paragraphs in them, and repeated paragraphs on their own
	emptied, near, teasers, junk    int
	boilerplate, across             int
	fixes                           normalize.Counts
}

func (s *stats) add(o stats) {
	s.files += o.files
	s.changed += o.changed
	s.failed += o.failed
	s.skipped += o.skipped
	s.bytesIn += o.bytesIn
	s.bytesOut += o.bytesOut
	s.paragraphsIn += o.paragraphsIn
	s.paragraphsOut += o.paragraphsOut
	s.paragraphs += o.paragraphs
	s.sentences += o.sentences
	s.moves += o.moves
	s.runs += o.runs
	s.inRuns += o.inRuns
	s.repeats += o.repeats
	s.emptied += o.emptied
	s.near += o.near
	s.teasers += o.teasers
	s.junk += o.junk
	s.boilerplate += o.boilerplate
	s.across += o.across
	s.fixes.Add(o.fixes)
}

// statsOf counts what cleaning one input did.
func statsOf(text string, r *dedupe.Result, changed bool) stats {
	s := stats{
		files: 1, bytesIn: int64(len(text)), bytesOut: int64(r.TextSize()),
		paragraphsIn: r.ParagraphsIn, paragraphsOut: r.ParagraphsOut, paragraphs: r.ParagraphsIn - r.ParagraphsOut,
		emptied: r.Emptied, fixes: r.Normalized,
	}
	if changed {
		s.changed = 1
	}
	for _, c := range r.Changes {
		switch c.Kind {
		case dedupe.Run:
			s.runs++
			s.inRuns += len(c.Parts)
		case dedupe.Paragraph:
			s.repeats++
		case dedupe.Sentence:
			s.sentences++
		case dedupe.Move:
			s.moves++
		case dedupe.Near:
			s.near++
		case dedupe.Teaser:
			s.teasers++
		case dedupe.JunkLine:
			s.junk++
		case dedupe.Boilerplate:
			s.boilerplate++
		case dedupe.Across:
			s.across++
		}
	}
	return s
}

// plural returns "1 thing" or "n things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// removals lists what was removed, the kinds with none left out.
func (s *stats) removals() []string {
	var out []string
	if s.runs > 0 {
		out = append(out, fmt.Sprintf("%s (%s)", plural(s.runs, "run", "runs"), plural(s.inRuns, "paragraph", "paragraphs")))
	}
	for _, k := range []struct {
		n         int
		one, many string
	}{
		{s.repeats, "repeated paragraph", "repeated paragraphs"},
		{s.sentences, "sentence", "sentences"},
		{s.near, "near-duplicate", "near-duplicates"},
		{s.teasers, "teaser", "teasers"},
		{s.junk, "junk line", "junk lines"},
		{s.boilerplate, "boilerplate paragraph", "boilerplate paragraphs"},
		{s.across, "paragraph kept by an earlier file", "paragraphs kept by earlier files"},
	} {
		if k.n > 0 {
			out = append(out, plural(k.n, k.one, k.many))
		}
	}
	return out
}

// ruleCount is a normalization rule and how many fixes it made.
type ruleCount struct {
	rule  normalize.Rule
	count int
}

// fixesByRule returns the rules that fixed something, the most first.
func (s *stats) fixesByRule() []ruleCount {
	var out []ruleCount
	for _, r := range normalize.Rules() {
		if n := s.fixes.Of(r); n > 0 {
			out = append(out, ruleCount{r, n})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].count > out[j].count })
	return out
}

// mbps returns the megabytes read and the speed.
func (s *stats) mbps(elapsed time.Duration) (mb, speed float64) {
	mb = float64(s.bytesIn) / (1 << 20)
	return mb, mb / max(elapsed.Seconds(), 1e-9)
}

// summary is the line printed at the end of a run over folders, for
// example:
//
//	textclean: 3 files, 2 changed; 0.1 MB in 0.1 s (1.2 MB/s); paragraphs 80 → 51: removed 2 runs (16 paragraphs), 3 sentences; 2 moved; 7 fixes (entities 5, spaces 2)
func summary(s stats, elapsed time.Duration, interrupted bool) string {
	mb, speed := s.mbps(elapsed)
	var b strings.Builder
	fmt.Fprintf(&b, "textclean: %s, %d changed; %.1f MB in %.1f s (%.1f MB/s); paragraphs %d → %d",
		plural(s.files, "file", "files"), s.changed, mb, elapsed.Seconds(), speed, s.paragraphsIn, s.paragraphsOut)
	if r := s.removals(); len(r) > 0 {
		fmt.Fprintf(&b, ": removed %s", strings.Join(r, ", "))
	}
	if s.moves > 0 {
		fmt.Fprintf(&b, "; %d moved", s.moves)
	}
	if rules := s.fixesByRule(); len(rules) > 0 {
		var parts []string
		for i, rc := range rules {
			if i == 3 {
				parts = append(parts, "…")
				break
			}
			parts = append(parts, fmt.Sprintf("%s %d", rc.rule, rc.count))
		}
		fmt.Fprintf(&b, "; %s (%s)", plural(s.fixes.Total(), "fix", "fixes"), strings.Join(parts, ", "))
	}
	if s.failed > 0 {
		fmt.Fprintf(&b, "; %d failed", s.failed)
	}
	if s.skipped > 0 {
		fmt.Fprintf(&b, "; %d binary skipped", s.skipped)
	}
	if interrupted {
		b.WriteString("; interrupted, the files not reached are untouched")
	}
	return b.String()
}

// writeStats writes the table that --stats prints: every count, the kinds
// of removal and the rules with none included, so that runs compare line
// by line.
func writeStats(w io.Writer, s stats, elapsed time.Duration, interrupted bool) error {
	type line struct{ what, n, note string } // a section's title has no n
	var lines []line
	row := func(what string, n any, note string) { lines = append(lines, line{what, fmt.Sprint(n), note}) }
	section := func(title string) { lines = append(lines, line{what: title}) }
	mb, speed := s.mbps(elapsed)
	section("textclean:")
	row("files", s.files, fmt.Sprintf("%d changed, %d failed, %d skipped", s.changed, s.failed, s.skipped))
	row("bytes in", s.bytesIn, fmt.Sprintf("%.2f MB", mb))
	row("bytes out", s.bytesOut, percent(s.bytesIn-s.bytesOut, s.bytesIn)+" removed")
	row("paragraphs in", s.paragraphsIn, "")
	row("paragraphs out", s.paragraphsOut, percent(int64(s.paragraphs), int64(s.paragraphsIn))+" removed")
	row("seconds", fmt.Sprintf("%.2f", elapsed.Seconds()), fmt.Sprintf("%.1f MB/s", speed))
	if interrupted {
		row("interrupted", "yes", "the files not reached are untouched")
	}
	section("removed:")
	row("repeated runs", s.runs, plural(s.inRuns, "paragraph", "paragraphs"))
	row("repeated paragraphs", s.repeats, "on their own")
	row("repeated sentences", s.sentences, plural(s.emptied, "paragraph emptied", "paragraphs emptied"))
	row("near-duplicates", s.near, "")
	row("teasers", s.teasers, "")
	row("junk lines", s.junk, "")
	row("boilerplate", s.boilerplate, "")
	row("across files", s.across, "")
	section("moved:")
	row("paragraphs", s.moves, "")
	section("fixes:")
	for _, r := range normalize.Rules() {
		row(r.String(), s.fixes.Of(r), "")
	}
	row("all rules", s.fixes.Total(), "")
	width := 0
	for _, l := range lines {
		if l.n != "" {
			width = max(width, utf8.RuneCountInString(l.what))
		}
	}
	var b bytes.Buffer
	for _, l := range lines {
		if l.n == "" {
			fmt.Fprintf(&b, "%s\n", l.what)
			continue
		}
		out := fmt.Sprintf("  %-*s %10s  %s", width, l.what, l.n, l.note)
		fmt.Fprintln(&b, strings.TrimRight(out, " "))
	}
	_, err := w.Write(b.Bytes())
	return err
}

func percent(part, whole int64) string {
	if whole == 0 {
		return "0.0%"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(part)/float64(whole))
}
