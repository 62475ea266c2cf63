package xmath

import (
	"math"
	"math/bits"
)

// Multiple-precision floating point for the slow path (slow.go): just the
// operations it needs, on 64-bit limbs with math/bits. A general-purpose
// package would do, but with the formatting and reflection it pulls in it
// costs about 115 KB in the compressed WebAssembly binary, for a path taken
// once in ten million calls. The tests check every operation, and the slow
// path as a whole, against math/big.
//
// Every operation takes the precision of its result as a number of limbs n
// and truncates toward zero: a result has at most n limbs, and its relative
// error is below 2^(1−64n) on top of that of the operands (mpMul, mpMulSmall
// and mpDivSmall first cut operands longer than n+1 limbs, which keeps the
// total below 2^(2−64n)). mpAdd has an absolute error term besides (see
// there); mpSplitInt and mpFromFloat64 are exact, and mpf.float64 rounds
// correctly.

// mpf is ±0.m·2^exp, where m is the fraction with the little-endian limbs of
// mant, m in [1/2, 1) (the top bit of the last limb is set, the first limb
// is not zero), or zero with no limbs. Operations return new values and
// never change the limbs of their operands, which may therefore share them.
type mpf struct {
	mant []uint64
	exp  int
	neg  bool
}

// limbs returns the number of limbs that holds at least prec bits.
func limbs(prec uint) int { return int(prec+63) / 64 }

// mkMP returns ±M·2^e truncated to n limbs, where M is the integer with the
// little-endian limbs m, which mkMP may change: the callers pass new slices.
func mkMP(m []uint64, e int, neg bool, n int) mpf {
	for len(m) > 0 && m[len(m)-1] == 0 {
		m = m[:len(m)-1]
	}
	if len(m) == 0 {
		return mpf{}
	}
	if d := len(m) - (n + 1); d > 0 { // the bits below can only be cut
		m = m[d:]
		e += 64 * d
	}
	lz := uint(bits.LeadingZeros64(m[len(m)-1]))
	exp := e + 64*len(m) - int(lz)
	if lz > 0 {
		for i := len(m) - 1; i > 0; i-- {
			m[i] = m[i]<<lz | m[i-1]>>(64-lz)
		}
		m[0] <<= lz
	}
	if len(m) > n {
		m = m[len(m)-n:]
	}
	for m[0] == 0 { // the top limb is not zero
		m = m[1:]
	}
	return mpf{m, exp, neg}
}

// mpFromFloat64 returns x exactly; x finite.
func mpFromFloat64(x float64) mpf {
	if x == 0 {
		return mpf{}
	}
	f, e := math.Frexp(math.Abs(x)) // f in [1/2, 1), 53 bits
	return mpf{[]uint64{uint64(f * 0x1p64)}, e, x < 0}
}

// mpFromUint64 returns ±u·2^e exactly.
func mpFromUint64(u uint64, e int, neg bool) mpf {
	return mkMP([]uint64{u}, e, neg, 1)
}

func (a mpf) isZero() bool { return len(a.mant) == 0 }

// scale returns a·2^k exactly.
func (a mpf) scale(k int) mpf {
	if !a.isZero() {
		a.exp += k
	}
	return a
}

func (a mpf) negate() mpf {
	a.neg = !a.neg && !a.isZero()
	return a
}

func (a mpf) abs() mpf {
	a.neg = false
	return a
}

// trunc returns a truncated to n limbs.
func (a mpf) trunc(n int) mpf {
	if len(a.mant) > n {
		m := a.mant[len(a.mant)-n:]
		for m[0] == 0 {
			m = m[1:]
		}
		a.mant = m
	}
	return a
}

// topOperand cuts the limbs of an operand to the n+1 that can matter for a
// result of n limbs: relative error below 2^(1−64(n+1)).
func topOperand(m []uint64, n int) []uint64 {
	if len(m) > n+1 {
		return m[len(m)-n-1:]
	}
	return m
}

// mpMul returns a·b at n limbs; relative error below 2^(2−64n).
func mpMul(a, b mpf, n int) mpf {
	if a.isZero() || b.isZero() {
		return mpf{}
	}
	am, bm := topOperand(a.mant, n), topOperand(b.mant, n)
	p := make([]uint64, len(am)+len(bm))
	for i, x := range am {
		var c uint64
		for j, y := range bm {
			// x·y + p[i+j] + c < 2^128: the high word cannot overflow.
			hi, lo := bits.Mul64(x, y)
			var cc uint64
			lo, cc = bits.Add64(lo, p[i+j], 0)
			hi += cc
			lo, cc = bits.Add64(lo, c, 0)
			hi += cc
			p[i+j], c = lo, hi
		}
		p[i+len(bm)] = c
	}
	return mkMP(p, a.exp+b.exp-64*len(p), a.neg != b.neg, n)
}

// mpMulSmall returns a·u at n limbs; relative error below 2^(2−64n).
func mpMulSmall(a mpf, u uint64, n int) mpf {
	if a.isZero() || u == 0 {
		return mpf{}
	}
	am := topOperand(a.mant, n)
	p := make([]uint64, len(am)+1)
	var c uint64
	for i, x := range am {
		hi, lo := bits.Mul64(x, u)
		var cc uint64
		p[i], cc = bits.Add64(lo, c, 0)
		c = hi + cc
	}
	p[len(am)] = c
	return mkMP(p, a.exp-64*len(am), a.neg, n)
}

// mpDivSmall returns a/u at n limbs, u > 0; relative error below 2^(2−64n).
// The dividend, extended to n+2 limbs, gives a quotient of at least
// 64(n+1)−1 bits, whose own truncation is far below the last limb kept.
func mpDivSmall(a mpf, u uint64, n int) mpf {
	if a.isZero() {
		return a
	}
	am := topOperand(a.mant, n)
	q := make([]uint64, n+2)
	copy(q[len(q)-len(am):], am)
	var r uint64
	for i := len(q) - 1; i >= 0; i-- {
		q[i], r = bits.Div64(r, q[i], u) // r < u: no overflow
	}
	return mkMP(q, a.exp-64*len(q), a.neg, n)
}

// mpAdd returns a + b at n limbs. The operands are aligned to 2^base, base
// = max(a.exp, b.exp) − 64(n+2), their bits below that cut; so the error is
// below 2^(1−64n)·|a+b| + 2^(−64n−125)·max(|a|, |b|), and the sum is exact
// when the operands' bits lie within 64(n+2) of the larger's top and it
// fits in n limbs (as in roundMP).
func mpAdd(a, b mpf, n int) mpf {
	switch {
	case a.isZero():
		return b.trunc(n)
	case b.isZero():
		return a.trunc(n)
	}
	base := max(a.exp, b.exp) - 64*(n+2)
	x := alignLimbs(a, base, n+3) // < 2^(64(n+2)): one limb to spare
	y := alignLimbs(b, base, n+3)
	neg := a.neg
	if a.neg == b.neg {
		var c uint64
		for i := range x {
			x[i], c = bits.Add64(x[i], y[i], c)
		}
	} else {
		if cmpLimbs(x, y) < 0 {
			x, y, neg = y, x, b.neg
		}
		var c uint64
		for i := range x {
			x[i], c = bits.Sub64(x[i], y[i], c)
		}
	}
	return mkMP(x, base, neg, n)
}

// mpSub returns a − b at n limbs, with the error of mpAdd.
func mpSub(a, b mpf, n int) mpf { return mpAdd(a, b.negate(), n) }

// alignLimbs returns floor(|a|/2^base) mod 2^(64L) in L new limbs.
func alignLimbs(a mpf, base, L int) []uint64 {
	dst := make([]uint64, L)
	s := a.exp - 64*len(a.mant) - base // |a| = M·2^(base+s)
	q, r := s>>6, uint(s&63)           // s = 64q + r, 0 ≤ r < 64
	m := a.mant
	limb := func(j int) uint64 {
		if j < 0 || j >= len(m) {
			return 0
		}
		return m[j]
	}
	for i := range dst {
		// Shifts of 64 give 0 in Go, as needed for r = 0.
		dst[i] = limb(i-q)<<r | limb(i-q-1)>>(64-r)
	}
	return dst
}

// cmpLimbs compares two integers of the same number of limbs.
func cmpLimbs(x, y []uint64) int {
	for i := len(x) - 1; i >= 0; i-- {
		if x[i] != y[i] {
			if x[i] < y[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// mpSplitInt returns k mod 4 and f = t − k exactly, where k is an integer
// nearest t ≥ 0, so that |f| ≤ 1/2 (cosApprox's reduction).
func mpSplitInt(t mpf) (int, mpf) {
	m := t.mant
	s := 64*len(m) - t.exp // t = M·2^−s: s fraction bits
	if len(m) == 0 || s <= -2 {
		return 0, mpf{} // a multiple of 4
	}
	bit := func(i int) uint64 {
		if i < 0 || i >= 64*len(m) {
			return 0
		}
		return m[i>>6] >> (i & 63) & 1
	}
	k := int(bit(s) | bit(s+1)<<1)
	if s <= 0 {
		return k, mpf{}
	}
	// F = M mod 2^s, in nl limbs.
	nl := min(len(m), (s+63)/64)
	f := make([]uint64, nl)
	copy(f, m[:nl])
	if s < 64*nl {
		f[nl-1] &= 1<<uint(s-64*(nl-1)) - 1
	}
	if bit(s-1) == 0 {
		return k, mkMP(f, -s, false, nl) // F < 2^(s−1): k = floor(t)
	}
	// t − (floor(t) + 1) = −(2^s − F)/2^s; 2^s − F is the two's
	// complement of F over s bits (F ≥ 2^(s−1), so s ≤ 64·len(m) here).
	var c uint64 = 1
	for i := range f {
		f[i], c = bits.Add64(^f[i], 0, c)
	}
	if s < 64*nl {
		f[nl-1] &= 1<<uint(s-64*(nl-1)) - 1
	}
	return (k + 1) & 3, mkMP(f, -s, true, nl)
}

// float64 returns a rounded to the nearest float64, ties to even, with
// subnormal results and overflow to ±Inf as IEEE 754 rounds.
func (a mpf) float64() float64 {
	if a.isZero() {
		return 0
	}
	top := a.mant[len(a.mant)-1]
	sticky := false
	for _, w := range a.mant[:len(a.mant)-1] {
		sticky = sticky || w != 0
	}
	e := a.exp - 1 // |a| in [2^e, 2^(e+1))
	// p = bits kept: 53, or fewer for subnormals (value = keep·2^−1074).
	p := 53
	if e < -1022 {
		p = e + 1075
	}
	var r float64
	switch {
	case e > 1023:
		r = math.Inf(1)
	case p < 0:
		r = 0 // below 2^−1075
	default:
		keep := top >> uint(64-p) // top >> 64 is 0 for p = 0
		rest := top << uint(p)    // the bits below, the round bit on top
		const half = 1 << 63
		if rest > half || rest == half && (sticky || keep&1 == 1) {
			keep++
		}
		switch {
		case p < 53:
			// keep ≤ 2^p ≤ 2^52: the bits of keep·2^−1074 are keep itself,
			// 2^52 being the smallest normal.
			r = math.Float64frombits(keep)
		case keep == 1<<53:
			if e+1 > 1023 {
				r = math.Inf(1)
			} else {
				r = math.Float64frombits(uint64(e+1+1023) << 52)
			}
		default:
			r = math.Float64frombits(uint64(e+1023)<<52 | keep&fracMask)
		}
	}
	if a.neg {
		r = -r
	}
	return r
}
