package xmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The fuzz targets and TestRandom compare each function with its slow path
// (slow.go: correctly rounded by construction, checked against math/big in
// slow_test.go and against glibc and mpmath in golden_test.go), bit for bit. Run a target longer with e.g.
//
//	go test ./core/internal/xmath -run XXX -fuzz FuzzCos -fuzztime 1m

// wantCos etc. give the expected result for any argument: the math package
// for the special cases (the same list), the slow path otherwise.
func wantCos(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN()
	}
	return cosSlow(x)
}

func wantLog(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 1) || x == 1 {
		return math.Log(x)
	}
	return logSlow(x)
}

func wantExp(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
		return math.Exp(x)
	}
	return expSlow(x)
}

func wantPow(x, y float64) float64 {
	if x == 0 || x == 1 || y == 0 || y == 1 || math.IsInf(x, 0) || math.IsInf(y, 0) ||
		math.IsNaN(x) || math.IsNaN(y) || x < 0 && y != math.Trunc(y) {
		return math.Pow(x, y)
	}
	return powRef(x, y)
}

func FuzzCos(f *testing.F) {
	for _, x := range []float64{0, 1, math.Pi / 2, 3 * math.Pi / 4, 0x1p-26, 1e22, -7.5} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		if got, want := Cos(x), wantCos(x); !same(got, want) {
			t.Errorf("Cos(%x) = %x, want %x", x, got, want)
		}
	})
}

func FuzzLog(f *testing.F) {
	for _, x := range []float64{1 + 0x1p-52, 0.75, 1.4999999999999998, 0x1p-1074, 3, 1e300} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		if got, want := Log(x), wantLog(x); !same(got, want) {
			t.Errorf("Log(%x) = %x, want %x", x, got, want)
		}
	})
}

func FuzzExp(f *testing.F) {
	for _, x := range []float64{0x1p-50, 1, -1, 709.7, -708.5, -745.1} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		if got, want := Exp(x), wantExp(x); !same(got, want) {
			t.Errorf("Exp(%x) = %x, want %x", x, got, want)
		}
	})
}

func FuzzPow(f *testing.F) {
	for _, c := range [][2]float64{{0.999, 1000}, {2, 0.5}, {3, 35}, {-2.5, 7}, {0.96, 0.3}, {1e-300, 1.03}} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, x, y float64) {
		if got, want := Pow(x, y), wantPow(x, y); !same(got, want) {
			t.Errorf("Pow(%x, %x) = %x, want %x", x, y, got, want)
		}
	})
}

// randFloat returns a float64 with random bits: any sign, exponent and
// mantissa, NaN and ±Inf included.
func randFloat(r *rand.Rand) float64 { return math.Float64frombits(r.Uint64()) }

// TestRandom compares with the slow path on random arguments: over the domains
// that matter and over all float64s.
func TestRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	n := samples(2000)
	for i := range n {
		x := r.Float64() * 8 * math.Pi
		switch i % 4 {
		case 1:
			x = r.Float64() * 1e6
		case 2:
			x = math.Pi * float64(r.IntN(20000)) / float64(1+r.IntN(10000))
		case 3:
			x = randFloat(r)
		}
		if got, want := Cos(x), wantCos(x); !same(got, want) {
			t.Errorf("Cos(%x) = %x, want %x", x, got, want)
		}

		x = math.Abs(randFloat(r))
		if i%2 == 1 {
			x = 1 + (r.Float64()*2-1)*math.Ldexp(1, -r.IntN(53))
		}
		if got, want := Log(x), wantLog(x); !same(got, want) {
			t.Errorf("Log(%x) = %x, want %x", x, got, want)
		}

		x = r.Float64()*1460 - 750
		if i%4 == 3 {
			x = randFloat(r)
		}
		if got, want := Exp(x), wantExp(x); !same(got, want) {
			t.Errorf("Exp(%x) = %x, want %x", x, got, want)
		}

		x, y := 10*(1-r.Float64()), r.Float64()*100-50
		switch i % 4 {
		case 1:
			x, y = 1+(r.Float64()*2-1)*math.Ldexp(1, -r.IntN(53)), float64(r.IntN(1<<20))
		case 2:
			x, y = -x, float64(r.IntN(100)-50)
		case 3:
			x, y = randFloat(r), (r.Float64()*2-1)*math.Ldexp(1, r.IntN(12)-6)
		}
		if got, want := Pow(x, y), wantPow(x, y); !same(got, want) {
			t.Errorf("Pow(%x, %x) = %x, want %x", x, y, got, want)
		}
	}
}
