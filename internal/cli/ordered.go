package cli

import "context"

// orderedMap applies f to the values from in with jobs goroutines and
// hands the results to emit in the order of in, as gofmt does: at most
// window(jobs) values are in flight, so memory does not grow with the
// input. It stops taking values when ctx is done or when emit fails
// (those under way finish; those queued and not started are dropped), and
// returns emit's first error.
func orderedMap[T, R any](ctx context.Context, jobs int, in <-chan T, f func(T) R, emit func(R) error) error {
	return orderedMapTurns(ctx, jobs, in, func(v T, _ <-chan struct{}) R { return f(v) }, emit)
}

// orderedMapTurns is orderedMap whose f also gets its value's turn: a
// channel closed once every earlier result has been emitted, without
// error, and emit waits for this one. From then until f returns, nothing
// else writes where emit writes, so f may write there itself (a long
// output, straight to standard output rather than held in memory). The
// turn of a value after a failed emit never comes.
func orderedMapTurns[T, R any](ctx context.Context, jobs int, in <-chan T, f func(T, <-chan struct{}) R, emit func(R) error) error {
	type task struct {
		v    T
		out  chan R
		turn chan struct{}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ordered := make(chan task, window(jobs))
	work := make(chan task, window(jobs)/2) // queued, so that a worker need not wait for the goroutine that feeds them
	go func() {
		defer close(ordered)
		defer close(work)
		for v := range in {
			t := task{v, make(chan R, 1), make(chan struct{})}
			select {
			case ordered <- t:
			case <-ctx.Done():
				go func() { // let the producer finish
					for range in {
					}
				}()
				return
			}
			work <- t
		}
	}()
	for range jobs {
		go func() {
			for t := range work {
				if ctx.Err() != nil {
					close(t.out) // queued but not started: the run is stopping
					continue
				}
				t.out <- f(t.v, t.turn)
			}
		}()
	}
	var err error
	for t := range ordered {
		if err == nil {
			close(t.turn)
		}
		r, started := <-t.out
		if started && err == nil {
			if err = emit(r); err != nil {
				cancel()
			}
		}
	}
	return err
}

// window is how many values orderedMap has in flight with jobs workers:
// taken from in and not yet emitted, running, or done and waiting for an
// earlier one. When every core runs a worker, the goroutines that walk the
// folders, feed the workers and emit the results get a core only when a
// worker blocks or is preempted (every 10 ms), so the queue must last that
// long. On the 10,000-file tree of bench/run.sh with -j 2 (execution
// traces), the workers waited for work 0.86 s of 7.05 s with 2*jobs, and
// 0.12 s of 4.97 s with 16*jobs. Memory is then at most this many results
// at once, plus the files being cleaned: for 10 KB files, nothing to speak
// of; a folder of large files with -d or --report holds up to this many
// diffs or reports.
func window(jobs int) int { return 16 * jobs }
