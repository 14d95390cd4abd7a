package colordiff_test

import (
	"bytes"
	"regexp"
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
	})
}
