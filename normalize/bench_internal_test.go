package normalize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/textclean/textclean/internal/benchgen"
)

// BenchmarkMojibakeStage runs only the mojibake rule's own work
// (fixEncoding on every line that is not ASCII) over the clean articles of
// the corpus, or of testdata/clean without it. Compare its MB/s with
// BenchmarkMojibake/off, the whole of normalization without the rule: on
// a noisy machine the two minimums give the rule's cost more steadily
// than BenchmarkMojibake's on and off.
func BenchmarkMojibakeStage(b *testing.B) {
	var lines []string
	size := 0
	for _, dir := range []string{"../../shared/corpus/articles/scrapinghub-aeb", "../testdata/clean"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		if len(files) == 0 {
			continue
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			size += len(data) + 2
			lines = append(lines, strings.Split(string(data), "\n")...)
		}
		break
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, l := range lines {
			if !isASCII(l) && fixEncoding(l) != l {
				b.Fatalf("changed %q", l)
			}
		}
	}
}

// BenchmarkScan looks through 64 MB of generated articles as one chunk,
// as Document does before it splits the lines: for a NUL byte, a CR and
// the line ends. The text is far larger than the CPU's caches, so what
// the scan costs is mostly reading memory.
func BenchmarkScan(b *testing.B) {
	in := benchgen.New(1).Stream(64 << 20)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		ch := lineChunk{start: 0, end: len(in)}
		ch.scan(in, false)
	}
}
