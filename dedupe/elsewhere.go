package dedupe

import "github.com/cespare/xxhash/v2"

// Key identifies a paragraph's text across documents: 128 bits of hash of
// its match key (two xxhash sums with different seeds). Package corpus's
// phases keep only keys, not texts, so two different paragraphs are taken
// for one by chance only if all 128 bits collide: for a billion distinct
// paragraphs the odds are about 1 in 10^20 (textclean's --across table
// keeps a 64-bit tag of the key, about n²/2^65 for n paragraphs). xxhash
// is no cryptographic hash, though: a text whose Key is a chosen
// paragraph's can be crafted in about a minute.
type Key [2]uint64

// keySeed seeds the second of the two sums of a Key.
const keySeed = 0x9e3779b97f4a7c15

// keyOf returns the Key of a match key: its xxhash, and a second sum with
// another seed. d is scratch space.
func keyOf(matchKey []byte, d *xxhash.Digest) Key {
	d.ResetWithSeed(keySeed)
	d.Write(matchKey)
	return Key{xxhash.Sum64(matchKey), d.Sum64()}
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
