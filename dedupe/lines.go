package dedupe

import "strings"

// CleanLines is Clean, but gives the clean text as its lines, without
// their line ends, rather than in Result.Text: the text is each line
// followed by end, the line end Clean writes ("\n", or with the Newlines
// rule off the input's first line end). The lines are slices of the
// texts Clean writes, not copies (only the first line, after a BOM, is
// made anew): of input where a paragraph of one line was left as it was,
// else of the text Clean holds for the paragraph, normalized, cut, or,
// for a paragraph of several lines, its lines joined. Where every
// paragraph is one line, the clean text is then mostly the input's bytes:
// the 97 MB clean text of the 100 MB stream of bench/run.sh is 523,619
// lines (8 MB), 97,787 of them (19 MB) normalized or cut, the rest in
// input. Where paragraphs have several lines, as most Blocks text does,
// their joined texts hold the clean text's bytes beside the input, as
// Clean's text does, but never as one string. Result.Text is empty;
// Result.TextSize and Result.Changed work as for CleanTo. Like Clean, it
// may run the garbage collector once for a big input (not giving the
// memory back): see Options.NoCollect.
func CleanLines(input string, opts Options) (r *Result, lines []string, end string, err error) {
	c, err := newCleaner(input, &opts)
	if err != nil {
		return nil, nil, "", err
	}
	c.start()
	c.rounds()
	// The lines reuse the pages of the rounds' garbage: collected, not
	// given back (see collectBeforeText).
	r = c.decided(false)
	out := c.outputWriter()
	c.alongside(func() {
		lines, r.writtenBytes, r.differs = out.lines()
		r.ParagraphsOut = len(c.order)
	}, func() {
		out.placeLines()
		r.Changes = c.changes()
	})
	r.written = true
	return r, lines, out.nl, nil
}

// lines lists the lines of the output paragraphs, without their line
// ends, and reports the bytes of the text they make, each followed by
// w.nl, and whether it differs from the input. As write does, it cuts
// the output paragraphs into one run per CPU from parallelBytes of input
// on: each run's goroutine counts its lines, then fills them in, in one
// slice of their exact number.
func (w *outputWriter) lines() (lines []string, size int, differs bool) {
	c := w.c
	runs := outputRuns(len(c.order), c.workers())
	starts := make([]int, len(runs)+1) // run k's lines start at starts[k]
	inParallel(len(runs), func(k int) {
		n := 0
		w.eachLine(&runs[k], func(string) { n++ })
		starts[k+1] = n
	})
	for k := range runs {
		starts[k+1] += starts[k]
	}
	lines = make([]string, starts[len(runs)])
	inParallel(len(runs), func(k int) {
		at := starts[k]
		w.eachLine(&runs[k], func(l string) {
			lines[at] = l
			at++
		})
	})
	size = len(lines) * len(w.nl)
	for _, l := range lines {
		size += len(l)
	}
	return lines, size, size != len(c.input) || !sameLines(lines, w.nl, c.input)
}

// sameLines reports whether lines, each followed by nl, are s, which is
// as long. A line that stands where it is in s compares at once, by its
// address; the first that differs ends the comparison.
func sameLines(lines []string, nl, s string) bool {
	off := 0
	for _, l := range lines {
		end := off + len(l)
		if s[off:end] != l || s[end:end+len(nl)] != nl {
			return false
		}
		off = end + len(nl)
	}
	return true
}

// eachLine calls f with each line of run r, in order, without its line
// end: a blank line is "", the first line of the text follows the BOM,
// and a text of several lines is cut at its "\n"s, which the text written
// has w.nl for (see text).
//
// When every paragraph is one line (c.oneLine), so is every text
// (see placeLines), and a text is not searched for line ends: that is
// most of the clean text, and the search would read all of it
// (BenchmarkLines' default/lines took 10.6 ms, not 2.8, on its 16 MB:
// minimums of 4, alternated, at a load of 9).
func (w *outputWriter) eachLine(r *outputRun, f func(line string)) {
	c := w.c
	for k := r.lo; k < r.hi; k++ {
		i := int(c.order[k])
		bom := ""
		if k == 0 {
			bom = c.doc.BOM
		}
		for range w.blankBefore(k, i) {
			f(bom)
			bom = ""
		}
		t := c.textOf(i)
		if bom != "" {
			t = bom + t
		}
		if c.oneLine {
			f(t)
			continue
		}
		for {
			line, rest, more := strings.Cut(t, "\n")
			f(line)
			if !more {
				break
			}
			t = rest
		}
	}
}
