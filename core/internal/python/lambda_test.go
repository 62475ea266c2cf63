package python

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

// TestLambdaExamples: lambdas as users write them for LambdaLR, over a
// range of steps, against CPython 3.11's results (its repr of each).
func TestLambdaExamples(t *testing.T) {
	steps := []int64{0, 1, 2, 10, 29, 30, 59, 60, 99, 100, 250, 499, 500, 999, 1000, 5000}
	tests := []struct {
		src  string
		want []string // Python's repr of each result, or what we return instead
	}{
		{"lambda epoch: 0.95 ** epoch", []string{"1.0", "0.95", "0.9025", "0.5987369392383787",
			"0.22593554099256555", "0.21463876394293727", "0.048494525249423104", "0.046069798986951946",
			"0.006232136021404208", "0.0059205292203339975", "2.6971265378990014e-06", "7.657359538356898e-12",
			"7.274491561439054e-12", "5.570339734468211e-23", "5.2918227477448005e-23", "4.149793100008791e-112"}},
		{"lambda step: min(1.0, (step + 1) / WARMUP)", []string{"0.002", "0.004", "0.006", "0.022", "0.06",
			"0.062", "0.12", "0.122", "0.2", "0.202", "0.502", "1.0", "1.0", "1.0", "1.0", "1.0"}},
		{"lambda e: 0.1 if e < 30 else 0.01 if e < 60 else 0.001", []string{"0.1", "0.1", "0.1", "0.1",
			"0.1", "0.01", "0.01", "0.001", "0.001", "0.001", "0.001", "0.001", "0.001", "0.001", "0.001", "0.001"}},
		{"lambda it: (1 - it / 1000) ** 0.9", []string{"1.0", "0.9990999549834914", "0.9981998198678612",
			"0.9909954834128342", "0.9738617463422878", "0.9729590473501305", "0.9467398572784093",
			"0.945834319378632", "0.9104420581500318", "0.9095325760829622", "0.7718895067235705",
			"0.5368512309954805", "0.5358867312681466", "0.001995262314968881", "0.0",
			"at it 5000: " + errComplex.msg}}, // (1 - 5) ** 0.9 is complex in Python
		{"lambda s: 0.5 * (1 + math.cos(math.pi * s / 100))", []string{"1.0", "0.9997532801828658",
			"0.9990133642141358", "0.9755282581475768", "0.8064535268264883", "0.7938926261462367",
			"0.3605044469803854", "0.34549150281252644", "0.0002467198171342", "0.0", "0.5000000000000006",
			"0.0002467198171342555", "0.0", "0.9997532801828657", "1.0", "1.0"}},
		{"lambda epoch: max(0.0, 1 - epoch // 10 * 0.1)", []string{"1.0", "1.0", "1.0", "0.9", "0.8", "0.7",
			"0.5", "0.3999999999999999", "0.09999999999999998", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0"}},
	}
	for _, tt := range tests {
		l, err := CompileLambda(tt.src, map[string]*Value{"WARMUP": {Kind: Int, Int: 500}})
		if err != nil {
			t.Errorf("CompileLambda(%q): %v", tt.src, err)
			continue
		}
		for i, x := range steps {
			v, err := l.Eval(x)
			got := ""
			if err != nil {
				got = err.(*Error).Msg
			} else if v.Kind != Float {
				got = showNum(v, nil)
			}
			want := tt.want[i]
			if f, perr := strconv.ParseFloat(want, 64); perr == nil && err == nil && v.Kind == Float && v.Float == f {
				continue
			}
			if got != want {
				t.Errorf("(%s)(%d) = %s, want %s", tt.src, x, showNum(v, err), want)
			}
		}
	}
}

// TestLambdaForms: what CompileLambda accepts around the body.
func TestLambdaForms(t *testing.T) {
	tests := []struct {
		src   string
		param string
		x     int64
		want  string
	}{
		{"lambda epoch: epoch", "epoch", 7, "int 7"},
		{"  lambda   step :step*2  ", "step", 7, "int 14"},
		{"(lambda e: e)", "e", 1, "int 1"},
		{"((lambda e: -e))", "e", 1, "int -1"},
		{"lambda e: (e +\n    1)", "e", 1, "int 2"},
		{"lambda e: e + \\\n 1", "e", 1, "int 2"},
		{"\n# the factor\nlambda e: e  # per epoch\n", "e", 1, "int 1"},
		{"lambda e: 0 < e", "e", 1, "bool true"},
		{"lambda e: 1_000 * 0x10 + 0o7 + 0b1", "e", 0, "int 16008"},
		{"lambda e: 1e999 if e < 0 else 1.", "e", 0, "float 1"},
		{"lambda math: math * 2", "math", 2, "int 4"},
		{"lambda e: WARMUP + NEG", "e", 0, "int 497"},
		{"lambda e: cfg.warmup * e", "e", 2, "int 20"},
		{"lambda e: min(e, 3,)", "e", 5, "int 3"},
	}
	consts := map[string]*Value{"WARMUP": {Kind: Int, Int: 500}, "NEG": {Kind: Int, Int: -3}, "cfg.warmup": {Kind: Int, Int: 10}}
	for _, tt := range tests {
		l, err := CompileLambda(tt.src, consts)
		if err != nil {
			t.Errorf("CompileLambda(%q): %v", tt.src, err)
			continue
		}
		if l.Param != tt.param {
			t.Errorf("CompileLambda(%q).Param = %q, want %q", tt.src, l.Param, tt.param)
		}
		if got := showNum(l.Eval(tt.x)); got != tt.want {
			t.Errorf("(%q)(%d) = %s, want %s", tt.src, tt.x, got, tt.want)
		}
	}
}

// TestLambdaConstsFromParse: the constants of a pasted snippet, as Parse
// folds them, used by a lambda.
func TestLambdaConstsFromParse(t *testing.T) {
	stmts, err := Parse("WARMUP = 5 * 100\nDECAY = 0.5 ** 2\nUSE = True\nNAME = 'cosine'\n")
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]*Value{}
	for _, st := range stmts {
		if st.Err == nil && st.Val != nil {
			consts[st.Target] = st.Val
		}
	}
	l, err := CompileLambda("lambda step: min(1.0, (step + 1) / WARMUP) * DECAY * USE", consts)
	if err != nil {
		t.Fatal(err)
	}
	if got := showNum(l.Eval(249)); got != "float 0.125" {
		t.Errorf("at 249: %s, want float 0.125", got)
	}
	_, err = CompileLambda("lambda step: NAME", consts)
	if want := `line 1, column 14: "NAME" is not a number`; err == nil || err.Error() != want {
		t.Errorf("a string constant: %v, want %s", err, want)
	}
}

// TestLambdaErrors: what CompileLambda refuses, at its line and column.
func TestLambdaErrors(t *testing.T) {
	deep := func(unit string, n int) string { return "lambda e: " + strings.Repeat(unit, n) + "e" }
	tests := []struct{ src, want string }{
		{"", `line 1, column 1: expected a lambda, as in "lambda epoch: 0.95 ** epoch"`},
		{"0.95 ** epoch", `line 1, column 1: expected a lambda, as in "lambda epoch: 0.95 ** epoch"`},
		{"def f(e): return e", `line 1, column 1: expected a lambda, as in "lambda epoch: 0.95 ** epoch"`},
		{"lambda: 1", "line 1, column 7: the lambda must take one argument, the step or epoch it is called with"},
		{"lambda a, b: a", "line 1, column 8: the lambda must take one argument, the step or epoch it is called with"},
		{"lambda e=0: e", "line 1, column 8: the lambda must take one argument, the step or epoch it is called with"},
		{"lambda *a: a", "line 1, column 8: the lambda must take one argument, the step or epoch it is called with"},
		{"lambda True: 1", "line 1, column 8: the lambda must take one argument, the step or epoch it is called with"},
		{"lambda e: foo", `line 1, column 11: "foo" is not defined: ` + supported},
		{"lambda e: len(e)", `line 1, column 11: "len" is not defined: ` + supported},
		{"lambda e: np.cos(e)", `line 1, column 11: "np.cos" is not supported: ` + supported},
		{"lambda e: math.inf", `line 1, column 11: "math.inf" is not supported: ` + supported},
		{"lambda e: math", `line 1, column 11: "math" is a module, not a number`},
		{"lambda e: e.real", `line 1, column 11: "e.real": an attribute of a number is not supported`},
		{"lambda e: WARMUP.x", `line 1, column 11: "WARMUP.x": an attribute of a number is not supported`},
		{"lambda e: (e).real", `line 1, column 14: an attribute is not supported, other than math's`},
		{"lambda e: math.", `line 1, column 11: "math" is a module, not a number`},
		{"lambda e: e[0]", "line 1, column 12: a subscript is not supported"},
		{"lambda e: e(1)", "line 1, column 12: only functions can be called: " + supported},
		{"lambda e: min", `line 1, column 11: "min" is a function, not a number`},
		{"lambda e: 'a' * e", "line 1, column 11: a string is not supported: a lambda here computes numbers"},
		{"lambda e: [e]", "line 1, column 11: a list is not supported"},
		{"lambda e: {e: 1}", "line 1, column 11: a dict or set is not supported"},
		{"lambda e: (e, 1)", "line 1, column 13: a tuple is not supported"},
		{"lambda e: ()", "line 1, column 11: a tuple is not supported"},
		{"lambda e: (e for e in e)", "line 1, column 14: a comprehension is not supported"},
		{"lambda e: min(e for e in e)", "line 1, column 17: a comprehension is not supported"},
		{"lambda e: (e := 3)", `line 1, column 14: the operator ":=" is not supported`},
		{"lambda e: e | 1", `line 1, column 13: the operator "|" is not supported`},
		{"lambda e: e & 1", `line 1, column 13: the operator "&" is not supported`},
		{"lambda e: e ^ 1", `line 1, column 13: the operator "^" is not supported`},
		{"lambda e: e << 1", `line 1, column 13: the operator "<<" is not supported`},
		{"lambda e: e in 3", `line 1, column 13: the operator "in" is not supported`},
		{"lambda e: e not in 3", `line 1, column 13: the operator "not in" is not supported`},
		{"lambda e: e is 3", `line 1, column 13: the operator "is" is not supported`},
		{"lambda e: ~e", `line 1, column 11: the operator "~" is not supported`},
		{"lambda e: e @ e", `line 1, column 13: the operator "@" is not supported`},
		{"lambda e: lambda x: x", "line 1, column 11: a lambda inside the lambda is not supported"},
		{"lambda e: None", `line 1, column 11: "None" is not a number`},
		{"lambda e: yield", `line 1, column 11: unexpected "yield"`},
		{"lambda e: min(e)", "line 1, column 11: min takes 2 or more arguments, not 1"},
		{"lambda e: abs(e, 1)", "line 1, column 11: abs takes 1 argument, not 2"},
		{"lambda e: abs()", "line 1, column 11: abs takes 1 argument, not 0"},
		{"lambda e: math.log(e, 2, 3)", "line 1, column 11: math.log takes 1 or 2 arguments, not 3"},
		{"lambda e: pow(e, 2, 3)", "line 1, column 11: pow takes 2 arguments, not 3"},
		{"lambda e: round(e, ndigits=2)", "line 1, column 20: a keyword argument is not supported"},
		{"lambda e: max(*e)", "line 1, column 15: a starred argument is not supported"},
		{"lambda e: 3j", `line 1, column 11: the number "3j" is not supported: a complex number`},
		{"lambda e: 012", `line 1, column 11: the number "012" is not supported: a leading zero, which Python 3 rejects`},
		{"lambda e: 99999999999999999999", `line 1, column 11: the number "99999999999999999999" is not supported: too large`},
		{"lambda e: e if e", `line 1, column 17: expected "else", found the end of the line`},
		{"lambda e: e +", "line 1, column 14: the line ends before the expression does"},
		{"lambda e: e e", `line 1, column 13: unexpected "e" after the lambda`},
		{"lambda e: e = 1", `line 1, column 13: unexpected "=" after the lambda`},
		{"lambda e: e\nx = 1", `line 2, column 1: unexpected "x" after the lambda`},
		{"lambda e: e; 1", `line 1, column 14: unexpected "1" after the lambda`},
		{"lambda e: e)", `line 1, column 12: unmatched ")"`},
		{"(lambda e: e", `line 1, column 1: this "(" is never closed`},
		{"lambda e: (\n  e +\n  foo)", `line 3, column 3: "foo" is not defined: ` + supported},
		{"      \n#     \n          lambda e: foo", `line 3, column 21: "foo" is not defined: ` + supported},
		{deep("-", 200), "line 1, column 110: " + tooDeepMsg},             // the 100th "-"
		{deep("not ", 200), "line 1, column 407: " + tooDeepMsg},          // the 100th "not"
		{deep("1 + ", 150), "line 1, column 413: " + tooDeepMsg},          // the 101st "+"
		{deep("2 ** ", 150), "line 1, column 508: " + tooDeepMsg},         // the 100th "**"
		{deep("e if e else ", 150), "line 1, column 1211: " + tooDeepMsg}, // the 101st conditional
	}
	for _, tt := range tests {
		_, err := CompileLambda(tt.src, pyConsts)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("CompileLambda(%q) = %v, want an *Error", tt.src, err)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("CompileLambda(%q):\n got %s\nwant %s", tt.src, err, tt.want)
		}
	}
}

// TestLambdaEvalErrors: an evaluation's error is at the operation that
// raises it, and names the exception and the argument.
func TestLambdaEvalErrors(t *testing.T) {
	tests := []struct {
		src  string
		x    int64
		want string
	}{
		{"lambda epoch: 1 / epoch", 0, "line 1, column 17: ZeroDivisionError at epoch 0: division by zero"},
		{"lambda e: math.log(e)", 0, "line 1, column 11: ValueError at e 0: math domain error"},
		{"lambda e: (1 +\n  1 / e)", 0, "line 2, column 5: ZeroDivisionError at e 0: division by zero"},
		{"lambda step: 2 ** step", 64, "line 1, column 16: at step 64: " + errTooBig.msg},
		{"lambda e: 1e308 * (e + 10)", 0, "line 1, column 17: at e 0: the result is inf, not a finite number"},
		{"lambda e: 1e999", 0, "line 1, column 11: at e 0: the result is inf, not a finite number"},
		{"lambda e: math.exp(e)", 710, "line 1, column 11: OverflowError at e 710: math range error"},
		{"lambda e: int(e / 0.0)", 1, "line 1, column 17: ZeroDivisionError at e 1: float division by zero"},
	}
	for _, tt := range tests {
		l, err := CompileLambda(tt.src, nil)
		if err != nil {
			t.Errorf("CompileLambda(%q): %v", tt.src, err)
			continue
		}
		_, err = l.Eval(tt.x)
		var e *Error
		if !errors.As(err, &e) || err.Error() != tt.want {
			t.Errorf("(%q)(%d): %v, want %s", tt.src, tt.x, err, tt.want)
		}
	}
}

// TestLambdaDepth: the deepest lambda CompileLambda accepts evaluates.
func TestLambdaDepth(t *testing.T) {
	for _, src := range []string{
		"lambda e: " + strings.Repeat("-", maxDepth-1) + "e",
		"lambda e: " + strings.Repeat("e + ", maxDepth) + "e",
		"lambda e: " + strings.Repeat("(", maxDepth-1) + "e" + strings.Repeat(")", maxDepth-1),
	} {
		l, err := CompileLambda(src, nil)
		if err != nil {
			t.Errorf("CompileLambda(%.40q...): %v", src, err)
			continue
		}
		if _, err := l.Eval(1); err != nil {
			t.Errorf("(%.40q...)(1): %v", src, err)
		}
	}
}

// BenchmarkEval: a cosine factor, per step.
func BenchmarkEval(b *testing.B) {
	l, err := CompileLambda("lambda s: 0.5 * (1 + math.cos(math.pi * s / 100))", nil)
	if err != nil {
		b.Fatal(err)
	}
	var sum float64
	x := int64(0)
	for b.Loop() {
		v, _ := l.Eval(x)
		sum += v.Float64()
		x = (x + 1) % 100
	}
	if math.IsNaN(sum) {
		b.Fatal("NaN")
	}
}
