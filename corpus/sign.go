package corpus

import "github.com/textclean/textclean/dedupe"

// Doc is a document of a corpus. Seq orders the documents: of the
// documents that keep a paragraph, the one with the lowest Seq keeps it
// under Policy.Across. Seq must be unique within a corpus. Name is how
// reports name the document where it keeps a paragraph that others lose.
type Doc struct {
	Seq  int64
	Name string
}

// Signature says that a document keeps a paragraph when cleaned on its own:
// the paragraph's Key, the document and the paragraph's input lines there.
type Signature struct {
	Key   dedupe.Key
	Doc   Doc
	Lines dedupe.LineRange
}

// Sign cleans text on its own with opts (whose Elsewhere must be nil, and
// whose SkipKeys and SkipKept are not heeded: signatures are the kept
// paragraphs' keys) and returns one Signature per distinct paragraph the
// clean text keeps, in output order; a key kept twice (a short refrain)
// is signed at its first copy. The error is dedupe.Clean's.
func Sign(doc Doc, text string, opts dedupe.Options) ([]Signature, error) {
	opts.Elsewhere, opts.SkipKeys, opts.SkipKept = nil, false, false
	r, err := dedupe.Clean(text, opts)
	if err != nil {
		return nil, err
	}
	return Signatures(doc, r.Kept), nil
}

// Signatures is Sign for a text already cleaned: it signs the kept
// paragraphs of a dedupe.Result.
func Signatures(doc Doc, kept []dedupe.KeptParagraph) []Signature {
	seen := make(map[dedupe.Key]bool, len(kept))
	sigs := make([]Signature, 0, len(kept))
	for _, p := range kept {
		if seen[p.Key] {
			continue
		}
		seen[p.Key] = true
		sigs = append(sigs, Signature{Key: p.Key, Doc: doc, Lines: p.Lines})
	}
	return sigs
}
