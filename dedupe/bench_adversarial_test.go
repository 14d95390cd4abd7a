package dedupe_test

import (
	"fmt"
	"io"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/benchgen"
	"github.com/textclean/textclean/internal/report"
	"github.com/textclean/textclean/internal/udiff"
	"github.com/textclean/textclean/normalize"
)

// adversarial are inputs shaped to find costs that grow faster than the
// input, each made at any size.
var adversarial = []struct {
	name string
	make func(size int) string
}{
	// Generated articles, for comparison.
	{"articles", func(size int) string { return benchgen.New(1).Stream(size) }},
	// One paragraph of many sentences, on one line.
	{"huge-paragraph", func(size int) string {
		return strings.ReplaceAll(benchgen.New(1).Stream(size), "\n", " ") + "\n"
	}},
	// Paragraphs of a few bytes, all different: at 10 MB, 1.2 million.
	{"tiny-paragraphs", func(size int) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			b.WriteString("p" + strconv.Itoa(i) + "\n")
		}
		return b.String()
	}},
	// One paragraph over and over: at 10 MB, about a million times.
	{"repeated-paragraph", func(size int) string {
		return strings.Repeat("The same line, once more.\n", size/26)
	}},
	// Tiny paragraphs, all different, then all of them again: one
	// repeated run of half the input, removed paragraph by paragraph (at
	// 10 MB, 600,000 of them).
	{"tiny-repeated", func(size int) string {
		var b strings.Builder
		for i := 0; b.Len() < size/2; i++ {
			b.WriteString("p" + strconv.Itoa(i) + "\n")
		}
		return strings.Repeat(b.String(), 2)
	}},
	// One paragraph long enough to count as a repeat, over and over: every
	// copy but the first is removed (at 10 MB, 190,000).
	{"repeated-long-paragraph", func(size int) string {
		return strings.Repeat("The same paragraph, long enough to be removed.\n", size/47)
	}},
	// Different paragraphs that all end with the same long sentence: it is
	// cut from every paragraph but the first.
	{"repeated-sentence", func(size int) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			b.WriteString("Paragraph " + strconv.Itoa(i) + " begins here. This sentence is the same in every paragraph.\n")
		}
		return b.String()
	}},
	// Teasers: the first words of each generated paragraph, cut off with
	// "…"; the full text of one in ten follows its teaser ten paragraphs
	// later and takes its place, the others stay.
	{"many-teasers", func(size int) string {
		var b strings.Builder
		var full []string
		for g := benchgen.New(1); b.Len() < size; {
			for line := range strings.Lines(g.Article()) {
				if words := strings.Fields(line); len(words) >= 14 && b.Len() < size {
					b.WriteString(strings.Join(words[:12], " ") + " …\n")
					if len(full)%10 == 0 {
						full = append(full, line)
					} else {
						full = append(full, "")
					}
					if len(full) >= 10 {
						b.WriteString(full[len(full)-10])
					}
				}
			}
		}
		return b.String()
	}},
	// Paragraphs that all begin alike, then teasers that begin the same way
	// but cut off none of them: each teaser is checked against the
	// paragraphs that share its first words.
	{"shared-starts", func(size int) string {
		var full, teasers strings.Builder
		for g := benchgen.New(1); full.Len()+teasers.Len() < size; {
			for line := range strings.Lines(g.Article()) {
				if words := strings.Fields(line); len(words) >= 16 {
					full.WriteString("Breaking news from the city: " + strings.Join(words[:14], " ") + "\n")
					teasers.WriteString("Breaking news from the city: " + strings.Join(words[8:16], " ") + " …\n")
				}
			}
		}
		return full.String() + teasers.String()
	}},
	// One sentence: words and no sentence end, hard-wrapped into lines of
	// one block.
	{"one-sentence", func(size int) string {
		words := strings.Fields(strings.NewReplacer(".", "", ",", "").Replace(benchgen.New(1).Stream(size)))
		var b strings.Builder
		line := 0
		for _, w := range words {
			if line > 70 {
				b.WriteByte('\n')
				line = 0
			} else if line > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			line += len(w) + 1
		}
		b.WriteByte('\n')
		return b.String()
	}},
}

// BenchmarkAdversarial runs each stage of textclean (normalize, clean,
// diff, report) on each adversarial input at 1 MB and 10 MB: cost must
// grow linearly, so the MB/s of the two sizes should match (10x the input
// in at most 11x the time). It also reports cpu-ns/op, the CPU time of
// the process (garbage collection included) per run: on a loaded machine
// it moves much less than the time on the clock.
//
// The diff and report stages report out-B/op, the bytes they write: what
// they do grows with their output, which can grow faster than the input
// (a larger generated input finds more repeats a byte: shared-starts'
// report writes 11.6x the JSON at 10 MB, its time per byte written flat
// at 5.7-5.9 ns from 1 to 16 MB), so bench/adversarial-cpu.sh prints the
// output's ratio beside the time's.
//
// It reports too faults/op, the page faults of the process per run, and
// gcs/op, the garbage collections completed per run. Neither follows the
// stage's work: the runtime hands memory it freed back to the system and
// takes a later big allocation from it again, the first runs of a process
// grow its heap, and whether a collection falls into a few runs depends
// on how each run's allocation lines up with the heap's goal. A 10 MB run
// that takes more than 10x the 1 MB run's time while it pays more faults
// or collections a byte measures the benchmark's memory, not the stage.
//
// TEXTCLEAN_ADVERSARIAL_MB=1,2,4,8,16 runs other sizes (in MB): where 10x
// takes more than 11x, the ratios of the doublings tell a cost that keeps
// growing from one that steps up once, as the working set leaves the
// processor's caches.
func BenchmarkAdversarial(b *testing.B) {
	sizes := []int{1, 10}
	if list := os.Getenv("TEXTCLEAN_ADVERSARIAL_MB"); list != "" {
		sizes = nil
		for f := range strings.SplitSeq(list, ",") {
			mb, err := strconv.Atoi(f)
			if err != nil || mb <= 0 {
				b.Fatalf("TEXTCLEAN_ADVERSARIAL_MB=%s: want sizes in MB, such as 1,2,4", list)
			}
			sizes = append(sizes, mb)
		}
	}
	for _, in := range adversarial {
		for _, mb := range sizes {
			size := mb << 20
			// The input is made inside the sub-benchmark, so that -bench
			// picking some inputs does not make the others.
			b.Run(fmt.Sprintf("%s/%dMB", in.name, mb), func(b *testing.B) {
				input := in.make(size)
				// The diff and report stages need the cleaned text; it is
				// made only when one of them runs, so that a run of the
				// other stages alone (under callgrind, say) does not pay
				// for a Clean it does not time.
				cleaned := sync.OnceValues(func() (*dedupe.Result, error) { return dedupe.Clean(input, dedupe.Options{}) })
				var res *dedupe.Result
				for _, stage := range []struct {
					name string
					run  func(w io.Writer) error // w: where diff and report write
				}{
					{"normalize", func(io.Writer) error { _, err := normalize.New(normalize.Options{}).Document(input); return err }},
					{"clean", func(io.Writer) error { _, err := dedupe.Clean(input, dedupe.Options{}); return err }},
					{"diff", func(w io.Writer) error { return udiff.Write(w, "a", "b", input, res.Text) }},
					{"report", func(w io.Writer) error { return report.New("a", input, res).Write(w) }},
				} {
					b.Run(stage.name, func(b *testing.B) {
						b.SetBytes(int64(len(input)))
						b.ReportAllocs()
						var written countingWriter
						if stage.name == "diff" || stage.name == "report" {
							var err error
							if res, err = cleaned(); err != nil {
								b.Fatal(err)
							}
							// One run, not timed, for out-B/op. Its
							// garbage is left to the collector: a
							// runtime.GC here shrank the heap's goal,
							// and the timed runs paid more collections,
							// the 2 of a 10 MB sample more than the 20
							// of a 1 MB one (3 rounds, load 1.4-2.7:
							// articles/report 9.5x without, 17.1x with;
							// huge-paragraph/report 9.2x, 14.0x).
							if err := stage.run(&written); err != nil {
								b.Fatal(err)
							}
						}
						cpu, faults, gcs := processCPU(), pageFaults(), gcCycles()
						for b.Loop() {
							if err := stage.run(io.Discard); err != nil {
								b.Fatal(err)
							}
						}
						if written > 0 {
							b.ReportMetric(float64(written), "out-B/op")
						}
						if cpu := processCPU() - cpu; cpu > 0 {
							b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
						}
						if faults >= 0 {
							b.ReportMetric(float64(pageFaults()-faults)/float64(b.N), "faults/op")
						}
						b.ReportMetric(float64(gcCycles()-gcs)/float64(b.N), "gcs/op")
					})
				}
			})
		}
	}
}

// gcCycles returns how many garbage collections the process has completed.
func gcCycles() uint64 {
	sample := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// countingWriter counts the bytes written to it, and keeps none.
type countingWriter int64

// Write counts p's bytes.
func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
