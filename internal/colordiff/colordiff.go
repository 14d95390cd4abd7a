package colordiff

import (
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// The escape sequences used.
const (
	bold      = "\x1b[1m"
	cyan      = "\x1b[36m"
	red       = "\x1b[31m"
	green     = "\x1b[32m"
	reverse   = "\x1b[7m"
	noReverse = "\x1b[27m"
	reset     = "\x1b[m"
)

// minSimilarity is how much of the shorter of two lines must be in the
// other, by bytes of equal words, for them to count as two versions of one
// line.
const minSimilarity = 0.5

// Pairing lines costs a word diff per pair tried, so it is bounded: an
// added line is tried against the next window removed lines only, and
// lines longer than maxWordDiff together are not word-diffed.
const (
	window      = 8
	maxWordDiff = 32 << 10
)

// wordDiff numbers words by rune, below the surrogates (0xD800): this
// fails to compile if maxWordDiff reaches them.
const _ uint = 0xD800 - maxWordDiff

// Write writes the unified diff d to w in colour. d may hold the diffs of
// several files one after the other: a hunk ends where the line counts of
// its "@@ -a,b +c,d @@" header say, so what follows it is a header again.
func Write(w io.Writer, d []byte) error {
	var b bytes.Buffer
	lines := bytes.SplitAfter(d, []byte("\n"))
	var h hunk // the hunk under way: the lines of each side still to come
	for i := 0; i < len(lines); {
		line := lines[i]
		switch {
		case len(line) == 0:
			i++
		case bytes.HasPrefix(line, []byte("@@")):
			h = hunkOf(line)
			paint(&b, cyan, line)
			i++
		case line[0] == '\\':
			// "\ No newline at end of file": a note on the line before,
			// in a hunk or just after its last line.
			paint(&b, "", line)
			i++
		case !h.open():
			paint(&b, bold, line)
			i++
		case line[0] == '-' || line[0] == '+':
			// A block of removed lines, then the added lines after them,
			// as many as the hunk has left.
			j := signed(lines, i, '-', &h.old)
			k := signed(lines, j, '+', &h.new)
			if k == i { // a side the header said was done: not a diff line
				b.Write(line)
				i++
				continue
			}
			block(&b, lines[i:j], lines[j:k])
			i = k
		default:
			if line[0] == ' ' {
				h.old--
				h.new--
			}
			b.Write(line)
			i++
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// hunk counts the lines of a hunk still to come on each side.
type hunk struct{ old, new int }

func (h hunk) open() bool { return h.old > 0 || h.new > 0 }

// signed returns the end of the run of lines from i that start with sign
// (and the markers among them), at most *left of them, and counts them off
// *left.
func signed(lines [][]byte, i int, sign byte, left *int) int {
	for i < len(lines) && len(lines[i]) > 0 {
		switch {
		case lines[i][0] == sign && *left > 0:
			*left--
		case lines[i][0] != '\\':
			return i
		}
		i++
	}
	return i
}

// hunkOf reads the line counts of a hunk header. A header it cannot read
// opens a hunk that runs to the end, so that its lines are still coloured.
func hunkOf(header []byte) hunk {
	f := strings.Fields(string(header))
	if len(f) < 4 || f[3] != "@@" || !strings.HasPrefix(f[1], "-") || !strings.HasPrefix(f[2], "+") {
		return hunk{math.MaxInt, math.MaxInt}
	}
	old, okOld := count(f[1][1:])
	new, okNew := count(f[2][1:])
	if !okOld || !okNew {
		return hunk{math.MaxInt, math.MaxInt}
	}
	return hunk{old, new}
}

// count returns the line count of a hunk range, "start,count" or "start"
// (one line).
func count(r string) (int, bool) {
	_, n, ok := strings.Cut(r, ",")
	if !ok {
		return 1, true
	}
	c, err := strconv.Atoi(n)
	return c, err == nil && c >= 0
}

// paint writes line in colour, the line end after the reset so that a
// pager's line keeps no colour.
func paint(b *bytes.Buffer, colour string, line []byte) {
	body, end := splitEnd(line)
	if colour == "" {
		b.Write(line)
		return
	}
	b.WriteString(colour)
	b.Write(body)
	b.WriteString(reset)
	b.Write(end)
}

func splitEnd(line []byte) (body, end []byte) {
	if n := len(line); n > 0 && line[n-1] == '\n' {
		return line[:n-1], line[n-1:]
	}
	return line, nil
}

// block writes removed lines and the added lines after them, pairing each
// added line with a removed one it is a version of, in order.
func block(b *bytes.Buffer, removed, added [][]byte) {
	pairOf := make([]int, len(added)) // by added line: its removed line, or -1
	diffs := make([][]diffmatchpatch.Diff, len(added))
	next := 0
	for a := range added {
		pairOf[a] = -1
		if isMarker(added[a]) {
			continue
		}
		for r := next; r < len(removed) && r < next+window; r++ {
			if isMarker(removed[r]) || len(removed[r])+len(added[a]) > maxWordDiff {
				continue
			}
			d := wordDiff(content(removed[r]), content(added[a]))
			if similarity(d) >= minSimilarity {
				pairOf[a], diffs[a], next = r, d, r+1
				break
			}
		}
	}
	removedDiff := make([][]diffmatchpatch.Diff, len(removed))
	for a, r := range pairOf {
		if r >= 0 {
			removedDiff[r] = diffs[a]
		}
	}
	for r, line := range removed {
		side(b, line, red, removedDiff[r], diffmatchpatch.DiffDelete)
	}
	for a, line := range added {
		side(b, line, green, diffs[a], diffmatchpatch.DiffInsert)
	}
}

func isMarker(line []byte) bool { return len(line) > 0 && line[0] == '\\' }

// content is a diff line without its +/- and its line end.
func content(line []byte) string {
	body, _ := splitEnd(line)
	return string(body[1:])
}

// side writes one removed or added line; with a word diff, the words of
// its own side that the other lacks are highlighted.
func side(b *bytes.Buffer, line []byte, colour string, d []diffmatchpatch.Diff, own diffmatchpatch.Operation) {
	if isMarker(line) || d == nil {
		paint(b, colourOf(line, colour), line)
		return
	}
	_, end := splitEnd(line)
	b.WriteString(colour)
	b.WriteByte(line[0])
	for _, x := range d {
		switch x.Type {
		case diffmatchpatch.DiffEqual:
			b.WriteString(x.Text)
		case own:
			b.WriteString(reverse)
			b.WriteString(x.Text)
			b.WriteString(noReverse)
		}
	}
	b.WriteString(reset)
	b.Write(end)
}

func colourOf(line []byte, colour string) string {
	if isMarker(line) {
		return ""
	}
	return colour
}

// similarity is the share of the shorter side's bytes that are in equal
// words: a line cut down to one of its sentences is all in the other.
func similarity(d []diffmatchpatch.Diff) float64 {
	var equal, del, ins int
	for _, x := range d {
		switch x.Type {
		case diffmatchpatch.DiffEqual:
			equal += len(x.Text)
		case diffmatchpatch.DiffDelete:
			del += len(x.Text)
		case diffmatchpatch.DiffInsert:
			ins += len(x.Text)
		}
	}
	shorter := equal + min(del, ins)
	if shorter == 0 {
		return 0
	}
	return float64(equal) / float64(shorter)
}

// wordDiff diffs a and b word by word: each word, run of spaces or other
// character is one symbol to go-diff, as its line mode does with lines.
// The i-th distinct word is rune i: a and b hold at most maxWordDiff bytes
// together, so fewer words than that, and no rune reaches the surrogates.
func wordDiff(a, b string) []diffmatchpatch.Diff {
	ids := make(map[string]rune)
	var words []string
	encode := func(s string) []rune {
		var out []rune
		for _, w := range split(s) {
			id, ok := ids[w]
			if !ok {
				id = rune(len(words))
				ids[w] = id
				words = append(words, w)
			}
			out = append(out, id)
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // deterministic
	d := dmp.DiffMainRunes(ra, rb, false)
	for i := range d {
		var s []byte
		for _, id := range d[i].Text {
			s = append(s, words[id]...)
		}
		d[i].Text = string(s)
	}
	return d
}

// split cuts s into words (letters, digits and marks), runs of white space,
// and single other characters.
func split(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		class := classOf(r)
		if class != other {
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if classOf(r2) != class {
					break
				}
				j += n2
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

type charClass int

const (
	word charClass = iota
	space
	other
)

func classOf(r rune) charClass {
	switch {
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r):
		return word
	case unicode.IsSpace(r):
		return space
	}
	return other
}
