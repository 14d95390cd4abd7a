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
	// A paragraph has a line of text or more: sized for that many, the
	// slices are not copied as they grow.
	textLines := 0
	for i := range lines {
		if !lines[i].Blank() {
			textLines++
		}
	}
	paras := make([]paragraph, 0, textLines)
	texts := make([]string, 0, textLines)
	blank := 0
	for i := 0; i < len(lines); i++ {
		if lines[i].Blank() {
			blank++
			continue
		}
		last := i
		if style == Blocks {
			for last+1 < len(lines) && !lines[last+1].Blank() {
				last++
			}
		}
		paras = append(paras, paragraph{first: int32(i), last: int32(last), blankBefore: int32(blank)})
		texts = append(texts, joinLines(lines[i:last+1]))
		blank = 0
		i = last
	}
	return paras, texts
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
