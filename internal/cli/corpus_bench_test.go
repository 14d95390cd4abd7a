package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/dedupe"
)

// BenchmarkCorpusState measures what --across and --boilerplate keep for
// each distinct paragraph: heap bytes in memory (the corpus table, with
// each input's numbers and name, and the repeats) and bytes in the
// --state file, reported as B/paragraph metrics, for 2^20 signatures of
// 20 per input, inputs named by 20-byte paths. In "distinct" every
// signature is of a paragraph of its own; in "repeats" 8 of each input's
// 20 are of paragraphs an earlier input keeps (1.67 signatures a distinct
// paragraph, about the 1.6 of corpustest's crawl).
func BenchmarkCorpusState(b *testing.B) {
	for _, bc := range []struct {
		name    string
		repeats int // of each input's signatures
	}{{"distinct", 0}, {"repeats", 8}} {
		b.Run(bc.name, func(b *testing.B) { benchmarkCorpusState(b, bc.repeats) })
	}
}

// benchCorpus adds signatures to c, perDoc an input, of which repeats an
// input are of paragraphs an earlier input keeps, and returns the number
// of distinct paragraphs.
func benchCorpus(c *corpusTable, signatures, perDoc, repeats int) int {
	keyOf := func(n uint64) dedupe.Key { return dedupe.Key{n * 0x9e3779b97f4a7c15, n} }
	sigs := make([]corpus.Signature, perDoc)
	distinct := uint64(0)
	for seq := range signatures / perDoc {
		doc := corpus.Doc{Seq: int64(seq), Name: fmt.Sprintf("crawl/%04d/%05d.txt", seq/10000, seq%10000)}
		for k := range sigs {
			n := distinct
			if k < repeats && seq > 0 {
				n = uint64(seq)*0x9e3779b97f4a7c15%(distinct-uint64(repeats)) + uint64(k) // an earlier input's
			} else {
				distinct++
			}
			sigs[k] = corpus.Signature{Key: keyOf(n), Doc: doc, Lines: dedupe.LineRange{First: 2*k + 1, Last: 2*k + 1}}
		}
		c.add(doc, sigs)
	}
	return int(distinct)
}

func benchmarkCorpusState(b *testing.B, repeats int) {
	const signatures, perDoc = 1 << 20, 20
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		c := newCorpusTable(corpus.Policy{Across: true}, 0)
		distinct := benchCorpus(c, signatures, perDoc, repeats)
		runtime.GC()
		runtime.ReadMemStats(&after)
		path := filepath.Join(b.TempDir(), "state")
		if err := c.saveState(path, startDescriptors{}); err != nil {
			b.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(distinct), "heap-B/paragraph")
		b.ReportMetric(float64(info.Size())/float64(distinct), "state-B/paragraph")
		runtime.KeepAlive(c)
	}
}

// BenchmarkCorpusRemovals times the second pass's questions to the
// table: the removals of each of 13,107 inputs of 20 signatures, 8 of
// them of paragraphs an earlier input keeps (so 8 verdicts an input).
func BenchmarkCorpusRemovals(b *testing.B) {
	const signatures, perDoc = 1 << 18, 20
	c := newCorpusTable(corpus.Policy{Across: true, Boilerplate: 50}, 0)
	benchCorpus(c, signatures, perDoc, 8)
	for b.Loop() {
		for seq := range signatures / perDoc {
			c.removals(int64(seq))
		}
	}
}
