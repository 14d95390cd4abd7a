package cli

import (
	"encoding/binary"
	"errors"
	"io"

	"github.com/textclean/textclean/dedupe"
)

// lineRanges is a list of dedupe.LineRanges in about one byte each: each
// is coded after the one before it (rangeCode), and every 64th after line
// 0, so that any is decoded from at most 64 codes.
type lineRanges struct {
	codes  []byte
	starts []int // the offset in codes of ranges 0, 64, 128...
	len    int
	last   int // the last line of the last range
}

// rangeGroup is how many ranges are coded one after the other.
const rangeGroup = 64

// add appends r.
func (l *lineRanges) add(r dedupe.LineRange) {
	if l.len%rangeGroup == 0 {
		l.starts = append(l.starts, len(l.codes))
		l.last = 0
	}
	l.codes = appendRange(l.codes, l.last, r)
	l.last = r.Last
	l.len++
}

// at returns range i, which must be below l.len.
func (l *lineRanges) at(i int) dedupe.LineRange {
	off, last := l.starts[i/rangeGroup], 0
	var r dedupe.LineRange
	for range i%rangeGroup + 1 {
		var n int
		r, n = decodeRange(l.codes[off:], last)
		off += n
		last = r.Last
	}
	return r
}

// rangeCursor reads the ranges of a lineRanges in order, from the first.
type rangeCursor struct {
	l      *lineRanges
	i, off int
	last   int
}

// next returns the next range; there must be one.
func (c *rangeCursor) next() dedupe.LineRange {
	if c.i%rangeGroup == 0 {
		c.last = 0
	}
	r, n := decodeRange(c.l.codes[c.off:], c.last)
	c.i++
	c.off += n
	c.last = r.Last
	return r
}

// The code of a line range after a range that ended on line last is one
// unsigned varint, gap<<3 | span: gap is First-last, zigzag-coded (a
// paragraph two lines after the last, as blank lines part paragraphs,
// gives 4), span is Last-First if it is 0 to 6, and 7 if it is not, when a
// second varint follows with Last-First, zigzag-coded. A paragraph of up
// to 7 lines that starts within 7 lines of the one before takes one byte.
const wideSpan = 7

// appendRange appends the code of r after a range that ended on line last.
func appendRange(b []byte, last int, r dedupe.LineRange) []byte {
	span := r.Last - r.First
	if span >= 0 && span < wideSpan {
		return binary.AppendUvarint(b, zigzag(r.First-last)<<3|uint64(span))
	}
	b = binary.AppendUvarint(b, zigzag(r.First-last)<<3|wideSpan)
	return binary.AppendUvarint(b, zigzag(span))
}

// rangeOf is the range of the first varint of a code, after a range that
// ended on line last, and whether a second varint follows (with the span).
func rangeOf(code uint64, last int) (r dedupe.LineRange, wide bool) {
	r.First = last + unzigzag(code>>3)
	r.Last = r.First + int(code&wideSpan)
	return r, code&wideSpan == wideSpan
}

// decodeRange decodes the code at the start of b, which must be whole,
// and returns the range and the code's length.
func decodeRange(b []byte, last int) (dedupe.LineRange, int) {
	code, n := binary.Uvarint(b)
	r, wide := rangeOf(code, last)
	if wide {
		span, m := binary.Uvarint(b[n:])
		r.Last = r.First + unzigzag(span)
		n += m
	}
	return r, n
}

// errRangeCode is readRange's error for a code that is not one.
var errRangeCode = errors.New("bad line range")

// readRange reads a code from br.
func readRange(br io.ByteReader, last int) (dedupe.LineRange, error) {
	code, err := binary.ReadUvarint(br)
	if err != nil {
		return dedupe.LineRange{}, err
	}
	r, wide := rangeOf(code, last)
	if wide {
		span, err := binary.ReadUvarint(br)
		if err != nil {
			return dedupe.LineRange{}, err
		}
		r.Last = r.First + unzigzag(span)
	}
	if r.First < 0 || r.Last < r.First {
		return dedupe.LineRange{}, errRangeCode
	}
	return r, nil
}

// zigzag maps signed to unsigned integers small in magnitude to small:
// 0, -1, 1, -2... to 0, 1, 2, 3...
func zigzag(v int) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

// unzigzag undoes zigzag.
func unzigzag(u uint64) int { return int(u>>1) ^ -int(u&1) }
