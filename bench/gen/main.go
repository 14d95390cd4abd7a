// Command gen writes a deterministic stream of scraped-looking articles with
// the damage textclean repairs, for benchmarks: go run ./bench/gen -size 100
// writes about 100 MB to standard output; with -tree DIR it writes the
// articles as files instead, 100 to a folder (DIR/0000/00000.txt, ...). The
// same flags always give the same bytes.
//
// Articles are made of sentences of words drawn from a fixed vocabulary
// with a skewed (Zipf) distribution, one paragraph per line. A share of the
// articles carry the scraper's damage: a run of paragraphs repeated with a
// subheading only the second copy has, a repeated sentence, HTML entities,
// no-break and zero-width spaces, doubled spaces.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/textclean/textclean/corpus/corpustest"
)

var words = strings.Fields(`the of and to in a is that for it as was with be by on not he
this are or his from at which but have an they you were her she there been one all we
their has would when if so no will more can said who its about other into than them
only time new some could these two may first then do any like my now over such our man
me even most made after also did many before must through back years where much your way
well down should because each just those people how too little state good very make world
still own see men work long get here between both life being under never day same another
know while last might us great old year off come since against go came right used take
three minister government talks security guarantees council budget election president
police report city court market prices energy agreement troops border weather storm
school hospital company workers strike union vote parliament senator negotiations`)

// sentence returns a sentence of 6 to 24 words.
func sentence(r *rand.Rand, z *rand.Zipf) string {
	n := 6 + r.IntN(19)
	var b strings.Builder
	for i := range n {
		w := words[int(z.Uint64())%len(words)]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i > 2 && i < n-2 && r.IntN(12) == 0 {
			b.WriteByte(',')
		}
	}
	b.WriteByte('.')
	return b.String()
}

func main() {
	size := flag.Int("size", 100, "megabytes to write (about)")
	seed := flag.Uint64("seed", 1, "random seed")
	tree := flag.String("tree", "", "write one file per article below this folder")
	flag.Parse()
	r := rand.New(rand.NewPCG(*seed, 0))
	z := rand.NewZipf(r, 1.1, 2, uint64(len(words)-1))
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	written, limit := 0, *size<<20
	for article := 0; written < limit; article++ {
		var paras []string
		for range 8 + r.IntN(20) {
			var sb strings.Builder
			for s := range 1 + r.IntN(5) {
				if s > 0 {
					sb.WriteByte(' ')
				}
				sb.WriteString(sentence(r, z))
			}
			paras = append(paras, sb.String())
		}
		if len(paras) > 6 && r.IntN(3) == 0 { // a run repeated, with a subheading
			i := r.IntN(len(paras) - 4)
			run := append([]string(nil), paras[i:i+4]...)
			run = append(run[:2], append([]string{fmt.Sprintf("Section %d", article)}, run[2:]...)...)
			paras = append(paras, run...)
		}
		if r.IntN(4) == 0 { // a sentence repeated in a later paragraph
			s := strings.SplitAfter(paras[0], ". ")[0]
			paras[len(paras)-1] += " " + strings.TrimSpace(s)
		}
		out := w
		var f *os.File
		if *tree != "" {
			dir := filepath.Join(*tree, fmt.Sprintf("%04d", article/100))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				fail(err)
			}
			var err error
			if f, err = os.Create(filepath.Join(dir, fmt.Sprintf("%05d.txt", article))); err != nil {
				fail(err)
			}
			out = bufio.NewWriter(f)
		}
		for _, p := range paras {
			p = corpustest.Damage(r, p)
			n, _ := fmt.Fprintln(out, p)
			written += n
		}
		if f != nil {
			if err := out.Flush(); err != nil {
				fail(err)
			}
			if err := f.Close(); err != nil {
				fail(err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
