package xmath

import "math"

// Double-double arithmetic: a value carried as an unevaluated sum hi + lo of
// two float64s, which holds about 106 bits. The error-free transformations
// twoSum, fastTwoSum and twoProd (fma.go, nofma.go) are exact (barring
// overflow and underflow, which the callers rule out): the rounding error of
// a float64 sum or product is itself a float64, and they return it.
//
// Go may fuse x*y + z into one FMA on some architectures. None of the code
// here depends on a product being rounded separately except through
// twoProd and mulSubExact; elsewhere fusion only removes a rounding, and
// every error bound stays valid.

// twoSum returns s = fl(a+b) and e with s + e = a + b exactly (Knuth).
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	t := s - a
	e = (a - (s - t)) + (b - t)
	return s, e
}

// fastTwoSum is twoSum for |a| ≥ |b| or a = 0 (Dekker): three operations
// instead of six.
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - (s - a)
	return s, e
}

const fracMask = 1<<52 - 1

// roundInt rounds to an integer: (v + roundInt) − roundInt is v rounded to
// the nearest integer, ties to even, for |v| < 2^51.
const roundInt = 0x1.8p52

// roundDD decides the rounding of an exact value v known to lie within err
// of hi + lo: it returns the float64 nearest to v when every value in that
// interval rounds the same way, and false when the interval may contain a
// rounding boundary (a float64 halfway between two others). That is Ziv's
// test; the caller then tries harder.
//
// It requires hi normal, |lo| ≤ 2^−52·|hi| and err ≥ 2^−100·|hi|. With
// e = err·(1 + 2^−4), fl(lo + e) ≥ lo + err: its rounding error is below
// 2^−53·(|lo| + e) ≤ 2^−105·|hi| + 2^−53·e < err/16. So v ≤ hi + fl(lo + e)
// and, rounding being monotonic, RN(v) ≤ fl(hi + fl(lo + e)); likewise from
// below. When both ends agree, so does RN(v).
func roundDD(hi, lo, err float64) (float64, bool) {
	err *= 1 + 0x1p-4
	u := hi + (lo + err)
	return u, u == hi+(lo-err)
}

// roundFast is roundDD for |lo| ≤ 2^−15·|hi| and err ≥ 2^−63·|hi| (cosFast).
// With e = err·(1 + 2^−4), the rounding error of fl(lo + e) is below
// 2^−53·(|lo| + e) ≤ 2^−68·|hi| + 2^−53·e < err/16, and the argument of
// roundDD goes through.
func roundFast(hi, lo, err float64) (float64, bool) {
	err *= 1 + 0x1p-4
	u := hi + (lo + err)
	return u, u == hi+(lo-err)
}

// pow2 returns 2^n for −1022 ≤ n ≤ 1023.
func pow2(n int) float64 { return math.Float64frombits(uint64(n+1023) << 52) }

// roundScaled is roundDD for the value (hi + lo)·2^q, which may overflow or
// be subnormal; hi must be normal and err ≤ |hi|/4.
func roundScaled(hi, lo, err float64, q int) (float64, bool) {
	e := int(math.Float64bits(hi)>>52&0x7ff) - 1023 + q // exponent of hi·2^q
	switch {
	case e >= -1021 && e <= 1023:
		// The result and its neighbours are normal (or +Inf, correctly):
		// scaling is exact. Two steps keep each factor in range.
		r, ok := roundDD(hi, lo, err)
		return r * pow2(q/2) * pow2(q-q/2), ok
	case e > 1024:
		return math.Inf(1), true
	case e == 1024:
		// hi·2^q ≥ 2^1024; the value rounds to +Inf iff it is at least
		// MaxFloat64 + half its ulp = 2^1024·(1 − 2^−54), that is iff
		// (hi − P) + lo − err ≥ −P·2^−54 with P = 2^(1024−q), where
		// hi − P is exact (Sterbenz).
		p := pow2(1024 - q)
		if (hi-p)+(lo-err) >= -p*0x1p-54*(1-0x1p-40) {
			return math.Inf(1), true
		}
		return 0, false
	case e < -1100:
		return 0, true // below 2^−1099: rounds to zero
	}
	// Below 2^−1021 the float64s are the multiples of 2^−1074 (subnormals
	// and the smallest binade of normals), so round w = (hi + lo)·2^(q+1074)
	// to an integer n. The scaling is exact: w < 2^53, its parts normal.
	s := pow2(q + 1074)
	wh, wl, we := hi*s, lo*s, err*s
	n := math.RoundToEven(wh)
	d := (wh - n) + wl // wh − n is exact; d is within 1.5 of zero
	if d > 0.5 {
		n, d = n+1, d-1
	} else if d < -0.5 {
		n, d = n-1, d+1
	}
	if math.Abs(d)+we < 0.5*(1-0x1p-40) {
		return math.Float64frombits(uint64(n)), true // n·2^−1074
	}
	return 0, false
}
