// Package pipeline is textclean's cleaning, with dedup across documents,
// as an Apache Beam pipeline: the phases of package corpus in ParDos, a
// CombinePerKey for the select phase and CoGroupByKeys to bring the
// verdicts to their documents. It gives the output and the report of
// textclean --jsonl --across/--boilerplate on the same files, byte for
// byte, on any Beam runner (Prism in process, Flink, Spark, Dataflow).
//
// The stages, each a transform of the pipeline:
//
//	read:    file -> record (one per line, numbered: file<<32 | line-1, or --seq-field)
//	sign:    record -> (key, signature line)
//	select:  CombinePerKey(signatures) -> (key, summary)
//	judge:   CoGroupByKey(signatures, summary) -> (seq, verdict line)
//	apply:   CoGroupByKey(records, verdicts) -> (file, cleaned line, report line)
//	write:   GroupByKey(file) -> OUT/NAME and OUT/NAME.report.jsonl, in line order
//
// A file is read whole by one worker, and written by one: split a corpus
// into many files of a few hundred megabytes at most.
package pipeline
