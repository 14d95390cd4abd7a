package cli

import (
	"bytes"
	"os"
	"testing"
)

// TestUseColor checks each rule of useColor, with standard output a
// terminal and not: every case has an answer that the rule it tests
// decides, so that it fails if the rule is gone.
func TestUseColor(t *testing.T) {
	tests := []struct {
		mode     string
		env      map[string]string
		terminal bool
		want     bool
	}{
		{"auto", nil, true, true},
		{"auto", nil, false, false},
		{"always", nil, false, true},
		{"never", nil, true, false},
		{"auto", map[string]string{"FORCE_COLOR": "1"}, false, true},
		{"auto", map[string]string{"FORCE_COLOR": "true"}, false, true},
		{"auto", map[string]string{"FORCE_COLOR": "0"}, false, false},
		{"auto", map[string]string{"FORCE_COLOR": "0"}, true, true},
		{"auto", map[string]string{"FORCE_COLOR": "1", "NO_COLOR": "1"}, false, true},
		{"auto", map[string]string{"NO_COLOR": "1"}, true, false},
		{"auto", map[string]string{"NO_COLOR": ""}, true, true},
		{"auto", map[string]string{"TERM": "dumb"}, true, false},
		{"auto", map[string]string{"TERM": "xterm"}, true, true},
		{"always", map[string]string{"NO_COLOR": "1", "TERM": "dumb"}, false, true},
		{"never", map[string]string{"FORCE_COLOR": "1"}, true, false},
	}
	for _, tc := range tests {
		got, err := useColor(tc.mode, func() bool { return tc.terminal }, func(k string) string { return tc.env[k] })
		if err != nil || got != tc.want {
			t.Errorf("useColor(%s, terminal %v, %v) = %v, %v; want %v", tc.mode, tc.terminal, tc.env, got, err, tc.want)
		}
	}
	if _, err := useColor("yes", func() bool { return true }, os.Getenv); err == nil {
		t.Errorf("useColor(yes) did not fail")
	}
}

// TestIsTerminal checks that neither a pipe nor a buffer is a terminal.
func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if isTerminal(w) {
		t.Error("a pipe is a terminal")
	}
	if isTerminal(new(bytes.Buffer)) {
		t.Error("a buffer is a terminal")
	}
}
