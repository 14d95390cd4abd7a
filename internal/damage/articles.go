package damage

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Damaged is one damaged version of an article.
type Damaged struct {
	Article    string   // the article's file
	Seed       uint64   // the seed of its damage
	Paragraphs []string // its paragraphs, damaged
}

// Blocks returns d's text with its paragraphs separated by blank lines.
func (d Damaged) Blocks() string { return strings.Join(d.Paragraphs, "\n\n") + "\n" }

// Lines returns d's text with one paragraph a line and no blank line.
func (d Damaged) Lines() string { return strings.Join(d.Paragraphs, "\n") + "\n" }

// Articles reads the articles that pattern (as for [filepath.Glob])
// matches, and returns seeds damaged versions of each, article by article
// in lexical order, then seed by seed: version s has one to eight faults,
// chosen by a PCG generator seeded with s and stream. The same arguments
// give the same versions; another stream gives others. It fails when
// pattern matches no file.
func Articles(pattern string, seeds int, stream uint64) ([]Damaged, error) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("no article matches " + pattern)
	}
	var out []Damaged
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		paragraphs := Paragraphs(string(b))
		for seed := range uint64(seeds) {
			r := rand.New(rand.NewPCG(seed, stream))
			out = append(out, Damaged{Article: file, Seed: seed, Paragraphs: Apply(r, paragraphs, 1+r.IntN(8))})
		}
	}
	return out, nil
}
