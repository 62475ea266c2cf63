package xmath

import "math"

// expRelErr bounds the relative error of expDD (2^−88 at worst).
const expRelErr = 0x1p-86

// Exp returns e**x, correctly rounded: the float64 nearest to the exact
// exponential of x (ties cannot occur), including subnormal results.
//
// Special cases are:
//
//	Exp(+Inf) = +Inf
//	Exp(-Inf) = 0
//	Exp(NaN) = NaN
//
// Exp overflows to +Inf from x = 709.7827128933841 (0x1.62e42fefa39f0p+9)
// up, and underflows to 0 from x = -745.1332191019412 down.
func Exp(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return x
	case x > 710:
		return math.Inf(1)
	case x < -746:
		return 0
	case math.Abs(x) < 0x1p-54:
		// e^x is within 2^−54 of 1, nearer 1 than its neighbours' midpoints.
		return 1
	}
	hi, lo, q := expDD(x, 0)
	if r, ok := roundScaled(hi, lo, expRelErr*hi, q); ok {
		return r
	}
	return expSlow(x)
}

// expDD returns exp(xh + xl) ≈ (hi + lo)·2^q with relative error below
// expRelErr, for |xh| ≤ 746 and |xl| ≤ 2^−52·|xh|; hi is in [0.99, 2.01).
//
// With k = round(xh·128/ln 2), xh + xl = k·ln 2/128 + r, |r| ≤ 2^−8.5 in
// double-double (as in cosDD: xh − k·ln2o128a is an exact FMA, the result
// being a multiple of 2^−61 below 2^−8), and
//
//	exp(xh + xl) = 2^(k>>7) · 2^((k&127)/128) · (1 + P),  P = exp(r) − 1,
//
// the middle factor from the table in double-double. P = r + r²/2 + r³/6 +
// tail is summed in double-double up to r³/6 and in float64 beyond (terms
// below 2^−38); its error is about 2^−90.
func expDD(xh, xl float64) (hi, lo float64, q int) {
	kf := (xh*invLn2o128 + roundInt) - roundInt // |xh·128/ln 2| < 2^17.1
	t := mulSubExact(xh, kf, ln2o128a)
	p, pe := twoProd(kf, ln2o128b)
	rh, rl := twoSum(t, -p)
	rl = rl - pe - kf*ln2o128c + xl
	rh, rl = twoSum(rh, rl)

	r2, r2e := twoProd(rh, rh)
	r2e += 2 * rh * rl
	r3, r3e := twoProd(r2, rh)
	r3e += r2*rl + r2e*rh
	c3, c3e := twoProd(r3, sixthA) // r³/6
	c3e += r3*sixthB + r3e*sixthA
	tail := r2 * r2 * (1.0/24 + rh*(1.0/120+rh*(1.0/720+rh*(1.0/5040+rh*(1.0/40320+rh*(1.0/362880))))))

	s, se := fastTwoSum(rh, 0.5*r2)
	s, se2 := fastTwoSum(s, c3)
	l := rl + 0.5*r2e + c3e + se + se2
	l += tail

	// 2^(i/128)·(1 + P) = T + T·P.
	k := int(kf)
	tab := &expTable[k&127]
	m, me := twoProd(tab[0], s)
	me += tab[0]*l + tab[1]*s
	u, ue := fastTwoSum(tab[0], m)
	lo = ue + me + tab[1]
	hi, lo = fastTwoSum(u, lo)
	return hi, lo, k >> 7
}
