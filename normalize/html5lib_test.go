package normalize_test

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// TestHTML5LibEntities runs the WHATWG character-reference cases of
// html5lib-tests (MIT, testdata/peer/html5lib-entities/LICENSE) through the
// entities rule alone. With WHATWGEntities every case passes; by default
// only legacy names written without a semicolon are decoded differently,
// on purpose (see Options.WHATWGEntities), and the test lists how many.
func TestHTML5LibEntities(t *testing.T) {
	f, err := os.Open("../testdata/peer/html5lib-entities/text-cases.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type tcase struct{ Input, Expected string }
	var cases []tcase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c tcase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	onlyEntities := normalize.Except(normalize.Entities, normalize.BOM, normalize.Newlines, normalize.BlankLines, normalize.Mojibake)
	whatwg := normalize.New(normalize.Options{Skip: onlyEntities, WHATWGEntities: true})
	safe := normalize.New(normalize.Options{Skip: onlyEntities})
	pass, differ := 0, 0
	for _, c := range cases {
		if got := whatwg.Line(c.Input, nil); got == c.Expected {
			pass++
		} else {
			t.Errorf("WHATWG: %q gives %q, want %q", c.Input, got, c.Expected)
		}
		if got := safe.Line(c.Input, nil); got != c.Expected {
			differ++
			// Only semicolon-less legacy names may differ, and they are
			// then left as they were.
			if strings.Contains(c.Input, ";") && !strings.Contains(c.Expected, "&") && got != c.Input {
				t.Errorf("default: %q gives %q, want %q or the input", c.Input, got, c.Expected)
			}
		}
	}
	t.Logf("%d of %d html5lib cases pass with WHATWGEntities; %d are decoded differently by default (legacy names without a semicolon)", pass, len(cases), differ)
}
