// Package corpus dedups paragraphs across the documents of a corpus in
// three phases, so that the work can be spread over many processes or
// machines and still give the result of one local run:
//
//  1. [Sign], per document: clean it on its own and emit one [Signature]
//     per distinct paragraph it keeps (the paragraph's [dedupe.Key], the
//     document, the lines).
//  2. Select, per key: [Merge] the [Summary] of every signature of the key
//     into one (the keeper, first by document sequence number then by
//     line, and how many documents keep it), then let a [Policy] [Policy.Judge]
//     each signature: the [Verdict]s say which documents lose the
//     paragraph, and why.
//  3. [Apply], per document: clean it again, removing the paragraphs its
//     verdicts name, and report them as dedupe.Across or dedupe.Boilerplate
//     changes.
//
// Only select needs shared state, and only by key: Merge is associative
// and commutative, so it is a combiner (Hadoop, Beam's CombinePerKey).
// Apply removes only paragraphs that the document kept when cleaned on its
// own; those that appear only in the second cleaning (a sentence kept
// because its earlier copy went across) stay.
//
// The records that travel between the phases have a text form
// ([Signature.AppendTSV], [Verdict.AppendTSV]) so that the phases run as
// the commands textclean sign, select and apply over pipes, under xargs,
// GNU parallel, Hadoop Streaming or Spark's RDD.pipe. Package corpus/jsonl
// applies the phases to JSON Lines records.
package corpus
