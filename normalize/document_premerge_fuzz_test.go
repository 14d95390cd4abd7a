package normalize

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// premergeOptions are the option sets FuzzDocumentPremerge runs under:
// the defaults, every rule off (the validOnly path) with and without
// Strict, validOnly with the document-wide rules on, and the
// document-wide rules with blank lines that are not empty.
var premergeOptions = []Options{
	{},
	{Skip: Except()},
	{Skip: Except(), Strict: true},
	{Strict: true},
	{Skip: Except(BOM, Newlines, BlankLines, Hyphenation)},
	{Skip: Except(BOM, Newlines, BlankLines, Hyphenation), Strict: true},
	{Skip: Set(Newlines)},
	{Skip: Set(Trim)},
	{Skip: Set(Trim, Spaces, CollapseSpaces)},
	{Skip: Set(BlankLines, Hyphenation)},
	{NFKC: true, ASCIIPunct: true, WHATWGEntities: true},
}

// premergeWith is documentPremerge with parallelBytes and GOMAXPROCS set
// as given.
func premergeWith(in string, opts Options, bytes, procs int) (*Document, error) {
	defer withParallel(bytes, procs)()
	d, err := New(opts).documentPremerge(in)
	return textsByValue(d), err
}

// checkPremerge fails unless Document gives on in, on 1, 2, 3 and 8
// goroutines with the threshold at nothing, what documentPremerge gives
// on one: the Document, the error, String, Explain and every line's
// offset map.
func checkPremerge(t *testing.T, in string, opts []Options) {
	t.Helper()
	for _, o := range opts {
		want, wantErr := premergeWith(in, o, len(in)+1, 1)
		for _, procs := range []int{1, 2, 3, 8} {
			got, err := documentWith(in, o, 0, procs)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("%q, %+v, on %d goroutines: error %v, before %v", in, o, procs, err, wantErr)
			}
			if err != nil {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q, %+v, on %d goroutines:\n%+v\nbefore:\n%+v", in, o, procs, got, want)
			}
			if g, w := got.String(), want.String(); g != w {
				t.Fatalf("%q, %+v, on %d goroutines: String %q, before %q", in, o, procs, g, w)
			}
			if g, w := got.Explain(), want.Explain(); !reflect.DeepEqual(g, w) {
				t.Fatalf("%q, %+v, on %d goroutines: Explain %+v, before %+v", in, o, procs, g, w)
			}
			if procs == 1 {
				checkPremergeOffsets(t, in, o, got)
			}
		}
	}
}

// checkPremergeOffsets fails unless each line's offset map is what the
// rules as they were give.
func checkPremergeOffsets(t *testing.T, in string, o Options, d *Document) {
	t.Helper()
	for i := range d.Lines {
		l := &d.Lines[i]
		got := d.LineOffsets(i)
		want := new(Offsets)
		New(o).premergeLine(in[l.Start:l.End], new(Counts), want)
		want.layers = append(want.layers, d.joins[i]...)
		for j := 0; j <= len(d.Text(i)); j++ {
			if got.Start(j) != want.Start(j) || got.End(j) != want.End(j) {
				t.Fatalf("%q, %+v: line %d offset %d maps to %d-%d, before %d-%d", in, o, i, j, got.Start(j), got.End(j), want.Start(j), want.End(j))
			}
		}
	}
}

// premergeTokens are the pieces FuzzDocumentPremergeTokens builds texts
// of: line ends of each kind, blank lines with and without spaces,
// hyphenated fragments and their ends, invalid and cut-short UTF-8, NUL,
// a BOM, and characters the line rules change.
var premergeTokens = []string{
	"\n", "\r\n", "\r", "\n\n", " \n", "\t\n", "  ", " ", "\t",
	"the informa-", "tion it holds", "organiza-", "tion", " well-", "known", "ment", "state-of-the-", "art",
	"\xff", "\xc3", "\xa9", "\xe2\x80", "\xed\xa0\x80", "caf\xc3\xa9", "\x00", "\ufeff",
	"a &amp; b", "\u00a0", "\u200b", "\ufb01", "e\u0301", "\u2028", "x", "Word", "-",
}

// FuzzDocumentPremerge compares Document, on several goroutines with the
// threshold at nothing, with Document as it was before the merge of
// branch front, on any input.
func FuzzDocumentPremerge(f *testing.F) {
	for _, s := range []string{"", "a\nb", "a\r\nb\rc\n", "\ufeffx\n\n", "\ufeff", "the informa-\ntion, then\n", "a\x00b",
		"\xff\n\xc3\n\xa9", "x\u2028y\n\u00a0 z\r\n\n", "a\n\xff\nb\x00\n", "a-\n \nb\n\n\nc-\nd e\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkPremerge(t, s, premergeOptions) })
}

// FuzzDocumentPremergeTokens is FuzzDocumentPremerge on texts made of
// premergeTokens, one a byte of the fuzzer's input, so that line ends,
// blank lines, hyphenated words and faults fall together, and at chunk
// edges, more often than in random bytes.
func FuzzDocumentPremergeTokens(f *testing.F) {
	f.Add([]byte{9, 0, 10, 2, 19, 0, 18, 1, 3})
	f.Add([]byte{25, 32, 0, 30, 0, 9, 1, 10, 3, 4, 5, 11, 0, 12, 24})
	f.Fuzz(func(t *testing.T, data []byte) {
		var b strings.Builder
		for _, c := range data {
			b.WriteString(premergeTokens[int(c)%len(premergeTokens)])
		}
		checkPremerge(t, b.String(), premergeOptions)
	})
}
