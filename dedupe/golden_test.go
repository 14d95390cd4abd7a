package dedupe_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/textclean/textclean/dedupe"
)

var update = flag.Bool("update", false, "rewrite the golden files in ../testdata/golden")

// goldenPairs returns the (input, golden) file pairs: the seed article with
// its reviewed clean version, and every testdata/golden/NAME.txt with
// NAME.golden.
func goldenPairs(t *testing.T) [][2]string {
	pairs := [][2]string{{"../testdata/000_2c2adb0dfae1852d.txt", "../testdata/000_2c2adb0dfae1852d.clean.txt"}}
	inputs, err := filepath.Glob("../testdata/golden/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		pairs = append(pairs, [2]string{in, strings.TrimSuffix(in, ".txt") + ".golden"})
	}
	return pairs
}

// TestGolden cleans whole articles and compares them with reviewed golden
// files, then cleans each golden file to check that clean text stays as it
// is.
func TestGolden(t *testing.T) {
	for _, pair := range goldenPairs(t) {
		in, golden := pair[0], pair[1]
		t.Run(filepath.Base(in), func(t *testing.T) {
			input, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			r, err := dedupe.Clean(string(input), dedupe.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if *update && !strings.HasSuffix(golden, ".clean.txt") {
				if err := os.WriteFile(golden, []byte(r.Text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if r.Text != string(want) {
				t.Errorf("cleaning %s does not give %s:\n%s", in, golden, r.Text)
			}
			again, err := dedupe.Clean(string(want), dedupe.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if again.Text != string(want) || len(again.Changes) != 0 {
				t.Errorf("cleaning %s again changes it (%d changes):\n%s", golden, len(again.Changes), again.Text)
			}
		})
	}
}

// TestSeedReport checks the report of the seed article: two repeated runs,
// each with the subheading moved into the kept copy.
func TestSeedReport(t *testing.T) {
	input, err := os.ReadFile("../testdata/000_2c2adb0dfae1852d.txt")
	if err != nil {
		t.Fatal(err)
	}
	r, err := dedupe.Clean(string(input), dedupe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"run 8-13 kept 3-7 @3",
		"move 11-11 kept 6-6 @6",
		"run 26-37 kept 15-25 @10",
		"move 29-29 kept 18-18 @13",
	}
	if got := summary(r.Changes); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.ParagraphsIn != 37 || r.ParagraphsOut != 21 || r.Style != dedupe.Lines {
		t.Errorf("paragraphs %d → %d in style %s, want 37 → 21 in lines", r.ParagraphsIn, r.ParagraphsOut, r.Style)
	}
	for _, c := range r.Changes {
		if c.Kind == dedupe.Move && string(input[c.Span.Start:c.Span.End]) != c.Text {
			t.Errorf("move span %v holds %q, want %q", c.Span, input[c.Span.Start:c.Span.End], c.Text)
		}
	}
	checkResult(t, string(input), dedupe.Options{}, r)
}
