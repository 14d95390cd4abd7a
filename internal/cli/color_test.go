package cli

import (
	"bytes"
	"io"
	"os"
	"testing"
)

func TestUseColor(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	tests := []struct {
		mode string
		env  map[string]string
		want bool
	}{
		{"auto", nil, false}, // a pipe is no terminal
		{"always", nil, true},
		{"never", nil, false},
		{"auto", map[string]string{"FORCE_COLOR": "1"}, true},
		{"auto", map[string]string{"FORCE_COLOR": "true"}, true},
		{"auto", map[string]string{"FORCE_COLOR": "0"}, false},
		{"auto", map[string]string{"FORCE_COLOR": "1", "NO_COLOR": "1"}, true},
		{"auto", map[string]string{"NO_COLOR": "1"}, false},
		{"auto", map[string]string{"TERM": "dumb"}, false},
		{"always", map[string]string{"NO_COLOR": "1"}, true},
		{"never", map[string]string{"FORCE_COLOR": "1"}, false},
	}
	for _, tc := range tests {
		for _, out := range []io.Writer{w, new(bytes.Buffer)} {
			got, err := useColor(tc.mode, out, func(k string) string { return tc.env[k] })
			if err != nil || got != tc.want {
				t.Errorf("useColor(%s, %T, %v) = %v, %v; want %v", tc.mode, out, tc.env, got, err, tc.want)
			}
		}
	}
	if _, err := useColor("yes", w, os.Getenv); err == nil {
		t.Errorf("useColor(yes) did not fail")
	}
}
