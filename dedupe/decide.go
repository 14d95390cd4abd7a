package dedupe

// fate is what happens to a paragraph.
type fate uint8

const (
	kept      fate = iota
	removed        // a repeat of paragraph copyOf
	moved          // placed before paragraph copyOf in the output
	emptied        // every sentence in it was a repeat
	elsewhere      // other documents have it (Options.Elsewhere)
	junkLine       // a scraper junk line
	near           // a near-duplicate of paragraph copyOf
	teaser         // a teaser of paragraph copyOf
)

// decision is the fate of one paragraph.
type decision struct {
	fate   fate
	copyOf int // the kept paragraph a removed one repeats, or the one a moved one precedes
}

// decide settles, keep-first, the fate of each paragraph of a sequence
// given by its texts in order; copyOf in the decisions is a position in the
// sequence. t must hold the texts' keys under their positions.
func decide(texts []string, t *table, opts *Options) []decision {
	d := make([]decision, len(texts))
	minLength := opts.minLength()

	// How often each text occurs: a text that recurs (recurringCopies times
	// or more) is part of the page's template, like a short line.
	copies := make([]int, len(texts)) // by the position of a text's first occurrence
	for i := range texts {
		copies[t.rootOf(i)]++
	}
	recurring := func(i int) bool { return opts.MinLength >= 0 && copies[t.rootOf(i)] >= recurringCopies }

	// Long repeats go wherever they are, unless they recur; but a copy
	// right after its twin always goes: no template stutters.
	for i := range texts {
		if t.isRepeat(i) && runeCount(texts[i]) >= minLength && (!recurring(i) || t.same(i-1, i)) {
			d[i] = decision{removed, t.rootOf(i)}
		}
	}

	// Short repeats that follow each other in the same order as their
	// copies form a repeated run when, together, they reach minLength.
	for i := 0; i < len(texts); {
		j, length := i, 0
		if d[i].fate == kept && t.isRepeat(i) {
			for c := t.rootOf(i); j < len(texts) && d[j].fate == kept && !recurring(j) && c+j-i < i && t.same(c+j-i, j); j++ {
				length += runeCount(texts[j])
			}
		}
		if j-i < 2 || length < minLength {
			i++
			continue
		}
		for k := i; k < j; k++ {
			d[k] = decision{removed, t.rootOf(i) + k - i}
		}
		i = j
	}

	// Repeats between two removed paragraphs that stand, in the same order,
	// between those paragraphs' copies are part of the repeated run, short
	// or recurring as they may be.
	for i := 1; i < len(texts); {
		if d[i].fate != kept || d[i-1].fate != removed {
			i++
			continue
		}
		j := i
		for j < len(texts) && d[j].fate == kept && t.isRepeat(j) {
			j++
		}
		if j < len(texts) && j > i && d[j].fate == removed {
			a, b := keptCopy(d, d[i-1].copyOf), keptCopy(d, d[j].copyOf)
			if b-a == j-i+1 && alignedCopies(t, a+1, i, j-i) {
				for k := i; k < j; k++ {
					d[k] = decision{removed, a + 1 + k - i}
				}
			}
		}
		i = j + 1
	}

	// A short repeat that does not recur goes when it continues a run at
	// either end: its neighbour is removed and the neighbour's copy has a
	// copy of it on the same side. Forward, then backward, so chains of
	// short paragraphs at either end follow. A recurring one stays: at the
	// edge of a run, nothing says it belongs to the run rather than to the
	// template around it.
	for i := 1; i < len(texts); i++ {
		if d[i].fate == kept && t.isRepeat(i) && !recurring(i) && d[i-1].fate == removed {
			if c := keptCopy(d, d[i-1].copyOf) + 1; c < i && t.same(c, i) {
				d[i] = decision{removed, c}
			}
		}
	}
	for i := len(texts) - 2; i >= 0; i-- {
		if d[i].fate == kept && t.isRepeat(i) && !recurring(i) && d[i+1].fate == removed {
			if c := keptCopy(d, d[i+1].copyOf) - 1; c >= 0 && c < i && t.same(c, i) {
				d[i] = decision{removed, c}
			}
		}
	}

	// Paragraphs between two removed ones whose copies are adjacent in the
	// kept text lie inside a repeated run: unique ones move into the kept
	// copy, repeated ones go with the run.
	for i := 0; i < len(texts); {
		if d[i].fate != kept {
			i++
			continue
		}
		j := i
		for j < len(texts) && d[j].fate == kept {
			j++
		}
		if i > 0 && j < len(texts) && d[i-1].fate == removed && d[j].fate == removed {
			before, after := keptCopy(d, d[i-1].copyOf), keptCopy(d, d[j].copyOf)
			if adjacentInKeptText(d, before, after, i) {
				for k := i; k < j; k++ {
					switch {
					case t.isRepeat(k):
						d[k] = decision{removed, t.rootOf(k)}
					case !opts.NoMoves:
						d[k] = decision{moved, after}
					}
				}
			}
		}
		i = j
	}

	// Point every removed paragraph at the copy that stays: a copy may
	// itself have been removed by a later step.
	for i := range d {
		if d[i].fate == removed {
			d[i].copyOf = keptCopy(d, d[i].copyOf)
		}
	}
	return d
}

// recurringCopies is how many times a text must occur to be part of the
// page's template rather than a repeat: the question put to each person in
// a series of interviews, "Available from Amazon" on every product card, the
// heading of every day of a meal plan. Scrapers repeat sections twice.
const recurringCopies = 3

// alignedCopies reports whether the n texts from position i on have the
// same keys as the n texts from position c on.
func alignedCopies(t *table, c, i, n int) bool {
	for k := range n {
		if !t.same(c+k, i+k) {
			return false
		}
	}
	return true
}

// keptCopy follows removed paragraphs to the kept copy they repeat.
func keptCopy(d []decision, i int) int {
	for d[i].fate == removed {
		i = d[i].copyOf
	}
	return i
}

// adjacentInKeptText reports whether paragraphs a and b, both before
// paragraph limit, follow each other in the kept text: every paragraph
// between them is removed or moved away.
func adjacentInKeptText(d []decision, a, b, limit int) bool {
	if a >= b || b >= limit {
		return false
	}
	for k := a + 1; k < b; k++ {
		if d[k].fate == kept {
			return false
		}
	}
	return true
}

// outputOrder returns the paragraphs of the output in order: the kept ones
// in input order, each preceded by the paragraphs moved before it.
func outputOrder(d []decision) []int {
	before := make(map[int][]int)
	for i := range d {
		if d[i].fate == moved {
			before[d[i].copyOf] = append(before[d[i].copyOf], i)
		}
	}
	order := make([]int, 0, len(d))
	var place func(i int)
	place = func(i int) {
		for _, m := range before[i] {
			place(m) // a moved paragraph can itself be the anchor of another
		}
		order = append(order, i)
	}
	for i := range d {
		if d[i].fate == kept {
			place(i)
		}
	}
	return order
}
