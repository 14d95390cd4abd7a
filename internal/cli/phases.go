package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/dedupe"
)

// The phases of dedup across documents (package corpus), as commands over
// line streams: textclean sign, select and apply.
const (
	phaseSign   = "sign"
	phaseSelect = "select"
	phaseApply  = "apply"

	flagSeqBase  = "seq-base"
	flagSeqField = "seq-field"
	flagVerdicts = "verdicts"
)

// runPhase runs textclean sign, select or apply when args[1] names one,
// and reports whether it did. Only the first argument counts: "textclean
// -q sign" cleans a file named sign.
func runPhase(args []string, atStart startDescriptors, stdin io.Reader, stdout, stderr io.Writer) (int, bool) {
	if len(args) < 2 {
		return 0, false
	}
	var app *cli.App
	code := ExitOK
	switch args[1] {
	case phaseSign:
		app = phaseApp(phaseSign, "[flags] [PATH...]",
			"clean each input (or JSON Lines record) on its own and print one signature line per distinct paragraph it keeps: KEY SEQ FIRST LAST NAME",
			phaseFlags(flagDiff, flagList, flagWrite, flagCheck, flagExplain, flagOutput, flagReport, flagAcross, flagBoilerplate, flagState),
			func(c *cli.Context) error {
				cmd, err := newPhaseCommand(c, args[1:], atStart, stdin, stdout, stderr)
				if err == nil {
					code = cmd.runSign()
				}
				return err
			})
	case phaseSelect:
		app = phaseApp(phaseSelect, "(--across | --boilerplate N) [PATH...]",
			"read signature lines sorted by key (LC_ALL=C sort) and print one verdict line per paragraph a document is to lose: SEQ KEY DOCUMENTS KEEPER_SEQ FIRST LAST NAME",
			[]cli.Flag{
				&cli.BoolFlag{Name: flagAcross, Usage: "a paragraph goes from every document but the first (lowest SEQ) that keeps it", DisableDefaultText: true},
				&cli.IntFlag{Name: flagBoilerplate, Usage: "a paragraph that `N` or more documents keep goes from all of them; 0 is off"},
			},
			func(c *cli.Context) error {
				p := corpus.Policy{Across: c.Bool(flagAcross), Boilerplate: c.Int(flagBoilerplate)}
				switch {
				case p.Boilerplate < 0 || p.Boilerplate == 1:
					return usagef("--boilerplate needs at least 2 documents (0 switches it off)")
				case !p.Across && p.Boilerplate == 0:
					return usagef("select needs --across or --boilerplate N")
				}
				code = runSelect(p, c.Args().Slice(), stdin, stdout, stderr)
				return nil
			})
	case phaseApply:
		app = phaseApp(phaseApply, "--verdicts FILE [flags] [PATH...]",
			"clean each input (or JSON Lines record) again, removing the paragraphs that the verdicts name; the other flags are textclean's",
			append(phaseFlags(flagAcross, flagBoilerplate, flagState),
				&cli.StringSliceFlag{Name: flagVerdicts, Usage: "read the verdicts from `FILE` (select's output); repeatable"}),
			func(c *cli.Context) error {
				cmd, err := newPhaseCommand(c, args[1:], atStart, stdin, stdout, stderr)
				if err != nil {
					return err
				}
				if err := cmd.loadVerdicts(c.StringSlice(flagVerdicts)); err != nil {
					return err
				}
				code = cmd.run()
				return nil
			})
	default:
		return 0, false
	}
	app.Reader, app.Writer, app.ErrWriter = stdin, stdout, stderr
	if err := app.RunContext(context.Background(), args[1:]); err != nil {
		return printRunError(stderr, err), true
	}
	return code, true
}

// phaseApp is the urfave/cli app of one phase.
func phaseApp(name, usage, what string, flags []cli.Flag, action cli.ActionFunc) *cli.App {
	return &cli.App{
		Name:                   "textclean " + name,
		Usage:                  what,
		UsageText:              "textclean " + name + " " + usage,
		Flags:                  flags,
		UseShortOptionHandling: true,
		HideHelpCommand:        true,
		HideVersion:            true,
		ExitErrHandler:         func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return &usageError{err.Error()}
		},
		Action: action,
	}
}

// phaseFlags is textclean's flags without those named, with --seq-base and
// --seq-field.
func phaseFlags(without ...string) []cli.Flag {
	var fs []cli.Flag
	for _, f := range flags() {
		if !slices.Contains(without, f.Names()[0]) {
			fs = append(fs, f)
		}
	}
	return append(fs,
		&cli.Int64Flag{Name: flagSeqBase, Category: categoryJSONL, Usage: "number the documents from `N` on (the inputs, or with --jsonl the lines of all the inputs, in order): give each shard of a corpus its own range"},
		&cli.StringFlag{Name: flagSeqField, Category: categoryJSONL, Usage: "with --jsonl, take each record's sequence number from the integer field `NAME`, and its name from --id-field"},
	)
}

// newPhaseCommand is newCommand with the phases' own flags.
func newPhaseCommand(c *cli.Context, args []string, atStart startDescriptors, stdin io.Reader, stdout, stderr io.Writer) (*command, error) {
	cmd, err := newCommand(c, args, atStart, stdin, stdout, stderr)
	if err != nil {
		return nil, err
	}
	cmd.seqBase, cmd.seqField = c.Int64(flagSeqBase), c.String(flagSeqField)
	cmd.selection.repeats, cmd.selection.hardLinks = true, true // numbered as a local --across run numbers them
	if cmd.seqField != "" && !cmd.jsonl {
		return nil, usagef("--%s goes with --jsonl", flagSeqField)
	}
	return cmd, nil
}

// signalContext is done on SIGINT or SIGTERM. After the first, a second
// one gets the default action and ends the process at once: the way out
// when an input under way never ends (a FIFO no one writes to). A second
// signal that comes before the default action is back is not lost: it
// waits in the channel, and is sent again once that action is back (except
// on Windows, where a process cannot send itself os.Interrupt). The same
// signal sent again while the first is still pending, before os/signal has
// taken it from the runtime, is one signal, as it is to the kernel: it
// takes a third to end the process then.
func signalContext() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	stopped := make(chan struct{})
	go func() {
		select {
		case <-signals:
		case <-stopped:
			return
		}
		cancel()
		signal.Stop(signals) // the default action again, from here on
		select {
		case s := <-signals:
			if self, err := os.FindProcess(os.Getpid()); err == nil {
				self.Signal(s)
			}
		default:
		}
	}()
	return ctx, sync.OnceFunc(func() {
		signal.Stop(signals)
		close(stopped)
		cancel()
	})
}

// runSign prints the signatures of the inputs, in input order.
func (cmd *command) runSign() int {
	ctx, stop := signalContext()
	defer stop()
	w := bufio.NewWriterSize(cmd.stdout, 1<<16)
	var line []byte
	failed := false
	err := cmd.sign(ctx, func(doc corpus.Doc, sigs []corpus.Signature, err error) error {
		if err != nil {
			fmt.Fprintf(cmd.stderr, "textclean: %s: %v\n", doc.Name, err)
			failed = failed || err != errSkipped
			return nil
		}
		for _, s := range sigs {
			line = s.AppendTSV(line[:0])
			if _, err := w.Write(line); err != nil {
				return &stdoutError{err}
			}
		}
		return nil
	})
	if err == nil {
		err = w.Flush()
	}
	switch {
	case err != nil:
		fmt.Fprintf(cmd.stderr, "textclean: %v\n", err)
		return ExitError
	case ctx.Err() != nil:
		return ExitInterrupted
	case failed:
		return ExitError
	}
	return ExitOK
}

// runSelect reads the signatures in paths (standard input if none), which
// must be sorted by key, and prints the verdicts of policy p, key by key.
// Only one key's signatures are in memory at a time.
func runSelect(p corpus.Policy, paths []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	var group []corpus.Signature
	var line []byte
	flush := func() error {
		for _, v := range p.Select(group) {
			line = v.AppendTSV(line[:0])
			if _, err := w.Write(line); err != nil {
				return &stdoutError{err}
			}
		}
		group = group[:0]
		return nil
	}
	for _, path := range paths {
		err := eachLine(path, stdin, func(n int, text string) error {
			s, err := corpus.ParseSignature(text)
			if err != nil {
				return fmt.Errorf("line %d: %w", n, err)
			}
			if len(group) > 0 {
				switch c := slices.Compare(s.Key[:], group[0].Key[:]); {
				case c < 0:
					return fmt.Errorf("line %d: signatures not sorted by key: sort them first (LC_ALL=C sort)", n)
				case c > 0:
					if err := flush(); err != nil {
						return err
					}
				}
			}
			group = append(group, s)
			return nil
		})
		if err != nil {
			fmt.Fprintf(stderr, "textclean: %s: %v\n", displayName(path), err)
			return ExitError
		}
	}
	err := flush()
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "textclean: %v\n", err)
		return ExitError
	}
	return ExitOK
}

// loadVerdicts reads the verdict files and makes cmd remove, from each
// document, the paragraphs they name.
func (cmd *command) loadVerdicts(paths []string) error {
	if len(paths) == 0 {
		return usagef("apply needs --%s FILE", flagVerdicts)
	}
	bySeq := make(map[int64][]corpus.Verdict)
	for _, path := range paths {
		err := eachLine(path, nil, func(n int, text string) error {
			v, err := corpus.ParseVerdict(text)
			if err != nil {
				return fmt.Errorf("line %d: %w", n, err)
			}
			bySeq[v.Seq] = append(bySeq[v.Seq], v)
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	minLength := cmd.opts.MinLengthOrDefault()
	cmd.removals = func(seq int64) dedupe.Elsewhere { return corpus.Removals(bySeq[seq], minLength) }
	return nil
}

// eachLine calls f with each non-empty line of the file at path (standard
// input for "-"), numbered from 1, without its line end.
func eachLine(path string, stdin io.Reader, f func(n int, line string) error) error {
	r := stdin
	if path != "-" || stdin == nil {
		file, err := os.Open(path)
		if err != nil {
			return bare(err)
		}
		defer file.Close()
		r = file
	}
	br := bufio.NewReaderSize(r, 1<<16)
	for n := 1; ; n++ {
		text, err := br.ReadString('\n')
		if text = strings.TrimRight(text, "\r\n"); text != "" {
			if ferr := f(n, text); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return bare(err)
		}
	}
}
