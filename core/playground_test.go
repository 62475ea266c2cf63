package core

import (
	"math"
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
		{`{"kind":"playground","lr":1.7976931348623157e308}`, "lr", "out of range; must be a number (0, 1e+290]"},
		{`{"kind":"playground","lr":1.1e290}`, "lr", "out of range; must be a number (0, 1e+290]"},
		{`{"kind":"playground","warmup_start":1e300}`, "warmup_start", "out of range; must be a number [0, 1e+290]"},
		{`{"kind":"playground","eta_min":1.1e290}`, "eta_min", "out of range; must be a number [0, 1e+290]"},
	} {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}
