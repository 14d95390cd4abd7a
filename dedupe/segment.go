package dedupe

import (
	"strings"
	"unicode/utf8"

	"github.com/textclean/textclean/normalize"
)

// paragraph is one paragraph of the input: a run of lines of doc.Lines.
// The cleaner keeps the first and last lines of every paragraph apart, as
// int32s (Clean takes no more than maxText bytes, hence lines), and the
// last lines only when a paragraph has more than one (see segmentOn):
// cleaner.para makes a paragraph of them. A paragraph's text is its
// line's, or its lines joined (see segmentOn), until sentence cuts change
// it (see cleaner.textOf).
//
// Every line between two paragraphs is blank (a line of text is a
// paragraph, or in the Blocks style part of one), so the blank lines
// before a paragraph are told by where it and the one before it stand:
// see blankLinesBefore.
type paragraph struct {
	first, last int32 // indexes into doc.Lines
}

// chooseStyle chooses Blocks when blank lines separate the paragraphs:
// when blank lines stand between lines of text and either they are
// frequent (at least one run for every four lines of text) or most lines
// are short (under shortLine bytes), as in hard-wrapped text. A stray
// blank line in text with one long paragraph per line does not make it
// Blocks. blank marks the blank lines; textLines and shortLines count
// the others and those of them that are short.
func chooseStyle(blank []bool, textLines, shortLines int) Style {
	separators := 0
	seenText := false
	for i := range blank {
		if !blank[i] {
			if seenText && blank[i-1] {
				separators++ // a run of blank lines between lines of text
			}
			seenText = true
		}
	}
	if separators > 0 && (4*separators >= textLines || 2*shortLines > textLines) {
		return Blocks
	}
	return Lines
}

// shortLine is the length in bytes under which a line is short for
// chooseStyle: hard-wrapped text has lines of 60 to 80 characters.
const shortLine = 100

// segmentOn splits the lines of doc into paragraphs in the given style,
// chosen for Auto by chooseStyle, on up to workers goroutines, and
// returns the style with the paragraphs, by their first and last lines,
// and their texts: their lines joined by "\n". The last lines and the
// texts are nil when every paragraph is one line, whose last line is its
// first and whose text is the line's (a paragraph's text, 16 bytes more
// a paragraph, is then normalize.Document.Text of its line; its last
// line, 4 bytes more, 2.1 MiB of the 100 MB stream, is its first).
//
// Whether a line is blank is asked once, as the lines are cut into one
// run per worker: it reads the line's first byte, one cache miss a line
// on a big input, where the marks it leaves are read in order. The
// lines are then cut again, at paragraph starts, into one run per
// worker; each run's goroutine counts its paragraphs and those of more
// than one line, then, in the slices of their exact size, fills in its
// paragraphs and texts.
func segmentOn(doc *normalize.Document, style Style, workers int) (_ Style, firsts, lasts []int32, _ []string) {
	lines := doc.Lines
	blank := make([]bool, len(lines))
	marks := make([]struct{ text, short int }, workers)
	inParallel(workers, func(k int) {
		// Counted in locals: the workers' counts share a cache line.
		text, short := 0, 0
		for i := k * len(lines) / workers; i < (k+1)*len(lines)/workers; i++ {
			// The text read once: Document.Blank, then Text, read
			// it twice (on the tree of 10,000 small files, Blank took
			// 0.26% of the CPU of --check -j 1 and this loop 0.17%
			// more than when a line's text was a field; perf, 3 runs).
			t := doc.Text(i)
			blank[i] = normalize.BlankText(t)
			if !blank[i] {
				text++
				if len(t) < shortLine {
					short++
				}
			}
		}
		marks[k].text, marks[k].short = text, short
	})
	if style == Auto {
		textLines, shortLines := 0, 0
		for _, m := range marks {
			textLines += m.text
			shortLines += m.short
		}
		style = chooseStyle(blank, textLines, shortLines)
	}
	runs := segmentRuns(blank, style, workers)
	inParallel(len(runs), func(k int) {
		r := &runs[k]
		for i := r.lo; i < r.hi; i++ {
			if startsParagraph(blank, style, i) {
				r.paragraphs++
				if style == Blocks && i+1 < len(blank) && !blank[i+1] {
					r.joined++
				}
			}
		}
	})
	n, joined := 0, 0
	for k := range runs {
		runs[k].first = n
		n += runs[k].paragraphs
		joined += runs[k].joined
	}
	firsts = make([]int32, n)
	var texts []string
	if joined > 0 {
		lasts, texts = make([]int32, n), make([]string, n)
	}
	inParallel(len(runs), func(k int) {
		p := runs[k].first
		eachParagraph(blank, style, runs[k].lo, runs[k].hi, func(first, last int) {
			firsts[p] = int32(first)
			if texts != nil {
				lasts[p], texts[p] = int32(last), joinLines(doc, first, last)
			}
			p++
		})
	})
	return style, firsts, lasts, texts
}

// segmentRun is the lines [lo, hi) that one goroutine segments, and the
// paragraphs that start in them: their number and the index of the first.
type segmentRun struct {
	lo, hi            int
	paragraphs, first int
	joined            int // paragraphs of more than one line
}

// segmentRuns cuts the lines, whose blank ones blank marks, into at most
// workers runs of about the same number of lines, each starting with a
// paragraph's first line.
func segmentRuns(blank []bool, style Style, workers int) []segmentRun {
	runs := []segmentRun{{lo: 0, hi: len(blank)}}
	for k := 1; k < workers; k++ {
		cut := max(k*len(blank)/workers, runs[len(runs)-1].lo+1)
		for cut < len(blank) && !startsParagraph(blank, style, cut) {
			cut++
		}
		if cut >= len(blank) {
			break
		}
		runs[len(runs)-1].hi = cut
		runs = append(runs, segmentRun{lo: cut, hi: len(blank)})
	}
	return runs
}

// startsParagraph reports whether line i is the first line of a
// paragraph: a line of text, after a blank line in Blocks style; blank
// marks the blank lines.
func startsParagraph(blank []bool, style Style, i int) bool {
	return !blank[i] && (style != Blocks || i == 0 || blank[i-1])
}

// eachParagraph calls f with the first and last line of each paragraph
// that starts in lines [lo, hi), where line lo starts one (or lo is 0);
// blank marks the blank lines.
func eachParagraph(blank []bool, style Style, lo, hi int, f func(first, last int)) {
	for i := lo; i < hi; i++ {
		if blank[i] {
			continue
		}
		last := i
		if style == Blocks {
			for last+1 < len(blank) && !blank[last+1] {
				last++
			}
		}
		f(i, last)
		i = last
	}
}

// joinLines returns the texts of lines first to last of doc joined by
// "\n".
func joinLines(doc *normalize.Document, first, last int) string {
	if first == last {
		return doc.Text(first)
	}
	var b strings.Builder
	for i := first; i <= last; i++ {
		if i > first {
			b.WriteByte('\n')
		}
		b.WriteString(doc.Text(i))
	}
	return b.String()
}

// runeCount is utf8.RuneCountInString, named for what it measures here.
func runeCount(s string) int { return utf8.RuneCountInString(s) }
