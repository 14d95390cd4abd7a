package dedupe

// fate is what happens to a paragraph.
type fate uint8

const (
	kept    fate = iota
	removed      // a repeat of paragraph copyOf
	moved        // placed before paragraph copyOf in the output
	emptied      // every sentence in it was a repeat
)

// decision is the fate of one paragraph.
type decision struct {
	fate   fate
	copyOf int // the kept paragraph a removed one repeats, or the one a moved one precedes
}

// decide settles, keep-first, the fate of each paragraph of a sequence
// given by its texts in order; copyOf in the decisions is a position in the
// sequence. t must hold the texts' keys under their positions, and first[i]
// is the position of the first text with the same key as text i, or -1.
func decide(texts []string, t *table, first []int, opts *Options) []decision {
	d := make([]decision, len(texts))
	minLength := opts.minLength()
	isRepeat := func(i int) bool { return first[i] >= 0 }

	// Long repeats go wherever they are.
	for i := range texts {
		if isRepeat(i) && runeCount(texts[i]) >= minLength {
			d[i] = decision{removed, first[i]}
		}
	}

	// Short repeats that follow each other in the same order as their
	// copies form a repeated run when, together, they reach minLength.
	for i := 0; i < len(texts); {
		j, length := i, 0
		if d[i].fate == kept && isRepeat(i) {
			for c := first[i]; j < len(texts) && d[j].fate == kept && c+j-i < i && t.same(c+j-i, j); j++ {
				length += runeCount(texts[j])
			}
		}
		if j-i < 2 || length < minLength {
			i++
			continue
		}
		for k := i; k < j; k++ {
			d[k] = decision{removed, first[i] + k - i}
		}
		i = j
	}

	// A short repeat goes when it continues a run: its neighbour is removed
	// and the neighbour's copy has a copy of it on the same side. Forward,
	// then backward, so chains of short paragraphs at either end follow.
	for i := 1; i < len(texts); i++ {
		if d[i].fate == kept && isRepeat(i) && d[i-1].fate == removed {
			if c := keptCopy(d, d[i-1].copyOf) + 1; c < i && t.same(c, i) {
				d[i] = decision{removed, c}
			}
		}
	}
	for i := len(texts) - 2; i >= 0; i-- {
		if d[i].fate == kept && isRepeat(i) && d[i+1].fate == removed {
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
					case isRepeat(k):
						d[k] = decision{removed, first[k]}
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
