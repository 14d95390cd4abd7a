package sentence

import (
	"io/fs"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/textclean/textclean/internal/benchgen"
	"github.com/textclean/textclean/normalize"
)

// refSeeds are seeds for FuzzSplitRuns: the ends of sentences that
// AppendSplit takes a fast path for, and those it does not.
var refSeeds = []string{
	"", "Hello world. Bye now.", "Mr. Smith met Dr. Jones. They spoke.", "It opened on Jan. 20 and Sept. 11.",
	"He said No. Then he left.", "Read No. 5 and Fig. 3 on pp. 12. Then stop.", "Smith et al. (2020) found it.",
	"U.S. Senator Marco Rubio. He said so.", "e.g. Go or Rust. It works.", "J. K. Rowling. George W. Bush.",
	"1. Find it. 2. Check it. b. Then fix it.", "“I agree.” He left.", "Why? Because! Fine.",
	"It ended... Then.", "我很好。你呢？", "А. С. Пушкин. Он писал.", "Nº. 5 and nº. 6 and n. 7. Nr°. 8",
	"approx. 5 km. approx. Then", "Straße. Nº. 5", "a\xff. B", "abcdefgh.", "abcdefg. Abcdefgh. A",
	"Smith vs. Jones ended. Ziff. 3 Kap. 4 Bd. 5", "ไทย ภาษา ไทย", "x\u00a0y. Z", "\xff \xfe. A",
	"Is it?", "Stop it now!", "Mr.", "He met J.", "abcdefghijklmnopq\xc3", "ab\xff", "abcdefgh\xe2\x80",
}

// refAbbreviations are the words of isAbbreviationRef and
// isNumberAbbreviationRef.
var refAbbreviations = strings.Fields(`Mr Mrs Ms Dr Prof Sr Jr St Mt Gen Sen Rep Gov Lt Col Capt Sgt Rev
	Hon Pres Supt Inc Ltd Corp Co vs cf al approx Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
	No Nos Vol pp Fig Nr Abs Art Bd Kap Ziff Nº Nr° n nº`)

// TestSplitRefArticles compares AppendSplit with appendSplitSpaceAtATime on every
// paragraph, and the whole, of the repository's articles and of 4 MB of
// the generated benchmark stream, normalized as the CLI normalizes it.
func TestSplitRefArticles(t *testing.T) {
	texts := refTexts(t)
	doc, err := normalize.New(normalize.Options{}).Document(benchgen.New(1).Stream(4 << 20))
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, doc.String())
	var got, want []Span
	paragraphs := 0
	for _, text := range texts {
		for _, para := range append(strings.Split(text, "\n"), text) {
			got, want = AppendSplit(got[:0], para), appendSplitSpaceAtATime(want[:0], para)
			if !slices.Equal(got, want) {
				t.Fatalf("AppendSplit(%q) = %v; a white space at a time %v", para, got, want)
			}
			paragraphs++
		}
	}
	if paragraphs < 20000 {
		t.Errorf("compared %d paragraphs, want the stream's 20,000 and more", paragraphs)
	}
}

// refTexts returns the text files under the repository's testdata: news
// articles in several languages, damaged and clean.
func refTexts(tb testing.TB) []string {
	var texts []string
	err := filepath.WalkDir("../../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") && !strings.HasSuffix(path, ".golden") {
			return err
		}
		data, err := os.ReadFile(path)
		texts = append(texts, string(data))
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(texts) < 10 {
		tb.Fatalf("found %d texts in testdata, want 10 or more", len(texts))
	}
	return texts
}

// TestSplitRefRandom compares AppendSplit with appendSplitSpaceAtATime on many short
// texts drawn from pieces that meet at every offset of the eight-byte reads
// and of the look back from a full stop: words of both abbreviation lists
// and near misses, initials, digits, white space, terminators, closers and
// characters that are not ASCII.
func TestSplitRefRandom(t *testing.T) {
	pieces := []string{"a", "B", "7", "42", " ", "  ", "\t", "\n", ".", ". ", "!", "?", "...", "\"", ")", "(", "’", "“",
		"é", "ไ", "\u00a0", "。", "\xff", "ж", "Ж", "º", "°", "U.S", "e.g", "Ph.D", "abcdefghij", "Abc"}
	for _, w := range refAbbreviations {
		pieces = append(pieces, w, strings.ToLower(w), strings.ToUpper(w), w+"s", w[1:])
	}
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	var got, want []Span
	for range 300000 {
		b.Reset()
		for n := r.IntN(20); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		if got, want = AppendSplit(got[:0], text), appendSplitSpaceAtATime(want[:0], text); !slices.Equal(got, want) {
			t.Fatalf("AppendSplit(%q) = %v; a white space at a time %v", text, got, want)
		}
	}
}

// TestStartsInRun checks what AppendSplit's loop over the most common ends
// takes for granted: a byte of asciiStarts is ASCII, a whole character,
// and starts a run of inRun bytes.
func TestStartsInRun(t *testing.T) {
	for c, starts := range asciiStarts {
		if starts && (c >= utf8.RuneSelf || asciiClass[c] != classOther) {
			t.Errorf("byte %#x may start a sentence but is not an ASCII byte of classOther", c)
		}
	}
}

// TestListed checks listed against the switches it replaced, on every word
// of both lists and on words one change away from one, before a digit and
// before a letter; and that abbreviationLengths passes every listed word.
func TestListed(t *testing.T) {
	words := []string{"", "a", "Z", "the", "and", "Mrs.", "MR", "mr", "approxx", "Nr°x", "Sept", "Septe"}
	for _, w := range refAbbreviations {
		if !slices.Contains(wordAbbreviations, w) && !slices.Contains(numberAbbreviations, w) {
			t.Errorf("%q is on neither list", w)
		}
	}
	for _, w := range append(slices.Clone(wordAbbreviations), numberAbbreviations...) {
		if len(w) >= 8 {
			t.Errorf("%q has %d bytes: abbreviationLengths holds lengths below 8", w, len(w))
		}
		words = append(words, w, w[1:], w[:len(w)-1], w+"x", "x"+w, strings.ToLower(w), strings.ToUpper(w))
	}
	for _, w := range words {
		for _, next := range []rune{'5', 'A', '٣', 'x'} {
			want := isAbbreviationRef(w) || isNumberAbbreviationRef(w) && unicode.IsDigit(next)
			if got := listed(w, next); got != want {
				t.Errorf("listed(%q, %q) = %v, want %v", w, next, got, want)
			}
		}
	}
}

// TestAbbreviationWordBytes asks abbreviation and abbreviationRuneAtATime
// about a full stop after a space and every pair of bytes, in a sentence
// long enough for abbreviation's read of the eight bytes before the stop:
// its shortcut for a word of ASCII letters after an ASCII byte decides
// these words itself (the initials A to Z, the one- and two-letter words of
// both lists) and leaves the others, a dot or a byte that is not ASCII
// before or in the word, to the look back.
func TestAbbreviationWordBytes(t *testing.T) {
	text := []byte("Sentence xy. N")
	p := len(text) - 3
	for b1 := range 256 {
		for b2 := range 256 {
			text[p-2], text[p-1] = byte(b1), byte(b2)
			for _, next := range []rune{'N', '5'} {
				got, want := abbreviation(string(text), 0, p, next), abbreviationRuneAtATime(string(text), 0, p, next)
				if got != want {
					t.Fatalf("abbreviation(%q, 0, %d, %q) = %v, a rune at a time %v", text, p, next, got, want)
				}
			}
		}
	}
}

// skipRunRef is skipRun a byte at a time: the end of the run of inRun
// bytes that starts at i. skipRun's words of eight bytes, as they were at
// e23c46c or as they are, must find the same end; TestRunEnds holds
// runEnds to inRun on its own.
func skipRunRef(text string, i int) int {
	for i < len(text) && inRun[text[i]] {
		i++
	}
	return i
}

// isAbbreviationRef is the switch over wordAbbreviations that listed
// replaced.
func isAbbreviationRef(w string) bool {
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt",
		"Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Rev", "Hon", "Pres", "Supt",
		"Inc", "Ltd", "Corp", "Co",
		"vs", "cf", "al", "approx":
		return true
	}
	return false
}

// isNumberAbbreviationRef is the switch over numberAbbreviations that
// listed replaced.
func isNumberAbbreviationRef(w string) bool {
	switch w {
	case "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"No", "Nos", "Vol", "pp", "Fig",
		"Nr", "Abs", "Art", "Bd", "Kap", "Ziff", "Nº", "Nr°", "n", "nº": // de, and other languages' "number"
		return true
	}
	return false
}

// TestRunEnds checks runEnds's lowest flag on every pair of bytes at every
// pair of places among letters: it must be the first byte that is not
// inRun, whatever the bytes after it.
func TestRunEnds(t *testing.T) {
	w := []byte("abcdefgh")
	for k1 := range 8 {
		for k2 := k1; k2 < 8; k2++ {
			for b1 := range 256 {
				for b2 := range 256 {
					copy(w, "abcdefgh")
					w[k1], w[k2] = byte(b1), byte(b2)
					want := slices.IndexFunc(w, func(c byte) bool { return !inRun[c] })
					got := -1
					if m := runEnds(le64(string(w))); m != 0 {
						got = bits.TrailingZeros64(m) / 8
					}
					if got != want {
						t.Fatalf("runEnds(%q) flags byte %d first, want %d", w, got, want)
					}
				}
			}
		}
	}
}

// TestSkipRun compares skipRun with skipRunRef from every start in texts of
// every length to 40 bytes, drawn from bytes of each kind: the sixteen-byte
// steps, the eight-byte step and the shifted last word all meet ends.
func TestSkipRun(t *testing.T) {
	alphabet := []byte{'a', 'Z', ' ', '\n', ',', '.', '!', '?', 0, 0x7f, 0x80, 0xc3, 0xff}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		text := make([]byte, r.IntN(41))
		for k := range text {
			text[k] = 'a'
			if r.IntN(8) == 0 {
				text[k] = alphabet[r.IntN(len(alphabet))]
			}
		}
		for i := 0; i <= len(text); i++ {
			if got, want := skipRun(string(text), i), skipRunRef(string(text), i); got != want {
				t.Fatalf("skipRun(%q, %d) = %d, want %d", text, i, got, want)
			}
		}
	}
}
