package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/normalize"
)

// Version is the textclean version that --version prints.
const Version = "0.1.0"

// Exit codes.
const (
	ExitOK      = 0 // success, and no changes found where a check was asked for
	ExitChanged = 1 // --check, -l, -d or --explain found an input that cleaning changes
	ExitError   = 2 // a usage error, or an input that could not be read, cleaned or written

	ExitInterrupted = 130 // interrupted (SIGINT or SIGTERM): the files under way were finished, the rest untouched
)

// usageError is a mistake in the command line: it is printed with a hint.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

func init() {
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version and exit", DisableDefaultText: true}
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "show help", DisableDefaultText: true}
}

// Run runs textclean with args (args[0] is the program name) and returns the
// exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	atStart := listStartDescriptors() // before textclean opens any file of its own
	if code, ok := runPhase(args, atStart, stdin, stdout, stderr); ok {
		return code // textclean sign, select or apply
	}
	code := ExitOK
	app := &cli.App{
		Name:                   "textclean",
		Usage:                  "clean scraped article text: normalize it and remove repeated paragraphs and sentences",
		UsageText:              "textclean [flags] [PATH...]\ntextclean sign|select|apply [flags] [PATH...]   (--across and --boilerplate in phases, for many machines: textclean sign --help)\n\nWith no PATH, or PATH -, textclean reads standard input. Flags go before the paths.",
		Version:                Version,
		Reader:                 stdin,
		Writer:                 stdout,
		ErrWriter:              stderr,
		Flags:                  append(flags(), shellFlags()...),
		UseShortOptionHandling: true, // -dl is -d -l
		// Exit codes are ours: never let the library call os.Exit or print
		// the whole help on a usage error.
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return &usageError{err.Error()}
		},
		Action: func(c *cli.Context) error {
			if shell := c.String(flagCompletion); shell != "" {
				return writeCompletion(stdout, shell, c.App.Flags)
			}
			if c.Bool(flagMan) {
				return writeMan(stdout, c.App)
			}
			cmd, err := newCommand(c, args, atStart, stdin, stdout, stderr)
			if err != nil {
				return err
			}
			code = cmd.run()
			return nil
		},
	}
	if err := app.RunContext(context.Background(), args); err != nil {
		return printRunError(stderr, err)
	}
	return code
}

// printRunError prints the error that ended a run, with a hint for a
// usage error, and returns ExitError.
func printRunError(stderr io.Writer, err error) int {
	var ue *usageError
	if errors.As(err, &ue) || strings.Contains(err.Error(), "flag") {
		fmt.Fprintf(stderr, "textclean: %v\ntextclean: hint: run 'textclean --help' for usage\n", err)
	} else {
		fmt.Fprintf(stderr, "textclean: %v\n", err)
	}
	return ExitError
}

// The names of the flags that are not rule switches.
const (
	flagDiff          = "diff"
	flagList          = "list"
	flagWrite         = "write"
	flagCheck         = "check"
	flagOutput        = "output"
	flagReport        = "report"
	flagStrict        = "strict"
	flagNFKC          = "nfkc"
	flagASCIIPunct    = "ascii-punct"
	flagExplain       = "explain"
	flagNoSentences   = "no-sentences"
	flagNoMoves       = "no-moves"
	flagMinWords      = "min-sentence-words"
	flagMinLength     = "min-length"
	flagParagraphs    = "paragraphs"
	flagJobs          = "jobs"
	flagQuiet         = "quiet"
	flagInclude       = "include"
	flagExclude       = "exclude"
	flagFollow        = "follow"
	flagRecursive     = "recursive"
	categoryFolders   = "Folders"
	flagJSONL         = "jsonl"
	flagField         = "field"
	flagIDField       = "id-field"
	flagBadLines      = "bad-lines"
	categoryJSONL     = "JSON Lines"
	flagAcross        = "across"
	flagBoilerplate   = "boilerplate"
	flagState         = "state"
	flagNoJunk        = "no-boilerplate"
	flagJunkFile      = "boilerplate-file"
	flagSimilarity    = "similarity"
	flagNoNear        = "no-near"
	flagMinNearWords  = "min-near-words"
	flagMaxSize       = "max-size"
	flagEncoding      = "encoding"
	flagWHATWG        = "whatwg-entities"
	flagHTML          = "html"
	flagColor         = "color"
	flagStats         = "stats"
	ruleFlagPrefix    = "no-"
	categoryOutput    = "Output"
	categoryDedupe    = "Deduplication"
	categoryNormalize = "Normalization"
)

// ruleUsage explains each normalization rule's switch in one line.
var ruleUsage = map[normalize.Rule]string{
	normalize.BOM:            "keep a byte-order mark at the start of the input",
	normalize.Newlines:       "keep CRLF or CR line ends (the output uses the input's first line end)",
	normalize.Entities:       "keep HTML character references such as &amp; and &#8217; as they are",
	normalize.Controls:       "keep C0 and C1 control characters",
	normalize.Invisible:      "keep zero-width spaces, word joiners, soft hyphens and stray BOMs",
	normalize.Spaces:         "keep NBSP and other Unicode spaces instead of making them plain spaces",
	normalize.NFC:            "do not put the text in Unicode NFC",
	normalize.CollapseSpaces: "keep runs of spaces between words",
	normalize.Trim:           "keep spaces and tabs at the start and end of lines",
	normalize.BlankLines:     "keep runs of blank lines",
	normalize.Mojibake:       "leave mojibake (UTF-8 read as Windows-1252 or another single-byte code page: \"Itâ€™s\") unrepaired",
	normalize.Escapes:        "keep terminal escape sequences' text (\"[31m\"); their ESC still goes with the controls",
	normalize.Width:          "keep fullwidth letters, digits and punctuation (\"ＡＢＣ！\") and halfwidth katakana",
	normalize.Ligatures:      "keep Latin ligatures such as \"ﬁ\"",
	normalize.Hyphenation:    "leave words hyphenated across two lines (\"informa-\" / \"tion\") as they are",
}

func flags() []cli.Flag {
	fs := []cli.Flag{
		&cli.BoolFlag{Name: flagDiff, Aliases: []string{"d"}, Category: categoryOutput, Usage: "print a unified diff from each input to its clean text instead of the text"},
		&cli.StringFlag{Name: flagColor, Category: categoryOutput, Value: colorAuto, Usage: colorUsage},
		&cli.BoolFlag{Name: flagExplain, Category: categoryOutput, Usage: "print each normalization change (FILE:LINE:COLUMN: RULE: \"before\" → \"after\") instead of the text; with --report, list them in it"},
		&cli.BoolFlag{Name: flagList, Aliases: []string{"l"}, Category: categoryOutput, Usage: "print the names of the inputs whose clean text differs"},
		&cli.BoolFlag{Name: flagWrite, Aliases: []string{"w"}, Category: categoryOutput, Usage: "rewrite each changed file in place, atomically"},
		&cli.BoolFlag{Name: flagCheck, Category: categoryOutput, Usage: "exit 1 if any input would change; print nothing unless -l or -d is given"},
		&cli.StringFlag{Name: flagOutput, Aliases: []string{"o"}, Category: categoryOutput, Usage: "write the clean text to `FILE` instead of standard output"},
		&cli.StringFlag{Name: flagMaxSize, Category: categoryOutput, Value: "1G", Usage: "refuse inputs larger than `SIZE` (bytes, or with K, M or G): a device such as /dev/zero stops there"},
		&cli.StringFlag{Name: flagHTML, Category: categoryOutput, Usage: "write a page for review to `FILE`: the clean text with what was removed struck through, and why; with several inputs, a folder, or a FILE that ends in / or is a folder, FILE is a folder of pages and an index.html"},
		&cli.BoolFlag{Name: flagStats, Category: categoryOutput, Usage: "end with a table on standard error of every count: files, bytes, paragraphs, each kind of removal, fixes by rule, speed"},
		&cli.StringFlag{Name: flagReport, Category: categoryOutput, Usage: "write the JSON report to `FILE` (- for standard output with -o, -w or --check), one JSON object per input"},

		&cli.BoolFlag{Name: flagRecursive, Aliases: []string{"r"}, Category: categoryFolders, Usage: "clean the files in folders named as paths, all the way down (folders are always walked; -r is accepted for habit)"},
		&cli.StringSliceFlag{Name: flagInclude, Category: categoryFolders, Usage: "clean only the files in folders whose name (or path below the folder) matches `GLOB`; repeatable (default: *.txt, *.text, *.md and files without an extension)"},
		&cli.StringSliceFlag{Name: flagExclude, Category: categoryFolders, Usage: "skip the files in folders whose name (or path below the folder) matches `GLOB`; repeatable"},
		&cli.BoolFlag{Name: flagFollow, Category: categoryFolders, Usage: "follow symbolic links in folders (they are skipped by default)"},
		&cli.IntFlag{Name: flagJobs, Aliases: []string{"j"}, Category: categoryFolders, Value: runtime.NumCPU(), DefaultText: "the number of CPUs", Usage: "clean `N` files at a time; output is in input order whatever N"},
		&cli.BoolFlag{Name: flagQuiet, Aliases: []string{"q"}, Category: categoryFolders, Usage: "print no progress bar and no summary line"},

		&cli.BoolFlag{Name: flagJSONL, Category: categoryJSONL, Usage: "inputs are JSON Lines: clean the --field string of each record, keep everything else byte for byte"},
		&cli.StringFlag{Name: flagField, Category: categoryJSONL, Value: "text", Usage: "the `NAME` of the field of each record to clean"},
		&cli.StringFlag{Name: flagIDField, Category: categoryJSONL, Value: "id", Usage: "the `NAME` of the field that names a record in the report (else its line number)"},
		&cli.StringFlag{Name: flagBadLines, Category: categoryJSONL, Value: "keep", Usage: "what to do with a line that is not a JSON object with a string --field: `MODE` keep (pass it through) or drop; warned either way"},

		&cli.BoolFlag{Name: flagAcross, Category: categoryDedupe, Usage: "across the inputs: remove a paragraph that an earlier input (in input order) keeps"},
		&cli.IntFlag{Name: flagBoilerplate, Category: categoryDedupe, Usage: "remove the paragraphs that `N` or more inputs keep (site footers, bylines) from all of them; 0 is off"},
		&cli.StringFlag{Name: flagState, Category: categoryDedupe, Usage: "with --across or --boilerplate: load the corpus of earlier runs from `FILE` (if it exists) and save it with this run's inputs added"},
		&cli.BoolFlag{Name: flagNoJunk, Category: categoryDedupe, Usage: "keep scraper junk lines (Advertisement, Read more, cookie and newsletter prompts): switch the built-in list off"},
		&cli.StringSliceFlag{Name: flagJunkFile, Category: categoryDedupe, Usage: "add the junk lines in `FILE`: one per line, plain text or re:REGEXP; repeatable"},
		&cli.Float64Flag{Name: flagSimilarity, Category: categoryDedupe, Value: dedupe.DefaultSimilarity, Usage: "remove a paragraph whose word-pair Jaccard similarity to a kept one nearby is at least `F` (0 < F <= 1)"},
		&cli.IntFlag{Name: flagMinNearWords, Category: categoryDedupe, Value: dedupe.DefaultMinNearWords, Usage: "match paragraphs of at least `N` words as near-duplicates or teasers; shorter ones must match exactly"},
		&cli.BoolFlag{Name: flagNoNear, Category: categoryDedupe, Usage: "do not remove near-duplicates and teasers"},
		&cli.BoolFlag{Name: flagNoSentences, Category: categoryDedupe, Usage: "do not remove repeated sentences"},
		&cli.BoolFlag{Name: flagNoMoves, Category: categoryDedupe, Usage: "leave a unique paragraph found inside a repeated run where it is"},
		&cli.IntFlag{Name: flagMinWords, Category: categoryDedupe, Value: dedupe.DefaultMinSentenceWords, Usage: "remove repeated sentences of at least `N` words"},
		&cli.IntFlag{Name: flagMinLength, Category: categoryDedupe, Value: dedupe.DefaultMinLength, Usage: "keep repeated paragraphs shorter than `N` characters unless they are inside a repeated run"},
		&cli.StringFlag{Name: flagParagraphs, Category: categoryDedupe, Value: "auto", Usage: "how paragraphs are found: `MODE` blocks (separated by blank lines), lines (one per line) or auto (whichever the input shows)"},

		&cli.StringFlag{Name: flagEncoding, Category: categoryNormalize, Value: "auto", Usage: "read inputs in `NAME` (windows-1252, iso-8859-2, utf-16le, shift_jis...), or auto: a byte-order mark decides, else UTF-8, else Windows-1252"},
		&cli.BoolFlag{Name: flagStrict, Category: categoryNormalize, Usage: "refuse input that is not valid UTF-8 instead of replacing bad bytes with U+FFFD"},
		&cli.BoolFlag{Name: flagWHATWG, Category: categoryNormalize, Usage: "decode character references exactly as browsers do in text, legacy names without ';' included (&section=2 becomes §ion=2)"},
		&cli.BoolFlag{Name: flagNFKC, Category: categoryNormalize, Usage: "use Unicode NFKC instead of NFC (lossy: km² becomes km2)"},
		&cli.BoolFlag{Name: flagASCIIPunct, Category: categoryNormalize, Usage: "fold curly quotes to ' and \", dashes to - and -- and … to ... (off by default: it loses typography)"},
	}
	for _, r := range normalize.Rules() {
		if r == normalize.InvalidUTF8 || !r.Default() {
			continue
		}
		fs = append(fs, &cli.BoolFlag{Name: ruleFlagPrefix + r.String(), Category: categoryNormalize, Usage: ruleUsage[r]})
	}
	for _, f := range fs {
		if b, ok := f.(*cli.BoolFlag); ok {
			b.DisableDefaultText = true // "(default: false)" on every switch is noise
		}
	}
	return fs
}

// options builds the cleaning options from the flags.
func options(c *cli.Context) (dedupe.Options, error) {
	// Nothing the command writes shows Result.Kept's keys: the signing of
	// --across, --boilerplate and the sign phase goes through corpus.Sign,
	// which makes them whatever SkipKeys and SkipKept say. Only the --html
	// page shows Result.Kept at all (where each kept paragraph stood):
	// newCommand sets SkipKept from it.
	o := dedupe.Options{SkipKeys: true}
	for _, r := range normalize.Rules() {
		if r != normalize.InvalidUTF8 && r.Default() && c.Bool(ruleFlagPrefix+r.String()) {
			o.Normalize.Skip |= normalize.Set(r)
		}
	}
	o.Normalize.Strict = c.Bool(flagStrict)
	o.Normalize.NFKC = c.Bool(flagNFKC)
	o.Normalize.ASCIIPunct = c.Bool(flagASCIIPunct)
	o.Normalize.WHATWGEntities = c.Bool(flagWHATWG)
	o.NoSentences = c.Bool(flagNoSentences)
	o.NoMoves = c.Bool(flagNoMoves)
	if o.MinSentenceWords = c.Int(flagMinWords); o.MinSentenceWords < 1 {
		return o, usagef("--%s must be at least 1", flagMinWords)
	}
	if o.MinLength = c.Int(flagMinLength); o.MinLength < 0 {
		return o, usagef("--%s must not be negative", flagMinLength)
	} else if o.MinLength == 0 {
		o.MinLength = -1 // dedupe: negative means "no protection"; 0 would mean the default
	}
	junk := &dedupe.Junk{NoBuiltin: c.Bool(flagNoJunk)}
	for _, name := range c.StringSlice(flagJunkFile) {
		f, err := os.Open(name)
		if err != nil {
			return o, fmt.Errorf("%s: %w", name, bare(err))
		}
		lines, patterns, err := dedupe.ParseJunk(f)
		f.Close()
		if err != nil {
			return o, fmt.Errorf("%s: %w", name, err)
		}
		junk.Lines = append(junk.Lines, lines...)
		junk.Patterns = append(junk.Patterns, patterns...)
	}
	o.Junk = junk
	switch sim := c.Float64(flagSimilarity); {
	case c.Bool(flagNoNear):
		o.Similarity = -1
	case sim <= 0 || sim > 1:
		return o, usagef("--%s must be above 0 and at most 1", flagSimilarity)
	default:
		o.Similarity = sim
	}
	if o.MinNearWords = c.Int(flagMinNearWords); o.MinNearWords < 1 {
		return o, usagef("--%s must be at least 1", flagMinNearWords)
	}
	style, err := dedupe.ParseStyle(c.String(flagParagraphs))
	if err != nil {
		return o, &usageError{fmt.Sprintf("--%s: %v", flagParagraphs, err)}
	}
	o.Paragraphs = style
	return o, nil
}
