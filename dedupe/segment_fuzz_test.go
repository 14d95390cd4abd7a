package dedupe

import (
	"fmt"
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// segmentTokens are the pieces FuzzSegmentAgrees builds texts of: line
// ends, blank lines empty and of spaces, and lines of text just under and
// at shortLine bytes, so that chooseStyle's bounds (a separator for every
// four lines of text, most lines short) are met and missed by one.
var segmentTokens = []string{
	"\n", "\n\n", " \n", "\t \n", "\r\n", "x", "ab ",
	strings.Repeat("s", shortLine-1), strings.Repeat("l", shortLine), strings.Repeat("m", shortLine+1),
}

// FuzzSegmentAgrees checks on texts made of segmentTokens that segmentOn,
// on 1, 2, 3 and 8 goroutines, chooses the style detectStyle chose and
// cuts the paragraphs segmentSequential cuts, with blank lines that are
// empty (the default rules) and of spaces (Trim off).
func FuzzSegmentAgrees(f *testing.F) {
	f.Add([]byte{7, 0, 7, 0, 7, 0, 1, 7, 0})
	f.Add([]byte{8, 0, 8, 0, 8, 0, 1, 8, 0, 2, 5})
	f.Add([]byte{1, 2, 5, 0, 3, 6, 1, 9, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		var b strings.Builder
		for _, c := range data {
			b.WriteString(segmentTokens[int(c)%len(segmentTokens)])
		}
		in := b.String()
		for _, opts := range []normalize.Options{{}, {Skip: normalize.Set(normalize.Trim, normalize.BlankLines)}} {
			doc, err := normalize.New(opts).Document(in)
			if err != nil {
				t.Fatal(err)
			}
			checkSegment(t, fmt.Sprintf("%q, %+v", in, opts), doc)
		}
	})
}
