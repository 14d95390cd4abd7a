package cli

import (
	"context"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/textclean/textclean/internal/htmlreport"
)

// outcome is what cleaning one input produced, to be written out in input
// order.
type outcome struct {
	in      input
	stdout  heldOutput // the name (-l), the edits (--explain), the diff (-d), or the clean text as CleanTo makes it (streamsText)
	text    string     // the clean text, when it goes to standard output but is kept in memory for a page (--html, see keepsText): not copied into stdout, it can be hundreds of megabytes
	report  []byte     // the report's JSON line
	err     error      // why the input failed
	skipped bool       // a binary file found in a folder: a warning, not a failure
	changed bool
	stats   stats
	page    *htmlreport.Entry // --html: the index row of its page
	pageErr error             // --html: why its page was not written (the input was cleaned all the same)
}

// each cleans the inputs named by args with cmd.jobs workers and hands
// their outcomes to emit in input order. It stops starting new inputs when
// ctx is done; the inputs under way finish.
func (cmd *command) each(ctx context.Context, args []string, emit func(outcome) error) error {
	keepHeapFloor()
	inputs := make(chan input)
	go cmd.selection.inputs(ctx, args, inputs)
	return orderedMapTurns(ctx, cmd.jobs, inputs, cmd.clean, emit)
}

// newProgress returns a progress line on w for the inputs named by args,
// but those leftOut says are left out (see command.leavesOut), when w is a
// terminal, else nil. It counts the files first: a walk of names only,
// which is cheap beside cleaning them.
func newProgress(ctx context.Context, w io.Writer, s *selection, args []string, leftOut func(input) bool) *progress {
	if !isTerminal(w) {
		return nil
	}
	files, total := countInputs(ctx, s, args, leftOut)
	return &progress{w: w, files: files, total: total, now: time.Now, start: time.Now(), cols: termCols(w.(*os.File))}
}

// termCols returns a function that gives the width of the terminal f in
// columns, or 0 if it cannot tell: asked at each drawing of the progress
// line (at most every progressEvery), so that the line follows a window
// made narrower during the run.
func termCols(f *os.File) func() int {
	return func() int {
		cols, _, err := term.GetSize(int(f.Fd()))
		if err != nil {
			return 0
		}
		return cols
	}
}

// countInputs returns how many inputs args name and their bytes, leaving
// out those leftOut says are: a left-out input is never cleaned, so the
// bar, counting it, would stop short.
func countInputs(ctx context.Context, s *selection, args []string, leftOut func(input) bool) (files int, total int64) {
	inputs := make(chan input)
	go s.inputs(ctx, args, inputs)
	for in := range inputs {
		if leftOut(in) {
			continue
		}
		files++
		if info, err := os.Stat(in.path); err == nil {
			total += info.Size()
		}
	}
	return files, total
}
