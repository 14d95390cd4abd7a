//go:build unix

package cli

import (
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// checkWritable fails unless the user may write the file at path, as the
// system decides (owner, group, ACLs): renaming over a file needs only
// write access to its folder, which would let -w replace a file the user
// may not change.
func checkWritable(path string) error {
	if err := unix.Access(path, unix.W_OK); err != nil {
		return &fs.PathError{Op: "access", Path: path, Err: err}
	}
	return nil
}

// keepOwner gives f the owner and group of old, where the system allows it
// (root may; others keep their own). Failure is not an error: the new file
// then belongs to the user who rewrote it, as with any editor.
func keepOwner(f *os.File, old fs.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}

// fileIDOf returns the device and inode of the file at path, following a
// link: the same for every hard link to one file.
func fileIDOf(path string) (fileID, bool) {
	info, err := os.Stat(path)
	if err != nil {
		return fileID{}, false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{dev: uint64(st.Dev), ino: uint64(st.Ino)}, true
}
