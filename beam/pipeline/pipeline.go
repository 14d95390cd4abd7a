package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths; the command adds gs://
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/textclean/textclean/corpus"
)

// Input is one JSON Lines file of the corpus and its place among them.
type Input struct {
	Index int
	Path  string
}

// Record is one line of an input: a document if it is a record.
type Record struct {
	Seq   int64
	File  int
	Line  int    // 1-based
	Name  string // the document's name: FILE:LINE, or its --id-field with --seq-field
	Text  string // the line without its line end
	EOL   string // "\n", "\r\n" or "" for a last line without one
	Valid bool   // a JSON object with the field as a string
}

// Cleaned is a line of an output file and its report line ("" for none).
type Cleaned struct {
	Line   int
	Out    string
	Report string
}

// Summary is the select phase's corpus.Summary of one key, with its keeper
// as a signature line (Beam codes it as a string).
type Summary struct {
	Keeper    string
	Documents int
}

func init() {
	beam.RegisterType(reflect.TypeOf((*Input)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Record)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Cleaned)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Summary)(nil)).Elem())
	register.DoFn3x1[context.Context, Input, func(Record), error](&readFn{})
	register.DoFn2x0[Record, func(string, string)](&signFn{})
	register.Combiner3[Summary, string, Summary](&selectFn{})
	register.DoFn4x0[string, func(*string) bool, func(*Summary) bool, func(int64, string)](&judgeFn{})
	register.DoFn4x0[int64, func(*Record) bool, func(*string) bool, func(int, Cleaned)](&applyFn{})
	register.DoFn3x1[context.Context, int, func(*Cleaned) bool, error](&writeFn{})
	register.Function2x0(bySeq)
	register.Emitter1[Record]()
	register.Emitter2[string, string]()
	register.Emitter2[int64, string]()
	register.Emitter2[int64, Record]()
	register.Emitter2[int, Cleaned]()
	register.Iter1[string]()
	register.Iter1[Summary]()
	register.Iter1[Record]()
	register.Iter1[Cleaned]()
}

// Build adds to s the pipeline that cleans the JSON Lines files inputs as
// textclean --jsonl --report with cfg's flags would, and writes, for each
// input, OUT/NAME (its base name) and OUT/NAME.report.jsonl. Two inputs of
// one base name are refused: their outputs would collide.
func Build(s beam.Scope, cfg Config, inputs []string, out string) error {
	files := make([]Input, len(inputs))
	seen := make(map[string]string)
	for i, p := range inputs {
		if other, ok := seen[path.Base(p)]; ok {
			return fmt.Errorf("%s and %s would both be written to %s/%s", other, p, out, path.Base(p))
		}
		seen[path.Base(p)] = p
		files[i] = Input{Index: i, Path: p}
	}
	records := beam.ParDo(s.Scope("read"), &readFn{Cfg: cfg}, beam.CreateList(s, files))
	sigs := beam.ParDo(s.Scope("sign"), &signFn{Cfg: cfg}, records)
	summaries := beam.CombinePerKey(s.Scope("select"), &selectFn{}, sigs)
	verdicts := beam.ParDo(s.Scope("judge"), &judgeFn{Cfg: cfg}, beam.CoGroupByKey(s, sigs, summaries))
	docs := beam.ParDo(s, bySeq, records)
	cleaned := beam.ParDo(s.Scope("apply"), &applyFn{Cfg: cfg, Inputs: inputs}, beam.CoGroupByKey(s, docs, verdicts))
	beam.ParDo0(s.Scope("write"), &writeFn{Inputs: inputs, Out: out}, beam.GroupByKey(s, cleaned))
	return nil
}

// readFn reads an input's lines as records.
type readFn struct{ Cfg Config }

func (f *readFn) ProcessElement(ctx context.Context, in Input, emit func(Record)) error {
	fs, err := filesystem.New(ctx, in.Path)
	if err != nil {
		return err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, in.Path)
	if err != nil {
		return err
	}
	defer r.Close()
	format := f.Cfg.format()
	br := bufio.NewReaderSize(r, 1<<16)
	for n := 1; ; n++ {
		text, err := br.ReadString('\n')
		if text != "" {
			rec := Record{File: in.Index, Line: n, Text: text}
			switch {
			case strings.HasSuffix(text, "\r\n"):
				rec.Text, rec.EOL = text[:len(text)-2], "\r\n"
			case strings.HasSuffix(text, "\n"):
				rec.Text, rec.EOL = text[:len(text)-1], "\n"
			}
			if parsed, err := format.Parse(rec.Text); err == nil {
				doc := format.Doc(parsed, in.Path, n, int64(in.Index)<<32|int64(n-1))
				rec.Seq, rec.Name, rec.Valid = doc.Seq, doc.Name, true
			}
			emit(rec)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", in.Path, err)
		}
	}
}

// bySeq keys a record by its document's sequence number.
func bySeq(r Record, emit func(int64, Record)) { emit(r.Seq, r) }

// signFn is the sign phase: (key, signature line) per distinct paragraph a
// record keeps.
type signFn struct{ Cfg Config }

func (f *signFn) ProcessElement(r Record, emit func(string, string)) {
	if !r.Valid {
		return
	}
	rec, _ := f.Cfg.format().Parse(r.Text)
	sigs, err := corpus.Sign(corpus.Doc{Seq: r.Seq, Name: r.Name}, rec.Text, f.Cfg.options())
	if err != nil {
		return // apply passes it through with the error
	}
	for _, s := range sigs {
		emit(string(corpus.AppendKey(nil, s.Key)), string(s.AppendTSV(nil)))
	}
}

// selectFn merges the signatures of a key into their Summary: corpus.Merge
// as a Beam combiner.
type selectFn struct{}

func (selectFn) CreateAccumulator() Summary { return Summary{} }

func (selectFn) AddInput(a Summary, sig string) Summary {
	return selectFn{}.MergeAccumulators(a, Summary{Keeper: sig, Documents: 1})
}

func (selectFn) MergeAccumulators(a, b Summary) Summary {
	switch {
	case a.Documents == 0:
		return b
	case b.Documents == 0:
		return a
	}
	m := corpus.Merge(summary(a), summary(b))
	return Summary{Keeper: string(m.Keeper.AppendTSV(nil)), Documents: m.Documents}
}

func (selectFn) ExtractOutput(a Summary) Summary { return a }

// summary is the corpus.Summary of s.
func summary(s Summary) corpus.Summary {
	k, err := corpus.ParseSignature(s.Keeper)
	if err != nil {
		panic(fmt.Sprintf("textclean: a signature of its own making: %v", err)) // cannot happen
	}
	return corpus.Summary{Keeper: k, Documents: s.Documents}
}

// judgeFn is the rest of the select phase: the verdict line on each
// signature of a key, keyed by the document that loses the paragraph.
type judgeFn struct{ Cfg Config }

func (f *judgeFn) ProcessElement(_ string, sigs func(*string) bool, sums func(*Summary) bool, emit func(int64, string)) {
	var s Summary
	if !sums(&s) {
		return
	}
	sum, policy := summary(s), f.Cfg.policy()
	var line string
	for sigs(&line) {
		sig, err := corpus.ParseSignature(line)
		if err != nil {
			continue
		}
		if v, ok := policy.Judge(sum, sig.Doc.Seq); ok {
			emit(v.Seq, string(v.AppendTSV(nil)))
		}
	}
}

// applyFn is the apply phase: a record cleaned with its verdicts, and its
// report line, keyed by its file.
type applyFn struct {
	Cfg    Config
	Inputs []string
}

func (f *applyFn) ProcessElement(_ int64, records func(*Record) bool, verdicts func(*string) bool, emit func(int, Cleaned)) {
	var vs []corpus.Verdict
	var line string
	for verdicts(&line) {
		if v, err := corpus.ParseVerdict(line); err == nil {
			vs = append(vs, v)
		}
	}
	var r Record
	for records(&r) {
		c := Cleaned{Line: r.Line, Out: r.Text + r.EOL}
		if rec, err := f.Cfg.format().Parse(r.Text); err == nil {
			opts := f.Cfg.options()
			if res, err := corpus.Apply(rec.Text, opts, vs); err == nil {
				c.Out = rec.Clean(res) + r.EOL
				c.Report = string(rec.Report(f.Inputs[r.File], r.Line, res))
			}
		}
		emit(r.File, c)
	}
}

// writeFn writes an input's cleaned lines and report lines in line order.
type writeFn struct {
	Inputs []string
	Out    string
}

func (f *writeFn) ProcessElement(ctx context.Context, file int, cleaned func(*Cleaned) bool) error {
	var lines []Cleaned
	var c Cleaned
	for cleaned(&c) {
		lines = append(lines, c)
	}
	slices.SortFunc(lines, func(a, b Cleaned) int { return a.Line - b.Line })
	name := f.Out + "/" + path.Base(f.Inputs[file])
	if err := f.write(ctx, name, lines, func(c Cleaned) string { return c.Out }); err != nil {
		return err
	}
	return f.write(ctx, name+".report.jsonl", lines, func(c Cleaned) string { return c.Report })
}

// write writes what of each line to the file name.
func (f *writeFn) write(ctx context.Context, name string, lines []Cleaned, what func(Cleaned) string) error {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	for _, l := range lines {
		bw.WriteString(what(l))
	}
	if err := bw.Flush(); err != nil {
		w.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return w.Close()
}
