package gen

import (
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"strconv"
	"testing"
)

func TestGoConstRoundTrip(t *testing.T) {
	for _, value := range []string{
		"",
		`{"a": 1}`,
		"a `raw` string",
		"line\r\nfeed\n",
		"``",
		"ünïcode ✓",
	} {
		src := GoConst("p", "c", "c is a test.\nSecond line.", value, "go test")
		formatted, err := format.Source(src)
		if err != nil {
			t.Fatalf("%q: %v", value, err)
		}
		if string(formatted) != string(src) {
			t.Errorf("%q: not gofmt-formatted:\n%s", value, src)
		}
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments)
		if err != nil {
			t.Fatalf("%q: %v", value, err)
		}
		got := constValue(t, f)
		if got != value {
			t.Errorf("round trip of %q gave %q", value, got)
		}
	}
}

// constValue evaluates the single constant of f, a concatenation of
// string literals.
func constValue(t *testing.T, f *ast.File) string {
	t.Helper()
	spec := f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec)
	var eval func(ast.Expr) string
	eval = func(e ast.Expr) string {
		switch e := e.(type) {
		case *ast.BasicLit:
			s, err := strconv.Unquote(e.Value)
			if err != nil {
				t.Fatal(err)
			}
			return s
		case *ast.BinaryExpr:
			return eval(e.X) + eval(e.Y)
		}
		t.Fatalf("unexpected expression %T", e)
		return ""
	}
	return eval(spec.Values[0])
}
