package htmlreport

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"

	"github.com/textclean/textclean/internal/report"
)

// Entry is one input of a batch, as a row of the index page.
type Entry struct {
	Name                        string // the input's name
	Page                        string // the address of its page, relative to the index; empty if it has none
	Error                       string // why the input was not cleaned, or its page not written, if so
	BytesIn, BytesOut           int
	ParagraphsIn, ParagraphsOut int
	Removed                     int // paragraphs removed, of any kind
	Sentences                   int // sentences removed
	Moved                       int // paragraphs moved
	Fixes                       int // normalization fixes
}

// Share returns the share of the input's bytes that cleaning removed, from
// 0 to 1 (less than 0 if the clean text is longer).
func (e *Entry) Share() float64 {
	if e.BytesIn == 0 {
		return 0
	}
	return 1 - float64(e.BytesOut)/float64(e.BytesIn)
}

// Entry returns p's row of an index page that links to it at page.
func (p *Page) Entry(page string) Entry {
	r := p.Result
	removed, moved := report.Tally(r)
	e := Entry{
		Name:          p.Name,
		Page:          page,
		BytesIn:       p.BytesIn,
		BytesOut:      r.TextSize(),
		ParagraphsIn:  r.ParagraphsIn,
		ParagraphsOut: r.ParagraphsOut,
		Removed:       r.ParagraphsIn - r.ParagraphsOut,
		Sentences:     removed.Sentences,
		Moved:         moved,
		Fixes:         r.Normalized.Total(),
	}
	if e.BytesIn == 0 {
		e.BytesIn = len(p.Input)
	}
	return e
}

//go:embed index.tmpl
var indexText string

var indexTemplate = template.Must(template.New("index").Parse(indexText))

// indexRow is an entry as the index template shows it.
type indexRow struct {
	Entry
	Percent string // the share removed, "45.8%"
	Bar     int    // the share removed as a bar's width, 0 to 100
	Order   int    // its place in input order, from 1
}

// WriteIndex writes an index page titled title that lists entries, given
// in input order, with the most removed first; a click on a column's
// heading sorts by that column.
func WriteIndex(w io.Writer, title string, entries []Entry) error {
	rows := make([]indexRow, len(entries))
	var total Entry
	for i, e := range entries {
		rows[i] = indexRow{Entry: e, Percent: fmt.Sprintf("%.1f%%", 100*e.Share()), Bar: int(math.Round(100 * min(max(e.Share(), 0), 1))), Order: i + 1}
		total.BytesIn += e.BytesIn
		total.BytesOut += e.BytesOut
		total.ParagraphsIn += e.ParagraphsIn
		total.ParagraphsOut += e.ParagraphsOut
		total.Removed += e.Removed
		total.Sentences += e.Sentences
		total.Moved += e.Moved
		total.Fixes += e.Fixes
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if (rows[i].Error == "") != (rows[j].Error == "") {
			return rows[i].Error == "" // the failures last
		}
		return rows[i].Share() > rows[j].Share()
	})
	return indexTemplate.Execute(w, struct {
		Title string
		Rows  []indexRow
		Total indexRow
		Files int
	}{title, rows, indexRow{Entry: total, Percent: fmt.Sprintf("%.1f%%", 100*total.Share())}, len(entries)})
}
