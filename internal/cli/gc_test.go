package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// gcPercent returns the GOGC percentage asked for: the one in force, or,
// once the heap floor is kept, the one the floor raises while little is
// live.
func gcPercent() int {
	gc.Lock()
	defer gc.Unlock()
	if gc.floor != nil {
		return gc.floor.gogc
	}
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestLowerGC checks that big inputs lower GOGC while any of them is being
// cleaned and put it back after the last, that small ones leave it alone,
// and that a GOGC the user set wins.
func TestLowerGC(t *testing.T) {
	t.Setenv("GOGC", "")
	before := gcPercent()
	lowerGC(bigInput - 1)()
	if p := gcPercent(); p != before {
		t.Errorf("a small input set GOGC %d, was %d", p, before)
	}
	first := lowerGC(bigInput)
	second := lowerGC(2 * bigInput)
	if p := gcPercent(); p != bigGCPercent {
		t.Errorf("GOGC %d while big inputs are cleaned, want %d", p, bigGCPercent)
	}
	first()
	if p := gcPercent(); p != bigGCPercent {
		t.Errorf("GOGC %d while one big input is still cleaned, want %d", p, bigGCPercent)
	}
	second()
	if p := gcPercent(); p != before {
		t.Errorf("GOGC %d after the big inputs, want %d back", p, before)
	}
	t.Setenv("GOGC", "200")
	restore := lowerGC(bigInput)
	if p := gcPercent(); p != before {
		t.Errorf("GOGC %d with GOGC set by the user, want it left at %d", p, before)
	}
	restore()
}

// TestCollectBig checks that collectBig collects for a big input, and not
// for a small one, nor when the user set GOGC.
func TestCollectBig(t *testing.T) {
	t.Setenv("GOGC", "")
	cycles := func(size int) uint32 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		collectBig(size)
		runtime.ReadMemStats(&after)
		return after.NumForcedGC - before.NumForcedGC
	}
	if n := cycles(bigInput); n != 1 {
		t.Errorf("%d forced collections for a big input, want 1", n)
	}
	if n := cycles(bigInput - 1); n != 0 {
		t.Errorf("%d forced collections for a small input, want none", n)
	}
	t.Setenv("GOGC", "200")
	if n := cycles(bigInput); n != 0 {
		t.Errorf("%d forced collections with GOGC set by the user, want none", n)
	}
}
