//go:build !unix

package cli

import "os"

// dupWritable returns nil: without unix descriptors, an open file reached
// through a path is opened anew (see createOpenFile).
func dupWritable(fd int, name string) (*os.File, error) {
	return nil, nil
}

// listStartDescriptors knows none: see startDescriptors.
func listStartDescriptors() startDescriptors { return startDescriptors{} }

// reopen opens path anew with flag: without procfs, nothing leads here.
// As on Unix, an error is the system's alone.
func reopen(path string, flag int, name string) (*os.File, error) {
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return nil, bare(err)
	}
	return f, nil
}
