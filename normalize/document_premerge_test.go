package normalize

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
)

// documentPremerge is Document as it was before it scanned its input in
// its chunks and took valid lines as they are with every line rule off
// (main at c6a1ce8): the NUL, Strict and CR checks on the whole input
// first, the lines counted as the chunks are cut, every line through the
// rules' quiet test, and the document-wide rules reading every line again.
// FuzzDocumentPremerge compares Document with it.
func (n *Normalizer) documentPremerge(input string) (*Document, error) {
	if i := strings.IndexByte(input, 0); i >= 0 {
		line, col := position(input, i)
		return nil, fmt.Errorf("%w: NUL byte at line %d, column %d", ErrBinary, line, col)
	}
	if n.opts.Strict && !utf8.ValidString(input) {
		i := firstInvalid(input)
		line, col := position(input, i)
		return nil, fmt.Errorf("%w at line %d, column %d (byte %d)", ErrInvalidUTF8, line, col, i+1)
	}
	d := &Document{Newline: "\n", input: input, opts: n.opts}
	text := input
	if strings.HasPrefix(text, "\ufeff") {
		if n.opts.on(BOM) {
			d.Counts[BOM]++
		} else {
			d.BOM = "\ufeff"
		}
	}
	start := 0
	if strings.HasPrefix(text, "\ufeff") {
		start = len("\ufeff")
	}
	hasCR := strings.IndexByte(text, '\r') >= 0
	chunks := premergeChunks(text, start, hasCR)
	d.Lines = make([]Line, chunks[len(chunks)-1].last)
	texts := make([]string, len(d.Lines)) // each line's text, as a Line held it
	if len(chunks) == 1 {
		d.FinalNewline = n.premergeLines(d, texts, text, &chunks[0], hasCR)
	} else {
		var wg sync.WaitGroup
		for k := range chunks {
			ch, m := &chunks[k], n
			if k > 0 {
				m = New(n.opts)
			}
			wg.Go(func() {
				if final := m.premergeLines(d, texts, text, ch, hasCR); ch.end == len(text) {
					d.FinalNewline = final
				}
			})
		}
		wg.Wait()
	}
	for k := range chunks {
		d.Counts.Add(chunks[k].counts)
	}
	if end, next := lineEnd(text, int(d.Lines[0].Start), hasCR); next > end && !n.opts.on(Newlines) {
		d.Newline = text[end:next]
	}
	d.setLineTexts(texts)
	if !d.FinalNewline && !d.Blank(len(d.Lines)-1) && n.opts.on(Newlines) {
		d.Counts[Newlines]++
	}
	if n.opts.on(Hyphenation) {
		d.premergeRejoinHyphenated(&d.Counts)
	}
	if n.opts.on(BlankLines) {
		n := 0
		for _, drop := range d.premergeDroppedBlankLines() {
			if drop {
				n++
			}
		}
		d.Counts[BlankLines] = n
	}
	return d, nil
}

// premergeChunk is lineChunk as it was.
type premergeChunk struct {
	start, end  int
	first, last int
	counts      Counts
}

// premergeChunks is lineChunks as it was.
func premergeChunks(text string, start int, hasCR bool) []premergeChunk {
	workers := runtime.GOMAXPROCS(0)
	if len(text) < parallelBytes {
		workers = 1
	}
	size := (len(text) - start) / workers
	chunks := make([]premergeChunk, 0, workers)
	first := 0
	for start < len(text) || len(chunks) == 0 {
		end := len(text)
		if cut := start + size; len(chunks) < workers-1 && cut < len(text) {
			if i := strings.IndexByte(text[cut:], '\n'); i >= 0 && cut+i+1 < len(text) {
				end = cut + i + 1
			}
		}
		s := text[start:end]
		lines := strings.Count(s, "\n")
		if hasCR {
			lines += strings.Count(s, "\r") - strings.Count(s, "\r\n")
		}
		if end == len(text) && (s == "" || s[len(s)-1] != '\n' && s[len(s)-1] != '\r') {
			lines++
		}
		chunks = append(chunks, premergeChunk{start: start, end: end, first: first, last: first + lines})
		first += lines
		start = end
	}
	return chunks
}

// premergeLines is Normalizer.lines as it was, with the lines' texts
// in texts.
func (n *Normalizer) premergeLines(d *Document, texts []string, text string, ch *premergeChunk, hasCR bool) (finalNewline bool) {
	text = text[:ch.end]
	start := ch.start
	for i := ch.first; ; i++ {
		end, next := lineEnd(text, start, hasCR)
		d.Lines[i] = Line{Start: int32(start), End: int32(end)}
		texts[i] = n.premergeLine(text[start:end], &ch.counts, nil)
		if eol := text[end:next]; eol != "" && eol != "\n" && n.opts.on(Newlines) {
			ch.counts[Newlines]++
		}
		if next == len(text) {
			return next > end
		}
		start = next
	}
}

// premergeLine is Normalizer.line as it was, without the validOnly path.
func (n *Normalizer) premergeLine(s string, c *Counts, m *Offsets) string {
	if quiet(s) {
		return s
	}
	return n.rules(s, c, m)
}

// premergeRejoinHyphenated is rejoinHyphenated as it was, looking at
// every line.
func (d *Document) premergeRejoinHyphenated(c *Counts) {
	var cands []hyphenCandidate
	for i := 0; i+1 < len(d.Lines); i++ {
		if cand, ok := hyphenatedAt(d.Text(i), d.Text(i+1)); ok {
			cand.line = i
			cands = append(cands, cand)
		}
	}
	if len(cands) == 0 {
		return
	}
	wanted := make(map[string]bool, 2*len(cands))
	for _, cand := range cands {
		wanted[strings.ToLower(cand.first+cand.second)] = false
		wanted[strings.ToLower(cand.first+"-"+cand.second)] = false
	}
	for i := range d.Lines {
		markWords(d.Text(i), wanted)
	}
	done := make([]bool, len(cands))
	rejoined := make(map[int]string)
	defer func() {
		if len(rejoined) > 0 {
			d.setTexts(d.changedTexts(), rejoined)
		}
	}()
	for again := true; again; {
		again = false
		for k, cand := range cands {
			joined := strings.ToLower(cand.first + cand.second)
			compound := strings.ToLower(cand.first + "-" + cand.second)
			if done[k] || wanted[compound] || !wanted[joined] && !nonWordSuffixes[strings.ToLower(cand.second)] {
				continue
			}
			done[k] = true
			if d.rejoin(cand.line, rejoined) {
				c[Hyphenation]++
				if !wanted[joined] {
					wanted[joined], again = true, true
				}
			}
		}
	}
}

// premergeDroppedBlankLines is droppedBlankLines as it was, asking each
// line whether it is blank.
func (d *Document) premergeDroppedBlankLines() []bool {
	dropped := make([]bool, len(d.Lines))
	firstText, lastText := -1, -1
	for i := range d.Lines {
		if !d.Blank(i) {
			if firstText < 0 {
				firstText = i
			}
			lastText = i
		}
	}
	for i := range d.Lines {
		if d.Blank(i) {
			afterText := i > 0 && !d.Blank(i-1)
			dropped[i] = i < firstText || i > lastText || !afterText
		}
	}
	if last := len(d.Lines) - 1; last >= 0 && !d.FinalNewline {
		dropped[last] = false
	}
	return dropped
}
