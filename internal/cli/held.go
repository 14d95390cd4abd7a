package cli

import "io"

// heldOutput is what one input writes to standard output (the name for
// -l, the edits for --explain, the diff for -d, the clean text as
// dedupe.CleanTo makes it by default). It is held in blocks
// until the input's turn comes, when every input before it has been
// written, and then written out by emit; or, while the input may stream
// and once its turn has come, written straight to standard output by the
// worker that cleans it. A 100 MB input's diff is 119 MB: held, it stood
// in memory beside the input and its clean text until the end.
type heldOutput struct {
	held blocks // what waits for the turn
	// turn is closed when the input's turn has come (orderedMapTurns);
	// nil, it never comes.
	turn <-chan struct{}
	// to is standard output.
	to io.Writer
	// stream lets writes go straight to standard output once the turn has
	// come. The worker sets it only around output that can no longer fail
	// but for a write: what today's emit would print whole, it must not
	// print in part.
	stream bool
	// through says the turn came while streaming: what was held has been
	// written, and every write since goes straight to standard output.
	through bool
	// err is the first error writing standard output. Every write after
	// it fails with it too, and emit reports it as it reports its own.
	err error
}

// newHeldOutput returns the standard output of an input whose turn comes
// when turn is closed, to be written to to.
func newHeldOutput(turn <-chan struct{}, to io.Writer) heldOutput {
	return heldOutput{turn: turn, to: to}
}

// Write holds p, or writes it to standard output once the turn has come
// while streaming. It fails only with the error of standard output.
func (h *heldOutput) Write(p []byte) (int, error) {
	if err := h.goThrough(); err != nil {
		return 0, err
	}
	if !h.through {
		return h.held.Write(p)
	}
	n, err := h.to.Write(p)
	if err != nil {
		h.err = err
	}
	return n, err
}

// WriteString is Write for a string.
func (h *heldOutput) WriteString(s string) (int, error) {
	if err := h.goThrough(); err != nil {
		return 0, err
	}
	if !h.through {
		return h.held.WriteString(s)
	}
	n, err := io.WriteString(h.to, s)
	if err != nil {
		h.err = err
	}
	return n, err
}

// WriteTo writes what is held to w: emit's part, for what was not
// written straight through. If writing straight through failed, it
// writes nothing and returns that error, for emit to report as its own.
func (h *heldOutput) WriteTo(w io.Writer) (int64, error) {
	if h.err != nil {
		return 0, h.err
	}
	return h.held.WriteTo(w)
}

// goThrough writes out what is held and switches to writing straight
// through, if streaming is allowed and the turn has come. It returns the
// error of standard output, now or from before.
func (h *heldOutput) goThrough() error {
	if h.err != nil || h.through || !h.stream || !h.turnCame() {
		return h.err
	}
	h.through = true
	if _, err := h.held.WriteTo(h.to); err != nil {
		h.err = err
	}
	h.held = blocks{}
	return h.err
}

// turnCame reports whether the input's turn has come.
func (h *heldOutput) turnCame() bool {
	select {
	case <-h.turn:
		return true
	default:
		return false
	}
}
