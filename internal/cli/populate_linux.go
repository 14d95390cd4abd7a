package cli

import "golang.org/x/sys/unix"

// populate asks the kernel to back b with memory now, in one call, rather
// than on the first write to each of its pages, a page fault apiece: for
// a big buffer that a file is read into, the faults cost more than the
// copy. It is a hint, so its error is dropped: a kernel older than Linux
// 5.14 refuses the advice, and b must start on a page boundary; the pages
// are then faulted in as before.
func populate(b []byte) { _ = unix.Madvise(b, unix.MADV_POPULATE_WRITE) }
