package dedupe

import (
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

func TestDetectStyle(t *testing.T) {
	long := strings.Repeat("A long paragraph on one line, as scrapers write them. ", 3)
	wrapped := "A hard-wrapped paragraph has lines of about seventy\ncharacters, broken by the writer's editor rather\nthan at the end of the paragraph.\n"
	tests := []struct {
		name, text string
		want       Style
	}{
		{"one paragraph per line", strings.Repeat(long+"\n", 10), Lines},
		{"a stray blank line among long lines", strings.Repeat(long+"\n", 10) + "\n" + strings.Repeat(long+"\n", 10), Lines},
		{"blank lines at the edges only", "\n\n" + long + "\n" + long + "\n\n", Lines},
		{"blank-line separated paragraphs", strings.Repeat(long+"\n\n", 10), Blocks},
		{"hard-wrapped paragraphs", strings.Repeat(wrapped+"\n", 4), Blocks},
		{"short lines, one blank line", "Title\nby Someone\n\nFirst line\nsecond line\n", Blocks},
	}
	for _, tt := range tests {
		d, err := normalize.New(normalize.Options{}).Document(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if got := detectStyle(d.Lines); got != tt.want {
			t.Errorf("%s: style %s, want %s", tt.name, got, tt.want)
		}
	}
}
