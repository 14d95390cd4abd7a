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

// table finds earlier units with the same key. It hashes keys with xxhash
// and, on a hash hit, makes the earlier unit's key again (its appendKey) and
// compares the keys themselves, so a collision can never make two different
// texts equal. It keeps no keys: they would take as much memory as the
// input.
type table struct {
	first hashIndex      // hash → index of the first unit with that hash
	root  []int32        // root[i] is the first unit with unit i's key
	byKey map[string]int // units whose hash collided with a different key
	// appendKey appends unit i's key to dst.
	appendKey func(dst []byte, i int) []byte
	a, b      []byte
}

func newTable(size int, appendKey func(dst []byte, i int) []byte) *table {
	return &table{first: newHashIndex(size), root: make([]int32, 0, size), appendKey: appendKey}
}

// add records unit i (the next unit), whose key's xxhash is h, under the
// first unit added with the same key (see rootOf).
func (t *table) add(i int, h uint64) {
	first, ok := t.first.findOrAdd(h, int32(i))
	if !ok {
		t.root = append(t.root, int32(i))
		return
	}
	t.a, t.b = t.appendKey(t.a[:0], int(first)), t.appendKey(t.b[:0], i)
	key := t.b
	if bytes.Equal(t.a, key) {
		t.root = append(t.root, first)
		return
	}
	// A hash collision between different keys: fall back to the keys.
	if t.byKey == nil {
		t.byKey = make(map[string]int)
	}
	k, ok := t.byKey[string(key)]
	if !ok {
		k = i
		t.byKey[string(key)] = i
	}
	t.root = append(t.root, int32(k))
}

// rootOf returns the first unit with unit i's key: i itself if none came
// before it.
func (t *table) rootOf(i int) int { return int(t.root[i]) }

// isRepeat reports whether a unit before unit i has its key.
func (t *table) isRepeat(i int) bool { return int(t.root[i]) != i }

// same reports whether units i and j have the same key.
func (t *table) same(i, j int) bool { return t.root[i] == t.root[j] }
