package corpus

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/textclean/textclean/dedupe"
)

// The text forms of the records, one a line, fields separated by tabs:
//
//	signature: KEY SEQ FIRST LAST NAME
//	verdict:   SEQ KEY DOCUMENTS KEEPER_SEQ FIRST LAST NAME
//
// KEY is the 128-bit key as KeyMark and 32 lower-case hex digits, so that
// a byte-wise sort of signature lines (LC_ALL=C sort, Hadoop's shuffle)
// groups them by key; SEQ, FIRST, LAST and DOCUMENTS are decimal; NAME is a JSON string.
// A verdict with DOCUMENTS 0 removes an across copy, else boilerplate;
// KEEPER_SEQ, FIRST, LAST and NAME are the keeper's. Verdicts start with
// the document's SEQ so that they group by document.

// ErrRecord is the error for a line that is not a record of the form
// wanted.
var ErrRecord = errors.New("not a record")

// KeyMark starts the text form of a key: the keys it marks are SHA-256
// (see dedupe.Key). The keys of textclean before them, xxhash sums that a
// page could be crafted to share, were written as the 32 hex digits alone;
// ParseKey refuses them, so that signatures or verdicts of before are not
// mixed with today's, whose keys would never meet theirs.
const KeyMark = "s"

// AppendKey appends the text form of k: KeyMark and 32 hex digits.
func AppendKey(b []byte, k dedupe.Key) []byte {
	b = append(b, KeyMark...)
	b = appendHex64(b, k[0])
	return appendHex64(b, k[1])
}

func appendHex64(b []byte, v uint64) []byte {
	const digits = "0123456789abcdef"
	for shift := 60; shift >= 0; shift -= 4 {
		b = append(b, digits[v>>shift&0xf])
	}
	return b
}

// ParseKey reads the text form of a key.
func ParseKey(s string) (dedupe.Key, error) {
	digits, marked := strings.CutPrefix(s, KeyMark)
	raw, ok := keyBytes(digits)
	if !marked && ok {
		return dedupe.Key{}, fmt.Errorf("%w: key %q is an xxhash key of an older textclean, which a crafted page could share with another paragraph: sign the documents again", ErrRecord, s)
	}
	if !marked || !ok {
		return dedupe.Key{}, fmt.Errorf("%w: key %q is not %s and 32 lower-case hex digits", ErrRecord, s, KeyMark)
	}
	return dedupe.Key{binary.BigEndian.Uint64(raw[:8]), binary.BigEndian.Uint64(raw[8:])}, nil
}

// keyBytes returns the 16 bytes that digits, 32 lower-case hex digits,
// stand for, and whether they are such digits.
func keyBytes(digits string) (raw [16]byte, ok bool) {
	if len(digits) != 32 || strings.ToLower(digits) != digits {
		return raw, false // and longer ones would overrun raw
	}
	_, err := hex.Decode(raw[:], []byte(digits))
	return raw, err == nil
}

// AppendTSV appends the signature's line, with its line end.
func (s Signature) AppendTSV(b []byte) []byte {
	b = AppendKey(b, s.Key)
	b = append(b, '\t')
	b = appendPlace(b, s)
	return append(b, '\n')
}

// appendPlace appends SEQ FIRST LAST NAME of s.
func appendPlace(b []byte, s Signature) []byte {
	b = strconv.AppendInt(b, s.Doc.Seq, 10)
	b = append(b, '\t')
	b = strconv.AppendInt(b, int64(s.Lines.First), 10)
	b = append(b, '\t')
	b = strconv.AppendInt(b, int64(s.Lines.Last), 10)
	b = append(b, '\t')
	name, _ := json.Marshal(s.Doc.Name) // a string always marshals
	return append(b, name...)
}

// ParseSignature reads a signature line (its line end optional).
func ParseSignature(line string) (Signature, error) {
	f := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
	if len(f) != 5 {
		return Signature{}, fmt.Errorf("%w: a signature has 5 tab-separated fields, not %d", ErrRecord, len(f))
	}
	k, err := ParseKey(f[0])
	if err != nil {
		return Signature{}, err
	}
	s, err := parsePlace(f[1:])
	s.Key = k
	return s, err
}

// parsePlace reads SEQ FIRST LAST NAME.
func parsePlace(f []string) (Signature, error) {
	var s Signature
	var err error
	if s.Doc.Seq, err = strconv.ParseInt(f[0], 10, 64); err != nil {
		return s, fmt.Errorf("%w: sequence number %q", ErrRecord, f[0])
	}
	if s.Lines.First, err = strconv.Atoi(f[1]); err != nil {
		return s, fmt.Errorf("%w: line %q", ErrRecord, f[1])
	}
	if s.Lines.Last, err = strconv.Atoi(f[2]); err != nil {
		return s, fmt.Errorf("%w: line %q", ErrRecord, f[2])
	}
	if err := json.Unmarshal([]byte(f[3]), &s.Doc.Name); err != nil {
		return s, fmt.Errorf("%w: name %s is not a JSON string", ErrRecord, f[3])
	}
	return s, nil
}

// AppendTSV appends the verdict's line, with its line end.
func (v Verdict) AppendTSV(b []byte) []byte {
	b = strconv.AppendInt(b, v.Seq, 10)
	b = append(b, '\t')
	b = AppendKey(b, v.Keeper.Key)
	b = append(b, '\t')
	b = strconv.AppendInt(b, int64(v.Documents), 10)
	b = append(b, '\t')
	b = appendPlace(b, v.Keeper)
	return append(b, '\n')
}

// ParseVerdict reads a verdict line (its line end optional).
func ParseVerdict(line string) (Verdict, error) {
	f := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
	if len(f) != 7 {
		return Verdict{}, fmt.Errorf("%w: a verdict has 7 tab-separated fields, not %d", ErrRecord, len(f))
	}
	var v Verdict
	var err error
	if v.Seq, err = strconv.ParseInt(f[0], 10, 64); err != nil {
		return v, fmt.Errorf("%w: sequence number %q", ErrRecord, f[0])
	}
	key, err := ParseKey(f[1])
	if err != nil {
		return v, err
	}
	if v.Documents, err = strconv.Atoi(f[2]); err != nil || v.Documents < 0 {
		return v, fmt.Errorf("%w: document count %q", ErrRecord, f[2])
	}
	v.Keeper, err = parsePlace(f[3:])
	v.Keeper.Key = key
	return v, err
}
