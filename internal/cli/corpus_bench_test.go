package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/dedupe"
)

// BenchmarkCorpusState measures what --across and --boilerplate keep for
// each distinct paragraph: heap bytes in memory (the corpus table, with
// each input's signed keys) and bytes in the --state file, reported as
// B/paragraph metrics.
func BenchmarkCorpusState(b *testing.B) {
	const paragraphs, perDoc = 1 << 20, 20
	sigs := make([]corpus.Signature, perDoc)
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		c := &corpusTable{entries: make(map[dedupe.Key]corpusEntry), signed: make(map[int][]dedupe.Key)}
		for seq := range paragraphs / perDoc {
			doc := corpus.Doc{Seq: int64(seq), Name: "crawl/0000/00000.txt"}
			for k := range sigs {
				n := uint64(seq*perDoc + k)
				sigs[k] = corpus.Signature{Key: dedupe.Key{n * 0x9e3779b97f4a7c15, n}, Doc: doc, Lines: dedupe.LineRange{First: k + 1, Last: k + 1}}
			}
			c.add(doc, sigs)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		path := filepath.Join(b.TempDir(), "state")
		if err := c.saveState(path); err != nil {
			b.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/paragraphs, "heap-B/paragraph")
		b.ReportMetric(float64(info.Size())/paragraphs, "state-B/paragraph")
		runtime.KeepAlive(c)
	}
}
