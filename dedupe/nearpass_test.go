package dedupe

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/cespare/xxhash/v2"

	"github.com/textclean/textclean/internal/benchgen"
)

// teaserStemLowerFirst is teaserStem as it was before it matched the marks
// without regard to case first: it lower-cased the end of every text.
// FuzzTeaserStem checks the two agree.
func teaserStemLowerFirst(text string) (string, bool) {
	text = strings.TrimRight(text, " \t")
	tail := text[max(0, len(text)-48):]
	if strings.IndexFunc(tail, func(r rune) bool { return r == '.' || r == '…' || r == ']' || r == ')' || unicode.IsLetter(r) }) < 0 {
		return "", false
	}
	t := strings.ToLower(tail)
	for _, end := range teaserEnds {
		if strings.HasSuffix(t, end) {
			rest := text[:len(text)-len(end)]
			if !strings.EqualFold(text[len(rest):], end) {
				continue
			}
			stem := string(appendKey(nil, strings.TrimRight(rest, " .,;:-…[(")))
			return stem, stem != ""
		}
	}
	return "", false
}

func FuzzTeaserStem(f *testing.F) {
	for _, s := range []string{"", "The council voted on Tuesday...", "Read the full story … ", "It was late. READ MORE",
		"Weiterlesen", "Leer MÁS", "Nachrichten [...]\t", "Читать ДАЛЕЕ", "x (…)", "The end.", "...", "ſ leia maiſ",
		"the \u212aelvin read more", "İ continue reading", "Ⱥ read more", "\xffread more"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		stem, ok := teaserStem(s)
		wantStem, wantOK := teaserStemLowerFirst(s)
		if stem != wantStem || ok != wantOK {
			t.Fatalf("teaserStem(%q) = %q, %v; lower-casing first gives %q, %v", s, stem, ok, wantStem, wantOK)
		}
	})
}

// TestNearIndexResetSizesTeasers checks that reset sizes the teaser index
// by position for the teasers that making sure of the near information
// finds: here every text's near information is to be made again, and the
// teasers with it, which a count taken before finds none of.
func TestNearIndexResetSizesTeasers(t *testing.T) {
	c := cleanerRounds(t, "Breaking news from the city: the council met …\n\nAnother paragraph of the page, long enough.\n", Options{})
	c.scratch.teasers = nil
	for i := range c.near {
		c.near[i].made, c.keyed[i] = 0, unkeyed // dropped together, as cutSentences does
	}
	var x nearIndex
	x.reset(c, func(pos int) string { return c.keyString(int(c.order[pos])) })
	if len(c.scratch.teasers) != 1 {
		t.Fatalf("%d teasers made again, want 1", len(c.scratch.teasers))
	}
	if got := len(x.teasers.joined); got != len(c.order) {
		t.Errorf("teaser index sized for %d positions, want %d", got, len(c.order))
	}
}

// bagForgedParagraph was crafted (by inverting xxhash and splitmix.Mix, in
// 1.3 million tries, 0.2 s) so that its bag of sentences is bagTarget's:
// its first sentence is chosen, its last 16 characters are solved. Taken
// on the bag alone, it had bagTarget removed as its near-duplicate of
// similarity 1.
const (
	bagForgedParagraph = "Buy cheap watches online today at our shop, offer number 000000. Qb89qpr1716o30gn"
	bagTarget          = "The wire service first reported the story on Monday morning. The council met again on Tuesday to vote on the new budget."
)

// TestBagForged: a paragraph that shares a later paragraph's bag, but not
// its sentences, does not remove it; the same sentences in another order
// still do.
func TestBagForged(t *testing.T) {
	bag := func(text string) uint32 {
		c := stageCleaner(t, text+"\n", &Options{Paragraphs: Lines})
		return c.nearOf(0).bag
	}
	if bag(bagForgedParagraph) != bag(bagTarget) {
		t.Fatalf("the crafted paragraph no longer shares the target's bag (%x, %x): craft it again", bag(bagForgedParagraph), bag(bagTarget))
	}
	for _, between := range []string{"", "A local paper.\n"} {
		r, err := Clean(bagForgedParagraph+"\n"+between+bagTarget+"\n", Options{Paragraphs: Lines})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.Text, bagTarget) {
			t.Errorf("with %q between, the target was removed: %+v", between, r.Changes)
		}
	}
	// Short sentences, shuffled: few shingles in common, found by the bag.
	r, err := Clean(shortSentences+"\n"+shortShuffled+"\n", Options{Paragraphs: Lines})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Changes) != 1 || r.Changes[0].Kind != Near || r.Changes[0].Similarity != 1 {
		t.Errorf("the same sentences in another order: %+v, want one near change of similarity 1", r.Changes)
	}
}

// shortSentences has six short sentences, and shortShuffled has them in
// another order: too few word pairs in common for the shingles, found by
// their bag. bagForgedShort was crafted as bagForgedParagraph was (1.1
// million tries, 0.07 s) to share their bag.
const (
	shortSentences = "Rain fell hard. Roads were shut. Schools stayed closed. Buses ran late. Shops opened at noon. Power came back."
	shortShuffled  = "Shops opened at noon. Buses ran late. Power came back. Rain fell hard. Schools stayed closed. Roads were shut."
	bagForgedShort = "Buy cheap watches online today at our shop, offer number 000000. Q3yq0tcuokky7hrz"
)

// TestBagForgedFirst: a crafted paragraph that shares a paragraph's bag
// does not hide a later copy of that paragraph with its sentences
// shuffled, whether it takes the bag first or comes between.
func TestBagForgedFirst(t *testing.T) {
	c := stageCleaner(t, bagForgedShort+"\n"+shortSentences+"\n", &Options{Paragraphs: Lines})
	if c.nearOf(0).bag != c.nearOf(1).bag {
		t.Fatalf("the crafted paragraph no longer shares the bag: craft it again")
	}
	for _, tc := range []struct {
		name, input, removed string
		keptLine             int
	}{
		{"crafted first", bagForgedShort + "\n" + shortSentences + "\n" + shortShuffled + "\n", shortShuffled, 2},
		{"crafted between", shortSentences + "\n" + bagForgedShort + "\n" + shortShuffled + "\n", shortShuffled, 1},
	} {
		r, err := Clean(tc.input, Options{Paragraphs: Lines})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Changes) != 1 || r.Changes[0].Kind != Near || r.Changes[0].Similarity != 1 ||
			r.Changes[0].Text != tc.removed || r.Changes[0].Kept.First != tc.keptLine {
			t.Errorf("%s: %+v, want %q removed as a copy of line %d", tc.name, r.Changes, tc.removed, tc.keptLine)
		}
		if !strings.Contains(r.Text, bagForgedShort) || !strings.Contains(r.Text, shortSentences) {
			t.Errorf("%s: a paragraph of other sentences was removed:\n%s", tc.name, r.Text)
		}
	}
}

// TestBagForgedTaken: a paragraph's position in dropNear's output, once a
// fuller near-duplicate of other sentences takes it, holds that fuller
// paragraph; a later copy of the first with its sentences shuffled, too
// far from it for the shingles, is then not the fuller paragraph's copy,
// and is kept, whether a crafted paragraph holds their bag (so that the
// first was filed by its sentences) or not.
func TestBagForgedTaken(t *testing.T) {
	fuller := shortSentences + " Trains ran."
	var filler strings.Builder
	for k := range nearWindow + 2 {
		fmt.Fprintf(&filler, "Filler paragraph %c is about something else entirely, in words of its own.\n", 'a'+k)
	}
	for _, crafted := range []string{"", bagForgedShort + "\n"} {
		in := crafted + shortSentences + "\n" + fuller + "\n" + filler.String() + shortShuffled + "\n"
		r, err := Clean(in, Options{Paragraphs: Lines})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(r.Text, shortSentences+"\n") || !strings.Contains(r.Text, fuller) {
			t.Errorf("crafted %q: the fuller copy did not take the first's place:\n%s", crafted, r.Text)
		}
		if !strings.Contains(r.Text, shortShuffled) {
			t.Errorf("crafted %q: the shuffled copy was removed, as a copy of the fuller paragraph of other sentences: %+v", crafted, r.Changes)
		}
	}
}

// shingleForgedParagraph was crafted (each word's last 8 letters solved by
// inverting xxhash64, about 8 s a word) so that each of its words has the
// xxhash64 of bagTarget's word in its place: its word-pair shingles are
// bagTarget's, and taken on the hashes alone it had bagTarget removed as
// its near-duplicate of similarity 1. Its sketch (other word hashes, of
// which it keeps 8 bits) is not bagTarget's: at the default Similarity the
// sketch screened it out, but at 0.3 or less the screen lets it through.
// A page that passes the screen at 0.8 too needs each word's sketch bits
// as well, about 256 times the tries.
const shingleForgedParagraph = "nusqzwldkrbpaizp ejvdyoialrunhrbp odlhgjbtsegeuhvc hbbjsveczaxfeoxc tctxdckxfoeovpbe nusqzwldkrbpaizp dfgvoixslvurjdyi vitokfxntdzeyeyn eebhhrjxmvsibihb peymoekrprrxduuk nusqzwldkrbpaizp plfkewutmjkptcrk zdyflkkekdvxcoiu qferxouelhctbusu vitokfxntdzeyeyn kljcditbzkvveowb aglxgmthowmoqxux eoypvzkvuirfpycn vitokfxntdzeyeyn nusqzwldkrbpaizp tpnbzsczjtqdycoz jepdlcztcokrneyr."

// TestShinglesForged: a paragraph whose word hashes, and so shingles and
// sketch, are a later paragraph's, but not its words, neither removes it
// nor takes its place; a near-duplicate in plain words still does.
func TestShinglesForged(t *testing.T) {
	opts := Options{Paragraphs: Lines, Similarity: 0.3} // see shingleForgedParagraph
	c := stageCleaner(t, shingleForgedParagraph+"\n"+bagTarget+"\n", &opts)
	hashes := func(i int) (h []uint64) {
		for _, w := range tokens(c.keyString(i), nil) {
			h = append(h, xxhash.Sum64String(w))
		}
		return h
	}
	if !slices.Equal(hashes(0), hashes(1)) {
		t.Fatalf("the crafted paragraph's words no longer have the target's words' xxhash: craft it again")
	}
	for _, between := range []string{"", "A local paper.\n"} {
		for _, forged := range []string{shingleForgedParagraph, shingleForgedParagraph + " nusqzwldkrbpaizp ejvdyoialrunhrbp."} {
			r, err := Clean(forged+"\n"+between+bagTarget+"\n", opts)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(r.Text, bagTarget) || len(r.Changes) != 0 {
				t.Errorf("with %q between, the target was removed or moved: %+v", between, r.Changes)
			}
			// The crafted paragraph later, and longer: not a fuller copy.
			r, err = Clean(bagTarget+"\n"+between+forged+" Extra words here.\n", opts)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(r.Text, bagTarget) || len(r.Changes) != 0 {
				t.Errorf("with %q between, the crafted paragraph took the target's place: %+v", between, r.Changes)
			}
		}
	}
	plain := strings.Replace(bagTarget, "Tuesday", "Wednesday", 1)
	r, err := Clean(bagTarget+"\n"+plain+"\n", Options{Paragraphs: Lines})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Changes) != 1 || r.Changes[0].Kind != Near || r.Changes[0].Similarity < 0.8 {
		t.Errorf("a near-duplicate in plain words: %+v, want one near change", r.Changes)
	}
}

// TestNearPrepassAgrees checks that dropNear gives the same order, fates,
// copies and similarities with nearPrepass as without, round after round
// (every dropNear a full one, and with dropNearSettled), on two CPUs, on
// the inputs of TestNearSettledAgrees, the teasers of TestPrepareAgrees
// and random texts of the roundsPalette paragraphs; and that they reach
// windows quiet in the order that dropNear could not take as quiet (see
// nearIndex.quietLost).
func TestNearPrepassAgrees(t *testing.T) {
	setParallel(t, 0, 2)
	inputs := append(nearSettledInputs(t), teasersInput())
	inputs = append(inputs, randomPaletteTexts(300)...)
	lost := 0
	for _, settled := range []bool{false, true} {
		for _, opts := range append(slices.Clone(roundsOptions), Options{Paragraphs: Lines}) {
			for k, in := range inputs {
				where := fmt.Sprintf("settled %v, %+v, input %d", settled, opts, k)
				lost += prepassSideBySide(t, where, in, opts, settled)
			}
		}
	}
	t.Logf("%d quiet windows in the order that dropNear could not take as quiet", lost)
	if lost == 0 {
		t.Errorf("the inputs reach no quiet window that a removal or a move made dropNear compare")
	}
}

// prepassSideBySide runs the rounds of in with nearPrepass and without,
// with dropNearSettled if settled, and fails t unless they agree after
// every paragraph round. It returns quietLost, with nearPrepass.
func prepassSideBySide(t *testing.T, where, in string, opts Options, settled bool) int {
	t.Helper()
	defer func(p, s bool) { preNear, skipSettledNear = p, s }(preNear, skipSettledNear)
	skipSettledNear = settled
	pre := shortcutSideBySide(t, where+": nearPrepass", in, opts, func(on bool) { preNear = on }, nil)
	return pre.nearIdx.quietLost
}

// FuzzNearPrepass is TestNearPrepassAgrees on texts of roundsPalette
// paragraphs (see paletteText), with one of roundsOptions.
func FuzzNearPrepass(f *testing.F) {
	f.Add([]byte{2, 3, 0, 2, 4, 2, 1, 3, 5, 3, 1, 3, 8, 2, 8, 3}, uint8(0))
	f.Add([]byte{29, 35, 36, 37, 32}, uint8(0))
	f.Add([]byte{38, 39, 40}, uint8(0))
	f.Add([]byte{30, 32, 32, 30, 32}, uint8(3))
	f.Fuzz(func(t *testing.T, b []byte, set uint8) {
		if len(b) > 64 {
			return
		}
		setParallel(t, 0, 2)
		in := paletteText(b)
		opts := roundsOptions[int(set)%len(roundsOptions)]
		for _, settled := range []bool{false, true} {
			prepassSideBySide(t, fmt.Sprintf("settled %v, %+v, %q", settled, opts, in), in, opts, settled)
		}
	})
}

// bagTwinsText returns a text of n paragraphs of three sentences, each
// of the first half of them with a bag twin (its sentences in another
// order) n/2 paragraphs on: far outside the window, found only by the
// bag index.
func bagTwinsText(n int) string {
	var s strings.Builder
	for k := range n {
		j := k % (n / 2)
		one := fmt.Sprintf("Paragraph %d opens with a sentence of its own here.", j)
		two := fmt.Sprintf("Its middle sentence %d says something else again.", j)
		three := fmt.Sprintf("And sentence %d closes the paragraph for good.", j)
		if k < n/2 {
			fmt.Fprintf(&s, "%s %s %s\n\n", one, two, three)
		} else {
			fmt.Fprintf(&s, "%s %s %s\n\n", three, one, two)
		}
	}
	return s.String()
}

// TestNearPrepassSplits is TestNearPrepassAgrees on texts of many words
// of 64 paragraphs, split over 2 to 7 workers: bag twins, whose bags'
// tags come twice among the paragraphs compared in the first round and
// once in the second (the later twins are gone), and a stretch of the
// generated stream. It checks that dropNear reads the bags nearPrepass
// gathered in the order of the paragraphs whatever the split, and that
// the bag twins reach look-ups that soleBagTags leaves out and twins
// found by their bag.
func TestNearPrepassSplits(t *testing.T) {
	defer func(p, s bool) { preNear, skipSettledNear = p, s }(preNear, skipSettledNear)
	skipSettledNear = false
	inputs := []string{bagTwinsText(1200), benchgen.New(4).Stream(256 << 10)}
	for _, workers := range []int{2, 3, 7} {
		setParallel(t, 0, workers)
		for k, in := range inputs {
			skips, found := 0, 0
			shortcutSideBySide(t, fmt.Sprintf("%d workers, input %d: nearPrepass", workers, k), in, Options{},
				func(on bool) { preNear = on },
				func(pre *cleaner) {
					skips, found = pre.nearIdx.soleTags, 0
					for _, s := range pre.similarity {
						if s == 1 {
							found++
						}
					}
				})
			if k == 0 && (skips == 0 || found == 0) {
				t.Errorf("%d workers: %d look-ups left out by soleBagTags, %d twins found by their bag: want both", workers, skips, found)
			}
		}
	}
}
