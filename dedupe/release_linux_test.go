package dedupe

import (
	"os"
	"testing"
	"unsafe"
)

// TestReleaseSlab checks that releaseSlab gives back exactly the pages
// that lie wholly inside a slab: they read zero after (MADV_DONTNEED), and
// the rest of the slab, and the memory around it, is as it was; for a
// slab of shared lists (a large object, on pages of its own), and for
// small slabs at every offset in a page.
func TestReleaseSlab(t *testing.T) {
	page := uintptr(os.Getpagesize())
	for _, n := range []int{sharedSlab, 1000, 700, 64} {
		for skip := range 4 { // the slab starts skip sentences into a larger one
			outer := make([]sentenceInfo, n+8)
			for k := range outer {
				outer[k] = sentenceInfo{hashLo: uint32(k) + 1, hashHi: 7, end: 9}
			}
			before := unsafe.Slice((*byte)(unsafe.Pointer(&outer[0])), uintptr(len(outer))*unsafe.Sizeof(outer[0]))
			want := append([]byte(nil), before...)
			slab := outer[skip : skip+n]
			base := uintptr(unsafe.Pointer(&outer[0]))
			lo := uintptr(unsafe.Pointer(&slab[0]))
			hi := lo + uintptr(n)*unsafe.Sizeof(slab[0])
			for at := (lo + page - 1) &^ (page - 1); at+page <= hi; at += page {
				clear(want[at-base : at-base+page])
			}
			releaseSlab(slab)
			released := 0
			for k := range want {
				if before[k] != want[k] {
					t.Fatalf("%d sentences at +%d: byte %d of the slab is %d, want %d", n, skip, int(uintptr(k)+base-lo), before[k], want[k])
				}
			}
			for _, s := range slab {
				if s == (sentenceInfo{}) {
					released++
				}
			}
			if n == sharedSlab && skip == 0 && released != n {
				t.Errorf("a slab of %d sentences: %d released, want all", n, released)
			}
		}
	}
}
