package normalize

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestDocumentText checks Text, Changed and Blank on documents whose
// changed lines fall at the edges of the 64-line words that mark them
// (lines 0, 62, 63, 64, 127, 128 and the last), in none, all and every
// other line, and with rejoined hyphenated words, whose texts are set
// after the chunks' (two lines each: a changed line and one the rules
// left alone before).
func TestDocumentText(t *testing.T) {
	plain, changed := "plain text", "  spaced   text "
	lines := func(n int, isChanged func(i int) bool) string {
		var b strings.Builder
		for i := range n {
			if isChanged(i) {
				fmt.Fprintf(&b, "%d%s\n", i, changed)
			} else {
				fmt.Fprintf(&b, "%d %s\n", i, plain)
			}
		}
		return b.String()
	}
	edges := map[int]bool{0: true, 62: true, 63: true, 64: true, 127: true, 128: true, 199: true}
	tests := []struct {
		name string
		in   string
	}{
		{"none", lines(200, func(int) bool { return false })},
		{"all", lines(200, func(int) bool { return true })},
		{"every other", lines(200, func(i int) bool { return i%2 == 1 })},
		{"word edges", lines(200, func(i int) bool { return edges[i] })},
		{"one line", "  x  "},
		{"empty", ""},
		{"rejoined", lines(63, func(i int) bool { return i%3 == 0 }) + "the informa-\ntion it holds\n  and the organiza-\ntion,  it says\n" + lines(70, func(i int) bool { return i%5 == 0 })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, workers := range []int{1, 3} {
				d, err := documentWith(tt.in, Options{}, 0, workers)
				if err != nil {
					t.Fatal(err)
				}
				want, err := New(Options{}).documentSequential(tt.in)
				if err != nil {
					t.Fatal(err)
				}
				wantText := want.String()
				if got := d.String(); got != wantText {
					t.Fatalf("%d goroutines: String %q, want %q", workers, got, wantText)
				}
				n := 0
				for i, l := range d.Lines {
					text := d.Text(i)
					span := tt.in[l.Start:l.End]
					if wantLine := New(Options{}).Line(span, nil); d.joins[i] == nil && text != wantLine {
						t.Errorf("%d goroutines: line %d is %q, want %q", workers, i+1, text, wantLine)
					}
					if d.Changed(i) != (text != span) {
						t.Errorf("%d goroutines: line %d, %q from %q: Changed %v", workers, i+1, text, span, d.Changed(i))
					}
					if d.Changed(i) {
						n++
					}
					if d.Blank(i) != (strings.Trim(text, " \t") == "") {
						t.Errorf("%d goroutines: line %d, %q: Blank %v", workers, i+1, text, d.Blank(i))
					}
				}
				if tt.name == "rejoined" && !strings.Contains(d.String(), "\nthe information\nit holds\nand the organization,\nit says\n") {
					t.Errorf("%d goroutines: not rejoined: %q", workers, d.String())
				}
				if n != len(d.refs) {
					t.Errorf("%d goroutines: %d lines changed, %d texts kept", workers, n, len(d.refs))
				}
			}
		})
	}
}

// TestJoinChunkTexts checks that joinChunkTexts shifts each chunk's
// marks into place, carrying a word's high bits into the next word, for
// a chunk that starts at every offset in a word, with all, none and
// random lines of it changed: each changed line has its own text and
// every other line reads as its span.
func TestJoinChunkTexts(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for first := range 130 {
		for _, fill := range []string{"all", "none", "random"} {
			sizes := []int{first, 1 + r.Intn(200)} // the second chunk starts at line first
			if r.Intn(2) == 0 {
				sizes = append(sizes, 1+r.Intn(70))
			}
			lines := 0
			for _, n := range sizes {
				lines += n
			}
			want := make([]bool, lines)
			chunks := make([]lineChunk, len(sizes))
			line := 0
			for k, n := range sizes {
				ch := &chunks[k]
				ch.first, ch.lines, ch.marks = line, n, make([]uint64, (n+63)/64)
				for j := range n {
					if fill == "all" || fill == "random" && r.Intn(3) == 0 {
						want[line+j] = true
						ch.marks[j/64] |= 1 << (j % 64)
						ch.addText("", fmt.Sprint(line+j))
					}
				}
				line += n
			}
			d := &Document{Lines: make([]Line, lines)}
			d.joinChunkTexts(chunks)
			for i := range lines {
				wantText := ""
				if want[i] {
					wantText = fmt.Sprint(i)
				}
				if d.Changed(i) != want[i] || d.Text(i) != wantText {
					t.Fatalf("chunks of %v lines, %s changed: line %d changed %v, text %q; want %v, %q",
						sizes, fill, i, d.Changed(i), d.Text(i), want[i], wantText)
				}
			}
		}
	}
}

// TestLongLinesKeepTheirTexts checks that the texts of long changed lines
// (see Normalizer.rules: each keeps the buffer it was written in) stay as
// they were made while the lines after them are normalized by the same
// Normalizer, line by line and in a Document (as each line normalizes
// alone); and that a short line
// after a long one is right (its buffer, made for the long one, is
// copied from, not kept).
func TestLongLinesKeepTheirTexts(t *testing.T) {
	long := func(word string) string {
		return strings.Repeat("“"+word+"” &amp;  ", 2000) // an entity, two spaces
	}
	want := func(word string) string {
		return strings.TrimSpace(strings.Repeat("“"+word+"” & ", 2000))
	}
	lines := []string{long("one"), long("two"), "“short”  &amp;", long("three")}
	wants := []string{want("one"), want("two"), "“short” &", want("three")}
	n := New(Options{})
	var got []string
	for _, l := range lines {
		got = append(got, n.Line(l, nil))
	}
	for i := range got {
		if got[i] != wants[i] {
			t.Errorf("Line: line %d is %.40q..., want %.40q...", i, got[i], wants[i])
		}
	}
	d, err := New(Options{}).Document(strings.Join(lines, "\n") + "\n")
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range lines {
		alone, err := New(Options{}).Document(l + "\n")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := d.Text(i), alone.Text(0); got != want || !d.Changed(i) {
			t.Errorf("Document: line %d is %.40q... (changed %v), alone %.40q...", i, got, d.Changed(i), want)
		}
	}
}

// TestLongLineBuffers checks what a long line costs in buffers (see
// Normalizer.rules): a stage that changes nothing makes none, and the
// spaces stage writes in the buffer its text lies in, so that a line
// only the characters and spaces stages change, like
// BenchmarkAdversarial's huge-paragraph, takes one buffer, which its text
// keeps; and that the texts are those of the copying path
// (LineOffsets), alone and in a Document.
func TestLongLineBuffers(t *testing.T) {
	// Each fault comes after a sentence long enough that the line's text
	// is 90% of it or more: a text that has more than a quarter of its
	// buffer to spare is copied, not kept.
	long := func(fault string, n int) string {
		return strings.Repeat("The quick brown fox jumps over the lazy dog, then rests"+fault, n)
	}
	tests := []struct {
		name, line string
		left       int // the buffers the Normalizer holds after the line
	}{
		{"characters", long(" &amp; ", 200), 0},
		{"characters, spaces", long(" &amp;  ", 200), 0},
		{"characters, spaces at the ends", "  " + long(" &amp; ", 200) + " ", 0},
		{"spaces", long("  ", 200), 0},
		{"mojibake, spaces", long(" itâ€™s  ", 200), 0},
		// NFC lengthens क़ (3 bytes become 6): it writes in the other
		// buffer, which the text keeps, and the first stays.
		{"characters, NFC", long(" &amp; \u0958 ", 200), 1},
		{"characters, NFC, spaces", long(" &amp;  \u0958 ", 200), 1},
		// A soft hyphen decoded in the first pass is removed in the
		// second, which leaves two spaces for the spaces stage.
		{"two passes", long(" &shy; ", 200), 1},
	}
	for _, tt := range tests {
		n := New(Options{})
		got := n.Line(tt.line, nil)
		want, _ := New(Options{}).LineOffsets(tt.line)
		if got != want || got == tt.line {
			t.Errorf("%s: Line is %.40q... (%d bytes), LineOffsets %.40q... (%d bytes)", tt.name, got, len(got), want, len(want))
		}
		left := 0
		for _, b := range n.bufs {
			if cap(b) > 0 {
				left++
			}
		}
		if left != tt.left {
			t.Errorf("%s: %d buffers left, want %d", tt.name, left, tt.left)
		}
		d, err := New(Options{}).Document(tt.line + "\n" + tt.line + "\n")
		if err != nil {
			t.Fatal(err)
		}
		if d.Text(0) != want || d.Text(1) != want {
			t.Errorf("%s: Document's texts differ from LineOffsets'", tt.name)
		}
	}
}

// TestBlankText checks BlankText on a table, and that Document.Blank
// agrees with it on every line of documents with blank lines of spaces
// and tabs, with the rules on (which trim them) and off.
func TestBlankText(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"", true}, {" ", true}, {"\t", true}, {" \t \t", true},
		{"a", false}, {" a", false}, {"a ", false}, {"\t\u00a0", false}, {"\u2003", false}, {"\n", false}, {"\r", false},
	} {
		if got := BlankText(tt.in); got != tt.want {
			t.Errorf("BlankText(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	in := "One line.\n \t\nTwo\t\n\t\n\n  three  \n\u00a0\n   \n"
	for _, opts := range []Options{{}, {Skip: Except()}} {
		doc, err := New(opts).Document(in)
		if err != nil {
			t.Fatal(err)
		}
		blanks := 0
		for i := range doc.Lines {
			if got := BlankText(doc.Text(i)); got != doc.Blank(i) {
				t.Errorf("line %d, %q: BlankText %v, Document.Blank %v", i, doc.Text(i), got, doc.Blank(i))
			}
			if doc.Blank(i) {
				blanks++
			}
		}
		if blanks < 3 {
			t.Errorf("%d blank lines", blanks)
		}
	}
}
