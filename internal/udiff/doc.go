// Package udiff writes the unified diff (the format of GNU "diff -u") that
// turns one text into another.
//
// [Write] is the whole API for the common case: it writes a "--- old" and
// "+++ new" header (no timestamps, names as given, like diff -u with --label)
// followed by hunks with three lines of context; [Options.Write] sets another
// context size. Hunks follow GNU's conventions exactly: "@@ -a,b +c,d @@"
// headers where a count of 1 is omitted and an empty range names the line
// before it, changes whose context would touch or overlap are merged into one
// hunk, deletions come before insertions, and a "\ No newline at end of file"
// line follows the last line of a side that does not end in a newline.
//
// Texts are split into lines after each '\n' only; a '\r' stays part of its
// line. Bytes are copied as they are, so text that is not valid UTF-8
// round-trips exactly. The diff is streamed to the [io.Writer] hunk by hunk
// through a small buffer.
//
// # The line diff
//
// The edit script comes from github.com/sergi/go-diff/diffmatchpatch in line
// mode with DiffTimeout = 0, so it is deterministic and as short as possible
// (Myers' algorithm without the time-limited shortcuts; the same number of
// deleted and inserted lines as diff --minimal). This package does the
// line-to-rune step itself instead of calling DiffLinesToRunes: after
// trimming the common leading and trailing lines, it leaves out the lines
// found in only one of the texts, which can only be deleted or inserted, and
// gives every distinct line found in both one rune. go-diff then diffs those
// runes with DiffMainRunes, and the equalities it finds, mapped back to line
// numbers, make the edit script; it is checked against the texts before
// anything is written. Leaving out unmatched lines changes no result but
// makes the diff much faster when most changed lines are new or deleted text.
//
// Doing this step here also lifts a limit of go-diff v1.4.0, whose
// DiffLinesToRunes panics beyond 1,112,060 distinct lines (one rune each,
// and Unicode runs out). Here only distinct lines found in both changed
// middles need a rune (there are 1,112,064); should a text ever have more,
// those over the limit are treated as unshared, which gives a diff that is
// still correct but longer than it needs to be.
package udiff
