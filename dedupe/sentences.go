package dedupe

import (
	"bytes"
	"strings"
	"unicode"
	"unsafe"

	"github.com/cespare/xxhash/v2"

	"github.com/textclean/textclean/internal/sentence"
)

// sentenceInfo is one sentence of a paragraph's current text.
type sentenceInfo struct {
	span sentence.Span
	long bool   // it has at least Options.MinSentenceWords words
	hash uint64 // xxhash of its match key
}

// keptSentence is the first occurrence of a long sentence in a round.
type keptSentence struct {
	para int    // paragraph index
	text string // the sentence, from the paragraph's text at the time
	orig span   // where it stands in the paragraph's original text
}

// sentenceTable finds earlier occurrences of sentences by the hash of their
// key. It stores no keys: on a hash hit it makes the keys of both sentences
// again and compares them, so a collision never merges two sentences.
type sentenceTable struct {
	first    hashIndex // hash → index in kept
	kept     []keptSentence
	collided map[string]int32 // sentences whose hash a different sentence had first
	a, b     []byte
}

// newSentenceTable returns a sentenceTable sized for n sentences.
func newSentenceTable(n int) *sentenceTable {
	return &sentenceTable{first: newHashIndex(n), kept: make([]keptSentence, 0, n)}
}

// find returns the earlier occurrence of s (with hash h), or records s as
// the first one and returns ok false.
func (t *sentenceTable) find(h uint64, s keptSentence) (keptSentence, bool) {
	k, ok := t.first.findOrAdd(h, int32(len(t.kept)))
	if !ok {
		t.add(s)
		return s, false
	}
	prev := t.kept[k]
	t.a = appendKey(t.a[:0], prev.text)
	t.b = appendKey(t.b[:0], s.text)
	if bytes.Equal(t.a, t.b) {
		return prev, true
	}
	if t.collided == nil {
		t.collided = make(map[string]int32)
	}
	if k, ok := t.collided[string(t.b)]; ok {
		return t.kept[k], true
	}
	t.collided[string(t.b)] = t.add(s)
	return s, false
}

func (t *sentenceTable) add(s keptSentence) int32 {
	t.kept = append(t.kept, s)
	return int32(len(t.kept) - 1)
}

// sentencesOf returns the sentences of paragraph i's current text, split and
// hashed once per text.
func (c *cleaner) sentencesOf(i int) []sentenceInfo {
	if !c.split[i] {
		c.splitText(i, &c.scratch)
	}
	return c.sentences[i]
}

// splitText splits paragraph i's current text into sentences and hashes
// their keys. Like keyText, it reads only the paragraph's text and writes
// only its own entries.
func (c *cleaner) splitText(i int, s *scratch) {
	text := c.text[i]
	s.spans = sentence.AppendSplit(s.spans[:0], text)
	infos := s.sentenceInfos(len(s.spans))
	minWords := c.opts.minSentenceWords()
	for k, sp := range s.spans {
		s.key = appendKey(s.key[:0], text[sp.Start:sp.End])
		infos[k] = sentenceInfo{span: sp, hash: xxhash.Sum64(s.key)}
		// The key has one space between words; in scripts written without
		// spaces each character counts as a word.
		infos[k].long = hasWords(unsafe.String(unsafe.SliceData(s.key), len(s.key)), minWords) // read here only
	}
	c.sentences[i], c.split[i] = infos, true
}

// sentenceRound removes from each output paragraph, in output order, the
// long sentences that appeared earlier in the kept text, drops paragraphs
// left empty, and reports whether it removed any. Paragraphs that the
// paragraph rules kept as repeats (c.keptRepeat) are left whole; their
// sentences still count as seen.
func (c *cleaner) sentenceRound() bool {
	// Sized once for the long sentences, the table is not copied as it
	// grows.
	long := 0
	for _, i := range c.order {
		for _, s := range c.sentencesOf(i) {
			if s.long {
				long++
			}
		}
	}
	t := newSentenceTable(long)
	cutAny := false
	var cut []bool
	for _, i := range c.order {
		sents := c.sentencesOf(i)
		text := c.text[i]
		cut = cut[:0]
		cutHere := false
		for _, s := range sents {
			repeat := false
			if s.long {
				here := keptSentence{para: i, text: text[s.span.Start:s.span.End],
					orig: span{c.cut[i].toOrig(s.span.Start, false), c.cut[i].toOrig(s.span.End, true)}}
				if prev, ok := t.find(s.hash, here); ok && !c.keptRepeat[i] {
					repeat = true
					c.cuts = append(c.cuts, cutRecord{para: i, orig: here.orig, keptPara: prev.para, keptOrig: prev.orig})
				}
			}
			cut = append(cut, repeat)
			cutHere = cutHere || repeat
		}
		if cutHere {
			c.cutSentences(i, sents, cut)
			cutAny = true
		}
	}
	if !cutAny {
		return false
	}
	order := c.order[:0]
	for _, i := range c.order {
		if c.fate[i] != emptied {
			order = append(order, i)
		}
	}
	c.order = order
	return true
}

// cutSentences gives paragraph i the text made of its sentences not marked
// in cut, and the mapping of that text to the original. Between two kept
// sentences it keeps the white space that stood between them or, where
// removed sentences stood between them, a line break if there was one and
// otherwise the space that followed the first.
func (c *cleaner) cutSentences(i int, sents []sentenceInfo, cut []bool) {
	text := c.text[i]
	var b strings.Builder
	var kept []span
	var starts []int
	prevEnd := -1
	for k, s := range sents {
		if cut[k] {
			continue
		}
		if prevEnd >= 0 {
			between := text[prevEnd:s.span.Start]
			switch {
			case strings.TrimSpace(between) == "":
				b.WriteString(between)
			case strings.Contains(between, "\n"):
				b.WriteByte('\n')
			default:
				b.WriteString(between[:len(between)-len(strings.TrimLeftFunc(between, unicode.IsSpace))])
			}
		}
		kept = append(kept, span{s.span.Start, s.span.End})
		starts = append(starts, b.Len())
		b.WriteString(text[s.span.Start:s.span.End])
		prevEnd = s.span.End
	}
	c.cut[i] = c.cut[i].keep(kept, starts)
	c.text[i] = b.String()
	c.keyed[i], c.split[i], c.near[i].ok = false, false, false
	if strings.TrimSpace(c.text[i]) == "" {
		c.fate[i] = emptied
	}
}
