package dedupe

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"
)

// teasersInput returns a document of teasers, each followed later by its
// full text: dropNear needs their stems, which prepare's goroutines make.
func teasersInput() string {
	var b strings.Builder
	for k := range 24 {
		fmt.Fprintf(&b, "Story %d begins with these words and then goes on …\n\n", k)
		fmt.Fprintf(&b, "Something else entirely, paragraph number %d of the filler.\n\n", k)
	}
	for k := range 24 {
		fmt.Fprintf(&b, "Story %d begins with these words and then goes on to tell the whole of it, at length.\n\n", k)
	}
	return b.String()
}

// TestPrepareAgrees checks that preparing the paragraphs up front on
// several goroutines gives the same Result as making everything one
// paragraph at a time, as the rounds need it: on damaged real articles (with
// junk lines, repeated runs and sentences, near-duplicates) in both
// paragraph styles, with each of the passes that read what prepare makes
// turned off in turn, and on the golden inputs and teasers; and in
// batches of a few paragraphs (see prepareBatch).
func TestPrepareAgrees(t *testing.T) {
	inputs := agreeInputs(t)
	for _, opts := range []Options{{}, {NoSentences: true}, {Similarity: -1}, {Paragraphs: Lines, Junk: &Junk{Lines: []string{"Image caption"}}}} {
		for k, in := range inputs {
			t.Run(fmt.Sprintf("%+v/%d", opts, k), func(t *testing.T) {
				one := cleanWith(t, in, opts, math.MaxInt, 1)
				for _, workers := range []int{2, 3, 8} {
					if many := cleanWith(t, in, opts, 0, workers); !reflect.DeepEqual(one, many) {
						t.Fatalf("prepared on %d goroutines:\n%+v\none at a time:\n%+v", workers, many, one)
					}
				}
				// In batches of a paragraph or a few, whose teasers are
				// gathered and whose hashes are added batch by batch.
				defer func(b int) { prepareBatchBytes = b }(prepareBatchBytes)
				prepareBatchBytes = 200
				if many := cleanWith(t, in, opts, 0, 3); !reflect.DeepEqual(one, many) {
					t.Fatalf("prepared in batches of %d bytes:\n%+v\none at a time:\n%+v", prepareBatchBytes, many, one)
				}
			})
		}
	}
}

// TestPrepareBatchOfNothing: with prepareBatchBytes at 0 or below, which
// tests may set, each batch still takes a paragraph, so prepare ends, and
// the Result is the one made one paragraph at a time.
func TestPrepareBatchOfNothing(t *testing.T) {
	in := teasersInput()
	one := cleanWith(t, in, Options{}, math.MaxInt, 1)
	setParallel(t, 0, 2)
	defer func(b int) { prepareBatchBytes = b }(prepareBatchBytes)
	for _, batch := range []int{0, -1} {
		prepareBatchBytes = batch
		// Clean runs on a goroutine of its own, which calls nothing of t
		// (t.Fatal is for the test's goroutine), so that a hang fails
		// here; the test then ends with that goroutine still running.
		type cleaned struct {
			r   *Result
			err error
		}
		done := make(chan cleaned, 1)
		go func() {
			r, err := Clean(in, Options{})
			done <- cleaned{r, err}
		}()
		select {
		case many := <-done:
			if many.err != nil {
				t.Fatal(many.err)
			}
			if !reflect.DeepEqual(one, many.r) {
				t.Fatalf("prepared in batches of %d bytes:\n%+v\none at a time:\n%+v", batch, many.r, one)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("prepare, in batches of %d bytes, did not end in 20 s", batch)
		}
	}
}

// TestPrepareBatchStopsLogging checks that the cleaner's own scratch,
// which logs the hashes it makes during the batches of prepare and
// keyCutTexts, adds them to c.twice again after each, as the rounds
// need: on two goroutines, on teasers that the first sentence round cuts.
func TestPrepareBatchStopsLogging(t *testing.T) {
	setParallel(t, 0, 2)
	c := stageCleaner(t, cutTeasersInput(), &Options{})
	if c.scratch.logs != nil {
		t.Fatal("the cleaner's scratch logs after prepare")
	}
	if cut := cutByFirstRounds(t, c); cut < 2 {
		t.Fatalf("%d texts cut, too few for keyCutTexts to make them in a batch", cut)
	}
	c.keyCutTexts()
	if c.scratch.logs != nil {
		t.Fatal("the cleaner's scratch logs after keyCutTexts")
	}
}

// agreeInputs returns the inputs of the tests that a shortcut of Clean
// gives the same Result as the plain way: damaged real articles (with
// junk lines, repeated runs and sentences, near-duplicates) in both
// paragraph styles, the golden inputs, teasers, and paragraphs that only
// their bags of sentences find (see bagTwinsInput and cutMakesBagTwin).
func agreeInputs(t *testing.T) []string {
	var inputs []string
	for _, d := range damagedArticles(t, 10, 3, 11) {
		inputs = append(inputs, d.Blocks(), d.Lines())
	}
	inputs = append(inputs, goldenInputs(t)...)
	return append(inputs, teasersInput(), bagTwinsInput(), cutMakesBagTwin)
}

// cleanWith cleans in with parallelBytes and GOMAXPROCS set as given;
// with parallelBytes at 0, decide's halves (halvesUnits) are from no
// length on too.
func cleanWith(t *testing.T, in string, opts Options, bytes, procs int) *Result {
	t.Helper()
	defer withParallel(bytes, procs)()
	r, err := Clean(in, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestKeyTextWhileOthersSplit keys paragraphs whose sentences are made on
// one goroutine while another keys, and so splits, the rest: keyText reads
// the sentences it finds made for its near-duplicate information, and must
// read them under the lock (sentenceLists.ofWhilePreparing), as the other
// goroutine adds slabs. It fails only under -race.
func TestKeyTextWhileOthersSplit(t *testing.T) {
	var b strings.Builder
	for k := range 2000 {
		fmt.Fprintf(&b, "Paragraph %d has a sentence. And it has another one.\n\n", k)
	}
	c := stageCleaner(t, b.String(), &Options{})
	n := len(c.paras)
	for i := range n / 2 {
		c.keyText(i, &c.scratch)
		c.keyed[i] = unkeyed
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		var s scratch
		for i := range n / 2 {
			c.keyText(i, &s)
		}
	})
	wg.Go(func() {
		var s scratch
		for i := n / 2; i < n; i++ {
			c.keyText(i, &s)
		}
	})
	wg.Wait()
	for i := range n {
		if _, split := c.sentences.of(i); !split || c.keyed[i] == unkeyed {
			t.Fatalf("paragraph %d: split %v, keyed %v", i, split, c.keyed[i])
		}
	}
}

// TestBatchLogsLent checks that prepareBatch's logs and the keyStarts it
// logs are made in the decisions' memory where it has room (see
// lendBatchLogs), apart from one another, that no scratch holds that
// memory after the batch, and that the Result is the one made with logs
// of their own: on the inputs of TestPrepareAgrees, prepared on three
// goroutines in batches of a few paragraphs and in one batch.
func TestBatchLogsLent(t *testing.T) {
	setParallel(t, 0, 3)
	defer func(b int) { prepareBatchBytes = b }(prepareBatchBytes)
	prepareBatchBytes = 300
	c := stageCleaner(t, teasersInput()+strings.Repeat("Filler text that no teaser starts like, one of many lines here.\n\n", 40), &Options{})
	d := spareOf(c.decider.d)
	inDecisions := func(s []uint32) bool {
		start := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
		return uintptr(d.at) <= start && start+uintptr(cap(s))*4 <= uintptr(d.at)+d.size
	}
	scratches, logs := c.preparers(3)
	c.prepareBatch(6, func(k int) int { return k }, scratches, logs)
	var lent [][]uint32
	for k := range logs {
		for kind := range hashKinds {
			if l := logs[k][kind]; cap(l) > 0 {
				if !inDecisions(l) {
					t.Errorf("the log of kind %d of goroutine %d is not in the decisions' memory", kind, k)
				}
				lent = append(lent, l[:cap(l)])
			}
		}
	}
	for a := range lent {
		for b := range a {
			if within(lent[a][:1], lent[b]) || within(lent[b][:1], lent[a]) {
				t.Errorf("logs %d and %d overlap", a, b)
			}
		}
	}
	for k, s := range scratches {
		if s.starts != nil {
			t.Errorf("scratch %d still holds %d keyStarts' room after the batch", k, cap(s.starts))
		}
	}

	for _, batch := range []int{300, 8 << 20} {
		prepareBatchBytes = batch
		for k, in := range agreeInputs(t) {
			own, err := cleanWithLogsOwn(in)
			if err != nil {
				t.Fatal(err)
			}
			if lent := cleanWith(t, in, Options{}, 0, 3); !reflect.DeepEqual(own, lent) {
				t.Fatalf("input %d, batches of %d bytes: with the logs lent\n%+v\nwith logs of their own\n%+v", k, batch, lent, own)
			}
		}
	}
}

// cleanWithLogsOwn cleans in with lendBatchLogs off, turning it on again
// however Clean returns.
func cleanWithLogsOwn(in string) (*Result, error) {
	lendBatchLogs = false
	defer func() { lendBatchLogs = true }()
	return Clean(in, Options{})
}
