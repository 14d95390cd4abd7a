package corpus_test

import (
	"testing"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/benchgen"
)

// BenchmarkApplyNoVerdicts cleans 1 MB of generated articles with Apply
// and no verdicts, as most documents of a crawl are applied, with Kept's
// keys skipped: what asking about each paragraph costs, if Apply asks.
func BenchmarkApplyNoVerdicts(b *testing.B) {
	text := benchgen.New(1).Stream(1 << 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := corpus.Apply(text, dedupe.Options{SkipKeys: true}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
