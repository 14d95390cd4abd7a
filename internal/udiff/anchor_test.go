package udiff

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// longestIncreasingRef is longestIncreasing with a binary search for
// every pair, as it was before its shortcut for a pair that extends the
// longest subsequence.
func longestIncreasingRef(pairs []match) []match {
	if len(pairs) == 0 {
		return nil
	}
	var tails []int
	prev := make([]int, len(pairs))
	for k, p := range pairs {
		n := sort.Search(len(tails), func(n int) bool { return pairs[tails[n]].i > p.i })
		prev[k] = -1
		if n > 0 {
			prev[k] = tails[n-1]
		}
		if n == len(tails) {
			tails = append(tails, k)
		} else {
			tails[n] = k
		}
	}
	var out []match
	for k := tails[len(tails)-1]; k >= 0; k = prev[k] {
		out = append(out, pairs[k])
	}
	slices.Reverse(out)
	return out
}

// TestLongestIncreasing checks longestIncreasing against the reference on
// pairs in order of j with distinct i, from shuffled to nearly in order.
func TestLongestIncreasing(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 50))
	for range 2000 {
		n := r.IntN(60)
		is := r.Perm(3 * n)[:n]
		if r.IntN(2) == 0 {
			slices.Sort(is)
			for range r.IntN(5) { // a few moved
				if n > 1 {
					a, b := r.IntN(n), r.IntN(n)
					is[a], is[b] = is[b], is[a]
				}
			}
		}
		pairs := make([]match, n)
		for j, i := range is {
			pairs[j] = match{int32(i), int32(j)}
		}
		want := longestIncreasingRef(slices.Clone(pairs))
		if got := longestIncreasing(slices.Clone(pairs)); !slices.Equal(got, want) {
			t.Fatalf("pairs %v: %v, want %v", pairs, got, want)
		}
	}
}
