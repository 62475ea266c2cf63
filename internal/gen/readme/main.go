// Command readme rewrites the table of kinds in the README its argument
// names, between the markers <!-- kinds:start ... --> and <!-- kinds:end -->,
// from core.Kinds(). A //go:generate line at the module root runs it:
//
//	go generate .
package main

import (
	"log"
	"os"

	"github.com/lrplay/lrplay/internal/gen"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("readme: ")
	if len(os.Args) != 2 {
		log.Fatal("usage: readme README.md")
	}
	old, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	b, err := gen.Readme(old)
	if err == nil {
		err = gen.Write(os.Args[1], b)
	}
	if err != nil {
		log.Fatal(err)
	}
}
