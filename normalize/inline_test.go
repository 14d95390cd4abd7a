package normalize

import (
	"os/exec"
	"regexp"
	"testing"
)

// TestInlined fails when a function whose comment counts on it being
// inlined is not: Document.Text at cost 79 of the budget of 80 (see
// textRef), where one more test in it puts every caller's read of a
// line's text behind a call (115 made it +1.1% of the instructions of
// textclean on 16 MB of the stream). It asks the compiler (go build
// -gcflags=-m, 0.2-0.8 s), so -short skips it.
func TestInlined(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package with -gcflags=-m")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command(goTool, "build", "-gcflags=-m", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	for _, name := range []string{`(*Document).Text`} {
		if !regexp.MustCompile(`(?m)^\S+: can inline ` + regexp.QuoteMeta(name) + `( |$)`).Match(out) {
			t.Errorf("%s is no longer inlined (go build -gcflags=-m ./normalize/)", name)
		}
	}
}
