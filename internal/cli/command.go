package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"github.com/urfave/cli/v2"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/colordiff"
	"github.com/textclean/textclean/internal/report"
	"github.com/textclean/textclean/internal/udiff"
	"github.com/textclean/textclean/normalize"
)

// stdinName names standard input in messages, lists and diffs.
const stdinName = "<stdin>"

// command is one textclean invocation, its flags checked.
type command struct {
	opts                     dedupe.Options
	diff, list, write, check bool
	explain                  bool
	output, report           string
	quiet                    bool
	jobs                     int
	maxSize                  int64
	encoding                 string
	selection                selection
	paths                    []string
	batch                    bool // a folder is among the paths: -o names a folder, and a summary is printed
	jsonl                    bool
	field, idField           string
	dropBad                  bool
	across                   bool
	boilerplate              int
	state                    string
	corpus                   *corpusTable // the first pass of --across and --boilerplate
	html                     *htmlOut
	color                    bool   // colour -d output
	streamDiff               bool   // -d output may go straight to standard output (see streamsDiff)
	reportInPlace            bool   // --report goes to standard output itself, written as it goes (see reportWriter.inPlace)
	stats                    bool   // print the --stats table
	seqBase                  int64  // the sequence number of the first input (or record) as a document of a corpus
	seqField                 string // sign, apply: the field that holds a record's sequence number
	// removals, if set, gives document number seq the paragraphs it is to
	// lose to other documents (--across, --boilerplate, apply --verdicts),
	// nil if it loses none.
	removals func(seq int64) dedupe.Elsewhere
	// atStart is the descriptors open when Run started: an output path to
	// one of this process's descriptors must name one of them.
	atStart startDescriptors

	stdin          io.Reader
	stdout, stderr io.Writer
}

func newCommand(c *cli.Context, rawArgs []string, atStart startDescriptors, stdin io.Reader, stdout, stderr io.Writer) (*command, error) {
	opts, err := options(c)
	if err != nil {
		return nil, err
	}
	opts.NoCollect = userSetGOGC()
	cmd := &command{
		opts:     opts,
		diff:     c.Bool(flagDiff),
		list:     c.Bool(flagList),
		write:    c.Bool(flagWrite),
		check:    c.Bool(flagCheck),
		explain:  c.Bool(flagExplain),
		output:   c.String(flagOutput),
		report:   c.String(flagReport),
		quiet:    c.Bool(flagQuiet),
		stats:    c.Bool(flagStats),
		jobs:     c.Int(flagJobs),
		encoding: c.String(flagEncoding),
		selection: selection{
			include: c.StringSlice(flagInclude),
			exclude: c.StringSlice(flagExclude),
			follow:  c.Bool(flagFollow),
			jsonl:   c.Bool(flagJSONL),
			// -w rewrites a file once; inputs numbered as documents of
			// a corpus number a file named twice as one.
			repeats:   c.Bool(flagWrite) || c.Bool(flagAcross) || c.Int(flagBoilerplate) > 0,
			hardLinks: c.Bool(flagAcross) || c.Int(flagBoilerplate) > 0,
		},
		jsonl:       c.Bool(flagJSONL),
		across:      c.Bool(flagAcross),
		boilerplate: c.Int(flagBoilerplate),
		state:       c.String(flagState),
		field:       c.String(flagField),
		idField:     c.String(flagIDField),
		paths:       c.Args().Slice(),
		atStart:     atStart,
		stdin:       stdin,
		stdout:      stdout,
		stderr:      stderr,
	}
	if len(cmd.paths) == 0 {
		cmd.paths = []string{"-"}
	}
	if cmd.color, err = useColor(c.String(flagColor), func() bool { return isTerminal(stdout) }, os.Getenv); err != nil {
		return nil, err
	}
	if h := c.String(flagHTML); h != "" {
		cmd.html = newHTMLOut(h, cmd.paths, atStart)
	}
	cmd.opts.SkipKept = cmd.html == nil // the page alone reads Result.Kept
	if !slices.Contains(rawArgs, "--") {
		for _, p := range cmd.paths {
			if len(p) > 1 && p[0] == '-' {
				return nil, usagef("flag %s after a path: flags go before the paths (or put -- before a path that starts with -)", p)
			}
		}
	}
	if _, err := normalize.Decode("", cmd.encoding, false); err != nil {
		return nil, usagef("--%s: %v", flagEncoding, err)
	}
	if cmd.maxSize, err = parseSize(c.String(flagMaxSize)); err != nil {
		return nil, usagef("--%s: %v", flagMaxSize, err)
	}
	cmd.batch = anyFolder(cmd.paths)
	switch bad := c.String(flagBadLines); bad {
	case "keep":
	case "drop":
		cmd.dropBad = true
	default:
		return nil, usagef("--%s %q: want keep or drop", flagBadLines, bad)
	}
	switch {
	case cmd.jobs < 1:
		return nil, usagef("-j must be at least 1")
	case cmd.boilerplate < 0 || cmd.boilerplate == 1:
		return nil, usagef("--boilerplate needs at least 2 documents (0 switches it off)")
	case cmd.state != "" && !cmd.across && cmd.boilerplate == 0:
		return nil, usagef("--state goes with --across or --boilerplate")
	case (cmd.across || cmd.boilerplate > 0) && slices.Contains(cmd.paths, "-"):
		return nil, usagef("--across and --boilerplate read their inputs twice: name files or folders, not standard input")
	case cmd.write && slices.Contains(cmd.paths, "-"):
		return nil, usagef("-w cannot rewrite standard input; name the files, or use -o FILE")
	case cmd.write && cmd.output != "":
		return nil, usagef("-w and -o cannot be used together")
	case cmd.write && cmd.check:
		return nil, usagef("-w and --check cannot be used together")
	case cmd.report == "-" && cmd.printsEach(): // (reportInPlace, false here, is set once the report is open)
		return nil, usagef("--report - needs standard output to itself: use it with -o, -w or --check, without -l, -d or --explain")
	case cmd.html != nil && cmd.jsonl:
		return nil, usagef("--html works on text inputs, not on --jsonl records")
	case cmd.explain && cmd.jsonl:
		return nil, usagef("--explain works on text inputs, not on --jsonl records")
	case cmd.output != "" && len(cmd.paths) > 1:
		return nil, usagef("-o takes one input (a file or a folder), not %d", len(cmd.paths))
	case cmd.output != "" && cmd.batch:
		if err := checkOutputFolder(cmd.output, cmd.paths); err != nil {
			return nil, err
		}
	}
	if err := checkPatterns(flagInclude, cmd.selection.include); err != nil {
		return nil, err
	}
	if err := checkPatterns(flagExclude, cmd.selection.exclude); err != nil {
		return nil, err
	}
	return cmd, nil
}

// run cleans every input and returns the exit code. An interrupt (SIGINT,
// SIGTERM) stops it from starting new inputs; those under way finish, so
// every file is either untouched or completely written.
func (cmd *command) run() int {
	signalled, stop := signalContext()
	defer stop()
	// Standard output closed early (textclean -w -l DIR | head -1) must
	// not kill the process in the middle of a rewrite, leaving a temporary
	// file behind: with SIGPIPE caught, the write fails with EPIPE instead,
	// and the run stops as after any failed write.
	brokenPipe := make(chan os.Signal, 1)
	signal.Notify(brokenPipe, syscall.SIGPIPE)
	defer signal.Stop(brokenPipe)
	ctx, cancel := context.WithCancel(signalled) // also cancelled when standard output fails
	defer cancel()
	start := time.Now()

	var report *reportWriter
	if cmd.report != "" {
		var err error
		if report, err = cmd.openReport(); err != nil {
			fmt.Fprintf(cmd.stderr, "textclean: %s: %v\n", cmd.report, err)
			return ExitError
		}
	}
	cmd.reportInPlace = report != nil && report.inPlace(cmd.stdout)
	cmd.streamDiff = cmd.streamsDiff()
	if cmd.html != nil {
		if err := cmd.html.start(); err != nil {
			report.abort()
			fmt.Fprintf(cmd.stderr, "textclean: %v\n", err)
			return ExitError
		}
	}
	var bar *progress
	if cmd.showsProgress(isTerminal(cmd.stdout)) {
		bar = newProgress(ctx, cmd.stderr, &cmd.selection, cmd.paths, cmd.leavesOut)
	}
	if cmd.across || cmd.boilerplate > 0 {
		var err error
		if cmd.corpus, err = cmd.buildCorpus(ctx); err != nil {
			report.abort()
			fmt.Fprintf(cmd.stderr, "textclean: %v\n", err)
			return ExitError
		}
	}
	var total stats
	var failures []string // the inputs (and --html pages) that failed, in order
	var err error
	if cmd.jsonl {
		var emitReport func([]byte) error
		if report != nil {
			emitReport = report.write
		}
		total, err = cmd.runJSONL(ctx, emitReport)
	} else {
		err = cmd.eachFile(ctx, &total, &failures, bar, report, cancel)
	}
	bar.clear()
	interrupted := signalled.Err() != nil
	failed := total.failed > 0 || err != nil
	if cmd.html != nil {
		failed = failed || cmd.html.failed > 0
		if err := cmd.html.finish(strings.Join(cmd.paths, " ")); err != nil {
			if !readerGone(err) {
				fmt.Fprintf(cmd.stderr, "textclean: %v\n", err)
			}
			failed = true
		}
	}
	if report != nil {
		if cmd.batch {
			report.summary(total, time.Since(start), interrupted)
		}
		if err := report.close(); err != nil {
			if !readerGone(err) {
				fmt.Fprintf(cmd.stderr, "textclean: %s: %v\n", cmd.report, err)
			}
			failed = true
		}
	}
	if cmd.state != "" && !interrupted && cmd.corpus != nil {
		if err := cmd.corpus.saveState(cmd.state, cmd.atStart); err != nil {
			fmt.Fprintf(cmd.stderr, "textclean: %s: %v\n", cmd.state, err)
			failed = true
		}
	}
	switch {
	case cmd.stats:
		writeStats(cmd.stderr, total, time.Since(start), interrupted) // as with the summary line, a failed stderr is no reason to fail
	case cmd.batch && !cmd.quiet:
		fmt.Fprintln(cmd.stderr, summary(total, time.Since(start), interrupted))
	}
	if cmd.batch && len(failures) > 0 {
		// The errors scrolled by as they happened; list them once more.
		fmt.Fprintf(cmd.stderr, "textclean: %d failed:\n", len(failures))
		for _, name := range failures {
			fmt.Fprintf(cmd.stderr, "textclean:   %s\n", name)
		}
	}
	switch {
	case interrupted:
		return ExitInterrupted
	case failed:
		return ExitError
	case total.changed > 0 && !cmd.write && (cmd.check || cmd.list || cmd.diff || cmd.explain):
		return ExitChanged
	}
	return ExitOK
}

// eachFile cleans the inputs file by file (several at a time) and writes
// their outcomes in input order.
func (cmd *command) eachFile(ctx context.Context, total *stats, failures *[]string, bar *progress, report *reportWriter, cancel func()) error {
	return cmd.each(ctx, cmd.paths, func(o outcome) error {
		total.add(o.stats)
		if cmd.leavesOut(o.in) {
			return nil // nor counted by the bar (see countInputs)
		}
		bar.add(o.stats.bytesIn)
		if cmd.html != nil {
			cmd.html.add(&o)
			switch {
			case readerGone(o.pageErr): // --html through a pipe whose reader left
				cancel()
			case o.pageErr != nil:
				bar.clear()
				fmt.Fprintf(cmd.stderr, "textclean: %v\n", o.pageErr)
				page, _ := cmd.html.target(o.in)
				*failures = append(*failures, page)
			}
		}
		// writeFailed reports a failure to write the output or the report:
		// nowhere left to write, so no more inputs are started.
		writeFailed := func(err error) error {
			cancel()
			if readerGone(err) {
				return err
			}
			bar.clear()
			fmt.Fprintf(cmd.stderr, "textclean: %s: %v\n", o.in.name(), err)
			total.failed++
			return err
		}
		if o.err != nil {
			gone := readerGone(o.err) // -o through a pipe whose reader left: said nowhere but in the report
			if !gone {
				bar.clear()
				fmt.Fprintf(cmd.stderr, "textclean: %s: %v\n", o.in.name(), o.err)
				if !o.skipped {
					*failures = append(*failures, o.in.name())
				}
			}
			if report != nil {
				if err := report.failure(o.in.name(), o.err, o.skipped); err != nil {
					return writeFailed(fmt.Errorf("report: %w", err))
				}
			}
			if gone {
				return writeFailed(o.err)
			}
			return nil
		}
		if report != nil && o.report != nil {
			if err := report.write(o.report); err != nil {
				return writeFailed(fmt.Errorf("report: %w", err))
			}
		}
		// What was held, or the error that writing straight through met.
		if _, err := o.stdout.WriteTo(cmd.stdout); err != nil {
			return writeFailed(&stdoutError{err})
		}
		if o.text != "" {
			if _, err := io.WriteString(cmd.stdout, o.text); err != nil {
				return writeFailed(&stdoutError{err})
			}
		}
		return nil
	})
}

// parseSize reads a size in bytes, with an optional suffix K, M or G
// (powers of 1024).
func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is not a size (bytes, or a number with K, M or G)", s)
	}
	return n * mult, nil
}

// readerGone reports whether err is a write that failed because the
// reader of a pipe went away: standard output's (textclean ... | head -1),
// or that of another output written in place (--report /dev/stdout, -o
// /dev/stdout, a FIFO), which is the same event. That is no error to tell
// anyone about, as for any filter (SIGPIPE would end one quietly, on any
// descriptor); the run still stops, and exits 2. Only a pipe or a socket
// gives EPIPE.
func readerGone(err error) bool {
	return errors.Is(err, syscall.EPIPE)
}

// stdoutError is a failure to write standard output.
type stdoutError struct{ err error }

func (e *stdoutError) Error() string { return "write standard output: " + e.err.Error() }
func (e *stdoutError) Unwrap() error { return e.err }

// streamsDiff reports whether an input's diff may go straight to
// standard output once its turn comes, rather than wait in memory for
// emit (see heldOutput). Not with -w or -o: a rewrite that fails after
// the diff fails the input, and a failed input's output is not printed.
// Nor when the report is written in place, into standard output itself
// (--report /dev/stdout, see reportWriter.inPlace): its line for an input
// comes before the input's output, and a diff streamed by the worker
// would come first. A report anywhere else is a file of its own.
func (cmd *command) streamsDiff() bool {
	return cmd.diff && !cmd.write && cmd.output == "" && !cmd.reportInPlace
}

// clean cleans one input and does what the flags ask with it, except
// writing to the report and, until the input's turn comes (turn is
// closed), to standard output: the caller does that in input order.
func (cmd *command) clean(in input, turn <-chan struct{}) (o outcome) {
	o.in = in
	o.stdout = newHeldOutput(turn, cmd.stdout)
	fail := func(err error) outcome {
		o.err = err
		o.stats.failed = 1
		return o
	}
	if in.err != nil {
		return fail(in.err)
	}
	if cmd.leavesOut(in) {
		return o
	}
	raw, info, err := cmd.read(in.path)
	if err != nil {
		return fail(err)
	}
	defer lowerGC(len(raw))()
	decoded, err := normalize.Decode(raw, cmd.encoding, cmd.opts.Normalize.Strict)
	if err != nil {
		return fail(fmt.Errorf("%w; not cleaned", err))
	}
	text := decoded.Text
	opts := cmd.opts
	if cmd.removals != nil {
		opts.Elsewhere = cmd.removals(cmd.seqBase + int64(in.first)) // a repeat signed nothing: it is cleaned as its first name
	}
	// The clean text that only goes out, to a file or to standard
	// output, is written there as it is made; every other use needs it in
	// memory. Neither writer fails: see textFile and textOut.
	var res *dedupe.Result
	var lines []string // the clean text's lines, each followed by end, for a diff alone (diffsLines)
	var end string
	file := cmd.textFile(in, raw, info)
	switch {
	case file != nil:
		res, err = dedupe.CleanTo(file, text, opts)
	case cmd.streamsText():
		// Once CleanTo writes, only a write can fail: the text may go
		// straight to standard output once the input's turn has come,
		// and waits in o.stdout until then.
		// A report in place (see reportInPlace) writes each input's line
		// before its text: the text is held, in blocks, until emit has
		// written the line, as for a diff (streamsDiff).
		o.stdout.stream = !cmd.reportInPlace
		res, err = dedupe.CleanTo(textOut{&o.stdout}, text, opts)
		o.stdout.stream = false
	case cmd.dropsText():
		res, err = dedupe.CleanTo(io.Discard, text, opts) // only its size is needed: Result.TextSize
	case cmd.diffsLines():
		res, lines, end, err = dedupe.CleanLines(text, opts)
	default:
		res, err = dedupe.Clean(text, opts)
	}
	if err != nil {
		if in.found && errors.Is(err, normalize.ErrBinary) {
			o.err, o.skipped = errors.New("binary file skipped"), true
			o.stats.skipped = 1
			return o
		}
		return fail(fmt.Errorf("%w; not cleaned", err))
	}
	name := in.name()
	// Changed compares the clean text with text; text is raw itself (the
	// same string: no second comparison) unless it was decoded.
	o.changed = res.Changed(text) || text != raw
	o.stats = statsOf(raw, res, o.changed)
	var edits []normalize.Edit
	if cmd.explain {
		// Document succeeded inside Clean, so Explain cannot fail.
		if edits, err = normalize.New(opts.Normalize).Explain(text); err != nil {
			return fail(err)
		}
	}
	if cmd.report != "" || cmd.html != nil {
		collectBig(len(raw))
	}
	if cmd.report != "" {
		var b bytes.Buffer
		rep := report.New(name, text, res)
		rep.Encoding, rep.EncodingGuessed = decoded.Encoding, decoded.Guessed
		rep.BytesIn = len(raw)
		if cmd.explain {
			rep.Edits = report.EditsOf(edits)
		}
		if err := rep.Write(&b); err != nil {
			return fail(err)
		}
		o.report = b.Bytes()
	}
	if cmd.html != nil {
		// A page that cannot be written is an error of its own: the
		// input is still printed, written or rewritten.
		o.page, o.pageErr = cmd.html.page(in, text, len(raw), res, opts)
	}
	// From here on only the clean text is needed: the rest of the result
	// (its changes and kept paragraphs, 30 MB for the 100 MB stream of
	// bench/run.sh) is garbage for collectBig.
	clean := res.Text
	out := &o.stdout
	if o.changed && cmd.list {
		fmt.Fprintln(out, name)
	}
	for _, e := range edits {
		fmt.Fprintf(out, "%s:%d:%d: %s: %q → %q\n", name, e.Line, e.Column, e.Rule, e.Before, e.After)
	}
	if o.changed && cmd.diff {
		collectBig(len(raw))
		// The plain diff goes straight into the output; the colour one
		// is made from the plain one. Either may stream: udiff checks the
		// names and finds the edit script before its first write, so from
		// then on only a write can fail, and streamsDiff leaves out what
		// could fail the input after the diff.
		var d bytes.Buffer
		var w io.Writer = out
		if cmd.color {
			w = &d
		}
		out.stream = cmd.streamDiff
		var err error
		if cmd.diffsLines() {
			err = udiff.WriteLines(w, name+".orig", name, raw, lines, end)
		} else {
			err = udiff.Write(w, name+".orig", name, raw, clean)
		}
		// A failed standard output is not the input's failure: emit
		// reports it, as when it writes the output itself.
		if err != nil && out.err == nil {
			if errors.Is(err, udiff.ErrName) {
				return fail(errors.New("cannot name this file in a diff: its name holds a line break"))
			}
			return fail(err)
		}
		if cmd.color {
			colordiff.Write(out, d.Bytes()) // fails only with standard output, which out keeps for emit
		}
	}
	switch {
	case file != nil:
		if err := file.finish(); err != nil {
			return fail(err)
		}
	case cmd.write:
		if o.changed {
			if err := rewrite(in.path, clean, info); err != nil {
				return fail(err)
			}
		}
	case cmd.output != "":
		target, err := cmd.outputTarget(in)
		if err != nil {
			return fail(err)
		}
		if err := writeFile(target, clean, cmd.atStart); err != nil {
			return fail(fmt.Errorf("write %s: %w", target, err))
		}
	case !cmd.list && !cmd.diff && !cmd.check && !cmd.explain:
		o.text = clean
	}
	return o
}

// printsEach reports whether the run writes to standard output as it
// goes: the clean texts, diffs, names (-l), fixes (--explain) or the
// report in place. On a terminal, that would follow the progress line
// drawn on the same screen, on its row (the line ends with no line end),
// and the line drawn again after it: so the progress line is not shown
// then, as gofmt -l and -d show none.
func (cmd *command) printsEach() bool {
	return cmd.list || cmd.diff || cmd.explain || cmd.reportInPlace || (!cmd.write && cmd.output == "" && !cmd.check)
}

// showsProgress reports whether the run draws a progress line (on
// standard error, if that is a terminal; stdoutIsTerminal says whether
// standard output is one): a run over many inputs, not -q, that prints
// nothing as it goes onto the same screen (see printsEach). Not with
// --jsonl either: its records are cleaned as they are read, with no line
// drawn, and counting its files for one was a walk of the folders for
// nothing.
func (cmd *command) showsProgress(stdoutIsTerminal bool) bool {
	return cmd.batch && !cmd.quiet && !cmd.jsonl && !(cmd.printsEach() && stdoutIsTerminal)
}

// leavesOut reports whether in is left out: under -w, a folder entry an
// earlier input named, which that input rewrites (see metFiles).
func (cmd *command) leavesOut(in input) bool { return cmd.write && in.again }

// outputTarget returns the file that -o writes the output of in to:
// cmd.output itself, or, for an input found in a folder, its path under
// cmd.output, whose folder it makes.
func (cmd *command) outputTarget(in input) (string, error) {
	if !in.found {
		return cmd.output, nil
	}
	target := filepath.Join(cmd.output, filepath.FromSlash(in.rel))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return "", bare(err)
	}
	return target, nil
}

// streamsText reports whether the clean text of each input goes only to
// standard output, where dedupe.CleanTo can write it as it makes it: the
// filter's default, with no diff or page, which need the text too. A
// report needs only the text's size, which CleanTo's Result has; when
// it is written in place (--report /dev/stdout), its line for an input
// comes before the input's text, so the text is held until emit writes
// it, not streamed (see clean).
func (cmd *command) streamsText() bool {
	return !cmd.write && cmd.output == "" && !cmd.list && !cmd.check && !cmd.explain && !cmd.keepsText()
}

// dropsText reports whether nothing needs the clean text of an input but
// its size and whether it changed (-l, --check, --explain, with no -o, -w,
// diff or page): dedupe.CleanTo makes it into io.Discard, and its
// Result.TextSize says its size.
func (cmd *command) dropsText() bool {
	return !cmd.write && cmd.output == "" && (cmd.list || cmd.check || cmd.explain) && !cmd.keepsText()
}

// keepsText reports whether a diff or a page needs the clean text of each
// input in memory, so that dedupe.CleanTo cannot write it as it makes it.
// A report does not: it needs only the text's size.
func (cmd *command) keepsText() bool { return cmd.diff || cmd.html != nil }

// diffsLines reports whether only the diff needs the clean text of each
// input (-d with no -o, -w or page): dedupe.CleanLines gives it as lines,
// slices of the input and of the texts of its paragraphs, which
// udiff.WriteLines reads where they are. Made whole, the text (97 MB for
// the 100 MB stream of bench/run.sh) was live beside the input through
// the diff, where its lines are 8 MB: the heap left at the diff went
// from 193 to 127 MB, and -d's peak RSS from 292 to 280 MB, the peak of
// the rounds, which the default mode has too (with --no-near
// --no-sentences, whose rounds are lighter, from 296 to 216 MB, beside
// 207 MB without -d); wall 1.04 -> 0.97 s, CPU 1.90 -> 1.76 s, as the
// text is no longer made (medians of 12, alternated).
func (cmd *command) diffsLines() bool {
	return cmd.diff && cmd.html == nil && !cmd.write && cmd.output == ""
}

// textFile returns the file, under -o or -w, that the clean text of in,
// read as raw, is written to as dedupe.CleanTo makes it; nil when the
// text goes elsewhere, or when a diff or a page needs it in memory too.
func (cmd *command) textFile(in input, raw string, info os.FileInfo) *textFile {
	if cmd.keepsText() {
		return nil
	}
	switch {
	case cmd.write:
		return newTextFile(raw, true, func() (*atomicFile, error) { return startRewrite(in.path, info) },
			func(err error) error { return err })
	case cmd.output != "":
		target := cmd.output
		wrap := func(err error) error { return fmt.Errorf("write %s: %w", target, err) }
		return newTextFile(raw, false, func() (*atomicFile, error) {
			var err error
			if target, err = cmd.outputTarget(in); err != nil {
				return nil, err
			}
			f, err := createOutput(target, cmd.atStart)
			if err != nil {
				return nil, wrap(err)
			}
			return f, nil
		}, wrap)
	}
	return nil
}

// read returns the contents of the input at path ("-" is standard input),
// and what the file was like when read (nil for standard input). A regular
// file that changed while it was being read (grew, shrank or was written
// to) is refused rather than cleaned half old, half new. One renamed over
// path meanwhile does not matter here: the open file is read whole, and
// rewrite refuses to put its clean text in the new one's place.
func (cmd *command) read(path string) (string, os.FileInfo, error) {
	if path == "-" {
		text, err := readLimited(cmd.stdin, cmd.maxSize)
		return text, nil, err
	}
	f, info, err := cmd.open(path)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	// --max-size may be set above what dedupe takes: refuse such a file
	// from its size too, rather than read it all to be refused.
	if info.Mode().IsRegular() && info.Size() > dedupe.MaxInput {
		return "", nil, fmt.Errorf("is %d bytes, more than the %d bytes a document can have; not cleaned", info.Size(), dedupe.MaxInput)
	}
	// A device or a pipe (/dev/zero, a FIFO) has no size to check first:
	// the limit stops the read instead.
	text, err := readLimited(f, cmd.maxSize)
	if err != nil {
		return "", nil, err
	}
	if info.Mode().IsRegular() {
		after, err := f.Stat()
		if err != nil {
			return "", nil, bare(err)
		}
		if !os.SameFile(info, after) || after.Size() != info.Size() || !after.ModTime().Equal(info.ModTime()) {
			return "", nil, errors.New("changed while it was being read; not cleaned")
		}
	}
	return text, info, nil
}

// open opens the input file at path for reading, after the checks every
// input gets, text or JSON Lines: a folder is refused, so is a file that is
// not regular under -w (before opening it: a FIFO would wait for a
// writer), and a regular file larger than --max-size. It returns the file
// and what it was like when opened.
func (cmd *command) open(path string) (inputFile, os.FileInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, bare(err)
	}
	switch {
	case info.IsDir():
		return nil, nil, errors.New("is a directory")
	case cmd.write && !info.Mode().IsRegular():
		return nil, nil, errors.New("not a regular file; not rewritten")
	case info.Mode().IsRegular() && info.Size() > cmd.maxSize:
		return nil, nil, fmt.Errorf("is %d bytes, more than --max-size %d; not cleaned", info.Size(), cmd.maxSize)
	}
	f, err := openInput(path)
	if err != nil {
		return nil, nil, bare(err)
	}
	return f, info, nil
}

// inputFile is an input file open for reading.
type inputFile interface {
	io.Reader
	Stat() (os.FileInfo, error)
	Close() error
}

// openInput opens an input file. Tests replace it to make reads fail or
// to change the file while it is read.
var openInput = func(path string) (inputFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// readLimited reads r to its end, or fails once it has given more than max
// bytes. A regular file (standard input too, when redirected from one) is
// read into a buffer of its size, as os.ReadFile does: io.ReadAll reads
// into growing chunks and copies them into one buffer at the end, which
// for a 100 MB input held 240 MB at once.
func readLimited(r io.Reader, max int64) (string, error) {
	lr := &limitedReader{r: r, max: max}
	size := regularSize(r)
	if size <= 0 {
		b, err := io.ReadAll(lr)
		if err != nil {
			return "", err
		}
		return bytesToString(b), nil
	}
	// One byte more than the size, so that the end of the file is seen
	// without growing the buffer.
	b := make([]byte, 0, min(size, max)+1)
	b = readPieces(lr, b, size)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew
		}
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return bytesToString(b), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// parallelRead is the size from which readPieces reads a file on
// several goroutines. A variable so tests can lower it.
var parallelRead = 16 << 20

// readPieces reads lr, a big regular file of size bytes, from where it
// stands to its end, or to cap(b)-1 bytes if that comes first, into b,
// in one piece per CPU, each read by a goroutine of its own (pread), and
// moves the file past them. Most of the cost of reading a big file is the
// kernel's first touch of the buffer's fresh pages, and that splits. It
// returns b as it came, with nothing read, for a small file, a reader
// that is not a file or a piece that cannot be read whole (the file
// shrank): the caller then reads it one piece after the other, and sees
// what changed.
func readPieces(lr *limitedReader, b []byte, size int64) []byte {
	workers := runtime.GOMAXPROCS(0)
	f, ok := lr.r.(interface {
		io.ReaderAt
		io.Seeker
	})
	if !ok || cap(b)-1 < parallelRead || workers < 2 {
		return b
	}
	start, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return b
	}
	// Standard input can stand past its start (another program read some
	// of it first): what is left of it is less than its size.
	n := int(min(int64(cap(b)-1), size-start))
	if n < parallelRead {
		return b
	}
	piece := (n + workers - 1) / workers
	var wg sync.WaitGroup
	var failed atomic.Bool
	for lo := 0; lo < n; lo += piece {
		dst := b[lo:min(lo+piece, n)]
		wg.Go(func() {
			if _, err := f.ReadAt(dst, start+int64(lo)); err != nil {
				failed.Store(true)
			}
		})
	}
	wg.Wait()
	if failed.Load() {
		return b
	}
	if _, err := f.Seek(start+int64(n), io.SeekStart); err != nil {
		return b
	}
	lr.read += int64(n)
	return b[:n]
}

// regularSize returns the size of r if it is a regular file, else 0.
func regularSize(r io.Reader) int64 {
	f, ok := r.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return 0
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return 0
	}
	return info.Size()
}

// limitedReader reads r, and fails once r has given more than max bytes:
// the --max-size limit on a stream, text or JSON Lines. Its errors are
// worded for messages: "read: …", or the limit.
type limitedReader struct {
	r         io.Reader
	max, read int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if room := l.max + 1 - l.read; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	switch {
	case l.read > l.max:
		return n, fmt.Errorf("more than --max-size %d bytes; not cleaned", l.max)
	case err != nil && err != io.EOF:
		return n, fmt.Errorf("read: %w", bare(err))
	}
	return n, err
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
