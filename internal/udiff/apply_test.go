package udiff

import (
	"fmt"
	"strconv"
	"strings"
)

// applyDiff applies d, a diff written by Write with ctx lines of context, to
// old and returns the new text. It is strict: every line number, count and
// context line must be exact (no offsets, no fuzz), and the diff must follow
// GNU's layout: canonical ranges, exactly ctx lines of context where the text
// has them, hunks merged when their changes are at most 2*ctx lines apart,
// and deletions before insertions in each change.
func applyDiff(old, d string, ctx int) (string, error) {
	if d == "" {
		return old, nil
	}
	if !strings.HasSuffix(d, "\n") {
		return "", fmt.Errorf("diff does not end in a newline")
	}
	dl := splitLines(d)
	if len(dl) < 3 || !strings.HasPrefix(dl[0], "--- ") || !strings.HasPrefix(dl[1], "+++ ") {
		return "", fmt.Errorf("missing --- and +++ header")
	}
	dl = dl[2:]
	a := splitLines(old)
	var out []string
	pos := 0 // lines of a used so far
	for hunk := 0; len(dl) > 0; hunk++ {
		fields := strings.Fields(dl[0])
		if len(fields) != 4 || fields[3] != "@@" || dl[0] != strings.Join(fields, " ")+"\n" ||
			!strings.HasPrefix(fields[1], "-") || !strings.HasPrefix(fields[2], "+") {
			return "", fmt.Errorf("bad hunk header %q", dl[0])
		}
		a0, na, err := parseRange(fields[1][1:])
		if err != nil {
			return "", err
		}
		b0, nb, err := parseRange(fields[2][1:])
		if err != nil {
			return "", err
		}
		if a0 < pos || (hunk > 0 && a0 == pos) || a0+na > len(a) {
			return "", fmt.Errorf("hunk %q: old range out of place (at line %d of %d)", dl[0], pos, len(a))
		}
		out = append(out, a[pos:a0]...)
		pos = a0
		if b0 != len(out) {
			return "", fmt.Errorf("hunk %q: new range starts at %d, want %d", dl[0], b0, len(out))
		}
		dl = dl[1:]

		// Read the body, noting the kind of each line (' ', '-', '+').
		var kinds []byte
		seenA, seenB := 0, 0
		for seenA < na || seenB < nb {
			if len(dl) == 0 || dl[0] == "" || !strings.ContainsRune(" -+", rune(dl[0][0])) {
				return "", fmt.Errorf("hunk body too short")
			}
			kind, text := dl[0][0], dl[0][1:]
			dl = dl[1:]
			if len(dl) > 0 && dl[0] == "\\ No newline at end of file\n" {
				text = strings.TrimSuffix(text, "\n")
				dl = dl[1:]
			}
			if kind != '+' {
				if seenA == na || a[pos] != text {
					return "", fmt.Errorf("old line %d is %q, diff has %q", pos+1, a[pos], text)
				}
				seenA++
				pos++
			}
			if kind != '-' {
				if seenB == nb {
					return "", fmt.Errorf("hunk has more new lines than %d", nb)
				}
				out = append(out, text)
				seenB++
			}
			kinds = append(kinds, kind)
		}
		if len(dl) > 0 && !strings.HasPrefix(dl[0], "@@ ") {
			return "", fmt.Errorf("unexpected line %q after hunk", dl[0])
		}
		if err := checkShape(kinds, ctx, a0 == 0, pos == len(a)); err != nil {
			return "", fmt.Errorf("hunk %q: %v", fields[1]+" "+fields[2], err)
		}
	}
	out = append(out, a[pos:]...)
	return strings.Join(out, ""), nil
}

// parseRange parses "l,n" or "l" and returns the index of the range's first
// line and its length, insisting on GNU's canonical form.
func parseRange(s string) (start, n int, err error) {
	ls, ns, found := strings.Cut(s, ",")
	l, err1 := strconv.Atoi(ls)
	n = 1
	var err2 error
	if found {
		n, err2 = strconv.Atoi(ns)
	}
	if err1 != nil || err2 != nil || l < 0 || n < 0 {
		return 0, 0, fmt.Errorf("bad range %q", s)
	}
	start = l - 1
	if n == 0 {
		start = l
	}
	if got := string(appendRange(nil, start, n)); got != s || start < 0 {
		return 0, 0, fmt.Errorf("range %q is not written as GNU diff writes it", s)
	}
	return start, n, nil
}

// checkShape checks the sequence of line kinds of one hunk: at least one
// change, ctx lines of context at each end unless the hunk touches the start
// or end of the old text, between 1 and 2*ctx lines of context between
// changes, and no insertion followed by a deletion.
func checkShape(kinds []byte, ctx int, atStart, atEnd bool) error {
	s := string(kinds)
	lead := len(s) - len(strings.TrimLeft(s, " "))
	if lead == len(s) {
		return fmt.Errorf("no change")
	}
	trail := len(s) - len(strings.TrimRight(s, " "))
	if lead > ctx || (lead < ctx && !atStart) {
		return fmt.Errorf("%d lines of leading context, want %d", lead, ctx)
	}
	if trail > ctx || (trail < ctx && !atEnd) {
		return fmt.Errorf("%d lines of trailing context, want %d", trail, ctx)
	}
	for _, run := range strings.FieldsFunc(s[lead:len(s)-trail], func(r rune) bool { return r != ' ' }) {
		if len(run) > 2*ctx {
			return fmt.Errorf("%d lines of context inside a hunk, more than %d", len(run), 2*ctx)
		}
	}
	if strings.Contains(s, "+-") {
		return fmt.Errorf("insertion before deletion")
	}
	return nil
}
