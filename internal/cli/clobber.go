package cli

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
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
// in this project's own work, four times in one day. The check is made
// before anything is read or cleaned. A symbolic link is followed with
// followLinks, as createOutput follows it, so that the file checked is
// the file createOutput would replace: a link to an input (latest.txt ->
// article.txt) is refused like the input. A device or pipe, an open file
// reached through procfs (/dev/stdout) or a link to a name not there yet
// is written as createOutput says, unchecked: nothing is replaced.
func refuseToReplace(path, kind string, heads ...string) error {
	info, err := os.Lstat(path)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		end, ferr := followLinks(path)
		if ferr != nil || end.info == nil {
			return nil // createOutput reports the error, opens the open file or makes the new one
		}
		path, info = end.path, end.info
	}
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
