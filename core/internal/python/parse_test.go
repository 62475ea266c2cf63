package python

import (
	"strings"
	"testing"
)

// TestPrecedence: ** binds tighter than a unary minus on its left and
// looser on its right, and is right-associative; * / // % bind tighter
// than + -, which are left-associative.
func TestPrecedence(t *testing.T) {
	checkValues(t, []valueCase{
		{"-2 ** 2", "int -4"},
		{"(-2) ** 2", "int 4"},
		{"-(2) ** 2", "int -4"},
		{"--2 ** 2", "int 4"},
		{"~2 ** 2", "int -5"},
		{"2 ** -1", "float 0.5"},
		{"-2 ** -2", "float -0.25"},
		{"2 ** ~1", "float 0.25"},
		{"2 ** 3 ** 2", "int 512"},
		{"2 ** 2 ** -1", "float 1.4142135623730951"},
		{"2 * 3 ** 2", "int 18"},
		{"-3 ** 2 * 2", "int -18"},
		{"2 + 3 * 4", "int 14"},
		{"(2 + 3) * 4", "int 20"},
		{"10 - 2 - 3", "int 5"},
		{"100 / 10 / 5", "float 2"},
		{"7 // 2 * 2", "int 6"},
		{"-7 % 3 * 2", "int 4"},
		{"2 * -3", "int -6"},
		{"((((1))))", "int 1"},
	})
}

// TestNames: dotted names, attributes of what is not a name, and indexes.
func TestNames(t *testing.T) {
	checkValues(t, []valueCase{
		{"optimizer", "name optimizer"},
		{"args.lr", "name args.lr"},
		{"self.cfg.train.lr", "name self.cfg.train.lr"},
		{"SchedulerType.COSINE", "name SchedulerType.COSINE"},
		{"f(x).lr", "other: an attribute"},
		{"'a'.upper", "other: an attribute"},
		{"cfg['lr']", "other: an index"},
		{"cfg.lrs[0]", "other: an index"},
		{"(1, 2)", "tuple (int 1, int 2)"},
		{"()", "other: a tuple"},
		{"[1, 2]", "list [int 1, int 2]"},
	})
	if v := expr(t, "( self .opt\n)"); v.Kind != Name || v.Name != "self.opt" || v.Text != "( self .opt\n)" || v.Pos != 0 {
		t.Errorf("(self .opt): %s, Text %q Pos %d", show(v), v.Text, v.Pos)
	}
}

// TestDicts: a dict of string keys is read; other braces are not.
func TestDicts(t *testing.T) {
	checkValues(t, []valueCase{
		{"{}", "dict {}"},
		{`{"num_cycles": 3}`, "dict {num_cycles}"},
		{`{'a': 1, "b": 2.5, 'c': None,}`, "dict {a b c}"},
		{`{"a" "b": 1}`, "dict {ab}"},
		{`{"a": {"b": 1}}`, "dict {a}"},
		{"{1: 2}", "numdict {int 1: int 2}"},
		{"{k: 2}", "other: a dict or set"},
		{`{f"a": 2}`, "other: a dict or set"},
		{`{"a", "b"}`, "other: a set"},
		{`{"a"}`, "other: a set"},
	})
	v := expr(t, `N = 4`+"\n"+`{"n": N * 2, "s": 'x', "d": {"e": 1}}`)
	if len(v.Vals) != 3 || show(v.Vals[0]) != "int 8" || show(v.Vals[1]) != `str "x"` || show(v.Vals[2]) != "dict {e}" {
		t.Errorf("a dict's values: %s %v", show(v), v.Vals)
	}
	if v.Text != `{"n": N * 2, "s": 'x', "d": {"e": 1}}` {
		t.Errorf("a dict's text: %q", v.Text)
	}
}

// TestCalls: a call's callee and its positional, keyword, * and **
// arguments, each with its position; an argument this reader does not read
// is kept as its source text.
func TestCalls(t *testing.T) {
	src := "torch.optim.lr_scheduler.CosineAnnealingLR(opt, 10 * 3, eta_min=1e-6, *rest, **{'verbose': True}, last_epoch=-1,)"
	v := expr(t, src)
	if v.Kind != Call || v.Call.Callee != "torch.optim.lr_scheduler.CosineAnnealingLR" || v.Text != src || v.Pos != 0 {
		t.Fatalf("%s: %s, Text %q", src, show(v), v.Text)
	}
	want := []struct {
		name string
		star int
		val  string
		text string
		at   string // where the argument starts, its star or keyword included
	}{
		{"", 0, "name opt", "opt", "opt, 10"},
		{"", 0, "int 30", "10 * 3", "10 * 3"},
		{"eta_min", 0, "float 1e-06", "1e-6", "eta_min="},
		{"", 1, "name rest", "rest", "*rest"},
		{"", 2, "dict {verbose}", "{'verbose': True}", "**{"},
		{"last_epoch", 0, "int -1", "-1", "last_epoch="},
	}
	args := v.Call.Args
	if len(args) != len(want) {
		t.Fatalf("%d arguments, want %d", len(args), len(want))
	}
	for i, w := range want {
		a := args[i]
		if a.Name != w.name || a.Star != w.star || show(a.Val) != w.val || a.Val.Text != w.text {
			t.Errorf("argument %d: %q %d %s %q; want %q %d %s %q", i, a.Name, a.Star, show(a.Val), a.Val.Text, w.name, w.star, w.val, w.text)
		}
		if start := strings.Index(src, w.at); a.Pos != start {
			t.Errorf("argument %d at %d, want %d", i, a.Pos, start)
		}
	}

	checkValues(t, []valueCase{
		{"f()", "call f(0 args)"},
		{"a.b.c(1)(2)", "call (1 args)"}, // the result of a call is not a name
		{"f(x)[0]", "other: an index"},
		{"(f)(1)", "call f(1 args)"},
		{"'a'.join(x)", "call (1 args)"},
	})
	// Arguments that are not expressions this reader reads.
	for _, arg := range []string{"x if y else z", "a < b", "not x", "a and b", "(x for x in y)"} {
		v := expr(t, "LambdaLR(opt, "+arg+", last_epoch=-1)")
		args := v.Call.Args
		if len(args) != 3 || show(args[1].Val) != "other: an expression LR Playground does not read" || args[1].Val.Text != arg ||
			args[2].Name != "last_epoch" || show(args[2].Val) != "int -1" {
			t.Errorf("LambdaLR(opt, %s, last_epoch=-1): %d args, the second %s %q", arg, len(args), show(args[1].Val), args[1].Val.Text)
		}
	}
}

// TestStatements: imports, assignments (dotted and annotated), and
// constants substituted into later statements, keeping their own text.
func TestStatements(t *testing.T) {
	src := `import torch
from torch.optim import lr_scheduler as ls
EPOCHS = 100
steps: int = 390
self.warmup = EPOCHS // 10
total = EPOCHS * steps
name = "cos" + 'ine'
opt = AdamW(params, lr=3e-4)
unknown = args.lr
scheduler = ls.CosineAnnealingLR(opt, T_max=total, eta_min=self.warmup); scheduler.step()
EPOCHS = 1.5
EPOCHS
`
	stmts, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line   int
		target string
		val    string
		names  string
	}{
		{1, "import", "<nil>", "import torch"},
		{2, "import", "<nil>", "from torch optim import lr_scheduler as ls"},
		{3, "EPOCHS", "int 100", "EPOCHS"},
		{4, "steps", "int 390", "steps int"},
		{5, "self.warmup", "int 10", "self warmup EPOCHS"},
		{6, "total", "int 39000", "total EPOCHS steps"},
		{7, "name", `str "cosine"`, "name"},
		{8, "opt", "call AdamW(2 args)", "opt AdamW params lr"},
		{9, "unknown", "name args.lr", "unknown args lr"},
		{10, "scheduler", "call ls.CosineAnnealingLR(3 args)", "scheduler ls CosineAnnealingLR opt T_max total eta_min self warmup"},
		{10, "", "call scheduler.step(0 args)", "scheduler step"},
		{11, "EPOCHS", "float 1.5", "EPOCHS"},
		{12, "", "float 1.5", "EPOCHS"},
	}
	if len(stmts) != len(want) {
		t.Fatalf("%d statements, want %d", len(stmts), len(want))
	}
	for i, w := range want {
		st := stmts[i]
		if st.Err != nil || st.Target != w.target || show(st.Val) != w.val || strings.Join(st.Names, " ") != w.names {
			t.Errorf("statement %d: %q %s %q %v; want %q %s %q", i, st.Target, show(st.Val), st.Names, st.Err, w.target, w.val, w.names)
		}
		if line := 1 + strings.Count(src[:st.Pos], "\n"); line != w.line {
			t.Errorf("statement %d on line %d, want %d", i, line, w.line)
		}
	}
	call := stmts[9].Val.Call
	if tmax := call.Args[1].Val; show(tmax) != "int 39000" || tmax.Text != "total" || tmax.Pos != strings.Index(src, "=total")+1 {
		t.Errorf("T_max=total: %s, Text %q, Pos %d", show(tmax), tmax.Text, tmax.Pos)
	}
	if w := call.Args[2].Val; show(w) != "int 10" || w.Text != "self.warmup" {
		t.Errorf("eta_min=self.warmup: %s, Text %q", show(w), w.Text)
	}
	// A name assigned a call, a name or something unread stays a name.
	checkValues(t, []valueCase{
		{"a = f()\na", "name a"},
		{"a = b\na", "name a"},
		{"a = [1]\na", "list [int 1]"},
		{"a = 2\nb = a\nb", "int 2"},
		{"a = 1\na = a + 1\na", "int 2"},
		{"a = 1\na.b", "other: an attribute"}, // a constant has no attributes here
	})
}

// TestStatementErrors: a statement that cannot be read carries its error,
// located in the source, and the statements after it are still read.
func TestStatementErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"x = 1 2", `line 1, column 7: unexpected "2" after the expression`},
		{"x = ", `line 1, column 5: the line ends before the expression does`},
		{"x = 1 +", `line 1, column 8: the line ends before the expression does`},
		{"x = )", `line 1, column 5: unmatched ")"`}, // the lexer's
		{"x = (1 2)", `line 1, column 8: expected ")", found "2"`},
		{"f(1 2)", `line 1, column 5: expected ")", found "2"`},
		{"x = f(1\n\n", `line 1, column 6: this "(" is never closed`},
		{"x = [1, 2)", `line 1, column 10: expected "]", found ")"`},
		{"x = {'a': 1)", `line 1, column 12: expected "}", found ")"`},
		{"x = a.(b)", `line 1, column 7: expected a name after "."`},
		{"x = a.1", `line 1, column 6: unexpected ".1" after the expression`}, // .1 is a number
		{"x: int", `line 1, column 7: expected "="`},
		{"x = 1 if y else 2", `line 1, column 7: a conditional or comprehension: write the value itself`},
		{"x = a or b", `line 1, column 7: a conditional or comprehension: write the value itself`},
		{"x = 1 < 2", `line 1, column 7: a comparison: write the value itself`},
		{"x = 1 == 2", `line 1, column 7: a comparison: write the value itself`},
		{"x = not y", `line 1, column 5: "not": only a call with literal arguments is read`},
		{"def f(): pass", `line 1, column 1: "def": only a call with literal arguments is read`},
		{"x = ,", `line 1, column 5: unexpected ","`},
		{"x = 1\ny = 2 +\nz = 3", `line 2, column 8: the line ends before the expression does`},
		{"x = 'a' + \\\n  (", `line 2, column 3: this "(" is never closed`},
		{"x = \"" + strings.Repeat("a", 50) + "\" 1", `line 1, column 58: unexpected "1" after the expression`},
		{"x = 1 " + strings.Repeat("b", 50), `line 1, column 7: unexpected "` + strings.Repeat("b", 40) + `…" after the expression`},
	}
	for _, tt := range tests {
		stmts, err := Parse(tt.src)
		if err == nil {
			for _, st := range stmts {
				if err = st.Err; err != nil {
					break
				}
			}
		}
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q): %v, want %s", tt.src, err, tt.want)
		} else if _, ok := err.(*Error); !ok {
			t.Errorf("Parse(%q): error %T, want *Error", tt.src, err)
		}
	}
	// The statements after a broken one are read; a snippet the lexer
	// cannot split is not read at all.
	if stmts, err := Parse("x = 1 +\ny = 2\nz = (y"); err == nil {
		t.Errorf("an unclosed bracket on the last line: %v, no error", stmts)
	}
	stmts, err := Parse("x = 1 +\ny = 2\nz = y")
	if err != nil || len(stmts) != 3 || stmts[0].Err == nil || stmts[1].Err != nil || show(stmts[2].Val) != "int 2" {
		t.Errorf("after a broken statement: %v %v", stmts, err)
	}
}

// TestWhere: the position of an offset, as errors write it; an offset past
// the end is the end.
func TestWhere(t *testing.T) {
	src := "ab\ncdé\n\nf"
	tests := []struct {
		pos  int
		want string
	}{
		{0, "line 1, column 1: "},
		{2, "line 1, column 3: "},
		{3, "line 2, column 1: "},
		{7, "line 2, column 5: "},
		{8, "line 3, column 1: "},
		{9, "line 4, column 1: "},
		{10, "line 4, column 2: "},
		{99, "line 4, column 2: "},
	}
	for _, tt := range tests {
		if got := Where(src, tt.pos); got != tt.want {
			t.Errorf("Where(%q, %d) = %q, want %q", src, tt.pos, got, tt.want)
		}
	}
	e := &Error{Line: 3, Col: 14, Msg: "unexpected \"2\""}
	if got := e.Error(); got != `line 3, column 14: unexpected "2"` {
		t.Errorf("Error() = %q", got)
	}
}

// TestNesting: depth is bounded, and an argument too deep is an error, not
// text kept for later.
func TestNesting(t *testing.T) {
	deep := func(n int, op string) string { return strings.Repeat(op, n) + "1" }
	if v := expr(t, "x = "+deep(99, "-")+"\nx"); show(v) != "int -1" {
		t.Errorf("99 minus signs: %s", show(v))
	}
	for _, src := range []string{"x = " + deep(100, "-"), "f(" + deep(100, "-") + ")", "f(" + deep(101, "+") + ", 2)"} {
		stmts, err := Parse(src)
		if err != nil || stmts[0].Err == nil || !strings.Contains(stmts[0].Err.Error(), "the expression is nested too deeply") {
			t.Errorf("%.20s…: %v %v", src, stmts, err)
		}
	}
	// 60 brackets, each holding an expression: within the lexer's bound,
	// beyond the parser's.
	src := "x = " + strings.Repeat("(-", 60) + "1" + strings.Repeat(")", 60)
	if stmts, err := Parse(src); err != nil || stmts[0].Err == nil || !strings.Contains(stmts[0].Err.Error(), "nested too deeply") {
		t.Errorf("(- 60 deep: %v %v", stmts, err)
	}
}
