package cli

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/textclean/textclean/dedupe"
)

func TestRangeCode(t *testing.T) {
	for _, tc := range []struct {
		last  int
		r     dedupe.LineRange
		bytes int
	}{
		{0, dedupe.LineRange{First: 1, Last: 1}, 1},
		{1, dedupe.LineRange{First: 3, Last: 3}, 1},  // the next paragraph, after a blank line
		{3, dedupe.LineRange{First: 5, Last: 11}, 1}, // six lines more
		{3, dedupe.LineRange{First: 5, Last: 12}, 2}, // seven: the span in a second varint
		{40, dedupe.LineRange{First: 2, Last: 2}, 2}, // back, as a new input starts
		{0, dedupe.LineRange{First: 9, Last: 9}, 2},  // gap 9: zigzag 18, shifted 144
		{0, dedupe.LineRange{First: 7, Last: 7}, 1},  // gap 7: 14<<3 = 112
		{0, dedupe.LineRange{First: 0, Last: 0}, 1},  // line 0
		{5, dedupe.LineRange{First: 1 << 40, Last: 1<<40 + 1<<30}, 12},
		{1 << 40, dedupe.LineRange{First: 3, Last: 2}, 8}, // not made by dedupe, but coded all the same
	} {
		b := appendRange(nil, tc.last, tc.r)
		if len(b) != tc.bytes {
			t.Errorf("%+v after %d: %d bytes, want %d", tc.r, tc.last, len(b), tc.bytes)
		}
		if r, n := decodeRange(b, tc.last); r != tc.r || n != len(b) {
			t.Errorf("%+v after %d: decodeRange = %+v, %d bytes", tc.r, tc.last, r, n)
		}
		r, err := readRange(bytes.NewReader(b), tc.last)
		if tc.r.Last < tc.r.First {
			if err == nil {
				t.Errorf("%+v: readRange takes a range that ends before it starts", tc.r)
			}
			continue
		}
		if r != tc.r || err != nil {
			t.Errorf("%+v after %d: readRange = %+v, %v", tc.r, tc.last, r, err)
		}
	}
}

func TestReadRangeErrors(t *testing.T) {
	for _, b := range [][]byte{
		{},
		{0x80},    // a varint cut short
		{7},       // a wide span without its varint
		{7, 0x80}, // ... or with half of it
		appendRange(nil, 0, dedupe.LineRange{First: 2, Last: 2})[:0],
		appendRange(nil, 5, dedupe.LineRange{First: -1, Last: 0}), // before line 0
	} {
		if r, err := readRange(bytes.NewReader(b), 5); err == nil {
			t.Errorf("readRange(%x) = %+v, no error", b, r)
		}
	}
}

// TestLineRanges adds ranges of many shapes and reads them back by
// number, in order, and checks the size of the usual ones.
func TestLineRanges(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var want []dedupe.LineRange
	var l lineRanges
	line := 1
	for i := range 5000 {
		if i%300 == 0 {
			line = 1 + rng.IntN(3) // a new input
		}
		span := rng.IntN(3)
		if i%50 == 0 {
			span = rng.IntN(1000)
		}
		r := dedupe.LineRange{First: line, Last: line + span}
		if i%97 == 0 {
			r = dedupe.LineRange{First: rng.IntN(1 << 30)}
			r.Last = r.First + rng.IntN(5)
		}
		want = append(want, r)
		l.add(r)
		line = r.Last + 2
	}
	for i, r := range want {
		if got := l.at(i); got != r {
			t.Fatalf("at(%d) = %+v, want %+v", i, got, r)
		}
	}
	c := rangeCursor{l: &l}
	for i, r := range want {
		if got := c.next(); got != r {
			t.Fatalf("range %d from the cursor: %+v, want %+v", i, got, r)
		}
	}
	if per := float64(len(l.codes)) / float64(len(want)); per > 1.3 {
		t.Errorf("%.2f bytes a range, more than 1.3", per)
	}
}
