package cli

import "fmt"

// textFile is the file the clean text of one input goes to, under -o or
// -w, which dedupe.CleanTo writes as it renders the text: the text is
// never in memory whole. It is written through an atomicFile, which is
// not created before there is something to write: an input that cannot
// be cleaned leaves nothing behind, as when the text was written after
// cleaning. Under -w (hold) it compares the text with the input as read,
// as it goes, and writes nothing while the text is the input so far, so
// that an input that does not change is not rewritten, nor even looked at
// for rewriting.
type textFile struct {
	// open creates the file, or returns the error to report.
	open func() (*atomicFile, error)
	// wrap turns an error of writing or committing the file into the
	// error to report.
	wrap func(error) error
	hold bool // write nothing while the text is raw so far (-w)

	textCompare
	f   *atomicFile
	err error // the first error, as reported; the file is gone then
}

// newTextFile returns the textFile of an input read as raw.
func newTextFile(raw string, hold bool, open func() (*atomicFile, error), wrap func(error) error) *textFile {
	return &textFile{open: open, wrap: wrap, hold: hold, textCompare: textCompare{raw: raw, same: hold}}
}

// textCompare follows a clean text written in parts: its size, and, when
// same starts true (-w), whether it is still the input as read. Whether
// the text changed is otherwise dedupe.Result.Changed's to tell.
type textCompare struct {
	raw  string
	size int  // the bytes of text so far
	same bool // the text so far is raw[:size]; once false, not compared
}

// add takes the next part of the text.
func (c *textCompare) add(p []byte) {
	if c.same {
		c.same = len(p) <= len(c.raw)-c.size && string(p) == c.raw[c.size:c.size+len(p)]
	}
	c.size += len(p)
}

// changed reports, under -w, whether the text differs from the input as
// read: once it is all written, whether the input is to be rewritten.
func (c *textCompare) changed() bool { return !c.same || c.size != len(c.raw) }

// textOut is the clean text of an input on its way to standard output,
// through the input's heldOutput (held, or written straight through once
// its turn has come), while dedupe.CleanTo makes it. Like textFile's,
// its Write does not fail: the heldOutput keeps the error of standard
// output for emit.
type textOut struct {
	to *heldOutput
}

// Write takes the next part of the text.
func (t textOut) Write(p []byte) (int, error) {
	t.to.Write(p) // an error stays in t.to, for emit, which writes nothing after it
	return len(p), nil
}

// Write takes the next part of the text. It does not fail: the first
// error is kept for finish, and the text after it is only counted and
// compared, so that under -w whether the input changed is what it was
// when the text was written after cleaning.
func (t *textFile) Write(p []byte) (int, error) {
	held := t.size // the bytes held back so far: under -w, raw's; else none
	t.add(p)
	if t.err != nil || t.hold && t.same {
		return len(p), nil
	}
	if t.f == nil && !t.start(held) {
		return len(p), nil
	}
	t.put(p)
	return len(p), nil
}

// finish commits the file once the whole text is written, or, after an
// error, removes what was written and returns the error. Under -w, an
// input that did not change is left as it is.
func (t *textFile) finish() error {
	if t.err != nil {
		return t.err
	}
	if t.hold && !t.changed() {
		return nil
	}
	// Nothing written yet: an empty text, or under -w one that is the
	// start of the input.
	if t.f == nil && !t.start(t.size) {
		return t.err
	}
	if err := t.f.commit(); err != nil {
		return t.wrap(err)
	}
	return nil
}

// start creates the file and writes to it the first held bytes of the
// text, held back because they were the input's too (-w): raw[:held].
func (t *textFile) start(held int) bool {
	if t.f, t.err = t.open(); t.err != nil {
		return false
	}
	return held == 0 || t.putString(t.raw[:held])
}

// put writes p to the file; on an error it removes the file.
func (t *textFile) put(p []byte) bool {
	_, err := t.f.Write(p)
	return t.wrote(err)
}

// putString writes s, a part of the input, to the file: see put.
func (t *textFile) putString(s string) bool {
	_, err := t.f.WriteString(s) // no copy: the input can be hundreds of megabytes
	return t.wrote(err)
}

// wrote records the error of a write, if any, and removes the file then.
func (t *textFile) wrote(err error) bool {
	if err != nil {
		t.f.abort()
		t.err = t.wrap(fmt.Errorf("write: %w", bare(err)))
	}
	return err == nil
}
