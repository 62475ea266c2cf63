package xmath

import "math"

// Tanh returns glibc's tanh(x), bit for bit: the fdlibm algorithm of glibc's
// sysdeps/ieee754/dbl-64/s_tanh.c on its expm1 (s_expm1.c), which glibc
// builds for x86-64 CPUs with FMA (its multiarch variant) with GCC fusing
// each a·b ± c into one fused multiply-add; Python's math.tanh calls it. It
// is not correctly rounded (glibc's is within 1 ulp): what matters is that
// it is Python's. Measured against python3's math.tanh on 4,000,012
// arguments (uniform in [−7, 3] and [−25, 25], log-uniform magnitudes from
// 10^−20 to 30, and the special values): no difference. math.Tanh differs
// on about one in ten.
func Tanh(x float64) float64 {
	jx := math.Float64bits(x)
	ix := uint32(jx>>32) & 0x7fffffff
	var z float64
	switch {
	case ix >= 0x7ff00000: // ±Inf or NaN
		if jx>>63 == 0 {
			return 1/x + 1
		}
		return 1/x - 1
	case ix < 0x40360000: // |x| < 22
		switch {
		case jx<<1 == 0:
			return x
		case ix < 0x3c800000: // |x| < 2^−55
			return x * (1 + x)
		case ix >= 0x3ff00000: // |x| ≥ 1
			t := expm1(2 * math.Abs(x))
			z = 1 - 2/(t+2)
		default:
			t := expm1(-2 * math.Abs(x))
			z = -t / (t + 2)
		}
	default:
		z = 1
	}
	if jx>>63 != 0 {
		return -z
	}
	return z
}

// expm1 is glibc's __expm1 (dbl-64 s_expm1.c) as GCC compiles it for FMA: each
// product whose every use is an addition or subtraction is fused into them
// (a·b ± c as one fused multiply-add).
func expm1(x float64) float64 {
	const (
		Othreshold = 7.09782712893383973096e+02
		Ln2Hi      = 6.93147180369123816490e-01
		Ln2Lo      = 1.90821492927058770002e-10
		InvLn2     = 1.44269504088896338700e+00
		Q1         = -3.33333333333331316428e-02
		Q2         = 1.58730158725481460165e-03
		Q3         = -7.93650757867487942473e-05
		Q4         = 4.00821782732936239552e-06
		Q5         = -2.01099218183624371326e-07
	)
	fma := math.FMA
	hx := uint32(math.Float64bits(x) >> 32)
	neg := hx&0x80000000 != 0
	hx &= 0x7fffffff
	if hx >= 0x4043687A {
		if hx >= 0x40862E42 {
			if hx >= 0x7ff00000 {
				if math.IsNaN(x) {
					return x + x
				}
				if !neg {
					return x
				}
				return -1
			}
			if x > Othreshold {
				return math.Inf(1)
			}
		}
		if neg {
			return -1
		}
	}
	var c float64
	var k int32
	if hx > 0x3fd62e42 {
		var hi, lo float64
		if hx < 0x3FF0A2B2 {
			if !neg {
				hi, lo, k = x-Ln2Hi, Ln2Lo, 1
			} else {
				hi, lo, k = x+Ln2Hi, -Ln2Lo, -1
			}
			x = hi - lo
			c = (hi - x) - lo
		} else {
			h := 0.5
			if neg {
				h = -0.5
			}
			k = int32(fma(InvLn2, x, h))
			t := float64(k)
			hi = fma(-t, Ln2Hi, x)
			x = fma(-t, Ln2Lo, hi)
			c = fma(-t, Ln2Lo, hi-x)
		}
	} else if hx < 0x3c900000 {
		return x
	} else {
		k = 0
	}
	hfx := 0.5 * x
	hxs := x * hfx
	R1 := fma(hxs, Q1, 1)
	h2 := hxs * hxs
	R2 := fma(hxs, Q3, Q2)
	h4 := h2 * h2
	R3 := fma(hxs, Q5, Q4)
	r1 := fma(h4, R3, fma(h2, R2, R1))
	t := fma(-r1, hfx, 3.0)
	e := hxs * ((r1 - t) / fma(-x, t, 6.0))
	if k == 0 {
		return x - fma(x, e, -hxs)
	}
	e = fma(x, e-c, -c)
	e -= hxs
	if k == -1 {
		return fma(0.5, x-e, -0.5)
	}
	if k == 1 {
		if x < -0.25 {
			return -2.0 * (e - (x + 0.5))
		}
		return fma(2.0, x-e, 1)
	}
	if k <= -2 || k > 56 {
		y := 1 - (e - x)
		y = math.Float64frombits(math.Float64bits(y) + uint64(int64(k))<<52)
		return y - 1
	}
	var y float64
	if k < 20 {
		t := math.Float64frombits(uint64(0x3ff00000-(0x200000>>uint(k))) << 32)
		y = t - (e - x)
	} else {
		t := math.Float64frombits(uint64(0x3ff-k) << 52)
		y = x - (e + t)
		y++
	}
	return math.Float64frombits(math.Float64bits(y) + uint64(k)<<52)
}
