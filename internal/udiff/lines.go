package udiff

import "strings"

// splitLines splits s after each '\n'. Every line ends in '\n' except
// possibly the last, which holds what follows the final newline; no line is
// empty, and an empty s has no lines.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	n := strings.Count(s, "\n")
	if s[len(s)-1] != '\n' {
		n++
	}
	lines := make([]string, 0, n)
	for s != "" {
		i := strings.IndexByte(s, '\n') + 1
		if i == 0 {
			i = len(s)
		}
		lines = append(lines, s[:i])
		s = s[i:]
	}
	return lines
}
