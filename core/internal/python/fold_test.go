package python

import (
	"math"
	"testing"
)

// TestNumbers: Python 3's int and float literals, and what it rejects.
func TestNumbers(t *testing.T) {
	checkValues(t, []valueCase{
		{"0", "int 0"},
		{"000", "int 0"},
		{"42", "int 42"},
		{"10_000", "int 10000"},
		{"1_0_0", "int 100"},
		{"0xff", "int 255"},
		{"0XfF", "int 255"},
		{"0x_ff", "int 255"},
		{"0o17", "int 15"},
		{"0O17", "int 15"},
		{"0b101", "int 5"},
		{"0B1_01", "int 5"},
		{"9223372036854775807", "int 9223372036854775807"},
		{"1.5", "float 1.5"},
		{".5", "float 0.5"},
		{"5.", "float 5"},
		{"1e-6", "float 1e-06"},
		{"1E3", "float 1000"},
		{"1.5e+3", "float 1500"},
		{"1_000.000_1", "float 1000.0001"},
		{"1e1_0", "float 1e+10"},
		{"0.1e-0_1", "float 0.01"},
		{"007.5", "float 7.5"},
		{"1e999", "float +Inf"}, // as Python reads it: the spec's range check reports it
		{"1e-999", "float 0"},
		// What Python rejects or this reader does not hold.
		{"012", "other: a leading zero, which Python 3 rejects"},
		{"9223372036854775808", "other: too large"},
		{"0x8000000000000000", "other: too large, or not a number"},
		{"0xg", "other: too large, or not a number"},
		{"0b102", "other: too large, or not a number"},
		{"1__0", "other: not a number Python reads"},
		{"1_", "other: not a number Python reads"},
		{"1._5", "float 1.5"}, // Python rejects an underscore beside the point; this reader does not
		{"1e", "other: not a number Python reads"},
		{"1e+", "other: not a number Python reads"},
		{"1.2.3", "other: not a number Python reads"},
		{"1x", "other: not a number Python reads"},
		{"3j", "other: a complex number"},
		{"1.5J", "other: a complex number"},
	})
}

// TestArithmetic: ints stay ints except under /, floats win, and // and %
// follow the divisor's sign, as in Python.
func TestArithmetic(t *testing.T) {
	checkValues(t, []valueCase{
		{"10 * 390", "int 3900"},
		{"3 - 5", "int -2"},
		{"1 + 2.5", "float 3.5"},
		{"1 / 2", "float 0.5"},
		{"4 / 2", "float 2"},
		{"7 // 2", "int 3"},
		{"-7 // 2", "int -4"},
		{"7 // -2", "int -4"},
		{"-7 // -2", "int 3"},
		{"7 % 3", "int 1"},
		{"-7 % 3", "int 2"},
		{"7 % -3", "int -2"},
		{"-7 % -3", "int -1"},
		{"6 % 3", "int 0"},
		{"-6 % 3", "int 0"},
		{"7.5 // 2", "float 3"},
		{"-7.5 // 2", "float -4"},
		{"7.5 % -2", "float -0.5"},
		{"-7.5 % 2", "float 0.5"},
		{"10 // 0.5", "float 20"},
		{"5 % 2.0", "float 1"},
		{"2 ** 10", "int 1024"},
		{"(-2) ** 3", "int -8"},
		{"2 ** 62", "int 4611686018427387904"},
		{"2 ** -1", "float 0.5"},
		{"2 ** -2", "float 0.25"},
		{"(-1) ** 63", "int -1"},
		{"(-1) ** 64", "int 1"},
		{"1 ** 1000", "int 1"},
		{"0 ** 0", "int 1"},
		{"0 ** 5", "int 0"},
		{"1 ** 9223372036854775807", "int 1"},
		{"2 ** 0.5", "float 1.4142135623730951"},
		{"(-8) ** 2.0", "float 64"},
		{"0.95 ** 10", "float 0.5987369392383787"},
		{"True + True", "int 2"},
		{"True * 2.5", "float 2.5"},
		{"False ** 0", "int 1"},
		{"-True", "int -1"},
		{"+True", "int 1"},
		{"~5", "int -6"},
		{"~True", "int -2"},
		{"-1.5", "float -1.5"},
		{"+1.5", "float 1.5"},
		{"--3", "int 3"},
		{"'a' + 'b'", `str "ab"`},
		{"'a' 'b'", `str "ab"`},
		// What this reader leaves to Python.
		{"~1.5", "other: ~ of a float"},
		{"2 @ 3", "other: the operator @"},
		{"'a' * 3", "other: a computation LR Playground does not run"},
		{"'a' + 1", "other: a computation LR Playground does not run"},
		{"None + 1", "other: a computation LR Playground does not run"},
		{"[1] + 1", "other: a list"},
		{"(-8) ** (1 / 3)", "other: a complex number"},
	})
}

// TestOverflow: an int result beyond int64 is not read (Python's ints are
// unbounded), and neither is a float that overflows.
func TestOverflow(t *testing.T) {
	checkValues(t, []valueCase{
		{"9223372036854775807 + 0", "int 9223372036854775807"},
		{"-9223372036854775807 - 1", "int -9223372036854775808"},
		{"9223372036854775807 + 1", "other: a number too large"},
		{"-9223372036854775807 - 2", "other: a number too large"},
		{"-9223372036854775807 + -2", "other: a number too large"},
		{"4611686018427387904 * 2", "other: a number too large"},
		{"3037000500 * 3037000500", "other: a number too large"},
		{"3037000499 * 3037000499", "int 9223372030926249001"},
		{"-4611686018427387904 * 2", "other: a number too large"}, // -2⁶³ is refused as a product's operand, not as a result
		{"2 ** 63", "other: a number too large"},
		{"(-2) ** 63", "other: a number too large"}, // -2⁶³ fits, but the power's check bounds |r|
		{"10 ** 19", "other: a number too large"},
		{"3 ** 9223372036854775807", "other: a number too large"},
		{"-(-9223372036854775807 - 1)", "other: too large"},
		{"-9223372036854775808", "other: too large"},
		{"1e308 * 10", "other: a number too large"},
		{"2.0 ** 1024", "other: a number too large"},
		{"1e999 - 1e999", "other: a number too large"},
	})
}

// TestDivisionByZero covers /, // and %, and 0 to a negative power.
func TestDivisionByZero(t *testing.T) {
	for _, src := range []string{"1 / 0", "1 // 0", "1 % 0", "1.5 / 0", "1 // 0.0", "1.0 % 0.0", "1 / False", "0 ** -1", "0.0 ** -1.5"} {
		if got := show(expr(t, src)); got != "other: a division by zero" {
			t.Errorf("%s = %s, want a division by zero", src, got)
		}
	}
}

// TestNumber: an Int's or a Bool's value as a float64.
func TestNumber(t *testing.T) {
	tests := []struct {
		src  string
		want float64
	}{
		{"3", 3}, {"-2.5", -2.5}, {"True", 1}, {"False", 0}, {"9007199254740993", 9007199254740992},
	}
	for _, tt := range tests {
		if got := expr(t, tt.src).Number(); got != tt.want {
			t.Errorf("(%s).Number() = %g, want %g", tt.src, got, tt.want)
		}
	}
	if got := expr(t, "1e999").Number(); !math.IsInf(got, 1) {
		t.Errorf("(1e999).Number() = %g, want +Inf", got)
	}
}

// TestInherit: a value computed from a name the snippet does not assign,
// or from a call, says so, for the message about it.
func TestInherit(t *testing.T) {
	tests := []struct {
		src     string
		unknown string
		calls   bool
	}{
		{"2 * EPOCHS", "EPOCHS", false},
		{"EPOCHS * steps", "EPOCHS", false},
		{"-args.lr", "args.lr", false},
		{"1 + 2 * (3 - cfg.warmup)", "cfg.warmup", false},
		{"len(loader) * 10", "", true},
		{"10 * len(loader)", "", true},
		{"n * len(loader)", "n", true},
		{"2 ** -(x)", "x", false},
		{"1 + 2", "", false},
	}
	for _, tt := range tests {
		v := expr(t, tt.src)
		if v.Unknown != tt.unknown || v.Calls != tt.calls {
			t.Errorf("%s: Unknown %q, Calls %v; want %q, %v", tt.src, v.Unknown, v.Calls, tt.unknown, tt.calls)
		}
	}
}
