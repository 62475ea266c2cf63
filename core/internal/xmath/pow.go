package xmath

import "math"

// Pow returns x**y, the base-x exponential of y, correctly rounded: the
// float64 nearest to the exact value, ties (which pow can produce, e.g.
// 3·2^−215 to the 5th, halfway between two subnormals) to even.
//
// Special cases are (in order, as for math.Pow):
//
//	Pow(x, ±0) = 1 for any x
//	Pow(1, y) = 1 for any y
//	Pow(x, 1) = x for any x
//	Pow(NaN, y) = NaN
//	Pow(x, NaN) = NaN
//	Pow(±0, y) = ±Inf for y an odd integer < 0
//	Pow(±0, -Inf) = +Inf
//	Pow(±0, +Inf) = +0
//	Pow(±0, y) = +Inf for finite y < 0 and not an odd integer
//	Pow(±0, y) = ±0 for y an odd integer > 0
//	Pow(±0, y) = +0 for finite y > 0 and not an odd integer
//	Pow(-1, ±Inf) = 1
//	Pow(x, +Inf) = +Inf for |x| > 1
//	Pow(x, -Inf) = +0 for |x| > 1
//	Pow(x, +Inf) = +0 for |x| < 1
//	Pow(x, -Inf) = +Inf for |x| < 1
//	Pow(+Inf, y) = +Inf for y > 0
//	Pow(+Inf, y) = +0 for y < 0
//	Pow(-Inf, y) = Pow(-0, -y)
//	Pow(x, y) = NaN for finite x < 0 and finite non-integer y
//
// Python's float ** float and math.pow agree wherever they return a float;
// they raise an exception where this returns ±Inf for a zero base or NaN,
// and (−8.0) ** (1/3) is a complex number there.
func Pow(x, y float64) float64 {
	switch {
	case y == 0 || x == 1:
		return 1
	case y == 1:
		return x
	case math.IsNaN(x) || math.IsNaN(y):
		return math.NaN()
	case x == 0:
		switch {
		case y < 0:
			if math.Signbit(x) && isOddInt(y) {
				return math.Inf(-1)
			}
			return math.Inf(1)
		case y > 0:
			if math.Signbit(x) && isOddInt(y) {
				return x
			}
			return 0
		}
	case math.IsInf(y, 0):
		switch {
		case x == -1:
			return 1
		case (math.Abs(x) < 1) == math.IsInf(y, 1):
			return 0
		default:
			return math.Inf(1)
		}
	case math.IsInf(x, 0):
		if math.IsInf(x, -1) {
			return Pow(1/x, -y) // Pow(-0, -y)
		}
		switch {
		case y < 0:
			return 0
		case y > 0:
			return math.Inf(1)
		}
	// Single IEEE operations, correctly rounded by definition.
	case y == 0.5:
		return math.Sqrt(x)
	case y == 2:
		return x * x
	case y == -1:
		return 1 / x
	}
	if x > 0 {
		return powPos(x, y)
	}
	if y != math.Trunc(y) {
		return math.NaN()
	}
	if isOddInt(y) {
		return -powPos(-x, y)
	}
	return powPos(-x, y)
}

// isOddInt reports whether x is an odd integer.
func isOddInt(x float64) bool {
	if math.Abs(x) >= 1<<53 {
		return false // all such floats are even integers
	}
	xi, xf := math.Modf(x)
	return xf == 0 && int64(xi)&1 == 1
}

// powPos returns x**y for finite x > 0, x ≠ 1, and finite y.
//
// x**y = exp(y·log x) with log x from logDD, the product in double-double,
// and expDD. An error δ in y·log x is a relative error δ in the result:
// δ ≤ |y|·(error of logDD) + 2^−104·|y·log x|, under 2^−78 in range.
func powPos(x, y float64) float64 {
	lh, ll, lerr := logDD(x)
	yh, yl := twoProd(y, lh)
	switch {
	case yh > 710: // also +Inf: y·log x > 709.79 for sure
		return math.Inf(1)
	case yh < -746:
		return 0
	}
	hi, lo, err, q := powDD(y, yh, yl+y*ll, lerr)
	if r, ok := roundScaled(hi, lo, err, q); ok {
		return r
	}
	return powSlow(x, y)
}

// powDD returns exp(yh + yl) ≈ (hi + lo)·2^q within err·2^q, where yh + yl
// is y·log x from logDD and twoProd, within |y|·lerr + 2^−104·|yh|, for
// |yh| ≤ 746.
func powDD(y, yh, yl, lerr float64) (hi, lo, err float64, q int) {
	hi, lo, q = expDD(yh, yl)
	d := math.Abs(y)*lerr + math.Abs(yh)*0x1p-103
	return hi, lo, hi * (expRelErr + d*(1+0x1p-10)), q
}
