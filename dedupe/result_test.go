package dedupe

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// resultReference is result as it was before it sized its slices from a
// count of the fates, filled Kept on several goroutines and merged the
// sorted sentence changes into the paragraph ones: one stable sort of
// all the changes by where they start.
func (c *cleaner) resultReference() *Result {
	r := &Result{Style: c.style, Normalized: c.doc.Counts, ParagraphsIn: len(c.paras)}
	r.Kept = make([]KeptParagraph, len(c.order))
	for k, p := range c.order {
		i := int(p)
		r.Kept[k] = KeptParagraph{Key: c.keyOf(i), Lines: c.lines(i, i)}
	}
	var outLine []uint32
	r.Text, r.ParagraphsOut, outLine = c.writeReference()
	c.outLine = outLine
	r.Changes = c.paragraphChangesReference()
	for _, cut := range c.cuts {
		r.Changes = append(r.Changes, c.sentenceChange(cut))
	}
	sort.SliceStable(r.Changes, func(i, j int) bool { return r.Changes[i].Span.Start < r.Changes[j].Span.Start })
	for _, f := range c.fate {
		if f == emptied {
			r.Emptied++
		}
	}
	return r
}

// paragraphChangesReference is paragraphChanges as it was: each change
// appended by value to a slice that grows, each run's parts to one of its
// own.
func (c *cleaner) paragraphChangesReference() []Change {
	next := make(map[int]int) // a moved paragraph → the one after it in the output
	for k, i := range c.order {
		if c.fate[i] == moved && k+1 < len(c.order) {
			next[int(i)] = int(c.order[k+1])
		}
	}
	sep := "\n"
	if c.style == Blocks {
		sep = "\n\n"
	}
	var changes []Change
	var parts []Change
	flush := func() {
		switch len(parts) {
		case 0:
		case 1:
			changes = append(changes, parts[0])
		default:
			run := Change{Kind: Run, Lines: LineRange{parts[0].Lines.First, parts[len(parts)-1].Lines.Last},
				Span: Span{parts[0].Span.Start, parts[len(parts)-1].Span.End}, OutputLine: parts[0].OutputLine}
			run.Kept = parts[0].Kept
			texts := make([]string, len(parts))
			for k := range parts {
				texts[k] = parts[k].Text
				run.Kept.First = min(run.Kept.First, parts[k].Kept.First)
				run.Kept.Last = max(run.Kept.Last, parts[k].Kept.Last)
				parts[k].Text = ""
			}
			run.Text = strings.Join(texts, sep)
			run.Parts = parts
			changes = append(changes, run)
		}
		parts = nil
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
			parts = append(parts, Change{Kind: kind, Lines: c.lines(i, i), Span: c.span(i, i),
				Text: c.textOf(i), Kept: c.lines(k, k), OutputLine: int(c.outLine[k]),
				Similarity: c.similarity[i], KeptLater: c.keptLater[i]})
		case moved:
			m := Change{Kind: Move, Lines: c.lines(i, i), Span: c.span(i, i), Text: c.textOf(i), OutputLine: int(c.outLine[i])}
			if j, ok := next[i]; ok {
				m.Kept = c.lines(j, j)
			}
			changes = append(changes, m)
		}
	}
	flush()
	return changes
}

// resultOptions are the option sets TestResultAgrees runs under: the
// default, exact paragraphs only, no near-duplicates, lines with a junk
// line of its own, blank lines and line ends kept as they are, and
// across documents (Across and Boilerplate changes).
func resultOptions(other *Result) []Options {
	across := elsewhereOf{}
	for k, p := range other.Kept {
		across[p.Key] = Copy{Doc: "other.txt", Lines: p.Lines, Documents: k % 2 * 3}
	}
	return []Options{
		{},
		exactOptions,
		{Similarity: -1},
		{Paragraphs: Lines, Junk: &Junk{Lines: []string{"Image caption"}}},
		{Normalize: normalize.Options{Skip: normalize.Set(normalize.Newlines, normalize.BlankLines, normalize.BOM)}},
		{Elsewhere: across},
	}
}

// elsewhereOf is an Elsewhere that knows the paragraphs of other
// documents by key.
type elsewhereOf map[Key]Copy

func (e elsewhereOf) Find(k Key, _ int) (Copy, bool) {
	cp, ok := e[k]
	return cp, ok
}

// shuffledSentences returns n documents of a few paragraphs, each of one
// to three sentences drawn from a short list: sentences repeat across
// paragraphs, in every order, so that sentences are cut in several
// rounds and from moved paragraphs, out of input order, and cut where a
// paragraph change starts too.
func shuffledSentences(n int) []string {
	sentences := []string{
		"The quick brown fox jumps over the lazy dog.",
		"A second sentence has five words or more.",
		"Markets fell sharply on Tuesday after the news.",
		"The minister said the plan would go ahead.",
		"Read more about this story on our website today.",
		"Short one.",
		"Officials declined to comment on the report yesterday.",
		"Weather will be cold and wet all week long.",
	}
	r := rand.New(rand.NewPCG(1, 2))
	docs := make([]string, n)
	for d := range docs {
		var b strings.Builder
		for range 3 + r.IntN(12) {
			for s := range 1 + r.IntN(3) {
				if s > 0 {
					b.WriteString(" ")
				}
				b.WriteString(sentences[r.IntN(len(sentences))])
			}
			b.WriteString("\n\n")
		}
		docs[d] = b.String()
	}
	return docs
}

// TestResultAgrees checks that result gives the Result that
// resultReference gives, on the damaged articles in both paragraph
// styles and with every line end, the golden inputs, the teasers and
// documents of shuffled sentences. It fails too if the inputs stop
// showing what the merge of the sentence changes must get right:
// sentence changes made out of input order, and changes that start at
// the same byte.
func TestResultAgrees(t *testing.T) {
	inputs := append(writeInputs(t), teasersInput())
	golden := goldenInputs(t)
	inputs = append(inputs, golden...)
	inputs = append(inputs, shuffledSentences(300)...)
	other, err := Clean(golden[0], Options{})
	if err != nil {
		t.Fatal(err)
	}
	unsorted, ties := 0, 0
	for o, opts := range resultOptions(other) {
		for k, in := range inputs {
			t.Run(fmt.Sprintf("%d/%d", o, k), func(t *testing.T) {
				r, c := checkResult(t, in, opts)
				for i := 1; i < len(r.Changes); i++ {
					if r.Changes[i].Span.Start == r.Changes[i-1].Span.Start {
						ties++
					}
				}
				for i := 1; i < len(c.cuts); i++ {
					if c.sentenceChange(c.cuts[i]).Span.Start < c.sentenceChange(c.cuts[i-1]).Span.Start {
						unsorted++
					}
				}
			})
		}
	}
	if unsorted == 0 || ties == 0 {
		t.Errorf("the inputs gave %d sentence changes out of input order and %d changes that start where the one before does; want some of each", unsorted, ties)
	}
}

// goldenInputs returns the inputs of the golden tests.
func goldenInputs(t *testing.T) []string {
	t.Helper()
	inputs := readTexts(t, "../testdata/golden/*.txt")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs in ../testdata/golden")
	}
	return inputs
}

// checkResult fails t if result, on one goroutine and on three,
// disagrees with resultReference on in. It returns what result gives,
// and the cleaner resultReference ran on.
func checkResult(t *testing.T, in string, opts Options) (*Result, *cleaner) {
	t.Helper()
	c := cleanerRounds(t, in, opts)
	want := c.resultReference()
	// changes appends the sentence changes in the room paragraphChanges
	// leaves, sized from countParagraphChanges: a count that missed a
	// change would make it grow the slice, or run out of room.
	if pc := c.paragraphChanges(3); cap(pc) != len(pc)+3 {
		t.Fatalf("paragraphChanges(3) made %d changes in room for %d: countParagraphChanges = %+v", len(pc), cap(pc), c.countParagraphChanges())
	}
	var got *Result
	for _, procs := range []int{1, 3} {
		func() {
			defer withParallel(0, procs)()
			got = cleanerRounds(t, in, opts).result()
		}()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("result on %d goroutines:\n%+v\nresultReference:\n%+v", procs, got, want)
		}
	}
	return got, c
}

// TestResultKeysUnkeyed checks that result gives the keys of output
// paragraphs whose keys the rounds did not make (a last round, at the
// bound, that cut sentences), on one goroutine and on three, when the
// rounds keep keys for an Elsewhere (which has none of them here): Kept
// must not take the key kept for a text that was cut since.
func TestResultKeysUnkeyed(t *testing.T) {
	opts := Options{Elsewhere: elsewhereOf{}}
	for k, in := range append(goldenInputs(t), shuffledSentences(20)...) {
		want := cleanerRounds(t, in, opts).resultReference()
		for _, procs := range []int{1, 3} {
			func() {
				defer withParallel(0, procs)()
				c := cleanerRounds(t, in, opts)
				for pos, i := range c.order {
					if pos%2 == 1 {
						c.keyed[i], c.hash[i], c.keys[i] = unkeyed, 0, Key{}
					}
				}
				if got := c.result(); !reflect.DeepEqual(got.Kept, want.Kept) {
					t.Errorf("input %d, on %d goroutines: kept\n%v\nwant\n%v", k, procs, got.Kept, want.Kept)
				}
			}()
		}
	}
}

// FuzzResultAgrees checks on any input that result gives the Result that
// resultReference gives, under option sets that switch each rule that
// makes paragraph changes, or the sentence lists and near-duplicate slots
// start makes, on and off.
func FuzzResultAgrees(f *testing.F) {
	for _, s := range []string{"", "a\nb\na\n", "A long paragraph, repeated.\n\nB\n\nA long paragraph, repeated.\n",
		"x\r\n\r\ny\r\nx\r\n", "\ufeffone. two.\n\none. two.\n", "One two three four five. Six seven eight nine ten.\n\nOther. One two three four five.\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Clean(s, Options{})
		if err != nil {
			return // not text
		}
		// Every other paragraph the input keeps is known elsewhere, so
		// that Across and Boilerplate changes fall among the others.
		across := elsewhereOf{}
		for k, p := range r.Kept {
			if k%2 == 0 {
				across[p.Key] = Copy{Doc: "other.txt", Lines: p.Lines, Documents: k % 4}
			}
		}
		for _, opts := range []Options{{}, {Paragraphs: Lines}, {NoSentences: true, Similarity: -1, Normalize: normalize.Options{Skip: normalize.Except()}},
			{NoSentences: true}, {Similarity: -1}, {MinSentenceWords: 2, Similarity: 0.5}, {Elsewhere: across},
			{Paragraphs: Lines, Junk: &Junk{Lines: []string{"a"}, Patterns: []*regexp.Regexp{regexp.MustCompile(`^[0-9]+$`)}}}} {
			checkResult(t, s, opts)
		}
	})
}

// TestBreaksCache checks that breaksCache gives the line breaks of each
// text, filed in its map or its bitset, asked in any order and again:
// texts of one line and of several under keys that share a bitset word,
// and keys far apart.
func TestBreaksCache(t *testing.T) {
	texts := map[int]string{}
	for key := range 300 {
		texts[key] = strings.Repeat("word ", key%7)
		if key%3 == 0 {
			texts[key] += "\nnext line\n" + strings.Repeat("x", key%5)
		}
	}
	texts[100000] = "far\naway"
	texts[100001] = "far away"
	var m breaksCache
	for _, order := range [][]int{{100000, 100001}, rand.New(rand.NewPCG(3, 4)).Perm(300), {100001, 100000}, rand.New(rand.NewPCG(5, 6)).Perm(300)} {
		for _, key := range order {
			want := newLineBreaks(texts[key])
			if got := m.of(key, texts[key]); !slices.Equal(got, want) {
				t.Fatalf("of(%d, %q) = %v, want %v", key, texts[key], got, want)
			}
		}
	}
}

// TestResultNaNSimilarity checks that a Similarity that is not a number,
// which dropNear does not take for "off" (it is not below 0), runs the
// near-duplicate rule on the slots start made for it, as it did before
// start made them only for the rules that use them, with sentences on
// and off.
func TestResultNaNSimilarity(t *testing.T) {
	inputs := append([]string{teasersInput()}, shuffledSentences(20)...)
	for _, noSentences := range []bool{false, true} {
		for k, in := range inputs {
			t.Run(fmt.Sprintf("%v/%d", noSentences, k), func(t *testing.T) {
				checkResult(t, in, Options{NoSentences: noSentences, Similarity: math.NaN()})
			})
		}
	}
}

// TestCollectBeforeText checks that Clean and CleanTo collect the garbage
// of the rounds before they write the text of an input of
// collectBeforeText bytes or more, whatever the options (exact paragraphs
// only too, which until the twelfth session was left out), and Clean not
// for a smaller input; and that the result is the same.
func TestCollectBeforeText(t *testing.T) {
	input := "A paragraph that a scraper saved twice, word for word, on one page.\n\n" +
		"Another paragraph, which stands once and stays as it is.\n\n" +
		"A paragraph that a scraper saved twice, word for word, on one page.\n"
	defer func(n int) { collectBeforeText = n }(collectBeforeText)
	clean := func(threshold int, opts Options) (*Result, uint32) {
		collectBeforeText = threshold
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res, err := Clean(input, opts)
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return res, after.NumForcedGC - before.NumForcedGC
	}
	small, n := clean(len(input)+1, Options{})
	if n != 0 {
		t.Errorf("%d forced collections for an input under collectBeforeText, want none", n)
	}
	big, n := clean(len(input), Options{})
	if n != 1 {
		t.Errorf("%d forced collections for an input of collectBeforeText bytes, want 1", n)
	}
	if !reflect.DeepEqual(small, big) {
		t.Error("the result differs with the collection")
	}
	if _, n := clean(len(input), Options{NoSentences: true, Similarity: -1}); n != 1 {
		t.Errorf("%d forced collections with no sentence lists or near-duplicate information, want 1", n)
	}
	// CleanTo collects too (without giving the memory back).
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := CleanTo(io.Discard, input, Options{}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if n := after.NumForcedGC - before.NumForcedGC; n != 1 {
		t.Errorf("CleanTo: %d forced collections for an input of collectBeforeText bytes, want 1", n)
	}
	// NoCollect leaves the collector to the caller, with the same result.
	kept, n := clean(len(input), Options{NoCollect: true})
	if n != 0 {
		t.Errorf("%d forced collections with NoCollect, want none", n)
	}
	if !reflect.DeepEqual(kept, big) {
		t.Error("the result differs with NoCollect")
	}
	runtime.ReadMemStats(&before)
	if _, err := CleanTo(io.Discard, input, Options{NoCollect: true}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if n := after.NumForcedGC - before.NumForcedGC; n != 0 {
		t.Errorf("CleanTo: %d forced collections with NoCollect, want none", n)
	}
}
