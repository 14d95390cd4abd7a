package cli

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/dedupe"
)

// signedDoc is a document and its signatures.
type signedDoc struct {
	doc  corpus.Doc
	sigs []corpus.Signature
}

// testCorpus is a corpus of signed documents for the corpus table's
// tests: 300 documents numbered with gaps, 0 to 15 paragraphs each, drawn
// from 400 keys of which the first few are in many documents.
func testCorpus(seed uint64) (docs []signedDoc, keys []dedupe.Key) {
	rng := rand.New(rand.NewPCG(seed, 1))
	for range 400 {
		keys = append(keys, dedupe.Key{rng.Uint64(), rng.Uint64()})
	}
	seq := int64(0)
	for range 300 {
		seq += 1 + int64(rng.IntN(2)) // a record line that is no record leaves a gap
		doc := docOf(seq)
		var sigs []corpus.Signature
		used := map[int]bool{}
		line := 1
		for range rng.IntN(16) {
			k := int(float64(len(keys)) * rng.Float64() * rng.Float64() * rng.Float64()) // the first keys are common
			if used[k] {
				continue
			}
			used[k] = true
			span := rng.IntN(3)
			sigs = append(sigs, corpus.Signature{Key: keys[k], Doc: doc, Lines: dedupe.LineRange{First: line, Last: line + span}})
			line += span + 2
		}
		docs = append(docs, signedDoc{doc, sigs})
	}
	return docs, keys
}

// docOf is the corpus.Doc of a test document.
func docOf(seq int64) corpus.Doc { return corpus.Doc{Seq: seq, Name: fmt.Sprintf("crawl/%d.txt", seq)} }

// selectRemovals is the reference: the select phase of package corpus
// over all the signatures, grouped by key, giving each document's
// dedupe.Elsewhere.
func selectRemovals(docs []signedDoc, policy corpus.Policy, minLength int) map[int64]dedupe.Elsewhere {
	byKey := map[dedupe.Key][]corpus.Signature{}
	for _, d := range docs {
		for _, s := range d.sigs {
			byKey[s.Key] = append(byKey[s.Key], s)
		}
	}
	verdicts := map[int64][]corpus.Verdict{}
	for _, sigs := range byKey {
		for _, v := range policy.Select(sigs) {
			verdicts[v.Seq] = append(verdicts[v.Seq], v)
		}
	}
	out := map[int64]dedupe.Elsewhere{}
	for seq, vs := range verdicts {
		out[seq] = corpus.Removals(vs, minLength)
	}
	return out
}

// compareRemovals checks that table c removes from each document of docs
// what the select phase does, asking about every key at two lengths.
func compareRemovals(t *testing.T, c *corpusTable, docs []signedDoc, keys []dedupe.Key, want map[int64]dedupe.Elsewhere, minLength int) {
	t.Helper()
	find := func(e dedupe.Elsewhere, k dedupe.Key, length int) (dedupe.Copy, bool) {
		if e == nil { // no verdicts
			return dedupe.Copy{}, false
		}
		return e.Find(k, length)
	}
	removed := 0
	for _, d := range docs {
		seq := d.doc.Seq
		got, w := c.removals(seq), want[seq]
		for _, k := range append(keys, dedupe.Key{1, 2}) {
			for _, length := range []int{minLength - 1, minLength} {
				gc, gok := find(got, k, length)
				wc, wok := find(w, k, length)
				if gc != wc || gok != wok {
					t.Fatalf("document %d, key %x, length %d: Find = %+v, %v; the select phase says %+v, %v", seq, k, length, gc, gok, wc, wok)
				}
				if gok {
					removed++
				}
			}
		}
	}
	if removed == 0 {
		t.Fatal("nothing removed: the test tests nothing")
	}
}

// TestCorpusTableMatchesSelect: the table judges as the select phase of
// package corpus does, for each policy, whether the documents are added
// in one run or in two with a state file between them.
func TestCorpusTableMatchesSelect(t *testing.T) {
	const minLength = 40
	for _, policy := range []corpus.Policy{{Across: true}, {Boilerplate: 4}, {Across: true, Boilerplate: 6}} {
		t.Run(fmt.Sprintf("%+v", policy), func(t *testing.T) {
			docs, keys := testCorpus(1)
			want := selectRemovals(docs, policy, minLength)
			c := newCorpusTable(policy, minLength)
			addAll(t, c, docs)
			compareRemovals(t, c, docs, keys, want, minLength)

			// The same corpus in two runs: the second run's documents
			// are judged as in one run.
			path := filepath.Join(t.TempDir(), "state")
			first := newCorpusTable(policy, minLength)
			addAll(t, first, docs[:120])
			if err := first.saveState(path, startDescriptors{}); err != nil {
				t.Fatal(err)
			}
			second := newCorpusTable(policy, minLength)
			if err := second.loadState(path); err != nil {
				t.Fatal(err)
			}
			addAll(t, second, docs[120:])
			compareRemovals(t, second, docs[120:], keys, want, minLength)
		})
	}
}

// addAll adds the documents to c.
func addAll(t testing.TB, c *corpusTable, docs []signedDoc) {
	t.Helper()
	for _, d := range docs {
		if err := c.add(d.doc, d.sigs); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCorpusTableCounts checks the numbers a paragraph's entry gives: the
// input that keeps it first, with its name and lines, and how many keep
// it, past the 255 that a paragraph's own byte holds.
func TestCorpusTableCounts(t *testing.T) {
	c := newCorpusTable(corpus.Policy{Boilerplate: 2}, 0)
	footer := dedupe.Key{7, 7}
	const inputs = 700
	for seq := range int64(inputs) {
		doc := docOf(seq * 2) // every other number is a gap
		sigs := []corpus.Signature{
			{Key: dedupe.Key{uint64(seq) + 100, 1}, Doc: doc, Lines: dedupe.LineRange{First: 1, Last: 3}},
			{Key: footer, Doc: doc, Lines: dedupe.LineRange{First: 5 + int(seq), Last: 5 + int(seq)}},
		}
		if err := c.add(doc, sigs); err != nil {
			t.Fatal(err)
		}
		n, _ := c.paragraphs.Find(tagOf(footer))
		if got := c.documents(n); got != int(seq)+1 {
			t.Fatalf("after %d inputs the footer is in %d", seq+1, got)
		}
	}
	// summary is what the table says of key k, with k as the keeper's
	// key: the table knows its tag only.
	summary := func(k dedupe.Key) corpus.Summary {
		n, ok := c.paragraphs.Find(tagOf(k))
		if !ok {
			t.Fatalf("key %x is not found", k)
		}
		keeper := c.keeper(n)
		return corpus.Summary{
			Keeper:    corpus.Signature{Key: k, Doc: corpus.Doc{Seq: int64(keeper), Name: c.name(keeper)}, Lines: c.lines.at(int(n))},
			Documents: c.documents(n),
		}
	}
	want := corpus.Summary{
		Keeper:    corpus.Signature{Key: footer, Doc: docOf(0), Lines: dedupe.LineRange{First: 5, Last: 5}},
		Documents: inputs,
	}
	if s := summary(footer); s != want {
		t.Errorf("footer: %+v, want %+v", s, want)
	}
	n, _ := c.paragraphs.Find(tagOf(footer))
	wantKeeper := want.Keeper
	wantKeeper.Key = tagKey(tagOf(footer))
	if v, ok := c.judge(n, 0, 6); !ok || v.Keeper != wantKeeper || v.Documents != inputs || v.Seq != 6 {
		t.Errorf("the footer in input 6, boilerplate at 2: %+v, %v", v, ok)
	}
	if v, ok := c.judge(0, 0, 0); ok {
		t.Errorf("input 0's own paragraph, in no other input: %+v", v)
	}
	for seq := range int64(inputs) {
		k := dedupe.Key{uint64(seq) + 100, 1}
		want := corpus.Summary{
			Keeper:    corpus.Signature{Key: k, Doc: docOf(seq * 2), Lines: dedupe.LineRange{First: 1, Last: 3}},
			Documents: 1,
		}
		if s := summary(k); s != want {
			t.Fatalf("input %d's paragraph: %+v, want %+v", seq, s, want)
		}
	}
	if c.inputs() != 2*inputs-1 {
		t.Errorf("%d inputs, want %d", c.inputs(), 2*inputs-1)
	}
	// A key twice in one input is one paragraph, counted once.
	doc := docOf(2 * inputs)
	c.add(doc, []corpus.Signature{{Key: dedupe.Key{1 << 40, 1}, Doc: doc}, {Key: dedupe.Key{1 << 40, 1}, Doc: doc}})
	if n, _ := c.paragraphs.Find(tagOf(dedupe.Key{1 << 40, 1})); c.documents(n) != 1 || len(c.repeatsOf(2*inputs)) != 0 {
		t.Errorf("a key twice in one input: in %d inputs, %d repeats", c.documents(n), len(c.repeatsOf(2*inputs)))
	}
}

// TestCorpusTableHalfKeys: the table knows a paragraph by the first half
// of its key, 64 bits of SHA-256 that no page can be crafted to share: a
// key that agrees with an earlier input's there is its paragraph, a copy
// removed from the later input, whatever its second half.
func TestCorpusTableHalfKeys(t *testing.T) {
	c := newCorpusTable(corpus.Policy{Across: true}, 0)
	first, second := dedupe.Key{42, 1}, dedupe.Key{42, 2}
	for seq, k := range []dedupe.Key{first, second} {
		doc := docOf(int64(seq))
		if err := c.add(doc, []corpus.Signature{{Key: k, Doc: doc, Lines: dedupe.LineRange{First: 1, Last: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	if n, ok := c.paragraphs.Find(tagOf(first)); !ok || c.documents(n) != 2 || c.paragraphs.Len() != 1 {
		t.Errorf("found %v, in %d inputs, %d paragraphs; want one, in 2", ok, c.documents(n), c.paragraphs.Len())
	}
	if got := c.removals(0); got != nil {
		t.Errorf("input 0, which loses nothing: %+v", got)
	}
	if got, ok := c.removals(1).Find(second, 100); !ok || got.Doc != docOf(0).Name {
		t.Errorf("input 1: finds %+v (%v), want the copy in input 0", got, ok)
	}
}

// TestCorpusTableOrder: inputs are added in order of Seq.
func TestCorpusTableOrder(t *testing.T) {
	c := newCorpusTable(corpus.Policy{Across: true}, 0)
	c.add(docOf(5), nil)
	defer func() {
		if recover() == nil {
			t.Error("input 3 was added after input 5")
		}
	}()
	c.add(docOf(3), nil)
}

// TestStateDeterministic: the same inputs give the same state file, byte
// for byte, and a state file loaded and saved again is unchanged.
func TestStateDeterministic(t *testing.T) {
	dir := t.TempDir()
	docs, _ := testCorpus(2)
	var files [][]byte
	for i := range 2 {
		c := newCorpusTable(corpus.Policy{Across: true}, 0)
		addAll(t, c, docs)
		path := filepath.Join(dir, fmt.Sprint("state", i))
		if err := c.saveState(path, startDescriptors{}); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		files = append(files, b)
	}
	c := newCorpusTable(corpus.Policy{Across: true}, 0)
	if err := c.loadState(filepath.Join(dir, "state0")); err != nil {
		t.Fatal(err)
	}
	if err := c.saveState(filepath.Join(dir, "again"), startDescriptors{}); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(filepath.Join(dir, "again"))
	files = append(files, again)
	for i, b := range files[1:] {
		if !bytes.Equal(b, files[0]) {
			t.Errorf("state file %d differs from the first (%d and %d bytes)", i+1, len(b), len(files[0]))
		}
	}
}

// TestStateDamaged loads state files cut short at every length, with any
// one byte changed, or with bytes added, and of other versions: each is
// refused with a message that says why, and none is loaded in part.
func TestStateDamaged(t *testing.T) {
	dir := t.TempDir()
	docs, _ := testCorpus(3)
	c := newCorpusTable(corpus.Policy{Across: true}, 0)
	addAll(t, c, docs[:8])
	path := filepath.Join(dir, "state")
	if err := c.saveState(path, startDescriptors{}); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	load := func(b []byte) error {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return newCorpusTable(corpus.Policy{Across: true}, 0).loadState(path)
	}
	check := func(what string, err error, want string) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one that says %q", what, err, want)
		}
	}
	{
		const version = 4
		if err := load(good); err != nil {
			t.Fatalf("the good file of version %d: %v", version, err)
		}
		for n := range len(good) {
			want := "damaged state file"
			if n < len(stateHeader) {
				want = "not a textclean state file"
				if n >= len(stateVersionPrefix) {
					want = "a textclean state file of version"
				}
			}
			check(fmt.Sprintf("version %d cut to %d bytes", version, n), load(good[:n]), want)
		}
		rng := rand.New(rand.NewPCG(4, 4))
		for i := len(stateHeader); i < len(good); i++ {
			b := bytes.Clone(good)
			b[i] ^= byte(1 + rng.IntN(255))
			check(fmt.Sprintf("version %d, byte %d changed", version, i), load(b), "damaged state file")
		}
		check(fmt.Sprintf("version %d, a byte added", version), load(append(bytes.Clone(good), 0)), "damaged state file")
	}
	check("version 1", load([]byte("textclean-state 1\n\x00\x00")), `a textclean state file of version "1"; this textclean reads version 4 only`)
	check("version 5", load([]byte("textclean-state 5\n\x00\x00\x00\x00\x00")), `a textclean state file of version "5"`)
	v3 := append([]byte("textclean-state 3"), good[len("textclean-state 4"):]...)
	binary.LittleEndian.PutUint32(v3[len(v3)-4:], crc32.ChecksumIEEE(v3[:len(v3)-4]))
	check("version 3", load(v3), "state file version 3 holds keys that a crafted page could share with another paragraph; it holds no texts, so it cannot be converted: start a new state file")
	v2, err := os.ReadFile(filepath.Join("testdata", "state-v2", "state"))
	if err != nil {
		t.Fatal(err)
	}
	check("version 2", load(v2), "state file version 2 holds keys that a crafted page could share")
	check("another file", load([]byte("A story.\n")), "not a textclean state file")
}

// TestStateOneTag: a state file that holds one tag twice is damaged.
func TestStateOneTag(t *testing.T) {
	key := dedupe.Key{0x0123456789abcdef, 0xfedcba9876543210}
	// body is the body of a state file of two inputs, a and b, each
	// keeping one paragraph first, of these bytes and kept by 2 inputs.
	body := func(paragraph []byte) []byte {
		b := []byte{2, 0, 1, 'a', 1}
		b = append(b, paragraph...)
		b = append(b, 2, 2) // kept by 2 inputs; lines 1 to 1
		b = append(b, 1, 1, 'b', 1)
		b = append(b, paragraph...)
		return append(b, 2, 2)
	}
	tag := binary.LittleEndian.AppendUint64(nil, tagOf(key))
	err := newCorpusTable(corpus.Policy{Across: true}, 0).readState(bufio.NewReader(bytes.NewReader(body(tag))))
	if err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("one tag twice: error %v", err)
	}
}

// TestAcrossInputError: a JSON Lines input that cannot be read is no
// document of the corpus. It used to be added as document 0, whose name it
// took and whose paragraphs it dropped from the table.
func TestAcrossInputError(t *testing.T) {
	dir := t.TempDir()
	records := filepath.Join(dir, "a.jsonl")
	os.WriteFile(records, []byte(`{"text":"The wire service first reported the story on Monday morning.\n\nA story that only the first record has, long enough to count."}
{"text":"The wire service first reported the story on Monday morning.\n\nA second story, told here and nowhere else in this corpus."}
`), 0o644)
	report := filepath.Join(dir, "report.jsonl")
	_, stderr, code := run(t, "", "--jsonl", "--across", "--report", report, records, filepath.Join(dir, "missing.jsonl"))
	if code != ExitError || !strings.Contains(stderr, "missing.jsonl: no such file") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	r, _ := os.ReadFile(report)
	if want := `"kept":{"input":"` + records + `:1","lines":[1,1]}`; !strings.Contains(string(r), want) {
		t.Errorf("the report does not say %s:\n%s", want, r)
	}
}

// FuzzReadState reads any bytes as the body of a state file (what comes
// between the header and the checksum, which the fuzzer could not forge):
// it must not panic, and what it takes must write out and read back to
// the same state file, byte for byte.
func FuzzReadState(f *testing.F) {
	docs, _ := testCorpus(5)
	c := newCorpusTable(corpus.Policy{Across: true}, 0)
	addAll(f, c, docs[:6])
	var seed bytes.Buffer
	c.writeState(&seed)
	f.Add(seed.Bytes()[len(stateHeader) : seed.Len()-4])
	f.Add([]byte{1, 0, 1, 'a', 1, 1, 2, 3, 4, 5, 6, 7, 8, 1, 8})
	f.Add([]byte{1, 0, 2, 'a', 2, 1, 2, 3, 4, 5, 6, 7, 8, 1, 8, 1, 2, 3, 4, 5, 6, 7, 9, 1, 2})
	f.Fuzz(func(t *testing.T, body []byte) {
		c := newCorpusTable(corpus.Policy{Across: true}, 0)
		if c.readState(bufio.NewReader(bytes.NewReader(body))) != nil {
			return
		}
		var first bytes.Buffer
		if err := c.writeState(&first); err != nil {
			t.Fatal(err)
		}
		b := first.Bytes()
		if got, want := binary.LittleEndian.Uint32(b[len(b)-4:]), crc32.ChecksumIEEE(b[:len(b)-4]); got != want {
			t.Fatalf("checksum %x, want %x", got, want)
		}
		again := newCorpusTable(corpus.Policy{Across: true}, 0)
		if err := again.readState(bufio.NewReader(bytes.NewReader(b[len(stateHeader) : len(b)-4]))); err != nil {
			t.Fatalf("a state file written from what was read does not read: %v", err)
		}
		var second bytes.Buffer
		again.writeState(&second)
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("written again, the state file changed:\n%x\n%x", first.Bytes(), second.Bytes())
		}
	})
}

// forgedPage is a page of text crafted (by inverting xxhash) so that its
// paragraph's key, when keys were two xxhash sums, agreed with
// newsParagraph's in its first 64 bits: when the corpus table matched
// those only, --across removed the news paragraph from a later file.
const (
	forgedPage    = "buy cheap watches online today at our shop, offer number 000000012096 ok xxxxxxxf,]2m1e]"
	newsParagraph = "The wire service first reported the story on Monday morning, and the council met again on Tuesday to vote on the new budget."
)

// wholeKeyPage is a page crafted so that its paragraph's whole 128-bit key,
// when keys were two xxhash sums, was newsParagraph's: 96 characters of
// [a-z0-9] and the news paragraph's last 27. The two sums read the same
// 8-byte lanes, one state a lane each, and the difference of the two
// states after a block takes a few values only: so each lane was solved
// on its own, its last word from the first sum (as for forgedPage) with
// random words before it until that word was of [a-z0-9] and the second
// sum agreed too. It took 366 million tries, 37 s of one core.
const wholeKeyPage = "umhpbd8fwz7k561cytr6h6pzfjosx315s0n50rns9qbkjakprvo3dmqcgv1jj02jcjcd3jhn7jqxg3wxcy3d8n6dk4l082z3y to vote on the new budget"

// keyOfParagraph is the dedupe.Key of text, one paragraph.
func keyOfParagraph(t *testing.T, text string) dedupe.Key {
	t.Helper()
	res, err := dedupe.Clean(text+"\n", dedupe.Options{})
	if err != nil || len(res.Kept) != 1 {
		t.Fatalf("Clean(%q): %v, %d paragraphs kept", text, err, len(res.Kept))
	}
	return res.Kept[0].Key
}

// checkAcrossKeepsNews runs --across on a folder of a page and, after it,
// a file with newsParagraph, which must be kept.
func checkAcrossKeepsNews(t *testing.T, page string) {
	t.Helper()
	site, clean := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(site, "a.txt"), []byte(page+"\n"), 0o644)
	os.WriteFile(filepath.Join(site, "b.txt"), []byte("A local paper.\n\n"+newsParagraph+"\n"), 0o644)
	out, errOut, code := run(t, "", "-q", "--across", "-o", clean, site)
	if code != ExitOK {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	got, _ := os.ReadFile(filepath.Join(clean, "b.txt"))
	if !strings.Contains(string(got), newsParagraph) {
		t.Errorf("the news paragraph was removed from b.txt:\n%s", got)
	}
}

// checkForgedPageFails checks that page, crafted to share (part of) the
// news paragraph's old xxhash key, shares neither half of its key now,
// nor its tag, and that --across keeps the news paragraph.
func checkForgedPageFails(t *testing.T, page string) {
	t.Helper()
	forged, news := keyOfParagraph(t, page), keyOfParagraph(t, newsParagraph)
	if forged[0] == news[0] || forged[1] == news[1] || tagOf(forged) == tagOf(news) {
		t.Fatalf("the crafted page agrees with the news in half its key: %x, %x", forged, news)
	}
	checkAcrossKeepsNews(t, page)
}

// TestAcrossForgedPage: the page crafted to share the first half of the
// news paragraph's xxhash key.
func TestAcrossForgedPage(t *testing.T) { checkForgedPageFails(t, forgedPage) }

// TestWholeKeyForged: the page crafted to share the whole 128-bit xxhash
// key of the news paragraph, which got it removed from a later file, in
// 37 s of one core.
func TestWholeKeyForged(t *testing.T) { checkForgedPageFails(t, wholeKeyPage) }

// TestTagOf pins the tag, which --state files hold: the first 8 bytes of
// the SHA-256 of the paragraph's match key (as sha256sum gives them for
// "the wire service ... new budget", the news paragraph lower-cased and
// without its full stop), read big-endian.
func TestTagOf(t *testing.T) {
	const sum = "e202ae597441ff9c" // printf 'the wire service ... budget' | sha256sum
	if got := fmt.Sprintf("%016x", tagOf(keyOfParagraph(t, newsParagraph))); got != sum {
		t.Errorf("the news paragraph's tag is %s, want %s", got, sum)
	}
}

// TestStateVersion2 runs --state on a file of version 2, as crawls have,
// in testdata/state-v2 (see its README): the run is refused, says why and
// what to do, and leaves the file as it was; a run from nothing on the
// same inputs works.
func TestStateVersion2(t *testing.T) {
	const dir = "testdata/state-v2"
	v2, err := os.ReadFile(filepath.Join(dir, "state"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(v2, []byte("textclean-state 2\n")) {
		t.Fatalf("the fixture is not of version 2: %q", v2[:min(len(v2), len(stateHeader))])
	}
	tmp := t.TempDir()
	state := filepath.Join(tmp, "state")
	os.WriteFile(state, v2, 0o644)
	out, errOut, code := run(t, "", "-q", "--across", "--boilerplate", "4", "--state", state, "-o", filepath.Join(tmp, "out"), filepath.Join(dir, "day2"))
	const want = "state file version 2 holds keys that a crafted page could share with another paragraph; it holds no texts, so it cannot be converted: start a new state file"
	if code != ExitError || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stdout %q, stderr %q; want an error that says %q", code, out, errOut, want)
	}
	if after, _ := os.ReadFile(state); !bytes.Equal(after, v2) {
		t.Errorf("the state file of version 2 was changed")
	}
	fresh := filepath.Join(tmp, "fresh")
	for _, day := range []string{"day1", "day2"} {
		if out, errOut, code := run(t, "", "-q", "--across", "--boilerplate", "4", "--state", fresh, "-o", filepath.Join(tmp, "out-"+day), filepath.Join(dir, day)); code != ExitOK {
			t.Fatalf("%s: exit %d: %s%s", day, code, out, errOut)
		}
	}
	if b, _ := os.ReadFile(fresh); !bytes.HasPrefix(b, []byte(stateHeader)) {
		t.Errorf("the fresh state file starts %q", b[:min(len(b), len(stateHeader))])
	}
}
