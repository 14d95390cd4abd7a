package dedupe

// skipConfirmingRounds says whether rounds may leave out a round that
// nearDropsConfirmed says would change nothing; tests turn it off to check
// that doing so changes nothing.
var skipConfirmingRounds = true

// nearDropsConfirmed reports, after the paragraph round's dropNear changed
// the order, whether the next round would change nothing, if the sentence
// round after this one cuts nothing. paragraphRound asks it only when this
// round's dropJunk dropped nothing, decide removed and moved nothing, and
// no Options.Elsewhere is asked. (The proof below does not need dropJunk
// to have dropped nothing: O is the order after it. The condition only
// leaves out fewer rounds, none on the stream, and was kept.) On the
// 100 MB stream the second round changes the order only so, a later copy
// taking an earlier's place, and the third round, which confirmed it,
// took 10.6-11.1 ms on one CPU (the other idle); this takes 0.43 ms.
//
// Let O be the order decide saw, and O' the order dropNear left: O
// without the paragraphs it removed (R), but for the later copies that
// took an earlier's place (T), each moved to the place of the one it
// took. It reports true if:
//
//   - (a) every paragraph of R and T has a key of its own in O;
//   - (b) of two paragraphs that follow each other in O' but did not in
//     O, one has a key of its own;
//   - (c) no paragraph of T that is in O' is compared by its bag
//     (comparesByBag: it is compared, and its bag is not 0 and may
//     repeat);
//   - (d) each paragraph of T or of the disturbed (nearDisturbed) that is
//     in O' and compared (comparesNear) finds no near-duplicate in its
//     window in O' (the nearWindow paragraphs before it);
//   - (e) if the document has teasers (texts cut off with a mark), no
//     paragraph of T that is in O' is one, nor gives one in full (its key
//     begins with the teaser's stem) that dropNear's teaser index, as
//     this round left it, holds at a position other than its own. It is
//     not implied by how dropNear finds teasers: the teaser index answers
//     with the position that joined it first, and a later copy that takes
//     that place keeps its join, so a paragraph of T can take the place of
//     one teaser while another, before it, is one it gives too, or can
//     itself be a teaser that a paragraph after its new place, compared
//     before it came there, finds in the next round
//     (TestConfirmingRoundsTeaserTookPlace fails without the first half,
//     TestConfirmingRoundsGivesLaterTeaser without the second).
//
// Texts change only in sentence rounds, and this one cuts nothing. The
// next round then:
//
//   - keyCutTexts: no text was cut since, and dropJunk: every paragraph
//     of O' was found not junk with the text it has (by this round's
//     dropJunk or an earlier one), so neither does anything.
//
//   - paragraphTable: the key classes of O' are those of O without R.
//     By (a), every paragraph of O' but T keeps its class, root (the first
//     of the class: O' keeps their order), count and text, so isRepeat,
//     recurring and hasRunes answer as in O; T, alone, is no repeat and
//     has none. (Decide kept every paragraph of O, so the kept copies it
//     counted are the sizes of the classes; and dropNear compares, so
//     removes or moves, only paragraphs that are not kept repeats, which
//     are alone in their class: (a) always holds.)
//
//   - decide: its first rule removes a long repeat that does not recur or
//     follows its twin. In O none did (all were kept); in O' a paragraph
//     with a new predecessor does not follow its twin, by (b). Its second
//     rule removes runs of two or more repeats that follow each other as
//     their copies do. The paragraphs of such a run in O', and their
//     copies, are in classes of two or more, so neither stretch holds
//     T, nor, by (b), two paragraphs that did not follow each other in O:
//     both stood one after the other in O, and decide in O, which tried a
//     run at every position, would have found at the run's first
//     paragraph a run at least as long and removed it; it removed none.
//     The other rules start only from a removed paragraph, and only the
//     fifth (paragraphs between two removed ones) moves any: decide keeps
//     every paragraph, the order stays O',
//     and keptRepeat is what it was for each paragraph of O' (the same
//     counts, none removed).
//
//   - dropNear, in a document with no teaser, has dropNearSettled's
//     result, which is a full dropNear's (see there; TestRoundsAgree and
//     the rounds' fuzzers compare them with every shortcut off). The
//     order is the last dropNear's output, no text was cut and no
//     keptRepeat changed, so only T is flagged, and by (c) no bag is
//     asked about: every paragraph but those of T and the disturbed is
//     settled and stays, and those, compared, find nothing by nearest (d)
//     with the output so far, which is the part of O' before them (the
//     start and teaser indexes are empty). The order stays O'.
//
//   - dropNear, in a document with teasers, is a full one. By induction
//     over O', its output before each paragraph P is the part of O'
//     before it. In this round, when P was compared, the output so far
//     was that too, but at the places that paragraphs of T took after
//     (there, the paragraph E a copy took the place of): a paragraph
//     removed never entered it, and one kept stays at the position it was
//     put at, unless a later copy takes it. P, if not of T, found nothing
//     then (it would have been removed or taken a place). The same
//     comparisons find nothing now, but for what stands at those places:
//     P's window holds one only if P is disturbed, which finds nothing
//     (d); bags: no paragraph of T looks its bag up (c), and E's filing
//     is gone, so P, which found no paragraph of its sentences filed,
//     finds none among fewer; and a paragraph B finds an earlier A by the
//     start index if B is a teaser whose stem begins A's key, by the
//     teaser index if A is a teaser whose stem begins B's key. With A of
//     T, no teaser (e), B is a teaser after it whose stem A's key begins,
//     which (e) rules out: the teaser index holds, at its position, every
//     compared teaser of O' whose stem can be asked for (teaserWords
//     words or more), as for the start index. And a paragraph of T finds
//     no teaser before it by (e), no bag (c) and nothing in its window
//     (d). The order stays O'.
//
//   - the sentence round sees the order, keptRepeat and texts this one
//     saw: sentencesSettled answers as it did (and if this round's ran,
//     noteSentenceRound recorded them, so it is settled); a sentence
//     round run cuts nothing, as this one did.
//
// So the next round would remove, move and cut nothing, and end the
// rounds; what it writes that the Result reads (fates, copies, with
// noteNear's positions in c.copyOf, similarities and copies kept later)
// it writes as this round left them. The comparisons of (d) and (e) only
// read, but for the cache of shingle sets and the key scratch
// (c.keyBuf2).
//
// Some checks below can only pass, by the proof: the count of (a) (which
// always holds), and that a paragraph of O left out of O' is not in the
// order but as a later copy that took a place. They are kept as checks
// of the proof's premises, at no cost worth measuring; tests that remove
// them still pass, as they must.
func (c *cleaner) nearDropsConfirmed() bool {
	if !skipConfirmingRounds {
		return false
	}
	// O is the order before dropNear's: it changed the order, leaving
	// the one before it in c.spareOrder, and dropJunk and decide did not.
	before, root, counts := c.spareOrder, c.table.root, c.decider.copies
	if len(before) != len(root) {
		return false
	}
	tookPlace := func(p int32) bool { return c.nearLast.bits[p]&nearTookPlace != 0 }
	// leftOutAsProven: the paragraph at position k of O, not in O' where
	// it stood, left the order (or took a place) and had a key of its own.
	leftOutAsProven := func(k int) bool {
		q := before[k]
		return !(c.fate[q].inOrder() && !tookPlace(q)) && counts[root[k]] == 1
	}
	// (a) and (b), walking O' and O together: k is the next position of
	// O to meet, and prevAt the position in O of the last paragraph of O'
	// so far, -1 if there is none or it is of T (then alone).
	k, prevAt := 0, -1
	for _, p := range c.order {
		if k < len(before) && before[k] == p {
			prevAt, k = k, k+1 // no paragraph of O left out since the last of O' but T
			continue
		}
		if tookPlace(p) {
			prevAt = -1 // checked at its place in O
			continue
		}
		for ; k < len(before) && before[k] != p; k++ {
			if !leftOutAsProven(k) {
				return false
			}
		}
		if k == len(before) || prevAt >= 0 && counts[root[prevAt]] != 1 && counts[root[k]] != 1 {
			return false
		}
		prevAt, k = k, k+1
	}
	for ; k < len(before); k++ {
		if !leftOutAsProven(k) {
			return false
		}
	}
	// (c), (e) and (d), the cheap checks first.
	threshold, minWords := c.opts.similarity(), c.opts.minNearWords()
	compared := func(p int32) bool { return c.fate[p].inOrder() && c.comparesNear(int(p), minWords) }
	teasers := len(c.scratch.teasers) > 0
	for _, p := range c.nearLast.tookPlace {
		if !compared(p) {
			continue
		}
		if c.bagMayRepeat(c.near[p].bag) { // (c): comparesByBag
			return false
		}
		if teasers && (c.near[p].teaser() || c.nearIdx.teasers.givesOther(c.keyString(int(p)), int(c.nearPos(p))-1)) {
			return false // (e)
		}
	}
	// nearest, given no stem to look up and an index that holds nothing,
	// looks at the window alone.
	noStem, none := &teaserInfo{}, &nearIndex{}
	for _, ps := range [][]int32{c.nearLast.tookPlace, c.nearLast.disturbed} {
		for _, p := range ps {
			if !compared(p) {
				continue
			}
			out := c.order[:c.nearPos(p)-1]
			if pos, _, _ := c.nearest(int(p), &c.near[p], noStem, out, none, threshold, false); pos >= 0 {
				return false
			}
		}
	}
	return true
}
