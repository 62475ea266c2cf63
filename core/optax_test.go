package core

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// optax's own expected values, from google-deepmind/optax
// optax/schedules/_schedule_test.py. Tolerances are the tests' own.
func TestOptaxFrameworkExpectedValues(t *testing.T) {
	// CosineDecayTest.test_decay_count_smaller_count / _greater_count /
	// _greater_count_with_alpha: 0.1·(0.5 + 0.5·cos(π·t/T)) (·0.9 + 0.1), atol 1e-3.
	mult := func(x float64) float64 { return 0.5 + 0.5*math.Cos(math.Pi*x) }
	var want10, want5, want5a []float64
	for t := 0; t < 10; t++ {
		want10 = append(want10, 0.1*mult(float64(t)/10))
	}
	for t := 0; t < 12; t++ {
		x := min(float64(t)/5, 1)
		want5 = append(want5, 0.1*mult(x))
		want5a = append(want5a, 0.1*(0.9*mult(x)+0.1))
	}
	for _, tt := range []struct {
		spec string
		want []float64
	}{
		{`{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":10,"alpha":0}`, want10},
		{`{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":5,"alpha":0}`, want5},
		{`{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":5,"alpha":0.1}`, want5a},
	} {
		got := mustValues(t, tt.spec, len(tt.want))
		for i := range tt.want {
			if math.Abs(got[i]-tt.want[i]) > 1e-3 {
				t.Errorf("%s: step %d = %g, optax expects %g ± 1e-3", tt.spec, i, got[i], tt.want[i])
			}
		}
	}

	// CosineDecayTest.test_with_exponent, rtol 1e-6.
	checkPoints(t, `{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":100,"alpha":0,"exponent":2}`, 101,
		map[int]float64{0: 0.1, 10: 0.09516553580760956, 50: 0.025, 75: 0.0021446612663567066, 100: 0.0}, 1e-6)
	// CosineDecayTest.test_with_giant_int_steps: decay_steps 1e10 at count 1e9, assert_allclose's rtol 1e-7.
	s := mustParse(t, `{"kind":"optax.cosine_decay_schedule","init_value":1000,"decay_steps":10000000000,"alpha":0,"exponent":1}`)
	if got := s.At(1e9, 1e9+1); !tolerance(got, 975.52826, 1e-7) {
		t.Errorf("giant int steps: At(1e9) = %.10g, optax expects 975.52826", got)
	}

	// WarmupCosineDecayTest.test_limits: init_value at 0, peak at 100, end_value at 1000 (rtol 1e-3);
	// assert_allclose's default rtol is 1e-7.
	for _, tt := range []struct{ init, peak, end float64 }{{10, 0.5, 1e-4}, {5, 3, 0}} {
		spec := `{"kind":"optax.warmup_cosine_decay_schedule","init_value":` + formatFloat(tt.init) +
			`,"peak_value":` + formatFloat(tt.peak) + `,"warmup_steps":100,"decay_steps":1000,"end_value":` + formatFloat(tt.end) + `}`
		v := mustValues(t, spec, 1001)
		if !tolerance(v[0], tt.init, 1e-7) || !tolerance(v[100], tt.peak, 1e-7) || !tolerance(v[1000], tt.end, 1e-3) {
			t.Errorf("%s: steps 0, 100, 1000 = %g, %g, %g", spec, v[0], v[100], v[1000])
		}
	}

	// WarmupCosineDecayTest.test_with_exponent and test_zero_peak_value use
	// end_value −3, a negative lr that Parse rejects; the curve itself is
	// checked against them, to the bit for the first (its expected values are
	// float32 results), rtol 1e-6 for the second as in the test.
	c := &optaxWarmupCosine{w: 50, decaySteps: 100, init: 0.2, diff: float32(0.2 - 1.21), peak: float32(1.21),
		cosine: *optaxNewCosine(1.21, 50, -3.0/1.21, 2)}
	for step, want := range map[int64]float64{0: 0.20000004768371582, 10: 0.4020000100135803, 50: 1.2100000381469727,
		75: -1.947500228881836, 100: -3.000000238418579} {
		if got := c.at(step, 101); got != want {
			t.Errorf("test_with_exponent: step %d = %.17g, optax expects %.17g", step, got, want)
		}
	}
	c = &optaxWarmupCosine{w: 50, decaySteps: 100, init: 0.2, diff: float32(0.2 - 0), peak: 0,
		cosine: *optaxNewCosine(0, 50, 0, 2)}
	for step, want := range map[int64]float64{0: 0.2, 10: 0.16, 50: 0, 75: 0, 100: 0} {
		if got := c.at(step, 101); !tolerance(got, want, 1e-6) {
			t.Errorf("test_zero_peak_value: step %d = %.17g, optax expects %.17g", step, got, want)
		}
	}
	// The same through Parse: peak_value 0 and end_value 0.
	checkPoints(t, `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.2,"peak_value":0,"warmup_steps":50,"decay_steps":100,"exponent":2}`, 101,
		map[int]float64{0: 0.2, 10: 0.16, 50: 0, 75: 0, 100: 0}, 1e-6)
}

// schedules_warmup_cosine_test.py (optax/schedules): the warmup strictly
// increases and reaches the peak; the cosine is non-increasing to end_value;
// exponent 2 never exceeds exponent 1 after warmup.
func TestOptaxWarmupCosineProperties(t *testing.T) {
	v := mustValues(t, `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":5,"decay_steps":25,"end_value":0.1}`, 26)
	for i := 0; i < 5; i++ {
		if !(v[i] < v[i+1]) {
			t.Errorf("warmup not increasing at %d: %g, %g", i, v[i], v[i+1])
		}
	}
	if math.Abs(v[5]-1) > 5e-8 {
		t.Errorf("step 5 = %g, want 1 to 7 places", v[5])
	}
	v = mustValues(t, `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":2,"warmup_steps":4,"decay_steps":20,"end_value":0.5}`, 21)
	for i := 4; i < 20; i++ {
		if v[i] < v[i+1] {
			t.Errorf("cosine increasing at %d: %g, %g", i, v[i], v[i+1])
		}
	}
	if math.Abs(v[20]-0.5) > 5e-8 {
		t.Errorf("step 20 = %g, want 0.5 to 7 places", v[20])
	}
	base := mustValues(t, `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":2,"decay_steps":12}`, 13)
	steep := mustValues(t, `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":2,"decay_steps":12,"exponent":2}`, 13)
	for i := 2; i <= 12; i++ {
		if steep[i] > base[i]+1e-12 {
			t.Errorf("step %d: exponent 2 gives %g > exponent 1's %g", i, steep[i], base[i])
		}
	}
}

// Exact float32 values. "py:" rows were printed by python3 running a
// transcription of the optax source with every jnp operation rounded to
// float32 (struct.pack('f')) in the source's order, cos and pow in float64
// then rounded; the other rows are worked by hand.
func TestOptaxPoints(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		// py: init 0.1, decay 10. By hand: at 5, cos(π/2) rounds to −4.4e−8 in float32 arithmetic
		// (π₃₂·5/10 ≠ π/2), so 0.5·(1 + cos) is 0.49999997 and the value 0.049999997.
		{`{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":10}`, 12, map[int]float64{
			0: 0.10000000149011612, 1: 0.0975528284907341, 3: 0.07938926666975021, 5: 0.04999999701976776,
			9: 0.0024471760261803865, 10: 0, 11: 0}},
		// py: alpha 0.1 of 0.1: held at 0.010000000707805157 from decay_steps on.
		{`{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":5,"alpha":0.1}`, 12, map[int]float64{
			1: 0.09140576422214508, 4: 0.018594233319163322, 5: 0.010000000707805157, 11: 0.010000000707805157}},
		// py: past 2²⁴ the count rounds to float32: 16777217 → 16777216.
		{`{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":30000000}`, 30000001, map[int]float64{
			16777217: 0.4074814021587372, 16777218: 0.40748128294944763, 16777219: 0.40748122334480286,
			29999999: 0, 30000000: 0}},
		// py: alpha 2: rises from 1 to 2.
		{`{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":4,"alpha":2}`, 6, map[int]float64{
			0: 1, 1: 1.1464465856552124, 2: 1.5, 3: 1.8535534143447876, 4: 2, 5: 2}},
		// py: every step of a warmup of 5 to 1, cosine to 0.1 at 25.
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":5,"decay_steps":25,"end_value":0.1}`, 27, map[int]float64{
			0: 0, 1: 0.19999998807907104, 2: 0.3999999761581421, 3: 0.6000000238418579, 4: 0.800000011920929, 5: 1,
			6: 0.9944597482681274, 10: 0.8681980967521667, 15: 0.5499999523162842, 20: 0.23180195689201355,
			24: 0.10554023832082748, 25: 0.10000000149011612, 26: 0.10000000149011612}},
		// py: test_limits' first run, and past its end.
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":10,"peak_value":0.5,"warmup_steps":100,"decay_steps":1000,"end_value":1e-4}`, 1201, map[int]float64{
			0: 10, 50: 5.25, 100: 0.5, 550: 0.25005003809928894, 1000: 9.999999747378752e-05, 1200: 9.999999747378752e-05}},
		// py: no warmup.
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.3,"peak_value":1,"warmup_steps":0,"decay_steps":4}`, 6, map[int]float64{
			0: 1, 1: 0.8535534143447876, 2: 0.4999999701976776, 3: 0.1464466154575348, 4: 0, 5: 0}},
	}
	for _, tt := range tests {
		hfCheckAt(t, tt.spec, int64(tt.steps), tt.want, 0)
	}
}

// Each row is a line of a "Special cases are" list in optax.go.
func TestOptaxSpecialCases(t *testing.T) {
	tests := []struct {
		name  string
		spec  string
		steps int
		want  map[int]float64
	}{
		{"cosine t ≥ decay_steps", `{"kind":"optax.cosine_decay_schedule","init_value":2,"decay_steps":3,"alpha":0.25}`, 10,
			map[int]float64{3: 0.5, 9: 0.5}},
		// py: float32(16777217) = 16777216.
		{"cosine t > 2²⁴", `{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":30000000}`, 30000001,
			map[int]float64{16777216: 0.4074814021587372, 16777217: 0.4074814021587372}},
		{"cosine exponent 0", `{"kind":"optax.cosine_decay_schedule","init_value":0.5,"decay_steps":3,"exponent":0}`, 5,
			map[int]float64{0: 0.5, 3: 0.5, 4: 0.5}},
		{"cosine alpha > 1", `{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":4,"alpha":2}`, 6,
			map[int]float64{0: 1, 2: 1.5, 5: 2}},
		{"warmup t = 0", `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.2,"peak_value":1.21,"warmup_steps":50,"decay_steps":100}`, 1,
			map[int]float64{0: 0.20000004768371582}},
		{"warmup t = warmup_steps", `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.2,"peak_value":1.21,"warmup_steps":50,"decay_steps":100}`, 51,
			map[int]float64{50: 1.2100000381469727}},
		{"warmup t ≥ decay_steps", `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":5,"decay_steps":25,"end_value":0.1}`, 40,
			map[int]float64{25: 0.10000000149011612, 39: 0.10000000149011612}},
		{"warmup_steps = 0", `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.3,"peak_value":1,"warmup_steps":0,"decay_steps":4}`, 3,
			map[int]float64{0: 1}},
		{"peak_value = 0", `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.2,"peak_value":0,"warmup_steps":5,"decay_steps":10,"end_value":1}`, 12,
			map[int]float64{5: 0, 11: 0}},
		// By hand: (1 − 0.2)·(1 − 1/4) + 0.2 = 0.8 in float32.
		{"init_value > peak_value", `{"kind":"optax.warmup_cosine_decay_schedule","init_value":1,"peak_value":0.2,"warmup_steps":4,"decay_steps":10}`, 5,
			map[int]float64{0: 1, 1: float64(float32(float32(0.8)*0.75) + float32(0.2)), 4: float64(float32(0.2))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { hfCheckAt(t, tt.spec, int64(tt.steps), tt.want, 0) })
	}
	// decay_steps ≤ warmup_steps and OverflowError: see TestOptaxErrors.
}

func TestOptaxErrors(t *testing.T) {
	tests := []struct {
		spec  string
		param string
		want  string
	}{
		// cosine_decay_schedule raises ValueError for decay_steps <= 0.
		{`{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":0}`, "decay_steps", "out of range"},
		{`{"kind":"optax.cosine_decay_schedule","init_value":1}`, "decay_steps", "missing"},
		{`{"kind":"optax.cosine_decay_schedule","decay_steps":10}`, "init_value", "missing"},
		{`{"kind":"optax.cosine_decay_schedule","init_value":-1,"decay_steps":10}`, "init_value", "out of range"},
		{`{"kind":"optax.cosine_decay_schedule","init_value":1e39,"decay_steps":10}`, "init_value", "out of range"},
		{`{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":10,"alpha":-0.5}`, "alpha", "out of range"},
		{`{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":10,"alpha":1e39}`, "alpha", "float32"},
		// A tiny init_value lets init_value·alpha pass, but alpha itself is inf in float32: nan at every step.
		{`{"kind":"optax.cosine_decay_schedule","init_value":1e-300,"decay_steps":1000,"alpha":1e300}`, "alpha", "overflows float32"},
		{`{"kind":"optax.cosine_decay_schedule","init_value":5e-324,"decay_steps":1,"alpha":3.5e38}`, "alpha", "overflows float32"},
		{`{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":10,"exponent":-1}`, "exponent", "out of range"},
		// warmup_cosine_decay_schedule raises ValueError when decay_steps − warmup_steps ≤ 0
		// (schedules_warmup_cosine_test.py test_raises_when_decay_equals_warmup).
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.2,"peak_value":1.2,"warmup_steps":10,"decay_steps":10}`, "decay_steps", "requires positive decay_steps, got decay_steps=0"},
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.2,"peak_value":1.2,"warmup_steps":10,"decay_steps":3}`, "decay_steps", "must be more than warmup_steps"},
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.2,"peak_value":1.2,"warmup_steps":10,"decay_steps":30,"end_value":-3}`, "end_value", "out of range"},
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.2,"peak_value":1e-300,"warmup_steps":10,"decay_steps":30,"end_value":1}`, "end_value", "overflows float32"},
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":2147483648,"decay_steps":3000000000}`, "warmup_steps", "out of range"},
	}
	for _, tt := range tests {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}

	// OverflowError past 2³¹ − 1 with a warmup; none without one, nor for cosine_decay_schedule.
	s := mustParse(t, `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":10,"decay_steps":100}`)
	if err := s.CheckSteps(1 << 31); err != nil {
		t.Errorf("CheckSteps(2³¹) = %v, want nil (the last step is 2³¹ − 1)", err)
	}
	var e *Error
	if err := s.CheckSteps(1<<31 + 1); !errors.As(err, &e) || e.Param != "steps" || !strings.Contains(e.Msg, "OverflowError") {
		t.Errorf("CheckSteps(2³¹ + 1) = %v, want an OverflowError *Error about steps", err)
	}
	for _, spec := range []string{
		`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":0,"decay_steps":100}`,
		`{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":100}`,
	} {
		if err := mustParse(t, spec).CheckSteps(MaxSteps); err != nil {
			t.Errorf("%s: CheckSteps(MaxSteps) = %v", spec, err)
		}
	}
}

func TestOptaxEvents(t *testing.T) {
	tests := []struct {
		spec string
		n    int64
		want []Event
	}{
		{`{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":10}`, 12, []Event{{10, Boundary}}},
		{`{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":10}`, 10, nil},
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":5,"decay_steps":25}`, 30,
			[]Event{{5, WarmupEnd}, {25, Boundary}}},
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":0,"decay_steps":25}`, 30,
			[]Event{{25, Boundary}}},
	}
	for _, tt := range tests {
		hfSameEvents(t, tt.spec, hfEvents(t, tt.spec, tt.n), tt.want)
	}
	for _, s := range []struct {
		spec  string
		steps int
	}{
		{`{"kind":"optax.cosine_decay_schedule","init_value":1e-3,"decay_steps":1000,"alpha":0.1}`, 1200},
		{`{"kind":"optax.cosine_decay_schedule","init_value":1e-3,"decay_steps":1,"exponent":3}`, 10},
		{`{"kind":"optax.cosine_decay_schedule","init_value":1e-3,"decay_steps":100000,"alpha":3,"exponent":0.5}`, 100000},
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1e-3,"warmup_steps":100,"decay_steps":1000,"end_value":1e-5}`, 1000},
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1e-3,"warmup_steps":100,"decay_steps":1000,"end_value":1e-5}`, 3000},
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":1,"peak_value":0.1,"warmup_steps":10,"decay_steps":11,"end_value":0.5}`, 30},
		{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":999,"decay_steps":1000,"exponent":7}`, 1100},
	} {
		checkEventContract(t, s.spec, s.steps)
	}
	hfCheckWindow(t, `{"kind":"optax.cosine_decay_schedule","init_value":1,"decay_steps":500000000000}`, MaxSteps, 5e11-10000, 5e11+10000)
	hfCheckWindow(t, `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":1000000,"decay_steps":2000000000}`, 1<<31, 1e6-100, 1e6+100)
}
