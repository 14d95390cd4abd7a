// Package keyindex numbers 64-bit keys (hashes) in the order they are
// first added, in about 14 bytes a key: the keys themselves in a flat
// array, by number, and an open-addressing table of 32-bit numbers to
// find them. It is the memory of textclean's dedup across documents,
// where one key, a paragraph's 64-bit tag, stands for one distinct
// paragraph and the numbers index whatever else is kept of it.
//
// The table is split in 256 shards by the top bits of the mixed key, each
// grown on its own by a quarter when it is four-fifths full, so that
// growing never copies more than a 256th of the table at once; and the
// shards start at staggered sizes, so that their loads spread between
// 0.64 and 0.8 instead of rising and falling together. A table of any
// size costs about 5.6 bytes a key on top of the key's 8, and some 0.4 of
// the allocator's rounding.
package keyindex
