package udiff

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DefaultContext is the number of unchanged lines shown before and after each
// change when [Options.Context] is zero, as with diff -u.
const DefaultContext = 3

// ErrName is returned, wrapped, when a file name contains a newline, which
// would break the diff's header.
var ErrName = errors.New("udiff: file name contains a newline")

// Options controls how a diff is written. The zero value writes what
// diff -u writes.
type Options struct {
	// Context is the number of unchanged lines shown before and after each
	// change. Zero means DefaultContext; a negative value means no context
	// at all, like diff -U0.
	Context int
}

// Write writes to w the unified diff that turns old into new, with 3 lines of
// context, naming the two sides oldName and newName in the --- and +++
// headers. It writes nothing when old == new.
//
// The output is what GNU diff -u --label oldName --label newName writes for
// the edit script found. Write returns the first error from w, or one that
// wraps [ErrName]; it writes nothing when a name is invalid. It checks the
// names and finds the whole edit script before its first write, so that
// once it writes, only w can fail: a caller may write the diff straight
// to its output.
func Write(w io.Writer, oldName, newName, old, new string) error {
	return Options{}.Write(w, oldName, newName, old, new)
}

// Write is like the package-level [Write] with the context size of o.
func (o Options) Write(w io.Writer, oldName, newName, old, new string) error {
	return o.write(w, oldName, newName, old, text{s: new})
}

// WriteLines is [Write] with the new text given as lines, each followed
// by end: end holds one '\n', at its end ("\n", "\r\n"), and no line
// may hold one. The lines are read where they are, so that the new text
// need not be in memory whole: textclean -d diffs its input with the
// lines of the clean text, slices of the input and of the texts of its
// paragraphs (for the 100 MB stream of bench/run.sh, 8 MB of lines for
// 97 MB of text, 77 MB of it in the input). With any other end, such as a lone "\r", or
// "" for lines that hold their own ends, the lines and ends are joined
// first, and diffed as Write diffs them.
func WriteLines(w io.Writer, oldName, newName, old string, lines []string, end string) error {
	return Options{}.WriteLines(w, oldName, newName, old, lines, end)
}

// WriteLines is like the package-level [WriteLines] with the context
// size of o.
func (o Options) WriteLines(w io.Writer, oldName, newName, old string, lines []string, end string) error {
	if end == "" || strings.IndexByte(end, '\n') != len(end)-1 {
		var b strings.Builder
		b.Grow(linesText(lines, end).size) // the joined text once, not grown by doubling
		for _, l := range lines {
			b.WriteString(l)
			b.WriteString(end)
		}
		return o.Write(w, oldName, newName, old, b.String())
	}
	return o.write(w, oldName, newName, old, linesText(lines, end))
}

// write writes the diff that turns old into new.
func (o Options) write(w io.Writer, oldName, newName, old string, new text) error {
	if new.equal(old) {
		return nil
	}
	for _, name := range []string{oldName, newName} {
		if strings.Contains(name, "\n") {
			return fmt.Errorf("%w: %q", ErrName, name)
		}
	}
	sc, err := lineDiff(old, new)
	if err != nil {
		return err
	}
	ctx := o.Context
	switch {
	case ctx == 0:
		ctx = DefaultContext
	case ctx < 0:
		ctx = 0
	case ctx > sc.lines: // More context than lines changes nothing; avoids overflow below.
		ctx = sc.lines
	}

	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("--- ")
	bw.WriteString(oldName)
	bw.WriteString("\n+++ ")
	bw.WriteString(newName)
	bw.WriteByte('\n')
	if sc.marksA != nil {
		if segs := sc.segments(old, new, ctx); len(segs) > 1 {
			if err := bw.Flush(); err != nil {
				return err
			}
			return sc.writeSegments(w, old, segs, ctx, min(workers(len(old)+new.len()), maxSegmentWriters))
		}
	}
	// One segment, the whole diff, is written as it is made: in memory
	// it would be held whole, for no other goroutine to share. It has no
	// place to cut when no run of more than 2*ctx unchanged lines
	// follows its first change (a line deleted in every three, or a
	// context as long as the texts): held whole, the 2.5 MB diff of
	// TestOneSegmentStreams took 21.3 MB of allocations on two
	// goroutines, 8.4 on one; written as it is made, 8.4 on both.
	first := sc.firstSegment(old, new, ctx)
	if err := sc.writeSegment(bw, &first, ctx); err != nil {
		return err
	}
	return bw.Flush()
}
