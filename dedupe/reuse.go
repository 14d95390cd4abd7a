package dedupe

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
