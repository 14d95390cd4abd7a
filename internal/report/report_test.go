package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/report"
	"github.com/textclean/textclean/normalize"
)

func TestReportOfSeedArticle(t *testing.T) {
	data, err := os.ReadFile("../../testdata/000_2c2adb0dfae1852d.txt")
	if err != nil {
		t.Fatal(err)
	}
	input := string(data)
	r, err := dedupe.Clean(input, dedupe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.New("seed.txt", input, r).Write(&buf); err != nil {
		t.Fatal(err)
	}
	if bytes.Count(buf.Bytes(), []byte("\n")) != 1 {
		t.Errorf("report is not one line:\n%s", buf.String())
	}
	var got report.Report
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Input != "seed.txt" || got.BytesIn != len(input) || got.BytesOut != len(r.Text) ||
		got.Style != "lines" || got.ParagraphsIn != 37 || got.ParagraphsOut != 21 {
		t.Errorf("header = %+v", got)
	}
	if len(got.Normalized) != len(normalize.Rules()) {
		t.Errorf("normalized lists %d rules, want all %d", len(got.Normalized), len(normalize.Rules()))
	}
	if got.Removed != (report.Removed{Runs: 2, Paragraphs: 16}) || got.Moved != 2 {
		t.Errorf("removed %+v, moved %d", got.Removed, got.Moved)
	}
	// The counts add up: paragraphs in = out + removed + emptied (moves are kept).
	if got.ParagraphsIn != got.ParagraphsOut+got.Removed.Paragraphs+got.Removed.Emptied {
		t.Errorf("%d in ≠ %d out + %d removed", got.ParagraphsIn, got.ParagraphsOut, got.Removed.Paragraphs)
	}
	out := strings.Split(r.Text, "\n")
	inLines := strings.Split(input, "\n")
	for _, c := range got.Changes {
		for _, p := range append([]report.Change{c}, c.Parts...) {
			if p.Kind == "run" {
				continue
			}
			text := input[p.Span[0]:p.Span[1]]
			if text != strings.Join(inLines[p.Lines[0]-1:p.Lines[1]], "\n") {
				t.Errorf("%s: span %v and lines %v disagree", p.Kind, p.Span, p.Lines)
			}
			switch p.Kind {
			case "paragraph":
				if kept := out[p.Kept.OutputLine-1]; kept != text {
					t.Errorf("paragraph at line %d: output line %d is %q, want its kept copy %q", p.Lines[0], p.Kept.OutputLine, kept, text)
				}
				if kept := inLines[p.Kept.Lines[0]-1]; kept != text {
					t.Errorf("paragraph at line %d: kept input line %d is %q", p.Lines[0], p.Kept.Lines[0], kept)
				}
			case "move":
				if moved := out[p.OutputLine-1]; moved != text {
					t.Errorf("move: output line %d is %q, want %q", p.OutputLine, moved, text)
				}
				if next := out[p.OutputLine]; next != inLines[p.Before.Lines[0]-1] {
					t.Errorf("move: the output line after it is %q, want input line %d", next, p.Before.Lines[0])
				}
			}
		}
	}
}

// TestRunPartsCountByKind checks that a run holding a near-duplicate counts
// it as near, not as a repeated paragraph: each count is the number of its
// changes.
func TestRunPartsCountByKind(t *testing.T) {
	input := "The council voted on Tuesday to close the old bridge to all traffic for the winter.\n" +
		"Engineers found deep cracks in two of its four steel supports during a routine inspection last month, and repairs will take until spring, officials said.\n" +
		"The council voted on Tuesday to close the old bridge to all traffic for the winter.\n" +
		"Engineers found deep cracks in two of its four steel supports during a routine inspection last month, and repairs will take until spring, officials say.\n"
	r, err := dedupe.Clean(input, dedupe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := report.New("in.txt", input, r)
	if len(rep.Changes) != 1 || rep.Changes[0].Kind != "run" || len(rep.Changes[0].Parts) != 2 {
		t.Fatalf("want one run of two parts, got %+v", rep.Changes)
	}
	if got, want := rep.Removed, (report.Removed{Runs: 1, Paragraphs: 1, Near: 1}); got != want {
		t.Errorf("removed = %+v, want %+v", got, want)
	}
	if in, out := rep.ParagraphsIn, rep.ParagraphsOut; in != out+rep.Removed.Paragraphs+rep.Removed.Near {
		t.Errorf("paragraphs %d in, %d out, do not add up with %+v", in, out, rep.Removed)
	}
}

// TestRunParts checks the parts of a run of many, which change fills
// in place (see change): one part for each of the run's, in order, and no
// "parts" key for a change without them.
func TestRunParts(t *testing.T) {
	var b strings.Builder
	for i := range 100 {
		fmt.Fprintf(&b, "Paragraph number %d of the first half, long enough to count as a repeat.\n", i)
	}
	input := b.String() + b.String()
	r, err := dedupe.Clean(input, dedupe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Changes) != 1 || r.Changes[0].Kind != dedupe.Run || len(r.Changes[0].Parts) != 100 {
		t.Fatalf("want one run of 100 parts, got %d changes", len(r.Changes))
	}
	rep := report.New("in.txt", input, r)
	run := rep.Changes[0]
	if len(run.Parts) != 100 {
		t.Fatalf("the run has %d parts, want 100", len(run.Parts))
	}
	for i, p := range run.Parts {
		want := r.Changes[0].Parts[i]
		if p.Kind != "paragraph" || p.Lines != [2]int{want.Lines.First, want.Lines.Last} || p.Span != [2]int{want.Span.Start, want.Span.End} ||
			p.Kept == nil || p.Kept.Lines != [2]int{i + 1, i + 1} || len(p.Parts) != 0 {
			t.Errorf("part %d = %+v, want the paragraph at lines %v kept at line %d", i, p, want.Lines, i+1)
		}
	}
	var buf bytes.Buffer
	if err := rep.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), `"parts":`); n != 1 {
		t.Errorf(`the report has %d "parts" keys, want the run's alone`, n)
	}
}
