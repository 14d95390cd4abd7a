package dedupe

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

// builtinJunk is the scraper junk that Clean removes wherever it stands as a
// paragraph of its own (compared by match key: case, spacing, quotes and
// final punctuation do not matter). It is kept to lines that are never
// article text: ad labels, share and subscribe prompts, cookie banners,
// "read more" links; in English, German, French, Spanish, Italian,
// Portuguese and Russian.
var builtinJunk = []string{
	// English
	"Advertisement", "Skip Advertisement", "Advertisement - Continue Reading Below",
	"Story continues below advertisement", "Article continues below advertisement",
	"Continue reading below", "Scroll to continue with content", "Read more", "Read More Below",
	"Continue reading", "Continue reading the main story", "Share this article", "Share this story",
	"Share this", "Share on Facebook", "Share on Twitter", "Share via Email", "Click to share on Facebook",
	"Click to share on Twitter", "Sign up for our newsletter", "Subscribe to our newsletter",
	"Sign up to our newsletter", "We use cookies", "This website uses cookies", "Accept cookies",
	"Accept all cookies", "Manage cookies", "Skip to content", "Skip to main content", "Back to top",
	"Print this page", "Email this article", "Listen to this article", "Loading...", "Loading",
	// German
	"Anzeige", "Werbung", "Weiterlesen", "Mehr lesen", "Artikel teilen", "Newsletter abonnieren",
	"Zum Inhalt springen", "Cookies akzeptieren", "Alle Cookies akzeptieren",
	// French
	"Publicité", "Lire la suite", "Partager cet article", "Accepter les cookies", "Aller au contenu",
	// Spanish
	"Publicidad", "Leer más", "Seguir leyendo", "Compartir este artículo", "Aceptar cookies",
	// Italian
	"Pubblicità", "Continua a leggere", "Condividi questo articolo", "Accetta i cookie",
	// Portuguese
	"Publicidade", "Continue lendo", "Continuar lendo", "Compartilhe este artigo", "Aceitar cookies",
	// Russian
	"Реклама", "Читать далее", "Поделиться", "Подписаться на рассылку",
}

// BuiltinJunk returns the built-in list of scraper junk lines.
func BuiltinJunk() []string { return append([]string(nil), builtinJunk...) }

// Junk is a set of scraper junk lines: paragraphs that Clean removes
// wherever they stand, the first occurrence included. The zero value is
// the built-in list.
type Junk struct {
	NoBuiltin bool             // leave the built-in list out
	Lines     []string         // more lines, compared by match key
	Patterns  []*regexp.Regexp // more lines, as regular expressions matched against the whole normalized paragraph
}

// ParseJunk reads junk patterns, one per line: plain text, or a regular
// expression after "re:". Blank lines and lines starting with # are
// skipped.
func ParseJunk(r io.Reader) (lines []string, patterns []*regexp.Regexp, err error) {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "re:"):
			re, err := regexp.Compile(`^(?:` + strings.TrimPrefix(line, "re:") + `)$`)
			if err != nil {
				return nil, nil, fmt.Errorf("line %d: %w", n, err)
			}
			patterns = append(patterns, re)
		default:
			lines = append(lines, line)
		}
	}
	return lines, patterns, sc.Err()
}

// junkMatcher answers whether a paragraph is junk.
type junkMatcher struct {
	builtin  map[string]string // match key → the line as listed, of builtinJunk: shared, never written
	keys     map[string]string // the same for Junk.Lines, which win over the built-in lines
	longest  int               // the length of the longest key: longer paragraphs are not looked up
	patterns []*regexp.Regexp
}

func newJunkMatcher(j *Junk) *junkMatcher {
	m := &junkMatcher{patterns: j.Patterns}
	if !j.NoBuiltin {
		m.builtin, m.longest = builtinJunkKeys()
	}
	if len(j.Lines) > 0 {
		var longest int
		m.keys, longest = junkKeys(j.Lines)
		m.longest = max(m.longest, longest)
	}
	return m
}

// builtinJunkKeys returns junkKeys of builtinJunk, made once: every Clean
// call needs them, and made for each document they were 6.8% of the
// instructions (callgrind) and 6.4% of the CPU samples (perf) of a run
// over a tree of small files.
var builtinJunkKeys = sync.OnceValues(func() (map[string]string, int) { return junkKeys(builtinJunk) })

// junkKeys returns the match keys of lines, each mapped to the last line
// with that key, and the length of the longest.
func junkKeys(lines []string) (keys map[string]string, longest int) {
	keys = make(map[string]string, len(lines))
	for _, l := range lines {
		k := string(appendKey(nil, l))
		keys[k] = l
		longest = max(longest, len(k))
	}
	return keys, longest
}

// matchesNothing reports whether m matches no text: it has no line with
// a key and no pattern.
func (m *junkMatcher) matchesNothing() bool { return m.longest == 0 && len(m.patterns) == 0 }

// match returns the listed line or pattern that text, with match key key,
// is, if any.
func (m *junkMatcher) match(text string, key []byte) (string, bool) {
	if len(key) <= m.longest && len(key) > 0 {
		if l, ok := m.keys[string(key)]; ok {
			return l, true
		}
		if l, ok := m.builtin[string(key)]; ok {
			return l, true
		}
	}
	for _, re := range m.patterns {
		if re.MatchString(text) {
			return "re:" + strings.TrimSuffix(strings.TrimPrefix(re.String(), "^(?:"), ")$"), true
		}
	}
	return "", false
}
