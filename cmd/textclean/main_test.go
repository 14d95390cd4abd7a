package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/textclean/textclean/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the cmp files in the test scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"textclean": func() { os.Exit(cli.Run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end tests in testdata/script: each .txtar
// file runs the real textclean binary on one topic. The seed article and its
// clean version are copied into each script's work folder as seed.txt and
// seed.clean.txt.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			for name, src := range map[string]string{
				"seed.txt":       "../../testdata/000_2c2adb0dfae1852d.txt",
				"seed.clean.txt": "../../testdata/000_2c2adb0dfae1852d.clean.txt",
			} {
				b, err := os.ReadFile(src)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(env.WorkDir, name), b, 0o644); err != nil {
					return err
				}
			}
			return nil
		},
	})
}
