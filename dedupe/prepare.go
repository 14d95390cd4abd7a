package dedupe

import (
	"slices"

	"github.com/textclean/textclean/internal/sentence"
)

// parallelBytes is the input size from which Clean segments, prepares and
// writes the paragraphs on all CPUs (see cleaner.workers). Smaller
// documents are segmented and written on one, and prepared as the rounds
// need them: the CLI cleans many files at once with -j, and for a small
// document the goroutines would cost more than they save. A variable so
// tests can lower it.
var parallelBytes = 256 << 10

// prepare makes up front, for every paragraph, what depends on its text
// alone: the match key's Key, junk check and near-duplicate information,
// and the sentences, in one pass (keyText). The paragraphs are cut into
// batches of about prepareBatchBytes of text, and each batch into one
// contiguous chunk per CPU, each prepared by a goroutine of its own
// into the paragraph's own entries, so the result is the same as making
// them one by one. Only the first round's texts are known here; those
// that sentence cuts change are made again before the next paragraph
// round, in the same batches (keyCutTexts), or one at a time as a round
// needs them below parallelBytes of input.
func (c *cleaner) prepare() {
	workers := c.workers()
	if workers < 2 {
		return
	}
	scratches, logs := c.preparers(workers)
	for lo := 0; lo < len(c.paras); {
		// A batch takes a paragraph at least, whatever prepareBatchBytes.
		hi, bytes := lo, 0
		for hi < len(c.paras) && (hi == lo || bytes < prepareBatchBytes) {
			bytes += len(c.textOf(hi))
			hi++
		}
		c.prepareBatch(hi-lo, func(k int) int { return lo + k }, scratches, logs)
		lo = hi
	}
	c.dropSingleLists()
}

// preparers returns the scratches and logs of a prepareBatch on workers
// goroutines, the first scratch the cleaner's own.
func (c *cleaner) preparers(workers int) ([]*scratch, []hashLogs) {
	// The first goroutine's buffers are the cleaner's own, which the
	// rounds then reuse: for one huge paragraph, they are as large as
	// the input.
	scratches := make([]*scratch, workers)
	scratches[0] = &c.scratch
	for k := 1; k < workers; k++ {
		scratches[k] = &scratch{twice: c.twice}
	}
	return scratches, make([]hashLogs, workers)
}

// prepareBatchBytes is about how much text prepare works through between
// two adds of its logs to c.twice: the logs of the whole 100 MB
// benchmark stream took 12.5 MB, garbage once added, at the peak of
// Clean's memory. A variable so tests can lower it.
var prepareBatchBytes = 8 << 20

// prepareBatch prepares paragraphs para(0) to para(n-1), all different,
// on a goroutine per scratch, logging their hashes in logs (one hashLogs
// per scratch, reused from batch to batch), which it then adds to c.twice,
// and gathers the teasers the scratches other than the cleaner's own found
// in c.scratch.teasers, in the order of the batch. The scratches log only
// during the batch: the cleaner's own then adds the hashes the rounds
// make to c.twice again, which its callers need not see to
// (TestPrepareBatchStopsLogging).
func (c *cleaner) prepareBatch(n int, para func(k int) int, scratches []*scratch, logs []hashLogs) {
	// Each scratch logs the slots in c.twice of the hashes it makes (see
	// hashLogs), which are added after the batch, on every CPU.
	for k, s := range scratches {
		s.logs = &logs[k]
	}
	runs := outputRuns(n, len(scratches))
	for k := range runs {
		// Room for a long sentence every 48 bytes, and a key and a bag
		// a paragraph: the logs seldom grow.
		if c.twice.sentences != nil {
			bytes := 0
			for j := runs[k].lo; j < runs[k].hi; j++ {
				bytes += len(c.textOf(para(j)))
			}
			logs[k][sentenceHashes] = slices.Grow(logs[k][sentenceHashes][:0], bytes/48)
		}
		if c.twice.bags != nil {
			logs[k][bagHashes] = slices.Grow(logs[k][bagHashes][:0], runs[k].hi-runs[k].lo)
		}
		logs[k][keyHashes] = slices.Grow(logs[k][keyHashes][:0], runs[k].hi-runs[k].lo)
	}
	inParallel(len(runs), func(k int) {
		for j := runs[k].lo; j < runs[k].hi; j++ {
			c.keyText(para(j), scratches[k]) // and, with sentences or near-duplicates on, splitText
		}
	})
	for _, s := range scratches {
		s.logs = nil
	}
	c.twice.addLogs(logs[:len(runs)], len(scratches))
	for _, s := range scratches[1:] {
		for _, t := range s.teasers {
			c.setStem(t.para, len(c.scratch.teasers))
			c.scratch.teasers = append(c.scratch.teasers, t)
		}
		s.teasers = s.teasers[:0]
	}
	// The batch logged its paragraphs' keyStarts if the document had no
	// teaser: kept if it has one now.
	if c.starts == nil && len(c.scratch.teasers) > 0 {
		c.keepStarts(scratches)
	}
	for _, s := range scratches {
		s.starts = s.starts[:0]
	}
}

// scratch is the buffers that one goroutine reuses to key and split texts.
type scratch struct {
	key     []byte
	spans   []sentence.Span
	infos   []sentenceInfo // the slab sentence lists are being cut from
	slab    uint32         // its number in sentenceLists.slabs, plus one
	teasers []teaserInfo   // of the texts keyed with it that are teasers
	starts  []paraStart    // the keyStarts of the texts keyed with it in a batch, while the document has no teaser (see keepStarts)
	bag     []uint64       // for bagOf
	// The chunk of cleaner.wides it files whole sketches in (see
	// fileWide), and the index there of the chunk's first.
	wides    []sketch
	wideBase uint64
	// Where the hashes it makes of paragraph keys, long sentences and
	// bags go: into the cleaner's sets, or, while logs is not nil, their
	// slots there into logs.
	twice twiceSets
	logs  *hashLogs
}

// addHash adds h, a hash of kind kind (keyHashes, sentenceHashes or
// bagHashes), to s.twice's set of that kind, or logs its slot there while
// s.logs is not nil. It does nothing for a kind whose set is off.
func (s *scratch) addHash(kind int, h uint64) {
	switch set := s.twice.of(kind); {
	case set == nil:
	case s.logs != nil:
		s.logs[kind] = append(s.logs[kind], set.slot(h))
	default:
		set.add(h)
	}
}
