//go:build unix

package cli

import (
	"os"

	"golang.org/x/sys/unix"
)

// dupWritable returns a copy of this process's descriptor fd, named name,
// if it is open for writing; errReadOnlyDescriptor if it is open only for
// reading, and fcntl's error (EBADF) if it is not open. The copy shares the descriptor's offset, and closing it leaves
// fd open.
func dupWritable(fd int, name string) (*os.File, error) {
	flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
	if err != nil {
		return nil, err
	}
	if flags&unix.O_ACCMODE == unix.O_RDONLY {
		return nil, errReadOnlyDescriptor
	}
	copied, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return nil, err // EBADF: closed since; or EMFILE
	}
	return os.NewFile(uintptr(copied), name), nil
}
