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
	empty := corpus.Removals(nil, minLength)
	removed := 0
	for _, d := range docs {
		seq := d.doc.Seq
		got, w := c.removals(seq), want[seq]
		if w == nil {
			w = empty
		}
		for _, k := range append(keys, dedupe.Key{1, 2}) {
			for _, length := range []int{minLength - 1, minLength} {
				gc, gok := got.Find(k, length)
				wc, wok := w.Find(k, length)
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
			if err := first.saveState(path); err != nil {
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

// TestCorpusTableHalfKeys: a paragraph whose key agrees with an earlier
// input's in its first 64 bits only, as xxhash lets a page be crafted to,
// is not a copy of it but a paragraph of its own: neither is removed from
// the other's input, and each is counted in one input.
func TestCorpusTableHalfKeys(t *testing.T) {
	c := newCorpusTable(corpus.Policy{Across: true, Boilerplate: 2}, 0)
	first, forged := dedupe.Key{42, 1}, dedupe.Key{42, 2}
	for seq, k := range []dedupe.Key{first, forged} {
		doc := docOf(int64(seq))
		if err := c.add(doc, []corpus.Signature{{Key: k, Doc: doc, Lines: dedupe.LineRange{First: 1, Last: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []dedupe.Key{first, forged} {
		if n, ok := c.paragraphs.Find(tagOf(k)); !ok || c.documents(n) != 1 {
			t.Errorf("key %x: found %v, in %d inputs; want in 1", k, ok, c.documents(n))
		}
	}
	for seq := range int64(2) {
		for _, k := range []dedupe.Key{first, forged} {
			if got, ok := c.removals(seq).Find(k, 100); ok {
				t.Errorf("input %d: key %x finds %+v", seq, k, got)
			}
		}
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
		if err := c.saveState(path); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		files = append(files, b)
	}
	c := newCorpusTable(corpus.Policy{Across: true}, 0)
	if err := c.loadState(filepath.Join(dir, "state0")); err != nil {
		t.Fatal(err)
	}
	if err := c.saveState(filepath.Join(dir, "again")); err != nil {
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

// TestStateDamaged loads state files of version 3 and 2 cut short at
// every length, with any one byte changed, or with bytes added, and of
// another version: each is refused with a message that says why, and none
// is loaded in part.
func TestStateDamaged(t *testing.T) {
	dir := t.TempDir()
	docs, _ := testCorpus(3)
	c := newCorpusTable(corpus.Policy{Across: true}, 0)
	addAll(t, c, docs[:8])
	path := filepath.Join(dir, "state")
	if err := c.saveState(path); err != nil {
		t.Fatal(err)
	}
	v3, _ := os.ReadFile(path)
	v2, err := os.ReadFile(filepath.Join("testdata", "state-v2", "state"))
	if err != nil {
		t.Fatal(err)
	}
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
	for version, good := range map[int][]byte{3: v3, 2: v2} {
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
	check("version 1", load([]byte("textclean-state 1\n\x00\x00")), `a textclean state file of version "1"; this textclean reads versions 2 and 3 only`)
	check("version 4", load([]byte("textclean-state 4\n\x00\x00\x00\x00\x00")), `a textclean state file of version "4"`)
	check("another file", load([]byte("A story.\n")), "not a textclean state file")
}

// TestStateOneTag: a file of version 2 may hold two keys of one tag (the
// same key twice, here; two keys by chance, in a crawl): the later is
// left out. A file of version 3 that holds one tag twice is damaged.
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
	v2 := binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, key[0]), key[1])
	c := newCorpusTable(corpus.Policy{Across: true}, 0)
	if err := c.readState(bufio.NewReader(bytes.NewReader(body(v2))), stateHeaderV2); err != nil {
		t.Fatalf("version 2: %v", err)
	}
	if c.paragraphs.Len() != 1 || c.inputs() != 2 {
		t.Fatalf("version 2: %d paragraphs, %d inputs; want 1 and 2", c.paragraphs.Len(), c.inputs())
	}
	if n, ok := c.paragraphs.Find(tagOf(key)); !ok || n != 0 || c.documents(n) != 2 || c.keeper(n) != 0 {
		t.Errorf("version 2: the key is paragraph %d (found %v), in %d inputs, kept first by input %d", n, ok, c.documents(n), c.keeper(n))
	}
	v3 := binary.LittleEndian.AppendUint64(nil, tagOf(key))
	err := newCorpusTable(corpus.Policy{Across: true}, 0).readState(bufio.NewReader(bytes.NewReader(body(v3))), stateHeader)
	if err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("version 3, one tag twice: error %v", err)
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

// FuzzReadState reads any bytes as the body of a state file of version 3
// or 2 (what comes between the header and the checksum, which the fuzzer
// could not forge): it must not panic, and what it takes must write out
// and read back to the same state file of version 3, byte for byte.
func FuzzReadState(f *testing.F) {
	docs, _ := testCorpus(5)
	c := newCorpusTable(corpus.Policy{Across: true}, 0)
	addAll(f, c, docs[:6])
	var seed bytes.Buffer
	c.writeState(&seed)
	f.Add(false, seed.Bytes()[len(stateHeader):seed.Len()-4])
	f.Add(false, []byte{1, 0, 1, 'a', 1, 1, 2, 3, 4, 5, 6, 7, 8, 1, 8})
	v2, err := os.ReadFile(filepath.Join("testdata", "state-v2", "state"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(true, v2[len(stateHeaderV2):len(v2)-4])
	f.Add(true, []byte{1, 0, 2, 'a', 2, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 9, 1, 2})
	f.Fuzz(func(t *testing.T, version2 bool, body []byte) {
		header := stateHeader
		if version2 {
			header = stateHeaderV2
		}
		c := newCorpusTable(corpus.Policy{Across: true}, 0)
		if c.readState(bufio.NewReader(bytes.NewReader(body)), header) != nil {
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
		if err := again.readState(bufio.NewReader(bytes.NewReader(b[len(stateHeader):len(b)-4])), stateHeader); err != nil {
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
// paragraph's key agrees with newsParagraph's in its first 64 bits.
const (
	forgedPage    = "buy cheap watches online today at our shop, offer number 000000012096 ok xxxxxxxf,]2m1e]"
	newsParagraph = "The wire service first reported the story on Monday morning, and the council met again on Tuesday to vote on the new budget."
)

// keyOfParagraph is the dedupe.Key of text, one paragraph.
func keyOfParagraph(t *testing.T, text string) dedupe.Key {
	t.Helper()
	res, err := dedupe.Clean(text+"\n", dedupe.Options{})
	if err != nil || len(res.Kept) != 1 {
		t.Fatalf("Clean(%q): %v, %d paragraphs kept", text, err, len(res.Kept))
	}
	return res.Kept[0].Key
}

// checkForgedPage fails unless the crafted page still agrees with the
// news in the first half of its key only, and returns both keys.
func checkForgedPage(t *testing.T) (forged, news dedupe.Key) {
	t.Helper()
	forged, news = keyOfParagraph(t, forgedPage), keyOfParagraph(t, newsParagraph)
	if forged[0] != news[0] || forged[1] == news[1] {
		t.Fatalf("the crafted page no longer agrees with the news in the first half of its key only (%x, %x): craft it again for the key as it is now", forged, news)
	}
	return forged, news
}

// TestAcrossForgedPage runs --across on forgedPage: when the corpus table
// matched the first 64 bits of keys only, the news paragraph was removed
// from the later file.
func TestAcrossForgedPage(t *testing.T) {
	checkForgedPage(t)
	site, clean := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(site, "a.txt"), []byte(forgedPage+"\n"), 0o644)
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

// TestForgedPageTags: the forgery of the first half of a key does not make
// a tag collision: the crafted page's tag is not the news paragraph's, nor
// are those of keys that agree with it in either half. (A page that agrees
// in the whole key can be made too: TestWholeKeyForged.)
func TestForgedPageTags(t *testing.T) {
	forged, news := checkForgedPage(t)
	if tagOf(forged) == tagOf(news) {
		t.Fatalf("the crafted page's tag is the news paragraph's: %x", tagOf(news))
	}
	tags := map[uint64]dedupe.Key{}
	for i := range uint64(1000) {
		for _, k := range []dedupe.Key{{news[0], i}, {i, news[1]}} {
			if other, ok := tags[tagOf(k)]; ok && other != k {
				t.Fatalf("keys %x and %x, which agree with the news in a half, have one tag", k, other)
			}
			tags[tagOf(k)] = k
		}
	}
}

// wholeKeyPage is a page crafted so that its paragraph's whole 128-bit
// dedupe.Key is newsParagraph's: 96 characters of [a-z0-9] and the news
// paragraph's last 27. The two xxhash sums of a key read the same 8-byte
// lanes, one state a lane each, and the difference of the two states
// after a block takes a few values only: so each lane is solved on its
// own, its last word from the first sum (as for forgedPage) with random
// words before it until that word is of [a-z0-9] and the second sum agrees
// too. It took 366 million tries, 37 s of one core.
const wholeKeyPage = "umhpbd8fwz7k561cytr6h6pzfjosx315s0n50rns9qbkjakprvo3dmqcgv1jj02jcjcd3jhn7jqxg3wxcy3d8n6dk4l082z3y to vote on the new budget"

// TestWholeKeyForged pins what the docs say of the key: a page can be
// crafted, in a minute, to agree with a chosen paragraph in all 128 bits of
// its dedupe.Key, and so in its tag; --across then removes the paragraph
// from a later file, as it did for forgedPage with 64-bit keys. When the
// key is made of a hash that cannot be inverted, this test fails: turn it
// around, as TestAcrossForgedPage, and mend the docs.
func TestWholeKeyForged(t *testing.T) {
	forged, news := keyOfParagraph(t, wholeKeyPage), keyOfParagraph(t, newsParagraph)
	if forged != news || tagOf(forged) != tagOf(news) {
		t.Fatalf("the crafted page no longer shares the news paragraph's key (%x, %x): the key resists this forgery now", forged, news)
	}
	site, clean := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(site, "a.txt"), []byte(wholeKeyPage+"\n"), 0o644)
	os.WriteFile(filepath.Join(site, "b.txt"), []byte("A local paper.\n\n"+newsParagraph+"\n"), 0o644)
	out, errOut, code := run(t, "", "-q", "--across", "-o", clean, site)
	if code != ExitOK {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(clean, "b.txt")); strings.Contains(string(got), newsParagraph) {
		t.Errorf("the news paragraph was kept in b.txt:\n%s", got)
	}
}

// TestTagOf pins the tag, which --state files hold: the first 8 bytes of
// the SHA-256 of the key's two halves, little-endian (as sha256sum gives
// them for those 16 bytes).
func TestTagOf(t *testing.T) {
	for _, tc := range []struct {
		key dedupe.Key
		sum string // the first 8 bytes of the SHA-256, in hex
	}{
		{dedupe.Key{0, 0}, "374708fff7719dd5"},
		{dedupe.Key{1, 2}, "0c730b69905c5ef7"},
	} {
		got := binary.LittleEndian.AppendUint64(nil, tagOf(tc.key))
		if fmt.Sprintf("%x", got) != tc.sum {
			t.Errorf("tagOf(%x) is %x, want %s", tc.key, got, tc.sum)
		}
	}
}

// TestStateVersion2 loads a --state file of version 2, as crawls have, in
// testdata/state-v2 (see its README): the run that loads it removes what
// the textclean that wrote it removed, and saves version 3, the same file
// as a run from the same inputs with no state file of version 2 between.
func TestStateVersion2(t *testing.T) {
	const dir = "testdata/state-v2"
	v2, err := os.ReadFile(filepath.Join(dir, "state"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(v2, []byte(stateHeaderV2)) {
		t.Fatalf("the fixture is not of version 2: %q", v2[:min(len(v2), len(stateHeaderV2))])
	}
	wantReport, err := os.ReadFile(filepath.Join(dir, "want-report.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	// day2 runs the second batch against the state file at path, and
	// checks its report against the one the textclean of version 2 wrote.
	day2 := func(path string) {
		t.Helper()
		report := filepath.Join(tmp, "report.jsonl")
		out, errOut, code := run(t, "", "-q", "--across", "--boilerplate", "4", "--state", path, "-o", filepath.Join(tmp, "out"), "--report", report, filepath.Join(dir, "day2"))
		if code != ExitOK {
			t.Fatalf("exit %d: %s%s", code, out, errOut)
		}
		got, _ := os.ReadFile(report)
		got = got[:bytes.LastIndex(bytes.TrimSuffix(got, []byte("\n")), []byte("\n"))+1] // less the summary and its seconds
		if !bytes.Equal(got, wantReport) {
			t.Errorf("against %s, the second batch's report is\n%s\nwant\n%s", path, got, wantReport)
		}
	}
	fromV2 := filepath.Join(tmp, "from-v2")
	os.WriteFile(fromV2, v2, 0o644)
	day2(fromV2)

	// The same two batches with this textclean only.
	fresh := filepath.Join(tmp, "fresh")
	if out, errOut, code := run(t, "", "-q", "--across", "--boilerplate", "4", "--state", fresh, "-o", filepath.Join(tmp, "out1"), filepath.Join(dir, "day1")); code != ExitOK {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	// The first batch's state, read from version 2 and written, is the
	// file of version 3 this textclean writes for it.
	c := newCorpusTable(corpus.Policy{Across: true, Boilerplate: 4}, 0)
	if err := c.loadState(filepath.Join(dir, "state")); err != nil {
		t.Fatal(err)
	}
	var converted bytes.Buffer
	c.writeState(&converted)
	freshState, _ := os.ReadFile(fresh)
	if !bytes.HasPrefix(freshState, []byte(stateHeader)) || !bytes.Equal(converted.Bytes(), freshState) {
		t.Errorf("version 2 converted:\n%x\nthe first batch's version 3:\n%x", converted.Bytes(), freshState)
	}
	day2(fresh)
	afterV2, _ := os.ReadFile(fromV2)
	afterFresh, _ := os.ReadFile(fresh)
	if !bytes.Equal(afterV2, afterFresh) {
		t.Errorf("after the second batch, the state from version 2 and the fresh one differ:\n%x\n%x", afterV2, afterFresh)
	}
}
