package dedupe

import (
	"os"
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// releaseSlab gives the pages that lie wholly inside slab, a slab of
// sentence lists that nothing reads any more, back to the system
// (madvise MADV_DONTNEED), while slab is still reachable: nothing else
// can have been given its memory. The pages read zero if they are touched
// again, which a slab the collector later frees and hands out again is
// anyway (Go zeroes a freed span before reusing it). A slab of shared
// lists (sharedSlab sentences, 48 KB) is a large object, on pages of its
// own; of a smaller one, only the pages it covers whole go.
//
// Until the collector runs, the slabs dropSingleLists lets go of are
// garbage nothing reuses: on the 100 MB benchmark stream the collector
// last ran as prepare began, and does not run again before the rounds'
// peak. Collected at once (runtime.GC), the CLI's peak RSS went from 242 to
// about 224 MB, but the collection took 50-80 ms of CPU (GODEBUG=gctrace=1,
// three runs: it marks every line of the document); given back, the
// pages cost a system call a slab.
func releaseSlab(slab []sentenceInfo) {
	if len(slab) == 0 {
		return
	}
	page := uintptr(os.Getpagesize())
	p := unsafe.Pointer(unsafe.SliceData(slab))
	size := uintptr(len(slab)) * unsafe.Sizeof(slab[0])
	skip := (page - uintptr(p)%page) % page // to the first page boundary
	if skip >= size {
		return
	}
	n := (size - skip) &^ (page - 1)
	if n == 0 {
		return
	}
	// An error leaves the pages as they were, which costs only memory.
	_ = unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, skip)), n), unix.MADV_DONTNEED)
	runtime.KeepAlive(slab)
}
