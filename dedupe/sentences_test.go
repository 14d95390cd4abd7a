package dedupe

import (
	"fmt"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/textclean/textclean/internal/sentence"
	"github.com/textclean/textclean/normalize"
)

// TestSentenceListsLong checks the lists of paragraphs of more sentences
// than a sentenceRef counts in 16 bits, and of exactly that many, each in
// a slab of its own, and of the short ones around them. An empty list
// holds offset 0: cut right after a slab of its own, where the next
// sentence would stand past what 16 bits count, it would hold the offset
// truncated.
func TestSentenceListsLong(t *testing.T) {
	sizes := []int{3, wholeSlab + 5, 0, wholeSlab, 4096, 7, 70000, 1}
	l := sentenceLists{refs: make([]sentenceRef, len(sizes))}
	var s scratch
	for i, n := range sizes {
		for k, info := range l.cut(i, n, &s) {
			if info != (sentenceInfo{}) {
				t.Fatalf("paragraph %d: sentence %d is cut from another's", i, k)
			}
		}
		// Numbered after, so that a list cut over another shows.
		list, _ := l.of(i)
		for k := range list {
			list[k].end = uint32(i<<24 | k)
		}
	}
	for i, n := range sizes {
		list, ok := l.of(i)
		if !ok || len(list) != n || cap(list) != n {
			t.Fatalf("paragraph %d: split %v, %d sentences (room for %d), want %d", i, ok, len(list), cap(list), n)
		}
		if r := l.refs[i]; n == 0 && r.off != 0 {
			t.Fatalf("paragraph %d: an empty list at offset %d", i, r.off)
		}
		for k := range list {
			if want := uint32(i<<24 | k); list[k].end != want {
				t.Fatalf("paragraph %d: sentence %d ends at %#x, want %#x", i, k, list[k].end, want)
			}
		}
	}
}

// TestSentenceListsShareSlabsIn16Bits checks that the slabs lists share
// are short enough for a sentenceRef's 16-bit offset and length, and that
// each list reads back as it was numbered, on lists of 1 to 1500
// sentences, 300,000 in all, cut from one scratch: enough to fill past
// math.MaxUint16 sentences any slab that cut made larger.
func TestSentenceListsShareSlabsIn16Bits(t *testing.T) {
	var sizes []int
	for total := 0; total < 300_000; total += sizes[len(sizes)-1] {
		sizes = append(sizes, 1+len(sizes)*37%1500)
	}
	l := sentenceLists{refs: make([]sentenceRef, len(sizes))}
	var s scratch
	for i, n := range sizes {
		list := l.cut(i, n, &s)
		for k := range list {
			list[k].end = uint32(i<<16 | k)
		}
	}
	for i, n := range sizes {
		if r := l.refs[i]; len(l.slabs[r.slab-1]) > math.MaxUint16 {
			t.Fatalf("paragraph %d, of %d sentences, shares a slab of %d", i, n, len(l.slabs[r.slab-1]))
		}
		list, _ := l.of(i)
		if len(list) != n {
			t.Fatalf("paragraph %d: %d sentences, want %d", i, len(list), n)
		}
		for k := range list {
			if want := uint32(i<<16 | k); list[k].end != want {
				t.Fatalf("paragraph %d: sentence %d ends at %#x, want %#x", i, k, list[k].end, want)
			}
		}
	}
}

// TestRepeatShares checks that repeatShares cuts repeats into at most n
// runs, one after the other from the first repeat to the last, none
// empty, that do not cut a paragraph's repeats apart.
func TestRepeatShares(t *testing.T) {
	for _, positions := range [][]int32{
		{},
		{0},
		{0, 0, 0, 0, 0},
		{0, 1, 2, 3, 4, 5, 6},
		{0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 3},
		{4, 4, 9, 9, 9, 9, 9, 9, 9, 9, 11},
	} {
		repeats := make([]sentenceRepeat, len(positions))
		for k, pos := range positions {
			repeats[k] = sentenceRepeat{pos: pos, sentence: uint32(k)}
		}
		for n := 1; n <= 8; n++ {
			shares := repeatShares(repeats, n)
			if len(shares) > n {
				t.Errorf("%v in %d: %d shares", positions, n, len(shares))
			}
			lo := 0
			for _, sh := range shares {
				if sh.lo != lo || sh.hi <= sh.lo {
					t.Errorf("%v in %d: shares %v", positions, n, shares)
					break
				}
				if sh.lo > 0 && positions[sh.lo] == positions[sh.lo-1] {
					t.Errorf("%v in %d: shares %v cut paragraph %d apart", positions, n, shares, positions[sh.lo])
				}
				lo = sh.hi
			}
			if lo != len(positions) {
				t.Errorf("%v in %d: shares %v end at %d", positions, n, shares, lo)
			}
		}
	}
}

// dropListsInput returns sharedSentencesInput with, in its middle, a
// paragraph of more sentences than a shared slab takes, one of them a
// repeat, and one of more than wholeSlab, all short, whose list is
// dropped: dropSingleLists moves the lists after the first past its slab,
// and into the second's.
func dropListsInput() string {
	in := sharedSentencesInput()
	var big strings.Builder
	big.WriteString(strings.Repeat("Short one. ", 5000))
	big.WriteString("Sentence 3 of the pool tells of the harbour and its 21 ships.")
	huge := strings.Repeat("Tiny. ", wholeSlab+10)
	half := len(in) / 2
	half += strings.Index(in[half:], "\n\n") + 2
	return in[:half] + big.String() + "\n\n" + huge + "\n\n" + in[half:]
}

// TestDropSingleLists checks that dropSingleLists keeps, unchanged, the
// list of every paragraph that has a sentence the sentence round looks
// up, drops the others, leaves the slabs' room past the lists zero (for
// askSentences, which reads it all) and lets go of slabs, on two
// goroutines in batches of a few paragraphs (many slabs, of each size).
func TestDropSingleLists(t *testing.T) {
	setParallel(t, 0, 2)
	defer func(b int, d bool) { prepareBatchBytes, dropSingleSentenceLists = b, d }(prepareBatchBytes, dropSingleSentenceLists)
	prepareBatchBytes, dropSingleSentenceLists = 512, false
	c := stageCleaner(t, dropListsInput(), &Options{})
	before := make([][]sentenceInfo, len(c.paras))
	slabs := len(c.sentences.slabs)
	for i := range c.paras {
		list, ok := c.sentences.of(i)
		if !ok {
			t.Fatalf("paragraph %d not split by prepare", i)
		}
		before[i] = slices.Clone(list)
	}
	dropSingleSentenceLists = true
	c.dropPendingLists(spareOf(c.decider.d))
	kept, dropped := 0, 0
	for i, want := range before {
		looks := slices.ContainsFunc(want, c.looksUp)
		if c.sentences.dropped(i) {
			if looks {
				t.Fatalf("paragraph %d: list dropped, but a sentence of it is looked up", i)
			}
			dropped++
			continue
		}
		got, ok := c.sentences.of(i)
		if !ok || !looks || !slices.Equal(got, want) {
			t.Fatalf("paragraph %d: list %v (%v), looked up %v; want %v", i, got, ok, looks, want)
		}
		kept += len(got)
	}
	nonzero := 0
	for _, slab := range c.sentences.slabs {
		for _, s := range slab {
			if s != (sentenceInfo{}) {
				nonzero++
			}
		}
	}
	if nonzero != kept {
		t.Errorf("%d sentences in the slabs, want the %d of the lists kept", nonzero, kept)
	}
	if dropped == 0 || kept == 0 || len(c.sentences.slabs) >= slabs {
		t.Errorf("%d lists dropped, %d sentences kept, %d of %d slabs left", dropped, kept, len(c.sentences.slabs), slabs)
	}
	if r := c.sentences.refs[slices.IndexFunc(before, func(l []sentenceInfo) bool { return len(l) > wholeSlab })]; r != droppedList {
		t.Errorf("the list of more than %d short sentences is %+v, want dropped", wholeSlab, r)
	}
	// The rounds after it find what they find with every list kept.
	c.rounds()
	if got, want := c.result(), cleanWith(t, dropListsInput(), Options{}, math.MaxInt, 1); !reflect.DeepEqual(got, want) {
		t.Errorf("with the lists dropped:\n%+v\nwith them kept:\n%+v", got, want)
	}
}

// TestDropListsBesideFirstRound checks that prepare leaves
// dropSingleLists to the first paragraph round, which runs it beside its
// junk lines and table (see paragraphRoundBeside), on two goroutines in
// batches of a few paragraphs: no list is dropped after start, some are
// after the rounds, and the Result is the one goroutine's, which
// prepares nothing and drops no list. Under -race it also checks that the
// two sides share nothing they write, the decisions' memory included
// (see halves).
func TestDropListsBesideFirstRound(t *testing.T) {
	setParallel(t, 0, 2)
	defer func(b int) { prepareBatchBytes = b }(prepareBatchBytes)
	prepareBatchBytes = 512
	in := dropListsInput()
	c := stageCleaner(t, in, &Options{})
	if !c.sentences.pending {
		t.Fatal("prepare left no lists to drop")
	}
	for i := range c.paras {
		if c.sentences.dropped(i) {
			t.Fatalf("paragraph %d: list dropped by prepare", i)
		}
	}
	c.rounds()
	if c.sentences.pending {
		t.Error("the rounds left the lists to drop")
	}
	dropped := 0
	for i := range c.paras {
		if c.sentences.dropped(i) {
			dropped++
		}
	}
	if dropped == 0 {
		t.Error("no list dropped by the first round")
	}
	if got, want := c.result(), cleanWith(t, in, Options{}, math.MaxInt, 1); !reflect.DeepEqual(got, want) {
		t.Errorf("with the lists dropped beside the first round:\n%+v\non one goroutine:\n%+v", got, want)
	}
}

// TestDroppedListSplitAgain checks, on cutSplitsOtherwise on two
// goroutines, that a paragraph whose list dropSingleLists let go of (the
// second: its sentences come once) is split again for the sentence round
// once a cut text splits into a sentence it did not have, here a copy of
// that paragraph's: the second sentence round cuts it, emptying the
// paragraph, as with every list kept.
func TestDroppedListSplitAgain(t *testing.T) {
	setParallel(t, 0, 2)
	c := stageCleanerDropped(t, cutSplitsOtherwise, 1)
	if !c.sentences.dropped(1) || c.sentences.dropped(2) {
		t.Fatalf("lists dropped: %v %v %v, want the second only", c.sentences.dropped(0), c.sentences.dropped(1), c.sentences.dropped(2))
	}
	c.paragraphRound()
	if !c.sentenceRound(nil) {
		t.Fatal("the first sentence round cut nothing")
	}
	c.noteSentenceRound()
	if !c.sentences.dropped(1) {
		t.Error("the first sentence round split the dropped text again")
	}
	c.paragraphRound()
	if c.sentencesSettled() {
		t.Fatal("settled after the second paragraph round")
	}
	if !c.sentenceRound(nil) || c.fate[2] != emptied {
		t.Errorf("the second sentence round did not empty the last paragraph (cut %v)", c.cutParas)
	}
	if c.sentences.dropped(1) || c.sentences.anyDropped {
		t.Error("the second sentence round did not split the dropped text again")
	}
	plain := cleanWith(t, cutSplitsOtherwise, Options{}, math.MaxInt, 1)
	if plain.Emptied != 1 {
		t.Fatalf("%d paragraphs emptied on one goroutine, want 1", plain.Emptied)
	}
	if got := cleanWith(t, cutSplitsOtherwise, Options{}, 0, 2); !reflect.DeepEqual(got, plain) {
		t.Errorf("on two goroutines:\n%+v\non one:\n%+v", got, plain)
	}
}

// stageCleanerDropped is stageCleaner with the default options, made
// again until paragraph i's list is dropped, at most 20 times: the twice
// set is seeded at random, and a sentence of the paragraph that shares a
// slot with another's may repeat, so its list is kept. On
// cutSplitsOtherwise that happened to the second paragraph's list in 10
// cleaners of 1,000, and in 83 of 1,000 with the 20 paragraphs of
// TestSplitDroppedAddsNoHashes after it.
func stageCleanerDropped(t *testing.T, in string, i int) *cleaner {
	t.Helper()
	stage := func() *cleaner {
		c := stageCleaner(t, in, &Options{})
		c.dropPendingLists(spareOf(c.decider.d)) // as the first round would
		return c
	}
	c := stage()
	for range 19 {
		if c.sentences.dropped(i) {
			break
		}
		c = stage()
	}
	return c
}

// TestSentenceInfo checks that a sentenceInfo takes 12 bytes, and gives
// back the hash and the long bit it was made with, and its end.
func TestSentenceInfo(t *testing.T) {
	if size := unsafe.Sizeof(sentenceInfo{}); size != 12 {
		t.Errorf("a sentenceInfo takes %d bytes, want 12", size)
	}
	for _, h := range []uint64{0, 1, 0x8000_0000_0000_0000, 0xfedc_ba98_7654_3210, math.MaxUint64} {
		for _, long := range []bool{false, true} {
			s := newSentenceInfo(1<<31+5, h, long)
			want := h&^1 | map[bool]uint64{false: 0, true: 1}[long]
			if s.hash() != want || s.long() != long || s.end != 1<<31+5 {
				t.Errorf("newSentenceInfo(%#x, %v): hash %#x, long %v, end %d; want %#x, %v, %d", h, long, s.hash(), s.long(), s.end, want, long, 1<<31+5)
			}
		}
	}
}

// TestSpanOf checks that the sentences' spans found again from their ends
// (see sentenceInfo) are those the splitter gave, in paragraphs with white
// space of every kind around and between their sentences.
func TestSpanOf(t *testing.T) {
	for _, text := range []string{
		"One sentence here. Two sentences here.",
		"  \t Leading space. Then\u00a0a no-break space.\u3000Ideographic space.\n\nBlank line.  ",
		"No. 10 people stayed. Dr. Who came.",
		"終わり。次の文。",
	} {
		// Every normalization rule off, so that the spaces stay.
		c := stageCleaner(t, text+"\n", &Options{Normalize: normalize.Options{Skip: normalize.Except()}})
		textNow := c.textOf(0)
		sents := c.sentencesOf(0)
		spans := sentence.Split(textNow)
		if len(sents) != len(spans) {
			t.Fatalf("%q: %d sentences, want %d", text, len(sents), len(spans))
		}
		for k, sp := range spans {
			if got := spanOf(textNow, sents, k); got != (span32{uint32(sp.Start), uint32(sp.End)}) {
				t.Errorf("%q: sentence %d at %v, want %v", textNow, k, got, sp)
			}
			kept := keptSentence{0, span32{endBefore(sents, k), sents[k].end}}
			if got := kept.span(textNow); got != (span32{uint32(sp.Start), uint32(sp.End)}) {
				t.Errorf("%q: kept sentence %d at %v, want %v", textNow, k, got, sp)
			}
		}
	}
}

// BenchmarkDropSingleLists lets go of the sentence lists that no round
// reads, once prepare is done, on stageSize of generated articles or on
// TEXTCLEAN_BENCH_FILE.
func BenchmarkDropSingleLists(b *testing.B) {
	input := stageInputOrFile(b)
	defer func(d bool) { dropSingleSentenceLists = d }(dropSingleSentenceLists)
	for b.Loop() {
		b.StopTimer()
		dropSingleSentenceLists = false
		c := stageCleaner(b, input, &Options{})
		dropSingleSentenceLists = true
		b.StartTimer()
		c.dropPendingLists(spareOf(c.decider.d))
	}
}

// BenchmarkFirstRound runs the first paragraph round of the default mode
// with the sentence round's asks beside it, on stageSize of generated
// articles or on TEXTCLEAN_BENCH_FILE, on GOMAXPROCS goroutines:
// "lists-first" runs dropSingleLists before it, as prepare did, and
// "lists-beside" beside it, as rounds does (see paragraphRoundBeside).
// A file under parallelBytes is skipped, as rounds would not call
// firstParagraphRound for it.
func BenchmarkFirstRound(b *testing.B) {
	input := stageInputOrFile(b)
	for _, beside := range []bool{false, true} {
		b.Run(map[bool]string{false: "lists-first", true: "lists-beside"}[beside], func(b *testing.B) {
			if runtime.GOMAXPROCS(0) < 2 {
				b.Skip("one CPU: nothing runs beside")
			}
			for b.Loop() {
				b.StopTimer()
				c := stageCleaner(b, input, &Options{})
				if c.workers() < 2 {
					// Under parallelBytes: alongside would run the round,
					// which waits for the lists, before them (a deadlock).
					b.Skip("one worker: nothing runs beside")
				}
				b.StartTimer()
				if !beside {
					c.dropPendingLists(spareOf(c.decider.d))
				}
				c.firstParagraphRound()
			}
		})
	}
}

// TestSplitDroppedAddsNoHashes checks that splitDropped, when a cut text
// splits otherwise, adds no hash to the twice set again, and files again
// only the dropped lists that now have a sentence the round looks up: on
// cutSplitsOtherwise, with paragraphs of sentences said once after it,
// the second paragraph's (see TestDroppedListSplitAgain), and not the
// others'. Split again with their hashes added a second time, every
// sentence of every dropped list of the order was looked up from then on,
// and every list came back: on the 100 MB stream with cutSplitsOtherwise
// appended, peak RSS 263 MB, where main took 250 (3 runs each).
func TestSplitDroppedAddsNoHashes(t *testing.T) {
	setParallel(t, 0, 2)
	var b strings.Builder
	b.WriteString(cutSplitsOtherwise)
	const once = 20
	for k := range once {
		fmt.Fprintf(&b, "Paragraph %d opens with its own words here. Its second sentence, number %d, is its own too.\n", k, k)
	}
	c := stageCleanerDropped(t, b.String(), 1)
	// The lists dropped: all but the third's, but for a sentence whose
	// slot in the twice set (seeded at random) another's took.
	dropped := map[int]bool{}
	for i := 3; i < 3+once; i++ {
		if c.sentences.dropped(i) {
			dropped[i] = true
		}
	}
	if len(dropped) < once/2 || c.sentences.dropped(2) {
		t.Fatalf("lists dropped: %v of the paragraphs said once, the third's %v", dropped, c.sentences.dropped(2))
	}
	c.paragraphRound()
	if !c.sentenceRound(nil) {
		t.Fatal("the first sentence round cut nothing")
	}
	c.noteSentenceRound()
	c.paragraphRound()
	if c.sentencesSettled() { // splits the cut text again
		t.Fatal("settled after the second paragraph round")
	}
	words := slices.Clone(c.twice.sentences.words)
	if !c.splitDropped() {
		t.Fatal("splitDropped split nothing")
	}
	if !slices.Equal(words, c.twice.sentences.words) {
		t.Error("splitDropped added hashes to the twice set of sentences")
	}
	if c.sentences.dropped(1) {
		t.Error("the second paragraph's list, with the cut text's new sentence, is still dropped")
	}
	for i := range dropped {
		looks := slices.ContainsFunc(sentencesUnfiled(c, i), c.looksUp)
		if c.sentences.dropped(i) == looks {
			t.Errorf("paragraph %d: dropped %v, a sentence looked up %v", i, c.sentences.dropped(i), looks)
		}
	}
	if c.sentenceRound(nil); c.fate[2] != emptied {
		t.Errorf("the third paragraph is %v, want emptied", c.fate[2])
	}
}

// TestCutSizes checks that cutSizes counts the paragraphs a sentence
// round's repeats cut and the sentences they keep, as fileCuts records
// them (cutRepeats sizes its records by it): on texts whose first
// sentence round cuts one sentence of a paragraph, and more than one.
func TestCutSizes(t *testing.T) {
	many := "A sentence of more than five words, said here first. One.\n" +
		"A sentence of more than five words, said here first. Two. Another sentence of six words or more, said twice.\n" +
		"Three. A sentence of more than five words, said here first. Another sentence of six words or more, said twice. Four.\n"
	for _, in := range []string{cutMakesRepeat, cutMakesJunk, many} {
		c := stageCleaner(t, in, &Options{})
		c.paragraphRound()
		c.cutParas, c.cutFrom, c.cutHashes = c.cutParas[:0], append(c.cutFrom[:0], 0), c.cutHashes[:0]
		repeats := c.repeatedSentences(c.workers(), nil)
		if len(repeats) == 0 {
			t.Fatalf("%q: nothing to cut", in)
		}
		paras, kept := c.cutSizes(repeats)
		if in == many && (paras != 2 || len(repeats) != 3) {
			t.Fatalf("%d repeats in %d paragraphs, want 3 in 2", len(repeats), paras)
		}
		c.cutRepeats(repeats)
		if paras != len(c.cutParas) || kept != len(c.cutHashes) {
			t.Errorf("%q: cutSizes %d paragraphs keeping %d sentences, fileCuts recorded %d keeping %d", in, paras, kept, len(c.cutParas), len(c.cutHashes))
		}
	}
}

// TestSentenceTableLendsIndexFirst checks that newSentenceTable lends its
// index, the largest of its three slices, before the spans and paragraphs:
// given one spare with room for the index and less than the spans beside
// it, the index is made in the spare (lent after them, it found the spare
// too small and was made fresh).
func TestSentenceTableLendsIndexFirst(t *testing.T) {
	const n = 250_000 // 2^19 slots of 8 bytes: 4 MiB
	slots := slotsFor(n)
	room := make([]uint64, slots+n/2) // the index's slots, and half the spans'
	spares := []spare{{at: unsafe.Pointer(unsafe.SliceData(room)), size: uintptr(len(room)) * 8}}
	table := newSentenceTable(n, nil, spares)
	index := table.first.tags.slots
	if len(index) != slots || unsafe.Pointer(unsafe.SliceData(index)) != unsafe.Pointer(unsafe.SliceData(room)) {
		t.Errorf("the index of %d slots is not in the spare", len(index))
	}
	if cap(table.spans) != n || cap(table.paras) != n {
		t.Errorf("room for %d spans and %d paragraphs, want %d each", cap(table.spans), cap(table.paras), n)
	}
}
