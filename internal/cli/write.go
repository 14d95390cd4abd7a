package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// rewrite replaces the file at path with text, atomically, keeping its
// permissions. A symbolic link is followed and its target rewritten. A file
// with no write permission is refused and left as it is.
func rewrite(path, text string) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return bare(err)
	}
	info, err := os.Stat(target)
	if err != nil {
		return bare(err)
	}
	if !info.Mode().IsRegular() {
		return errors.New("not a regular file; not rewritten")
	}
	if info.Mode().Perm()&0o200 == 0 {
		return errors.New("file is read-only; not rewritten")
	}
	return writeAtomic(target, []byte(text), info.Mode().Perm())
}

// writeFile writes data to path. A regular file (or a new one) is written
// through a temporary file, so that path holds either its old contents or
// all of data; it keeps its permissions, and a new file gets 0644. Anything
// else that exists there (a device such as /dev/stdout, a pipe) is written
// to directly.
func writeFile(path string, data []byte) error {
	perm := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		if info.IsDir() {
			return errors.New("is a directory")
		}
		if !info.Mode().IsRegular() {
			return writeDirect(path, data)
		}
		perm = info.Mode().Perm()
	}
	return writeAtomic(path, data, perm)
}

func writeDirect(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return bare(err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return bare(err)
	}
	return bare(f.Close())
}

// writeAtomic writes data to a temporary file in path's folder, flushes it
// to disk and renames it over path. On any error the temporary file is
// removed and path is untouched.
func writeAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".textclean-*")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", bare(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("write: %w", bare(err))
	}
	if err = f.Chmod(perm); err != nil {
		return fmt.Errorf("set permissions: %w", bare(err))
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write: %w", bare(err))
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write: %w", bare(err))
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("replace file: %w", bare(err))
	}
	return nil
}
