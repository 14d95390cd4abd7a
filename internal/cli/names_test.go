package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"testing"
)

func TestNameCode(t *testing.T) {
	for _, tc := range []struct {
		last, name string
		bytes      int
	}{
		{"", "crawl/a.txt", 13},
		{"crawl/0000/00016.txt", "crawl/0000/00017.txt", 7}, // 15 shared, 5 more
		{"crawl.jsonl:1717", "crawl.jsonl:1718", 3},
		{"crawl.jsonl:99", "crawl.jsonl:100", 5},
		{"crawl/b.txt", "crawl/b.txt", 2}, // the same again
		{"crawl/a.txt", "crawl", 2},       // a prefix of the last
		{"crawl/a.txt", "", 2},            // a gap in the numbers
		{"naïve.txt", "naïveté.txt", 9},   // 6 bytes shared, "té.txt" is 7
	} {
		b := appendName(nil, tc.last, tc.name)
		if len(b) != tc.bytes {
			t.Errorf("%q after %q: %d bytes, want %d", tc.name, tc.last, len(b), tc.bytes)
		}
		if got, n := decodeName(b, []byte(tc.last)); string(got) != tc.name || n != len(b) {
			t.Errorf("%q after %q: decodeName = %q, %d bytes", tc.name, tc.last, got, n)
		}
		got, err := readName(bufio.NewReader(bytes.NewReader(b)), []byte(tc.last), 100)
		if string(got) != tc.name || err != nil {
			t.Errorf("%q after %q: readName = %q, %v", tc.name, tc.last, got, err)
		}
	}
}

func TestReadNameErrors(t *testing.T) {
	for _, tc := range []struct {
		code []byte
		last string
	}{
		{nil, ""},
		{[]byte{0}, ""},              // no length
		{[]byte{0, 5, 'a', 'b'}, ""}, // cut short
		{[]byte{4, 0}, "abc"},        // shares more than the last has
		{[]byte{0, 11}, ""},          // longer than the 10 bytes allowed
		{[]byte{3, 8}, "abc"},        // ... with what it shares
		{[]byte{0x80}, ""},           // a varint cut short
	} {
		if got, err := readName(bufio.NewReader(bytes.NewReader(tc.code)), []byte(tc.last), 10); err == nil {
			t.Errorf("readName(%x after %q) = %q, no error", tc.code, tc.last, got)
		}
	}
}

// TestNameList adds names of many shapes and reads them back by number,
// in order, and checks the size of names like those of a crawl.
func TestNameList(t *testing.T) {
	var want []string
	for i := range 1000 {
		switch {
		case i%100 == 7:
			want = append(want, "")
		case i%50 == 3:
			want = append(want, fmt.Sprintf("other/folder/%d.txt", i))
		default:
			want = append(want, fmt.Sprintf("crawl/%04d/%05d.txt", i/100, i))
		}
	}
	var l nameList
	for _, name := range want {
		l.add(name)
	}
	for i, name := range want {
		if got := l.at(i); got != name {
			t.Fatalf("at(%d) = %q, want %q", i, got, name)
		}
	}
	c := nameCursor{l: &l}
	for i, name := range want {
		if got := c.next(); string(got) != name {
			t.Fatalf("name %d from the cursor: %q, want %q", i, got, name)
		}
	}
	var crawl nameList
	for i := range 1000 {
		crawl.add(fmt.Sprintf("crawl/%04d/%05d.txt", i/100, i))
	}
	if per := float64(len(crawl.codes)) / 1000; per > 8 {
		t.Errorf("%.1f bytes a name of 20, more than 8", per)
	}
}
