package normalize_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/textclean/textclean/normalize"
)

func TestLine(t *testing.T) {
	tests := []struct {
		name, in, want string
		rule           normalize.Rule // the rule that must count the change
	}{
		{"unchanged", "It’s “quoted” — fine.", "It’s “quoted” — fine.", 0},
		{"named entity", "Tom &amp; Jerry", "Tom & Jerry", normalize.Entities},
		{"numeric entity", "It&#8217;s", "It’s", normalize.Entities},
		{"hex entity", "It&#x2019;s", "It’s", normalize.Entities},
		{"&amp without semicolon", "Fish &amp chips", "Fish & chips", normalize.Entities},
		{"&nbsp without semicolon", "a&nbsp b", "a b", normalize.Entities},
		{"no legacy decoding before a letter", "AT&ampT", "AT&ampT", 0},
		{"URL parameters are not references", "?id=5&section=a&region=b&copy=1&not=2&amp=3", "?id=5&section=a&region=b&copy=1&not=2&amp=3", 0},
		{"legacy names other than the basic five need a semicolon", "this is informal &not html", "this is informal &not html", 0},
		{"no legacy prefix of an unknown name", "&notit; and &ampersand;", "&notit; and &ampersand;", 0},
		{"&semi; is a semicolon", "a&semi;b", "a;b", normalize.Entities},
		{"escaped nine times", "&amp;amp;amp;amp;amp;amp;amp;amp;amp;", "&", normalize.Entities},
		{"line feed reference becomes a space", "a&#10;b&#13;c&NewLine;d", "a b c d", normalize.Spaces},
		{"NEL is Windows-1252's ellipsis, read as Latin-1", "word\u0085next", "word…next", normalize.Mojibake},
		{"double-escaped entity", "It&amp;#8217;s", "It’s", normalize.Entities},
		{"nbsp entity becomes a space", "a&nbsp;b", "a b", normalize.Entities},
		{"not an entity", "R&D and &foo; and & alone", "R&D and &foo; and & alone", 0},
		{"cp1252 numeric reference", "&#150;", "–", normalize.Entities},
		{"NUL reference", "a&#0;b", "a\uFFFDb", normalize.Entities},
		{"zero width space", "zero\u200bwidth", "zerowidth", normalize.Invisible},
		{"soft hyphen", "hy\u00adphen", "hyphen", normalize.Invisible},
		{"word joiner", "a\u2060b", "ab", normalize.Invisible},
		{"stray BOM", "a\ufeffb", "ab", normalize.Invisible},
		{"ZWNJ inside a Persian word is kept", "می\u200cخواهم", "می\u200cخواهم", 0},
		{"ZWJ in an emoji sequence is kept", "👩\u200d💻", "👩\u200d💻", 0},
		{"ZWJ next to a space goes", "a \u200db", "a b", normalize.Invisible},
		{"bidi marks are kept", "\u200fשלום\u200e", "\u200fשלום\u200e", 0},
		{"C0 control", "a\x07b", "ab", normalize.Controls},
		{"C1 control that Windows-1252 leaves undefined", "a\u0081b", "ab", normalize.Controls},
		{"DEL", "a\x7fb", "ab", normalize.Controls},
		{"tab inside is kept", "a\tb", "a\tb", 0},
		{"NBSP", "a\u00a0b", "a b", normalize.Spaces},
		{"narrow NBSP", "10\u202f000", "10 000", normalize.Spaces},
		{"em space", "a\u2003b", "a b", normalize.Spaces},
		{"ideographic space is kept", "日本\u3000語", "日本\u3000語", 0},
		{"form feed", "a\fb", "a b", normalize.Spaces},
		{"NFC composes", "cafe\u0301", "café", normalize.NFC},
		{"NFC keeps compatibility characters", "km² ½ H₂O ℃", "km² ½ H₂O ℃", 0},
		{"ligatures become letters", "ﬁnal eﬀort ﬂows", "final effort flows", normalize.Ligatures},
		{"letters that look like ligatures are kept", "æther œuvre ĳs straße", "æther œuvre ĳs straße", 0},
		{"fullwidth letters and digits", "ＡＢＣ　ｎｅｗｓ ２０２６", "ABC　news 2026", normalize.Width},
		{"fullwidth punctuation among Latin text", "Hello！ (ｓｅｅ below）", "Hello! (see below)", normalize.Width},
		{"fullwidth punctuation in Japanese is kept", "こんにちは！（東京）", "こんにちは！（東京）", 0},
		{"fullwidth yen among Latin text", "costs ￥500", "costs ¥500", normalize.Width},
		{"halfwidth katakana composes", "ｶﾞｲﾄﾞﾌﾞｯｸ｡", "ガイドブック。", normalize.Width},
		{"halfwidth Hangul is kept", "ﾡﾤ", "ﾡﾤ", 0},
		{"colour escapes go whole", "\x1b[1;31mError\x1b[0m: disk", "Error: disk", normalize.Escapes},
		{"a window title goes whole", "\x1b]0;title\x07text", "text", normalize.Escapes},
		{"a hyperlink goes, its text stays", "\x1b]8;;http://x.org\x1b\\link\x1b]8;;\x1b\\ here", "link here", normalize.Escapes},
		{"charset selection goes", "\x1b(Bplain", "plain", normalize.Escapes},
		{"a stray ESC before a word leaves the word", "\x1bHello", "Hello", normalize.Controls},
		{"an unfinished sequence leaves its text", "\x1b[12;", "[12;", normalize.Controls},
		{"spaces collapse", "a    b  c", "a b c", normalize.CollapseSpaces},
		{"trim both ends", "  \tindented text \t ", "indented text", normalize.Trim},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb", normalize.InvalidUTF8},
		{"truncated sequence", "a\xe2\x80", "a\uFFFD\uFFFD", normalize.InvalidUTF8},
		{"surrogate half", "a\xed\xa0\x80", "a\uFFFD\uFFFD\uFFFD", normalize.InvalidUTF8},
		{"removal joins an entity", "&am\u200bp;", "&", normalize.Entities},
		{"decoded soft hyphen goes", "co&#173;operate", "cooperate", normalize.Invisible},
		{"decoded NBSPs collapse", "a&nbsp;&nbsp; b", "a b", normalize.CollapseSpaces},
		{"quotes and dashes are kept", "\"Yes\" - 'no' – maybe…", "\"Yes\" - 'no' – maybe…", 0},
		{"mojibake: Windows-1252", "Itâ€™s Ã©tÃ© â€œquotedâ€\u009d", "It’s été “quoted”", normalize.Mojibake},
		{"mojibake: a lost NBSP", "McKaylaÂ\u00a0Maroney", "McKayla Maroney", normalize.Mojibake},
		{"mojibake: twice", "ItÃ¢â‚¬â„¢s", "It’s", normalize.Mojibake},
		{"mojibake: MacRoman", "g√¢teaux et r√©gime", "gâteaux et régime", normalize.Mojibake},
		{"mojibake: a C1 control from Latin-1", "parlé\u0085 Tu", "parlé… Tu", normalize.Mojibake},
		{"mojibake: a four-byte emoji", "Hi ðŸ˜\u008d", "Hi 😍", normalize.Mojibake},
		{"mojibake: Windows-1251", "вЂњquotedвЂќ", "“quoted”", normalize.Mojibake},
		{"mojibake: beside correct accents", "café Ã©tÃ© naïve", "café été naïve", normalize.Mojibake},
		{"mojibake: CESU-8 emoji", "Hi í\u00a0½í¸\u008d", "Hi 😍", normalize.Mojibake},
		{"mojibake: a lost NBSP in à", "Ã la carte", "à la carte", normalize.Mojibake},
		{"no mojibake: other scripts", "Русский, Ελληνικά, 日本語, עברית — 10 € ± 2 °C", "Русский, Ελληνικά, 日本語, עברית — 10 € ± 2 °C", 0},
		{"no mojibake: accented text", "café, naïve, Ä…, RETWEET SE VOCÊ…", "café, naïve, Ä…, RETWEET SE VOCÊ…", 0},
		{"no mojibake: one MacRoman-looking pair", "(-1/2)! = √π", "(-1/2)! = √π", 0},
		{"empty", "", "", 0},
		{"only spaces", "   ", "", normalize.Trim},
	}
	n := normalize.New(normalize.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c normalize.Counts
			got := n.Line(tt.in, &c)
			if got != tt.want {
				t.Fatalf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if tt.rule != 0 && c.Of(tt.rule) == 0 {
				t.Errorf("Line(%q): rule %s counted nothing; counts %v", tt.in, tt.rule, c)
			}
			if tt.in == tt.want && c.Total() != 0 {
				t.Errorf("Line(%q) changed nothing but counted %v", tt.in, c)
			}
			if again := n.Line(got, nil); again != got {
				t.Errorf("not idempotent: Line(%q) = %q", got, again)
			}
		})
	}
}

func TestSkip(t *testing.T) {
	in := "  a&amp;b\u200b\u00a0 c\x07 cafe\u0301  "
	tests := []struct {
		skip normalize.Rule
		want string
	}{
		{normalize.Entities, "a&amp;b c café"},
		{normalize.Invisible, "a&b\u200b c café"},
		{normalize.Spaces, "a&b\u00a0 c café"},
		{normalize.Controls, "a&b c\x07 café"},
		{normalize.NFC, "a&b c cafe\u0301"},
		{normalize.CollapseSpaces, "a&b  c café"},
		{normalize.Trim, "  a&b c café  "},
	}
	for _, tt := range tests {
		t.Run(tt.skip.String(), func(t *testing.T) {
			n := normalize.New(normalize.Options{Skip: normalize.Set(tt.skip)})
			if got := n.Line(in, nil); got != tt.want {
				t.Errorf("skipping %s: got %q, want %q", tt.skip, got, tt.want)
			}
		})
	}
}

func TestNFKC(t *testing.T) {
	n := normalize.New(normalize.Options{NFKC: true})
	if got, want := n.Line("km² ﬁle", nil), "km2 file"; got != want {
		t.Errorf("NFKC: got %q, want %q", got, want)
	}
}

func TestDocument(t *testing.T) {
	tests := []struct {
		name, in, want string
		opts           normalize.Options
	}{
		{"empty", "", "", normalize.Options{}},
		{"only white space", " \n\t\n\n", "", normalize.Options{}},
		{"final newline added", "a\nb", "a\nb\n", normalize.Options{}},
		{"CRLF", "a\r\nb\r\n", "a\nb\n", normalize.Options{}},
		{"lone CR", "a\rb\r", "a\nb\n", normalize.Options{}},
		{"mixed line ends", "a\r\nb\nc\rd", "a\nb\nc\nd\n", normalize.Options{}},
		{"CRLF kept", "a\r\nb\nc", "a\r\nb\r\nc\r\n", normalize.Options{Skip: normalize.Set(normalize.Newlines)}},
		{"leading BOM", "\ufeffa\n", "a\n", normalize.Options{}},
		{"leading BOM kept", "\ufeffa\n", "\ufeffa\n", normalize.Options{Skip: normalize.Set(normalize.BOM)}},
		{"blank lines collapse", "\n\na\n\n\n\nb\n\n", "a\n\nb\n", normalize.Options{}},
		{"blank lines kept", "a\n\n\n\nb\n", "a\n\n\n\nb\n", normalize.Options{Skip: normalize.Set(normalize.BlankLines)}},
		{"white-space-only line is blank", "a\n \u200b \nb", "a\n\nb\n", normalize.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := normalize.New(tt.opts).Document(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDocumentLines(t *testing.T) {
	in := "\ufeffone\r\ntwo &amp; three\n\nfour"
	d, err := normalize.New(normalize.Options{}).Document(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		normalize.Line
		text    string
		changed bool
	}{
		{normalize.Line{Start: 3, End: 6}, "one", false},
		{normalize.Line{Start: 8, End: 23}, "two & three", true},
		{normalize.Line{Start: 24, End: 24}, "", false},
		{normalize.Line{Start: 25, End: 29}, "four", false},
	}
	if len(d.Lines) != len(want) {
		t.Fatalf("got %d lines, want %d: %+v", len(d.Lines), len(want), d.Lines)
	}
	for i, l := range d.Lines {
		if l != want[i].Line || d.Text(i) != want[i].text || d.Changed(i) != want[i].changed {
			t.Errorf("line %d = %+v, %q, changed %v; want %+v, %q, changed %v", i, l, d.Text(i), d.Changed(i), want[i].Line, want[i].text, want[i].changed)
		}
		if d.Text(i) != "" && in[l.Start:l.End] == "" {
			t.Errorf("line %d: empty span for %q", i, d.Text(i))
		}
	}
	if d.FinalNewline {
		t.Error("FinalNewline = true for input without a final line end")
	}
	c := d.Counts
	// Two line ends change: the CR made LF, and the one added after "four".
	if c.Of(normalize.BOM) != 1 || c.Of(normalize.Newlines) != 2 || c.Of(normalize.Entities) != 1 {
		t.Errorf("counts = %v, want one BOM, two line ends, one entity", c)
	}
}

func TestDocumentErrors(t *testing.T) {
	_, err := normalize.New(normalize.Options{}).Document("text\nwith a \x00 NUL")
	if !errors.Is(err, normalize.ErrBinary) || !strings.Contains(err.Error(), "line 2, column 8") {
		t.Errorf("NUL byte: err = %v, want ErrBinary at line 2, column 8", err)
	}
	_, err = normalize.New(normalize.Options{}).Document("one\rtwo\r\nthree\x00\r")
	if !errors.Is(err, normalize.ErrBinary) || !strings.Contains(err.Error(), "line 3, column 6") {
		t.Errorf("NUL after CR and CRLF line ends: err = %v, want line 3, column 6", err)
	}
	_, err = normalize.New(normalize.Options{Strict: true}).Document("ok\nbad \xff here")
	if !errors.Is(err, normalize.ErrInvalidUTF8) || !strings.Contains(err.Error(), "line 2, column 5") {
		t.Errorf("strict: err = %v, want ErrInvalidUTF8 at line 2, column 5", err)
	}
	if _, err := normalize.New(normalize.Options{}).Document("bad \xff here"); err != nil {
		t.Errorf("not strict: err = %v, want the bad byte replaced", err)
	}
}

func TestLineOffsets(t *testing.T) {
	n := normalize.New(normalize.Options{})
	raw := "  Tom &amp; Jerry\u200b  said cafe\u0301. Then  left.  "
	got, m := n.LineOffsets(raw)
	if want := "Tom & Jerry said café. Then left."; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	// Each word of the result maps back onto the same word in raw.
	for _, w := range []string{"Tom", "&", "Jerry", "said", "café.", "Then", "left."} {
		i := strings.Index(got, w)
		start, end := m.Start(i), m.End(i+len(w))
		back := normalize.New(normalize.Options{}).Line(raw[start:end], nil)
		if back != w {
			t.Errorf("%q maps back to raw[%d:%d] = %q, which normalizes to %q", w, start, end, raw[start:end], back)
		}
	}
}

func TestString(t *testing.T) {
	in := "It&#8217;s   here\r\n\r\n\r\nand\u00a0there"
	if got, want := normalize.String(in), "It’s here\n\nand there\n"; got != want {
		t.Errorf("String(%q) = %q, want %q", in, got, want)
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"", "a&amp;b", "&am\u200bp;", "e\u00ad\u0301", "&#x37e;", "x \u200d\u0301", "\xff\xfe", "  a  b  ", "&amp;  x  y ", "a &#173; b "} {
		f.Add(s)
	}
	n := normalize.New(normalize.Options{})
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
		got := n.Line(s, nil)
		if !utf8.ValidString(got) {
			t.Fatalf("Line(%q) = %q: invalid UTF-8", s, got)
		}
		if again := n.Line(got, nil); again != got {
			t.Fatalf("not idempotent: Line(%q) = %q, Line of that = %q", s, got, again)
		}
		out, m := n.LineOffsets(s)
		if out != got {
			t.Fatalf("LineOffsets(%q) = %q, Line = %q", s, out, got)
		}
		for i := 0; i <= len(out); i++ {
			if a, b := m.Start(i), m.End(i); a < 0 || b > len(s) || a > len(s) || b < 0 {
				t.Fatalf("offset %d maps outside the input: %d, %d", i, a, b)
			}
		}
	})
}

func FuzzDocument(f *testing.F) {
	f.Add("a\r\n\r\nb &amp; c\n\n\nd")
	f.Add("\ufeff\n\n x \n")
	f.Fuzz(func(t *testing.T, s string) {
		var opts normalize.Options
		n := normalize.New(opts)
		d, err := n.Document(s)
		if err != nil {
			if !errors.Is(err, normalize.ErrBinary) {
				t.Fatal(err)
			}
			return
		}
		got := d.String()
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 output %q", got)
		}
		if again := normalize.String(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", s, got, again)
		}
		checkExplain(t, n, s, d)
	})
}

func TestASCIIPunct(t *testing.T) {
	tests := []struct{ in, want string }{
		{"It’s “quoted” ‚low‘ „low“", `It's "quoted" 'low' "low"`},
		{"1990–2000 — then… −5 non‑breaking", "1990-2000 -- then... -5 non-breaking"},
		{"« guillemets » and ′primes″ stay", "« guillemets » and ′primes″ stay"},
		{"Itâ€™s", "It's"}, // mojibake repaired first, then folded
	}
	on := normalize.New(normalize.Options{ASCIIPunct: true})
	off := normalize.New(normalize.Options{})
	for _, tt := range tests {
		var c normalize.Counts
		if got := on.Line(tt.in, &c); got != tt.want {
			t.Errorf("ASCIIPunct: Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.in != tt.want && c.Of(normalize.ASCIIPunct) == 0 {
			t.Errorf("ASCIIPunct: Line(%q) counted nothing", tt.in)
		}
		if got := off.Line("It’s — “so”…", nil); got != "It’s — “so”…" {
			t.Errorf("without ASCIIPunct, typography changed: %q", got)
		}
	}
	skipped := normalize.New(normalize.Options{ASCIIPunct: true, Skip: normalize.Set(normalize.ASCIIPunct)})
	if got := skipped.Line("“so”", nil); got != "“so”" {
		t.Errorf("ASCIIPunct asked for and skipped: %q", got)
	}
}

func TestExcept(t *testing.T) {
	n := normalize.New(normalize.Options{Skip: normalize.Except(normalize.Entities)})
	if got, want := n.Line("  a&amp;b\u200b\u00a0 ﬁ  ", nil), "  a&b\u200b\u00a0 ﬁ  "; got != want {
		t.Errorf("only Entities: got %q, want %q", got, want)
	}
}

// TestMojibakeOffsets checks that each word around and between repaired
// runs maps back onto itself in the raw line.
func TestMojibakeOffsets(t *testing.T) {
	n := normalize.New(normalize.Options{})
	raw := "one Itâ€™s two Ã©tÃ© three Ã la four"
	got, m := n.LineOffsets(raw)
	if want := "one It’s two été three à la four"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	for _, w := range []string{"one", "two", "three", "la", "four", "été"} {
		i := strings.Index(got, w)
		start, end := m.Start(i), m.End(i+len(w))
		if back := n.Line(raw[start:end], nil); back != w {
			t.Errorf("%q maps back to raw[%d:%d] = %q, which normalizes to %q", w, start, end, raw[start:end], back)
		}
	}
}
