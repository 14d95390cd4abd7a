package normalize_test

import (
	"os"
	"strings"
	"testing"

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
