package cli

import (
	"os"
	"runtime"
	"sync"
)

// bigInput is the size from which cleaning an input lowers the garbage
// collector's target (see lowerGC).
const bigInput = 16 << 20

// bigGCPercent is the GOGC in force while a big input is cleaned.
const bigGCPercent = 50

// bigInputs counts the big inputs being cleaned, and keeps the GOGC to
// go back to when the last is done.
var bigInputs struct {
	sync.Mutex
	n   int
	old int
}

// lowerGC lowers the garbage collector's target from GOGC 100 to
// bigGCPercent while an input of size bytes is cleaned, if it is big
// (bigInput or more) and the user did not set GOGC; call the function it
// returns when the input is done.
//
// With GOGC 100 the heap grows to twice what was live after the last
// collection before the next one starts. Cleaning one input keeps several
// times its size live (the text, its lines, the per-paragraph state of
// dedupe), so the heap of a 100 MB input peaked near 1 GB; at GOGC 50 it
// grows to 1.5 times instead, at the price of collecting twice as often.
// Small inputs, the common case, keep the default: their heap is small
// anyway.
func lowerGC(size int) (restore func()) {
	if size < bigInput || userSetGOGC() {
		return func() {}
	}
	bigInputs.Lock()
	defer bigInputs.Unlock()
	if bigInputs.n == 0 {
		bigInputs.old = askGCPercent(bigGCPercent)
	}
	bigInputs.n++
	return func() {
		bigInputs.Lock()
		defer bigInputs.Unlock()
		if bigInputs.n--; bigInputs.n == 0 {
			askGCPercent(bigInputs.old)
		}
	}
}

// collectBig runs the garbage collector now, for an input of size bytes,
// if it is big (bigInput or more) and the user did not set GOGC. clean
// calls it where most of the heap has just become garbage and much is
// about to be allocated: before the report (or the --html page) and
// before the diff. When Clean returns, most of the heap is its garbage
// (the document's lines, normalized texts and paragraphs), and the
// collector's goal is 1.5 times what was live at Clean's end: the report's
// or the diff's own memory came on top of that garbage. Collected first,
// they reuse it. On the 100 MB stream of bench/run.sh: before the diff,
// live 284 -> 193 MB (the input and its clean text) and peak RSS with -d
// 424-440 -> 358-419 MB; before the report, --report's peak RSS 438-455
// -> 395-404 MB (what is left there is the report's JSON, encoded whole
// and then copied, and its changes).
func collectBig(size int) {
	if size >= bigInput && !userSetGOGC() {
		runtime.GC()
	}
}

// userSetGOGC reports whether the user set GOGC: then the collector runs
// as they asked, with no collections forced (collectBig, and dedupe's
// before the clean text: see dedupe.Options.NoCollect) nor GOGC lowered
// (lowerGC).
func userSetGOGC() bool { return os.Getenv("GOGC") != "" }
