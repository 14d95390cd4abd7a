package corpus_test

import (
	"fmt"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/dedupe"
)

// The three phases over two documents in memory; spread over machines,
// only the grouping by key in the middle needs to move data.
func Example() {
	docs := []string{
		"A story only the first page has, long enough to count.\nThe wire service first reported the story on Monday morning.\n",
		"A second story, told here and nowhere else in this corpus.\nThe wire service first reported the story on Monday morning.\n",
	}
	var opts dedupe.Options
	byKey := map[dedupe.Key][]corpus.Signature{}
	var keys []dedupe.Key
	for i, text := range docs { // sign
		sigs, _ := corpus.Sign(corpus.Doc{Seq: int64(i), Name: fmt.Sprintf("doc%d.txt", i)}, text, opts)
		for _, s := range sigs {
			if byKey[s.Key] == nil {
				keys = append(keys, s.Key)
			}
			byKey[s.Key] = append(byKey[s.Key], s)
		}
	}
	verdicts := map[int64][]corpus.Verdict{}
	policy := corpus.Policy{Across: true}
	for _, k := range keys { // select
		for _, v := range policy.Select(byKey[k]) {
			verdicts[v.Seq] = append(verdicts[v.Seq], v)
		}
	}
	for i, text := range docs { // apply
		r, _ := corpus.Apply(text, opts, verdicts[int64(i)])
		fmt.Print(r.Text)
		for _, c := range r.Changes {
			fmt.Printf("  %s: line %d, kept in %s line %d\n", c.Kind, c.Lines.First, c.Elsewhere.Doc, c.Elsewhere.Lines.First)
		}
	}
	// Output:
	// A story only the first page has, long enough to count.
	// The wire service first reported the story on Monday morning.
	// A second story, told here and nowhere else in this corpus.
	//   across: line 2, kept in doc0.txt line 2
}
