package cli

import (
	"encoding/binary"
	"errors"
	"io"
	"slices"
)

// nameList is a list of strings, front-coded: each is stored as the
// length of the prefix it shares with the one before and the rest
// (appendName), every 64th after "", so that any is decoded from at most
// 64. Inputs' names share most of their bytes with the one before:
// crawl/0000/00017.txt after crawl/0000/00016.txt, or, for JSON Lines
// records, crawl.jsonl:1718 after crawl.jsonl:1717, take 4 bytes.
type nameList struct {
	codes  []byte
	starts []int // the offset in codes of names 0, 64, 128...
	len    int
	last   string // the last name added
}

// nameGroup is how many names are coded one after the other.
const nameGroup = 64

// add appends name.
func (l *nameList) add(name string) {
	if l.len%nameGroup == 0 {
		l.starts = append(l.starts, len(l.codes))
		l.last = ""
	}
	l.codes = appendName(l.codes, l.last, name)
	l.last = name
	l.len++
}

// at returns name i, which must be below l.len.
func (l *nameList) at(i int) string {
	off := l.starts[i/nameGroup]
	var buf [128]byte // most names fit: no allocation but the string's
	name := buf[:0]
	for range i%nameGroup + 1 {
		var n int
		name, n = decodeName(l.codes[off:], name)
		off += n
	}
	return string(name)
}

// nameCursor reads the names of a nameList in order, from the first.
type nameCursor struct {
	l      *nameList
	i, off int
	name   []byte
}

// next returns the next name; there must be one. The bytes are the
// cursor's until the next call.
func (c *nameCursor) next() []byte {
	if c.i%nameGroup == 0 {
		c.name = c.name[:0]
	}
	var n int
	c.name, n = decodeName(c.l.codes[c.off:], c.name)
	c.i++
	c.off += n
	return c.name
}

// appendName appends the code of name after the name last: two unsigned
// varints, the length of the prefix the two share and the length of the
// rest, then the rest.
func appendName(b []byte, last, name string) []byte {
	shared := 0
	for shared < len(last) && shared < len(name) && last[shared] == name[shared] {
		shared++
	}
	b = binary.AppendUvarint(b, uint64(shared))
	b = binary.AppendUvarint(b, uint64(len(name)-shared))
	return append(b, name[shared:]...)
}

// decodeName decodes the code at the start of b, which must be whole,
// after the name last, into last's bytes, and returns the name and the
// code's length.
func decodeName(b []byte, last []byte) ([]byte, int) {
	shared, n := binary.Uvarint(b)
	size, m := binary.Uvarint(b[n:])
	n += m
	return append(last[:shared], b[n:n+int(size)]...), n + int(size)
}

// errNameCode is readName's error for a code that is not one.
var errNameCode = errors.New("bad name")

// readName reads a code from r after the name last, into last's bytes;
// the name is at most max bytes long.
func readName(r interface {
	io.Reader
	io.ByteReader
}, last []byte, max int) ([]byte, error) {
	shared, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	size, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if shared > uint64(len(last)) || size > uint64(max)-shared {
		return nil, errNameCode
	}
	name := slices.Grow(last[:shared], int(size))[:shared+size]
	if _, err := io.ReadFull(r, name[shared:]); err != nil {
		return nil, err
	}
	return name, nil
}
