package core

import (
	"math"
	"slices"
	"testing"
)

func TestPlaygroundPoints(t *testing.T) {
	// Hand-computed from the formula in the package doc.
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		// No warmup, T_mult 1: cosine of period 10, restarting at 10, 20.
		{`{"kind":"playground","lr":1,"T_max":10,"T_mult":1,"warmup":0}`, 30, map[int]float64{
			0: 1, 5: 0.5, 10: 1, 15: 0.5, 29: (1 + math.Cos(math.Pi*9/10)) / 2}},
		// Warmup 0.1 of 100 steps: W = 10, lr 0.5 at step 5.
		{`{"kind":"playground","lr":1,"T_max":20,"T_mult":2,"warmup":0.1}`, 100, map[int]float64{
			0: 0, 5: 0.5, 10: 1, 20: 0.5, 30: 1, 50: 0.5, 70: 1}},
		// eta_min and decay: the second cycle peaks at 0.5.
		{`{"kind":"playground","lr":1,"eta_min":0.1,"T_max":10,"T_mult":1,"warmup":0,"decay":0.5}`, 30, map[int]float64{
			0: 1, 5: 0.55, 10: 0.5, 15: 0.3, 20: 0.25}},
		// Without restarts: hold eta_min after T_max.
		{`{"kind":"playground","lr":1,"eta_min":0.2,"T_max":10,"warmup":0,"restarts":false}`, 30, map[int]float64{
			0: 1, 5: 0.6, 10: 0.2, 29: 0.2}},
		// warmup_start.
		{`{"kind":"playground","lr":1,"warmup_start":0.5,"T_max":10,"warmup":0.5}`, 20, map[int]float64{
			0: 0.5, 5: 0.75, 10: 1}},
		// Non-integer T_mult: cycles of 10, 15, 22.5: restarts at 10 and 25, then at ceil(47.5) = 48.
		{`{"kind":"playground","lr":1,"T_max":10,"T_mult":1.5,"warmup":0}`, 60, map[int]float64{
			10: 1, 25: 1, 47: (1 + math.Cos(math.Pi*22/22.5)) / 2, 48: (1 + math.Cos(math.Pi*0.5/33.75)) / 2}},
	}
	for _, tt := range tests {
		checkPoints(t, tt.spec, tt.steps, tt.want, 1e-15)
	}
}

func TestPlaygroundEvents(t *testing.T) {
	s := mustParse(t, `{"kind":"playground","lr":1,"T_max":10,"T_mult":1.5,"warmup":0.1}`)
	var got []Event
	for e := range s.Events(100, 0, 100) {
		got = append(got, e)
	}
	want := []Event{{10, WarmupEnd}, {20, Restart}, {35, Restart}, {58, Restart}, {92, Restart}}
	if len(got) != len(want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %v, want %v", i, got[i], want[i])
		}
	}
	for _, spec := range []string{
		`{"kind":"playground"}`,
		`{"kind":"playground","T_max":1,"T_mult":1,"warmup":0}`,
		`{"kind":"playground","T_max":7,"T_mult":1.3,"warmup":0.2,"warmup_start":0.2,"eta_min":0.01,"decay":0.7}`,
		`{"kind":"playground","T_max":50,"restarts":false,"warmup":0.5}`,
		`{"kind":"playground","T_max":3,"T_mult":1.0000001,"warmup":0.01}`,
	} {
		checkEventContract(t, spec, 1000)
	}
}

func TestAnnotations(t *testing.T) {
	s := mustParse(t, `{"kind":"playground","T_max":10,"T_mult":1,"warmup":0.1}`)
	got, more := s.Annotations(100, 3)
	want := []Annotation{{10, WarmupEnd, "warmup end"}, {20, Restart, "restart"}, {30, Restart, "restart"}}
	if !more || len(got) != len(want) {
		t.Fatalf("Annotations = %v, %v; want %v, true", got, more, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("annotation %d = %v, want %v", i, got[i], want[i])
		}
	}
	if _, more := s.Annotations(100, 100); more {
		t.Errorf("Annotations(limit 100) says there are more")
	}
}

// TestPlaygroundFillIsAt: the run-at-a-time fill gives At's values bit for bit.
func TestPlaygroundFillIsAt(t *testing.T) {
	for _, spec := range []string{
		`{"kind":"playground"}`,
		`{"kind":"playground","T_max":7,"T_mult":1.3,"warmup":0.2,"decay":0.7,"eta_min":0.01}`,
		`{"kind":"playground","T_max":1,"T_mult":1,"warmup":0}`,
		`{"kind":"playground","T_max":50,"restarts":false,"warmup":0.5}`,
	} {
		s := mustParse(t, spec)
		vals := mustValues(t, spec, 5000)
		for i, v := range vals {
			if a := s.At(int64(i), 5000); a != v {
				t.Fatalf("%s: At(%d) = %v, Fill gives %v", spec, i, a, v)
			}
		}
	}
}

// TestPlaygroundLargeRates: lr, eta_min and warmup_start up to 1e290 give
// finite values over every run, the warmup's (lr − warmup_start)·step
// included; past 1e290 Parse names the bound. (Before the bound, lr =
// 1.8e308 gave +Inf, and warmup_start = 1e300 −Inf over 2^37 steps.)
func TestPlaygroundLargeRates(t *testing.T) {
	for _, spec := range []string{
		`{"kind":"playground","lr":1e290}`,
		`{"kind":"playground","lr":1e290,"warmup":0.5,"eta_min":1e290}`,
		`{"kind":"playground","lr":5e-324,"warmup":0.5,"warmup_start":1e290}`,
		`{"kind":"playground","lr":1e290,"warmup":0.5,"warmup_start":0,"T_max":1,"T_mult":1}`,
		`{"kind":"playground","lr":1e-300,"eta_min":1e290,"T_mult":1.5,"decay":0.5}`,
		`{"kind":"playground","lr":1e290,"eta_min":1e290,"warmup_start":1e290,"restarts":false}`,
	} {
		checkFinite(t, spec, 1, 2, 1000, 137438953472, MaxSteps)
	}
	for _, tt := range []struct{ spec, param, want string }{
		{`{"kind":"playground","lr":1.7976931348623157e308}`, "lr", "out of range; must be a number (0, 1e290]"},
		{`{"kind":"playground","lr":1.1e290}`, "lr", "out of range; must be a number (0, 1e290]"},
		{`{"kind":"playground","warmup_start":1e300}`, "warmup_start", "out of range; must be a number [0, 1e290]"},
		{`{"kind":"playground","eta_min":1.1e290}`, "eta_min", "out of range; must be a number [0, 1e290]"},
	} {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

// TestPlaygroundCycleStarts: cycle k+1 starts at the first step whose t
// (steps after warmup) reaches S_k = T_max·(1 + T_mult + ... + T_mult^(k−1)),
// worked out by hand in decimal. Where S_k is whole, that is S_k itself (234,
// not 235, for T_max 234 and T_mult 3.15: the float formula gave
// 234.00000000000006). The lr jumps up at each restart, to the peak exactly
// at the first whole ones (the cycle starts on the step), and Events, At and
// Fill agree.
func TestPlaygroundCycleStarts(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
		want  []int64
		whole int // how many of the restarts, from the first, are at a whole S_k
	}{
		// 234, 971.1, 3292.965, 10606.83975.
		{`{"kind":"playground","T_max":234,"T_mult":3.15,"warmup":0}`, 20000, []int64{234, 972, 3293, 10607}, 1},
		// W = 50, then 100, 300, 700.
		{`{"kind":"playground","T_max":100,"T_mult":2,"warmup":0.05}`, 1000, []int64{150, 350, 750}, 3},
		// 100, 250, 475, 812.5, 1318.75, 2078.125, 3217.1875.
		{`{"kind":"playground","T_max":100,"T_mult":1.5,"warmup":0}`, 4000, []int64{100, 250, 475, 813, 1319, 2079, 3218}, 3},
		// 10, 21, 33.1, 46.41, 61.051, 77.1561, 94.87171.
		{`{"kind":"playground","T_max":10,"T_mult":1.1,"warmup":0}`, 100, []int64{10, 21, 34, 47, 62, 78, 95}, 2},
		// 1000, 2100, 3310, 4641, 6105.1, 7715.61, 9487.171.
		{`{"kind":"playground","T_max":1000,"T_mult":1.1,"warmup":0}`, 10000, []int64{1000, 2100, 3310, 4641, 6106, 7716, 9488}, 4},
		// 20, 41, 63.05, 86.2025, 110.512625, 136.03825625.
		{`{"kind":"playground","T_max":20,"T_mult":1.05,"warmup":0}`, 140, []int64{20, 41, 64, 87, 111, 137}, 2},
		// W = 7, then every 7.
		{`{"kind":"playground","T_max":7,"T_mult":1,"warmup":0.1}`, 70, []int64{14, 21, 28, 35, 42, 49, 56, 63}, 8},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.spec)
		n := int64(tt.steps)
		var got []int64
		for e := range s.Events(n, 0, n) {
			if e.Kind == Restart {
				got = append(got, e.Step)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s over %d: restarts at %v, want %v", tt.spec, n, got, tt.want)
		}
		vals := mustValues(t, tt.spec, tt.steps)
		for j, r := range tt.want {
			if vals[r] <= vals[r-1] || (j < tt.whole && vals[r] != 0.1) || s.At(r, n) != vals[r] || s.At(r-1, n) != vals[r-1] {
				t.Errorf("%s: steps %d, %d are %.17g, %.17g (At %.17g, %.17g), want a jump up at %d (to the peak 0.1: %v)",
					tt.spec, r-1, r, vals[r-1], vals[r], s.At(r-1, n), s.At(r, n), r, j < tt.whole)
			}
		}
		checkEventContract(t, tt.spec, tt.steps)
	}
}

// TestGeometricStart: whole sums of whole cycle lengths come out exact,
// however far out (the float formula's error grows with k·ln T_mult); others
// are left where the formula puts them.
func TestGeometricStart(t *testing.T) {
	tests := []struct {
		L, M float64
		k    int64
		want float64
	}{
		{234, 3.15, 1, 234},
		{1, 2, 39, 549755813887},              // 2^39 − 1
		{3, 3, 24, 423644304720},              // 3·(3^24 − 1)/2
		{7, 10, 11, 77777777777},              // 7·(10^11 − 1)/9
		{1, 100, 6, 10101010101},              // (100^6 − 1)/99
		{1000, 1.1, 4, 4641},                  // 1000 + 1100 + 1210 + 1331
		{5, 1, 123456789, 617283945},          // equal cycles
		{10, 1.5, 3, 47.5},                    // 10 + 15 + 22.5: not whole, not moved
		{1, 1.0000001, 2, 2.0000001000000001}, // 1 + 1.0000001, 10^-7 from whole: not moved
	}
	for _, tt := range tests {
		got := geometricStart(tt.L, tt.M, tt.k)
		if whole := tt.want == math.Trunc(tt.want); (whole && got != tt.want) || !close(got, tt.want) {
			t.Errorf("geometricStart(%g, %g, %d) = %.17g, want %.17g", tt.L, tt.M, tt.k, got, tt.want)
		}
	}
}
