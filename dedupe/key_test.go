package dedupe

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/textclean/textclean/internal/sentence"
	"github.com/textclean/textclean/normalize"
)

// appendKeyByRune is appendKey as it was before its fast path for runs of
// ASCII: one rune at a time. FuzzAppendKey checks the two agree.
func appendKeyByRune(dst []byte, text string) []byte {
	start := len(dst)
	pendingSpace := false
	for _, r := range text { // an invalid byte is utf8.RuneError, as DecodeRuneInString gives
		if unicode.IsSpace(r) {
			pendingSpace = len(dst) > start
			continue
		}
		if pendingSpace {
			dst = append(dst, ' ')
			pendingSpace = false
		}
		if r < utf8.RuneSelf {
			dst = append(dst, byte(unicode.ToLower(r)))
			continue
		}
		dst = utf8.AppendRune(dst, foldRune(r))
	}
	for len(dst) > start {
		r, size := utf8.DecodeLastRune(dst[start:])
		if !isTrailingPunct(r) && r != ' ' {
			break
		}
		dst = dst[:len(dst)-size]
	}
	return dst
}

func FuzzAppendKey(f *testing.F) {
	for _, s := range []string{"", " ", "Hello,  World!", "  a\tb\n", "The cat. ", "«Ça va?» — “Oui”…",
		"a b  c", "x\u00a0y", "ABC def GHI", "end ;", "\xff\xfe a", "日本語 です。", "a\u2003b c",
		"The Quick  Brown\tFox — ȺȺȺ \xff\xffEND. Next  LINE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prefix := []byte("kept")
		got := appendKey(append([]byte(nil), prefix...), s)
		want := appendKeyByRune(append([]byte(nil), prefix...), s)
		if string(got) != string(want) {
			t.Fatalf("appendKey(%q) = %q, rune by rune %q", s, got[len(prefix):], want[len(prefix):])
		}
	})
}

// checkAppendKeys checks that appendKeys gives the key of text and of
// each of its sentences, as appendKey makes them one by one.
func checkAppendKeys(t *testing.T, text string) {
	t.Helper()
	spans := sentence.Split(text)
	prefix := []byte("kept")
	var got []string
	key := appendKeys(append([]byte(nil), prefix...), text, spans, func(k int, key []byte) {
		if k != len(got) {
			t.Fatalf("appendKeys(%q): sentence %d after %d", text, k, len(got))
		}
		got = append(got, string(key))
	})
	if want := appendKey(append([]byte(nil), prefix...), text); string(key) != string(want) {
		t.Fatalf("appendKeys(%q) = %q, appendKey %q", text, key[len(prefix):], want[len(prefix):])
	}
	if len(got) != len(spans) {
		t.Fatalf("appendKeys(%q): %d sentence keys for %d sentences", text, len(got), len(spans))
	}
	for k, sp := range spans {
		if want := string(appendKey(nil, text[sp.Start:sp.End])); got[k] != want {
			t.Fatalf("appendKeys(%q): sentence %q has key %q, appendKey %q", text, text[sp.Start:sp.End], got[k], want)
		}
	}
}

// TestAppendKeys checks appendKeys on the cases where a sentence's key is
// not simply the bytes of the paragraph's key that its text makes: white
// space before, between and after sentences, trailing punctuation inside
// the text and at its end, folded quotes and dashes, Unicode spaces and
// invalid UTF-8.
func TestAppendKeys(t *testing.T) {
	for _, text := range []string{
		"", " ", "\t\n", ".", "A.", "One. Two.", "  One.  Two.  ", "One.\nTwo!\n\nThree?",
		"He said “No.” Then he left…", "«Ça va?» — “Oui”… Bien.", "It ended... Then it began...",
		"End ; Next one ;", "Why?! Because. ", "A\u00a0b. C\u2003d.\u3000", "First sentence.\u00a0Second one.",
		"日本語です。次の文です。", "これは「引用。」です。", "x\xff. \xfe Y.", "\xe2\x80. \x9d Z.", "\xff", "A. \xff",
		"Dr. Smith went home. He slept.", "1. Find the source. 2. Read it.", "Wait — what? ‘Yes’ – fine.",
		"A sentence , . ; : ! ? … 。 ！ ？ ， ； ： ", "One.   \t  Two.  \u2028 Three.",
	} {
		checkAppendKeys(t, text)
	}
}

// FuzzAppendKeys checks appendKeys against appendKey of the text and of
// each of its sentences.
func FuzzAppendKeys(f *testing.F) {
	for _, s := range []string{"", "One. Two.", "«Ça va?» — “Oui”… Bien.", "x\xff. \xfe Y.", "A\u00a0b. C\u2003d.",
		"日本語です。次の文です。", "End ; Next one ;", "Why?! Because. ", "The Quick  Brown\tFox — ȺȺȺ. \xff\xffEND. Next  LINE"} {
		f.Add(s)
	}
	f.Fuzz(checkAppendKeys)
}

// TestAppendKeysPlainStart checks appendKeys, whose sentences that end
// in the run of plain ASCII that starts a text take their keys from the
// key of the run, where that run ends at every offset of its blocks of
// eight and sixteen bytes, in a sentence, just after one, in the space
// after one and in the gap between two; with a space, a run of white
// space, a rune or invalid byte, and a capital after it. It checks them
// against appendKey of each sentence (checkAppendKeys) and against the
// old appendKeys (checkAgainstOld) with the sentences' spans and with
// spans of a few runes, which may start or end with a space.
func TestAppendKeysPlainStart(t *testing.T) {
	const plain = "Ab cd. Efg hi jk. L mn opq rstu. Vw. Xyz ab cd ef gh. Ij kl, mn. Op."
	for _, stop := range []string{"", " ", "  ", "\t", " \n ", "é", "\xff", "\u00a0", "’", ". Z", "\x00"} {
		for n := 0; n <= len(plain); n++ {
			text := plain[:n] + stop + " Tail end. Done."
			checkAppendKeys(t, text)
			checkAgainstOld(t, text, n%5, 0)
		}
	}
}

// TestAppendKeyEightAtATime checks appendKey against appendKeyByRune
// where its runs of plain ASCII, read eight bytes at a time (and the
// byte after them), two blocks of eight a step while sixteen and more are
// left, end: each byte that could end a run (or that borders one that
// does) at every offset of a long run, in both blocks of a step, after a
// space, twice in a row, and last in the text; capitals, which the run
// lowers, at each of the eight bytes and the ninth; runes cut by an eight-byte boundary or
// by the text's end; runes and invalid bytes whose key is longer than
// they are, which the key's room must grow for.
func TestAppendKeyEightAtATime(t *testing.T) {
	const run = "abcdefghijklmnopqrstuvwx,yz0123456789.;:!?"
	special := []string{" ", "  ", "\t", "\n", "\x00", "\x1f", "!", "@", "A", "Z", "[", "`", "~", "\x7f",
		"\x80", "\xff", "\xc3", "\xe2\x80", "é", "\u00a0", "\u2003", "’", "—", "É", " A", " é", " \xff", "A ", ". ",
		"Ⱥ", "İ", "\u212a", "€", "\u205f", "\u2028", "\u200b", "\xe2\x81", "\xe2\x82", "\xe2\x80\xe2", "\xd0\xd0\x9f", "Привет", "ȺȺȺȺȺȺȺȺȺȺȺȺ", "\xff\xff\xff\xff\xff\xff\xff\xff\xff", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
	for _, sp := range special {
		for at := 0; at <= 25; at++ {
			for _, text := range []string{run[:at] + sp + run[at:], run[:at] + sp + sp + run[at:], run[:at] + " " + sp + run[at:],
				"x" + run[:at] + sp, run[:at] + sp, sp + run[:at], run[:at] + sp + " "} {
				got := string(appendKey(nil, text))
				if want := string(appendKeyByRune(nil, text)); got != want {
					t.Fatalf("appendKey(%q) = %q, rune by rune %q", text, got, want)
				}
			}
		}
	}
	// Every piece of a text with one of each: every length from every
	// start, so each byte falls at each offset of the eight and at the
	// end.
	const mixed = "The Cat  sat.\tOn ‘the’ MAT — ȺȺ \xff\xe2\x80 x\u00a0y İs  THE END. "
	for i := range len(mixed) {
		for j := i; j <= len(mixed); j++ {
			text := mixed[i:j]
			got := string(appendKey([]byte("kept"), text))
			if want := string(appendKeyByRune([]byte("kept"), text)); got != want {
				t.Fatalf("appendKey(%q) = %q, rune by rune %q", text, got, want)
			}
		}
	}
}

// TestAppendKeyRuneTables checks appendKey against appendKeyByRune for
// every rune keyRuneAt reads from a table, alone, between letters and
// between spaces.
func TestAppendKeyRuneTables(t *testing.T) {
	for _, rs := range [][2]rune{{utf8.RuneSelf, 0x800}, {0x2000, 0x2080}} {
		for r := rs[0]; r < rs[1]; r++ {
			for _, text := range []string{string(r), "a" + string(r) + "B", "a " + string(r) + " b", string(r) + string(r)} {
				got := string(appendKey(nil, text))
				if want := string(appendKeyByRune(nil, text)); got != want {
					t.Fatalf("appendKey(%q) = %q, rune by rune %q", text, got, want)
				}
			}
		}
	}
}

// BenchmarkAppendKey makes the match key of every paragraph of the stage
// benchmarks' input, normalized as by default and, for exact mode, not
// at all: then the key meets the input's no-break and zero-width spaces.
// The corpus case keys the shared corpus's articles (Russian among them,
// and curly quotes), normalized, where the corpus is present.
func BenchmarkAppendKey(b *testing.B) {
	for _, bc := range []struct {
		name  string
		input func(b *testing.B) string
		opts  Options
	}{
		{"default", func(*testing.B) string { return stageInput() }, Options{}},
		{"exact", func(*testing.B) string { return stageInput() }, Options{Normalize: normalize.Options{Skip: normalize.Except()}}},
		{"corpus", corpusInput, Options{}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			c := stageCleaner(b, bc.input(b), &bc.opts)
			b.SetBytes(int64(len(c.input)))
			var buf []byte
			for b.Loop() {
				for i := range c.paras {
					buf = appendKey(buf[:0], c.textOf(i))
				}
			}
		})
	}
}

// corpusInput returns the shared corpus's articles as one document, or
// skips b where the corpus is absent.
func corpusInput(b *testing.B) string {
	return strings.Join(corpusArticles(b), "\n\n")
}

// corpusArticles returns the shared corpus's articles, or skips tb where
// the corpus is absent.
func corpusArticles(tb testing.TB) []string {
	texts := readTexts(tb, "../../shared/corpus/articles/*/*.txt")
	if len(texts) == 0 {
		tb.Skip("no ../../shared/corpus/articles")
	}
	return texts
}

// readTexts returns the contents of the files that pattern matches.
func readTexts(tb testing.TB, pattern string) []string {
	tb.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil {
		tb.Fatal(err)
	}
	var texts []string
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	return texts
}

// BenchmarkAppendKeys makes the match key of every paragraph of the stage
// benchmarks' input and of each of its sentences, as splitText does,
// with the sentences split beforehand.
func BenchmarkAppendKeys(b *testing.B) {
	c := stageCleaner(b, stageInput(), &Options{})
	spans := make([][]sentence.Span, len(c.paras))
	for i := range c.paras {
		spans[i] = sentence.Split(c.textOf(i))
	}
	b.SetBytes(int64(len(c.input)))
	var buf []byte
	n := 0
	for b.Loop() {
		for i := range c.paras {
			buf = appendKeys(buf[:0], c.textOf(i), spans[i], func(k int, key []byte) { n += len(key) })
		}
	}
	if n == 0 {
		b.Fatal("no sentence keys")
	}
}

// TestTableCollision files units under one hash for every key, as if all
// their hashes collided, and checks that each unit's root is the first
// unit with its key all the same, whether its text is the same or only
// its key.
func TestTableCollision(t *testing.T) {
	texts := []string{"a", "b", "A.", "c", "b", "B!", "c", "d"}
	want := []int{0, 1, 0, 3, 1, 1, 3, 7}
	// Filed in an index of its own, and in one lent from decisions
	// (slotsFor(8) slots of 8 bytes), which it writes.
	decisions := make([]decision, slotsFor(len(texts)))
	for k := range decisions {
		decisions[k] = decision{fate: removed, copyOf: -1}
	}
	for _, spares := range [][]spare{nil, {spareOf(decisions)}} {
		var tab table
		tab.file(len(texts), func(int) uint64 { return 42 }, func(k int32) string { return texts[k] }, nil, func(int) []spare { return spares })
		for i, w := range want {
			if got := tab.rootOf(i); got != w || tab.isRepeat(i) != (w != i) {
				t.Errorf("unit %d (%q): root %d, repeat %v; want %d", i, texts[i], got, tab.isRepeat(i), w)
			}
		}
	}
	if !slices.ContainsFunc(decisions, func(d decision) bool { return d != decision{fate: removed, copyOf: -1} }) {
		t.Errorf("the table's index is not in the memory lent to it")
	}
}

// TestSentenceTableCollision files sentences under one hash for every
// key and checks that each finds the first sentence with its key.
func TestSentenceTableCollision(t *testing.T) {
	text := "a. b. a. c. b."
	tab := newSentenceTable(1, func(int32) string { return text }, nil)
	want := []int{-1, -1, 0, -1, 1}
	for n, w := range want {
		s := keptSentence{cur: span32{uint32(3 * n), uint32(3*n + 2)}}
		prev, ok := tab.find(42, s)
		if ok != (w >= 0) || ok && prev != (keptSentence{cur: span32{uint32(3 * w), uint32(3*w + 2)}}) {
			t.Errorf("sentence %d: %+v, %v; want the one at %d", n, prev, ok, 3*w)
		}
	}
	if len(tab.paras) != 3 || len(tab.spans) != 3 {
		t.Errorf("%d and %d sentences kept, want 3", len(tab.paras), len(tab.spans))
	}
}
