package cli

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/textclean/textclean/dedupe"
)

// stateHeader starts a --state file; the number is the format's version.
// After it come, as unsigned varints unless said otherwise: the number of
// inputs, each input's name (length, then bytes); the number of
// paragraphs, and for each its key (two little-endian uint64), the input
// that keeps it first, its first and last line there, and the number of
// inputs that keep it.
const stateHeader = "textclean-state 1\n"

// loadState reads a --state file into c. A missing file is an empty
// state: the first batch of a crawl starts from nothing.
func (c *corpusTable) loadState(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return bare(err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	header := make([]byte, len(stateHeader))
	if _, err := io.ReadFull(r, header); err != nil || string(header) != stateHeader {
		return errors.New("not a textclean state file of version 1")
	}
	bad := func(err error) error { return fmt.Errorf("damaged state file: %w", err) }
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return bad(err)
	}
	for range n {
		size, err := binary.ReadUvarint(r)
		if err != nil || size > 1<<16 {
			return bad(fmt.Errorf("input name: %v", err))
		}
		name := make([]byte, size)
		if _, err := io.ReadFull(r, name); err != nil {
			return bad(err)
		}
		c.names = append(c.names, string(name))
	}
	entries, err := binary.ReadUvarint(r)
	if err != nil {
		return bad(err)
	}
	var raw [16]byte
	for range entries {
		if _, err := io.ReadFull(r, raw[:]); err != nil {
			return bad(err)
		}
		k := dedupe.Key{binary.LittleEndian.Uint64(raw[:8]), binary.LittleEndian.Uint64(raw[8:])}
		var v [4]uint64
		for i := range v {
			if v[i], err = binary.ReadUvarint(r); err != nil {
				return bad(err)
			}
		}
		if v[0] >= uint64(len(c.names)) {
			return bad(errors.New("input number out of range"))
		}
		c.entries[k] = corpusEntry{doc: int32(v[0]), first: int32(v[1]), last: int32(v[2]), docs: int32(v[3])}
	}
	c.base = len(c.names)
	return nil
}

// saveState writes c to path, atomically.
func (c *corpusTable) saveState(path string) error {
	f, err := createOutput(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	var buf [binary.MaxVarintLen64]byte
	uvarint := func(v uint64) { w.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	w.WriteString(stateHeader)
	uvarint(uint64(len(c.names)))
	for _, name := range c.names {
		uvarint(uint64(len(name)))
		w.WriteString(name)
	}
	uvarint(uint64(len(c.entries)))
	var raw [16]byte
	for k, e := range c.entries {
		binary.LittleEndian.PutUint64(raw[:8], k[0])
		binary.LittleEndian.PutUint64(raw[8:], k[1])
		w.Write(raw[:])
		uvarint(uint64(e.doc))
		uvarint(uint64(e.first))
		uvarint(uint64(e.last))
		uvarint(uint64(e.docs))
	}
	if err := w.Flush(); err != nil {
		f.abort()
		return fmt.Errorf("write: %w", bare(err))
	}
	return f.commit()
}
