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
// a changed line, they take 6.6 MB.

// changedLines marks, for 64 lines, which have a text of their own.
type changedLines struct {
	bits  uint64 // bit j: line 64k+j, for the k-th changedLines
	first int32  // the index in Document.texts of the first text of the 64 lines
}

// Text returns the normalized text of line i of d, the input's line
// i+1, without its line end. The text of a line the rules left alone is
// a part of the input; that of a changed line shares a block of up to 16
// KiB with other changed lines' texts: to keep a few texts long after
// the Document, keep copies (strings.Clone).
func (d *Document) Text(i int) string {
	w := d.changed[uint(i)/64]
	if up := w.bits << (63 - uint(i)%64); int64(up) < 0 { // the bits of lines up to i, line i's the top one
		return d.texts[int(w.first)+bits.OnesCount64(up)-1]
	}
	return d.input[d.Lines[i].Start:d.Lines[i].End]
}

// Blank reports whether line i of d holds nothing but spaces and tabs
// once normalized.
func (d *Document) Blank(i int) bool { return blankText(d.Text(i)) }

// Changed reports whether the rules changed line i of d: whether its
// text is not its span of the input.
func (d *Document) Changed(i int) bool {
	return d.changed[uint(i)/64].bits&(1<<(uint(i)%64)) != 0
}

// blankText reports whether s holds nothing but spaces and tabs.
func blankText(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isBlank(s[i]) {
			return false
		}
	}
	return true
}

// changedText is a line's text that is not its span of the input.
type changedText struct {
	line int
	text string
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
// left 6 MB of garbage on the stream, where the texts' headers take 2).
const maxTextRun = 4096

// addText adds text to the texts of the chunk's changed lines.
func (ch *lineChunk) addText(text string) {
	k := len(ch.own) - 1
	if k < 0 || len(ch.own[k]) == cap(ch.own[k]) {
		size := 16
		if k >= 0 {
			size = min(2*cap(ch.own[k]), maxTextRun)
		}
		ch.own = append(ch.own, make([]string, 0, size))
		k++
	}
	ch.own[k] = append(ch.own[k], text)
}

// joinChunkTexts makes d.changed and d.texts of what the chunks marked
// and kept: their marks shifted into place, their texts one after
// another.
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
	d.texts = make([]string, 0, n)
	for k := range chunks {
		for _, run := range chunks[k].own {
			d.texts = append(d.texts, run...)
		}
	}
}

// rank sets the first text of each word of d.changed and returns the
// number of changed lines.
func (d *Document) rank() int {
	n := 0
	for k := range d.changed {
		d.changed[k].first = int32(n) // a changed line has a byte and, but for the last, a line end: see MaxInput
		n += bits.OnesCount64(d.changed[k].bits)
	}
	return n
}

// setTexts makes the texts of d's changed lines those that list holds,
// and then those of texts by line index, in place of any list has for
// the line: after the Hyphenation rule's rejoins, the lines changed
// before and those rejoined. d.changed and d.texts are made at their
// size once the changed lines are marked.
func (d *Document) setTexts(list []changedText, texts map[int]string) {
	d.changed = make([]changedLines, (len(d.Lines)+63)/64)
	for _, c := range list {
		d.changed[c.line/64].bits |= 1 << (c.line % 64)
	}
	for i := range texts {
		d.changed[i/64].bits |= 1 << (i % 64)
	}
	d.texts = make([]string, d.rank())
	for _, c := range list {
		d.texts[d.textIndex(c.line)] = c.text
	}
	for i, text := range texts {
		d.texts[d.textIndex(i)] = text
	}
}

// changedTexts lists the changed lines of d with their texts, in order.
func (d *Document) changedTexts() []changedText {
	list := make([]changedText, 0, len(d.texts))
	for k := range d.changed {
		for b := d.changed[k].bits; b != 0; b &= b - 1 {
			i := 64*k + bits.TrailingZeros64(b)
			list = append(list, changedText{i, d.texts[len(list)]})
		}
	}
	return list
}

// textIndex returns the index in d.texts of the text of changed line i.
func (d *Document) textIndex(i int) int {
	w := &d.changed[i/64]
	return int(w.first) + bits.OnesCount64(w.bits&(1<<(i%64)-1))
}
