package xmath

import (
	"math"
	"math/big"
	"math/bits"
	"sync"
)

// The math/big reference: the slow path as it was before mp.go replaced
// math/big there (slow.go), kept as an independent oracle. slow_test.go
// checks that the two agree bit for bit; the error-bound tests and the
// table generator use these functions, which take and return *big.Float.
//
// Each approximation below returns v with |v − f| ≤ 2^−prec·|v|, where f is
// the exact value. The bounds are loose on purpose (prec + 32 working bits
// where a careful count needs a dozen): the cost is negligible and the
// argument stays short.

// bigMaxPrec bounds the loop in bigZiv. The hardest double-precision cases
// of exp, log and cos need about 160 bits; pow has no known bound, but a
// result that is not exactly a rounding boundary (those are handled by
// bigPowExact) is decided well before this.
const bigMaxPrec = 1 << 14

// bigZiv returns the float64 nearest to the exact value approximated by
// approx, which must not be exactly halfway between two float64s.
func bigZiv(approx func(prec uint) *big.Float) float64 {
	for prec := uint(128); prec <= bigMaxPrec; prec *= 2 {
		if f, ok := roundBig(approx(prec), prec); ok {
			return f
		}
	}
	panic("xmath: rounding not decided at maximum precision")
}

// roundBig rounds v to float64 if every value within 2^−prec·|v| of v
// rounds the same way. big.Float.Float64 rounds to nearest even, to
// subnormals and to ±Inf correctly; rounding is monotonic, so checking the
// two ends of the interval is enough.
func roundBig(v *big.Float, prec uint) (float64, bool) {
	d := new(big.Float).SetMantExp(v, -int(prec))
	d.Abs(d)
	w := v.Prec() + prec + 8 // v ± d is exact at this precision
	lo, _ := new(big.Float).SetPrec(w).Sub(v, d).Float64()
	hi, _ := new(big.Float).SetPrec(w).Add(v, d).Float64()
	return lo, lo == hi
}

// bigConstant caches a mathematical constant computed on demand to the
// highest precision asked so far.
type bigConstant struct {
	mu      sync.Mutex
	prec    uint
	v       *big.Float
	compute func(prec uint) *big.Float // relative error ≤ 2^−(prec+16)
}

// get returns the constant rounded to prec bits: relative error ≤ 2^−prec.
func (c *bigConstant) get(prec uint) *big.Float {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.prec < prec {
		c.prec = max(prec, 2*c.prec, 512)
		c.v = c.compute(c.prec)
	}
	return new(big.Float).SetPrec(prec).Set(c.v)
}

var (
	bigPi  = &bigConstant{compute: bigComputePi}
	bigLn2 = &bigConstant{compute: bigComputeLn2}
)

func newFloat(prec uint) *big.Float { return new(big.Float).SetPrec(prec) }

// bigComputePi uses Machin's formula π = 16·atan(1/5) − 4·atan(1/239).
func bigComputePi(prec uint) *big.Float {
	w := prec + 32
	a := bigAtanInv(5, w)
	b := bigAtanInv(239, w)
	a.SetMantExp(a, 4)
	b.SetMantExp(b, 2)
	return a.Sub(a, b)
}

// bigAtanInv returns atan(1/n) = Σ (−1)^k / ((2k+1)·n^(2k+1)) at precision w.
func bigAtanInv(n int64, w uint) *big.Float {
	nn := new(big.Float).SetInt64(n * n)
	p := newFloat(w).Quo(big.NewFloat(1), new(big.Float).SetInt64(n)) // 1/n^(2k+1)
	sum := newFloat(w).Set(p)
	t := newFloat(w)
	for k := int64(1); ; k++ {
		p.Quo(p, nn)
		t.Quo(p, new(big.Float).SetInt64(2*k+1))
		if t.MantExp(nil) < sum.MantExp(nil)-int(w)-4 {
			return sum
		}
		if k%2 == 1 {
			sum.Sub(sum, t)
		} else {
			sum.Add(sum, t)
		}
	}
}

// bigComputeLn2 uses ln 2 = 2·atanh(1/3).
func bigComputeLn2(prec uint) *big.Float {
	w := prec + 32
	s := newFloat(w).Quo(big.NewFloat(1), big.NewFloat(3))
	a := bigAtanhSeries(s, w)
	return a.SetMantExp(a, 1)
}

// bigAtanhSeries returns atanh(s) = s + s³/3 + s⁵/5 + ... for |s| ≤ 1/3. All
// terms have the sign of s, so the relative error stays that of one term.
func bigAtanhSeries(s *big.Float, w uint) *big.Float {
	s2 := newFloat(w).Mul(s, s)
	p := newFloat(w).Set(s) // s^(2k+1)
	sum := newFloat(w).Set(s)
	t := newFloat(w)
	if s.Sign() == 0 {
		return sum
	}
	for k := int64(1); ; k++ {
		p.Mul(p, s2)
		t.Quo(p, new(big.Float).SetInt64(2*k+1))
		if t.MantExp(nil) < sum.MantExp(nil)-int(w)-4 {
			return sum
		}
		sum.Add(sum, t)
	}
}

// bigSinCosTaylor returns sin(r) or cos(r) for |r| ≤ 1 at precision w, with
// relative error below 2^−(w−12): the sum of the absolute values of the
// terms is at most sinh|r| or cosh r, within a factor 1.5 of the result.
func bigSinCosTaylor(r *big.Float, wantSin bool, w uint) *big.Float {
	r2 := newFloat(w).Mul(r, r)
	t := newFloat(w).SetInt64(1)
	n := int64(0)
	if wantSin {
		t.Set(r)
		n = 1
	}
	sum := newFloat(w).Set(t)
	if t.Sign() == 0 {
		return sum
	}
	for {
		t.Mul(t, r2)
		t.Quo(t, new(big.Float).SetInt64((n+1)*(n+2)))
		t.Neg(t)
		n += 2
		if t.Sign() == 0 || t.MantExp(nil) < sum.MantExp(nil)-int(w)-4 {
			return sum
		}
		sum.Add(sum, t)
	}
}

// bigCosApprox returns cos(x) with relative error ≤ 2^−prec, for any finite x.
// The reduction x − k·π/2 uses π to as many bits as needed: it starts with
// the exponent of x plus the target precision plus 64 bits, which the
// worst case over all doubles (x mod π/2 ≥ 2^−62 or so) does not exhaust,
// and checks the cancellation it actually got rather than relying on that.
func bigCosApprox(x float64, prec uint) *big.Float {
	w := prec + 32
	xb := new(big.Float).SetFloat64(math.Abs(x))
	xexp := max(xb.MantExp(nil), 0)
	piPrec := w + uint(xexp) + 64
	var r *big.Float
	var k big.Int
	for {
		halfPi := bigPi.get(piPrec)
		halfPi.SetMantExp(halfPi, -1)
		// k = round(x / (π/2)); being off by one near a half-integer only
		// leaves |r| slightly above π/4.
		q := newFloat(uint(xexp)+64).Quo(xb, halfPi)
		q.Add(q, big.NewFloat(0.5))
		q.Int(&k)
		// r = x − k·π/2, exactly for this π/2: abs error ≤ k·2^−piPrec·π/2.
		kp := newFloat(piPrec + uint(xexp) + 64).SetInt(&k)
		kp.Mul(kp, halfPi)
		r = newFloat(piPrec+uint(xexp)+64).Sub(xb, kp)
		// |r| ≥ 2^(rexp−1) and the abs error ≤ 2^(xexp+1−piPrec).
		if k.Sign() == 0 || r.Sign() != 0 && xexp+2-int(piPrec)-(r.MantExp(nil)-1) < -int(w) {
			break // k = 0: r = x exactly
		}
		piPrec += piPrec / 2
	}
	n := k.Bits()
	quad := 0
	if len(n) > 0 {
		quad = int(n[0] & 3)
	}
	var v *big.Float
	if quad%2 == 0 {
		v = bigSinCosTaylor(newFloat(w).Set(r), false, w)
	} else {
		v = bigSinCosTaylor(newFloat(w).Set(r), true, w)
	}
	// cos(kπ/2 + r) = cos r, −sin r, −cos r, sin r for k mod 4 = 0..3.
	if quad == 1 || quad == 2 {
		v.Neg(v)
	}
	return v
}

// bigLogApprox returns log(x) for finite x > 0 with relative error ≤ 2^−prec.
// With x = f·2^e and f in [0.75, 1.5), log x = e·ln 2 + 2·atanh((f−1)/(f+1));
// |log f| < 0.41 < ln 2 / 1.6, so the sum cancels at most two bits.
func bigLogApprox(x float64, prec uint) *big.Float {
	w := prec + 32
	f, e := math.Frexp(x)
	if f < 0.75 {
		f *= 2
		e--
	}
	fb := big.NewFloat(f)
	num := newFloat(64).Sub(fb, big.NewFloat(1)) // exact
	den := newFloat(64).Add(fb, big.NewFloat(1)) // exact
	s := newFloat(w).Quo(num, den)
	v := bigAtanhSeries(s, w)
	v.SetMantExp(v, 1)
	if e != 0 {
		l := bigLn2.get(w + 16)
		l.Mul(l, new(big.Float).SetInt64(int64(e)))
		v.Add(v, l)
	}
	return v
}

// bigExpApprox returns exp(x) with relative error ≤ 2^−prec, for |x| < 2^11.
// With k = round(x/ln 2) and r = x − k·ln 2, exp(x) = 2^k·exp(r/256)^256:
// the Taylor series of exp(r/256) converges fast, and the eight squarings
// cost eight bits, which the working precision covers.
func bigExpApprox(x *big.Float, prec uint) *big.Float {
	w := prec + 48
	ln2 := bigLn2.get(w + 32)
	q := newFloat(64).Quo(x, ln2)
	if q.Sign() >= 0 { // round half away from zero; Int64 truncates
		q.Add(q, big.NewFloat(0.5))
	} else {
		q.Sub(q, big.NewFloat(0.5))
	}
	k, _ := q.Int64()
	kl := newFloat(w + 64).SetInt64(k)
	kl.Mul(kl, ln2)
	r := newFloat(w+64).Sub(x, kl)
	r.SetMantExp(r, -8)
	r.SetPrec(w)
	sum := newFloat(w).SetInt64(1)
	t := newFloat(w).SetInt64(1)
	for n := int64(1); ; n++ {
		t.Mul(t, r)
		t.Quo(t, new(big.Float).SetInt64(n))
		if t.Sign() == 0 || t.MantExp(nil) < -int(w)-4 {
			break
		}
		sum.Add(sum, t)
	}
	for range 8 {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}

// bigCosSlow returns cos(x) correctly rounded; x finite.
func bigCosSlow(x float64) float64 {
	if x == 0 {
		return 1
	}
	return bigZiv(func(prec uint) *big.Float { return bigCosApprox(x, prec) })
}

// bigLogSlow returns log(x) correctly rounded; x finite, x > 0, x != 1.
func bigLogSlow(x float64) float64 {
	return bigZiv(func(prec uint) *big.Float { return bigLogApprox(x, prec) })
}

// bigExpSlow returns exp(x) correctly rounded; x finite, x != 0.
func bigExpSlow(x float64) float64 {
	switch {
	case x > 710:
		return math.Inf(1)
	case x < -746:
		return 0
	}
	xb := big.NewFloat(x)
	return bigZiv(func(prec uint) *big.Float { return bigExpApprox(xb, prec) })
}

// bigPowSlow returns x**y correctly rounded for finite x > 0 and finite y,
// y != 0, x != 1.
func bigPowSlow(x, y float64) float64 {
	if v, ok := bigPowExact(x, y); ok {
		return v
	}
	// Outside these bounds the result overflows or underflows for sure
	// (the estimate is off by far less than one).
	if est := y * math.Log(x); est > 720 {
		return math.Inf(1)
	} else if est < -760 {
		return 0
	}
	return bigZiv(func(prec uint) *big.Float {
		// |y·log x| < 2^10, so a relative error 2^−(prec+16) in log x is an
		// absolute one below 2^−(prec+6) in y·log x, hence a relative one
		// about that in the result.
		l := bigLogApprox(x, prec+16)
		l.Mul(l, big.NewFloat(y))
		return bigExpApprox(l, prec+4)
	})
}

// bigOddMant returns m odd and e with x = m·2^e, for finite x > 0.
func bigOddMant(x float64) (m uint64, e int) {
	f, e := math.Frexp(x)
	m = uint64(f * (1 << 53))
	e -= 53
	tz := bits.TrailingZeros64(m)
	return m >> tz, e + tz
}

// bigPowExact returns x**y correctly rounded when it is a dyadic rational
// (finite binary expansion), for finite x > 0 and finite y != 0. Those are
// the only results that can be exactly halfway between two float64s, where
// bigZiv would never decide; any other result is irrational or has no finite
// binary expansion, so it is not a rounding boundary.
//
// With x = mx·2^ex (mx odd) and y = my·2^ey (my odd), x**y is dyadic iff
// x^my is a perfect 2^k-th power, k = max(−ey, 0): mx must be one and
// 2^k | ex·my. If mx > 1, a negative y gives 1/odd, never dyadic, and the
// result must fit in 54 bits to matter: mx ≥ 3 then bounds k ≤ 5 and y ≤ 54.
func bigPowExact(x, y float64) (float64, bool) {
	mx, ex := bigOddMant(x)
	my, ey := bigOddMant(math.Abs(y))
	k := max(-ey, 0)
	if mx == 1 {
		// x**y = 2^(ex·y): exact iff ex·y is an integer.
		if ex == 0 {
			return 1, true
		}
		t := newFloat(128).Mul(big.NewFloat(float64(ex)), big.NewFloat(y))
		if !t.IsInt() {
			return 0, false
		}
		n, _ := t.Int64()
		n = min(max(n, -4000), 4000) // beyond ±1100: 0 or +Inf anyway
		v, _ := new(big.Float).SetMantExp(big.NewFloat(1), int(n)).Float64()
		return v, true
	}
	if y < 0 || k > 5 || y > 54 {
		return 0, false
	}
	// root = mx^(1/2^k), if an integer.
	root := new(big.Int).SetUint64(mx)
	sq := new(big.Int)
	for range k {
		s := new(big.Int).Sqrt(root)
		if sq.Mul(s, s).Cmp(root) != 0 {
			return 0, false
		}
		root = s
	}
	if ex%(1<<k) != 0 {
		return 0, false
	}
	n := int64(my) << max(ey, 0) // the integer y·2^k
	if int64(root.BitLen()-1)*n >= 54 {
		return 0, false // at least 55 significant bits: not a boundary
	}
	v := new(big.Int).Exp(root, big.NewInt(n), nil)
	f := new(big.Float).SetInt(v)
	f.SetMantExp(f, int(int64(ex>>k)*n))
	r, _ := f.Float64()
	return r, true
}
