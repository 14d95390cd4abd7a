package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/normalize"
)

func TestSummary(t *testing.T) {
	var fixes normalize.Counts
	fixes[normalize.Entities], fixes[normalize.Spaces], fixes[normalize.Trim], fixes[normalize.NFC] = 5, 2, 1, 1
	tests := []struct {
		name        string
		s           stats
		interrupted bool
		want        string
	}{
		{"nothing to do", stats{files: 1, bytesIn: 1 << 20, paragraphsIn: 3, paragraphsOut: 3}, false,
			"textclean: 1 file, 0 changed; 1.0 MB in 2.0 s (0.5 MB/s); paragraphs 3 → 3"},
		{"every kind", stats{files: 3, changed: 2, bytesIn: 3 << 20, paragraphsIn: 80, paragraphsOut: 51, runs: 2, inRuns: 16, repeats: 1,
			sentences: 3, near: 1, teasers: 2, junk: 4, boilerplate: 1, across: 5, moves: 2, fixes: fixes, failed: 1, skipped: 1}, true,
			"textclean: 3 files, 2 changed; 3.0 MB in 2.0 s (1.5 MB/s); paragraphs 80 → 51: removed 2 runs (16 paragraphs), " +
				"1 repeated paragraph, 3 sentences, 1 near-duplicate, 2 teasers, 4 junk lines, 1 boilerplate paragraph, 5 paragraphs kept by earlier files; " +
				"2 moved; 9 fixes (entities 5, spaces 2, nfc 1, …); 1 failed; 1 binary skipped; interrupted, the files not reached are untouched"},
		{"one of each", stats{files: 1, changed: 1, bytesIn: 1 << 20, paragraphsIn: 4, paragraphsOut: 2, runs: 1, inRuns: 1, sentences: 1, fixes: normalize.Counts{normalize.Trim: 1}}, false,
			"textclean: 1 file, 1 changed; 1.0 MB in 2.0 s (0.5 MB/s); paragraphs 4 → 2: removed 1 run (1 paragraph), 1 sentence; 1 fix (trim 1)"},
	}
	for _, tc := range tests {
		if got := summary(tc.s, 2*time.Second, tc.interrupted); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func TestStatsTable(t *testing.T) {
	input := "A paragraph that the scraper repeated, word for word.\nIt&#8217;s  here.\nA paragraph that the scraper repeated, word for word.\nAdvertisement\n"
	r, err := dedupe.Clean(input, dedupe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var total stats
	total.add(statsOf(input, r, true))
	total.add(statsOf(input, r, true))
	var b bytes.Buffer
	if err := writeStats(&b, total, time.Second, false); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"textclean:\n  files                        2  2 changed, 0 failed, 0 skipped\n",
		"\n  paragraphs in                8\n  paragraphs out               4  50.0% removed\n",
		"\nremoved:\n  repeated runs                0  0 paragraphs\n  repeated paragraphs          2  on their own\n",
		"\n  junk lines                   2\n",
		"\n  entities                     2\n",
		"\n  collapse-spaces              2\n",
		"\n  all rules                    4\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the table lacks %q:\n%s", want, got)
		}
	}
	for i, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if strings.HasSuffix(line, " ") {
			t.Errorf("line %d ends with a space: %q", i+1, line)
		}
	}
}
