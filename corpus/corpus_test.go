package corpus_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/dedupe"
)

func sig(k uint64, seq int64, line int, name string) corpus.Signature {
	return corpus.Signature{Key: dedupe.Key{k, ^k}, Doc: corpus.Doc{Seq: seq, Name: name}, Lines: dedupe.LineRange{First: line, Last: line}}
}

func TestSelect(t *testing.T) {
	a, b, c := sig(1, 5, 3, "a"), sig(1, 2, 9, "b"), sig(1, 7, 1, "c")
	for _, tc := range []struct {
		name   string
		policy corpus.Policy
		sigs   []corpus.Signature
		want   []string // "SEQ kept-by-NAME" or "SEQ boilerplate N"
	}{
		{"across: all but the lowest seq", corpus.Policy{Across: true}, []corpus.Signature{a, b, c}, []string{"5 kept by b", "7 kept by b"}},
		{"order of the input does not matter", corpus.Policy{Across: true}, []corpus.Signature{c, a, b}, []string{"7 kept by b", "5 kept by b"}},
		{"one document: nothing", corpus.Policy{Across: true, Boilerplate: 2}, []corpus.Signature{a}, nil},
		{"boilerplate reached: all, the keeper too", corpus.Policy{Boilerplate: 3}, []corpus.Signature{a, b, c}, []string{"5 boilerplate 3", "2 boilerplate 3", "7 boilerplate 3"}},
		{"boilerplate not reached, across off", corpus.Policy{Boilerplate: 4}, []corpus.Signature{a, b, c}, nil},
		{"boilerplate before across", corpus.Policy{Across: true, Boilerplate: 2}, []corpus.Signature{a, b}, []string{"5 boilerplate 2", "2 boilerplate 2"}},
		{"boilerplate 1 is off", corpus.Policy{Boilerplate: 1}, []corpus.Signature{a, b}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, v := range tc.policy.Select(tc.sigs) {
				if v.Documents > 0 {
					got = append(got, fmt.Sprintf("%d boilerplate %d", v.Seq, v.Documents))
				} else {
					got = append(got, fmt.Sprintf("%d kept by %s", v.Seq, v.Keeper.Doc.Name))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMerge: Merge is associative and commutative, and ties on Seq go to
// the lower line.
func TestMerge(t *testing.T) {
	sigs := []corpus.Signature{sig(1, 4, 8, "x"), sig(1, 4, 2, "y"), sig(1, 9, 1, "z"), sig(1, 6, 1, "w")}
	s := func(i int) corpus.Summary { return corpus.Summarize(sigs[i]) }
	left := corpus.Merge(corpus.Merge(corpus.Merge(s(0), s(1)), s(2)), s(3))
	right := corpus.Merge(s(3), corpus.Merge(s(2), corpus.Merge(s(1), s(0))))
	if left != right {
		t.Errorf("merge order changes the summary: %+v vs %+v", left, right)
	}
	if left.Keeper.Doc.Name != "y" || left.Documents != 4 {
		t.Errorf("keeper %q of %d documents, want y of 4", left.Keeper.Doc.Name, left.Documents)
	}
}

func TestRecordsRoundTrip(t *testing.T) {
	s := corpus.Signature{Key: dedupe.Key{0x0123456789abcdef, 42}, Doc: corpus.Doc{Seq: 1 << 40, Name: "crawl/a\tb \"c\".txt"}, Lines: dedupe.LineRange{First: 3, Last: 5}}
	line := string(s.AppendTSV(nil))
	if want := "s0123456789abcdef000000000000002a\t1099511627776\t3\t5\t\"crawl/a\\tb \\\"c\\\".txt\"\n"; line != want {
		t.Errorf("signature line %q, want %q", line, want)
	}
	back, err := corpus.ParseSignature(line)
	if err != nil || back != s {
		t.Errorf("ParseSignature: %+v, %v; want %+v", back, err, s)
	}
	v := corpus.Verdict{Seq: 7, Documents: 0, Keeper: s}
	vback, err := corpus.ParseVerdict(string(v.AppendTSV(nil)))
	if err != nil || vback != v {
		t.Errorf("ParseVerdict: %+v, %v; want %+v", vback, err, v)
	}
}

func TestParseErrors(t *testing.T) {
	for _, line := range []string{
		"",
		"s0123456789abcdef000000000000002a\t1\t3\t5",
		"s0123456789ABCDEF000000000000002a\t1\t3\t5\t\"a\"",
		"s0123456789abcdef00000000000000zz\t1\t3\t5\t\"a\"",
		"s0123456789abcdef000000000000002\t1\t3\t5\t\"a\"",
		"x0123456789abcdef000000000000002a\t1\t3\t5\t\"a\"",
		// 34 hex digits, marked or not: a decoding into 16 bytes panicked.
		"s0123456789abcdef000000000000002a00\t1\t3\t5\t\"a\"",
		"0123456789abcdef000000000000002a00\t1\t3\t5\t\"a\"",
		"s0123456789abcdef000000000000002a\tx\t3\t5\t\"a\"",
		"s0123456789abcdef000000000000002a\t1\t3\t5\ta",
	} {
		if _, err := corpus.ParseSignature(line); !errors.Is(err, corpus.ErrRecord) {
			t.Errorf("ParseSignature(%q): %v, want ErrRecord", line, err)
		}
	}
	if _, err := corpus.ParseVerdict("1\ts0123456789abcdef000000000000002a\t-1\t0\t1\t1\t\"a\""); !errors.Is(err, corpus.ErrRecord) {
		t.Errorf("a negative document count: %v, want ErrRecord", err)
	}
}

// TestParseOldKeys: signatures and verdicts of a textclean whose keys were
// xxhash sums (32 hex digits, no KeyMark) are refused with a message that
// says why and what to do, not mixed with today's, whose keys never meet
// theirs.
func TestParseOldKeys(t *testing.T) {
	const want = "is an xxhash key of an older textclean, which a crafted page could share with another paragraph: sign the documents again"
	_, err := corpus.ParseSignature("4e6f1789684544268432db8a2a0692f5\t0\t1\t1\t\"corpus1.jsonl:1\"")
	if !errors.Is(err, corpus.ErrRecord) || !strings.Contains(err.Error(), want) {
		t.Errorf("an old signature: %v", err)
	}
	_, err = corpus.ParseVerdict("1\t8386fc7de65a0b2abcd16d338afc2d5d\t0\t0\t2\t2\t\"corpus1.jsonl:1\"")
	if !errors.Is(err, corpus.ErrRecord) || !strings.Contains(err.Error(), want) {
		t.Errorf("an old verdict: %v", err)
	}
}

// TestApplySparesShort: an across verdict spares a paragraph shorter than
// MinLength, as within a document; boilerplate goes whatever its length.
func TestApplySparesShort(t *testing.T) {
	early := "Q:\nThe wire service first reported the story on Monday morning.\n"
	late := "Q:\nA later story, told here and nowhere else, long enough.\n"
	var sigs []corpus.Signature
	for i, text := range []string{early, late} {
		s, err := corpus.Sign(corpus.Doc{Seq: int64(i), Name: fmt.Sprint("doc", i)}, text, dedupe.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sigs = append(sigs, s...)
	}
	byKey := map[dedupe.Key][]corpus.Signature{}
	for _, s := range sigs {
		byKey[s.Key] = append(byKey[s.Key], s)
	}
	for _, tc := range []struct {
		policy corpus.Policy
		want   string
	}{
		{corpus.Policy{Across: true}, late},
		{corpus.Policy{Boilerplate: 2}, "A later story, told here and nowhere else, long enough.\n"},
	} {
		var vs []corpus.Verdict
		for _, group := range byKey {
			for _, v := range tc.policy.Select(group) {
				if v.Seq == 1 {
					vs = append(vs, v)
				}
			}
		}
		r, err := corpus.Apply(late, dedupe.Options{}, vs)
		if err != nil || r.Text != tc.want {
			t.Errorf("%+v: %q, %v; want %q", tc.policy, r.Text, err, tc.want)
		}
	}
}

// FuzzParseRecords: ParseSignature and ParseVerdict take any line without
// panicking, refuse it with ErrRecord or read a record whose own line
// reads back as the same record, and never take a key without KeyMark.
func FuzzParseRecords(f *testing.F) {
	f.Add("s0123456789abcdef000000000000002a\t1099511627776\t3\t5\t\"crawl/a\\tb \\\"c\\\".txt\"\n")
	f.Add("7\ts0123456789abcdef000000000000002a\t0\t1\t3\t5\t\"a\"")
	f.Add("4e6f1789684544268432db8a2a0692f5\t0\t1\t1\t\"corpus1.jsonl:1\"")
	f.Add("1\t8386fc7de65a0b2abcd16d338afc2d5d\t0\t0\t2\t2\t\"corpus1.jsonl:1\"")
	f.Fuzz(func(t *testing.T, line string) {
		check := func(what string, err error, key func() string, again func() (any, any, error)) {
			if err != nil {
				if !errors.Is(err, corpus.ErrRecord) {
					t.Fatalf("%s(%q): %v, not ErrRecord", what, line, err)
				}
				return
			}
			if !strings.HasPrefix(key(), corpus.KeyMark) {
				t.Fatalf("%s(%q) took key field %q, which lacks KeyMark", what, line, key())
			}
			got, want, err := again()
			if err != nil || got != want {
				t.Fatalf("%s(%q): its own line reads back as %+v, %v; want %+v", what, line, got, err, want)
			}
		}
		fields := strings.Split(line, "\t")
		s, err := corpus.ParseSignature(line)
		check("ParseSignature", err, func() string { return fields[0] }, func() (any, any, error) {
			back, err := corpus.ParseSignature(string(s.AppendTSV(nil)))
			return back, s, err
		})
		v, err := corpus.ParseVerdict(line)
		check("ParseVerdict", err, func() string { return fields[1] }, func() (any, any, error) {
			back, err := corpus.ParseVerdict(string(v.AppendTSV(nil)))
			return back, v, err
		})
	})
}

// TestSignHeedsNoSkip: Sign signs the kept paragraphs whatever the options
// say of Result.Kept and its keys.
func TestSignHeedsNoSkip(t *testing.T) {
	text := "The council met on Tuesday to vote on the budget.\n\nIt passed.\n\nThe council met on Tuesday to vote on the budget.\n"
	doc := corpus.Doc{Seq: 1, Name: "a"}
	want, err := corpus.Sign(doc, text, dedupe.Options{})
	if err != nil || len(want) != 2 {
		t.Fatalf("%d signatures, %v; want 2", len(want), err)
	}
	got, err := corpus.Sign(doc, text, dedupe.Options{SkipKeys: true, SkipKept: true})
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("with SkipKeys and SkipKept: %v, %v; want %v", got, err, want)
	}
}
