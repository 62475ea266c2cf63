package core

import (
	"math"
	"testing"
)

// sb3Func is a kind's func(progress_remaining), as the source's tests call it.
func sb3Func(t *testing.T, spec string) func(pr float64) float64 {
	t.Helper()
	return mustParse(t, spec).curve.(*sb3Schedule).value
}

// The expected values and tolerances of the source's own tests:
// mjacobsen32/ramblingrealms-trading trading/test/alg/agents/test_lr_schedule.py.
func TestSB3FrameworkExpectedValues(t *testing.T) {
	near := func(name string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) >= tol {
			t.Errorf("%s = %.17g, the source's test expects %.17g ± %g", name, got, want, tol)
		}
	}
	// test_base_lr_schedule: linear with initial_value 0.02 and the default final_value 0.
	lin := sb3Func(t, `{"kind":"sb3.linear","initial_value":0.02}`)
	if lin(1) != 0.02 || lin(0.5) != 0.01 || lin(0) != 0 {
		t.Errorf("test_base_lr_schedule: linear(1, 0.5, 0) = %g, %g, %g; want 0.02, 0.01, 0", lin(1), lin(0.5), lin(0))
	}
	// test_linear_schedule.
	lin = sb3Func(t, `{"kind":"sb3.linear","initial_value":1e-3,"final_value":1e-5}`)
	near("linear(1)", lin(1), 1e-3, 1e-10)
	near("linear(0.5)", lin(0.5), 0.5*1e-3+0.5*1e-5, 1e-10)
	near("linear(0)", lin(0), 1e-5, 1e-10)
	// test_cosine_schedule.
	cos := sb3Func(t, `{"kind":"sb3.cosine","initial_value":1e-3,"final_value":1e-5}`)
	near("cosine(1)", cos(1), 1e-3, 1e-10)
	near("cosine(0)", cos(0), 1e-5, 1e-10)
	if !(1e-5 < cos(0.5) && cos(0.5) < 1e-3) || !(cos(0.75) > cos(0.5) && cos(0.5) > cos(0.25)) {
		t.Errorf("test_cosine_schedule: cosine(0.75, 0.5, 0.25) = %g, %g, %g", cos(0.75), cos(0.5), cos(0.25))
	}
	// test_exponential_schedule: ends at initial·decay_rate, below linear to 1e-4 at 25%.
	exp := sb3Func(t, `{"kind":"sb3.exponential","initial_value":1e-3,"decay_rate":0.1}`)
	near("exponential(1)", exp(1), 1e-3, 1e-10)
	near("exponential(0)", exp(0), 1e-3*0.1, 1e-10)
	if lin2 := sb3Func(t, `{"kind":"sb3.linear","initial_value":1e-3,"final_value":1e-4}`); !(exp(0.75) < lin2(0.75)) {
		t.Errorf("test_exponential_schedule: exponential(0.75) = %g, not below linear's %g", exp(0.75), lin2(0.75))
	}
	// test_cosine_warmup_schedule: near 0 at the start, initial_value at 90% remaining (± 1e-6), final_value at the end.
	cw := sb3Func(t, `{"kind":"sb3.cosine_warmup","initial_value":1e-3,"final_value":1e-5,"warmup_fraction":0.1}`)
	if !(cw(1) < 1e-4) {
		t.Errorf("cosine_warmup(1) = %g, want < 1e-4", cw(1))
	}
	near("cosine_warmup(0.9)", cw(0.9), 1e-3, 1e-6)
	near("cosine_warmup(0)", cw(0), 1e-5, 1e-10)
	if !(cw(1) < cw(0.95) && cw(0.95) < cw(0.9)) || !(cw(0.9) > cw(0.5) && cw(0.5) > cw(0.1)) {
		t.Errorf("test_cosine_warmup_monotonicity: %g, %g, %g, %g, %g", cw(1), cw(0.95), cw(0.9), cw(0.5), cw(0.1))
	}
	// test_polynomial_schedule and test_polynomial_power_variations.
	poly := sb3Func(t, `{"kind":"sb3.polynomial","initial_value":1e-3,"final_value":1e-5,"power":2}`)
	near("polynomial(1)", poly(1), 1e-3, 1e-10)
	near("polynomial(0)", poly(0), 1e-5, 1e-10)
	near("polynomial(0.5)", poly(0.5), (1e-3-1e-5)*0.25+1e-5, 1e-10)
	p1 := sb3Func(t, `{"kind":"sb3.polynomial","initial_value":1e-3,"final_value":1e-5,"power":1}`)
	p3 := sb3Func(t, `{"kind":"sb3.polynomial","initial_value":1e-3,"final_value":1e-5,"power":3}`)
	if !(p3(0.5) < poly(0.5) && poly(0.5) < p1(0.5)) {
		t.Errorf("power variations at 0.5: %g, %g, %g", p3(0.5), poly(0.5), p1(0.5))
	}
	// test_schedule_monotonicity.
	for _, spec := range []string{
		`{"kind":"sb3.linear","initial_value":1e-3,"final_value":1e-5}`,
		`{"kind":"sb3.cosine","initial_value":1e-3,"final_value":1e-5}`,
		`{"kind":"sb3.exponential","initial_value":1e-3,"decay_rate":0.1}`,
		`{"kind":"sb3.polynomial","initial_value":1e-3,"final_value":1e-5,"power":2}`,
	} {
		f := sb3Func(t, spec)
		prev := math.Inf(1)
		for _, pr := range []float64{1.0, 0.9, 0.7, 0.5, 0.3, 0.1, 0.0} {
			if v := f(pr); v > prev {
				t.Errorf("%s not monotonic at %g", spec, pr)
			} else {
				prev = v
			}
		}
	}
}

// "py:" rows were printed by python3 running a transcription of
// lr_schedule.py with SB3's progress_remaining; the other rows are by hand.
func TestSB3Points(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		// By hand: pr = 1 − i/7; 3e-4·pr + 1e-5·(1 − pr). py for the digits.
		{`{"kind":"sb3.linear","initial_value":3e-4,"final_value":1e-5}`, 7, map[int]float64{
			0: 0.0003, 1: 0.0002585714285714286, 3: 0.0001757142857142857, 6: 5.142857142857144e-05}},
		{`{"kind":"sb3.linear","initial_value":1e-4,"final_value":1e-3}`, 4, map[int]float64{
			0: 0.0001, 1: 0.000325, 2: 0.00055, 3: 0.000775}},
		{`{"kind":"sb3.cosine","initial_value":3e-4,"final_value":1e-5}`, 7, map[int]float64{
			0: 0.0003, 1: 0.0002856404858458508, 2: 0.00024540602126951636, 3: 0.00018726553542366555,
			4: 0.0001227344645763344, 6: 2.4359514154149237e-05}},
		{`{"kind":"sb3.exponential","initial_value":3e-4,"decay_rate":0.1}`, 7, map[int]float64{
			0: 0.0003, 1: 0.00021590570190034564, 3: 0.0001118278116094482, 6: 4.168486483119413e-05}},
		// py: 1 − (1 − 3/30) = 0.09999999999999998 < 0.1: step 3 is still warmup.
		{`{"kind":"sb3.cosine_warmup","initial_value":3e-4,"final_value":1e-5,"warmup_fraction":0.1}`, 30, map[int]float64{
			0: 0, 1: 9.999999999999996e-05, 3: 0.0002999999999999999, 4: 0.0002990195618725817,
			10: 0.00025450503749096636}},
		// By hand: warmup 0.3 of 10: 1/0.3·0.1 at 1; at 3, progress 0.3: cosine at 0, 1.0.
		{`{"kind":"sb3.cosine_warmup","initial_value":1,"final_value":0,"warmup_fraction":0.3}`, 10, map[int]float64{
			0: 0, 1: 0.33333333333333326, 2: 0.6666666666666665, 3: 1, 4: 0.9504844339512095, 9: 0.04951556604879037}},
		{`{"kind":"sb3.polynomial","initial_value":3e-4,"final_value":1e-5,"power":2}`, 7, map[int]float64{
			0: 0.0003, 1: 0.00022306122448979593, 2: 0.00015795918367346936, 6: 1.591836734693878e-05}},
		// By hand: √(1 − i/7).
		{`{"kind":"sb3.polynomial","initial_value":1,"final_value":0,"power":0.5}`, 7, map[int]float64{
			0: 1, 1: math.Sqrt(6.0 / 7), 3: 0.7559289460184544, 6: 0.3779644730092273}},
	}
	for _, tt := range tests {
		checkPoints(t, tt.spec, tt.steps, tt.want, 1e-15)
	}
	// py: near the end 1 + cos(π·c) cancels to 7e−5, magnifying the last-bit
	// difference between Go's math.Cos and libm's cos: 1e−13 here.
	checkPoints(t, `{"kind":"sb3.cosine_warmup","initial_value":3e-4,"final_value":1e-5,"warmup_fraction":0.1}`, 30,
		map[int]float64{29: 1.0980438127418263e-05}, 1e-13)
}

// Each row is a line of the "Special cases are" list in sb3.go.
func TestSB3SpecialCases(t *testing.T) {
	tests := []struct {
		name  string
		spec  string
		steps int
		want  map[int]float64
	}{
		{"i = 0", `{"kind":"sb3.cosine","initial_value":0.5,"final_value":0.1}`, 10, map[int]float64{0: 0.5}},
		{"i = 0, cosine_warmup", `{"kind":"sb3.cosine_warmup","initial_value":0.5}`, 10, map[int]float64{0: 0}},
		// pr = 1/4 at the last step of 4: 0.25·1 + 0.75·0.
		{"i = N − 1", `{"kind":"sb3.linear","initial_value":1}`, 4, map[int]float64{3: 0.25}},
		{"final_value > initial_value", `{"kind":"sb3.polynomial","initial_value":1,"final_value":2,"power":1}`, 4,
			map[int]float64{0: 1, 2: 1.5, 3: 1.75}},
		{"decay_rate = 1", `{"kind":"sb3.exponential","initial_value":0.3,"decay_rate":1}`, 5, map[int]float64{0: 0.3, 4: 0.3}},
		{"power = 0", `{"kind":"sb3.polynomial","initial_value":0.3,"final_value":0.1,"power":0}`, 5, map[int]float64{0: 0.3, 4: 0.3}},
		{"N = 1", `{"kind":"sb3.cosine","initial_value":0.3,"final_value":0.1}`, 1, map[int]float64{0: 0.3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkPoints(t, tt.spec, tt.steps, tt.want, 1e-15) })
	}
}

func TestSB3Errors(t *testing.T) {
	tests := []struct {
		spec  string
		param string
		want  string
	}{
		// The source raises ValueError for these.
		{`{"kind":"sb3.exponential","decay_rate":0}`, "decay_rate", "out of range"},
		{`{"kind":"sb3.exponential","decay_rate":1.5}`, "decay_rate", "out of range"},
		{`{"kind":"sb3.cosine_warmup","warmup_fraction":0}`, "warmup_fraction", "out of range"},
		{`{"kind":"sb3.cosine_warmup","warmup_fraction":1}`, "warmup_fraction", "(0, 1)"},
		{`{"kind":"sb3.polynomial","power":-1}`, "power", "out of range"},
		{`{"kind":"sb3.polynomial","power":"2"}`, "power", "not a number"},
		// Negative learning rates.
		{`{"kind":"sb3.linear","initial_value":-1e-3}`, "initial_value", "out of range"},
		{`{"kind":"sb3.linear","final_value":-1e-3}`, "final_value", "out of range"},
		{`{"kind":"sb3.cosine","initial_value":1e301}`, "initial_value", "out of range"},
		{`{"kind":"sb3.exponential","final_value":0}`, "final_value", "unknown parameter"},
		{`{"kind":"sb3.linear","type":"linear"}`, "type", "unknown parameter"},
	}
	for _, tt := range tests {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

func TestSB3Events(t *testing.T) {
	// The first step whose progress 1 − (1 − i/N) reaches warmup_fraction, found by
	// stepping the transcription (py) from 0.
	for _, tt := range []struct {
		wf   float64
		n, w int64
	}{{0.1, 30, 4}, {0.3, 10, 3}, {0.7, 10, 7}, {0.1, 7, 1}, {0.29, 100, 29}, {0.57, 100, 57}, {0.1, 1000000007, 100000001}} {
		spec := `{"kind":"sb3.cosine_warmup","warmup_fraction":` + formatFloat(tt.wf) + `}`
		hfSameEvents(t, spec, hfEvents(t, spec, tt.n), []Event{{tt.w, WarmupEnd}})
	}
	// A warmup too short to end within the run.
	spec := `{"kind":"sb3.cosine_warmup","warmup_fraction":0.9}`
	hfSameEvents(t, spec, hfEvents(t, spec, 1), nil)
	hfSameEvents(t, spec, hfEvents(t, spec, 2), nil)
	for _, s := range []struct {
		spec  string
		steps int
	}{
		{`{"kind":"sb3.linear"}`, 1000},
		{`{"kind":"sb3.linear","initial_value":1e-4,"final_value":1e-3}`, 100},
		{`{"kind":"sb3.cosine"}`, 1000},
		{`{"kind":"sb3.cosine","initial_value":1e-4,"final_value":1e-3}`, 1},
		{`{"kind":"sb3.exponential","decay_rate":1e-9}`, 1000},
		{`{"kind":"sb3.cosine_warmup"}`, 1000},
		{`{"kind":"sb3.cosine_warmup","warmup_fraction":0.999}`, 1000},
		{`{"kind":"sb3.cosine_warmup","initial_value":1e-4,"final_value":1e-3}`, 333},
		{`{"kind":"sb3.cosine_warmup","warmup_fraction":0.1}`, 30},
		{`{"kind":"sb3.polynomial","power":7.5}`, 1000},
	} {
		checkEventContract(t, s.spec, s.steps)
	}
	hfCheckWindow(t, `{"kind":"sb3.cosine_warmup","warmup_fraction":0.37}`, MaxSteps, 37e10-10000, 37e10+10000)
}

// A nearly flat linear schedule wobbles by an ulp; its events cut it into
// flat runs, so drawing stays exact.
func TestSB3LinearWobble(t *testing.T) {
	for _, spec := range []string{
		`{"kind":"sb3.linear","initial_value":1.05,"final_value":1.05}`,
		`{"kind":"sb3.linear","initial_value":0.017077333777369332,"final_value":0.017077333777369336}`,
		`{"kind":"sb3.linear","initial_value":0.1,"final_value":0.1000000000001}`,
	} {
		checkEventContract(t, spec, 1000)
	}
	// A real slope has no events.
	s := mustParse(t, `{"kind":"sb3.linear","initial_value":0.1,"final_value":0.01}`)
	for e := range s.Events(1000, 0, 1000) {
		t.Errorf("sloped linear schedule has event %v", e)
	}
}
