package dedupe

import (
	"crypto/sha256"
	"encoding/binary"
)

// Key identifies a paragraph's text across documents: the first 16 bytes
// of the SHA-256 of its match key (the text lower-cased, its white space
// and quote marks made one, its trailing punctuation dropped), as two
// big-endian halves, so that its 32 hex digits (corpus.AppendKey, after
// its mark) are the first 32 that sha256sum prints for the match key.
//
// Package corpus's phases, and textclean's --across table, keep only
// keys, not texts: two paragraphs whose keys agree are taken for one, and
// the later is removed from its document. So a Key must be one that no
// page can be written to share with a chosen paragraph. SHA-256 is: no
// way is known to find a text with a given 128-bit prefix of its sum but
// about 2^128 tries, and none to find two texts that share one but about
// 2^64. (The 128-bit xxhash keys it replaces could be forged whole in
// 3 to 37 s of one core.) By chance, some two of n distinct paragraphs have the same
// Key with a probability of about n²/2^129: 1.5e-21 for a billion.
//
// Within a document, Clean does not use Keys: its tables hash match keys
// with a fast xxhash and compare the texts of every hit.
type Key [2]uint64

// keyOf returns the Key of a match key.
func keyOf(matchKey []byte) Key {
	sum := sha256.Sum256(matchKey)
	return Key{binary.BigEndian.Uint64(sum[:8]), binary.BigEndian.Uint64(sum[8:16])}
}

// Elsewhere tells Clean about the paragraphs that other documents have, for
// dedup across a corpus. Clean asks about every paragraph it would keep and
// removes those for which Find says so.
type Elsewhere interface {
	// Find reports whether the paragraph with key k, length characters
	// long, is to be removed because of its copies in other documents, and
	// where they are.
	Find(k Key, length int) (Copy, bool)
}

// Copy says why a paragraph goes because of other documents: a kept copy
// in an earlier document (Doc and Lines), or copies in Documents documents,
// which makes it boilerplate.
type Copy struct {
	Doc       string
	Lines     LineRange
	Documents int
}

// KeptParagraph is a paragraph of the clean text, with the Key that
// identifies it across documents.
type KeptParagraph struct {
	Key   Key
	Lines LineRange // in the input
}
