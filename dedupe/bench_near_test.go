package dedupe_test

import (
	"testing"

	"github.com/textclean/textclean/dedupe"
)

// BenchmarkCleanExact is BenchmarkClean with near-duplicate and teaser
// matching off, to show what they cost.
func BenchmarkCleanExact(b *testing.B) {
	in := benchInput(b)
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := dedupe.Clean(in, dedupe.Options{Similarity: -1}); err != nil {
			b.Fatal(err)
		}
	}
}
