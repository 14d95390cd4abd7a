package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
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

// TestUserGOGCNoForcedCollection checks that a GOGC the user set also
// keeps dedupe from forcing a collection for a big input (see
// dedupe.Options.NoCollect), as it keeps collectBig and lowerGC away:
// whoever tunes the collector gets no collections but the runtime's own.
func TestUserGOGCNoForcedCollection(t *testing.T) {
	if testing.Short() {
		t.Skip("cleans a 16 MB input")
	}
	var b strings.Builder
	for i := 0; b.Len() < bigInput; i++ {
		fmt.Fprintf(&b, "Paragraph %d opens with a sentence of its own. It closes with another one, number %d.\n\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	forced := func(gogc string) uint32 {
		t.Setenv("GOGC", gogc)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if stderr, code := runDiscard(t, path); code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		runtime.ReadMemStats(&after)
		return after.NumForcedGC - before.NumForcedGC
	}
	if n := forced(""); n == 0 {
		t.Fatal("no forced collection for a big input: the test input is not big enough to tell")
	}
	if n := forced("100"); n != 0 {
		t.Errorf("%d forced collections with GOGC set by the user, want none", n)
	}
}

// runDiscard runs textclean with args, its standard output thrown away.
func runDiscard(t *testing.T, args ...string) (stderr string, code int) {
	t.Helper()
	var errOut bytes.Buffer
	code = Run(append([]string{"textclean"}, args...), strings.NewReader(""), io.Discard, &errOut)
	return errOut.String(), code
}
