//go:build unix

package cli

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestSignalsBackToBack interrupts a process that, like textclean waiting
// on a FIFO no one writes to, never finishes the input under way, and
// interrupts it again as soon as it has seen the first. The second must end
// it, even when it comes before the default action is back; it used to be
// dropped then, and the process ran on. (Two signals sent at once can be
// one to the kernel, so the second waits for the first to be seen.) The
// process is this test binary again, told by an environment variable to
// run signalContext and wait.
func TestSignalsBackToBack(t *testing.T) {
	if os.Getenv(signalChildEnv) != "" {
		waitAfterSignal()
		return
	}
	for range 20 {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestSignalsBackToBack$")
		cmd.Env = append(os.Environ(), signalChildEnv+"=1")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		said := bufio.NewReader(out)
		if line, err := said.ReadString('\n'); err != nil || line != "ready\n" {
			cmd.Process.Kill()
			t.Fatalf("the child said %q (%v), not ready", line, err)
		}
		cmd.Process.Signal(syscall.SIGINT)
		if line, err := said.ReadString('\n'); err != nil || line != "interrupted\n" {
			cmd.Process.Kill()
			t.Fatalf("the child said %q (%v), not interrupted", line, err)
		}
		cmd.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGINT {
				t.Fatalf("the child ended with %v, not killed by the second SIGINT", err)
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatal("the child still runs 10 s after two interrupts")
		}
	}
}

// signalChildEnv marks the child process of TestSignalsBackToBack.
const signalChildEnv = "TEXTCLEAN_SIGNAL_CHILD"

// waitAfterSignal sets up signalContext, says it is ready, and after the
// first signal says so and waits for ever, as an input that never ends
// would.
func waitAfterSignal() {
	ctx, stop := signalContext()
	defer stop()
	os.Stdout.WriteString("ready\n")
	<-ctx.Done()
	os.Stdout.WriteString("interrupted\n")
	time.Sleep(time.Hour)
}
