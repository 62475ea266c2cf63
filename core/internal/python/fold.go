package python

import (
	"math"
	"math/bits"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core/internal/xmath"
	"github.com/lrplay/lrplay/internal/strs"
)

// Kind is what a Value is.
type Kind int

const (
	Other Kind = iota // anything not read: a call's result, an unknown name...
	Int
	Float
	Str
	Bool
	None
	Name    // a dotted name not assigned in the snippet: optimizer, args.lr
	Call    // a call of a dotted name, or of something else (Callee "")
	Dict    // a dict of string keys: {"num_cycles": 3}
	List    // a list literal: [30, 80], its elements in Elems
	Tuple   // a tuple literal: (100, 0.1), its elements in Elems
	NumDict // a dict of number keys: {100: 0.1}, its keys in Elems and values in Vals
	// LambdaExpr is a lambda expression, kept as source: Text as written, Str
	// with the numeric constants the snippet assigned before it written
	// in (what a spec holds), and Consts those constants, for
	// CompileLambda.
	LambdaExpr
)

// Value is a value of the snippet: a constant, or what an expression is.
type Value struct {
	Kind  Kind
	Int   int64     // an Int's value
	Float float64   // a Float's value
	Str   string    // a Str's value
	Bool  bool      // a Bool's value
	Name  string    // a Name's dotted text
	Call  *CallExpr // a Call's callee and arguments
	Keys  []string  // a Dict's keys, in order
	Vals  []*Value  // a Dict's values
	Elems []*Value  // a List's elements, each folded as any value
	// Consts are the constants assigned before a LambdaExpr, for CompileLambda.
	Consts map[string]*Value
	Text   string // the source text, for messages
	Pos    int    // the byte offset of its first token
	Why    string // for Other, List and LambdaExpr: what it is, when that helps a message
	// Unknown is the first name in the expression that the snippet does
	// not assign, and Calls whether it calls something: what a message
	// about a value computed from them should name.
	Unknown string
	Calls   bool
}

// number reads a Python int or float literal.
func number(t token) *Value {
	v := &Value{Pos: t.pos, Text: t.text, Kind: Other, Why: "not a number Python reads"}
	s := t.text
	if strings.HasPrefix(s, "_") || strings.HasSuffix(s, "_") || strings.Contains(s, "__") {
		return v
	}
	clean := withoutUnderscores(s)
	lower := strings.ToLower(clean)
	if strings.HasSuffix(lower, "j") {
		v.Why = "a complex number"
		return v
	}
	if len(lower) > 1 && lower[0] == '0' && (lower[1] == 'x' || lower[1] == 'o' || lower[1] == 'b') {
		base := 16
		switch lower[1] {
		case 'o':
			base = 8
		case 'b':
			base = 2
		}
		i, err := strconv.ParseInt(lower[2:], base, 64)
		if err != nil {
			v.Why = "too large, or not a number"
			return v
		}
		v.Kind, v.Int = Int, i
		return v
	}
	if strings.ContainsAny(lower, ".e") {
		if !decimalFloat(lower) {
			return v
		}
		f, err := strconv.ParseFloat(lower, 64)
		if err != nil && !strings.Contains(err.Error(), "range") {
			return v
		}
		v.Kind, v.Float = Float, f // Python reads 1e999 as inf: the spec's range check reports it
		return v
	}
	for _, c := range lower {
		if c < '0' || c > '9' {
			return v
		}
	}
	if len(lower) > 1 && strings.Trim(lower, "0") != "" && lower[0] == '0' {
		v.Why = "a leading zero, which Python 3 rejects"
		return v
	}
	i, err := strconv.ParseInt(lower, 10, 64)
	if err != nil {
		v.Why = "too large"
		return v
	}
	v.Kind, v.Int = Int, i
	return v
}

// decimalFloat reports whether s (lower case, no underscores) is a Python
// float literal: digits with an optional point (1., .5, 1.5) and an
// optional exponent, which is a parameter's decimal text without the sign.
func decimalFloat(s string) bool {
	return s != "" && s[0] != '+' && s[0] != '-' && strs.IsDecimal(s)
}

// numeric reports whether v takes part in arithmetic: an Int, Float or Bool.
func numeric(v *Value) bool { return v.Kind == Int || v.Kind == Float || v.Kind == Bool }

// Number is v as a float64: an Int's or a Bool's (0 or 1) value converted,
// as Python's float(v) would. It is for a numeric v (Int, Float or Bool).
func (v *Value) Number() float64 {
	switch v.Kind {
	case Int:
		return float64(v.Int)
	case Bool:
		if v.Bool {
			return 1
		}
		return 0
	}
	return v.Float
}

// int is an Int's or a Bool's value.
func (v *Value) int() int64 {
	if v.Kind == Bool {
		if v.Bool {
			return 1
		}
		return 0
	}
	return v.Int
}

// foldUnary folds -x, +x and ~x.
func foldUnary(op string, x *Value, text string) *Value {
	out := &Value{Pos: x.Pos, Text: text}
	out.Unknown, out.Calls = inherit(x, x)
	switch {
	case !numeric(x):
		out.Kind, out.Why = Other, x.Why
	case x.Kind == Float:
		if op == "~" {
			out.Kind, out.Why = Other, "~ of a float"
			return out
		}
		out.Kind, out.Float = Float, x.Float
		if op == "-" {
			out.Float = -x.Float
		}
	default:
		i := x.int()
		out.Kind = Int
		switch op {
		case "-":
			if i == math.MinInt64 {
				out.Kind, out.Why = Other, "too large"
				return out
			}
			out.Int = -i
		case "+":
			out.Int = i
		case "~":
			out.Int = ^i
		}
	}
	return out
}

// foldBinary folds x op y as Python does for ints and floats: int results
// while both are ints (except /), floats otherwise.
func foldBinary(op string, x, y *Value, text string) *Value {
	out := &Value{Pos: x.Pos, Text: text, Kind: Other}
	out.Unknown, out.Calls = inherit(x, y)
	if x.Kind == Str && y.Kind == Str && op == "+" {
		out.Kind, out.Str = Str, x.Str+y.Str
		return out
	}
	if !numeric(x) || !numeric(y) {
		out.Why = "a computation LR Playground does not run"
		switch {
		case x.Kind == Other && x.Why != "":
			out.Why = x.Why
		case x.Kind == List:
			out.Why = "a list"
		case x.Kind == Tuple:
			out.Why = "a tuple"
		case x.Kind == NumDict:
			out.Why = "a dict"
		case x.Kind == LambdaExpr:
			out.Why = "a lambda"
		}
		return out
	}
	if x.Kind != Float && y.Kind != Float && op != "/" {
		a, b := x.int(), y.int()
		var r int64
		ok := true
		switch op {
		case "+":
			r = a + b
			ok = (r > a) == (b > 0)
		case "-":
			r = a - b
			ok = (r < a) == (b > 0)
		case "*":
			hi, lo := bits.Mul64(uint64(abs(a)), uint64(abs(b)))
			ok = hi == 0 && lo <= math.MaxInt64 && a != math.MinInt64 && b != math.MinInt64
			r = a * b
		case "//", "%":
			if b == 0 {
				out.Why = "a division by zero"
				return out
			}
			q, m := a/b, a%b
			if m != 0 && (m < 0) != (b < 0) {
				q, m = q-1, m+b
			}
			r = q
			if op == "%" {
				r = m
			}
		case "**":
			if b < 0 {
				return foldFloat(op, float64(a), float64(b), out)
			}
			switch {
			case a == 0 || a == 1:
				r = a
				if b == 0 {
					r = 1
				}
			case a == -1:
				r = 1 - 2*(b&1)
			default: // |a| ≥ 2 overflows within 63 multiplications
				r = 1
				for k := int64(0); k < b && ok; k++ {
					hi, lo := bits.Mul64(uint64(abs(r)), uint64(abs(a)))
					ok = hi == 0 && lo <= math.MaxInt64
					r *= a
				}
			}
		default:
			out.Why = "the operator " + op
			return out
		}
		if !ok {
			out.Why = "a number too large"
			return out
		}
		out.Kind, out.Int = Int, r
		return out
	}
	return foldFloat(op, x.Number(), y.Number(), out)
}

// inherit is what an expression of x and y inherits: the first unknown
// name, and whether either calls something.
func inherit(x, y *Value) (string, bool) {
	name := x.Unknown
	if x.Kind == Name {
		name = x.Name
	}
	if name == "" {
		name = y.Unknown
		if y.Kind == Name {
			name = y.Name
		}
	}
	return name, x.Calls || y.Calls || x.Kind == Call || y.Kind == Call
}

// abs is |a|; abs(math.MinInt64) is math.MinInt64, which the callers refuse.
func abs(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

// foldFloat folds a op b in float64 as Python does, into out: a division
// by zero, a complex result or an overflow leaves out of kind Other, saying
// why.
func foldFloat(op string, a, b float64, out *Value) *Value {
	var r float64
	switch op {
	case "+":
		r = a + b
	case "-":
		r = a - b
	case "*":
		r = a * b
	case "/", "//", "%":
		if b == 0 {
			out.Why = "a division by zero"
			return out
		}
		switch op {
		case "/":
			r = a / b
		case "//":
			r = math.Floor(a / b)
		default:
			r = math.Mod(a, b)
			if r != 0 && (r < 0) != (b < 0) {
				r += b
			}
		}
	case "**":
		if a < 0 && b != math.Trunc(b) {
			out.Why = "a complex number"
			return out
		}
		if a == 0 && b < 0 {
			out.Why = "a division by zero"
			return out
		}
		r = xmath.Pow(a, b)
	default:
		out.Why = "the operator " + op
		return out
	}
	if math.IsInf(r, 0) || math.IsNaN(r) {
		out.Why = "a number too large"
		return out
	}
	out.Kind, out.Float = Float, r
	return out
}

// withoutUnderscores is strings.ReplaceAll(s, "_", ""), which costs the
// wasm 5 KB.
func withoutUnderscores(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '_' {
			b = append(b, s[i])
		}
	}
	return string(b)
}
