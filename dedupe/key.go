package dedupe

import (
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
		if b := text[i]; b < utf8.RuneSelf {
			i++
			k := asciiKey[b]
			if k == ' ' {
				pendingSpace = len(dst) > start
				continue
			}
			if pendingSpace {
				dst = append(dst, ' ')
				pendingSpace = false
			}
			dst = append(dst, k)
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

// asciiKey maps each ASCII byte to its key form: lower case, and ' ' for
// white space.
var asciiKey = func() (t [utf8.RuneSelf]byte) {
	for b := range t {
		t[b] = byte(b)
		if 'A' <= b && b <= 'Z' {
			t[b] = byte(b) + 'a' - 'A'
		}
	}
	for _, b := range []byte(" \t\n\v\f\r") {
		t[b] = ' '
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
// and compares the keys themselves on a hash hit, so a collision can never
// make two different texts equal.
type table struct {
	first map[uint64]int // hash → index of the first unit with that hash
	keys  []string       // keys[i] is the key of unit i, for units added
	byKey map[string]int // units whose hash collided with a different key
}

func newTable(size int) *table {
	return &table{first: make(map[uint64]int, size)}
}

// addKey records unit i with key, whose xxhash is h, and returns the
// index of the first unit added with the same key, or -1 if there is none.
func (t *table) addKey(i int, key string, h uint64) int {
	j, ok := t.first[h]
	switch {
	case !ok:
		t.setKey(i, key)
		t.first[h] = i
		return -1
	case t.keys[j] == key:
		t.setKey(i, t.keys[j])
		return j
	}
	// A hash collision between different keys: fall back to the keys.
	t.setKey(i, key)
	if t.byKey == nil {
		t.byKey = make(map[string]int)
	}
	if k, ok := t.byKey[key]; ok {
		return k
	}
	t.byKey[key] = i
	return -1
}

func (t *table) setKey(i int, key string) {
	for len(t.keys) <= i {
		t.keys = append(t.keys, "")
	}
	t.keys[i] = key
}

// same reports whether units i and j have the same key.
func (t *table) same(i, j int) bool { return t.keys[i] == t.keys[j] }
