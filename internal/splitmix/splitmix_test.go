package splitmix

import (
	"math/bits"
	"testing"
)

// TestMix checks SplitMix64's known first output (state 0 plus its
// increment), and that values one bit apart differ in about half the bits.
func TestMix(t *testing.T) {
	if got, want := Mix(0x9e3779b97f4a7c15), uint64(0xe220a8397b1dcdaf); got != want {
		t.Errorf("Mix(golden gamma) = %#x, want %#x", got, want)
	}
	for i := range 64 {
		if d := bits.OnesCount64(Mix(1) ^ Mix(1^1<<i)); d < 16 || d > 48 {
			t.Errorf("Mix(1) and Mix(1^1<<%d) differ in %d bits", i, d)
		}
	}
}
