// Command gen writes a deterministic stream of scraped-looking articles with
// the damage textclean repairs (see internal/benchgen), for benchmarks:
// go run ./bench/gen -size 100 writes about 100 MB to standard output; with
// -tree DIR it writes them as about -files files instead (each file takes
// articles up to its share of the size), 100 files to a folder
// (DIR/0000/00000.txt, ...). The same flags always give the same bytes.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/textclean/textclean/internal/benchgen"
)

func main() {
	size := flag.Int("size", 100, "megabytes to write (about)")
	seed := flag.Uint64("seed", 1, "random seed")
	tree := flag.String("tree", "", "write files below this folder instead of standard output")
	files := flag.Int("files", 10000, "with -tree, about how many files to write")
	flag.Parse()
	g := benchgen.New(*seed)
	limit := *size << 20
	if *tree == "" {
		w := bufio.NewWriterSize(os.Stdout, 1<<20)
		for written := 0; written < limit; {
			n, _ := w.WriteString(g.Article())
			written += n
		}
		if err := w.Flush(); err != nil {
			fail(err)
		}
		return
	}
	n := max(1, *files)
	for file, written := 0, 0; written < limit; file++ {
		dir := filepath.Join(*tree, fmt.Sprintf("%04d", file/100))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fail(err)
		}
		// Each file takes articles up to its share of the whole, so the
		// files add up to the size however long the articles are.
		text := g.Article()
		for share := limit * (file + 1) / n; written+len(text) < share; {
			text += g.Article()
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.txt", file)), []byte(text), 0o644); err != nil {
			fail(err)
		}
		written += len(text)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
