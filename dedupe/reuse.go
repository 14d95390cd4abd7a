package dedupe

import "unsafe"

// The helpers here let the tables that the rounds fill again in every
// round (the decisions, the tables of the paragraph round, dropNear's
// indexes) keep their memory from round to round.

// resize returns s with n zero elements, in its own memory if it has room.
func resize[T any](s []T, n int) []T {
	if n > cap(s) {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// appendEmpty returns s with one more slice, empty, which is the memory
// of the one that stood there before s was cut shorter, if there was one:
// the tables of slices that dropNear's indexes empty in every round keep
// their inner slices' memory from round to round.
func appendEmpty[T any](s [][]T) [][]T {
	if len(s) < cap(s) {
		s = s[:len(s)+1]
		s[len(s)-1] = s[len(s)-1][:0]
		return s
	}
	return append(s, nil)
}

// spare is memory that a step of the rounds keeps for its next call, and
// lends to another step that runs between two calls (see lend). The
// paragraph round's decisions, counts and roots and the order before the
// last, which nothing reads until the next paragraph round, and the last
// sentence round's positions (settledPos, with near-duplicates off), which nothing reads until the
// next, are lent to the sentence round's tables (see
// cleaner.roundSpares); the decisions also to the paragraph round's table
// (see decider.lendCounts and table.file), in the first round half to
// that table and half to dropSingleLists beside it (see halves), and to
// prepareBatch's logs, which live during a batch
// of prepare's or of keyCutTexts' at the start of a paragraph round,
// before paragraphTable lends the decisions and decide makes them (see
// lendBatchLogs).
type spare struct {
	at   unsafe.Pointer // nil when it has no room
	size uintptr        // bytes
}

// spareMemory are the element types of the slices whose memory is lent:
// none holds a pointer, which lend relies on.
type spareMemory interface{ decision | int32 }

// lentMemory are the element types that lend makes of that memory: none
// holds a pointer, nor is aligned to more than 4 bytes, as the spares'
// elements are (TestLentAlignment): Go's tiny allocator puts a small
// object whose size is a multiple of 4 but not 8 (an []int32 of
// capacity 1 or 3) at any multiple of 4 bytes.
type lentMemory interface {
	int32 | uint32 | span32 | tagSlot | paraStart | sentenceRepeat
}

// spareOf returns the memory of s, up to its capacity, as a spare.
func spareOf[S spareMemory](s []S) spare {
	if cap(s) == 0 {
		return spare{}
	}
	return spare{unsafe.Pointer(unsafe.SliceData(s[:cap(s)])), uintptr(cap(s)) * unsafe.Sizeof(s[0])}
}

// lend returns n zero Ts in the room of the first of spares that has room
// for them, from its start, which it then holds no more; or in memory of
// their own, written first (makeWritten, as the tables' indexes were
// before they borrowed), if none has. The memory stays the spare's
// owner's: the Ts must not be used once the owner uses it again. A T is
// pointer-free, as the owner's elements are, so the collector needs to
// know neither type, and the owner's memory stays alive while the Ts
// point into it. Each T starts at a multiple of 8 bytes from the spare's start, which is
// aligned to 4 bytes at least, as a T needs (see lentMemory).
func lend[T lentMemory](spares []spare, n int) []T {
	if t, ok := borrow[T](spares, n); ok {
		clear(t)
		return t
	}
	return makeWritten[T](n)
}

// borrow returns n Ts in the room of the first of spares that has room for
// them, as they were left there, and true; or false if none has.
func borrow[T lentMemory](spares []spare, n int) ([]T, bool) {
	size := uintptr(n) * unsafe.Sizeof(*new(T))
	for k := range spares {
		s := &spares[k]
		if !fits[T](*s, n) {
			continue
		}
		t := unsafe.Slice((*T)(s.at), n)
		if step := (size + 7) &^ 7; step < s.size {
			s.at, s.size = unsafe.Add(s.at, step), s.size-step
		} else {
			*s = spare{} // no pointer past the end of its memory
		}
		return t, true
	}
	return nil, false
}

// halves cuts s in two spares, the first of half its size (rounded down
// to 8 bytes, so that the second starts as aligned as s): the first
// paragraph round lends the first half of the decisions to its table and
// the second to dropSingleLists, which run at once (see rounds). The
// second holds the 4 bytes a paragraph that dropSingleLists borrows at
// most, the decisions taking 8.
func halves(s spare) (spare, spare) {
	if s.at == nil {
		return s, s
	}
	half := s.size / 2 &^ 7
	return spare{s.at, half}, spare{unsafe.Add(s.at, half), s.size - half}
}

// fits reports whether borrow would lend n Ts from s.
func fits[T lentMemory](s spare, n int) bool {
	return n > 0 && s.at != nil && uintptr(n)*unsafe.Sizeof(*new(T)) <= s.size
}
