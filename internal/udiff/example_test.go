package udiff_test

import (
	"log"
	"os"

	"github.com/textclean/textclean/internal/udiff"
)

func ExampleWrite() {
	old := "apples\nbananas\ncherries\n"
	new := "apples\nblueberries\ncherries\ndates"
	if err := udiff.Write(os.Stdout, "fruit.orig", "fruit", old, new); err != nil {
		log.Fatal(err)
	}
	// Output:
	// --- fruit.orig
	// +++ fruit
	// @@ -1,3 +1,4 @@
	//  apples
	// -bananas
	// +blueberries
	//  cherries
	// +dates
	// \ No newline at end of file
}

func ExampleOptions_Write() {
	old := "one\ntwo\nthree\nfour\nfive\nsix\n"
	new := "one\n2\nthree\nfour\nfive\n6\n"
	// No context, like diff -U0.
	if err := (udiff.Options{Context: -1}).Write(os.Stdout, "old", "new", old, new); err != nil {
		log.Fatal(err)
	}
	// Output:
	// --- old
	// +++ new
	// @@ -2 +2 @@
	// -two
	// +2
	// @@ -6 +6 @@
	// -six
	// +6
}

// WriteLines diffs old with a text given as its lines, each followed by
// the same line end: here the lines are slices of old, and only one is
// new.
func ExampleWriteLines() {
	old := "apples\nbananas\ncherries\n"
	lines := []string{old[:6], "blueberries", old[15:23]}
	if err := udiff.WriteLines(os.Stdout, "fruit.orig", "fruit", old, lines, "\n"); err != nil {
		log.Fatal(err)
	}
	// Output:
	// --- fruit.orig
	// +++ fruit
	// @@ -1,3 +1,3 @@
	//  apples
	// -bananas
	// +blueberries
	//  cherries
}
