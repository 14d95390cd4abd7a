package normalize

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestAlwaysNFC checks the fast path of unicodeForm: every character it lets
// through is in NFC and never composes with the one before it, so any
// string of them is in NFC.
func TestAlwaysNFC(t *testing.T) {
	for r := rune(0); r <= 0x10ffff; r++ {
		s := string(r)
		if !alwaysNFC(s) {
			continue
		}
		if !norm.NFC.IsNormalString(s) || !norm.NFC.PropertiesString(s).BoundaryBefore() {
			t.Errorf("alwaysNFC accepts %U, which NFC can change or compose", r)
		}
	}
	if alwaysNFC("e\u0301") {
		t.Error("alwaysNFC accepts a combining mark")
	}
}
