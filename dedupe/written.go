package dedupe

// makeWritten returns make([]T, n) with every byte of it written once, for
// a table that is read before it is written: a hash table probed for a
// free slot, a bit set whose words are read and or-ed, a list asked
// whether an entry is made yet.
//
// A slice of more than a few pages comes from memory the system has not
// handed out yet, which Go knows to be zero and leaves alone. The first
// read of such a page maps the system's shared page of zeros, read only,
// and the first write to it then faults a second time to get a page of its
// own; with the process's threads on several CPUs, that second fault also
// has the other CPUs drop the old mapping from their TLBs, an interrupt
// each (in a virtual machine, an exit to the host each). Writing the slice
// first makes each page one fault, taken by a write.
//
// The CLI's default mode on the 100 MB stream of bench/run.sh took 5,109
// of those second faults (perf record -e exceptions:page_fault_user: 1,536
// in the twice sets, 1,093 in the sentence lists' refs, 1,791 in the
// tables' tagIndexes) and 563 with the tables, sets and refs made here;
// its minor faults went from 73.8k to 69.3k, its system time from 0.18 to
// 0.17 s (medians of 10 runs alternated, load 1.7-2.7; 0.24 to 0.19 s at
// load 3.6-4.3, when the other CPU is busier), and the kernel's share of
// its CPU samples from 23% to 15%. BenchmarkFreshTwiceSet, on two
// CPUs: 8.97 -> 5.51 ms a set filled.
func makeWritten[T any](n int) []T {
	s := make([]T, n)
	clear(s) // not a no-op: it writes
	return s
}
