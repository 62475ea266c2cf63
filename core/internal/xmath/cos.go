package xmath

import (
	"math"
	"math/bits"
)

// cosTableLen covers a = j/128 up to 101/128 > π/4 + 1/256.
const cosTableLen = 102

// cosFastMax bounds the fast reduction: k = round(x·2/π) < 2^29.4, so the
// three-part π/2 leaves an absolute error below 2^−125 in r.
const cosFastMax = 0x1p30

// Cos returns the cosine of the radian argument x, correctly rounded: the
// float64 nearest to the exact cosine of x (ties cannot occur). Arguments
// of magnitude 2^30 or more are reduced with a table of the bits of 2/π
// (Payne–Hanek, reduceLarge), which costs about 15 ns more.
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
		return cosLarge(ax)
	}
	if r, ok := roundFast(cosFast(ax)); ok {
		return r
	}
	if r, ok := roundDD(cosDD(ax)); ok {
		return r
	}
	return cosSlow(ax)
}

// cosFast is a cheaper first try for Cos: it returns cos(x) ≈ s + lo with
// |cos(x) − (s+lo)| ≤ err, for 2^−27 ≤ x < cosFastMax, where err ≥
// 2^−63·|s| (relative error about 2^−66 at worst, so err is mostly the
// 2^−63·|s| term and Ziv's test fails about once in 500 calls) and
// |lo| ≤ 2^−15·|s|, not renormalized (roundFast); cosDD then decides.
// With two twoProds instead of five it pays off on wasm too (Dekker's
// product): 50 ns instead of 72 there, 16 instead of 20 on amd64.
//
// The reduction and the table are those of cosDD; the difference is the
// sum R = A + σ·B·b + A·cm + σ·B·sm + R′(b)·rl, which keeps only its
// leading part s = A + σ·fl(B·b) exact (twoProd, and fastTwoSum, since
// |B·b| ≤ 2^−8 < |A| unless A = 0) and adds the rest in float64:
// |A| ≤ 2·|s| (sin(1/128) − 2^−8 > sin(1/128)/2), the terms after s are
// below 2^−16·|s| and their sum is within 2^−66·|s| of theirs. cm =
// cos b − 1, from b² rounded (3·2^−53·|cm| + the truncation 2^−79 and
// the product's rounding: 2^−67·|A|), dominates; the rl term drops
// B·(b²/2)·rl (2^−17·|rl|) besides its rounding.
func cosFast(x float64) (s, lo, err float64) {
	k := (x*invPio2 + roundInt) - roundInt // x·2/π < 2^29.4
	t := mulSubExact(x, k, pio2a)
	p, pe := twoProd(k, pio2b)
	rh, rl := twoSum(t, -p)
	rl = rl - pe - k*pio2c

	jf := (rh*128 + roundInt) - roundInt
	b := rh - jf*0x1p-7
	j := int(jf)
	m := j >> 63
	tab := &cosTable[(j^m)-m]

	// Signs as in cosDD.
	n := int(k) & 3
	sn := n & 1
	sg := 1 - 2*((n+1)>>1&1)
	sj := 1 + 2*m
	fa := float64(sg * (1 + sn*(sj-1)))
	fb := float64(sg * (1 + (1-sn)*(sj-1)))
	ah, al := fa*tab[2-2*sn], fa*tab[3-2*sn]
	bh, bl := fb*tab[2*sn], fb*tab[2*sn+1]
	sigma := float64(2*sn - 1)

	b2 := b * b
	cm := b2 * (-0.5 + b2*(1.0/24-b2*(1.0/720)))         // cos b − 1
	sm := b * b2 * (-1.0/6 + b2*(1.0/120-b2*(1.0/5040))) // sin b − b

	t1, t1e := twoProd(bh, b)
	s, se := fastTwoSum(ah, sigma*t1)
	lo = ((se + al) + sigma*(t1e+bl*b)) + (ah*cm + (sigma*bh*sm + (sigma*bh-ah*b)*rl))
	err = 0x1p-63*math.Abs(s) + 0x1p-15*math.Abs(rl) + k*0x1p-155
	return s, lo, err
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

// cosKernel is the second half of cosDD, for the Payne–Hanek reduction of
// cosLarge: it returns cos(kπ/2 + r) ≈ hi + lo with error ≤ err, given r =
// rh + rl (|r| ≤ π/4, |rl| ≤ 2^−52·|rh|), n = k mod 4 and a bound rerr on
// the error of r itself, which enters the result's bound as is (cosine and
// sine are 1-Lipschitz). cosDD keeps its own copy, written out: calling
// this from it costs a nanosecond (5%) for reasons of code generation.
// TestCosKernel checks that the two agree bit for bit.
func cosKernel(rh, rl float64, n int, rerr float64) (hi, lo, err float64) {
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
	err = 0x1p-49*math.Abs(t3) + 0x1p-25*math.Abs(rl) + 0x1p-83*math.Abs(s) + rerr
	hi, lo = fastTwoSum(s, lo)
	return hi, lo, err
}

// cosLarge returns Cos(x) for finite x ≥ cosFastMax. Ziv's test fails about
// as rarely as in cosDD, and the slow path then decides.
func cosLarge(x float64) float64 {
	if rh, rl, n, ok := reduceLarge(x); ok {
		if r, ok := roundDD(cosKernel(rh, rl, n, 0x1p-100*math.Abs(rh))); ok {
			return r
		}
	}
	return cosSlow(x)
}

// twoOverPiLen covers the bits of 2/π that reduceLarge needs for x < 2^1024.
const twoOverPiLen = 21

// reduceLarge reduces x ≥ 2^30 (finite) by Payne and Hanek's method: it
// returns n = k mod 4 and r = rh + rl with x = k·π/2 + r, |r| ≤ π/4, and
// |r − (rh+rl)| ≤ 2^−100·|rh|. It reports false in cases that cannot
// happen for float64 arguments (|r| < 2^−64·π/2), left to the slow path.
//
// With x = m·2^e (m < 2^53, e ≥ −22), the bits b_i·2^−i of 2/π contribute
// m·2^(e−i) to x·2/π: a multiple of 4 for i ≤ e−2, which cos ignores. So
// the 256 bits b_(e−1) to b_(e+254), as an integer W, give y = m·W mod
// 2^256 = (x·2/π mod 4)·2^254 up to the tail of 2/π, which adds less than
// m·2^−254 < 2^−201 to x·2/π. Then k = round(y/2^254) and f = y/2^254 − k
// (|f| ≤ 1/2) is exact in the low 254 bits of y, read as signed. The
// closest a float64 comes to a multiple of π/2 is about 2^−61 (x =
// 6381956970095103·2^797), so f keeps at least 130 good bits, of which
// fh + fl holds the first 106 (relative error < 2^−105). Then r =
// (fh+fl)·(pio2a+pio2b), with twoProd for fh·pio2a, has a relative error
// below 2^−105 + 2^−109 + 3·2^−106 < 2^−103 in all.
func reduceLarge(x float64) (rh, rl float64, n int, ok bool) {
	b := math.Float64bits(x)
	e := int(b>>52&0x7ff) - 1075
	m := b&fracMask | 1<<52
	// Bit b_i of 2/π is bit i+63 of twoOverPi, counting from the top of
	// twoOverPi[0]; we want the 256 bits from b_(e−1), position e+62 ≥ 40.
	p := e + 62
	w, sh := p>>6, uint(p&63)
	t := twoOverPi[w : w+5 : w+5]
	z0 := t[0]<<sh | t[1]>>(64-sh) // x>>64 is 0 in Go
	z1 := t[1]<<sh | t[2]>>(64-sh)
	z2 := t[2]<<sh | t[3]>>(64-sh)
	z3 := t[3]<<sh | t[4]>>(64-sh)
	// y = m·z mod 2^256, y0 the most significant word.
	h3, y3 := bits.Mul64(m, z3)
	h2, l2 := bits.Mul64(m, z2)
	h1, l1 := bits.Mul64(m, z1)
	y2, c := bits.Add64(l2, h3, 0)
	y1, c := bits.Add64(l1, h2, c)
	y0 := m*z0 + h1 + c
	n = int((y0 + 1<<61) >> 62)
	// f·2^256 = y·4 mod 2^256 as a signed integer; negate it if negative
	// (branch-free: ones' complement, then add one with carry).
	s := -(y0 >> 61 & 1) // all ones when f < 0
	f0 := (y0<<2 | y1>>62) ^ s
	f1 := (y1<<2 | y2>>62) ^ s
	f2 := (y2<<2 | y3>>62) ^ s
	f3 := (y3 << 2) ^ s
	f3, c = bits.Add64(f3, s&1, 0)
	f2, c = bits.Add64(f2, 0, c)
	f1, c = bits.Add64(f1, 0, c)
	f0 += c
	if f0 == 0 {
		return 0, 0, 0, false
	}
	// |f| = (f0:f1:f2)·2^−192 + …; normalize and take 53 + 53 bits.
	lz := uint(bits.LeadingZeros64(f0))
	a := f0<<lz | f1>>(64-lz)
	a2 := f1<<lz | f2>>(64-lz)
	fh := float64(a>>11) * pow2(-53-int(lz))
	fl := float64((a&0x7ff)<<42|a2>>22) * pow2(-106-int(lz))
	rh, re := twoProd(fh, pio2a)
	re += fh*pio2b + fl*pio2a
	rh, rl = fastTwoSum(rh, re)
	if s != 0 {
		rh, rl = -rh, -rl
	}
	return rh, rl, n & 3, true
}
