package cli

import (
	"encoding/json"
	"io"
	"os"
	"time"
)

// reportWriter streams the JSON report, one line per input, to standard
// output or to a file that replaces its target only when the run ends.
type reportWriter struct {
	w    io.Writer
	file *atomicFile // nil for standard output
}

func (cmd *command) openReport() (*reportWriter, error) {
	if cmd.report == "-" {
		return &reportWriter{w: cmd.stdout}, nil
	}
	if err := refuseToReplace(cmd.report, "a JSON report", "{"); err != nil {
		return nil, err
	}
	f, err := createOutput(cmd.report, cmd.atStart)
	if err != nil {
		return nil, err
	}
	return &reportWriter{w: f, file: f}, nil
}

// inPlace reports whether the report goes into stdout itself, where each
// input's line must come before the input's output (see streamsText and
// streamsDiff): when it is written to standard output (--report -), or
// to a path that opened the same file (--report /dev/stdout, the
// terminal's device or a pipe named through procfs), told by device and
// inode. A report to another device or pipe (--report /dev/stderr, a
// FIFO) is not: nothing orders it with stdout. When either file's identity
// cannot be read, a report written directly is taken to be in place, as
// the safe guess: held output costs memory, not order.
func (r *reportWriter) inPlace(stdout io.Writer) bool {
	if r.file == nil {
		return true
	}
	if !r.file.direct {
		return false
	}
	out, ok := stdout.(*os.File)
	if !ok {
		return false // not a file: a path cannot open it
	}
	reportInfo, err := r.file.Stat()
	if err != nil {
		return true
	}
	outInfo, err := out.Stat()
	if err != nil {
		return true
	}
	return os.SameFile(reportInfo, outInfo)
}

func (r *reportWriter) write(line []byte) error {
	_, err := r.w.Write(line)
	if err != nil && r.file == nil {
		err = &stdoutError{err}
	}
	return err
}

// failure writes the report object of an input that could not be cleaned.
func (r *reportWriter) failure(name string, err error, skipped bool) error {
	obj := struct {
		Input   string `json:"input"`
		Error   string `json:"error,omitempty"`
		Skipped string `json:"skipped,omitempty"`
	}{Input: name}
	if skipped {
		obj.Skipped = err.Error()
	} else {
		obj.Error = err.Error()
	}
	line, jerr := json.Marshal(obj)
	if jerr != nil {
		return jerr
	}
	return r.write(append(line, '\n'))
}

// summary appends the summary object that ends the report of a run over
// folders.
func (r *reportWriter) summary(s stats, elapsed time.Duration, interrupted bool) error {
	line, err := json.Marshal(struct {
		Summary any `json:"summary"`
	}{struct {
		Files       int     `json:"files"`
		Changed     int     `json:"changed"`
		Failed      int     `json:"failed"`
		Skipped     int     `json:"skipped"`
		BytesIn     int64   `json:"bytes_in"`
		BytesOut    int64   `json:"bytes_out"`
		Paragraphs  int     `json:"paragraphs_removed"`
		Sentences   int     `json:"sentences_removed"`
		Moves       int     `json:"moved"`
		Seconds     float64 `json:"seconds"`
		Interrupted bool    `json:"interrupted"`
	}{s.files, s.changed, s.failed, s.skipped, s.bytesIn, s.bytesOut, s.paragraphs, s.sentences, s.moves, elapsed.Seconds(), interrupted}})
	if err != nil {
		return err
	}
	return r.write(append(line, '\n'))
}

// abort drops the report of a run that stopped before cleaning anything:
// its temporary file is removed, and the target stays as it was. A nil
// r does nothing.
func (r *reportWriter) abort() {
	if r != nil && r.file != nil {
		r.file.abort()
	}
}

// close finishes the report. The report of a run that failed or was
// interrupted is written too: it says what was done.
func (r *reportWriter) close() error {
	if r.file == nil {
		return nil
	}
	return r.file.commit()
}
