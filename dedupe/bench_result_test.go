package dedupe

import (
	"io"
	"runtime/debug"
	"testing"

	"github.com/textclean/textclean/internal/benchgen"
	"github.com/textclean/textclean/normalize"
)

// resultModes are the option sets the benchmarks of result's parts run
// under: exact paragraphs only, and the default.
var resultModes = []struct {
	name string
	opts Options
}{
	{"exact", exactOptions},
	{"default", Options{}},
}

// resultCleaner returns a cleaner of 16 MB of generated articles that has
// run its rounds and written the clean text, as result has when it
// reports the changes.
func resultCleaner(b *testing.B, opts Options) *cleaner {
	input := benchgen.New(1).Stream(16 << 20)
	c := stageCleaner(b, input, &opts)
	c.rounds()
	out := c.outputWriter()
	out.write()
	out.placeLines()
	return c
}

// BenchmarkChanges reports the changes of 16 MB of generated articles:
// the paragraph changes, the sentence changes and their merge. Each
// report is made into fresh memory and with the line breaks and offsets
// that locate sentences to find again, as Clean's is.
func BenchmarkChanges(b *testing.B) {
	benchChanges(b, func(c *cleaner) { c.changes() })
}

// benchChanges calls changes, which is to make the changes of a
// resultCleaner of each mode, in a loop of a sub-benchmark of its own;
// each call finds the line breaks and offsets that locate sentences
// again, and allocates into fresh memory, as Clean's changes do.
func benchChanges(b *testing.B, changes func(c *cleaner)) {
	for _, m := range resultModes {
		b.Run(m.name, func(b *testing.B) {
			c := resultCleaner(b, m.opts)
			b.SetBytes(int64(len(c.input)))
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				c.inputBreaks, c.outputBreaks, c.lineOffsets = breaksCache{}, breaksCache{}, nil
				debug.FreeOSMemory()
				b.StartTimer()
				changes(c)
			}
		})
	}
}

// BenchmarkStart finds the paragraphs of 16 MB of generated articles,
// normalized, and sets up the state the rounds work on (prepare, which
// keys every paragraph, among it), into fresh memory each time, as
// Clean does.
func BenchmarkStart(b *testing.B) {
	input := benchgen.New(1).Stream(16 << 20)
	for _, m := range resultModes {
		b.Run(m.name, func(b *testing.B) {
			doc, err := normalize.New(m.opts.Normalize).Document(input)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(input)))
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				c := &cleaner{input: input, opts: &m.opts, doc: doc}
				debug.FreeOSMemory()
				b.StartTimer()
				c.start()
			}
		})
	}
}

// BenchmarkKept lists the output paragraphs of 16 MB of generated
// articles with their keys, into fresh memory each time, as Clean does.
func BenchmarkKept(b *testing.B) {
	for _, m := range resultModes {
		b.Run(m.name, func(b *testing.B) {
			c := resultCleaner(b, m.opts)
			b.SetBytes(int64(len(c.input)))
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				debug.FreeOSMemory()
				b.StartTimer()
				c.keptParagraphs()
			}
		})
	}
}

// BenchmarkKeptParagraphs lists the kept paragraphs of 16 MB of generated
// articles cleaned in the default mode, with their keys (a SHA-256 of each
// one's match key, made again) and with Options.SkipKeys. Run it with
// -cpu 1 for its CPU time: keptParagraphs uses every CPU.
func BenchmarkKeptParagraphs(b *testing.B) {
	for _, skip := range []bool{false, true} {
		name := map[bool]string{false: "keys", true: "skip"}[skip]
		b.Run(name, func(b *testing.B) {
			c := resultCleaner(b, Options{SkipKeys: skip})
			b.SetBytes(int64(len(c.input)))
			b.ReportAllocs()
			for b.Loop() {
				c.keptParagraphs()
			}
		})
	}
}

// BenchmarkPlaceLines records the output line of every output paragraph
// of 16 MB of generated articles, as CleanTo and Clean do before they make
// the changes.
func BenchmarkPlaceLines(b *testing.B) {
	for _, m := range resultModes {
		b.Run(m.name, func(b *testing.B) {
			c := resultCleaner(b, m.opts)
			out := c.outputWriter()
			b.SetBytes(int64(len(c.input)))
			for b.Loop() {
				out.placeLines()
			}
		})
	}
}

// BenchmarkTail writes the clean text of 16 MB of generated articles to
// io.Discard, as CleanTo does, and makes the changes: with -cpu 1 one
// after the other, with -cpu 2 at the same time (see cleaner.alongside).
// The changes are made into fresh memory and with the line breaks and
// offsets that locate sentences to find again, as CleanTo's are.
func BenchmarkTail(b *testing.B) {
	benchChanges(b, func(c *cleaner) {
		out := c.outputWriter()
		c.alongside(func() {
			out.writeTo(io.Discard, streamBufferSize)
		}, func() {
			out.placeLines()
			c.changes()
		})
	})
}
