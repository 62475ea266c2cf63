package python

import (
	"errors"
	"math"
	"testing"
)

// FuzzLambda: CompileLambda and Eval never panic; every error is an
// *Error; a result is an int, a bool (0 or 1) or a finite float, the same
// each time.
func FuzzLambda(f *testing.F) {
	for _, src := range []string{
		"lambda epoch: 0.95 ** epoch",
		"lambda step: min(1.0, (step + 1) / WARMUP)",
		"lambda e: 0.1 if e < 30 else 0.01 if e < 60 else 0.001",
		"lambda it: (1 - it / 1000) ** 0.9",
		"lambda s: 0.5 * (1 + math.cos(math.pi * s / 100))",
		"lambda epoch: max(0.0, 1 - epoch // 10 * 0.1)",
		"lambda e: round(e / 7, -1) + round(e * 1.5) % 3 - int(math.log(e + 1, 2))",
		"lambda e: e and not 0 < e <= 5 or math.floor(math.sqrt(e)) ** -2",
		"lambda e: pow(-2, e) // (e - 3) + math.pow(e, 0.5) - abs(-e) * float(FLAG)",
		"lambda e: math.exp(e) - math.log10(e) + math.log2(e) * math.tan(e) / math.sin(e)",
		"(lambda e: (e +\n 1e308 * e) % -GAMMA)",
		"lambda e: 2 ** e ** 2",
		"lambda e: e[0]",
	} {
		f.Add(src, int64(7))
	}
	f.Add("lambda e: e * e", int64(math.MinInt64))
	f.Add("lambda e: e // -1", int64(math.MinInt64))
	f.Fuzz(func(t *testing.T, src string, x int64) {
		l, err := CompileLambda(src, pyConsts)
		var e *Error
		if err != nil {
			if !errors.As(err, &e) {
				t.Fatalf("CompileLambda(%q): %v, not an *Error", src, err)
			}
			return
		}
		for _, x := range []int64{x, 0, 1, -1, 1000, math.MaxInt64} {
			v, err := l.Eval(x)
			again, err2 := l.Eval(x)
			if v != again || (err == nil) != (err2 == nil) {
				t.Fatalf("(%q)(%d): %v, %v, then %v, %v", src, x, v, err, again, err2)
			}
			if err != nil {
				if !errors.As(err, &e) {
					t.Fatalf("(%q)(%d): %v, not an *Error", src, x, err)
				}
				continue
			}
			switch v.Kind {
			case Int:
			case Bool:
				if v.Int != 0 && v.Int != 1 {
					t.Fatalf("(%q)(%d) = bool %d", src, x, v.Int)
				}
			case Float:
				if math.IsInf(v.Float, 0) || math.IsNaN(v.Float) {
					t.Fatalf("(%q)(%d) = %g", src, x, v.Float)
				}
			default:
				t.Fatalf("(%q)(%d): kind %d", src, x, v.Kind)
			}
		}
	})
}
