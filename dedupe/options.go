package dedupe

import (
	"fmt"

	"github.com/textclean/textclean/normalize"
)

// Defaults for the zero values of Options.
const (
	// DefaultMinLength is the length, in characters, under which a paragraph
	// that repeats on its own is kept as natural repetition.
	DefaultMinLength = 40
	// DefaultMinSentenceWords is the number of words under which a repeated
	// sentence is kept: short sentences ("He said no.") recur naturally.
	DefaultMinSentenceWords = 5
	// DefaultSimilarity is the word-shingle Jaccard similarity at or above
	// which a paragraph is a near-duplicate of an earlier one.
	DefaultSimilarity = 0.8
	// DefaultMinNearWords is the fewest words a paragraph needs to be
	// matched fuzzily: shorter ones (headings, quotes) must match exactly.
	DefaultMinNearWords = 10
)

// Style is how an input is split into paragraphs, and how the output
// separates them.
type Style int

const (
	// Auto chooses Blocks when a blank line stands between two lines of
	// text, and Lines otherwise.
	Auto Style = iota
	// Blocks: paragraphs are separated by blank lines and may span several
	// lines.
	Blocks
	// Lines: every line is a paragraph.
	Lines
)

var styleNames = [...]string{Auto: "auto", Blocks: "blocks", Lines: "lines"}

// String returns "auto", "blocks" or "lines".
func (s Style) String() string {
	if s >= 0 && int(s) < len(styleNames) {
		return styleNames[s]
	}
	return fmt.Sprintf("Style(%d)", int(s))
}

// ParseStyle returns the style named "auto", "blocks" or "lines".
func ParseStyle(name string) (Style, error) {
	for s, n := range styleNames {
		if n == name {
			return Style(s), nil
		}
	}
	return 0, fmt.Errorf("unknown paragraph style %q (want auto, blocks or lines)", name)
}

// Options controls Clean. The zero value is the recommended configuration.
type Options struct {
	// Normalize selects the normalization rules.
	Normalize normalize.Options
	// Paragraphs is how the input is split into paragraphs.
	Paragraphs Style
	// NoSentences switches off the removal of repeated sentences.
	NoSentences bool
	// NoMoves keeps a unique paragraph found inside a repeated run where it
	// stands instead of moving it into the kept copy.
	NoMoves bool
	// MinSentenceWords is the fewest words a sentence needs to be removed
	// as a repeat; 0 means DefaultMinSentenceWords.
	MinSentenceWords int
	// MinLength is the fewest characters a paragraph needs to be removed as
	// a repeat outside a repeated run; 0 means DefaultMinLength, and a
	// negative value removes every repeat, short or recurring.
	MinLength int
	// Elsewhere, if set, removes the paragraphs that other documents have:
	// dedup across a corpus.
	Elsewhere Elsewhere
	// Junk is the list of scraper junk lines to remove; nil is the
	// built-in list (BuiltinJunk), and &Junk{NoBuiltin: true} none.
	Junk *Junk
	// Similarity is the threshold for near-duplicates; 0 means
	// DefaultSimilarity, and a negative value switches them off.
	Similarity float64
	// MinNearWords is the fewest words a paragraph needs to be matched as
	// a near-duplicate or a teaser; 0 means DefaultMinNearWords.
	MinNearWords int
	// SkipKeys leaves the Key of every Result.Kept paragraph zero, for
	// callers that do not sign documents for dedup across them (with
	// package corpus, or keys of their own): a Key is a SHA-256 of the
	// paragraph's match key, made again for each kept paragraph, which on
	// a stream of short paragraphs (bench/run.sh's) is 8 to 9% of Clean's
	// CPU time. The rest of the Result is the same, and Elsewhere works as
	// without it (Clean makes the Keys it asks about). corpus.Sign does
	// not heed it.
	SkipKeys bool
	// SkipKept leaves Result.Kept nil, for callers that do not read it:
	// most write the clean text, a diff or a report of the changes, none
	// of which shows the kept paragraphs. Kept is one entry of 32 bytes a
	// kept paragraph, made after the rounds; Clean holds it while it
	// makes the clean text, the peak of its memory (on the 100 MB stream
	// of bench/run.sh, the CLI's -d peaks at 300 MB without it, 316 MB
	// with), and a report made from the Result comes on top of it
	// (--report: 286 MB and 73.6k page faults without, 292 MB and 81.7k
	// with). The rest of the Result is the same, and Elsewhere works as
	// without it. corpus.Sign does not heed it.
	SkipKept bool
	// NoCollect leaves the garbage collector to the caller. By default,
	// for an input of 16 MB or more, Clean runs a full collection of
	// the process between the rounds and the text and gives the free
	// memory back to the system (debug.FreeOSMemory), and CleanTo runs
	// one (runtime.GC). When it came in (the sixth session, when the
	// clean text was the peak), on the 100 MB stream of bench/run.sh it
	// lowered Clean's peak RSS from 456 to 356 MB for 33-47 ms of CPU
	// (about 2%); with 8 inputs of 20 MB cleaned at once on 2 cores
	// (BenchmarkCleanAtOnce), from 535-578 to 365-373 MB for 7-12% more
	// CPU, each call waiting 100-240 ms for its collection. Now that the
	// rounds are the peak it takes 14 to 29 MB off the CLI's, by the
	// options (thirteenth session; see collectBeforeText). A program that
	// cleans many big inputs at once, or runs the collector itself, may
	// set NoCollect.
	NoCollect bool
}

func (o *Options) similarity() float64 {
	if o.Similarity == 0 {
		return DefaultSimilarity
	}
	return o.Similarity
}

// nearOff reports whether the near-duplicate rule is switched off: a
// Similarity below 0. A threshold that is not a number is not below 0
// and leaves the rule running (though it finds nothing near at it), as
// it always did: whatever reads the rule's state must ask this.
func (o *Options) nearOff() bool { return o.similarity() < 0 }

func (o *Options) minNearWords() int {
	if o.MinNearWords <= 0 {
		return DefaultMinNearWords
	}
	return o.MinNearWords
}

// MinLengthOrDefault returns the MinLength in force: DefaultMinLength for 0,
// and 0 for a negative value.
func (o *Options) MinLengthOrDefault() int { return o.minLength() }

func (o *Options) minLength() int {
	switch {
	case o.MinLength == 0:
		return DefaultMinLength
	case o.MinLength < 0:
		return 0
	}
	return o.MinLength
}

func (o *Options) minSentenceWords() int {
	if o.MinSentenceWords <= 0 {
		return DefaultMinSentenceWords
	}
	return o.MinSentenceWords
}
