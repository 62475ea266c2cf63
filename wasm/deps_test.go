//go:build !(js && wasm)

package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestWasmDeps keeps the wasm small: it must not link encoding/json (and
// the reflection it needs), net/url, or runtime/debug, and none of our own
// packages it links may import fmt. (safejs and math/big still bring fmt.)
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
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		switch pkg {
		case "encoding/json", "net/url", "net/netip", "runtime/debug":
			t.Errorf("the wasm links %s", pkg)
		}
		if strings.HasPrefix(pkg, "github.com/lrplay/") && slices.Contains(strings.Fields(imports), "fmt") {
			t.Errorf("%s, linked into the wasm, imports fmt", pkg)
		}
	}
}
