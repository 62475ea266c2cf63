package xmath

import "math"

// The log table has one entry per c = 1 + j/512, j = −128..256, which covers
// the reduced argument z in [0.75, 1.5).
const (
	logTableLen = 385
	logTableMid = 128
)

// Log returns the natural logarithm of x, correctly rounded: the float64
// nearest to the exact logarithm of x (ties cannot occur).
//
// Special cases are:
//
//	Log(+Inf) = +Inf
//	Log(0) = -Inf
//	Log(x < 0) = NaN
//	Log(NaN) = NaN
func Log(x float64) float64 {
	switch {
	case x == 1:
		return 0
	case !(x > 0): // x ≤ 0 or NaN
		if x == 0 {
			return math.Inf(-1)
		}
		return math.NaN()
	case math.IsInf(x, 1):
		return x
	}
	if r, ok := roundDD(logDD(x)); ok {
		return r
	}
	return logSlow(x)
}

// logDD returns log(x) ≈ hi + lo with |log(x) − (hi+lo)| ≤ err, for finite
// x > 0, x ≠ 1. The relative error is below 2^−88, and far smaller near 1.
//
// With x = 2^e·z, z in [0.75, 1.5) (so that x just below 1 gets e = 0 and
// no cancellation), c = 1 + j/512 the table point nearest z and inv the
// float64 nearest 1/c,
//
//	log x = e·ln 2 − log(inv) + log1p(r),  r = z·inv − 1,
//
// where r is exact in double-double (twoProd, and p − 1 is exact for p near
// 1), |r| ≤ 2^−9.58, and −log(inv) comes from the table in double-double.
// The Taylor series of log1p is summed in double-double up to r⁴/4 and in
// float64 beyond (the tail, below 2^−40·|r|, computed from rh alone); its
// error is below 2^−49.5·|tail| (truncation included) plus 2^−102·|r|.
//
// For x near 1 (e = 0, c = 1) the result is log1p(r) itself, so the bound
// shrinks with r: that settles the near-halfway results of x = 1 + m·2^−52
// (log x = δ − δ²/2 + δ³/3 ..., where δ − δ²/2 can be a midpoint) for all
// but the smallest m. Otherwise |log x| ≥ 2^−10.6 and the other errors
// (table 2^−106, sums) stay below 2^−99·|log x|.
func logDD(x float64) (hi, lo, err float64) {
	ix := math.Float64bits(x)
	e := int(ix>>52) - 1023
	if ix>>52 == 0 { // subnormal
		ix = math.Float64bits(x * 0x1p52)
		e = int(ix>>52) - 1023 - 52
	}
	f := ix & fracMask
	var z float64
	var j int
	if f >= 1<<51 { // mantissa m ≥ 1.5: z = m/2 in [0.75, 1)
		e++
		z = math.Float64frombits(f | 0x3fe<<52)
		j = int((int64(f) - 1<<52 + 1<<43) >> 44) // round((z−1)·512)
	} else {
		z = math.Float64frombits(f | 0x3ff<<52)
		j = int((f + 1<<42) >> 43) // round((z−1)·512)
	}
	tab := &logTable[j+logTableMid]
	p, pe := twoProd(z, tab[0])
	rh, rl := fastTwoSum(p-1, pe) // r = z·inv − 1, exactly

	// log1p(r) = r − r²/2 + r³/3 − r⁴/4 + tail.
	r2, r2e := twoProd(rh, rh)
	r2e += 2 * rh * rl
	r3, r3e := twoProd(r2, rh)
	r3e += r2*rl + r2e*rh
	c3, c3e := twoProd(r3, thirdA) // r³/3
	c3e += r3*thirdB + r3e*thirdA
	r4, r4e := twoProd(r2, r2)
	r4e += 2 * r2 * r2e
	tail := r4 * rh * (1.0/5 + rh*(-1.0/6+rh*(1.0/7+rh*(-1.0/8+rh*(1.0/9+rh*(-1.0/10))))))

	s, se := fastTwoSum(rh, -0.5*r2)
	s, se2 := fastTwoSum(s, c3)
	t4, t4e := twoSum(-0.25*r4, tail)
	s, se3 := fastTwoSum(s, t4)
	l := rl - 0.5*r2e + c3e - 0.25*r4e + t4e + se + se2 + se3

	// e·ln 2 − log(inv) + log1p(r).
	fe := float64(e)
	a, ae := twoProd(fe, ln2a)
	ae += fe * ln2b
	u, ue := twoSum(a, tab[1])
	u, ue2 := twoSum(u, s)
	lo = ue + ue2 + ae + tab[2] + l
	hi, lo = fastTwoSum(u, lo)
	return hi, lo, 0x1p-48*math.Abs(tail) + 0x1p-99*math.Abs(hi)
}
