package dedupe

import (
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"
	"github.com/textclean/textclean/normalize"
)

// Clean normalizes input, removes what the scraper repeated and returns the
// clean text with a report of every change. It fails only for input that is
// not text: see [normalize.Normalizer.Document]. From 256 KB of input on,
// Clean does part of its work on GOMAXPROCS goroutines; the result does not
// depend on how many. For an input of 16 MB or more it may run the garbage
// collector and give free memory back to the system, once: see
// Options.NoCollect.
func Clean(input string, opts Options) (*Result, error) {
	c, err := newCleaner(input, &opts)
	if err != nil {
		return nil, err
	}
	return c.clean(), nil
}

// newCleaner normalizes input for a Clean or CleanTo call, or says why it
// cannot be cleaned.
func newCleaner(input string, opts *Options) (*cleaner, error) {
	if len(input) > maxText {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, len(input), maxText)
	}
	doc, err := normalize.New(opts.Normalize).Document(input)
	if err != nil {
		return nil, err
	}
	if n := textSize(doc); n > maxText {
		return nil, fmt.Errorf("%w: %d bytes once normalized, more than %d", ErrTooLarge, n, maxText)
	}
	return &cleaner{input: input, opts: opts, doc: doc}, nil
}

// CleanTo is Clean, but for the clean text, which it writes to w rather
// than return in Result.Text: a big document's clean text is never in
// memory whole (it goes through a buffer of 64 KB, flushed before CleanTo
// returns). Result.Text is empty; Result.Changed reports whether the text
// written differs from input, whatever string it is then given. Every
// step that can fail comes before the first write (only Result.Changes is
// worked out as it writes, on a goroutine of its own for a big input):
// for input that is not text, w is not written at all. An error of w
// stops the writing: nothing more is written to w, and CleanTo returns
// the error wrapped in ErrWrite, with the Result all the same (every
// decision was made before the writing began). Like Clean, it may run
// the garbage collector once for a big input (not giving the memory
// back): see Options.NoCollect.
func CleanTo(w io.Writer, input string, opts Options) (*Result, error) {
	return cleanTo(w, input, opts, streamBufferSize)
}

// cleanTo is CleanTo through a buffer of bufSize bytes.
func cleanTo(w io.Writer, input string, opts Options, bufSize int) (*Result, error) {
	c, inputErr := newCleaner(input, &opts)
	if inputErr != nil {
		return nil, inputErr
	}
	c.start()
	c.rounds()
	r := c.decided(false)
	out := c.outputWriter()
	var err error
	c.alongside(func() {
		r.writtenBytes, r.differs, err = out.writeTo(w, bufSize)
		r.ParagraphsOut = len(c.order)
	}, func() {
		out.placeLines()
		r.Changes = c.changes()
	})
	r.written = true
	if err != nil {
		return r, fmt.Errorf("%w: %w", ErrWrite, err)
	}
	return r, nil
}

// ErrWrite wraps the error of the writer CleanTo writes to, so that it
// can be told from an error of the input.
var ErrWrite = errors.New("write clean text")

// ErrTooLarge is returned for an input of more than MaxInput bytes, or
// whose normalized text is larger than that (an invalid byte becomes a
// three-byte U+FFFD): Clean keeps the line and paragraph indexes and the
// offsets in a paragraph's text in 32 bits, which halves its memory per
// sentence. It is normalize.ErrTooLarge, which normalize.Document returns
// for the same limit, so that a caller's errors.Is holds for either.
var ErrTooLarge = normalize.ErrTooLarge

// MaxInput is the most bytes Clean takes, as input and as normalized text:
// normalize.MaxInput, math.MaxInt32, so that indexes and offsets fit an
// int32 and a uint32, as normalize's Line offsets do.
const MaxInput = normalize.MaxInput

// maxText is MaxInput, in a variable so tests can lower it.
var maxText = MaxInput

// textSize returns the bytes of the normalized text of lines, each with
// one byte for its line end: more than any paragraph's text, and than the
// number of lines.
func textSize(doc *normalize.Document) int {
	n := 0
	for i := range doc.Lines {
		n += len(doc.Text(i)) + 1
	}
	return n
}

// maxRounds bounds the rounds of decisions. Removing a paragraph can make
// two short repeats adjacent, and cutting a sentence can make a paragraph a
// repeat, so Clean decides again on what it kept until nothing changes;
// that makes cleaning idempotent. Most texts settle in two rounds; of 3,000
// generated damaged articles none needed more than five. The bound keeps
// adversarial input linear.
const maxRounds = 16

// cleaner holds the state of one Clean call. Paragraphs keep their input
// index throughout; the slices indexed by paragraph say what became of each.
type cleaner struct {
	input string
	opts  *Options
	doc   *normalize.Document
	procs int // see workers: 0 until its first call

	style Style
	paras []int32 // by paragraph: its first line, an index into doc.Lines
	lasts []int32 // by paragraph: its last line; nil when every paragraph is one line (see segmentOn)
	fate  []fate  // by paragraph
	// copyOf, by paragraph: for one removed as a repeat, near-duplicate
	// or teaser, the paragraph it repeats (see finalCopy), set when it
	// leaves the order. Every other entry is no copy: 0 until the first
	// dropNear; then, for a paragraph in the order, 1 + its position in
	// the last dropNear's output (noteNear, nearPos), kept here because
	// a slice of its own added 2.2 MB to the default mode's peak on the
	// 100 MB stream; left so when the paragraph leaves the order
	// otherwise (junk, emptied).
	copyOf     []int32
	keptRepeat []bool          // by paragraph: a repeat that the paragraph rules kept (short, or recurring)
	oneLine    bool            // every paragraph is one line (segmentOn joined no lines): see textOf
	texts      []string        // by paragraph: its current text, cut or not (see fileCut): its lines joined, or for a small document of one-line paragraphs its line's; nil for a big one of those (see textOf)
	cutAt      map[int32]int32 // by paragraph cut by sentence removals: where its text is in cutList; nil until the first cut (cutRepeats sizes it) and once cutIndex is made
	cutIndex   []int32         // by paragraph: where its text is in cutList, when many are cut (see cutOf)
	cutList    []cutText       // the texts of the paragraphs cut, in the order first cut (see cutOf)
	cutBits    []uint64        // bit i%64 of word i/64: paragraph i has a text in cutList
	recut      int             // the paragraphs cut again, in a later sentence round: their new texts took their old ones' places in cutList
	order      []int32         // the paragraphs of the output, in order
	spareOrder []int32         // memory for the next order: the one before, which nothing else holds; lent to the sentence round (see roundSpares)
	cuts       []cutRecord     // every sentence removed, in the order removed
	outLine    []uint32        // by paragraph: the output line it starts on, 0 if not in the output

	// The hash of the match key of each paragraph's current text (the key
	// itself is made again when needed: kept, keys would take as much
	// memory as the input), and its sentences, made once per text.
	hash  []uint32   // by paragraph: the low 32 bits of the xxhash of its current text's match key, the tables' hash (see paragraphHash)
	keyed []keyState // by paragraph: whether hash is made for its current text, and whether that is a junk line
	// keys holds, by paragraph, the Key of its current text, made with
	// its hash, when Options.Elsewhere is asked about it in every round;
	// nil otherwise (a SHA-256 a paragraph, which nothing else needs).
	keys      []Key
	sentences sentenceLists // by paragraph: the sentences of its current text
	scratch   scratch       // for the texts keyed and split one at a time
	keyBuf    []byte
	keyBuf2   []byte
	copies    map[int]Copy // by paragraph: why a paragraph other documents have went
	junk      *junkMatcher
	junkRule  map[int]string // by paragraph: the junk list entry it matched
	near      []nearInfo     // by paragraph: words and word sketch of its current text
	// wides: the whole sketches of the texts whose keys have more than
	// wideWords words, in chunks, each text's found by its nearInfo (see
	// fileWide); those of texts since changed stay, unread, and so do the
	// ends of chunks that a scratch left unfilled. wideMu is for adding
	// chunks.
	wides  [][]sketch
	wideMu sync.Mutex
	// stems, by paragraph: for a teaser, the index of its teaserInfo in
	// scratch.teasers; nil until a teaser is found (see setStem).
	stems []int32
	// starts, by paragraph: the hashes of its key's first words, made
	// with near; nil while the document has no teaser (see keepStarts).
	starts   []keyStart
	nearIdx  nearIndex // dropNear's indexes, kept from round to round
	nearLast nearLast  // what the last dropNear saw, for the next: see dropNearSettled

	// The hashes of every paragraph key, long sentence and bag of
	// sentences made, so that the paragraph and sentence tables and
	// dropNear's bag index leave out those that came once. c.scratch adds
	// to these same sets.
	twice twiceSets

	// shingleSeed seeds the hashes of the words of shingles: random, so
	// that no page can be crafted to share another's shingles.
	shingleSeed maphash.Seed
	// recentShingles keeps the shingle sets dropNear asked for last, in
	// the order last asked for from recentNext, the oldest, on (see
	// useShingles).
	recentShingles [nearWindow + 2]shingleSet
	recentNext     int
	similarity     map[int]float64 // by paragraph: how near a near-duplicate was
	keptLater      map[int]bool    // by paragraph: a near-duplicate or teaser that gave way to a later, fuller copy

	inputBreaks  breaksCache                // by paragraph: the line breaks of its original text
	outputBreaks breaksCache                // by paragraph: the line breaks of its final text
	lineOffsets  map[int]*normalize.Offsets // by input line index: its normalized offsets mapped back

	// The paragraph rounds' tables and decisions, and the memory they
	// reuse from round to round (see paragraphTable).
	table       table
	decider     decider
	keyClass    []int32 // by paragraph: its class, a label shared by the paragraphs of the order with its key (see paragraphTable)
	classLabels int     // the highest label of keyClass
	classCuts   int     // len(cuts) when keyClass was made
	keyedCuts   int     // len(cuts) when keyCutTexts last looked
	junkCuts    int     // len(cuts)+1 when dropJunk last looked, 0 before

	// What cutSentences reuses from paragraph to paragraph.
	cutScratch cutScratch

	// What the last sentence round saw (see sentencesSettled), once one
	// has run.
	sentenceRoundRan bool
	// With near-duplicates off: settledPos, by paragraph, one more than
	// its position in that round's order, 0 if not in it, lent to the
	// next sentence round once sentencesSettled has read it (see
	// roundSpares); and settledKept, by paragraph, nearKeptThen if it
	// was kept as a repeat then. With them on, noteNear keeps what
	// sentencesSettled reads, in nearSettled (see noteSentenceRound).
	settledPos  []int32
	settledKept []uint8
	nearSettled bool // the order of this paragraph round's dropNear holds against the last round's (see noteNear)
	// The paragraphs that round cut, and the hashes of the sentences each
	// kept, in order: those of cutHashes[cutFrom[k]:cutFrom[k+1]] for
	// cutParas[k].
	cutParas  []int32
	cutFrom   []int32
	cutHashes []uint64

	// confirmed: the last paragraph round changed the order only in ways
	// that the next one would confirm, changing nothing (see
	// nearDropsConfirmed).
	confirmed     bool
	roundsLeftOut int // the rounds left out so: tests check that their inputs reach it
}

// cutText is what a paragraph cut by sentence removals keeps of its
// original text.
type cutText struct {
	original string
	text     string // its current text
	pieces   pieces // maps its current text to original
}

// cutRecord is a sentence removed from paragraph para, a repeat of one in
// paragraph keptPara; both spans are in the paragraphs' original texts.
type cutRecord struct {
	para     int32
	orig     span32
	keptPara int32
	keptOrig span32
}

// clean finds the paragraphs, runs the rounds and returns what they did.
func (c *cleaner) clean() *Result {
	c.start()
	c.rounds()
	return c.result()
}

// rounds runs paragraph and sentence rounds until one removes nothing, at
// most maxRounds of them. A sentence round that would cut nothing (see
// sentencesSettled) is not run, nor a round that would only confirm the
// one before (see nearDropsConfirmed).
//
// From parallelBytes of input on, with two CPUs or more, the first
// paragraph round runs on one of them, and the first sentence round's
// asks of the twice set (see askSentences) are made alongside it, on
// another: the two share only what both read, as each reads it. The
// asks read the sentence lists (c.sentences) and the twice set of
// sentences (c.twice.sentences), which prepare made for every text and
// only a sentence round, or splitting a text not split yet, changes;
// they write only their own sentenceAsks. The paragraph round reads
// those too, and splits no text: prepare, which runs from two workers on
// as this does, split them all, and the round changes none. Both rest on
// c.workers() being fixed for the Clean (see workers): the asks are made
// in as many shares as the sentence round looks up. (sentenceRound
// still makes the asks again if it finds a text of the order not split.)
// On the 100 MB benchmark stream (at 1a2bcf5) the asks took 17-21 ms of
// the first sentence round (on both CPUs), beside a paragraph round of
// 90-95 ms on one: phase timers showed them gone from the sentence round,
// and the paragraph round as long when the other CPU is free. (At b4faceb
// the first paragraph round takes about 76 ms.) Before the asks, the
// other goroutine runs dropSingleLists, which prepare left to this
// round, and the round's start runs beside it (see
// paragraphRoundBeside).
func (c *cleaner) rounds() {
	for round := range maxRounds {
		var asks *sentenceAsks
		paragraphs := false
		if round == 0 && !c.opts.NoSentences && c.workers() >= 2 {
			paragraphs, asks = c.firstParagraphRound()
		} else {
			paragraphs = c.paragraphRound()
		}
		sentences := false
		if !c.opts.NoSentences && !c.sentencesSettled() {
			sentences = c.sentenceRound(asks)
			c.noteSentenceRound()
		}
		if (!paragraphs || c.confirmed) && !sentences {
			if paragraphs {
				c.roundsLeftOut++
			}
			break
		}
	}
}

// firstParagraphRound runs the first paragraph round, with sentences on
// and two CPUs or more, and beside it, on another goroutine, the
// dropSingleLists that prepare left pending and the sentence round's asks
// (see rounds); it returns what paragraphRound does and the asks. With
// one worker it would wait for ever: alongside runs the round first, and
// the round waits for the lists the other side drops.
func (c *cleaner) firstParagraphRound() (bool, *sentenceAsks) {
	tableRoom, listsRoom := spareOf(c.decider.d), spare{}
	if c.sentences.pending {
		tableRoom, listsRoom = halves(tableRoom)
	}
	var paragraphs bool
	var asks *sentenceAsks
	lists := make(chan struct{})
	c.alongside(func() { paragraphs = c.paragraphRoundBeside(lists, tableRoom) },
		func() {
			c.dropPendingLists(listsRoom)
			close(lists)
			asks = c.askSentences(1, c.workers())
		})
	return paragraphs, asks
}

// skipSettledSentenceRounds says whether rounds may leave out a sentence
// round that sentencesSettled says would cut nothing; tests turn it off to
// check that doing so changes nothing.
var skipSettledSentenceRounds = true

// noteSentenceRound records, after a sentence round, what sentencesSettled
// needs: where each paragraph stood in its order and which were kept
// repeats (fileCuts recorded what the paragraphs cut kept).
//
// With near-duplicates on, dropNear's noteNear has recorded both already,
// in this paragraph round, for an order of which the sentence round's is
// a part, in the same order (it only drops paragraphs left empty): the
// positions in c.copyOf (nearPos) and keptRepeat in nearLast.bits
// (nearKeptThen; only a paragraph round sets keptRepeat). The next
// paragraph round's noteNear reads them before it writes its own (see
// nearSettled). In their own slices, made here, they were 2.8 MB on the
// 100 MB stream, made on top of the rounds' peak at the end of round 1.
func (c *cleaner) noteSentenceRound() {
	c.sentenceRoundRan = true
	if c.near != nil {
		return
	}
	c.settledPos = resize(c.settledPos, len(c.paras))
	for pos, i := range c.order {
		c.settledPos[i] = int32(pos) + 1
	}
	c.settledKept = resize(c.settledKept, len(c.paras))
	for i, kept := range c.keptRepeat {
		if kept {
			c.settledKept[i] = nearKeptThen
		}
	}
}

// sentencesSettled reports whether a sentence round now would cut nothing.
// After the last one (round k), each long sentence of a paragraph not kept
// as a repeat then had no earlier copy in that round's order: the round
// cut every one that had, from texts whose sentences were all filed
// before. That holds of the order now if
//   - every paragraph the last round cut has, split again, the sentences it
//     kept (a cut text can split otherwise, into a sentence that repeats);
//   - the order now holds only paragraphs of round k's order, and no
//     paragraph that the paragraph rules kept as a repeat then (whose
//     sentences round k left alone) is now cut loose;
//   - of two paragraphs that now stand in the other order than in round
//     k's, the one now first was not kept as a repeat then. (It then
//     stood after the other, so round k cut from it any sentence of the
//     other's: the two share none.)
//
// Pairwise, that is enough: a round now would cut from a paragraph P, if
// it is not a kept repeat now, only long sentences that P has twice or
// shares with a paragraph Q before it (texts change only in sentence
// rounds). If P was not kept then, it has none twice, and shares none
// with a Q that stood before it then, nor, by the last condition, with a
// Q that stood after it; if it was, it is kept now, by the second.
//
// The order only ever loses paragraphs and moves them: a paragraph round
// that moves a paragraph (decide's runs, dropNear's fuller copy taking a
// teaser's place) moves it ahead, which the last condition allows for
// paragraphs not kept as repeats.
//
// With near-duplicates on, the order then is that of the last paragraph
// round's dropNear, of which the sentence round's was a part, if that
// round's ran; if it did not, sentencesSettled said then that it would
// cut nothing, and so the order then holds as a sentence round's does
// (texts changed since only by the cuts cutsSplitAsKept checks). This
// round's dropNear checked the first three conditions against it before
// it wrote its own (see noteNear), on its order, of which the order now
// is a part, in the same order: a part of an order that meets them meets
// them.
func (c *cleaner) sentencesSettled() bool {
	if !skipSettledSentenceRounds || !c.sentenceRoundRan {
		return false
	}
	if c.near != nil {
		return c.nearSettled && c.cutsSplitAsKept()
	}
	return c.orderSettled(c.settledPos, c.settledKept) && c.cutsSplitAsKept()
}

// orderSettled reports whether the order meets the conditions of
// sentencesSettled on positions and kept repeats, against the order then
// whose positions pos holds, by paragraph (one more than its position, 0
// if not in it), with nearKeptThen set in kept, by paragraph, for the
// paragraphs kept as repeats then.
func (c *cleaner) orderSettled(pos []int32, kept []uint8) bool {
	latestKept := int32(0) // the latest position then of a paragraph before, kept as a repeat then
	for _, i := range c.order {
		p, keptThen := pos[i], kept[i]&nearKeptThen != 0
		if p == 0 || p < latestKept || keptThen && !c.keptRepeat[i] {
			return false
		}
		if keptThen {
			latestKept = max(latestKept, p)
		}
	}
	return true
}

// cutsSplitAsKept reports whether every text of the order that the last
// sentence round cut splits into the sentences it kept, by their hashes;
// it splits those not split yet.
func (c *cleaner) cutsSplitAsKept() bool {
	for k, i := range c.cutParas {
		if !c.fate[i].inOrder() {
			continue
		}
		want := c.cutHashes[c.cutFrom[k]:c.cutFrom[k+1]]
		got := c.sentencesOf(int(i))
		if len(got) != len(want) {
			return false
		}
		for n, s := range got {
			if s.hash() != want[n] {
				return false
			}
		}
	}
	return true
}

// start finds the paragraphs and sets up the state the rounds work on.
func (c *cleaner) start() {
	c.style, c.paras, c.lasts, c.texts = segmentOn(c.doc, c.opts.Paragraphs, c.workers())
	n := len(c.paras)
	c.oneLine = c.texts == nil
	if c.oneLine && n <= maxTextsKept {
		c.texts = make([]string, n)
		for i, line := range c.paras {
			c.texts[i] = c.doc.Text(int(line))
		}
	}
	c.cutBits = make([]uint64, (n+63)/64)
	c.fate = make([]fate, n)
	c.copyOf = make([]int32, n)
	c.keptRepeat = make([]bool, n)
	c.hash, c.keyed = make([]uint32, n), make([]keyState, n)
	if c.opts.Elsewhere != nil {
		c.keys = make([]Key, n)
	}
	c.shingleSeed = maphash.MakeSeed()
	// Sentences (which near-duplicates compare too) and the
	// near-duplicate information, 32 bytes a paragraph (a sentenceRef
	// and a nearInfo), only for the rules that use them.
	nearOn := !c.opts.nearOff() // as dropNear reads it, NaN too
	if !c.opts.NoSentences || nearOn {
		c.sentences.refs = makeWritten[sentenceRef](n)
	}
	if !c.opts.NoSentences {
		c.twice.sentences = newTwiceSet(len(c.input) / bytesPerLongSentence)
	}
	if nearOn {
		c.near = make([]nearInfo, n)
		c.twice.bags = newTwiceSet(n)
		if c.workers() < 2 || !startsWithTeasers {
			// No batches of prepare's to log them: kept from the start.
			c.starts = make([]keyStart, n)
		}
	}
	c.twice.keys = newTwiceSet(n)
	c.scratch.twice = c.twice
	c.copies = make(map[int]Copy)
	c.junkRule = make(map[int]string)
	c.similarity, c.keptLater = make(map[int]float64), make(map[int]bool)
	j := c.opts.Junk
	if j == nil {
		j = &Junk{}
	}
	c.junk = newJunkMatcher(j)
	c.order = make([]int32, n)
	for i := range c.order {
		c.order[i] = int32(i)
	}
	// The decisions, made here rather than by the first decide, so that
	// the first paragraph table can borrow their memory (see file).
	c.decider.d = make([]decision, 0, n)
	c.prepare()
}

// workers returns the goroutines that segment, prepare, the rounds,
// keptParagraphs and write use: GOMAXPROCS from parallelBytes of input on,
// else one, as it was at the first call (start's), for the rest of the
// Clean. GOMAXPROCS can change during a Clean (the runtime follows a
// container's CPU limit; any caller may set it), and the steps rely on one
// another's count: the first sentence round's asks, made beside the first
// paragraph round, are in as many shares as the round looks up, and are
// made beside it only if prepare split every text (TestWorkersFixed).
func (c *cleaner) workers() int {
	if c.procs == 0 {
		c.procs = 1
		if len(c.input) >= parallelBytes {
			c.procs = runtime.GOMAXPROCS(0)
		}
	}
	return c.procs
}

// collectBeforeText is the input size from which Clean collects the
// garbage and gives the free memory back to the system
// (debug.FreeOSMemory) once the rounds' state is garbage (freeRounds),
// before the clean text, as large as the input, is made. The
// collector's goal then stood at 1.5 to 2 times what was live during the
// rounds (GOGC 50 to 100), and the text came on top of the garbage the
// collector had not yet found.
//
// In the sixth session, on the 100 MB stream of bench/run.sh (66 MB of
// sentence lists and near information), 10 runs alternated with main's,
// load 7-8: peak RSS by
// default 441-456 MB -> 341-359 MB, wall and CPU within noise (medians
// 1.81 -> 1.74 s, 2.48 -> 2.41 s); with --no-sentences 425 -> 324 MB. A
// collection alone (runtime.GC) let the text reuse the garbage's pages
// when they lay in one run, and otherwise did little: 358-417 MB, median
// 359 to 402 MB from one set of runs to the next, for about 2% less CPU
// than giving the memory back (the text's pages are then faulted in
// afresh, as they were before).
//
// CleanTo makes no text, and only collects (runtime.GC): what it still
// allocates (the changes, its buffer) then reuses the garbage's pages,
// where given back they were faulted in afresh. On the same stream, the
// CLI's default mode to /dev/null, 9 runs of each alternated, load 2.3:
// peak RSS 353 MB collecting or giving back, 361 MB with neither; minor
// faults 91.2k collecting, 98.6k giving back, 93.7k with neither; CPU and
// wall the same. Options.NoCollect leaves it to the caller. A variable
// so tests can lower it.
//
// Until the twelfth session it collected only when the sentence lists
// and near information had been a large share of the input (half, then
// three eighths), so not in exact mode nor with --no-near: their garbage
// had been measured too little to pay (exact mode 310 -> 306 MB, --no-near
// 398 -> 394 MB, in the sixth session). Since then the rounds' peak, not
// the text's, is the peak, and what follows it (the changes, Kept, the
// text's buffer) came on top of their garbage: collecting whatever the
// options took the CLI's peak RSS on the stream (5 or 6 runs alternated,
// load 0.4-1.1) with --no-near 240.5-244.3 -> 219.8-220.1 MB, with
// --no-sentences --no-near 195.1 -> 178.5 MB and in exact mode 168.6 ->
// 155.0 MB; CPU (user+sys) medians 1.06 -> 1.04, 0.56 -> 0.57 and 0.45 -> 0.42 s.
// By default and with -d, where it collected already, leaving it out (in
// the thirteenth session, at 41ac3d0, collectBeforeText 1<<62 against 16
// MiB, 5 runs alternated, load 1.5-2.0) raised the peak from 226.4 to
// 248.0 MB (medians; 239.9-249.6 against 226.3-227.0) and with -d from
// 226.5 to 255.2 MB (243.6-256.8 against 226.2-226.8); CPU (user+sys)
// medians 1.52 and 1.82 s without it, 1.49 and 1.75 s with it.
var collectBeforeText = 16 << 20

// result writes the clean text and the changes the rounds decided on.
func (c *cleaner) result() *Result {
	r := c.decided(true)
	out := c.outputWriter()
	c.alongside(func() {
		r.Text, r.ParagraphsOut = out.write(), len(c.order)
	}, func() {
		out.placeLines()
		r.Changes = c.changes()
	})
	return r
}

// alongside calls here and beside: from parallelBytes of input on, when
// there are two CPUs or more, beside on a goroutine of its own while here
// runs on the calling one, else one after the other. The two must share
// only what both read. Its callers: the first paragraph round beside the
// sentence round's asks (see rounds), and the tail of Clean and CleanTo.
//
// The tail: here writes the clean text (on the calling goroutine, so
// that a panic of the caller's writer stays the caller's), and beside
// places the output lines and makes the changes; each took 40 ms of the
// 100 MB stream, on one core. What they share, they only read: the order, fates, paragraphs,
// texts and cuts (c.order, c.fate, c.copyOf, c.paras, c.doc, c.input,
// c.texts, c.cutAt, c.cutIndex, c.cutList, c.cutBits, c.cuts, read only since the rounds ended),
// the maps that explain changes (c.junkRule, c.copies, c.similarity,
// c.keptLater: look-ups only), and the outputWriter's blank lines, made
// before either starts. The writing writes only its own buffers; the
// changes' side writes c.outLine, which nothing in the writing reads
// (fill counts no lines), and the caches only changes uses: c.inputBreaks, c.outputBreaks and
// c.lineOffsets (normalize.Document.LineOffsets reads the document and
// normalizes with a Normalizer of its own). Neither uses the scratch of
// the rounds (c.keyBuf, c.scratch, c.keys: let go of by decided). The
// two set different fields of the Result.
func (c *cleaner) alongside(here, beside func()) {
	if c.workers() < 2 {
		here()
		beside()
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		beside()
	}()
	here()
	<-done
}

// decided returns the Result of the rounds but for what writing the text
// tells (the text, ParagraphsOut, and the output lines Changes point to),
// and lets go of what only the rounds use; for a big input it collects
// it, and gives the memory back when the text is to be made in memory
// (see collectBeforeText). Result.Kept (unless Options.SkipKept) is made
// after: made before, it came on top of the rounds' state and their
// garbage, the peak of a CleanTo (16 MB of the 100 MB stream's 293 MB
// heap); only the Keys made for Options.Elsewhere, which it takes,
// outlive the rounds' state.
func (c *cleaner) decided(textInMemory bool) *Result {
	r := &Result{Style: c.style, Normalized: c.doc.Counts, ParagraphsIn: len(c.paras)}
	collect := !c.opts.NoCollect && len(c.input) >= collectBeforeText
	c.freeRounds()
	switch {
	case !collect:
	case textInMemory:
		debug.FreeOSMemory()
	default:
		runtime.GC()
	}
	if !c.opts.SkipKept {
		r.Kept = c.keptParagraphs()
	}
	c.keys, c.keyed = nil, nil
	for _, f := range c.fate {
		if f == emptied {
			r.Emptied++
		}
	}
	return r
}

// keptParagraphs lists the output paragraphs with their keys (but for
// Options.SkipKeys): the Key of each one's final text, the one made for
// Options.Elsewhere if there is one, else made now from its match key made
// again (the rounds kept only 32 bits of its xxhash, let go of by
// freeRounds before this). From parallelBytes of input on,
// the list is cut into one run per CPU, each filled by a goroutine of its
// own: for a big document the first touch of its fresh pages, and the
// SHA-256 of each key, are most of the cost.
func (c *cleaner) keptParagraphs() []KeptParagraph {
	kept := make([]KeptParagraph, len(c.order))
	runs := outputRuns(len(c.order), c.workers())
	inParallel(len(runs), func(k int) {
		var matchKey []byte
		for pos := runs[k].lo; pos < runs[k].hi; pos++ {
			i := int(c.order[pos])
			kept[pos] = KeptParagraph{Lines: c.lines(i, i)}
			switch {
			case c.opts.SkipKeys:
			case c.keys != nil && c.keyed[i] != unkeyed:
				kept[pos].Key = c.keys[i] // made for Elsewhere
			default:
				matchKey = c.appendKey(matchKey[:0], i)
				kept[pos].Key = keyOf(matchKey)
			}
		}
	})
	return kept
}

// changes returns the paragraph and sentence changes in input order: by
// the byte they start on and, for the same byte, the paragraph changes
// before the sentence ones, each in the order made.
//
// The paragraph changes come out of paragraphChanges in that order
// already, each starting after the one before; the sentence changes
// nearly so (each round cuts in output order, where a moved paragraph
// stands elsewhere). So the sentence changes alone are sorted, by index,
// and merged into the paragraph ones, rather than all of them sorted
// together, which moved 144-byte Changes through reflection.
func (c *cleaner) changes() []Change {
	sentences := make([]Change, len(c.cuts))
	for k, cut := range c.cuts {
		sentences[k] = c.sentenceChange(cut)
	}
	byStart := make([]int32, len(sentences))
	for k := range byStart {
		byStart[k] = int32(k)
	}
	slices.SortStableFunc(byStart, func(a, b int32) int {
		return cmp.Compare(sentences[a].Span.Start, sentences[b].Span.Start)
	})
	changes := c.paragraphChanges(len(sentences))
	if len(changes)+len(sentences) == 0 {
		return nil // as a Result without changes always had it
	}
	// Merge from the end, so that each paragraph change moves once, to
	// its place: on a tie the sentence change goes after.
	p := len(changes) - 1
	changes = slices.Grow(changes, len(sentences)) // paragraphChanges made the room already
	changes = changes[:len(changes)+len(sentences)]
	for k := len(changes) - 1; k > p; k-- {
		s := &sentences[byStart[k-p-1]]
		if p >= 0 && changes[p].Span.Start > s.Span.Start {
			changes[k] = changes[p]
			p--
			continue
		}
		changes[k] = *s
	}
	return changes
}

// freeRounds lets go of what only the rounds use: the sentences, hashes
// and near-duplicate information of every paragraph. For a big document
// they are as large as the text that write makes next. The Keys made for
// Options.Elsewhere (c.keys, c.keyed) stay, for keptParagraphs.
func (c *cleaner) freeRounds() {
	c.sentences.refs, c.sentences.slabs, c.near, c.stems, c.starts = nil, nil, nil, nil, nil
	c.wides = nil
	c.hash = nil
	c.keptRepeat = nil
	c.table, c.decider, c.keyClass, c.spareOrder = table{}, decider{}, nil, nil
	c.settledPos, c.settledKept = nil, nil
	c.cutParas, c.cutFrom, c.cutHashes = nil, nil, nil
	c.scratch, c.twice = scratch{}, twiceSets{}
	c.keyBuf, c.keyBuf2, c.cutScratch = nil, nil, cutScratch{}
	c.nearIdx, c.nearLast = nearIndex{}, nearLast{}
	c.recentShingles = [nearWindow + 2]shingleSet{}
}

// paragraphRound decides on the paragraphs of the output as they stand, and
// reports whether it removed or moved any.
func (c *cleaner) paragraphRound() bool {
	c.dropPendingLists(spareOf(c.decider.d))
	return c.paragraphRoundBeside(nil, spareOf(c.decider.d))
}

// paragraphRoundBeside is paragraphRound with the paragraph table's index
// lent from tableRoom and, if lists is not nil, dropSingleLists run
// beside it by another goroutine, which closes lists when it is done
// (see rounds): the round waits for it before it decides, as decide
// writes the decisions that dropSingleLists' list of paragraphs is lent
// from, and dropNear reads the sentence lists that it moves. Until then
// the round reads no sentence list (prepare keyed every text) and
// writes nothing that dropSingleLists reads (the twice set of
// sentences, the sentence lists and the cleaner's scratch). Its
// keyCutTexts would lend batch logs from all of the decisions, the half
// dropSingleLists has included; in the first round there are no cuts,
// and it returns at once.
//
// On the 100 MB stream dropSingleLists takes about 40 ms of one CPU
// (2.6% of a perf profile's samples) and dropJunk with the table about
// as long (2.8%), which ran one after the other, with the other CPU
// idle. Beside each other, BenchmarkFirstRound on the stream took 136
// ms a first round where dropSingleLists first took 191-194 (medians of
// 3 runs of 4, alternated, load 12.8 from other sessions). The CLI, in
// runs alternated at nice -15 under that load (the gain needs a free
// CPU): wall 1.87 -> 1.68 s (medians of 15, load 10.6-11.0, faster in 13
// pairs), 1.00 -> 0.94 s (15, load 2.9-4.0), 0.99 -> 0.97 s (11, load
// 4.7-5.3), 1.11 -> 1.12 s (58 pooled, load 1.7-5.3); CPU time and peak
// RSS within noise (medians of 58: 1.57 -> 1.56 s, 203.52 -> 203.58
// MB, max 204.04 -> 203.95; the peak is at the tail, long after).
func (c *cleaner) paragraphRoundBeside(lists <-chan struct{}, tableRoom spare) bool {
	c.keyCutTexts()
	dropped := c.dropJunk()
	t := c.paragraphTable(tableRoom, lists)
	if lists != nil {
		<-lists
	}
	d := c.decider.decide(len(c.order), func(pos int) string { return c.textOf(int(c.order[pos])) }, t, c.opts, c.workers())
	// Texts that the rules keep more than once (short or recurring ones)
	// are protected from sentence cuts, every copy of them: the paragraph
	// rules decided that they stay. Each position sets only its own
	// paragraph's entries: from two workers on, the two halves of the
	// order are set at once (see inHalves).
	keptCopies := c.decider.keptCopies()
	c.confirmed = false
	changed := inHalves(c.workers(), len(d)/2, len(d), func(from, to int) bool {
		changed := false
		for pos := from; pos < to; pos++ {
			dec, i := d[pos], c.order[pos]
			c.keptRepeat[i] = dec.fate != removed && keptCopies[t.root[pos]] > 1
			switch dec.fate {
			case removed:
				c.fate[i], c.copyOf[i] = removed, int32(c.order[dec.copyOf])
				changed = true
			case moved:
				c.fate[i] = moved
				changed = true
			}
		}
		return changed
	})
	if changed {
		// Into the memory of the order before the last, which nothing
		// else holds.
		order := c.decider.outputOrder(slices.Grow(c.spareOrder[:0], len(c.order)), c.order)
		c.order, c.spareOrder = order, c.order
	}
	if c.dropNear() {
		c.confirmed = !changed && !dropped && c.opts.Elsewhere == nil && c.nearDropsConfirmed()
		changed = true
	}
	if c.opts.Elsewhere != nil && c.dropElsewhere() {
		changed = true
	}
	return changed || dropped
}

// keyCutTexts makes again what keyText makes of the texts of the order that
// sentence cuts changed since the last paragraph round, on every CPU from
// parallelBytes of input on (else the round makes them one at a time as
// it needs them, as for any text): the round needs them all, and the
// other CPU has nothing else to do then. On the 100 MB stream the second
// round makes 9,447, which took 14 ms on one CPU. The result is that of
// making them one at a time, as for prepare.
func (c *cleaner) keyCutTexts() {
	since := c.keyedCuts
	c.keyedCuts = len(c.cuts)
	workers := c.workers()
	if workers < 2 || since == len(c.cuts) {
		return
	}
	cut := c.cutInOrder(since, func(p int32) bool { return c.keyed[p] == unkeyed })
	if len(cut) < 2 {
		return
	}
	scratches, logs := c.preparers(workers)
	c.prepareBatch(len(cut), func(k int) int { return int(cut[k]) }, scratches, logs)
}

// cutInOrder returns the paragraphs of the order cut by c.cuts[since:]
// for which also(p) is true, in input order, each once: the cuts of a
// paragraph stand together, but a paragraph may have been cut in two
// rounds since.
func (c *cleaner) cutInOrder(since int, also func(p int32) bool) []int32 {
	// Room for all of them at once: grown by append, the lists of the 100
	// MB stream's second round (19,880 cuts) left 0.4 MB of garbage at the
	// rounds' peak.
	cut := make([]int32, 0, len(c.cuts)-since)
	for _, r := range c.cuts[since:] {
		if c.fate[r.para].inOrder() && also(r.para) {
			cut = append(cut, r.para)
		}
	}
	slices.Sort(cut)
	return slices.Compact(cut)
}

// skipSettledJunk says whether dropJunk may leave out the paragraphs it
// found not junk with the texts they have (all of them, when no sentence
// was cut since); tests turn it off to check that doing so changes
// nothing.
var skipSettledJunk = true

// keyClassesHold reports whether c.keyClass says which paragraphs of
// c.order have the same key: a table was filed, and no sentence was cut
// since.
func (c *cleaner) keyClassesHold() bool { return c.keyClass != nil && c.classCuts == len(c.cuts) }

// reuseKeyClasses says whether paragraphTable may work out a table from
// the last one's key classes; tests turn it off to check that doing so
// changes nothing.
var reuseKeyClasses = true

// paragraphTable returns the table of the output paragraphs' keys, in
// order. It files in a keyIndex the hashes of their keys that may have
// come twice (see table.file), and keeps which paragraphs have the same
// key: in c.keyClass, for each paragraph in the order, a label of its key
// (one more than the first paragraph with its key, when filed). The order
// only ever loses paragraphs and moves them, so when no sentence was cut
// since (every paragraph has the text it had then), those key classes
// still hold, and the next round works out its table from them in one
// pass over the order: the first paragraph of each class in the new order
// is the root of the others. When sentences were cut since,
// updateKeyClasses gives the texts cut their classes first, unless they
// are many. Exact paragraph dedup confirms its first round's decisions
// with a second round whose table is made so.
//
// The table's index is lent from room; if lists is not nil, room is the
// first half of the decisions, dropSingleLists having the second until
// it closes lists (see paragraphRoundBeside), and an index that needs
// more than room waits for that, then takes the decisions' memory whole.
func (c *cleaner) paragraphTable(room spare, lists <-chan struct{}) *table {
	t := &c.table
	if reuseKeyClasses && c.keyClass != nil && (c.keyClassesHold() || c.updateKeyClasses()) {
		t.root = resize(t.root, len(c.order))
		// By label, one more than the position of the first of its key
		// class in the order, in memory the decider lends (a slice of its
		// own was 2 MB more on the 100 MB stream).
		firstPos := c.decider.lendCounts(c.classLabels)
		for pos, i := range c.order {
			first := &firstPos[c.keyClass[i]-1]
			if *first == 0 {
				*first = int32(pos) + 1
			}
			t.root[pos] = *first - 1
		}
		return t
	}
	for _, i := range c.order {
		c.ensureKey(int(i))
	}
	// The table's index in room, the memory of the decisions (or the
	// first half of it: see rounds), which decide makes after (1.3 MB of
	// garbage in the 100 MB stream's first round, at the peak of the
	// heap, made anew). The stream files 97,196 paragraphs (2^17 slots, 1
	// MB), which fit the first half (2.2 MB) up to 196,608. The stream
	// with 30, 40 or 60% of its lines twice files 233k-371k (2^19 slots,
	// 4 MB): made anew, they raised its peak RSS from 225.6, 228.6 and
	// 254.4 MB to 229.2, 233.3 and 258.6 (medians of 7, 7 and 3 runs
	// alternated, load 7-8); waiting for dropSingleLists, as it ran
	// before, they take 223.9, 229.3 and 250.5 (3 runs each, main's
	// 225.3, 229.2 and 254.4, load 4.4-5.4).
	spares := func(filed int) []spare {
		if lists != nil && !tagIndexFits(room, filed) {
			<-lists
			room = spareOf(c.decider.d)
		}
		return []spare{room}
	}
	t.file(len(c.order), func(k int) uint64 { return uint64(c.hash[c.order[k]]) }, func(k int32) string { return c.textOf(int(c.order[k])) }, c.twice.keys, spares)
	c.keyClass = resize(c.keyClass, len(c.paras))
	for pos, i := range c.order {
		c.keyClass[i] = int32(c.order[t.root[pos]]) + 1
	}
	c.classLabels = len(c.paras)
	c.classCuts = len(c.cuts)
	return t
}

// dropJunk removes from the output the paragraphs that are scraper junk
// lines, and reports whether there were any. Whether a paragraph is junk
// depends on its text alone, and the order only loses paragraphs and moves
// them: after a dropJunk, every paragraph of the order that no sentence
// cut since has the text it was found not junk with, and it looks only at
// the paragraphs cut since. If none of them is junk, it drops none (on
// the 100 MB stream, the second round's dropJunk looked at all 523,620
// paragraphs of the order in 1.0-1.5 ms to find none, where the 9,447
// cut since take a tenth of that); else it looks at every paragraph.
func (c *cleaner) dropJunk() bool {
	if c.junk.matchesNothing() {
		return false // no junk list (--no-junk with no lines or patterns of its own)
	}
	if skipSettledJunk && c.junkCuts > 0 && !c.cutIsJunk(c.cuts[c.junkCuts-1:]) {
		c.junkCuts = len(c.cuts) + 1
		return false
	}
	c.junkCuts = len(c.cuts) + 1
	return c.dropWhere(junkLine, func(i int) bool {
		if c.ensureKey(i); c.keyed[i] != keyedJunk {
			return false
		}
		c.keyBuf = c.appendKey(c.keyBuf[:0], i)
		c.junkRule[i], _ = c.junk.match(c.textOf(i), c.keyBuf)
		return true
	})
}

// cutIsJunk reports whether a paragraph of the order that cuts cut is now
// a junk line.
func (c *cleaner) cutIsJunk(cuts []cutRecord) bool {
	for _, r := range cuts {
		if c.fate[r.para].inOrder() {
			if c.ensureKey(int(r.para)); c.keyed[r.para] == keyedJunk {
				return true
			}
		}
	}
	return false
}

// dropElsewhere removes from the output the paragraphs that Options.Elsewhere
// says other documents have, and reports whether there were any.
func (c *cleaner) dropElsewhere() bool {
	return c.dropWhere(elsewhere, func(i int) bool {
		cp, ok := c.opts.Elsewhere.Find(c.keyOf(i), runeCount(c.textOf(i)))
		if ok {
			c.copies[i] = cp
		}
		return ok
	})
}

// dropWhere removes from the output the paragraphs for which drop says
// so, giving them fate f, and reports whether there were any.
func (c *cleaner) dropWhere(f fate, drop func(i int) bool) bool {
	order := c.order[:0]
	for _, i := range c.order {
		if drop(int(i)) {
			c.fate[i] = f
			continue
		}
		order = append(order, i)
	}
	dropped := len(order) < len(c.order)
	c.order = order
	return dropped
}

// appendKey appends the match key of paragraph i's current text to dst.
func (c *cleaner) appendKey(dst []byte, i int) []byte { return appendKey(dst, c.textOf(i)) }

// ensureKey makes what keyText makes of paragraph i's current text, if it
// is not made yet.
func (c *cleaner) ensureKey(i int) {
	if c.keyed[i] == unkeyed {
		c.keyText(i, &c.scratch)
	}
}

// keyState says of a paragraph's current text whether keyText made its
// hash, and whether it is a junk line: a byte, where two []bool, keyed
// and isJunk, took 0.6 MB more on the 100 MB stream (559,416
// paragraphs), held through the rounds.
type keyState uint8

// The keyStates: not keyed, keyed and not a junk line, keyed and a junk
// line.
const (
	unkeyed keyState = iota
	keyedText
	keyedJunk
)

// keyText makes, in one making of the match key of paragraph i's current
// text, its hash (and its Key, when c.keys are kept), whether it is a junk line, with sentences or
// near-duplicates on its sentences (see splitText) unless they are made,
// and with near-duplicates on its near-duplicate information, whose bag is
// made of those sentences. It adds the hashes it makes to s's twice sets,
// or logs them (see scratch.addHash). It reads the paragraph's text,
// and its sentences if they are made (under the lock: see
// sentenceLists.ofWhilePreparing), and writes only its own entries and s:
// calls for different paragraphs can run at once, each with its own
// scratch.
func (c *cleaner) keyText(i int, s *scratch) {
	var sents []sentenceInfo
	switch {
	case c.sentences.refs == nil: // neither sentences nor near-duplicates
		s.key = c.appendKey(s.key[:0], i)
	case c.sentences.split(i):
		s.key = c.appendKey(s.key[:0], i)
		sents = c.sentences.ofWhilePreparing(i)
	default:
		sents = c.splitText(i, s) // the key comes with the sentences'
	}
	c.hash[i] = paragraphHash(s.key)
	if c.keys != nil {
		c.keys[i] = keyOf(s.key)
	}
	s.addHash(keyHashes, uint64(c.hash[i]))
	state := keyedText
	if _, junk := c.junk.match(c.textOf(i), s.key); junk {
		state = keyedJunk
	}
	if !c.opts.nearOff() {
		c.setNear(i, s.key, sents, s)
	}
	c.keyed[i] = state
}

// paragraphHash returns the hash the paragraph tables and the twice set of
// keys file a paragraph's match key under: 32 bits of its xxhash, 4 bytes
// a paragraph less than all 64. Both tell keys apart by their texts (see
// keyIndex and twiceSet): keys that share the 32 bits, about n²/2³³ pairs
// of n, cost a comparison, never a result.
func paragraphHash(key []byte) uint32 { return uint32(xxhash.Sum64(key)) }

// keyOf returns the Key of paragraph i's current text: the one keyText
// made, when it keeps keys, or one made now.
func (c *cleaner) keyOf(i int) Key {
	if c.keys != nil {
		c.ensureKey(i)
		return c.keys[i]
	}
	c.keyBuf = c.appendKey(c.keyBuf[:0], i)
	return keyOf(c.keyBuf)
}

// blankLinesBefore returns, by paragraph, the blank lines to write before
// it: for a kept paragraph, the most that stood before it or before any
// paragraph removed between it and the kept one before it, so that a section
// break is not lost with the paragraph that carried it.
func (c *cleaner) blankLinesBefore() []int32 {
	blanks := make([]int32, len(c.paras))
	pending, end := int32(0), int32(0) // end: the line after the paragraph before
	for i := range c.paras {
		p := c.para(i)
		before := p.first - end // the lines between are blank (see paragraph)
		end = p.last + 1
		pending = max(pending, before)
		blanks[i] = before
		if c.fate[i] == kept {
			blanks[i] = pending
			pending = 0
		}
	}
	return blanks
}

// para returns paragraph i.
func (c *cleaner) para(i int) paragraph {
	if c.lasts == nil {
		return paragraph{c.paras[i], c.paras[i]}
	}
	return paragraph{c.paras[i], c.lasts[i]}
}

// lines returns the input lines of paragraphs first to last.
func (c *cleaner) lines(first, last int) LineRange {
	return LineRange{int(c.paras[first]) + 1, int(c.para(last).last) + 1}
}

// textOf returns paragraph i's current text: for a paragraph cut by
// sentence removals, the text the cuts left; else its lines joined, or
// its one line's. When any paragraph has several lines, as most Blocks
// text does, c.texts holds a text for every paragraph, 16 bytes each:
// segmentOn's joined lines, with the cut paragraphs' texts put in (see
// fileCut). When every paragraph is one line, c.texts is a
// copy of their lines' texts for a document of at most maxTextsKept
// paragraphs, and nil for a bigger one (on the 100 MB stream such a
// slice was 8.5 MB): textOfSlow then takes the texts of cut paragraphs
// from cutList, the others from normalize.Document.Text. It can run on
// goroutines that read the same paragraphs as long as no sentence is cut.
//
// It inlines (cost 74) where a textOf that looked at cutBits, the joined texts
// and Document.Text did not (118, over the budget of 80, since
// Document.Text, 56, reads a ranked bit per line): on the tree of 10,000
// small files that call cost 1.55% of the CPU of --check -j 1 (perf,
// 3 runs), when it was 0 with a line's text a field of its Line.
func (c *cleaner) textOf(i int) string {
	if uint(i) < uint(len(c.texts)) {
		return c.texts[i]
	}
	return c.textOfSlow(i)
}

// maxTextsKept is the most paragraphs of one line each for which c.texts
// keeps a copy of their texts (see textOf): 64 KiB of string headers. A
// variable for the tests, which set it to 0 to run textOfSlow.
var maxTextsKept = 4096

// textOfSlow is textOf for a document whose paragraphs are one line and
// too many to keep c.texts.
func (c *cleaner) textOfSlow(i int) string {
	if c.isCut(i) {
		return c.cutList[c.cutPlace(i)].text // not cutOf, which asks isCut again
	}
	return c.doc.Text(int(c.paras[i]))
}

// isCut reports whether paragraph i has a text in c.cutList, by its bit in
// cutBits: a look-up in the map, for every paragraph, cost more.
func (c *cleaner) isCut(i int) bool { return c.cutBits[i/64]&(1<<(i%64)) != 0 }

// cutOf returns the cutText of paragraph i, the zero one if no sentence
// of it was cut.
//
// The texts are in a slice, found by a map from paragraphs to their
// place in it, 8 bytes a slot, or, once a map would take more memory than
// a place for every paragraph (denseCuts), by a slice of the places. In
// a map from paragraphs to the texts themselves (56 bytes a slot), as
// they were, looking them up missed the caches once the map outgrew
// them. In repeated-sentence of BenchmarkAdversarial, where every
// paragraph but the first loses a sentence, that map took 10 MB at 10 MB
// (1 MB at 1 MB), and its look-ups 19% of a Clean's CPU time at 10 MB,
// 10.6% at 1 MB (pprof); a map of places, 1.4 MB at 10 MB, still 16% and
// 3.1%. The slice of places is read in the paragraphs' order where its
// callers go in that order, as most do.
func (c *cleaner) cutOf(i int) cutText {
	if !c.isCut(i) {
		return cutText{}
	}
	return c.cutList[c.cutPlace(i)]
}

// cutPlace returns where paragraph i's text is in cutList; i must be cut.
func (c *cleaner) cutPlace(i int) int32 {
	if c.cutIndex != nil {
		return c.cutIndex[i]
	}
	return c.cutAt[int32(i)]
}

// denseCuts reports whether a map of the places of cut paragraphs
// would take more memory than a slice of places by paragraph: a map
// takes about 10 bytes an entry (8 a slot, and a control byte, at most
// 7/8 full), the slice 4 bytes a paragraph. The 100 MB stream of
// bench/run.sh cuts 9,447 of its 559,416 paragraphs: a map.
func denseCuts(cut, paragraphs int) bool { return 10*cut > 4*paragraphs }

// fileCut gives paragraph i its cut text t, in the place of its last if it
// was cut before.
func (c *cleaner) fileCut(i int, t cutText) {
	if c.texts != nil {
		c.texts[i] = t.text
	}
	if c.isCut(i) {
		c.recut++
		c.cutList[c.cutPlace(i)] = t
		return
	}
	k := int32(len(c.cutList))
	c.cutList = append(c.cutList, t)
	c.cutBits[i/64] |= 1 << (i % 64)
	if c.cutIndex != nil {
		c.cutIndex[i] = k
		return
	}
	c.cutAt[int32(i)] = k
	if denseCuts(len(c.cutAt), len(c.paras)) {
		c.cutIndex = make([]int32, len(c.paras))
		for p, k := range c.cutAt {
			c.cutIndex[p] = k
		}
		c.cutAt = nil
	}
}

// originalText returns paragraph i's text as segment made it, before any
// sentence cuts.
func (c *cleaner) originalText(i int) string {
	if c.isCut(i) {
		return c.cutList[c.cutPlace(i)].original
	}
	return c.textOf(i)
}

// span returns the input bytes of paragraphs first to last.
func (c *cleaner) span(first, last int) Span {
	return Span{int(c.doc.Lines[c.paras[first]].Start), int(c.doc.Lines[c.para(last).last].End)}
}

// finalCopy follows removed paragraphs to the copy of paragraph i that
// stayed (or that was itself emptied by sentence cuts). It reads copyOf
// only of the fates that set it: the entries of the others, kept ones
// too, hold dropNear's positions (see nearPos).
func (c *cleaner) finalCopy(i int) int {
	for c.fate[i] == removed || c.fate[i] == near || c.fate[i] == teaser {
		i = int(c.copyOf[i])
	}
	return i
}

// paragraphChanges reports removed paragraphs, grouped into runs, and
// moves, in input order, in a slice with room for extra more changes. A
// first pass over the fates counts the changes and the parts of runs,
// so that both take one slice each, of the size they need.
func (c *cleaner) paragraphChanges(extra int) []Change {
	count := c.countParagraphChanges()
	next := make(map[int]int32, count.moves) // a moved paragraph → the one after it in the output
	if count.moves > 0 {
		for k, i := range c.order {
			if c.fate[i] == moved && k+1 < len(c.order) {
				next[int(i)] = c.order[k+1]
			}
		}
	}
	sep := "\n"
	if c.style == Blocks {
		sep = "\n\n"
	}
	changes := make([]Change, 0, count.changes+extra)
	// The parts of every run, one after the other; a lone removed
	// paragraph passes through the slot after them, hence the one more.
	parts := make([]Change, 0, count.parts+1)
	first := 0 // the first part of the stretch of removed paragraphs being gathered
	at := 0    // where its change goes: before the moves out of it, made since
	flush := func() {
		switch len(parts) - first {
		case 0:
		case 1:
			changes = slices.Insert(changes, at, parts[first])
			parts = parts[:first]
		default:
			run := parts[first:len(parts):len(parts)]
			changes = slices.Insert(changes, at, c.runChange(run, sep))
			first = len(parts)
		}
	}
	for i, f := range c.fate {
		switch f {
		case kept, emptied:
			flush()
		case junkLine:
			flush()
			changes = append(changes, Change{Kind: JunkLine, Lines: c.lines(i, i), Span: c.span(i, i), Text: c.textOf(i), Rule: c.junkRule[i]})
		case elsewhere:
			flush()
			cp := c.copies[i]
			kind := Across
			if cp.Documents > 0 {
				kind = Boilerplate
			}
			changes = append(changes, Change{Kind: kind, Lines: c.lines(i, i), Span: c.span(i, i), Text: c.textOf(i), Elsewhere: &cp})
		case removed, near, teaser:
			k := c.finalCopy(i)
			kind := Paragraph
			switch f {
			case near:
				kind = Near
			case teaser:
				kind = Teaser
			}
			if len(parts) == first {
				at = len(changes)
			}
			parts = append(parts, Change{Kind: kind, Lines: c.lines(i, i), Span: c.span(i, i),
				Text: c.textOf(i), Kept: c.lines(k, k), OutputLine: int(c.outLine[k]),
				Similarity: c.similarity[i], KeptLater: c.keptLater[i]})
		case moved: // a stretch of removed paragraphs goes on past a move
			m := Change{Kind: Move, Lines: c.lines(i, i), Span: c.span(i, i), Text: c.textOf(i), OutputLine: int(c.outLine[i])}
			if j, ok := next[i]; ok {
				m.Kept = c.lines(int(j), int(j))
			}
			changes = append(changes, m)
		}
	}
	flush()
	return changes
}

// runChange returns the change of a run of removed paragraphs, parts,
// and leaves them without their texts, which the run's Text joins with
// sep.
func (c *cleaner) runChange(parts []Change, sep string) Change {
	last := &parts[len(parts)-1]
	run := Change{Kind: Run, Lines: LineRange{parts[0].Lines.First, last.Lines.Last},
		Span: Span{parts[0].Span.Start, last.Span.End}, OutputLine: parts[0].OutputLine, Parts: parts}
	run.Kept = parts[0].Kept
	size := len(sep) * (len(parts) - 1)
	for k := range parts {
		size += len(parts[k].Text)
		run.Kept.First = min(run.Kept.First, parts[k].Kept.First)
		run.Kept.Last = max(run.Kept.Last, parts[k].Kept.Last)
	}
	var b strings.Builder
	b.Grow(size)
	for k := range parts {
		if k > 0 {
			b.WriteString(sep)
		}
		b.WriteString(parts[k].Text)
		parts[k].Text = ""
	}
	run.Text = b.String()
	return run
}

// changeCount is how many paragraph changes there are, how many
// paragraphs the runs among them remove, and how many are moves.
type changeCount struct{ changes, parts, moves int }

// countParagraphChanges counts what paragraphChanges makes, as it makes
// it: a change for each junk line, paragraph found elsewhere and move,
// and one for each stretch of removed paragraphs, which is a run when
// it is more than one.
func (c *cleaner) countParagraphChanges() changeCount {
	var n changeCount
	stretch := 0
	end := func() {
		if stretch > 0 {
			n.changes++
		}
		if stretch > 1 {
			n.parts += stretch
		}
		stretch = 0
	}
	for _, f := range c.fate {
		switch f {
		case removed, near, teaser:
			stretch++
		case junkLine, elsewhere:
			end()
			n.changes++
		case moved:
			n.changes++
			n.moves++
		default:
			end()
		}
	}
	end()
	return n
}

// sentenceChange reports one removed sentence.
func (c *cleaner) sentenceChange(cut cutRecord) Change {
	i, j := int(cut.para), int(cut.keptPara)
	orig, keptOrig := span{int(cut.orig.start), int(cut.orig.end)}, span{int(cut.keptOrig.start), int(cut.keptOrig.end)}
	ch := Change{Kind: Sentence, Text: c.originalText(i)[orig.start:orig.end]}
	ch.Lines, ch.Span = c.locate(i, orig.start, orig.end)
	if c.fate[j] == removed {
		// Its paragraph went later as a repeat: point at the copy that stayed.
		k := c.finalCopy(j)
		ch.Kept, ch.OutputLine = c.lines(k, k), int(c.outLine[k])
		return ch
	}
	ch.Kept = c.locateLines(j, keptOrig.start, keptOrig.end)
	if c.outLine[j] > 0 {
		ch.OutputLine = int(c.outLine[j]) + c.outputBreaksOf(j).lineOf(c.cutOf(j).pieces.toCur(keptOrig.start))
	}
	return ch
}

// locate maps the byte range [start, end) of paragraph i's text to input
// lines and bytes.
func (c *cleaner) locate(i, start, end int) (LineRange, Span) {
	breaks := c.inputBreaksOf(i)
	first, last := c.inputLines(i, breaks, start, end)
	return LineRange{first + 1, last + 1},
		Span{c.inputOffset(first, start-breaks.lineStart(start), false), c.inputOffset(last, end-breaks.lineStart(max(end-1, start)), true)}
}

// locateLines is locate for the input lines alone, as a sentence change's
// Kept needs them: the bytes of a line that normalization changed are
// mapped back by normalizing it again (see inputOffset), which for the
// kept copies took a third of the time of the 100 MB stream's sentence
// changes.
func (c *cleaner) locateLines(i, start, end int) LineRange {
	first, last := c.inputLines(i, c.inputBreaksOf(i), start, end)
	return LineRange{first + 1, last + 1}
}

// inputLines returns the indexes in c.doc.Lines of the lines that hold
// the first and the last byte of [start, end) of paragraph i's text,
// whose line breaks are breaks.
func (c *cleaner) inputLines(i int, breaks lineBreaks, start, end int) (first, last int) {
	first = int(c.paras[i])
	return first + breaks.lineOf(start), first + breaks.lineOf(max(end-1, start))
}

// inputBreaksOf returns the line breaks of paragraph i's original text:
// none when every paragraph is one line (c.oneLine), for then so is
// every text (see placeLines), which is then not looked at. Looking for
// the breaks of each text (and, for a cut paragraph, finding its cut text)
// took 10% of the changes of the 100 MB stream.
func (c *cleaner) inputBreaksOf(i int) lineBreaks {
	if c.oneLine {
		return nil
	}
	return c.inputBreaks.of(i, c.originalText(i))
}

// outputBreaksOf returns the line breaks of paragraph i's final text, as
// inputBreaksOf does those of its original text.
func (c *cleaner) outputBreaksOf(i int) lineBreaks {
	if c.oneLine {
		return nil
	}
	return c.outputBreaks.of(i, c.textOf(i))
}

// lineBreaks holds the offsets of the "\n"s of a text, to find the line of
// an offset in logarithmic time: a paragraph can have many lines and many
// sentences to locate.
type lineBreaks []int

func newLineBreaks(text string) lineBreaks {
	var b lineBreaks
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			return b
		}
		b = append(b, i+j)
		i += j + 1
	}
}

// lineOf returns the 0-based line of offset off.
func (b lineBreaks) lineOf(off int) int {
	return sort.SearchInts(b, off)
}

// lineStart returns the offset where the line holding off starts.
func (b lineBreaks) lineStart(off int) int {
	if l := b.lineOf(off); l > 0 {
		return b[l-1] + 1
	}
	return 0
}

// breaksCache remembers the lineBreaks of the texts it was asked for, by
// key (a paragraph): those of a text with line breaks in a map, and which
// texts have none, as every paragraph in the Lines style, in a bitset:
// filed in the map, they cost more than the rest of locating a sentence.
type breaksCache struct {
	some map[int]lineBreaks
	none []uint64 // bit key%64 of word key/64: the text has no line break
}

func (m *breaksCache) of(key int, text string) lineBreaks {
	word, bit := key/64, uint64(1)<<(key%64)
	if word < len(m.none) && m.none[word]&bit != 0 {
		return nil
	}
	if b, ok := m.some[key]; ok {
		return b
	}
	b := newLineBreaks(text)
	if b == nil {
		if word >= len(m.none) {
			m.none = append(m.none, make([]uint64, word+1-len(m.none))...)
		}
		m.none[word] |= bit
		return nil
	}
	if m.some == nil {
		m.some = make(map[int]lineBreaks)
	}
	m.some[key] = b
	return b
}

// inputOffset maps an offset in the normalized text of line i to the
// input.
func (c *cleaner) inputOffset(i, off int, end bool) int {
	l := &c.doc.Lines[i]
	if !c.doc.Changed(i) {
		return int(l.Start) + off
	}
	// A line holds many sentences to locate: map it once.
	m, ok := c.lineOffsets[i]
	if !ok {
		if c.lineOffsets == nil {
			c.lineOffsets = make(map[int]*normalize.Offsets)
		}
		m = c.doc.LineOffsets(i)
		c.lineOffsets[i] = m
	}
	if end {
		return int(l.Start) + m.End(off)
	}
	return int(l.Start) + m.Start(off)
}
