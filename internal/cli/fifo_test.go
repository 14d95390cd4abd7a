//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestFIFO cleans named pipes. A FIFO is read like standard input, to its
// end or to --max-size: one fed without end is refused at the limit, not
// read forever. -w refuses a FIFO without opening it (opening would wait
// for a writer), and a folder walk skips FIFOs.
func TestFIFO(t *testing.T) {
	tests := []struct {
		name   string
		args   func(dir, fifo string) []string
		feed   func(fifo string) // writes into the FIFO; nil: no writer
		code   int
		stdout string
		stderr string // after "textclean: FIFO: ", if not ""
	}{
		{
			name: "fed in pieces, then closed",
			args: func(_, fifo string) []string { return []string{fifo} },
			feed: func(fifo string) {
				f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					return
				}
				defer f.Close()
				for piece := range strings.Lines(dirtyText) {
					f.WriteString(piece)
					time.Sleep(5 * time.Millisecond)
				}
			},
			stdout: cleanText,
		},
		{
			name: "fed without end",
			args: func(_, fifo string) []string { return []string{"--max-size", "64K", fifo} },
			feed: func(fifo string) {
				f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					return
				}
				defer f.Close()
				chunk := []byte(strings.Repeat("y\n", 4096))
				for {
					if _, err := f.Write(chunk); err != nil {
						return // the reader closed its end
					}
				}
			},
			code:   ExitError,
			stderr: "more than --max-size 65536 bytes; not cleaned",
		},
		{
			name:   "-w, no writer",
			args:   func(_, fifo string) []string { return []string{"-w", fifo} },
			code:   ExitError,
			stderr: "not a regular file; not rewritten",
		},
		{
			name: "in a folder, no writer",
			args: func(dir, _ string) []string { return []string{"-q", dir} },
			// The regular file beside it is cleaned; the FIFO is skipped.
			stdout: cleanText,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			fifo := filepath.Join(dir, "pipe.txt")
			if err := unix.Mkfifo(fifo, 0o644); err != nil {
				t.Skip("cannot make a FIFO here:", err)
			}
			if err := os.WriteFile(filepath.Join(dir, "regular.txt"), []byte(dirtyText), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.feed != nil {
				go tt.feed(fifo)
			}
			type result struct {
				stdout, stderr string
				code           int
			}
			done := make(chan result, 1)
			go func() {
				stdout, stderr, code := run(t, "", tt.args(dir, fifo)...)
				done <- result{stdout, stderr, code}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("textclean still runs after 30 s")
			}
			if r.code != tt.code || r.stdout != tt.stdout {
				t.Errorf("exit %d, stdout %.80q; want %d, %q", r.code, r.stdout, tt.code, tt.stdout)
			}
			want := ""
			if tt.stderr != "" {
				want = "textclean: " + fifo + ": " + tt.stderr + "\n"
			}
			if r.stderr != want {
				t.Errorf("stderr %q, want %q", r.stderr, want)
			}
		})
	}
}
