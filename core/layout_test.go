package core

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// handWritten lists core's non-test Go files, with their text.
func handWritten(t *testing.T) map[string]string {
	t.Helper()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[p] = string(b)
	}
	return out
}

// TestKindNamedOnce: all that is known about a kind is in one file, so its
// name is written in exactly one of core's hand-written files (the README's
// "Adding a kind" relies on it). Other code reaches a kind through its
// registered variable or the interfaces, never by its name.
func TestKindNamedOnce(t *testing.T) {
	files := handWritten(t)
	for _, k := range Kinds() {
		var in []string
		for p, text := range files {
			if strings.Contains(text, `"`+k.Name+`"`) {
				in = append(in, p)
			}
		}
		if len(in) != 1 {
			t.Errorf("%s is named in %d files, want 1: %v", k.Name, len(in), in)
		}
	}
}

// TestShortFunctions keeps core's files and functions short enough to read:
// at most 700 and 120 lines.
func TestShortFunctions(t *testing.T) {
	fset := token.NewFileSet()
	for p, text := range handWritten(t) {
		if n := strings.Count(text, "\n"); n > 700 {
			t.Errorf("%s is %d lines long", p, n)
		}
		f, err := parser.ParseFile(fset, p, text, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Body != nil {
				if n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line; n > 120 {
					t.Errorf("%s: %s is %d lines long", p, fn.Name.Name, n)
				}
			}
		}
	}
}
