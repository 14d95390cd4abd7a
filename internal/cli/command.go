package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"unsafe"

	"github.com/urfave/cli/v2"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/report"
	"github.com/textclean/textclean/internal/udiff"
)

// stdinName names standard input in messages, lists and diffs.
const stdinName = "<stdin>"

// command is one textclean invocation, its flags checked.
type command struct {
	opts                     dedupe.Options
	diff, list, write, check bool
	output, report           string
	paths                    []string

	stdin          io.Reader
	stdout, stderr io.Writer
}

func newCommand(c *cli.Context, rawArgs []string, stdin io.Reader, stdout, stderr io.Writer) (*command, error) {
	opts, err := options(c)
	if err != nil {
		return nil, err
	}
	cmd := &command{
		opts:   opts,
		diff:   c.Bool(flagDiff),
		list:   c.Bool(flagList),
		write:  c.Bool(flagWrite),
		check:  c.Bool(flagCheck),
		output: c.String(flagOutput),
		report: c.String(flagReport),
		paths:  c.Args().Slice(),
		stdin:  stdin,
		stdout: stdout,
		stderr: stderr,
	}
	if len(cmd.paths) == 0 {
		cmd.paths = []string{"-"}
	}
	if !slices.Contains(rawArgs, "--") {
		for _, p := range cmd.paths {
			if len(p) > 1 && p[0] == '-' {
				return nil, usagef("flag %s after a path: flags go before the paths (or put -- before a path that starts with -)", p)
			}
		}
	}
	switch {
	case cmd.write && slices.Contains(cmd.paths, "-"):
		return nil, usagef("-w cannot rewrite standard input; name the files, or use -o FILE")
	case cmd.write && cmd.output != "":
		return nil, usagef("-w and -o cannot be used together")
	case cmd.write && cmd.check:
		return nil, usagef("-w and --check cannot be used together")
	case cmd.report == "-" && (cmd.list || cmd.diff || !cmd.write && !cmd.check && cmd.output == ""):
		return nil, usagef("--report - needs standard output to itself: use it with -o, -w or --check, without -l or -d")
	case cmd.output != "" && len(cmd.paths) > 1:
		return nil, usagef("-o takes one input, not %d", len(cmd.paths))
	}
	return cmd, nil
}

// run cleans every input in turn and returns the exit code.
func (cmd *command) run() int {
	var reports bytes.Buffer
	failed, changed := false, false
	for _, path := range cmd.paths {
		c, err := cmd.one(path, &reports)
		if err != nil {
			fmt.Fprintf(cmd.stderr, "textclean: %s: %v\n", displayName(path), err)
			failed = true
			var we *stdoutError
			if errors.As(err, &we) {
				break // nowhere left to write
			}
			continue
		}
		changed = changed || c
	}
	if cmd.report != "" {
		if err := cmd.writeReport(reports.Bytes()); err != nil {
			fmt.Fprintf(cmd.stderr, "textclean: %s: %v\n", cmd.report, err)
			failed = true
		}
	}
	switch {
	case failed:
		return ExitError
	case changed && !cmd.write && (cmd.check || cmd.list || cmd.diff):
		return ExitChanged
	}
	return ExitOK
}

// writeReport writes the JSON report to its file, or with --report - to
// standard output.
func (cmd *command) writeReport(data []byte) error {
	if cmd.report == "-" {
		if _, err := cmd.stdout.Write(data); err != nil {
			return &stdoutError{err}
		}
		return nil
	}
	return writeFile(cmd.report, data)
}

// stdoutError is a failure to write standard output.
type stdoutError struct{ err error }

func (e *stdoutError) Error() string { return "write standard output: " + e.err.Error() }
func (e *stdoutError) Unwrap() error { return e.err }

// one cleans the input at path and acts on the result; it reports whether
// the clean text differs from the input.
func (cmd *command) one(path string, reports *bytes.Buffer) (changed bool, err error) {
	input, err := cmd.read(path)
	if err != nil {
		return false, err
	}
	res, err := dedupe.Clean(input, cmd.opts)
	if err != nil {
		return false, fmt.Errorf("%w; not cleaned", err)
	}
	name := displayName(path)
	changed = res.Text != input
	if cmd.report != "" {
		if err := report.New(name, input, res).Write(reports); err != nil {
			return changed, err
		}
	}
	if changed && cmd.list {
		if _, err := fmt.Fprintln(cmd.stdout, name); err != nil {
			return changed, &stdoutError{err}
		}
	}
	if changed && cmd.diff {
		if err := udiff.Write(cmd.stdout, name+".orig", name, input, res.Text); err != nil {
			if errors.Is(err, udiff.ErrName) {
				return changed, errors.New("cannot name this file in a diff: its name holds a line break")
			}
			return changed, &stdoutError{err}
		}
	}
	switch {
	case cmd.write:
		if changed {
			return changed, rewrite(path, res.Text)
		}
	case cmd.output != "":
		return changed, writeFile(cmd.output, []byte(res.Text))
	case !cmd.list && !cmd.diff && !cmd.check:
		if _, err := io.WriteString(cmd.stdout, res.Text); err != nil {
			return changed, &stdoutError{err}
		}
	}
	return changed, nil
}

// read returns the contents of the input at path ("-" is standard input).
func (cmd *command) read(path string) (string, error) {
	if path == "-" {
		b, err := io.ReadAll(cmd.stdin)
		return bytesToString(b), err
	}
	info, err := os.Stat(path)
	if err != nil {
		return "", bare(err)
	}
	if info.IsDir() {
		return "", errors.New("is a directory; name the files in it to clean them")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", bare(err)
	}
	return bytesToString(b), nil
}

// bytesToString returns b as a string without copying it: inputs can be
// hundreds of megabytes, and b is never written again.
func bytesToString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func displayName(path string) string {
	if path == "-" {
		return stdinName
	}
	return path
}

// bare strips the operation and path from a *fs.PathError, since messages
// already start with the path.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
