package cli

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// With the floor, allocating garbage while little is live runs the
// collector about once per heapFloor bytes, not once per 4 MB.
func TestHeapFloor(t *testing.T) {
	keepHeapFloor()
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(live)
	if live[0].Value.Uint64()*2 > heapFloor/2 {
		t.Skipf("%d bytes live: too many for the floor to show", live[0].Value.Uint64())
	}
	before := live[1].Value.Uint64()
	const total = 8 * heapFloor
	var keep []byte
	for range total / (64 << 10) {
		keep = make([]byte, 64<<10)
	}
	runtime.KeepAlive(keep)
	metrics.Read(live)
	// 8 or 9 cycles with the floor; at least 16 at the runtime's 4 MB.
	if cycles := live[1].Value.Uint64() - before; cycles > 12 {
		t.Errorf("%d collections for %d MB of garbage: the heap floor of %d MB is not kept", cycles, total>>20, heapFloor>>20)
	}
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
