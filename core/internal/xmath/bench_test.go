package xmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The benchmarks cycle through 1024 arguments typical of the schedules
// (cos of π·t/T, log and exp in the normal range, pow with bases in (0, 10]),
// next to the math package on the same arguments. The slow path is part of
// the measure, at its natural rate.

var sink float64

func benchArgs(f func(r *rand.Rand) float64) []float64 {
	r := rand.New(rand.NewPCG(1, 1))
	a := make([]float64, 1024)
	for i := range a {
		a[i] = f(r)
	}
	return a
}

var (
	cosArgs = benchArgs(func(r *rand.Rand) float64 { return math.Pi * float64(r.IntN(4000)) / 1000 })
	logArgs = benchArgs(func(r *rand.Rand) float64 { return math.Exp(r.Float64()*60 - 30) })
	expArgs = benchArgs(func(r *rand.Rand) float64 { return r.Float64()*80 - 40 })
	// Schedules at steps up to 10^12: cos(π·i/T) for |x| ≥ 2^30 mostly.
	cosLargeArgs = benchArgs(func(r *rand.Rand) float64 { return math.Pi * float64(r.Int64N(1e12)) / float64(1+r.IntN(100)) })
	powX         = benchArgs(func(r *rand.Rand) float64 { return 10 * (1 - r.Float64()) })
	powY         = benchArgs(func(r *rand.Rand) float64 { return r.Float64()*100 - 50 })
)

func bench1(b *testing.B, f func(float64) float64, args []float64) {
	s, i := 0.0, 0
	for b.Loop() {
		s += f(args[i&1023])
		i++
	}
	sink = s
}

func bench2(b *testing.B, f func(float64, float64) float64) {
	s, i := 0.0, 0
	for b.Loop() {
		s += f(powX[i&1023], powY[i&1023])
		i++
	}
	sink = s
}

func BenchmarkCos(b *testing.B)     { bench1(b, Cos, cosArgs) }
func BenchmarkMathCos(b *testing.B) { bench1(b, math.Cos, cosArgs) }

// BenchmarkCosLarge is Cos on arguments up to 10^12·π.
func BenchmarkCosLarge(b *testing.B)     { bench1(b, Cos, cosLargeArgs) }
func BenchmarkMathCosLarge(b *testing.B) { bench1(b, math.Cos, cosLargeArgs) }
func BenchmarkLog(b *testing.B)          { bench1(b, Log, logArgs) }
func BenchmarkMathLog(b *testing.B)      { bench1(b, math.Log, logArgs) }
func BenchmarkExp(b *testing.B)          { bench1(b, Exp, expArgs) }
func BenchmarkMathExp(b *testing.B)      { bench1(b, math.Exp, expArgs) }
func BenchmarkPow(b *testing.B)          { bench2(b, Pow) }
func BenchmarkMathPow(b *testing.B)      { bench2(b, math.Pow) }

// BenchmarkCosSlow is the multiple-precision fallback alone, and
// BenchmarkCosSlowBig its math/big reference (bigref_test.go).
func BenchmarkCosSlow(b *testing.B)    { bench1(b, cosSlow, cosArgs) }
func BenchmarkCosSlowBig(b *testing.B) { bench1(b, bigCosSlow, cosArgs) }

// BenchmarkCosLargeSlow is the fallback on arguments up to 10^12·π.
func BenchmarkCosLargeSlow(b *testing.B)    { bench1(b, cosSlow, cosLargeArgs) }
func BenchmarkCosLargeSlowBig(b *testing.B) { bench1(b, bigCosSlow, cosLargeArgs) }
func BenchmarkLogSlow(b *testing.B)         { bench1(b, logSlow, logArgs) }
func BenchmarkLogSlowBig(b *testing.B)      { bench1(b, bigLogSlow, logArgs) }
func BenchmarkExpSlow(b *testing.B)         { bench1(b, expSlow, expArgs) }
func BenchmarkExpSlowBig(b *testing.B)      { bench1(b, bigExpSlow, expArgs) }
func BenchmarkPowSlow(b *testing.B)         { benchPowSlow(b, powSlow) }
func BenchmarkPowSlowBig(b *testing.B)      { benchPowSlow(b, bigPowSlow) }

func benchPowSlow(b *testing.B, f func(x, y float64) float64) {
	s, i := 0.0, 0
	for b.Loop() {
		s += f(powX[i&1023], powY[i&1023])
		i++
	}
	sink = s
}
