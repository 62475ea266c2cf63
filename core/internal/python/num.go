package python

import (
	"math"
	"math/bits"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// Num is a number as a lambda computes it: an int, a float or a bool, kept
// apart as Python keeps them (3 // 2 is the int 1, 3 / 2 the float 1.5,
// 2 < 3 the bool True).
type Num struct {
	Kind  Kind    // Int, Float or Bool
	Int   int64   // an Int's value, or a Bool's: 0 or 1
	Float float64 // a Float's value
}

// Float64 is n as a float64, as Python's float(n) would be.
func (n Num) Float64() float64 {
	if n.Kind == Float {
		return n.Float
	}
	return float64(n.Int)
}

func flt(f float64) Num   { return Num{Kind: Float, Float: f} }
func integer(i int64) Num { return Num{Kind: Int, Int: i} }

func boolean(b bool) Num {
	if b {
		return Num{Kind: Bool, Int: 1}
	}
	return Num{Kind: Bool}
}

// truth is Python's bool(n): NaN is true.
func truth(n Num) bool {
	if n.Kind == Float {
		return n.Float != 0
	}
	return n.Int != 0
}

// fault is what stops an evaluation: a Python exception (exc and its
// message, as CPython 3.11 writes them), or, with exc "", a value Python
// computes and LR Playground does not.
type fault struct{ exc, msg string }

var (
	errTooBig   = &fault{"", "an int beyond 64 bits, which Python computes exactly and LR Playground does not"}
	errComplex  = &fault{"", "a negative number to a fractional power, which Python makes a complex number"}
	errDomain   = &fault{"ValueError", "math domain error"}
	errRange    = &fault{"OverflowError", "math range error"}
	errPowRange = &fault{"OverflowError", "(34, 'Numerical result out of range')"}
	errZeroPow  = &fault{"ZeroDivisionError", "0.0 cannot be raised to a negative power"}
	errNaNToInt = &fault{"ValueError", "cannot convert float NaN to integer"}
	errInfToInt = &fault{"OverflowError", "cannot convert float infinity to integer"}
	errFloatDiv = &fault{"ZeroDivisionError", "float division by zero"}
	errNotIndex = &fault{"TypeError", "'float' object cannot be interpreted as an integer"}
)

// unary is -a or +a: ints stay ints (+True is 1), floats floats.
func unary(op string, a Num) (Num, *fault) {
	switch {
	case a.Kind == Float && op == "-":
		return flt(-a.Float), nil
	case a.Kind == Float:
		return a, nil
	case op == "+":
		return integer(a.Int), nil
	case a.Int == math.MinInt64:
		return Num{}, errTooBig
	}
	return integer(-a.Int), nil
}

// binary is a op b for + - * / // % **: int results while both are ints
// (or bools), except for / and a negative power; floats otherwise.
func binary(op string, a, b Num) (Num, *fault) {
	if a.Kind == Float || b.Kind == Float {
		return floatBinary(op, a.Float64(), b.Float64())
	}
	x, y := a.Int, b.Int
	r, ok := int64(0), true
	switch op {
	case "+":
		r = x + y
		ok = (r > x) == (y > 0)
	case "-":
		r = x - y
		ok = (r < x) == (y > 0)
	case "*":
		r, ok = mul(x, y)
	case "/":
		if y == 0 {
			return Num{}, &fault{"ZeroDivisionError", "division by zero"}
		}
		return flt(trueDiv(x, y)), nil
	case "//", "%":
		if y == 0 {
			if op == "%" {
				return Num{}, &fault{"ZeroDivisionError", "integer modulo by zero"}
			}
			return Num{}, &fault{"ZeroDivisionError", "integer division or modulo by zero"}
		}
		if op == "//" && x == math.MinInt64 && y == -1 {
			return Num{}, errTooBig // 2⁶³; Go's x / -1 would wrap
		}
		q, m := x/y, x%y
		if m != 0 && (m < 0) != (y < 0) { // floor, and the divisor's sign
			q, m = q-1, m+y
		}
		r = q
		if op == "%" {
			r = m
		}
	case "**":
		if y < 0 {
			return floatBinary(op, float64(x), float64(y))
		}
		r, ok = intPow(x, y)
	}
	if !ok {
		return Num{}, errTooBig
	}
	return integer(r), nil
}

// uabs is |a| as a uint64: 2⁶³ for math.MinInt64.
func uabs(a int64) uint64 {
	if a < 0 {
		return -uint64(a)
	}
	return uint64(a)
}

// mul is a·b, and whether it fits an int64.
func mul(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(uabs(a), uabs(b))
	if hi != 0 || lo > 1<<63 || lo == 1<<63 && (a < 0) == (b < 0) {
		return 0, false
	}
	return a * b, true
}

// intPow is a**b for b ≥ 0, and whether it fits an int64.
func intPow(a, b int64) (int64, bool) {
	switch {
	case b == 0:
		return 1, true
	case a == 0 || a == 1:
		return a, true
	case a == -1:
		return 1 - 2*(b&1), true
	}
	r, ok := int64(1), true
	for ; b > 0 && ok; b-- { // |a| ≥ 2 overflows within 64 steps
		r, ok = mul(r, a)
	}
	return r, ok
}

// trueDiv is a / b (b ≠ 0) correctly rounded, as Python divides ints: not
// float64(a) / float64(b), which rounds twice beyond 2⁵³.
func trueDiv(a, b int64) float64 {
	const exact = 1 << 53
	if -exact <= a && a <= exact && -exact <= b && b <= exact {
		return float64(a) / float64(b)
	}
	ua, ub := uabs(a), uabs(b)
	// ua·2^k / ub is in [2⁶²,2⁶⁴): a quotient of 63 or 64 bits, of which
	// the float keeps 53; the remainder, if any, is a sticky low bit.
	k := 63 - bits.Len64(ua) + bits.Len64(ub)
	var hi, lo uint64
	if k >= 64 {
		hi = ua << (k - 64)
	} else {
		hi, lo = ua>>(64-k), ua<<k
	}
	q, rem := bits.Div64(hi, lo, ub)
	if rem != 0 {
		q |= 1
	}
	f := math.Ldexp(float64(q), -k)
	if (a < 0) != (b < 0) {
		f = -f
	}
	return f
}

// floatBinary is a op b for floats, as CPython's float_add ... float_pow:
// an overflow of + - * / is inf, as in Python; one of ** is an
// OverflowError.
func floatBinary(op string, a, b float64) (Num, *fault) {
	switch op {
	case "+":
		return flt(a + b), nil
	case "-":
		return flt(a - b), nil
	case "*":
		return flt(a * b), nil
	case "**":
		return floatPow(a, b)
	}
	if b == 0 {
		switch op {
		case "//":
			return Num{}, &fault{"ZeroDivisionError", "float floor division by zero"}
		case "%":
			return Num{}, &fault{"ZeroDivisionError", "float modulo"}
		}
		return Num{}, errFloatDiv
	}
	if op == "/" {
		return flt(a / b), nil
	}
	q, m := floatDivmod(a, b)
	if op == "%" {
		return flt(m), nil
	}
	return flt(q), nil
}

// floatDivmod is CPython's _float_div_mod: a // b and a % b for b ≠ 0,
// from the exact fmod, the remainder with the divisor's sign and the
// quotient snapped to an integer.
func floatDivmod(a, b float64) (div, mod float64) {
	mod = math.Mod(a, b)
	div = (a - mod) / b
	if mod != 0 {
		if (b < 0) != (mod < 0) {
			mod += b
			div -= 1
		}
	} else {
		mod = math.Copysign(0, b)
	}
	if div == 0 {
		return math.Copysign(0, a/b), mod
	}
	f := math.Floor(div)
	if div-f > 0.5 {
		f++
	}
	return f, mod
}

// isOddInt is CPython's DOUBLE_IS_ODD_INTEGER.
func isOddInt(y float64) bool { return math.Mod(math.Abs(y), 2) == 1 }

// floatPow is a ** b for floats, as CPython's float_pow: its special cases,
// then the platform's pow, correctly rounded here by xmath.
func floatPow(a, b float64) (Num, *fault) {
	switch {
	case b == 0:
		return flt(1), nil
	case math.IsNaN(a):
		return flt(a), nil
	case math.IsNaN(b):
		if a == 1 {
			return flt(1), nil
		}
		return flt(b), nil
	case math.IsInf(b, 0):
		a = math.Abs(a)
		switch {
		case a == 1:
			return flt(1), nil
		case (b > 0) == (a > 1):
			return flt(math.Inf(1)), nil
		}
		return flt(0), nil
	case math.IsInf(a, 0):
		odd := isOddInt(b)
		if b > 0 {
			if odd {
				return flt(a), nil
			}
			return flt(math.Abs(a)), nil
		}
		if odd {
			return flt(math.Copysign(0, a)), nil
		}
		return flt(0), nil
	case a == 0:
		if b < 0 {
			return Num{}, errZeroPow
		}
		if isOddInt(b) {
			return flt(a), nil
		}
		return flt(0), nil
	}
	neg := false
	if a < 0 {
		if b != math.Floor(b) {
			return Num{}, errComplex
		}
		a, neg = -a, isOddInt(b)
	}
	r := 1.0
	if a != 1 {
		r = xmath.Pow(a, b)
	}
	if math.IsInf(r, 0) {
		return Num{}, errPowRange
	}
	if neg {
		r = -r
	}
	return flt(r), nil
}

// compare orders a and b exactly, as Python does even between an int and
// a float (2**53 + 1 > 2.0**53); ok is false when either is NaN.
func compare(a, b Num) (c int, ok bool) {
	switch {
	case a.Kind != Float && b.Kind != Float:
		return sign(a.Int > b.Int, a.Int < b.Int), true
	case a.Kind == Float && b.Kind == Float:
		return sign(a.Float > b.Float, a.Float < b.Float), !math.IsNaN(a.Float) && !math.IsNaN(b.Float)
	case a.Kind == Float:
		c, ok = compare(b, a)
		return -c, ok
	}
	i, f := a.Int, b.Float
	switch {
	case math.IsNaN(f):
		return 0, false
	case f >= 1<<63:
		return -1, true
	case f < -1<<63:
		return 1, true
	}
	t := math.Trunc(f)
	if ti := int64(t); i != ti {
		return sign(i > ti, i < ti), true
	}
	return sign(t > f, t < f), true
}

func sign(gt, lt bool) int {
	switch {
	case gt:
		return 1
	case lt:
		return -1
	}
	return 0
}

// compareOp is a op b for a comparison operator: < <= > >= == !=.
func compareOp(op string, a, b Num) bool {
	c, ok := compare(a, b)
	switch op {
	case "<":
		return ok && c < 0
	case "<=":
		return ok && c <= 0
	case ">":
		return ok && c > 0
	case ">=":
		return ok && c >= 0
	case "==":
		return ok && c == 0
	}
	return !ok || c != 0
}

// toInt is the int of f, an integral float (or ±inf or NaN), as CPython's
// PyLong_FromDouble, within int64.
func toInt(f float64) (Num, *fault) {
	switch {
	case math.IsNaN(f):
		return Num{}, errNaNToInt
	case math.IsInf(f, 0):
		return Num{}, errInfToInt
	case f >= 1<<63 || f < -1<<63:
		return Num{}, errTooBig
	}
	return integer(int64(f)), nil
}

// FloorDiv is Python's a // b for floats, b ≠ 0 (CPython's float_floor_div).
func FloorDiv(a, b float64) float64 {
	q, _ := floatDivmod(a, b)
	return q
}
