package xmath

import (
	"math"
	"math/bits"
	"sync"
)

// The slow path: every function again, in multiple precision (mp.go), at a
// precision that grows until the rounding is certain (Ziv's strategy). The
// fast paths call it only when their double-double result is too close to
// a rounding boundary, which happens for about one argument in ten million
// (cos) or less (log, exp, pow); the tests use it as the correctly rounded
// reference, and check it against math/big. A call costs 5 to 15 µs.
//
// Each approximation below returns v with |v − f| ≤ 2^−prec·|v|, where f is
// the exact value. The bounds are loose on purpose (prec + 32 working bits
// where a careful count needs a dozen or two): the cost is negligible and
// the argument stays short. W stands for the bits of the limbs in use, at
// least the working precision w, and below 2^16 for any prec ≤ maxPrec;
// every operation then has a relative error below 2^(2−W) (mp.go).

// maxPrec bounds the loop in ziv. The hardest double-precision cases of exp,
// log and cos need about 160 bits; pow has no known bound, but a result
// that is not exactly a rounding boundary (those are handled by powExact)
// is decided well before this.
const maxPrec = 1 << 14

// ziv returns the float64 nearest to the exact value approximated by
// approx, which must not be exactly halfway between two float64s.
func ziv(approx func(prec uint) mpf) float64 {
	for prec := uint(128); prec <= maxPrec; prec *= 2 {
		if f, ok := roundMP(approx(prec), prec); ok {
			return f
		}
	}
	panic("xmath: rounding not decided at maximum precision")
}

// roundMP rounds v to float64 if every value within 2^−prec·|v| of v
// rounds the same way. Rounding is monotonic, so checking the two ends of
// the interval is enough; mpf.float64 rounds them to nearest even, to
// subnormals and to ±Inf correctly.
func roundMP(v mpf, prec uint) (float64, bool) {
	d := v.abs().scale(-int(prec))
	// v ± d has at most 64·len(v.mant) + prec + 1 bits, all within
	// 64(n+2) of the top: mpAdd computes it exactly.
	n := len(v.mant) + int(prec)/64 + 2
	lo := mpSub(v, d, n).float64()
	hi := mpAdd(v, d, n).float64()
	return lo, lo == hi
}

// constant caches a mathematical constant computed on demand to the highest
// precision asked so far.
type constant struct {
	mu      sync.Mutex
	prec    uint
	v       mpf
	compute func(prec uint) mpf // relative error ≤ 2^−(prec+16)
}

// get returns the constant with relative error ≤ 2^−prec: that of compute,
// and cutting to prec/64 + 2 limbs adds less than 2^−(prec+63).
func (c *constant) get(prec uint) mpf {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.prec < prec {
		c.prec = max(prec, 2*c.prec, 512)
		c.v = c.compute(c.prec)
	}
	return c.v.trunc(int(prec/64) + 2)
}

var (
	mpPi        = &constant{compute: computePi}
	mpLn2       = &constant{compute: computeLn2}
	mpTwoOverPi = &constant{compute: computeTwoOverPi}
)

// mpOne is 1.
var mpOne = mpf{[]uint64{1 << 63}, 1, false}

// computePi uses Machin's formula π = 16·atan(1/5) − 4·atan(1/239); the
// subtraction loses no bit (4·atan(1/239) < 0.02).
func computePi(prec uint) mpf {
	n := limbs(prec + 32)
	a := invSeries(5, true, n).scale(4)
	b := invSeries(239, true, n).scale(2)
	return mpSub(a, b, n)
}

// computeLn2 uses ln 2 = 2·atanh(1/3).
func computeLn2(prec uint) mpf {
	return invSeries(3, false, limbs(prec+32)).scale(1)
}

// invSeries returns atan(1/m) = Σ (−1)^k / ((2k+1)·m^(2k+1)) if alternate,
// else atanh(1/m) = Σ 1 / ((2k+1)·m^(2k+1)), for 3 ≤ m < 2^32, at n limbs.
// The k-th term, from 2k+2 divisions, has a relative error below
// (2k+2)·2^(2−W), and the terms fall by m² ≥ 9 each: their errors add up
// to 2^(4−W) of the first. The partial sums stay within 2% of the result
// (1/m ≤ 1/3), so the at most W/3 additions cost W/3·2^(1.1−W), and the
// tail left out is below 2^(−W−3) of it: in all below 2^(15.5−W) for
// W < 2^16, 2^−(prec+16.5) at W ≥ prec + 32 (and π's subtraction adds
// 2^(1−W)).
func invSeries(m uint64, alternate bool, n int) mpf {
	p := mpDivSmall(mpOne, m, n) // 1/m^(2k+1)
	sum := p
	for k := uint64(1); ; k++ {
		p = mpDivSmall(p, m*m, n)
		t := mpDivSmall(p, 2*k+1, n)
		if t.exp < sum.exp-64*n-4 {
			return sum
		}
		if alternate && k%2 == 1 {
			t = t.negate()
		}
		sum = mpAdd(sum, t, n)
	}
}

// computeTwoOverPi inverts π by Newton's iteration y ← y + y·(1 − π·y),
// from the float64 1/π (relative error ε ≤ 2^−52). Exactly, 1 − π·y′ =
// ε²; the rounding adds below 2^(2.6−W), so iterating until the good bits,
// doubling from 50, reach W leaves ε ≤ 2^(3−W), 2^−(prec+29), plus the
// error of π (2^−(prec+48)).
func computeTwoOverPi(prec uint) mpf {
	w := prec + 32
	n := limbs(w)
	pi := mpPi.get(w + 16)
	y := mpFromFloat64(1 / math.Pi)
	for good := 50; good < 64*n; good *= 2 {
		e := mpSub(mpOne, mpMul(pi, y, n), n)
		y = mpAdd(y, mpMul(y, e, n), n)
	}
	return y.scale(1)
}

// atanhSeries returns atanh(s) = s + s³/3 + s⁵/5 + ... for |s| ≤ 1/5, at n
// limbs. All terms have the sign of s and fall by s² ≤ 1/25 each: as in
// invSeries, the relative error is below 2^(15.5−W).
func atanhSeries(s mpf, n int) mpf {
	if s.isZero() {
		return s
	}
	s2 := mpMul(s, s, n)
	p, sum := s, s.trunc(n)
	for k := uint64(1); ; k++ {
		p = mpMul(p, s2, n)
		t := mpDivSmall(p, 2*k+1, n)
		if t.exp < sum.exp-64*n-4 {
			return sum
		}
		sum = mpAdd(sum, t, n)
	}
}

// sinCosTaylor returns sin(r) or cos(r) for |r| ≤ 0.8, at n limbs, with
// relative error below 2^(16−W). The j-th term, from 3j operations, has
// a relative error below 3j·2^(2−W), which summed over the terms gives
// 2^(3−W) of the result. The partial sums stay below 1.5 times the result
// (cos 0.8 > 0.69, sin r > 0.89·r), the at most W/8 + 1 additions (the
// terms fall below 2^−(W+4) by (W/4)! > 2^W, for W ≥ 192) add
// (W/8+1)·2^(1.6−W), and the tail left out 2^(−W−2).
func sinCosTaylor(r mpf, wantSin bool, n int) mpf {
	r2 := mpMul(r, r, n)
	t, k := mpOne, uint64(0)
	if wantSin {
		t, k = r.trunc(n), 1
	}
	sum := t
	if t.isZero() {
		return sum
	}
	for {
		t = mpDivSmall(mpMul(t, r2, n), (k+1)*(k+2), n).negate()
		k += 2
		if t.isZero() || t.exp < sum.exp-64*n-4 {
			return sum
		}
		sum = mpAdd(sum, t, n)
	}
}

// cosApprox returns cos(x) with relative error ≤ 2^−prec, for any finite x.
//
// The reduction computes t = x·2/π with 2/π to tPrec bits (the product
// exact), then t = k + f with k an integer and |f| ≤ 1/2, exactly
// (mpSplitInt), and r = f·π/2: x = k·π/2 + r. The error of f is that of t,
// below 2^−tPrec·|t|; tPrec starts with the exponent of x plus the working
// precision plus 64 bits, which the worst case over all doubles (x mod π/2
// ≥ 2^−62 or so) does not exhaust, and the loop checks the cancellation it
// actually got rather than relying on that: f has a relative error below
// 2^−(w+3), r one below 2^(2.2−w) with the product, and so have cos r and
// sin r (their logarithmic derivatives are below 1 for |r| ≤ 0.8). With
// sinCosTaylor's, the total is below 2^(16.1−w) = 2^−(prec+15.9).
func cosApprox(x float64, prec uint) mpf {
	w := prec + 32
	n := limbs(w)
	xm := mpFromFloat64(math.Abs(x))
	tPrec := w + uint(max(xm.exp, 0)) + 64
	var q int
	var f mpf
	for {
		c := mpTwoOverPi.get(tPrec)
		t := mpMul(xm, c, len(c.mant)+1) // exact: one limb times len(c.mant)
		q, f = mpSplitInt(t)
		// |f − exact| < 2^(t.exp − tPrec) ≤ 2^−(w+4)·2^(f.exp−1) ≤ 2^−(w+4)·|f|.
		if !f.isZero() && t.exp-int(tPrec) <= f.exp-1-int(w)-4 {
			break
		}
		tPrec += tPrec / 2
	}
	r := mpMul(f, mpPi.get(w+16).scale(-1), n)
	// cos(kπ/2 + r) = cos r, −sin r, −cos r, sin r for k mod 4 = 0..3.
	v := sinCosTaylor(r, q%2 == 1, n)
	if q == 1 || q == 2 {
		v = v.negate()
	}
	return v
}

// logApprox returns log(x) for finite x > 0 with relative error ≤ 2^−prec.
// With x = f·2^e and f in [0.75, 1.5), log x = e·ln 2 + 2·atanh(s), s =
// (f−1)/(f+1), |s| ≤ 0.2: as integers F = f·2^53 ± 2^53 < 2^55, s is one
// division (2^(2−W)) and atanhSeries adds 2^(15.5−W). |log f| < 0.41 <
// ln 2 / 1.6, so when e ≠ 0 the sum cancels at most two bits: the error of
// the terms (2^(15.6−W), and ln 2's 2^−(w+16)) grows to 2^(17.6−W) at most,
// 2^−(prec+14) with the sum's own.
func logApprox(x float64, prec uint) mpf {
	w := prec + 32
	n := limbs(w)
	f, e := math.Frexp(x)
	if f < 0.75 {
		f *= 2
		e--
	}
	fi := uint64(f * 0x1p53) // exact: f has 53 bits, the last ≥ 2^−53
	var s mpf
	if fi >= 1<<53 {
		s = mpDivSmall(mpFromUint64(fi-1<<53, 0, false), fi+1<<53, n)
	} else {
		s = mpDivSmall(mpFromUint64(1<<53-fi, 0, true), fi+1<<53, n)
	}
	v := atanhSeries(s, n).scale(1)
	if e != 0 {
		l := mpMulSmall(mpLn2.get(w+16), uint64(iabs(e)), n)
		if e < 0 {
			l = l.negate()
		}
		v = mpAdd(v, l, n)
	}
	return v
}

func iabs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// expApprox returns exp(x) with relative error ≤ 2^−prec, for |x| < 2^11.
// With k = round(x/ln 2) and r = x − k·ln 2, exp(x) = 2^k·exp(r/256)^256:
// the Taylor series of exp(r/256) converges fast, and the eight squarings
// cost eight bits, which the working precision covers.
//
// r has an absolute error below 2^−(w+21) (ln 2's 2^−(w+32) times |k| <
// 2^10.1, and the products at w + 64 bits), which is a relative one in the
// result. In the series of exp(ρ), |ρ| < 2^−8.5, the j-th term has a
// relative error below 2j·2^(2−W), the at most W/8 additions add
// W/8·2^(1.1−W), and the tail 2^−(W+3): in all W·2^(−1.8−W). Each squaring
// doubles the relative error and adds 2^(2−W): 2^8·(W·2^(−1.8−W) +
// 2^(2−W)) < 2^(22.3−W) for W < 2^16, 2^−(prec+25) at W ≥ w = prec + 48.
func expApprox(x mpf, prec uint) mpf {
	w := prec + 48
	n := limbs(w)
	nr := limbs(w + 64)
	ln2 := mpLn2.get(w + 32)
	k := int(math.Round(x.float64() / math.Ln2)) // |k| ≤ 1100; near enough
	kl := mpMulSmall(ln2, uint64(iabs(k)), nr)
	if k < 0 {
		kl = kl.negate()
	}
	r := mpSub(x, kl, nr).scale(-8)
	sum, t := mpOne, mpOne
	for j := uint64(1); ; j++ {
		t = mpDivSmall(mpMul(t, r, n), j, n)
		if t.isZero() || t.exp < -64*n-4 {
			break
		}
		sum = mpAdd(sum, t, n)
	}
	for range 8 {
		sum = mpMul(sum, sum, n)
	}
	return sum.scale(k)
}

// cosSlow returns cos(x) correctly rounded; x finite.
func cosSlow(x float64) float64 {
	if x == 0 {
		return 1
	}
	return ziv(func(prec uint) mpf { return cosApprox(x, prec) })
}

// logSlow returns log(x) correctly rounded; x finite, x > 0, x != 1.
func logSlow(x float64) float64 {
	return ziv(func(prec uint) mpf { return logApprox(x, prec) })
}

// expSlow returns exp(x) correctly rounded; x finite, x != 0.
func expSlow(x float64) float64 {
	switch {
	case x > 710:
		return math.Inf(1)
	case x < -746:
		return 0
	}
	xm := mpFromFloat64(x)
	return ziv(func(prec uint) mpf { return expApprox(xm, prec) })
}

// powSlow returns x**y correctly rounded for finite x > 0 and finite y,
// y != 0, x != 1.
func powSlow(x, y float64) float64 {
	if v, ok := powExact(x, y); ok {
		return v
	}
	// Outside these bounds the result overflows or underflows for sure
	// (the estimate is off by far less than one).
	if est := y * math.Log(x); est > 720 {
		return math.Inf(1)
	} else if est < -760 {
		return 0
	}
	ym := mpFromFloat64(y)
	return ziv(func(prec uint) mpf { return powApprox(x, ym, prec) })
}

// powApprox returns x**y with relative error ≤ 2^−prec, for finite x > 0
// and |y·log x| < 2^10. A relative error 2^−(prec+15.9) in y·log x
// (logApprox's 2^−(prec+16) and the product's own) is an absolute one below
// 2^−(prec+5.9), hence a relative one about that in the result, to which
// expApprox adds 2^−(prec+4).
func powApprox(x float64, y mpf, prec uint) mpf {
	l := mpMul(logApprox(x, prec+16), y, limbs(prec+32))
	return expApprox(l, prec+4)
}

// oddMant returns m odd and e with x = m·2^e, for finite x > 0.
func oddMant(x float64) (m uint64, e int) {
	f, e := math.Frexp(x)
	m = uint64(f * (1 << 53))
	e -= 53
	tz := bits.TrailingZeros64(m)
	return m >> tz, e + tz
}

// powExact returns x**y correctly rounded when it is a dyadic rational
// (finite binary expansion), for finite x > 0 and finite y != 0. Those are
// the only results that can be exactly halfway between two float64s, where
// ziv would never decide; any other result is irrational or has no finite
// binary expansion, so it is not a rounding boundary.
//
// With x = mx·2^ex (mx odd) and y = my·2^ey (my odd), x**y is dyadic iff
// x^my is a perfect 2^k-th power, k = max(−ey, 0): mx must be one and
// 2^k | ex·my. If mx > 1, a negative y gives 1/odd, never dyadic, and the
// result must fit in 54 bits to matter: mx ≥ 3 then bounds k ≤ 5 and y ≤ 54.
func powExact(x, y float64) (float64, bool) {
	mx, ex := oddMant(x)
	my, ey := oddMant(math.Abs(y))
	k := max(-ey, 0)
	if mx == 1 {
		// x**y = 2^(ex·y): exact iff ex·y is an integer, that is iff 2^k
		// divides ex (my is odd); |ex| < 2^11.
		if ex == 0 {
			return 1, true
		}
		if k > 11 || ex%(1<<k) != 0 {
			return 0, false
		}
		// Beyond |y| = 2^12, |ex·y| ≥ 2^12 gives 0 or +Inf anyway.
		n := 4096
		if math.Abs(y) < 4096 {
			n = (ex >> k) * int(my) << max(ey, 0) // |n| < 2^23
			if y < 0 {
				n = -n
			}
		} else if y < 0 != (ex < 0) {
			n = -4096
		}
		return mpFromUint64(1, n, false).float64(), true
	}
	if y < 0 || k > 5 || y > 54 {
		return 0, false
	}
	// root = mx^(1/2^k), if an integer.
	root := mx
	for range k {
		s := isqrt(root)
		if s*s != root {
			return 0, false
		}
		root = s
	}
	if ex%(1<<k) != 0 {
		return 0, false
	}
	n := int(my) << max(ey, 0) // the integer y·2^k, ≤ 54
	if (bits.Len64(root)-1)*n >= 54 {
		return 0, false // at least 55 significant bits: not a boundary
	}
	// root^n < 2^(bits.Len64(root)·n) ≤ 2^(53+n) < 2^128, in two limbs.
	v := mpFromUint64(1, 0, false)
	for range n {
		v = mpMulSmall(v, root, 2)
	}
	return v.scale((ex >> k) * n).float64(), true
}

// isqrt returns floor(√v) for v < 2^53.
func isqrt(v uint64) uint64 {
	s := uint64(math.Sqrt(float64(v)))
	for s*s > v {
		s--
	}
	for (s+1)*(s+1) <= v {
		s++
	}
	return s
}
