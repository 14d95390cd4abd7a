package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/textclean/textclean/dedupe"
	"github.com/textclean/textclean/internal/htmlreport"
)

// htmlOut is where --html writes: one page, or for several inputs a folder
// of pages and their index.
type htmlOut struct {
	path    string
	folder  bool
	many    string             // why a folder, for its error: "several inputs", "a folder of inputs", or empty
	entries []htmlreport.Entry // the index's rows, in input order
	failed  int                // pages that could not be written
	atStart startDescriptors   // see createOutput
}

// newHTMLOut returns where --html path writes the pages of the inputs
// named by paths: a folder when there are several inputs, when one is a
// folder, or when path names one (it ends in a slash, or a folder is
// there); else the one page.
func newHTMLOut(path string, paths []string, atStart startDescriptors) *htmlOut {
	h := &htmlOut{path: path, folder: true, atStart: atStart}
	switch {
	case len(paths) > 1:
		h.many = "several inputs"
	case anyFolder(paths):
		h.many = "a folder of inputs"
	case strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) || anyFolder([]string{path}):
	default:
		h.folder = false
	}
	return h
}

// indexName is the index page of an --html folder.
const indexName = "index.html"

// unsafeName matches what a page's file name does not keep of its input's.
var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// pageName is the file name of the page of the input with sequence number
// seq, in an --html folder: numbered in input order, so that two inputs
// with one base name get two pages.
func pageName(seq int, name string) string {
	base := unsafeName.ReplaceAllString(filepath.Base(name), "_")
	return fmt.Sprintf("%04d-%s.html", seq+1, base)
}

// start makes the folder of pages; for a single page, it refuses a FILE
// that is not one already (see refuseToReplace).
func (h *htmlOut) start() error {
	if !h.folder {
		if err := refuseToReplace(h.path, "an HTML page", "<!doctype html", "<html"); err != nil {
			return fmt.Errorf("%s: %w", h.path, err)
		}
		return nil
	}
	if err := os.MkdirAll(h.path, 0o755); err != nil {
		if info, serr := os.Stat(h.path); serr == nil && !info.IsDir() && h.many != "" {
			return fmt.Errorf("%s: --html with %s needs a folder", h.path, h.many)
		}
		return fmt.Errorf("%s: %w", h.path, bare(err))
	}
	return nil
}

// target returns the path of the page of in, and its address from the
// index (empty for a single page).
func (h *htmlOut) target(in input) (path, href string) {
	if !h.folder {
		return h.path, ""
	}
	href = pageName(in.seq, in.name())
	return filepath.Join(h.path, href), href
}

// page writes the page of one cleaned input and returns its index entry.
// Its error starts with the page's path: the input itself was cleaned.
func (h *htmlOut) page(in input, text string, bytesIn int, res *dedupe.Result, opts dedupe.Options) (*htmlreport.Entry, error) {
	p := &htmlreport.Page{Name: in.name(), Input: text, BytesIn: bytesIn, Result: res, Normalize: opts.Normalize}
	target, href := h.target(in)
	if h.folder {
		p.Index = indexName
	}
	var b bytes.Buffer
	if err := p.Write(&b); err != nil {
		return nil, fmt.Errorf("%s: %w", target, err)
	}
	if err := writeFile(target, b.String(), h.atStart); err != nil {
		return nil, fmt.Errorf("%s: %w", target, err)
	}
	e := p.Entry(href)
	return &e, nil
}

// add records the outcome of one input for the index.
func (h *htmlOut) add(o *outcome) {
	switch {
	case o.page != nil:
		h.entries = append(h.entries, *o.page)
	case o.err != nil:
		h.entries = append(h.entries, htmlreport.Entry{Name: o.in.name(), Error: o.err.Error()})
	case o.pageErr != nil:
		h.failed++
		h.entries = append(h.entries, htmlreport.Entry{Name: o.in.name(), Error: o.pageErr.Error()})
	}
}

// finish writes the index of a folder of pages.
func (h *htmlOut) finish(title string) error {
	if !h.folder {
		return nil
	}
	target := filepath.Join(h.path, indexName)
	var b bytes.Buffer
	if err := htmlreport.WriteIndex(&b, title, h.entries); err != nil {
		return fmt.Errorf("%s: %w", target, err)
	}
	if err := writeFile(target, b.String(), h.atStart); err != nil {
		return fmt.Errorf("%s: %w", target, err)
	}
	return nil
}
