package python

import (
	"math"
	"math/bits"
	"strconv"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// function is a function a lambda may call.
type function struct {
	name     string
	min, max int                   // how many arguments it takes; max -1 for any number (min, max)
	f1       func(float64) float64 // math's function of one float: the C function it calls
	overflow bool                  // f1 can overflow (exp): an OverflowError, not a ValueError
	call     func(x, y Num, n int) (Num, *fault)
}

// functions are those a lambda may call. math's cos, exp, log and pow are
// correctly rounded (xmath), as glibc's nearly always are, and sqrt is
// exact; log2 and log10 are within one ulp of glibc's (log2); sin and tan
// are Go's, which differ from glibc's in the last bit or two, and by more
// near their zeros.
var functions = [...]function{
	{"min", 2, -1, nil, false, nil},
	{"max", 2, -1, nil, false, nil},
	{"abs", 1, 1, nil, false, absNum},
	{"float", 1, 1, nil, false, func(x, _ Num, _ int) (Num, *fault) { return flt(x.Float64()), nil }},
	{"int", 1, 1, nil, false, func(x, _ Num, _ int) (Num, *fault) { return integral(x, math.Trunc) }},
	{"round", 1, 2, nil, false, round},
	{"pow", 2, 2, nil, false, func(x, y Num, _ int) (Num, *fault) { return binary("**", x, y) }},
	{"math.cos", 1, 1, xmath.Cos, false, nil},
	{"math.sin", 1, 1, math.Sin, false, nil},
	{"math.tan", 1, 1, math.Tan, false, nil},
	{"math.exp", 1, 1, xmath.Exp, true, nil},
	{"math.log", 1, 2, nil, false, mathLog},
	{"math.log2", 1, 1, log2, false, nil},
	{"math.log10", 1, 1, log10, false, nil},
	{"math.sqrt", 1, 1, math.Sqrt, false, nil},
	{"math.fabs", 1, 1, math.Abs, false, nil},
	{"math.pow", 2, 2, nil, false, mathPow},
	{"math.floor", 1, 1, nil, false, func(x, _ Num, _ int) (Num, *fault) { return integral(x, math.Floor) }},
	{"math.ceil", 1, 1, nil, false, func(x, _ Num, _ int) (Num, *fault) { return integral(x, math.Ceil) }},
}

// supported lists the names a lambda may use, for a message; a test checks
// it against functions.
const supported = "a lambda here may use its argument, the numbers assigned before it, True, False, " +
	"min, max, abs, float, int, round, pow, math.pi, math.e, math.tau " +
	"and math's cos, sin, tan, exp, log, log2, log10, sqrt, fabs, pow, floor and ceil"

// lookup is the function of a dotted name, or nil.
func lookup(name string) *function {
	for i := range functions {
		if functions[i].name == name {
			return &functions[i]
		}
	}
	return nil
}

// argsMsg says how many arguments f takes, when a call gives it n.
func argsMsg(f *function, n int) string {
	want := strconv.Itoa(f.min)
	switch {
	case f.max < 0:
		want += " or more"
	case f.max > f.min:
		want += " or " + strconv.Itoa(f.max)
	}
	noun := " arguments"
	if want == "1" {
		noun = " argument"
	}
	return f.name + " takes " + want + noun + ", not " + strconv.Itoa(n)
}

// math1 is CPython's math_1: f(x) for one of math's functions of a float,
// a ValueError where C's returns NaN for a number or ±inf for a finite x,
// or an OverflowError there for a function that can overflow.
func math1(f *function, x float64) (Num, *fault) {
	r := f.f1(x)
	switch {
	case math.IsNaN(r) && !math.IsNaN(x):
		return Num{}, errDomain
	case math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsNaN(x):
		if f.overflow {
			return Num{}, errRange
		}
		return Num{}, errDomain
	}
	return flt(r), nil
}

// log2 and log10 scale the correctly rounded natural log: within one ulp
// of glibc's (which is nearly correctly rounded for log2, less so for
// log10), and exact, as glibc's are, at powers of two and of ten. Go's
// math.Log2 loses most of its digits just above 1, and math.Log10 is not
// exact at 1e15.
func log2(x float64) float64 {
	if frac, exp := math.Frexp(x); frac == 0.5 {
		return float64(exp - 1)
	}
	return xmath.Log(x) * math.Log2E
}

func log10(x float64) float64 {
	p := 1.0
	for k := 0; k <= 22; k++ { // 10²² is the last power of ten a float64 holds exactly
		if x == p {
			return float64(k)
		}
		p *= 10
	}
	return xmath.Log(x) * math.Log10E
}

var mathLogFn = function{name: "math.log", f1: xmath.Log}

// mathLog is math.log(x) or math.log(x, base), which Python computes as
// log(x) / log(base).
func mathLog(x, base Num, n int) (Num, *fault) {
	num, f := math1(&mathLogFn, x.Float64())
	if n == 1 || f != nil {
		return num, f
	}
	den, f := math1(&mathLogFn, base.Float64())
	switch {
	case f != nil:
		return Num{}, f
	case den.Float == 0:
		return Num{}, errFloatDiv
	}
	return flt(num.Float / den.Float), nil
}

// mathPow is CPython's math_pow: IEEE's special cases for infinities and
// NaNs, the C pow for finite arguments, and a ValueError or OverflowError
// where that is NaN or infinite.
func mathPow(a, b Num, _ int) (Num, *fault) {
	x, y := a.Float64(), b.Float64()
	if math.IsInf(x, 0) || math.IsNaN(x) || math.IsInf(y, 0) || math.IsNaN(y) {
		var r float64
		switch {
		case math.IsNaN(x):
			r = x
			if y == 0 {
				r = 1
			}
		case math.IsNaN(y):
			r = y
			if x == 1 {
				r = 1
			}
		case math.IsInf(x, 0):
			odd := isOddInt(y)
			switch {
			case y > 0 && odd:
				r = x
			case y > 0:
				r = math.Abs(x)
			case y == 0:
				r = 1
			case odd:
				r = math.Copysign(0, x)
			}
		default: // y is ±inf
			ax := math.Abs(x)
			switch {
			case ax == 1:
				r = 1
			case y > 0 && ax > 1:
				r = y
			case y < 0 && ax < 1:
				r = -y
			}
		}
		return flt(r), nil
	}
	r := xmath.Pow(x, y)
	switch {
	case math.IsNaN(r) || math.IsInf(r, 0) && x == 0:
		return Num{}, errDomain
	case math.IsInf(r, 0):
		return Num{}, errRange
	}
	return flt(r), nil
}

// absNum is abs(x): an int for an int or a bool.
func absNum(x, _ Num, _ int) (Num, *fault) {
	if x.Kind == Float {
		return flt(math.Abs(x.Float)), nil
	}
	if x.Int < 0 {
		return unary("-", x)
	}
	return integer(x.Int), nil
}

// integral is int(x), math.floor(x) or math.ceil(x), as by, for a float;
// an int for an int or a bool.
func integral(x Num, by func(float64) float64) (Num, *fault) {
	if x.Kind != Float {
		return integer(x.Int), nil
	}
	return toInt(by(x.Float))
}

// round is round(x) or round(x, n), as Python 3: halves to even, on the
// exact value of a float.
func round(x, n Num, args int) (Num, *fault) {
	switch {
	case args == 1:
		return integral(x, math.RoundToEven)
	case n.Kind == Float:
		return Num{}, errNotIndex
	case x.Kind != Float:
		return roundInt(x.Int, n.Int)
	}
	return roundFloat(x.Float, n.Int)
}

// roundInt is round(x, n) for an int: x for n ≥ 0, else the nearest
// multiple of 10^-n, halves to even.
func roundInt(x, n int64) (Num, *fault) {
	if n >= 0 {
		return integer(x), nil
	}
	if n < -19 { // 10²⁰ is more than twice any int64
		return integer(0), nil
	}
	p := uint64(1)
	for ; n < 0; n++ {
		p *= 10
	}
	ux := uabs(x)
	q, r := ux/p, ux%p
	if r > p-r || r == p-r && q&1 == 1 {
		q++
	}
	hi, lo := bits.Mul64(q, p)
	if hi != 0 || lo > 1<<63 || lo == 1<<63 && x >= 0 {
		return Num{}, errTooBig
	}
	if x < 0 {
		return integer(int64(-lo)), nil
	}
	return integer(int64(lo)), nil
}

// roundFloat is CPython's float.__round__(n): x rounded to n decimal
// places on its exact decimal value, halves to even, and read back, as
// CPython does with _Py_dg_dtoa and _Py_dg_strtod. strconv's formatting
// of a fixed number of digits is exact in the same way.
func roundFloat(x float64, n int64) (Num, *fault) {
	switch {
	case math.IsInf(x, 0) || math.IsNaN(x) || n > 323: // 323 digits round any float to itself
		return flt(x), nil
	case n < -308: // and -308 any float to zero
		return flt(0 * x), nil
	}
	var s string
	if n >= 0 {
		s = strconv.FormatFloat(x, 'f', int(n), 64)
	} else {
		s = roundTens(x, int(-n))
	}
	r, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return Num{}, &fault{"OverflowError", "rounded value too large to represent"}
	}
	return flt(r), nil
}

// roundTens is x rounded to a multiple of 10^k (k ≥ 1), halves to even, as
// decimal text: the digits of x's integer part say which significant digit
// is the last kept, and strconv rounds there exactly.
func roundTens(x float64, k int) string {
	t := math.Trunc(x)
	digits := strconv.FormatFloat(math.Abs(t), 'f', 0, 64) // exact: t is an integer
	sign := ""
	if math.Signbit(x) {
		sign = "-"
	}
	switch p := len(digits) - k - 1; {
	case p >= 0:
		return strconv.FormatFloat(x, 'e', p, 64)
	case p == -1 && (digits[0] > '5' || digits[0] == '5' && (x != t || !zeros(digits[1:]))):
		return sign + "1e" + strconv.Itoa(k)
	}
	return sign + "0"
}

func zeros(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}
