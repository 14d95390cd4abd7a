package dedupe

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
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
	keys     map[string]string // match key → the line as listed
	longest  int               // the length of the longest key: longer paragraphs are not looked up
	patterns []*regexp.Regexp
}

func newJunkMatcher(j *Junk) *junkMatcher {
	m := &junkMatcher{keys: make(map[string]string), patterns: j.Patterns}
	add := func(lines []string) {
		for _, l := range lines {
			k := string(appendKey(nil, l))
			m.keys[k] = l
			m.longest = max(m.longest, len(k))
		}
	}
	if !j.NoBuiltin {
		add(builtinJunk)
	}
	add(j.Lines)
	return m
}

// match returns the listed line or pattern that text, with match key key,
// is, if any.
func (m *junkMatcher) match(text string, key []byte) (string, bool) {
	if len(key) <= m.longest {
		if l, ok := m.keys[string(key)]; ok && len(key) > 0 {
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
