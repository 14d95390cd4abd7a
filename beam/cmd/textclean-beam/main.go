// Command textclean-beam runs textclean --jsonl with --across and
// --boilerplate as an Apache Beam pipeline: on Prism in this process by
// default, or on Flink, Spark or Dataflow through Beam's portable runner
// (--runner universal --endpoint HOST:PORT, or --runner dataflow). The
// README gives the commands.
//
//	textclean-beam --out clean/ [flags] FILE.jsonl...
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs" // gs:// paths, for Dataflow
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"     // --runner prism (the default here)
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/textclean/textclean/beam/pipeline"
)

func main() {
	cfg := pipeline.DefaultConfig()
	out := flag.String("out", "", "write OUT/NAME and OUT/NAME.report.jsonl for each input `FOLDER` (a local path or gs://...)")
	flag.StringVar(&cfg.Field, "field", cfg.Field, "the `NAME` of the field of each record to clean")
	flag.StringVar(&cfg.IDField, "id-field", cfg.IDField, "the `NAME` of the field that names a record in the report")
	flag.StringVar(&cfg.SeqField, "seq-field", "", "take each record's sequence number from the integer field `NAME` (default: its file and line)")
	flag.BoolVar(&cfg.Across, "across", false, "remove a paragraph that an earlier record keeps")
	flag.IntVar(&cfg.Boilerplate, "boilerplate", 0, "remove the paragraphs that `N` or more records keep from all of them; 0 is off")
	flag.IntVar(&cfg.MinLength, "min-length", cfg.MinLength, "keep repeated paragraphs shorter than `N` characters unless inside a repeated run")
	flag.BoolVar(&cfg.NoSentences, "no-sentences", false, "do not remove repeated sentences")
	flag.BoolVar(&cfg.NoMoves, "no-moves", false, "leave a unique paragraph found inside a repeated run where it is")
	flag.BoolVar(&cfg.NoNear, "no-near", false, "do not remove near-duplicates and teasers")
	flag.BoolVar(&cfg.NoJunk, "no-boilerplate", false, "keep scraper junk lines: switch the built-in list off")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "textclean-beam: usage: textclean-beam --out FOLDER [flags] FILE.jsonl...")
		os.Exit(2)
	}
	if cfg.Boilerplate == 1 || cfg.Boilerplate < 0 {
		fmt.Fprintln(os.Stderr, "textclean-beam: --boilerplate needs at least 2 documents (0 switches it off)")
		os.Exit(2)
	}
	beam.Init()
	ctx := context.Background()
	inputs, err := expand(ctx, flag.Args())
	if err != nil {
		fmt.Fprintf(os.Stderr, "textclean-beam: %v\n", err)
		os.Exit(2)
	}
	p, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(s, cfg, inputs, *out); err != nil {
		fmt.Fprintf(os.Stderr, "textclean-beam: %v\n", err)
		os.Exit(2)
	}
	if err := beamx.Run(ctx, p); err != nil {
		fmt.Fprintf(os.Stderr, "textclean-beam: %v\n", err)
		os.Exit(1)
	}
}

// expand replaces each argument that holds a glob (*, ? or [) by the
// files it matches, in lexical order: gs://bucket/crawl/*.jsonl works as
// well as a local pattern the shell did not expand.
func expand(ctx context.Context, args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if !strings.ContainsAny(a, "*?[") {
			out = append(out, a)
			continue
		}
		fs, err := filesystem.New(ctx, a)
		if err != nil {
			return nil, err
		}
		matches, err := fs.List(ctx, a)
		fs.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s: no file matches", a)
		}
		slices.Sort(matches)
		out = append(out, matches...)
	}
	return out, nil
}
