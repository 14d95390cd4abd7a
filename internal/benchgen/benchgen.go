// Package benchgen makes deterministic scraped-looking articles with the
// damage textclean repairs, for benchmarks: the same arguments always give
// the same bytes.
//
// Articles are made of sentences of words drawn from a fixed vocabulary
// with a skewed (Zipf) distribution, one paragraph per line. A share of the
// articles carry the scraper's damage: a run of paragraphs repeated with a
// subheading only the second copy has, a repeated sentence, HTML entities,
// no-break and zero-width spaces, doubled spaces.
package benchgen

import (
	"fmt"
	"math/rand/v2"
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

// Generator makes articles one after the other.
type Generator struct {
	r       *rand.Rand
	z       *rand.Zipf
	article int
}

// New returns a Generator whose articles depend only on seed.
func New(seed uint64) *Generator {
	r := rand.New(rand.NewPCG(seed, 0))
	return &Generator{r: r, z: rand.NewZipf(r, 1.1, 2, uint64(len(words)-1))}
}

// Article returns the next article: its paragraphs, one per line, each
// ending with "\n".
func (g *Generator) Article() string {
	r := g.r
	var paras []string
	for range 8 + r.IntN(20) {
		var sb strings.Builder
		for s := range 1 + r.IntN(5) {
			if s > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(g.sentence())
		}
		paras = append(paras, sb.String())
	}
	if len(paras) > 6 && r.IntN(3) == 0 { // a run repeated, with a subheading
		i := r.IntN(len(paras) - 4)
		run := append([]string(nil), paras[i:i+4]...)
		run = append(run[:2], append([]string{fmt.Sprintf("Section %d", g.article)}, run[2:]...)...)
		paras = append(paras, run...)
	}
	if r.IntN(4) == 0 { // a sentence repeated in a later paragraph
		s := strings.SplitAfter(paras[0], ". ")[0]
		paras[len(paras)-1] += " " + strings.TrimSpace(s)
	}
	g.article++
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(corpustest.Damage(g.r, p))
		b.WriteByte('\n')
	}
	return b.String()
}

// Stream returns articles one after the other until they reach size bytes.
func (g *Generator) Stream(size int) string {
	var b strings.Builder
	b.Grow(size + 4096)
	for b.Len() < size {
		b.WriteString(g.Article())
	}
	return b.String()
}

// sentence returns a sentence of 6 to 24 words.
func (g *Generator) sentence() string {
	r := g.r
	n := 6 + r.IntN(19)
	var b strings.Builder
	for i := range n {
		w := words[int(g.z.Uint64())%len(words)]
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
