package udiff

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestNumberByHash checks that, without collisions, hashes number lines as
// their texts do: the same ids, in the same order, with the new text
// given as a string or as its lines.
func TestNumberByHash(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	for range 300 {
		old, new := randomPair(r)
		na, nb := countLines(old), countLines(new)
		x := numberByText(old, na, text{s: new}, nb)
		for _, nt := range sides(new) {
			h := numberByHash(old, na, nt, nb)
			if h.n != x.n || !slices.Equal(h.a, x.a) || !slices.Equal(h.b, x.b) {
				t.Fatalf("old %q, new %q as lines %v: by hash %v %v (%d), by text %v %v (%d)", old, new, nt.lines != nil, h.a, h.b, h.n, x.a, x.b, x.n)
			}
			if len(h.spare) < 2*h.n {
				t.Fatalf("old %q, new %q: %d ids, %d spare", old, new, h.n, len(h.spare))
			}
			if y := numberByText(old, na, nt, nb); y.n != x.n || !slices.Equal(y.a, x.a) || !slices.Equal(y.b, x.b) {
				t.Fatalf("old %q, new %q as lines %v: by text %v %v (%d), from a string %v %v (%d)", old, new, nt.lines != nil, y.a, y.b, y.n, x.a, x.b, x.n)
			}
		}
	}
}

// TestHashCollisions makes lines of equal length collide. Where the diff
// matches two different lines, it must notice and diff again by the texts;
// where it does not, lines merged by a collision only make other, equally
// short scripts possible. Either way the diffs must apply and be as short
// as without collisions.
func TestHashCollisions(t *testing.T) {
	r := rand.New(rand.NewPCG(27, 28))
	var pairs [][2]string
	var want []string
	for i := range 500 {
		old, new := randomPair(r)
		var buf bytes.Buffer
		if err := (Options{Context: contexts[i%len(contexts)]}).Write(&buf, "a", "b", old, new); err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, [2]string{old, new})
		want = append(want, buf.String())
	}
	defer func(h func(string) uint64) { hashLine = h }(hashLine)
	hashLine = func(l string) uint64 { return uint64(len(l)) }
	collided, collidedLines := 0, 0
	for i, p := range pairs {
		na, nb := countLines(p[0]), countLines(p[1])
		err := newDiffer(p[0], na, text{s: p[1]}, nb, 0, numberByHash).script()
		if err == errCollision {
			collided++
		}
		// Lines given less their end are hashed as the old text's lines
		// less it (lineHash): a line of the old text without it collides
		// with other lines than from a string.
		for _, nt := range lineForms(p[1]) {
			switch e := newDiffer(p[0], na, nt, nb, 0, numberByHash).script(); e {
			case errCollision:
				collidedLines++
			case nil:
			default:
				t.Fatalf("old %q, new %q as lines ended by %q: %v", p[0], p[1], nt.end, e)
			}
		}
		got := checkRoundTrip(t, p[0], p[1], contexts[i%len(contexts)])
		if changedLines(got) != changedLines(want[i]) {
			t.Fatalf("old %q, new %q: with collisions\n%s\nwithout\n%s", p[0], p[1], got, want[i])
		}
	}
	if collided == 0 || collidedLines == 0 {
		t.Fatalf("%d pairs, %d as lines, had a collision the diff noticed", collided, collidedLines)
	}
	t.Logf("%d of %d pairs diffed again after a collision, %d as lines", collided, len(pairs), collidedLines)
}

// changedLines counts the deleted and inserted lines of a diff.
func changedLines(d string) [2]int {
	var n [2]int
	lines := splitLines(d)
	for _, l := range lines[min(2, len(lines)):] { // after the --- and +++ lines
		switch l[0] {
		case '-':
			n[0]++
		case '+':
			n[1]++
		}
	}
	return n
}

// BenchmarkNumberByHash numbers a million lines, about the 100 MB stream
// of bench/run.sh and its clean text (1.08 million lines), where the
// table leaves the processor's caches.
func BenchmarkNumberByHash(b *testing.B) {
	old, new := cleanPair(650000)
	na, nb := countLines(old), countLines(new)
	b.ReportMetric(float64(na+nb), "lines")
	for b.Loop() {
		numberByHash(old, na, text{s: new}, nb)
	}
}
