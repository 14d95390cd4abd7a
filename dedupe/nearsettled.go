package dedupe

import "slices"

// nearLast is what the last dropNear saw, kept for the next one (see
// dropNearSettled), once one has run.
type nearLast struct {
	ran  bool
	cuts int     // len(c.cuts) when it ran: the texts cut since are c.cuts[cuts:]'s paragraphs
	bits []uint8 // by paragraph: nearTookPlace, nearDisturbed and nearKeptThen, then this round's nearChanged and nearTakesPlace

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
	// nearTakesPlace: in this round, a later copy that took an earlier's
	// place. Made by dropNearSettled.
	nearTakesPlace
)

// nearFlagged is the bits that flag a paragraph (see Flags in
// dropNearSettled).
const nearFlagged = nearChanged | nearTookPlace

// nearDrop is a change that dropNearSettled decided on: paragraph para
// is a near-duplicate of kept, at similarity sim; with moved, kept is the
// later copy that took para's place.
type nearDrop struct {
	para, kept int32
	sim        float64
	moved      bool
}

// askBagsLog and askBagsBits are the size of dropNearSettled's filter of
// the bags it asks about, in bits: 32 KB, in the fastest caches.
const (
	askBagsLog  = 18
	askBagsBits = 1 << askBagsLog
)

// askBit returns the word and bit of bag in dropNearSettled's filter: its
// top askBagsLog bits.
func askBit(bag uint32) (int, uint64) {
	b := bag >> (32 - askBagsLog)
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
//
// First, while they are the last round's, it checks the order against
// those positions and kept repeats for sentencesSettled (nearSettled):
// once a sentence round has run, the last round's order held as a
// sentence round's does (see sentencesSettled).
func (c *cleaner) noteNear(tookPlace, disturbed []int32) {
	l := &c.nearLast
	c.nearSettled = c.sentenceRoundRan && l.ran && c.orderSettled(c.copyOf, l.bits)
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
// last dropNear's output, where every paragraph of the order stood (see
// dropNearSettled). noteNear keeps it in c.copyOf, whose entries of
// paragraphs in the order are not copies: a paragraph is given its copy
// when it leaves the order as a repeat, near-duplicate or teaser, and
// finalCopy reads only those (see cleaner.copyOf). A slice of its own,
// 2.2 MB on the 100 MB stream, raised the default mode's peak RSS from
// 285.6-286.9 MB to 287.4-287.9 MB.
func (c *cleaner) nearPos(p int32) int32 { return c.copyOf[p] }

// dropNearSettled is dropNear for a round after the first in a document
// without teasers (no text, now or before, cut off with a mark): it
// compares in full only the paragraphs whose answer can differ from the
// last round's, and gives the others the answer they had, with the same
// result as a dropNear that compares them all. It reports whether it
// changed anything, with ok true; or, with ok false, that a later copy
// would take an earlier's place where the proof below does not cover it
// (see Places): then it has changed no order, fate or copy, only
// nearLast.bits and the memory it reuses (nearLast's drops, tookPlace,
// disturbed and askBags, c.spareOrder, the bag index), which the full
// dropNear that runs next, or the next dropNearSettled, makes again
// before it reads them.
//
// The last round. Between two dropNears the order only loses paragraphs
// and moves some ahead (see sentencesSettled), and texts change only by
// sentence cuts: every paragraph of the order was in the last round's
// output, at position nearPos. In that round, a paragraph P that was
// compared (comparesNear) and did not take a place found no teaser
// (there are none), no near-duplicate among the nearWindow paragraphs
// kept just before it then, and no paragraph filed before it with its
// sentences; if its bag was non-zero and may have come twice
// (bagMayRepeat), it looked it up and was filed under it. (bagIndex
// finds the first paragraph filed with the sentences, whatever else is
// filed, as long as each position filed holds the paragraph filed there:
// see bagIndex.findOrAdd.)
//
// Flags. P is flagged (nearFlagged: a mask, not a bit of its own) if its
// text or keptRepeat changed since (nearChanged) or it took a place then
// (nearTookPlace). dropNearSettled does not take a flagged paragraph's
// last answer as settled. A flagged paragraph that is compared by its
// bag (comparesByBag) puts its bag in the filter askBags (a function of
// the bag: its top bits).
//
// Near-duplicates. nearest reads only P, the ids of its window (the
// last nearWindow paragraphs of the output so far), their texts and
// keptRepeat. P is settled if it is neither flagged nor nearDisturbed
// (no later copy took a place in its window after it was compared then)
// and the last min(nearWindow, len(out)) paragraphs of the output so far
// stood one after the other just before it then, none nearChanged: its
// window is the one it had then, or the end of it, with the same texts,
// and nearest finds nothing again. Else nearest is run.
//
// Bags. Two compared paragraphs of the same sentences, whose bag may
// repeat, are not both in the order unless one is flagged: in the last
// round both were compared with these sentences and neither took a
// place, and the later, which found nothing by nearest, looked its bag
// up and found the earlier, filed at a position that the earlier still
// held (else it had left the output). So the compared paragraphs whose
// bag passes the filter and may repeat (all the paragraphs of that bag,
// and of a few others) look it up and are filed, as in a full round; in
// a full round the others find nothing (no compared paragraph of their
// sentences is flagged, so no other compared one is in the order; but
// see Places), and their filings, which this round leaves out, no
// paragraph that looks up can tell: it finds the first filed with its
// sentences whatever else is filed. (A bag that came once is the only
// one of its sentences, which neither looks up nor is filed in a full
// round.)
//
// Places. A later copy T that takes the place of E, at position pos of
// the output so far, leaves pos filed under what was filed there, if
// anything. A paragraph of T's sentences, whose bag is T's, then finds T
// there if the 32-bit tag of its bag (bagIndex keeps no more) is that
// filing's: the same sentences, or a collision of tags, seeded, which no
// text can aim at. Such paragraphs look up in this round only if T's bag
// is non-zero, may repeat and passes the filter; if it does not pass,
// none of them is in the order (T, compared, is not flagged: see Bags).
// And pos is filed as in a full round if E did not itself take a place
// this round (then only E was filed at pos) and E's bag is 0 or came
// once (E was filed in neither round) or passes the filter (E looked it
// up in both). Only when T's bag is looked up and pos may be filed in
// the full round alone does dropNearSettled leave the round to a full
// dropNear.
//
// Starts and teasers: with no teaser, the start index files nothing and
// the teaser index is empty (see nearIndex.add), and no key is a teaser.
//
// By induction over the order, the output before each paragraph is the
// full round's: kept repeats and paragraphs of fewer than minWords
// words stay, as in full; a settled paragraph whose bag does not pass
// the filter stays; the others are compared as in full (by nearest
// unless settled, and by their bag if it passes). The decisions are made
// first and written after, so that a round left to a full dropNear has
// changed nothing that dropNear reads.
func (c *cleaner) dropNearSettled(threshold float64, minWords int) (changed, ok bool) {
	l := &c.nearLast
	for _, cut := range c.cuts[l.cuts:] {
		l.bits[cut.para] |= nearChanged
	}
	l.askBags = resize(l.askBags, askBagsBits/64)
	asked := false
	passes := func(bag uint32) bool { // by the filter of the bags asked about
		w, bit := askBit(bag)
		return l.askBags[w]&bit != 0
	}
	for _, p := range c.order {
		b := l.bits[p]
		if c.keptRepeat[p] != (b&nearKeptThen != 0) {
			b |= nearChanged
		}
		if b&nearFlagged != 0 && c.comparesByBag(int(p), minWords) {
			w, bit := askBit(c.near[p].bag)
			l.askBags[w] |= bit
			asked = true
		}
		l.bits[p] = b
	}
	c.recentShingles = [nearWindow + 2]shingleSet{}
	out := slices.Grow(c.spareOrder[:0], len(c.order))
	idx := &c.nearIdx
	idx.bags.reset()
	drops, tookPlace, disturbed := l.drops[:0], l.tookPlace[:0], l.disturbed[:0]
	// The last run paragraphs of out stood one after the other then, none
	// nearChanged nor a later copy that took a place this round; the last
	// of them stood at position lastPos then (run 0: none).
	run, lastPos := 0, int32(0)
	keep := func(p int32) {
		out = append(out, p)
		at := c.nearPos(p)
		switch {
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
		settled := l.bits[i]&(nearFlagged|nearDisturbed) == 0 && c.nearPos(p) == lastPos+1 && run >= min(nearWindow, len(out))
		if settled && !asked || !c.comparesNear(i, minWords) {
			keep(p) // settled and no bag asked about: it stays, whatever its near information
			continue
		}
		n := &c.near[i]
		// Whether it looks its bag up and files it: its bag passes the
		// filter (asked first: it is in the fastest caches) and
		// bagMayRepeat. The twice set does not change during the round,
		// so one answer serves both the look-up and the check of a
		// place. (The flag loop asked about the bags of the flagged
		// paragraphs too, a few: carried here in a bit of l.bits, the
		// answer cost more instructions than it saved.)
		ask := asked && passes(n.bag) && c.bagMayRepeat(n.bag)
		if settled && !ask {
			keep(p)
			continue
		}
		pos, sim := -1, 0.0
		if !settled {
			pos, sim, _ = c.nearest(i, n, nil, out, idx, threshold, false)
		}
		if pos < 0 && ask {
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
		if ask && !c.filedAsInFull(earlier, passes) {
			l.drops, l.tookPlace, l.disturbed = drops, tookPlace, disturbed
			l.fallbacks++
			return false, false
		}
		// The later copy takes the earlier's place, as in dropNear.
		out[pos] = p
		l.bits[i] |= nearTakesPlace
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

// filedAsInFull reports whether the position in dropNearSettled's output
// of paragraph e, which a later copy is about to take, is filed in its
// bag index as in a full dropNear (see Places in dropNearSettled): e did
// not take a place this round, and its bag is not looked up in either
// round (not bagMayRepeat: it is 0 or came once) or passes the filter of
// the bags asked about.
func (c *cleaner) filedAsInFull(e int, passes func(bag uint32) bool) bool {
	if c.nearLast.bits[e]&nearTakesPlace != 0 {
		return false
	}
	bag := c.near[e].bag
	return !c.bagMayRepeat(bag) || passes(bag)
}
