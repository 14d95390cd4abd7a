package cli

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// heapFloor is the heap that a run lets grow before the collector runs,
// however little of it is live. Cleaning a folder of small files keeps
// only a few megabytes alive, and Go's default (collect when the heap has
// doubled, at 4 MB at least) then collected 141 times on the 2,000-file,
// 20 MB tree; with this floor, 11 times. On the 10,000-file tree of
// bench/run.sh with --check, that cut CPU time by a fifth and -j 2 went
// from 4.2-4.5 s to 2.9 s (-j 1: 4.8-5.6 s to 4.0-4.3 s): each cycle stops
// both workers, and its stops and assists kept them waiting. Peak RSS on
// that tree goes from 19 to 46 MB, and stays independent of the number of
// files (16 MB gave 30 MB, and -j 2 in 3.3-4.1 s). A run whose live heap
// is large (one big document) is not affected: the floor only matters
// while twice the live heap is below it. In between, one input of a few
// megabytes peaks higher too (2 MB: 33 to 42 MB of RSS).
const heapFloor = 32 << 20

// runtimeMinimum is the heap goal the runtime never goes below at GOGC=100;
// at other settings it is in proportion.
const runtimeMinimum = 4 << 20

// gc is the collector's setting for this process: the GOGC percentage
// asked for, which the heap floor raises while little is live. Code that
// wants another percentage calls askGCPercent: a debug.SetGCPercent would
// be undone by the floor's next tune.
var gc struct {
	sync.Mutex
	started bool
	floor   *gcFloor // nil until keepHeapFloor, and with GOGC=off
}

// keepHeapFloor makes the collector wait, from now on in this process,
// until the heap reaches heapFloor or the goal the GOGC percentage sets,
// whichever is larger. GOGC=off is left as it is. Only the first call does
// anything.
func keepHeapFloor() {
	gc.Lock()
	defer gc.Unlock()
	if gc.started {
		return
	}
	gc.started = true
	gogc := debug.SetGCPercent(100) // read GOGC ...
	debug.SetGCPercent(gogc)        // ... and put it back
	if gogc < 0 {
		return
	}
	gc.floor = &gcFloor{gogc: gogc, floor: heapFloor, live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	gc.floor.tune()
	gc.floor.watch()
}

// askGCPercent sets the GOGC percentage the collector is asked for (see
// debug.SetGCPercent), and returns the one asked for before. Once the heap
// floor is kept, the floor may raise it while little is live.
func askGCPercent(percent int) (old int) {
	gc.Lock()
	defer gc.Unlock()
	if gc.floor == nil {
		return debug.SetGCPercent(percent)
	}
	old, gc.floor.gogc = gc.floor.gogc, percent
	gc.floor.tune()
	return old
}

// gcFloor sets the collector's GOGC percentage after every cycle so that
// the next goal is at least floor bytes of heap: Go has no setting for a
// least heap goal, only for the percentage the heap may grow by. gc's
// lock guards it.
type gcFloor struct {
	gogc  int // the percentage asked for: GOGC, or askGCPercent's
	floor uint64
	live  []metrics.Sample
}

// watch calls tune once the collector has run again, and watches the
// next cycle: the object it hangs the call on is unreachable at once, so
// the next cycle finds it.
func (f *gcFloor) watch() {
	runtime.AddCleanup(new(cycleMark), func(f *gcFloor) {
		gc.Lock()
		f.tune()
		gc.Unlock()
		f.watch()
	}, f)
}

// cycleMark is an object for watch to lose. It holds a pointer so that
// it is never one of the tiny objects the allocator packs together, which
// are freed only with their neighbours.
type cycleMark struct{ _ *byte }

// tune sets the percentage for the next cycle from the heap found live by
// the last one: the goal is then about live*(1+percent/100). The runtime
// also never sets a goal below 4 MB*percent/100, so the percentage that
// gives the floor on its own is the most it needs: more would raise that
// minimum above the floor when little is live. A percentage asked for
// below 0 turns the collector off, floor or not.
func (f *gcFloor) tune() {
	if f.gogc < 0 {
		debug.SetGCPercent(f.gogc)
		return
	}
	metrics.Read(f.live)
	live := max(f.live[0].Value.Uint64(), 1)
	var percent uint64 // what makes live*(1+percent/100) the floor
	if live < f.floor {
		percent = (f.floor - live) * 100 / live
	}
	percent = min(percent, f.floor*100/runtimeMinimum)
	debug.SetGCPercent(max(f.gogc, int(percent)))
}
