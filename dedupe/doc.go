// Package dedupe cleans a scraped article: it normalizes the text with
// package normalize, finds the paragraphs and sentences that the scraper
// repeated, and returns the clean text with a [Result] that says what was
// removed or moved, where it stood in the input and which kept copy it
// duplicates.
//
// The decisions are keep-first and deterministic:
//
//   - A paragraph whose match key was seen before is removed. The key
//     ignores case, white space, quote and dash style and trailing
//     punctuation; texts are compared on a hash hit, so a hash collision
//     never merges different paragraphs.
//   - A maximal stretch of removed paragraphs is reported as one repeated
//     run, pointing to the kept copy.
//   - A paragraph that appears only once but lies inside a repeated run,
//     between two copied paragraphs that are adjacent in the kept text (the
//     subheading that only the second copy of a section carries), is moved
//     to the same place in the kept copy.
//   - A sentence of at least Options.MinSentenceWords words that already
//     appeared earlier in the kept text is removed; a paragraph left empty
//     goes.
//   - Repetition that belongs to the page stays: a paragraph shorter than
//     Options.MinLength characters that repeats on its own ("Q:", a
//     refrain), and a paragraph that occurs three times or more (the
//     question put to each interviewee, a product card's "Buy now"). It
//     goes only with a repeated run. Sentence dedup leaves such
//     paragraphs whole.
//   - Scraper junk lines ("Advertisement", "Read more"; see BuiltinJunk)
//     are removed wherever they stand.
//   - A paragraph nearly the same as one of the few kept just before it
//     (word-pair Jaccard similarity at least Options.Similarity) is a
//     near-duplicate, and a paragraph cut off with "…" or "Read more" is a
//     teaser of the full one; the fuller copy is kept, at the first place.
//   - With Options.Elsewhere, a paragraph that other documents have goes
//     (dedup across a corpus, and boilerplate).
//   - The rules run again on what was kept until nothing changes, so that
//     cleaning clean text changes nothing.
//
// [Clean] is the one-call entry point.
package dedupe
