// Package colordiff colours a unified diff for a terminal, as git does:
// file headers bold, hunk headers cyan, removed lines red, added lines
// green. Where a removed line and an added line are two versions of one
// paragraph (a sentence cut, a normalization fix) rather than a paragraph
// removed, the words that differ are highlighted in reverse video, from a
// word diff by github.com/sergi/go-diff.
//
// Colouring adds escape sequences only: with them stripped, the output is
// the diff given, byte for byte.
package colordiff
