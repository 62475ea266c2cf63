//go:build !(js && wasm)

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// heavyPackages are the standard packages the wasm must not link, with the
// reason each is avoidable. Together they cost about 230 KB of the
// brotli-compressed wasm (measured by removing them one at a time).
var heavyPackages = map[string]string{
	"fmt":             "strconv and string concatenation do",
	"reflect":         "it comes with fmt and encoding/binary; nothing here needs it",
	"math/big":        "xmath has its own multiple-precision slow path",
	"encoding/json":   "core has its own strict JSON reader; kinds_gen.go carries the kind table",
	"encoding/binary": "putFloat64 writes little-endian floats",
	"embed":           "generated constants replace go:embed (it links io/fs and time)",
	"time":            "the page takes its clock from performance.now",
	"os":              "nothing runs on a file system",
	"sort":            "package slices does",
	"net/url":         "query.go parses the query",
	"runtime/debug":   "the bridge recovers panics without stacks",
}

// TestWasmDeps keeps the wasm small: it must link none of heavyPackages.
func TestWasmDeps(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}: {{join .Imports \" \"}}", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	importers := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		for _, imp := range strings.Fields(imports) {
			importers[imp] = append(importers[imp], pkg)
		}
	}
	for pkg, why := range heavyPackages {
		if by := importers[pkg]; len(by) > 0 {
			t.Errorf("the wasm links %s (imported by %s); it need not: %s", pkg, strings.Join(by, ", "), why)
		}
	}
}
