package dedupe

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestTwiceSet checks what a twiceSet answers after each sequence of adds,
// for hashes that do not share a slot.
func TestTwiceSet(t *testing.T) {
	const a, b = 0x1234, 0xabcdef
	for _, bc := range []struct {
		name       string
		adds       []uint64
		wantA      bool
		wantB      bool
		skipSingle bool
	}{
		{"nothing added", nil, false, false, true},
		{"a once", []uint64{a}, false, false, true},
		{"a twice", []uint64{a, a}, true, false, true},
		{"a three times", []uint64{a, a, a}, true, false, true},
		{"a and b once each", []uint64{a, b}, false, false, true},
		{"a, b, a", []uint64{a, b, a}, true, false, true},
		{"every hash may repeat with the shortcut off", []uint64{a}, true, true, false},
	} {
		t.Run(bc.name, func(t *testing.T) {
			defer func(s bool) { skipSingleHashes = s }(skipSingleHashes)
			skipSingleHashes = bc.skipSingle
			s := newTwiceSet(100)
			s.seed = 0 // a and b then have slots of their own
			if s.slot(a) == s.slot(b) {
				t.Fatal("a and b share a slot")
			}
			for _, h := range bc.adds {
				s.add(h)
			}
			if got := s.mayRepeat(a); got != bc.wantA {
				t.Errorf("mayRepeat(a) = %v, want %v", got, bc.wantA)
			}
			if got := s.mayRepeat(b); got != bc.wantB {
				t.Errorf("mayRepeat(b) = %v, want %v", got, bc.wantB)
			}
		})
	}
	var none *twiceSet
	none.add(1)
	if !none.mayRepeat(1) {
		t.Error("a nil set says a hash came once")
	}
}

// TestTwiceSetSharedSlot checks the one way a twiceSet may be wrong: two
// hashes that came once each but share a slot may both have come twice.
func TestTwiceSetSharedSlot(t *testing.T) {
	s := newTwiceSet(1)
	h := uint64(2)
	for s.slot(h) != s.slot(1) {
		h++
	}
	s.add(1)
	s.add(h)
	if !s.mayRepeat(1) || !s.mayRepeat(h) {
		t.Errorf("hashes 1 and %d share a slot, added once each: mayRepeat %v, %v; want true, true", h, s.mayRepeat(1), s.mayRepeat(h))
	}
}

// TestTwiceSetAddSlots adds hashes, some several times, to a set one by
// one, and their slots in lists to sets of the same seed with addSlots on
// 1 to 3 goroutines, and checks that the sets are the same, that every
// hash added twice or more may repeat, and that few of those added once
// are taken for repeats: no more than the share of slots that other
// hashes take.
func TestTwiceSetAddSlots(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 20000
	count := map[uint64]int{}
	var adds []uint64
	for len(count) < n {
		h := rng.Uint64()
		for range 1 + rng.IntN(3)*rng.IntN(2) { // once, mostly
			adds = append(adds, h)
			count[h]++
		}
	}
	rng.Shuffle(len(adds), func(i, j int) { adds[i], adds[j] = adds[j], adds[i] })
	one := newTwiceSet(n)
	for _, h := range adds {
		one.add(h)
	}
	var slots []uint32
	for _, h := range adds {
		slots = append(slots, one.slot(h))
	}
	lists := [][]uint32{slots[:n/3], nil, slots[n/3 : n/2], slots[n/2:]}
	for workers := 1; workers <= 3; workers++ {
		all := &twiceSet{words: make([]uint64, len(one.words)), mask: one.mask, seed: one.seed}
		all.addSlots(lists, workers)
		if !slices.Equal(all.words, one.words) {
			t.Fatalf("addSlots on %d goroutines made another set than add", workers)
		}
	}
	once, wrong := 0, 0
	for h, c := range count {
		switch {
		case c > 1 && !one.mayRepeat(h):
			t.Fatalf("hash %#x added %d times: mayRepeat false", h, c)
		case c == 1:
			once++
			if one.mayRepeat(h) {
				wrong++
			}
		}
	}
	// n hashes in 8n slots or more: about 1-e^(-1/8), 11.8%, of the
	// hashes that came once share a slot.
	if share := float64(wrong) / float64(once); share > 0.14 {
		t.Errorf("%d of %d hashes added once (%.1f%%) may repeat, want at most 14%%", wrong, once, 100*share)
	}
}

// TestRoundsLookUpRepeatsOnly checks that the paragraph table, the
// sentence round and dropNear look up the keys, sentences and bags that
// repeat, and leave out most of those that come once: the twice sets must
// be filled before the rounds ask them, or the lookups they save are made
// after all.
func TestRoundsLookUpRepeatsOnly(t *testing.T) {
	var b strings.Builder
	const unique = 60
	for k := range unique {
		fmt.Fprintf(&b, "Paragraph %d opens with its own words. Its second sentence, number %d, is its own too.\n\n", k, k)
		if k%30 == 0 {
			// Twice the same sentence, and a paragraph whose sentences
			// are those of another in the other order: one bag.
			b.WriteString("This one sentence is said here and said again later. The bag of this paragraph comes twice.\n\n")
			b.WriteString("The bag of this paragraph comes twice. This one sentence is said here and said again later.\n\n")
		}
	}
	for _, bytes := range []int{1 << 30, 0} { // sets filled in the rounds, and by prepare
		t.Run(fmt.Sprint("parallelBytes ", bytes), func(t *testing.T) {
			setParallel(t, bytes, 0)
			c := stageCleaner(t, b.String(), &Options{})
			c.paragraphRound() // makes every text's sentences and near information
			keys, sentences, bags := map[bool]int{}, map[bool]int{}, map[bool]int{}
			for i := range c.paras {
				keys[c.twice.keys.mayRepeat(uint64(c.hash[i]))]++
			}
			for _, i := range c.order {
				for _, s := range sentencesUnfiled(c, int(i)) {
					if s.long() {
						sentences[c.looksUp(s)]++
					}
				}
				if n := c.nearOf(int(i)); n.bag != 0 {
					bags[c.twice.bags.mayRepeat(uint64(n.bag))]++
				}
			}
			// The two paragraphs written at k = 0 are written again at
			// k = 30: four keys came twice. The second has the first's
			// sentences in another order, so the round kept only the
			// first copy of the first (the rest are exact repeats or its
			// bag twin): its two sentences and its bag came four times.
			if keys[true] < 4 || keys[true] > 4+unique/4 {
				t.Errorf("%d of %d keys looked up; want the 4 that repeat, and few of the %d that do not", keys[true], keys[true]+keys[false], unique)
			}
			if sentences[true] < 2 || sentences[true] > 2+unique/2 {
				t.Errorf("%d of %d long sentences looked up; want the 2 that repeat, and few of the %d that do not", sentences[true], sentences[true]+sentences[false], 2*unique)
			}
			if bags[true] < 1 || bags[true] > 1+unique/4 {
				t.Errorf("%d of %d bags looked up; want the one that repeats, and few of the %d that do not", bags[true], bags[true]+bags[false], unique)
			}
			if got := len(c.order); got != unique+1 {
				t.Errorf("%d paragraphs kept, want %d", got, unique+1)
			}
		})
	}
}

// bagTwinsInput returns a document whose second half has the paragraphs
// of its first half with their sentences in another order: dropNear finds
// each twin by its bag of sentences alone, the two copies standing further
// apart than nearWindow (fillers stand between the halves) and, prepared
// on several goroutines, in the chunks of different goroutines, whose logs
// prepare must add to the cleaner's twiceSets.
func bagTwinsInput() string {
	var b strings.Builder
	const stories = 24
	for k := range stories {
		fmt.Fprintf(&b, "Story %d opens here today with a view. Its middle part is its own, number %d. Story %d ends the way it began.\n\n", k, k, k)
	}
	for k := range nearWindow {
		fmt.Fprintf(&b, "Filler %d stands between the halves, with words of its own and no twin.\n\n", k)
	}
	for k := range stories {
		fmt.Fprintf(&b, "Story %d ends the way it began. Story %d opens here today with a view. Its middle part is its own, number %d.\n\n", k, k, k)
	}
	return b.String()
}

// cutMakesBagTwin is a text in which the sentence round cuts a paragraph
// to the sentences of a later one in another order, which the second
// round's dropNear removes by its bag: only if the bag of the cut text is
// added to the twiceSet of bags.
const cutMakesBagTwin = "Earlier text stands here first on its own. Bravo is a long sentence said before here.\n\n" +
	"Alpha says hi now. Bravo is a long sentence said before here. Charlie says bye now. Delta waves too.\n\n" +
	"Filler one is a paragraph of its own with no twin.\n\n" +
	"Filler two is a paragraph of its own with no twin either.\n\n" +
	"Filler three stands here alone, different from the others.\n\n" +
	"Filler four is the last of the fillers before the reordered one.\n\n" +
	"Delta waves too. Alpha says hi now. Charlie says bye now.\n"

// TestBagTwinsRemoved checks that the inputs that agreeInputs adds for the
// twiceSet of bags do what they are there for: every twin of
// bagTwinsInput, prepared on one goroutine or several, and the last
// paragraph of cutMakesBagTwin are removed as near-duplicates, with the
// lookups of bags that came once left out and made. Were the set not
// filled for some text, its twin would stay.
func TestBagTwinsRemoved(t *testing.T) {
	for _, bc := range []struct {
		name  string
		in    string
		twins int
	}{{"bagTwinsInput", bagTwinsInput(), 24}, {"cutMakesBagTwin", cutMakesBagTwin, 1}} {
		for _, procs := range []int{1, 2, 8} {
			for _, skip := range []bool{true, false} {
				t.Run(fmt.Sprintf("%s/%d/%v", bc.name, procs, skip), func(t *testing.T) {
					defer func(s bool) { skipSingleHashes = s }(skipSingleHashes)
					skipSingleHashes = skip
					r := cleanWith(t, bc.in, Options{}, 0, procs)
					near := 0
					for _, ch := range r.Changes {
						for _, p := range append(ch.Parts, ch) { // a run of them lists them as its parts
							if p.Kind == Near && p.Similarity == 1 {
								near++
							}
						}
					}
					if near != bc.twins {
						t.Errorf("%d paragraphs removed as twins by their bags, want %d:\n%s", near, bc.twins, r.Text)
					}
				})
			}
		}
	}
}

// TestPrepareSetsDoNotGrowWithCPUs checks that what prepare's goroutines
// keep for the twice sets does not grow with their number: they log the
// slots of their hashes, in logs sized for their share of the text, where
// sets of their own took a pair of sets (4 MB on the 100 MB stream) each.
// Each goroutine more may take its buffers and the unused end of its slab
// of sentences: less than half a pair of sets. (From the review of the
// twice sets, which found the per-goroutine sets.)
func TestPrepareSetsDoNotGrowWithCPUs(t *testing.T) {
	in := stageInput()
	allocated := func(procs int) int64 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		c := stageCleaner(t, in, &Options{})
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(c)
		return int64(after.TotalAlloc - before.TotalAlloc)
	}
	c := stageCleaner(t, in, &Options{})
	pair := int64(8 * (len(c.twice.sentences.words) + len(c.twice.bags.words)))
	const few, many = 2, 34
	perGoroutine := (allocated(many) - allocated(few)) / (many - few)
	if perGoroutine >= pair/2 {
		t.Errorf("each goroutine of prepare takes %d bytes more, want less than half a pair of twiceSets, %d", perGoroutine, pair/2)
	}
}

// sentencesUnfiled returns paragraph i's sentences like
// cleaner.sentencesOf, but for a paragraph whose list dropSingleLists let
// go of splits its text without adding its hashes to the twice set again,
// and leaves the list dropped: for tests that ask about the sentences of
// the order without changing what the rounds would look up.
func sentencesUnfiled(c *cleaner, i int) []sentenceInfo {
	if !c.sentences.dropped(i) {
		return c.sentencesOf(i)
	}
	c.sentences.refs[i] = sentenceRef{}
	sents := c.splitText(i, &scratch{})
	c.sentences.refs[i] = droppedList
	return sents
}
