// Package udiff writes the unified diff (the format of GNU "diff -u") that
// turns one text into another.
//
// [Write] is the whole API for the common case: it writes a "--- old" and
// "+++ new" header (no timestamps, names as given, like diff -u with --label)
// followed by hunks with three lines of context; [Options.Write] sets another
// context size. [WriteLines] takes the new text as its lines, each followed
// by one line end, and reads them where they are: the new text need not be
// in memory whole. Hunks follow GNU's conventions exactly: "@@ -a,b +c,d @@"
// headers where a count of 1 is omitted and an empty range names the line
// before it, changes whose context would touch or overlap are merged into one
// hunk, deletions come before insertions, and a "\ No newline at end of file"
// line follows the last line of a side that does not end in a newline.
//
// Texts are split into lines after each '\n' only; a '\r' stays part of its
// line. Bytes are copied as they are, so text that is not valid UTF-8
// round-trips exactly. The diff is streamed to the [io.Writer] hunk by hunk
// through a buffer of 64 KB, which a longer line may bypass (bufio writes
// it whole to an empty buffer's [io.StringWriter], an [os.File] among
// them); for big texts, up to five segments of hunks are held at a time,
// each of about 2048 lines of the old text.
//
// # The line diff
//
// The edit script comes from github.com/sergi/go-diff/diffmatchpatch, with
// DiffTimeout = 0 so that it is deterministic. After the common leading and
// trailing lines are trimmed, what is left is one gap. A gap that is
// empty on one side, or one line on each, is deleted and inserted whole,
// its lines not numbered (see below). A gap of at most
// 4,000 lines, old and new together, goes to go-diff whole, and its script is
// as short as possible (Myers' algorithm without the time-limited shortcuts;
// the same number of deleted and inserted lines as diff --minimal).
//
// Myers' algorithm takes time proportional to the number of lines times the
// number of changes, which is quadratic when, as with deduplicated text, a
// fixed share of the lines is deleted. So a larger gap is first split at
// anchors, as in patience diff: of the lines found exactly once in each side
// of the gap, the longest run that comes in the same order in both is
// matched, and the gaps between these anchors are trimmed and diffed the same
// way, up to 32 splits deep. Finding the anchors takes O(n log n) time. The
// script is then no longer minimal for sure: a line found once that moved
// can become an anchor that costs more changes than it saves. On the
// package's benchmark texts (deleted repeats, edited lines, moved paragraphs)
// the counts are still those of diff --minimal.
//
// A larger gap without anchors, such as thousands of lines drawn from a few
// distinct ones, is diffed window by window: go-diff diffs the next 2,000
// lines of each side, the script is kept up to the first matched line past
// the middle of either window, and the next window starts after that line.
// This gives a correct diff, minimal within each window but not always over
// the gap, in time linear in the size of the gap (each window moves at least
// 1,000 lines along one side).
//
// This package does the line-to-rune step itself instead of calling
// DiffLinesToRunes: in each gap it diffs, it leaves out the lines found in
// only one side, which can only be deleted or inserted, and gives every
// distinct line found in both one rune. go-diff then diffs those runes with
// DiffMainRunes, and the equalities it finds, mapped back to line numbers,
// make the edit script; every matched line is checked against the texts
// before anything is written. Leaving out unmatched lines changes no result
// but makes the diff much faster when most changed lines are new or deleted
// text.
//
// Lines are numbered (equal lines, equal numbers) by a 64-bit xxhash of
// their text in a table of hashes, not by a map from their texts, which on
// large texts missed the processor's caches several times a line. Only the
// old text's lines go into the table: the new text's lines found nowhere
// in the old, which can only be inserted, all share one number. Each
// line the diff matches is compared with its twin; should two different
// lines ever share a hash and be matched, the lines are numbered again by
// their texts and diffed again. Two lines that share a hash but are never matched leave a correct
// diff, which can differ from the one found without the collision (odds
// about n²/2⁶⁵ for n distinct lines).
//
// Doing this step here also avoids a limit of go-diff v1.4.0, whose
// DiffLinesToRunes panics beyond 1,112,060 distinct lines (one rune each,
// and Unicode runs out). Here go-diff sees at most 4,000 lines at a time,
// far below the 1,112,064 runes there are; were there ever more distinct
// shared lines than runes, those over the limit would be treated as
// unshared, which gives a diff that is still correct but longer than it
// needs to be.
//
// # On several cores
//
// From 256 KB of text to diff on (the texts less their common ends), the
// work is shared by GOMAXPROCS goroutines where it can be, and the diff is
// byte for byte the one made on one. The lines are cut into shares of
// about a megabyte, counted a share a goroutine, then hashed a share a
// goroutine while one of them numbers the hashed shares in order, so the
// ids are those of the serial numbering. The gap at depth 0, once split at
// its anchors, is cut in two at the anchor past its middle, and the gaps
// before it and after it are diffed on two goroutines, each with scratch
// of its own: a gap between anchors is diffed from its own lines alone, so
// the matches are the same. The hunks are cut into segments at unchanged
// runs that no hunk reaches across, each written into memory by one of
// at most four goroutines, and the segments are written out in order;
// hunks with no such run between them are one segment, written out as it
// is made, as on one core.
package udiff
