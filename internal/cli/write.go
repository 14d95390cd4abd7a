package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// rewrite replaces the file at path with text, atomically, keeping its
// permissions (setuid, setgid and sticky bits included) and, where the
// system lets us, its owner and group. read is the file as it was when its
// text was read: if it has changed since (written to, replaced by a folder
// or a link), it is not rewritten. A symbolic link is followed and its
// target rewritten. A file that is read-only (no owner write bit), or that
// the user may not write, is refused and left as it is. As with every
// rename-based rewrite, a file with several hard links is detached from the
// others.
func rewrite(path, text string, read os.FileInfo) error {
	f, err := startRewrite(path, read)
	if err != nil {
		return err
	}
	return f.fill(text)
}

// startRewrite starts rewriting the file at path: see rewrite.
func startRewrite(path string, read os.FileInfo) (*atomicFile, error) {
	target, info, err := rewriteTarget(path)
	if err != nil {
		return nil, err
	}
	if read == nil {
		read = info
	}
	return createAtomic(target, read)
}

// rewriteTarget returns the file that rewriting path replaces (the target
// of a symbolic link) and what it is like now, or why it may not be
// rewritten: it is not a regular file, it is read-only, or the user may not
// write it.
func rewriteTarget(path string) (string, os.FileInfo, error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", nil, bare(err)
	}
	info, err := os.Stat(target)
	if err != nil {
		return "", nil, bare(err)
	}
	if !info.Mode().IsRegular() {
		return "", nil, errors.New("not a regular file; not rewritten")
	}
	if info.Mode().Perm()&0o200 == 0 {
		return "", nil, errors.New("file is read-only; not rewritten")
	}
	if err := checkWritable(target); err != nil {
		return "", nil, fmt.Errorf("%w; not rewritten", bare(err))
	}
	return target, info, nil
}

// writeFile writes data to path, following a symbolic link: see
// createOutput.
func writeFile(path, data string, atStart startDescriptors) error {
	f, err := createOutput(path, atStart)
	if err != nil {
		return err
	}
	return f.fill(data)
}

// createOutput starts writing an output file (-o, --report, --state),
// following a symbolic link. A regular file (or a new one) is written
// through a temporary file, so that path holds either its old contents or
// all of the new; an existing file keeps its mode and owner, and a new one
// gets mode 0644. Anything else that exists there (a device such as
// /dev/null, a pipe) is written to directly: replacing it with a regular
// file would destroy it. A path that reaches an open file through procfs
// (/dev/stdout, /dev/fd/N, /proc/self/fd/N, /proc/PID/fd/N) names that
// open file, which is written directly too; one of this process's own
// must be one it was given (atStart: see createOpenFile). A link is
// never replaced: one whose chain ends at a name that does not exist has
// that file created, as the shell's > would; one that cannot be followed
// (a loop, a folder missing or forbidden) is an error.
func createOutput(path string, atStart startDescriptors) (*atomicFile, error) {
	// One Lstat tells a new file (the common case with -o into a fresh
	// folder) from an existing one; only a link needs resolving.
	info, err := os.Lstat(path)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return createThroughLink(path, atStart)
	}
	if err != nil {
		f, err := createAtomic(path, nil)
		if err != nil && closedDescriptor(path) {
			return nil, errNotOpen
		}
		return f, err
	}
	return createExisting(path, info)
}

// errNotOpen is the error for a path of procfs to a descriptor that is
// not open: /dev/fd/9 with nothing on 9.
var errNotOpen error = syscall.EBADF

// errReadOnlyDescriptor is the error for a path of procfs to one of this
// process's descriptors that is open only for reading: see createOpenFile.
var errReadOnlyDescriptor = errors.New("open only for reading: an input, not an output")

// errOpenedSince is the error for a path of procfs to one of this
// process's descriptors that it was not given, open, when Run started:
// one of textclean's own working files (or the Go runtime's), on a number
// the shell left free.
var errOpenedSince = errors.New("not open when textclean started")

// closedDescriptor reports whether path, which does not exist, is one of
// procfs for an open file (/dev/fd/9): a clearer error than that of
// creating a temporary file in /proc. It is asked only once creating
// failed, so that writing a new file costs no more.
func closedDescriptor(path string) bool {
	parent, base := splitPath(path)
	dir, err := filepath.EvalSymlinks(parent)
	if err != nil {
		return false
	}
	_, ok := procOpenFile(dir, base)
	return ok
}

// checkStatePath fails unless path can be a --state file: a regular file
// (or none yet), named as such. The state is read from it, then replaced:
// a device or pipe would be read from (/dev/stdout a pipe: the run waits
// forever for its own output), and an open file reached through procfs
// (/dev/stdout > state.bin) would be read whole, then written after what
// it holds or over part of it.
func checkStatePath(path string) error {
	info, err := os.Lstat(path)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		end, ferr := followLinks(path)
		switch {
		case ferr != nil:
			return ferr
		case end.open != nil:
			return errors.New("an open file (through /proc), not a file of its own; a state file is read, then replaced")
		case end.info == nil:
			return nil // a link to a file to be made
		}
		info = end.info
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if closedDescriptor(path) {
			return errNotOpen
		}
		return nil
	case err != nil:
		return bare(err)
	case !info.Mode().IsRegular() && !info.IsDir():
		return errors.New("not a regular file; a state file is read, then replaced")
	}
	return nil // a folder is refused by the read, as before
}

// createThroughLink starts writing the output path, a symbolic link: see
// createOutput.
func createThroughLink(path string, atStart startDescriptors) (*atomicFile, error) {
	end, err := followLinks(path)
	switch {
	case err != nil:
		return nil, err
	case end.open != nil:
		return createOpenFile(*end.open, path, atStart)
	case end.info == nil:
		// A chain that ends at a name that is not there, in a folder
		// that is: the file is created under that name.
		return createAtomic(end.path, nil)
	}
	return createExisting(end.path, end.info)
}

// createExisting starts writing the output path, which exists and is what
// info describes (not a link): see createOutput.
func createExisting(path string, info fs.FileInfo) (*atomicFile, error) {
	switch {
	case info.IsDir():
		return nil, errors.New("is a directory")
	case !info.Mode().IsRegular():
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, bare(err)
		}
		return &atomicFile{File: f, path: path, direct: true}, nil
	}
	if err := checkWritable(path); err != nil {
		return nil, bare(err)
	}
	return createAtomic(path, info)
}

// maxLinks is how many symbolic links followLinks follows before it gives
// up, as the system does (Linux stops at 40).
const maxLinks = 40

// openFileLink is a link of procfs to a file some process has open: path
// is /proc/PID/fd/FD or /proc/PID/task/TID/fd/FD.
type openFileLink struct {
	path    string
	pid, fd int
}

// linkEnd is where a chain of symbolic links ends: a link of procfs to an
// open file (open), or else a name that is not a link (path, its folder
// resolved), and what is there (info, from Lstat), nil if nothing is.
type linkEnd struct {
	open *openFileLink
	path string
	info fs.FileInfo
}

// followLinks follows the chain of symbolic links that starts at path, one
// link at a time, each looked at once, and returns where it ends: the
// first link of procfs to an open file, if it comes to one. A loop, or a
// name on the way that cannot be reached (its folder missing, forbidden or
// not a folder), is an error.
func followLinks(path string) (linkEnd, error) {
	p := path
	for range maxLinks {
		// The folder of each link is resolved (/dev/fd is a link to
		// /proc/self/fd, /proc/self one to /proc/PID): a relative target
		// starts there, and it tells a link of procfs. splitPath, not
		// filepath.Dir: the kernel follows a link before a "..".
		parent, base := splitPath(p)
		dir, err := filepath.EvalSymlinks(parent)
		if err != nil {
			return linkEnd{}, unreachable(p, err)
		}
		p = filepath.Join(dir, base)
		if link, ok := procOpenFile(dir, base); ok {
			return linkEnd{open: &link}, nil
		}
		info, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return linkEnd{path: p}, nil
		case err != nil:
			return linkEnd{}, bare(err)
		case info.Mode()&fs.ModeSymlink == 0:
			return linkEnd{path: p, info: info}, nil
		}
		target, err := os.Readlink(p)
		if err != nil {
			return linkEnd{}, bare(err)
		}
		if !filepath.IsAbs(target) {
			target = childPath(dir, target)
		}
		p = target
	}
	return linkEnd{}, syscall.ELOOP
}

// unreachable is the error for the name p, the next in a chain of links,
// whose folder could not be resolved (err): the system's own word for
// what stops it (a loop, a file where a folder should be, a forbidden
// folder), or, for a folder that is not there, that the link's target
// cannot be created.
func unreachable(p string, err error) error {
	_, lerr := os.Lstat(p)
	switch {
	case errors.Is(lerr, fs.ErrNotExist):
		return fmt.Errorf("link to %s, which cannot be created: %w", p, bare(err))
	case lerr != nil:
		return bare(lerr)
	}
	return bare(err)
}

// procOpenFile reports whether name in the resolved folder dir is a link of
// procfs to an open file, /proc/PID/fd/FD or /proc/PID/task/TID/fd/FD, and
// which.
func procOpenFile(dir, name string) (openFileLink, bool) {
	fd, err := strconv.Atoi(name)
	if err != nil || fd < 0 {
		return openFileLink{}, false
	}
	rest, ok := strings.CutPrefix(dir, "/proc/")
	if !ok {
		return openFileLink{}, false
	}
	rest, ok = strings.CutSuffix(rest, "/fd")
	if !ok {
		return openFileLink{}, false
	}
	pidPart, task, hasTask := strings.Cut(rest, "/task/")
	pid, err := strconv.Atoi(pidPart)
	if err != nil || pid <= 0 {
		return openFileLink{}, false
	}
	if hasTask {
		if tid, err := strconv.Atoi(task); err != nil || tid <= 0 {
			return openFileLink{}, false
		}
	}
	return openFileLink{path: filepath.Join(dir, name), pid: pid, fd: fd}, true
}

// createOpenFile starts writing the open file that link leads to, in
// place, under name, the path the user gave (errors say /dev/stdout, not
// /proc/PID/fd/1): the file has no name of its own to rename a file over
// (it may be deleted, a pipe, a socket), and whoever holds it open would
// not see a new file. One of this process's own descriptors (/dev/stdout
// is /proc/self/fd/1) counts only if it was given to textclean and open
// when Run started (atStart): any other is textclean's own (or the Go
// runtime's) working file on a number the shell left free (-o /dev/fd/5
// --report r.json: the report's temporary file), and is refused. One open for writing is written
// through a copy of it, which shares its offset: "textclean --report
// /dev/stdout FILE > out.txt" writes the report and the text one after
// the other into out.txt, as a shell's "echo > /dev/stdout" does. One
// open only for reading is refused, as the shell's "echo >&0" is: it is an
// input (standard input from a file), and appending to it wrote the output
// into the input (JSON Lines, which reads as it writes, read back its own
// output without end). Another process's is opened anew: a regular file
// for appending, so that nothing already in it is overwritten; a device
// or pipe as it is.
func createOpenFile(link openFileLink, name string, atStart startDescriptors) (*atomicFile, error) {
	if ownProcess(link.pid) {
		if !atStart.has(link.fd) {
			if _, err := os.Lstat(link.path); err != nil {
				return nil, errNotOpen // not open now either
			}
			return nil, errOpenedSince
		}
		f, err := dupWritable(link.fd, name)
		if err != nil {
			return nil, err
		}
		if f != nil {
			return &atomicFile{File: f, path: name, direct: true}, nil
		}
	}
	info, err := os.Stat(link.path)
	if err != nil {
		return nil, bare(err)
	}
	flag := os.O_WRONLY
	switch {
	case info.IsDir():
		return nil, errors.New("is a directory")
	case info.Mode().IsRegular():
		flag |= os.O_APPEND
	}
	f, err := reopen(link.path, flag, name)
	if err != nil {
		return nil, err
	}
	return &atomicFile{File: f, path: name, direct: true}, nil
}

// ownProcess reports whether pid, a number under /proc, is this process:
// its own number (/proc/self), or that of one of its threads, which shares
// its descriptors (/proc/TID/fd/N is /proc/self/fd/N).
func ownProcess(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	_, err := os.Lstat("/proc/self/task/" + strconv.Itoa(pid))
	return err == nil
}

// startDescriptors is the set of descriptors this process was given that
// were still open when Run started, before textclean opened anything of
// its own: standard input, output and error, and whatever else the shell
// (or the program that ran textclean) left open for it. A path of procfs
// to one of this process's descriptors names an open file only if it is
// one of these (see createOpenFile). The zero value knows none, and takes
// every descriptor as given, as when procfs cannot be read.
type startDescriptors struct {
	fds   []int // in the order /proc/self/fd lists them
	known bool
}

// has reports whether fd was given and open when Run started: always, if
// that is not known.
func (s startDescriptors) has(fd int) bool {
	return !s.known || slices.Contains(s.fds, fd)
}

// fill writes data to f and commits it, or aborts it if the write fails.
func (f *atomicFile) fill(data string) error {
	if _, err := f.WriteString(data); err != nil { // no copy: the text can be hundreds of megabytes
		f.abort()
		return fmt.Errorf("write: %w", bare(err))
	}
	return f.commit()
}

// atomicFile is a file written under a temporary name beside its target,
// which replaces the target only when commit is called; or, when direct,
// a device, pipe or open file written in place (see createOutput).
type atomicFile struct {
	*os.File
	path string
	mode fs.FileMode
	old  fs.FileInfo
	// direct: the target itself, a device, a pipe or an open file reached
	// through procfs, is being written.
	direct bool
}

// createAtomic starts writing path: see writeAtomic.
func createAtomic(path string, old fs.FileInfo) (*atomicFile, error) {
	dir, base := splitPath(path)
	f, err := os.CreateTemp(dir, "."+base+".textclean-*")
	if err != nil {
		return nil, fmt.Errorf("create temporary file: %w", bare(err))
	}
	return &atomicFile{File: f, path: path, mode: 0o644, old: old}, nil
}

// commit gives the file its mode and owner, flushes it and renames it over
// its target. On error the temporary file is gone and the target untouched.
func (f *atomicFile) commit() (err error) {
	if f.direct {
		if err := f.Close(); err != nil {
			return fmt.Errorf("write: %w", bare(err))
		}
		return nil
	}
	defer func() {
		if err != nil {
			f.abort()
		}
	}()
	if f.old != nil {
		keepOwner(f.File, f.old) // before Chmod: changing the owner clears setuid and setgid
		f.mode = f.old.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	}
	if err = f.Chmod(f.mode); err != nil {
		return fmt.Errorf("set permissions: %w", bare(err))
	}
	// Replacing a file: flush the new one to disk before the rename, or a
	// crash could leave an empty file where the old one was. A new file
	// (-o into a fresh folder) has nothing to lose, and flushing each of
	// thousands would cost more than cleaning them.
	if f.old != nil {
		if err = f.Sync(); err != nil {
			return fmt.Errorf("write: %w", bare(err))
		}
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write: %w", bare(err))
	}
	if f.old != nil && changed(f.path, f.old) {
		return errors.New("changed while it was being cleaned; not rewritten")
	}
	if err = os.Rename(f.Name(), f.path); err != nil {
		return fmt.Errorf("replace file: %w", bare(err))
	}
	return nil
}

// changed reports whether the file at path is no longer the one described
// by old: another file, a folder or a link now, or written to since.
func changed(path string, old os.FileInfo) bool {
	cur, err := os.Lstat(path)
	return err != nil || !os.SameFile(cur, old) || cur.Size() != old.Size() || !cur.ModTime().Equal(old.ModTime())
}

// abort removes the temporary file; the target stays as it was. A device
// or pipe written directly is only closed.
func (f *atomicFile) abort() {
	f.Close()
	if !f.direct {
		os.Remove(f.Name())
	}
}
