package htmlreport_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/textclean/textclean/internal/htmlreport"
)

func TestIndex(t *testing.T) {
	entries := []htmlreport.Entry{
		{Name: "a little.txt", Page: "0001-a_little.txt.html", BytesIn: 100, BytesOut: 90, ParagraphsIn: 10, ParagraphsOut: 9, Removed: 1},
		{Name: "<script>alert(1)</script>.txt", Page: "0002-_script_.html", BytesIn: 100, BytesOut: 40, ParagraphsIn: 10, ParagraphsOut: 4, Removed: 6},
		{Name: "missing.txt", Error: "no such file or directory"},
		{Name: "nothing.txt", Page: "0004-nothing.txt.html", BytesIn: 50, BytesOut: 50, ParagraphsIn: 5, ParagraphsOut: 5},
	}
	var b bytes.Buffer
	if err := htmlreport.WriteIndex(&b, "crawl/ & more", entries); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&b)
	if err != nil {
		t.Fatal(err)
	}
	tbody := find(doc, func(n *html.Node) bool { return n.Data == "tbody" })
	var names, shares []string
	for _, tr := range all(tbody, func(n *html.Node) bool { return n.Data == "tr" }) {
		cells := all(tr, func(n *html.Node) bool { return n.Data == "td" })
		names = append(names, text(cells[1], nil))
		shares = append(shares, text(cells[2], nil))
	}
	wantNames := []string{"<script>alert(1)</script>.txt", "a little.txt", "nothing.txt", "missing.txt"}
	wantShares := []string{"60.0%", "10.0%", "0.0%", "no such file or directory"}
	if strings.Join(names, "|") != strings.Join(wantNames, "|") || strings.Join(shares, "|") != strings.Join(wantShares, "|") {
		t.Errorf("rows %q %q, want the most removed first: %q %q", names, shares, wantNames, wantShares)
	}
	scripts := all(doc, func(n *html.Node) bool { return n.Data == "script" })
	if len(scripts) != 1 || strings.Contains(text(scripts[0], nil), "alert") {
		t.Errorf("want only the sorting script, and no name inside it")
	}
	links := all(tbody, func(n *html.Node) bool { return n.Data == "a" })
	if len(links) != 3 || attr(links[0], "href") != "0002-_script_.html" {
		t.Errorf("links to the pages: %d, first %q", len(links), attr(links[0], "href"))
	}
	if foot := text(find(doc, func(n *html.Node) bool { return n.Data == "tfoot" }), nil); !strings.Contains(foot, "all 4 files") || !strings.Contains(foot, "28.0%") {
		t.Errorf("totals row %q, want 4 files and 28.0%% removed (250 → 180 bytes)", foot)
	}
	if h1 := find(doc, func(n *html.Node) bool { return n.Data == "h1" }); text(h1, nil) != "crawl/ & more" {
		t.Errorf("title %q", text(h1, nil))
	}
}
