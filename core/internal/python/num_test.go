package python

import (
	"math"
	"strconv"
	"testing"
)

// showNum writes an evaluation for a test: "int 3", "float 0.5", "bool
// true", or the error's message without its position.
func showNum(v Num, err error) string {
	if err != nil {
		if e, ok := err.(*Error); ok {
			return e.Msg
		}
		return "not an *Error: " + err.Error()
	}
	switch v.Kind {
	case Int:
		return "int " + strconv.FormatInt(v.Int, 10)
	case Bool:
		return "bool " + strconv.FormatBool(v.Int != 0)
	case Float:
		return "float " + strconv.FormatFloat(v.Float, 'g', -1, 64)
	}
	return "kind " + strconv.Itoa(int(v.Kind))
}

// evalCase is a lambda's body, in "lambda e: ...", its argument, and what
// Eval returns, as showNum writes it. The values follow Python 3's
// documented semantics, and were checked against CPython 3.11.
type evalCase struct {
	body string
	x    int64
	want string
}

func checkEval(t *testing.T, tests []evalCase) {
	t.Helper()
	for _, tt := range tests {
		src := "lambda e: " + tt.body
		l, err := CompileLambda(src, pyConsts)
		if err != nil {
			t.Errorf("CompileLambda(%q): %v", src, err)
			continue
		}
		if got := showNum(l.Eval(tt.x)); got != tt.want {
			t.Errorf("(%s)(%d) = %s, want %s", src, tt.x, got, tt.want)
		}
	}
}

// refused is the message of an int beyond 64 bits at argument x.
func refused(x int64) string {
	return "at e " + strconv.FormatInt(x, 10) + ": " + errTooBig.msg
}

// TestIntArithmetic: ints stay ints except under / and a negative power;
// // and % floor, with the divisor's sign.
func TestIntArithmetic(t *testing.T) {
	checkEval(t, []evalCase{
		{"e + 2", 3, "int 5"},
		{"e - 5", 3, "int -2"},
		{"e * 4", -3, "int -12"},
		{"e / 2", 3, "float 1.5"},
		{"e / 2", 4, "float 2"},
		{"e / 3", 1, "float 0.3333333333333333"},
		{"0 / e", -5, "float -0"},
		{"e // 2", 7, "int 3"},
		{"e // 2", -7, "int -4"},
		{"e // -2", 7, "int -4"},
		{"e // -2", -7, "int 3"},
		{"e % 3", 7, "int 1"},
		{"e % 3", -7, "int 2"},
		{"e % -3", 7, "int -2"},
		{"e % -3", -7, "int -1"},
		{"e % 3", 6, "int 0"},
		{"e % -3", -6, "int 0"},
		{"e % -1", math.MinInt64, "int 0"},
		{"e // 1", math.MinInt64, "int -9223372036854775808"},
		{"e ** 2", 3, "int 9"},
		{"2 ** e", 10, "int 1024"},
		{"2 ** e", 62, "int 4611686018427387904"},
		{"(-2) ** e", 63, "int -9223372036854775808"},
		{"e ** 2", 3037000499, "int 9223372030926249001"},
		{"e ** 0", 0, "int 1"},
		{"0 ** e", 5, "int 0"},
		{"(-1) ** e", 9223372036854775807, "int -1"},
		{"1 ** e", 9223372036854775807, "int 1"},
		{"2 ** -e", 1, "float 0.5"},
		{"2 ** -e", 1075, "float 0"},
		{"e ** -2", -2, "float 0.25"},
		{"-e ** 2", 3, "int -9"},
		{"(-e) ** 2", 3, "int 9"},
		{"2 ** 3 ** 2", 0, "int 512"},
		{"2 ** -1", 0, "float 0.5"},
		{"e - 1 - 1", 3, "int 1"},
		{"e / 2 / 2", 8, "float 2"},
		{"2 * e % 5", 3, "int 1"},
		{"-e", -5, "int 5"},
		{"+e", -5, "int -5"},
		{"- - e", 5, "int 5"},
		// Python divides ints exactly, then rounds once: (2⁵³ + 1) / 3 is
		// 3002399751580331, where float64(2⁵³ + 1) / 3 is not.
		{"e / 3", 9007199254740993, "float 3.002399751580331e+15"},
		{"e / 1", math.MaxInt64, "float 9.223372036854776e+18"},
		{"e / e", math.MaxInt64, "float 1"},
		{"e / -7", math.MinInt64, "float 1.3176245766935393e+18"},
		{"(e - 1) / (e - 2)", math.MaxInt64, "float 1"},
		{"1 / e", math.MaxInt64, "float 1.0842021724855044e-19"},
		// Beyond int64, where Python's ints go on.
		{"e + 1", math.MaxInt64, refused(math.MaxInt64)},
		{"e - 1", math.MinInt64, refused(math.MinInt64)},
		{"-e", math.MinInt64, refused(math.MinInt64)},
		{"e * 2", 1 << 62, refused(1 << 62)},
		{"e * -2", 1 << 62, "int -9223372036854775808"},
		{"e // -1", math.MinInt64, refused(math.MinInt64)},
		{"2 ** e", 63, refused(63)},
		{"e ** 2", 3037000500, refused(3037000500)},
		{"3 ** e", math.MaxInt64, refused(math.MaxInt64)},
		// Python's exceptions.
		{"e / 0", 1, "ZeroDivisionError at e 1: division by zero"},
		{"e // 0", 1, "ZeroDivisionError at e 1: integer division or modulo by zero"},
		{"e % 0", 1, "ZeroDivisionError at e 1: integer modulo by zero"},
		{"e ** -1", 0, "ZeroDivisionError at e 0: 0.0 cannot be raised to a negative power"},
	})
}

// TestBoolArithmetic: True and False are the ints 1 and 0.
func TestBoolArithmetic(t *testing.T) {
	checkEval(t, []evalCase{
		{"True + True", 0, "int 2"},
		{"True / 2", 0, "float 0.5"},
		{"-True", 0, "int -1"},
		{"+True", 0, "int 1"},
		{"True ** 2", 0, "int 1"},
		{"True * 2.5", 0, "float 2.5"},
		{"False ** 0", 0, "int 1"},
		{"e // True", 7, "int 7"},
		{"FLAG * e", 7, "int 7"},
		{"True", 0, "bool true"},
		{"FLAG", 0, "bool true"},
	})
}

// TestFloatArithmetic: floats win; // and % are CPython's fmod-based
// float_divmod, with the divisor's sign; overflow is inf, except in **.
func TestFloatArithmetic(t *testing.T) {
	checkEval(t, []evalCase{
		{"e + 2.5", 1, "float 3.5"},
		{"e * 0.1", 3, "float 0.30000000000000004"},
		{"e - 0.5", 0, "float -0.5"},
		{"-e * 1.0", 0, "float 0"}, // -0 is the int 0
		{"-(e * 1.0)", 0, "float -0"},
		{"e // 2.0", 7, "float 3"},
		{"e // 2.0", -7, "float -4"},
		{"e // -2.0", 7, "float -4"},
		{"e % 2.5", 7, "float 2"},
		{"e % 2.5", -7, "float 0.5"},
		{"e % -2.5", 7, "float -0.5"},
		{"e % -2.5", -7, "float -2"},
		{"-7.5 % 2", 0, "float 0.5"},
		{"7.5 % -2", 0, "float -0.5"},
		{"e % 2.0", -4, "float 0"},
		{"e % -2.0", 4, "float -0"},
		{"e // -2.0", 0, "float -0"},
		{"e // 0.1", 1, "float 9"}, // 0.1 is a little more than a tenth
		{"e % 0.1", 1, "float 0.09999999999999995"},
		{"e // 1e999", 1, "float 0"},
		{"e // 1e999", -1, "float -1"},
		{"e % 1e999 == 1e999", -1, "bool true"},
		{"e / 0.5", 3, "float 6"},
		{"2.0 ** e", 10, "float 1024"},
		{"e ** 0.5", 4, "float 2"},
		{"0.95 ** e", 2, "float 0.9025"},
		{"2 ** 0.5", 0, "float 1.4142135623730951"},
		{"(-2.0) ** e", 3, "float -8"},
		{"(-1.0) ** 1e300", 0, "float 1"},
		{"(-0.0) ** e", 3, "float -0"},
		{"0.0 ** e", 0, "float 1"},
		{"1.0 ** 1e999", 0, "float 1"},
		{"1.0 ** (1e999 - 1e999)", 0, "float 1"},
		{"0.5 ** 1e999", 0, "float 0"},
		{"2.0 ** -1e999", 0, "float 0"},
		{"1e999 ** -1", 0, "float 0"},
		{"(-1e999) ** -1", 0, "float -0"},
		// inf and nan as in Python, until they are the result.
		{"min(1.0, 1e308 * 10)", 0, "float 1"},
		{"1 / (1e308 * (e + 10))", 0, "float 0"},
		{"1e308 * (e + 10)", 0, "at e 0: the result is inf, not a finite number"},
		{"-1e308 * (e + 10)", 0, "at e 0: the result is -inf, not a finite number"},
		{"1e999 - 1e999", 0, "at e 0: the result is nan, not a finite number"},
		{"(1e999 - 1e999) ** 0", 0, "float 1"},
		// Python's exceptions, and a complex number.
		{"e / 0.0", 1, "ZeroDivisionError at e 1: float division by zero"},
		{"e * 1.0 / 0", 1, "ZeroDivisionError at e 1: float division by zero"},
		{"e // 0.0", 1, "ZeroDivisionError at e 1: float floor division by zero"},
		{"e % 0.0", 1, "ZeroDivisionError at e 1: float modulo"},
		{"0.0 ** -e", 1, "ZeroDivisionError at e 1: 0.0 cannot be raised to a negative power"},
		{"10.0 ** e", 400, "OverflowError at e 400: (34, 'Numerical result out of range')"},
		{"(-10.0) ** e", 401, "OverflowError at e 401: (34, 'Numerical result out of range')"},
		{"(-8) ** (e / 3)", 1, "at e 1: " + errComplex.msg},
		{"(-2.0) ** 0.5", 0, "at e 0: " + errComplex.msg},
	})
}

// TestCompare: comparisons, chained, exact between ints and floats; NaN
// compares false but !=.
func TestCompare(t *testing.T) {
	checkEval(t, []evalCase{
		{"e < 5", 3, "bool true"},
		{"e <= 3", 3, "bool true"},
		{"e > 3", 3, "bool false"},
		{"e >= 3.5", 3, "bool false"},
		{"e == 3.0", 3, "bool true"},
		{"e != 3.0", 3, "bool false"},
		{"0 < e < 5", 3, "bool true"},
		{"0 < e < 5", 5, "bool false"},
		{"1 < 2 < 3 < 4", 0, "bool true"},
		{"3 > 2 == 2", 0, "bool true"},
		{"1 < 3 > 2", 0, "bool true"},
		{"True == 1 == 1.0", 0, "bool true"},
		// 2⁵³ + 1 is no float: Python compares exactly.
		{"e == 9007199254740992.0", 9007199254740993, "bool false"},
		{"e > 9007199254740992.0", 9007199254740993, "bool true"},
		{"9007199254740992.0 < e", 9007199254740993, "bool true"},
		{"e < 9223372036854775808.0", math.MaxInt64, "bool true"},
		{"e == -9223372036854775808.0", math.MinInt64, "bool true"},
		{"e > -1e19", math.MinInt64, "bool true"},
		{"e < 2.5", 2, "bool true"},
		{"e > -2.5", -2, "bool true"},
		{"e < -2.5", -3, "bool true"},
		{"e < 1e999", math.MaxInt64, "bool true"},
		{"e == 1e999 - 1e999", 0, "bool false"},
		{"e < 1e999 - 1e999", 0, "bool false"},
		{"e != 1e999 - 1e999", 0, "bool true"},
		{"-0.0 == 0", 0, "bool true"},
		// A chain stops at its first false comparison.
		{"e > 0 < 1 / e", 0, "bool false"},
	})
}

// TestLogic: and, or and not with Python's value semantics, and
// conditional expressions; each evaluates only what it needs.
func TestLogic(t *testing.T) {
	checkEval(t, []evalCase{
		{"e and 3", 0, "int 0"},
		{"e and 3", 5, "int 3"},
		{"e or 2.5", 0, "float 2.5"},
		{"e or 2.5", 7, "int 7"},
		{"0.0 or False", 0, "bool false"},
		{"e or 1 and 0", 0, "int 0"},
		{"e or 1 and 0", 4, "int 4"},
		{"not e", 0, "bool true"},
		{"not 0.5", 0, "bool false"},
		{"not (1e999 - 1e999)", 0, "bool false"}, // NaN is true
		{"not e == 3", 3, "bool false"},
		{"not not e", 2, "bool true"},
		{"e > 0 and 1 / e", 0, "bool false"},
		{"e == 0 or 1 / e", 0, "bool true"},
		{"1 / e if e else 0", 0, "int 0"},
		{"1 / e if e else 0", 4, "float 0.25"},
		{"e + 1 if e else 5", 0, "int 5"},
		{"0.1 if e < 30 else 0.01 if e < 60 else 0.001", 45, "float 0.01"},
		{"1 if 0.0 else 2", 0, "int 2"},
	})
}

// TestCompareInts: compare against the int comparison itself, at the
// edges of int64 and of float64's exact ints.
func TestCompareInts(t *testing.T) {
	vals := []int64{math.MinInt64, math.MinInt64 + 1, -1 << 53, -1, 0, 1, 1<<53 - 1, 1 << 53, 1<<53 + 1, math.MaxInt64}
	for _, a := range vals {
		for _, b := range vals {
			c, ok := compare(integer(a), integer(b))
			want := sign(a > b, a < b)
			if !ok || c != want {
				t.Errorf("compare(%d, %d) = %d, %v; want %d", a, b, c, ok, want)
			}
			// Against a float: exact where b converts exactly.
			if f := float64(b); f < 1<<63 && int64(f) == b {
				if c, ok := compare(integer(a), flt(f)); !ok || c != want {
					t.Errorf("compare(%d, %g) = %d, %v; want %d", a, f, c, ok, want)
				}
			}
		}
	}
}
