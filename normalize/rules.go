package normalize

import "fmt"

// Rule names one normalization rule. Its String form is the name used on the
// command line (--no-NAME) and in reports.
type Rule uint8

// The rules, in the order they are reported. InvalidUTF8 is always applied
// (the output must be valid UTF-8); every other rule can be switched off.
const (
	InvalidUTF8    Rule = iota // invalid UTF-8 bytes become U+FFFD, one each
	BOM                        // a byte-order mark at the start of the input is dropped
	Newlines                   // CRLF and CR line ends become LF; counts line ends changed
	Entities                   // HTML character references (&amp; &#8217; &nbsp;) are decoded
	Controls                   // C0 control characters other than tab are removed, and C1 controls that Mojibake leaves
	Invisible                  // zero-width spaces, word joiners, soft hyphens and stray BOMs are removed
	Spaces                     // NBSP and other Unicode spaces become U+0020
	NFC                        // text is put in Unicode Normalization Form C (NFKC with Options.NFKC)
	CollapseSpaces             // runs of spaces become one space
	Trim                       // spaces and tabs at the start and end of each line are removed
	BlankLines                 // runs of blank lines become one; blank lines at the edges go
	Mojibake                   // UTF-8 read as a single-byte code page ("Itâ€™s", "Ð¿Ñ€Ð¸") is put back
	Escapes                    // terminal escape sequences ("\x1b[31m") are removed whole
	Width                      // fullwidth Latin letters and digits, and halfwidth katakana, take their usual form
	Ligatures                  // Latin typographic ligatures ("ﬁ") become their letters
	Hyphenation                // a word hyphenated across two lines is rejoined, on evidence: see the rule's comment
	ASCIIPunct                 // curly quotes, dashes and the ellipsis become ASCII; off unless Options.ASCIIPunct
	numRules
)

var ruleNames = [numRules]string{
	InvalidUTF8:    "invalid-utf8",
	BOM:            "bom",
	Newlines:       "newlines",
	Entities:       "entities",
	Controls:       "controls",
	Invisible:      "invisible",
	Spaces:         "spaces",
	NFC:            "nfc",
	CollapseSpaces: "collapse-spaces",
	Trim:           "trim",
	BlankLines:     "blank-lines",
	Mojibake:       "mojibake",
	Escapes:        "escapes",
	Width:          "width",
	Ligatures:      "ligatures",
	Hyphenation:    "hyphenation",
	ASCIIPunct:     "ascii-punct",
}

// String returns the rule's name, such as "entities".
func (r Rule) String() string {
	if r < numRules {
		return ruleNames[r]
	}
	return fmt.Sprintf("Rule(%d)", r)
}

// Default reports whether the rule applies unless switched off. Only
// ASCIIPunct does not: folding typography to ASCII loses information, so it
// is asked for with Options.ASCIIPunct.
func (r Rule) Default() bool { return r != ASCIIPunct }

// Rules returns every rule in report order.
func Rules() []Rule {
	rules := make([]Rule, numRules)
	for i := range rules {
		rules[i] = Rule(i)
	}
	return rules
}

// ParseRule returns the rule with the given name.
func ParseRule(name string) (Rule, error) {
	for r, n := range ruleNames {
		if n == name {
			return Rule(r), nil
		}
	}
	return 0, fmt.Errorf("unknown normalization rule %q", name)
}

// RuleSet is a set of rules.
type RuleSet uint32

// Set returns the set holding the given rules.
func Set(rules ...Rule) RuleSet {
	var s RuleSet
	for _, r := range rules {
		s |= 1 << r
	}
	return s
}

// Except returns the set of every rule but the given ones: Options{Skip:
// Except(Entities)} applies only the Entities rule (and InvalidUTF8, which
// always applies).
func Except(rules ...Rule) RuleSet {
	return ^Set(rules...) & (1<<numRules - 1)
}

// Has reports whether r is in the set.
func (s RuleSet) Has(r Rule) bool { return s&(1<<r) != 0 }

// Counts holds, for each rule, how many changes it made. The unit is an
// invalid byte for InvalidUTF8, a line end for Newlines, a decoded
// reference for Entities, a removed or replaced character for BOM, Controls,
// Invisible, Spaces, Width, Ligatures and ASCIIPunct, a changed line for NFC
// and Trim, a collapsed run for CollapseSpaces, a removed blank line for
// BlankLines, a repaired character for Mojibake, a removed sequence for
// Escapes and a rejoined word for Hyphenation.
type Counts [numRules]int

// Add adds the counts of o to c.
func (c *Counts) Add(o Counts) {
	for i := range c {
		c[i] += o[i]
	}
}

// Of returns the count of rule r.
func (c *Counts) Of(r Rule) int { return c[r] }

// Total returns the sum of all counts.
func (c *Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// Options selects the rules to apply. The zero value applies every rule with
// NFC, and replaces invalid UTF-8 rather than failing.
type Options struct {
	// Skip holds the rules not to apply. InvalidUTF8 cannot be skipped.
	Skip RuleSet
	// NFKC applies compatibility normalization (NFKC) instead of NFC. It is
	// lossy for prose (km² becomes km2), so it is off by default.
	NFKC bool
	// Strict makes invalid UTF-8 an error (ErrInvalidUTF8) instead of
	// replacing it.
	Strict bool
	// WHATWGEntities decodes character references exactly as browsers do
	// in text content, legacy names without a semicolon included ("&notit;"
	// is "¬it;", "?a=1&section=2" is "?a=1§ion=2"). Off, such names are
	// decoded only for amp, lt, gt, quot and nbsp, and not before a letter,
	// digit or "=", which keeps URLs and prose intact.
	WHATWGEntities bool
	// ASCIIPunct applies the ASCIIPunct rule: ‘ ’ ‚ ‛ become ', “ ” „ ‟
	// become ", the hyphen, figure and en dashes and the minus sign become
	// -, the em dash and horizontal bar become --, and … becomes "...".
	ASCIIPunct bool
}

func (o *Options) on(r Rule) bool {
	switch r {
	case InvalidUTF8:
		return true
	case ASCIIPunct:
		return o.ASCIIPunct && !o.Skip.Has(r)
	}
	return !o.Skip.Has(r)
}
