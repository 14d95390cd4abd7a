package dedupe

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/textclean/textclean/internal/benchgen"
)

// TestKeyIsSHA256 pins a Key against sha256sum: the match key of
// "Hello,   World!" is "hello, world", and
// printf 'hello, world' | sha256sum starts with the 32 hex digits here.
func TestKeyIsSHA256(t *testing.T) {
	r, err := Clean("Hello,   World!\n", Options{})
	if err != nil || len(r.Kept) != 1 {
		t.Fatalf("%v, %d kept", err, len(r.Kept))
	}
	const want = "09ca7e4eaa6e8ae9c7d2611671291848"
	if got := fmt.Sprintf("%016x%016x", r.Kept[0].Key[0], r.Kept[0].Key[1]); got != want {
		t.Errorf("the Key of %q is %s, want %s", "hello, world", got, want)
	}
}

// TestKeptKeysOfFinalText: every kept paragraph's Key is the first 16
// bytes of the SHA-256 of its final text's match key, of paragraphs that
// lost sentences too; with Options.SkipKeys the keys are zero and the
// rest of the Result is the same, in one goroutine and in several.
func TestKeptKeysOfFinalText(t *testing.T) {
	input := benchgen.New(3).Stream(300 << 10)
	opts := Options{Paragraphs: Lines}
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			setParallel(t, 0, procs)
			r, err := Clean(input, opts)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, l := range strings.Split(strings.TrimSuffix(r.Text, "\n"), "\n") {
				if l != "" {
					out = append(out, l)
				}
			}
			if len(out) != len(r.Kept) {
				t.Fatalf("%d paragraphs written, %d kept", len(out), len(r.Kept))
			}
			cut := 0
			for k, p := range r.Kept {
				sum := sha256.Sum256(appendKey(nil, out[k]))
				if got := fmt.Sprintf("%016x%016x", p.Key[0], p.Key[1]); got != fmt.Sprintf("%x", sum[:16]) {
					t.Fatalf("kept paragraph %d (%q): Key %s, want the SHA-256 of its match key, %x", k, out[k], got, sum[:16])
				}
				if !strings.Contains(input, out[k]) {
					cut++ // lost a sentence
				}
			}
			if cut == 0 {
				t.Errorf("no kept paragraph lost a sentence: the test checks uncut ones only")
			}
			skipOpts := opts
			skipOpts.SkipKeys = true
			skipped, err := Clean(input, skipOpts)
			if err != nil {
				t.Fatal(err)
			}
			for k := range skipped.Kept {
				if skipped.Kept[k].Key != (Key{}) {
					t.Fatalf("SkipKeys: kept paragraph %d has Key %x", k, skipped.Kept[k].Key)
				}
				r.Kept[k].Key = Key{}
			}
			if !reflect.DeepEqual(r, skipped) {
				t.Errorf("SkipKeys changes more than the keys")
			}
		})
	}
}

// TestSkipKept: with Options.SkipKept, Result.Kept is nil and the rest of
// the Result and the text are as without it, from Clean and CleanTo, in
// one goroutine and in several.
func TestSkipKept(t *testing.T) {
	input := benchgen.New(4).Stream(300 << 10)
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			setParallel(t, 0, procs)
			for _, to := range []bool{false, true} {
				clean := func(opts Options) (*Result, string) {
					t.Helper()
					var b strings.Builder
					var r *Result
					var err error
					if to {
						r, err = CleanTo(&b, input, opts)
					} else {
						r, err = Clean(input, opts)
					}
					if err != nil {
						t.Fatal(err)
					}
					return r, b.String()
				}
				r, text := clean(Options{})
				skipped, skippedText := clean(Options{SkipKept: true})
				if len(r.Kept) == 0 || skipped.Kept != nil {
					t.Fatalf("CleanTo %v: %d kept, %d with SkipKept", to, len(r.Kept), len(skipped.Kept))
				}
				r.Kept = nil
				if !reflect.DeepEqual(r, skipped) || text != skippedText {
					t.Errorf("CleanTo %v: SkipKept changes more than Kept", to)
				}
			}
		})
	}
}

// askedKeys is an Elsewhere that removes nothing and records the keys it
// is asked about.
type askedKeys struct{ keys *[]Key }

func (a askedKeys) Find(k Key, _ int) (Copy, bool) {
	*a.keys = append(*a.keys, k)
	return Copy{}, false
}

// TestKeptKeysAreAsked: the Key of each kept paragraph is the one Clean
// asks Elsewhere about for it in its last round, in every style, on articles whose
// paragraphs lose sentences, move and go as junk: what sign signs is what
// apply and --across look up.
func TestKeptKeysAreAsked(t *testing.T) {
	inputs := []string{benchgen.New(5).Stream(200 << 10)}
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	if len(files) == 0 {
		t.Fatal("no articles in ../testdata/articles")
	}
	for _, f := range files[:min(len(files), 40)] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(b))
	}
	for _, style := range []Style{Auto, Blocks, Lines} {
		for n, input := range inputs {
			var asked []Key
			r, err := Clean(input, Options{Paragraphs: style, Elsewhere: askedKeys{&asked}})
			if err != nil {
				continue // not text
			}
			kept := make([]Key, len(r.Kept))
			for k, p := range r.Kept {
				kept[k] = p.Key
			}
			// Each round asks about its output; the last, which changed
			// nothing, about the final one.
			if len(asked) < len(kept) || !slices.Equal(kept, asked[len(asked)-len(kept):]) {
				t.Fatalf("style %v, input %d: the %d kept keys are not the last %d asked", style, n, len(kept), len(kept))
			}
		}
	}
}
