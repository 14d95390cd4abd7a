package normalize

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// TestTextArena adds texts of every size the arena treats apart to one
// arena and checks that each text it returned is a copy that still
// reads as it was added once all are in.
func TestTextArena(t *testing.T) {
	tests := []struct {
		name  string
		sizes []int
	}{
		{"empty", []int{0, 0, 1, 0}},
		{"small", []int{1, 2, 3, 100, 200, 300}},
		{"fills blocks", repeatInts(400, 150)}, // 60,000 bytes: blocks of 512 B up to 16 KiB, then more of 16 KiB
		{"half a block", []int{10, maxTextBlock / 2, 10, maxTextBlock / 2, maxTextBlock/2 + 1, 10}},
		{"larger than a block", []int{5, maxTextBlock + 1, 5, 3 * maxTextBlock, 5}},
		{"grows past the first size", []int{minTextBlock - 1, minTextBlock + 1, 2*minTextBlock + 7, 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a textArena
			var in, out []string
			for k, size := range tt.sizes {
				s := strings.Repeat(string(rune('a'+k%26)), size) // each text's letter is not its neighbours'
				in, out = append(in, s), append(out, a.add(s))
			}
			for k := range in {
				if out[k] != in[k] {
					t.Fatalf("text %d reads %.20q…, added as %.20q…", k, out[k], in[k])
				}
				if in[k] != "" && unsafe.StringData(out[k]) == unsafe.StringData(in[k]) {
					t.Fatalf("text %d is the text added, not a copy", k)
				}
			}
		})
	}
}

// TestTextArenaPacks checks that the arena packs texts end to end in a
// block, and that texts take no more room than their bytes, the last
// block's free end and less than a text at the end of each other block:
// 200 texts of 150 bytes.
func TestTextArenaPacks(t *testing.T) {
	var a textArena
	ab, cde, f := a.add("ab"), a.add("cde"), a.add("f")
	if got := unsafe.String(unsafe.StringData(ab), 6); got != "abcdef" || ab+cde+f != got {
		t.Errorf("three texts added lie as %q", got)
	}
	a = textArena{}
	blocks := map[*byte]int{} // the first byte of each block: its size
	var first *byte
	for range 200 {
		s := a.add(strings.Repeat("x", 150))
		if len(a.block) == len(s) { // the text started a block
			first = unsafe.StringData(s)
			blocks[first] = cap(a.block)
		}
	}
	room := 0
	for _, size := range blocks {
		room += size
	}
	if used := 200 * 150; room > used+cap(a.block)-len(a.block)+150*len(blocks) {
		t.Errorf("%d texts of 150 bytes took %d bytes in %d blocks", 200, room, len(blocks))
	}
	if room > maxTextBlock*3 {
		t.Errorf("30,000 bytes of text took %d bytes", room)
	}
}

func repeatInts(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// TestDocumentTexts checks that the texts of a Document's lines, which
// the stages write in their buffers and the chunks pack into their
// arenas, are each what Line makes of its line alone: for lines that two
// or more stages change (mojibake and spaces, an entity and NFC,
// invisible characters and spaces), enough of them to fill several
// blocks, and on one and on several goroutines; and that what Line
// returned before stays as it was when the same Normalizer goes on.
func TestDocumentTexts(t *testing.T) {
	lines := []string{
		"  Itâ€™s  a  test  ",
		"caf&eacute;e\u0301 and  more",
		"zero\u200bwidth\u00a0\u00a0space  ",
		"plain line that no rule changes",
		"\tentity &amp;amp; twice\t",
		"ﬁne ﬂow",
		"x",
		"",
		"  ",
	}
	var b strings.Builder
	for k := range 6000 {
		fmt.Fprintf(&b, "%d %s\n", k, lines[k%len(lines)])
	}
	in := b.String()
	for _, workers := range []int{1, 2, 3} {
		d, err := documentWith(in, Options{}, 0, workers)
		if err != nil {
			t.Fatal(err)
		}
		alone := New(Options{})
		var earlier []string
		for i, l := range d.Lines {
			want := New(Options{}).Line(in[l.Start:l.End], nil)
			if d.Text(i) != want {
				t.Fatalf("%d goroutines: line %d is %q, want %q", workers, i+1, d.Text(i), want)
			}
			earlier = append(earlier, alone.Line(in[l.Start:l.End], nil))
		}
		for i := range d.Lines {
			if earlier[i] != d.Text(i) {
				t.Fatalf("Line's result for line %d became %q, want %q", i+1, earlier[i], d.Text(i))
			}
		}
	}
}

// TestTextRefs checks that the reference of each kind of changed text
// reads back as the text, through a Document made of the arena's places
// as joinChunkTexts makes it: parts of the input (across the edges of
// its windows, the longest a window holds and one byte more, all of it,
// empty ones), texts of each block the arena fills, up to the most a
// block holds, texts of more than half a block, and texts equal to parts
// of the input that lie elsewhere.
func TestTextRefs(t *testing.T) {
	input := strings.Repeat("0123456789", 20000) // six windows
	parts := [][2]int{
		{0, 10}, {len(input) - 7, len(input)}, {0, len(input)},
		{inputWindow - 1, inputWindow + 100}, {2*inputWindow - 5, 3*inputWindow - 6}, // the longest in a window
		{inputWindow, 2*inputWindow - 1}, {10, 10 + inputWindow}, // the longest, and a byte more
		{inputWindow - 1, 2*inputWindow - 1}, {inputWindow - 1, 2 * inputWindow}, // a window's size and a byte more, from a window's last start
		{3, 3}, {len(input), len(input)}, {5 * inputWindow, 5 * inputWindow},
	}
	var a textArena
	var want []string
	var refs []chunkRef
	add := func(s string) {
		want, refs = append(want, s), append(refs, a.ref(input, s))
	}
	for _, p := range parts {
		add(input[p[0]:p[1]])
	}
	add("")
	for k := range 300 {
		add(a.add(strings.Repeat(string(rune('a'+k%26)), 1+k%200)))
	}
	add(a.add(strings.Repeat("x", maxTextBlock/2))) // the most a block holds
	add(a.add(strings.Repeat("y", maxTextBlock/2+1)))
	add(a.add(input[:20])) // a copy
	add(strings.Clone(input[5:9000]))
	if len(a.places) < 4 {
		t.Fatalf("%d places: the texts should fill several blocks", len(a.places))
	}
	inInput := len(parts) + 1
	for k, r := range refs {
		if (r&chunkInput != 0) != (k < inInput) {
			t.Errorf("text %d: reference %#x; a part of the input: %v", k, r, k < inInput)
		}
	}
	d := &Document{input: input}
	d.places = d.inputWindows(0)
	base := len(d.places)
	d.places = append(d.places, a.places...)
	for k, r := range refs {
		if got := d.text(d.finalRef(r, base)); got != want[k] {
			t.Fatalf("text %d (ref %#x) reads %.20q… (%d bytes), want %.20q… (%d bytes)", k, r, got, len(got), want[k], len(want[k]))
		}
	}
}

// TestWithin checks within on parts of a string at its edges, on a
// string that only touches it, and on an equal copy.
func TestWithin(t *testing.T) {
	outer := "abcdefgh"
	for _, tt := range []struct {
		s      string
		at     int
		within bool
	}{
		{outer, 0, true},
		{outer[:1], 0, true},
		{outer[7:], 7, true},
		{outer[3:5], 3, true},
		{outer[8:], 0, true}, // empty
		{"", 0, true},
		{strings.Clone(outer), 0, false},
		{(outer + outer)[8:9], 0, false},
	} {
		if at, ok := within(outer, tt.s); ok != tt.within || ok && at != tt.at {
			t.Errorf("within(outer, %q) = %d, %v; want %d, %v", tt.s, at, ok, tt.at, tt.within)
		}
	}
}
