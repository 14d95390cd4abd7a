package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestBlocks writes pieces of many sizes, some across a block's end, and
// checks that WriteTo gives them back in order, with no block above
// maxBlock.
func TestBlocks(t *testing.T) {
	var b blocks
	var want bytes.Buffer
	for i := 0; want.Len() < 3*maxBlock; i++ {
		piece := strings.Repeat(string(rune('a'+i%26)), 1+i*i%70000)
		if i%2 == 0 {
			b.WriteString(piece)
		} else {
			b.Write([]byte(piece))
		}
		want.WriteString(piece)
	}
	if b.Len() != want.Len() {
		t.Errorf("Len = %d, want %d", b.Len(), want.Len())
	}
	for _, p := range append(b.full, b.cur) {
		if cap(p) > maxBlock {
			t.Errorf("a block of %d bytes, more than %d", cap(p), maxBlock)
		}
	}
	var got bytes.Buffer
	if n, err := b.WriteTo(&got); err != nil || n != int64(want.Len()) {
		t.Fatalf("WriteTo = %d, %v; want %d, nil", n, err, want.Len())
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Error("WriteTo wrote other bytes than were written")
	}
}

// TestBlocksSmall checks that a short output takes a short block.
func TestBlocksSmall(t *testing.T) {
	var b blocks
	b.WriteString("name.txt\n")
	if cap(b.cur) > 512 || len(b.full) > 0 {
		t.Errorf("one line took %d full blocks and one of %d bytes", len(b.full), cap(b.cur))
	}
	var empty blocks
	var w bytes.Buffer
	if n, err := empty.WriteTo(&w); n != 0 || err != nil || w.Len() != 0 {
		t.Errorf("empty WriteTo = %d, %v, wrote %q", n, err, w.String())
	}
}

type failAfter struct{ n int }

func (w *failAfter) Write(p []byte) (int, error) {
	if w.n == 0 {
		return 0, errors.New("disk full")
	}
	w.n--
	return len(p), nil
}

// TestBlocksWriteToError checks that WriteTo stops at the first failed
// write and returns its error.
func TestBlocksWriteToError(t *testing.T) {
	var b blocks
	b.WriteString(strings.Repeat("x", 3*maxBlock))
	n, err := b.WriteTo(&failAfter{n: 1})
	if err == nil || n >= int64(b.Len()) {
		t.Errorf("WriteTo = %d, %v; want an error before the end", n, err)
	}
}
