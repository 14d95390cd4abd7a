package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/textclean/textclean/dedupe"
)

// corpus is what --across and --boilerplate know of all the inputs: for
// each paragraph kept anywhere, by its 128-bit key (not its text), the
// first input that keeps it and how many inputs do.
type corpus struct {
	entries     map[dedupe.Key]corpusEntry
	names       []string // by input number: those of a --state file first
	base        int      // how many inputs the --state file had: this run's input seq is base+seq
	across      bool
	boilerplate int // 0: off
	minLength   int // --across spares shorter paragraphs, as within a document
}

// corpusEntry is what the corpus knows of one paragraph.
type corpusEntry struct {
	doc         int32 // the first input that keeps it
	first, last int32 // its lines there
	docs        int32 // how many inputs keep it
	lastDoc     int32 // the last input counted in docs
}

// add records the paragraphs that input number doc, named name, keeps.
// Inputs must come in order.
func (c *corpus) add(doc int, name string, kept []dedupe.KeptParagraph) {
	for len(c.names) <= doc {
		c.names = append(c.names, "")
	}
	c.names[doc] = name
	for _, p := range kept {
		e, ok := c.entries[p.Key]
		switch {
		case !ok:
			e = corpusEntry{doc: int32(doc), first: int32(p.Lines.First), last: int32(p.Lines.Last), docs: 1, lastDoc: int32(doc)}
		case e.lastDoc != int32(doc):
			e.docs++
			e.lastDoc = int32(doc)
		}
		c.entries[p.Key] = e
	}
}

// lookup is the corpus as seen by input number doc.
type lookup struct {
	c   *corpus
	doc int32
}

// Find implements dedupe.Elsewhere: a paragraph that --boilerplate or more
// inputs keep goes from all of them; with --across, a paragraph that an
// earlier input keeps goes from the later ones.
func (l lookup) Find(k dedupe.Key, length int) (dedupe.Copy, bool) {
	e, ok := l.c.entries[k]
	switch {
	case !ok:
		return dedupe.Copy{}, false
	case l.c.boilerplate > 0 && int(e.docs) >= l.c.boilerplate:
		return dedupe.Copy{Documents: int(e.docs)}, true
	case l.c.across && e.doc < l.doc && length >= l.c.minLength:
		return dedupe.Copy{Doc: l.c.names[e.doc], Lines: dedupe.LineRange{First: int(e.first), Last: int(e.last)}}, true
	}
	return dedupe.Copy{}, false
}

// buildCorpus is the first pass of --across and --boilerplate: it cleans
// every input on its own (several at a time) and records, in input order,
// the paragraphs each keeps. Inputs that fail here are reported by the
// second pass.
func (cmd *command) buildCorpus(ctx context.Context) (*corpus, error) {
	c := &corpus{
		entries:     make(map[dedupe.Key]corpusEntry),
		across:      cmd.across,
		boilerplate: cmd.boilerplate,
		minLength:   cmd.opts.MinLengthOrDefault(),
	}
	if cmd.state != "" {
		if err := c.loadState(cmd.state); err != nil {
			return nil, fmt.Errorf("%s: %w", cmd.state, err)
		}
	}
	if cmd.jsonl {
		cmd.buildCorpusJSONL(ctx, c)
		return c, nil
	}
	inputs := make(chan input)
	go cmd.selection.inputs(ctx, cmd.paths, inputs)
	type signed struct {
		in   input
		kept []dedupe.KeptParagraph
	}
	orderedMap(ctx, cmd.jobs, inputs, func(in input) signed {
		s := signed{in: in}
		if in.err != nil {
			return s
		}
		text, _, err := cmd.read(in.path)
		if err != nil {
			return s
		}
		if r, err := dedupe.Clean(text, cmd.opts); err == nil {
			s.kept = r.Kept
		}
		return s
	}, func(s signed) error {
		c.add(c.base+s.in.seq, s.in.name(), s.kept)
		return nil
	})
	return c, nil
}

// lookupFor returns the corpus as seen by an input.
func (c *corpus) lookupFor(in input) lookup {
	return lookup{c, int32(c.base + in.seq)}
}

// lookupAt returns the corpus as seen by JSON Lines record number doc
// (counting every line of the inputs before it).
func (c *corpus) lookupAt(doc int) lookup {
	return lookup{c, int32(c.base + doc)}
}

// buildCorpusJSONL is buildCorpus for JSON Lines: every record is a
// document, numbered by its line among all the inputs' lines, and named
// FILE:LINE.
func (cmd *command) buildCorpusJSONL(ctx context.Context, c *corpus) {
	inputs := make(chan input)
	go cmd.selection.inputs(ctx, cmd.paths, inputs)
	base := 0
	for in := range inputs {
		if in.err != nil || ctx.Err() != nil {
			continue
		}
		f, err := os.Open(in.path)
		if err != nil {
			continue // the second pass reports it
		}
		lines, readErr := readLines(ctx, f)
		type signed struct {
			n    int
			kept []dedupe.KeptParagraph
		}
		read := 0
		orderedMap(ctx, cmd.jobs, lines, func(l jsonlLine) signed {
			s := signed{n: l.n}
			if text, _, err := cmd.recordText(l); err == nil {
				if r, err := dedupe.Clean(text, cmd.opts); err == nil {
					s.kept = r.Kept
				}
			}
			return s
		}, func(s signed) error {
			read = s.n
			c.add(c.base+base+s.n-1, fmt.Sprintf("%s:%d", in.name(), s.n), s.kept)
			return nil
		})
		<-readErr
		f.Close()
		base += read
	}
}
