package core

import (
	"fmt"
	"testing"
)

// BenchmarkDownsample times Downsample over 1000 columns for runs of 10^3 to
// 10^12 steps: flat in the number of steps. "playground" is the kind's
// example (a few dozen restarts); "turns" is a cosine of period 40, whose
// events outrun the budget past 4·10^6 steps.
func BenchmarkDownsample(b *testing.B) {
	specs := []struct{ name, spec string }{
		{"playground", LookupKind("playground").Example},
		{"turns", `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`},
	}
	for _, sp := range specs {
		s := mustParse(b, sp.spec)
		for _, steps := range []int64{1e3, 1e4, 1e5, 1e6, 1e9, 1e12} {
			b.Run(fmt.Sprintf("%s/%.0e", sp.name, float64(steps)), func(b *testing.B) {
				for b.Loop() {
					s.Downsample(steps, 1000)
				}
			})
		}
	}
}

// BenchmarkDownsampleValues times the reference, Fill and every value, for
// comparison.
func BenchmarkDownsampleValues(b *testing.B) {
	s := mustParse(b, LookupKind("playground").Example)
	for _, steps := range []int{1e3, 1e4, 1e5, 1e6} {
		b.Run(fmt.Sprintf("playground/%.0e", float64(steps)), func(b *testing.B) {
			vals := make([]float64, steps)
			for b.Loop() {
				s.Fill(vals)
				DownsampleValues(vals, 1000)
			}
		})
	}
}
