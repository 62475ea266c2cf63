package xmath

import "math"

// cosTableLen covers a = j/128 up to 101/128 > π/4 + 1/256.
const cosTableLen = 102

// cosFastMax bounds the fast reduction: k = round(x·2/π) < 2^29.4, so the
// three-part π/2 leaves an absolute error below 2^−125 in r.
const cosFastMax = 0x1p30

// Cos returns the cosine of the radian argument x, correctly rounded: the
// float64 nearest to the exact cosine of x (ties cannot occur). Arguments
// of magnitude 2^30 or more are reduced exactly in math/big, which costs
// tens of microseconds.
//
// Special cases are:
//
//	Cos(±Inf) = NaN
//	Cos(NaN) = NaN
func Cos(x float64) float64 {
	ax := math.Abs(x)
	if ax < 0x1p-27 {
		// 1 ≥ cos x > 1 − x²/2 > 1 − 2^−55, nearer 1 than 1 − 2^−53.
		return 1
	}
	if !(ax < cosFastMax) {
		if math.IsNaN(ax) || math.IsInf(ax, 0) {
			return math.NaN()
		}
		return cosSlow(ax) // Payne–Hanek-style reduction in math/big
	}
	if r, ok := roundDD(cosDD(ax)); ok {
		return r
	}
	return cosSlow(ax)
}

// cosDD returns cos(x) ≈ hi + lo with |cos(x) − (hi+lo)| ≤ err, for
// 2^−27 ≤ x < cosFastMax. The relative error is 2^−70 at worst (sines of
// |r| ≈ 2^−8), 2^−77 or better for most x, so roundDD fails about once in
// ten million calls.
//
// Reduction: x = k·π/2 + r, |r| ≤ π/4 (a hair more, k being rounded in
// floating point), with r = rh + rl in double-double. With π/2 split as
// pio2a + pio2b + pio2c, x − k·pio2a is exact (an FMA whose exact result is a
// multiple of 2^−53 below 1), k·pio2b is split exactly by twoProd, and only
// k·pio2c and the truncation of π/2 (≤ 2^−160) are inexact.
//
// Then cos x = ±cos r or ±sin r. With a = j/128 nearest rh and b = rh − a
// (exact, |b| ≤ 2^−8), the table gives sin a and cos a in double-double and
//
//	cos(a+b) = cos a + cos a·(cos b − 1) − sin a·b − sin a·(sin b − b)
//	sin(a+b) = sin a + sin a·(cos b − 1) + cos a·b + cos a·(sin b − b)
//
// where cos b − 1 (≤ 2^−17) is carried in double-double and sin b − b
// (≤ 2^−26) in one float64. The low part rl enters as a first-order term
// R′(b)·rl, R′ taken to second order in b.
func cosDD(x float64) (hi, lo, err float64) {
	k := (x*invPio2 + roundInt) - roundInt // x·2/π < 2^29.4
	t := mulSubExact(x, k, pio2a)
	p, pe := twoProd(k, pio2b)
	rh, rl := twoSum(t, -p)
	rl = rl - pe - k*pio2c // |rl| ≤ 2^−53·|rh| + k·2^−105, not renormalized

	jf := (rh*128 + roundInt) - roundInt
	b := rh - jf*0x1p-7
	j := int(jf)
	m := j >> 63 // −1 if j < 0, else 0
	tab := &cosTable[(j^m)-m]

	// cos(kπ/2 + r) = cos r, −sin r, −cos r, sin r for k mod 4 = 0..3, and
	// with a = j/128, sin a = sign(j)·sin|a|. Write R = A + A·cm + σ·B·b +
	// σ·B·sm for cos(a+b) (A = cos a, B = sin a, σ = −1) or sin(a+b)
	// (A = sin a, B = cos a, σ = 1), the signs folded into A and B. The
	// choices use integer arithmetic: branches on such bits would
	// mispredict half the time.
	n := int(k) & 3
	sn := n & 1                             // 1 for the sine
	sg := 1 - 2*((n+1)>>1&1)                // −1 for k mod 4 = 1, 2
	sj := 1 + 2*m                           // sign of j
	fa := float64(sg * (1 + sn*(sj-1)))     // sign applied to A
	fb := float64(sg * (1 + (1-sn)*(sj-1))) // sign applied to B
	ah, al := fa*tab[2-2*sn], fa*tab[3-2*sn]
	bh, bl := fb*tab[2*sn], fb*tab[2*sn+1]
	sigma := float64(2*sn - 1)

	// cm = cos b − 1 = cmh + cml, sm = sin b − b (Taylor, truncation
	// below 2^−100; Estrin's scheme keeps the dependency chains short).
	b2, b2e := twoProd(b, b)
	b4 := b2 * b2
	cmh := -0.5 * b2
	cml := -0.5*b2e + b4*((1.0/24-b2*(1.0/720))+b4*(1.0/40320))
	sm := b * b2 * ((-1.0/6 + b2*(1.0/120)) + b4*(-1.0/5040+b2*(1.0/362880)))

	t1, t1e := twoProd(bh, b) // B·b
	t1e += bl * b
	t2, t2e := twoProd(ah, cmh) // A·cm
	t2e += ah*cml + al*cmh
	t3 := bh * sm // B·sm
	// R′(b) ≈ σ·B·(1 − b²/2) − A·b; the next term is below 2^−26.
	corr := (sigma*bh*(1-0.5*b2) - ah*b) * rl

	s, se := twoSum(ah, sigma*t1)
	s, se2 := fastTwoSum(s, t2) // |t2| < 2^−17 < |s| unless t2 = 0
	lo = (((se + se2) + (al + sigma*t1e)) + (t2e + corr)) + sigma*t3
	// The float64 evaluation of sm and B·sm (2^−50.3·|t3|), the rl term
	// (2^−26·|rl| and its rounding), cm and the tables (2^−85·|R|), the
	// reduction (k·2^−157 + 2^−104·|r|) and the final sums, rounded up.
	err = 0x1p-49*math.Abs(t3) + 0x1p-25*math.Abs(rl) + 0x1p-83*math.Abs(s) + k*0x1p-155
	hi, lo = fastTwoSum(s, lo)
	return hi, lo, err
}
