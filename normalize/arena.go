package normalize

import (
	"strings"
	"unsafe"
)

// maxTextBlock is the size of the largest block a textArena packs texts
// into: the blocks of a chunk start at minTextBlock bytes and double up
// to it, so that a small document's few changed lines take little. A
// text in a block keeps all of the block alive, so the size is also what
// a changed line's text can keep alive once the Document is gone
// (dedupe's Result keeps the texts of the paragraphs it reports): 16 KiB,
// where the stream's lines average 202 bytes.
const (
	minTextBlock = 512
	maxTextBlock = 16 << 10
)

// textArena holds the texts of a chunk's changed lines packed end to end
// in blocks, each a size class of its own, rather than one allocation a
// line rounded up to its size class. On the 100 MB benchmark stream
// 98,117 lines get a new text: 19.78 MB of text in 20.78 MB of
// allocations (5% rounding), held from normalization to the end of
// dedupe's rounds, where the CLI's peak is. The arena's texts are never
// written again, so the strings made over them stay as they are.
type textArena struct {
	block []byte // the block being filled: texts go after its len, up to its cap
}

// add returns a copy of s kept in the arena. A text of more than half a
// block has an allocation of its own: it would waste up to half a block.
func (a *textArena) add(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > cap(a.block)-len(a.block) {
		if len(s) > maxTextBlock/2 {
			return strings.Clone(s)
		}
		size := min(max(2*cap(a.block), minTextBlock), maxTextBlock)
		for size < len(s) {
			size *= 2
		}
		a.block = make([]byte, 0, size)
	}
	start := len(a.block)
	a.block = append(a.block, s...)
	return unsafe.String(&a.block[start], len(s))
}
