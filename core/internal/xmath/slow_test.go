package xmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// The slow path (slow.go on mp.go) against its math/big reference
// (bigref_test.go): the arithmetic operation by operation, the error bound
// of each approximation at several precisions, Ziv's loop past its first
// precision, and the results bit for bit on random and hard arguments.

// toBig returns a exactly.
func toBig(a mpf) *big.Float {
	z := new(big.Float).SetPrec(uint(64*len(a.mant)) + 64)
	if a.isZero() {
		return z
	}
	m := new(big.Int)
	for i := len(a.mant) - 1; i >= 0; i-- {
		m.Lsh(m, 64)
		m.Or(m, new(big.Int).SetUint64(a.mant[i]))
	}
	z.SetInt(m)
	z.SetMantExp(z, a.exp-64*len(a.mant))
	if a.neg {
		z.Neg(z)
	}
	return z
}

// fromBig returns x truncated to n limbs.
func fromBig(x *big.Float, n int) mpf {
	if x.Sign() == 0 {
		return mpf{}
	}
	e := x.MantExp(nil)
	y := new(big.Float).SetPrec(x.Prec()).Abs(x)
	y.SetMantExp(y, 64*n-e)
	i, _ := y.Int(nil) // toward zero
	m := make([]uint64, n)
	mask := new(big.Int).SetUint64(math.MaxUint64)
	for j := range m {
		m[j] = new(big.Int).And(new(big.Int).Rsh(i, uint(64*j)), mask).Uint64()
	}
	return mkMP(m, e-64*n, x.Sign() < 0, n)
}

// bigExact is a precision at which the sums and products of the tests are
// exact.
const bigExact = 8000

// checkNorm reports a value that breaks mpf's invariants.
func checkNorm(t *testing.T, what string, a mpf, n int) {
	t.Helper()
	l := len(a.mant)
	if l > n || l > 0 && (a.mant[l-1]>>63 != 1 || a.mant[0] == 0) || l == 0 && a.neg {
		t.Errorf("%s: %d limbs %x (at most %d wanted), not normalized", what, l, a.mant, n)
	}
}

// randMP returns a random value of l limbs in [2^(e−1), 2^e), either sign,
// some of its limbs zero.
func randMP(r *rand.Rand, l, e int) mpf {
	m := make([]uint64, l)
	for i := range m {
		if r.IntN(4) > 0 {
			m[i] = r.Uint64()
		}
	}
	m[l-1] |= 1 << 63
	return mkMP(m, e-64*l, r.IntN(2) == 0, l)
}

// errRatioMP returns |got − exact| / bound.
func errRatioMP(got mpf, exact, bound *big.Float) float64 {
	d := new(big.Float).SetPrec(bigExact).Sub(toBig(got), exact)
	if d.Sign() == 0 {
		return 0
	}
	d.Abs(d)
	q, _ := new(big.Float).Quo(d, bound).Float64()
	return q
}

// pow2Big returns 2^e.
func pow2Big(e int) *big.Float { return new(big.Float).SetMantExp(big.NewFloat(0.5), e+1) }

func TestMPArith(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for i := range samples(10000) {
		l := 1 + r.IntN(5)
		a := randMP(r, 1+r.IntN(7), r.IntN(600)-300)
		var b mpf
		switch i % 4 {
		case 0:
			b = randMP(r, 1+r.IntN(7), a.exp+r.IntN(9)-4)
		case 1:
			b = randMP(r, 1+r.IntN(7), a.exp+r.IntN(400)-200)
		case 2: // −a or close to it: cancellation
			m := append([]uint64(nil), a.mant...)
			if r.IntN(4) > 0 {
				m[r.IntN(len(m))] ^= 1 << r.IntN(64)
			}
			b = mkMP(m, a.exp-64*len(m), !a.neg, len(m))
		case 3:
			b = randMP(r, 1+r.IntN(7), r.IntN(600)-300)
		}
		A, B := toBig(a), toBig(b)
		maxAB := new(big.Float).Abs(A)
		if absB := new(big.Float).Abs(B); absB.Cmp(maxAB) > 0 {
			maxAB = absB
		}

		for _, sub := range []bool{false, true} {
			exact := new(big.Float).SetPrec(bigExact)
			var got mpf
			if sub {
				exact.Sub(A, B)
				got = mpSub(a, b, l)
			} else {
				exact.Add(A, B)
				got = mpAdd(a, b, l)
			}
			checkNorm(t, "mpAdd", got, l)
			// 2^(1−64l)·|a+b| + 2^(−64l−125)·max(|a|, |b|)
			bound := new(big.Float).Mul(new(big.Float).Abs(exact), pow2Big(1-64*l))
			bound.Add(bound, new(big.Float).Mul(maxAB, pow2Big(-64*l-125)))
			if q := errRatioMP(got, exact, bound); !(q <= 1) {
				t.Fatalf("mpAdd(%v, %v, sub %v, %d limbs): error %g times the bound", A, B, sub, l, q)
			}
		}

		exact := new(big.Float).SetPrec(bigExact).Mul(A, B)
		got := mpMul(a, b, l)
		checkNorm(t, "mpMul", got, l)
		bound := new(big.Float).Mul(new(big.Float).Abs(exact), pow2Big(2-64*l))
		if q := errRatioMP(got, exact, bound); !(q <= 1) {
			t.Fatalf("mpMul(%v, %v, %d limbs): error %g times the bound", A, B, l, q)
		}
		if len(a.mant)+len(b.mant) <= l && toBig(got).Cmp(exact) != 0 {
			t.Fatalf("mpMul(%v, %v, %d limbs) is not exact", A, B, l)
		}

		u := r.Uint64()>>r.IntN(64) | 1
		exact.Mul(A, new(big.Float).SetUint64(u))
		got = mpMulSmall(a, u, l)
		checkNorm(t, "mpMulSmall", got, l)
		bound.Mul(new(big.Float).Abs(exact), pow2Big(2-64*l))
		if q := errRatioMP(got, exact, bound); !(q <= 1) {
			t.Fatalf("mpMulSmall(%v, %d, %d limbs): error %g times the bound", A, u, l, q)
		}
		exact.SetPrec(uint(64*l+256)).Quo(A, new(big.Float).SetUint64(u))
		got = mpDivSmall(a, u, l)
		checkNorm(t, "mpDivSmall", got, l)
		bound.Mul(new(big.Float).Abs(exact), pow2Big(2-64*l))
		if q := errRatioMP(got, exact, bound); !(q <= 1-0x1p-100) {
			t.Fatalf("mpDivSmall(%v, %d, %d limbs): error %g times the bound", A, u, l, q)
		}

		// t = k + f with k ≡ q mod 4 and |f| ≤ 1/2, exactly.
		tm := a.abs()
		tm.exp = r.IntN(200) - 70
		q, f := mpSplitInt(tm)
		checkNorm(t, "mpSplitInt", f, len(tm.mant)+1)
		T, F := toBig(tm), toBig(f)
		k := new(big.Float).SetPrec(bigExact).Sub(T, F)
		ki, acc := k.Int(nil)
		if acc != big.Exact || new(big.Float).Abs(F).Cmp(big.NewFloat(0.5)) > 0 || new(big.Int).And(ki, big.NewInt(3)).Int64() != int64(q) {
			t.Fatalf("mpSplitInt(%v) = %d, %v", T, q, F)
		}
	}
}

// TestMPFloat64 checks the rounding to float64 against math/big, around
// the subnormals, the overflow threshold and ties at every position.
func TestMPFloat64(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	for i := range samples(100000) {
		l := 1 + r.IntN(3)
		var e int
		switch i % 4 {
		case 0:
			e = r.IntN(70) - 1090 // subnormals and below
		case 1:
			e = r.IntN(10) - 1025 // around the smallest normal
		case 2:
			e = r.IntN(6) + 1021 // around overflow
		case 3:
			e = r.IntN(2300) - 1150
		}
		a := randMP(r, l, e)
		if i%3 == 0 { // a tie or next to it, at a random position
			m := append([]uint64(nil), a.mant...)
			p := r.IntN(64)
			top := m[len(m)-1]&^(1<<(p+1)-1) | 1<<p
			if p == 63 {
				top = 1 << 63
			}
			m[len(m)-1] = top
			for j := range len(m) - 1 {
				m[j] = 0
			}
			if r.IntN(2) == 0 {
				m[0] |= 1 // just above the tie
			}
			a = mkMP(m, a.exp-64*len(m), a.neg, len(m))
		}
		want, _ := toBig(a).Float64()
		if got := a.float64(); !same(got, want) {
			t.Fatalf("float64(%v) = %x, want %x", toBig(a), got, want)
		}
		if f := mpFromFloat64(want); !math.IsInf(want, 0) && (f.float64() != want || toBig(f).Cmp(big.NewFloat(want)) != 0) {
			t.Fatalf("mpFromFloat64(%x) = %v", want, toBig(f))
		}
	}
}

// TestRoundMP checks Ziv's rounding test against math/big's on values
// within a few times 2^−prec of a rounding boundary.
func TestRoundMP(t *testing.T) {
	r := rand.New(rand.NewPCG(35, 36))
	for i := range samples(20000) {
		var f float64
		switch i % 4 {
		case 0:
			f = math.Float64frombits(r.Uint64() >> 12) // subnormal
		case 1:
			f = math.MaxFloat64
		default:
			f = math.Abs(randFloat(r))
			if math.IsNaN(f) || math.IsInf(f, 0) {
				f = 1
			}
		}
		prec := []uint{64, 128, 256, 1000}[r.IntN(4)]
		l := int(prec)/64 + 1 + r.IntN(3)
		// v = mid·(1 ± 2^−(prec+j)), mid halfway from f to the next float64
		// (or 2^1024), or v = f·(1 ± ...).
		v := new(big.Float).SetPrec(uint(64*l) + 100).SetFloat64(f)
		if i%5 != 0 {
			u := ulp(f)
			if f == math.MaxFloat64 {
				u = 0x1p971
			}
			v.Add(v, new(big.Float).SetMantExp(big.NewFloat(u), -1))
		}
		d := new(big.Float).Mul(v, pow2Big(-int(prec)+r.IntN(7)-3))
		if r.IntN(2) == 0 {
			d.Neg(d)
		}
		if r.IntN(8) > 0 {
			v.Add(v, d)
		}
		if r.IntN(2) == 0 {
			v.Neg(v)
		}
		m := fromBig(v, l)
		gotV, gotOK := roundMP(m, prec)
		wantV, wantOK := roundBig(toBig(m), prec)
		if gotOK != wantOK || gotOK && !same(gotV, wantV) {
			t.Fatalf("roundMP(%v, %d) = %x, %v; math/big %x, %v", toBig(m), prec, gotV, gotOK, wantV, wantOK)
		}
	}
}

// TestZivDeep runs Ziv's loop on values that take 53 + extra bits to round,
// each approximation moved towards the rounding boundary by half its error
// bound; an exact boundary must reach maxPrec and panic.
func TestZivDeep(t *testing.T) {
	// Boundaries lo + ulp/2: 1 + 2^−53, 2^−1074·7.5 and 2^−1075.
	for _, lo := range []float64{1, 0x1p-1074 * 7, 0} {
		hi := math.Nextafter(lo, 2)
		half := new(big.Float).SetMantExp(big.NewFloat(hi-lo), -1)
		for _, extra := range []int{100, 300, 1000, 5000, 20000} {
			for _, s := range []int{1, -1} {
				// exact = lo + ulp/2 + s·ulp/2·2^−extra
				exact := new(big.Float).SetPrec(uint(extra) + 1200).SetFloat64(lo)
				exact.Add(exact, half)
				d := new(big.Float).SetMantExp(half, -extra)
				if s < 0 {
					d.Neg(d)
				}
				exact.Add(exact, d)
				want := lo
				if s > 0 {
					want = hi
				}
				var got float64
				var last uint
				panicked := func() (p bool) {
					defer func() { p = recover() != nil }()
					got = ziv(func(prec uint) mpf {
						last = prec
						v := new(big.Float).SetPrec(exact.Prec() + prec).Set(exact)
						d := new(big.Float).Mul(exact, pow2Big(-int(prec)-1))
						if s > 0 {
							d.Neg(d)
						}
						return fromBig(v.Add(v, d), int(prec)/64+3)
					})
					return false
				}()
				if extra > maxPrec-100 {
					if !panicked {
						t.Errorf("%x + ulp/2 + 2^−%d: ziv returned %x, want a panic", lo, extra, got)
					}
					continue
				}
				if last <= uint(extra) || last > 2*uint(extra)+256 {
					t.Errorf("%x + ulp/2 + %d·2^−%d: decided at %d bits", lo, s, extra, last)
				}
				if panicked || got != want {
					t.Errorf("%x + ulp/2 + %d·2^−%d: ziv = %x (panic %v), want %x", lo, s, extra, got, panicked, want)
				}
			}
		}
	}
	// Next to the overflow threshold, MaxFloat64 + ulp/2: MaxFloat64 or +Inf.
	mid := new(big.Float).SetPrec(2000).SetFloat64(math.MaxFloat64)
	mid.Add(mid, pow2Big(1023-53))
	for _, s := range []float64{1, -1} {
		d := new(big.Float).Mul(mid, pow2Big(-1500))
		if s < 0 {
			d.Neg(d)
		}
		v := new(big.Float).SetPrec(2000).Add(mid, d)
		want := math.MaxFloat64
		if s > 0 {
			want = math.Inf(1)
		}
		if got := ziv(func(prec uint) mpf { return fromBig(v, int(prec)/64+3) }); got != want {
			t.Errorf("MaxFloat64 + ulp/2 + %v·2^−1500: got %x, want %x", s, got, want)
		}
	}
}

// Hard cases: arguments whose results have 45 to 64 (cos, exp, log) or 102
// to 153 (pow) identical bits after the round bit, worst cases for some
// rounding mode from the CORE-MATH project (after Lefèvre); plus the
// float64s nearest multiples of π/2. For rounding to nearest they are
// decided at the first precision of ziv (TestZivDeep covers the others).
var (
	hardCos = []float64{
		0x1.0009effd4bedap-12, 0x1.00147eec5cfa5p+0, 0x1.0f876ccdf6cd7p-25, 0x1.2c2fc595456a4p-25,
		0x1.465655f122ff4p-25, 0x1.5e8add236a58dp-25, 0x1.21c6f0699a3fdp+0, 0x1.673b9fe297c3ep+0,
		0x1.03f81f636b80cp-24, 0x1.0bbb307acafdbp-24, 0x1.5504c91eb9e32p+0, 0x1.6b8a6273d7c21p+0,
		6381956970095103 * 0x1p797, 5706550003322587 * 0x1p-26, math.Pi / 2, math.MaxFloat64,
	}
	hardExp = []float64{
		0x1.0122ef37212ebp-1, 0x1.00d48a707b93ep-1, 0x1.0303c5638675fp-1, 0x1.fedc746ddf8fap-1,
		0x1.008eb56314daap+0, 0x1.6fbce05407de8p+0, 0x1.4ec61dc0eb7bp-1, 0x1.9e4e63c1b1276p-1,
	}
	hardLog = []float64{
		0x1.a6ae5142326b5p+0, 0x1.c877cba59d0acp+0, 0x1.1e852e6951306p+1, 0x1.a455a70c31d8p+13,
		0x1.70945ecdc0194p+28, 0x1.a6004162f2b8cp+45, 0x1.f63e8a05c6055p+14, 0x1.deab16bf0cba3p+37,
	}
	hardPow = [][2]float64{
		{0x1.ffffffffffffcp-1, 0x1.fffffffffffffp-2}, {0x1.ffffffffffffcp-1, -0x1.ffffffffffffdp-2},
		{0x1.ffffffffffffp-1, -0x1.ffffffffffff6p-3}, {0x1.ffffffffffff8p-1, -0x1.ffffffffffffbp-3},
	}
)

// TestSlowApproxBounds checks |v − f| ≤ 2^−prec·|v| for each approximation
// at several precisions, against math/big 80 bits further, and logs the
// worst ratio seen (of the order of 2^−14, the margin of the bounds).
func TestSlowApproxBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(37, 38))
	precs := []uint{128, 192, 256, 448, 1024, 3000}
	worst := map[string]float64{}
	check := func(name string, args []float64, v mpf, ref *big.Float, prec uint) {
		t.Helper()
		bound := new(big.Float).Mul(new(big.Float).Abs(toBig(v)), pow2Big(-int(prec)))
		q := errRatioMP(v, ref, bound)
		if !(q < 1-0x1p-60) {
			t.Errorf("%s%x at %d bits: error %g times the bound", name, args, prec, q)
		}
		worst[name] = max(worst[name], q)
	}
	n := samples(300)
	for i := range n {
		prec := precs[i%len(precs)]
		var x float64
		switch i % 4 {
		case 0:
			x = r.Float64() * 8 * math.Pi
		case 1:
			x = float64(r.Int64N(1<<52)+1) * (math.Pi / 2)
		case 2:
			x = math.Ldexp(1+r.Float64(), r.IntN(2100)-1074)
		case 3:
			x = math.Ldexp(1+r.Float64(), r.IntN(60)-30)
		}
		if math.IsInf(x, 0) {
			x = math.MaxFloat64
		}
		check("cos", []float64{x}, cosApprox(x, prec), bigCosApprox(x, prec+80), prec)

		x = math.Abs(x)
		if i%2 == 1 {
			x = 1 + (r.Float64()*2-1)*math.Ldexp(1, -r.IntN(53))
		}
		if x != 1 && x > 0 {
			check("log", []float64{x}, logApprox(x, prec), bigLogApprox(x, prec+80), prec)
		}

		x = r.Float64()*1455 - 745
		if i%3 == 0 {
			x = math.Ldexp(r.Float64()*2-1, -r.IntN(1075))
		}
		if x != 0 {
			check("exp", []float64{x}, expApprox(mpFromFloat64(x), prec), bigExpApprox(big.NewFloat(x), prec+80), prec)
		}

		px := math.Ldexp(0.5+r.Float64(), r.IntN(200)-100)
		if i%3 == 0 {
			px = 1 + (r.Float64()*2-1)*math.Ldexp(1, -r.IntN(53))
		}
		if px != 1 {
			py := (r.Float64()*2 - 1) * 745 / math.Abs(math.Log(px))
			l := bigLogApprox(px, prec+120)
			l.Mul(l, big.NewFloat(py))
			check("pow", []float64{px, py}, powApprox(px, mpFromFloat64(py), prec), bigExpApprox(l, prec+80), prec)
		}
	}
	t.Logf("worst error/bound over %d arguments each: cos %.3g, log %.3g, exp %.3g, pow %.3g",
		n, worst["cos"], worst["log"], worst["exp"], worst["pow"])
}

// slowArgs returns the random arguments of TestSlowMatchesBig, n per class.
func slowArgs(n int) (cos, log, exp []float64, pow [][2]float64) {
	r := rand.New(rand.NewPCG(39, 40))
	for i := range 6 * n {
		var x float64
		switch i % 6 {
		case 0: // tiny, subnormals included
			x = math.Ldexp(1+r.Float64(), -r.IntN(1075))
		case 1:
			x = r.Float64() * 8 * math.Pi
		case 2: // the float64s nearest k·π/2 and their neighbours
			x = float64(r.Int64N(1<<r.IntN(53))+1) * (math.Pi / 2)
			for range r.IntN(4) {
				x = math.Nextafter(x, math.Inf(1))
			}
		case 3: // schedules up to 10^12 steps
			x = math.Pi * float64(r.Int64N(1e12)) / float64(1+r.IntN(1000))
		case 4: // up to 10^300 and beyond
			x = math.Ldexp(1+r.Float64(), r.IntN(1024))
		case 5:
			x = randFloat(r)
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			x = 1e300
		}
		cos = append(cos, x)
	}
	for i := range 4 * n {
		var x float64
		switch i % 4 {
		case 0: // subnormals
			x = math.Float64frombits(r.Uint64()>>12 | 1)
		case 1: // near 1
			x = 1 + (r.Float64()*2-1)*math.Ldexp(1, -r.IntN(53))
			if r.IntN(2) == 0 {
				x = 1 + float64(r.IntN(200)-100)*0x1p-53
			}
		case 2: // huge
			x = math.Ldexp(1+r.Float64(), 900+r.IntN(124))
		case 3:
			x = math.Abs(randFloat(r))
		}
		if x > 0 && x != 1 && !math.IsInf(x, 0) {
			log = append(log, x)
		}
	}
	for i := range 4 * n {
		var x float64
		switch i % 4 {
		case 0: // around the overflow threshold
			x = 0x1.62e42fefa39f0p+9 + (r.Float64()*2-1)*math.Ldexp(1, -r.IntN(40))
		case 1: // subnormal results and underflow
			x = -708.4 - r.Float64()*37
		case 2: // tiny
			x = math.Ldexp(r.Float64()*2-1, -r.IntN(1075))
		case 3:
			x = r.Float64()*1455 - 745
		}
		if x != 0 {
			exp = append(exp, x)
		}
	}
	for i := range 6 * n {
		var x, y float64
		switch i % 6 {
		case 0:
			x, y = 10*(1-r.Float64()), r.Float64()*100-50
		case 1: // bases near 1, huge exponents
			x = 1 + float64(r.IntN(2000)-1000)*0x1p-53
			y = (r.Float64()*2 - 1) * math.Ldexp(1, r.IntN(62))
		case 2: // huge, tiny and subnormal results, negative exponents
			x = math.Ldexp(1+r.Float64(), r.IntN(2000)-1000)
			y = (600 + r.Float64()*160) / math.Log(x)
			if r.IntN(2) == 0 {
				y = -y
			}
		case 3: // dyadic results, ties among them: root^(2^k)·2^e to y = j/2^k
			k := r.IntN(6)
			root := uint64(2*r.IntN(1<<max(1, 26>>k)) + 1)
			m := root
			for range k {
				m *= m
			}
			if m >= 1<<53 {
				m = root
			}
			j := 1 + r.IntN(54<<k)
			e := (r.IntN(400) - 200) << k
			if r.IntN(4) == 0 {
				e += r.IntN(1 << k) // not dyadic unless k = 0
			}
			x = math.Ldexp(float64(m), e)
			y = float64(j) / float64(int(1)<<k)
			if r.IntN(4) == 0 {
				x = math.Ldexp(1, r.IntN(2098)-1074) // a power of two
				y = float64(r.IntN(4000)-2000) / float64(int(1)<<r.IntN(12))
			}
		case 4: // integer exponents
			x, y = math.Ldexp(1+r.Float64(), r.IntN(20)-10), float64(r.IntN(200)-100)
		case 5:
			x, y = math.Abs(randFloat(r)), (r.Float64()*2-1)*math.Ldexp(1, r.IntN(12)-6)
		}
		if x > 0 && x != 1 && !math.IsInf(x, 0) && y != 0 && !math.IsNaN(y) {
			pow = append(pow, [2]float64{x, y})
		}
	}
	return cos, log, exp, pow
}

// TestSlowMatchesBig compares the slow path with math/big bit for bit.
func TestSlowMatchesBig(t *testing.T) {
	cos, log, exp, pow := slowArgs(samples(1000))
	cos = append(cos, hardCos...)
	exp = append(exp, hardExp...)
	for _, x := range hardExp {
		exp = append(exp, -x)
	}
	log = append(log, hardLog...)
	pow = append(pow, hardPow...)
	for _, x := range cos {
		if got, want := cosSlow(x), bigCosSlow(x); !same(got, want) {
			t.Errorf("cosSlow(%x) = %x, math/big %x", x, got, want)
		}
	}
	for _, x := range log {
		if got, want := logSlow(x), bigLogSlow(x); !same(got, want) {
			t.Errorf("logSlow(%x) = %x, math/big %x", x, got, want)
		}
	}
	for _, x := range exp {
		if got, want := expSlow(x), bigExpSlow(x); !same(got, want) {
			t.Errorf("expSlow(%x) = %x, math/big %x", x, got, want)
		}
	}
	exact := 0
	for _, c := range pow {
		if got, want := powSlow(c[0], c[1]), bigPowSlow(c[0], c[1]); !same(got, want) {
			t.Errorf("powSlow(%x, %x) = %x, math/big %x", c[0], c[1], got, want)
		}
		v, ok := powExact(c[0], c[1])
		bv, bok := bigPowExact(c[0], c[1])
		if ok != bok || ok && !same(v, bv) {
			t.Errorf("powExact(%x, %x) = %x, %v; math/big %x, %v", c[0], c[1], v, ok, bv, bok)
		}
		if ok {
			exact++
		}
	}
	t.Logf("%d comparisons: cos %d, log %d, exp %d, pow %d (%d dyadic)", len(cos)+len(log)+len(exp)+len(pow), len(cos), len(log), len(exp), len(pow), exact)
}

// FuzzSlowMatchesBig compares the slow path with math/big on any arguments:
// cos and log of x, exp of x and of x mod 760, and x**y for |x|.
func FuzzSlowMatchesBig(f *testing.F) {
	for _, c := range [][2]float64{{1, 2}, {0x1p-1074, -0.5}, {1e300, 1e-3}, {709.7, 3}, {-745.1, 0.999}, {math.Pi / 2, 1.5}} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, x, y float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		if got, want := cosSlow(x), bigCosSlow(x); !same(got, want) {
			t.Errorf("cosSlow(%x) = %x, math/big %x", x, got, want)
		}
		if ax := math.Abs(x); ax != 0 && ax != 1 {
			if got, want := logSlow(ax), bigLogSlow(ax); !same(got, want) {
				t.Errorf("logSlow(%x) = %x, math/big %x", ax, got, want)
			}
			if y != 0 && !math.IsNaN(y) && !math.IsInf(y, 0) {
				if got, want := powSlow(ax, y), bigPowSlow(ax, y); !same(got, want) {
					t.Errorf("powSlow(%x, %x) = %x, math/big %x", ax, y, got, want)
				}
			}
		}
		for _, e := range []float64{x, math.Mod(x, 760)} {
			if e != 0 {
				if got, want := expSlow(e), bigExpSlow(e); !same(got, want) {
					t.Errorf("expSlow(%x) = %x, math/big %x", e, got, want)
				}
			}
		}
	})
}
