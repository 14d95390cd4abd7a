package cli

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"

	"github.com/textclean/textclean/dedupe"
)

// stateHeader starts a --state file; the number is the format's version.
// After it come, as unsigned varints unless said otherwise: the number of
// inputs, and for each input its name (appendName, after the name of the
// input before; the first after ""), the number of paragraphs it keeps
// first, and for each of those, in the order the input keeps them: its
// tag (tagOf, 8 bytes, little-endian), the number of inputs that keep it,
// and its lines in this input, coded after those of the paragraph before
// (appendRange; the first after line 0). Last, 4 bytes: the CRC-32 (IEEE,
// little-endian) of all before them. Inputs come in order and paragraphs
// in the order of the table, so the same runs write the same file, byte
// for byte.
const stateHeader = "textclean-state 3\n"

// stateHeaderV2 starts a --state file of version 2, which is version 3
// with each paragraph's whole dedupe.Key (its two halves, 16 bytes,
// little-endian) in place of its tag. It is read, each key taken as its
// tag; version 3 is written. Version 1 is not read (it was written in map
// order, and knew paragraphs by 64 bits of their keys).
const stateHeaderV2 = "textclean-state 2\n"

// stateVersionPrefix starts the header of every version.
const stateVersionPrefix = "textclean-state "

// maxStateName is the longest input name a state file may hold.
const maxStateName = 1 << 16

// loadState reads a --state file into c, which must be empty. A missing
// file is an empty state: the first batch of a crawl starts from nothing.
func (c *corpusTable) loadState(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return bare(err)
	}
	defer f.Close()
	header, err := checkStateHeader(f)
	if err != nil {
		return err
	}
	if err := checkStateSum(f); err != nil {
		return err
	}
	if _, err := f.Seek(int64(len(header)), io.SeekStart); err != nil {
		return bare(err)
	}
	r := bufio.NewReaderSize(f, 1<<16)
	if err := c.readState(r, header); err != nil {
		return fmt.Errorf("damaged state file: %w", err)
	}
	var sum [4]byte
	if _, err := io.ReadFull(r, sum[:]); err != nil {
		return errors.New("damaged state file: it ends early")
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return errors.New("damaged state file: bytes after the end")
	}
	c.base = c.inputs()
	return nil
}

// checkStateHeader reads the header of a state file and returns it, or
// says what the file is if it is not a state file of a version this
// textclean reads (stateHeader or stateHeaderV2, which are as long).
func checkStateHeader(f io.Reader) (string, error) {
	header := make([]byte, len(stateHeader))
	n, _ := io.ReadFull(f, header)
	header = header[:n]
	switch {
	case string(header) == stateHeader || string(header) == stateHeaderV2:
		return string(header), nil
	case strings.HasPrefix(string(header), stateVersionPrefix):
		version, _, _ := strings.Cut(string(header[len(stateVersionPrefix):]), "\n")
		return "", fmt.Errorf("a textclean state file of version %q; this textclean reads versions 2 and 3 only: build the state again from the inputs", version)
	}
	return "", errors.New("not a textclean state file")
}

// checkStateSum checks the CRC-32 at the end of the state file f.
func checkStateSum(f *os.File) error {
	info, err := f.Stat()
	if err != nil {
		return bare(err)
	}
	if !info.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	if info.Size() < int64(len(stateHeader))+4 {
		return errors.New("damaged state file: it ends early")
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return bare(err)
	}
	crc := crc32.NewIEEE()
	if _, err := io.CopyN(crc, f, info.Size()-4); err != nil {
		return fmt.Errorf("read: %w", bare(err))
	}
	var sum [4]byte
	if _, err := io.ReadFull(f, sum[:]); err != nil {
		return fmt.Errorf("read: %w", bare(err))
	}
	if binary.LittleEndian.Uint32(sum[:]) != crc.Sum32() {
		return errors.New("damaged state file: its checksum does not match")
	}
	return nil
}

// readState reads the inputs and paragraphs of a state file that starts
// with header from r, which is past the header.
//
// In a file of version 2, a paragraph whose tag is an earlier one's (two
// keys whose tags agree, by a chance of n²/2^65) is left out, since the
// table holds one paragraph a tag; its count is not added to the earlier
// one's. In a file of version 3 it is damage.
func (c *corpusTable) readState(r *bufio.Reader, header string) error {
	inputs, err := binary.ReadUvarint(r)
	if err != nil {
		return err
	}
	var name []byte
	hash := make([]byte, 8)
	if header == stateHeaderV2 {
		hash = make([]byte, 16)
	}
	for seq := range inputs {
		if name, err = readName(r, name, maxStateName); err != nil {
			return err
		}
		c.startInput(int(seq), string(name))
		paragraphs, err := binary.ReadUvarint(r)
		if err != nil {
			return err
		}
		last := 0
		for range paragraphs {
			if _, err := io.ReadFull(r, hash); err != nil {
				return err
			}
			documents, err := binary.ReadUvarint(r)
			if err != nil {
				return err
			}
			lines, err := readRange(r, last)
			if err != nil {
				return err
			}
			last = lines.Last
			if documents == 0 || documents > inputs {
				return fmt.Errorf("a paragraph kept by %d of %d inputs", documents, inputs)
			}
			tag := binary.LittleEndian.Uint64(hash)
			if header == stateHeaderV2 {
				tag = tagOf(dedupe.Key{binary.LittleEndian.Uint64(hash[:8]), binary.LittleEndian.Uint64(hash[8:])})
			}
			_, added, err := c.addParagraph(tag, int(documents), lines)
			if err != nil {
				return err
			}
			if !added && header != stateHeaderV2 {
				return fmt.Errorf("paragraph %x twice", hash)
			}
		}
	}
	return nil
}

// saveState writes c to path, atomically.
func (c *corpusTable) saveState(path string) error {
	f, err := createOutput(path)
	if err != nil {
		return err
	}
	if err := c.writeState(f); err != nil {
		f.abort()
		return fmt.Errorf("write: %w", bare(err))
	}
	return f.commit()
}

// writeState writes c as a state file to out.
func (c *corpusTable) writeState(out io.Writer) error {
	crc := crc32.NewIEEE()
	w := bufio.NewWriterSize(io.MultiWriter(out, crc), 1<<16)
	var buf []byte
	w.WriteString(stateHeader)
	w.Write(binary.AppendUvarint(buf[:0], uint64(c.inputs())))
	lines := rangeCursor{l: &c.lines}
	names := nameCursor{l: &c.names}
	lastName := ""
	for seq := range c.inputs() {
		name := string(names.next())
		buf = appendName(buf[:0], lastName, name)
		lastName = name
		lo, hi := c.own(seq)
		buf = binary.AppendUvarint(buf, uint64(hi-lo))
		w.Write(buf)
		last := 0
		for n := lo; n < hi; n++ {
			r := lines.next()
			buf = binary.LittleEndian.AppendUint64(buf[:0], c.paragraphs.Key(n))
			buf = binary.AppendUvarint(buf, uint64(c.documents(n)))
			buf = appendRange(buf, last, r)
			last = r.Last
			w.Write(buf)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	_, err := out.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32()))
	return err
}
