//go:build linux

package dedupe

import (
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
)

// minorFaults returns the minor page faults the process has taken so far.
func minorFaults(tb testing.TB) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Skip(err)
	}
	return ru.Minflt
}

// sink keeps the reads of TestMakeWrittenFaultsOnce from being left out.
var sink uint64

// TestMakeWrittenFaultsOnce checks that a slice of makeWritten, then read
// and written page by page, as a hash table is, costs one page fault a
// page, where one of make costs two.
func TestMakeWrittenFaultsOnce(t *testing.T) {
	if raceEnabled {
		// Under -race (which go test -race also runs checkptr in), a page
		// of makeWritten faulted 3 times, of make 4 (go1.26.8).
		t.Skip("the race detector's shadow memory faults pages of its own")
	}
	const size = 32 << 20
	pages := int64(size / syscall.Getpagesize())
	faults := func(mk func(n int) []uint64) int64 {
		debug.FreeOSMemory() // so that the slice is on pages the system has not handed out
		before := minorFaults(t)
		s := mk(size / 8)
		step := syscall.Getpagesize() / 8
		for i := 0; i < len(s); i += step {
			sink += s[i]
		}
		for i := 0; i < len(s); i += step {
			s[i] = 1
		}
		runtime.KeepAlive(s)
		return minorFaults(t) - before
	}
	plain := faults(func(n int) []uint64 { return make([]uint64, n) })
	if plain < pages*17/10 {
		t.Skipf("make: %d faults for %d pages; this system does not fault twice on a page read, then written", plain, pages)
	}
	if written := faults(makeWritten[uint64]); written > pages*13/10 {
		t.Errorf("makeWritten: %d faults for %d pages (make: %d), want about one a page", written, pages, plain)
	}
}

// BenchmarkFreshTwiceSet adds a million hashes to a twiceSet of 2 MB (the
// largest, as on the 100 MB benchmark stream) on memory fresh from the
// system, as prepare does (addSlots, on every CPU), its words made by make
// and by makeWritten, and reports the page faults of each fill. Much of
// its time is the system's, which wall time, measured here, holds.
func BenchmarkFreshTwiceSet(b *testing.B) {
	for _, bench := range []struct {
		name string
		mk   func(n int) []uint64
	}{
		{"make", func(n int) []uint64 { return make([]uint64, n) }},
		{"makeWritten", makeWritten[uint64]},
	} {
		b.Run(bench.name, func(b *testing.B) {
			slots := make([]uint32, 1<<20)
			for k := range slots {
				slots[k] = rand.Uint32N(twiceMaxSlots)
			}
			lists := [][]uint32{slots}
			var faults int64
			for b.Loop() {
				b.StopTimer()
				debug.FreeOSMemory()
				before := minorFaults(b)
				b.StartTimer()
				s := &twiceSet{words: bench.mk(twiceMaxSlots / 32), mask: twiceMaxSlots - 1}
				s.addSlots(lists, runtime.GOMAXPROCS(0))
				b.StopTimer()
				faults += minorFaults(b) - before
				b.StartTimer()
			}
			b.ReportMetric(float64(faults)/float64(b.N), "faults/op")
		})
	}
}
