package normalize

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// TestDocumentPremergeAtThreshold compares Document with Document as it
// was before the merge of branch front on texts just under, at and just
// over parallelBytes (as it is, not lowered), with and without a BOM, on
// 2 and 3 goroutines, with what the chunks now find about their bytes
// put at each chunk edge: a CR LF ending a chunk, a lone CR moving the
// edge, invalid UTF-8 and a cut-short sequence on either side, a NUL
// after invalid UTF-8, a valid multibyte character on either side, blank
// lines of spaces on either side and a hyphenated word across the edge.
// The edges are changed at the threshold only: a byte more moves them by
// at most a line, and changing them there too took the test from 8 to 16
// s of the suite's time.
func TestDocumentPremergeAtThreshold(t *testing.T) {
	if testing.Short() {
		t.Skip("big inputs")
	}
	opts := []Options{{}, {Skip: Except()}, {Skip: Except(), Strict: true},
		{Skip: Except(BOM, Newlines, BlankLines, Hyphenation)}, {Skip: Set(Trim)}}
	para := "a line of text that goes on for a while with the informa-\ntion it holds\n\n"
	for _, size := range []int{parallelBytes - 1, parallelBytes, parallelBytes + 1} {
		for _, bom := range []string{"", "\ufeff"} {
			base := bom + strings.Repeat(para, size/len(para)+1)
			base = base[:size-1] + "\n"
			for _, procs := range []int{2, 3} {
				variants := []string{base}
				if size == parallelBytes {
					variants = edgeVariants(base, len(bom), procs)
				}
				for _, in := range variants {
					for _, o := range opts {
						want, wantErr := premergeWith(in, o, len(in)+1, 1)
						got, err := documentWith(in, o, parallelBytes, procs)
						if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
							t.Fatalf("%d bytes, %+v, on %d goroutines: %v, before %v (documents equal: %v)",
								len(in), o, procs, err, wantErr, reflect.DeepEqual(got, want))
						}
					}
				}
			}
		}
	}
}

// edgeVariants returns text changed at each edge of the chunks Document
// cuts it into on procs goroutines.
func edgeVariants(text string, start, procs int) []string {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	variants := []string{text}
	set := func(s string, i int, b string) string { return s[:i] + b + s[i+len(b):] }
	for _, ch := range lineChunks(text, start)[1:] {
		b := ch.start // text[b-1] is an LF
		lineBefore := strings.LastIndexByte(text[:b-1], '\n') + 1
		lineAfter := b + strings.IndexByte(text[b:], '\n')
		variants = append(variants,
			set(text, b-2, "\r"),
			set(text, b-1, "\r"),
			set(text, b, "\xff"),
			set(text, b-2, "\xc3"),
			set(text, b, "\xe2\x80"),
			set(set(text, b, "\x00"), start+3, "\xff"),
			set(set(text, b-2, "\xff"), b+1, "\x00"),
			set(text, b-3, "\xc3\xa9"),
			set(text, b, "\xc3\xa9"),
			set(text, lineBefore, strings.Repeat(" ", b-1-lineBefore)),
			set(text, b, strings.Repeat(" ", lineAfter-b)),
			set(set(text, b-2, "-"), b, "tion "),
		)
	}
	return variants
}
