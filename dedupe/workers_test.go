package dedupe

import (
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"
)

// withParallel sets parallelBytes to bytes and GOMAXPROCS to procs (left
// as it is if procs is below 1), and returns a function that sets both
// back, for a helper that cleans with them to defer. With bytes at 0
// (every input parallel), decide's halves (halvesUnits) are made at every
// size too, and the sentence round's cuts in waves of one paragraph a
// goroutine (cutShareRepeats), and both set back with the rest.
func withParallel(bytes, procs int) (restore func()) {
	oldBytes, oldHalves, oldShare, oldProcs := parallelBytes, halvesUnits, cutShareRepeats, runtime.GOMAXPROCS(procs)
	parallelBytes = bytes
	if bytes == 0 {
		halvesUnits, cutShareRepeats = 0, 1
	}
	return func() {
		parallelBytes, halvesUnits, cutShareRepeats = oldBytes, oldHalves, oldShare
		runtime.GOMAXPROCS(oldProcs)
	}
}

// setParallel is withParallel until t ends, subtests included.
func setParallel(t testing.TB, bytes, procs int) {
	t.Cleanup(withParallel(bytes, procs))
}

// TestWorkersFixed checks that a Clean works with the goroutines it counted
// at its start when GOMAXPROCS changes under it, as the runtime does when a
// container's CPU limit changes: from one to two between start (which then
// prepared nothing) and the rounds, and from two to one during the first
// paragraph round, while the first sentence round's asks are being made
// beside it for two shares. Both gave wrong results, the first with a data
// race, when each step asked GOMAXPROCS anew (found by a review of the
// asks' overlap).
func TestWorkersFixed(t *testing.T) {
	setParallel(t, 0, 2)
	in := sharedSentencesInput()
	want := cleanWith(t, in, Options{}, 0, 2)

	t.Run("grows before the rounds", func(t *testing.T) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
		c, err := newCleaner(in, &Options{})
		if err != nil {
			t.Fatal(err)
		}
		c.start()
		runtime.GOMAXPROCS(2)
		c.rounds()
		if got := c.result(); got.Text != want.Text || !reflect.DeepEqual(got.Changes, want.Changes) {
			t.Errorf("GOMAXPROCS 1 -> 2 after start: %d changes, %d bytes of text; want %d, %d", len(got.Changes), len(got.Text), len(want.Changes), len(want.Text))
		}
	})
	t.Run("shrinks during the first round", func(t *testing.T) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
		s := &shrinkProcs{asking: make(chan int, 1)}
		var once sync.Once
		defer func() { askSentencesHook = nil }()
		askSentencesHook = func(shares int) { once.Do(func() { s.asking <- shares }) }
		got, err := Clean(in, Options{Elsewhere: s})
		if err != nil {
			t.Fatal(err)
		}
		if s.shares != 2 {
			t.Fatalf("GOMAXPROCS 2 -> 1 while the asks were made for %d shares (0: not begun in %v), want 2", s.shares, shrinkWait)
		}
		if got.Text != want.Text || !reflect.DeepEqual(got.Changes, want.Changes) {
			t.Errorf("GOMAXPROCS 2 -> 1 during the first paragraph round: %d changes, %d bytes of text; want %d, %d", len(got.Changes), len(got.Text), len(want.Changes), len(want.Text))
		}
	})
}

// shrinkProcs is an Elsewhere that has no paragraph, and sets GOMAXPROCS
// to one when first asked (in the first paragraph round, after its
// near-duplicates), once the sentence round's asks, made beside that
// round, have begun: the test's askSentencesHook sends on asking the
// shares they are made for, which Find keeps in shares. It waits for
// them shrinkWait at most, and then leaves GOMAXPROCS and shares alone.
type shrinkProcs struct {
	done   bool
	asking chan int
	shares int
}

// shrinkWait is how long shrinkProcs waits for the asks to begin: they
// begin at once, on a goroutine of their own, unless the code changed.
const shrinkWait = 10 * time.Second

// Find implements Elsewhere.
func (s *shrinkProcs) Find(Key, int) (Copy, bool) {
	if !s.done {
		s.done = true
		select {
		case s.shares = <-s.asking:
			runtime.GOMAXPROCS(1)
		case <-time.After(shrinkWait):
		}
	}
	return Copy{}, false
}
