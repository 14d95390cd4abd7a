package normalize_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/textclean/textclean/normalize"
)

// onlyMojibake skips every rule but Mojibake (InvalidUTF8 is always on,
// and clean text has nothing for it).
var onlyMojibake = normalize.Options{Skip: normalize.Except(normalize.Mojibake)}

// cleanArticleDirs are folders of clean articles: the few copied into
// testdata (accents, symbols, other scripts), and the whole corpus of the
// article-extraction benchmark when it is present ($TEXTCLEAN_CORPUS, by
// default ../shared/corpus/articles beside the repository).
func cleanArticleDirs() []string {
	dirs := []string{"../testdata/clean"}
	corpus := os.Getenv("TEXTCLEAN_CORPUS")
	if corpus == "" {
		corpus = "../../shared/corpus/articles"
	}
	if st, err := os.Stat(corpus); err == nil && st.IsDir() {
		dirs = append(dirs, corpus)
	}
	return dirs
}

// cleanArticles returns the text of every *.txt file in dirs, by path.
func cleanArticles(tb testing.TB, dirs []string) map[string]string {
	texts := map[string]string{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
				return err
			}
			data, err := os.ReadFile(path)
			texts[path] = string(data)
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return texts
}

// TestMojibakeKeepsCleanArticles checks that the mojibake rule changes no
// line of real, correctly encoded articles, whatever their script.
func TestMojibakeKeepsCleanArticles(t *testing.T) {
	dirs := cleanArticleDirs()
	if len(dirs) == 1 {
		t.Logf("no corpus folder: only the articles in %s", dirs[0])
	}
	n := normalize.New(onlyMojibake)
	files, lines := 0, 0
	for path, text := range cleanArticles(t, dirs) {
		files++
		for i, line := range strings.Split(text, "\n") {
			lines++
			var c normalize.Counts
			if got := n.Line(line, &c); got != line || c.Total() != 0 {
				t.Errorf("%s:%d: the mojibake rule changed a clean line:\n  was %q\n  now %q", path, i+1, line, got)
			}
		}
	}
	if files == 0 {
		t.Fatal("no clean articles found")
	}
	t.Logf("%d clean articles, %d lines, none changed", files, lines)
}
