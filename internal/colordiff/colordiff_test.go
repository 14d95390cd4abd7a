package colordiff_test

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/textclean/textclean/internal/colordiff"
	"github.com/textclean/textclean/internal/udiff"
)

var escape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// show makes escapes readable: <red>, <green>, <rev>, </rev>, </>.
func show(s string) string {
	return strings.NewReplacer("\x1b[1m", "<b>", "\x1b[36m", "<cyan>", "\x1b[31m", "<red>", "\x1b[32m", "<green>",
		"\x1b[7m", "<rev>", "\x1b[27m", "</rev>", "\x1b[m", "</>").Replace(s)
}

func TestWrite(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           []string // lines of the coloured diff, shown
	}{
		{
			name: "a paragraph edited: the changed words stand out",
			old:  "one\nThe cat sat on the mat. The cat sat on the mat.\nthree\n",
			new:  "one\nThe cat sat on the mat.\nthree\n",
			want: []string{
				"<b>--- a</>", "<b>+++ b</>", "<cyan>@@ -1,3 +1,3 @@</>", " one",
				"<red>-The cat sat on the mat.<rev> The cat sat on the mat.</rev></>",
				"<green>+The cat sat on the mat.</>",
				" three",
			},
		},
		{
			name: "a fix inside a word",
			old:  "It’s a\u00a0day\n",
			new:  "It’s a day\n",
			want: []string{"<b>--- a</>", "<b>+++ b</>", "<cyan>@@ -1 +1 @@</>", "<red>-It’s a<rev>\u00a0</rev>day</>", "<green>+It’s a<rev> </rev>day</>"},
		},
		{
			name: "paragraphs removed: whole lines, no word highlights",
			old:  "keep\nRemoved paragraph one.\nRemoved paragraph two.\n",
			new:  "keep\n",
			want: []string{"<b>--- a</>", "<b>+++ b</>", "<cyan>@@ -1,3 +1 @@</>", " keep", "<red>-Removed paragraph one.</>", "<red>-Removed paragraph two.</>"},
		},
		{
			name: "unrelated lines replaced: no pairing",
			old:  "alpha beta gamma\n",
			new:  "something else entirely\n",
			want: []string{"<b>--- a</>", "<b>+++ b</>", "<cyan>@@ -1 +1 @@</>", "<red>-alpha beta gamma</>", "<green>+something else entirely</>"},
		},
		{
			name: "a removed line before an edited one pairs the edited one",
			old:  "gone entirely now\nthe council met on tuesday\n",
			new:  "the council met on Tuesday\n",
			want: []string{"<b>--- a</>", "<b>+++ b</>", "<cyan>@@ -1,2 +1 @@</>", "<red>-gone entirely now</>", "<red>-the council met on <rev>tuesday</rev></>", "<green>+the council met on <rev>Tuesday</rev></>"},
		},
		{
			name: "no newline at the end, and lines that look like headers",
			old:  "--x\nlast",
			new:  "++x\nlast",
			want: []string{"<b>--- a</>", "<b>+++ b</>", "<cyan>@@ -1,2 +1,2 @@</>", "<red>---x</>", "<green>+++x</>", " last", "\\ No newline at end of file"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var plain, coloured bytes.Buffer
			if err := udiff.Write(&plain, "a", "b", tc.old, tc.new); err != nil {
				t.Fatal(err)
			}
			if err := colordiff.Write(&coloured, plain.Bytes()); err != nil {
				t.Fatal(err)
			}
			if got := escape.ReplaceAllString(coloured.String(), ""); got != plain.String() {
				t.Errorf("without its escapes the output is not the diff:\n%q\n%q", got, plain.String())
			}
			got := strings.Split(strings.TrimSuffix(show(coloured.String()), "\n"), "\n")
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestWriteSeveralFiles checks that a diff of several files, one after the
// other, colours each file as alone: a hunk ends where its header's line
// counts say, so the next file's header is a header, even after removed
// lines or a "\ No newline" marker.
func TestWriteSeveralFiles(t *testing.T) {
	files := []struct{ old, new string }{
		{"keep\ngone\n", "keep\n"},                               // ends with a removed line
		{"one\ntwo", "one\n2"},                                   // ends with a marker
		{"--x\nsame\n", "++x\nsame\n"},                           // lines that look like headers
		{"a\nb\nc\nd\ne\nf\ng\nh\n", "a\nB\nc\nd\ne\nf\ng\nH\n"}, // two hunks
		{"", "new\n"},                                            // from nothing
	}
	var whole, each bytes.Buffer
	for i, f := range files {
		var d bytes.Buffer
		if err := udiff.Write(&d, "a"+strconv.Itoa(i), "b"+strconv.Itoa(i), f.old, f.new); err != nil {
			t.Fatal(err)
		}
		whole.Write(d.Bytes())
		if err := colordiff.Write(&each, d.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	var got bytes.Buffer
	if err := colordiff.Write(&got, whole.Bytes()); err != nil {
		t.Fatal(err)
	}
	if got.String() != each.String() {
		t.Errorf("the files coloured together differ from each coloured alone:\n got:\n%s\nwant:\n%s", show(got.String()), show(each.String()))
	}
	for i := range files {
		for _, h := range []string{"<b>--- a" + strconv.Itoa(i) + "</>", "<b>+++ b" + strconv.Itoa(i) + "</>"} {
			if !strings.Contains(show(got.String()), h) {
				t.Errorf("no header %q in\n%s", h, show(got.String()))
			}
		}
	}
}

// FuzzWrite checks that colouring only adds escapes, whatever the texts.
func FuzzWrite(f *testing.F) {
	f.Add("a b c\nd\n", "a c\nd e\n")
	f.Add("x\xff y\n", "x y\n")
	f.Fuzz(func(t *testing.T, old, new string) {
		if strings.Contains(old+new, "\x1b") {
			return
		}
		var plain, coloured bytes.Buffer
		if err := udiff.Write(&plain, "a", "b", old, new); err != nil {
			return
		}
		if err := colordiff.Write(&coloured, plain.Bytes()); err != nil {
			t.Fatal(err)
		}
		if got := escape.ReplaceAllString(coloured.String(), ""); got != plain.String() {
			t.Errorf("without its escapes the output is not the diff:\n%q\n%q", got, plain.String())
		}
		// The diff twice over, as for two files, is coloured twice over.
		var twice bytes.Buffer
		if err := colordiff.Write(&twice, append(plain.Bytes(), plain.Bytes()...)); err != nil {
			t.Fatal(err)
		}
		if twice.String() != coloured.String()+coloured.String() {
			t.Errorf("the diff twice over is not coloured as twice the diff:\n%q\n%q", twice.String(), coloured.String())
		}
	})
}
