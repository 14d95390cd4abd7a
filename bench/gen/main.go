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
	"io"
	"os"
	"path/filepath"
	"strings"

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
	var err error
	if *tree == "" {
		err = writeStream(os.Stdout, g, limit)
	} else {
		err = writeTree(*tree, max(1, *files), g, limit)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// writeStream writes articles to w until they reach limit bytes. It stops
// at the first failed write.
func writeStream(w io.Writer, g *benchgen.Generator, limit int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	for written := 0; written < limit; {
		n, err := bw.WriteString(g.Article())
		if err != nil {
			return err
		}
		written += n
	}
	return bw.Flush()
}

// writeTree writes articles below dir as about files files, until they
// reach limit bytes.
func writeTree(dir string, files int, g *benchgen.Generator, limit int) error {
	var text strings.Builder
	for file, written := 0, 0; written < limit; file++ {
		sub := filepath.Join(dir, fmt.Sprintf("%04d", file/100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		// Each file takes articles up to its share of the whole, so the
		// files add up to the size however long the articles are.
		text.Reset()
		text.WriteString(g.Article())
		for share := limit * (file + 1) / files; written+text.Len() < share; {
			text.WriteString(g.Article())
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%05d.txt", file)), []byte(text.String()), 0o644); err != nil {
			return err
		}
		written += text.Len()
	}
	return nil
}
