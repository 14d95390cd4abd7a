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
