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
		n, _ := c.paragraphs.Find(footer[0])
		if got := c.documents(n); got != int(seq)+1 {
			t.Fatalf("after %d inputs the footer is in %d", seq+1, got)
		}
	}
	// summary is what the table says of key k.
	summary := func(k uint64) corpus.Summary {
		n, ok := c.paragraphs.Find(k)
		if !ok {
			t.Fatalf("key %d is not found", k)
		}
		keeper := c.keeper(n)
		return corpus.Summary{
			Keeper:    corpus.Signature{Key: c.key(n), Doc: corpus.Doc{Seq: int64(keeper), Name: c.name(keeper)}, Lines: c.lines.at(int(n))},
			Documents: c.documents(n),
		}
	}
	want := corpus.Summary{
		Keeper:    corpus.Signature{Key: footer, Doc: docOf(0), Lines: dedupe.LineRange{First: 5, Last: 5}},
		Documents: inputs,
	}
	if s := summary(footer[0]); s != want {
		t.Errorf("footer: %+v, want %+v", s, want)
	}
	n, _ := c.paragraphs.Find(footer[0])
	if v, ok := c.judge(n, 0, 6); !ok || v.Keeper != want.Keeper || v.Documents != inputs || v.Seq != 6 {
		t.Errorf("the footer in input 6, boilerplate at 2: %+v, %v", v, ok)
	}
	if v, ok := c.judge(0, 0, 0); ok {
		t.Errorf("input 0's own paragraph, in no other input: %+v", v)
	}
	for seq := range int64(inputs) {
		want := corpus.Summary{
			Keeper:    corpus.Signature{Key: dedupe.Key{uint64(seq) + 100, 1}, Doc: docOf(seq * 2), Lines: dedupe.LineRange{First: 1, Last: 3}},
			Documents: 1,
		}
		if s := summary(uint64(seq) + 100); s != want {
			t.Fatalf("input %d's paragraph: %+v, want %+v", seq, s, want)
		}
	}
	if c.inputs() != 2*inputs-1 {
		t.Errorf("%d inputs, want %d", c.inputs(), 2*inputs-1)
	}
	// A key twice in one input is one paragraph, counted once.
	doc := docOf(2 * inputs)
	c.add(doc, []corpus.Signature{{Key: dedupe.Key{1 << 40, 1}, Doc: doc}, {Key: dedupe.Key{1 << 40, 1}, Doc: doc}})
	if n, _ := c.paragraphs.Find(1 << 40); c.documents(n) != 1 || len(c.repeatsOf(2*inputs)) != 0 {
		t.Errorf("a key twice in one input: in %d inputs, %d repeats", c.documents(n), len(c.repeatsOf(2*inputs)))
	}
}

// TestCorpusTableHalfKeys: a paragraph whose key agrees with an earlier
// input's in its first 64 bits only, as xxhash lets a page be crafted to,
// is not a copy of it: it is neither removed nor counted, and the earlier
// paragraph's count does not move.
func TestCorpusTableHalfKeys(t *testing.T) {
	c := newCorpusTable(corpus.Policy{Across: true, Boilerplate: 2}, 0)
	first, forged := dedupe.Key{42, 1}, dedupe.Key{42, 2}
	for seq, k := range []dedupe.Key{first, forged, forged} {
		doc := docOf(int64(seq))
		if err := c.add(doc, []corpus.Signature{{Key: k, Doc: doc, Lines: dedupe.LineRange{First: 1, Last: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := c.paragraphs.Find(42); c.documents(n) != 1 {
		t.Errorf("the first paragraph is counted in %d inputs, want 1", c.documents(n))
	}
	for seq := range int64(3) {
		if got, ok := c.removals(seq).Find(forged, 100); ok {
			t.Errorf("input %d: the forged key finds %+v", seq, got)
		}
	}
	if _, ok := c.removals(1).Find(first, 100); ok {
		t.Error("input 1 removes the first paragraph, which it does not have")
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

// TestStateDamaged loads state files cut short at every length, with any
// one byte changed, or with bytes added, and of another version: each is
// refused with a message that says why, and none is loaded in part.
func TestStateDamaged(t *testing.T) {
	dir := t.TempDir()
	docs, _ := testCorpus(3)
	c := newCorpusTable(corpus.Policy{Across: true}, 0)
	addAll(t, c, docs[:8])
	path := filepath.Join(dir, "state")
	if err := c.saveState(path); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	load := func(b []byte) error {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return newCorpusTable(corpus.Policy{Across: true}, 0).loadState(path)
	}
	if err := load(good); err != nil {
		t.Fatalf("the good file: %v", err)
	}
	check := func(what string, err error, want string) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one that says %q", what, err, want)
		}
	}
	for n := range len(good) {
		want := "damaged state file"
		if n < len(stateHeader) {
			want = "not a textclean state file"
			if n >= len(stateVersionPrefix) {
				want = "a textclean state file of version"
			}
		}
		check(fmt.Sprintf("cut to %d bytes", n), load(good[:n]), want)
	}
	rng := rand.New(rand.NewPCG(4, 4))
	for i := len(stateHeader); i < len(good); i++ {
		b := bytes.Clone(good)
		b[i] ^= byte(1 + rng.IntN(255))
		check(fmt.Sprintf("byte %d changed", i), load(b), "damaged state file")
	}
	check("a byte added", load(append(bytes.Clone(good), 0)), "damaged state file")
	check("version 1", load([]byte("textclean-state 1\n\x00\x00")), `a textclean state file of version "1"; this textclean reads version 2 only`)
	check("another file", load([]byte("A story.\n")), "not a textclean state file")
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

// TestAcrossForgedPage runs --across on a page of text crafted (by
// inverting xxhash) so that its paragraph's key agrees with a news
// paragraph's in its first 64 bits: when the corpus table matched those
// only, the news paragraph was removed from the later file.
func TestAcrossForgedPage(t *testing.T) {
	const forged = "buy cheap watches online today at our shop, offer number 000000012096 ok xxxxxxxf,]2m1e]"
	const news = "The wire service first reported the story on Monday morning, and the council met again on Tuesday to vote on the new budget."
	keyOf := func(text string) dedupe.Key {
		res, err := dedupe.Clean(text+"\n", dedupe.Options{})
		if err != nil || len(res.Kept) != 1 {
			t.Fatalf("Clean(%q): %v, %d paragraphs kept", text, err, len(res.Kept))
		}
		return res.Kept[0].Key
	}
	if f, n := keyOf(forged), keyOf(news); f[0] != n[0] || f[1] == n[1] {
		t.Fatalf("the crafted page no longer agrees with the news in the first half of its key only (%x, %x): craft it again for the key as it is now", f, n)
	}
	site, clean := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(site, "a.txt"), []byte(forged+"\n"), 0o644)
	os.WriteFile(filepath.Join(site, "b.txt"), []byte("A local paper.\n\n"+news+"\n"), 0o644)
	out, errOut, code := run(t, "", "-q", "--across", "-o", clean, site)
	if code != ExitOK {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	got, _ := os.ReadFile(filepath.Join(clean, "b.txt"))
	if !strings.Contains(string(got), news) {
		t.Errorf("the news paragraph was removed from b.txt:\n%s", got)
	}
}
