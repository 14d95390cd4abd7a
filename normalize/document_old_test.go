package normalize

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// documentSequential is Document as it was before its lines were
// normalized in chunks (main at 2196ea9): one loop over the lines on the
// calling goroutine. It is the reference FuzzDocumentSequential compares
// Document with, at one goroutine and at several.
func (n *Normalizer) documentSequential(input string) (*Document, error) {
	if i := strings.IndexByte(input, 0); i >= 0 {
		line, col := position(input, i)
		return nil, fmt.Errorf("%w: NUL byte at line %d, column %d", ErrBinary, line, col)
	}
	if n.opts.Strict && !utf8.ValidString(input) {
		i := firstInvalid(input)
		line, col := position(input, i)
		return nil, fmt.Errorf("%w at line %d, column %d (byte %d)", ErrInvalidUTF8, line, col, i+1)
	}
	d := &Document{Newline: "\n", input: input, opts: n.opts}
	text := input
	start := 0
	if strings.HasPrefix(text, "\ufeff") {
		if n.opts.on(BOM) {
			d.Counts[BOM]++
		} else {
			d.BOM = "\ufeff"
		}
		start = len("\ufeff")
	}
	hasCR := strings.IndexByte(text, '\r') >= 0
	var texts []string
	for number := 1; ; number++ {
		end, next := lineEnd(text, start, hasCR)
		d.Lines = append(d.Lines, Line{Start: int32(start), End: int32(end)})
		texts = append(texts, n.line(text[start:end], &d.Counts, nil))
		if eol := text[end:next]; eol != "" {
			if eol != "\n" && n.opts.on(Newlines) {
				d.Counts[Newlines]++
			} else if !n.opts.on(Newlines) && number == 1 {
				d.Newline = eol // the first line end sets the style
			}
		}
		if next == len(text) {
			d.FinalNewline = next > end
			break
		}
		start = next
	}
	d.setLineTexts(texts)
	if !d.FinalNewline && !d.Blank(len(d.Lines)-1) && n.opts.on(Newlines) {
		d.Counts[Newlines]++
	}
	if n.opts.on(Hyphenation) {
		every := make([]int, len(d.Lines)) // every line, as the rule once looked at
		for i := range every {
			every[i] = i
		}
		d.rejoinHyphenated(&d.Counts, every)
	}
	if n.opts.on(BlankLines) {
		d.Counts[BlankLines] = d.extraBlankLines(d.blankLines())
	}
	return d, nil
}

// setLineTexts gives the lines of d the texts, by line, that the
// reference implementations made as a Line's Text before lines kept
// only the texts the rules changed.
func (d *Document) setLineTexts(texts []string) {
	changed := make(map[int]string)
	for i, text := range texts {
		if l := d.Lines[i]; text != d.input[l.Start:l.End] {
			changed[i] = text
		}
	}
	d.places = d.inputWindows(len(changed)) // as joinChunkTexts makes them
	d.setTexts(nil, changed)
}

// sequentialOptions are the option sets the comparisons with
// documentSequential run under.
var sequentialOptions = []Options{
	{},
	{Skip: Except()},
	{Skip: Set(Newlines)},
	{Skip: Set(BlankLines, Hyphenation)},
	{Skip: Set(Trim)}, // blank lines that are not empty
	{Strict: true},
	{NFKC: true, ASCIIPunct: true, WHATWGEntities: true},
}

// checkSequential fails unless Document gives on in what
// documentSequential gives, on one goroutine and on 2, 3 and 8 with the
// threshold at nothing.
func checkSequential(t *testing.T, in string) {
	t.Helper()
	for _, opts := range sequentialOptions {
		want, wantErr := New(opts).documentSequential(in)
		want = textsByValue(want)
		for _, procs := range []int{1, 2, 3, 8} {
			got, err := documentWith(in, opts, 0, procs)
			if !reflect.DeepEqual(got, want) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("%.60q, %+v, on %d goroutines:\n%+v, %v\nbefore:\n%+v, %v", in, opts, procs, got, err, want, wantErr)
			}
		}
	}
}

// TestDocumentSequential compares Document with the sequential loop it
// replaced on TestDocumentAgrees's texts.
func TestDocumentSequential(t *testing.T) {
	for _, in := range agreementInputs(t) {
		checkSequential(t, in)
	}
}

// FuzzDocumentSequential compares Document with the sequential loop it
// replaced on any input.
func FuzzDocumentSequential(f *testing.F) {
	for _, s := range []string{"", "a\nb", "a\r\nb\rc\n", "\ufeffx\n\n", "\ufeff", "\ufeff\r\n", "the informa-\ntion, then\n", "a\x00b", "\r", "\xff\n\xc3\n\xa9", "x\u2028y\n\u00a0 z\r\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSequential(t, s) })
}
