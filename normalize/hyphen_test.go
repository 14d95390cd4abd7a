package normalize_test

import (
	"testing"

	"github.com/textclean/textclean/normalize"
)

func TestHyphenation(t *testing.T) {
	tests := []struct {
		name, in, want string
		joins          int
	}{
		{"the joined word occurs elsewhere", "the informa-\ntion it holds\nmore information here\n", "the information\nit holds\nmore information here\n", 1},
		{"a suffix that is no word", "the organiza-\ntion, which is big\n", "the organization,\nwhich is big\n", 1},
		{"a capitalized word", "Govern-\nments fell\n", "Governments\nfell\n", 1},
		{"the compound occurs elsewhere", "a mid-\ning note and\nthe mid-ing mark\n", "a mid-\ning note and\nthe mid-ing mark\n", 0},
		{"no evidence either way: a real compound", "a well-\nknown fact\n", "a well-\nknown fact\n", 0},
		{"a hyphenated chain", "state-of-the-\nart systems\n", "state-of-the-\nart systems\n", 0},
		{"a capital after the hyphen", "anti-\nSemitism is\n", "anti-\nSemitism is\n", 0},
		{"a digit", "pre-\n2020 levels\n", "pre-\n2020 levels\n", 0},
		{"the fragment is the whole next line", "the informa-\ntion.\n", "the informa-\ntion.\n", 0},
		{"paragraphs apart", "the informa-\n\ntion it holds\n", "the informa-\n\ntion it holds\n", 0},
		{"a dash, not a hyphen", "wait --\nnow then\n", "wait --\nnow then\n", 0},
		{"trailing spaces are trimmed first", "the informa-  \ntion it holds\n", "the information\nit holds\n", 1},
		{"two in a row", "an organiza-\ntion's manage-\nment is\n", "an organization's\nmanagement\nis\n", 2},
		// The second joins on the word the first makes, as it would if
		// the clean text were cleaned again.
		{"a word another rejoin makes", "organiza-\ntion  organizat-\nion 0\n", "organization\norganization\n0\n", 2},
	}
	n := normalize.New(normalize.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := n.Document(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if got := d.Counts.Of(normalize.Hyphenation); got != tt.joins {
				t.Errorf("counted %d rejoined words, want %d", got, tt.joins)
			}
			checkExplain(t, n, tt.in, d)
			if again := normalize.String(d.String()); again != d.String() {
				t.Errorf("not idempotent: %q", again)
			}
		})
	}
	off := normalize.New(normalize.Options{Skip: normalize.Set(normalize.Hyphenation)})
	if d, _ := off.Document("the organiza-\ntion, which\n"); d.String() != "the organiza-\ntion, which\n" {
		t.Errorf("skipped Hyphenation still rejoins")
	}
}
