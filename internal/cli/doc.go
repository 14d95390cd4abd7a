// Package cli is the textclean command line: it parses flags, reads the
// inputs, cleans each with package dedupe and then prints, lists, diffs or
// rewrites them. Run takes its standard streams as arguments and returns the
// exit code, so tests drive it in-process as well as through the binary.
package cli
