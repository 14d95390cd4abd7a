//go:build !unix

package dedupe_test

import "time"

// processCPU returns 0: CPU time is measured on Unix only.
func processCPU() time.Duration { return 0 }

// pageFaults returns -1: page faults are counted on Unix only.
func pageFaults() int64 { return -1 }
