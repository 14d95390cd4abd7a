package dedupe

import "testing"

// BenchmarkDropNearFirst runs the first dropNear of a started cleaner,
// which compares every paragraph with those before it, on stageSize of
// generated articles or on TEXTCLEAN_BENCH_FILE (on the 100 MB stream
// the bag filter is larger than the caches, as it is not on stageSize).
// The rest of round 1 runs before it, untimed, with near-duplicates off.
func BenchmarkDropNearFirst(b *testing.B) {
	input := stageInputOrFile(b)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		opts := &Options{}
		c := stageCleaner(b, input, opts)
		opts.Similarity = -1 // the paragraph round without its dropNear
		c.paragraphRound()
		opts.Similarity = 0
		b.StartTimer()
		c.dropNear()
	}
}
