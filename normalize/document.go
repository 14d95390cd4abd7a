package normalize

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
)

// ErrBinary is returned for input that holds a NUL byte: it is not text.
var ErrBinary = errors.New("binary data")

// ErrTooLarge is returned for an input of more than MaxInput bytes.
var ErrTooLarge = errors.New("input too large")

// MaxInput is the most bytes a Document can be made of: math.MaxInt32, so
// that a Line's offsets fit 32 bits (see Line).
const MaxInput = math.MaxInt32

// maxInput is MaxInput, in a variable so tests can lower it.
var maxInput = MaxInput

// ErrInvalidUTF8 is returned under Options.Strict for input that is not
// valid UTF-8.
var ErrInvalidUTF8 = errors.New("invalid UTF-8")

// Line is one line of an input: Document.Lines[i] is the input's line
// i+1, and Document.Text(i) its normalized text. LF, CRLF and a lone CR
// each end a line. It has no field for its number, which its index
// tells: there is a Line for every line of the input, and 8 bytes a line
// were 4.3 MiB of the 560,000 lines of the 100 MB benchmark stream, held
// through all of dedupe's rounds. Its offsets are 32 bits for the same
// reason (another 8 bytes a line): an input has at most MaxInput bytes.
// Nor does it hold its text, which for most lines is its span of the
// input (see Document.Text).
type Line struct {
	Start, End int32 // byte span of the line's content in the input, without its line end
}

// Document is a normalized input, line by line.
type Document struct {
	Lines  []Line
	Counts Counts
	// BOM is the byte-order mark to write before the text: empty unless the
	// input began with one and the BOM rule is off.
	BOM string
	// Newline is the line end to write: "\n", or with the Newlines rule off
	// the input's first line end.
	Newline string
	// FinalNewline reports whether the input ended with a line end.
	FinalNewline bool

	// changed marks the lines whose text is not their span of the input,
	// refs says where those texts lie, in line order, and places holds
	// what they lie in: windows of the input, the chunks' blocks and
	// texts of their own (see textRef).
	changed []changedLines
	refs    []textRef
	places  []string

	joins map[int][]layer // by line index: what the Hyphenation rule did to it
	input string          // the text the document was made of
	opts  Options         // the options that made it
}

// Document splits input into lines and normalizes each. It fails with
// ErrBinary when input holds a NUL byte, with ErrInvalidUTF8 when input is
// not valid UTF-8 and Options.Strict is set (the error then says where),
// and with ErrTooLarge when input has more than MaxInput bytes.
func (n *Normalizer) Document(input string) (*Document, error) {
	if len(input) > maxInput {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, len(input), maxInput)
	}
	text := input
	start := 0
	if strings.HasPrefix(text, "\ufeff") {
		start = len("\ufeff")
	}
	chunks := lineChunks(text, start)
	eachChunk(chunks, func(ch *lineChunk) { ch.scan(text, n.opts.Strict || n.validOnly) })
	if err := firstError(input, chunks, n.opts.Strict); err != nil {
		return nil, err
	}
	d := &Document{Newline: "\n", input: input, opts: n.opts}
	if start > 0 {
		if n.opts.on(BOM) {
			d.Counts[BOM]++
		} else {
			d.BOM = "\ufeff"
		}
	}
	lines := 0
	for k := range chunks {
		chunks[k].first = lines
		lines += chunks[k].lines
	}
	d.Lines = make([]Line, lines)
	var blank []bool // which lines are blank, for the BlankLines rule
	if n.opts.on(BlankLines) {
		blank = make([]bool, lines)
	}
	eachChunk(chunks, func(ch *lineChunk) {
		m := n
		if ch != &chunks[0] {
			m = New(n.opts) // a Normalizer's buffers are its own
		}
		if final := m.lines(d, text, ch, blank); ch.end == len(text) {
			d.FinalNewline = final
		}
	})
	var hyphens []int // the lines that end with a hyphen, for the Hyphenation rule
	for k := range chunks {
		d.Counts.Add(chunks[k].counts)
		hyphens = append(hyphens, chunks[k].hyphens...)
	}
	d.joinChunkTexts(chunks)
	// The first line is in the first chunk: its CRs are those that count.
	if end, next := lineEnd(text, int(d.Lines[0].Start), chunks[0].hasCR); next > end && !n.opts.on(Newlines) {
		d.Newline = text[end:next] // the first line end sets the style
	}
	if !d.FinalNewline && !d.Blank(len(d.Lines)-1) && n.opts.on(Newlines) {
		d.Counts[Newlines]++ // String ends the text with a line end
	}
	if n.opts.on(Hyphenation) {
		d.rejoinHyphenated(&d.Counts, hyphens)
	}
	if n.opts.on(BlankLines) {
		// A rejoin leaves text at both ends of both its lines: the blank
		// lines are those the chunks found.
		d.Counts[BlankLines] = d.extraBlankLines(blank)
	}
	return d, nil
}

// parallelBytes is the input size from which Document scans and
// normalizes its lines on GOMAXPROCS goroutines. Smaller documents are
// done on the calling goroutine alone: the CLI cleans many files at once
// with -j, and for a small document goroutines would cost more than they
// save. A variable so tests can lower it.
var parallelBytes = 256 << 10

// lineChunk is a run of whole lines of a document's text that one
// goroutine scans and then normalizes: the bytes [start, end), what the
// scan found in them, and the lines [first, first+lines) of
// Document.Lines, with the rule counts of its lines.
type lineChunk struct {
	start, end int
	// nul and invalid are the offsets in the chunk of its first NUL byte
	// and (under Options.Strict, or when only InvalidUTF8 works on lines)
	// its first invalid UTF-8 byte, or -1.
	nul, invalid int
	hasCR        bool // a CR is in the chunk
	first, lines int
	counts       Counts
	hyphens      []int // the lines that end with a hyphen, under the Hyphenation rule
	// texts holds the new texts of the chunk's changed lines; marks
	// marks those lines, bit j of word k for line first+64k+j, and own
	// holds their texts' references (to new texts, or parts of the
	// input) in order, in runs (see addText), those to texts.places
	// counted from the chunk's first.
	texts textArena
	marks []uint64
	own   [][]chunkRef
}

// lineChunks cuts text[start:] into one chunk per CPU for a big text, at
// line starts after an LF (an LF ends a line whether or not a CR comes
// before it), or into one chunk for a small text. A chunk so starts where
// a UTF-8 sequence can and ends with whole lines, so it can be scanned
// and split into lines on its own.
func lineChunks(text string, start int) []lineChunk {
	workers := runtime.GOMAXPROCS(0)
	if len(text) < parallelBytes {
		workers = 1
	}
	size := (len(text) - start) / workers
	chunks := make([]lineChunk, 0, workers)
	for start < len(text) || len(chunks) == 0 {
		end := len(text)
		if cut := start + size; len(chunks) < workers-1 && cut < len(text) {
			if i := strings.IndexByte(text[cut:], '\n'); i >= 0 && cut+i+1 < len(text) {
				end = cut + i + 1
			}
		}
		chunks = append(chunks, lineChunk{start: start, end: end})
		start = end
	}
	return chunks
}

// eachChunk calls f on each chunk, each on a goroutine of its own when
// there are several.
func eachChunk(chunks []lineChunk, f func(*lineChunk)) {
	if len(chunks) == 1 {
		f(&chunks[0])
		return
	}
	var wg sync.WaitGroup
	for k := range chunks {
		wg.Go(func() { f(&chunks[k]) })
	}
	wg.Wait()
}

// scanBlock is how much of a chunk scan looks through for a NUL byte,
// for a CR and for line ends before it goes on to the next block: a block
// read from memory for the first stays in the CPU's cache for the other
// two, where three passes over the whole chunk read it three times.
const scanBlock = 8 << 10

// scan looks through the chunk of text for a NUL byte, invalid UTF-8 if
// asked to validate, and CRs, and counts its lines: the line ends in it,
// plus, in the last chunk, the line after the last line end unless the
// text ends with one (an empty text is one empty line).
func (ch *lineChunk) scan(text string, validate bool) {
	s := text[ch.start:ch.end]
	ch.nul, ch.invalid, ch.hasCR, ch.lines = -1, -1, false, 0
	for at := 0; at < len(s); at += scanBlock {
		b := s[at:min(at+scanBlock, len(s))]
		if ch.nul < 0 {
			if i := strings.IndexByte(b, 0); i >= 0 {
				ch.nul = at + i
			}
		}
		ch.hasCR = ch.hasCR || strings.IndexByte(b, '\r') >= 0
		ch.lines += strings.Count(b, "\n")
	}
	if validate && !utf8.ValidString(s) {
		ch.invalid = firstInvalid(s)
	}
	if ch.hasCR { // a lone CR ends a line too; a CRLF is one line end
		ch.lines += strings.Count(s, "\r") - strings.Count(s, "\r\n")
	}
	if ch.end == len(text) && (s == "" || s[len(s)-1] != '\n' && s[len(s)-1] != '\r') {
		ch.lines++
	}
}

// firstError returns the error Document fails with for input, whose
// chunks were scanned: for its first NUL byte, or else, if strict, for
// its first invalid UTF-8 byte; nil if it has neither. The byte-order
// mark before the first chunk holds neither.
func firstError(input string, chunks []lineChunk, strict bool) error {
	for k := range chunks {
		if ch := &chunks[k]; ch.nul >= 0 {
			line, col := position(input, ch.start+ch.nul)
			return fmt.Errorf("%w: NUL byte at line %d, column %d", ErrBinary, line, col)
		}
	}
	for k := range chunks {
		if ch := &chunks[k]; strict && ch.invalid >= 0 {
			i := ch.start + ch.invalid
			line, col := position(input, i)
			return fmt.Errorf("%w at line %d, column %d (byte %d)", ErrInvalidUTF8, line, col, i+1)
		}
	}
	return nil
}

// lines splits the text of chunk ch into d.Lines[ch.first:ch.first+ch.lines]
// and normalizes each, adding what the rules did to ch.counts. It marks
// the blank lines in blank, unless blank is nil, and lists in ch.hyphens
// the lines that end with a hyphen under the Hyphenation rule: the
// document-wide rules would otherwise read every line's text again, one
// cache miss a line on a big input, on one goroutine. It reports whether
// the chunk's last line has a line end.
//
// When only InvalidUTF8 works on lines, the lines before the chunk's
// first invalid byte are valid UTF-8 and come through as they are: the
// scan checked the bytes they are made of, and a line, which starts and
// ends at a line end, holds whole characters of them.
func (n *Normalizer) lines(d *Document, text string, ch *lineChunk, blank []bool) (finalNewline bool) {
	n.texts = &ch.texts
	defer func() { n.texts = nil }() // not to add another's texts to the chunk's
	ch.marks = make([]uint64, (ch.lines+63)/64)

	text = text[:ch.end]
	start, hasCR := ch.start, ch.hasCR
	validTo := -1 // the lines that end before it are as they are
	if n.validOnly {
		validTo = ch.end
		if ch.invalid >= 0 {
			validTo = ch.start + ch.invalid
		}
	}
	for i := ch.first; ; i++ {
		end, next := lineEnd(text, start, hasCR)
		l := text[start:end]
		if end > validTo {
			l = n.line(l, &ch.counts, nil)
		}
		d.Lines[i] = Line{Start: int32(start), End: int32(end)} // see maxInput
		if !sameString(l, text[start:end]) {
			ch.marks[(i-ch.first)/64] |= 1 << ((i - ch.first) % 64)
			ch.addText(text, l)
		}
		if blank != nil {
			blank[i] = BlankText(l)
		}
		if strings.HasSuffix(l, "-") && n.opts.on(Hyphenation) {
			ch.hyphens = append(ch.hyphens, i)
		}
		if hasCR && (next-end == 2 || next > end && text[end] == '\r') && n.opts.on(Newlines) {
			// A CRLF or a lone CR: tested on the offsets, where comparing
			// text[end:next] with "" and "\n" took 25 instructions a line
			// (callgrind, a Document of the 100 MB stream: lines 69.4M →
			// 61.0M instructions).
			ch.counts[Newlines]++
		}
		if next == len(text) {
			return next > end
		}
		start = next
	}
}

// LineOffsets maps byte offsets in the text of line i of d back to the
// line as it is in the input: offset 0 is d.Lines[i].Start. It normalizes
// the line again, so it is meant for the few lines whose changes are
// reported.
func (d *Document) LineOffsets(i int) *Offsets {
	l := &d.Lines[i]
	m := new(Offsets)
	n := offsetNormalizers.Get().(*Normalizer)
	n.setOptions(d.opts)
	var c Counts
	joins := d.joins[i]
	if src := d.input[l.Start:l.End]; d.Changed(i) && joins == nil {
		// The rules changed the line, so it is not quiet: line would
		// read it through to find that out.
		n.rules(src, &c, m)
	} else {
		n.line(src, &c, m)
	}
	n.e.src = "" // not to hold the document's input in the pool
	offsetNormalizers.Put(n)
	m.layers = append(m.layers, joins...)
	return m
}

// offsetNormalizers are the Normalizers that Document.LineOffsets
// normalizes lines with again, kept with their buffers from one call to
// the next: dedupe maps back a thousand lines of a 16 MB input, one at a
// time.
var offsetNormalizers = sync.Pool{New: func() any { return new(Normalizer) }}

// lineEnd returns the end of the line starting at start and the start of the
// next line. Without CRs in s, it only needs to look for the next LF.
func lineEnd(s string, start int, hasCR bool) (end, next int) {
	if !hasCR {
		if i := strings.IndexByte(s[start:], '\n'); i >= 0 {
			return start + i, start + i + 1
		}
		return len(s), len(s)
	}
	for i := start; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return i, i + 1
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				return i, i + 2
			}
			return i, i + 1
		}
	}
	return len(s), len(s)
}

// position returns the 1-based line and column (in bytes) of offset i,
// counting line ends as Document does: LF, CRLF and a lone CR.
func position(s string, i int) (line, col int) {
	line, lineStart := 1, 0
	for j := 0; j < i; j++ {
		switch {
		case s[j] == '\n', s[j] == '\r' && (j+1 == len(s) || s[j+1] != '\n'):
			line++
			lineStart = j + 1
		}
	}
	return line, i - lineStart + 1
}

func firstInvalid(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(s)
}

// extraBlankLines counts the blank lines that String drops with the
// BlankLines rule on; blank marks the blank lines.
func (d *Document) extraBlankLines(blank []bool) int {
	n := 0
	for _, drop := range d.droppedBlankLines(blank) {
		if drop {
			n++
		}
	}
	return n
}

// blankLines marks, by line index, the blank lines of d.
func (d *Document) blankLines() []bool {
	blank := make([]bool, len(d.Lines))
	for i := range d.Lines {
		blank[i] = d.Blank(i)
	}
	return blank
}

// droppedBlankLines marks, by line index, the blank lines that String drops
// with the BlankLines rule on: all at the edges, and all but the first of
// each run between text. A last line without a line end is never one: it
// gives the output nothing, text or line end, so dropping it removes
// nothing (an empty input is such a line). blank marks the blank lines.
func (d *Document) droppedBlankLines(blank []bool) []bool {
	dropped := make([]bool, len(d.Lines))
	firstText, lastText := -1, -1
	for i := range blank {
		if !blank[i] {
			if firstText < 0 {
				firstText = i
			}
			lastText = i
		}
	}
	for i := range blank {
		if blank[i] {
			afterText := i > 0 && !blank[i-1]
			dropped[i] = i < firstText || i > lastText || !afterText
		}
	}
	if last := len(d.Lines) - 1; last >= 0 && !d.FinalNewline {
		dropped[last] = false
	}
	return dropped
}

// String returns the document as normalized text: its lines joined with
// Newline, runs of blank lines made one (with the BlankLines rule on), and a
// line end after the last line. An input with no text gives "".
func (d *Document) String() string {
	var b strings.Builder
	b.WriteString(d.BOM)
	blank := 0
	wrote := false
	for i := range d.Lines {
		text := d.Text(i)
		if BlankText(text) {
			blank++
			continue
		}
		if !d.opts.on(BlankLines) {
			for ; blank > 0; blank-- {
				b.WriteString(d.Newline)
			}
		} else if wrote && blank > 0 {
			b.WriteString(d.Newline)
		}
		blank = 0
		b.WriteString(text)
		b.WriteString(d.Newline)
		wrote = true
	}
	if !wrote {
		return ""
	}
	return b.String()
}

// String normalizes a whole text with the default options: see
// [Document.String]. Text holding a NUL byte, or of more than MaxInput
// bytes, is returned unchanged.
func String(text string) string {
	d, err := New(Options{}).Document(text)
	if err != nil {
		return text
	}
	return d.String()
}
