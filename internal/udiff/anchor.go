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
	// Count each id in the gap up to 2, clearing counts left from earlier
	// scans on first sight.
	g := d.stamps(1)
	for i := a0; i < a1; i++ {
		k := d.a[i]
		if d.inA[k] != g {
			d.inA[k], d.nA[k], d.nB[k] = g, 0, 0
			d.pos[k] = int32(i)
		}
		d.nA[k] = min(d.nA[k]+1, 2)
	}
	for j := b0; j < b1; j++ {
		if k := d.b[j]; d.inA[k] == g {
			d.nB[k] = min(d.nB[k]+1, 2)
		}
	}
	// The unique pairs, in the order of b.
	var pairs []match
	for j := b0; j < b1; j++ {
		if k := d.b[j]; d.inA[k] == g && d.nA[k] == 1 && d.nB[k] == 1 {
			pairs = append(pairs, match{d.pos[k], int32(j)})
		}
	}
	return longestIncreasing(pairs)
}

// longestIncreasing returns the longest subsequence of pairs, which are in
// increasing order of j and have distinct i, in which i increases too. Of
// several, it returns the one that patience sorting finds: each pair follows
// the last pair of the best shorter subsequence that ends at a lower i.
func longestIncreasing(pairs []match) []match {
	if len(pairs) == 0 {
		return nil
	}
	// tails[n] is the index in pairs of the pair with the lowest i that ends
	// an increasing subsequence of n+1 pairs; prev links each pair to the
	// pair before it in the subsequence it ends.
	var tails []int32
	prev := make([]int32, len(pairs))
	for k, p := range pairs {
		n := sort.Search(len(tails), func(n int) bool { return pairs[tails[n]].i > p.i })
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
	lis := make([]match, len(tails))
	for n, k := len(tails)-1, tails[len(tails)-1]; n >= 0; n, k = n-1, prev[k] {
		lis[n] = pairs[k]
	}
	return lis
}
