package cli

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress shows, on a terminal, how far a run over many files is: one
// line, drawn again in place (a carriage return) at most every
// progressEvery, such as
//
//	12/40 files  30% [====            ] 3.1/10.4 MB  2.5 MB/s  3s left
//
// and cleared when the run ends, so that the summary line takes its place.
// It is cut to the terminal's width (see line). A nil *progress shows
// nothing.
//
// It replaced github.com/schollz/progressbar/v3, whose package also has
// an HTTP server for the bar's state: it linked net/http, crypto/tls and,
// through net, the C library into textclean (a binary of 12.7 MB, 9.9
// without), and their pages were resident in every run: on the 100 MB
// stream of bench/run.sh, peak RSS 206.4 -> 203.4 MB (4 runs alternated,
// load 4-6, with the bar replaced by a stand-in that printed a count),
// of which the C library's mapping was 1 MB.
type progress struct {
	w            io.Writer
	files, done  int   // the inputs to clean, and those done
	total, bytes int64 // their bytes, and those of the inputs done
	now          func() time.Time
	cols         func() int // the terminal's width in columns, 0 if unknown
	start, drawn time.Time  // when the run started, and the line was last drawn
	width        int        // the width of the line drawn, 0 if none is shown
}

// progressEvery is how often the line is drawn at most.
const progressEvery = 100 * time.Millisecond

// progressBar is the width of the bar between the brackets.
const progressBar = 16

// add counts one more file done, of the given size, and draws the line if
// it was last drawn progressEvery ago or more, or if that was the last
// file.
func (p *progress) add(bytes int64) {
	if p == nil {
		return
	}
	p.done++
	p.bytes += bytes
	now := p.now()
	if p.width > 0 && now.Sub(p.drawn) < progressEvery && p.done < p.files {
		return
	}
	p.drawn = now
	p.draw(p.line(now.Sub(p.start), p.cols()))
}

// line returns the line that shows p after elapsed time, on a terminal
// cols columns wide (0: as wide as it takes). The line is cut after its
// last part that leaves the last column free: a line that reached it
// would wrap (at once, or with the next character, as terminals differ),
// and the carriage return that draws the next one goes back to the start
// of the last row only, so that each drawing would leave a row behind.
// The line is ASCII: its bytes are its columns.
func (p *progress) line(elapsed time.Duration, cols int) string {
	// The bytes done, or the files if there are no bytes to count (empty
	// files, or none that Stat could read): not 100% from the first file.
	frac := 1.0
	switch {
	case p.total > 0:
		frac = min(float64(p.bytes)/float64(p.total), 1)
	case p.files > 0:
		frac = min(float64(p.done)/float64(p.files), 1)
	}
	filled := int(frac * progressBar)
	parts := []string{
		fmt.Sprintf("%d/%d files %3d%%", p.done, p.files, int(frac*100)),
		fmt.Sprintf(" [%s%s]", strings.Repeat("=", filled), strings.Repeat(" ", progressBar-filled)),
		fmt.Sprintf(" %.1f/%.1f MB", float64(p.bytes)/1e6, float64(p.total)/1e6),
	}
	if secs := elapsed.Seconds(); secs > 0 && p.bytes > 0 {
		speed := float64(p.bytes) / secs
		parts = append(parts, fmt.Sprintf("  %.1f MB/s", speed/1e6))
		if left := p.total - p.bytes; left > 0 {
			parts = append(parts, fmt.Sprintf("  %v left", time.Duration(float64(left)/speed*float64(time.Second)).Round(time.Second)))
		}
	}
	if cols <= 0 {
		return strings.Join(parts, "")
	}
	if len(parts[0]) >= cols {
		return parts[0][:cols-1]
	}
	var b strings.Builder
	for _, s := range parts {
		if b.Len()+len(s) >= cols {
			break
		}
		b.WriteString(s)
	}
	return b.String()
}

// draw writes line over the one shown, blanking what is left of that one.
func (p *progress) draw(line string) {
	pad := max(p.width-len(line), 0)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
	if pad > 0 {
		fmt.Fprintf(p.w, "\r%s", line) // the cursor after the line, not the blanks
	}
	p.width = len(line)
}

// clear blanks the line shown, if any, and puts the cursor at its start.
func (p *progress) clear() {
	if p == nil || p.width == 0 {
		return
	}
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
	p.width = 0
}
