package cli

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestOrderedMapKeepsOrder(t *testing.T) {
	for _, jobs := range []int{1, 2, 8} {
		in := numbers(500)
		var got []int
		err := orderedMap(context.Background(), jobs, in, func(v int) int {
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond) // finish out of order
			return v * 2
		}, func(r int) error {
			got = append(got, r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 500 {
			t.Fatalf("-j %d: %d results, want 500", jobs, len(got))
		}
		for i, r := range got {
			if r != 2*i {
				t.Fatalf("-j %d: result %d is %d, want %d", jobs, i, r, 2*i)
			}
		}
	}
}

// An interrupt lets the values under way finish and starts none of those
// queued behind them.
func TestOrderedMapStopsQueued(t *testing.T) {
	const jobs = 2
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan int)
	go func() {
		defer close(in)
		for i := range 100 {
			select {
			case in <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var started atomic.Int32
	allStarted := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	go func() {
		<-allStarted
		time.Sleep(50 * time.Millisecond) // let the queue fill up
		cancel()
		close(release)
	}()
	emitted := 0
	err := orderedMap(ctx, jobs, in, func(v int) int {
		if started.Add(1) == jobs {
			once.Do(func() { close(allStarted) })
		}
		<-release
		return v
	}, func(int) error {
		emitted++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := started.Load(); n != jobs {
		t.Errorf("%d values started, want the %d under way at the interrupt", n, jobs)
	}
	if emitted != jobs {
		t.Errorf("%d results emitted, want %d", emitted, jobs)
	}
}

func TestOrderedMapStopsOnEmitError(t *testing.T) {
	in := numbers(1000)
	stop := errors.New("stop")
	emitted := 0
	err := orderedMap(context.Background(), 2, in, func(v int) int { return v }, func(r int) error {
		emitted++
		if r == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v, want %v", err, stop)
	}
	if emitted != 11 {
		t.Errorf("%d results emitted, want 11: none after the failed one", emitted)
	}
}

// TestOrderedMapTurns checks that a value's turn comes only when every
// earlier result has been emitted: values that wait for their turn and
// write then, as a worker streaming its output does, write in order
// between the results emitted before and after them.
func TestOrderedMapTurns(t *testing.T) {
	for _, jobs := range []int{1, 2, 4} {
		in := numbers(300)
		var mu sync.Mutex
		var got []int
		write := func(v int) {
			mu.Lock()
			got = append(got, v)
			mu.Unlock()
		}
		err := orderedMapTurns(context.Background(), jobs, in, func(v int, turn <-chan struct{}) int {
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond) // finish out of order
			if v%3 == 0 {
				<-turn // every third writes itself
				write(v)
				return -1
			}
			return v
		}, func(r int) error {
			if r >= 0 {
				write(r)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("-j %d: written %d at %d, want in order", jobs, v, i)
			}
		}
		if len(got) != 300 {
			t.Fatalf("-j %d: %d written, want 300", jobs, len(got))
		}
	}
}

// After a failed emit, no later value's turn comes: its output must not
// follow the failure.
func TestOrderedMapNoTurnAfterError(t *testing.T) {
	in := numbers(100)
	stop := errors.New("stop")
	var turns atomic.Int32
	err := orderedMapTurns(context.Background(), 2, in, func(v int, turn <-chan struct{}) int {
		time.Sleep(100 * time.Microsecond)
		select {
		case <-turn:
			turns.Add(1)
		case <-time.After(20 * time.Millisecond):
		}
		return v
	}, func(r int) error {
		if r == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v, want %v", err, stop)
	}
	if n := turns.Load(); n > 11 {
		t.Errorf("%d turns came, want at most the 11 up to the failed emit", n)
	}
}

// numbers returns a channel that gives 0 to n-1, then is closed.
func numbers(n int) <-chan int {
	in := make(chan int)
	go func() {
		defer close(in)
		for i := range n {
			in <- i
		}
	}()
	return in
}
