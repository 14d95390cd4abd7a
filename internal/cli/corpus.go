package cli

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/keyindex"
	"github.com/textclean/textclean/normalize"
)

// corpusTable is what --across and --boilerplate know of all the inputs:
// the select phase of package corpus, run in memory, in about 16 bytes a
// distinct paragraph and 12 an input, plus its name front-coded (often 4
// to 8 bytes), and 4 for each paragraph an input keeps that an earlier
// one keeps too.
//
// A paragraph is known by its tag (tagOf): the first 64 bits of its
// dedupe.Key, which are the first 64 of the SHA-256 of its match key;
// keyindex numbers the tags in the order inputs first keep them. Two
// paragraphs whose tags agree are taken for one: the later is removed as
// a copy of the earlier, or counted with it. By chance, some two of n
// distinct paragraphs agree in their tags with a probability of about
// n²/2^65: 3e-6 for 10 million, 2.7% for a billion. On purpose, a page
// that shares a chosen paragraph's tag takes about 2^64 SHA-256 sums to
// write, out of reach. (When keys were xxhash sums, such a page took
// microseconds to craft, and one that shared the whole 128-bit key 3 to
// 37 s of one core: TestAcrossForgedPage and TestWholeKeyForged keep them.) A
// paragraph's number gives the rest: how many inputs keep it (docs), its
// lines in the input that keeps it first (lines), and that input, since
// the inputs are added in order and each input's new paragraphs are
// numbered in a block of their own (firstPara). The paragraphs an input
// keeps that an earlier input kept first are listed by number (repeats),
// for removals.
type corpusTable struct {
	paragraphs keyindex.Index // the tags, numbered
	docs       []uint8        // by paragraph: how many inputs keep it, or manyDocs if 255
	manyDocs   map[uint32]int // by paragraph kept by 255 inputs or more: how many
	lines      lineRanges     // by paragraph: its lines in the input that keeps it first
	// By input number (a corpus.Doc's Seq), numbers no input had
	// included: those of a --state file first, then this run's.
	firstPara   []uint32 // its paragraphs are numbered firstPara[seq] up to the next input's
	firstRepeat []int    // its repeats start at repeats[firstRepeat[seq]]
	names       nameList
	repeats     []uint32
	base        int // how many inputs the --state file had: this run's input seq is base+seq
	policy      corpus.Policy
	// minLength is the length under which --across spares a paragraph, as
	// within a document.
	minLength int
}

// errTooManyParagraphs is add's error when the table is full.
var errTooManyParagraphs = fmt.Errorf("more than %d distinct paragraphs across the inputs", keyindex.MaxLen)

// newCorpusTable returns an empty table that judges with policy, sparing
// across copies shorter than minLength.
func newCorpusTable(policy corpus.Policy, minLength int) *corpusTable {
	return &corpusTable{manyDocs: make(map[uint32]int), policy: policy, minLength: minLength}
}

// inputs returns the number of inputs: one more than the last one's seq.
func (c *corpusTable) inputs() int { return len(c.firstPara) }

// name returns the name of input seq.
func (c *corpusTable) name(seq int) string { return c.names.at(seq) }

// own returns the numbers of the paragraphs that input seq keeps first:
// those from lo up to hi.
func (c *corpusTable) own(seq int) (lo, hi uint32) {
	hi = uint32(c.paragraphs.Len())
	if seq+1 < c.inputs() {
		hi = c.firstPara[seq+1]
	}
	return c.firstPara[seq], hi
}

// repeatsOf returns the numbers of the paragraphs that input seq keeps
// and an earlier input kept first.
func (c *corpusTable) repeatsOf(seq int) []uint32 {
	end := len(c.repeats)
	if seq+1 < c.inputs() {
		end = c.firstRepeat[seq+1]
	}
	return c.repeats[c.firstRepeat[seq]:end]
}

// keeper returns the input that keeps paragraph n first: the last input
// whose paragraphs start at or before n.
func (c *corpusTable) keeper(n uint32) int {
	after, _ := slices.BinarySearch(c.firstPara, n+1) // the first input whose paragraphs start after n
	return after - 1
}

// documents returns how many inputs keep paragraph n.
func (c *corpusTable) documents(n uint32) int {
	if d := c.docs[n]; d < math.MaxUint8 {
		return int(d)
	}
	return c.manyDocs[n]
}

// setDocuments records that d inputs keep paragraph n.
func (c *corpusTable) setDocuments(n uint32, d int) {
	if d < math.MaxUint8 {
		c.docs[n] = uint8(d)
		return
	}
	c.docs[n] = math.MaxUint8
	c.manyDocs[n] = d
}

// judge returns the verdict on paragraph n, which input keeper keeps
// first, in input seq, which keeps it, and whether there is one: the
// policy's corpus.Policy.Judge on its corpus.Summary. The keeper's key is
// the tag key of the paragraph (tagKey). The keeper's name and lines,
// which only the report reads, are decoded for verdicts only.
func (c *corpusTable) judge(n uint32, keeper int, seq int64) (corpus.Verdict, bool) {
	s := corpus.Summary{
		Keeper:    corpus.Signature{Key: tagKey(c.paragraphs.Key(n)), Doc: corpus.Doc{Seq: int64(keeper)}},
		Documents: c.documents(n),
	}
	v, ok := c.policy.Judge(s, seq)
	if ok {
		v.Keeper.Doc.Name = c.name(keeper)
		v.Keeper.Lines = c.lines.at(int(n))
	}
	return v, ok
}

// startInput makes seq, which must come after every input added, the
// last input, named name.
func (c *corpusTable) startInput(seq int, name string) {
	if seq < c.inputs() {
		panic(fmt.Sprintf("corpus table: input %d added after input %d", seq, c.inputs()-1))
	}
	for c.inputs() <= seq {
		if c.inputs() < seq {
			c.names.add("") // a number no input had
		}
		c.firstPara = append(c.firstPara, uint32(c.paragraphs.Len()))
		c.firstRepeat = append(c.firstRepeat, len(c.repeats))
	}
	c.names.add(name)
}

// add records the signatures of document doc (an input, or a record),
// which must come after every document added. Of the documents that keep
// a paragraph, the first added keeps it first: corpus.Merge's keeper, as
// Seq grows.
func (c *corpusTable) add(doc corpus.Doc, sigs []corpus.Signature) error {
	seq := int(doc.Seq)
	c.startInput(seq, doc.Name)
	for _, sig := range sigs {
		n, added, err := c.addParagraph(tagOf(sig.Key), 1, sig.Lines)
		switch {
		case err != nil:
			return err
		case added:
		case n >= c.firstPara[seq]:
			// The same tag twice in this document: one paragraph (or,
			// by a chance of n²/2^65, two whose tags agree).
		default:
			c.repeats = append(c.repeats, n)
			c.setDocuments(n, c.documents(n)+1)
		}
	}
	return nil
}

// addParagraph numbers the paragraph of tag t, which may be new, and
// reports whether it is new: a new one is recorded as kept by documents
// inputs, at lines in the first. It fails if the table is full.
func (c *corpusTable) addParagraph(t uint64, documents int, lines dedupe.LineRange) (n uint32, added bool, err error) {
	if c.paragraphs.Len() == keyindex.MaxLen {
		return 0, false, errTooManyParagraphs
	}
	if n, added = c.paragraphs.Add(t); added {
		c.docs = append(c.docs, 0)
		c.setDocuments(n, documents)
		c.lines.add(lines)
	}
	return n, added, nil
}

// removals returns the dedupe.Elsewhere of input number seq, one of this
// run's: the corpus.Removals of the verdicts on the paragraphs it signed,
// asked by tag; nil if there are none, so that Clean does not make the
// Key of each paragraph to ask about it (an appendKey and a SHA-256).
func (c *corpusTable) removals(seq int64) dedupe.Elsewhere {
	if seq < int64(c.base) || seq >= int64(c.inputs()) {
		return nil
	}
	var vs []corpus.Verdict
	lo, hi := c.own(int(seq))
	for n := lo; n < hi; n++ {
		if v, ok := c.judge(n, int(seq), seq); ok {
			vs = append(vs, v)
		}
	}
	for _, n := range c.repeatsOf(int(seq)) {
		if v, ok := c.judge(n, c.keeper(n), seq); ok {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return nil // corpus.Removals' nil, not wrapped
	}
	return byTag{corpus.Removals(vs, c.minLength)}
}

// tagOf returns the tag of the paragraph of key k: its first half, the
// first 8 bytes of the SHA-256 of the paragraph's match key (read
// big-endian). Being unkeyed, the same runs write the same --state file.
func tagOf(k dedupe.Key) uint64 { return k[0] }

// tagKey is the dedupe.Key that stands for the paragraphs of tag t in the
// table's verdicts, which know no more of a paragraph than its tag.
func tagKey(t uint64) dedupe.Key { return dedupe.Key{t, 0} }

// byTag is a dedupe.Elsewhere whose verdicts are keyed by tagKey: it asks
// them by the tag of the key it is asked.
type byTag struct{ verdicts dedupe.Elsewhere }

// Find implements dedupe.Elsewhere.
func (e byTag) Find(k dedupe.Key, length int) (dedupe.Copy, bool) {
	return e.verdicts.Find(tagKey(tagOf(k)), length)
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
	err := cmd.sign(ctx, func(doc corpus.Doc, sigs []corpus.Signature, err error) error {
		if err != nil {
			return nil // a document that signed nothing; and a JSON Lines input's error has no Seq
		}
		return c.add(doc, sigs)
	})
	if errors.Is(err, errTooManyParagraphs) {
		return nil, err
	}
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
		if in.err != nil || in.repeat() { // a repeat signs nothing: see metFiles
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
		r, closeInput, err := cmd.openStream(in.path)
		if err != nil {
			emit(corpus.Doc{Name: in.name()}, nil, err)
			continue
		}
		lines, readErr := readLines(ctx, r, cmd.maxSize)
		type signed struct {
			n    int
			doc  corpus.Doc
			sigs []corpus.Signature
		}
		read := 0
		err = orderedMap(ctx, cmd.jobs, lines, func(l jsonlLine) signed {
			s := signed{n: l.n}
			if in.repeat() { // its lines are counted, and sign nothing: see metFiles
				return s
			}
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
