//go:build linux

package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// openTerminal opens a pseudo-terminal cols columns wide and returns its
// two ends: the terminal the program writes to, and the other end, from
// which what it writes is read. onlcr is on, as on a real terminal: each
// "\n" written is read as "\r\n".
func openTerminal(t *testing.T, cols uint16) (tty, pty *os.File) {
	t.Helper()
	pty, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skip("no pseudo-terminals here:", err)
	}
	t.Cleanup(func() { pty.Close() })
	if err := unix.IoctlSetPointerInt(int(pty.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(pty.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 24, Col: cols}); err != nil {
		t.Fatal(err)
	}
	return tty, pty
}

// progressDrawn matches a progress line as drawn.
var progressDrawn = regexp.MustCompile(`\r\d+/3 files +\d+%[^\r\n]*`)

// TestProgressOnTerminal runs over a folder of three files with standard
// error on a terminal 40 columns wide, and standard output on it too or
// not, and checks what the terminal shows: the progress line, each drawing
// narrower than the terminal (see progress.line), cleared before the
// summary; and none when the run prints each input's diff or names on the
// same terminal (see command.printsEach), where the diff's first line
// would follow it on its row.
func TestProgressOnTerminal(t *testing.T) {
	dir := t.TempDir()
	for k := range 3 {
		text := fmt.Sprintf("Story %d.\n\nRead more.\n\nRead more.\n", k)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.txt", k)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		args     []string
		toTTY    bool // standard output is the terminal too
		progress bool
	}{
		{[]string{"--check"}, true, true},
		{[]string{"-w"}, true, true},
		{[]string{"-d"}, false, true},
		{[]string{"-d"}, true, false},
		{[]string{"-l"}, true, false},
		{nil, true, false}, // the clean texts
	} {
		const cols = 40
		tty, pty := openTerminal(t, cols)
		var shown bytes.Buffer
		done := make(chan struct{})
		go func() {
			io.Copy(&shown, pty) // until the terminal is closed: EIO
			close(done)
		}()
		var stdout io.Writer = tty
		if !c.toTTY {
			stdout = io.Discard
		}
		in := t.TempDir()
		if err := os.CopyFS(in, os.DirFS(dir)); err != nil {
			t.Fatal(err)
		}
		args := append(append([]string{"textclean", "-j", "1"}, c.args...), in)
		Run(args, strings.NewReader(""), stdout, tty)
		tty.Close()
		<-done
		out := shown.String()
		drawn := progressDrawn.FindAllString(out, -1)
		name := fmt.Sprintf("%q, standard output on the terminal: %v", c.args, c.toTTY)
		if !c.progress {
			if len(drawn) > 0 {
				t.Errorf("%s: a progress line: %q", name, out)
			}
			continue
		}
		if len(drawn) == 0 || !strings.HasPrefix(drawn[len(drawn)-1], "\r3/3 files 100%") {
			t.Errorf("%s: no progress line drawn to the end: %q", name, out)
			continue
		}
		for _, d := range drawn {
			if len(d)-1 >= cols {
				t.Errorf("%s: a line of %d bytes on %d columns: %q", name, len(d)-1, cols, d)
			}
		}
		if !regexp.MustCompile(`\r +\rtextclean: 3 files`).MatchString(out) {
			t.Errorf("%s: the line not cleared before the summary: %q", name, out)
		}
	}
}
