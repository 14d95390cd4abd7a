package dedupe

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unsafe"

	"github.com/cespare/xxhash/v2"

	"github.com/textclean/textclean/internal/sentence"
)

// sentenceInfo is one sentence of a paragraph's current text. There is
// one for every sentence of the document, so it is kept to 12 bytes: the
// hash in two halves (as a uint64 it would align the struct to 8 bytes,
// and pad it to 16), whether the sentence is long in the lowest bit of
// the hash, and only the sentence's end, which fits in 32 bits (see
// maxText). Its start is the first byte after the end of the sentence
// before it that is not white space (see sentence.Start), found again
// where the text is read. On the 100 MB benchmark stream the slabs left
// once dropSingleLists has let go of those the rounds do not read hold
// 934k sentences, 11.2 MB at 12 bytes where they took 14.9 at 16: the
// CLI's peak RSS went from 227.7 to 224.2 MB (medians of 7 runs
// alternated, load 2.4-7.1, with those slabs collected).
type sentenceInfo struct {
	hashLo, hashHi uint32 // xxhash of its match key, its lowest bit replaced by long
	end            uint32 // where it ends in the text
}

// newSentenceInfo returns the sentenceInfo of a sentence that ends at end
// and whose match key has hash h; long says it has at least
// Options.MinSentenceWords words. The long bit is a function of the key,
// as the hash is: equal keys still have equal hashes.
func newSentenceInfo(end int, h uint64, long bool) sentenceInfo {
	h &^= 1
	if long {
		h |= 1
	}
	return sentenceInfo{hashLo: uint32(h), hashHi: uint32(h >> 32), end: uint32(end)}
}

// hash returns the hash of the sentence's match key, its lowest bit
// replaced by long.
func (s sentenceInfo) hash() uint64 { return uint64(s.hashHi)<<32 | uint64(s.hashLo) }

// long reports whether the sentence has at least Options.MinSentenceWords
// words.
func (s sentenceInfo) long() bool { return s.hashLo&1 != 0 }

// endBefore returns where the sentence before sentence k of sents ends (0 for
// the first): its start is the first byte from there that is not white
// space (see sentence.Start).
func endBefore(sents []sentenceInfo, k int) uint32 {
	if k == 0 {
		return 0
	}
	return sents[k-1].end
}

// spanOf returns the span of sentence k of sents, the sentences of text.
func spanOf(text string, sents []sentenceInfo, k int) span32 {
	return span32{uint32(sentence.Start(text, int(endBefore(sents, k)))), sents[k].end}
}

// keptSentence is a long sentence of a round's order, and filed in the
// round's table if it is the first occurrence of its key: 12 bytes, where
// its text would take 16 more. Where it stands in the
// paragraph's original text is worked out only for the few that are
// repeated (see sentenceRound).
type keptSentence struct {
	para int32 // paragraph index
	// From the end of the sentence before it (0 for the first) to its
	// end in the paragraph's text at the time: where it starts is found
	// only when its text is read (see span), not for every sentence
	// looked up.
	cur span32
}

// span returns where s stands in text, its paragraph's text at the time.
func (s keptSentence) span(text string) span32 {
	return span32{uint32(sentence.Start(text, int(s.cur.start))), s.cur.end}
}

// span32 is a span of a paragraph's text in 32 bits: see maxText.
type span32 struct{ start, end uint32 }

// sentenceTable finds earlier occurrences of sentences by their key.
type sentenceTable struct {
	first keyIndex // key → index in paras and spans
	// The sentences filed, in two lists, each of which fits the memory
	// that the sentence round borrows more often than one of
	// keptSentences would (see cleaner.roundSpares): a sentence's
	// paragraph and its span.
	paras []int32
	spans []span32
	// textOf returns the text a paragraph had when its sentences were
	// filed.
	textOf func(para int32) string
	// touched sums what touch loaded, so that the loads are made.
	touched uint32
}

// newSentenceTable returns a sentenceTable sized for n sentences that
// reads the paragraphs' texts with textOf, in memory lent from spares
// where they have room (see lend).
//
// The index is lent first, as the largest: spares are taken first fit,
// and with the spans and paragraphs lent before it, a share of more than
// 196,608 sentences (an index of 4 MiB) found no spare left with room for
// it and made its own. On the 100 MB stream with 30% of its lines
// repeated (244,000-250,000 sentences a share) the spares were 4.47, 2.24,
// 2.24 and 2.24 MB: the spans and paragraphs took part of the first, and
// the two rounds made four 4 MiB indexes, all resident until the rounds'
// end (helper reps). The stream itself (188,000 a share) is unchanged:
// its 2 MiB index fit after them too.
func newSentenceTable(n int, textOf func(para int32) string, spares []spare) *sentenceTable {
	t := &sentenceTable{textOf: textOf}
	t.first = lentKeyIndex(n, spares, func(k int32) string { return t.text(t.sentence(k)) })
	t.spans, t.paras = lend[span32](spares, n)[:0], lend[int32](spares, n)[:0]
	return t
}

// sentence returns the sentence filed at index k.
func (t *sentenceTable) sentence(k int32) keptSentence {
	return keptSentence{t.paras[k], t.spans[k]}
}

// text returns the text of sentence s.
func (t *sentenceTable) text(s keptSentence) string {
	text := t.textOf(s.para)
	sp := s.span(text)
	return text[sp.start:sp.end]
}

// touch tells t that h is looked up soon: it loads the slot where its
// lookup starts (see tagIndex.touch).
func (t *sentenceTable) touch(h uint64) { t.touched += t.first.tags.touch(h) }

// find returns the earlier occurrence of s (with hash h), or records s as
// the first one and returns ok false.
func (t *sentenceTable) find(h uint64, s keptSentence) (keptSentence, bool) {
	// s is filed for the key index to read, and taken back if it is a
	// repeat.
	t.paras, t.spans = append(t.paras, s.para), append(t.spans, s.cur)
	k, ok := t.first.findOrAdd(h, int32(len(t.paras)-1))
	if ok {
		t.paras, t.spans = t.paras[:len(t.paras)-1], t.spans[:len(t.spans)-1]
	}
	return t.sentence(k), ok
}

// sentenceLists holds the sentences of every paragraph's current text, cut
// from a few large slabs: a paragraph's list is a sentenceRef of 8 bytes
// where a slice would take 24, and the zero sentenceRef says that the text
// is not split yet. Each goroutine of prepare cuts lists from slabs of its
// own (see scratch), which it adds to slabs under the lock; keyText reads
// a list made already under the lock too (see ofWhilePreparing), and the
// rounds read the lists once prepare is done.
type sentenceLists struct {
	refs  []sentenceRef // by paragraph
	mu    sync.Mutex    // for slabs
	slabs [][]sentenceInfo
	// anyDropped says that paragraphs of the order may have a list
	// dropped (see dropSingleLists and splitDropped).
	anyDropped bool
	// pending says that prepare split every text and left
	// dropSingleLists to the first paragraph round (see
	// cleaner.dropPendingLists).
	pending bool
}

// sentenceRef is n sentences from offset off of slab number slab-1 of a
// sentenceLists, or the whole slab if n is wholeSlab; slab 0 is no list.
// A slab shared by lists holds at most sharedSlab sentences (see cut), so
// their offsets and lengths fit 16 bits; a list of more has a slab of its own,
// and an empty list offset 0.
type sentenceRef struct {
	slab   uint32
	off, n uint16
}

// wholeSlab is the n of a sentenceRef whose list is its whole slab.
const wholeSlab = math.MaxUint16

// sharedSlab is the most sentences a slab shared by lists holds; its
// offsets must fit a sentenceRef's 16 bits, which the conversion below
// checks when the package compiles.
const sharedSlab = 4096

const _ = uint16(sharedSlab)

// in returns r's list, cut from its slab.
func (r sentenceRef) in(slab []sentenceInfo) []sentenceInfo {
	if r.n == wholeSlab {
		return slab[:len(slab):len(slab)]
	}
	return slab[r.off : r.off+r.n : r.off+r.n]
}

// of returns paragraph i's sentences, and false if its text is not split.
func (l *sentenceLists) of(i int) ([]sentenceInfo, bool) {
	r := l.refs[i]
	if r.slab == 0 {
		return nil, false
	}
	return r.in(l.slabs[r.slab-1]), true
}

// ofWhilePreparing returns paragraph i's sentences, split already, like
// of; unlike of, it reads the slabs under the lock, so it is safe while
// prepare's goroutines add to them.
func (l *sentenceLists) ofWhilePreparing(i int) []sentenceInfo {
	r := l.refs[i]
	l.mu.Lock()
	slab := l.slabs[r.slab-1]
	l.mu.Unlock()
	return r.in(slab)
}

// split reports whether paragraph i's text is split and its list kept.
// Unlike of, it reads only the paragraph's own entry, not the slabs that
// prepare's goroutines add to.
func (l *sentenceLists) split(i int) bool { return l.refs[i].slab != 0 }

// droppedList is the sentenceRef of a paragraph whose text was split and
// whose list dropSingleLists let go of: slab 0, as a text not split, so
// that of and sentenceAsks.of find no list, but n 1.
var droppedList = sentenceRef{n: 1}

// dropped reports whether dropSingleLists let go of paragraph i's list.
func (l *sentenceLists) dropped(i int) bool { return l.refs[i] == droppedList }

// cut returns room for n sentences of paragraph i, cut from the slab of s,
// and files it as the paragraph's list. Each new slab is twice the last of
// s, from 64 up to sharedSlab sentences, so that a short document does not take
// a large one; a paragraph of more sentences than that has a slab of its
// own (of exactly its sentences).
func (l *sentenceLists) cut(i, n int, s *scratch) []sentenceInfo {
	if s.slab == 0 || len(s.infos)+n > cap(s.infos) {
		size := min(max(2*cap(s.infos), 64), sharedSlab)
		s.infos = make([]sentenceInfo, 0, max(n, size))
		l.mu.Lock()
		l.slabs = append(l.slabs, s.infos[:cap(s.infos)])
		s.slab = uint32(len(l.slabs))
		l.mu.Unlock()
	}
	k := len(s.infos)
	s.infos = s.infos[:k+n]
	switch {
	case n >= wholeSlab: // k is 0, and the slab has room for n only
		l.refs[i] = sentenceRef{slab: s.slab, n: wholeSlab}
	case n == 0:
		// Any offset does, and k may not fit 16 bits: after a list of
		// more sentences, in a slab of its own, it is that list's length.
		l.refs[i] = sentenceRef{slab: s.slab}
	default:
		l.refs[i] = sentenceRef{s.slab, uint16(k), uint16(n)}
	}
	return s.infos[k : k+n : k+n]
}

// sentencesOf returns the sentences of paragraph i's current text, split and
// hashed once per text.
func (c *cleaner) sentencesOf(i int) []sentenceInfo {
	if sents, ok := c.sentences.of(i); ok {
		return sents
	}
	return c.splitText(i, &c.scratch)
}

// splitText splits paragraph i's current text into sentences and hashes
// their keys, files and returns them, adds the long ones' hashes to s's
// twice set of sentences (or logs them: see scratch.addHash), and
// leaves the paragraph's match key in s.key: the keys of the sentences are
// made as parts of it, in one pass over the text. Like keyText, it reads
// only the paragraph's text and writes only its own entries.
func (c *cleaner) splitText(i int, s *scratch) []sentenceInfo {
	text := c.textOf(i)
	s.spans = sentence.AppendSplit(s.spans[:0], text)
	infos := c.sentences.cut(i, len(s.spans), s)
	c.hashSentences(text, infos, s)
	return infos
}

// hashSentences makes infos, the sentences s.spans of text, and adds the
// long ones' hashes to s's twice set as splitText does.
func (c *cleaner) hashSentences(text string, infos []sentenceInfo, s *scratch) {
	minWords := c.opts.minSentenceWords()
	s.key = appendKeys(s.key[:0], text, s.spans, func(k int, key []byte) {
		// The key has one space between words; in scripts written without
		// spaces each character counts as a word.
		long := hasWords(unsafe.String(unsafe.SliceData(key), len(key)), minWords) // read here only
		infos[k] = newSentenceInfo(s.spans[k].End, xxhash.Sum64(key), long)
		if long {
			s.addHash(sentenceHashes, infos[k].hash())
		}
	})
}

// bytesPerLongSentence is what Clean guesses a long sentence takes of the
// input, to size the twiceSet of sentences. It is about what they take on
// the 100 MB benchmark stream (63 bytes: 1.66 million long sentences),
// where the set is held to twiceMaxSlots anyway. In text of fewer long
// sentences, or longer ones, the set is larger than it needs to be; in
// text of shorter ones, smaller, and more of its answers are "may
// repeat", which costs lookups, never results.
const bytesPerLongSentence = 64

// sentenceRound removes from each output paragraph, in output order, the
// long sentences that appeared earlier in the kept text, drops paragraphs
// left empty, and reports whether it removed any. Paragraphs that the
// paragraph rules kept as repeats (c.keptRepeat) are left whole; their
// sentences still count as seen. It finds the sentences to cut first, on
// c.workers() goroutines (see repeatedSentences), and then cuts them
// (see cutRepeats). asks are those of repeatedSentences if they were
// made already, with the texts and twice set as they are, for
// c.workers() shares (see rounds), or nil.
func (c *cleaner) sentenceRound(asks *sentenceAsks) bool {
	// Every text of the order is split already, which added the hashes
	// of its sentences to c.twice: the paragraph round before keyed them
	// all (a text is split with its key), and only a sentence round
	// changes texts. The loop makes sure of it before the set is asked
	// about any sentence: were a text split after, the asks before it
	// would not count its sentences, and a sentence it repeats could be
	// taken for one that came once. Asks made before such a split are
	// made again.
	for _, i := range c.order {
		if !c.sentences.split(int(i)) && !c.sentences.dropped(int(i)) {
			c.sentencesOf(int(i))
			asks = nil
		}
	}
	if c.splitDropped() {
		asks = nil
	}
	c.cutParas, c.cutFrom, c.cutHashes = c.cutParas[:0], append(c.cutFrom[:0], 0), c.cutHashes[:0]
	repeats := c.repeatedSentences(c.workers(), asks)
	if len(repeats) == 0 {
		return false
	}
	c.cutRepeats(repeats)
	order := c.order[:0]
	for _, i := range c.order {
		if c.fate[i] != emptied {
			order = append(order, i)
		}
	}
	c.order = order
	return true
}

// splitDropped splits again the texts of the order whose lists
// dropSingleLists let go of, when a text cut since splits into other
// sentences than it kept (see cutsSplitAsKept): one of those may be a
// dropped list's sentence. It files again the lists that now have a
// sentence the round looks up, and reports whether it filed any. Every
// text of the order but those must be split.
//
// It adds no hash to the twice set: prepare added those of the dropped
// lists once, and the cut text's new sentences were added when it was
// split again, so a dropped list's sentence that a cut text now has may
// repeat. Added again, every sentence of every dropped list of the order
// was looked up from then on, and every list came back: on the 100 MB
// stream with cutSplitsOtherwise appended, peak RSS 263 MB, where main
// took 250 (3 runs each, load 3.6-3.8); now 235 MB. The lists it leaves
// dropped stay so until a cut splits otherwise again. There it splits
// the dropped texts of the order (285k lists were dropped) again on one
// goroutine, in 215-231 ms (3 runs, load 6); the stream itself, and 5 MB
// of damaged articles, never ask it to.
func (c *cleaner) splitDropped() bool {
	if !c.sentences.anyDropped || c.cutsSplitAsKept() {
		return false
	}
	var s scratch // no twice sets: it adds nothing
	var infos []sentenceInfo
	filed, left := false, false
	for _, i := range c.order {
		if !c.sentences.dropped(int(i)) {
			continue
		}
		text := c.textOf(int(i))
		s.spans = sentence.AppendSplit(s.spans[:0], text)
		infos = resize(infos, len(s.spans))
		c.hashSentences(text, infos, &s)
		if !slices.ContainsFunc(infos, c.looksUp) {
			left = true
			continue
		}
		copy(c.sentences.cut(int(i), len(infos), &c.scratch), infos)
		filed = true
	}
	c.sentences.anyDropped = left
	return filed
}

// looksUp reports whether sentenceRound looks s up: a long sentence that
// may have come twice (see twiceSet). A sentence that came once is the
// first of its kind wherever it stands, and nothing after it repeats it.
func (c *cleaner) looksUp(s sentenceInfo) bool {
	return s.long() && c.twice.sentences.mayRepeat(s.hash())
}

// cutRepeats cuts repeats, the repeated sentences of the order, in order,
// and records the cuts, on c.workers() goroutines.
//
// The cut records come first, all of them, each goroutine making those
// of a run of the repeats: both spans are mapped to the original by the
// pieces of the texts repeatedSentences read, as they were before any
// cut. Then the texts the cuts leave are made in waves: in each, every
// goroutine makes those of a run of whole paragraphs, about
// cutShareRepeats repeats (see cutTexts), and then one files them, in
// order (see fileCuts). The goroutines read the texts, sentences and
// cut texts (cutOf), and write only their own records and cutScratch: the
// cut texts, their places and the per-paragraph state change only as the
// waves are filed, and a wave reads only paragraphs that no wave before
// it cut. The waves bound the
// memory of the texts made and not filed yet: made all at once, they
// raised the CLI's peak RSS on the 100 MB stream by 2.4 MB (in waves
// 278.2-278.3 MB, all at once 280.6-281.0).
//
// On the 100 MB stream the first round cuts 19,880 sentences from 9,447
// paragraphs. Phase timers (CLI -o /dev/null, runs alternated, nice -15,
// load 10): the records and texts made one by one took 14.2-19.4 ms (CPU
// 14.2-15.5), all at once on two CPUs 9.2-11.6 ms (CPU 15.7-17.4; the
// filing, on one CPU, 2.1-2.5 ms of it); the waves did not change that
// beyond the noise (9.1-16.4 ms against 9.1-19.1).
func (c *cleaner) cutRepeats(repeats []sentenceRepeat) {
	workers := c.workers()
	first := len(c.cuts)
	c.cuts = slices.Grow(c.cuts, len(repeats))[:first+len(repeats)]
	runs := outputRuns(len(repeats), workers)
	inParallel(len(runs), func(k int) {
		for n := runs[k].lo; n < runs[k].hi; n++ {
			c.cuts[first+n] = c.cutRecord(repeats[n])
		}
	})
	paras, kept := c.cutSizes(repeats)
	if len(c.cutList) == 0 {
		// Sized at once: grown one paragraph at a time, the map made
		// filing the 100 MB stream's first round's cuts 2.8-3.2 ms of
		// CPU, not 2.0-2.2 (5 runs alternated, phase timers).
		c.cutList = make([]cutText, 0, paras)
		if denseCuts(paras, len(c.paras)) {
			c.cutAt, c.cutIndex = nil, make([]int32, len(c.paras))
		} else {
			c.cutAt = make(map[int32]int32, paras)
		}
	}
	// What fileCuts records, sized at once: grown by append, it left 0.6
	// MB of garbage on the 100 MB stream at the rounds' peak.
	c.cutParas, c.cutFrom = slices.Grow(c.cutParas, paras), slices.Grow(c.cutFrom, paras)
	c.cutHashes = slices.Grow(c.cutHashes, kept)
	scratches := make([]*cutScratch, workers)
	scratches[0] = &c.cutScratch
	for k := 1; k < workers; k++ {
		scratches[k] = &cutScratch{}
	}
	waves := (len(repeats) + workers*cutShareRepeats - 1) / (workers * cutShareRepeats)
	shares := repeatShares(repeats, waves*workers)
	for len(shares) > 0 {
		wave := shares[:min(workers, len(shares))]
		shares = shares[len(wave):]
		inParallel(len(wave), func(k int) { c.cutTexts(repeats[wave[k].lo:wave[k].hi], scratches[k]) })
		for k := range wave {
			c.fileCuts(&scratches[k].batch)
		}
	}
}

// cutSizes returns how many paragraphs repeats cut, and how many
// sentences those keep.
func (c *cleaner) cutSizes(repeats []sentenceRepeat) (paras, kept int) {
	for k, r := range repeats {
		if k == 0 || r.pos != repeats[k-1].pos {
			sents, _ := c.sentences.of(int(c.order[r.pos]))
			paras, kept = paras+1, kept+len(sents)
		}
	}
	return paras, kept - len(repeats)
}

// cutShareRepeats is about how many repeats a goroutine of cutRepeats
// cuts in a wave. Tests set it lower, so that their texts are cut in more
// than one wave.
var cutShareRepeats = 2048

// cutRecord returns the record of cutting repeat r.
func (c *cleaner) cutRecord(r sentenceRepeat) cutRecord {
	i := c.order[r.pos]
	sents, _ := c.sentences.of(int(i))
	s := spanOf(c.textOf(int(i)), sents, int(r.sentence))
	first := r.first.span(c.textOf(int(r.first.para)))
	return cutRecord{para: i, orig: origSpan(c.cutOf(int(i)).pieces, s),
		keptPara: r.first.para, keptOrig: origSpan(c.cutOf(int(r.first.para)).pieces, first)}
}

// repeatShares cuts repeats into at most n runs of about the same
// length, [lo, hi) each, that do not cut the repeats of a paragraph
// apart (they stand together: see repeatedSentences).
func repeatShares(repeats []sentenceRepeat, n int) []outputRun {
	shares := make([]outputRun, 0, n)
	lo := 0
	for k := 1; k <= n && lo < len(repeats); k++ {
		hi := max(len(repeats)*k/n, lo+1)
		for hi < len(repeats) && repeats[hi].pos == repeats[hi-1].pos {
			hi++
		}
		shares = append(shares, outputRun{lo: lo, hi: hi})
		lo = hi
	}
	return shares
}

// cutBatch is what cutTexts made of the paragraphs of a run of repeats,
// in order, for fileCuts.
type cutBatch struct {
	cuts   []madeCut
	hashes []uint64 // of the sentences each paragraph kept, one paragraph after the other
}

// madeCut is the text that cutting sentences left of paragraph para, and
// the sentences it kept: the next kept of its cutBatch's hashes.
type madeCut struct {
	para    int32
	kept    int32
	text    cutText
	emptied bool // the text is only white space
}

// cutTexts makes in b.batch the texts that cutting repeats leaves of
// their paragraphs. It reads the paragraphs' texts, sentences and cut
// texts (cutOf), and writes only b.
func (c *cleaner) cutTexts(repeats []sentenceRepeat, b *cutScratch) {
	batch := &b.batch
	paras, kept := c.cutSizes(repeats)
	batch.cuts, batch.hashes = slices.Grow(batch.cuts[:0], paras), slices.Grow(batch.hashes[:0], kept)
	for len(repeats) > 0 {
		pos := repeats[0].pos
		i := int(c.order[pos])
		sents, _ := c.sentences.of(i)
		b.cut = resize(b.cut, len(sents))
		k := 0
		for ; k < len(repeats) && repeats[k].pos == pos; k++ {
			b.cut[repeats[k].sentence] = true
		}
		repeats = repeats[k:]
		batch.cuts = append(batch.cuts, c.cutSentences(i, sents, b, &batch.hashes))
	}
}

// fileCuts gives the paragraphs of batch their new texts, and records for
// sentencesSettled the hashes of the sentences each kept.
func (c *cleaner) fileCuts(batch *cutBatch) {
	from := len(c.cutHashes)
	c.cutHashes = append(c.cutHashes, batch.hashes...)
	for _, m := range batch.cuts {
		i := int(m.para)
		from += int(m.kept)
		c.cutParas, c.cutFrom = append(c.cutParas, m.para), append(c.cutFrom, int32(from))
		c.fileCut(i, m.text)
		c.keyed[i], c.sentences.refs[i] = unkeyed, sentenceRef{}
		if c.near != nil { // near-duplicates are on
			c.near[i].made = 0
		}
		if m.emptied {
			c.fate[i] = emptied
		}
	}
}

// cutScratch is the memory cutTexts and cutSentences reuse: the text
// made, the spans of the old text kept with where each starts in the new,
// which sentences are cut, and the batch of texts made.
type cutScratch struct {
	text   []byte
	kept   []span
	starts []int
	cut    []bool
	batch  cutBatch
}

// origSpan maps span s of a text to the original text by the text's
// pieces.
func origSpan(ps pieces, s span32) span32 {
	return span32{uint32(ps.toOrig(int(s.start), false)), uint32(ps.toOrig(int(s.end), true))}
}

// cutSentences returns the text of paragraph i made of its sentences
// sents not marked in b.cut, and the mapping of that text to the
// original. Between two kept sentences it keeps the white space that
// stood between them or, where removed sentences stood between them, a
// line break if there was one and otherwise the space that followed the
// first. It appends to hashes those of the sentences it kept.
//
// The text is made in b, and copied once, at its size: a strings.Builder
// grown by doubling left garbage behind it, and slack in the text, for
// every paragraph cut.
func (c *cleaner) cutSentences(i int, sents []sentenceInfo, b *cutScratch, hashes *[]uint64) madeCut {
	text := c.textOf(i)
	b.text, b.kept, b.starts = b.text[:0], b.kept[:0], b.starts[:0]
	prevEnd := -1 // of the sentence kept before
	for k, s := range sents {
		if b.cut[k] {
			continue
		}
		start := int(spanOf(text, sents, k).start)
		if prevEnd >= 0 {
			between := text[prevEnd:start]
			switch {
			case strings.TrimSpace(between) == "":
				b.text = append(b.text, between...)
			case strings.Contains(between, "\n"):
				b.text = append(b.text, '\n')
			default:
				b.text = append(b.text, between[:len(between)-len(strings.TrimLeftFunc(between, unicode.IsSpace))]...)
			}
		}
		b.kept = append(b.kept, span{start, int(s.end)})
		*hashes = append(*hashes, s.hash())
		b.starts = append(b.starts, len(b.text))
		b.text = append(b.text, text[start:int(s.end)]...)
		prevEnd = int(s.end)
	}
	ct := c.cutOf(i)
	if !c.isCut(i) {
		ct.original = text
	}
	ct.pieces = ct.pieces.keep(b.kept, b.starts)
	ct.text = string(b.text)
	return madeCut{para: int32(i), kept: int32(len(b.kept)), text: ct, emptied: strings.TrimSpace(ct.text) == ""}
}

// dropPendingLists runs dropSingleLists, with its list of paragraphs lent
// from room, if prepare left it to the first paragraph round
// (sentenceLists.pending), and else does nothing. In a Clean the lists
// are pending exactly when rounds calls firstParagraphRound (two workers
// or more, sentences on); paragraphRound's call drops them for tests and
// benchmarks that run a round without it.
func (c *cleaner) dropPendingLists(room spare) {
	if c.sentences.pending {
		c.sentences.pending = false
		c.dropSingleLists(room)
	}
}

// dropSingleSentenceLists says whether prepare lets go of the sentence
// lists that no sentence round looks into (see dropSingleLists); tests
// turn it off to check that doing so changes nothing.
var dropSingleSentenceLists = true

// dropSingleLists lets go, once prepare has split every text and the twice
// set of sentences is complete, of the sentence lists of the paragraphs
// none of whose sentences the sentence round looks up (see looksUp): long
// sentences that came once, and short ones. It marks them droppedList, and
// moves the lists it keeps to the front of the slabs, in place, which lets
// go of the slabs left empty, their pages given back to the system at
// once (see releaseSlab). With sentences off (near-duplicates on) it
// lets go of them all: only bag hits read them after keyText, and
// appendSentenceSet splits a text whose list is dropped again.
//
// A long sentence of a dropped list came once among the texts prepare
// split (the set added its hash once): no other text had its key. (Short
// sentences are never looked up nor cut.) Texts change only by sentence
// cuts, and as long as each text cut since splits into the sentences it
// kept (see cutsSplitAsKept), no text has a sentence that the original
// texts did not, so no text has a dropped list's sentence but its own
// paragraph; when one does not, sentenceRound splits the dropped texts
// of the order again before it looks anything up (see splitDropped). On
// the 100 MB benchmark stream 274.5k of its 559.4k paragraphs keep their
// lists (930k of 1.67M sentences), and 180 of 418 slabs go (8.4 MiB):
// with sentenceInfo in 12 bytes, the CLI's peak RSS went from 242.0 to
// 226.8 MB (medians of 7 runs alternated, load 7-8).
//
// The lists of a slab are those one of prepare's goroutines cut, in the
// order of their paragraphs, which it takes in input order: sorted by
// slab, the paragraphs come in the order of their lists. Each list then
// moves to the first room after the lists moved before it that has room
// for it, which is never after where it stands, so none is overwritten
// before it moved. The room left after the last list of a slab is cleared,
// for askSentences, which reads all of it.
//
// On the 100 MB stream it takes 45-66 ms on one goroutine
// (BenchmarkDropSingleLists, load 3; 43-73 ms by phase timers in the CLI):
// the twice set's questions 37-44 ms, the moves 9, the release 1.5.
// Asked on two goroutines, or without a branch on each answer, they took
// as long (45-60 ms, 6 runs each, load 3-4): dropped. The first sentence
// round asks the set about the lists kept again (askSentences); making
// its asks here, from the answers given, would save most of that (about
// 930k questions), not tried. With sentences on, it runs beside the
// first paragraph round's junk lines and table (see
// cleaner.dropPendingLists), which kept the other CPU idle.
//
// The list of paragraphs it moves is lent from room, which must hold
// nothing until it returns.
func (c *cleaner) dropSingleLists(room spare) {
	l := &c.sentences
	if !dropSingleSentenceLists || l.refs == nil {
		return
	}
	keep := func([]sentenceInfo) bool { return false }
	if !c.opts.NoSentences {
		keep = func(sents []sentenceInfo) bool {
			for _, s := range sents {
				if c.looksUp(s) {
					return true
				}
			}
			return false
		}
	}
	slabs := l.slabs
	// The kept lists of slab k are counted in from[k+2]; summed, from[k+1]
	// is where its paragraphs start in paras, which lists them by slab,
	// and once they are filled in, where they end.
	from := make([]int, len(slabs)+2)
	for i, r := range l.refs {
		switch {
		case r.slab == 0:
		case keep(r.in(slabs[r.slab-1])):
			from[r.slab+1]++
		default:
			l.refs[i], l.anyDropped = droppedList, true
		}
	}
	for k := 2; k < len(from); k++ {
		from[k] += from[k-1]
	}
	// Borrowed from the decisions, which the first paragraph round makes
	// next (see lend and dropPendingLists).
	paras := lend[int32]([]spare{room}, from[len(from)-1])
	for i, r := range l.refs {
		if r.slab != 0 {
			paras[from[r.slab]] = int32(i)
			from[r.slab]++
		}
	}
	// from[k] is now where the kept paragraphs of slab k end.
	to, at := 0, 0   // the slab and offset the next list goes to
	next := func() { // on to the next slab, the room left cleared
		clear(slabs[to][at:])
		to, at = to+1, 0
	}
	lo := 0
	for k, slab := range slabs {
		for _, i := range paras[lo:from[k+1]] {
			r := l.refs[i]
			if r.n == wholeSlab { // its slab is k, its own: it stays
				for to < k {
					next()
				}
				to, at = k+1, 0
				continue
			}
			list := r.in(slab)
			// A slab of more than 2^16-1 sentences takes shared lists
			// up to there only: their offsets are 16 bits.
			for to < k && min(len(slabs[to]), wholeSlab-1)-at < len(list) {
				next()
			}
			copy(slabs[to][at:], list)
			l.refs[i] = sentenceRef{uint32(to + 1), uint16(at), uint16(len(list))}
			at += len(list)
		}
		lo = from[k+1]
	}
	used := to
	if to < len(slabs) {
		clear(slabs[to][at:])
		if at > 0 {
			used++
		}
	}
	for _, slab := range slabs[used:] {
		releaseSlab(slab)
	}
	clear(slabs[used:])
	l.slabs = slabs[:used]
	// The slab prepare's first goroutine was cutting from, the
	// cleaner's own, may be gone or filled by other lists.
	c.scratch.infos, c.scratch.slab = nil, 0
}
