package normalize

import (
	"math/bits"
	"unsafe"
)

// A Document keeps a line's text only when the rules changed it: a line
// the rules left as it was reads as its span of the input. Until the
// fourteenth session a Line held its text as a string, 16 of its 24
// bytes, whose pointer and length repeated Start and End for every line
// the rules left alone: on the 100 MB benchmark stream, 559,416 lines of
// which 126,101 changed (98,117 with a new text, 28,000 trimmed), the
// lines took 13.4 MB from normalization to the end of dedupe's rounds,
// where the CLI's peak is; as 8-byte spans, a bit and a 16-byte string
// a changed line, they take 6.6 MB; with an 8-byte reference for the
// string (see textRef), 5.6 MB.

// changedLines marks, for 64 lines, which have a text of their own.
type changedLines struct {
	bits  uint64 // bit j: line 64k+j, for the k-th changedLines
	first int32  // the index in Document.refs of the first text of the 64 lines, less 1 (Text's sum is 1 less)
}

// textRef is where the text of a changed line lies, in 8 bytes where a
// string took 16 (on the 100 MB stream, 126,101 changed lines: 2.0 ->
// 1.0 MB held through dedupe's rounds, and no pointers for the
// collector to follow; peak RSS 203.5-203.7 -> 202.6-202.8 MB, medians
// of 5 alternated, default and -d): Document.places[r>>32][start:len-back],
// with start in bits 16-31 and back in bits 0-15. So Text reads any
// text in one way and stays inlined, at cost 79 of the budget of 80 (a
// test of the kind of text made it 115, not inlined: textclean on 16 MB
// of the stream +14.7M instructions, 1.1%). As it is, callgrind on those
// 16 MB counts 4.8M more (0.36%). The places are:
//   - windows of the input (see inputWindow), for the parts of it that
//     are changed lines' texts (lines only trimmed; empty texts);
//   - the blocks of the chunks' textArenas, each as it was written;
//   - texts of their own: a kept buffer, a text longer than half a
//     block, a part of the input longer than a window holds, a rejoin's.
type textRef uint64

// placeRef returns the reference of place k less start bytes at its
// start and back at its end.
func placeRef(k, start, back int) textRef {
	return textRef(k)<<32 | textRef(start)<<16 | textRef(back)
}

// text returns the text r refers to. Text calls it, at an inlining
// cost of 79 (80 with this body written out in Text; see TestInlined).
func (d *Document) text(r textRef) string {
	p := d.places[r>>32]
	return p[uint16(r>>16) : len(p)-int(uint16(r))]
}

// inputWindow is the stride of the input's windows: window k is the
// input from byte k*inputWindow, 2*inputWindow-1 bytes long or to the
// input's end, so that a part of less than inputWindow bytes lies in
// the window it starts in less fewer than 2^16 bytes at either end.
// 3,200 windows for the 100 MB stream, 51 KB.
const inputWindow = 32 << 10

// inputWindows returns the places for the windows of d's input, in a
// slice with room for more places.
func (d *Document) inputWindows(more int) []string {
	places := make([]string, 0, len(d.input)/inputWindow+1+more)
	for at := 0; at <= len(d.input); at += inputWindow {
		places = append(places, d.input[at:min(at+2*inputWindow-1, len(d.input))])
	}
	return places
}

// inputRef returns the reference of the n bytes of the input from
// start: in its window, or, if longer than a window holds, a place of
// its own.
func (d *Document) inputRef(start, n int) textRef {
	if n >= inputWindow {
		d.places = append(d.places, d.input[start:start+n])
		return placeRef(len(d.places)-1, 0, 0)
	}
	k := start / inputWindow
	at := start - k*inputWindow
	return placeRef(k, at, len(d.places[k])-at-n)
}

// chunkRef is a textRef as a chunk makes it, before the places of the
// chunks are one list: with chunkInput set, a part of the input, its
// start in the low 32 bits and its length in the 31 above (an input has
// at most MaxInput bytes); otherwise place r>>32 of the chunk's
// textArena and, in the low 32 bits, a part of it, its start in the
// upper 16 and its length in the lower (a block holds at most
// maxTextBlock bytes), or all of it, with a length of 0 (a text in a
// block is not empty: an empty text is a part of the input).
type chunkRef uint64

// chunkInput marks a chunkRef to a part of the input.
const chunkInput chunkRef = 1 << 63

// finalRef returns the textRef of chunk reference r, whose chunk's
// places start at place base of d.
func (d *Document) finalRef(r chunkRef, base int) textRef {
	if r&chunkInput != 0 {
		start := int(uint32(r))
		return d.inputRef(start, int(r>>32&(1<<31-1)))
	}
	k := base + int(r>>32)
	n := int(uint16(r))
	if n == 0 {
		return placeRef(k, 0, 0)
	}
	start := int(uint16(r >> 16))
	return placeRef(k, start, len(d.places[k])-start-n)
}

// Text returns the normalized text of line i of d, the input's line
// i+1, without its line end. The text of a line the rules left alone is
// a part of the input; that of a changed line shares a block of up to 16
// KiB with other changed lines' texts: to keep a few texts long after
// the Document, keep copies (strings.Clone).
func (d *Document) Text(i int) string {
	w := d.changed[uint(i)/64]
	if up := w.bits << (63 - uint(i)%64); int64(up) < 0 { // the bits of lines up to i, line i's the top one
		return d.text(d.refs[int(w.first)+bits.OnesCount64(up)]) // up counts line i: see changedLines.first
	}
	return d.input[d.Lines[i].Start:d.Lines[i].End]
}

// Blank reports whether line i of d holds nothing but spaces and tabs
// once normalized.
func (d *Document) Blank(i int) bool { return BlankText(d.Text(i)) }

// Changed reports whether the rules changed line i of d: whether its
// text is not its span of the input.
func (d *Document) Changed(i int) bool {
	return d.changed[uint(i)/64].bits&(1<<(uint(i)%64)) != 0
}

// BlankText reports whether s holds nothing but spaces and tabs: whether
// Document.Blank says so of a line whose text is s. A caller that has
// read the text already asks it rather than Blank, which reads the text
// again.
func BlankText(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isBlank(s[i]) {
			return false
		}
	}
	return true
}

// changedText is a changed line and where its text lies.
type changedText struct {
	line int
	ref  textRef
}

// sameString reports whether a == b, without a call when they are the
// same string: a line no rule changed is the string it was given, where
// == calls the runtime's memequal for every line of equal length (about
// 460,000 of the stream's 559,416 lines).
func sameString(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || unsafe.StringData(a) == unsafe.StringData(b) || a == b
}

// maxTextRun is the most texts a run of lineChunk.own holds: runs of 16
// texts doubling up to it, so that a small document's few changed lines
// take little, with no copy as they grow (one slice growing by append
// left 6 MB of garbage on the stream, where the texts' headers took 2).
const maxTextRun = 4096

// addText adds text, the text of a changed line of input, to the texts
// of the chunk's changed lines.
func (ch *lineChunk) addText(input, text string) {
	k := len(ch.own) - 1
	if k < 0 || len(ch.own[k]) == cap(ch.own[k]) {
		size := 16
		if k >= 0 {
			size = min(2*cap(ch.own[k]), maxTextRun)
		}
		ch.own = append(ch.own, make([]chunkRef, 0, size))
		k++
	}
	ch.own[k] = append(ch.own[k], ch.texts.ref(input, text))
}

// joinChunkTexts makes d.changed, d.refs and d.places of what the
// chunks marked and kept: their marks shifted into place, their texts'
// references and places one after another.
func (d *Document) joinChunkTexts(chunks []lineChunk) {
	d.changed = make([]changedLines, (len(d.Lines)+63)/64)
	for k := range chunks {
		ch := &chunks[k]
		for j, w := range ch.marks {
			line := ch.first + 64*j
			d.changed[line/64].bits |= w << (line % 64)
			if off := line % 64; off > 0 && w>>(64-off) != 0 {
				d.changed[line/64+1].bits |= w >> (64 - off)
			}
		}
	}
	n := d.rank()
	d.refs = make([]textRef, 0, n)
	chunkPlaces := 0
	for k := range chunks {
		chunkPlaces += len(chunks[k].texts.places)
	}
	// The places in one allocation, and a chunk's in one (see textArena.add):
	// BenchmarkDocumentArticles (300 small documents) made 5,355
	// allocations with both grown by append, now 4,870 (4,287 with the
	// texts as strings).
	d.places = d.inputWindows(chunkPlaces)
	for k := range chunks {
		base := len(d.places)
		d.places = append(d.places, chunks[k].texts.places...)
		for _, run := range chunks[k].own {
			for _, r := range run {
				d.refs = append(d.refs, d.finalRef(r, base))
			}
		}
	}
}

// rank sets the first text of each word of d.changed and returns the
// number of changed lines.
func (d *Document) rank() int {
	n := 0
	for k := range d.changed {
		d.changed[k].first = int32(n) - 1 // a changed line has a byte and, but for the last, a line end: see MaxInput
		n += bits.OnesCount64(d.changed[k].bits)
	}
	return n
}

// setTexts makes the texts of d's changed lines those that list holds,
// and then those of texts by line index, in place of any list has for
// the line: after the Hyphenation rule's rejoins, the lines changed
// before and those rejoined. d.changed and d.refs are made at their
// size once the changed lines are marked; a text of texts that is not a
// part of the input is a place of its own, after the places
// joinChunkTexts made.
func (d *Document) setTexts(list []changedText, texts map[int]string) {
	d.changed = make([]changedLines, (len(d.Lines)+63)/64)
	for _, c := range list {
		d.changed[c.line/64].bits |= 1 << (c.line % 64)
	}
	for i := range texts {
		d.changed[i/64].bits |= 1 << (i % 64)
	}
	d.refs = make([]textRef, d.rank())
	for _, c := range list {
		d.refs[d.textIndex(c.line)] = c.ref
	}
	for i, text := range texts {
		var r textRef
		if at, ok := within(d.input, text); ok {
			r = d.inputRef(at, len(text))
		} else {
			d.places = append(d.places, text)
			r = placeRef(len(d.places)-1, 0, 0)
		}
		d.refs[d.textIndex(i)] = r
	}
}

// changedTexts lists the changed lines of d with their texts, in order.
func (d *Document) changedTexts() []changedText {
	list := make([]changedText, 0, len(d.refs))
	for k := range d.changed {
		for b := d.changed[k].bits; b != 0; b &= b - 1 {
			i := 64*k + bits.TrailingZeros64(b)
			list = append(list, changedText{i, d.refs[len(list)]})
		}
	}
	return list
}

// textIndex returns the index in d.refs of the text of changed line i.
func (d *Document) textIndex(i int) int {
	w := &d.changed[i/64]
	return int(w.first) + 1 + bits.OnesCount64(w.bits&(1<<(i%64)-1))
}
