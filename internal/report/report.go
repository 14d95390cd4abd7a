// Package report renders a dedupe.Result as the JSON report that
// textclean --report writes: one object per input, one per line.
package report

import (
	"encoding/json"
	"io"
	"math"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/normalize"
)

// Report is the JSON form of one cleaned input. The README documents it.
type Report struct {
	Input           string          `json:"input"`
	Line            int             `json:"line,omitempty"`             // JSON Lines: the record's line
	ID              json.RawMessage `json:"id,omitempty"`               // JSON Lines: the record's --id-field, else its line number
	Encoding        string          `json:"encoding,omitempty"`         // the input's encoding
	EncodingGuessed bool            `json:"encoding_guessed,omitempty"` // guessed, not declared by a BOM or --encoding
	BytesIn         int             `json:"bytes_in"`
	BytesOut        int             `json:"bytes_out"`
	Style           string          `json:"style"`
	ParagraphsIn    int             `json:"paragraphs_in"`
	ParagraphsOut   int             `json:"paragraphs_out"`
	Normalized      map[string]int  `json:"normalized"`
	Removed         Removed         `json:"removed"`
	Moved           int             `json:"moved"`
	Changes         []Change        `json:"changes"`
	// Edits lists each normalization change (textclean --explain): absent
	// unless asked for, as a long input can have one on every line.
	Edits []Edit `json:"edits,omitempty"`
}

// Edit is one normalization change: rule replaced before with after at byte
// offset offset, which is line line, byte column column. Where rules build
// on each other, before is the text as the earlier rule left it.
type Edit struct {
	Rule   string `json:"rule"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Offset int    `json:"offset"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// EditsOf converts normalization edits to their JSON form.
func EditsOf(edits []normalize.Edit) []Edit {
	out := make([]Edit, len(edits))
	for i, e := range edits {
		out[i] = Edit{Rule: e.Rule.String(), Line: e.Line, Column: e.Column, Offset: e.Offset, Before: e.Before, After: e.After}
	}
	return out
}

// Removed counts what was removed: the runs reported, the paragraphs
// removed as repeats, the sentences removed, the paragraphs that went
// because all their sentences were repeats, those other documents have
// (--across, --boilerplate), junk lines, near-duplicates and teasers. A
// run's parts count by their own kind. So paragraphs_in = paragraphs_out +
// paragraphs + emptied + across + boilerplate + junk + near + teasers.
type Removed struct {
	Runs        int `json:"runs"`
	Paragraphs  int `json:"paragraphs"`
	Sentences   int `json:"sentences"`
	Emptied     int `json:"emptied"`
	Across      int `json:"across,omitempty"`
	Boilerplate int `json:"boilerplate,omitempty"`
	Junk        int `json:"junk,omitempty"`
	Near        int `json:"near,omitempty"`
	Teasers     int `json:"teasers,omitempty"`
}

// Change is one removal or move. Lines are 1-based and inclusive; Span is
// the half-open byte range [start, end) of the input.
type Change struct {
	Kind       string   `json:"kind"`
	Lines      [2]int   `json:"lines"`
	Span       [2]int   `json:"span"`
	Text       string   `json:"text,omitempty"`
	Kept       *Place   `json:"kept,omitempty"`
	Before     *Place   `json:"before,omitempty"`
	OutputLine int      `json:"output_line,omitempty"`
	Parts      []Change `json:"parts,omitempty"`
	Documents  int      `json:"documents,omitempty"`  // boilerplate: how many documents have it
	Rule       string   `json:"rule,omitempty"`       // junk: the entry of the junk list that matched
	Similarity float64  `json:"similarity,omitempty"` // near: the Jaccard similarity of the two copies
	KeptLater  bool     `json:"kept_later,omitempty"` // near, teaser: the later, fuller copy took this one's place
}

// Place is where a kept copy stands: its input lines and the output line it
// starts on (absent when it did not survive, e.g. all its sentences were
// repeats).
type Place struct {
	Input      string `json:"input,omitempty"` // across: the earlier document that has it
	Lines      [2]int `json:"lines"`
	OutputLine int    `json:"output_line,omitempty"`
}

// New builds the report of input, named name, cleaned into r. Its
// BytesOut is r.TextSize(), so a Result of dedupe.CleanTo, which keeps no
// text, has its size too.
func New(name, input string, r *dedupe.Result) *Report {
	rep := &Report{
		Input:         name,
		BytesIn:       len(input),
		BytesOut:      r.TextSize(),
		Style:         r.Style.String(),
		ParagraphsIn:  r.ParagraphsIn,
		ParagraphsOut: r.ParagraphsOut,
		Normalized:    make(map[string]int),
		Changes:       make([]Change, 0, len(r.Changes)),
	}
	rep.Removed, rep.Moved = Tally(r)
	for _, rule := range normalize.Rules() {
		rep.Normalized[rule.String()] = r.Normalized.Of(rule)
	}
	for i := range r.Changes {
		rep.Changes = append(rep.Changes, change(&r.Changes[i]))
	}
	return rep
}

// Tally counts the changes of r as its Report does: what was removed, and
// how many paragraphs moved. It is for callers that need the counts alone.
func Tally(r *dedupe.Result) (removed Removed, moved int) {
	removed.Emptied = r.Emptied
	for i := range r.Changes {
		count(&r.Changes[i], &removed, &moved)
	}
	return removed, moved
}

func change(c *dedupe.Change) Change {
	out := Change{
		Kind:       c.Kind.String(),
		Lines:      [2]int{c.Lines.First, c.Lines.Last},
		Span:       [2]int{c.Span.Start, c.Span.End},
		Text:       c.Text,
		Similarity: math.Round(c.Similarity*1000) / 1000,
		KeptLater:  c.KeptLater,
	}
	if c.Kind == dedupe.JunkLine {
		out.Rule = c.Rule
		return out
	}
	if c.Elsewhere != nil {
		if c.Elsewhere.Documents > 0 {
			out.Documents = c.Elsewhere.Documents
		} else {
			out.Kept = &Place{Input: c.Elsewhere.Doc, Lines: [2]int{c.Elsewhere.Lines.First, c.Elsewhere.Lines.Last}}
		}
		return out
	}
	place := &Place{Lines: [2]int{c.Kept.First, c.Kept.Last}}
	if c.Kind == dedupe.Move {
		if c.Kept.First > 0 {
			out.Before = place
		}
		out.OutputLine = c.OutputLine
	} else {
		place.OutputLine = c.OutputLine
		out.Kept = place
	}
	// A run's parts are made at their number, not grown by append: a run
	// can hold hundreds of thousands (tiny-repeated in dedupe's
	// BenchmarkAdversarial, 669k at 10 MB, 152 bytes each), and growing
	// them, the copies and the garbage collections of the slices left
	// behind, took 38-45% of its report's CPU time (1 MB 114.9 -> 63.6 ms,
	// 10 MB 1044 -> 650 ms, minimums of 6, load 3.5-7).
	if len(c.Parts) > 0 {
		out.Parts = make([]Change, len(c.Parts))
		for i := range c.Parts {
			out.Parts[i] = change(&c.Parts[i])
		}
	}
	return out
}

// Write writes rep to w as one line of JSON.
func (rep *Report) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}

// count adds change c to removed and moved; a run's parts count by their
// own kind (a run can hold near-duplicates and teasers as well as repeats).
func count(c *dedupe.Change, removed *Removed, moved *int) {
	switch c.Kind {
	case dedupe.Run:
		removed.Runs++
		for i := range c.Parts {
			count(&c.Parts[i], removed, moved)
		}
	case dedupe.Paragraph:
		removed.Paragraphs++
	case dedupe.Sentence:
		removed.Sentences++
	case dedupe.Move:
		*moved++
	case dedupe.Across:
		removed.Across++
	case dedupe.Boilerplate:
		removed.Boilerplate++
	case dedupe.JunkLine:
		removed.Junk++
	case dedupe.Near:
		removed.Near++
	case dedupe.Teaser:
		removed.Teasers++
	}
}
