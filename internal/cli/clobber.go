package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
)

// refuseToReplace guards the file an output of a kind of its own is
// written to (--report FILE, --html FILE): it fails when path names,
// directly, a regular file that is not empty and does not begin as a
// file of that kind does (with one of heads, after any white space).
// Such a file is most likely an input named where the output's FILE
// goes: `textclean --report article.txt` reads standard input and would
// replace article.txt with the report of nothing, and `textclean --report
// a.txt a.txt` would replace the input with its own report. Both happened
// in this project's own work, three times in one day. The check is made
// before anything is read or cleaned. A path that is a symbolic link
// (/dev/stdout, a link to a log) or a device or pipe is written as
// createOutput says, unchecked: its target is not a file the user named.
func refuseToReplace(path, kind string, heads ...string) error {
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() == 0 {
		return nil // a new file, or one createOutput handles (and reports errors for)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil // unreadable: createOutput's own error, if writing fails too, says why
	}
	defer f.Close()
	start := make([]byte, 64)
	n, err := io.ReadFull(f, start)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil
	}
	start = bytes.TrimLeft(start[:n], " \t\r\n")
	for _, head := range heads {
		if len(start) >= len(head) && bytes.EqualFold(start[:len(head)], []byte(head)) {
			return nil
		}
	}
	return errors.New("exists and is not " + kind + "; not replaced (remove it first, or name another file)")
}
