package dedupe_test

import (
	"fmt"
	"os"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/normalize"
)

func ExampleClean() {
	article := `The council approved the new budget on Tuesday evening.
Critics said the plan leaves the library without funds.
The council approved the new budget on Tuesday evening.
Reactions
Critics said the plan leaves the library without funds.
The mayor will sign it next week.`
	r, err := dedupe.Clean(article, dedupe.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Text)
	for _, c := range r.Changes {
		fmt.Printf("%s: input lines %d-%d, kept copy at input line %d\n", c.Kind, c.Lines.First, c.Lines.Last, c.Kept.First)
	}
	// Output:
	// The council approved the new budget on Tuesday evening.
	// Reactions
	// Critics said the plan leaves the library without funds.
	// The mayor will sign it next week.
	// run: input lines 3-5, kept copy at input line 1
	// move: input lines 4-4, kept copy at input line 2
}

func ExampleClean_sentences() {
	article := "Officials confirmed the bridge will close for repairs in May. Traffic will be diverted.\n\n" +
		"Drivers should plan ahead. Officials confirmed the bridge will close for repairs in May.\n"
	r, _ := dedupe.Clean(article, dedupe.Options{})
	fmt.Print(r.Text)
	fmt.Println(r.Changes[0].Kind, r.Changes[0].Lines.First, r.Changes[0].Text)
	// Output:
	// Officials confirmed the bridge will close for repairs in May. Traffic will be diverted.
	//
	// Drivers should plan ahead.
	// sentence 3 Officials confirmed the bridge will close for repairs in May.
}

func ExampleCleanTo() {
	article := "Officials confirmed the bridge will close for repairs in May.\n\n" +
		"Traffic will be diverted.\n\n" +
		"Officials confirmed the bridge will close for repairs in May.\n"
	// The clean text goes to standard output as it is made; the Result
	// has the rest.
	r, err := dedupe.CleanTo(os.Stdout, article, dedupe.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("changed:", r.Changed(article), "paragraphs:", r.ParagraphsIn, "→", r.ParagraphsOut, "bytes:", r.TextSize())
	// Output:
	// Officials confirmed the bridge will close for repairs in May.
	//
	// Traffic will be diverted.
	// changed: true paragraphs: 3 → 2 bytes: 89
}

// CleanLines gives the clean text as lines, each followed by the line
// end; the lines the input has as they are are slices of it, so the text
// need not be in memory twice.
func ExampleCleanLines() {
	article := "Officials confirmed the bridge will close for repairs in May.\r\n" +
		"Traffic will be diverted.\r\n" +
		"Officials confirmed the bridge will close for repairs in May.\r\n"
	opts := dedupe.Options{Normalize: normalize.Options{Skip: normalize.Set(normalize.Newlines)}}
	r, lines, end, err := dedupe.CleanLines(article, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range lines {
		fmt.Printf("%q + %q\n", l, end)
	}
	fmt.Println("changed:", r.Changed(article), "bytes:", r.TextSize())
	// Output:
	// "Officials confirmed the bridge will close for repairs in May." + "\r\n"
	// "Traffic will be diverted." + "\r\n"
	// changed: true bytes: 90
}

// Each kept paragraph has a Key, the first 16 bytes of the SHA-256 of its
// match key ("hello, world": printf 'hello, world' | sha256sum); SkipKeys
// leaves the keys zero for callers that do not need them.
func ExampleResult_kept() {
	text := "Hello,   World!\n\nSee you.\n"
	r, _ := dedupe.Clean(text, dedupe.Options{})
	for _, p := range r.Kept {
		fmt.Printf("lines %d-%d: %016x%016x\n", p.Lines.First, p.Lines.Last, p.Key[0], p.Key[1])
	}
	r, _ = dedupe.Clean(text, dedupe.Options{SkipKeys: true})
	fmt.Println(len(r.Kept), r.Kept[0].Key == dedupe.Key{})
	// Output:
	// lines 1-1: 09ca7e4eaa6e8ae9c7d2611671291848
	// lines 3-3: 10c91675b679b066d96198158df6c563
	// 2 true
}
