//go:build !unix

package cli

import (
	"io/fs"
	"os"
)

// checkWritable relies on the mode check of rewrite where the system has no
// access(2).
func checkWritable(string) error { return nil }

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, fs.FileInfo) {}

// fileIDOf knows no file's identity here: hard links are not told apart
// from other files (see metFiles).
func fileIDOf(string) (fileID, bool) { return fileID{}, false }
