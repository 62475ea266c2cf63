package python

import (
	"context"
	"math"
	"math/rand/v2"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The differential tests run Python's own eval where a python3 is on the
// PATH, and skip otherwise: the hand-written tables of lambda_test.go,
// num_test.go and builtins_test.go stand alone.

// pyConsts are the constants both sides know, as a snippet would assign them.
var pyConsts = map[string]*Value{
	"WARMUP": {Kind: Int, Int: 500},
	"GAMMA":  {Kind: Float, Float: 0.9},
	"FLAG":   {Kind: Bool, Bool: true},
	"NEG":    {Kind: Int, Int: -3},
}

// pyScript evaluates each lambda of its input at the steps of its argument,
// one line per result: "b 1", "i 42", "big" (an int beyond int64),
// "f <float.hex>", "c" (complex), "e <exception>", or "s" where Python
// cannot compile the lambda.
const pyScript = `
import math, sys
env = {"math": math, "WARMUP": 500, "GAMMA": 0.9, "FLAG": True, "NEG": -3}
steps = [int(s) for s in sys.argv[1].split(",")]
def show(r):
    if type(r) is bool: return "b %d" % r
    if type(r) is int: return ("i %d" % r) if -2**63 <= r < 2**63 else "big"
    if type(r) is float: return "f " + r.hex()
    if type(r) is complex: return "c"
    return "? " + type(r).__name__
out = []
for line in sys.stdin:
    try:
        f = eval(line, env)
    except SyntaxError:
        out += ["s"] * len(steps)
        continue
    for x in steps:
        try:
            out.append(show(f(x)))
        except Exception as e:
            out.append("e " + type(e).__name__)
print("\n".join(out))
`

// runPython returns pyScript's lines for srcs at steps, or skips t.
func runPython(t *testing.T, srcs []string, steps []int64) []string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 on the PATH")
	}
	var s []string
	for _, x := range steps {
		s = append(s, strconv.FormatInt(x, 10))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "-c", pyScript, strings.Join(s, ","))
	cmd.Stdin = strings.NewReader(strings.Join(srcs, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(srcs)*len(steps) {
		t.Fatalf("python3 wrote %d lines, want %d", len(lines), len(srcs)*len(steps))
	}
	return lines
}

// lambdaGen writes random lambdas of what CompileLambda supports, except
// math's sin, tan, log2 and log10, which are Go's and may differ from
// glibc's in the last bit (TestMathMatchesPython).
type lambdaGen struct{ r *rand.Rand }

// The precedence levels of Python's grammar, lowest first.
const (
	lvIf = iota
	lvOr
	lvAnd
	lvNot
	lvCmp
	lvSum
	lvProduct
	lvFactor
	lvPower
	lvAtom
)

var (
	genLeaves = []string{"e", "e", "e", "0", "1", "2", "3", "7", "10", "100", "1000",
		"0.5", "0.1", "2.5", "1e-3", "0.95", "1e308", "0.0", "3.0", "1e-320", "1.5",
		"WARMUP", "GAMMA", "FLAG", "NEG", "math.pi", "math.e", "True", "False"}
	genExps = []string{"0", "1", "2", "3", "-1", "-2", "0.5", "1.5", "-0.5", "0.9", "(e % 4)", "2.0", "-3.0"}
	genOps  = []string{"+", "-", "*", "/", "//", "%"}
	genCmps = []string{"<", "<=", ">", ">=", "==", "!="}
	genFns1 = []string{"abs", "float", "int", "round", "math.cos", "math.exp", "math.log", "math.sqrt",
		"math.fabs", "math.floor", "math.ceil"}
)

func (g *lambdaGen) pick(a []string) string { return a[g.r.IntN(len(a))] }

// expr writes an expression of depth at most d, as an operand of level
// lv: in parentheses where Python's grammar needs them, and sometimes
// where it does not.
func (g *lambdaGen) expr(d, lv int) string {
	s, own := g.node(d)
	if own < lv || own < lvAtom && g.r.IntN(4) == 0 {
		return "(" + s + ")"
	}
	return s
}

// node writes an expression and its level.
func (g *lambdaGen) node(d int) (string, int) {
	if d == 0 || g.r.IntN(5) == 0 {
		return g.pick(genLeaves), lvAtom
	}
	d--
	switch g.r.IntN(12) {
	case 0, 1, 2:
		op := g.pick(genOps)
		lv := lvSum
		if op != "+" && op != "-" {
			lv = lvProduct
		}
		return g.expr(d, lv) + " " + op + " " + g.expr(d, lv+1), lv
	case 3:
		// The exponent is small, so that Python's exact ints stay small.
		return g.expr(d, lvAtom) + " ** " + g.pick(genExps), lvPower
	case 4:
		return g.pick([]string{"-", "+"}) + g.expr(d, lvFactor), lvFactor
	case 5:
		s := g.expr(d, lvSum) + " " + g.pick(genCmps) + " " + g.expr(d, lvSum)
		if g.r.IntN(3) == 0 {
			s += " " + g.pick(genCmps) + " " + g.expr(d, lvSum)
		}
		return s, lvCmp
	case 6:
		if g.r.IntN(2) == 0 {
			return g.expr(d, lvAnd) + " or " + g.expr(d, lvAnd), lvOr
		}
		return g.expr(d, lvNot) + " and " + g.expr(d, lvNot), lvAnd
	case 7:
		return "not " + g.expr(d, lvNot), lvNot
	case 8:
		return g.expr(d, lvOr) + " if " + g.expr(d, lvOr) + " else " + g.expr(d, lvIf), lvIf
	case 9:
		fn := g.pick([]string{"min", "max"})
		s := fn + "(" + g.expr(d, lvIf) + ", " + g.expr(d, lvIf)
		if g.r.IntN(3) == 0 {
			s += ", " + g.expr(d, lvIf)
		}
		return s + ")", lvAtom
	case 10:
		switch g.r.IntN(4) {
		case 0:
			return "round(" + g.expr(d, lvIf) + ", " + g.pick([]string{"-2", "-1", "0", "1", "2", "3", "True"}) + ")", lvAtom
		case 1:
			return g.pick([]string{"pow", "math.pow"}) + "(" + g.expr(d, lvIf) + ", " + g.pick(genExps) + ")", lvAtom
		case 2:
			return "math.log(" + g.expr(d, lvIf) + ", " + g.expr(d, lvIf) + ")", lvAtom
		}
		fallthrough
	default:
		return g.pick(genFns1) + "(" + g.expr(d, lvIf) + ")", lvAtom
	}
}

// ours writes Eval's outcome as pyScript does; refusals (an int beyond 64
// bits, a complex number, a result not finite) are "refused ...".
func ours(v Num, err error) string {
	if err != nil {
		msg := err.(*Error).Msg
		if strings.HasPrefix(msg, "at ") {
			return "refused " + msg[strings.Index(msg, ": ")+2:]
		}
		return "e " + msg[:strings.IndexByte(msg, ' ')]
	}
	switch v.Kind {
	case Bool:
		return "b " + strconv.FormatInt(v.Int, 10)
	case Int:
		return "i " + strconv.FormatInt(v.Int, 10)
	}
	return "f " + strconv.FormatFloat(v.Float, 'x', -1, 64)
}

// agree reports whether our outcome matches Python's line, and whether it
// could be compared at all: where we refuse an int beyond 64 bits or a
// complex number, Python goes on.
func agree(our, py string) (ok, compared bool) {
	switch {
	case our == "refused "+errTooBig.msg || our == "refused "+errComplex.msg:
		return true, false
	case strings.HasPrefix(our, "refused the result is"):
		return py == "f inf" || py == "f -inf" || py == "f nan", true
	case strings.HasPrefix(our, "f ") && strings.HasPrefix(py, "f "):
		return ulps(our[2:], py[2:]) == 0, true
	}
	return our == py, true
}

// ulps is how many floats apart a and b (as strconv reads them) are: 0 for
// the same bits, -1 for one that is not a float or signs that differ.
func ulps(a, b string) int64 {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil || math.Signbit(x) != math.Signbit(y) || math.IsNaN(x) || math.IsNaN(y) {
		return -1
	}
	d := int64(math.Float64bits(x)) - int64(math.Float64bits(y))
	if d < 0 {
		d = -d
	}
	return d
}

// TestLambdaMatchesPython compares Eval with Python's eval for random
// lambdas over a range of steps, bit for bit.
func TestLambdaMatchesPython(t *testing.T) {
	g := &lambdaGen{rand.New(rand.NewPCG(1, 2))}
	var srcs []string
	for len(srcs) < 600 {
		srcs = append(srcs, "lambda e: "+g.expr(5, lvIf))
	}
	steps := []int64{0, 1, 2, 3, 5, 9, 10, 99, 100, 1000, 12345}
	lines := runPython(t, srcs, steps)
	compared, failed, lastBit := 0, 0, 0
	for i, src := range srcs {
		l, err := CompileLambda(src, pyConsts)
		if err != nil {
			t.Errorf("CompileLambda(%q): %v (Python: %s)", src, err, lines[i*len(steps)])
			continue
		}
		for j, x := range steps {
			py := lines[i*len(steps)+j]
			our := ours(l.Eval(x))
			ok, c := agree(our, py)
			if c {
				compared++
			}
			// glibc's pow, exp and log misround about one result in a
			// thousand, by one ulp, where xmath's are correctly rounded.
			if !ok && strings.HasPrefix(our, "f ") && strings.HasPrefix(py, "f ") && ulps(our[2:], py[2:]) == 1 {
				lastBit++
				t.Logf("%s at e=%d: %s, Python %s (one ulp)", src, x, our, py)
				continue
			}
			if !ok && failed < 30 {
				failed++
				t.Errorf("%s at e=%d: %s, Python %s", src, x, our, py)
			}
		}
	}
	if lastBit > compared/1000 {
		t.Errorf("%d of %d results differ from Python's in the last bit", lastBit, compared)
	}
	if compared < len(srcs)*len(steps)/2 {
		t.Errorf("only %d of %d results compared", compared, len(srcs)*len(steps))
	}
	t.Logf("%d lambdas, %d results compared with Python's, %d of them one ulp apart", len(srcs), compared, lastBit)
}

// mathScript writes, for each float.hex of its input, the hex of math's
// sin, tan, log2, log10, cos, exp, log and sqrt of it, or "e" for an
// exception.
const mathScript = `
import math, sys
fs = [math.sin, math.tan, math.log2, math.log10, math.cos, math.exp, math.log, math.sqrt]
for line in sys.stdin:
    x = float.fromhex(line)
    out = []
    for f in fs:
        try:
            out.append(f(x).hex())
        except Exception:
            out.append("e")
    print(" ".join(out))
`

// TestMathMatchesPython measures how far math's functions here are from
// Python's, which are glibc's: cos, exp, log and pow are correctly rounded
// (xmath) and sqrt exact, which glibc's are in all but a few cases; log2
// and log10 are within one ulp of glibc's (two for log10, which glibc
// misrounds more often); sin and tan are Go's, whose errors are larger
// near their zeros.
func TestMathMatchesPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 on the PATH")
	}
	r := rand.New(rand.NewPCG(3, 4))
	var xs []float64
	for i := 0; i < 4000; i++ {
		switch i % 4 {
		case 0:
			xs = append(xs, r.Float64()*10)
		case 1:
			xs = append(xs, float64(r.IntN(100000))*math.Pi/100) // as cosine schedules compute
		case 2:
			xs = append(xs, math.Exp(r.Float64()*40-20))
		default:
			xs = append(xs, 1+r.Float64()/10)
		}
	}
	var in []string
	for _, x := range xs {
		in = append(in, strconv.FormatFloat(x, 'x', -1, 64))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "-c", mathScript)
	cmd.Stdin = strings.NewReader(strings.Join(in, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(xs) {
		t.Fatalf("python3 wrote %d lines, want %d", len(lines), len(xs))
	}
	tests := []struct {
		name     string
		maxShare float64 // the largest share of results that may differ
		maxUlps  int64   // by at most this many ulps; 0 for any
	}{
		{"math.sin", 0.35, 0},
		{"math.tan", 0.55, 0},
		{"math.log2", 0.30, 1},
		{"math.log10", 0.30, 2},
		{"math.cos", 0.002, 1},
		{"math.exp", 0.002, 1},
		{"math.log", 0.002, 1},
		{"math.sqrt", 0, 0},
	}
	for k, tt := range tests {
		f := lookup(tt.name)
		if f.f1 == nil { // math.log, of one or two arguments
			f = &mathLogFn
		}
		off, worst := 0, int64(0)
		for i, x := range xs {
			want := strings.Fields(lines[i])[k]
			got := "e"
			if v, flt := math1(f, x); flt == nil {
				got = strconv.FormatFloat(v.Float, 'x', -1, 64)
			}
			if got == want {
				continue
			}
			d := ulps(got, want)
			if d < 0 || tt.maxUlps > 0 && d > tt.maxUlps {
				t.Errorf("%s(%v) = %s, Python %s", tt.name, x, got, want)
			}
			if d != 0 {
				off++
				worst = max(worst, d)
			}
		}
		if share := float64(off) / float64(len(xs)); share > tt.maxShare {
			t.Errorf("%s: %d of %d results differ from Python's, want at most %g", tt.name, off, len(xs), tt.maxShare)
		}
		t.Logf("%s: %d of %d results differ from Python's, by at most %d ulps", tt.name, off, len(xs), worst)
	}
}
