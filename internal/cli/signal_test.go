//go:build unix

package cli

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestSignalsBackToBack interrupts a process that, like textclean waiting
// on a FIFO no one writes to, never finishes the input under way, and
// interrupts it again as soon as it has seen the first. The second must end
// it, by its own default action, even when it comes before that action is
// back; it used to be dropped then, and the process ran on. (Two signals
// sent at once can be one to the kernel and to the Go runtime, so the
// second waits for the first to be seen.) The process is this test binary
// again, told by an environment variable to run signalContext and wait.
func TestSignalsBackToBack(t *testing.T) {
	if os.Getenv(signalChildEnv) != "" {
		waitAfterSignal()
		return
	}
	for _, pair := range [][2]syscall.Signal{
		{syscall.SIGINT, syscall.SIGINT},
		{syscall.SIGTERM, syscall.SIGTERM},
		{syscall.SIGINT, syscall.SIGTERM},
		{syscall.SIGTERM, syscall.SIGINT},
	} {
		first, second := pair[0], pair[1]
		t.Run(unix.SignalName(first)+"_"+unix.SignalName(second), func(t *testing.T) {
			for range 10 {
				signalTwice(t, first, second)
			}
		})
	}
}

// signalTwice starts a child of TestSignalsBackToBack, sends it first, then
// second as soon as it says it has seen first, and checks that second ends
// it.
func signalTwice(t *testing.T, first, second syscall.Signal) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestSignalsBackToBack$")
	cmd.Env = append(os.Environ(), signalChildEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	fail := func(format string, args ...any) {
		t.Helper()
		cmd.Process.Kill()
		<-done
		t.Fatalf(format, args...)
	}
	said := bufio.NewReader(out)
	if line, err := said.ReadString('\n'); err != nil || line != "ready\n" {
		fail("the child said %q (%v), not ready", line, err)
	}
	cmd.Process.Signal(first)
	if line, err := said.ReadString('\n'); err != nil || line != "interrupted\n" {
		fail("the child said %q (%v), not interrupted", line, err)
	}
	cmd.Process.Signal(second)
	select {
	case err := <-done:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != second {
			t.Fatalf("the child ended with %v, not killed by the second signal (%v)", err, second)
		}
	case <-time.After(10 * time.Second):
		fail("the child still runs 10 s after %v and %v", first, second)
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

// TestSignalContextStop checks that the stop of signalContext, called with
// no signal (as every run that ends by itself does), cancels the context
// and ends the goroutine that waits for a signal, and that a second call
// does nothing.
func TestSignalContextStop(t *testing.T) {
	_, stop := signalContext() // os/signal starts its own goroutine once
	stop()
	before := runtime.NumGoroutine()
	for range 100 {
		ctx, stop := signalContext()
		stop()
		stop()
		if ctx.Err() == nil {
			t.Fatal("the context is not done after stop")
		}
	}
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > before; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines before, %d after 100 stopped signalContexts", before, runtime.NumGoroutine())
		}
	}
}
