package dedupe_test

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/textclean/textclean/dedupe"
)

// benchInput returns about 1 MB of real article text with a repeated run in
// it: the seed article and the damaged golden article, over and over, each
// copy made distinct so only the planted repeats are repeats.
func benchInput(b *testing.B) string {
	var parts []string
	for _, name := range []string{"../testdata/000_2c2adb0dfae1852d.txt", "../testdata/golden/0002-damaged.txt"} {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		parts = append(parts, string(data))
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		for _, p := range parts {
			sb.WriteString(strings.ReplaceAll(p, ".", "."+strings.Repeat("x", i%7)))
			sb.WriteString("\n\n")
		}
	}
	if f := os.Getenv("TEXTCLEAN_BENCH_FILE"); f != "" {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		return string(data)
	}
	return sb.String()
}

func BenchmarkClean(b *testing.B) {
	in := benchInput(b)
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := dedupe.Clean(in, dedupe.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCleanElsewhere is BenchmarkClean with an Options.Elsewhere
// that has none of the paragraphs, as --across gives an input that shares
// a few: every round asks about every paragraph, by its Key (a SHA-256).
func BenchmarkCleanElsewhere(b *testing.B) {
	in := benchInput(b)
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := dedupe.Clean(in, dedupe.Options{Elsewhere: noCopies{}}); err != nil {
			b.Fatal(err)
		}
	}
}

// noCopies is an Elsewhere with no paragraphs.
type noCopies struct{}

// Find implements dedupe.Elsewhere.
func (noCopies) Find(dedupe.Key, int) (dedupe.Copy, bool) { return dedupe.Copy{}, false }

// BenchmarkCleanTo is BenchmarkClean with the clean text written to
// io.Discard as it is made, not returned: compare its bytes and
// allocations a call with BenchmarkClean's.
func BenchmarkCleanTo(b *testing.B) {
	in := benchInput(b)
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := dedupe.CleanTo(io.Discard, in, dedupe.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCleanAtOnce cleans eight copies of the input at once, as a
// server might, with and without the collection Clean runs for a big
// input (see Options.NoCollect): compare CPU time (/usr/bin/time on the
// test binary), peak RSS and ns/op, with TEXTCLEAN_BENCH_FILE an input of
// 16 MB or more. Each forced collection marks the whole heap, all eight
// cleaners' state.
func BenchmarkCleanAtOnce(b *testing.B) {
	in := benchInput(b)
	for _, noCollect := range []bool{false, true} {
		b.Run(fmt.Sprintf("NoCollect=%v", noCollect), func(b *testing.B) {
			b.SetBytes(8 * int64(len(in)))
			for b.Loop() {
				var wg sync.WaitGroup
				for range 8 {
					wg.Go(func() {
						if _, err := dedupe.Clean(in, dedupe.Options{NoCollect: noCollect}); err != nil {
							b.Error(err)
						}
					})
				}
				wg.Wait()
			}
		})
	}
}
