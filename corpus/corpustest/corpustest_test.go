package corpustest_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/textclean/textclean/corpus/corpustest"
)

// TestRecords: the same arguments give the same records, each a JSON
// object with a text, and other seeds other records.
func TestRecords(t *testing.T) {
	a, b := corpustest.Records(200, 1), corpustest.Records(200, 1)
	if !slices.Equal(a, b) {
		t.Error("two calls with the same seed differ")
	}
	if slices.Equal(a, corpustest.Records(200, 2)) {
		t.Error("seeds 1 and 2 give the same records")
	}
	for i, line := range a {
		var rec struct {
			Text string
			Seq  int
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil || rec.Text == "" || rec.Seq != i+1 {
			t.Fatalf("record %d: %v, %+v", i, err, rec)
		}
	}
}
