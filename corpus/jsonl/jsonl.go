// Package jsonl reads and rewrites the JSON Lines records that textclean
// --jsonl cleans, and names them as documents of a corpus: the code that
// textclean and its Beam pipeline share, so that both give the same
// records and reports.
package jsonl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/report"
)

// Format says which fields of a record matter. The zero Format is textclean's
// default: the text is in "text", the name in "id", no sequence field.
type Format struct {
	// Field is the key of the string to clean; "" means "text".
	Field string
	// IDField is the key of the value that names the record in reports;
	// "" means "id".
	IDField string
	// SeqField, if set, is the key of the record's sequence number (a JSON
	// integer) that orders the documents of a corpus; otherwise records
	// are numbered by their place in the input.
	SeqField string
}

func (f Format) field() string   { return cmp(f.Field, "text") }
func (f Format) idField() string { return cmp(f.IDField, "id") }

func cmp(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Record is one JSON object line, its fields of interest found.
type Record struct {
	// Line is the line without its line end.
	Line string
	// Text is the value of Format.Field.
	Text string
	// ID is the raw value of Format.IDField, nil if absent.
	ID json.RawMessage
	// Seq is the value of Format.SeqField; HasSeq says whether it was
	// there.
	Seq    int64
	HasSeq bool

	span dedupe.Span // where the raw value of Text stands in Line
}

// Parse reads one line (without its line end). The error says why a line
// is not a record: not one JSON object, no Field as a string, or a
// SeqField that is not an integer. With a key given twice, the last value
// counts, as for JSON decoders.
func (f Format) Parse(line string) (Record, error) {
	rec := Record{Line: line}
	field, idField := f.field(), f.idField()
	dec := json.NewDecoder(strings.NewReader(line))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return rec, errors.New("not a JSON object")
	}
	found := false
	var seq json.RawMessage
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return rec, errors.New("not valid JSON")
		}
		key, _ := tok.(string)
		before := int(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return rec, errors.New("not valid JSON")
		}
		end := int(dec.InputOffset())
		start := end - len(raw)
		if start < before {
			return rec, errors.New("not valid JSON")
		}
		switch key {
		case field:
			rec.span, found = dedupe.Span{Start: start, End: end}, true
		case idField:
			rec.ID = raw
		}
		if f.SeqField != "" && key == f.SeqField {
			seq = raw
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return rec, errors.New("not valid JSON")
	}
	if _, err := dec.Token(); err != io.EOF {
		return rec, errors.New("not one JSON object")
	}
	if !found {
		return rec, fmt.Errorf("no field %q", field)
	}
	if err := json.Unmarshal([]byte(line[rec.span.Start:rec.span.End]), &rec.Text); err != nil {
		return rec, fmt.Errorf("field %q is not a string", field)
	}
	if seq != nil {
		n, err := strconv.ParseInt(string(seq), 10, 64)
		if err != nil {
			return rec, fmt.Errorf("field %q is not an integer", f.SeqField)
		}
		rec.Seq, rec.HasSeq = n, true
	}
	return rec, nil
}

// With returns the record's line with clean in place of Text, every other
// byte as it was.
func (r Record) With(clean string) string {
	if clean == r.Text {
		return r.Line
	}
	var enc bytes.Buffer
	e := json.NewEncoder(&enc)
	e.SetEscapeHTML(false)
	e.Encode(clean) // a string always encodes
	return r.Line[:r.span.Start] + strings.TrimSuffix(enc.String(), "\n") + r.Line[r.span.End:]
}

// Doc names the record on line line of file as a document of a corpus.
// Without Format.SeqField, its Seq is seq (the caller numbers records by
// their place) and its name FILE:LINE; with it, its Seq is the field's
// value and its name the ID field's (a string's text, a number's digits),
// FILE:LINE if it has none.
func (f Format) Doc(r Record, file string, line int, seq int64) corpus.Doc {
	name := fmt.Sprintf("%s:%d", file, line)
	if f.SeqField == "" {
		return corpus.Doc{Seq: seq, Name: name}
	}
	if r.ID != nil {
		var s string
		if json.Unmarshal(r.ID, &s) == nil {
			name = s
		} else {
			name = string(r.ID)
		}
	}
	return corpus.Doc{Seq: r.Seq, Name: name}
}

// Clean returns the record's line with its text as res cleaned it. A field
// ends with a line end only if it did: Clean trims res.Text to match, so
// that the report and counts made from res after it are of the field's
// new value.
func (r Record) Clean(res *dedupe.Result) string {
	if !strings.HasSuffix(r.Text, "\n") {
		res.Text = strings.TrimSuffix(res.Text, "\n")
	}
	return r.With(res.Text)
}

// Report returns the JSON report line (with its line end) of the record on
// line line of file, cleaned into res (after Clean): the object textclean
// --jsonl --report writes.
func (r Record) Report(file string, line int, res *dedupe.Result) []byte {
	rep := report.New(file, r.Text, res)
	rep.Line = line
	rep.ID = r.ID
	if rep.ID == nil {
		rep.ID = json.RawMessage(strconv.Itoa(line))
	}
	var b bytes.Buffer
	rep.Write(&b) // writing to a buffer does not fail
	return b.Bytes()
}
