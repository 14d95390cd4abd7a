package dedupe

import (
	"slices"
	"unsafe"

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
	if c.opts.NoSentences {
		c.dropSingleLists(spareOf(c.decider.d))
	} else {
		c.sentences.pending = true // see dropPendingLists
	}
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
	// The logs, and the keyStarts logged while the document has no
	// teaser, in the memory of the decisions, which nothing holds before
	// the first paragraph round, nor between a paragraph round's end and
	// the next one's decide (see lendBatchLogs).
	room := newBatchRoom(c.decider.d)
	for k := range runs {
		// Room for a long sentence every 48 bytes, and a key, a bag and
		// a keyStart a paragraph: the logs seldom grow.
		paras := runs[k].hi - runs[k].lo
		if c.twice.sentences != nil {
			bytes := 0
			for j := runs[k].lo; j < runs[k].hi; j++ {
				bytes += len(c.textOf(para(j)))
			}
			logs[k][sentenceHashes] = grow(&room, logs[k][sentenceHashes], bytes/48)
		}
		if c.twice.bags != nil {
			logs[k][bagHashes] = grow(&room, logs[k][bagHashes], paras)
		}
		logs[k][keyHashes] = grow(&room, logs[k][keyHashes], paras)
		if c.starts == nil && c.near != nil {
			scratches[k].starts = grow(&room, scratches[k].starts, paras)
		}
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
		s.starts = dropLent(&room, s.starts)
	}
}

// batchRoom is the memory that prepareBatch lends its logs and keyStarts:
// a spare, and the span of memory it had at first, so as to tell what
// was lent from it for an earlier batch.
type batchRoom struct {
	spares   []spare
	from, to uintptr
}

// newBatchRoom returns the room of the decisions d (see lend).
func newBatchRoom(d []decision) batchRoom {
	s := spareOf(d)
	return batchRoom{spares: []spare{s}, from: uintptr(s.at), to: uintptr(s.at) + s.size}
}

// holds reports whether the memory of s is r's.
func holds[T any](r *batchRoom, s []T) bool {
	at := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	return cap(s) > 0 && r.from <= at && at < r.to
}

// grow returns s emptied, with room for n Ts: in r's room if it has it
// and lendBatchLogs is on, else in s's own memory or new memory. s may
// have been lent from r for an earlier batch, and then is not written
// again.
func grow[T lentMemory](r *batchRoom, s []T, n int) []T {
	if lendBatchLogs {
		if t, ok := borrow[T](r.spares, n); ok {
			return t[:0]
		}
	}
	return slices.Grow(dropLent(r, s)[:0], n)
}

// dropLent returns s emptied, or nil if its memory is r's: after the batch,
// nothing keeps what was lent.
func dropLent[T any](r *batchRoom, s []T) []T {
	if holds(r, s) {
		return nil
	}
	return s[:0]
}

// lendBatchLogs says whether prepareBatch makes its logs and the
// keyStarts it logs in the memory of the decisions (see lend). Both live
// only during a batch; before, grown by each batch that needed more, and
// the keyStarts by append, they left on the 100 MB stream 3.4 MB of
// garbage in the heap when round 1 began (the logs 1.1, the keyStarts
// 2.3), which no collection found before the rounds' peak. Tests turn it
// off to check that doing so changes nothing.
var lendBatchLogs = true

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
