package pipeline

import (
	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/corpus/jsonl"
	"github.com/textclean/textclean/dedupe"
)

// Config is what the pipeline's workers need to know, as plain values that
// Beam serializes with the DoFns. Its fields mean what textclean's flags of
// the same names do.
type Config struct {
	Field, IDField, SeqField string // --field, --id-field, --seq-field
	Across                   bool   // --across
	Boilerplate              int    // --boilerplate N
	MinLength                int    // --min-length (0 removes every repeat)
	NoSentences, NoMoves     bool   // --no-sentences, --no-moves
	NoNear, NoJunk           bool   // --no-near, --no-boilerplate
}

// DefaultConfig is textclean's defaults.
func DefaultConfig() Config {
	return Config{Field: "text", IDField: "id", MinLength: dedupe.DefaultMinLength}
}

// options are the cleaning options of c, as textclean builds them from
// its flags. Like textclean's, they skip Result.Kept (SkipKept) and its
// keys (SkipKeys), which apply does not use: sign makes them through
// corpus.Sign, which heeds neither.
func (c Config) options() dedupe.Options {
	o := dedupe.Options{NoSentences: c.NoSentences, NoMoves: c.NoMoves, MinLength: c.MinLength, SkipKeys: true, SkipKept: true}
	if o.MinLength == 0 {
		o.MinLength = -1 // dedupe: negative is "no protection"
	}
	if c.NoNear {
		o.Similarity = -1
	}
	o.Junk = &dedupe.Junk{NoBuiltin: c.NoJunk}
	return o
}

func (c Config) format() jsonl.Format {
	return jsonl.Format{Field: c.Field, IDField: c.IDField, SeqField: c.SeqField}
}

func (c Config) policy() corpus.Policy {
	return corpus.Policy{Across: c.Across, Boilerplate: c.Boilerplate}
}
