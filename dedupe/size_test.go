package dedupe

import (
	"errors"
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// TestTooLarge checks that Clean refuses, rather than cleans wrong, a text
// whose offsets would not fit the 32 bits it keeps them in: as input, and
// as normalized text that grew (an invalid byte becomes a three-byte
// U+FFFD).
func TestTooLarge(t *testing.T) {
	defer func(n int) { maxText = n }(maxText)
	maxText = 64
	tests := []struct {
		name  string
		input string
		ok    bool
	}{
		{"at the limit", strings.Repeat("a", 63) + "\n", true},
		{"input over the limit", strings.Repeat("a", 64) + "\n", false},
		{"normalized text over the limit", strings.Repeat("\xff", 30) + "\n", false},
	}
	for _, tt := range tests {
		_, err := Clean(tt.input, Options{})
		if tt.ok && err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if !tt.ok && !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: error %v, want ErrTooLarge", tt.name, err)
		}
		if !tt.ok && !errors.Is(err, normalize.ErrTooLarge) {
			t.Errorf("%s: error %v, want normalize.ErrTooLarge too", tt.name, err)
		}
	}
}
