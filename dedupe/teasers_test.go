package dedupe

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/cespare/xxhash/v2"
)

// scanTeasers is what teaserIndex replaces: a list of the positions that
// held a teaser, in the order they joined, scanned for the first whose
// current paragraph is a teaser of key.
type scanTeasers struct {
	list []int
	text map[int]string // position → the text of the paragraph it holds
}

func (s *scanTeasers) occupy(pos int, text string) {
	s.text[pos] = text
	if _, ok := teaserStem(text); ok {
		s.list = append(s.list, pos)
	}
}

// isTeaserOf reports whether paragraph text t is a teaser of the paragraph
// with match key full: cut off with a mark, and the start of full. It is
// what dropNear's moreComplete decides from the stem setNear kept.
func isTeaserOf(t, full string) bool {
	stem, ok := teaserStem(t)
	return ok && stemOf(stem, full)
}

func (s *scanTeasers) find(key string) int {
	for _, pos := range s.list {
		if isTeaserOf(s.text[pos], key) {
			return pos
		}
	}
	return -1
}

// givesOther reports whether key gives in full the teaser at a position
// other than own.
func (s *scanTeasers) givesOther(key string, own int) bool {
	for _, pos := range s.list {
		if pos != own && isTeaserOf(s.text[pos], key) {
			return true
		}
	}
	return false
}

func TestTeaserIndex(t *testing.T) {
	const full = "the council voted on tuesday to close the library"
	tests := []struct {
		name  string
		texts []string // the paragraphs put at positions 0, 1, …
		key   string
		want  int
	}{
		{"no teasers", []string{"The council voted."}, full, -1},
		{"a teaser of the key", []string{"The council voted on Tuesday to…"}, full, 0},
		{"a stem of four words never matches", []string{"The council voted on…"}, full, -1},
		{"the whole key is no teaser of itself", []string{"The council voted on Tuesday to close the library …"}, full, -1},
		{"another start", []string{"A council voted on Tuesday to…"}, full, -1},
		{"the stem may end inside a word", []string{"The council voted on Tues…"}, full, 0},
		{"the first to join wins", []string{"Other text here, five words…", "The council voted on Tuesday to close…", "The council voted on Tuesday…"}, full, 1},
	}
	for _, tt := range tests {
		var x teaserIndex
		for pos, text := range tt.texts {
			x.occupy(pos, teaserOf(text))
		}
		if got := x.find(full, []int32{10, 11, 12}, 99); got != tt.want {
			t.Errorf("%s: find = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestTeaserIndexScan checks that the index finds what the scan finds, on
// random texts made of few words, so that stems nest and collide, with
// paragraphs taking the places of others as dropNear makes them. Every
// other trial files all stems under one slot, as if every hash collided.
// Each trial empties the index of the one before with reset, as dropNear
// does from round to round.
func TestTeaserIndexScan(t *testing.T) {
	defer func(f func(a, n, b uint64) uint64) { slotOf = f }(slotOf)
	mixed := slotOf
	r := rand.New(rand.NewPCG(21, 22))
	words := strings.Fields("a bb")
	marks := []string{"…", " read more", "...", ""}
	text := func() string {
		var b strings.Builder
		for k := range 3 + r.IntN(7) {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		return b.String() + marks[r.IntN(len(marks))]
	}
	var x teaserIndex
	for trial := range 300 {
		slotOf = mixed
		if trial%2 == 1 {
			slotOf = func(a, n, b uint64) uint64 { return 0 }
		}
		x.reset(r.IntN(4), r.IntN(4)*20)
		scan := scanTeasers{text: make(map[int]string)}
		var out []int32
		for range 60 {
			pos := len(out)
			if len(out) > 0 && r.IntN(4) == 0 {
				pos = r.IntN(len(out)) // a later copy takes an earlier one's place
			} else {
				out = append(out, 0)
			}
			s := text()
			out[pos] = 1000 + int32(pos)
			x.occupy(pos, teaserOf(s))
			scan.occupy(pos, s)

			key := string(appendKey(nil, text()))
			got, want := x.find(key, out, -1), scan.find(key)
			if got != want {
				t.Fatalf("key %q: index finds %d, scan %d (%v)", key, got, want, scan.text)
			}
			// nearest asks mayGive first, and find only if it says yes.
			if group, ok := leadingWords(key, teaserWords-1); got >= 0 && (!ok || !x.mayGive(uint32(xxhash.Sum64String(group)))) {
				t.Fatalf("key %q: find finds %d, but mayGive says none", key, got)
			}
			// givesOther, which nearDropsConfirmed asks, against the scan:
			// the paragraph at own gives in full a teaser at another
			// position.
			own := r.IntN(len(out))
			if got, want := x.givesOther(key, own), scan.givesOther(key, own); got != want {
				t.Fatalf("key %q, own position %d: givesOther says %v, the scan %v (%v)", key, own, got, want, scan.text)
			}
		}
	}
}

func TestPrefixHash(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	p := big.NewInt(hashPrime)
	base := big.NewInt(0x1f3a5c7e9b2d4f61 % hashPrime)
	for range 200 {
		s := make([]byte, r.IntN(100))
		for k := range s {
			s[k] = byte(r.IntN(256))
		}
		want := new(big.Int)
		for _, b := range s {
			want.Mul(want, base)
			want.Add(want, big.NewInt(int64(b)+1))
			want.Mod(want, p)
		}
		if got := prefixHash(0, string(s)); got != want.Uint64() {
			t.Fatalf("prefixHash(%q) = %d, want %d", s, got, want.Uint64())
		}
		cut := r.IntN(len(s) + 1)
		if got := prefixHash(prefixHash(0, string(s[:cut])), string(s[cut:])); got != want.Uint64() {
			t.Fatalf("prefixHash of %q in two steps = %d, want %d", s, got, want.Uint64())
		}
	}
}

// teaserOf returns the teaserInfo of text as setNear makes it, or nil if
// text is not a teaser.
func teaserOf(text string) *teaserInfo {
	stem, ok := teaserStem(text)
	if !ok {
		return nil
	}
	t := newTeaserInfo(0, stem)
	return &t
}

// TestNearInfoSize checks that nearInfo, kept for every paragraph, stays
// 24 bytes: its four flags are told by its count of words (made, with the
// teaser bit, and the words it counts) and the start hash is 32 bits,
// which took it from 64 bytes (with the bag of sentences) back to 56, and
// the bag is 32 bits, with the teaser's index and the hashes of the
// key's first words kept apart (cleaner.stems and cleaner.starts, made
// only in a document with teasers), which took it to 40; and the sketch
// is a halfSketch (a long key's whole sketch kept apart, in
// cleaner.wides), which took it to 24.
func TestNearInfoSize(t *testing.T) {
	if n := unsafe.Sizeof(nearInfo{}); n != 24 {
		t.Errorf("nearInfo is %d bytes, want 24", n)
	}
}

// TestStartWords checks startWords against leadingWords, on keys of zero
// to seven words with punctuation that nextWord trims, and that the
// nearInfo setNear makes of each as a paragraph tells whether it has a
// group and a start as startWords does, and hashes the same words.
func TestStartWords(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	words := []string{"a", "bb", ",", "\"c\"", "…", "d-e"}
	keys := make([]string, 0, 2000)
	for range cap(keys) {
		var b strings.Builder
		for k := range r.IntN(8) {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		key := b.String()
		group, hasGroup, start, hasStart := startWords(key)
		wantGroup, wantHasGroup := leadingWords(key, teaserWords-1)
		wantStart, wantHasStart := leadingWords(key, teaserWords)
		if group != wantGroup || hasGroup != wantHasGroup || start != wantStart || hasStart != wantHasStart {
			t.Fatalf("startWords(%q) = %q, %v, %q, %v; want %q, %v, %q, %v",
				key, group, hasGroup, start, hasStart, wantGroup, wantHasGroup, wantStart, wantHasStart)
		}
		keys = append(keys, key)
	}
	// nearInfo tells hasGroup and hasStart by the words wordsOf counted.
	c := stageCleaner(t, strings.Join(keys, "\n"), &Options{Paragraphs: Lines})
	for i := range c.paras {
		key := string(c.appendKey(nil, i))
		group, hasGroup, start, hasStart := startWords(key)
		n := c.nearOf(i)
		if n.hasGroup() != hasGroup || n.hasStart() != hasStart {
			t.Fatalf("key %q: nearInfo has a group %v, a start %v; startWords %v, %v", key, n.hasGroup(), n.hasStart(), hasGroup, hasStart)
		}
		ks := c.starts[i]
		if hasGroup && ks.group != uint32(xxhash.Sum64String(group)) || hasStart && ks.start != startHash(start) {
			t.Fatalf("key %q: nearInfo's group or start hash is not that of %q, %q", key, group, start)
		}
	}
}

// checkStarts checks that c.starts holds, for every paragraph whose near
// information is made, the hashes of its key's first words, as setNear
// makes them.
func checkStarts(t *testing.T, name string, c *cleaner) {
	t.Helper()
	for i := range c.paras {
		n := &c.near[i]
		if !n.ok() {
			continue
		}
		key := string(c.appendKey(nil, i))
		want, ks := keyStartOf(key), c.starts[i]
		if n.hasGroup() && ks.group != want.group || n.hasStart() && ks.start != want.start {
			t.Fatalf("%s: paragraph %d (%q): starts %+v, want %+v", name, i, key, ks, want)
		}
	}
}

// teaserMadeByCut is a text in which a sentence cut makes a teaser: the
// last paragraph but one loses its last sentence, a repeat, and then ends
// with a mark, and its full text comes after it.
var teaserMadeByCut = strings.Join([]string{
	"Alpha beta gamma delta epsilon zeta eta theta iota kappa.",
	"Some filler words for the first paragraph in between here.",
	"More filler words for the second paragraph in between here.",
	"Story twelve begins with these words and then goes on … Alpha beta gamma delta epsilon zeta eta theta iota kappa.",
	"Story twelve begins with these words and then goes on to tell the whole of it, at length.",
}, "\n\n") + "\n"

// teasersMadeByCuts is teaserMadeByCut with a second teaser made so, for
// the texts cut to be keyed again in a batch (see keyCutTexts).
var teasersMadeByCuts = teaserMadeByCut + strings.Join([]string{
	"Story thirteen begins with other words and then goes on … Alpha beta gamma delta epsilon zeta eta theta iota kappa.",
	"Story thirteen begins with other words and then goes on to tell the whole of it, at length.",
}, "\n\n") + "\n"

// TestStartsKeptWithTeasers checks that, from parallelBytes on, the
// hashes of the keys' first words (c.starts) are kept only once the
// document has a teaser, and then for every paragraph whose near
// information is made, as setNear makes them, whether the first teaser
// is in prepare's first batch, in a later one, or made by a sentence cut
// (keyed again in a batch, or on its own); and that Clean's Result is the
// one it is with them kept from the start.
func TestStartsKeptWithTeasers(t *testing.T) {
	// Two workers whatever GOMAXPROCS: on one, start keeps the starts
	// from the start.
	setParallel(t, 0, 2)
	defer func(b int) { prepareBatchBytes = b }(prepareBatchBytes)
	prepareBatchBytes = 300
	var fillers strings.Builder
	for k := range 30 {
		fmt.Fprintf(&fillers, "Filler paragraph number %d, of words that no other paragraph has.\n\n", k)
	}
	teaser := "Story one begins with these words and then goes on …\n\n"
	full := "Story one begins with these words and then goes on to tell the whole of it, at length.\n\n"
	check := func(name string, c *cleaner) { t.Helper(); checkStarts(t, name, c) }
	for _, bc := range []struct {
		name    string
		in      string
		teasers bool
	}{
		{"no teaser", fillers.String(), false},
		{"a teaser first", teaser + fillers.String() + full, true},
		{"a teaser last", fillers.String() + teaser + full, true},
	} {
		c := stageCleaner(t, bc.in, &Options{})
		if (c.starts != nil) != bc.teasers {
			t.Fatalf("%s: starts kept %v, want %v", bc.name, c.starts != nil, bc.teasers)
		}
		if c.starts != nil {
			check(bc.name, c)
		}
	}
	for _, bc := range []struct {
		in    string
		batch int
	}{{teaserMadeByCut, 300}, {teaserMadeByCut, 1 << 20}, {teasersMadeByCuts, 300}, {teasersMadeByCuts, 1 << 20}} {
		batch := bc.batch
		prepareBatchBytes = batch
		c := stageCleaner(t, bc.in+fillers.String(), &Options{})
		if c.starts != nil {
			t.Fatalf("batches of %d bytes: starts kept before any teaser", batch)
		}
		c.rounds()
		if c.starts == nil || len(c.scratch.teasers) == 0 {
			t.Fatalf("batches of %d bytes: a cut made no teaser (%d teasers), or its starts were not kept", batch, len(c.scratch.teasers))
		}
		check(fmt.Sprintf("a teaser made by a cut, batches of %d bytes", batch), c)
	}
	prepareBatchBytes = 300 // batches before the first teaser, whose keys are made again
	for _, in := range []string{fillers.String(), teaser + fillers.String() + full, fillers.String() + teaser + full, teaserMadeByCut + fillers.String(), teasersMadeByCuts + fillers.String()} {
		short, err := cleanWithShortcuts(in, Options{}, true)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := cleanWithShortcuts(in, Options{}, false)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(short, plain) {
			t.Fatalf("input %q:\nwith the starts kept late %+v\nfrom the start %+v", in, short, plain)
		}
	}
}

// FuzzStartsKeptLate checks on any input, on two workers from the first
// byte and in batches of 64 bytes, that the rounds' shortcuts, among them
// the starts kept only once a teaser is found and the sentence round's
// tables in lent memory, give the Result that every table filed, every
// round run and the starts kept from the start give; and that the starts
// kept then are those of the paragraphs' keys. FuzzRoundsAgree runs
// Clean below parallelBytes, where start keeps the starts from the start
// and prepare makes no batches: the keys of the batches before the first
// teaser, made again (see keepStarts), are this target's.
func FuzzStartsKeptLate(f *testing.F) {
	for _, s := range []string{teasersInput(), teaserMadeByCut, teasersMadeByCuts, cutMakesRepeat, cutMakesFullerCopy} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		defer withParallel(0, 2)()
		defer func(b int) { prepareBatchBytes = b }(prepareBatchBytes)
		prepareBatchBytes = 64
		for _, opts := range []Options{{}, {Paragraphs: Lines}} {
			plain, err := cleanWithShortcuts(in, opts, false)
			short, err2 := cleanWithShortcuts(in, opts, true)
			if fmt.Sprint(err2) != fmt.Sprint(err) || !reflect.DeepEqual(plain, short) {
				t.Fatalf("input %q, options %+v:\nwith the shortcuts %+v, %v\nwithout %+v, %v", in, opts, short, err2, plain, err)
			}
			if err != nil {
				return // not text
			}
			if c := cleanerRounds(t, in, opts); c.starts != nil {
				checkStarts(t, fmt.Sprintf("options %+v", opts), c)
			}
		}
	})
}
