package core

import (
	"math"
	"testing"
)

func TestMean(t *testing.T) {
	// Σ_{t=0}^{T−1} cos(πt/T) = 1 for T ≥ 1 (the real part of a geometric
	// series), so a CosineAnnealingLR run of exactly T_max steps has mean
	// η_min + (η_max − η_min)(1 + 1/T)/2.
	cosineMean := func(lr, etaMin float64, T int64) float64 {
		return etaMin + (lr-etaMin)*(1+1/float64(T))/2
	}
	tests := []struct {
		name  string
		spec  string
		steps int64
		want  float64
		tol   float64 // relative
		exact bool
	}{
		{"cosine T=10", `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10}`, 10, cosineMean(0.1, 0, 10), 1e-15, true},
		{"cosine T=1000 eta_min", `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1000,"eta_min":0.001}`, 1000, cosineMean(0.1, 0.001, 1000), 1e-13, true},
		{"constant", `{"kind":"torch.LinearLR","lr":0.5,"start_factor":1,"end_factor":1,"total_iters":5}`, 7, 0.5, 0, true},
		// LinearLR from 0.25 to 1 over 3 steps: 0.25, 0.5, 0.75, then 1.
		{"linear", `{"kind":"torch.LinearLR","lr":1,"start_factor":0.25,"end_factor":1,"total_iters":3}`, 5, (0.25 + 0.5 + 0.75 + 1 + 1) / 5, 1e-15, true},
		{"one step", `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10}`, 1, 0.1, 0, true},
		// Past the exact limit the mean is estimated; the closed form above bounds its error.
		{"cosine estimated", `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1000000}`, 1000000, cosineMean(0.1, 0, 1000000), 1e-8, false},
		{"cosine 1e12 estimated", `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1000000000000}`, 1000000000000, 0.05, 1e-8, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParse(t, tt.spec)
			got, exact := s.Mean(tt.steps)
			if exact != tt.exact {
				t.Errorf("exact = %v, want %v", exact, tt.exact)
			}
			if math.Abs(got-tt.want) > tt.tol*math.Abs(tt.want) {
				t.Errorf("Mean = %.17g, want %.17g (relative error %.2g > %.2g)", got, tt.want, math.Abs(got-tt.want)/tt.want, tt.tol)
			}
		})
	}
}

// TestMeanIsTheAverageOfValues checks the exact path against a plain sum of
// Values for every kind's example, with the compensated sum's accuracy.
func TestMeanIsTheAverageOfValues(t *testing.T) {
	for _, k := range Kinds() {
		s := mustParse(t, k.Example)
		vals := mustValues(t, k.Example, int(min(k.ExampleSteps, meanExactSteps)))
		sum := 0.0
		for _, v := range vals {
			sum += v
		}
		want := sum / float64(len(vals))
		got, exact := s.Mean(int64(len(vals)))
		if !exact || math.Abs(got-want) > 1e-12*math.Abs(want) {
			t.Errorf("%s: Mean = %.17g (exact %v), plain average %.17g", k.Name, got, exact, want)
		}
	}
}

func BenchmarkMean(b *testing.B) {
	s := mustParse(b, `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":100,"T_mult":2}`)
	for _, steps := range []int64{1000, meanExactSteps, 1000000000} {
		b.Run(formatFloat(float64(steps)), func(b *testing.B) {
			for b.Loop() {
				s.Mean(steps)
			}
		})
	}
}
