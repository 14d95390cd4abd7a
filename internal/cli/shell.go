package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

// The flags that print shell completion and the manual page.
const (
	flagCompletion = "completion"
	flagMan        = "man"
	categoryShell  = "Shell"
)

// shellFlags are the flags of this file, in the help's Shell category.
func shellFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: flagCompletion, Category: categoryShell, Usage: "print the completion script for `SHELL` (bash, zsh or fish) and exit"},
		&cli.BoolFlag{Name: flagMan, Category: categoryShell, Usage: "print the manual page (roff, for man -l -) and exit", DisableDefaultText: true},
	}
}

// flagValues are the values that completion offers for a flag.
var flagValues = map[string][]string{
	flagColor:      {colorAuto, colorAlways, colorNever},
	flagParagraphs: {"auto", "blocks", "lines"},
	flagBadLines:   {"keep", "drop"},
	flagEncoding:   {"auto", "utf-8", "utf-16le", "utf-16be", "windows-1252", "iso-8859-1", "iso-8859-2", "macintosh", "shift_jis", "euc-jp", "gbk", "big5", "euc-kr", "koi8-r"},
	flagCompletion: {"bash", "zsh", "fish"},
}

// fileFlags are the flags whose value is a file or folder name.
var fileFlags = map[string]bool{flagOutput: true, flagReport: true, flagHTML: true, flagState: true, flagJunkFile: true}

// flagInfo is what completion needs to know of a flag.
type flagInfo struct {
	long       string   // without the dashes
	short      []string // one-letter aliases
	takesValue bool
	repeatable bool
	values     []string // the values to offer, if a fixed set
	file       bool     // the value is a file name
	usage      string   // its help, shortened to a phrase
}

func flagInfos(fs []cli.Flag) []flagInfo {
	var out []flagInfo
	for _, f := range fs {
		names := f.Names()
		fi := flagInfo{long: names[0], short: names[1:], values: flagValues[names[0]], file: fileFlags[names[0]]}
		switch f.(type) {
		case *cli.BoolFlag:
		case *cli.StringSliceFlag:
			fi.takesValue, fi.repeatable = true, true
		default:
			fi.takesValue = true
		}
		if d, ok := f.(cli.DocGenerationFlag); ok {
			fi.usage = phrase(d.GetUsage())
		}
		out = append(out, fi)
	}
	return out
}

// phrase shortens a flag's help to its first clause, without the backticks
// that mark its placeholder.
func phrase(usage string) string {
	usage = strings.ReplaceAll(usage, "`", "")
	for _, sep := range []string{": ", "; ", " ("} {
		if i := strings.Index(usage, sep); i > 0 {
			usage = usage[:i]
		}
	}
	return usage
}

// writeCompletion writes the completion script of fs for shell.
func writeCompletion(w io.Writer, shell string, fs []cli.Flag) error {
	infos := flagInfos(fs)
	var s string
	switch shell {
	case "bash":
		s = bashCompletion(infos)
	case "zsh":
		s = zshCompletion(infos)
	case "fish":
		s = fishCompletion(infos)
	default:
		return usagef("--%s %q: want bash, zsh or fish", flagCompletion, shell)
	}
	_, err := io.WriteString(w, s)
	return err
}

func dashed(fi flagInfo) []string {
	names := []string{"--" + fi.long}
	for _, s := range fi.short {
		names = append(names, "-"+s)
	}
	return names
}

func bashCompletion(infos []flagInfo) string {
	var all, files, free []string
	var choices strings.Builder
	for _, fi := range infos {
		all = append(all, dashed(fi)...)
		switch {
		case !fi.takesValue:
		case fi.values != nil:
			fmt.Fprintf(&choices, "\t%s)\n\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n\t\treturn\n\t\t;;\n", strings.Join(dashed(fi), "|"), strings.Join(fi.values, " "))
		case fi.file:
			files = append(files, dashed(fi)...)
		default:
			free = append(free, dashed(fi)...)
		}
	}
	return `# bash completion for textclean, made by: textclean --completion bash
# Load it with: source <(textclean --completion bash)
_textclean() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
` + choices.String() + `	` + strings.Join(files, "|") + `)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	` + strings.Join(free, "|") + `)
		COMPREPLY=()
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '` + strings.Join(all, " ") + `' -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _textclean textclean
`
}

// zshEscape makes s safe inside a single-quoted _arguments description.
var zshEscape = strings.NewReplacer("'", `'\''`, "[", `\[`, "]", `\]`, ":", `\:`)

func zshCompletion(infos []flagInfo) string {
	var b strings.Builder
	b.WriteString("#compdef textclean\n# zsh completion for textclean, made by: textclean --completion zsh\n# Save it as _textclean in a folder of $fpath.\n_arguments -s -S \\\n")
	for _, fi := range infos {
		var action string
		switch {
		case !fi.takesValue:
		case fi.values != nil:
			action = ":" + fi.long + ":(" + strings.Join(fi.values, " ") + ")"
		case fi.file:
			action = ":" + fi.long + ":_files"
		default:
			action = ":" + fi.long + ": "
		}
		suffix := ""
		if fi.takesValue {
			suffix = "="
		}
		names := []string{"--" + fi.long + suffix}
		for _, s := range fi.short {
			if fi.takesValue {
				names = append(names, "-"+s+"+")
			} else {
				names = append(names, "-"+s)
			}
		}
		repeat := ""
		if fi.repeatable {
			repeat = "*"
		}
		desc := "'[" + zshEscape.Replace(fi.usage) + "]" + strings.ReplaceAll(action, "'", `'\''`) + "'"
		if len(names) == 1 {
			fmt.Fprintf(&b, "\t'%s%s'%s \\\n", repeat, names[0], desc)
		} else {
			fmt.Fprintf(&b, "\t'(%s)'%s{%s}%s \\\n", strings.Join(dashed(fi), " "), repeat, strings.Join(names, ","), desc)
		}
	}
	b.WriteString("\t'*:file:_files'\n")
	return b.String()
}

// fishEscape makes s safe inside a single-quoted fish string.
var fishEscape = strings.NewReplacer(`\`, `\\`, "'", `\'`)

func fishCompletion(infos []flagInfo) string {
	var b strings.Builder
	b.WriteString("# fish completion for textclean, made by: textclean --completion fish\n# Save it as ~/.config/fish/completions/textclean.fish\n")
	for _, fi := range infos {
		fmt.Fprintf(&b, "complete -c textclean -l %s", fi.long)
		for _, s := range fi.short {
			fmt.Fprintf(&b, " -s %s", s)
		}
		switch {
		case !fi.takesValue:
		case fi.values != nil:
			fmt.Fprintf(&b, " -x -a '%s'", strings.Join(fi.values, " "))
		case fi.file:
			b.WriteString(" -r -F")
		default:
			b.WriteString(" -x")
		}
		fmt.Fprintf(&b, " -d '%s'\n", fishEscape.Replace(fi.usage))
	}
	return b.String()
}

// manDescription is the DESCRIPTION of the manual page, and manExit its
// EXIT STATUS section, in roff.
const (
	manDescription = `textclean turns raw scraped article text into clean text: it normalizes Unicode damage (entities, invisible characters, mojibake, odd spaces), removes paragraphs and sentences that the scraper repeated, junk lines and near-duplicates, and writes the clean text, a unified diff (-d), a JSON report (--report) or a page for review (--html).`
	manExit        = `
.SH EXIT STATUS
.TP
.B 0
success; with --check, -l, -d or --explain: no input would change
.TP
.B 1
--check, -l, -d or --explain found an input that cleaning changes (not with -w: the changes were made)
.TP
.B 2
a usage error, or an input that could not be read, cleaned or written
.TP
.B 130
interrupted: the files under way were finished, the rest untouched
`
)

// writeMan writes the manual page of app, section 1.
func writeMan(w io.Writer, app *cli.App) error {
	app.Description = manDescription
	page, err := app.ToManWithSection(1)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, roffASCII(page+manExit))
	return err
}

// roffASCII writes the characters of s beyond ASCII as roff escapes
// (\[u2192] for →): groff reads its input as Latin-1 unless told otherwise.
func roffASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, `\[u%04X]`, r)
		}
	}
	return b.String()
}
