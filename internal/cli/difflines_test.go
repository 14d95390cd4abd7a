package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestDiffFromLines checks that the diff -d prints from the clean text's
// lines (diffsLines: dedupe.CleanLines and udiff.WriteLines) is the one
// it prints from the clean text whole, as with -o, which needs the text
// (dedupe.Clean and udiff.Write): for damaged articles in both paragraph
// styles, with LF, CRLF and CR line ends, a BOM, no final line end,
// invalid UTF-8 and UTF-16 input (whose diff is of the raw bytes, while
// the lines are of the decoded text), under option sets that keep line
// ends, BOMs and blank lines as they are.
func TestDiffFromLines(t *testing.T) {
	dir, files := damagedTree(t, 1)
	extra := map[string]string{
		"noeol.txt":   "A last line that is long enough to be a repeat.\nA last line that is long enough to be a repeat.",
		"invalid.txt": "ok \xff bad\nok \xff bad\n",
		"empty.txt":   "",
		"blank.txt":   "\n\n\n",
	}
	for i, path := range files[:min(len(files), 6)] {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		base := filepath.Base(path)
		extra["crlf-"+base] = strings.ReplaceAll(s, "\n", "\r\n")
		extra["cr-"+base] = strings.ReplaceAll(s, "\n", "\r")
		extra["bom-"+base] = "\ufeff\n\n" + s
		if i == 0 {
			// UTF-16LE with its BOM: --encoding auto decodes it.
			u := utf16.Encode([]rune(s))
			raw := []byte{0xff, 0xfe}
			for _, c := range u {
				raw = append(raw, byte(c), byte(c>>8))
			}
			extra["utf16-"+base] = string(raw)
		}
	}
	for name, s := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, flags := range [][]string{
		{},
		{"--no-newlines"},
		{"--no-bom", "--no-blank-lines"},
		{"--no-newlines", "--no-bom", "--paragraphs", "lines"},
	} {
		args := append([]string{"-q", "-d"}, flags...)
		lines, stderr, code := run(t, "", append(args, dir)...)
		if code != ExitChanged {
			t.Fatalf("%v: exit %d, %s", flags, code, stderr)
		}
		whole, stderr, wholeCode := run(t, "", append(args, "-o", t.TempDir(), dir)...)
		if wholeCode != code {
			t.Fatalf("%v: exit %d with -o, %s", flags, wholeCode, stderr)
		}
		if lines != whole {
			t.Errorf("%v: the diff from lines (%d bytes) differs from the one from the whole text (%d bytes)", flags, len(lines), len(whole))
		}
		if !strings.Contains(lines, "+++ "+filepath.Join(dir, "utf16-")) {
			t.Errorf("%v: no diff of the UTF-16 input", flags)
		}
	}
}
