package normalize_test

import (
	"fmt"
	"strings"

	"github.com/textclean/textclean/normalize"
)

func ExampleString() {
	fmt.Printf("%q\n", normalize.String("It&#8217;s  a\u00a0test\u200b.\r\n\r\n\r\nSecond paragraph."))
	// Output: "It’s a test.\n\nSecond paragraph.\n"
}

func ExampleNormalizer_Line() {
	n := normalize.New(normalize.Options{Skip: normalize.Set(normalize.Entities)})
	var counts normalize.Counts
	fmt.Println(n.Line("  Tom &amp; Jerry\u00a0cafe\u0301  ", &counts))
	fmt.Println(counts.Of(normalize.Spaces), counts.Of(normalize.NFC), counts.Of(normalize.Trim))
	// Output:
	// Tom &amp; Jerry café
	// 1 1 1
}

func ExampleNormalizer_Document() {
	d, err := normalize.New(normalize.Options{}).Document("first\r\nsecond &amp; third\r\n")
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, l := range d.Lines {
		fmt.Printf("line %d, bytes %d-%d: %s\n", i+1, l.Start, l.End, d.Text(i))
	}
	// Output:
	// line 1, bytes 0-5: first
	// line 2, bytes 7-25: second & third
}

func ExampleDocument_Text() {
	input := "as it was\n \t\nTom &amp; Jerry\n"
	d, err := normalize.New(normalize.Options{}).Document(input)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, l := range d.Lines {
		fmt.Printf("%q from %q: changed %v, blank %v\n", d.Text(i), input[l.Start:l.End], d.Changed(i), d.Blank(i))
	}
	// Output:
	// "as it was" from "as it was": changed false, blank false
	// "" from " \t": changed true, blank true
	// "Tom & Jerry" from "Tom &amp; Jerry": changed true, blank false
}

func ExampleBlankText() {
	for _, s := range []string{"", " \t ", "\u00a0", " x "} {
		fmt.Printf("%q: %v\n", s, normalize.BlankText(s))
	}
	// Output:
	// "": true
	// " \t ": true
	// "\u00a0": false
	// " x ": false
}

func ExampleNormalizer_Explain() {
	edits, err := normalize.New(normalize.Options{}).Explain("It&#8217;s  Ã©tÃ©.\r\n")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range edits {
		fmt.Printf("%d:%d %s %q → %q\n", e.Line, e.Column, e.Rule, e.Before, e.After)
	}
	// Output:
	// 1:3 entities "&#8217;" → "’"
	// 1:12 collapse-spaces " " → ""
	// 1:13 mojibake "Ã©" → "é"
	// 1:18 mojibake "Ã©" → "é"
	// 1:23 newlines "\r\n" → "\n"
}

func ExampleExcept() {
	// Only the Entities rule (and InvalidUTF8, which always applies).
	n := normalize.New(normalize.Options{Skip: normalize.Except(normalize.Entities)})
	fmt.Printf("%q\n", n.Line("  Tom &amp; Jerry\u00a0 ﬁne  ", nil))
	// Output: "  Tom & Jerry\u00a0 ﬁne  "
}

func ExampleRule_Default() {
	for _, r := range normalize.Rules() {
		if !r.Default() {
			fmt.Println(r, "applies only when asked for")
		}
	}
	n := normalize.New(normalize.Options{ASCIIPunct: true})
	fmt.Println(n.Line("“It’s — done…”", nil))
	// Output:
	// ascii-punct applies only when asked for
	// "It's -- done..."
}

func ExampleDocument_LineOffsets() {
	input := "Tom &amp; Jerry &amp; Spike\n"
	d, err := normalize.New(normalize.Options{}).Document(input)
	if err != nil {
		fmt.Println(err)
		return
	}
	l := d.Lines[0]
	m := d.LineOffsets(0)
	i := strings.Index(d.Text(0), "Spike") // in "Tom & Jerry & Spike"
	fmt.Println(i, "→", m.Start(i), input[int(l.Start)+m.Start(i):l.End])
	// Output: 14 → 22 Spike
}
