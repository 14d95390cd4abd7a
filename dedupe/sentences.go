package dedupe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/textclean/textclean/internal/sentence"
)

// sentenceRef locates one sentence of the output: the output position of its
// paragraph and its span in the paragraph's text (before and after the
// repeats in it are cut).
type sentenceRef struct {
	pos      int
	span     sentence.Span
	newStart int // start in the paragraph's final text; -1 if removed
}

// sentenceRemoval is a repeated sentence cut from a paragraph.
type sentenceRemoval struct {
	pos  int           // output position of the paragraph
	span sentence.Span // in the paragraph's text before the cut
	kept int           // index into refs of the kept copy
}

// dropRepeatedSentences removes from each paragraph, in output order, the
// sentences of at least minWords words that appeared earlier in the kept
// text. texts holds the paragraphs' texts by output position and is
// rewritten in place; a paragraph left with no text becomes "". Paragraphs
// marked in keep are left whole (their sentences still count as seen): they
// are repeats that the paragraph rules chose to keep.
func dropRepeatedSentences(texts []string, keep []bool, minWords int) ([]sentenceRef, []sentenceRemoval) {
	t := newTable(len(texts))
	var refs []sentenceRef
	var cuts []sentenceRemoval
	var spans []sentence.Span
	for pos, text := range texts {
		spans = sentence.AppendSplit(spans[:0], text)
		firstRef := len(refs)
		cut := false
		for _, sp := range spans {
			id := len(refs)
			refs = append(refs, sentenceRef{pos: pos, span: sp, newStart: sp.Start})
			s := text[sp.Start:sp.End]
			if countWords(s) < minWords {
				t.add(id, "") // keeps t's indexes in step with refs; the empty key is never compared
				continue
			}
			if k := t.add(id, s); k >= 0 && !keep[pos] {
				refs[id].newStart = -1
				cuts = append(cuts, sentenceRemoval{pos: pos, span: sp, kept: k})
				cut = true
			}
		}
		if cut {
			texts[pos] = rebuild(text, refs[firstRef:])
		}
	}
	return refs, cuts
}

// rebuild joins the sentences of text that are not removed, and sets their
// newStart. Between two kept sentences it keeps the white space that stood
// between them, or where removed sentences stood between them, a line break
// if there was one and otherwise the space that followed the first.
func rebuild(text string, refs []sentenceRef) string {
	var b strings.Builder
	prevEnd := -1
	for i := range refs {
		r := &refs[i]
		if r.newStart < 0 {
			continue
		}
		if prevEnd >= 0 {
			between := text[prevEnd:r.span.Start]
			switch {
			case strings.TrimSpace(between) == "":
				b.WriteString(between)
			case strings.Contains(between, "\n"):
				b.WriteByte('\n')
			default:
				b.WriteString(between[:len(between)-len(strings.TrimLeftFunc(between, unicode.IsSpace))])
			}
		}
		r.newStart = b.Len()
		b.WriteString(text[r.span.Start:r.span.End])
		prevEnd = r.span.End
	}
	return b.String()
}

// countWords counts the runs of non-space characters in s.
func countWords(s string) int {
	n, inWord := 0, false
	for _, r := range s {
		switch {
		case r == ' ' || r == '\n' || r == '\t' || r >= utf8.RuneSelf && unicode.IsSpace(r):
			inWord = false
		case !inWord:
			inWord = true
			n++
		}
	}
	return n
}
