package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/normalize"
)

// corpusTable is what --across and --boilerplate know of all the inputs:
// the select phase of package corpus, run in memory. For each paragraph
// kept anywhere, by its 128-bit key (not its text), the first input that
// keeps it and how many inputs do; for each input of this run, the keys
// it signed.
type corpusTable struct {
	entries map[dedupe.Key]corpusEntry
	names   []string // by input number: those of a --state file first
	base    int      // how many inputs the --state file had: this run's input seq is base+seq
	signed  map[int][]dedupe.Key
	policy  corpus.Policy
	// minLength is the length under which --across spares a paragraph, as
	// within a document.
	minLength int
}

// corpusEntry is the corpus.Summary of one paragraph, in little space: the
// input that keeps it is a number, its name is in corpusTable.names.
type corpusEntry struct {
	doc         int32 // the first input that keeps it
	first, last int32 // its lines there
	docs        int32 // how many inputs keep it
}

// newCorpusTable returns an empty table that judges with policy, sparing
// across copies shorter than minLength.
func newCorpusTable(policy corpus.Policy, minLength int) *corpusTable {
	return &corpusTable{
		entries:   make(map[dedupe.Key]corpusEntry),
		signed:    make(map[int][]dedupe.Key),
		policy:    policy,
		minLength: minLength,
	}
}

// summary is the corpus.Summary of the entry e of key k.
func (c *corpusTable) summary(k dedupe.Key, e corpusEntry) corpus.Summary {
	return corpus.Summary{
		Keeper: corpus.Signature{
			Key:   k,
			Doc:   corpus.Doc{Seq: int64(e.doc), Name: c.names[e.doc]},
			Lines: dedupe.LineRange{First: int(e.first), Last: int(e.last)},
		},
		Documents: int(e.docs),
	}
}

// add records the signatures of document doc (an input, or a record).
func (c *corpusTable) add(doc corpus.Doc, sigs []corpus.Signature) {
	for len(c.names) <= int(doc.Seq) {
		c.names = append(c.names, "")
	}
	c.names[doc.Seq] = doc.Name
	keys := make([]dedupe.Key, len(sigs))
	for i, sig := range sigs {
		s := corpus.Summarize(sig)
		if e, ok := c.entries[sig.Key]; ok {
			s = corpus.Merge(c.summary(sig.Key, e), s)
		}
		c.entries[sig.Key] = corpusEntry{
			doc:   int32(s.Keeper.Doc.Seq),
			first: int32(s.Keeper.Lines.First), last: int32(s.Keeper.Lines.Last),
			docs: int32(s.Documents),
		}
		keys[i] = sig.Key
	}
	c.signed[int(doc.Seq)] = keys
}

// removals returns the dedupe.Elsewhere of input number seq: the
// corpus.Removals of the verdicts on the paragraphs it signed.
func (c *corpusTable) removals(seq int64) dedupe.Elsewhere {
	var vs []corpus.Verdict
	for _, k := range c.signed[int(seq)] {
		if v, ok := c.policy.Judge(c.summary(k, c.entries[k]), seq); ok {
			vs = append(vs, v)
		}
	}
	return corpus.Removals(vs, c.minLength)
}

// errSkipped is sign's error for a binary file found in a folder: a
// warning, as when cleaning, not a failure.
var errSkipped = errors.New("binary file skipped")

// buildCorpus is the first pass of --across and --boilerplate: it signs
// every input (several at a time) and records, in input order, the
// paragraphs each keeps. Inputs that fail here are reported by the second
// pass.
func (cmd *command) buildCorpus(ctx context.Context) (*corpusTable, error) {
	c := newCorpusTable(corpus.Policy{Across: cmd.across, Boilerplate: cmd.boilerplate}, cmd.opts.MinLengthOrDefault())
	if cmd.state != "" {
		if err := c.loadState(cmd.state); err != nil {
			return nil, fmt.Errorf("%s: %w", cmd.state, err)
		}
	}
	cmd.seqBase = int64(c.base)
	cmd.sign(ctx, func(doc corpus.Doc, sigs []corpus.Signature, _ error) error {
		c.add(doc, sigs)
		return nil
	})
	cmd.removals = c.removals
	return c, nil
}

// sign is the sign phase over the inputs: it cleans every input, or every
// JSON Lines record, on its own (several at a time) and hands its
// signatures to emit in input order, with the error that kept an input
// from being signed. Input number n is document cmd.seqBase+n; record
// number n (counting the lines of all the inputs from 0) is document
// cmd.seqBase+n, or has the sequence number of its --seq-field.
func (cmd *command) sign(ctx context.Context, emit func(corpus.Doc, []corpus.Signature, error) error) error {
	if cmd.jsonl {
		return cmd.signJSONL(ctx, emit)
	}
	inputs := make(chan input)
	go cmd.selection.inputs(ctx, cmd.paths, inputs)
	type signed struct {
		doc  corpus.Doc
		sigs []corpus.Signature
		err  error
	}
	return orderedMap(ctx, cmd.jobs, inputs, func(in input) signed {
		s := signed{doc: corpus.Doc{Seq: cmd.seqBase + int64(in.seq), Name: in.name()}, err: in.err}
		if in.err != nil {
			return s
		}
		raw, _, err := cmd.read(in.path)
		if err != nil {
			s.err = err
			return s
		}
		decoded, err := normalize.Decode(raw, cmd.encoding, cmd.opts.Normalize.Strict)
		if err != nil {
			s.err = err
			return s
		}
		s.sigs, s.err = corpus.Sign(s.doc, decoded.Text, cmd.opts)
		if in.found && errors.Is(s.err, normalize.ErrBinary) {
			s.err = errSkipped
		}
		return s
	}, func(s signed) error {
		return emit(s.doc, s.sigs, s.err)
	})
}

// signJSONL is sign for JSON Lines: every record is a document, named
// FILE:LINE (or by its --id-field, with --seq-field). A line that is not a
// record is no document: it signs nothing.
func (cmd *command) signJSONL(ctx context.Context, emit func(corpus.Doc, []corpus.Signature, error) error) error {
	inputs := make(chan input)
	go cmd.selection.inputs(ctx, cmd.paths, inputs)
	format := cmd.format()
	base := int64(0)
	var firstErr error
	for in := range inputs {
		if ctx.Err() != nil {
			continue
		}
		if in.err != nil {
			emit(corpus.Doc{Name: in.name()}, nil, in.err)
			continue
		}
		r, closeInput := cmd.stdin, func() {}
		if in.path != "-" {
			f, _, err := cmd.open(in.path)
			if err != nil {
				emit(corpus.Doc{Name: in.name()}, nil, err)
				continue
			}
			r, closeInput = f, func() { f.Close() }
		}
		lines, readErr := readLines(ctx, r, cmd.maxSize)
		type signed struct {
			n    int
			doc  corpus.Doc
			sigs []corpus.Signature
		}
		read := 0
		err := orderedMap(ctx, cmd.jobs, lines, func(l jsonlLine) signed {
			s := signed{n: l.n}
			rec, err := format.Parse(l.text)
			if err != nil {
				return s
			}
			s.doc = format.Doc(rec, in.name(), l.n, cmd.seqBase+base+int64(l.n)-1)
			s.sigs, _ = corpus.Sign(s.doc, rec.Text, cmd.opts)
			return s
		}, func(s signed) error {
			read = s.n
			if s.doc.Name == "" {
				return nil
			}
			return emit(s.doc, s.sigs, nil)
		})
		if rerr := <-readErr; err == nil && rerr != nil {
			err = emit(corpus.Doc{Name: in.name()}, nil, rerr)
		}
		closeInput()
		if err != nil && firstErr == nil {
			firstErr = err
		}
		base += int64(read)
	}
	return firstErr
}
