//go:build !(js && wasm)

package main

import (
	"os"
	"os/exec"
	"regexp"
	"testing"
)

// TestLean: the wasm for embedding (-tags lean) registers no tool, and its
// linker leaves core.Lint, Code, Translate and ImportCode out, and the
// frameworks' hooks that only they call. It reads the
// function names in each build's name section.
func TestLean(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the wasm twice")
	}
	build := func(tags string) []byte {
		t.Helper()
		exe := t.TempDir() + "/lrplay.wasm"
		cmd := exec.Command("go", "build", "-tags", tags, "-o", exe, ".")
		cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build -tags %q: %v\n%s", tags, err, out)
		}
		b, err := os.ReadFile(exe)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	full, lean := build(""), build("lean")
	// Past the four entry points, the frameworks' hooks that only they reach
	// (core's frameworkTools and composer): held in interfaces, so that the
	// linker drops them when nothing calls them.
	for _, fn := range []string{"Lint", "Code", "Translate", "ImportCode",
		"(*torchTools).target", "(*hfTools).target", "(*hfTools).dispatchers", "hfGetScheduler",
		"(*lrsTools).target", "(*lrsTools).read", "(*lrsTools).method", "lrsRead", "lrsConfig",
		"(*brainpyTools).read", "(*playgroundComposer).compose", "(*importer).value"} {
		re := regexp.MustCompile(`github\.com/lrplay/lrplay/core\.` + regexp.QuoteMeta(fn) + `[^A-Za-z0-9_]`)
		if !re.Match(full) {
			t.Errorf("the full wasm has no core.%s", fn)
		}
		if re.Match(lean) {
			t.Errorf("the lean wasm links core.%s", fn)
		}
	}
}
