package xmath

import (
	"flag"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

var long = flag.Bool("xmath.long", false, "run the randomized tests on 100 times more arguments")

// samples returns n, or 100·n with -xmath.long (or n/10 with -short).
func samples(n int) int {
	switch {
	case *long:
		return 100 * n
	case testing.Short():
		return n / 10
	}
	return n
}

// errRatio returns |exact − (hi+lo)·2^q| / (err·2^q), which must stay below 1.
func errRatio(hi, lo, err float64, q int, exact *big.Float) float64 {
	v := new(big.Float).SetPrec(300).SetFloat64(hi)
	v.Add(v, big.NewFloat(lo))
	e := new(big.Float).SetMantExp(exact, -q)
	d, _ := v.Sub(e, v).Float64()
	return math.Abs(d) / err
}

// TestErrorBounds checks the error bound each fast path hands to Ziv's test
// against math/big, on arguments aimed at the worst cases of each term of
// the bound: both ends of every table interval, reductions with large k
// or tiny results, arguments near 1 for log, the whole range of exp, and
// |y·log x| up to 745 for pow. A bound that is too small would let a wrong
// rounding through; the worst ratio seen is logged (about 0.3 to 0.45).
func TestErrorBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	n := samples(5000)
	check := func(name string, x float64, ratio float64, worst *float64) {
		t.Helper()
		if ratio >= 1 || math.IsNaN(ratio) {
			t.Errorf("%s(%x): error %.3g times the bound", name, x, ratio)
		}
		*worst = max(*worst, ratio)
	}
	var wc, wf, wl, we, wp float64
	for i := range n {
		// cos: x = k·π/2 + j/128 ± up to 2^−8, k up to 2^29.
		k := float64(rng.IntN(8))
		if i%2 == 0 {
			k = float64(rng.Int64N(1 << 29))
		}
		a := float64(rng.IntN(cosTableLen))/128 + (rng.Float64()*2-1)*0x1p-8
		if i%5 == 0 {
			a = (rng.Float64()*2 - 1) * math.Ldexp(1, -rng.IntN(40)) // near k·π/2
		}
		x := math.Abs(k*(math.Pi/2) + a)
		if x >= 0x1p-27 {
			hi, lo, err := cosDD(x)
			exact := bigCosApprox(x, 200)
			check("cosDD", x, errRatio(hi, lo, err, 0, exact), &wc)
			s, lo, err := cosFast(x)
			check("cosFast", x, errRatio(s, lo, err, 0, exact), &wf)
			if !(math.Abs(lo) <= 0x1p-15*math.Abs(s)) {
				t.Errorf("cosFast(%x): |lo| = %x > 2^−15·|s|, s = %x", x, lo, s)
			}
		}

		// log: z at the ends of table intervals, any exponent; x near 1.
		j := rng.IntN(logTableLen) - logTableMid
		z := (1 + float64(j)/512) + (rng.Float64()*2-1)*0x1p-10
		x = math.Ldexp(z, rng.IntN(2100)-1074)
		if i%3 == 0 {
			x = 1 + (rng.Float64()*2-1)*math.Ldexp(1, -rng.IntN(53))
		}
		if x != 1 && x > 0 && !math.IsInf(x, 0) {
			hi, lo, err := logDD(x)
			check("logDD", x, errRatio(hi, lo, err, 0, bigLogApprox(x, 200)), &wl)
		}

		// exp: any x in range, r at ±ln2/256.
		x = rng.Float64()*1455 - 745
		if i%2 == 0 {
			x = (float64(rng.IntN(1<<18)-1<<17) + (rng.Float64() - 0.5)) * (math.Ln2 / 128)
			x = min(max(x, -745), 709)
		}
		if math.Abs(x) >= 0x1p-54 {
			hi, lo, q := expDD(x, 0)
			check("expDD", x, errRatio(hi, lo, expRelErr*hi, q, bigExpApprox(big.NewFloat(x), 200)), &we)
		}

		// pow: x anywhere, y so that |y·log x| ≤ 745.
		px := math.Ldexp(0.5+rng.Float64(), rng.IntN(200)-100)
		if i%3 == 0 {
			px = 1 + (rng.Float64()*2-1)*math.Ldexp(1, -rng.IntN(53))
		}
		if px == 1 {
			continue
		}
		py := (rng.Float64()*2 - 1) * 745 / math.Abs(math.Log(px))
		lh, ll, lerr := logDD(px)
		yh, yl := twoProd(py, lh)
		if math.Abs(yh) < 745 {
			hi, lo, err, q := powDD(py, yh, yl+py*ll, lerr)
			l := bigLogApprox(px, 230)
			l.Mul(l, big.NewFloat(py))
			check("powDD", px, errRatio(hi, lo, err, q, bigExpApprox(l, 200)), &wp)
		}
	}
	t.Logf("worst error/bound over %d arguments each: cos %.3f (first stage %.3f), log %.3f, exp %.3f, pow %.3f", n, wc, wf, wl, we, wp)
}
