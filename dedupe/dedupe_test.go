package dedupe_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/normalize"
)

// Paragraphs long enough (40+ characters) to be removed wherever they repeat.
const (
	pA = "Alpha paragraph, long enough to count as a repeat."
	pB = "Bravo paragraph, long enough to count as a repeat."
	pC = "Charlie paragraph, long enough to count as a repeat."
	pD = "Delta paragraph, long enough to count as a repeat."
	pE = "Echo paragraph, long enough to count as a repeat."
)

func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

// summary describes changes compactly: "kind lines kept-lines @output-line".
func summary(changes []dedupe.Change) []string {
	var s []string
	for _, c := range changes {
		s = append(s, fmt.Sprintf("%s %d-%d kept %d-%d @%d", c.Kind, c.Lines.First, c.Lines.Last, c.Kept.First, c.Kept.Last, c.OutputLine))
	}
	return s
}

func TestClean(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		opts    dedupe.Options
		want    string
		changes []string
	}{
		{
			name: "empty input",
			in:   "", want: "",
		},
		{
			name: "white space only",
			in:   " \n\n\t \n", want: "",
		},
		{
			name: "final line end added",
			in:   "Just one line", want: "Just one line\n",
		},
		{
			name:    "exact repeat of one paragraph",
			in:      lines(pA, pB, pA, pC),
			want:    lines(pA, pB, pC),
			changes: []string{"paragraph 3-3 kept 1-1 @1"},
		},
		{
			name: "repeat that differs in case, spaces, quotes, dashes, entities and final punctuation",
			in: lines(`He said “it’s over” — and left the room without a word.`,
				`HE SAID  "it&#39;s over" - and left the room without a word`),
			want:    lines(`He said “it’s over” — and left the room without a word.`),
			changes: []string{"paragraph 2-2 kept 1-1 @1"},
		},
		{
			name:    "a repeated run is one change",
			in:      lines(pA, pB, pC, pD, pB, pC, pD, pE),
			want:    lines(pA, pB, pC, pD, pE),
			changes: []string{"run 5-7 kept 2-4 @2"},
		},
		{
			name:    "a heading only the second copy carries moves into the kept copy",
			in:      lines(pA, pB, pC, pD, pA, pB, "A heading", pC, pD, pE),
			want:    lines(pA, pB, "A heading", pC, pD, pE),
			changes: []string{"run 5-9 kept 1-4 @1", "move 7-7 kept 3-3 @3"},
		},
		{
			name:    "NoMoves leaves the heading where it stands",
			in:      lines(pA, pB, pC, pA, pB, "A heading", pC, pE),
			opts:    dedupe.Options{NoMoves: true},
			want:    lines(pA, pB, pC, "A heading", pE),
			changes: []string{"run 4-5 kept 1-2 @1", "paragraph 7-7 kept 3-3 @3"},
		},
		{
			name:    "a heading before a repeated run stays: nothing says where it belongs",
			in:      lines(pA, pB, pC, "A heading", pA, pB, pE),
			want:    lines(pA, pB, pC, "A heading", pE),
			changes: []string{"run 5-6 kept 1-2 @1"},
		},
		{
			name:    "two unique paragraphs inside a run move together",
			in:      lines(pA, pB, pC, pA, "Heading", "Standfirst", pB, pC),
			want:    lines(pA, "Heading", "Standfirst", pB, pC),
			changes: []string{"run 4-8 kept 1-3 @1", "move 5-5 kept 6-6 @2", "move 6-6 kept 2-2 @3"},
		},
		{
			name: "short repeated lines outside runs are natural repetition",
			in:   lines("Q:", pA, "A:", pB, "Q:", pC, "A:", pD),
			want: lines("Q:", pA, "A:", pB, "Q:", pC, "A:", pD),
		},
		{
			name:    "a short line inside a repeated run goes with it",
			in:      lines(pA, "Photo: AP", pB, pC, pA, "Photo: AP", pB, pE),
			want:    lines(pA, "Photo: AP", pB, pC, pE),
			changes: []string{"run 5-7 kept 1-3 @1"},
		},
		{
			name:    "a short line at the edge of a run goes with it",
			in:      lines("Photo: AP", pA, pB, pC, "Photo: AP", pA, pB, pE),
			want:    lines("Photo: AP", pA, pB, pC, pE),
			changes: []string{"run 5-7 kept 1-3 @1"},
		},
		{
			name:    "short repeats in the same order as their copies form a run when long enough together",
			in:      lines("Meal 1", "Eat every 2–3 hours", "Drink a glass of water", pA, "Meal 1", "Eat every 2–3 hours", "Drink a glass of water", pB),
			want:    lines("Meal 1", "Eat every 2–3 hours", "Drink a glass of water", pA, pB),
			changes: []string{"run 5-7 kept 1-3 @1"},
		},
		{
			name: "a short refrain stays: together its lines are still short",
			in:   lines("La la la", "Oh yeah", pA, "La la la", "Oh yeah", pB),
			want: lines("La la la", "Oh yeah", pA, "La la la", "Oh yeah", pB),
		},
		{
			name: "a paragraph that recurs three times or more is part of the template",
			in:   lines("What inspired you to start writing about food?", pA, "What inspired you to start writing about food?", pB, "What inspired you to start writing about food?", pC),
			want: lines("What inspired you to start writing about food?", pA, "What inspired you to start writing about food?", pB, "What inspired you to start writing about food?", pC),
		},
		{
			name:    "a recurring paragraph inside a repeated run goes with it",
			in:      lines(pA, "Available from Amazon. BGR may receive a commission.", pB, "Available from Amazon. BGR may receive a commission.", pC, "Available from Amazon. BGR may receive a commission.", pD, pA, "Available from Amazon. BGR may receive a commission.", pB),
			want:    lines(pA, "Available from Amazon. BGR may receive a commission.", pB, "Available from Amazon. BGR may receive a commission.", pC, "Available from Amazon. BGR may receive a commission.", pD),
			changes: []string{"run 8-10 kept 1-3 @1"},
		},
		{
			name:    "a recurring paragraph at the edge of a repeated run stays: it may belong to the template",
			in:      lines("What inspired you to start writing about food?", pA, "What inspired you to start writing about food?", pB, "What inspired you to start writing about food?", pC, "What inspired you to start writing about food?", pB),
			want:    lines("What inspired you to start writing about food?", pA, "What inspired you to start writing about food?", pB, "What inspired you to start writing about food?", pC, "What inspired you to start writing about food?"),
			changes: []string{"paragraph 8-8 kept 4-4 @4"},
		},
		{
			name:    "a paragraph repeated back to back goes however often it recurs",
			in:      lines(pA, pA, pA, pB),
			want:    lines(pA, pB),
			changes: []string{"run 2-3 kept 1-1 @1"},
		},
		{
			name:    "MinLength -1 removes short repeats too",
			in:      lines("Q:", pA, "Q:", pB),
			opts:    dedupe.Options{MinLength: -1},
			want:    lines("Q:", pA, pB),
			changes: []string{"paragraph 3-3 kept 1-1 @1"},
		},
		{
			name: "paragraphs that differ by a number are different",
			in:   lines("Portion Fix Containers: 1 Green, 1 Purple, 1 Red, 1 tsp.", "Portion Fix Containers: 2 Green, 1 Purple, 1 Red, 1 tsp."),
			want: lines("Portion Fix Containers: 1 Green, 1 Purple, 1 Red, 1 tsp.", "Portion Fix Containers: 2 Green, 1 Purple, 1 Red, 1 tsp."),
		},
		{
			name: "a repeated sentence is cut from a later paragraph",
			in: lines("The minister resigned on Monday after the vote. Nobody expected it.",
				"Reporters gathered outside. The minister resigned on Monday after the vote. Then it rained."),
			want: lines("The minister resigned on Monday after the vote. Nobody expected it.",
				"Reporters gathered outside. Then it rained."),
			changes: []string{"sentence 2-2 kept 1-1 @1"},
		},
		{
			name:    "a repeated sentence is cut within its own paragraph",
			in:      lines("The minister resigned on Monday after the vote. The minister resigned on Monday after the vote."),
			want:    lines("The minister resigned on Monday after the vote."),
			changes: []string{"sentence 1-1 kept 1-1 @1"},
		},
		{
			name: "a short repeated sentence stays",
			in:   lines("He said no. The talks went on for hours.", "He said no. Everyone went home after that."),
			want: lines("He said no. The talks went on for hours.", "He said no. Everyone went home after that."),
		},
		{
			name:    "a paragraph made only of repeated sentences goes",
			in:      lines("The minister resigned on Monday after the vote.", "Parliament will elect a successor next week.", "The minister resigned on Monday after the vote. Parliament will elect a successor next week!", "End."),
			want:    lines("The minister resigned on Monday after the vote.", "Parliament will elect a successor next week.", "End."),
			changes: []string{"sentence 3-3 kept 1-1 @1", "sentence 3-3 kept 2-2 @2"},
		},
		{
			name:    "a repeated Japanese sentence is cut: each character counts as a word",
			in:      lines("東京都は火曜日、中央図書館を閉鎖すると発表した。市民は驚いた。", "記者が集まった。東京都は火曜日、中央図書館を閉鎖すると発表した。"),
			want:    lines("東京都は火曜日、中央図書館を閉鎖すると発表した。市民は驚いた。", "記者が集まった。"),
			changes: []string{"sentence 2-2 kept 1-1 @1"},
		},
		{
			name:    "a repeated Thai sentence is cut: spaces between Thai letters end sentences",
			in:      lines("วันนี้อากาศดีมาก ฉันจะไปเที่ยวทะเลกับเพื่อน", "เมื่อวานฝนตกหนัก วันนี้อากาศดีมาก"),
			want:    lines("วันนี้อากาศดีมาก ฉันจะไปเที่ยวทะเลกับเพื่อน", "เมื่อวานฝนตกหนัก"),
			changes: []string{"sentence 2-2 kept 1-1 @1"},
		},
		{
			name: "NoSentences keeps repeated sentences",
			in:   lines("The minister resigned on Monday after the vote. Yes.", "No. The minister resigned on Monday after the vote."),
			opts: dedupe.Options{NoSentences: true},
			want: lines("The minister resigned on Monday after the vote. Yes.", "No. The minister resigned on Monday after the vote."),
		},
		{
			name:    "blank-line paragraphs keep their style and inner line breaks",
			in:      "Title\n\n" + pA + "\n" + pB + "\n\n\n" + pC + "\n\n" + pA + "\n" + pB + "\n",
			want:    "Title\n\n" + pA + "\n" + pB + "\n\n" + pC + "\n",
			changes: []string{"paragraph 9-10 kept 3-4 @3"},
		},
		{
			name:    "Lines forced on blank-line text",
			in:      pA + "\n\n" + pB + "\n" + pA + "\n",
			opts:    dedupe.Options{Paragraphs: dedupe.Lines},
			want:    pA + "\n\n" + pB + "\n",
			changes: []string{"paragraph 4-4 kept 1-1 @1"},
		},
		{
			name:    "blank lines kept as they stand when the blank-lines rule is off: at the start, and the most before a removed paragraph",
			in:      "\n\n" + pA + "\n\n" + pB + "\n\n\n\n" + pA + "\n\n" + pC + "\n",
			opts:    dedupe.Options{Normalize: normalize.Options{Skip: normalize.Set(normalize.BlankLines)}},
			want:    "\n\n" + pA + "\n\n" + pB + "\n\n\n\n" + pC + "\n",
			changes: []string{"paragraph 9-9 kept 3-3 @3"},
		},
		{
			name:    "CRLF input",
			in:      pA + "\r\n" + pB + "\r\n" + pA + "\r\n",
			want:    lines(pA, pB),
			changes: []string{"paragraph 3-3 kept 1-1 @1"},
		},
		{
			name:    "CRLF kept when the newlines rule is off",
			in:      pA + "\r\n" + pB + "\r\n" + pA + "\r\n",
			opts:    dedupe.Options{Normalize: normalize.Options{Skip: normalize.Set(normalize.Newlines)}},
			want:    pA + "\r\n" + pB + "\r\n",
			changes: []string{"paragraph 3-3 kept 1-1 @1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkClean(t, tt.in, tt.opts, tt.want, tt.changes)
		})
	}
}

// checkClean cleans in with opts and checks the text, the changes (as
// summary gives them) and what checkResult checks; it returns the result.
func checkClean(t *testing.T, in string, opts dedupe.Options, want string, changes []string) *dedupe.Result {
	t.Helper()
	r, err := dedupe.Clean(in, opts)
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", r.Text, want)
	}
	if got := summary(r.Changes); strings.Join(got, "\n") != strings.Join(changes, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(changes, "\n"))
	}
	checkResult(t, in, opts, r)
	return r
}

// checkResult checks what must hold for any result: removed and moved text
// stands where the report says in the input, the kept copy is in the
// output, and cleaning the output again changes nothing.
func checkResult(t *testing.T, in string, opts dedupe.Options, r *dedupe.Result) {
	t.Helper()
	n := normalize.New(normalize.Options{})
	outLines := strings.Split(r.Text, "\n")
	for _, c := range r.Changes {
		raw := in[c.Span.Start:c.Span.End]
		if c.Kind != dedupe.Run && n.Line(strings.ReplaceAll(strings.ReplaceAll(raw, "\r", ""), "\n", " "), nil) != n.Line(strings.ReplaceAll(c.Text, "\n", " "), nil) {
			t.Errorf("%s at %v: input bytes %q do not normalize to the reported text %q", c.Kind, c.Span, raw, c.Text)
		}
		if c.Kind == dedupe.JunkLine || c.Kind == dedupe.Across || c.Kind == dedupe.Boilerplate {
			continue // no kept copy in this output
		}
		if c.OutputLine < 1 || c.OutputLine > len(outLines) {
			t.Errorf("%s at lines %v: output line %d is outside the output", c.Kind, c.Lines, c.OutputLine)
		}
	}
	again, err := dedupe.Clean(r.Text, opts)
	if err != nil {
		t.Fatal(err)
	}
	if again.Text != r.Text {
		t.Errorf("not idempotent: cleaning the output gives\n%s", again.Text)
	}
}

func TestSentenceSpan(t *testing.T) {
	first := "The minister resigned on Monday after the vote."
	in := first + "\n" + "Reporters&nbsp;waited. The minister resigned on Monday after the vote.\u200b Then it rained.\n"
	r, err := dedupe.Clean(in, dedupe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Changes) != 1 {
		t.Fatalf("changes = %v, want one sentence", summary(r.Changes))
	}
	c := r.Changes[0]
	if got := in[c.Span.Start:c.Span.End]; got != first {
		t.Errorf("span %v holds %q, want %q", c.Span, got, first)
	}
	if c.Text != first || c.Lines != (dedupe.LineRange{First: 2, Last: 2}) {
		t.Errorf("change = %+v", c)
	}
}

// TestSentenceKeptInCutParagraph removes a sentence whose first copy
// stands in a paragraph cut earlier in the same round, after the copy was
// filed: the change must point at the copy's line in the input.
func TestSentenceKeptInCutParagraph(t *testing.T) {
	alpha, delta := "Alpha sentence one is here now.", "Delta sentence four is here now."
	in := alpha + "\nBravo sentence two is here now.\n\n" +
		"Charlie sentence three is here now.\n" + alpha + "\n" + delta + "\nFoxtrot sentence six is here now.\n\n" +
		delta + "\nEcho sentence five is here now.\n"
	r, err := dedupe.Clean(in, dedupe.Options{Paragraphs: dedupe.Blocks})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Changes) != 2 {
		t.Fatalf("changes = %v, want two sentences", summary(r.Changes))
	}
	for k, want := range []struct {
		text        string
		lines, kept dedupe.LineRange
	}{
		{alpha, dedupe.LineRange{First: 5, Last: 5}, dedupe.LineRange{First: 1, Last: 1}},
		{delta, dedupe.LineRange{First: 9, Last: 9}, dedupe.LineRange{First: 6, Last: 6}},
	} {
		if c := r.Changes[k]; c.Kind != dedupe.Sentence || c.Text != want.text || c.Lines != want.lines || c.Kept != want.kept {
			t.Errorf("change %d = %+v, want %q at %v, kept at %v", k, c, want.text, want.lines, want.kept)
		}
	}
}

func TestCleanBinary(t *testing.T) {
	if _, err := dedupe.Clean("text\x00more", dedupe.Options{}); err == nil {
		t.Error("no error for input with a NUL byte")
	}
}

// corpusOf is a dedupe.Elsewhere that knows the paragraphs of one earlier
// document.
type corpusOf map[dedupe.Key]dedupe.Copy

func (c corpusOf) Find(k dedupe.Key, _ int) (dedupe.Copy, bool) {
	cp, ok := c[k]
	return cp, ok
}

func TestElsewhere(t *testing.T) {
	earlier, err := dedupe.Clean(lines(pA, pB), dedupe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := corpusOf{}
	for _, p := range earlier.Kept {
		c[p.Key] = dedupe.Copy{Doc: "earlier.txt", Lines: p.Lines}
	}
	// A copy that differs in case and quotes has the same key.
	in := lines(pC, strings.ToUpper(pB), pD, pB)
	r, err := dedupe.Clean(in, dedupe.Options{Elsewhere: c})
	if err != nil {
		t.Fatal(err)
	}
	if want := lines(pC, pD); r.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", r.Text, want)
	}
	if len(r.Changes) != 2 || r.Changes[0].Kind != dedupe.Across || r.Changes[0].Elsewhere.Doc != "earlier.txt" ||
		r.Changes[0].Elsewhere.Lines != (dedupe.LineRange{First: 2, Last: 2}) {
		t.Errorf("changes = %+v", r.Changes)
	}
	if len(r.Kept) != 2 || r.Kept[0].Lines != (dedupe.LineRange{First: 1, Last: 1}) || r.Kept[1].Lines != (dedupe.LineRange{First: 3, Last: 3}) {
		t.Errorf("kept = %+v", r.Kept)
	}
	again, _ := dedupe.Clean(r.Text, dedupe.Options{Elsewhere: c})
	if again.Text != r.Text {
		t.Errorf("not idempotent: %q", again.Text)
	}
}

func TestJunk(t *testing.T) {
	custom, patterns, err := dedupe.ParseJunk(strings.NewReader("# site footer\nAll rights reserved\nre:Photo: .*\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		in        string
		junk      *dedupe.Junk
		want      string
		wantRules []string
	}{
		{
			name:      "built-in lines go everywhere, the first one too, whatever their case and punctuation",
			in:        lines("ADVERTISEMENT", pA, "Advertisement", pB, "  Read more… ", "Story continues below advertisement"),
			want:      lines(pA, pB),
			wantRules: []string{"Advertisement", "Advertisement", "Read more", "Story continues below advertisement"},
		},
		{
			name:      "other languages",
			in:        lines("Anzeige", pA, "Publicité", "Читать далее", pB),
			want:      lines(pA, pB),
			wantRules: []string{"Anzeige", "Publicité", "Читать далее"},
		},
		{
			name: "only whole paragraphs: a sentence about advertisements stays",
			in:   lines("Advertisement revenue fell by a third last year.", pA),
			want: lines("Advertisement revenue fell by a third last year.", pA),
		},
		{
			name:      "lines and patterns from a file",
			in:        lines(pA, "All rights reserved.", "Photo: Reuters", pB),
			junk:      &dedupe.Junk{Lines: custom, Patterns: patterns},
			want:      lines(pA, pB),
			wantRules: []string{"All rights reserved", "re:Photo: .*"},
		},
		{
			name:      "a listed line with a built-in line's key is reported as listed",
			in:        lines(pA, "advertisement", pB, "Read more"),
			junk:      &dedupe.Junk{Lines: []string{"ADVERTISEMENT!"}},
			want:      lines(pA, pB),
			wantRules: []string{"ADVERTISEMENT!", "Read more"},
		},
		{
			name: "NoBuiltin switches the list off",
			in:   lines("Advertisement", pA),
			junk: &dedupe.Junk{NoBuiltin: true},
			want: lines("Advertisement", pA),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := dedupe.Options{Junk: tt.junk}
			r, err := dedupe.Clean(tt.in, opts)
			if err != nil {
				t.Fatal(err)
			}
			if r.Text != tt.want {
				t.Errorf("text:\n%s\nwant:\n%s", r.Text, tt.want)
			}
			var rules []string
			for _, c := range r.Changes {
				if c.Kind == dedupe.JunkLine {
					rules = append(rules, c.Rule)
				}
			}
			if strings.Join(rules, "|") != strings.Join(tt.wantRules, "|") {
				t.Errorf("rules %q, want %q", rules, tt.wantRules)
			}
			checkResult(t, tt.in, opts, r)
		})
	}
}

func TestNear(t *testing.T) {
	const (
		lede    = "The city council voted on Tuesday to close the central library for two years while the building is repaired, officials said."
		changed = "The city council voted on Tuesday to close the central library for two years while the building is renovated, officials said."
		typo    = "The city counsil voted on Tuesday to close the central library for two years while the building is repaired, officials said."
		longer  = "The city council voted on Tuesday to close the central library for two years while the building is repaired, officials said, after a heated debate."
		other   = "The county board voted on Monday to keep the old museum open for five more years despite the cost of heating it, members said."
		caption = "Workers carry boxes of books out of the central library on Tuesday. Photo: Jane Doe / Reuters"
		credit  = "Workers carry boxes of books out of the central library on Tuesday. Photo: John Roe / AP"
		cjkA    = "東京都は火曜日、中央図書館を改修のため二年間閉鎖すると発表した。市民からは反対の声も上がっている。"
		cjkB    = "東京都は火曜日、中央図書館を改修のため二年間閉鎖すると発表した。市民からは反対の声が上がっている。"
		cjkC    = "大阪府は月曜日、古い博物館をさらに五年間開館し続けることを決めた。暖房費が問題になっている。"
	)
	tests := []struct {
		name    string
		in      string
		want    string
		changes []string
	}{
		{"a word changed", lines(lede, changed, pA), lines(lede, pA), []string{"near 2-2 kept 1-1 @1"}},
		{"a typo fixed: the first copy stays", lines(typo, lede, pA), lines(typo, pA), []string{"near 2-2 kept 1-1 @1"}},
		{"a photo credit added: the fuller copy wins", lines(pA, lede, lede+" (Photo: John Roe / AP)"), lines(pA, lede+" (Photo: John Roe / AP)"),
			[]string{"near 2-2 kept 3-3 @2", "move 3-3 kept 0-0 @2"}},
		{"a short caption with another credit is too different to be sure", lines(pA, caption, credit), lines(pA, caption, credit), nil},
		{"a clause added: the fuller later copy takes the first place", lines(lede, longer, pA), lines(longer, pA),
			[]string{"near 1-1 kept 2-2 @1", "move 2-2 kept 3-3 @1"}},
		{"a teaser first: the full paragraph takes its place", lines("The city council voted on Tuesday to close the central library for…", pA, lede), lines(lede, pA),
			[]string{"teaser 1-1 kept 3-3 @1", "move 3-3 kept 2-2 @1"}},
		{"a teaser after the full text goes", lines(lede, pA, "The city council voted on Tuesday to close the central library... Read more"), lines(lede, pA),
			[]string{"teaser 3-3 kept 1-1 @1"}},
		{"different paragraphs of the same shape stay", lines(lede, other), lines(lede, other), nil},
		{"two different quotes from the same speaker stay", lines(
			"“We will not close the library while I am mayor, and I will fight this decision,” Mayor Jane Smith told reporters on Tuesday.",
			"“We will not raise taxes while I am mayor, and I will fight any plan that does,” Mayor Jane Smith told reporters on Tuesday."), lines(
			"“We will not close the library while I am mayor, and I will fight this decision,” Mayor Jane Smith told reporters on Tuesday.",
			"“We will not raise taxes while I am mayor, and I will fight any plan that does,” Mayor Jane Smith told reporters on Tuesday."), nil},
		{"the same sentences in another order", lines("He left. She stayed behind. They argued about it for a long time that night.", pA, pB, pC, pD, "They argued about it for a long time that night. She stayed behind. He left."),
			lines("He left. She stayed behind. They argued about it for a long time that night.", pA, pB, pC, pD), []string{"near 6-6 kept 1-1 @1"}},
		{"near copies far apart stay: a page may repeat itself with a change", lines(lede, pA, pB, pC, pD, changed), lines(lede, pA, pB, pC, pD, changed), nil},
		{"short paragraphs are never matched fuzzily", lines("Portion Fix Containers: 1 Green, 1 Red, 1 tsp.", "Portion Fix Containers: 2 Green, 1 Red, 1 tsp."),
			lines("Portion Fix Containers: 1 Green, 1 Red, 1 tsp.", "Portion Fix Containers: 2 Green, 1 Red, 1 tsp."), nil},
		{"Chinese and Japanese text is shingled by character", lines(cjkA, cjkB), lines(cjkA), []string{"near 2-2 kept 1-1 @1"}},
		{"different CJK paragraphs stay", lines(cjkA, cjkC), lines(cjkA, cjkC), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := checkClean(t, tt.in, dedupe.Options{NoSentences: true}, tt.want, tt.changes)
			for _, c := range r.Changes {
				if c.Kind == dedupe.Near && (c.Similarity < dedupe.DefaultSimilarity || c.Similarity > 1) {
					t.Errorf("similarity %v outside [%v, 1]", c.Similarity, dedupe.DefaultSimilarity)
				}
			}
		})
	}
	// Similarity below 0 switches near-duplicates off.
	r, _ := dedupe.Clean(lines(lede, changed), dedupe.Options{Similarity: -1, NoSentences: true})
	if r.Text != lines(lede, changed) {
		t.Errorf("Similarity -1 still removed a near-duplicate:\n%s", r.Text)
	}
}
