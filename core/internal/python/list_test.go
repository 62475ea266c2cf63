package python

import (
	"strings"
	"testing"
)

// TestLists: list literals with their elements folded, constants
// substituted, a trailing comma, nesting; a list this reader cannot read
// element by element stays a list's source.
func TestLists(t *testing.T) {
	checkValues(t, []valueCase{
		{"[]", "list []"},
		{"[30, 80]", "list [int 30, int 80]"},
		{"[30, 80,]", "list [int 30, int 80]"},
		{"[0.1, 1e-3, -2]", "list [float 0.1, float 0.001, int -2]"},
		{"[10 * 390, 2 ** 3, 7 // 2]", "list [int 3900, int 8, int 3]"},
		{"E = 100\n[E // 2, E * 3 // 4]", "list [int 50, int 75]"},
		{"[[1], 2]", "list [list [int 1], int 2]"},
		{"[x, f(1)]", "list [name x, call f(1 args)]"},
		{"[x for x in y]", "other: a list"},
		{"[1, 2] * 2", "other: a list"},
		{"m = [30, 80]\nm", "list [int 30, int 80]"},
	})
	v := expr(t, "f(milestones=[ 30,\n 80 ])")
	if m := v.Call.Args[0].Val; m.Text != "[ 30,\n 80 ]" || m.Pos != strings.Index("f(milestones=[ 30,\n 80 ])", "[") {
		t.Errorf("milestones: Text %q, Pos %d", m.Text, m.Pos)
	}
}

// TestLambdaExprs: a lambda is kept as source to the end of its argument,
// its Str with the numbers assigned before it written in (not its own
// argument's name, nor an attribute, nor a name assigned after it), in
// parentheses when negative.
func TestLambdaExprs(t *testing.T) {
	checkValues(t, []valueCase{
		{"lambda e: 0.95 ** e", `lambda "lambda e: 0.95 ** e"`},
		{"W = 500\nlambda e: min(1.0, (e + 1) / W)", `lambda "lambda e: min(1.0, (e + 1) / 500)"`},
		{"G = 0.5\nB = -2\nlambda step: G ** step * B", `lambda "lambda step: 0.5 ** step * (-2)"`},
		{"e = 3\nlambda e: e", `lambda "lambda e: e"`}, // the argument shadows the constant
		{"pi = 3\nlambda e: math.pi * e", `lambda "lambda e: math.pi * e"`},
		{"F = 2.0\nT = True\nlambda e: F if T else 1", `lambda "lambda e: 2.0 if True else 1"`},
		{"X = 1e999\nlambda e: X", `lambda "lambda e: +1e999"`},
		{"lambda e: 0.5 if e < 10 else f(e)", `lambda "lambda e: 0.5 if e < 10 else f(e)"`},
		{"S = 'a'\nlambda e: S", `lambda "lambda e: S"`}, // CompileLambda says a constant must be a number
		{"(lambda e: e / 2)", `lambda "lambda e: e / 2"`},
		{"f = lambda e: 0.9 ** e\nf", `lambda "lambda e: 0.9 ** e"`},
	})
	src := "W = 10\nLambdaLR(opt, lambda e: [1, 2][e % 2] / W, last_epoch=-1)"
	v := expr(t, src)
	args := v.Call.Args
	if len(args) != 3 || show(args[1].Val) != `lambda "lambda e: [1, 2][e % 2] / 10"` ||
		args[1].Val.Text != "lambda e: [1, 2][e % 2] / W" || args[1].Val.Pos != strings.Index(src, "lambda") ||
		args[2].Name != "last_epoch" {
		t.Fatalf("LambdaLR(...): %d args, the second %s %q", len(args), show(args[1].Val), args[1].Val.Text)
	}
	if c := args[1].Val.Consts["W"]; c == nil || show(c) != "int 10" {
		t.Errorf("Consts[W] = %s, want int 10", show(c))
	}
	// The substituted text compiles alone to the lambda the source and its
	// constants compile to.
	src = "W = 4\nD = 0.5\nlambda e: min(1.0, (e + 1) / W) * D ** (e // W)"
	v = expr(t, src)
	alone, err := CompileLambda(v.Str, nil)
	if err != nil {
		t.Fatal(err)
	}
	with, err := CompileLambda(v.Text, v.Consts)
	if err != nil {
		t.Fatal(err)
	}
	for e := int64(0); e < 20; e++ {
		a, errA := alone.Eval(e)
		b, errB := with.Eval(e)
		if errA != nil || errB != nil || a != b {
			t.Errorf("at %d: %v %v, %v %v", e, a, errA, b, errB)
		}
	}
}

// TestTuplesAndNumDicts: the literals of (step, value) pairs that ignite's
// and optax's schedules take: tuples, lists of tuples, and dicts of number
// keys, their elements folded; a repeated key is kept as written (the
// reader of the dict decides what Python keeps).
func TestTuplesAndNumDicts(t *testing.T) {
	checkValues(t, []valueCase{
		{"(1, 2)", "tuple (int 1, int 2)"},
		{"(1, 2,)", "tuple (int 1, int 2)"},
		{"(1,)", "tuple (int 1)"},
		{"(10 * 3, 0.5 / 2)", "tuple (int 30, float 0.25)"},
		{"[(0, 0.0), (10, 1e-3)]", "list [tuple (int 0, float 0), tuple (int 10, float 0.001)]"},
		{"(x, f(1))", "tuple (name x, call f(1 args))"},
		{"(1, 2) + 3", "other: a tuple"},
		{"{100: 0.1, 200: 0.01}", "numdict {int 100: float 0.1, int 200: float 0.01}"},
		{"{100: 0.1, 100: 0.5,}", "numdict {int 100: float 0.1, int 100: float 0.5}"},
		{"E = 10\n{E * 3: 0.1, 2.5: x}", "numdict {int 30: float 0.1, float 2.5: name x}"},
		{"{1: 2, 'a': 3}", "other: a dict or set"},
		{"{1, 2}", "other: a dict or set"},
		{"{}", "dict {}"},
	})
}
