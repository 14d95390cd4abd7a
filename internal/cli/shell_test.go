package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// output runs textclean with args and returns its standard output.
func output(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Run(append([]string{"textclean"}, args...), strings.NewReader(""), &stdout, &stderr); code != ExitOK {
		t.Fatalf("textclean %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// TestCompletionScripts checks that each script names every flag, and
// that bash, zsh and fish (those installed) accept it.
func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		script := output(t, "--completion", shell)
		for _, f := range append(flags(), shellFlags()...) {
			name := "--" + f.Names()[0]
			if shell == "fish" {
				name = "-l " + f.Names()[0] + " "
			}
			if !strings.Contains(script, name) {
				t.Errorf("%s: no --%s", shell, f.Names()[0])
			}
		}
		path, err := exec.LookPath(shell)
		if err != nil {
			t.Logf("%s is not installed: its script's syntax is not checked", shell)
			continue
		}
		file := filepath.Join(t.TempDir(), "textclean."+shell)
		if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(path, "-n", file).CombinedOutput(); err != nil {
			t.Errorf("%s -n: %v\n%s", shell, err, out)
		}
	}
	var stderr bytes.Buffer
	if code := Run([]string{"textclean", "--completion", "tcsh"}, nil, new(bytes.Buffer), &stderr); code != ExitError ||
		!strings.Contains(stderr.String(), `--completion "tcsh": want bash, zsh or fish`) {
		t.Errorf("--completion tcsh: exit %d, %s", code, stderr.String())
	}
}

// TestFlagUsage checks that every flag, textclean's and the phases', has a
// usage: the help, the manual page and the completion scripts show it.
func TestFlagUsage(t *testing.T) {
	seen := make(map[string]bool)
	for _, f := range append(append(flags(), shellFlags()...), phaseFlags()...) {
		name := f.Names()[0]
		if seen[name] {
			continue // the phases share textclean's flags
		}
		seen[name] = true
		d, ok := f.(cli.DocGenerationFlag)
		if !ok {
			t.Errorf("--%s: no usage to show (a %T)", name, f)
		} else if strings.TrimSpace(d.GetUsage()) == "" {
			t.Errorf("--%s has no usage", name)
		}
	}
}

// TestBashCompletion runs the bash script's function on command lines.
func TestBashCompletion(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "textclean.bash")
	if err := os.WriteFile(script, []byte(output(t, "--completion", "bash")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"article.txt", "notes.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		words []string // the command line, the word being completed last
		want  string   // COMPREPLY, sorted, one per line
	}{
		{[]string{"textclean", "--co"}, "--color\n--completion"},
		{[]string{"textclean", "--color", "a"}, "always\nauto"},
		{[]string{"textclean", "--paragraphs", ""}, "auto\nblocks\nlines"},
		{[]string{"textclean", "-d", "art"}, "article.txt"},
		{[]string{"textclean", "--html", "no"}, "notes.md"},
		{[]string{"textclean", "-j", ""}, ""},
		{[]string{"textclean", "--stat"}, "--state\n--stats"},
	}
	for _, tc := range tests {
		var quoted []string
		for _, w := range tc.words {
			quoted = append(quoted, "'"+w+"'")
		}
		prog := "source " + script + "; COMP_WORDS=(" + strings.Join(quoted, " ") + "); COMP_CWORD=" +
			strconv.Itoa(len(tc.words)-1) + "; _textclean; printf '%s\\n' \"${COMPREPLY[@]}\" | sort"
		cmd := exec.Command("bash", "-c", prog)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", tc.words, err, out)
		}
		if got := strings.TrimSpace(string(out)); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.words, got, tc.want)
		}
	}
}

// TestManPage checks the manual page's sections and, where groff is
// installed, that it formats without a warning.
func TestManPage(t *testing.T) {
	page := output(t, "--man")
	for _, want := range []string{".TH textclean 1", ".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH EXIT STATUS", `\fB--diff, -d\fP`, `\fB--html\fP`} {
		if !strings.Contains(page, want) {
			t.Errorf("the manual page lacks %q", want)
		}
	}
	for i, r := range page {
		if r >= 0x80 {
			t.Fatalf("the manual page has %q at byte %d: groff reads Latin-1", r, i)
		}
	}
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("no groff: the page is not formatted")
	}
	cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z")
	cmd.Stdin = strings.NewReader(page)
	out, err := cmd.CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("groff: %v\n%s", err, out)
	}
}

// TestManPageExitChanged checks that the manual page's exit status 1 names
// every flag that exits 1: each flag without a value is tried alone on an
// input that cleaning changes.
func TestManPageExitChanged(t *testing.T) {
	page := output(t, "--man")
	_, after, ok := strings.Cut(page, ".SH EXIT STATUS")
	if !ok {
		t.Fatal("the manual page has no EXIT STATUS")
	}
	_, one, ok := strings.Cut(after, "\n.B 1\n")
	if !ok {
		t.Fatal("the manual page's EXIT STATUS has no 1")
	}
	one, _, _ = strings.Cut(one, "\n.TP")
	words := make(map[string]bool)
	for _, w := range strings.Fields(one) {
		words[strings.Trim(w, ",;:()")] = true
	}
	changing := 0 // the flags that exit 1
	for _, f := range append(flags(), shellFlags()...) {
		if _, ok := f.(*cli.BoolFlag); !ok {
			continue
		}
		file := filepath.Join(t.TempDir(), "dirty.txt")
		if err := os.WriteFile(file, []byte("a&amp;b\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		name := f.Names()[0]
		if _, _, code := run(t, "", "--"+name, file); code != ExitChanged {
			continue
		}
		changing++
		named := false
		for _, n := range dashed(flagInfos([]cli.Flag{f})[0]) {
			named = named || words[n]
		}
		if !named {
			t.Errorf("--%s exits 1, but the manual page's exit status 1 does not name it: %q", name, one)
		}
	}
	if changing == 0 {
		t.Error("no flag exits 1 on an input that cleaning changes")
	}
}
