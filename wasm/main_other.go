//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains how to build the bridge: it only runs in a browser.
func main() {
	fmt.Fprintln(os.Stderr, "the wasm bridge runs in a browser: build it with GOOS=js GOARCH=wasm (make build)")
	os.Exit(2)
}
