package jsonl_test

import (
	"fmt"

	"github.com/textclean/textclean/corpus"
	"github.com/textclean/textclean/corpus/jsonl"
	"github.com/textclean/textclean/dedupe"
)

// A record is cleaned in place: every byte but the text field's value stays.
func ExampleRecord_Clean() {
	format := jsonl.Format{SeqField: "seq"}
	rec, err := format.Parse(`{"id": "a-1", "seq": 7, "text": "Tom &amp; Jerry\nTom &amp; Jerry, the whole paragraph again."}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := corpus.Apply(rec.Text, dedupe.Options{}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Clean(res))
	fmt.Printf("%+v\n", format.Doc(rec, "crawl.jsonl", 1, 0))
	// Output:
	// {"id": "a-1", "seq": 7, "text": "Tom & Jerry\nTom & Jerry, the whole paragraph again."}
	// {Seq:7 Name:a-1}
}
