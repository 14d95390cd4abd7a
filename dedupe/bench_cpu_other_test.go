//go:build !unix

package dedupe_test

import "time"

// processCPU returns 0: CPU time is measured on Unix only.
func processCPU() time.Duration { return 0 }
