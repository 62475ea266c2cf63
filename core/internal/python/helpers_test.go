package python

import (
	"strconv"
	"strings"
	"testing"
)

// show writes v for a test: its kind and what it holds, as "int 3",
// "float 0.5", "str \"a\"", "bool true", "none", "name a.b", "call f(2
// args)", "dict {a b}", "list [int 1, int 2]", "lambda \"lambda e: 0.9 ** e\"" or "other: why".
func show(v *Value) string {
	if v == nil {
		return "<nil>"
	}
	switch v.Kind {
	case Int:
		return "int " + strconv.FormatInt(v.Int, 10)
	case Float:
		return "float " + strconv.FormatFloat(v.Float, 'g', -1, 64)
	case Str:
		return "str " + strconv.Quote(v.Str)
	case Bool:
		return "bool " + strconv.FormatBool(v.Bool)
	case None:
		return "none"
	case Name:
		return "name " + v.Name
	case Call:
		return "call " + v.Call.Callee + "(" + strconv.Itoa(len(v.Call.Args)) + " args)"
	case Dict:
		return "dict {" + strings.Join(v.Keys, " ") + "}"
	case List:
		elems := make([]string, len(v.Elems))
		for i, e := range v.Elems {
			elems[i] = show(e)
		}
		return "list [" + strings.Join(elems, ", ") + "]"
	case LambdaExpr:
		return "lambda " + strconv.Quote(v.Str)
	case Tuple:
		elems := make([]string, len(v.Elems))
		for i, e := range v.Elems {
			elems[i] = show(e)
		}
		return "tuple (" + strings.Join(elems, ", ") + ")"
	case NumDict:
		items := make([]string, len(v.Elems))
		for i, e := range v.Elems {
			items[i] = show(e) + ": " + show(v.Vals[i])
		}
		return "numdict {" + strings.Join(items, ", ") + "}"
	}
	return "other: " + v.Why
}

// expr reads src, a snippet whose last statement is an expression, and
// returns that expression's value.
func expr(t *testing.T, src string) *Value {
	t.Helper()
	stmts, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	last := stmts[len(stmts)-1]
	if last.Err != nil {
		t.Fatalf("Parse(%q): the last statement: %v", src, last.Err)
	}
	return last.Val
}

type valueCase struct {
	src  string
	want string // as show writes it
}

func checkValues(t *testing.T, tests []valueCase) {
	t.Helper()
	for _, tt := range tests {
		if got := show(expr(t, tt.src)); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
}
