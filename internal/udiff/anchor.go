package udiff

import "sort"

// anchors returns the anchors of the gap a[a0:a1], b[b0:b1], in order: the
// longest run of lines found exactly once in each side of the gap whose
// positions increase in both, as in patience diff. It returns none when the
// gap has no such lines or depth reaches maxDepth.
func (d *differ) anchors(a0, a1, b0, b1, depth int) []match {
	if depth >= maxDepth {
		return nil
	}
	// Stamp g marks the ids seen in a, g+1 those then seen once in b, g+2
	// more than once; val is an id's line in a, or -1 if it is there more
	// than once. pairs counts the ids found once in each.
	g := d.stamps(3)
	for i := a0; i < a1; i++ {
		k := d.a[i]
		if d.seen[k] == g {
			d.val[k] = -1
		} else {
			d.seen[k], d.val[k] = g, int32(i)
		}
	}
	pairs := 0
	for j := b0; j < b1; j++ {
		k := d.b[j]
		switch {
		case d.seen[k] == g:
			d.seen[k] = g + 1
			if d.val[k] >= 0 {
				pairs++
			}
		case d.seen[k] == g+1:
			d.seen[k] = g + 2
			if d.val[k] >= 0 {
				pairs--
			}
		}
	}
	if pairs == 0 {
		return nil
	}
	// The unique pairs, in the order of b.
	unique := make([]match, 0, pairs)
	for j := b0; j < b1; j++ {
		if k := d.b[j]; d.seen[k] == g+1 && d.val[k] >= 0 {
			unique = append(unique, match{d.val[k], int32(j)})
		}
	}
	return longestIncreasing(unique)
}

// longestIncreasing returns the longest subsequence of pairs, which are in
// increasing order of j and have distinct i, in which i increases too; it
// keeps it in the memory of pairs. Of
// several, it returns the one that patience sorting finds: each pair follows
// the last pair of the best shorter subsequence that ends at a lower i.
func longestIncreasing(pairs []match) []match {
	if len(pairs) == 0 {
		return nil
	}
	// tails[n] is the index in pairs of the pair with the lowest i that ends
	// an increasing subsequence of n+1 pairs; prev links each pair to the
	// pair before it in the subsequence it ends.
	tails := make([]int32, 0, len(pairs))
	prev := make([]int32, len(pairs))
	for k, p := range pairs {
		// Where few lines moved, as when one text is the other with
		// lines deleted, nearly every pair ends the longest subsequence
		// found so far: the search would end past the last tail.
		n := len(tails)
		if n > 0 && pairs[tails[n-1]].i > p.i {
			n = sort.Search(n-1, func(n int) bool { return pairs[tails[n]].i > p.i })
		}
		prev[k] = -1
		if n > 0 {
			prev[k] = tails[n-1]
		}
		if n == len(tails) {
			tails = append(tails, int32(k))
		} else {
			tails[n] = int32(k)
		}
	}
	// Mark the pairs of the subsequence, from its last, then move them to
	// the front of pairs, in order.
	const inSubsequence = -2
	for k := tails[len(tails)-1]; k >= 0; {
		next := prev[k]
		prev[k] = inSubsequence
		k = next
	}
	n := 0
	for k, p := range pairs {
		if prev[k] == inSubsequence {
			pairs[n] = p
			n++
		}
	}
	return pairs[:n]
}
