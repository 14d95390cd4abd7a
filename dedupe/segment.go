package dedupe

import (
	"strings"
	"unicode/utf8"

	"github.com/textclean/textclean/normalize"
)

// paragraph is one paragraph of the input: a run of lines of doc.Lines.
// There is one for every paragraph of the document, so it holds int32s
// (Clean takes no more than maxText bytes, hence lines) and not its text,
// which the cleaner keeps once, as its current text, until it changes.
type paragraph struct {
	first, last int32 // indexes into doc.Lines
	blankBefore int32 // blank lines between it and the paragraph before (or the start)
}

// detectStyle chooses Blocks when blank lines separate the paragraphs: when
// blank lines stand between lines of text and either they are frequent (at
// least one run for every four lines of text) or most lines are short
// (under shortLine bytes), as in hard-wrapped text. A stray blank line in
// text with one long paragraph per line does not make it Blocks.
func detectStyle(lines []normalize.Line) Style {
	separators, textLines, shortLines := 0, 0, 0
	blank := false
	for i := range lines {
		if lines[i].Blank() {
			blank = textLines > 0
			continue
		}
		if blank {
			separators++
			blank = false
		}
		textLines++
		if len(lines[i].Text) < shortLine {
			shortLines++
		}
	}
	if separators > 0 && (4*separators >= textLines || 2*shortLines > textLines) {
		return Blocks
	}
	return Lines
}

// shortLine is the length in bytes under which a line is short for
// detectStyle: hard-wrapped text has lines of 60 to 80 characters.
const shortLine = 100

// segment splits the lines into paragraphs in the given style, and returns
// them with their texts: the normalized lines of each, joined by "\n".
func segment(lines []normalize.Line, style Style) ([]paragraph, []string) {
	return segmentOn(lines, style, 1)
}

// segmentOn is segment on up to workers goroutines. It cuts the lines at
// paragraph starts into one run per worker; each run's goroutine marks
// its blank lines and counts its paragraphs, then, in the slices of
// their exact size, fills in its paragraphs and texts. Whether a line is
// blank is found once, in the first pass: it reads the line's first
// byte, one cache miss a line on a big input, where the marks are read in
// order.
func segmentOn(lines []normalize.Line, style Style, workers int) ([]paragraph, []string) {
	runs := segmentRuns(lines, style, workers)
	blank := make([]bool, len(lines))
	inParallel(len(runs), func(k int) {
		r := &runs[k]
		for i := r.lo; i < r.hi; i++ {
			blank[i] = lines[i].Blank()
			if !blank[i] && (style != Blocks || i == r.lo || blank[i-1]) {
				r.paragraphs++
			}
		}
	})
	n := 0
	for k := range runs {
		runs[k].first = n
		n += runs[k].paragraphs
	}
	paras := make([]paragraph, n)
	texts := make([]string, n)
	inParallel(len(runs), func(k int) {
		p := runs[k].first
		eachParagraph(blank, style, runs[k].lo, runs[k].hi, func(first, last, before int) {
			paras[p] = paragraph{first: int32(first), last: int32(last), blankBefore: int32(before)}
			texts[p] = joinLines(lines[first : last+1])
			p++
		})
	})
	return paras, texts
}

// segmentRun is the lines [lo, hi) that one goroutine segments, and the
// paragraphs that start in them: their number and the index of the first.
type segmentRun struct {
	lo, hi            int
	paragraphs, first int
}

// segmentRuns cuts lines into at most workers runs of about the same
// number of lines, each starting with a paragraph's first line.
func segmentRuns(lines []normalize.Line, style Style, workers int) []segmentRun {
	runs := []segmentRun{{lo: 0, hi: len(lines)}}
	for k := 1; k < workers; k++ {
		cut := max(k*len(lines)/workers, runs[len(runs)-1].lo+1)
		for cut < len(lines) && !startsParagraph(lines, style, cut) {
			cut++
		}
		if cut >= len(lines) {
			break
		}
		runs[len(runs)-1].hi = cut
		runs = append(runs, segmentRun{lo: cut, hi: len(lines)})
	}
	return runs
}

// startsParagraph reports whether lines[i] is the first line of a
// paragraph: a line of text, after a blank line in Blocks style.
func startsParagraph(lines []normalize.Line, style Style, i int) bool {
	return !lines[i].Blank() && (style != Blocks || i == 0 || lines[i-1].Blank())
}

// eachParagraph calls f with the first and last line of each paragraph
// that starts in lines [lo, hi), where line lo starts one (or lo is 0),
// and the blank lines before it; blank marks the blank lines.
func eachParagraph(blank []bool, style Style, lo, hi int, f func(first, last, blank int)) {
	before := 0
	for i := lo - 1; i >= 0 && blank[i]; i-- {
		before++ // the blank lines before the run, at the end of the one before
	}
	for i := lo; i < hi; i++ {
		if blank[i] {
			before++
			continue
		}
		last := i
		if style == Blocks {
			for last+1 < len(blank) && !blank[last+1] {
				last++
			}
		}
		f(i, last, before)
		before = 0
		i = last
	}
}

func joinLines(lines []normalize.Line) string {
	if len(lines) == 1 {
		return lines[0].Text
	}
	var b strings.Builder
	for i := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(lines[i].Text)
	}
	return b.String()
}

// runeCount is utf8.RuneCountInString, named for what it measures here.
func runeCount(s string) int { return utf8.RuneCountInString(s) }
