package cli

import "io"

// maxBlock is the largest block a blocks buffer allocates.
const maxBlock = 1 << 20

// blocks is an in-memory output, such as a diff, kept until its turn to
// be written. It is filled in blocks, each as large as all before it
// together, or as the write that starts it, or 512 bytes, whichever is
// largest, and at most maxBlock bytes, and never copies what it holds: a
// bytes.Buffer grows by copying into one twice as large, so a 100 MB diff
// cost up to 300 MB while it grew, and 128 MB once written.
type blocks struct {
	full [][]byte // the blocks filled, in order
	cur  []byte   // the block being filled
	size int      // bytes held
}

// Write appends p. It never fails.
func (b *blocks) Write(p []byte) (int, error) { return appendBlocks(b, p), nil }

// WriteString appends s. It never fails.
func (b *blocks) WriteString(s string) (int, error) { return appendBlocks(b, s), nil }

// appendBlocks appends p to b, block by block, and returns its length.
func appendBlocks[T string | []byte](b *blocks, p T) int {
	n := len(p)
	for len(p) > 0 {
		if len(b.cur) == cap(b.cur) {
			b.grow(len(p))
		}
		k := copy(b.cur[len(b.cur):cap(b.cur)], p)
		b.cur = b.cur[:len(b.cur)+k]
		p = p[k:]
	}
	b.size += n
	return n
}

// grow starts a new block for a write of n more bytes.
func (b *blocks) grow(n int) {
	if len(b.cur) > 0 {
		b.full = append(b.full, b.cur)
	}
	b.cur = make([]byte, 0, min(max(n, b.size, 512), maxBlock))
}

// Len returns the number of bytes held.
func (b *blocks) Len() int { return b.size }

// WriteTo writes what b holds to w, block by block.
func (b *blocks) WriteTo(w io.Writer) (int64, error) {
	var written int64
	for k := 0; k <= len(b.full); k++ {
		p := b.cur
		if k < len(b.full) {
			p = b.full[k]
		}
		if len(p) == 0 {
			continue
		}
		n, err := w.Write(p)
		written += int64(n)
		if err != nil {
			return written, err
		}
	}
	return written, nil
}
