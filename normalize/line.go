package normalize

import (
	"html"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxPasses bounds the passes Line makes to reach a fixed point. One rule's
// output can feed another (a decoded &#173; is a soft hyphen to remove, a
// removed zero-width space can join "&am" and "p;"), so Line runs its stages
// again on text that changed until nothing changes. Real text settles in
// two passes; the bound only guards against pathological input.
const maxPasses = 8

// Normalizer applies one set of options. It reuses internal buffers, so one
// Normalizer must not be used by several goroutines at once; make one per
// goroutine.
type Normalizer struct {
	opts Options
	// bufs are where the stages write: each stage writes into the one
	// that the text it reads does not lie in (the spaces stage, which
	// only deletes, into that one), so that a stage's result need not be
	// copied for the next (see rules).
	bufs [2][]byte
	e    editor
	// texts, when set, is where the final text of a changed line is
	// kept: Document's chunks pack them (see textArena).
	texts *textArena
	// edits is where a stage records its edits when offsets are asked
	// for: a layer takes a copy of those of a stage that changed the text.
	edits []edit
	// plainPass is set by the characters stage when the text it was
	// given held only bytes it passes over (see plain): see leftQuiet.
	plainPass bool
	// clean is the length of a prefix of the text the next stage works
	// on that is made of bytes the characters stage passes over (see
	// plain) and holds no two spaces in a row: no stage changes such
	// bytes, so the stages start their scans after them. quietPrefix
	// finds it, as a by-product of the test every line goes through.
	clean int
	// validOnly is set when InvalidUTF8 is the only rule on that changes
	// a line's text (exact-paragraph runs switch every other rule off):
	// then a line of valid UTF-8 comes through unchanged.
	validOnly bool
}

// New returns a Normalizer for opts.
func New(opts Options) *Normalizer {
	n := new(Normalizer)
	n.setOptions(opts)
	return n
}

// setOptions makes n normalize with opts, as New does.
func (n *Normalizer) setOptions(opts Options) {
	n.opts, n.validOnly = opts, !opts.anyLineRule()
}

// lineRules are the rules that change a line's text, InvalidUTF8 aside;
// the others (BOM, Newlines, BlankLines, Hyphenation) work on the
// document. ASCIIPunct is among them: Options.on knows it is off by
// default.
var lineRules = [...]Rule{Mojibake, Entities, Escapes, Controls, Invisible, Spaces, Width, Ligatures, ASCIIPunct, NFC, Trim, CollapseSpaces}

// anyLineRule reports whether a rule other than InvalidUTF8 that
// changes a line's text is on.
func (o *Options) anyLineRule() bool {
	for _, r := range lineRules {
		if o.on(r) {
			return true
		}
	}
	return false
}

// Options returns the options n applies.
func (n *Normalizer) Options() Options { return n.opts }

// Line returns the normalized form of line, a text without line breaks, and
// adds the changes it made to c (which may be nil).
func (n *Normalizer) Line(line string, c *Counts) string {
	if c == nil {
		c = new(Counts)
	}
	return n.line(line, c, nil)
}

// LineOffsets is Line that also returns how offsets in the result map back
// to offsets in line.
func (n *Normalizer) LineOffsets(line string) (string, *Offsets) {
	m := new(Offsets)
	return n.line(line, new(Counts), m), m
}

func (n *Normalizer) line(s string, c *Counts, m *Offsets) string {
	if n.validOnly {
		if utf8.ValidString(s) {
			return s // no rule on could change it
		}
	} else if clean, ok := quietPrefix(s); ok {
		return s
	} else {
		n.clean = clean
	}
	return n.rules(s, c, m)
}

// rules applies the rules to line s, in passes until one changes nothing.
// n.clean is where in s the stages start their scans: 0, or from
// quietPrefix.
//
// Without offsets, a stage's result is left where the stage wrote it,
// in one of n.bufs, for the next stage to read, and only the final text
// is copied, into n.texts or an allocation of its own: a line that two
// stages changed was two allocations, one of them garbage.
//
// A long line: a buffer too small for the text a stage reads is made at
// that size and an eighth at once, not grown by append in steps; and a
// final text of more than half a text block (see textArena) keeps the
// buffer it lies in rather than being copied, unless the buffer has more
// than a quarter to spare (made for a longer line before): the stages
// then make a new one. BenchmarkAdversarial's huge-paragraph, one 10 MB
// line that the characters and spaces stages change, allocated 115 MB a
// Document with the buffers grown and the text copied (73 MB when each
// stage made a text of its own), then 23.7 MB: 67-91 -> 27-28 ms of CPU
// at 10 MB (3 runs alternated, load 3-5).
//
// A buffer is made at a stage's first change (see editor.replace), not
// before the stage: a stage that changes nothing costs none, where NFC
// made one for every long line the characters stage had written. And the
// spaces stage, which only deletes and reads ahead of what it writes,
// writes in the buffer its text lies in, so a text the characters stage
// wrote and the spaces stage trims and collapses takes one buffer, not
// two. huge-paragraph then allocates 11.9 MB a Document at 10 MB, not
// 23.7 (1.20 MB at 1 MB, not 2.39), with a median of about 340 page
// faults a run, not 1,700, and takes 21.6-22.3 ms of CPU, not 25.9-28.0
// (1.72-1.84 ms at 1 MB, not 2.12-2.27: minimums of 9 runs in each of 4
// series, alternated, load 1.6-2.4). The 1 MB run gains as much, so the
// ratio of the two stays 12-13x: it is the caches, not the faults. Each
// pass over the line (about nine reads and three writes of it) reads 10
// MB, and the CPU time a MB steps up once between 4 MB (1.89 ms) and 8
// MB (2.41 ms; 16 MB 2.33), where the line and its buffer (17 MB at 8
// MB) outgrow their share of the L3.
func (n *Normalizer) rules(s string, c *Counts, m *Offsets) string {
	in := -1 // the index of the buffer of n.bufs s lies in, or -1: s is a part of the line
	for pass := 0; pass < maxPasses; pass++ {
		changed := false
		for _, stage := range [...]struct {
			run     func(*Normalizer, *editor, *Counts)
			inPlace bool // the stage only deletes, reading ahead of what it writes
		}{{(*Normalizer).mojibake, false}, {(*Normalizer).characters, false}, {(*Normalizer).unicodeForm, false}, {(*Normalizer).spaces, true}} {
			var edits *[]edit // the stage's edits go to n.edits, kept if it changes s
			if m != nil {
				n.edits = n.edits[:0]
				edits = &n.edits
			}
			out := 0
			switch {
			case in >= 0 && stage.inPlace:
				// The editor writes each byte it keeps at or before
				// where it read it, by memmove: see above.
				out = in
			case in == 0:
				out = 1
			}
			n.e.reset(s, n.bufs[out], edits)
			stage.run(n, &n.e, c)
			if n.e.changed {
				src := s
				if m != nil {
					s = n.e.result() // the layer keeps it
				} else if view, written := n.e.view(); written {
					s, in = view, out
				} else {
					s = view // src or a part of it: it lies where src lies
				}
				n.clean = min(n.clean, n.e.first) // s[:first] is src[:first]
				changed = true
				if m != nil {
					m.layers = append(m.layers, layer{src: src, out: s, edits: slices.Clone(n.edits)})
				}
			}
			n.bufs[out] = n.e.out
		}
		if !changed || n.leftQuiet() {
			break // another pass would change nothing
		}
		clean, ok := quietPrefix(s)
		if ok {
			break
		}
		n.clean = clean
	}
	if in >= 0 {
		switch {
		case len(s) > maxArenaText && cap(n.bufs[in]) <= len(s)+len(s)/4:
			n.bufs[in] = nil // s keeps the buffer (see above)
		case n.texts != nil:
			s = n.texts.add(s)
		default:
			s = strings.Clone(s)
		}
	}
	n.clean = 0 // for the next line, which may not come through quietPrefix
	return s
}

// leftQuiet reports whether the pass just made left its line quiet, as
// quietPrefix would find it, without reading the line again: the characters
// stage found only bytes it passes over, which the stages after it
// keep (NFC and NFKC change no ASCII; Trim and CollapseSpaces only take
// spaces and tabs out), and Trim and CollapseSpaces, both on, took out
// the spaces and tabs at the ends and every space that followed
// another. After a pass that changed the line, quietPrefix would read it
// through again; this spares that on lines whose only fault was their
// spaces.
func (n *Normalizer) leftQuiet() bool {
	return n.plainPass && n.opts.on(Trim) && n.opts.on(CollapseSpaces)
}

// quietPrefix reports whether s is quiet, a line that no rule changes,
// whatever the options, found in one pass over it: most lines of English
// text. Such a line is printable ASCII and tabs, without '&', with no
// space or tab at either end and no two spaces in a row. Then:
//   - Mojibake, InvalidUTF8, Invisible, Spaces (but for line breaks),
//     Width, Ligatures, ASCIIPunct and NFC or NFKC change only characters
//     outside ASCII;
//   - Entities needs an '&'; Escapes an ESC; Controls, and Spaces' line
//     breaks, a C0 control other than tab, or DEL;
//   - Trim needs a space or tab at an end, CollapseSpaces two spaces in
//     a row;
//   - BOM, Newlines, BlankLines and Hyphenation work on the document, not
//     on a line's text alone.
//
// It also returns the length of a prefix of s made of bytes the
// characters stage passes over (see plain) that holds no two spaces in a
// row: the longest, or 0 when s starts or ends with a space or tab (a
// line Trim changes, which it reads no further).
//
// TestQuiet checks it against the full rules.
func quietPrefix(s string) (clean int, ok bool) {
	if s == "" {
		return 0, true
	}
	if isBlank(s[0]) || isBlank(s[len(s)-1]) {
		return 0, false
	}
	// Sixteen bytes at a time, as two uint64 words, then eight: this test
	// runs on every line of every input. A word with a byte the
	// characters stage does not pass over (see notPlain), a tab among
	// them, or with a space followed by another leaves the rest of the
	// line to the loops after, the last a byte at a time, which finds
	// where the prefix ends. The spaces are found in a word or'ed with
	// the word one byte on: a byte of it is 0x20 or below (belowSpace)
	// where a space is followed by another, among bytes notPlain passes
	// (a byte or'ed with any other printable one but a space is more
	// than 0x20), with no borrow from a byte of 0x80 or more that
	// notPlain does not see: the last byte of the word one on is the
	// next word's first, whose borrow leaves the word. Two loads where
	// carrying the last space from word to word took five operations:
	// callgrind, a Document of the 100 MB stream, quietPrefix 332.3M →
	// 271.1M instructions (the Document 987.2M → 913.0M); at one CPU
	// 172.9 → 170.4 ms (medians of 8 alternated, load 4.6).
	i := 0
	for ; i+17 <= len(s); i += 16 {
		b := s[i : i+17]
		w0, w1 := word(b), word(b[8:])
		pairs0, pairs1 := w0|word(b[1:]), w1|word(b[9:])
		if (notPlain(w0)|notPlain(w1)|belowSpace(pairs0)|belowSpace(pairs1))&highBits != 0 {
			break
		}
	}
	for ; i+9 <= len(s); i += 8 {
		b := s[i : i+9]
		w := word(b)
		if (notPlain(w)|belowSpace(w|word(b[1:])))&highBits != 0 {
			break
		}
	}
	if i < len(s) && i+9 > len(s) && len(s) >= 8 {
		// The loops ran out with up to eight bytes left: the last eight
		// bytes hold them, and the pair before them ended a word tested.
		// The last byte, alone in its byte of w>>8|w, is no space. One
		// word where the loop below took about 30 instructions for the
		// four bytes left on average (callgrind, a Document of the 100
		// MB stream: quietPrefix 271.1M → 256.4M instructions).
		if w := word(s[len(s)-8:]); (notPlain(w)|belowSpace(w>>8|w))&highBits == 0 {
			return len(s), true
		}
	}
	for ; i < len(s); i++ {
		if !plain[s[i]] || s[i] == ' ' && i > 0 && s[i-1] == ' ' {
			return i, false
		}
	}
	return i, true
}

// highBits has the high bit of each byte of a uint64 set.
const highBits = 0x8080808080808080

// word returns the first eight bytes of b as one uint64, the first
// byte lowest: the loops that pass over ASCII test eight bytes at once.
func word(b string) uint64 {
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// asciiEnd returns the offset of the first byte of s from i on that is
// not ASCII, or len(s).
func asciiEnd(s string, i int) int {
	for ; i+16 <= len(s); i += 16 {
		if b := s[i : i+16]; (word(b)|word(b[8:]))&highBits != 0 {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		if word(s[i:i+8])&highBits != 0 {
			break
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// plainEnd returns the offset of the first byte of s from i on that the
// characters stage does not pass over (see plain), or len(s).
func plainEnd(s string, i int) int {
	for ; i+16 <= len(s); i += 16 {
		if b := s[i : i+16]; (notPlain(word(b))|notPlain(word(b[8:])))&highBits != 0 {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		if notPlain(word(s[i:i+8]))&highBits != 0 {
			break
		}
	}
	for i < len(s) && plain[s[i]] {
		i++
	}
	return i
}

// notPlain returns a value with the high bit of some byte set (other
// bits are to be masked off with highBits) when a byte of w is not one
// the characters stage passes over, or is a tab: a byte outside
// printable ASCII (0x20 to 0x7e), or '&' (see plain). For a byte below
// 0x80, adding 1 sets its high bit when it is 0x7f, and 0xa0 less it
// xor 6 sets its high bit when that is 0x20 or below: for a control
// (below 0x20, which xor 6 keeps below 0x20) and for '&' (0x26, which
// xor 6 makes 0x20; it swaps the bytes of 0x20 to 0x27 among
// themselves, so no other); neither carries into or borrows from the
// next byte. A byte from 0x80 on sets one of the two high bits whatever
// comes in from the byte below (0x80 to 0xfd plus 1, or 2 with a carry,
// is 0x81 to 0xff; 0xfe and 0xff xor 6, taken from 0xa0 with or without
// a borrow, leave 0xa6 or more), and it is the only byte that carries or
// borrows: so a word of plain bytes gives no high bit, and any other
// word one at least. TestWordsBytePairs tries every pair of bytes.
//
// It tests printable ASCII and '&' together in five operations, where
// testing them apart took eleven: callgrind on BenchmarkDocumentGenerated
// (6 Documents of 4 MB) puts quietPrefix at 95.9M → 66.5M instructions
// and Document at 223.8M → 187.4M; the benchmark at one CPU 7.97 → 7.35
// ms (medians of 12 alternated with the old test, load 3–4.5).
func notPlain(w uint64) uint64 {
	return (w + 0x0101010101010101) | (0xa0a0a0a0a0a0a0a0 - (w ^ 0x0606060606060606))
}

// belowSpace returns the high bit of each byte of w that is 0x20 or
// below set, for a w whose bytes are below 0x80 (0xa0 less such a byte
// does not borrow), with other bits to be masked with highBits; in a
// word notPlain passes those bytes are its spaces. It is ^(w +
// 0x5f5f5f5f5f5f5f5f), in one operation.
func belowSpace(w uint64) uint64 {
	return 0xa0a0a0a0a0a0a0a0 - w
}

// mojibake applies the Mojibake rule: see repairMojibake. ASCII text
// cannot hold mojibake and is passed over.
func (n *Normalizer) mojibake(e *editor, c *Counts) {
	if !n.opts.on(Mojibake) || asciiEnd(e.src, n.clean) == len(e.src) {
		return
	}
	repairMojibake(e, c)
}

func isASCII(s string) bool { return asciiEnd(s, 0) == len(s) }

// characters applies the rules that look at one character (or character
// reference, or escape sequence) at a time: InvalidUTF8, Entities,
// Escapes, Controls, Invisible, Spaces, Width, Ligatures and ASCIIPunct.
func (n *Normalizer) characters(e *editor, c *Counts) {
	s := e.src
	o := &n.opts
	i := plainEnd(s, n.clean)
	n.plainPass = i == len(s)
	for ; i < len(s); i = plainEnd(s, i) {
		b := s[i]
		if b < utf8.RuneSelf {
			switch {
			case b == '&' && o.on(Entities):
				if end, repl, ok := entityAt(s, i, o.WHATWGEntities); ok {
					e.count(c, Entities, i, end, repl)
					i = end
					continue
				}
			case b == 0x1b && o.on(Escapes):
				if end, ok := escapeEnd(s, i); ok {
					e.count(c, Escapes, i, end, "")
					i = end
					continue
				}
				if o.on(Controls) {
					e.count(c, Controls, i, i+1, "")
				}
			case (b == '\v' || b == '\f' || b == '\n' || b == '\r') && o.on(Spaces):
				// A line break inside a line (decoded from &#10;, say) is
				// white space between words, not a character to delete.
				e.count(c, Spaces, i, i+1, " ")
			case (b < 0x20 && b != '\t' || b == 0x7f) && o.on(Controls):
				e.count(c, Controls, i, i+1, "")
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			e.count(c, InvalidUTF8, i, i+1, "\uFFFD")
		case r == 0x85 && o.on(Spaces): // NEL, a line break
			e.count(c, Spaces, i, i+size, " ")
		case r >= 0x80 && r <= 0x9f && o.on(Controls):
			e.count(c, Controls, i, i+size, "")
		case isInvisible(r) && o.on(Invisible) && !joinsScript(s, i, size, r):
			e.count(c, Invisible, i, i+size, "")
		case isSpace(r) && o.on(Spaces):
			e.count(c, Spaces, i, i+size, " ")
		case r >= '\uff01' && r <= '\uffee' && o.on(Width):
			if end, repl, ok := foldWidth(s, i, size, r); ok {
				e.count(c, Width, i, end, repl)
				i = end
				continue
			}
		case r >= '\ufb00' && r <= '\ufb06' && o.on(Ligatures):
			e.count(c, Ligatures, i, i+size, ligatures[r])
		case o.on(ASCIIPunct) && asciiPunct[r] != "":
			e.count(c, ASCIIPunct, i, i+size, asciiPunct[r])
		}
		i += size
	}
}

// plain marks the bytes that the characters stage passes over: printable
// ASCII other than '&', and tab.
var plain = func() (t [256]bool) {
	for b := 0x20; b < 0x7f; b++ {
		t[b] = b != '&'
	}
	t['\t'] = true
	return t
}()

// maxEntity is longer than the longest HTML character reference.
const maxEntity = 40

// entityAt decodes the character reference starting at s[i] == '&'. It returns
// the end of the reference and its decoded text, or ok false if s[i:] does
// not start one. Decoding follows the WHATWG rules that package html
// implements, with one exception: a named reference without its semicolon is
// decoded only for &amp &lt &gt &quot &nbsp, and only when neither a letter,
// a digit nor '=' follows it. Scraped text is full of URLs and prose such as
// "?id=5&section=a" and "&not html", which browsers' legacy rules would
// turn into "§ion=a" and "¬ html".
//
// A reference that decodes to "&" and is followed by another reference
// (&amp;amp;, &amp;#8217;: text escaped twice or more) is decoded with it,
// however deep the nesting, so that one pass undoes all of it.
func entityAt(s string, i int, whatwg bool) (end int, repl string, ok bool) {
	end, repl, ok = oneEntity(s[i:], whatwg)
	if !ok {
		return 0, "", false
	}
	end += i
	for repl == "&" && end < len(s) {
		// "&" followed by the rest: does that start a reference?
		rest := s[end:min(len(s), end+maxEntity)]
		n, r, ok := oneEntity("&"+rest, whatwg)
		if !ok {
			break
		}
		end, repl = end+n-1, r
	}
	return end, repl, true
}

// oneEntity decodes the character reference at the start of s.
func oneEntity(s string, whatwg bool) (end int, repl string, ok bool) {
	j := 1
	isName, named := isAlnum, true
	if j < len(s) && s[j] == '#' {
		j++
		isName, named = isDigit, false
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			j++
			isName = isHex
		}
	}
	nameStart := j
	for j < len(s) && j < maxEntity && isName(s[j]) {
		j++
	}
	if j == nameStart {
		return 0, "", false
	}
	if j < len(s) && s[j] == ';' {
		j++
	} else if named && !whatwg && !legacyName(s[nameStart:j], s[j:]) {
		return 0, "", false
	}
	ref := s[:j]
	if r, ok := missingEntities[ref]; ok {
		return j, r, true
	}
	repl = html.UnescapeString(ref)
	if repl == ref {
		return 0, "", false
	}
	// "&notit;" is no reference, but browsers read "&not" in it and leave
	// "it;": a result that still ends with the semicolon came from such a
	// legacy prefix, which only WHATWG mode decodes.
	if named && !whatwg && strings.HasSuffix(repl, ";") && repl != ";" {
		return 0, "", false
	}
	return j, repl, true
}

// missingEntities are WHATWG character references that package html does
// not know (found by the html5lib test cases).
var missingEntities = map[string]string{
	"&nGt;": "\u226B\u20D2",
	"&nLt;": "\u226A\u20D2",
}

// legacyName reports whether name, written without a semicolon and followed
// by after, is decoded: one of the five references that pages commonly
// write without it, not followed by '=' (a URL's parameter).
func legacyName(name, after string) bool {
	switch name {
	case "amp", "lt", "gt", "quot", "nbsp":
		return after == "" || after[0] != '='
	}
	return false
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
func isHex(b byte) bool   { return isDigit(b) || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F' }
func isAlnum(b byte) bool { return isDigit(b) || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// isInvisible reports whether r is a character that has no visible form and
// no meaning in article text. Bidirectional marks and controls are not in
// the list: right-to-left text needs them.
func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', // soft hyphen
		'\u180e',           // Mongolian vowel separator
		'\u200b',           // zero width space
		'\u200c', '\u200d', // zero width non-joiner and joiner, see joinsScript
		'\u2060', '\u2061', '\u2062', '\u2063', // word joiner, invisible operators
		'\u2064', '\ufeff': // invisible plus, byte-order mark / zero width no-break space
		return true
	}
	return false
}

// joinsScript reports whether the zero width joiner or non-joiner r at
// s[i:i+size] sits between two characters it can join (letters, marks or
// symbols, as in Persian words and emoji sequences), where it is kept.
func joinsScript(s string, i, size int, r rune) bool {
	if r != '\u200c' && r != '\u200d' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+size:])
	return joinable(before) && joinable(after)
}

func joinable(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r))
}

// isSpace reports whether r is a Unicode space other than U+0020 that
// becomes U+0020. The ideographic space U+3000 is not in the list: it is the
// normal space of CJK typography.
func isSpace(r rune) bool {
	switch {
	case r == '\u00a0', r == '\u1680', r >= '\u2000' && r <= '\u200a',
		r == '\u2028', r == '\u2029', r == '\u202f', r == '\u205f':
		return true
	}
	return false
}

// unicodeForm applies NFC (or NFKC).
func (n *Normalizer) unicodeForm(e *editor, c *Counts) {
	if !n.opts.on(NFC) {
		return
	}
	form := norm.NFC
	if n.opts.NFKC {
		form = norm.NFKC
	}
	if !n.opts.NFKC && alwaysNFC(e.src, n.clean) || form.IsNormalString(e.src) {
		return
	}
	var it norm.Iter
	it.InitString(form, e.src)
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		if end := it.Pos(); string(seg) != e.src[start:end] {
			e.replace(NFC, start, end, string(seg))
		}
	}
	if e.changed {
		c[NFC]++
	}
}

// alwaysNFC reports whether s[i:] holds only characters that are in NFC and
// never compose with the character before them: everything below the
// combining marks (U+0300) and the general punctuation of prose (U+2010 to
// U+205F: dashes, quotes, ellipsis). Such a string is in NFC; this fast path
// spares most lines of Latin-script text the full check. TestAlwaysNFC
// checks the ranges against package norm. s[:i] is ASCII, or i is 0.
func alwaysNFC(s string, i int) bool {
	for i < len(s) {
		switch b := s[i]; {
		case b < utf8.RuneSelf:
			i = asciiEnd(s, i+1)
		case b >= 0xc2 && b < 0xcc: // U+0080 to U+02FF
			i += 2
		case b == 0xe2 && i+2 < len(s) && (s[i+1] == 0x80 && s[i+2] >= 0x90 || s[i+1] == 0x81 && s[i+2] <= 0x9f): // U+2010 to U+205F
			i += 3
		default:
			return false
		}
	}
	return true
}

// spaces applies Trim and CollapseSpaces. A line that has only its ends
// trimmed becomes a part of itself (see editor.keep), not a copy.
//
// rules may have it write in the buffer its text lies in: it only
// deletes, so each byte it copies lands at or before where it was, and
// it reads nothing before the end of what it has copied (its scans go
// forward from there), so no byte it has yet to read is written over.
// Its edits must stay so.
func (n *Normalizer) spaces(e *editor, c *Counts) {
	s := e.src
	pair := spacePair(s, max(n.clean-1, 0)) // the first two spaces in a row, not before the end of the clean prefix
	if len(s) == 0 || !isBlank(s[0]) && !isBlank(s[len(s)-1]) && pair < 0 {
		return // nothing to trim or collapse
	}
	start, end := 0, len(s)
	if n.opts.on(Trim) {
		for start < end && isBlank(s[start]) {
			start++
		}
		for end > start && isBlank(s[end-1]) {
			end--
		}
		if start > 0 || end < len(s) {
			c[Trim]++
		}
	}
	collapsed := false
	if n.opts.on(CollapseSpaces) {
		// Runs between words only: the edges are Trim's business.
		from, to := start, end
		for from < to && isBlank(s[from]) {
			from++
		}
		for to > from && isBlank(s[to-1]) {
			to--
		}
		i := from
		if pair > from {
			i = min(pair, to) // there are none before pair to collapse
		}
		for {
			k := spacePair(s[:to], i)
			if k < 0 {
				break
			}
			i = k + 1
			j := i + 1
			for j < to && s[j] == ' ' {
				j++
			}
			if !collapsed && start > 0 {
				e.replace(Trim, 0, start, "") // the edits go in order
			}
			collapsed = true
			e.count(c, CollapseSpaces, i, j, "")
			i = j
		}
	}
	switch {
	case !collapsed && (start > 0 || end < len(s)):
		e.keep(Trim, start, end)
	case end < len(s):
		e.replace(Trim, end, len(s), "")
	}
}

// spacePair returns the offset of the first of the first two spaces in a
// row in s from i on, or -1: strings.Index(s[i:], "  ") but for the
// offset's origin. It tests sixteen places at a time, as two words: y,
// the eight bytes from a place xor spaces or'ed with the eight from the
// next place, has a zero byte where a space is followed by another, and
// the lowest high bit of (y-0x0101…)&^y is that of the first zero byte
// (a borrow only runs on from a zero byte). strings.Index, on a text of
// more than 64 bytes (bytealg.MaxBruteForce on amd64; shorter ones go
// straight to its vector search) where one byte in five or six is a
// space, calls IndexByte for each space until the spaces not followed
// by another pass one in eight bytes, then its vector search: callgrind
// puts the spaces stage at 20.8M → 8.9M instructions on BenchmarkDocument (6
// Documents of its article; the whole 124.6M → 112.8M), 88.9M → 77.0M
// on a Document of the 100 MB stream; BenchmarkDocument at one CPU 3.11
// → 2.73 ms, BenchmarkDocumentGenerated 7.44 → 7.32 ms (medians of 10
// alternated, load 3–6). TestSpacePair and FuzzSpacePair check it against
// strings.Index.
func spacePair(s string, i int) int {
	for ; i+17 <= len(s); i += 16 {
		b := s[i : i+17]
		y0 := (word(b) ^ 0x2020202020202020) | (word(b[1:]) ^ 0x2020202020202020)
		y1 := (word(b[8:]) ^ 0x2020202020202020) | (word(b[9:]) ^ 0x2020202020202020)
		z0, z1 := (y0-0x0101010101010101)&^y0, (y1-0x0101010101010101)&^y1
		if (z0|z1)&highBits != 0 {
			if z0 &= highBits; z0 != 0 {
				return i + bits.TrailingZeros64(z0)/8
			}
			return i + 8 + bits.TrailingZeros64(z1&highBits)/8
		}
	}
	for ; i+1 < len(s); i++ {
		if s[i] == ' ' && s[i+1] == ' ' {
			return i
		}
	}
	return -1
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' }
