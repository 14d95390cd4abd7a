package normalize

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/textclean/textclean/internal/benchgen"
	"github.com/textclean/textclean/internal/damage"
)

// TestDocumentAgrees checks that normalizing a document's lines on several
// goroutines gives the same Document as normalizing them on one: with the
// threshold lowered to nothing, so that even a two-line text is cut into
// chunks, on the golden and damaged articles, generated text and texts
// whose line ends, blank lines and hyphenated words fall at the chunks'
// edges, each also with CRLF and CR line ends, a BOM, and CRs in part of
// the text only, under option sets that turn the document-wide rules on
// and off; and texts with NUL bytes or (under Options.Strict) invalid
// UTF-8, which fail with the same error.
func TestDocumentAgrees(t *testing.T) {
	inputs := agreementInputs(t)
	for _, opts := range []Options{
		{},
		{Skip: Except()}, // every rule off: exact paragraph mode
		{Skip: Set(Newlines)},
		{Skip: Set(BlankLines, Hyphenation)},
		{Skip: Set(Trim)}, // blank lines that are not empty
		{NFKC: true, ASCIIPunct: true, WHATWGEntities: true},
		{Strict: true},
	} {
		for k, in := range inputs {
			t.Run(fmt.Sprintf("%+v/%d", opts, k), func(t *testing.T) {
				one, oneErr := documentWith(in, opts, len(in)+1, 1)
				for _, workers := range []int{2, 3, 8} {
					many, err := documentWith(in, opts, 0, workers)
					if !reflect.DeepEqual(one, many) || fmt.Sprint(err) != fmt.Sprint(oneErr) {
						t.Fatalf("%.40q on %d goroutines:\n%+v, %v\non one:\n%+v, %v", in, workers, many, err, one, oneErr)
					}
				}
			})
		}
	}
}

// agreementInputs returns TestDocumentAgrees's texts.
func agreementInputs(t *testing.T) []string {
	t.Helper()
	seeds := 4
	if testing.Short() {
		seeds = 2
	}
	versions, err := damage.Articles("../testdata/articles/*.txt", seeds, 11)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, d := range versions {
		texts = append(texts, d.Blocks(), d.Lines())
	}
	golden, err := filepath.Glob("../testdata/golden/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range golden {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	texts = append(texts, benchgen.New(1).Stream(64<<10),
		"", "a", "a\n", "\n", "\n\n\n", "a\nb", "a\n\n\nb\n\n", "  \n\t\nx\n  \n",
		"the informa-\ntion it holds\nand the informa-\ntion again\n",
		strings.Repeat("a well-\nknown organiza-\ntion, and then\n\n", 50),
		strings.Repeat("x", 1000), // one line: no place to cut
	)
	var inputs []string
	for _, s := range texts {
		inputs = append(inputs, s,
			strings.ReplaceAll(s, "\n", "\r\n"),
			strings.ReplaceAll(s, "\n", "\r"),
			"\ufeff"+strings.TrimSuffix(s, "\n"),
			s+strings.ReplaceAll(s, "\n", "\r\n"), // CRs in the last chunks only
			strings.ReplaceAll(s, "\n", "\r")+s)   // and in the first only
	}
	// NUL bytes, in one chunk or several: the error names the first.
	long := strings.Repeat("a line of text\n", 20)
	inputs = append(inputs, "\x00", "a\nb\x00", long+"\x00"+long, long+"x\x00\n"+long+"\x00",
		"\ufeff\x00", long+"\r\x00"+long)
	// Invalid UTF-8, which Options.Strict refuses, in one chunk or several,
	// cut short by a line end and before a NUL byte in a later chunk: the
	// NUL's error comes first.
	inputs = append(inputs, "\xff", long+"\xff"+long, long+"caf\xc3\n"+long+"\xff",
		"\ufeff\xe2\x80\n"+long, long+"\xff\n"+long+"\x00")
	return inputs
}

// documentWith normalizes in with parallelBytes and GOMAXPROCS set as
// given.
func documentWith(in string, opts Options, bytes, procs int) (*Document, error) {
	defer withParallel(bytes, procs)()
	d, err := New(opts).Document(in)
	return textsByValue(d), err
}

// textsByValue makes each changed text of d a place of its own, in line
// order, so that reflect.DeepEqual compares Documents' texts by value, as
// when they were strings: where a text lies (in the input, in which
// block of which chunk) depends on the chunks. It returns d.
func textsByValue(d *Document) *Document {
	if d == nil {
		return nil
	}
	refs, places := make([]textRef, len(d.refs)), make([]string, len(d.refs))
	for k, r := range d.refs {
		refs[k], places[k] = placeRef(k, 0, 0), d.text(r)
	}
	d.refs, d.places = refs, places
	return d
}

// withParallel sets parallelBytes to bytes and GOMAXPROCS to procs, and
// returns a function that sets both back, for a helper to defer.
func withParallel(bytes, procs int) (restore func()) {
	oldBytes, oldProcs := parallelBytes, runtime.GOMAXPROCS(procs)
	parallelBytes = bytes
	return func() { parallelBytes = oldBytes; runtime.GOMAXPROCS(oldProcs) }
}

// FuzzDocumentAgrees checks on any input that Document on three
// goroutines, with the threshold at 0, gives what it gives on one.
func FuzzDocumentAgrees(f *testing.F) {
	for _, s := range []string{"", "a\nb", "a\r\nb\rc\n", "\ufeffx\n\n", "the informa-\ntion, then\n", "a\x00b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, opts := range []Options{{}, {Skip: Except()}, {Skip: Set(Newlines)}} {
			one, oneErr := documentWith(s, opts, len(s)+1, 1)
			many, err := documentWith(s, opts, 0, 3)
			if !reflect.DeepEqual(one, many) || fmt.Sprint(err) != fmt.Sprint(oneErr) {
				t.Fatalf("%q, %+v: on 3 goroutines\n%+v, %v\non one\n%+v, %v", s, opts, many, err, one, oneErr)
			}
		}
	})
}

// TestScanBlocks checks that scan, which looks through a chunk a block
// at a time, finds what one look through the whole chunk finds: the
// first NUL byte, whether a CR is there and the lines, with the NUL and
// the CR at the edges of blocks and only in a later block.
func TestScanBlocks(t *testing.T) {
	base := []byte(strings.Repeat(strings.Repeat("a", 99)+"\n", 3*scanBlock/100+1))
	for _, nul := range []int{-1, 0, scanBlock - 1, scanBlock, 2*scanBlock + 3, len(base) - 1} {
		for _, cr := range []int{-1, 1, scanBlock - 1, scanBlock, 2*scanBlock + 7} {
			s := append([]byte(nil), base...)
			if nul >= 0 {
				s[nul] = 0
			}
			if cr >= 0 {
				s[cr] = '\r'
			}
			text := string(s)
			ch := lineChunk{start: 0, end: len(text)}
			ch.scan(text, false)
			lines := strings.Count(text, "\n") + strings.Count(text, "\r") - strings.Count(text, "\r\n")
			if text[len(text)-1] != '\n' && text[len(text)-1] != '\r' {
				lines++
			}
			if ch.nul != strings.IndexByte(text, 0) || ch.hasCR != (cr >= 0) || ch.lines != lines {
				t.Errorf("NUL at %d, CR at %d: scan found NUL at %d, CR %v, %d lines; want %d, %v, %d",
					nul, cr, ch.nul, ch.hasCR, ch.lines, strings.IndexByte(text, 0), cr >= 0, lines)
			}
		}
	}
}
