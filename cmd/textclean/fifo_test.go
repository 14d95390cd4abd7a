//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestSecondInterrupt reads a FIFO that no one writes to, which never
// ends: the first SIGINT cannot finish that input, so textclean waits; the
// second ends it at once, for cleaning and for textclean sign.
func TestSecondInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildTextclean(t)
	for _, command := range [][]string{nil, {"sign"}} {
		t.Run(strings.Join(append([]string{"textclean"}, command...), " "), func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "pipe.txt")
			if err := unix.Mkfifo(fifo, 0o644); err != nil {
				t.Skip("cannot make a FIFO here:", err)
			}
			cmd, _ := startTextclean(t, bin, nil, append(command, fifo)...)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()

			time.Sleep(time.Second) // let it reach the FIFO
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				t.Fatalf("the first interrupt ended textclean (%v): it should wait for the input under way", err)
			case <-time.After(500 * time.Millisecond):
			}
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("textclean still runs 10 s after the second interrupt")
			}
		})
	}
}
