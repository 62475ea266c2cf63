package xmath

import (
	"math"
	"math/big"
	"testing"
)

var (
	inf = math.Inf(1)
	nan = math.NaN()
)

// same reports whether a and b are the same float64, NaN matching NaN and
// +0 not matching −0.
func same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return a == b && math.Signbit(a) == math.Signbit(b)
}

// The values below were checked with mpmath at 2000 bits; they agree with
// glibc too.
func TestCosSpecial(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{inf, nan}, {-inf, nan}, {nan, nan},
		{0, 1}, {math.Copysign(0, -1), 1}, {0x1p-30, 1}, {-0x1p-27, 1},
		{0x1p-26, 0x1.fffffffffffffp-1},
		{1e22, 0x1.0be2cef01c8f4p-1},
		{math.MaxFloat64, -0x1.fffe62ecfab75p-1},
		{1e300, -0x1.2699022adc4c1p-1},
		{0x1p30, 0x1.92cb46a920144p-1}, // first argument past the fast reduction
		{0x1.ffffffffffffep+29, 0x1.92cb41b8d732cp-1},
		{123456789, 0x1.1f4077c91589fp-3},
		{1e6, 0x1.df9df9906d32cp-1},
		{0x1.0f0cf064dd592p+51, -0x1.48af21b8ed3bfp-4},
		{math.Pi / 2, 0x1.1a62633145c07p-54}, // cos of the float nearest π/2
		{math.Pi, -1},
	} {
		if got := Cos(c.x); !same(got, c.want) {
			t.Errorf("Cos(%x) = %x, want %x", c.x, got, c.want)
		}
		if got := Cos(-c.x); !same(got, c.want) {
			t.Errorf("Cos(%x) = %x, want %x", -c.x, got, c.want)
		}
	}
}

func TestLogSpecial(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{inf, inf}, {-inf, nan}, {nan, nan}, {-1, nan}, {-0x1p-1074, nan},
		{0, -inf}, {math.Copysign(0, -1), -inf}, {1, 0},
		{0x1p-1074, -0x1.74385446d71c3p+9},
		{0x1p-1022, -0x1.6232bdd7abcd2p+9},
		{math.MaxFloat64, 0x1.62e42fefa39efp+9},
		{1 + 0x1p-52, 0x1.fffffffffffffp-53},
		{1 - 0x1p-53, -0x1p-53},
		{2, math.Ln2},
		{math.E, 1}, // the float nearest e has log 1 − 2^−54.something
	} {
		if got := Log(c.x); !same(got, c.want) {
			t.Errorf("Log(%x) = %x, want %x", c.x, got, c.want)
		}
	}
}

func TestExpSpecial(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{inf, inf}, {-inf, 0}, {nan, nan},
		{0, 1}, {math.Copysign(0, -1), 1}, {0x1p-60, 1}, {-0x1p-60, 1},
		{1000, inf}, {-1000, 0},
		// Overflow threshold: exp(0x1.62e42fefa39efp+9) < MaxFloat64 + ulp/2.
		{0x1.62e42fefa39efp+9, 0x1.fffffffffff2ap+1023},
		{0x1.62e42fefa39f0p+9, inf},
		// Underflow: around 2^−1075, the midpoint between 0 and 2^−1074.
		{-0x1.74910d52d3051p+9, 0x1p-1074},
		{-0x1.74910d52d3052p+9, 0},
		// Around 2^−1022, where the subnormals begin.
		{-0x1.6232bdd7abcd2p+9, 0x1.000000000007cp-1022},
		{-0x1.6232bdd7abcd3p+9, 0x0.ffffffffffe7cp-1022},
		{1, math.E},
	} {
		if got := Exp(c.x); !same(got, c.want) {
			t.Errorf("Exp(%x) = %x, want %x", c.x, got, c.want)
		}
	}
}

// TestExpEdges walks exp across the ends of the normal range, where
// roundScaled switches between its cases, against the slow path.
func TestExpEdges(t *testing.T) {
	for _, x0 := range []float64{-0x1.6232bdd7abcd2p+9, -0x1.74910d52d3052p+9, 0x1.62e42fefa39efp+9, -0x1.628b76e3a7b61p+9} {
		x := x0
		for range 200 {
			x = math.Nextafter(x, -inf)
		}
		for range 400 {
			if got, want := Exp(x), expSlow(x); !same(got, want) {
				t.Errorf("Exp(%x) = %x, want %x", x, got, want)
			}
			x = math.Nextafter(x, inf)
		}
	}
}

// TestPowSpecial checks the special cases against math.Pow, which has the
// same list, and the other results of the same grid against the slow path.
func TestPowSpecial(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 2, -2, 3, -3, 1.5, -1.5, 0.25, 1 << 53, -(1 << 53), 1<<53 + 2, math.MaxFloat64, -math.MaxFloat64, 0x1p-1074, inf, -inf, nan}
	for _, x := range vals {
		for _, y := range vals {
			want := math.Pow(x, y)
			special := x == 0 || x == 1 || y == 0 || y == 1 || math.IsInf(x, 0) || math.IsInf(y, 0) ||
				math.IsNaN(x) || math.IsNaN(y) || x < 0 && y != math.Trunc(y)
			if !special {
				want = powRef(x, y)
			}
			if got := Pow(x, y); !same(got, want) {
				t.Errorf("Pow(%v, %v) = %v, want %v", x, y, got, want)
			}
		}
	}
}

// TestPowExact covers results that are exactly representable or exactly
// halfway between two float64s, where Ziv's strategy alone would never
// decide: powExact must catch them, ties going to even.
func TestPowExact(t *testing.T) {
	bigPow := func(m int64, n int64, e int) float64 { // m^n·2^e, correctly rounded
		v := new(big.Int).Exp(big.NewInt(m), big.NewInt(n), nil)
		f := new(big.Float).SetInt(v)
		r, _ := f.SetMantExp(f, e).Float64()
		return r
	}
	m18 := int64(1<<18 - 1) // m18³ has 54 bits: a tie
	m13 := int64(1<<13 - 1) // m13⁴ has 52 bits
	for _, c := range []struct{ x, y, want float64 }{
		{2, 10, 1024},
		{3, 35, bigPow(3, 35, 0)}, // 56 bits, rounded
		{3, 33, bigPow(3, 33, 0)}, // 53 bits, exact
		{float64(m18), 3, bigPow(m18, 3, 0)},
		{float64(m18 * m18), 1.5, bigPow(m18, 3, 0)},
		{float64(m13 * m13 * m13 * m13), 0.75, bigPow(m13, 3, 0)},
		{float64(m13 * m13 * m13 * m13), 1.25, bigPow(m13, 5, 0)}, // 65 bits, rounded
		{3 * 0x1p-215, 5, 0x1p-1074 * 122},                        // 121.5·2^−1074: tie to even
		{5 * 0x1p-215, 5, 0x1p-1074 * 1562},                       // 3125/2 = 1562.5: tie to even
		{2, -1074, 0x1p-1074},
		{2, -1075, 0},   // tie between 0 and 2^−1074
		{0.5, 1075, 0},  // same
		{4, -537.5, 0},  // same
		{2, -1075.5, 0}, // irrational, below the tie
		{-2, -1075, math.Copysign(0, -1)},
		{-2, 3, -8},
		{2, 1023, 0x1p1023},
		{2, 1024, inf},
		{0x1p-1074, -0.5, 0x1p537},
		{9, 0.5, 3},
		{8, 1.0 / 3, 2}, // 2 − 7.7e−17: 1/3 is not one third, but close enough
	} {
		if got := Pow(c.x, c.y); !same(got, c.want) {
			t.Errorf("Pow(%x, %v) = %x, want %x", c.x, c.y, got, c.want)
		}
	}
}

// TestPowLarge covers huge exponents and the overflow and underflow ends.
func TestPowLarge(t *testing.T) {
	for _, c := range []struct{ x, y float64 }{
		{1 + 0x1p-52, 0x1p60}, {1 - 0x1p-53, 0x1p61}, {1 + 0x1p-52, -0x1p62},
		{0.999, 1e4}, {1.001, -1e6}, {0.5, 1e300}, {2, 1e300}, {-2, 1e300}, {2, -1e300},
		{10, 308}, {10, 309}, {10, -323}, {10, -324}, {1e-300, 1.03}, {0x1p-1074, 1.0001},
		{-10, 307}, {-10, -323}, {1e308, 1.0000001}, {7, 364.77}, {7, -382.5},
	} {
		want := powRef(c.x, c.y)
		if got := Pow(c.x, c.y); !same(got, want) {
			t.Errorf("Pow(%v, %v) = %x, want %x", c.x, c.y, got, want)
		}
	}
}
