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

// ftfyFloor is how many cases of each file pass: a change that passes
// fewer is a regression. All 151 cases ftfy expects to pass do; of its 10
// known failures ("expect": "fail"), textclean gets two right: the Spanish
// C1 quotes (it keeps them curly, ftfy's text straightens them) and
// "mГ©dicament" (a rule of its own: a small Latin letter before
// Windows-1251's reading of an accented letter).
var ftfyFloor = map[string]int{"in-the-wild.json": 70, "synthetic.json": 30, "language-names.json": 20, "negative.json": 31,
	"known-failures.json": 2}

// loadFtfy returns the cases of one of ftfy's files.
func loadFtfy(t *testing.T, file string) []ftfyCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []ftfyCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// want returns what the mojibake repair must make of c.
func (c ftfyCase) want() string {
	if c.FixedEncoding != "" {
		return c.FixedEncoding
	}
	return c.Fixed
}

// TestFtfy runs the mojibake rule (with NFC, as ftfy applies it) on ftfy's
// cases: each case expected to pass must give its fixed-encoding text (or
// its fixed text, quotes folded), and each negative case must come through
// untouched. It logs "N of M ftfy cases pass", per file and in all, and
// how many of ftfy's known failures textclean gets right.
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
		filePass, fileTotal := 0, 0
		known := strings.HasSuffix(file, "known-failures.json")
		for _, c := range loadFtfy(t, file) {
			if c.Expect == "fail" != known {
				continue
			}
			got := n.Line(c.Original, nil)
			fileTotal++
			if quoteFold.Replace(got) == quoteFold.Replace(c.want()) {
				filePass++
			} else if testing.Verbose() {
				t.Logf("%s: %s\n  got  %q\n  want %q", filepath.Base(file), c.Label, got, c.want())
			}
		}
		if known {
			t.Logf("%s: %d of ftfy's %d known failures are right", filepath.Base(file), filePass, fileTotal)
			if min := ftfyFloor[filepath.Base(file)]; filePass < min {
				t.Errorf("%s: %d known failures are right, fewer than the %d before", filepath.Base(file), filePass, min)
			}
			continue
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

// ftfyDifference is a case where textclean, with its default options, does
// not give ftfy's text on purpose.
type ftfyDifference struct {
	reason string
	// fold maps both texts to what they must agree on.
	fold func(string) string
}

var (
	// byOtherRules: textclean's other rules (Spaces, CollapseSpaces,
	// Trim, Controls, Entities, Ligatures, Width) apply to the repaired text, and ftfy's
	// fix_encoding has no such rules. The texts agree once those rules are
	// applied to ftfy's as well.
	byOtherRules = func(s string) string { return normalize.New(normalize.Options{}).Line(s, nil) }
	// byQuotes: ftfy's fix_text straightens curly quotes; textclean keeps
	// them.
	byQuotes = quoteFold.Replace
)

// ftfyDifferences lists, by label, every case where textclean's default
// output differs from ftfy's, with the reason.
var ftfyDifferences = map[string]ftfyDifference{
	"UTF-8 / sloppy Windows-1250 mixup in English":                            {"the repaired NBSP becomes a space (Spaces)", byOtherRules},
	"The same text as above, but as a UTF-8 / ISO-8859-2 mixup":               {"the repaired NBSP becomes a space (Spaces)", byOtherRules},
	"A complex, lossy pile-up of mojibake in Portuguese":                      {"the repaired NBSPs become spaces (Spaces)", byOtherRules},
	"HTML entity on top of UTF-8 / Latin-1":                                   {"&frac14; is decoded first (Entities), and then the mojibake it completes is repaired: 10μs", byOtherRules},
	"Negative: 'è' preceded by a non-breaking space is not a small capital Y": {"the NBSP becomes a space (Spaces)", byOtherRules},
	"Negative: copyright sign preceded by non-breaking space":                 {"the NBSP becomes a space (Spaces)", byOtherRules},
	"Negative: angry face":                                                    {"runs of spaces collapse (CollapseSpaces)", byOtherRules},
	"Negative: Finnish Ä followed by a non-breaking space":                    {"the NBSPs become spaces (Spaces)", byOtherRules},
	"Negative: Indonesian leetspeak":                                          {"runs of spaces collapse (CollapseSpaces)", byOtherRules},
	"Synthetic, negative: don't leak our internal use of byte 0x1A":           {"control characters go (Controls), and the spaces around them (CollapseSpaces, Trim)", byOtherRules},
	"Synthetic, negative: U+1A on its own":                                    {"control characters go (Controls), and the space before it (Trim)", byOtherRules},
	"Synthetic, negative: Romanian word before a non-breaking space":          {"the NBSP becomes a space and is trimmed (Spaces, Trim)", byOtherRules},
	"English example in UTF-8 / Windows-1251 with a ligature":                 {"the repaired ﬁ ligature becomes fi (Ligatures)", byOtherRules},
	"Wide comma in UTF-8 / Windows-1252":                                      {"the repaired fullwidth comma stands between Latin letters and becomes , (Width)", byOtherRules},
	"Misleading mix-up in Spanish":                                            {"a known failure of ftfy that textclean gets right but for the curly quotes it keeps", byQuotes},
}

// TestFtfyDefaultOptions runs textclean's default normalization on ftfy's
// cases: each must give ftfy's text exactly, or differ only as
// ftfyDifferences says.
func TestFtfyDefaultOptions(t *testing.T) {
	n := normalize.New(normalize.Options{})
	files, err := filepath.Glob("../testdata/peer/ftfy/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no ftfy cases: %v", err)
	}
	used := map[string]bool{}
	for _, file := range files {
		if strings.HasSuffix(file, "entities-and-controls.json") {
			continue
		}
		for _, c := range loadFtfy(t, file) {
			d, listed := ftfyDifferences[c.Label]
			if c.Expect == "fail" && !listed {
				continue
			}
			got, want := n.Line(c.Original, nil), c.want()
			switch {
			case !listed && got != want:
				t.Errorf("%s: %s\n  got  %q\n  want %q", filepath.Base(file), c.Label, got, want)
			case listed && got == want:
				t.Errorf("%s: %s: listed as a difference (%s) but gives ftfy's text", filepath.Base(file), c.Label, d.reason)
			case listed && d.fold(got) != d.fold(want):
				t.Errorf("%s: %s: differs by more than %s\n  got  %q\n  want %q", filepath.Base(file), c.Label, d.reason, got, want)
			}
			used[c.Label] = true
		}
	}
	for label := range ftfyDifferences {
		if !used[label] {
			t.Errorf("ftfyDifferences lists %q, which is no case", label)
		}
	}
}
