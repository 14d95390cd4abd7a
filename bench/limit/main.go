// Command limit is the practical speed limit of hash-based dedup, for
// bench/run.sh to compare textclean with: it reads lines from standard
// input, puts the xxhash of each into a map and writes the lines whose hash
// it had not seen, as awk '!seen[$0]++' does (but trusting the 64-bit hash).
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/cespare/xxhash/v2"
)

func main() {
	r := bufio.NewReaderSize(os.Stdin, 1<<20)
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	seen := make(map[uint64]struct{})
	var long []byte // a line longer than the buffer, gathered
	for {
		chunk, err := r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = append(long, chunk...)
			continue
		}
		line := chunk
		if long != nil {
			line = append(long, chunk...)
			long = nil
		}
		if len(line) > 0 {
			text := bytes.TrimSuffix(line, []byte("\n"))
			h := xxhash.Sum64(text)
			if _, ok := seen[h]; !ok {
				seen[h] = struct{}{}
				w.Write(text)
				w.WriteByte('\n')
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(err)
		}
	}
	if err := w.Flush(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "limit:", err)
	os.Exit(1)
}
