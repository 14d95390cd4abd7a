//go:build unix

package cli

import (
	"os"
	"strconv"

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

// reopen opens path, a link of procfs to another process's open file,
// anew with flag, as a file named name, the path the user gave: errors of
// writing it name that path, not /proc/PID/fd/N. An error opening it is
// the system's alone: the caller's message names the path.
func reopen(path string, flag int, name string) (*os.File, error) {
	for {
		fd, err := unix.Open(path, flag|unix.O_CLOEXEC, 0)
		switch {
		case err == unix.EINTR: // as os.OpenFile does: opening a pipe can wait
			continue
		case err != nil:
			return nil, err
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}

// listStartDescriptors lists this process's descriptors that are open
// and were given to it, from /proc/self/fd: those without close-on-exec.
// Every descriptor Go opens has it (the runtime's own, such as its epoll
// instance and the cgroup files it reads for GOMAXPROCS, and the one the
// list is read through), and none that came through exec can. Run calls
// it first.
func listStartDescriptors() startDescriptors {
	d, err := os.Open("/proc/self/fd")
	if err != nil {
		return startDescriptors{} // no procfs: no path of procfs reaches an open file either
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return startDescriptors{}
	}
	s := startDescriptors{known: true}
	for _, name := range names {
		fd, err := strconv.Atoi(name)
		if err != nil {
			continue
		}
		if flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err == nil && flags&unix.FD_CLOEXEC == 0 {
			s.fds = append(s.fds, fd)
		}
	}
	return s
}
