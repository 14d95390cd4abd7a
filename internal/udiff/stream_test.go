package udiff

import (
	"io"
	"math"
	"testing"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/benchgen"
)

// BenchmarkWriteStream diffs 20 MB of the stream bench/run.sh times
// (internal/benchgen) against what dedupe.Clean makes of it, the texts of
// textclean -d, on one goroutine and on GOMAXPROCS (from parallelBytes
// on, as Write does): with the clean text whole (Write), and as the
// lines dedupe.CleanLines gives (WriteLines), as textclean -d diffs it.
func BenchmarkWriteStream(b *testing.B) {
	old := benchgen.New(1).Stream(20 << 20)
	res, err := dedupe.Clean(old, dedupe.Options{})
	if err != nil {
		b.Fatal(err)
	}
	new := res.Text
	_, lines, end, err := dedupe.CleanLines(old, dedupe.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		bytes int
		write func() error
	}{
		{"one", math.MaxInt, func() error { return Write(io.Discard, "a", "b", old, new) }},
		{"all", parallelBytes, func() error { return Write(io.Discard, "a", "b", old, new) }},
		{"lines-one", math.MaxInt, func() error { return WriteLines(io.Discard, "a", "b", old, lines, end) }},
		{"lines-all", parallelBytes, func() error { return WriteLines(io.Discard, "a", "b", old, lines, end) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			defer func(n int) { parallelBytes = n }(parallelBytes)
			parallelBytes = bc.bytes
			b.SetBytes(int64(len(old) + len(new)))
			for b.Loop() {
				if err := bc.write(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
