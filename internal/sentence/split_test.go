package sentence_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/textclean/textclean/internal/benchgen"
	"github.com/textclean/textclean/internal/sentence"
	"github.com/textclean/textclean/normalize"
)

const articlePath = "../../testdata/000_2c2adb0dfae1852d.txt"

var splitTests = []struct {
	name string
	text string
	want []string
}{
	// White space and the ends of the text.
	{"empty", "", nil},
	{"only white space", " \n\t\u00a0\u2003 ", nil},
	{"no terminator", "a heading without a full stop", []string{"a heading without a full stop"}},
	{"trimmed", "  \n Hi there.  \n", []string{"Hi there."}},
	{"two sentences", "Hello world. Goodbye.", []string{"Hello world.", "Goodbye."}},
	{"line break is white space", "A heading\nThe next line.", []string{"A heading\nThe next line."}},
	{"line break after full stop", "First.\nSecond.", []string{"First.", "Second."}},
	{"no-break space", "First.\u00a0Second.", []string{"First.", "Second."}},
	// Thai: a space between Thai letters ends a sentence.
	{"Thai sentences", "วันนี้อากาศดีมาก ฉันจะไปเที่ยวทะเลกับเพื่อน", []string{"วันนี้อากาศดีมาก", "ฉันจะไปเที่ยวทะเลกับเพื่อน"}},
	{"Thai with a run of spaces", "วันนี้อากาศดีมาก   ฉันจะไป", []string{"วันนี้อากาศดีมาก", "ฉันจะไป"}},
	{"Thai next to Latin is one sentence", "ฉันชอบ iPhone มาก", []string{"ฉันชอบ iPhone มาก"}},
	{"no white space", "Hello.World and example.com work.", []string{"Hello.World and example.com work."}},

	// Terminator runs.
	{"question and exclamation", "Why? Because! Fine.", []string{"Why?", "Because!", "Fine."}},
	{"combined runs", "Really?! Yes!! Well... Then.", []string{"Really?!", "Yes!!", "Well...", "Then."}},
	{"run at end", "Wait!?!", []string{"Wait!?!"}},
	{"terminators only", "?! ...", []string{"?! ..."}},
	{"spaced ellipsis", "He paused . . . then went on. Next.", []string{"He paused . . . then went on.", "Next."}},
	{"lone full stop", "He said . Then left.", []string{"He said .", "Then left."}},

	// What may start the next sentence.
	{"lowercase continues", "See the file. it is there.", []string{"See the file. it is there."}},
	{"pronoun I", "He left. I stayed.", []string{"He left.", "I stayed."}},
	{"digit starts", "There were many. 12 of them stayed.", []string{"There were many.", "12 of them stayed."}},
	{"number before full stop", "He scored 3. Then he left.", []string{"He scored 3.", "Then he left."}},
	{"opening quote starts", "He left. “Goodbye,” she said.", []string{"He left.", "“Goodbye,” she said."}},
	{"opening bracket starts", "It rained. (It always does.)", []string{"It rained.", "(It always does.)"}},
	{"caseless script starts", "He said goodbye. שלום לכולם.", []string{"He said goodbye.", "שלום לכולם."}},
	{"Spanish marks", "¿Qué pasó? ¡Nada! Bien.", []string{"¿Qué pasó?", "¡Nada!", "Bien."}},

	// Closing quotes and brackets.
	{"closing quote", "“I agree.” He left.", []string{"“I agree.”", "He left."}},
	{"ASCII quotes", `"I agree." He left.`, []string{`"I agree."`, "He left."}},
	{"single quotes", "He said 'stop.' Then he ran.", []string{"He said 'stop.'", "Then he ran."}},
	{"closing bracket", "(He left.) Then we ate.", []string{"(He left.)", "Then we ate."}},
	{"closers stack", "(He said “no.”) Then he ran.", []string{"(He said “no.”)", "Then he ran."}},
	{"quote then lowercase", "“Why?” he asked.", []string{"“Why?” he asked."}},
	{"quote glued to next", "“Yes.”No way.", []string{"“Yes.”No way."}},
	{"German quotes", "Er sagte: „Ich komme.“ Dann ging er.", []string{"Er sagte: „Ich komme.“", "Dann ging er."}},
	{"guillemets", "Il a dit « non ». Puis il est parti.", []string{"Il a dit « non ».", "Puis il est parti."}},

	// Abbreviations.
	{"titles", "Mr. Smith met Dr. Jones at St. Paul's. They spoke.", []string{"Mr. Smith met Dr. Jones at St. Paul's.", "They spoke."}},
	{"military and political titles", "Gen. Ray and Sen. Lee met Gov. Hochul. It went well.", []string{"Gen. Ray and Sen. Lee met Gov. Hochul.", "It went well."}},
	{"company", "Apple Inc. Chief Executive Tim Cook spoke.", []string{"Apple Inc. Chief Executive Tim Cook spoke."}},
	{"vs", "Smith vs. Jones ended. It was long.", []string{"Smith vs. Jones ended.", "It was long."}},
	{"et al", "Smith et al. (2020) found it.", []string{"Smith et al. (2020) found it."}},
	{"etc ends a sentence", "We sell apples, pears, etc. We also sell nuts.", []string{"We sell apples, pears, etc.", "We also sell nuts."}},
	{"e.g.", "Use a tool, e.g. Go or Rust. It works.", []string{"Use a tool, e.g. Go or Rust.", "It works."}},
	{"i.e.", "One language, i.e. Go. Done.", []string{"One language, i.e. Go.", "Done."}},
	{"number abbreviation", "Read No. 5 and Fig. 3 on pp. 12–14. Then stop.", []string{"Read No. 5 and Fig. 3 on pp. 12–14.", "Then stop."}},
	{"number abbreviation before a word", "He said No. Then he left.", []string{"He said No.", "Then he left."}},
	{"case sensitive", "He said no. Then he left.", []string{"He said no.", "Then he left."}},
	{"month before day", "It opened on Jan. 20 and Sept. 11 in Kyiv.", []string{"It opened on Jan. 20 and Sept. 11 in Kyiv."}},
	{"month before word", "It closed in Dec. The rest is history.", []string{"It closed in Dec.", "The rest is history."}},
	{"abbreviation at end", "He met Dr. Who. Then he left.", []string{"He met Dr. Who.", "Then he left."}},
	{"suffix before capital (trade-off)", "Martin Luther King Jr. He spoke.", []string{"Martin Luther King Jr. He spoke."}},

	// Acronyms and initials.
	{"U.S. Senator", "According to U.S. Senator Marco Rubio, it failed. He said so.", []string{"According to U.S. Senator Marco Rubio, it failed.", "He said so."}},
	{"acronym before capital (trade-off)", "He moved to the U.S. He liked it.", []string{"He moved to the U.S. He liked it."}},
	{"acronym before lowercase", "The U.N. met in Geneva. The E.U. did not.", []string{"The U.N. met in Geneva.", "The E.U. did not."}},
	{"acronym in brackets", "It grew (in the U.K.) Then it shrank.", []string{"It grew (in the U.K.)", "Then it shrank."}},
	{"p.m. (trade-off)", "We met at 9 p.m. The talks began.", []string{"We met at 9 p.m. The talks began."}},
	{"Ph.D.", "Jane Doe, Ph.D. Director of research, spoke. Others left.", []string{"Jane Doe, Ph.D. Director of research, spoke.", "Others left."}},
	{"initials", "J. K. Rowling wrote it. George W. Bush read it.", []string{"J. K. Rowling wrote it.", "George W. Bush read it."}},
	{"Cyrillic initials", "А. С. Пушкин родился в Москве. Он писал стихи.", []string{"А. С. Пушкин родился в Москве.", "Он писал стихи."}},
	{"two-letter word", "It was World War II. The war ended.", []string{"It was World War II.", "The war ended."}},
	{"list markers", "1. Find the source. 2. Check it. 10. Fix it.", []string{"1. Find the source.", "2. Check it.", "10. Fix it."}},
	{"letter list marker", "b. Then fix it.", []string{"b. Then fix it."}},

	// Numbers.
	{"decimals and versions", "It grew 3.5 percent. Version v1.2 shipped.", []string{"It grew 3.5 percent.", "Version v1.2 shipped."}},

	// Ellipses.
	{"ellipsis before lowercase", "A nation the size of Ukraine… is going to push.", []string{"A nation the size of Ukraine… is going to push."}},
	{"dots before capital", "It ended... Then it began.", []string{"It ended...", "Then it began."}},
	{"ellipsis before capital", "It ended… Then it began.", []string{"It ended…", "Then it began."}},

	// Chinese and Japanese.
	{"Chinese", "我很好。你呢？我也很好！", []string{"我很好。", "你呢？", "我也很好！"}},
	{"Chinese closing bracket", "他说：「我很好。」然后走了。", []string{"他说：「我很好。」", "然后走了。"}},
	{"Japanese with space", "これはペンです。 あれは本です。", []string{"これはペンです。", "あれは本です。"}},
	{"fullwidth decimal", "価格は３．５ドルです。安い。", []string{"価格は３．５ドルです。", "安い。"}},
	{"halfwidth full stop", "ｺﾝﾆﾁﾊ｡ｻﾖｳﾅﾗ｡", []string{"ｺﾝﾆﾁﾊ｡", "ｻﾖｳﾅﾗ｡"}},
	{"Latin then Chinese", "It ended. 然后我们走了。", []string{"It ended.", "然后我们走了。"}},

	// Invalid UTF-8.
	{"invalid UTF-8", "Bad \xff byte. Next \xfe.\xff \xc0", []string{"Bad \xff byte.", "Next \xfe.\xff \xc0"}},
}

func TestSplit(t *testing.T) {
	for _, tt := range splitTests {
		t.Run(tt.name, func(t *testing.T) {
			spans := sentence.Split(tt.text)
			checkContract(t, tt.text, spans)
			if got := texts(tt.text, spans); !slices.Equal(got, tt.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestAppendSplit(t *testing.T) {
	prefix := []sentence.Span{{1, 2}, {3, 4}}
	text := "One. Two. Three."
	got := sentence.AppendSplit(slices.Clone(prefix), text)
	want := append(slices.Clone(prefix), sentence.Split(text)...)
	if !slices.Equal(got, want) {
		t.Errorf("AppendSplit = %v, want %v", got, want)
	}
}

// TestArticle splits lines of a real news article, one paragraph a line.
func TestArticle(t *testing.T) {
	data, err := os.ReadFile(articlePath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	lines := strings.Split(text, "\n")
	tests := []struct {
		from, to int // 1-based line numbers, inclusive; joined with "\n"
		want     []string
	}{
		{4, 4, []string{ // U.S. before a capitalised word
			"However, both sides “will have to make concessions to end the war,” according to U.S. Senator Marco Rubio, who is set to lead on foreign policy within the incoming Trump administration.",
		}},
		{14, 14, []string{ // a full stop inside a quotation, brackets
			"“Ukraine must receive security guarantees.",
			"It’s the number one priority and everyone needs it, including [Poland],” Zelenskyy told Polish reporters.",
		}},
		{20, 21, []string{ // the ellipsis before a lowercase word, brackets
			"“There is no way Russia takes all of Ukraine.",
			"The Ukrainians are too brave and fight too hard, and the country is too big.",
			"That's not going to happen,” Rubio said, quoted by the Kyiv Independent.",
			"“It is also unrealistic to believe that somehow a nation the size of Ukraine… is going to push these people [Russian troops] all the way back to where they were on the eve of the invasion,” he added.",
		}},
		{24, 26, []string{ // U.S. before a lowercase word, a closing quote after a full stop
			"At the same time, Zelenskyy has emphasized that the U.S. needs to maintain its crucial role in supporting Kyiv.",
			"Russia’s foreign secretary said in December that the Kremlin was ready to “use any means not to allow them to succeed in what they call a strategic defeat of Russia.”",
			"Without such assurances, Russia could attack Ukraine again, he said, making reference to the invasion in 2022 coming just eight years after Moscow and its proxies took military control of parts of eastern Ukraine.",
		}},
		{11, 11, []string{"‘Number one priority’"}}, // a heading has no terminator
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("lines %d-%d", tt.from, tt.to), func(t *testing.T) {
			para := strings.Join(lines[tt.from-1:tt.to], "\n")
			spans := sentence.Split(para)
			checkContract(t, para, spans)
			if got := texts(para, spans); !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}

	// The whole file: a heading runs into the next line, since a line break is
	// only white space.
	spans := sentence.Split(text)
	checkContract(t, text, spans)
	const wantCount = 40
	if len(spans) != wantCount {
		t.Errorf("the article has %d sentences, want %d", len(spans), wantCount)
	}
	heading := "‘Number one priority’\nAs the full-scale war"
	found := false
	for _, s := range spans {
		found = found || strings.HasPrefix(text[s.Start:s.End], heading)
	}
	if !found {
		t.Errorf("no sentence starts with %q", heading)
	}
}

// TestLinear splits large and adversarial texts; a split that is not linear
// in the length of the text would not finish.
func TestLinear(t *testing.T) {
	const size = 10 << 20
	tests := []struct {
		name string
		text string
	}{
		{"no full stop", strings.Repeat("word ", size/5)},
		{"no white space", strings.Repeat("a", size)},
		{"a million sentences", strings.Repeat("Word. ", 1<<20)},
		{"full stops before lowercase", strings.Repeat("a. ", size/3)},
		{"one run", strings.Repeat(".", size)},
		{"spaced dots", strings.Repeat(". ", size/2)},
		{"white space after a full stop", "A." + strings.Repeat(" ", size) + "B."},
		{"acronym without end", strings.Repeat("U.S.", size/4) + " A."},
		{"letters and dots", strings.Repeat("ab.", size/3) + " A."},
		{"closers", strings.Repeat(".”", size/4) + " A."},
		{"Chinese", strings.Repeat("。", size/3)},
		{"initials", strings.Repeat("A. ", size/3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkContract(t, tt.text, sentence.Split(tt.text))
		})
	}
}

func TestAppendSplitAllocs(t *testing.T) {
	data, err := os.ReadFile(articlePath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	dst := make([]sentence.Span, 0, 100)
	allocs := testing.AllocsPerRun(10, func() {
		dst = sentence.AppendSplit(dst[:0], text)
	})
	if allocs != 0 {
		t.Errorf("AppendSplit into a large enough slice allocates %v times, want 0", allocs)
	}
}

func FuzzSplit(f *testing.F) {
	for _, tt := range splitTests {
		f.Add(tt.text)
	}
	if data, err := os.ReadFile(articlePath); err == nil {
		for line := range strings.Lines(string(data)) {
			f.Add(line)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		spans := sentence.Split(text)
		checkContract(t, text, spans)

		prefix := []sentence.Span{{-1, -1}}
		if got := sentence.AppendSplit(prefix, text); !slices.Equal(got[:1], prefix) || !slices.Equal(got[1:], spans) {
			t.Errorf("AppendSplit(%v, %q) = %v, want the prefix then %v", prefix, text, got, spans)
		}

		// A sentence split on its own is one sentence: no decision looks
		// beyond the sentence it is made in.
		for _, s := range spans {
			one := text[s.Start:s.End]
			if got := sentence.Split(one); len(got) != 1 || got[0] != (sentence.Span{0, len(one)}) {
				t.Errorf("Split(%q) = %v, want one span: it is a sentence of %q", one, got, text)
			}
		}
	})
}

// checkContract checks that spans are the sentences of text by the contract
// of Split: in order, not empty, on rune boundaries, without white space at
// either end, and with only white space between them.
func checkContract(t *testing.T, text string, spans []sentence.Span) {
	t.Helper()
	boundary := make([]bool, len(text)+1) // where a range loop starts a rune
	for i := range text {
		boundary[i] = true
	}
	boundary[len(text)] = true
	prev := 0
	for n, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("span %d of %d is %v after end %d, text of %d bytes", n, len(spans), s, prev, len(text))
		}
		if !whiteSpace(text[prev:s.Start]) {
			t.Fatalf("the gap %q before span %d is not white space", text[prev:s.Start], n)
		}
		if start := sentence.Start(text, prev); start != s.Start {
			t.Fatalf("Start(%q, %d) = %d, want span %d's start %d", text, prev, start, n, s.Start)
		}
		if !boundary[s.Start] || !boundary[s.End] {
			t.Fatalf("span %d %v does not start and end on rune boundaries", n, s)
		}
		first, _ := utf8.DecodeRuneInString(text[s.Start:])
		last, _ := utf8.DecodeLastRuneInString(text[:s.End])
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			t.Fatalf("span %d %q starts or ends with white space", n, text[s.Start:s.End])
		}
		prev = s.End
	}
	if !whiteSpace(text[prev:]) {
		t.Fatalf("the text %q after the last span is not white space", text[prev:])
	}
}

// whiteSpace reports whether s is all white space. Invalid UTF-8 is not.
func whiteSpace(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// texts returns the strings of text that spans select.
func texts(text string, spans []sentence.Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func BenchmarkSplit(b *testing.B) {
	text := megabyteArticle(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		sentence.Split(text)
	}
}

func BenchmarkAppendSplit(b *testing.B) {
	text := megabyteArticle(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var dst []sentence.Span
	for b.Loop() {
		dst = sentence.AppendSplit(dst[:0], text)
	}
}

// BenchmarkAppendSplitStream splits the paragraphs of about 4 MB of the
// generated stream that bench/run.sh times, normalized, one call a
// paragraph, as dedupe's splitText does: short sentences of common words,
// so the work at each sentence's end counts for more than in the article
// of BenchmarkAppendSplit.
func BenchmarkAppendSplitStream(b *testing.B) {
	doc, err := normalize.New(normalize.Options{}).Document(benchgen.New(1).Stream(4 << 20))
	if err != nil {
		b.Fatal(err)
	}
	paras := strings.Split(doc.String(), "\n")
	b.SetBytes(int64(len(strings.Join(paras, ""))))
	b.ReportAllocs()
	var dst []sentence.Span
	for b.Loop() {
		for _, p := range paras {
			dst = sentence.AppendSplit(dst[:0], p)
		}
	}
}

// megabyteArticle returns the test article repeated to about 1 MB.
func megabyteArticle(b *testing.B) string {
	data, err := os.ReadFile(articlePath)
	if err != nil {
		b.Fatal(err)
	}
	article := string(data) + "\n"
	return strings.Repeat(article, (1<<20)/len(article)+1)
}

func ExampleSplit() {
	text := "“I agree.” He left. U.S. Senator J. K. Smith arrived… and sat down!\n我很好。你呢？"
	for _, s := range sentence.Split(text) {
		fmt.Println(text[s.Start:s.End])
	}
	// Output:
	// “I agree.”
	// He left.
	// U.S. Senator J. K. Smith arrived… and sat down!
	// 我很好。
	// 你呢？
}

func ExampleAppendSplit() {
	var spans []sentence.Span
	for _, paragraph := range []string{"One. Two.", "Three? Four!"} {
		spans = sentence.AppendSplit(spans[:0], paragraph)
		fmt.Println(len(spans), spans)
	}
	// Output:
	// 2 [{0 4} {5 9}]
	// 2 [{0 6} {7 12}]
}
