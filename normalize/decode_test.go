package normalize_test

import (
	"errors"
	"testing"

	"github.com/textclean/textclean/normalize"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name, enc   string
		in          []byte
		strict      bool
		want        string
		wantEnc     string
		wantGuessed bool
		wantErr     error
	}{
		{name: "UTF-8", in: []byte("café"), want: "café", wantEnc: "utf-8"},
		{name: "UTF-8 with BOM keeps it for the bom rule", in: []byte("\ufeffcafé"), want: "\ufeffcafé", wantEnc: "utf-8"},
		{name: "UTF-16LE with BOM", in: []byte{0xff, 0xfe, 'c', 0, 'a', 0, 'f', 0, 0xe9, 0}, want: "café", wantEnc: "utf-16le"},
		{name: "UTF-16BE with BOM", in: []byte{0xfe, 0xff, 0, 'c', 0, 'a', 0, 'f', 0, 0xe9}, want: "café", wantEnc: "utf-16be"},
		{name: "UTF-32LE with BOM", in: []byte{0xff, 0xfe, 0, 0, 'a', 0, 0, 0, 0xe9, 0, 0, 0}, want: "aé", wantEnc: "utf-32le"},
		{name: "UTF-32BE with BOM", in: []byte{0, 0, 0xfe, 0xff, 0, 0, 0, 'a', 0, 0, 0, 0xe9}, want: "aé", wantEnc: "utf-32be"},
		{name: "Windows-1252 guessed", in: []byte("caf\xe9 \x93quoted\x94 \x80"), want: "café “quoted” €", wantEnc: "windows-1252", wantGuessed: true},
		{name: "damaged UTF-8 stays UTF-8", in: []byte("café \xff"), want: "café \xff", wantEnc: "utf-8", wantGuessed: true},
		{name: "named encoding", enc: "iso-8859-2", in: []byte("\xb1"), want: "ą", wantEnc: "iso-8859-2"},
		{name: "latin1 is windows-1252 for the web", enc: "latin1", in: []byte("\x93"), want: "“", wantEnc: "windows-1252"},
		{name: "unknown name", enc: "klingon", in: []byte("x"), wantErr: errors.New("")},
		{name: "strict refuses UTF-16", strict: true, in: []byte{0xff, 0xfe, 'a', 0}, wantErr: normalize.ErrInvalidUTF8},
		{name: "strict refuses a named legacy encoding", strict: true, enc: "windows-1252", in: []byte("a"), wantErr: normalize.ErrInvalidUTF8},
		{name: "strict leaves UTF-8 to the UTF-8 check", strict: true, in: []byte("a\xff"), want: "a\xff", wantEnc: "utf-8", wantGuessed: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := normalize.Decode(string(tt.in), tt.enc, tt.strict)
			if tt.wantErr != nil {
				if err == nil || tt.wantErr.Error() != "" && !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.want || d.Encoding != tt.wantEnc || d.Guessed != tt.wantGuessed {
				t.Errorf("got %q %s guessed=%v, want %q %s guessed=%v", d.Text, d.Encoding, d.Guessed, tt.want, tt.wantEnc, tt.wantGuessed)
			}
		})
	}
}
