package dedupe

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// appendKey appends to dst the match key of text: lower case, runs of white
// space as one space, every quote mark as ' or ", every dash as -, and no
// trailing punctuation or space. Two texts with the same key are the same
// text to a reader.
func appendKey(dst []byte, text string) []byte {
	start := len(dst)
	pendingSpace := false
	for i := 0; i < len(text); {
		b := text[i]
		switch asciiClass[b] {
		case asIs:
			// Most text is runs of bytes the key keeps as they are, with
			// single spaces between them: copy each run whole.
			j := i + 1
			for j < len(text) {
				if asciiClass[text[j]] == asIs {
					j++
				} else if text[j] == ' ' && j+1 < len(text) && asciiClass[text[j+1]] == asIs {
					j += 2
				} else {
					break
				}
			}
			if pendingSpace {
				dst = append(dst, ' ')
				pendingSpace = false
			}
			dst = append(dst, text[i:j]...)
			i = j
			continue
		case capital:
			if pendingSpace {
				dst = append(dst, ' ')
				pendingSpace = false
			}
			dst = append(dst, b+'a'-'A')
			i++
			continue
		case space:
			pendingSpace = len(dst) > start
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsSpace(r) {
			pendingSpace = len(dst) > start
			continue
		}
		if pendingSpace {
			dst = append(dst, ' ')
			pendingSpace = false
		}
		dst = utf8.AppendRune(dst, foldRune(r))
	}
	// Drop trailing punctuation.
	for len(dst) > start {
		r, size := utf8.DecodeLastRune(dst[start:])
		if !isTrailingPunct(r) && r != ' ' {
			break
		}
		dst = dst[:len(dst)-size]
	}
	return dst
}

// The classes of bytes for appendKey.
const (
	asIs     = iota // an ASCII byte the key keeps as it is
	capital         // an ASCII capital letter
	space           // ASCII white space
	nonASCII        // a byte of a multi-byte UTF-8 sequence (or invalid)
)

// asciiClass is the class of each byte for appendKey.
var asciiClass = func() (t [256]byte) {
	for b := range t {
		switch {
		case b >= utf8.RuneSelf:
			t[b] = nonASCII
		case 'A' <= b && b <= 'Z':
			t[b] = capital
		case strings.IndexByte(" \t\n\v\f\r", byte(b)) >= 0:
			t[b] = space
		}
	}
	return t
}()

// foldRune maps a non-ASCII rune to its key form.
func foldRune(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′', '´', '`':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return '-'
	}
	return unicode.ToLower(r)
}

func isTrailingPunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '…', '。', '！', '？', '，', '；', '：':
		return true
	}
	return false
}

// keyIndex maps match keys to the first index filed under each. It files
// keys by a 32-bit tag of their xxhash (see tagIndex) and, on a hit, makes
// the earlier unit's key again and compares the keys themselves, so a
// collision can never make two different texts equal: the keys of a tag
// after the first, a different key with the same tag by chance or with the
// same xxhash (which a text could be written for), are kept in collided.
// It keeps no other keys: they would take as much memory as the input.
type keyIndex struct {
	tags     tagIndex
	collided map[string]int32 // keys whose tag a different key had first
	// appendKey appends the key of the unit filed under index k to dst.
	appendKey func(dst []byte, k int32) []byte
	a, b      []byte
}

func newKeyIndex(size int, appendKey func(dst []byte, k int32) []byte) keyIndex {
	return keyIndex{tags: newTagIndex(size), appendKey: appendKey}
}

// findOrAdd returns the index filed under the key of unit k, whose xxhash
// is h, or files k under it and returns k with ok false.
func (x *keyIndex) findOrAdd(h uint64, k int32) (int32, bool) {
	prev, ok := x.tags.findOrAdd(h, k)
	if !ok {
		return k, false
	}
	x.a, x.b = x.appendKey(x.a[:0], prev), x.appendKey(x.b[:0], k)
	if bytes.Equal(x.a, x.b) {
		return prev, true
	}
	// Different keys with one tag: fall back to the keys.
	if x.collided == nil {
		x.collided = make(map[string]int32)
	}
	if prev, ok := x.collided[string(x.b)]; ok {
		return prev, true
	}
	x.collided[string(x.b)] = k
	return k, false
}

// table finds earlier units with the same key.
type table struct {
	keys keyIndex
	root []int32 // root[i] is the first unit with unit i's key
}

// newTable returns a table sized for size units, whose keys appendKey
// appends.
func newTable(size int, appendKey func(dst []byte, i int) []byte) *table {
	return &table{
		keys: newKeyIndex(size, func(dst []byte, k int32) []byte { return appendKey(dst, int(k)) }),
		root: make([]int32, 0, size),
	}
}

// add records unit i (the next unit), whose key's xxhash is h, under the
// first unit added with the same key (see rootOf).
func (t *table) add(i int, h uint64) {
	root, _ := t.keys.findOrAdd(h, int32(i))
	t.root = append(t.root, root)
}

// rootOf returns the first unit with unit i's key: i itself if none came
// before it.
func (t *table) rootOf(i int) int { return int(t.root[i]) }

// isRepeat reports whether a unit before unit i has its key.
func (t *table) isRepeat(i int) bool { return int(t.root[i]) != i }

// same reports whether units i and j have the same key.
func (t *table) same(i, j int) bool { return t.root[i] == t.root[j] }
