package cli

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// The values of --color.
const (
	colorAuto   = "auto"
	colorAlways = "always"
	colorNever  = "never"
)

// useColor decides whether -d output is coloured. --color always or never
// decides alone. With auto: FORCE_COLOR set to anything but "" or "0"
// colours; else NO_COLOR set to anything but "" does not, nor TERM=dumb;
// else the diff is coloured when standard output is a terminal, as
// terminal says.
func useColor(mode string, terminal func() bool, getenv func(string) string) (bool, error) {
	switch mode {
	case colorAlways:
		return true, nil
	case colorNever:
		return false, nil
	case colorAuto:
	default:
		return false, usagef("--%s %q: want auto, always or never", flagColor, mode)
	}
	if f := getenv("FORCE_COLOR"); f != "" && f != "0" {
		return true, nil
	}
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false, nil
	}
	return terminal(), nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// colorUsage is the help of --color.
var colorUsage = fmt.Sprintf("colour -d output: `WHEN` %s, %s or %s (a terminal; FORCE_COLOR and NO_COLOR are honoured)", colorAuto, colorAlways, colorNever)
