package dedupe

import "testing"

// TestAppendEmpty checks that appendEmpty adds an empty slice, reusing
// the memory of the one that stood there, however long it was.
func TestAppendEmpty(t *testing.T) {
	s := [][]int{{1}, {2, 3}}
	inner := &s[1][0]
	s = appendEmpty(s[:1])
	if len(s) != 2 || len(s[1]) != 0 {
		t.Fatalf("appendEmpty gave %v, want [[1] []]", s)
	}
	if s = append(s[:1], append(s[1], 4)); &s[1][0] != inner || s[1][0] != 4 {
		t.Errorf("appendEmpty did not keep the inner slice's memory")
	}
	if s = appendEmpty(s); len(s) != 3 || s[2] != nil {
		t.Errorf("appendEmpty past the capacity gave %v, want a nil slice added", s)
	}
}
