package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/textclean/textclean/corpus/corpustest"
)

// runOK runs textclean with args and fails the test unless it exits 0.
func runOK(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Run(append([]string{"textclean"}, args...), strings.NewReader(stdin), &stdout, &stderr); code != ExitOK {
		t.Fatalf("textclean %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// sortLines sorts lines byte-wise, as LC_ALL=C sort does.
func sortLines(s string) string {
	lines := strings.SplitAfter(s, "\n")
	slices.Sort(lines)
	return strings.Join(lines, "")
}

// withoutSummary drops the summary line of a report: it holds the time.
func withoutSummary(report string) string {
	var keep []string
	for _, l := range strings.SplitAfter(report, "\n") {
		if !strings.HasPrefix(l, `{"summary":`) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}

// TestPhasesMatchAcross proves that sign | sort | select | apply gives,
// byte for byte, the output and report of one local --across
// --boilerplate run: on JSON Lines records spread over three files, and on
// a folder of text files.
func TestPhasesMatchAcross(t *testing.T) {
	dir := t.TempDir()
	records := corpustest.Records(1000, 1)
	var files []string
	for i, chunk := range [][]string{records[:400], records[400:401], records[401:]} {
		name := filepath.Join(dir, fmt.Sprintf("part-%d.jsonl", i))
		if err := os.WriteFile(name, []byte(strings.Join(chunk, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	tree := filepath.Join(dir, "tree")
	for i, rec := range records[:300] {
		text := rec[strings.Index(rec, `"text":`):] // the text field, for a plain file
		name := filepath.Join(tree, fmt.Sprintf("%02d", i%7), fmt.Sprintf("%04d.txt", i))
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(strings.ReplaceAll(text, `\n`, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name   string
		inputs []string
		flags  []string // both runs' cleaning flags
		policy []string
	}{
		{"jsonl", files, []string{"--jsonl"}, []string{"--across", "--boilerplate", "40"}},
		{"jsonl across only", files, []string{"--jsonl", "--min-length", "0"}, []string{"--across"}},
		{"jsonl boilerplate only", files, []string{"--jsonl", "--no-near"}, []string{"--boilerplate", "2"}},
		{"files", []string{tree}, []string{"-q"}, []string{"--across", "--boilerplate", "10"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			localReport, phasedReport := filepath.Join(out, "local.jsonl"), filepath.Join(out, "phased.jsonl")
			local := runOK(t, "", slices.Concat(tc.flags, tc.policy, []string{"--report", localReport}, tc.inputs)...)

			sigs := runOK(t, "", slices.Concat([]string{"sign"}, tc.flags, tc.inputs)...)
			verdicts := runOK(t, sortLines(sigs), slices.Concat([]string{"select"}, tc.policy)...)
			if verdicts == "" {
				t.Fatal("select ruled nothing out: the corpus tests nothing")
			}
			vfile := filepath.Join(out, "verdicts.tsv")
			os.WriteFile(vfile, []byte(verdicts), 0o644)
			phased := runOK(t, "", slices.Concat([]string{"apply", "--verdicts", vfile}, tc.flags, []string{"--report", phasedReport}, tc.inputs)...)

			if local != phased {
				t.Errorf("outputs differ: local %d bytes, phases %d bytes", len(local), len(phased))
			}
			lr, _ := os.ReadFile(localReport)
			pr, _ := os.ReadFile(phasedReport)
			if withoutSummary(string(lr)) != withoutSummary(string(pr)) {
				t.Errorf("reports differ")
			}
			for _, kind := range strings.Fields("across boilerplate") {
				if slices.Contains(tc.policy, "--"+kind) && !strings.Contains(string(pr), `"kind":"`+kind+`"`) {
					t.Errorf("no %s change in the report: the corpus tests nothing", kind)
				}
			}
		})
	}
}

// TestSeqField: with --seq-field, documents are ordered by the field, not
// by their place, so shards signed apart (each numbering its lines from
// 0) still give the output of one local run.
func TestSeqField(t *testing.T) {
	dir := t.TempDir()
	records := corpustest.Records(400, 2)
	all := filepath.Join(dir, "all.jsonl")
	os.WriteFile(all, []byte(strings.Join(records, "\n")+"\n"), 0o644)
	local := runOK(t, "", "--jsonl", "--across", "--boilerplate", "20", all)

	var sigs strings.Builder
	for _, shard := range [][]string{records[:150], records[150:]} {
		sigs.WriteString(runOK(t, strings.Join(shard, "\n")+"\n", "sign", "--jsonl", "--seq-field", "seq"))
	}
	verdicts := runOK(t, sortLines(sigs.String()), "select", "--across", "--boilerplate", "20")
	vfile := filepath.Join(dir, "verdicts.tsv")
	os.WriteFile(vfile, []byte(verdicts), 0o644)
	var phased strings.Builder
	for _, shard := range [][]string{records[:150], records[150:]} {
		phased.WriteString(runOK(t, strings.Join(shard, "\n")+"\n", "apply", "--verdicts", vfile, "--jsonl", "--seq-field", "seq"))
	}
	if local != phased.String() {
		t.Errorf("outputs differ: local %d bytes, sharded phases %d bytes", len(local), phased.Len())
	}
	if !strings.Contains(verdicts, `"doc-`) {
		t.Errorf("verdicts do not name keepers by --id-field:\n%.300s", verdicts)
	}
}

// TestPhasesNumberRepeats names a file twice (a a b c) to sign, apply -w
// and a local -w run, of text files and of JSON Lines files: every name
// keeps its number, so apply gives each file its own verdicts, and the
// files end as the local run leaves them. apply -w left a repeated name
// out of the numbering that sign gave it: c got b's verdicts and lost
// nothing, and with JSON Lines every record after the repeat was
// shifted. A repeat signs nothing, so that under --boilerplate 2 a is not
// emptied by its paragraphs counted twice.
func TestPhasesNumberRepeats(t *testing.T) {
	const (
		p1     = "The first paragraph of a, long enough to count as a paragraph of its own."
		p2     = "The second paragraph of a, long enough to count as a paragraph of its own."
		shared = "A paragraph that b and c both have, long enough to count as one of their own."
		b1     = "The paragraph of b alone, long enough to count as a paragraph of its own."
		c1     = "The paragraph of c alone, long enough to count as a paragraph of its own."
	)
	texts := map[string][]string{"a": {p1, p2}, "b": {b1, shared}, "c": {shared, c1}}
	for _, jsonl := range []bool{false, true} {
		for _, policy := range [][]string{{"--across"}, {"--boilerplate", "2"}} {
			ext, flags := ".txt", []string{"-q"}
			if jsonl {
				ext, flags = ".jsonl", []string{"-q", "--jsonl"}
			}
			t.Run(fmt.Sprint(ext, policy), func(t *testing.T) {
				setup := func() []string {
					dir := t.TempDir()
					var names []string
					for _, n := range []string{"a", "a", "b", "c"} {
						name := filepath.Join(dir, n+ext)
						names = append(names, name)
						var data string
						if jsonl { // a record a paragraph
							for _, p := range texts[n] {
								data += `{"text":"` + p + `"}` + "\n"
							}
						} else {
							data = strings.Join(texts[n], "\n\n") + "\n"
						}
						os.WriteFile(name, []byte(data), 0o644)
					}
					return names
				}
				read := func(names []string) (files []string) {
					for _, name := range names {
						data, _ := os.ReadFile(name)
						files = append(files, string(data))
					}
					return files
				}
				names := setup()
				runOK(t, "", slices.Concat([]string{"-w"}, flags, policy, names)...)
				local := read(names)

				names = setup()
				sigs := runOK(t, "", slices.Concat([]string{"sign"}, flags, names)...)
				verdicts := runOK(t, sortLines(sigs), slices.Concat([]string{"select"}, policy)...)
				vfile := filepath.Join(t.TempDir(), "verdicts.tsv")
				os.WriteFile(vfile, []byte(verdicts), 0o644)
				runOK(t, "", slices.Concat([]string{"apply", "-w", "--verdicts", vfile}, flags, names)...)
				phased := read(names)

				if !slices.Equal(local, phased) {
					t.Errorf("the files differ:\nlocal  %q\nphased %q", local, phased)
				}
				// Printed, a repeat is cleaned as its first name.
				names = setup()
				printed := runOK(t, "", slices.Concat(flags, policy, names)...)
				if applied := runOK(t, "", slices.Concat([]string{"apply", "--verdicts", vfile}, flags, names)...); printed != applied {
					t.Errorf("printed, the outputs differ:\nlocal  %q\nphased %q", printed, applied)
				}
				if !strings.HasPrefix(printed, local[0]+local[0]) {
					t.Errorf("printed, the repeat is not as its first name: %q", printed)
				}
				for i, f := range phased {
					if i == 0 && (!strings.Contains(f, p1) || !strings.Contains(f, p2)) {
						t.Errorf("a lost a paragraph: %q", f)
					}
					if i == 3 && strings.Contains(f, shared) {
						t.Errorf("c kept the paragraph it shares with b: %q", f)
					}
				}
			})
		}
	}
}
