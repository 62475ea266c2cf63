// Command baseoption writes the chart's base ECharts option, from
// chart.BaseOption, as the ES module its argument names (web/js/baseoption.js).
// A //go:generate line in wasm/ runs it:
//
//	go generate ./wasm
package main

import (
	"log"
	"os"

	"github.com/lrplay/lrplay/internal/gen"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("baseoption: ")
	if len(os.Args) != 2 {
		log.Fatal("usage: baseoption FILE.js")
	}
	b, err := gen.BaseOptionModule()
	if err == nil {
		err = gen.Write(os.Args[1], b)
	}
	if err != nil {
		log.Fatal(err)
	}
}
