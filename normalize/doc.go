// Package normalize repairs the character-level damage that scrapers leave in
// article text, line by line, without changing what the text says.
//
// Each repair is a [Rule] that can be switched off through [Options]. By
// default every rule is on but ASCIIPunct (see [Rule.Default]), with NFC
// rather than NFKC: mojibake is repaired, HTML character references are
// decoded, terminal escape sequences and control and invisible characters
// are removed, the many Unicode spaces become a plain space, fullwidth
// letters and Latin ligatures take their usual form, runs of spaces are
// collapsed, lines are trimmed, text is put in Unicode NFC, CRLF and CR line
// ends become LF, a leading byte-order mark is dropped, runs of blank lines
// become one, and a word hyphenated across two lines is rejoined (the one
// rule that looks beyond a line). Typographic quotes and dashes are kept:
// they are part of the text.
//
// [Document.Explain] lists every change with its rule and place.
//
// Invalid UTF-8 is always replaced by U+FFFD (and counted), so the output is
// valid UTF-8 whatever the input; with [Options.Strict] it is an error
// instead.
//
// Normalization is idempotent: normalizing normalized text changes nothing.
//
// [Normalizer.Document] splits a whole input into [Line] values that keep
// their byte span in the input, with each line's normalized text from
// [Document.Text], which is what package dedupe builds on; [String] is
// the one-call shortcut for a whole text.
package normalize
