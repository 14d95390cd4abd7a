package dedupe

import (
	"sort"
	"strings"

	"github.com/textclean/textclean/normalize"
)

// Clean normalizes input, removes what the scraper repeated and returns the
// clean text with a report of every change. It fails only for input that is
// not text: see [normalize.Normalizer.Document].
func Clean(input string, opts Options) (*Result, error) {
	n := normalize.New(opts.Normalize)
	doc, err := n.Document(input)
	if err != nil {
		return nil, err
	}
	c := cleaner{input: input, opts: &opts, norm: n, doc: doc}
	return c.clean(), nil
}

// cleaner holds the state of one Clean call.
type cleaner struct {
	input string
	opts  *Options
	norm  *normalize.Normalizer
	doc   *normalize.Document

	style     Style
	paras     []paragraph
	decisions []decision
	order     []int    // paragraph indexes in output order
	texts     []string // by output position: the text written
	outLine   []int    // by output position: the output line it starts on, 0 if dropped
	posOf     []int    // by paragraph index: its output position, -1 if none

	inputBreaks  breaksCache // by paragraph index: the line breaks of its text
	outputBreaks breaksCache // by output position: the line breaks of its final text
}

func (c *cleaner) clean() *Result {
	c.style = c.opts.Paragraphs
	if c.style == Auto {
		c.style = detectStyle(c.doc.Lines)
	}
	c.paras = segment(c.doc.Lines, c.style)

	t := newTable(len(c.paras))
	first := make([]int, len(c.paras))
	for i := range c.paras {
		first[i] = t.add(i, c.paras[i].text)
	}
	c.decisions = decide(c.paras, t, first, c.opts)
	c.order = outputOrder(c.decisions)
	c.posOf = make([]int, len(c.paras))
	for i := range c.posOf {
		c.posOf[i] = -1
	}
	c.texts = make([]string, len(c.order))
	for pos, i := range c.order {
		c.posOf[i] = pos
		c.texts[pos] = c.paras[i].text
	}
	var refs []sentenceRef
	var cuts []sentenceRemoval
	if !c.opts.NoSentences {
		refs, cuts = dropRepeatedSentences(c.texts, c.opts.minSentenceWords())
	}

	r := &Result{Style: c.style, Normalized: c.doc.Counts, ParagraphsIn: len(c.paras)}
	r.Text, r.ParagraphsOut = c.write()
	r.Changes = c.paragraphChanges()
	for _, cut := range cuts {
		r.Changes = append(r.Changes, c.sentenceChange(cut, refs))
	}
	sort.SliceStable(r.Changes, func(i, j int) bool { return r.Changes[i].Span.Start < r.Changes[j].Span.Start })
	return r
}

// write renders the output paragraphs, recording the line each starts on.
func (c *cleaner) write() (text string, paragraphs int) {
	var b strings.Builder
	nl := c.doc.Newline
	collapse := c.opts.Normalize.Skip.Has(normalize.BlankLines) == false
	line := 1
	c.outLine = make([]int, len(c.order))
	blanks := c.blankLinesBefore()
	for pos, i := range c.order {
		t := c.texts[pos]
		if t == "" {
			continue // every sentence in it was a repeat
		}
		blank := blanks[i]
		switch {
		case collapse && paragraphs == 0:
			blank = 0
		case collapse:
			blank = min(blank, 1)
		}
		if c.style == Blocks && paragraphs > 0 {
			blank = max(blank, 1)
		}
		if paragraphs == 0 {
			b.WriteString(c.doc.BOM)
		}
		for range blank {
			b.WriteString(nl)
		}
		line += blank
		c.outLine[pos] = line
		if nl != "\n" {
			t = strings.ReplaceAll(t, "\n", nl)
		}
		b.WriteString(t)
		b.WriteString(nl)
		line += 1 + strings.Count(t, nl)
		paragraphs++
	}
	return b.String(), paragraphs
}

// blankLinesBefore returns, by paragraph, the blank lines to write before
// it: for a kept paragraph, the most that stood before it or before any
// paragraph removed between it and the kept one before it, so that a section
// break is not lost with the paragraph that carried it.
func (c *cleaner) blankLinesBefore() []int {
	blanks := make([]int, len(c.paras))
	pending := 0
	for i, p := range c.paras {
		pending = max(pending, p.blankBefore)
		blanks[i] = p.blankBefore
		if c.decisions[i].fate == kept {
			blanks[i] = pending
			pending = 0
		}
	}
	return blanks
}

// lines returns the input lines of paragraphs first to last.
func (c *cleaner) lines(first, last int) LineRange {
	return LineRange{c.doc.Lines[c.paras[first].first].Number, c.doc.Lines[c.paras[last].last].Number}
}

// span returns the input bytes of paragraphs first to last.
func (c *cleaner) span(first, last int) Span {
	return Span{c.doc.Lines[c.paras[first].first].Start, c.doc.Lines[c.paras[last].last].End}
}

// outputLine returns the output line where paragraph i starts, or 0 if it
// is not in the output.
func (c *cleaner) outputLine(i int) int {
	if pos := c.posOf[i]; pos >= 0 {
		return c.outLine[pos]
	}
	return 0
}

// paragraphChanges reports removed paragraphs, grouped into runs, and moves.
func (c *cleaner) paragraphChanges() []Change {
	var changes []Change
	var parts []Change
	flush := func() {
		switch len(parts) {
		case 0:
		case 1:
			changes = append(changes, parts[0])
		default:
			run := Change{Kind: Run, Lines: LineRange{parts[0].Lines.First, parts[len(parts)-1].Lines.Last},
				Span: Span{parts[0].Span.Start, parts[len(parts)-1].Span.End}, OutputLine: parts[0].OutputLine}
			run.Kept = parts[0].Kept
			texts := make([]string, len(parts))
			for k := range parts {
				texts[k] = parts[k].Text
				run.Kept.First = min(run.Kept.First, parts[k].Kept.First)
				run.Kept.Last = max(run.Kept.Last, parts[k].Kept.Last)
				parts[k].Text = ""
			}
			run.Text = strings.Join(texts, "\n")
			run.Parts = parts
			changes = append(changes, run)
		}
		parts = nil
	}
	for i, d := range c.decisions {
		switch d.fate {
		case kept:
			flush()
		case removed:
			parts = append(parts, Change{Kind: Paragraph, Lines: c.lines(i, i), Span: c.span(i, i),
				Text: c.paras[i].text, Kept: c.lines(d.copyOf, d.copyOf), OutputLine: c.outputLine(d.copyOf)})
		case moved:
			changes = append(changes, Change{Kind: Move, Lines: c.lines(i, i), Span: c.span(i, i),
				Text: c.paras[i].text, Kept: c.lines(d.copyOf, d.copyOf), OutputLine: c.outputLine(i)})
		}
	}
	flush()
	return changes
}

// sentenceChange reports one removed sentence.
func (c *cleaner) sentenceChange(cut sentenceRemoval, refs []sentenceRef) Change {
	i := c.order[cut.pos]
	ch := Change{Kind: Sentence, Text: c.paras[i].text[cut.span.Start:cut.span.End]}
	ch.Lines, ch.Span = c.locate(i, cut.span.Start, cut.span.End)
	k := refs[cut.kept]
	j := c.order[k.pos]
	ch.Kept, _ = c.locate(j, k.span.Start, k.span.End)
	if c.outLine[k.pos] > 0 {
		ch.OutputLine = c.outLine[k.pos] + c.outputBreaks.of(k.pos, c.texts[k.pos]).lineOf(k.newStart)
	}
	return ch
}

// locate maps the byte range [start, end) of paragraph i's text to input
// lines and bytes.
func (c *cleaner) locate(i, start, end int) (LineRange, Span) {
	p := &c.paras[i]
	breaks := c.inputBreaks.of(i, p.text)
	first, last := p.first+breaks.lineOf(start), p.first+breaks.lineOf(max(end-1, start))
	lf, ll := &c.doc.Lines[first], &c.doc.Lines[last]
	return LineRange{lf.Number, ll.Number},
		Span{lf.Start + c.inputOffset(lf, start-breaks.lineStart(start), false), ll.Start + c.inputOffset(ll, end-breaks.lineStart(max(end-1, start)), true)}
}

// lineBreaks holds the offsets of the "\n"s of a text, to find the line of
// an offset in logarithmic time: a paragraph can have many lines and many
// sentences to locate.
type lineBreaks []int

func newLineBreaks(text string) lineBreaks {
	var b lineBreaks
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			return b
		}
		b = append(b, i+j)
		i += j + 1
	}
}

// lineOf returns the 0-based line of offset off.
func (b lineBreaks) lineOf(off int) int {
	return sort.SearchInts(b, off)
}

// lineStart returns the offset where the line holding off starts.
func (b lineBreaks) lineStart(off int) int {
	if l := b.lineOf(off); l > 0 {
		return b[l-1] + 1
	}
	return 0
}

// breaksCache remembers the lineBreaks of the texts it was asked for.
type breaksCache map[int]lineBreaks

func (m *breaksCache) of(key int, text string) lineBreaks {
	if *m == nil {
		*m = make(breaksCache)
	}
	b, ok := (*m)[key]
	if !ok {
		b = newLineBreaks(text)
		(*m)[key] = b
	}
	return b
}

// inputOffset maps an offset in line l's normalized text to its raw text.
func (c *cleaner) inputOffset(l *normalize.Line, off int, end bool) int {
	raw := c.input[l.Start:l.End]
	if raw == l.Text {
		return off
	}
	_, m := c.norm.LineOffsets(raw)
	if end {
		return m.End(off)
	}
	return m.Start(off)
}
