package cli

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// input is one text to clean: a file named on the command line or found in
// a folder, or standard input.
type input struct {
	path  string // as given or found; "-" for standard input
	rel   string // for a file found in a folder: its path below that folder, for -o OUT
	found bool   // found by walking a folder rather than named
	link  bool   // found as a symbolic link to a file, followed (--follow)
	dir   string // found (not as a link): its folder's absolute path, links resolved, from the walk
	err   error  // the folder could not be read: reported in its place
	seq   int    // its place among the inputs, from 0
	// first is the seq of the first input that named the same file, or
	// a hard link to it (see metFiles), or seq itself: a repeat keeps its
	// own number, so that every input has the same number in sign, apply
	// and a local run.
	first int
	again bool // the same folder entry as an earlier input, reached again: -w leaves it out
}

// repeat reports whether in names a file (or a hard link to a file) an
// earlier input named.
func (in *input) repeat() bool { return in.first != in.seq }

// name is how messages, lists, diffs and reports name the input.
func (in *input) name() string { return displayName(in.path) }

// selection decides which files a walk cleans.
type selection struct {
	include, exclude []string // glob patterns, matched against the base name or the path below the folder
	follow           bool     // follow symbolic links
	jsonl            bool     // the default choice is JSON Lines files
	repeats          bool     // mark a file met before under another name as a repeat (see metFiles)
	hardLinks        bool     // and a hard link to a file met before
}

// defaultInclude is the files a walk cleans when --include is not given:
// text and Markdown files, and files without an extension; with --jsonl,
// JSON Lines files.
var (
	defaultInclude      = []string{"*.txt", "*.text", "*.md"}
	defaultIncludeJSONL = []string{"*.jsonl", "*.ndjson"}
)

// skipDirs are version-control folders, never walked.
var skipDirs = map[string]bool{".git": true, ".svn": true, ".hg": true}

// wants reports whether the walk cleans the file at rel (slash-separated,
// below the folder walked).
func (s *selection) wants(rel string) bool {
	base := path.Base(rel)
	for _, p := range s.exclude {
		if match(p, base) || match(p, rel) {
			return false
		}
	}
	if len(s.include) == 0 {
		defaults := defaultInclude
		switch {
		case strings.HasPrefix(base, "."):
			return false // hidden
		case s.jsonl:
			defaults = defaultIncludeJSONL
		case !strings.Contains(base, "."):
			return true // no extension: text more often than not
		}
		for _, p := range defaults {
			if match(p, base) {
				return true
			}
		}
		return false
	}
	for _, p := range s.include {
		if match(p, base) || match(p, rel) {
			return true
		}
	}
	return false
}

func match(pattern, name string) bool {
	ok, err := path.Match(pattern, name)
	return ok && err == nil
}

// checkPatterns reports a malformed glob pattern.
func checkPatterns(flag string, patterns []string) error {
	for _, p := range patterns {
		if _, err := path.Match(p, ""); err != nil {
			return usagef("--%s %q: %v", flag, p, err)
		}
	}
	return nil
}

// inputs sends the inputs named by args on out, in order, walking folders
// in lexical order; with s.repeats, a file met before under another name
// is marked as a repeat of the first (see metFiles). It stops early when
// ctx is done. It closes out.
func (s *selection) inputs(ctx context.Context, args []string, out chan<- input) {
	defer close(out)
	var met *metFiles
	if s.repeats && (len(args) > 1 || s.follow) { // one folder walked without following links meets each entry once
		met = &metFiles{dirs: map[string]string{}, names: map[string]int{}}
	}
	if s.hardLinks {
		if met == nil {
			met = &metFiles{}
		}
		met.files = map[fileID]int{}
	}
	seq := 0
	send := func(in input) bool {
		in.seq, in.first = seq, seq
		seq++
		if met != nil && in.err == nil {
			in.first, in.again = met.first(in)
		}
		select {
		case out <- in:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for _, arg := range args {
		if arg == "-" {
			if !send(input{path: "-"}) {
				return
			}
			continue
		}
		info, err := os.Stat(arg)
		if err != nil || !info.IsDir() {
			if !send(input{path: arg}) { // errors are reported when it is read
				return
			}
			continue
		}
		if !s.walk(ctx, arg, arg, "", map[string]bool{}, send) {
			return
		}
	}
}

// metFiles are the files the inputs have named so far, with their first
// input's number. A later name of one is a repeat: the same folder entry
// as an earlier one, reached again: a file named twice (a.txt b.txt a.txt,
// or ./a.txt), a folder named inside another one named, a symbolic link to
// it (named, or followed in a walk). It keeps its number, but -w does not
// rewrite it (two workers rewrote it at once: one of them failed, "changed
// while it was being cleaned", or both read the old text), and a sign pass
// (sign, and the first pass of --across and --boilerplate) signs nothing
// for it: else it lost every paragraph to its first name under --across,
// and under --boilerplate 2 both lost every paragraph, each compared with
// itself. Printed (without -w), it is cleaned as its first name is.
//
// A hard link is an entry of its own, and -w rewrites it (detaching it,
// as any rename-based rewrite does): leaving it out would leave it
// unclean. Where inputs are documents of a corpus, it is a repeat too (on
// Unix, where a file's device and inode tell it): it signs nothing and is
// cleaned as its first name, for compared with itself it lost every
// paragraph, and --across -w rewrote it nearly empty. Elsewhere, and
// without --across or --boilerplate, it is a file of its own.
type metFiles struct {
	dirs  map[string]string // a folder as named: its absolute path, links resolved
	names map[string]int    // a resolved path met: its first input's seq; nil if names are not compared
	files map[fileID]int    // a file met: its first input's seq; nil if hard links are not looked for
}

// fileID tells a file apart from every other, whatever its name.
type fileID struct{ dev, ino uint64 }

// first returns the seq of the first input that named the file that in
// names (or, with m.files, a hard link to it), in's own if none did, and
// whether in is the same folder entry as an earlier input; and notes it. A path that cannot be resolved is taken as new:
// reading it says why.
func (m *metFiles) first(in input) (first int, again bool) {
	var key string
	if m.names != nil {
		var ok bool
		if key, ok = m.resolve(in); ok {
			if first, met := m.names[key]; met {
				return first, true
			}
		}
	}
	first = in.seq
	if m.files != nil {
		if id, ok := fileIDOf(in.path); ok {
			if f, met := m.files[id]; met {
				first = f
			} else {
				m.files[id] = in.seq
			}
		}
	}
	if key != "" {
		m.names[key] = first
	}
	return first, false
}

// resolve returns the absolute path of the folder entry in names, its
// folder's links resolved, and that of its target if it is a link.
func (m *metFiles) resolve(in input) (string, bool) {
	path := in.path
	link := in.link
	if !in.found { // a walk knows a link from a file; a name given may be either
		info, err := os.Lstat(path)
		if err != nil {
			return "", false
		}
		link = info.Mode()&fs.ModeSymlink != 0
	}
	var err error
	if link {
		if path, err = filepath.EvalSymlinks(path); err != nil {
			return "", false
		}
	}
	named, base := splitPath(path)
	if in.dir != "" && !link { // the walk resolved its folder
		return filepath.Join(in.dir, base), true
	}
	dir, ok := m.dirs[named]
	if !ok {
		if dir, err = realPath(named); err != nil {
			return "", false
		}
		m.dirs[named] = dir
	}
	return filepath.Join(dir, base), true
}

// splitPath splits p before its last element, as the kernel reads it:
// unlike filepath.Dir it does not tidy p, for sub/link/../a.txt is a.txt
// in the folder above link's target, not in sub. parent is "." for a
// bare name, and the root for a name in the root.
func splitPath(p string) (parent, base string) {
	vol := len(filepath.VolumeName(p))
	i := len(p) - 1
	for i >= vol && !os.IsPathSeparator(p[i]) {
		i--
	}
	switch {
	case i < vol:
		return p[:vol] + ".", p[vol:]
	case i == vol:
		return p[:vol+1], p[vol+1:]
	}
	return p[:i], p[i+1:]
}

// walk sends the files below dir, which stands for root+rel, in lexical
// order. visited holds the real paths of the folders being walked, so that
// followed links cannot loop. It returns false when ctx is done.
func (s *selection) walk(ctx context.Context, root, dir, rel string, visited map[string]bool, send func(input) bool) bool {
	real, err := realPath(dir)
	if err == nil {
		if visited[real] {
			return true // a link back into a folder being walked
		}
		visited[real] = true
		defer delete(visited, real)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return send(input{path: dir, err: bare(err)})
	}
	for _, e := range entries {
		if ctx.Err() != nil {
			return false
		}
		p := childPath(dir, e.Name())
		r := path.Join(rel, e.Name())
		typ := e.Type()
		link := typ&fs.ModeSymlink != 0
		if link {
			if !s.follow {
				continue
			}
			info, err := os.Stat(p)
			if err != nil {
				continue // a dangling link
			}
			typ = info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if skipDirs[e.Name()] {
				continue
			}
			if !s.walk(ctx, root, p, r, visited, send) {
				return false
			}
		case typ.IsRegular() && s.wants(r):
			in := input{path: p, rel: r, found: true, link: link}
			if !link {
				in.dir = real
			}
			if !send(in) {
				return false
			}
		}
	}
	return true
}

// childPath returns the path of name (an entry, or a link's relative
// target) in the folder dir. It is filepath.Join's, but for a path with
// "..": Join would tidy sub/link/../a.txt into sub/a.txt, and the kernel
// follows link before "..". Such a path is only put together, as given.
func childPath(dir, name string) string {
	switch {
	case !hasDotDot(dir) && !hasDotDot(name):
		return filepath.Join(dir, name)
	case dir == ".":
		return name
	case os.IsPathSeparator(dir[len(dir)-1]):
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// hasDotDot reports whether an element of p is "..".
func hasDotDot(p string) bool {
	start := len(filepath.VolumeName(p))
	for i := start; i <= len(p); i++ {
		if i == len(p) || os.IsPathSeparator(p[i]) {
			if p[start:i] == ".." {
				return true
			}
			start = i + 1
		}
	}
	return false
}

// checkOutputFolder refuses an output folder inside a folder being walked:
// the walk would clean its own output.
func checkOutputFolder(out string, args []string) error {
	absOut, err := realPath(out)
	if err != nil {
		return err
	}
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil || !info.IsDir() {
			continue
		}
		absIn, err := realPath(arg)
		if err != nil {
			return err
		}
		if rel, err := filepath.Rel(absIn, absOut); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return usagef("-o %s is inside %s, which is being cleaned: choose a folder outside it", out, arg)
		}
	}
	return nil
}

// realPath returns the absolute path of p with every symbolic link
// resolved as the kernel resolves it: a link before a "..", then the "..",
// so that sub/link/.. is the folder above link's target, not sub
// (filepath.Abs would tidy the ".." away first). It resolves the part of
// p that exists: OUT may not exist yet, but a folder on its way may be a
// link into the tree being cleaned.
func realPath(p string) (string, error) {
	rest := ""
	for dir := p; ; {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			abs, err := filepath.Abs(real)
			if err != nil {
				return "", err
			}
			return filepath.Join(abs, rest), nil
		}
		parent, base := splitPath(dir)
		if parent == dir {
			return filepath.Abs(p)
		}
		rest = filepath.Join(base, rest)
		dir = parent
	}
}

// anyFolder reports whether any of args is a folder.
func anyFolder(args []string) bool {
	for _, arg := range args {
		if info, err := os.Stat(arg); err == nil && info.IsDir() {
			return true
		}
	}
	return false
}
