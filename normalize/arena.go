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

// maxArenaText is the longest text a textArena puts in a block: a longer
// one has an allocation of its own (it would waste up to half a block),
// and a line's rules let such a text keep the buffer it was written in.
const maxArenaText = maxTextBlock / 2

// textArena holds the texts of a chunk's changed lines packed end to end
// in blocks, each a size class of its own, rather than one allocation a
// line rounded up to its size class. On the 100 MB benchmark stream
// 98,117 lines get a new text: 19.78 MB of text in 20.78 MB of
// allocations (5% rounding), held from normalization to the end of
// dedupe's rounds, where the CLI's peak is. The arena's texts are never
// written again, so the strings made over them stay as they are.
type textArena struct {
	block []byte // the block being filled: texts go after its len, up to its cap
	// places holds where the chunk's texts lie, but those in the input,
	// for chunkRef to name: the blocks in the order made, each as the
	// part of it written so far, and the texts of their own (see ref).
	places []string
	cur    int // the index in places of block
}

// add returns a copy of s kept in the arena. A text of more than half a
// block has an allocation of its own: it would waste up to half a block.
func (a *textArena) add(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > cap(a.block)-len(a.block) {
		if len(s) > maxArenaText {
			return strings.Clone(s)
		}
		size := min(max(2*cap(a.block), minTextBlock), maxTextBlock)
		for size < len(s) {
			size *= 2
		}
		a.block = make([]byte, 0, size)
		if a.places == nil {
			a.places = make([]string, 0, 4) // a small document's blocks, in one allocation
		}
		a.cur, a.places = len(a.places), append(a.places, "")
	}
	start := len(a.block)
	a.block = append(a.block, s...)
	a.places[a.cur] = unsafe.String(&a.block[0], len(a.block))
	return unsafe.String(&a.block[start], len(s))
}

// ref returns the reference of text s, a changed line's text that the
// normalizer returned: a part of input (a line only trimmed, or "") or
// of the arena's block (add's last text), or else a text of its own
// (more than half a block), which goes into places.
func (a *textArena) ref(input, s string) chunkRef {
	if at, ok := within(input, s); ok {
		return chunkInput | chunkRef(len(s))<<32 | chunkRef(at)
	}
	if cap(a.block) > 0 {
		if at, ok := within(a.places[a.cur], s); ok {
			return chunkRef(a.cur)<<32 | chunkRef(at)<<16 | chunkRef(len(s))
		}
	}
	a.places = append(a.places, s)
	return chunkRef(len(a.places)-1) << 32
}

// within reports whether s is a part of outer, and where it starts in
// it: by its bytes' address, not its value. An empty s is a part of
// anything, at 0.
func within(outer, s string) (at int, ok bool) {
	if s == "" {
		return 0, true
	}
	if outer == "" {
		return 0, false
	}
	off := uintptr(unsafe.Pointer(unsafe.StringData(s))) - uintptr(unsafe.Pointer(unsafe.StringData(outer)))
	if off >= uintptr(len(outer)) || uintptr(len(s)) > uintptr(len(outer))-off {
		return 0, false
	}
	return int(off), true
}
