package damage_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/textclean/textclean/internal/damage"
)

const articles = "../../testdata/articles/*.txt"

// TestArticles checks that Articles gives seeds versions of every article,
// in order, the same for the same arguments and others for another stream,
// and that the damage shows: some version differs from its article.
func TestArticles(t *testing.T) {
	files, err := filepath.Glob(articles)
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles: %v", err)
	}
	const seeds = 3
	got, err := damage.Articles(articles, seeds, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != seeds*len(files) {
		t.Fatalf("%d versions of %d articles, want %d", len(got), len(files), seeds*len(files))
	}
	again, _ := damage.Articles(articles, seeds, 1)
	other, _ := damage.Articles(articles, seeds, 2)
	sameStream, otherStream, damaged := true, true, false
	for i, d := range got {
		if d.Article != files[i/seeds] || d.Seed != uint64(i%seeds) {
			t.Errorf("version %d is of %s, seed %d; want %s, seed %d", i, d.Article, d.Seed, files[i/seeds], i%seeds)
		}
		sameStream = sameStream && slices.Equal(d.Paragraphs, again[i].Paragraphs)
		otherStream = otherStream && slices.Equal(d.Paragraphs, other[i].Paragraphs)
		damaged = damaged || !slices.Equal(d.Paragraphs, damage.Paragraphs(readArticle(t, d.Article)))
	}
	if !sameStream {
		t.Error("the same arguments gave other versions")
	}
	if otherStream {
		t.Error("another stream gave the same versions")
	}
	if !damaged {
		t.Error("no version differs from its article")
	}
	if _, err := damage.Articles("no-such-folder/*.txt", 1, 1); err == nil {
		t.Error("Articles of no file did not fail")
	}
}

func readArticle(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
