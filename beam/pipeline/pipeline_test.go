package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/textclean/textclean/corpus/corpustest"
)

// textclean builds the textclean command of the main module.
func textclean(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "textclean")
	build := exec.Command("go", "build", "-o", bin, "./cmd/textclean")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build textclean: %v\n%s", err, out)
	}
	return bin
}

// run runs the command and returns its standard output.
func run(t *testing.T, stdin string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// TestEquivalence: on a corpus of a few thousand damaged articles in three
// files, the Beam pipeline on Prism, textclean --across --boilerplate, and
// textclean sign | sort | select | apply give the same output and report,
// byte for byte.
func TestEquivalence(t *testing.T) {
	start := time.Now()
	dir := t.TempDir()
	records := corpustest.Records(3000, 3)
	var inputs []string
	for i, chunk := range [][]string{records[:1200], records[1200:1201], records[1201:]} {
		name := filepath.Join(dir, fmt.Sprintf("part-%d.jsonl", i))
		if err := os.WriteFile(name, []byte(strings.Join(chunk, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, name)
	}
	policy := []string{"--across", "--boilerplate", "50"}
	bin := textclean(t)

	report := filepath.Join(dir, "local.report.jsonl")
	local := run(t, "", bin, slices.Concat([]string{"--jsonl", "--report", report}, policy, inputs)...)
	localReport, _ := os.ReadFile(report)
	for _, kind := range []string{"across", "boilerplate"} {
		if !bytes.Contains(localReport, []byte(`"kind":"`+kind+`"`)) {
			t.Fatalf("no %s change in the report: the corpus tests nothing", kind)
		}
	}

	sigs := strings.SplitAfter(run(t, "", bin, slices.Concat([]string{"sign", "--jsonl"}, inputs)...), "\n")
	slices.Sort(sigs) // LC_ALL=C sort
	verdicts := filepath.Join(dir, "verdicts.tsv")
	os.WriteFile(verdicts, []byte(run(t, strings.Join(sigs, ""), bin, slices.Concat([]string{"select"}, policy)...)), 0o644)
	phasedReport := filepath.Join(dir, "phased.report.jsonl")
	phased := run(t, "", bin, slices.Concat([]string{"apply", "--jsonl", "--verdicts", verdicts, "--report", phasedReport}, inputs)...)
	if phased != local {
		t.Errorf("sign|select|apply output differs from --across --boilerplate")
	}
	if got, _ := os.ReadFile(phasedReport); !bytes.Equal(got, localReport) {
		t.Errorf("sign|select|apply report differs from --across --boilerplate")
	}
	t.Logf("local and phased runs: %v", time.Since(start))

	out := filepath.Join(dir, "beam")
	os.Mkdir(out, 0o755)
	cfg := DefaultConfig()
	cfg.Across, cfg.Boilerplate = true, 50
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, cfg, inputs, out); err != nil {
		t.Fatal(err)
	}
	beamStart := time.Now()
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatalf("prism: %v", err)
	}
	t.Logf("Beam on Prism: %v", time.Since(beamStart))
	var beamOut, beamReport []byte
	for _, in := range inputs {
		o, err := os.ReadFile(filepath.Join(out, filepath.Base(in)))
		if err != nil {
			t.Fatal(err)
		}
		r, err := os.ReadFile(filepath.Join(out, filepath.Base(in)+".report.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		beamOut, beamReport = append(beamOut, o...), append(beamReport, r...)
	}
	if string(beamOut) != local {
		t.Errorf("Beam output differs from --across --boilerplate: %d bytes, want %d", len(beamOut), len(local))
	}
	if !bytes.Equal(beamReport, localReport) {
		t.Errorf("Beam report differs from --across --boilerplate: %d bytes, want %d", len(beamReport), len(localReport))
	}
}

func TestBuildRefusesCollisions(t *testing.T) {
	_, s := beam.NewPipelineWithRoot()
	err := Build(s, DefaultConfig(), []string{"a/part.jsonl", "b/part.jsonl"}, "out")
	if err == nil || !strings.Contains(err.Error(), "a/part.jsonl and b/part.jsonl would both be written to out/part.jsonl") {
		t.Errorf("Build: %v, want a collision error", err)
	}
}

func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(m.Run())
}
