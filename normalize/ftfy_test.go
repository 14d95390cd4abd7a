package normalize_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// ftfyCase is one case of python-ftfy's test suite (Apache-2.0,
// testdata/peer/ftfy/LICENSE.txt).
type ftfyCase struct {
	Label         string `json:"label"`
	Original      string `json:"original"`
	Fixed         string `json:"fixed"`
	FixedEncoding string `json:"fixed-encoding"`
	Expect        string `json:"expect"`
}

// quoteFold straightens quotes: ftfy's "fixed" texts do, textclean keeps
// curly quotes on purpose, so the two are compared with quotes folded.
var quoteFold = strings.NewReplacer("‘", "'", "’", "'", "“", "\"", "”", "\"")

// ftfyFloor is how many cases of each file passed when the rule was
// written: a change that passes fewer is a regression. Of the negative
// cases only "DrÃ¥ber" fails, which ftfy itself calls ambiguous: it is
// Latin-1 mojibake of "Dråber", and textclean repairs it.
var ftfyFloor = map[string]int{"in-the-wild.json": 28, "synthetic.json": 18, "language-names.json": 7, "negative.json": 30}

// TestFtfy runs the mojibake rule (with NFC, as ftfy applies it) on ftfy's
// cases: each case expected to pass must give its fixed-encoding text (or
// its fixed text, quotes folded), and each negative case must come through
// untouched.
func TestFtfy(t *testing.T) {
	only := normalize.Except(normalize.Mojibake, normalize.NFC, normalize.BOM, normalize.Newlines, normalize.BlankLines)
	n := normalize.New(normalize.Options{Skip: only})
	files, err := filepath.Glob("../testdata/peer/ftfy/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no ftfy cases: %v", err)
	}
	pass, total := 0, 0
	for _, file := range files {
		if strings.HasSuffix(file, "entities-and-controls.json") {
			continue // not mojibake cases
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var cases []ftfyCase
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatal(err)
		}
		filePass, fileTotal := 0, 0
		for _, c := range cases {
			if c.Expect == "fail" {
				continue
			}
			want := c.FixedEncoding
			if want == "" {
				want = c.Fixed
			}
			got := n.Line(c.Original, nil)
			fileTotal++
			if quoteFold.Replace(got) == quoteFold.Replace(want) {
				filePass++
			} else if testing.Verbose() {
				t.Logf("%s: %s\n  got  %q\n  want %q", filepath.Base(file), c.Label, got, want)
			}
		}
		t.Logf("%s: %d of %d ftfy cases pass", filepath.Base(file), filePass, fileTotal)
		if min := ftfyFloor[filepath.Base(file)]; filePass < min {
			t.Errorf("%s: %d cases pass, fewer than the %d that passed before", filepath.Base(file), filePass, min)
		}
		pass += filePass
		total += fileTotal
	}
	t.Logf("%d of %d ftfy cases pass", pass, total)
}
