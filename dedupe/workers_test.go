package dedupe

import (
	"reflect"
	"runtime"
	"testing"
	"time"
)

// TestWorkersFixed checks that a Clean works with the goroutines it counted
// at its start when GOMAXPROCS changes under it, as the runtime does when a
// container's CPU limit changes: from one to two between start (which then
// prepared nothing) and the rounds, and from two to one during the first
// paragraph round, while the first sentence round's asks are being made
// beside it for two shares. Both gave wrong results, the first with a data
// race, when each step asked GOMAXPROCS anew (found by a review of the
// asks' overlap).
func TestWorkersFixed(t *testing.T) {
	defer func(b, procs int) { parallelBytes = b; runtime.GOMAXPROCS(procs) }(parallelBytes, runtime.GOMAXPROCS(2))
	parallelBytes = 0
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
		got, err := Clean(in, Options{Elsewhere: &shrinkProcs{}})
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != want.Text || !reflect.DeepEqual(got.Changes, want.Changes) {
			t.Errorf("GOMAXPROCS 2 -> 1 during the first paragraph round: %d changes, %d bytes of text; want %d, %d", len(got.Changes), len(got.Text), len(want.Changes), len(want.Text))
		}
	})
}

// shrinkProcs is an Elsewhere that has no paragraph, and sets GOMAXPROCS
// to one when first asked (in the first paragraph round, after its
// near-duplicates), having waited for the sentence round's asks, made
// beside that round, to have counted their shares.
type shrinkProcs struct{ done bool }

// Find implements Elsewhere.
func (s *shrinkProcs) Find(Key, int) (Copy, bool) {
	if !s.done {
		s.done = true
		time.Sleep(20 * time.Millisecond)
		runtime.GOMAXPROCS(1)
	}
	return Copy{}, false
}
