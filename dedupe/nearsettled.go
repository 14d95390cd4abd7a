package dedupe

// nearLast is what the last dropNear saw, kept for the next one (see
// dropNearSettled), once one has run.
type nearLast struct {
	ran  bool
	cuts int     // len(c.cuts) when it ran: the texts cut since are c.cuts[cuts:]'s paragraphs
	bits []uint8 // by paragraph: nearTookPlace, nearDisturbed and nearKeptThen, then this round's nearChanged and nearFlagged

	// The memory dropNear and dropNearSettled reuse: the paragraphs of
	// nearTookPlace and nearDisturbed, the changes dropNearSettled
	// decided on, and its filter of the bags it asks about.
	tookPlace, disturbed []int32
	drops                []nearDrop
	askBags              []uint64

	// settledRounds counts the dropNears that dropNearSettled made, and
	// fallbacks those it left to a full one (a copy took a place it
	// does not allow): tests check that their inputs reach both.
	settledRounds, fallbacks int
}

// The bits of nearLast.bits.
const (
	// nearTookPlace: in the last round, the paragraph was a later copy
	// that took an earlier's place.
	nearTookPlace = 1 << iota
	// nearDisturbed: in the last round, a later copy took a place in the
	// paragraph's window after it was compared.
	nearDisturbed
	// nearKeptThen: keptRepeat, in the last round.
	nearKeptThen
	// nearChanged: since the last round, its text was cut or keptRepeat
	// changed. Made by dropNearSettled.
	nearChanged
	// nearFlagged: dropNearSettled compares it in full, and asks about
	// its bag. Made by dropNearSettled.
	nearFlagged
)

// nearDrop is a change that dropNearSettled decided on: paragraph para
// is a near-duplicate of kept, at similarity sim; with moved, kept is the
// later copy that took para's place.
type nearDrop struct {
	para, kept int32
	sim        float64
	moved      bool
}

// askBagsBits is the size of dropNearSettled's filter of the bags it asks
// about, in bits: 32 KB, in the fastest caches.
const askBagsBits = 1 << 18

// askBit returns the word and bit of bag in dropNearSettled's filter: its
// top 18 bits.
func askBit(bag uint64) (int, uint64) {
	b := bag >> (64 - 18)
	return int(b / 64), 1 << (b % 64)
}

// skipSettledNear says whether dropNear may compare only the paragraphs
// whose answer can differ from the last round's (see dropNearSettled);
// tests turn it off to check that doing so changes nothing.
var skipSettledNear = true

// noteNear records, after a dropNear, what the next one needs: where each
// paragraph of the output stands (see nearPos), which were kept repeats,
// which took a place and which were disturbed. The entries of paragraphs
// that left the output are not cleared: the order never takes a paragraph
// back, and the next dropNear reads only those of its order.
func (c *cleaner) noteNear(tookPlace, disturbed []int32) {
	l := &c.nearLast
	l.ran, l.cuts = true, len(c.cuts)
	l.tookPlace, l.disturbed = tookPlace, disturbed
	if len(l.bits) != len(c.paras) {
		l.bits = make([]uint8, len(c.paras))
	}
	for k, p := range c.order {
		c.copyOf[p] = int32(k) + 1 // see nearPos
		l.bits[p] = 0
		if c.keptRepeat[p] {
			l.bits[p] = nearKeptThen
		}
	}
	for _, p := range tookPlace {
		l.bits[p] |= nearTookPlace
	}
	for _, p := range disturbed {
		l.bits[p] |= nearDisturbed
	}
}

// nearPos returns 1 + the position of paragraph p, of the order, in the
// last dropNear's output (0 if it stood in none). noteNear keeps it in
// c.copyOf, whose entries of paragraphs in the order nothing else reads: a
// paragraph is given a copy when it leaves the order, and only removed
// paragraphs' copies are read (see finalCopy). A slice of its own took
// 1.9 MB more at the peak of the 100 MB stream (287.6 MB).
func (c *cleaner) nearPos(p int32) int32 { return c.copyOf[p] }

// dropNearSettled is dropNear for a round after the first in a document
// without teasers (no text, now or before, cut off with a mark): it
// compares in full only the paragraphs whose answer can differ from the
// last round's, and gives the others the answer they had, with the same
// result as a dropNear that compares them all. It reports whether it
// changed anything, with ok true; or, with ok false, that a later copy
// whose sentences another paragraph may have would take an earlier's
// place, which the proof below does not cover: it then has changed
// nothing, and dropNear runs in full.
//
// Between two dropNears the order only loses paragraphs and moves some
// ahead (see sentencesSettled), and texts change only by sentence cuts:
// every paragraph of the order was in the last round's output. In that
// round, a paragraph P that was compared (not a kept repeat, and with
// minWords words or more) and did not take a place found no teaser (there
// are none), no near-duplicate among the nearWindow kept just before it
// then, and no paragraph filed before it with its sentences; it was filed
// under its bag if that came twice. (bagIndex finds the first paragraph
// filed with the sentences, whatever else is filed, as long as each
// position filed holds the paragraph filed there: see
// bagIndex.findOrAdd.) P is flagged unless all of these hold:
//   - its text and keptRepeat are what they were (not nearChanged);
//   - it did not take a place then (not nearTookPlace);
//   - no paragraph before it in the order stood after it then (its
//     position then is above every one then of the paragraphs before it).
//
// Near-duplicates: nearest reads only P, the ids of its window (the
// nearWindow paragraphs at the end of the output so far), their texts and
// keptRepeat. If P is not flagged nor nearDisturbed, and its window holds
// the paragraphs that stood just before it then, none nearChanged,
// nearest finds nothing again; else it is run.
//
// Bags: P, not flagged, can find by its bag only a paragraph Q of its
// sentences that is flagged, or that takes a place this round. Else Q
// stands before P in the order, so it stood before P then; not flagged,
// Q was compared with the text it has, did not take a place, and was
// filed under its bag (which, P's too, came twice) before P looked: P
// would have found it then. So the paragraphs with the bag of a flagged
// paragraph, if that bag may have come twice, look theirs up and are
// filed, every paragraph of those sentences as in a full round (filings
// of other sentences change nothing for them); the others find nothing
// and are not filed, which no paragraph that looks up can tell. (A bag
// that came once is the only one of its sentences, which neither look up
// nor are filed in a full round.) The bags asked about are in a filter
// (askBags), a function of the bag: the paragraphs it passes that need
// not look up do so all the same, all of their sentences. A later copy
// that takes an earlier's place puts a paragraph under the earlier's
// filings, found by the paragraphs of its own sentences: it is allowed
// only when none has them (its bag came once, or it has none), and then
// no look-up tells it from the earlier, whose sentences it does not have.
//
// Starts and teasers: with no teaser, the start index files nothing and
// the teaser index is empty (see nearIndex.add), and no key is a teaser.
//
// By induction over the order, the output before each paragraph is the
// full round's: a paragraph whose answer is settled stays, and the others
// are compared as in full. The decisions are made first and written
// after, so that the round can end without a trace when a copy would take
// a place it does not allow.
func (c *cleaner) dropNearSettled(threshold float64, minWords int) (changed, ok bool) {
	l := &c.nearLast
	for _, cut := range c.cuts[l.cuts:] {
		l.bits[cut.para] |= nearChanged
	}
	l.askBags = resize(l.askBags, askBagsBits/64)
	asked := false
	latest := int32(0) // the latest position then of a paragraph before
	for _, p := range c.order {
		b := l.bits[p]
		if c.keptRepeat[p] != (b&nearKeptThen != 0) {
			b |= nearChanged
		}
		pos := c.nearPos(p)
		if b&(nearChanged|nearTookPlace) != 0 || pos == 0 || pos < latest {
			b |= nearFlagged
			if n := &c.near[p]; !c.keptRepeat[p] && n.words() >= minWords && n.bag != 0 && c.twice.bags.mayRepeat(n.bag) {
				w, bit := askBit(n.bag)
				l.askBags[w] |= bit
				asked = true
			}
		}
		latest = max(latest, pos)
		l.bits[p] = b
	}
	c.recentShingles = [nearWindow + 2]shingleSet{}
	out := c.spareOrder[:0]
	if cap(out) < len(c.order) {
		out = make([]int32, 0, len(c.order))
	}
	idx := &c.nearIdx
	idx.bags.reset()
	drops, tookPlace, disturbed := l.drops[:0], l.tookPlace[:0], l.disturbed[:0]
	// The window of a paragraph P not flagged holds if its last
	// min(nearWindow, at-1) paragraphs stood just before it then (P at
	// position at), none nearChanged: then it has no other, as every
	// paragraph before P stood before it then. Of the paragraphs at the
	// end of out, the last run stood one after the other then, none
	// nearChanged, the last at position lastPos (run 0: out is empty, or
	// ends with one nearChanged or that took a place).
	run, lastPos := 0, int32(0)
	keep := func(p int32) {
		out = append(out, p)
		at := c.nearPos(p)
		switch {
		case at == 0: // in no output before: no window holds it
			run, at = 0, -1
		case l.bits[p]&nearChanged != 0:
			run = 0
		case at == lastPos+1:
			run++
		default:
			run = 1
		}
		lastPos = at
	}
	for _, p := range c.order {
		i := int(p)
		at := c.nearPos(p)
		settled := l.bits[i]&(nearFlagged|nearDisturbed) == 0 && at == lastPos+1 && run >= min(nearWindow, int(at)-1)
		if c.keptRepeat[i] || settled && !asked {
			keep(p) // its near information unread: it stays, whatever its words and bag
			continue
		}
		n := &c.near[i]
		if n.words() < minWords {
			keep(p)
			continue
		}
		ask := false
		if asked && n.bag != 0 {
			w, bit := askBit(n.bag)
			ask = l.askBags[w]&bit != 0
		}
		if settled && !ask {
			keep(p)
			continue
		}
		pos, sim := -1, 0.0
		if !settled {
			pos, sim, _ = c.nearest(i, n, nil, out, idx, threshold)
		}
		if pos < 0 && ask && c.twice.bags.mayRepeat(n.bag) {
			if k, found := idx.bags.findOrAdd(c, i, n.bag, out); found {
				pos, sim = int(k), 1
			}
		}
		if pos < 0 {
			keep(p)
			continue
		}
		earlier := int(out[pos])
		if !c.moreComplete(i, earlier, false) {
			drops = append(drops, nearDrop{para: int32(i), kept: int32(earlier), sim: sim})
			continue
		}
		if n.bag != 0 && c.twice.bags.mayRepeat(n.bag) {
			l.drops, l.tookPlace, l.disturbed = drops, tookPlace, disturbed
			l.fallbacks++
			return false, false
		}
		// The later copy takes the earlier's place, as in dropNear.
		out[pos] = p
		tookPlace = append(tookPlace, p)
		disturbed = append(disturbed, out[pos+1:min(pos+1+nearWindow, len(out))]...)
		drops = append(drops, nearDrop{para: int32(earlier), kept: int32(i), sim: sim, moved: true})
		if pos >= len(out)-run { // the run ends after the new paragraph
			run = len(out) - 1 - pos
		}
	}
	for _, d := range drops {
		c.fate[d.para], c.copyOf[d.para] = near, d.kept
		c.similarity[int(d.para)] = d.sim
		if d.moved {
			c.fate[d.kept] = moved
			c.keptLater[int(d.para)] = true
		}
	}
	l.drops = drops
	c.order, c.spareOrder = out, c.order
	c.noteNear(tookPlace, disturbed)
	l.settledRounds++
	return len(drops) > 0, true
}
