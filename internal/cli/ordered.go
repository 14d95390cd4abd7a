package cli

import "context"

// orderedMap applies f to the values from in with jobs goroutines and
// hands the results to emit in the order of in, as gofmt does: at most
// 2*jobs values are in flight, so memory does not grow with the input. It
// stops taking values when ctx is done (those under way finish) or when
// emit fails, and returns emit's first error.
func orderedMap[T, R any](ctx context.Context, jobs int, in <-chan T, f func(T) R, emit func(R) error) error {
	type task struct {
		v   T
		out chan R
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ordered := make(chan task, 2*jobs)
	work := make(chan task)
	go func() {
		defer close(ordered)
		defer close(work)
		for v := range in {
			t := task{v, make(chan R, 1)}
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
				t.out <- f(t.v)
			}
		}()
	}
	var err error
	for t := range ordered {
		r := <-t.out
		if err == nil {
			if err = emit(r); err != nil {
				cancel()
			}
		}
	}
	return err
}
