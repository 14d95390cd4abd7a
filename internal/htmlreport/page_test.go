package htmlreport_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/htmlreport"
	"github.com/textclean/textclean/normalize"
)

var update = flag.Bool("update", false, "rewrite the golden pages")

const seedArticle = "../../testdata/000_2c2adb0dfae1852d.txt"

// page cleans input with opts and returns its page, as text and parsed.
func page(t *testing.T, name, input string, opts dedupe.Options) (string, *html.Node, *dedupe.Result) {
	t.Helper()
	r, err := dedupe.Clean(input, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	p := &htmlreport.Page{Name: name, Input: input, Result: r, Normalize: opts.Normalize}
	if err := p.Write(&b); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), doc, r
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGoldenPage compares the page of the example article with
// testdata/seed.html (rewrite it with -update and review it in a browser).
func TestGoldenPage(t *testing.T) {
	got, _, _ := page(t, "000_2c2adb0dfae1852d.txt", readFile(t, seedArticle), dedupe.Options{})
	golden := filepath.Join("testdata", "seed.html")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readFile(t, golden); got != want {
		t.Errorf("page differs from %s (go test -update rewrites it):\n%s", golden, firstDifference(got, want))
	}
}

func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + g[i] + "\nwant: " + w[i]
		}
	}
	return "lengths differ"
}

// The cases that the structure tests show, each with what it must show.
var cases = []struct {
	name  string
	input string
	opts  dedupe.Options
}{
	{"seed", "", dedupe.Options{}}, // the example article, read in init
	{"sentences", "The council met on Tuesday to discuss the budget for next year. Members argued for hours.\nA vote is expected soon. The council met on Tuesday to discuss the budget for next year.\n", dedupe.Options{}},
	{"emptied", "The storm hit the coast early on Monday morning. Thousands of homes lost their power overnight.\nOfficials closed all the schools for the rest of the week. Roads were flooded.\nThousands of homes lost their power overnight. Officials closed all the schools for the rest of the week.\n", dedupe.Options{}},
	{"near, kept later", "The storm hit the coast early on Monday morning. Thousands lost power overnight.\nIt was expected.\nThe storm hit the coast early on Monday morning. Thousands lost power overnight in the region.\nThousands lost power overnight. The storm hit the coast early on Monday morning.\n", dedupe.Options{}},
	{"junk and fixes", "Advertisement\nIt&#8217;s a\u00a0fine day for a walk in the park, said the mayor.\nZero\u200bwidth and ＡＢＣ and caf\u0065\u0301 too.\nRead more\n", dedupe.Options{}},
	{"near", "The quick brown fox jumps over the lazy dog near the river bank today again.\nSomething else entirely, about cats and their habits in winter.\nThe quick brown fox jumps over the lazy dog near the river bank today again, said Anna.\n", dedupe.Options{}},
	{"teaser", "Officials said the new bridge would open to traffic in the spring after years of delays…\nOfficials said the new bridge would open to traffic in the spring after years of delays and cost overruns.\n", dedupe.Options{}},
	{"blocks", "First paragraph, line one\nand line two of it.\n\nA second paragraph that the scraper will repeat in full here.\n\nFirst paragraph, line one\nand line two of it.\n\nA second paragraph that the scraper will repeat in full here.\n\nThe end.\n", dedupe.Options{}},
	{"script", "<script>alert('x')</script> is how the page began, a paragraph long enough.\n&lt;img src=x onerror=alert(1)&gt; was next.\n<script>alert('x')</script> is how the page began, a paragraph long enough.\n", dedupe.Options{}},
	{"hyphenation", "The system stores the informa-\ntion it holds in a database.\n", dedupe.Options{Paragraphs: dedupe.Blocks}},
	{"crlf and blank lines", "One line here.\r\n\r\n\r\n\r\nAnother line there.\r\n", dedupe.Options{}},
}

func init() {
	b, err := os.ReadFile(seedArticle)
	if err != nil {
		panic(err)
	}
	cases[0].input = string(b)
}

// TestPageShowsTheArticle checks every case's page with checkShowsArticle.
func TestPageShowsTheArticle(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, doc, r := page(t, tc.name, tc.input, tc.opts)
			checkShowsArticle(t, doc, r, tc.input, tc.opts.Normalize)
		})
	}
}

// TestPageStructure checks what the page is made of: a summary table, one
// struck-through paragraph per removed paragraph and one per removed
// sentence, each with its reason and a link that leads somewhere, moved
// paragraphs at both places, fixes with their before and after, no script
// and no outside assets.
func TestPageStructure(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, doc, r := page(t, tc.name, tc.input, tc.opts)
			if title := find(doc, func(n *html.Node) bool { return n.Data == "title" }); title == nil || text(title, nil) != "textclean: "+tc.name {
				t.Errorf("no title naming the input")
			}
			if find(doc, func(n *html.Node) bool { return n.Data == "table" && hasClass(n, "summary") }) == nil {
				t.Errorf("no summary table")
			}
			ids := map[string]bool{}
			var links []string
			walk(doc, func(n *html.Node) {
				if id := attr(n, "id"); id != "" {
					if ids[id] {
						t.Errorf("id %q twice", id)
					}
					ids[id] = true
				}
				if n.Data == "a" {
					links = append(links, attr(n, "href"))
				}
				switch n.Data {
				case "script", "link", "img", "iframe", "object", "embed":
					t.Errorf("the page has a <%s>", n.Data)
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") || a.Key == "src" {
						t.Errorf("<%s> has attribute %s", n.Data, a.Key)
					}
				}
			})
			for _, l := range links {
				if !strings.HasPrefix(l, "#") || !ids[l[1:]] {
					t.Errorf("link %q leads nowhere on the page", l)
				}
			}

			var removedParas, sentences, moves int
			for _, c := range r.Changes {
				switch c.Kind {
				case dedupe.Run:
					removedParas += len(c.Parts)
				case dedupe.Sentence:
					sentences++
				case dedupe.Move:
					moves++
				default:
					removedParas++
				}
			}
			struck := all(doc, func(n *html.Node) bool { return hasClass(n, "removed") })
			if len(struck) != removedParas {
				t.Errorf("%d paragraphs struck through, want %d", len(struck), removedParas)
			}
			for _, b := range struck {
				if find(b, func(n *html.Node) bool { return n.Data == "del" }) == nil || find(b, func(n *html.Node) bool { return hasClass(n, "why") }) == nil {
					t.Errorf("removed paragraph %s lacks <del> or its reason", attr(b, "id"))
				}
			}
			cut := all(find(doc, func(n *html.Node) bool { return n.Data == "main" }), func(n *html.Node) bool {
				return n.Data == "del" && n.Parent != nil && n.Parent.Data == "p" && !hasClass(n.Parent.Parent, "removed")
			})
			if sentences == 0 && len(cut) > 0 || sentences > 0 && (len(cut) < sentences || len(cut) > 2*sentences) {
				t.Errorf("%d struck-through stretches in kept paragraphs for %d sentences removed", len(cut), sentences)
			}
			here := all(doc, func(n *html.Node) bool { return hasClass(n, "moved-here") })
			from := all(doc, func(n *html.Node) bool { return hasClass(n, "moved-from") })
			if len(here) < moves || len(here) != len(from) {
				t.Errorf("moved: %d here, %d from, for %d moves", len(here), len(from), moves)
			}
			for i := range min(len(here), len(from)) {
				if a, b := text(here[i], isLabel), text(from[i], isLabel); a != b {
					t.Errorf("a moved paragraph shows %q at one place, %q at the other", a, b)
				}
			}
			fixes := all(find(doc, func(n *html.Node) bool { return n.Data == "main" }), func(n *html.Node) bool { return hasClass(n, "fix") })
			var wantFixes int
			for _, e := range explain(t, tc.input, tc.opts) {
				if e.Rule != normalize.BOM && e.Rule != normalize.Newlines && e.Rule != normalize.BlankLines {
					wantFixes++
				}
			}
			if len(fixes) > wantFixes || wantFixes > 0 && len(fixes) == 0 {
				t.Errorf("%d fixes highlighted for %d edits", len(fixes), wantFixes)
			}
			for _, f := range fixes {
				if !strings.Contains(attr(f, "title"), "→") {
					t.Errorf("fix %q has no before and after: %q", text(f, nil), attr(f, "title"))
				}
			}
		})
	}
}

// TestSummaryRows checks which rows the summary shows: sizes, the two
// counts textclean is for even when they are 0, and other kinds only when
// they happened. The rows wanted leave out the bytes, which come second.
func TestSummaryRows(t *testing.T) {
	tests := []struct {
		name, input string
		want        []string
	}{
		{"nothing to do", "One paragraph, long enough to count as one.\n",
			[]string{"paragraphs in → out: 1 → 1", "repeated paragraphs (runs included): 0", "repeated sentences: 0"}},
		{"a repeat", "One paragraph, long enough to count as one.\nOne paragraph, long enough to count as one.\n",
			[]string{"paragraphs in → out: 2 → 1", "repeated paragraphs (runs included): 1", "repeated sentences: 0"}},
		{"a junk line", "One paragraph, long enough to count as one.\nAdvertisement\n",
			[]string{"paragraphs in → out: 2 → 1", "repeated paragraphs (runs included): 0", "repeated sentences: 0", "junk lines: 1"}},
	}
	for _, tc := range tests {
		_, doc, r := page(t, tc.name, tc.input, dedupe.Options{})
		sizes := fmt.Sprintf("bytes in → out: %d → %d", len(tc.input), len(r.Text))
		tc.want = slices.Insert(tc.want, 1, sizes)
		table := find(doc, func(n *html.Node) bool { return n.Data == "table" && attr(n, "class") == "summary" })
		if table == nil {
			t.Fatalf("%s: no summary table", tc.name)
		}
		var got []string
		for _, tr := range all(table, func(n *html.Node) bool { return n.Data == "tr" }) {
			th := find(tr, func(n *html.Node) bool { return n.Data == "th" })
			td := find(tr, func(n *html.Node) bool { return n.Data == "td" })
			got = append(got, text(th, nil)+": "+text(td, nil))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: rows\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}

func explain(t *testing.T, input string, opts dedupe.Options) []normalize.Edit {
	edits, err := normalize.New(opts.Normalize).Explain(input)
	if err != nil {
		t.Fatal(err)
	}
	return edits
}

// TestEscaping checks that markup in the article and in its name is shown
// as text: the page is meant for untrusted input.
func TestEscaping(t *testing.T) {
	input := "<script>alert('x')</script> began the page, in a paragraph long enough to count.\n" +
		"&lt;script&gt;alert(2)&lt;/script&gt; came from entities.\n" +
		"<b onmouseover=alert(3)>bold</b> and \" quotes ' and & ampersands.\n" +
		"<script>alert('x')</script> began the page, in a paragraph long enough to count.\n"
	name := `<img src=x onerror=alert(1)>".txt`
	src, doc, _ := page(t, name, input, dedupe.Options{})
	var scripts, elements []string
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "script":
			scripts = append(scripts, text(n, nil))
		case "b", "img":
			elements = append(elements, n.Data)
		}
	})
	if len(scripts) > 0 || len(elements) > 0 {
		t.Errorf("markup from the input became elements: scripts %q, others %q", scripts, elements)
	}
	main := text(find(doc, func(n *html.Node) bool { return n.Data == "main" }), nil)
	for _, want := range []string{"<script>alert('x')</script> began", "<script>alert(2)</script> came", "<b onmouseover=alert(3)>bold</b>", `" quotes ' and & ampersands`} {
		if !strings.Contains(main, want) {
			t.Errorf("the page does not show %q as text", want)
		}
	}
	if h1 := find(doc, func(n *html.Node) bool { return n.Data == "h1" }); h1 == nil || text(h1, nil) != name {
		t.Errorf("the heading does not show the name as text")
	}
	if strings.Contains(src, "<script>") || strings.Contains(src, "<img") {
		t.Errorf("the page source holds raw markup from the input")
	}
	// The fix of "&lt;" shows its before and after, escaped in the attribute.
	fix := find(doc, func(n *html.Node) bool { return hasClass(n, "fix") && strings.Contains(attr(n, "title"), `"&lt;"`) })
	if fix == nil || text(fix, nil) != "<" {
		t.Errorf("the entity fix is not highlighted with its before and after")
	}
}

// The helpers below walk a parsed page.

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	walk(n, func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
	})
	return out
}

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if found := all(n, match); len(found) > 0 {
		return found[0]
	}
	return nil
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n != nil && n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "class")), class)
}

func isLabel(n *html.Node) bool { return hasClass(n, "why") || hasClass(n, "ln") }

// text returns the text under n, leaving out the elements skip matches.
func text(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode && skip != nil && skip(n) {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// checkShowsArticle checks, on the parsed page doc of input cleaned to r,
// that the text not struck through is the clean text, and that all the text
// but what moved is the input (normalized with opts), in input order:
// nothing removed is hidden.
func checkShowsArticle(t *testing.T, doc *html.Node, r *dedupe.Result, input string, opts normalize.Options) {
	t.Helper()
	main := find(doc, func(n *html.Node) bool { return n.Data == "main" })
	if main == nil {
		t.Fatal("no <main>")
	}
	kept := text(main, func(n *html.Node) bool {
		return n.Data == "del" || hasClass(n, "why") || hasClass(n, "ln") || hasClass(n, "moved-from")
	})
	if got, want := words(kept), words(r.Text); got != want {
		t.Errorf("the text not struck through is not the clean text:\n got: %q\nwant: %q", got, want)
	}
	all := text(main, func(n *html.Node) bool {
		return hasClass(n, "why") || hasClass(n, "ln") || hasClass(n, "moved-here")
	})
	d, err := normalize.New(opts).Document(input)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := words(all), words(d.String()); got != want {
		t.Errorf("the page does not show the whole input in order:\n got: %q\nwant: %q", got, want)
	}
}

// words returns s with every run of white space made one space.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// FuzzPage checks the page of any input: it is written, it parses, and it
// shows the clean text and the whole input.
func FuzzPage(f *testing.F) {
	for _, tc := range cases[1:] {
		f.Add(tc.input, tc.opts.Paragraphs == dedupe.Blocks)
	}
	f.Fuzz(func(t *testing.T, input string, blocks bool) {
		opts := dedupe.Options{}
		if blocks {
			opts.Paragraphs = dedupe.Blocks
		}
		if _, err := dedupe.Clean(input, opts); err != nil {
			return // not text
		}
		_, doc, r := page(t, "fuzz", input, opts)
		checkShowsArticle(t, doc, r, input, opts.Normalize)
	})
}
