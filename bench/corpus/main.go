// Command corpus writes the deterministic corpus of package corpustest as
// JSON Lines, for bench/phases.sh: go run ./bench/corpus -records 20000.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/textclean/textclean/corpus/corpustest"
)

func main() {
	n := flag.Int("records", 5000, "how many records to write")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	for _, r := range corpustest.Records(*n, *seed) {
		fmt.Fprintln(w, r)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}
