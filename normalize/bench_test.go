package normalize_test

import (
	"os"
	"strings"
	"testing"

	"github.com/textclean/textclean/internal/benchgen"

	"github.com/textclean/textclean/normalize"
)

// BenchmarkDocument normalizes about 1 MB of real article text (the seed
// article, repeated) with every default rule.
func BenchmarkDocument(b *testing.B) {
	data, err := os.ReadFile("../testdata/000_2c2adb0dfae1852d.txt")
	if err != nil {
		b.Fatal(err)
	}
	in := strings.Repeat(string(data)+"\n", 1<<20/len(data))
	n := normalize.New(normalize.Options{})
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := n.Document(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDocumentGenerated normalizes 4 MB of generated articles
// (internal/benchgen, the text bench/run.sh times): one paragraph per
// line, nine lines in ten printable ASCII, the rest with the damage the
// rules repair.
func BenchmarkDocumentGenerated(b *testing.B) {
	in := benchgen.New(1).Stream(4 << 20)
	n := normalize.New(normalize.Options{})
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := n.Document(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDocumentArticles normalizes 300 generated articles one at a
// time, each a Document of its own, as a tree of small files is
// normalized (bench/run.sh's tree: 10,000 files of about 10 KB).
func BenchmarkDocumentArticles(b *testing.B) {
	g := benchgen.New(1)
	articles := make([]string, 300)
	size := 0
	for i := range articles {
		articles[i] = g.Article()
		size += len(articles[i])
	}
	n := normalize.New(normalize.Options{})
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range articles {
			if _, err := n.Document(in); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkMojibake normalizes the clean articles (all of the corpus when
// it is present, else those in testdata/clean) with every default rule,
// with and without the mojibake rule: the difference is the rule's cost.
func BenchmarkMojibake(b *testing.B) {
	var sb strings.Builder
	for _, text := range cleanArticles(b, cleanArticleDirs()) {
		sb.WriteString(text)
		sb.WriteString("\n\n")
	}
	in := sb.String()
	for _, bc := range []struct {
		name string
		opts normalize.Options
	}{
		{"on", normalize.Options{}},
		{"off", normalize.Options{Skip: normalize.Set(normalize.Mojibake)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			n := normalize.New(bc.opts)
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := n.Document(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDocumentExact normalizes the input of BenchmarkDocumentGenerated
// with every rule off, as exact-paragraph runs do: what is left is
// splitting the lines and replacing invalid UTF-8.
func BenchmarkDocumentExact(b *testing.B) {
	in := benchgen.New(1).Stream(4 << 20)
	n := normalize.New(normalize.Options{Skip: normalize.Except()})
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := n.Document(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLineOffsets maps the lines that the rules changed in 4 MB of
// generated articles back to the input, as dedupe does for the changed
// lines whose sentences it reports: each op is every such line once.
func BenchmarkLineOffsets(b *testing.B) {
	in := benchgen.New(1).Stream(4 << 20)
	d, err := normalize.New(normalize.Options{}).Document(in)
	if err != nil {
		b.Fatal(err)
	}
	var changed []int
	for i := range d.Lines {
		if d.Changed(i) {
			changed = append(changed, i)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, i := range changed {
			d.LineOffsets(i)
		}
	}
	b.ReportMetric(float64(len(changed)), "lines")
}

// BenchmarkDecode checks 16 MB of generated articles for valid UTF-8 in
// Decode, as the CLI does before it cleans an input: on GOMAXPROCS
// goroutines (compare -cpu 1,2).
func BenchmarkDecode(b *testing.B) {
	in := benchgen.New(1).Stream(16 << 20)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if d, err := normalize.Decode(in, "", false); err != nil || d.Guessed {
			b.Fatal(err, d.Guessed)
		}
	}
}
