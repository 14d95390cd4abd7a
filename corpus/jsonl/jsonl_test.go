package jsonl_test

import (
	"strings"
	"testing"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/corpus/jsonl"
	"github.com/textclean/textclean/dedupe"
)

func TestParse(t *testing.T) {
	format := jsonl.Format{Field: "body", SeqField: "n"}
	for _, tc := range []struct {
		line, text, err string
		seq             int64
	}{
		{line: `{"body":"x","n":3}`, text: "x", seq: 3},
		{line: `{"body":"x","body":"y"}`, text: "y"}, // the last key counts, as for decoders
		{line: `{"text":"x"}`, err: `no field "body"`},
		{line: `{"body":1}`, err: `field "body" is not a string`},
		{line: `{"body":"x","n":"3"}`, err: `field "n" is not an integer`},
		{line: `{"body":"x","n":1.5}`, err: `field "n" is not an integer`},
		{line: `["body"]`, err: "not a JSON object"},
		{line: `{"body":"x"} {}`, err: "not one JSON object"},
	} {
		rec, err := format.Parse(tc.line)
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("Parse(%s): error %v, want %q", tc.line, err, tc.err)
		case tc.err == "" && (err != nil || rec.Text != tc.text || rec.Seq != tc.seq):
			t.Errorf("Parse(%s): %q seq %d, %v; want %q seq %d", tc.line, rec.Text, rec.Seq, err, tc.text, tc.seq)
		}
	}
}

func TestDocNames(t *testing.T) {
	for _, tc := range []struct {
		format jsonl.Format
		line   string
		want   string
	}{
		{jsonl.Format{}, `{"id":"a","text":""}`, "f.jsonl:4"}, // by place without --seq-field
		{jsonl.Format{SeqField: "n"}, `{"id":"a","n":1,"text":""}`, "a"},
		{jsonl.Format{SeqField: "n"}, `{"id":12,"n":1,"text":""}`, "12"},
		{jsonl.Format{SeqField: "n"}, `{"n":1,"text":""}`, "f.jsonl:4"},
	} {
		rec, err := tc.format.Parse(tc.line)
		if err != nil {
			t.Fatal(err)
		}
		if got := tc.format.Doc(rec, "f.jsonl", 4, 99).Name; got != tc.want {
			t.Errorf("%+v %s: name %q, want %q", tc.format, tc.line, got, tc.want)
		}
	}
}

// TestReportCountsTheField: bytes_out is the size of the field's new
// value, which ends without a line end when the old one did.
func TestReportCountsTheField(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{`{"text":"a  b"}`, `"bytes_in":4,"bytes_out":3,`},
		{`{"text":"a  b\n"}`, `"bytes_in":5,"bytes_out":4,`},
	} {
		rec, err := jsonl.Format{}.Parse(tc.line)
		if err != nil {
			t.Fatal(err)
		}
		res, err := corpus.Apply(rec.Text, dedupe.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		rec.Clean(res)
		if got := string(rec.Report("f.jsonl", 1, res)); !strings.Contains(got, tc.want) {
			t.Errorf("%s: report %s, want %s", tc.line, got, tc.want)
		}
	}
}
