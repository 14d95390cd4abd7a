// Package normalize repairs the character-level damage that scrapers leave in
// article text, one line at a time, without changing what the text says.
//
// Each repair is a [Rule] that can be switched off through [Options]. By
// default every rule is on except NFKC (NFC is used instead): HTML character
// references are decoded, control and invisible characters are removed, the
// many Unicode spaces become a plain space, runs of spaces are collapsed,
// lines are trimmed, text is put in Unicode NFC, CRLF and CR line ends become
// LF, a leading byte-order mark is dropped and runs of blank lines become one.
// Typographic quotes and dashes are kept: they are part of the text.
//
// Invalid UTF-8 is always replaced by U+FFFD (and counted), so the output is
// valid UTF-8 whatever the input; with [Options.Strict] it is an error
// instead.
//
// Normalization is idempotent: normalizing normalized text changes nothing.
//
// [Normalizer.Document] splits a whole input into [Line] values that keep
// their byte span in the input, which is what package dedupe builds on;
// [String] is the one-call shortcut for a whole text.
package normalize
