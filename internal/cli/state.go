package cli

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"slices"
	"strings"
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
//
// Versions 2 and 3 were the same but for what stood for a paragraph
// (version 2: its whole dedupe.Key, 16 bytes; version 3: a tag of 8): both
// came from the xxhash keys of before, which a page could be crafted to
// share, and since the file holds no texts they cannot be converted to
// tags of today's keys. They are refused with a message that says so
// (forgedStateVersions). Version 1 is not read either (it was written in
// map order, and knew paragraphs by 64 bits of their keys).
const stateHeader = "textclean-state 4\n"

// forgedStateVersions are the versions of --state file whose paragraphs
// are known by xxhash keys, which a page could be crafted to share.
var forgedStateVersions = []string{"2", "3"}

// stateVersionPrefix starts the header of every version.
const stateVersionPrefix = "textclean-state "

// maxStateName is the longest input name a state file may hold.
const maxStateName = 1 << 16

// loadState reads a --state file into c, which must be empty. A missing
// file is an empty state: the first batch of a crawl starts from nothing.
func (c *corpusTable) loadState(path string) error {
	if err := checkStatePath(path); err != nil {
		return err
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return bare(err)
	}
	defer f.Close()
	if err := checkStateHeader(f); err != nil {
		return err
	}
	if err := checkStateSum(f); err != nil {
		return err
	}
	if _, err := f.Seek(int64(len(stateHeader)), io.SeekStart); err != nil {
		return bare(err)
	}
	r := bufio.NewReaderSize(f, 1<<16)
	if err := c.readState(r); err != nil {
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

// checkStateHeader reads the header of a state file, and says what the
// file is if it is not a state file of the version this textclean reads
// (stateHeader).
func checkStateHeader(f io.Reader) error {
	header := make([]byte, len(stateHeader))
	n, _ := io.ReadFull(f, header)
	header = header[:n]
	switch {
	case string(header) == stateHeader:
		return nil
	case strings.HasPrefix(string(header), stateVersionPrefix):
		version, _, _ := strings.Cut(string(header[len(stateVersionPrefix):]), "\n")
		if slices.Contains(forgedStateVersions, version) {
			return fmt.Errorf("state file version %s holds keys that a crafted page could share with another paragraph; it holds no texts, so it cannot be converted: start a new state file", version)
		}
		return fmt.Errorf("a textclean state file of version %q; this textclean reads version %s only: build the state again from the inputs", version, strings.TrimSpace(stateHeader[len(stateVersionPrefix):]))
	}
	return errors.New("not a textclean state file")
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

// readState reads the inputs and paragraphs of a state file from r, which
// is past its header. A tag that comes twice is damage.
func (c *corpusTable) readState(r *bufio.Reader) error {
	inputs, err := binary.ReadUvarint(r)
	if err != nil {
		return err
	}
	var name []byte
	var tagBytes [8]byte
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
			if _, err := io.ReadFull(r, tagBytes[:]); err != nil {
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
			tag := binary.LittleEndian.Uint64(tagBytes[:])
			_, added, err := c.addParagraph(tag, int(documents), lines)
			if err != nil {
				return err
			}
			if !added {
				return fmt.Errorf("paragraph %016x twice", tag) // as sha256sum prints it
			}
		}
	}
	return nil
}

// saveState writes c to path, atomically; atStart is as for
// createOutput.
func (c *corpusTable) saveState(path string, atStart startDescriptors) error {
	f, err := createOutput(path, atStart)
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
