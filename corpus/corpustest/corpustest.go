// Package corpustest makes deterministic corpora of damaged articles as
// JSON Lines records, for tests and benchmarks of dedup across documents:
// articles share wire paragraphs (which --across removes from all but the
// first) and site footers (which --boilerplate removes from all), and
// carry the damage textclean repairs within one article.
package corpustest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

var words = strings.Fields(`the of and to in a is that for it as was with be by on not he
this are or his from at which but have an they you were her she there been one all we
their has would when if so no will more can said who its about other into than them
minister government talks security guarantees council budget election president police
report city court market prices energy agreement troops border weather storm school
hospital company workers strike union vote parliament senator negotiations`)

// sentence returns a sentence of 6 to 20 words.
func sentence(r *rand.Rand) string {
	n := 6 + r.IntN(15)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.IntN(len(words))]
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ") + "."
}

// paragraph returns a paragraph of 1 to 3 sentences.
func paragraph(r *rand.Rand) string {
	ss := make([]string, 1+r.IntN(3))
	for i := range ss {
		ss[i] = sentence(r)
	}
	return strings.Join(ss, " ")
}

// Damage returns p with one of the character-level faults scrapers leave
// (a no-break or zero-width space, an entity, doubled or padding spaces),
// or, three times in four, unchanged.
func Damage(r *rand.Rand, p string) string {
	switch r.IntN(20) {
	case 0:
		return strings.Replace(p, " ", "\u00a0", 1)
	case 1:
		return strings.Replace(p, " the ", " the\u200b ", 1)
	case 2:
		return strings.Replace(p, " and ", " &amp; ", 1)
	case 3:
		return strings.Replace(p, ". ", ".  ", 1)
	case 4:
		return "  " + p + " "
	}
	return p
}

// Records returns n JSON Lines records (without line ends), the same for
// the same n and seed: {"id": "doc-N", "seq": N, "text": ARTICLE}.
// Articles draw on a pool of wire paragraphs (about one in three
// paragraphs, each shared by a handful of articles) and end with one of a
// few site footers (each shared by hundreds of articles at n in the
// thousands); a share repeat a run of their own paragraphs or a sentence.
func Records(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 0x7e57))
	wire := make([]string, max(n/4, 4))
	for i := range wire {
		wire[i] = paragraph(r)
	}
	footers := []string{
		"Sign up for our newsletter to get the news every morning.",
		"Copyright the Daily Example. All rights reserved worldwide.",
		"Follow us on every network for the stories that matter to you.",
		"This article was corrected after its first publication online.",
	}
	out := make([]string, n)
	for i := range out {
		var ps []string
		for range 3 + r.IntN(6) {
			if r.IntN(3) == 0 {
				ps = append(ps, Damage(r, wire[r.IntN(len(wire))]))
			} else {
				ps = append(ps, Damage(r, paragraph(r)))
			}
		}
		if r.IntN(4) == 0 && len(ps) > 3 { // a run printed twice
			ps = append(ps, ps[1:3]...)
		}
		if r.IntN(5) == 0 { // a sentence said twice
			ps = append(ps, strings.SplitAfter(ps[0], ". ")[0]+" "+sentence(r))
		}
		if r.IntN(6) == 0 {
			ps = append(ps, "Q:", "Yes.", "Q:")
		}
		if r.IntN(10) < 7 {
			ps = append(ps, footers[r.IntN(len(footers))])
		}
		text, _ := json.Marshal(strings.Join(ps, "\n")) // a string always marshals
		out[i] = fmt.Sprintf(`{"id":"doc-%d","seq":%d,"text":%s}`, i+1, i+1, text)
	}
	return out
}
