package dedupe

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"reflect"
	"testing"
)

// digestSeed seeds every resultDigest of a test run.
var digestSeed = maphash.MakeSeed()

// resultDigest returns a hash of what reflect.DeepEqual compares of r:
// every field, unexported ones too, and what its pointers point to. Two
// Results with one digest are deeply equal but for odds of 2^-64, so a
// test can keep the digests of many Results, not the Results (the 30,000
// of paletteCleanings held 113 MB), and compare others with them.
func resultDigest(r *Result) uint64 {
	var h maphash.Hash
	h.SetSeed(digestSeed)
	digestValue(&h, reflect.ValueOf(r))
	return h.Sum64()
}

// digestValue adds v to h, with the lengths of its strings and slices and
// whether its pointers and slices are nil, which DeepEqual tells apart; it
// panics on a kind no Result holds (maps, interfaces, functions,
// channels), so a field of such a kind cannot go unchecked.
func digestValue(h *maphash.Hash, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		digestBool(h, v.IsNil())
		if !v.IsNil() {
			digestValue(h, v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			digestValue(h, v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice {
			digestBool(h, v.IsNil())
		}
		digestUint(h, uint64(v.Len()))
		for i := range v.Len() {
			digestValue(h, v.Index(i))
		}
	case reflect.String:
		digestUint(h, uint64(v.Len()))
		h.WriteString(v.String())
	case reflect.Bool:
		digestBool(h, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		digestUint(h, uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		digestUint(h, v.Uint())
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if f == 0 {
			f = 0 // -0, which DeepEqual takes for 0
		}
		digestUint(h, math.Float64bits(f))
	default:
		panic(fmt.Sprintf("resultDigest: a %s in a Result", v.Type()))
	}
}

// digestUint adds x to h.
func digestUint(h *maphash.Hash, x uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], x)
	h.Write(b[:])
}

// digestBool adds b to h.
func digestBool(h *maphash.Hash, b bool) {
	if b {
		h.WriteByte(1)
	} else {
		h.WriteByte(0)
	}
}

// TestResultDigest checks that resultDigest gives a Result's deep copy
// its digest, and another to each change of a field that DeepEqual
// sees, unexported, nil or behind a pointer, but -0 for 0.
func TestResultDigest(t *testing.T) {
	in := paletteText([]byte{29, 30, 31, 13, 14, 6, 0, 4, 0, 5, 7, 0, 4, 40, 39, 40})
	clean := func() *Result {
		r, err := Clean(in, Options{Elsewhere: everyNthKey(3)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a, b := clean(), clean()
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("two cleanings of one text differ:\n%+v\n%+v", a, b)
	}
	want := resultDigest(a)
	if got := resultDigest(b); got != want {
		t.Fatalf("two cleanings of one text: digests %x and %x", want, got)
	}
	// find returns the first change or part of one in r for which is
	// is true.
	find := func(r *Result, is func(ch *Change) bool) *Change {
		for i := range r.Changes {
			for _, ch := range append([]*Change{&r.Changes[i]}, pointers(r.Changes[i].Parts)...) {
				if is(ch) {
					return ch
				}
			}
		}
		t.Fatalf("no such change in %+v", r)
		return nil
	}
	near := func(r *Result) *Change { return find(r, func(ch *Change) bool { return ch.Kind == Near }) }
	run := func(r *Result) *Change { return find(r, func(ch *Change) bool { return len(ch.Parts) > 0 }) }
	elsewhere := func(r *Result) *Change { return find(r, func(ch *Change) bool { return ch.Elsewhere != nil }) }
	changes := map[string]func(r *Result){
		"Text":                func(r *Result) { r.Text += "x" },
		"Normalized":          func(r *Result) { r.Normalized[1]++ },
		"Changes[0].Lines":    func(r *Result) { r.Changes[0].Lines.Last++ },
		"Near Similarity":     func(r *Result) { near(r).Similarity += 1e-9 },
		"Elsewhere nil":       func(r *Result) { elsewhere(r).Elsewhere = nil },
		"Elsewhere.Documents": func(r *Result) { elsewhere(r).Elsewhere.Documents++ },
		"Parts less":          func(r *Result) { run(r).Parts = run(r).Parts[1:] },
		"Parts nil, empty":    func(r *Result) { find(r, func(ch *Change) bool { return ch.Parts == nil }).Parts = []Change{} },
		"Kept[0].Key":         func(r *Result) { r.Kept[0].Key[1]++ },
		"Kept less":           func(r *Result) { r.Kept = r.Kept[1:] },
		"differs":             func(r *Result) { r.differs = !r.differs },
	}
	for name, change := range changes {
		r := clean()
		change(r)
		if resultDigest(r) == want {
			t.Errorf("%s changed: the digest is the same", name)
		}
	}
	r := clean()
	near(r).Similarity = 0
	zero := resultDigest(r)
	near(r).Similarity = math.Copysign(0, -1)
	if resultDigest(r) != zero {
		t.Errorf("a Similarity of -0 changes the digest of one of 0")
	}
}

// pointers returns pointers to the changes of s.
func pointers(s []Change) []*Change {
	p := make([]*Change, len(s))
	for i := range s {
		p[i] = &s[i]
	}
	return p
}
