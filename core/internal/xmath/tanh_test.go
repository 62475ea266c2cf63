package xmath

import (
	"math"
	"testing"
)

// TestTanh compares Tanh with python3's math.tanh (glibc) at arguments where
// the fdlibm algorithm without glibc's evaluation order and FMA, or
// math.Tanh, differ from it, and at the edges of its branches.
func TestTanh(t *testing.T) {
	for _, tt := range []struct{ x, want float64 }{
		{-0.22043390855846212, -0.21693158951097044},
		{0.17216583516106176, 0.170484704427615},
		{-0.1456464085437883, -0.14462521291755703},
		{-4.04224799927974e-11, -4.0422479992797394e-11},
		{-1.5135415361195958e-14, -1.5135415361195955e-14},
		{-7.4739226806202e-17, -7.473922680620201e-17},
		{1e-17, 1e-17},
		{0.5, 0.46211715726000974},
		{1.0, 0.7615941559557649},
		{-7.0, -0.9999983369439447},
		{3.0, 0.9950547536867305},
		{21.9, 1.0},
		{22.0, 1.0},
		{-30.0, -1.0},
		{2.5e-300, 2.5e-300},
		{0.0, 0.0},
	} {
		if got := Tanh(tt.x); got != tt.want {
			t.Errorf("Tanh(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
	if got := Tanh(math.Inf(-1)); got != -1 {
		t.Errorf("Tanh(-Inf) = %v", got)
	}
	if got := Tanh(math.NaN()); !math.IsNaN(got) {
		t.Errorf("Tanh(NaN) = %v", got)
	}
}
