package dedupe

import (
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
// one contiguous chunk per CPU, each prepared by a goroutine of its own
// into the paragraph's own entries, so the result is the same as making
// them one by one. Only the first round's texts are known here; the few
// that sentence cuts change are made again, one at a time, when a later
// round needs them.
func (c *cleaner) prepare() {
	workers := c.workers()
	if workers < 2 {
		return
	}
	runs := outputRuns(len(c.paras), workers)
	// The first run's buffers are the cleaner's own, which the rounds
	// then reuse: for one huge paragraph, they are as large as the input.
	// Each logs the slots in c.twice of the hashes it makes (see
	// hashLogs), which are added after, on every CPU.
	scratches := make([]*scratch, len(runs))
	scratches[0] = &c.scratch
	for k := 1; k < len(runs); k++ {
		scratches[k] = &scratch{twice: c.twice}
	}
	logs := make([]hashLogs, len(runs))
	for k, s := range scratches {
		// Room for a long sentence every 48 bytes, and a key and a bag
		// a paragraph: the logs seldom grow.
		if c.twice.sentences != nil {
			bytes := 0
			for _, text := range c.text[runs[k].lo:runs[k].hi] {
				bytes += len(text)
			}
			logs[k][sentenceHashes] = make([]uint32, 0, bytes/48)
		}
		if c.twice.bags != nil {
			logs[k][bagHashes] = make([]uint32, 0, runs[k].hi-runs[k].lo)
		}
		logs[k][keyHashes] = make([]uint32, 0, runs[k].hi-runs[k].lo)
		s.logs = &logs[k]
	}
	inParallel(len(runs), func(k int) {
		for i := runs[k].lo; i < runs[k].hi; i++ {
			c.keyText(i, scratches[k]) // and, with sentences or near-duplicates on, splitText
		}
	})
	c.scratch.logs = nil
	c.twice.addLogs(logs, workers)
	for _, s := range scratches[1:] {
		for _, t := range s.teasers {
			c.near[t.para].stem = int32(len(c.scratch.teasers))
			c.scratch.teasers = append(c.scratch.teasers, t)
		}
	}
}

// scratch is the buffers that one goroutine reuses to key and split texts.
type scratch struct {
	key     []byte
	spans   []sentence.Span
	infos   []sentenceInfo // the slab sentence lists are being cut from
	slab    uint32         // its number in sentenceLists.slabs, plus one
	teasers []teaserInfo   // of the texts keyed with it that are teasers
	bag     []uint64       // for bagOf
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
