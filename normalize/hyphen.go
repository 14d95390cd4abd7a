package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The Hyphenation rule rejoins words that hard-wrapped text split over two
// lines: "the informa-" followed by "tion it holds" becomes "the
// information" and "it holds". A hyphen at the end of a line is also how
// real compounds wrap ("well-" "known"), and without a dictionary the rule
// cannot know every word, so it decides on evidence, in this order:
//
//  1. The line ends with a word fragment (lowercase, or capitalized) and a
//     hyphen, the next line starts with a lowercase fragment, and neither
//     fragment is part of a longer hyphenated chain ("state-of-the-" "art"
//     stays) or touches a digit.
//  2. The compound ("informa-tion") occurs elsewhere in the document: it is
//     a compound, and the lines stay as they are.
//  3. The joined word ("information") occurs elsewhere, or another rejoin
//     makes it: it is rejoined.
//  4. The second fragment is a suffix that is not an English word on its
//     own ("tion", "ment", "ness", "ing", "ly"...): rejoined, since a
//     compound's second half is a word.
//  5. Otherwise the lines stay as they are.
//
// The fragment of the second line moves up with the punctuation attached to
// it, and the spaces after it go. A second line that holds nothing else is
// left alone: rejoining would make it blank, and a blank line ends a
// paragraph.

// nonWordSuffixes are word endings that cannot be the second half of a
// compound: they are not words on their own.
var nonWordSuffixes = map[string]bool{
	"tion": true, "tions": true, "sion": true, "sions": true, "ation": true, "ations": true,
	"ment": true, "ments": true, "ness": true, "ity": true, "ities": true,
	"ing": true, "ings": true, "ingly": true, "ance": true, "ances": true, "ence": true, "ences": true,
	"ous": true, "ously": true, "ive": true, "ively": true, "ible": true, "ibly": true, "ably": true,
	"ism": true, "isms": true, "ist": true, "ists": true, "ize": true, "izes": true, "ized": true,
	"ization": true, "ture": true, "tures": true, "ly": true, "ed": true, "ical": true, "ically": true,
	"ary": true, "ory": true, "ful": true, "tial": true, "cial": true,
}

// hyphenCandidate is a line ending in a hyphenated fragment whose rest
// starts the next line.
type hyphenCandidate struct {
	line          int    // index of the first line
	first, second string // the two fragments, as written
}

// rejoinHyphenated applies the Hyphenation rule to the lines of d. ends
// lists, in order, the lines that end with a hyphen (others may be among
// them): only those can start a candidate. The rejoined lines' texts go
// into d's changed texts at the end, all at once (see setTexts).
func (d *Document) rejoinHyphenated(c *Counts, ends []int) {
	var cands []hyphenCandidate
	for _, i := range ends {
		if i+1 >= len(d.Lines) {
			break
		}
		if cand, ok := hyphenatedAt(d.Text(i), d.Text(i+1)); ok {
			cand.line = i
			cands = append(cands, cand)
		}
	}
	if len(cands) == 0 {
		return
	}
	wanted := make(map[string]bool, 2*len(cands))
	for _, cand := range cands {
		wanted[strings.ToLower(cand.first+cand.second)] = false
		wanted[strings.ToLower(cand.first+"-"+cand.second)] = false
	}
	for i := range d.Lines {
		markWords(d.Text(i), wanted)
	}
	// A rejoined word is a word of the text from then on, and evidence
	// for the candidates not rejoined yet: decide again until no more
	// rejoin, so that the clean text, normalized again, has none left to
	// rejoin. A rejoin makes no compound, so no candidate ever has to be
	// taken back.
	done := make([]bool, len(cands))
	rejoined := make(map[int]string) // the rejoined lines' texts, by line
	defer func() {
		if len(rejoined) > 0 {
			d.setTexts(d.changedTexts(), rejoined)
		}
	}()
	for again := true; again; {
		again = false
		for k, cand := range cands {
			joined := strings.ToLower(cand.first + cand.second)
			compound := strings.ToLower(cand.first + "-" + cand.second)
			if done[k] || wanted[compound] || !wanted[joined] && !nonWordSuffixes[strings.ToLower(cand.second)] {
				continue
			}
			done[k] = true
			if d.rejoin(cand.line, rejoined) {
				c[Hyphenation]++
				if !wanted[joined] {
					wanted[joined], again = true, true
				}
			}
		}
	}
}

// hyphenatedAt reports whether line ends with a hyphenated fragment that
// next continues, and returns the fragments.
func hyphenatedAt(line, next string) (hyphenCandidate, bool) {
	if !strings.HasSuffix(line, "-") || next == "" {
		return hyphenCandidate{}, false
	}
	body := line[:len(line)-1]
	start := len(body)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(body[:start])
		if !unicode.IsLower(r) {
			break
		}
		start -= size
	}
	if start == len(body) {
		return hyphenCandidate{}, false
	}
	if r, size := utf8.DecodeLastRuneInString(body[:start]); unicode.IsUpper(r) {
		start -= size // a capitalized word: "Informa-" "tion"
	}
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(body[:start]); r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return hyphenCandidate{}, false // a chain, or a fragment after a capital or digit
		}
	}
	end := 0
	for end < len(next) {
		r, size := utf8.DecodeRuneInString(next[end:])
		if !unicode.IsLower(r) {
			break
		}
		end += size
	}
	if end == 0 {
		return hyphenCandidate{}, false
	}
	if r, _ := utf8.DecodeRuneInString(next[end:]); r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r) {
		return hyphenCandidate{}, false
	}
	return hyphenCandidate{first: body[start:], second: next[:end]}, true
}

// markWords sets wanted[w] for each word or hyphenated compound w of text
// (lowercased) that wanted holds.
func markWords(text string, wanted map[string]bool) {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) && !(r == '-' && j+1 < len(text) && j > i) {
				break
			}
			j += size
		}
		word := strings.TrimRight(text[i:j], "-")
		if _, ok := wanted[word]; ok {
			wanted[word] = true
		} else if lower := strings.ToLower(word); lower != word {
			if _, ok := wanted[lower]; ok {
				wanted[lower] = true
			}
		}
		i = j
	}
}

// rejoin moves the fragment that starts line i+1, with the punctuation
// attached to it, to the end of line i in place of its hyphen, and records
// both changes as layers of the lines' offset maps. It reports false, and
// changes nothing, when the fragment is all of line i+1. The lines' new
// texts go into joined, which holds those of the rejoins before.
func (d *Document) rejoin(i int, joined map[int]string) bool {
	text := func(i int) string {
		if s, ok := joined[i]; ok {
			return s
		}
		return d.Text(i)
	}
	line, next := text(i), text(i+1)
	end := strings.IndexAny(next, " \t")
	if end < 0 {
		return false // the fragment is all of the next line
	}
	rest := end
	for rest < len(next) && (next[rest] == ' ' || next[rest] == '\t') {
		rest++
	}
	if rest == len(next) {
		return false
	}
	token := next[:end]
	word := line[:len(line)-1] + token
	if d.joins == nil {
		d.joins = make(map[int][]layer)
	}
	d.joins[i] = append(d.joins[i], layer{src: line, out: word, edits: []edit{{
		inStart: len(line) - 1, inEnd: len(line), outStart: len(line) - 1, outEnd: len(word), rule: Hyphenation,
	}}})
	d.joins[i+1] = append(d.joins[i+1], layer{src: next, out: next[rest:], edits: []edit{{
		inStart: 0, inEnd: rest, outStart: 0, outEnd: 0, rule: Hyphenation,
	}}})
	joined[i], joined[i+1] = word, next[rest:]
	return true
}
