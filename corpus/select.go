package corpus

import "github.com/textclean/textclean/dedupe"

// Summary is what the select phase knows of one key: the signature that
// keeps the paragraph (the lowest document Seq, then the lowest first
// line) and how many documents keep it.
type Summary struct {
	Keeper    Signature
	Documents int
}

// Summarize is the Summary of one signature.
func Summarize(s Signature) Summary { return Summary{Keeper: s, Documents: 1} }

// Merge returns the Summary of the signatures of a and b together; a and b
// must be of the same key and of disjoint documents. Merge is associative
// and commutative, so summaries can be merged in any order and grouping.
func Merge(a, b Summary) Summary {
	k := a.Keeper
	if earlier(b.Keeper, k) {
		k = b.Keeper
	}
	return Summary{Keeper: k, Documents: a.Documents + b.Documents}
}

// earlier reports whether a comes before b: by document Seq, then by line,
// then by name (two documents given one Seq by mistake still give one
// answer in any order).
func earlier(a, b Signature) bool {
	switch {
	case a.Doc.Seq != b.Doc.Seq:
		return a.Doc.Seq < b.Doc.Seq
	case a.Lines.First != b.Lines.First:
		return a.Lines.First < b.Lines.First
	case a.Lines.Last != b.Lines.Last:
		return a.Lines.Last < b.Lines.Last
	}
	return a.Doc.Name < b.Doc.Name
}

// Policy says which paragraphs go across documents.
type Policy struct {
	// Across removes a paragraph from every document but its keeper.
	// Apply spares those shorter than dedupe.Options.MinLength, as within
	// a document.
	Across bool
	// Boilerplate, if at least 2, removes a paragraph that Boilerplate or
	// more documents keep from all of them, its keeper too.
	Boilerplate int
}

// Verdict is a paragraph that document Seq is to lose: with Documents > 0,
// as boilerplate that so many documents keep; otherwise because Keeper, an
// earlier document, keeps it. Keeper is set in both cases; its Key is the
// paragraph's.
type Verdict struct {
	Seq       int64
	Documents int
	Keeper    Signature
}

// Judge returns the verdict on the paragraph with summary s in document
// seq, which keeps it, and whether there is one.
func (p Policy) Judge(s Summary, seq int64) (Verdict, bool) {
	switch {
	case p.Boilerplate >= 2 && s.Documents >= p.Boilerplate:
		return Verdict{Seq: seq, Documents: s.Documents, Keeper: s.Keeper}, true
	case p.Across && s.Keeper.Doc.Seq < seq:
		return Verdict{Seq: seq, Keeper: s.Keeper}, true
	}
	return Verdict{}, false
}

// Select is the select phase for the signatures of one key, all of them:
// it returns the verdicts on the documents that lose the paragraph, in the
// order of sigs.
func (p Policy) Select(sigs []Signature) []Verdict {
	if len(sigs) == 0 {
		return nil
	}
	s := Summarize(sigs[0])
	for _, sig := range sigs[1:] {
		s = Merge(s, Summarize(sig))
	}
	var vs []Verdict
	for _, sig := range sigs {
		if v, ok := p.Judge(s, sig.Doc.Seq); ok {
			vs = append(vs, v)
		}
	}
	return vs
}

// Copy is the dedupe.Copy that the verdict reports.
func (v Verdict) Copy() dedupe.Copy {
	if v.Documents > 0 {
		return dedupe.Copy{Documents: v.Documents}
	}
	return dedupe.Copy{Doc: v.Keeper.Doc.Name, Lines: v.Keeper.Lines}
}
