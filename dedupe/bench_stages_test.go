package dedupe

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"

	"github.com/textclean/textclean/internal/benchgen"
	"github.com/textclean/textclean/normalize"
)

// The benchmarks of each stage of Clean, on about 4 MB of generated
// articles (internal/benchgen, the text bench/run.sh times) as one
// document. Each sets the bytes of the input, so MB/s compares across
// stages: the stage with the lowest figure costs the most.

const stageSize = 4 << 20

// stageInput returns the stage benchmarks' input.
func stageInput() string { return benchgen.New(1).Stream(stageSize) }

// stageInputOrFile returns the file TEXTCLEAN_BENCH_FILE names, if it is
// set, else stageInput.
func stageInputOrFile(b testing.TB) string {
	name := os.Getenv("TEXTCLEAN_BENCH_FILE")
	if name == "" {
		return stageInput()
	}
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// stageCleaner returns a cleaner for input, started (normalized, segmented
// and, from parallelBytes on, prepared), ready for its rounds.
func stageCleaner(b testing.TB, input string, opts *Options) *cleaner {
	doc, err := normalize.New(opts.Normalize).Document(input)
	if err != nil {
		b.Fatal(err)
	}
	c := &cleaner{input: input, opts: opts, doc: doc}
	c.start()
	return c
}

// BenchmarkSegment finds the paragraph style and the paragraphs of a
// normalized document, on one goroutine and on GOMAXPROCS, as Clean does
// from parallelBytes on.
func BenchmarkSegment(b *testing.B) {
	input := benchgen.New(1).Stream(stageSize)
	doc, err := normalize.New(normalize.Options{}).Document(input)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name    string
		workers int
	}{{"one", 1}, {"all", runtime.GOMAXPROCS(0)}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(input)))
			b.ReportAllocs()
			for b.Loop() {
				segmentOn(doc, Auto, bc.workers)
			}
		})
	}
}

// BenchmarkWrite writes the clean text of 16 MB of generated articles
// after exact paragraph dedup, on one goroutine and on GOMAXPROCS, as
// Clean does from parallelBytes on; each write is into fresh memory, as
// Clean's is.
func BenchmarkWrite(b *testing.B) {
	input := benchgen.New(1).Stream(16 << 20)
	opts := &Options{NoSentences: true, Similarity: -1, Normalize: normalize.Options{Skip: normalize.Except()}}
	c := stageCleaner(b, input, opts)
	for c.paragraphRound() {
	}
	for _, bc := range []struct {
		name  string
		bytes int
	}{{"one", math.MaxInt}, {"all", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			defer func(n int) { parallelBytes = n }(parallelBytes)
			parallelBytes = bc.bytes
			b.SetBytes(int64(len(input)))
			for b.Loop() {
				b.StopTimer()
				debug.FreeOSMemory()
				b.StartTimer()
				c.outputWriter().write()
			}
		})
	}
}

// BenchmarkMatch makes the match key of every paragraph, hashes it and
// finds its first copy, looking up only the keys that the cleaner's twice
// set of keys says may repeat: the core of exact paragraph dedup.
func BenchmarkMatch(b *testing.B) {
	input := benchgen.New(1).Stream(stageSize)
	c := stageCleaner(b, input, &Options{})
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	hashes := make([]uint64, len(c.paras))
	var buf []byte
	var t table
	for b.Loop() {
		for i := range c.paras {
			buf = c.appendKey(buf[:0], i)
			hashes[i] = xxhash.Sum64(buf)
		}
		t.file(len(hashes), func(k int) uint64 { return hashes[k] }, func(k int32) string { return c.textOf(int(k)) }, c.twice.keys, nil)
	}
}

// BenchmarkDecide settles the fate of every paragraph, given their first
// copies, on one goroutine and on GOMAXPROCS (its first two rules in two
// halves from halvesUnits paragraphs on), as Clean does from parallelBytes
// on; on the file TEXTCLEAN_BENCH_FILE names, if it is set.
func BenchmarkDecide(b *testing.B) {
	input := stageInputOrFile(b)
	opts := &Options{}
	c := stageCleaner(b, input, opts)
	hashes := make([]uint64, len(c.paras))
	for i := range c.paras {
		c.ensureKey(i)
		hashes[i] = uint64(c.hash[i])
	}
	var t table
	t.file(len(hashes), func(k int) uint64 { return hashes[k] }, func(k int32) string { return c.textOf(int(k)) }, c.twice.keys, nil)
	for _, bc := range []struct {
		name    string
		workers int
	}{{"one", 1}, {"all", runtime.GOMAXPROCS(0)}} {
		b.Run(bc.name, func(b *testing.B) {
			var dc decider
			b.SetBytes(int64(len(input)))
			b.ReportAllocs()
			for b.Loop() {
				dc.decide(len(hashes), c.textOf, &t, opts, bc.workers)
			}
		})
	}
}

// BenchmarkRounds runs each kind of round on its own, on a fresh cleaner
// each time: paragraph (junk lines, exact repeats, near-duplicates),
// sentence (split, hash and find repeated sentences), near (near-duplicates
// and teasers alone), and result (the clean text and the changes); and
// prepare, which keys and splits every paragraph up front, on all CPUs, so
// that the rounds after it find their texts keyed and split. The sentence
// and near rounds run again with every hash looked up, as they did
// before twiceSet: what leaving out those that came once saves.
func BenchmarkRounds(b *testing.B) {
	input := benchgen.New(1).Stream(stageSize)
	for _, r := range []struct {
		name  string
		setup func(c *cleaner)
		run   func(c *cleaner)
	}{
		{"prepare", func(c *cleaner) { clear(c.keyed); clear(c.sentences.refs) }, func(c *cleaner) { c.prepare() }},
		{"paragraph", nil, func(c *cleaner) { c.paragraphRound() }},
		{"sentence", func(c *cleaner) { c.paragraphRound() }, func(c *cleaner) { c.sentenceRound(nil) }},
		{"sentence/every-hash", func(c *cleaner) { c.paragraphRound() }, everyHash(func(c *cleaner) { c.sentenceRound(nil) })},
		{"near", nil, func(c *cleaner) { c.dropNear() }},
		{"near/every-hash", nil, everyHash(func(c *cleaner) { c.dropNear() })},
		{"result", func(c *cleaner) { c.paragraphRound(); c.sentenceRound(nil) }, func(c *cleaner) { c.result() }},
	} {
		b.Run(r.name, func(b *testing.B) {
			b.SetBytes(int64(len(input)))
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				c := stageCleaner(b, input, &Options{})
				if r.setup != nil {
					r.setup(c)
				}
				b.StartTimer()
				r.run(c)
			}
		})
	}
}

// everyHash returns run with skipSingleHashes off.
func everyHash(run func(c *cleaner)) func(c *cleaner) {
	return func(c *cleaner) {
		defer func(s bool) { skipSingleHashes = s }(skipSingleHashes)
		skipSingleHashes = false
		run(c)
	}
}

// BenchmarkCorpus cleans each article of the shared corpus as a document
// of its own, as a crawl is cleaned; it is skipped where the corpus is
// absent.
func BenchmarkCorpus(b *testing.B) {
	texts := corpusArticles(b)
	size := 0
	for _, text := range texts {
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			if _, err := Clean(t, Options{}); err != nil && !strings.Contains(err.Error(), "binary") {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParagraphRounds runs the rounds of a started cleaner in exact
// paragraph mode (every normalization rule, sentences and near-duplicates
// off), where they are all paragraph rounds, and in the default mode, on
// stageSize of generated articles or on TEXTCLEAN_BENCH_FILE.
func BenchmarkParagraphRounds(b *testing.B) {
	input := stageInputOrFile(b)
	for _, bc := range resultModes {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(input)))
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				opts := bc.opts
				c := stageCleaner(b, input, &opts)
				b.StartTimer()
				c.rounds()
			}
		})
	}
}

// BenchmarkSplitText splits every paragraph into sentences, keys and
// hashes them, as each of prepare's goroutines does for its share (see
// splitText), on one goroutine, on stageSize of generated articles or on
// TEXTCLEAN_BENCH_FILE.
func BenchmarkSplitText(b *testing.B) {
	input := stageInputOrFile(b)
	c := stageCleaner(b, input, &Options{})
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		clear(c.sentences.refs)
		c.sentences.slabs, c.scratch.slab, c.scratch.infos = nil, 0, nil
		for i := range c.paras {
			c.splitText(i, &c.scratch)
		}
	}
}
