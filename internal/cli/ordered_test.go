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
		in := make(chan int)
		go func() {
			defer close(in)
			for i := range 500 {
				in <- i
			}
		}()
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
	in := make(chan int)
	go func() {
		defer close(in)
		for i := range 1000 {
			in <- i
		}
	}()
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
