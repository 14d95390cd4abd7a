package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/textclean/textclean/internal/damage"
	"github.com/textclean/textclean/internal/report"
	"github.com/textclean/textclean/internal/udiff"
)

// damagedTree writes seeds damaged versions of each article of
// testdata/articles into a new folder, in both paragraph styles, and
// returns the folder and the files' paths in lexical order. Files ending
// in .lines.txt have one paragraph per line and no blank line.
func damagedTree(t *testing.T, seeds int) (string, []string) {
	t.Helper()
	versions, err := damage.Articles("../../testdata/articles/*.txt", seeds, 11)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var files []string
	for _, d := range versions {
		base := strings.TrimSuffix(filepath.Base(d.Article), ".txt")
		for _, v := range []struct{ style, text string }{{"blocks", d.Blocks()}, {"lines", d.Lines()}} {
			path := filepath.Join(dir, fmt.Sprintf("%s-%02d.%s.txt", base, d.Seed, v.style))
			if err := os.WriteFile(path, []byte(v.text), 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, path)
		}
	}
	slices.Sort(files)
	return dir, files
}

// TestDamagedTree checks that damagedTree returns the files of its folder,
// in lexical order, as its callers expect.
func TestDamagedTree(t *testing.T) {
	dir, files := damagedTree(t, 2)
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range entries {
		want = append(want, filepath.Join(dir, e.Name()))
	}
	if !slices.Equal(files, want) {
		t.Errorf("damagedTree returned\n%s\nwant the folder's files in lexical order:\n%s", strings.Join(files, "\n"), strings.Join(want, "\n"))
	}
}

// TestDamagedArticlesDiffAndReport cleans damaged real articles and checks,
// for each, that the diff -d prints applies with patch to give exactly the
// clean text, that the report's counts add up (paragraphs in = out + every
// removal it counts) and match the lines the diff removes (one paragraph
// per line), and that every kept copy's output line is in the output.
func TestDamagedArticlesDiffAndReport(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("no patch program (.ci/run installs it)")
	}
	seeds := 6
	if testing.Short() {
		seeds = 2
	}
	dir, files := damagedTree(t, seeds)
	changed := 0
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			clean, stderr, code := run(t, "", path)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			rep := filepath.Join(dir, "report.json")
			diff, stderr, code := run(t, "", "-d", "--report", rep, path)
			if code != ExitChanged && code != ExitOK {
				t.Fatalf("-d: exit %d: %s", code, stderr)
			}
			if code == ExitChanged {
				changed++
			}

			// The diff applies to give the clean text.
			out := filepath.Join(dir, "patched")
			cmd := exec.Command(patch, "-s", "-o", out, path)
			cmd.Stdin = strings.NewReader(diff)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("patch: %v\n%s\ndiff:\n%s", err, b, diff)
			}
			if b, _ := os.ReadFile(out); string(b) != clean {
				t.Errorf("patched input differs from the clean text")
			}

			b, err := os.ReadFile(rep)
			if err != nil {
				t.Fatal(err)
			}
			var r report.Report
			if err := json.Unmarshal(b, &r); err != nil {
				t.Fatal(err)
			}
			rm := r.Removed
			if n := rm.Paragraphs + rm.Emptied + rm.Across + rm.Boilerplate + rm.Junk + rm.Near + rm.Teasers; r.ParagraphsIn-r.ParagraphsOut != n {
				t.Errorf("report: %d paragraphs in, %d out, but %d removed (%+v)", r.ParagraphsIn, r.ParagraphsOut, n, rm)
			}
			counted := countChanges(r.Changes)
			counted.Emptied = rm.Emptied // emptied paragraphs are reported as their sentences
			if counted != rm {
				t.Errorf("report: removed %+v, but its changes count %+v", rm, counted)
			}
			if strings.HasSuffix(path, ".lines.txt") {
				minus, plus := diffLines(diff)
				if minus-plus != r.ParagraphsIn-r.ParagraphsOut {
					t.Errorf("the diff removes %d lines and adds %d, but the report removes %d paragraphs", minus, plus, r.ParagraphsIn-r.ParagraphsOut)
				}
			}
			outLines := strings.Count(clean, "\n")
			for _, c := range r.Changes {
				for _, place := range []*report.Place{c.Kept, c.Before} {
					if place != nil && place.OutputLine > outLines {
						t.Errorf("%s at lines %v: kept output line %d of %d", c.Kind, c.Lines, place.OutputLine, outLines)
					}
				}
				if c.OutputLine > outLines {
					t.Errorf("%s at lines %v: output line %d of %d", c.Kind, c.Lines, c.OutputLine, outLines)
				}
			}
		})
	}
	if changed < len(files)/2 {
		t.Errorf("only %d of %d damaged files changed: the damage does too little to test", changed, len(files))
	}
}

// countChanges counts a report's changes as its removed object does: a
// run's parts by their own kind.
func countChanges(changes []report.Change) report.Removed {
	var n report.Removed
	for _, c := range changes {
		switch c.Kind {
		case "run":
			n.Runs++
			parts := countChanges(c.Parts)
			n.Paragraphs += parts.Paragraphs
			n.Near += parts.Near
			n.Teasers += parts.Teasers
		case "paragraph":
			n.Paragraphs++
		case "sentence":
			n.Sentences++
		case "across":
			n.Across++
		case "boilerplate":
			n.Boilerplate++
		case "junk":
			n.Junk++
		case "near":
			n.Near++
		case "teaser":
			n.Teasers++
		}
	}
	return n
}

// diffLines counts the lines a unified diff removes and adds. Each hunk
// ends where its header's line counts say; what comes between hunks is
// headers, whatever it starts with.
func diffLines(diff string) (minus, plus int) {
	var old, new int // the lines of each side still to come in the hunk
	for line := range strings.Lines(diff) {
		switch {
		case old == 0 && new == 0:
			if a, b, ok := hunkCounts(line); ok {
				old, new = a, b
			}
		case strings.HasPrefix(line, "-"):
			minus++
			old--
		case strings.HasPrefix(line, "+"):
			plus++
			new--
		case strings.HasPrefix(line, " "):
			old--
			new--
		}
	}
	return minus, plus
}

// hunkCounts reads the line counts of each side from a hunk header,
// "@@ -a,b +c,d @@", where a count left out is 1.
func hunkCounts(line string) (old, new int, ok bool) {
	f := strings.Fields(line)
	if len(f) < 4 || f[0] != "@@" || f[3] != "@@" {
		return 0, 0, false
	}
	side := func(r, sign string) (int, bool) {
		r, ok := strings.CutPrefix(r, sign)
		if !ok {
			return 0, false
		}
		_, n, ok := strings.Cut(r, ",")
		if !ok {
			return 1, true
		}
		c, err := strconv.Atoi(n)
		return c, err == nil
	}
	old, okOld := side(f[1], "-")
	new, okNew := side(f[2], "+")
	return old, new, okOld && okNew
}

// TestDiffLines checks diffLines on diffs whose lines look like headers.
func TestDiffLines(t *testing.T) {
	tests := []struct {
		name, old, new string
		minus, plus    int
	}{
		{"a removed line", "a\nb\n", "a\n", 1, 0},
		{"a removed paragraph that starts with --", "-- signed, the editor\nkeep\n", "keep\n", 1, 0},
		{"an added line that starts with ++", "keep\n", "keep\n++ more\n", 0, 1},
		{"a changed line", "a\n-- b\nc\n", "a\n++ b\nc\n", 1, 1},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\n-- 2\n3\n4\n5\n6\n7\n8\n9\n", 2, 1},
	}
	for _, tc := range tests {
		var d bytes.Buffer
		if err := udiff.Write(&d, "a", "b", tc.old, tc.new); err != nil {
			t.Fatal(err)
		}
		// Two files' diffs, one after the other, count twice.
		if minus, plus := diffLines(d.String() + d.String()); minus != 2*tc.minus || plus != 2*tc.plus {
			t.Errorf("%s: -%d +%d, want -%d +%d in\n%s", tc.name, minus, plus, 2*tc.minus, 2*tc.plus, d.String())
		}
	}
}

// seconds matches the run time in a report's summary, the one thing that
// differs between two runs.
var seconds = regexp.MustCompile(`"seconds":[0-9.e+-]+`)

// TestDamagedArticlesAnyJobs cleans a folder of damaged articles with -j 1
// and -j 2 (and, without -short, -j 8) and checks that the clean texts, the
// diffs, the lists and the reports are byte for byte the same.
func TestDamagedArticlesAnyJobs(t *testing.T) {
	seeds, jobs := 4, []string{"2", "8"}
	if testing.Short() {
		seeds, jobs = 1, []string{"2"}
	}
	dir, _ := damagedTree(t, seeds)
	outputs := func(j string) (text, diff, list, rep string) {
		rfile := filepath.Join(t.TempDir(), "report.jsonl")
		var code int
		text, _, code = run(t, "", "-q", "-j", j, "--report", rfile, dir)
		if code != ExitOK {
			t.Fatalf("-j %s: exit %d", j, code)
		}
		diff, _, _ = run(t, "", "-q", "-d", "-j", j, dir)
		list, _, _ = run(t, "", "-q", "-l", "-j", j, dir)
		b, err := os.ReadFile(rfile)
		if err != nil {
			t.Fatal(err)
		}
		return text, diff, list, seconds.ReplaceAllString(string(b), `"seconds":0`)
	}
	text1, diff1, list1, rep1 := outputs("1")
	if text1 == "" || diff1 == "" || list1 == "" || !bytes.Contains([]byte(rep1), []byte(`"summary"`)) {
		t.Fatal("-j 1 gave an empty output, diff, list or report")
	}
	for _, j := range jobs {
		text, diff, list, rep := outputs(j)
		for _, o := range []struct{ name, one, n string }{
			{"clean text", text1, text}, {"diff", diff1, diff}, {"list", list1, list}, {"report", rep1, rep},
		} {
			if o.one != o.n {
				t.Errorf("-j %s: the %s differs from -j 1's (%d bytes, %d bytes)", j, o.name, len(o.n), len(o.one))
			}
		}
	}
}
