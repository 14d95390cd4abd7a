package dedupe

import (
	"fmt"

	"github.com/textclean/textclean/normalize"
)

// Span is a byte range [Start, End) of the input.
type Span struct{ Start, End int }

// LineRange is the range of 1-based input or output lines First to Last,
// both included.
type LineRange struct{ First, Last int }

// Kind says what a Change did.
type Kind int

// The kinds of change.
const (
	// Run is a stretch of two or more paragraphs removed as a repeat of
	// kept ones; its Parts list them.
	Run Kind = iota
	// Paragraph is a single paragraph removed as a repeat.
	Paragraph
	// Sentence is a sentence removed from a kept paragraph as a repeat.
	Sentence
	// Move is a paragraph moved into the kept copy of the run it stood in.
	Move
	// Across is a paragraph removed because an earlier document has it
	// (Options.Elsewhere); Change.Elsewhere says where.
	Across
	// Boilerplate is a paragraph removed because many documents have it
	// (Options.Elsewhere); Change.Elsewhere says in how many.
	Boilerplate
	// JunkLine is a scraper junk line ("Advertisement", "Read more"),
	// removed wherever it stands; Change.Rule says which entry of the list
	// matched.
	JunkLine
	// Near is a paragraph removed as a near-duplicate of the kept copy
	// (Change.Similarity says how near); with Change.KeptLater, the
	// removed one was the earlier, less complete copy, and the later one
	// took its place.
	Near
	// Teaser is a paragraph cut off with "…" or "Read more" that a later
	// paragraph gives in full: the full one is kept, at the teaser's place.
	Teaser
)

var kindNames = [...]string{Run: "run", Paragraph: "paragraph", Sentence: "sentence", Move: "move", Across: "across", Boilerplate: "boilerplate", JunkLine: "junk", Near: "near", Teaser: "teaser"}

// String returns "run", "paragraph", "sentence", "move", "across",
// "boilerplate", "junk", "near" or "teaser".
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Change is one removal or move.
type Change struct {
	Kind Kind
	// Lines and Span say where the removed or moved text stands in the
	// input. For a run they cover it from its first removed paragraph to
	// its last, including any paragraph moved out of it.
	Lines LineRange
	Span  Span
	// Text is the normalized text removed or moved; for a run, the texts of
	// its parts, one per line.
	Text string
	// Kept is where the kept copy stands in the input (for a run, from the
	// first kept paragraph to the last). For a move it is the paragraph the
	// moved one now stands before (zero if it is the last).
	Kept LineRange
	// OutputLine is the output line where the kept copy starts, zero if
	// that copy did not survive (its sentences were all repeats); for a
	// move, where the moved paragraph now stands.
	OutputLine int
	// Parts lists the paragraphs a run removed, as Paragraph changes
	// without Text.
	Parts []Change
	// Elsewhere says, for Across and Boilerplate, where the copies are.
	Elsewhere *Copy
	// Rule is, for JunkLine, the entry of the junk list that matched.
	Rule string
	// Similarity is, for Near, the Jaccard similarity of the two copies.
	Similarity float64
	// KeptLater says, for Near and Teaser, that the removed paragraph was
	// the earlier copy and the later, more complete one took its place.
	KeptLater bool
}

// Result is what Clean made of an input.
type Result struct {
	// Text is the clean text. It ends with a line end unless it is empty.
	// When it is the input byte for byte, Clean gives back the input
	// string itself rather than a copy.
	Text string
	// Style is the paragraph style used (Blocks or Lines).
	Style Style
	// Normalized counts the changes of each normalization rule.
	Normalized normalize.Counts
	// ParagraphsIn and ParagraphsOut count paragraphs before and after.
	ParagraphsIn, ParagraphsOut int
	// Emptied counts the paragraphs that went because every sentence in
	// them was a repeat (their sentences are reported as Sentence changes).
	Emptied int
	// Changes lists every removal and move in input order.
	Changes []Change
	// Kept lists the paragraphs of the clean text in order, with their
	// keys: what other documents are deduplicated against.
	Kept []KeptParagraph

	// written says that the text is not in Text: CleanTo wrote it out,
	// or CleanLines gave it as lines; differs, that it differed from its
	// input; and writtenBytes the bytes of that text (see TextSize).
	written, differs bool
	writtenBytes     int
}

// TextSize returns the size of the clean text in bytes: len(Text); for a
// Result of CleanTo, which keeps no text, the size of the text it wrote
// (the whole text's, also when its writer failed part way), and for one
// of CleanLines, that of the text its lines make. Like Changed, it is
// worked out from the Result as it stands, so a caller that trims Text
// has the size of what it kept.
func (r *Result) TextSize() int {
	if r.written {
		return r.writtenBytes
	}
	return len(r.Text)
}

// Changed reports whether the clean text differs from input. For a Result
// of CleanTo or CleanLines, which do not keep the text, it reports
// whether the text they made differed from the input they were given,
// and input is not looked at.
func (r *Result) Changed(input string) bool {
	if r.written {
		return r.differs
	}
	return r.Text != input
}
