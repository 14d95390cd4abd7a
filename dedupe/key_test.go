package dedupe

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// appendKeyByRune is appendKey as it was before its fast path for runs of
// ASCII: one rune at a time. FuzzAppendKey checks the two agree.
func appendKeyByRune(dst []byte, text string) []byte {
	start := len(dst)
	pendingSpace := false
	for _, r := range text { // an invalid byte is utf8.RuneError, as DecodeRuneInString gives
		if unicode.IsSpace(r) {
			pendingSpace = len(dst) > start
			continue
		}
		if pendingSpace {
			dst = append(dst, ' ')
			pendingSpace = false
		}
		if r < utf8.RuneSelf {
			dst = append(dst, byte(unicode.ToLower(r)))
			continue
		}
		dst = utf8.AppendRune(dst, foldRune(r))
	}
	for len(dst) > start {
		r, size := utf8.DecodeLastRune(dst[start:])
		if !isTrailingPunct(r) && r != ' ' {
			break
		}
		dst = dst[:len(dst)-size]
	}
	return dst
}

func FuzzAppendKey(f *testing.F) {
	for _, s := range []string{"", " ", "Hello,  World!", "  a\tb\n", "The cat. ", "«Ça va?» — “Oui”…",
		"a b  c", "x\u00a0y", "ABC def GHI", "end ;", "\xff\xfe a", "日本語 です。", "a\u2003b c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prefix := []byte("kept")
		got := appendKey(append([]byte(nil), prefix...), s)
		want := appendKeyByRune(append([]byte(nil), prefix...), s)
		if string(got) != string(want) {
			t.Fatalf("appendKey(%q) = %q, rune by rune %q", s, got[len(prefix):], want[len(prefix):])
		}
	})
}

// BenchmarkAppendKey makes the match key of every paragraph of the stage
// benchmarks' input.
func BenchmarkAppendKey(b *testing.B) {
	c := stageCleaner(b, stageInput(), &Options{})
	b.SetBytes(int64(len(c.input)))
	var buf []byte
	for b.Loop() {
		for i := range c.paras {
			buf = appendKey(buf[:0], c.text[i])
		}
	}
}

// TestTableCollision files units under one hash for every key, as if all
// their hashes collided, and checks that each unit's root is the first
// unit with its key all the same.
func TestTableCollision(t *testing.T) {
	keys := []string{"a", "b", "a", "c", "b", "b", "c", "d"}
	want := []int{0, 1, 0, 3, 1, 1, 3, 7}
	tab := newTable(1, func(dst []byte, i int) []byte { return append(dst, keys[i]...) })
	for i := range keys {
		tab.add(i, 42)
	}
	for i, w := range want {
		if got := tab.rootOf(i); got != w || tab.isRepeat(i) != (w != i) {
			t.Errorf("unit %d (%q): root %d, repeat %v; want %d", i, keys[i], got, tab.isRepeat(i), w)
		}
	}
}

// TestSentenceTableCollision files sentences under one hash for every
// key and checks that each finds the first sentence with its key.
func TestSentenceTableCollision(t *testing.T) {
	text := "a. b. a. c. b."
	tab := newSentenceTable(1, func(int32) string { return text })
	want := []int{-1, -1, 0, -1, 1}
	for n, w := range want {
		s := keptSentence{cur: span32{uint32(3 * n), uint32(3*n + 2)}}
		prev, ok := tab.find(42, s)
		if ok != (w >= 0) || ok && prev != (keptSentence{cur: span32{uint32(3 * w), uint32(3*w + 2)}}) {
			t.Errorf("sentence %d: %+v, %v; want the one at %d", n, prev, ok, 3*w)
		}
	}
	if len(tab.kept) != 3 {
		t.Errorf("%d sentences kept, want 3", len(tab.kept))
	}
}
