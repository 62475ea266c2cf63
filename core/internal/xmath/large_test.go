package xmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// largeCosArgs returns arguments for the Payne–Hanek path (|x| ≥ 2^30):
// π·i/T as the schedules compute it, for steps i up to 10^12, random
// arguments over every exponent, and arguments near multiples of π/2,
// among them the float64 closest to one (x mod π/2 ≈ 2^−61).
func largeCosArgs(n int) []float64 {
	r := rand.New(rand.NewPCG(21, 22))
	xs := []float64{
		0x1p30, math.Nextafter(0x1p30, 0), math.Nextafter(0x1p30, 1),
		6381956970095103 * 0x1p797, // x mod π/2 ≈ 2^−61, the smallest
		5706550003322587 * 0x1p-26, math.MaxFloat64, 1e22, 0x1p1023,
	}
	for i := range n {
		var x float64
		switch i % 6 {
		case 0, 1:
			i, T := r.Int64N(1e12), float64(1+r.IntN(1000))
			if i%2 == 0 {
				x = math.Pi * float64(i) / T
			} else {
				x = math.Pi * (float64(i) / T)
			}
		case 2:
			x = math.Ldexp(1+r.Float64(), 30+r.IntN(994))
		case 3:
			x = math.Ldexp(1+r.Float64(), 30+r.IntN(24))
		case 4:
			// Near k·π/2: the nearest float64 and its neighbours.
			k := float64(r.Int64N(1<<52) + 1<<30)
			x = k * (math.Pi / 2)
			for range r.IntN(3) {
				x = math.Nextafter(x, math.Inf(1))
			}
		case 5:
			x = float64(r.Int64N(1e12)) // integer steps
		}
		if x < 0x1p30 {
			x += 0x1p30
		}
		if i%7 == 0 {
			x = -x
		}
		xs = append(xs, x)
	}
	return xs
}

// TestCosLarge checks Cos on large arguments against the slow path, and the
// error bound of the Payne–Hanek reduction and kernel as TestErrorBounds
// does for the others.
func TestCosLarge(t *testing.T) {
	xs := largeCosArgs(samples(3000))
	worst, worstRed, slow := 0.0, 0.0, 0
	for _, x := range xs {
		if got, want := Cos(x), wantCos(x); !same(got, want) {
			t.Errorf("Cos(%x) = %x, want %x", x, got, want)
		}
		ax := math.Abs(x)
		rh, rl, n, ok := reduceLarge(ax)
		if !ok {
			t.Errorf("reduceLarge(%x) failed", ax)
			continue
		}
		// The reduced argument alone, against math/big.
		ref := reduceRef(ax)
		if d := new(big.Float).SetPrec(400).Sub(ref.r, new(big.Float).SetPrec(400).SetFloat64(rh)); true {
			d.Sub(d, big.NewFloat(rl))
			df, _ := d.Float64()
			worstRed = max(worstRed, math.Abs(df)/(0x1p-100*math.Abs(rh)))
			if math.Abs(df) > 0x1p-100*math.Abs(rh) || n != ref.n {
				t.Errorf("reduceLarge(%x) = %x + %x, quadrant %d; want %s, %d", ax, rh, rl, n, ref.r.Text('p', 0), ref.n)
			}
		}
		hi, lo, err := cosKernel(rh, rl, n, 0x1p-100*math.Abs(rh))
		ratio := errRatio(hi, lo, err, 0, bigCosApprox(ax, 200))
		if !(ratio < 1) {
			t.Errorf("cos(%x): error %.3g times the bound", x, ratio)
		}
		worst = max(worst, ratio)
		if _, ok := roundDD(hi, lo, err); !ok {
			slow++
		}
	}
	t.Logf("%d arguments: worst error/bound %.3f (reduction alone %.3f), %d left to the slow path", len(xs), worst, worstRed, slow)
}

type reduced struct {
	r *big.Float
	n int
}

// reduceRef returns x − k·π/2 and k mod 4 in math/big, k = round(x·2/π).
func reduceRef(x float64) reduced {
	const prec = 2000
	halfPi := bigPi.get(prec)
	halfPi.SetMantExp(halfPi, -1)
	xb := new(big.Float).SetPrec(prec).SetFloat64(x)
	q := new(big.Float).SetPrec(prec).Quo(xb, halfPi)
	q.Add(q, big.NewFloat(0.5))
	var k big.Int
	q.Int(&k)
	kp := new(big.Float).SetPrec(prec).SetInt(&k)
	kp.Mul(kp, halfPi)
	r := new(big.Float).SetPrec(prec).Sub(xb, kp)
	return reduced{r, int(new(big.Int).And(&k, big.NewInt(3)).Int64())}
}

// TestCosKernel checks that cosKernel, fed with the reduction of cosDD,
// gives exactly what cosDD does: the two copies of the kernel agree.
func TestCosKernel(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	for i := range samples(100000) {
		x := r.Float64() * 8 * math.Pi
		if i%2 == 1 {
			x = math.Ldexp(1+r.Float64(), r.IntN(57)-27)
		}
		if x < 0x1p-27 || x >= cosFastMax {
			continue
		}
		k := (x*invPio2 + roundInt) - roundInt
		tt := mulSubExact(x, k, pio2a)
		p, pe := twoProd(k, pio2b)
		rh, rl := twoSum(tt, -p)
		rl = rl - pe - k*pio2c
		h1, l1, e1 := cosDD(x)
		h2, l2, e2 := cosKernel(rh, rl, int(k)&3, k*0x1p-155)
		if h1 != h2 || l1 != l2 || e1 != e2 {
			t.Fatalf("x = %x: cosDD gives %x %x %x, cosKernel %x %x %x", x, h1, l1, e1, h2, l2, e2)
		}
	}
}
