// Package htmlreport renders what cleaning did to an input as one
// self-contained HTML page, for a person to review: the article as cleaned,
// with what was removed struck through where it stood and labelled with its
// reason and a link to the kept copy, moved paragraphs at both places,
// normalization fixes highlighted (hovering shows before and after), and a
// summary table. [WriteIndex] writes the page that lists many such pages.
//
// The pages need nothing beyond themselves: the CSS and the few lines of
// script that sort the index are inlined, and no asset is loaded. They are
// written with html/template, so article text, which is untrusted, is always
// escaped.
package htmlreport
