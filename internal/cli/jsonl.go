package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/textclean/textclean/corpus/jsonl"
	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/udiff"
)

// jsonlLine is one line of a JSON Lines input.
type jsonlLine struct {
	n    int    // 1-based line number
	text string // the line without its line end
	eol  string // its line end: "\n", "\r\n" or "" for a last line without one
}

// jsonlResult is what cleaning one JSON Lines record gave.
type jsonlResult struct {
	line    jsonlLine
	out     string // the record to write, with its line end; "" to drop it
	report  []byte
	warning string // why the line was passed through or dropped
	changed bool
	stats   stats
}

// runJSONL cleans JSON Lines inputs one file at a time, in order, the
// records of each in parallel; every record is written in input order as
// soon as it is cleaned, so memory does not grow with the file (except
// with -d, which needs the whole of both texts).
func (cmd *command) runJSONL(ctx context.Context, emitReport func([]byte) error) (total stats, err error) {
	inputs := make(chan input)
	go cmd.selection.inputs(ctx, cmd.paths, inputs)
	base := 0
	// Where each input's records were numbered from, and how many lines
	// it had: a repeat (see metFiles) is numbered as its first name, and
	// under -w counts that name's lines without being read again.
	type span struct{ base, lines int }
	var spans map[int]span
	if cmd.selection.repeats {
		spans = map[int]span{}
	}
	for in := range inputs {
		if ctx.Err() != nil {
			continue // drain
		}
		if cmd.leavesOut(in) {
			base += spans[in.first].lines
			continue
		}
		from := base
		if in.repeat() {
			from = spans[in.first].base
		}
		s, read, err := cmd.cleanJSONLFile(ctx, in, from, emitReport)
		if spans != nil {
			spans[in.seq] = span{base, read}
		}
		base += read
		total.add(s)
		if err != nil {
			if readerGone(err) {
				return total, err
			}
			fmt.Fprintf(cmd.stderr, "textclean: %s: %v\n", in.name(), err)
			total.failed++
			var se *stdoutError
			if errors.As(err, &se) {
				return total, err // nowhere left to write
			}
		}
	}
	return total, nil
}

// cleanJSONLFile cleans the records of one input and writes them where the
// flags say.
// Its records are numbered from base on, for --across; it returns the
// number of lines it read.
func (cmd *command) cleanJSONLFile(ctx context.Context, in input, base int, emitReport func([]byte) error) (s stats, read int, err error) {
	if in.err != nil {
		return s, 0, in.err
	}
	// The reader stops when the records can no longer be written, too.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	r, closeInput, err := cmd.openStream(in.path)
	if err != nil {
		return s, read, err
	}
	defer closeInput()

	// Where the records go.
	var dst io.Writer
	var file *atomicFile
	var oldText, newText strings.Builder // for -d
	switch {
	case cmd.write && in.path != "-":
		if file, err = startRewrite(in.path, nil); err != nil {
			return s, read, err
		}
		dst = file
	case cmd.output != "":
		target, err := cmd.outputTarget(in)
		if err != nil {
			return s, read, err
		}
		if file, err = createOutput(target, cmd.atStart); err != nil {
			return s, read, fmt.Errorf("write %s: %w", target, err) // as for a text
		}
		dst = file
	case !cmd.list && !cmd.diff && !cmd.check:
		dst = stdoutWriter{cmd.stdout}
	}
	defer func() {
		if file != nil {
			if err == nil && ctx.Err() == nil && (!cmd.write || s.changed > 0) {
				err = file.commit()
			} else {
				file.abort()
			}
		}
	}()

	lines, readErr := readLines(ctx, r, cmd.maxSize)
	// read counts the lines, to number the records of the next file.
	name := in.name()
	changed := false
	err = orderedMap(ctx, cmd.jobs, lines, func(l jsonlLine) jsonlResult {
		return cmd.cleanRecord(name, l, cmd.seqBase+int64(base+l.n-1))
	}, func(res jsonlResult) error {
		read = res.line.n
		s.add(res.stats)
		changed = changed || res.changed
		if res.warning != "" {
			fmt.Fprintf(cmd.stderr, "textclean: %s:%d: %s\n", name, res.line.n, res.warning)
		}
		if res.report != nil && emitReport != nil {
			if err := emitReport(res.report); err != nil {
				return err
			}
		}
		if cmd.diff {
			oldText.WriteString(res.line.text + res.line.eol)
			newText.WriteString(res.out)
		}
		if dst != nil {
			if _, err := io.WriteString(dst, res.out); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		stop()
	}
	if rerr := <-readErr; err == nil && rerr != nil {
		err = rerr
	}
	if err != nil {
		return s, read, err
	}
	s.files = 1
	if changed {
		s.changed = 1
		if cmd.list {
			if _, err := fmt.Fprintln(cmd.stdout, name); err != nil {
				return s, read, &stdoutError{err}
			}
		}
		if cmd.diff {
			if err := udiff.Write(stdoutWriter{cmd.stdout}, name+".orig", name, oldText.String(), newText.String()); err != nil {
				return s, read, err
			}
		}
	}
	return s, read, nil
}

// openStream opens the input at path to be read as a stream of records:
// standard input for "-". Call closeInput when done with it.
func (cmd *command) openStream(path string) (r io.Reader, closeInput func(), err error) {
	if path == "-" {
		return cmd.stdin, func() {}, nil
	}
	f, _, err := cmd.open(path)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// readLines sends the lines of r on the first channel, then the read error
// (or nil) on the second: one of reading, or of r giving more than maxSize
// bytes (--max-size holds for a stream of records too). It stops early when
// ctx is done.
func readLines(ctx context.Context, r io.Reader, maxSize int64) (<-chan jsonlLine, <-chan error) {
	lines := make(chan jsonlLine)
	readErr := make(chan error, 1)
	go func() {
		defer close(lines)
		br := bufio.NewReaderSize(&limitedReader{r: r, max: maxSize}, 1<<16)
		for n := 1; ; n++ {
			text, err := br.ReadString('\n')
			if text != "" {
				l := jsonlLine{n: n, text: text}
				switch {
				case strings.HasSuffix(text, "\r\n"):
					l.text, l.eol = text[:len(text)-2], "\r\n"
				case strings.HasSuffix(text, "\n"):
					l.text, l.eol = text[:len(text)-1], "\n"
				}
				select {
				case lines <- l:
				case <-ctx.Done():
					readErr <- nil
					return
				}
			}
			if err != nil {
				if err == io.EOF {
					err = nil
				}
				readErr <- err // worded by limitedReader
				return
			}
		}
	}()
	return lines, readErr
}

// stdoutWriter marks failures to write standard output as stdoutErrors.
type stdoutWriter struct{ w io.Writer }

func (w stdoutWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	if err != nil {
		err = &stdoutError{err}
	}
	return n, err
}

// cleanRecord cleans the --field string of one record. A line that is not
// a JSON object, or lacks the field as a string, is passed through (or
// dropped with --bad-lines drop) with a warning.
func (cmd *command) cleanRecord(name string, l jsonlLine, seq int64) (res jsonlResult) {
	res.line = l
	res.out = l.text + l.eol
	bad := func(why string) jsonlResult {
		if cmd.dropBad {
			res.out = ""
			res.warning = why + "; dropped"
			res.changed = true
		} else {
			res.warning = why + "; passed through"
		}
		return res
	}
	if strings.TrimSpace(l.text) == "" {
		return res // blank lines are kept as they are
	}
	rec, err := cmd.format().Parse(l.text)
	if err != nil {
		return bad(err.Error())
	}
	text := rec.Text
	opts := cmd.opts
	if cmd.removals != nil {
		opts.Elsewhere = cmd.removals(cmd.format().Doc(rec, name, l.n, seq).Seq)
	}
	r, err := dedupe.Clean(text, opts)
	if err != nil {
		return bad(fmt.Sprintf("field %q: %v", cmd.field, err))
	}
	res.out = rec.Clean(r) + l.eol
	res.changed = res.out != l.text+l.eol
	res.stats = statsOf(text, r, res.changed)
	res.stats.files = 0
	if cmd.report != "" {
		res.report = rec.Report(name, l.n, r)
	}
	return res
}

// format is the JSON Lines format the flags give.
func (cmd *command) format() jsonl.Format {
	return jsonl.Format{Field: cmd.field, IDField: cmd.idField, SeqField: cmd.seqField}
}
