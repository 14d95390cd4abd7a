package dedupe

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"

	"github.com/textclean/textclean/normalize"
)

// Clean normalizes input, removes what the scraper repeated and returns the
// clean text with a report of every change. It fails only for input that is
// not text: see [normalize.Normalizer.Document]. From 256 KB of input on,
// Clean does part of its work on GOMAXPROCS goroutines; the result does not
// depend on how many.
func Clean(input string, opts Options) (*Result, error) {
	if len(input) > maxText {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, len(input), maxText)
	}
	doc, err := normalize.New(opts.Normalize).Document(input)
	if err != nil {
		return nil, err
	}
	if n := textSize(doc.Lines); n > maxText {
		return nil, fmt.Errorf("%w: %d bytes once normalized, more than %d", ErrTooLarge, n, maxText)
	}
	c := cleaner{input: input, opts: &opts, doc: doc}
	return c.clean(), nil
}

// ErrTooLarge is returned for an input of more than MaxInput bytes, or
// whose normalized text is larger than that (an invalid byte becomes a
// three-byte U+FFFD): Clean keeps the line and paragraph indexes and the
// offsets in a paragraph's text in 32 bits, which halves its memory per
// sentence.
var ErrTooLarge = errors.New("input too large")

// MaxInput is the most bytes Clean takes, as input and as normalized text:
// math.MaxInt32, so that indexes and offsets fit an int32 and a uint32.
const MaxInput = math.MaxInt32

// maxText is MaxInput, in a variable so tests can lower it.
var maxText = MaxInput

// textSize returns the bytes of the normalized text of lines, each with
// one byte for its line end: more than any paragraph's text, and than the
// number of lines.
func textSize(lines []normalize.Line) int {
	n := 0
	for i := range lines {
		n += len(lines[i].Text) + 1
	}
	return n
}

// maxRounds bounds the rounds of decisions. Removing a paragraph can make
// two short repeats adjacent, and cutting a sentence can make a paragraph a
// repeat, so Clean decides again on what it kept until nothing changes;
// that makes cleaning idempotent. Most texts settle in two rounds; of 3,000
// generated damaged articles none needed more than five. The bound keeps
// adversarial input linear.
const maxRounds = 16

// cleaner holds the state of one Clean call. Paragraphs keep their input
// index throughout; the slices indexed by paragraph say what became of each.
type cleaner struct {
	input string
	opts  *Options
	doc   *normalize.Document

	style      Style
	paras      []paragraph
	fate       []fate          // by paragraph
	copyOf     []int32         // by paragraph: for a removed one, the paragraph it repeats
	keptRepeat []bool          // by paragraph: a repeat that the paragraph rules kept (short, or recurring)
	text       []string        // by paragraph: its current text, after sentence cuts
	cut        map[int]cutText // by paragraph cut by sentence removals
	order      []int           // the paragraphs of the output, in order
	cuts       []cutRecord     // every sentence removed, in the order removed
	outLine    []uint32        // by paragraph: the output line it starts on, 0 if not in the output

	// The hash of the match key of each paragraph's current text (the key
	// itself is made again when needed: kept, keys would take as much
	// memory as the input), and its sentences, made once per text.
	hash      []Key // by paragraph: the Key of its current text; hash[i][0] is the table's hash
	keyed     []bool
	isJunk    []bool        // by paragraph: its current text is a junk line (made with its Key)
	sentences sentenceLists // by paragraph: the sentences of its current text
	scratch   scratch       // for the texts keyed and split one at a time
	keyBuf    []byte
	keyBuf2   []byte
	copies    map[int]Copy // by paragraph: why a paragraph other documents have went
	junk      *junkMatcher
	junkRule  map[int]string // by paragraph: the junk list entry it matched
	near      []nearInfo     // by paragraph: words and word sketch of its current text
	bagBuf    []uint64       // scratch for sentenceBag
	nearIdx   nearIndex      // dropNear's indexes, kept from round to round
	// recentShingles keeps the last shingle sets dropNear made.
	recentShingles [nearWindow + 2]shingleSet
	recentNext     int
	similarity     map[int]float64 // by paragraph: how near a near-duplicate was
	keptLater      map[int]bool    // by paragraph: a near-duplicate or teaser that gave way to a later, fuller copy

	inputBreaks  breaksCache                // by paragraph: the line breaks of its original text
	outputBreaks breaksCache                // by paragraph: the line breaks of its final text
	lineOffsets  map[int]*normalize.Offsets // by input line index: its normalized offsets mapped back
}

// cutText is what a paragraph cut by sentence removals keeps of its
// original text.
type cutText struct {
	original string
	pieces   pieces // maps its current text to original
}

// cutRecord is a sentence removed from paragraph para, a repeat of one in
// paragraph keptPara; both spans are in the paragraphs' original texts.
type cutRecord struct {
	para     int32
	orig     span32
	keptPara int32
	keptOrig span32
}

// clean finds the paragraphs, runs the rounds and returns what they did.
func (c *cleaner) clean() *Result {
	c.start()
	c.rounds()
	return c.result()
}

// rounds runs paragraph and sentence rounds until one removes nothing, at
// most maxRounds of them.
func (c *cleaner) rounds() {
	for range maxRounds {
		paragraphs := c.paragraphRound()
		sentences := !c.opts.NoSentences && c.sentenceRound()
		if !paragraphs && !sentences {
			break
		}
	}
}

// start finds the paragraphs and sets up the state the rounds work on.
func (c *cleaner) start() {
	c.style, c.paras, c.text = segmentOn(c.doc.Lines, c.opts.Paragraphs, c.workers())
	n := len(c.paras)
	c.fate = make([]fate, n)
	c.copyOf = make([]int32, n)
	c.keptRepeat = make([]bool, n)
	c.hash, c.keyed, c.isJunk = make([]Key, n), make([]bool, n), make([]bool, n)
	c.sentences.refs = make([]sentenceRef, n)
	c.copies = make(map[int]Copy)
	c.junkRule = make(map[int]string)
	c.near = make([]nearInfo, n)
	c.similarity, c.keptLater = make(map[int]float64), make(map[int]bool)
	j := c.opts.Junk
	if j == nil {
		j = &Junk{}
	}
	c.junk = newJunkMatcher(j)
	c.cut = make(map[int]cutText)
	c.order = make([]int, n)
	for i := range c.order {
		c.order[i] = i
	}
	c.prepare()
}

// workers returns the goroutines that segment, prepare and write use:
// GOMAXPROCS from parallelBytes of input on, else one.
func (c *cleaner) workers() int {
	if len(c.input) < parallelBytes {
		return 1
	}
	return runtime.GOMAXPROCS(0)
}

// result writes the clean text and the changes the rounds decided on.
func (c *cleaner) result() *Result {
	r := &Result{Style: c.style, Normalized: c.doc.Counts, ParagraphsIn: len(c.paras)}
	r.Kept = make([]KeptParagraph, len(c.order))
	for k, i := range c.order {
		r.Kept[k] = KeptParagraph{Key: c.keyOf(i), Lines: c.lines(i, i)}
	}
	c.freeRounds()
	r.Text, r.ParagraphsOut = c.write()
	r.Changes = c.paragraphChanges()
	for _, cut := range c.cuts {
		r.Changes = append(r.Changes, c.sentenceChange(cut))
	}
	sort.SliceStable(r.Changes, func(i, j int) bool { return r.Changes[i].Span.Start < r.Changes[j].Span.Start })
	for _, f := range c.fate {
		if f == emptied {
			r.Emptied++
		}
	}
	return r
}

// freeRounds lets go of what only the rounds use: the sentences, keys and
// near-duplicate information of every paragraph. For a big document they
// are as large as the text that write makes next.
func (c *cleaner) freeRounds() {
	c.sentences.refs, c.sentences.slabs, c.near = nil, nil, nil
	c.hash, c.keyed, c.isJunk = nil, nil, nil
	c.keptRepeat = nil
	c.scratch = scratch{}
	c.keyBuf, c.keyBuf2, c.bagBuf = nil, nil, nil
	c.nearIdx = nearIndex{}
	c.recentShingles = [nearWindow + 2]shingleSet{}
}

// currentTexts returns the current texts of the output paragraphs, in order.
func (c *cleaner) currentTexts() []string {
	texts := make([]string, len(c.order))
	for pos, i := range c.order {
		texts[pos] = c.text[i]
	}
	return texts
}

// paragraphRound decides on the paragraphs of the output as they stand, and
// reports whether it removed or moved any.
func (c *cleaner) paragraphRound() bool {
	dropped := c.dropJunk()
	texts := c.currentTexts()
	t := newTable(len(texts), func(pos int) string { return texts[pos] })
	for pos, i := range c.order {
		c.ensureKey(i)
		t.add(pos, c.hash[i][0])
	}

	d := decide(texts, t, c.opts)
	// Texts that the rules keep more than once (short or recurring ones)
	// are protected from sentence cuts, every copy of them: the paragraph
	// rules decided that they stay.
	keptCopies := make([]int32, len(texts)) // by root position
	for pos := range d {
		if d[pos].fate != removed {
			keptCopies[t.rootOf(pos)]++
		}
	}
	changed := false
	for pos, dec := range d {
		i := c.order[pos]
		c.keptRepeat[i] = dec.fate != removed && keptCopies[t.rootOf(pos)] > 1
		switch dec.fate {
		case removed:
			c.fate[i], c.copyOf[i] = removed, int32(c.order[dec.copyOf])
			changed = true
		case moved:
			c.fate[i] = moved
			changed = true
		}
	}
	if changed {
		positions := outputOrder(d)
		order := make([]int, len(positions))
		for k, pos := range positions {
			order[k] = c.order[pos]
		}
		c.order = order
	}
	if c.dropNear() {
		changed = true
	}
	if c.opts.Elsewhere != nil && c.dropElsewhere() {
		changed = true
	}
	return changed || dropped
}

// dropJunk removes from the output the paragraphs that are scraper junk
// lines, and reports whether there were any.
func (c *cleaner) dropJunk() bool {
	return c.dropWhere(junkLine, func(i int) bool {
		if c.ensureKey(i); !c.isJunk[i] {
			return false
		}
		c.keyBuf = c.appendKey(c.keyBuf[:0], i)
		c.junkRule[i], _ = c.junk.match(c.text[i], c.keyBuf)
		return true
	})
}

// dropElsewhere removes from the output the paragraphs that Options.Elsewhere
// says other documents have, and reports whether there were any.
func (c *cleaner) dropElsewhere() bool {
	return c.dropWhere(elsewhere, func(i int) bool {
		cp, ok := c.opts.Elsewhere.Find(c.keyOf(i), runeCount(c.text[i]))
		if ok {
			c.copies[i] = cp
		}
		return ok
	})
}

// dropWhere removes from the output the paragraphs for which drop says
// so, giving them fate f, and reports whether there were any.
func (c *cleaner) dropWhere(f fate, drop func(i int) bool) bool {
	order := c.order[:0]
	for _, i := range c.order {
		if drop(i) {
			c.fate[i] = f
			continue
		}
		order = append(order, i)
	}
	dropped := len(order) < len(c.order)
	c.order = order
	return dropped
}

// appendKey appends the match key of paragraph i's current text to dst.
func (c *cleaner) appendKey(dst []byte, i int) []byte { return appendKey(dst, c.text[i]) }

// ensureKey makes what keyText makes of paragraph i's current text, if it
// is not made yet.
func (c *cleaner) ensureKey(i int) {
	if !c.keyed[i] {
		c.keyText(i, &c.scratch)
	}
}

// keyText makes, in one making of the match key of paragraph i's current
// text, its Key, whether it is a junk line, with near-duplicates on its
// near-duplicate information and, with sentences on, its sentences (see
// splitText) unless they are made. It reads only the paragraph's text and
// writes only its own entries: calls for different paragraphs can run at
// once, each with its own scratch.
func (c *cleaner) keyText(i int, s *scratch) {
	if c.opts.NoSentences || c.sentences.split(i) {
		s.key = c.appendKey(s.key[:0], i)
	} else {
		c.splitText(i, s) // the key comes with the sentences'
	}
	c.hash[i] = keyOf(s.key, &s.digest)
	_, c.isJunk[i] = c.junk.match(c.text[i], s.key)
	if c.opts.similarity() >= 0 {
		c.setNear(i, s.key, s)
	}
	c.keyed[i] = true
}

// keyOf returns the Key of paragraph i's current text.
func (c *cleaner) keyOf(i int) Key {
	c.ensureKey(i)
	return c.hash[i]
}

// blankLinesBefore returns, by paragraph, the blank lines to write before
// it: for a kept paragraph, the most that stood before it or before any
// paragraph removed between it and the kept one before it, so that a section
// break is not lost with the paragraph that carried it.
func (c *cleaner) blankLinesBefore() []int32 {
	blanks := make([]int32, len(c.paras))
	pending := int32(0)
	for i, p := range c.paras {
		pending = max(pending, p.blankBefore)
		blanks[i] = p.blankBefore
		if c.fate[i] == kept {
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

// originalText returns paragraph i's text as segment made it, before any
// sentence cuts.
func (c *cleaner) originalText(i int) string {
	if ct, ok := c.cut[i]; ok {
		return ct.original
	}
	return c.text[i]
}

// span returns the input bytes of paragraphs first to last.
func (c *cleaner) span(first, last int) Span {
	return Span{c.doc.Lines[c.paras[first].first].Start, c.doc.Lines[c.paras[last].last].End}
}

// finalCopy follows removed paragraphs to the copy of paragraph i that
// stayed (or that was itself emptied by sentence cuts).
func (c *cleaner) finalCopy(i int) int {
	for c.fate[i] == removed || c.fate[i] == near || c.fate[i] == teaser {
		i = int(c.copyOf[i])
	}
	return i
}

// paragraphChanges reports removed paragraphs, grouped into runs, and moves.
func (c *cleaner) paragraphChanges() []Change {
	next := make(map[int]int) // a moved paragraph → the one after it in the output
	for k, i := range c.order {
		if c.fate[i] == moved && k+1 < len(c.order) {
			next[i] = c.order[k+1]
		}
	}
	sep := "\n"
	if c.style == Blocks {
		sep = "\n\n"
	}
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
			run.Text = strings.Join(texts, sep)
			run.Parts = parts
			changes = append(changes, run)
		}
		parts = nil
	}
	for i, f := range c.fate {
		switch f {
		case kept, emptied:
			flush()
		case junkLine:
			flush()
			changes = append(changes, Change{Kind: JunkLine, Lines: c.lines(i, i), Span: c.span(i, i), Text: c.text[i], Rule: c.junkRule[i]})
		case elsewhere:
			flush()
			cp := c.copies[i]
			kind := Across
			if cp.Documents > 0 {
				kind = Boilerplate
			}
			changes = append(changes, Change{Kind: kind, Lines: c.lines(i, i), Span: c.span(i, i), Text: c.text[i], Elsewhere: &cp})
		case removed, near, teaser:
			k := c.finalCopy(i)
			kind := Paragraph
			switch f {
			case near:
				kind = Near
			case teaser:
				kind = Teaser
			}
			parts = append(parts, Change{Kind: kind, Lines: c.lines(i, i), Span: c.span(i, i),
				Text: c.text[i], Kept: c.lines(k, k), OutputLine: int(c.outLine[k]),
				Similarity: c.similarity[i], KeptLater: c.keptLater[i]})
		case moved:
			m := Change{Kind: Move, Lines: c.lines(i, i), Span: c.span(i, i), Text: c.text[i], OutputLine: int(c.outLine[i])}
			if j, ok := next[i]; ok {
				m.Kept = c.lines(j, j)
			}
			changes = append(changes, m)
		}
	}
	flush()
	return changes
}

// sentenceChange reports one removed sentence.
func (c *cleaner) sentenceChange(cut cutRecord) Change {
	i, j := int(cut.para), int(cut.keptPara)
	orig, keptOrig := span{int(cut.orig.start), int(cut.orig.end)}, span{int(cut.keptOrig.start), int(cut.keptOrig.end)}
	ch := Change{Kind: Sentence, Text: c.originalText(i)[orig.start:orig.end]}
	ch.Lines, ch.Span = c.locate(i, orig.start, orig.end)
	if c.fate[j] == removed {
		// Its paragraph went later as a repeat: point at the copy that stayed.
		k := c.finalCopy(j)
		ch.Kept, ch.OutputLine = c.lines(k, k), int(c.outLine[k])
		return ch
	}
	ch.Kept, _ = c.locate(j, keptOrig.start, keptOrig.end)
	if c.outLine[j] > 0 {
		ch.OutputLine = int(c.outLine[j]) + c.outputBreaks.of(j, c.text[j]).lineOf(c.cut[j].pieces.toCur(keptOrig.start))
	}
	return ch
}

// locate maps the byte range [start, end) of paragraph i's text to input
// lines and bytes.
func (c *cleaner) locate(i, start, end int) (LineRange, Span) {
	p := &c.paras[i]
	breaks := c.inputBreaks.of(i, c.originalText(i))
	first, last := int(p.first)+breaks.lineOf(start), int(p.first)+breaks.lineOf(max(end-1, start))
	lf, ll := &c.doc.Lines[first], &c.doc.Lines[last]
	return LineRange{lf.Number, ll.Number},
		Span{c.inputOffset(first, start-breaks.lineStart(start), false), c.inputOffset(last, end-breaks.lineStart(max(end-1, start)), true)}
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

// inputOffset maps an offset in the normalized text of line i to the
// input.
func (c *cleaner) inputOffset(i, off int, end bool) int {
	l := &c.doc.Lines[i]
	if c.input[l.Start:l.End] == l.Text {
		return l.Start + off
	}
	// A line holds many sentences to locate: map it once.
	m, ok := c.lineOffsets[i]
	if !ok {
		if c.lineOffsets == nil {
			c.lineOffsets = make(map[int]*normalize.Offsets)
		}
		m = c.doc.LineOffsets(i)
		c.lineOffsets[i] = m
	}
	if end {
		return l.Start + m.End(off)
	}
	return l.Start + m.Start(off)
}
