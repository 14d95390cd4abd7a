package cli

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// With the floor, allocating garbage while little is live runs the
// collector about once per heapFloor bytes, not once per 4 MB.
//
// The floor is set again by a cleanup after each cycle, which a loaded
// machine can run late, so that a cycle or more goes by at the runtime's
// goal: the whole suite at load 3 once counted 13 collections here (40
// runs of this test alone: 8 or 9 each). The test tries three times;
// without the floor every try counts 16 or more.
func TestHeapFloor(t *testing.T) {
	keepHeapFloor()
	var counts []uint64
	for range 3 {
		cycles, skip := garbageCycles()
		if skip != "" {
			t.Skip(skip)
		}
		// 8 or 9 cycles with the floor; at least 16 at the runtime's 4 MB.
		if cycles <= 12 {
			return
		}
		counts = append(counts, cycles)
	}
	t.Errorf("%v collections in three tries for %d MB of garbage: the heap floor of %d MB is not kept", counts, 8*heapFloor>>20, heapFloor>>20)
}

// garbageCycles allocates 8*heapFloor bytes of garbage in 64 KiB pieces,
// and returns how many collections ran meanwhile, or why it could not
// tell: too much is live for the floor to show.
func garbageCycles() (cycles uint64, skip string) {
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(live)
	if live[0].Value.Uint64()*2 > heapFloor/2 {
		return 0, fmt.Sprintf("%d bytes live: too many for the floor to show", live[0].Value.Uint64())
	}
	before := live[1].Value.Uint64()
	var keep []byte
	for range 8 * heapFloor / (64 << 10) {
		keep = make([]byte, 64<<10)
	}
	runtime.KeepAlive(keep)
	metrics.Read(live)
	return live[1].Value.Uint64() - before, ""
}

// A percentage asked for with askGCPercent after the floor was put in
// place stays in force while the live heap is above the floor.
func TestHeapFloorKeepsAskedPercent(t *testing.T) {
	keepHeapFloor()
	live := make([]byte, 2*heapFloor)
	old := askGCPercent(300)
	defer askGCPercent(old)
	for range 5 {
		runtime.GC()
		time.Sleep(20 * time.Millisecond) // let the cleanup after the cycle run
	}
	gogc := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(gogc)
	if got := gogc[0].Value.Uint64(); got != 300 {
		t.Errorf("GOGC percentage %d after the collections, want the 300 asked for", got)
	}
	runtime.KeepAlive(live)
}
