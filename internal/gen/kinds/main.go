// Command kinds writes the wasm's kind table, core.Kinds() as JSON, to the
// Go file its argument names. A //go:generate line in wasm/ runs it:
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
	log.SetPrefix("kinds: ")
	if len(os.Args) != 2 {
		log.Fatal("usage: kinds FILE.go")
	}
	b, err := gen.KindsFile()
	if err == nil {
		err = gen.Write(os.Args[1], b)
	}
	if err != nil {
		log.Fatal(err)
	}
}
