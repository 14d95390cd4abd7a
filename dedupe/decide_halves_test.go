package dedupe

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// decideOn runs decide on texts with workers, tabled by their exact text,
// and returns a copy of its decisions and of the kept copies (see
// keptCopies).
func decideOn(texts []string, opts *Options, workers int) ([]decision, []int32) {
	defer func(h int) { halvesUnits = h }(halvesUnits)
	halvesUnits = 0
	var t table
	t.root = make([]int32, len(texts))
	first := make(map[string]int32)
	for pos, text := range texts {
		if _, ok := first[text]; !ok {
			first[text] = int32(pos)
		}
		t.root[pos] = first[text]
	}
	var dc decider
	d := slices.Clone(dc.decide(len(texts), func(pos int) string { return texts[pos] }, &t, opts, workers))
	return d, slices.Clone(dc.keptCopies())
}

// The texts of halvesTexts and FuzzDecideInHalves: long (over
// DefaultMinLength runes), short, and unique to the sequence when k is its
// position.
func halvesLong(k int) string {
	return fmt.Sprintf("Long paragraph %d, well over forty characters long.", k)
}
func halvesShort(k int) string  { return fmt.Sprintf("Short paragraph %d here.", k) }
func halvesUnique(k int) string { return fmt.Sprintf("Unique paragraph %d of its sequence.", k) }

// halvesOptions are the options TestDecideInHalvesAgrees and
// FuzzDecideInHalves decide with: those that change decide's rules.
var halvesOptions = []Options{{}, {MinLength: 20}, {MinLength: -1}, {NoMoves: true}}

// halvesTexts returns sequences made to try decide in halves: the split of
// its first rule is at the middle, that of its second at the first unit
// from the middle on without an earlier copy.
func halvesTexts() map[string][]string {
	long, short, unique := halvesLong, halvesShort, halvesUnique
	seqs := make(map[string][]string)

	// A run of short repeats, long enough together, across the middle,
	// with unique paragraphs around both copies; and the same run ending
	// right before the middle, and starting at it.
	for _, at := range []int{-3, -6, 0} {
		var s []string
		for k := range 6 {
			s = append(s, short(k))
		}
		for k := len(s); k < 20+at; k++ {
			s = append(s, unique(k))
		}
		for k := range 6 {
			s = append(s, short(k))
		}
		for k := len(s); k < 40; k++ {
			s = append(s, unique(k))
		}
		seqs[fmt.Sprintf("short run at the middle%+d", at)] = s
	}

	// Short paragraphs chained to a long repeat on either side, the long
	// repeat on either side of the middle, the chains crossing it.
	for _, at := range []int{-2, -1, 0, 1} {
		block := []string{short(1), short(2), long(1), short(3), short(4), unique(100)}
		s := slices.Clone(block)
		for k := len(s); k < 20+at-2; k++ {
			s = append(s, unique(k))
		}
		s = append(s, block[:5]...)
		for k := len(s); k < 40; k++ {
			s = append(s, unique(k))
		}
		seqs[fmt.Sprintf("chains at the middle%+d", at)] = s
	}

	// Two long repeats around the middle with short and unique
	// paragraphs between them, as between their copies: a repeated run
	// with gaps, and unique paragraphs that move.
	{
		block := []string{long(1), short(1), unique(1), short(2), long(2)}
		s := slices.Clone(block)
		for k := len(s); k < 18; k++ {
			s = append(s, unique(k))
		}
		s = append(s, long(1), short(1), unique(50), short(2), long(2))
		for k := len(s); k < 40; k++ {
			s = append(s, unique(k))
		}
		seqs["run with gaps across the middle"] = s
	}

	// Every unit a repeat of the first (recurring, no unit without an
	// earlier copy after the middle), short or long, and every unit
	// unique.
	for _, text := range []string{short(1), long(1)} {
		s := make([]string, 41)
		for k := range s {
			s[k] = text
		}
		seqs["all repeats of "+text] = s
	}
	var s []string
	for k := range 41 {
		s = append(s, unique(k))
	}
	seqs["none repeated"] = s

	// Every unit after the first half a repeat, in the order of the first
	// half: one run of short ones from the middle to the end.
	s = nil
	for k := range 20 {
		s = append(s, short(k))
	}
	seqs["second half repeats the first"] = append(s, s...)

	// Random ones, of a few texts, short and long, and copies of earlier
	// stretches.
	r := rand.New(rand.NewPCG(7, 8))
	for k := range 300 {
		n := 1 + r.IntN(60)
		var s []string
		for len(s) < n {
			switch c := r.IntN(10); {
			case c < 3 && len(s) > 0:
				from := r.IntN(len(s))
				s = append(s, s[from:from+1+r.IntN(len(s)-from)]...)
			case c < 6:
				s = append(s, short(r.IntN(8)))
			case c < 8:
				s = append(s, long(r.IntN(4)))
			default:
				s = append(s, unique(len(s)))
			}
		}
		seqs[fmt.Sprintf("random %d", k)] = s[:n]
	}
	return seqs
}

// TestDecideInHalvesAgrees checks that decide, its first two rules run in
// two halves of the sequence, decides as it does over the sequence whole:
// on runs of short repeats and chains of short paragraphs at the middle,
// every unit a repeat, none, and random sequences, with the options that
// change its rules.
func TestDecideInHalvesAgrees(t *testing.T) {
	for name, texts := range halvesTexts() {
		for _, opts := range halvesOptions {
			d1, kept1 := decideOn(texts, &opts, 1)
			d2, kept2 := decideOn(texts, &opts, 2)
			if !slices.Equal(d1, d2) || !slices.Equal(kept1, kept2) {
				t.Errorf("%s, options %+v, texts\n%s\nin halves: %v %v\nwhole: %v %v",
					name, opts, strings.Join(texts, "\n"), d2, kept2, d1, kept1)
			}
		}
	}
}

// TestHalvesTextsRemoveAtTheMiddle checks that halvesTexts tries what it
// is for: in the sequences made so, decide removes a unit on either side
// of the middle and, in some, a run of short repeats across it.
func TestHalvesTextsRemoveAtTheMiddle(t *testing.T) {
	across := 0
	for name, texts := range halvesTexts() {
		if strings.HasPrefix(name, "random") || strings.HasPrefix(name, "none") {
			continue
		}
		d, _ := decideOn(texts, &Options{}, 1)
		m := len(d) / 2
		before := slices.ContainsFunc(d[:m], func(dec decision) bool { return dec.fate != kept })
		after := slices.ContainsFunc(d[m:], func(dec decision) bool { return dec.fate != kept })
		if !before && !after && !strings.HasPrefix(name, "all repeats of Short") {
			t.Errorf("%s: nothing removed", name)
		}
		if m > 0 && d[m-1].fate == removed && d[m].fate == removed && runeCount(texts[m]) < DefaultMinLength {
			across++
		}
	}
	if across < 3 {
		t.Errorf("%d sequences with short repeats removed across the middle, want 3 or more", across)
	}
}

// FuzzDecideInHalves checks that decide decides the same whole and in
// halves on any sequence of short, long and unique texts: each byte of seq
// picks one (its low two bits the kind, the next three which text of it),
// and set picks the options.
func FuzzDecideInHalves(f *testing.F) {
	f.Add([]byte{0, 4, 8, 3, 3, 0, 4, 8, 3}, uint8(0))
	f.Add([]byte{2, 0, 4, 3, 3, 3, 2, 0, 4, 3}, uint8(0))
	f.Add([]byte{2, 0, 3, 4, 6, 3, 3, 2, 0, 3, 4, 6}, uint8(3))
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0}, uint8(2))
	f.Fuzz(func(t *testing.T, seq []byte, set uint8) {
		texts := make([]string, len(seq))
		for pos, b := range seq {
			switch k := int(b>>2) & 7; b & 3 {
			case 0, 1:
				texts[pos] = halvesShort(k)
			case 2:
				texts[pos] = halvesLong(k)
			default:
				texts[pos] = halvesUnique(pos)
			}
		}
		opts := halvesOptions[int(set)%len(halvesOptions)]
		d1, kept1 := decideOn(texts, &opts, 1)
		d2, kept2 := decideOn(texts, &opts, 2)
		if !slices.Equal(d1, d2) || !slices.Equal(kept1, kept2) {
			t.Fatalf("options %+v, texts\n%s\nin halves: %v %v\nwhole: %v %v", opts, strings.Join(texts, "\n"), d2, kept2, d1, kept1)
		}
	})
}
