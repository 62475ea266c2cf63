package python

import (
	"math"
	"strings"
	"testing"
)

// TestMinMax: two or more arguments; the first of equals is kept, int or
// float, as Python's min and max keep it; NaN is kept only in front.
func TestMinMax(t *testing.T) {
	checkEval(t, []evalCase{
		{"min(e, 3)", 5, "int 3"},
		{"max(e, 3)", 5, "int 5"},
		{"min(e, 3.0)", 3, "int 3"},
		{"min(3.0, e)", 3, "float 3"},
		{"max(e, 3.0)", 3, "int 3"},
		{"max(True, 1)", 0, "bool true"},
		{"min(1, 2, 0.5, 3)", 0, "float 0.5"},
		{"max(1, 2, 0.5, 3)", 0, "int 3"},
		{"min(1.0, (e + 1) / 500)", 99, "float 0.2"},
		{"max(0.0, 1 - e // 10 * 0.1)", 95, "float 0.09999999999999998"},
		{"min(1, 1e999 - 1e999) == 1", 0, "bool true"},
		{"min(1e999 - 1e999, 1) != 1", 0, "bool true"},
		{"min(1 / e, 1)", 0, "ZeroDivisionError at e 0: division by zero"},
	})
}

// TestConversions: abs, float, int and round: ints where Python returns
// ints, halves to even, and Python's exceptions for inf and NaN.
func TestConversions(t *testing.T) {
	checkEval(t, []evalCase{
		{"abs(-e)", 3, "int 3"},
		{"abs(-2.5)", 0, "float 2.5"},
		{"abs(True)", 0, "int 1"},
		{"abs(-0.0)", 0, "float 0"},
		{"abs(e)", math.MinInt64, refused(math.MinInt64)},
		{"float(e)", 3, "float 3"},
		{"float(True)", 0, "float 1"},
		{"float(e)", 9007199254740993, "float 9.007199254740992e+15"},
		{"int(2.7)", 0, "int 2"},
		{"int(-2.7)", 0, "int -2"},
		{"int(e / 2)", 7, "int 3"},
		{"int(True)", 0, "int 1"},
		{"int(-9223372036854775808.0)", 0, "int -9223372036854775808"},
		{"int(1e19)", 0, refused(0)},
		{"int(1e999)", 0, "OverflowError at e 0: cannot convert float infinity to integer"},
		{"int(1e999 - 1e999)", 0, "ValueError at e 0: cannot convert float NaN to integer"},
		{"round(2.5)", 0, "int 2"},
		{"round(3.5)", 0, "int 4"},
		{"round(-2.5)", 0, "int -2"},
		{"round(0.5)", 0, "int 0"},
		{"round(e / 2)", 5, "int 2"},
		{"round(e / 2)", 7, "int 4"},
		{"round(e)", -7, "int -7"},
		{"round(True)", 0, "int 1"},
		{"round(1e999)", 0, "OverflowError at e 0: cannot convert float infinity to integer"},
		{"round(1e999 - 1e999)", 0, "ValueError at e 0: cannot convert float NaN to integer"},
	})
}

// TestRoundDigits: round(x, n) rounds a float's exact value, halves to
// even, as CPython's dtoa-based float.__round__; an int stays an int.
func TestRoundDigits(t *testing.T) {
	checkEval(t, []evalCase{
		{"round(2.675, 2)", 0, "float 2.67"}, // 2.675 is a little less
		{"round(0.125, 2)", 0, "float 0.12"}, // an exact half: to even
		{"round(0.375, 2)", 0, "float 0.38"},
		{"round(1.5, 0)", 0, "float 2"},
		{"round(2.5, 0)", 0, "float 2"},
		{"round(-0.4, 0)", 0, "float -0"},
		{"round(e / 3, 3)", 1, "float 0.333"},
		{"round(e / 7, 2)", 45, "float 6.43"},
		{"round(1234.5, -2)", 0, "float 1200"},
		{"round(1250.0, -2)", 0, "float 1200"},
		{"round(1350.0, -2)", 0, "float 1400"},
		{"round(1250.5, -2)", 0, "float 1300"},
		{"round(50.0, -2)", 0, "float 0"},
		{"round(50.5, -2)", 0, "float 100"},
		{"round(51.0, -2)", 0, "float 100"},
		{"round(-50.0, -2)", 0, "float -0"},
		{"round(0.3, -1)", 0, "float 0"},
		{"round(950.0, -3)", 0, "float 1000"},
		{"round(5e-324, 400)", 0, "float 5e-324"},
		{"round(1.5, -400)", 0, "float 0"},
		{"round(-1.5, -400)", 0, "float -0"},
		{"round(1e300, -299)", 0, "float 1e+300"},
		{"round(1.7976931348623157e308, -308)", 0, "OverflowError at e 0: rounded value too large to represent"},
		{"round(1e999, 2) > 0", 0, "bool true"},
		{"round(2.5, True)", 0, "float 2.5"},
		{"round(2.5, 1.0)", 0, "TypeError at e 0: 'float' object cannot be interpreted as an integer"},
		{"round(e, 2)", 7, "int 7"},
		{"round(e, -1)", 25, "int 20"},
		{"round(e, -1)", 35, "int 40"},
		{"round(e, -1)", 15, "int 20"},
		{"round(e, -1)", -25, "int -20"},
		{"round(e, -2)", 251, "int 300"},
		{"round(True, 1)", 0, "int 1"},
		{"round(e, -18)", math.MaxInt64, "int 9000000000000000000"},
		{"round(e, -19)", 5000000000000000000, "int 0"},
		{"round(e, -19)", math.MaxInt64, refused(math.MaxInt64)},
		{"round(e, -20)", math.MaxInt64, "int 0"},
		{"round(e, -18)", -math.MaxInt64, "int -9000000000000000000"},
	})
}

// TestPow: pow is **; math.pow is CPython's math_pow, always a float, with
// a ValueError for 0 to a negative power.
func TestPow(t *testing.T) {
	checkEval(t, []evalCase{
		{"pow(2, e)", 10, "int 1024"},
		{"pow(2.0, 0.5)", 0, "float 1.4142135623730951"},
		{"pow(e, -1)", 0, "ZeroDivisionError at e 0: 0.0 cannot be raised to a negative power"},
		{"math.pow(2, e)", 10, "float 1024"},
		{"math.pow(e, 0)", 0, "float 1"},
		{"math.pow(-2, 3)", 0, "float -8"},
		{"math.pow(e, -1)", 0, "ValueError at e 0: math domain error"},
		{"math.pow(-8, 1 / 3)", 0, "ValueError at e 0: math domain error"},
		{"math.pow(10, e)", 400, "OverflowError at e 400: math range error"},
		{"math.pow(1e999, 0)", 0, "float 1"},
		{"math.pow(1e999 - 1e999, 0)", 0, "float 1"},
		{"math.pow(1, 1e999 - 1e999)", 0, "float 1"},
		{"math.pow(-1e999, 3) < 0", 0, "bool true"},
		{"math.pow(-1e999, -3)", 0, "float -0"},
		{"math.pow(-1e999, 2) > 0", 0, "bool true"},
		{"math.pow(2, -1e999)", 0, "float 0"},
		{"math.pow(0.5, -1e999) > 0", 0, "bool true"},
		{"math.pow(-1, 1e999)", 0, "float 1"},
	})
}

// TestMath: math's functions of a float, math_1's exceptions, and its
// constants.
func TestMath(t *testing.T) {
	checkEval(t, []evalCase{
		{"math.cos(e)", 0, "float 1"},
		{"math.cos(math.pi)", 0, "float -1"},
		{"math.cos(1e999)", 0, "ValueError at e 0: math domain error"},
		{"math.sin(e)", 0, "float 0"},
		{"math.sin(math.pi / 2)", 0, "float 1"},
		{"math.tan(e)", 0, "float 0"},
		{"math.exp(e)", 0, "float 1"},
		{"math.exp(e)", 1, "float 2.718281828459045"},
		{"math.exp(e)", 1000, "OverflowError at e 1000: math range error"},
		{"math.exp(-e)", 1000, "float 0"},
		{"math.exp(-1e999)", 0, "float 0"},
		{"math.log(e)", 1, "float 0"},
		{"math.log(math.e)", 0, "float 1"},
		{"math.log(e)", 0, "ValueError at e 0: math domain error"},
		{"math.log(-e)", 1, "ValueError at e 1: math domain error"},
		{"math.log(False)", 0, "ValueError at e 0: math domain error"},
		{"math.log(8, 2)", 0, "float 3"},
		{"math.log(100, 10)", 0, "float 2"},
		{"math.log(1000, 10)", 0, "float 2.9999999999999996"}, // log(1000) / log(10), as Python
		{"math.log(e, 1)", 1, "ZeroDivisionError at e 1: float division by zero"},
		{"math.log(e, 2)", 0, "ValueError at e 0: math domain error"},
		{"math.log(2, e)", 0, "ValueError at e 0: math domain error"},
		{"math.log2(8)", 0, "float 3"},
		{"math.log2(e)", 1024, "float 10"},
		{"math.log2(0.1)", 0, "float -3.321928094887362"},
		{"math.log2(e)", 0, "ValueError at e 0: math domain error"},
		{"math.log10(1000)", 0, "float 3"},
		{"math.log10(1e15)", 0, "float 15"},
		{"math.log10(0.001)", 0, "float -3"},
		{"math.log10(2)", 0, "float 0.3010299956639812"},
		{"math.log10(-e)", 1, "ValueError at e 1: math domain error"},
		{"math.sqrt(e)", 16, "float 4"},
		{"math.sqrt(2)", 0, "float 1.4142135623730951"},
		{"math.sqrt(-e)", 1, "ValueError at e 1: math domain error"},
		{"math.sqrt(-0.0)", 0, "float -0"},
		{"math.fabs(-e)", 3, "float 3"},
		{"math.floor(2.5)", 0, "int 2"},
		{"math.floor(-2.5)", 0, "int -3"},
		{"math.floor(e)", 7, "int 7"},
		{"math.floor(e / 10)", 25, "int 2"},
		{"math.floor(1e999)", 0, "OverflowError at e 0: cannot convert float infinity to integer"},
		{"math.ceil(2.1)", 0, "int 3"},
		{"math.ceil(-2.1)", 0, "int -2"},
		{"math.ceil(True)", 0, "int 1"},
		{"math.ceil(1e999 - 1e999)", 0, "ValueError at e 0: cannot convert float NaN to integer"},
		{"math.pi", 0, "float 3.141592653589793"},
		{"math.e", 0, "float 2.718281828459045"},
		{"math.tau", 0, "float 6.283185307179586"},
	})
}

// TestSupportedNames: the message that lists what a lambda may use names
// every function.
func TestSupportedNames(t *testing.T) {
	for _, f := range functions {
		name := f.name
		if rest, ok := strings.CutPrefix(name, "math."); ok && !strings.Contains(supported, name) {
			name = rest
		}
		if !strings.Contains(supported, name) {
			t.Errorf("the supported list does not name %s", f.name)
		}
	}
}
