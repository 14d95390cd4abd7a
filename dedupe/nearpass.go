package dedupe

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/cespare/xxhash/v2"

	"github.com/textclean/textclean/internal/splitmix"
)

// teaserEnds are the marks that cut a paragraph off, compared in lower case
// at the end of its text.
var teaserEnds = []string{"…", "...", "[…]", "(…)", "[...]", "read more", "continue reading",
	"weiterlesen", "lire la suite", "leer más", "leia mais", "continua a leggere", "читать далее"}

// teaserStem returns the match key of paragraph text without the mark
// that cuts it off, and whether it has one.
func teaserStem(text string) (string, bool) {
	text = strings.TrimRight(text, " \t")
	if text == "" {
		return "", false
	}
	// Only the end can hold a mark. A mark must match the end of the text
	// without regard to case, and the end of the text in lower case: the
	// first test needs no copy and fails for nearly every paragraph, so
	// the second lower-cases no more of the text than the longest mark
	// needs, and only when the first holds. Before either, the last byte:
	// an ASCII character folds to no other ASCII character than its other
	// case, and to none of the marks' last characters that are not ASCII.
	last := lowerASCII(text[len(text)-1])
	var lower string
	for _, end := range teaserEnds {
		if last < utf8.RuneSelf && last != end[len(end)-1] {
			continue
		}
		if len(text) < len(end) || !strings.EqualFold(text[len(text)-len(end):], end) {
			continue
		}
		if lower == "" {
			lower = strings.ToLower(text[max(0, len(text)-48):])
		}
		if strings.HasSuffix(lower, end) {
			rest := text[:len(text)-len(end)]
			stem := string(appendKey(nil, strings.TrimRight(rest, " .,;:-…[(")))
			return stem, stem != ""
		}
	}
	return "", false
}

// nearInfo is what near-duplicate matching knows of a paragraph's current
// text, made once per text: its number of words and its word sketch. It is
// kept for every paragraph, so it holds nothing of variable size: a
// teaser's stem is kept apart, in a teaserInfo (teasers are few), which
// cleaner.stems finds, and so are the hashes of the key's first words,
// which only teasers need (see keyStart), and so is the whole sketch of a
// key of more than wideWords words, whose index in cleaner.wides such a
// key keeps in place of its halfSketch (see wideOf, halfOf). It is 24
// bytes (40 with the whole sketch of every key): whether it is
// made and whether the text is a teaser are told by its count of words,
// kept one more, with a bit for a teaser, and whether the key has the
// words of a start or a group by the count of its words. (It was 56
// bytes, with a 64-bit bag, the teaser's index and the key's start here:
// 8.5 MiB more on the 100 MB stream, held through prepare and the rounds.)
type nearInfo struct {
	sketch halfSketch // of a key of more than wideWords words, its whole sketch's index in cleaner.wides
	bag    uint32     // the bag of its sentences (see bagOf), 0 if fewer than two
	// made is 1 + the words of the key once made for the current text,
	// else 0; or-ed with teaserBit for a teaser (a text cut off with a
	// mark: teaserStem). A word and what ends it take two bytes, so a key
	// has at most (len+1)/2 words, and made stays below teaserBit (see
	// maxText).
	made uint32
}

// teaserBit is the bit of nearInfo.made that says the text is a teaser.
const teaserBit = 1 << 31

// ok reports whether n is made for the paragraph's current text.
func (n *nearInfo) ok() bool { return n.made != 0 }

// words returns the number of words of the key.
func (n *nearInfo) words() int { return int(n.made&^teaserBit) - 1 }

// teaser reports whether the text is cut off with a mark (teaserStem).
func (n *nearInfo) teaser() bool { return n.made&teaserBit != 0 }

// teaserAt returns the index in c.scratch.teasers of the teaserInfo of
// paragraph i, a teaser.
func (c *cleaner) teaserAt(i int) int { return int(c.stems[i]) }

// setStem records that the teaserInfo of paragraph i, a teaser, is
// c.scratch.teasers[k]. Only the goroutine that keys with c.scratch
// calls it (prepareBatch, after the batch, for the others' teasers): the
// others' paragraphs change only their own nearInfo.
func (c *cleaner) setStem(i, k int) {
	if c.stems == nil {
		c.stems = make([]int32, len(c.near))
	}
	c.stems[i] = int32(k)
}

// hasStart reports whether the key has teaserWords words or more, and so
// a start (wordsOf ends a start at the teaserWords-th word it counts).
func (n *nearInfo) hasStart() bool { return n.words() >= teaserWords }

// hasGroup reports whether the key has teaserWords-1 words or more, and
// so a group.
func (n *nearInfo) hasGroup() bool { return n.words() >= teaserWords-1 }

// startHash returns the hash that the start index files a key's first
// teaserWords words under: 32 bits of their xxhash. Keys of different
// starts with one hash share a list, whose paragraphs the teaser's stem
// is compared with all the same; 32 bits keep keyStart 8 bytes.
func startHash(start string) uint32 { return uint32(xxhash.Sum64String(start)) }

// nearOf returns the near-duplicate information of paragraph i, which
// keyText makes with the key (a text's key and near information are only
// ever made and dropped together: see cutSentences).
func (c *cleaner) nearOf(i int) *nearInfo {
	c.ensureKey(i)
	return &c.near[i]
}

// setNear makes the near-duplicate information of paragraph i from its
// match key and its sentences, adds its bag to s's twice set of bags (or
// logs it: see scratch.addHash) and a teaser's teaserInfo to s.teasers.
func (c *cleaner) setNear(i int, key []byte, sents []sentenceInfo, s *scratch) {
	k := unsafe.String(unsafe.SliceData(key), len(key)) // read here only
	n := &c.near[i]
	words := wordsOf(k)
	if wide(words.n) {
		n.sketch = halfSketch{c.fileWide(&words.sketch, s)}
	} else {
		n.sketch = words.sketch.fold()
	}
	if n.bag, s.bag = bagOf(sents, s.bag); n.bag != 0 {
		s.addHash(bagHashes, uint64(n.bag))
	}
	teaser := uint32(0)
	if stem, ok := teaserStem(c.textOf(i)); ok {
		teaser = teaserBit
		if s == &c.scratch {
			c.setStem(i, len(s.teasers))
		}
		s.teasers = append(s.teasers, newTeaserInfo(i, stem))
	}
	// hasStart and hasGroup are told by the words counted: wordsOf sets
	// startEnd and groupEnd from the words' count.
	ks := keyStart{startHash(k[:words.startEnd]), uint32(xxhash.Sum64String(k[:words.groupEnd]))}
	n.made = uint32(words.n) + 1 | teaser
	switch {
	case c.starts != nil:
		c.starts[i] = ks
	case s.logs != nil: // in a batch of prepare's, which keeps them if it finds a teaser
		s.starts = append(s.starts, paraStart{int32(i), ks})
	case teaser != 0: // the document's first teaser, keyed on its own
		c.keepStarts(nil)
		c.starts[i] = ks
	}
}

// fileWide files sk, the whole sketch of a key of more than wideWords
// words, in c.wides, and returns its index there. Like sentence lists
// (sentenceLists.cut), each scratch files in a chunk of its own, which
// it adds to c.wides under c.wideMu: prepare's goroutines file theirs at
// once, and nothing reads c.wides while they run. The chunks never move:
// a slice grown by doubling left its old arrays behind as garbage. (With
// every sketch filed under the lock, BenchmarkClean on two CPUs took
// 3.5% more CPU time, 370.6 against 358.1 ms in 8 runs alternated: its
// articles have many long paragraphs.)
func (c *cleaner) fileWide(sk *sketch, s *scratch) uint64 {
	if len(s.wides) == cap(s.wides) {
		s.wides = make([]sketch, 0, wideChunk)
		c.wideMu.Lock()
		c.wides = append(c.wides, s.wides[:wideChunk])
		s.wideBase = uint64(len(c.wides)-1) * wideChunk
		c.wideMu.Unlock()
	}
	s.wides = append(s.wides, *sk)
	return s.wideBase + uint64(len(s.wides)-1)
}

// wideChunk is how many whole sketches a chunk of cleaner.wides holds:
// 8 KiB of them, what a document with one long key takes. (At 1024, 32
// KiB, BenchmarkClean's 1 MB of articles took 6 KB more a Clean than
// with every sketch in nearInfo, 4,264,528 B/op against 4,258,435.)
const wideChunk = 256

// wideOf returns the whole sketch of a key of more than wideWords words
// with near information n.
func (c *cleaner) wideOf(n *nearInfo) *sketch {
	k := n.sketch[0]
	return &c.wides[k/wideChunk][k%wideChunk]
}

// halfOf returns the halfSketch of the key with near information n.
func (c *cleaner) halfOf(n *nearInfo) halfSketch {
	if wide(n.words()) {
		return c.wideOf(n).fold()
	}
	return n.sketch
}

// keyStart is what the teaser indexes read of a paragraph's key: hashes of
// its first words, made with its nearInfo. Only a document with a teaser
// reads them (nearest, nearIndex.add), and cleaner.starts keeps them only
// once a teaser is found (see keepStarts), where prepare runs on several
// goroutines: 8 bytes a paragraph, 4.3 MiB of the 100 MB stream, which
// has none. On one CPU, or below parallelBytes, start makes them for
// every paragraph (see keepStarts): the stream keeps them all with
// GOMAXPROCS 1.
type keyStart struct {
	start uint32 // the startHash of the key's first teaserWords words, if it has them (nearInfo.hasStart)
	group uint32 // the low bits of the xxhash of its first teaserWords-1 words, if it has them (hasGroup): see teaserIndex.mayGive
}

// keyStartOf returns the keyStart of key, as setNear makes it.
func keyStartOf(key string) keyStart {
	group, _, start, _ := startWords(key)
	return keyStart{startHash(start), uint32(xxhash.Sum64String(group))}
}

// paraStart is the keyStart of paragraph para, which a goroutine of
// prepare logs while the document has no teaser (see keepStarts).
type paraStart struct {
	para int32
	keyStart
}

// keepStarts makes c.starts once the document's first teaser is found
// (below parallelBytes, or on one CPU, start makes it): the keyStarts of
// the paragraphs of the batch of prepare's that found it, which scratches
// logged, and those of every other paragraph whose near information is
// made, of its key made again, on c.workers() goroutines. Those are the
// paragraphs of the batches before (prepare's batches are 8 MB of text:
// there are none before the first in a document of less than that) and,
// for a teaser made by a sentence cut, all of them: a key made again for
// each, once, in a document with no teaser before.
func (c *cleaner) keepStarts(scratches []*scratch) {
	c.starts = make([]keyStart, len(c.near))
	logged := make([]bool, len(c.near))
	for _, s := range scratches {
		for _, p := range s.starts {
			c.starts[p.para], logged[p.para] = p.keyStart, true
		}
	}
	runs := outputRuns(len(c.near), c.workers())
	inParallel(len(runs), func(k int) {
		var key []byte
		for i := runs[k].lo; i < runs[k].hi; i++ {
			if c.near[i].ok() && !logged[i] {
				key = c.appendKey(key[:0], i)
				c.starts[i] = keyStartOf(unsafe.String(unsafe.SliceData(key), len(key)))
			}
		}
	})
}

// teaserInfo is what dropNear needs of a teaser: its stem (see
// teaserStem) and the list of the start index that it asks (see nearest).
// They are kept in c.scratch.teasers, where prepare gathers those that
// its goroutines made; a text that changes adds one, and the teaserInfos
// of texts that were cut stay.
type teaserInfo struct {
	para     int // the paragraph
	stem     string
	start    uint32  // the startHash of the stem's first teaserWords words
	hasStart bool    // the stem has teaserWords words or more
	key      stemKey // where teaserIndex files the stem, if hasStart
}

// newTeaserInfo returns the teaserInfo of paragraph para, a teaser with
// stem stem. Its index keys are made once here, not in every round that
// files it: on a page of teasers, making them took a fifth of the time.
func newTeaserInfo(para int, stem string) teaserInfo {
	group, _, first, ok := startWords(stem)
	t := teaserInfo{para: para, stem: stem, start: startHash(first), hasStart: ok}
	if ok {
		t.key = keyOfStem(stem, group)
	}
	return t
}

// keyString returns the match key of paragraph i in a scratch buffer, good
// until the next call: for comparisons that keep nothing of it.
func (c *cleaner) keyString(i int) string {
	c.keyBuf2 = c.appendKey(c.keyBuf2[:0], i)
	return unsafe.String(unsafe.SliceData(c.keyBuf2), len(c.keyBuf2))
}

// shinglesOf returns the shingle set of paragraph i (made again on demand:
// only candidate pairs need it).
func (c *cleaner) shinglesOf(i int) []uint64 {
	// The last few sets asked for are kept: each paragraph is compared
	// with the three before it, which then come up again. A set found
	// becomes the newest (see recentShingles).
	for k, e := range c.recentShingles {
		if e.para == i && e.sh != nil && c.near[i].ok() {
			c.useShingles(k)
			return e.sh
		}
	}
	// In the memory of the set it replaces, the one asked for least
	// lately, len(recentShingles) sets ago or more, which no caller
	// still holds: nearest holds its paragraph's while it asks for those
	// of its window (nearWindow more), moreComplete one while it asks
	// for the other. Each set made anew left 1.6 MB of garbage on the
	// 100 MB stream at the rounds' peak.
	e := &c.recentShingles[c.recentNext]
	dst := e.sh
	if !reuseShingleSets {
		dst = nil
	}
	*e = shingleSet{i, shingles(dst, c.keyString(i), c.nearOf(i).words(), c.shingleSeed)}
	c.recentNext = (c.recentNext + 1) % len(c.recentShingles)
	return e.sh
}

// reuseShingleSets says whether shinglesOf makes a set in the memory of
// the one it replaces; tests turn it off to check that doing so changes
// nothing (cleanWithShortcuts).
var reuseShingleSets = true

// useShingles makes the set in slot k of c.recentShingles the newest,
// moving those after it one slot towards the oldest: the slots stay in
// the order in which their sets were last asked for, from
// c.recentShingles[c.recentNext], the one the next set made replaces, on.
// Kept in the order they were made, a set found in the oldest slot, as
// moreComplete finds the earlier paragraph's when the bag index found it
// outside the window, was overwritten by the very next set made, the
// later paragraph's, which it was then compared with (TestShinglesOfHeld):
// "Jumps runs. High moon. Red red. Jumps runs. ..." gave way to a
// reordering of its sentences (TestShinglesOfHeldClean).
func (c *cleaner) useShingles(k int) {
	r := &c.recentShingles
	newest := (c.recentNext + len(r) - 1) % len(r)
	for k != newest {
		next := (k + 1) % len(r)
		r[k], r[next] = r[next], r[k]
		k = next
	}
}

// shingleSet is the shingle set of a paragraph's current text.
type shingleSet struct {
	para int
	sh   []uint64
}

// dropNear removes near-duplicates and teasers from the output, keep-first,
// except that a later copy that is more complete than the earlier one (the
// earlier was cut short) takes the earlier's place. It reports whether it
// changed anything.
func (c *cleaner) dropNear() bool {
	if c.opts.nearOff() {
		return false
	}
	threshold := c.opts.similarity()
	minWords := c.opts.minNearWords()
	if skipSettledNear && c.nearLast.ran {
		// Making sure of the near information first, which finds the
		// teasers of texts that changed. Every paragraph of the order
		// had it at the last dropNear, and only a cut drops it.
		for _, cut := range c.cuts[c.nearLast.cuts:] {
			if c.fate[cut.para].inOrder() {
				c.nearOf(int(cut.para))
			}
		}
		if len(c.scratch.teasers) == 0 {
			if changed, ok := c.dropNearSettled(threshold, minWords); ok {
				return changed
			}
		}
	}
	c.recentShingles = [nearWindow + 2]shingleSet{}
	// The new order goes into the memory of the one before the last,
	// which nothing else holds (a fresh one was 4 MB of garbage a round
	// on the 100 MB stream).
	out := slices.Grow(c.spareOrder[:0], len(c.order))
	idx := &c.nearIdx
	idx.reset(c, func(pos int) string { return c.keyString(int(out[pos])) })
	changed := false
	// What the next round cannot take as settled (see dropNearSettled):
	// the later copies that take an earlier's place, and the paragraphs
	// compared before that then had the place in their window.
	tookPlace, disturbed := c.nearLast.tookPlace[:0], c.nearLast.disturbed[:0]
	pre := c.nearPrepass(threshold, minWords)
	// Bit k%64 of compared and byBag: dropNear compares c.order[k],
	// and by its bag too (see comparedMasks); of quiet: nothing in the
	// window it had in the order passes nearest's first tests (see
	// nearPrepass). bags are the bags of those compared by their bag, in
	// the order: read here one after the other, where the near
	// information of those paragraphs, a tenth of them, missed the
	// caches one paragraph at a time.
	var compared, byBag, quiet uint64
	bags := idx.repeatBags
	// With pre, the tags of those bags in the bag index (see
	// soleBagTags): a paragraph whose tag came once among them finds
	// nothing there, and the index finds it for no other paragraph.
	var tags *twiceSet
	if pre {
		tags = idx.soleBagTags()
	}
	// With no teaser in the document, nearest looks at nothing but the
	// window, and idx.add files nothing: no teaser asks for a list of
	// the start index (see teaserStarts), and the teaser index holds none.
	teasers := len(c.scratch.teasers) > 0
	// The last run paragraphs of out are the run paragraphs of the order
	// just before the one compared (each was added at the end, none was
	// left out and no later copy took a place since): while run is at
	// least the window's length, its window in out is the one it had in
	// the order. lastLen is len(out) before the last paragraph.
	run, lastLen := 0, 0
	for k, p := range c.order {
		if k%64 == 0 {
			if w := k / 64; pre {
				compared, byBag, quiet = idx.compared[w], idx.byBag[w], idx.quiet[w]
				if w%idx.shareWords == 0 { // the first word of a worker's share, whose bags follow those of the share before
					bags = idx.workerBags[w/idx.shareWords]
				}
			} else {
				compared, byBag, idx.repeatBags = c.comparedMasks(c.order[k:min(k+64, len(c.order))], minWords, idx.repeatBags[:0])
				bags = idx.repeatBags
			}
		}
		bit := uint64(1) << (k % 64)
		if len(out) > lastLen {
			run++
		} else {
			run = 0
		}
		lastLen = len(out)
		if compared&bit == 0 {
			out = append(out, p)
			continue
		}
		quietWindow := false
		if quiet&bit != 0 {
			quietWindow = run >= min(nearWindow, k)
			if !quietWindow {
				idx.quietLost++
			}
		}
		i := int(p)
		var bag uint32
		if byBag&bit != 0 {
			bag, bags = bags[0], bags[1:]
		}
		// With its window quiet and no teaser in the document, nearest
		// would find nothing and idx.add would file nothing, and the
		// paragraph's near information is not read: on the 100 MB
		// stream, 493,000 of the 494,000 paragraphs compared (nearPrepass
		// read it, on every CPU).
		nothingNear := quietWindow && !teasers
		if nothingNear && byBag&bit == 0 {
			out = append(out, p)
			continue
		}
		var n *nearInfo
		var t *teaserInfo
		pos, sim, teaserOf := -1, 0.0, false
		if !nothingNear {
			n = &c.near[i]
			if n.teaser() {
				t = &c.scratch.teasers[c.teaserAt(i)]
			}
			pos, sim, teaserOf = c.nearest(i, n, t, out, idx, threshold, quietWindow)
		}
		if pos < 0 && byBag&bit != 0 {
			// Filed under its bag, unless an earlier paragraph of the same
			// sentences is; a bag that came once can be neither, nor can
			// a bag whose tag came once among those looked up.
			if tags != nil && !tags.mayRepeat(uint64(idx.bags.bags.tag(uint64(bag)))) {
				idx.soleTags++
			} else if k, ok := idx.bags.findOrAdd(c, i, bag, out); ok {
				pos, sim = int(k), 1 // the same sentences in another order
			}
		}
		if pos < 0 {
			if !nothingNear {
				idx.add(c, i, n, t, len(out))
			}
			out = append(out, p)
			continue
		}
		changed = true
		earlier := int(out[pos])
		kind := near
		if teaserOf {
			kind = teaser
		}
		if c.moreComplete(i, earlier, teaserOf) {
			// The later copy takes the earlier's place.
			out[pos] = p
			tookPlace = append(tookPlace, p)
			disturbed = append(disturbed, out[pos+1:min(pos+1+nearWindow, len(out))]...)
			idx.starts.replace(pos, func() string { return c.keyString(earlier) })
			c.fate[i] = moved
			c.fate[earlier], c.copyOf[earlier] = kind, int32(i)
			c.similarity[earlier], c.keptLater[earlier] = sim, true
			if !nothingNear {
				idx.add(c, i, n, t, pos)
			}
			continue
		}
		c.fate[i], c.copyOf[i] = kind, int32(earlier)
		c.similarity[i] = sim
	}
	c.order, c.spareOrder = out, c.order
	c.noteNear(tookPlace, disturbed)
	return changed
}

// comparesNear reports whether dropNear compares paragraph i of the order
// with the paragraphs kept before it (by nearest, and by its bag if
// bagMayRepeat): its near information is made, as it is for every
// paragraph of the order once dropNear has begun (see teaserStarts), and
//
//   - it is not a kept repeat: the paragraph rules kept its exact copies
//     on purpose (a page's recurring headings and questions, short
//     repeats), and comparing them would remove them after all as
//     near-duplicates of each other. It also keeps dropNear's removals
//     and moves to paragraphs alone in their key class, which
//     nearDropsConfirmed's proof counts on;
//   - it has minWords words or more: shorter paragraphs (headings,
//     quotes) share most of their word pairs by chance, and must match
//     exactly.
//
// dropNear, nearPrepass, dropNearSettled and nearDropsConfirmed all ask
// it: the proofs of the last two take a paragraph compared in one round
// to be compared in the next unless its text or keptRepeat changed.
func (c *cleaner) comparesNear(i, minWords int) bool {
	return !c.keptRepeat[i] && c.near[i].words() >= minWords
}

// bagMayRepeat reports whether a paragraph that dropNear compares
// (comparesNear), whose bag of sentences is bag, looks its bag up in the
// bag index when nearest finds nothing, and is filed there:
//
//   - bag is not 0: its text has two sentences or more (see bagOf); one
//     sentence in another order is the same text, which the paragraph
//     rules find;
//   - the bag may have come twice in the document (the twice set of
//     bags): a bag that came once has no twin to find, and leaving it
//     out keeps the index, and its look-ups that miss the caches, to the
//     few bags that may.
//
// bagsMayRepeat answers it for 64 paragraphs at once.
func (c *cleaner) bagMayRepeat(bag uint32) bool {
	return bag != 0 && c.twice.bags.mayRepeat(uint64(bag))
}

// comparesByBag reports whether dropNear compares paragraph i of the
// order by its bag too, when nearest finds nothing: comparesNear, and
// bagMayRepeat of its bag.
func (c *cleaner) comparesByBag(i, minWords int) bool {
	return c.comparesNear(i, minWords) && c.bagMayRepeat(c.near[i].bag)
}

// soleBagTags returns a twiceSet of the tags of the bags of workerBags in
// the bag index (see tagIndex.tag), which tells the bags whose tag came
// once among them. The bag index, asked only about those (those of the
// paragraphs compared by their bag, each once at most), finds and files
// positions by tag: under a tag that came once, a look-up finds nothing
// filed before it (it is the only one of its tag), and what it files is
// found by no later one; collided is reached only from a position found.
// Leaving the look-up out changes nothing that dropNear finds. On the
// 100 MB stream, of the 45,200 paragraphs compared by their bag (most
// because their exact repeats, removed, have it too), 41,500 have a tag
// of their own in round 1; their look-ups, each a cache miss in a table
// that grew to 45,000 entries, were made on one CPU while the other
// waited (leaving them out and reading the gathered bags took round 1's
// loop from 14.6 to 8.9 ms of CPU, phase timers, medians of 8 runs).
func (x *nearIndex) soleBagTags() *twiceSet {
	n := 0
	for _, bags := range x.workerBags {
		n += len(bags)
	}
	tags := newTwiceSet(n)
	for _, bags := range x.workerBags {
		for _, bag := range bags {
			tags.add(uint64(x.bags.bags.tag(uint64(bag))))
		}
	}
	return tags
}

// comparedMasks returns, for paragraphs ps (at most 64), the masks of
// those that dropNear compares (bit k for ps[k]: comparesNear) and of
// those it compares by their bag too (comparesByBag); and appends the
// bags of the latter, in order, to bags.
func (c *cleaner) comparedMasks(ps []int32, minWords int, bags []uint32) (compared, byBag uint64, _ []uint32) {
	// One walk over the near information, which misses the caches: the
	// twice set's bits of the bags first (see bagsMayRepeat), the
	// paragraphs' words and keptRepeat after, on the same cache lines.
	byBag = c.bagsMayRepeat(ps)
	for k, p := range ps {
		if c.comparesNear(int(p), minWords) {
			compared |= 1 << k
		}
	}
	byBag &= compared
	for m := byBag; m != 0; m &= m - 1 {
		bags = append(bags, c.near[ps[bits.TrailingZeros64(m)]].bag)
	}
	return compared, byBag, bags
}

// bagsMayRepeat returns a mask whose bit k is set if bagMayRepeat holds
// for the bag of paragraph ps[k] (at most 64 of them). dropNear asks it
// of the order 64 paragraphs at a time, before it compares them (through
// comparedMasks): the twice set of bags is 2 MB on the
// 100 MB stream, and its lookups, made one paragraph at a time among the
// comparisons, each waited for a miss of the caches (half the time of the
// first dropNear); made together, the processor waits for many at once.
// Asking of a paragraph that is not compared changes nothing: the set is
// only read.
//
// It has no branch on what it reads: a branch on a bit that missed the
// caches, mispredicted, made the processor wait for each miss in turn.
func (c *cleaner) bagsMayRepeat(ps []int32) uint64 {
	var mask uint64
	for k, p := range ps {
		bag := c.near[p].bag
		// The bag's low bit is set unless it is 0 (see bagOf).
		mask |= c.twice.bags.repeatBit(uint64(bag)) & uint64(bag) << k
	}
	return mask
}

// nearWindow is how close, in paragraphs of the text as kept, a
// near-duplicate must stand to its twin. Scrapers put the two copies side
// by side, or in repeated runs, whose unique paragraphs move next to their
// twins; far apart, near-identical paragraphs are usually the page's own
// (a meal plan that repeats a recipe with one ingredient changed).
const nearWindow = 3

// teaserWords is how many words a teaser must keep before its mark, and
// how many words index paragraphs by their start.
const teaserWords = 5

// nearIndex finds earlier paragraphs for dropNear: by their first words
// (for teasers), the teasers themselves, and by their bag of sentences.
// The cleaner keeps one from round to round: each round files its output
// again in the same tables (see reset), where new tables cost their
// allocations, and the garbage collector's work on them, in every round.
type nearIndex struct {
	starts  startIndex  // by the xxhash of the first teaserWords words of the key
	asked   hashIndex   // the lists of starts that teasers look in: see teaserStarts
	teasers teaserIndex // the paragraphs in out cut off with a mark
	bags    bagIndex    // bags of sentences → position in out

	// By paragraph of the order, 64 to a word, from nearPrepass: whether
	// dropNear compares it, and by its bag too, and whether its window in
	// the order is quiet; and the bags of those compared by their bag, in
	// the order, in workerBags, the share of each worker, shareWords
	// words of the order each, which dropNear reads one after the other.
	// (Gathered in one list, they were 0.4 MB more on the 100 MB stream,
	// with the list's growth.) Without nearPrepass, repeatBags are those
	// of 64 paragraphs at a time.
	compared, byBag, quiet []uint64
	workerBags             [][]uint32
	shareWords             int
	repeatBags             []uint32
	// quietLost counts, over the cleaner's rounds, the paragraphs whose
	// window in the order was quiet but which dropNear compared all the
	// same, as a removal or a later copy's move among the nearWindow
	// before them left it unsure that their window in the output was that
	// one (it may still have been): tests check that their inputs reach
	// them.
	quietLost int
	// soleTags counts, over the cleaner's rounds, the look-ups of the
	// bag index that soleBagTags left out: tests check that their inputs
	// reach them.
	soleTags int

	// askedOf is how many of c.scratch.teasers asked holds the lists of:
	// teasers are only ever added there, so a round adds those of the
	// teasers that are new since the last.
	askedOf int
}

// reset empties x for a round of dropNear over the paragraphs of c.order,
// whose start index reads keys with keyAt.
func (x *nearIndex) reset(c *cleaner, keyAt func(pos int) string) {
	// First, as it makes sure of the near information of c.order, which
	// adds the teaserInfo of a text that changed to c.scratch.teasers.
	c.teaserStarts(x)
	x.starts.reset(keyAt)
	// Positions in out are below len(c.order); a document with no
	// teaser needs none.
	positions := 0
	if len(c.scratch.teasers) > 0 {
		positions = len(c.order)
	}
	x.teasers.reset(len(c.scratch.teasers), positions)
	x.bags.reset()
}

// bagOf returns a hash of the multiset of a text's sentences sents
// (their key hashes, sorted), for a text of two sentences or more, else 0:
// two paragraphs with the same sentences in another order have the same
// bag. Its low bit is set, so that no bag is 0. It is 32 bits, 8 bytes of
// nearInfo less (see nearInfo): every use of a bag is a filter, or a
// look-up whose hit the sentences confirm (see bagIndex), so bags of
// other sentences that collide, about n²/2³² pairs of n paragraphs (31
// bits differ; 73 of the 100 MB stream's 560,000), cost a look-up, never
// a result. It sorts the hashes in buf, which it returns for reuse.
func bagOf(sents []sentenceInfo, buf []uint64) (uint32, []uint64) {
	if len(sents) < 2 {
		return 0, buf
	}
	buf = buf[:0]
	for _, s := range sents {
		buf = append(buf, s.hash())
	}
	slices.Sort(buf)
	var bag uint64 = 0x9e3779b97f4a7c15
	for _, h := range buf {
		bag = splitmix.Mix(bag ^ h)
	}
	return uint32(bag) | 1, buf
}

// teaserStarts adds to x.asked the lists of the start index that the
// teasers can ask (see nearest): the only lists that are ever read.
// Paragraphs that start otherwise are not filed in it, which finds the
// same paragraphs: most documents have no teaser, and the index then stays
// empty where it took about 150 bytes a paragraph. The lists are those of
// every teaser's text, some of which are no longer in the output: filing
// more lists than are read changes nothing. They are a set in a flat table
// (the indexes filed are meaningless), asked about every paragraph: a Go
// map took a tenth of a round on a page of teasers.
func (c *cleaner) teaserStarts(x *nearIndex) {
	// The paragraph round has made the near information of the output's
	// paragraphs already, with their keys; this only makes sure of it.
	for _, i := range c.order {
		c.nearOf(int(i))
	}
	for _, t := range c.scratch.teasers[x.askedOf:] {
		if t.hasStart {
			if x.asked.slots == nil {
				x.asked = newHashIndex(len(c.scratch.teasers))
			}
			x.asked.findOrAdd(uint64(t.start), 0)
		}
	}
	x.askedOf = len(c.scratch.teasers)
}

// asks reports whether a teaser can ask the list of paragraphs whose first
// words hash to start.
func (x *nearIndex) asks(start uint32) bool {
	if x.asked.n == 0 {
		return false
	}
	_, ok := x.asked.find(uint64(start))
	return ok
}

// add files paragraph i, with near information n and, if it is a teaser,
// teaserInfo t, at position pos of out.
func (x *nearIndex) add(c *cleaner, i int, n *nearInfo, t *teaserInfo, pos int) {
	// Starts are asked for only with a teaser in the document, and c.starts
	// made then (see keyStart).
	if n.hasStart() && x.asked.n > 0 && x.asks(c.starts[i].start) {
		x.starts.add(c.starts[i].start, pos, func() string { return c.keyString(i) })
	}
	if n.teaser() {
		x.teasers.occupy(pos, t)
	} else {
		x.teasers.occupy(pos, nil)
	}
}

// startWords returns what leadingWords returns for teaserWords-1 words
// (the group of teaserIndex) and for teaserWords words (the list of
// startIndex), in one walk over the key's first words.
func startWords(key string) (group string, hasGroup bool, start string, hasStart bool) {
	words := 0
	for first, end, i := nextWord(key, 0); first < end; first, end, i = nextWord(key, i) {
		switch words++; words {
		case teaserWords - 1:
			group, hasGroup = key[:end], true
		case teaserWords:
			return group, hasGroup, key[:end], true
		}
	}
	return group, hasGroup, "", false
}

// leadingWords returns the start of a key up to the end of its n-th word,
// and whether it has that many words.
func leadingWords(key string, n int) (string, bool) {
	for i, k := 0, 0; i < len(key); {
		start, end, next := plainWord(key, i)
		if start == end {
			if start, end, next = nextWord(key, i); start == end {
				break
			}
		}
		if k++; k == n {
			return key[:end], true
		}
		i = next
	}
	return "", false
}

// nearest returns the position in out of the earlier paragraph that
// paragraph i (with near information n and, if it is a teaser, teaserInfo
// t) repeats nearly, or is the teaser or the full text of, with their
// similarity; pos is -1 if there is none. With quiet, no paragraph of the
// window passes nearCandidate (see nearPrepass), and nearest does not
// look at it.
func (c *cleaner) nearest(i int, n *nearInfo, t *teaserInfo, out []int32, x *nearIndex, threshold float64, quiet bool) (pos int, sim float64, teaser bool) {
	pos = -1
	// Teasers: a key cut off with a mark that is the start of the other's.
	if n.teaser() {
		// The stem has teaserWords words or more: a key it begins has the
		// same first words.
		if t.hasStart {
			if k := x.starts.find(t.start, t.stem); k >= 0 {
				return k, 0, true
			}
		}
	}
	// The key is made only when a teaser filed may begin like it: on a
	// page of teasers, making every paragraph's key again took a tenth
	// of a round.
	if n.hasGroup() && x.teasers.stems > 0 && x.teasers.mayGive(c.starts[i].group) {
		if k := x.teasers.find(c.keyString(i), out, i); k >= 0 {
			return k, 0, true
		}
	}
	if quiet {
		return pos, sim, false
	}
	// Near-duplicates: the kept paragraphs just before, by signature
	// first, then exactly.
	var sh []uint64
	for k := max(0, len(out)-nearWindow); k < len(out); k++ {
		j := int(out[k])
		if j == i || !c.nearCandidate(i, j, threshold) {
			continue
		}
		if sh == nil {
			sh = c.shinglesOf(i)
		}
		if s := jaccard(sh, c.shinglesOf(j)); s >= threshold && s > sim {
			pos, sim = k, s
		}
	}
	return pos, sim, false
}

// nearCandidate reports whether paragraph j, in the window of paragraph
// i, passes nearest's first tests: it is not a kept repeat, and its words
// and sketch could make a near-duplicate of i's. Two keys of more than
// wideWords words are compared by their whole sketches, others by their
// halfSketches.
func (c *cleaner) nearCandidate(i, j int, threshold float64) bool {
	if c.keptRepeat[j] || !c.near[j].ok() {
		return false
	}
	n, m := &c.near[i], &c.near[j]
	// Sets of m and n shingles have a Jaccard similarity of at most
	// min(m,n)/max(m,n): paragraphs of quite different lengths are
	// not near-duplicates, and need no signature.
	a, b := n.words(), m.words()
	if float64(min(a, b)) < (threshold-sketchMargin)*float64(max(a, b)) {
		return false
	}
	var sim float64
	switch {
	case !wide(a) && !wide(b):
		sim = n.sketch.similar(&m.sketch)
	case wide(a) && wide(b):
		sim = c.wideOf(n).similar(c.wideOf(m))
	default:
		hn, hm := c.halfOf(n), c.halfOf(m)
		sim = hn.similar(&hm)
	}
	return !(sim < threshold-sketchMargin)
}

// preNear says whether dropNear, on two CPUs or more, first runs
// nearPrepass; tests turn it off to check that doing so changes nothing.
var preNear = true

// nearPrepass fills, from two workers on (two CPUs or more and
// parallelBytes of input: see cleaner.workers), the masks of
// the nearIndex of dropNear, a bit for each paragraph of c.order, on every
// CPU, and reports whether it did: compared and byBag, and
// the bags of workerBags, as comparedMasks gives them, and quiet, whether no
// paragraph of the window it has in the order (the nearWindow paragraphs
// just before it) passes nearCandidate, for the paragraphs that dropNear
// compares. All are functions of the near information, keptRepeat and
// the twice set of bags, which dropNear reads and does not change; the
// workers take the order's words of 64 paragraphs in shares that follow
// one another, so the bags, each worker's share after the one before,
// are in the order whatever the split (TestNearPrepassSplits). dropNear
// takes quiet for a paragraph whose window in its output is the one it
// had in the order (none of those paragraphs left out, no later copy
// took a place since), and compares the others with their window. On
// the 100 MB stream, round 1's dropNear otherwise compares 525,000
// paragraphs on one CPU while the other waits.
func (c *cleaner) nearPrepass(threshold float64, minWords int) bool {
	workers := c.workers()
	if !preNear || workers < 2 {
		return false
	}
	x := &c.nearIdx
	words := (len(c.order) + 63) / 64
	x.compared, x.byBag, x.quiet = resize(x.compared, words), resize(x.byBag, words), resize(x.quiet, words)
	per := (words + workers - 1) / workers
	x.workerBags = x.workerBags[:0]
	for range workers {
		x.workerBags = appendEmpty(x.workerBags)
	}
	inParallel(workers, func(w int) {
		bags := x.workerBags[w]
		for k := w * per; k < min(words, (w+1)*per); k++ {
			lo := k * 64
			ps := c.order[lo:min(lo+64, len(c.order))]
			var compared uint64
			compared, x.byBag[k], bags = c.comparedMasks(ps, minWords, bags)
			x.compared[k] = compared
			var quiet uint64
			for b, p := range ps {
				if compared&(1<<b) == 0 {
					continue // its bit is never read
				}
				candidate := false
				for _, j := range c.order[max(0, lo+b-nearWindow) : lo+b] {
					if c.nearCandidate(int(p), int(j), threshold) {
						candidate = true
						break
					}
				}
				if !candidate {
					quiet |= 1 << b
				}
			}
			x.quiet[k] = quiet
		}
		x.workerBags[w] = bags
	})
	x.shareWords = per
	return true
}

// stemOf reports whether stem, a teaser's stem, is a proper prefix of full
// with teaserWords words or more.
func stemOf(stem, full string) bool {
	return len(full) > len(stem) && strings.HasPrefix(full, stem) && hasWords(stem, teaserWords)
}

// moreComplete reports whether the later paragraph i should replace the
// earlier one: it is the full text of the earlier's teaser, or a longer
// version that contains nearly all of the earlier.
func (c *cleaner) moreComplete(i, earlier int, teaser bool) bool {
	if teaser {
		// Whether the earlier's text is cut off with a mark and its stem
		// begins i's key, with the stem that setNear made of the
		// earlier's current text (nearOf remakes it when the text
		// changes): making it again (lower case, key) took 1.6% of a
		// Clean on a page of teasers.
		if n := c.nearOf(earlier); n.teaser() {
			return stemOf(c.scratch.teasers[c.teaserAt(earlier)].stem, c.keyString(i))
		}
		return false
	}
	a, b := c.shinglesOf(earlier), c.shinglesOf(i)
	return len(b) > len(a) && float64(overlap(a, b)) >= float64(len(a))*c.opts.similarity()
}

// startsWithTeasers says whether Clean keeps the paragraphs' keyStarts
// only once the document has a teaser (see keepStarts), from parallelBytes
// of input on; tests turn it off to check that doing so changes nothing.
var startsWithTeasers = true
