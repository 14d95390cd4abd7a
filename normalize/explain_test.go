package normalize_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// edit is the part of a normalize.Edit that TestExplain checks.
type edit struct {
	rule          normalize.Rule
	line, column  int
	before, after string
}

func TestExplain(t *testing.T) {
	tests := []struct {
		name, in string
		opts     normalize.Options
		want     []edit
	}{
		{"nothing to explain", "Clean text.\n", normalize.Options{}, nil},
		{"one edit per change, in input order", "Itâ€™s  &amp; more\u200b\n", normalize.Options{}, []edit{
			{normalize.Mojibake, 1, 3, "â€™", "’"},
			{normalize.CollapseSpaces, 1, 13, " ", ""},
			{normalize.Entities, 1, 14, "&amp;", "&"},
			{normalize.Invisible, 1, 24, "\u200b", ""},
		}},
		{"rules that build on each other", "co&#173;op\n", normalize.Options{}, []edit{
			{normalize.Entities, 1, 3, "&#173;", "\u00ad"},
			{normalize.Invisible, 1, 3, "\u00ad", ""},
		}},
		{"document rules", "\ufeffa\r\n\r\n\r\n  b\n\n", normalize.Options{}, []edit{
			{normalize.BOM, 1, 1, "\ufeff", ""},
			{normalize.Newlines, 1, 2, "\r\n", "\n"},
			{normalize.Newlines, 2, 1, "\r\n", "\n"},
			{normalize.Newlines, 3, 1, "\r\n", "\n"},
			{normalize.BlankLines, 3, 1, "\n", ""},
			{normalize.Trim, 4, 1, "  ", ""},
			{normalize.BlankLines, 5, 1, "\n", ""},
		}},
		{"line and column count bytes", "€ x  y\n", normalize.Options{}, []edit{
			{normalize.CollapseSpaces, 1, 7, " ", ""},
		}},
		{"skipped rules are not explained", "a &amp;  b\n", normalize.Options{Skip: normalize.Set(normalize.Entities)}, []edit{
			{normalize.CollapseSpaces, 1, 9, " ", ""},
		}},
		{"the line end added at the end", "abc", normalize.Options{}, []edit{
			{normalize.Newlines, 1, 4, "", "\n"},
		}},
		{"none added after a last blank line", "abc\n  ", normalize.Options{}, []edit{
			{normalize.Trim, 2, 1, "  ", ""}, // and no blank-lines edit: the line had no line end to drop
		}},
		{"NFC, by segment", "cafe\u0301 e\u0301\n", normalize.Options{}, []edit{
			{normalize.NFC, 1, 4, "e\u0301", "é"},
			{normalize.NFC, 1, 8, "e\u0301", "é"},
		}},
		{"a rejoined hyphenated word", "the  organiza-\ntion, which\n", normalize.Options{}, []edit{
			{normalize.CollapseSpaces, 1, 5, " ", ""},
			{normalize.Hyphenation, 1, 14, "-", "tion,"},
			{normalize.Hyphenation, 2, 1, "tion, ", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edits, err := normalize.New(tt.opts).Explain(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []edit
			for _, e := range edits {
				got = append(got, edit{e.Rule, e.Line, e.Column, e.Before, e.After})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Explain(%+q):\ngot  %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestExplainFailsAsDocument(t *testing.T) {
	if _, err := normalize.New(normalize.Options{}).Explain("a\x00b"); !errors.Is(err, normalize.ErrBinary) {
		t.Errorf("Explain of binary input: err = %v, want ErrBinary", err)
	}
}

// checkExplain checks that Explain accounts for Document's counts: a rule
// has edits exactly when it counted changes, and each edit's offset is the
// one its line and column give.
func checkExplain(t *testing.T, n *normalize.Normalizer, in string, d *normalize.Document) {
	t.Helper()
	edits, err := n.Explain(in)
	if err != nil {
		t.Fatalf("Explain failed where Document did not: %v", err)
	}
	explained := make(map[normalize.Rule]bool)
	lineStart := make(map[int]int)
	for i, l := range d.Lines {
		lineStart[i+1] = int(l.Start)
	}
	for _, e := range edits {
		explained[e.Rule] = true
		if start, ok := lineStart[e.Line]; ok && e.Line > 1 && start+e.Column-1 != e.Offset {
			t.Fatalf("edit %+v: line %d starts at %d, column does not match offset", e, e.Line, start)
		}
		if e.Before == e.After {
			t.Fatalf("edit %+v changes nothing", e)
		}
	}
	for _, r := range normalize.Rules() {
		if counted := d.Counts.Of(r) > 0; counted != explained[r] {
			t.Fatalf("%q: rule %s counted %d but explained: %v\nedits %+v", in, r, d.Counts.Of(r), explained[r], edits)
		}
	}
}
