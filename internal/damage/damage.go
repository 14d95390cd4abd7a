// Package damage does to clean article text what scrapers do to it, from a
// seed, so that tests can check the cleaner's invariants on many realistic
// inputs: runs of paragraphs repeated (with a subheading only the copy has),
// sentences repeated in later paragraphs, copies that differ in white space,
// quotes or HTML entities, and junk lines.
package damage

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Paragraphs splits text into its paragraphs: blocks separated by blank
// lines, each without its line end.
func Paragraphs(text string) []string {
	var ps []string
	for p := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.Trim(p, "\n"); strings.TrimSpace(p) != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

// Apply returns a copy of paragraphs with faults faults applied, each chosen
// by r: the same r state gives the same damage.
func Apply(r *rand.Rand, paragraphs []string, faults int) []string {
	ps := append([]string(nil), paragraphs...)
	for i := range faults {
		if len(ps) == 0 {
			break
		}
		switch r.IntN(5) {
		case 0, 1:
			ps = repeatRun(r, ps, i)
		case 2:
			ps = repeatSentence(r, ps)
		case 3:
			ps = insert(ps, r.IntN(len(ps)+1), Junk[r.IntN(len(Junk))])
		case 4:
			j := r.IntN(len(ps))
			ps[j] = Variant(r, ps[j])
		}
	}
	return ps
}

// Junk is the junk lines Apply inserts: lines textclean's built-in list
// removes wherever they stand.
var Junk = []string{"Advertisement", "Read more", "Story continues below advertisement", "Share this article"}

// repeatRun copies a run of one to four paragraphs to a later place, each
// copy perhaps a Variant, with (for a run of two or more) a subheading
// numbered n inside the copy only.
func repeatRun(r *rand.Rand, ps []string, n int) []string {
	start := r.IntN(len(ps))
	length := 1 + r.IntN(min(4, len(ps)-start))
	run := make([]string, 0, length+1)
	for k, p := range ps[start : start+length] {
		if k == 1 && r.IntN(2) == 0 {
			run = append(run, fmt.Sprintf("Subheading number %d of the copy", n))
		}
		if r.IntN(3) == 0 {
			p = Variant(r, p)
		}
		run = append(run, p)
	}
	at := start + length + r.IntN(len(ps)-start-length+1)
	return append(ps[:at:at], append(run, ps[at:]...)...)
}

// repeatSentence adds the first sentence of one paragraph to the end of a
// later one.
func repeatSentence(r *rand.Rand, ps []string) []string {
	from := r.IntN(len(ps))
	s := ps[from]
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i+1]
	}
	to := from + r.IntN(len(ps)-from)
	ps[to] = strings.TrimRight(ps[to], " ") + " " + s
	return ps
}

// Variant returns p with one of the differences that copies of a paragraph
// show in scraped text, none of which changes what a reader reads: a
// no-break or zero-width space, a doubled space, a character reference for
// an apostrophe or an ampersand, spaces at the edges, other capitals.
func Variant(r *rand.Rand, p string) string {
	switch r.IntN(7) {
	case 0:
		return strings.Replace(p, " ", "\u00a0", 1)
	case 1:
		return strings.Replace(p, " ", " \u200b", 1)
	case 2:
		return strings.ReplaceAll(p, ". ", ".  ")
	case 3:
		return strings.ReplaceAll(p, "’", "&#8217;")
	case 4:
		return strings.ReplaceAll(p, "&", "&amp;")
	case 5:
		return "  " + p + " "
	default:
		first, size := utf8.DecodeRuneInString(p)
		return string(unicode.ToUpper(first)) + p[size:]
	}
}

func insert(ps []string, at int, p string) []string {
	return append(ps[:at:at], append([]string{p}, ps[at:]...)...)
}
