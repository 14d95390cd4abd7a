package normalize

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// Decoded is an input turned into UTF-8.
type Decoded struct {
	Text     string
	Encoding string // the encoding it was read in, such as "utf-8" or "windows-1252"
	Guessed  bool   // auto detection chose it for input that is not valid UTF-8 (Windows-1252, or UTF-8 with bad bytes)
}

// Decode turns input into UTF-8 text. With name "auto" (or ""), a
// byte-order mark decides (UTF-8, UTF-16 or UTF-32, little or big endian);
// without one, valid UTF-8 is UTF-8, and input that is not valid UTF-8 and
// holds no valid multibyte UTF-8 sequence at all is Windows-1252, the
// encoding of most old pages (Latin-1 is a subset of it for text).
// Otherwise it stays UTF-8 and its bad bytes become U+FFFD later, in
// normalization. Any other name is an encoding as the WHATWG Encoding
// standard names it ("windows-1252", "iso-8859-2", "utf-16le",
// "shift_jis"...). With strict, a byte-order mark or a name other than
// UTF-8 is an error (ErrInvalidUTF8); invalid UTF-8 is left for
// Normalizer.Document, which refuses it under Options.Strict.
func Decode(input string, name string, strict bool) (Decoded, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name != "" && name != "auto" {
		enc, err := htmlindex.Get(name)
		if err != nil {
			return Decoded{}, fmt.Errorf("unknown encoding %q", name)
		}
		canonical, _ := htmlindex.Name(enc)
		if canonical == "utf-8" {
			return Decoded{Text: input, Encoding: "utf-8"}, nil
		}
		if strict {
			return Decoded{}, fmt.Errorf("%w: --strict reads only UTF-8, not %s", ErrInvalidUTF8, canonical)
		}
		return decodeWith(input, enc, canonical, false)
	}
	if bom, enc, encName := byteOrderMark(input); bom {
		if encName == "utf-8" {
			return Decoded{Text: input, Encoding: "utf-8"}, nil
		}
		if strict {
			return Decoded{}, fmt.Errorf("%w: --strict reads only UTF-8, and this starts with a %s byte-order mark", ErrInvalidUTF8, strings.ToUpper(encName))
		}
		return decodeWith(input, enc, encName, false)
	}
	if valid := validUTF8(input); strict || valid || hasMultibyte(input) {
		return Decoded{Text: input, Encoding: "utf-8", Guessed: !valid}, nil
	}
	return decodeWith(input, charmap.Windows1252, "windows-1252", true)
}

// validUTF8 reports whether s is valid UTF-8, as utf8.ValidString does,
// on GOMAXPROCS goroutines from parallelBytes on: Decode checks a whole
// input before anything else can start on it, on one core where the CLI
// cleans one big file. The pieces are cut before a byte that is not a
// continuation byte (10xxxxxx), where a valid text has a character
// boundary, so s is valid when each piece is; a cut can only fall on a
// continuation byte after four of them in a row, which no valid text
// holds, and the piece it starts is then invalid too. The 100 MB stream
// on 2 CPUs: 13.8 → 7.0 ms (medians of 5, load 3); BenchmarkDecode (16
// MB) 1.58 → 1.04 ms (medians of 15 alternated, load 3–5).
func validUTF8(s string) bool {
	workers := runtime.GOMAXPROCS(0)
	if len(s) < parallelBytes || workers == 1 {
		return utf8.ValidString(s)
	}
	valid := make([]bool, workers)
	var wg sync.WaitGroup
	start := 0
	for k := range workers {
		end := len(s)
		if k < workers-1 {
			end = max(start, len(s)/workers*(k+1))
			for i := 0; i < utf8.UTFMax && end < len(s) && s[end]&0xc0 == 0x80; i++ {
				end++
			}
		}
		piece := s[start:end]
		wg.Go(func() { valid[k] = utf8.ValidString(piece) })
		start = end
	}
	wg.Wait()
	for _, v := range valid {
		if !v {
			return false
		}
	}
	return true
}

// byteOrderMark reports whether input starts with a byte-order mark, and
// for which encoding.
func byteOrderMark(input string) (bool, encoding.Encoding, string) {
	switch {
	case strings.HasPrefix(input, "\xef\xbb\xbf"):
		return true, unicode.UTF8, "utf-8"
	case strings.HasPrefix(input, "\xff\xfe\x00\x00"):
		return true, utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM), "utf-32le"
	case strings.HasPrefix(input, "\x00\x00\xfe\xff"):
		return true, utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM), "utf-32be"
	case strings.HasPrefix(input, "\xff\xfe"):
		return true, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	case strings.HasPrefix(input, "\xfe\xff"):
		return true, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	}
	return false, nil, ""
}

// hasMultibyte reports whether input holds at least one valid multibyte
// UTF-8 sequence: then it is UTF-8 with some damage, not a legacy encoding.
func hasMultibyte(input string) bool {
	for i := 0; i < len(input); {
		if input[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(input[i:])
		if r != utf8.RuneError || size > 1 {
			return true
		}
		i += size
	}
	return false
}

func decodeWith(input string, enc encoding.Encoding, name string, guessed bool) (Decoded, error) {
	out, err := enc.NewDecoder().String(input)
	if err != nil {
		return Decoded{}, fmt.Errorf("decode %s: %w", name, err)
	}
	return Decoded{Text: out, Encoding: name, Guessed: guessed}, nil
}
