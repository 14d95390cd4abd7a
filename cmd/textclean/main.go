// Command textclean turns raw scraped article text into clean text: it
// normalizes the characters, removes the paragraphs and sentences the
// scraper repeated, and can print a unified diff or a JSON report of what
// it changed. See the README for its flags and exit codes.
package main

import (
	"os"

	"github.com/textclean/textclean/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
