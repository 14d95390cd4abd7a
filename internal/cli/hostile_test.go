package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/textclean/textclean/dedupe"
)

// TestHostileInputs runs textclean on odd and hostile inputs and checks,
// for each, the exit code and the output, that the output is valid UTF-8
// and clean (cleaning it again changes nothing), and that it finishes in
// bounded time. Sizes are kept small enough for CI; -short shrinks the
// largest further.
func TestHostileInputs(t *testing.T) {
	big := 20 << 20 // bytes for the "huge" cases
	many := 200_000 // lines for the "many" cases
	if testing.Short() {
		big, many = 2<<20, 20_000
	}
	sparse := filepath.Join(t.TempDir(), "sparse.txt")
	if f, err := os.Create(sparse); err == nil {
		f.Truncate(4 << 30)
		f.Close()
	}
	manyLines := func(f func(i int) string) string {
		var b strings.Builder
		for i := range many {
			b.WriteString(f(i))
			b.WriteByte('\n')
		}
		return b.String()
	}
	word := strings.Repeat("x", big)
	longLine := strings.TrimSpace(strings.Repeat("All work and no play makes a dull line ", big/40))
	oneWords := manyLines(func(i int) string { return fmt.Sprintf("w%d", i) })
	repeated := manyLines(func(int) string { return "The same paragraph, long enough to count as a repeat of itself." })
	sentences := strings.TrimSpace(strings.Repeat("One two three four five. ", many))
	field := strings.Repeat("a&amp;b  ", big/(9*10))

	tests := []struct {
		name  string
		args  []string
		in    string
		code  int
		want  string // exact output, if check is nil
		check func(out string) error
	}{
		{name: "empty", in: "", want: ""},
		{name: "only white space", in: " \t \u00a0 ", want: ""},
		{name: "only newlines", in: "\n\n\n\n", want: ""},
		{name: "one byte", in: "a", want: "a\n"},
		{name: "no final newline", in: "last line", want: "last line\n"},
		{name: "CR only", in: "\r", want: ""},
		{name: "lone CR line ends", in: "a\rb\r", want: "a\nb\n"},
		{name: "mixed CRLF and LF", in: "a\r\nb\nc\r\n", want: "a\nb\nc\n"},
		{name: "tabs only", in: "\t\t\n\t", want: ""},
		{name: "a huge single line", in: longLine, want: longLine + "\n"},
		{name: "one-word lines, all different", in: oneWords, want: oneWords},
		{name: "one paragraph repeated over and over", in: repeated, want: "The same paragraph, long enough to count as a repeat of itself.\n"},
		{name: "all duplicates", in: "Same long paragraph repeated again and again here.\n\nSame long paragraph repeated again and again here.\n", want: "Same long paragraph repeated again and again here.\n"},
		{name: "one paragraph of a great many sentences", in: sentences, want: "One two three four five.\n"},
		{name: "an extremely long word", in: word, want: word + "\n"},
		{name: "NUL bytes", in: "text\x00more", code: ExitError, want: ""},
		{name: "overlong UTF-8", args: []string{"--encoding", "utf-8"}, in: "a\xc0\xafb", want: "a\uFFFD\uFFFDb\n"},
		{name: "UTF-16 surrogate half", args: []string{"--encoding", "utf-8"}, in: "a\xed\xa0\x80b", want: "a\uFFFD\uFFFD\uFFFDb\n"},
		{name: "truncated sequence at the end", args: []string{"--encoding", "utf-8"}, in: "a\xe2\x82", want: "a\uFFFD\uFFFD\n"},
		{name: "damaged UTF-8 stays UTF-8 under auto", in: "café \xff", want: "café \uFFFD\n"},
		{name: "Windows-1252 under auto", in: "caf\xe9 \x93quoted\x94", want: "café “quoted”\n"},
		{name: "UTF-16 with a byte-order mark", in: "\xff\xfeh\x00i\x00", want: "hi\n"},
		{name: "invalid UTF-8 under --strict", args: []string{"--strict"}, in: "a\xffb", code: ExitError, want: ""},
		{name: "BOM in the middle", in: "a\ufeffb", want: "ab\n"},
		{name: "RTL text with bidi controls", in: "\u202bשלום עולם\u202c", want: "\u202bשלום עולם\u202c\n"},
		{name: "combining-mark storm (Zalgo)", in: "Z" + strings.Repeat("\u0351\u0352\u0357\u035b", 2000), check: func(out string) error {
			if utf8.RuneCountInString(out) < 8000 {
				return fmt.Errorf("marks lost: %d runes", utf8.RuneCountInString(out))
			}
			return nil
		}},
		{name: "emoji ZWJ sequence", in: "👩\u200d💻 and 👨\u200d👩\u200d👧", want: "👩\u200d💻 and 👨\u200d👩\u200d👧\n"},
		{name: "CJK without spaces", in: "東京都は火曜日、中央図書館を閉鎖すると発表した。", want: "東京都は火曜日、中央図書館を閉鎖すると発表した。\n"},
		{name: "a 4 GB sparse file", args: []string{sparse}, code: ExitError, want: ""},
		{name: "a great many entities", in: strings.Repeat("&amp;", many), want: strings.Repeat("&", many) + "\n"},
		{name: "JSON Lines with a large field", args: []string{"--jsonl"}, in: `{"id":1,"text":"` + field + `"}` + "\n", check: func(out string) error {
			if !strings.HasPrefix(out, `{"id":1,"text":"a&b a&b`) || strings.Contains(out, "&amp;") {
				return fmt.Errorf("field not cleaned: %.60q", out)
			}
			return nil
		}},
		{name: "JSON with invalid escapes", args: []string{"--jsonl"}, in: `{"text":"bad \x escape"}` + "\n", want: `{"text":"bad \x escape"}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			out, stderr, code := run(t, tt.in, tt.args...)
			if elapsed := time.Since(start); elapsed > 20*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			if tt.check != nil {
				if err := tt.check(out); err != nil {
					t.Error(err)
				}
			} else if out != tt.want {
				t.Errorf("output %.80q (%d bytes), want %.80q (%d bytes)", out, len(out), tt.want, len(tt.want))
			}
			if !utf8.ValidString(out) {
				t.Error("output is not valid UTF-8")
			}
			if code == ExitOK && out != "" {
				again, _, _ := run(t, out, tt.args...)
				if again != out {
					t.Errorf("cleaning the output again changes it")
				}
			}
		})
	}
}

// TestLargerThanADocument: a file larger than dedupe takes, with
// --max-size set above that, is refused from its size, not read whole
// (a 3 GB sparse file: reading it would take seconds and gigabytes).
func TestLargerThanADocument(t *testing.T) {
	sparse := filepath.Join(t.TempDir(), "sparse.txt")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(3 << 30); err != nil {
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	_, stderr, code := run(t, "", "--max-size", "4G", sparse)
	want := fmt.Sprintf("textclean: %s: is %d bytes, more than the %d bytes a document can have; not cleaned\n", sparse, 3<<30, dedupe.MaxInput)
	if code != ExitError || stderr != want {
		t.Errorf("exit %d, stderr %q; want %d, %q", code, stderr, ExitError, want)
	}
}
