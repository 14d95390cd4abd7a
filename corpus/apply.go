package corpus

import "github.com/textclean/textclean/dedupe"

// Apply cleans text again with opts, removing the paragraphs that its
// verdicts (those of one document) name. The error is dedupe.Clean's.
func Apply(text string, opts dedupe.Options, verdicts []Verdict) (*dedupe.Result, error) {
	opts.Elsewhere = Removals(verdicts, opts.MinLengthOrDefault())
	return dedupe.Clean(text, opts)
}

// Removals returns the dedupe.Elsewhere that removes the paragraphs that
// verdicts name: boilerplate whatever its length, a paragraph an earlier
// document keeps if it is at least minLength characters long. With no
// verdicts it is nil, an Options.Elsewhere that Clean does not ask (nor
// make the Key of every paragraph for).
func Removals(verdicts []Verdict, minLength int) dedupe.Elsewhere {
	if len(verdicts) == 0 {
		return nil
	}
	r := removals{byKey: make(map[dedupe.Key]Verdict, len(verdicts)), minLength: minLength}
	for _, v := range verdicts {
		r.byKey[v.Keeper.Key] = v
	}
	return r
}

// removals is a document's verdicts, by key.
type removals struct {
	byKey     map[dedupe.Key]Verdict
	minLength int
}

// Find implements dedupe.Elsewhere.
func (r removals) Find(k dedupe.Key, length int) (dedupe.Copy, bool) {
	v, ok := r.byKey[k]
	if !ok || v.Documents == 0 && length < r.minLength {
		return dedupe.Copy{}, false
	}
	return v.Copy(), true
}
