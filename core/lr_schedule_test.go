package core

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// lrsFunc is a kind's func(progress_remaining), as the source's tests call it.
func lrsFunc(t *testing.T, spec string) func(pr float64) float64 {
	t.Helper()
	return mustParse(t, spec).curve.(*lrsSchedule).value
}

// The expected values and tolerances of the source's own tests:
// mjacobsen32/ramblingrealms-trading trading/test/alg/agents/test_lr_schedule.py.
func TestLRScheduleFrameworkExpectedValues(t *testing.T) {
	near := func(name string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) >= tol {
			t.Errorf("%s = %.17g, the source's test expects %.17g ± %g", name, got, want, tol)
		}
	}
	// test_base_lr_schedule: linear with initial_value 0.02 and the default final_value 0.
	lin := lrsFunc(t, `{"kind":"lr_schedule.linear","initial_value":0.02}`)
	if lin(1) != 0.02 || lin(0.5) != 0.01 || lin(0) != 0 {
		t.Errorf("test_base_lr_schedule: linear(1, 0.5, 0) = %g, %g, %g; want 0.02, 0.01, 0", lin(1), lin(0.5), lin(0))
	}
	// test_linear_schedule.
	lin = lrsFunc(t, `{"kind":"lr_schedule.linear","initial_value":1e-3,"final_value":1e-5}`)
	near("linear(1)", lin(1), 1e-3, 1e-10)
	near("linear(0.5)", lin(0.5), 0.5*1e-3+0.5*1e-5, 1e-10)
	near("linear(0)", lin(0), 1e-5, 1e-10)
	// test_cosine_schedule.
	cos := lrsFunc(t, `{"kind":"lr_schedule.cosine","initial_value":1e-3,"final_value":1e-5}`)
	near("cosine(1)", cos(1), 1e-3, 1e-10)
	near("cosine(0)", cos(0), 1e-5, 1e-10)
	if !(1e-5 < cos(0.5) && cos(0.5) < 1e-3) || !(cos(0.75) > cos(0.5) && cos(0.5) > cos(0.25)) {
		t.Errorf("test_cosine_schedule: cosine(0.75, 0.5, 0.25) = %g, %g, %g", cos(0.75), cos(0.5), cos(0.25))
	}
	// test_exponential_schedule: ends at initial·decay_rate, below linear to 1e-4 at 25%.
	exp := lrsFunc(t, `{"kind":"lr_schedule.exponential","initial_value":1e-3,"decay_rate":0.1}`)
	near("exponential(1)", exp(1), 1e-3, 1e-10)
	near("exponential(0)", exp(0), 1e-3*0.1, 1e-10)
	if lin2 := lrsFunc(t, `{"kind":"lr_schedule.linear","initial_value":1e-3,"final_value":1e-4}`); !(exp(0.75) < lin2(0.75)) {
		t.Errorf("test_exponential_schedule: exponential(0.75) = %g, not below linear's %g", exp(0.75), lin2(0.75))
	}
	// test_cosine_warmup_schedule: near 0 at the start, initial_value at 90% remaining (± 1e-6), final_value at the end.
	cw := lrsFunc(t, `{"kind":"lr_schedule.cosine_warmup","initial_value":1e-3,"final_value":1e-5,"warmup_fraction":0.1}`)
	if !(cw(1) < 1e-4) {
		t.Errorf("cosine_warmup(1) = %g, want < 1e-4", cw(1))
	}
	near("cosine_warmup(0.9)", cw(0.9), 1e-3, 1e-6)
	near("cosine_warmup(0)", cw(0), 1e-5, 1e-10)
	if !(cw(1) < cw(0.95) && cw(0.95) < cw(0.9)) || !(cw(0.9) > cw(0.5) && cw(0.5) > cw(0.1)) {
		t.Errorf("test_cosine_warmup_monotonicity: %g, %g, %g, %g, %g", cw(1), cw(0.95), cw(0.9), cw(0.5), cw(0.1))
	}
	// test_polynomial_schedule and test_polynomial_power_variations.
	poly := lrsFunc(t, `{"kind":"lr_schedule.polynomial","initial_value":1e-3,"final_value":1e-5,"power":2}`)
	near("polynomial(1)", poly(1), 1e-3, 1e-10)
	near("polynomial(0)", poly(0), 1e-5, 1e-10)
	near("polynomial(0.5)", poly(0.5), (1e-3-1e-5)*0.25+1e-5, 1e-10)
	p1 := lrsFunc(t, `{"kind":"lr_schedule.polynomial","initial_value":1e-3,"final_value":1e-5,"power":1}`)
	p3 := lrsFunc(t, `{"kind":"lr_schedule.polynomial","initial_value":1e-3,"final_value":1e-5,"power":3}`)
	if !(p3(0.5) < poly(0.5) && poly(0.5) < p1(0.5)) {
		t.Errorf("power variations at 0.5: %g, %g, %g", p3(0.5), poly(0.5), p1(0.5))
	}
	// test_schedule_monotonicity.
	for _, spec := range []string{
		`{"kind":"lr_schedule.linear","initial_value":1e-3,"final_value":1e-5}`,
		`{"kind":"lr_schedule.cosine","initial_value":1e-3,"final_value":1e-5}`,
		`{"kind":"lr_schedule.exponential","initial_value":1e-3,"decay_rate":0.1}`,
		`{"kind":"lr_schedule.polynomial","initial_value":1e-3,"final_value":1e-5,"power":2}`,
	} {
		f := lrsFunc(t, spec)
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
func TestLRSchedulePoints(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		// By hand: pr = 1 − i/7; 3e-4·pr + 1e-5·(1 − pr). py for the digits.
		{`{"kind":"lr_schedule.linear","initial_value":3e-4,"final_value":1e-5}`, 7, map[int]float64{
			0: 0.0003, 1: 0.0002585714285714286, 3: 0.0001757142857142857, 6: 5.142857142857144e-05}},
		{`{"kind":"lr_schedule.linear","initial_value":1e-4,"final_value":1e-3}`, 4, map[int]float64{
			0: 0.0001, 1: 0.000325, 2: 0.00055, 3: 0.000775}},
		{`{"kind":"lr_schedule.cosine","initial_value":3e-4,"final_value":1e-5}`, 7, map[int]float64{
			0: 0.0003, 1: 0.0002856404858458508, 2: 0.00024540602126951636, 3: 0.00018726553542366555,
			4: 0.0001227344645763344, 6: 2.4359514154149237e-05}},
		{`{"kind":"lr_schedule.exponential","initial_value":3e-4,"decay_rate":0.1}`, 7, map[int]float64{
			0: 0.0003, 1: 0.00021590570190034564, 3: 0.0001118278116094482, 6: 4.168486483119413e-05}},
		// py: 1 − (1 − 3/30) = 0.09999999999999998 < 0.1: step 3 is still warmup.
		{`{"kind":"lr_schedule.cosine_warmup","initial_value":3e-4,"final_value":1e-5,"warmup_fraction":0.1}`, 30, map[int]float64{
			0: 0, 1: 9.999999999999996e-05, 3: 0.0002999999999999999, 4: 0.0002990195618725817,
			10: 0.00025450503749096636}},
		// By hand: warmup 0.3 of 10: 1/0.3·0.1 at 1; at 3, progress 0.3: cosine at 0, 1.0.
		{`{"kind":"lr_schedule.cosine_warmup","initial_value":1,"final_value":0,"warmup_fraction":0.3}`, 10, map[int]float64{
			0: 0, 1: 0.33333333333333326, 2: 0.6666666666666665, 3: 1, 4: 0.9504844339512095, 9: 0.04951556604879037}},
		{`{"kind":"lr_schedule.polynomial","initial_value":3e-4,"final_value":1e-5,"power":2}`, 7, map[int]float64{
			0: 0.0003, 1: 0.00022306122448979593, 2: 0.00015795918367346936, 6: 1.591836734693878e-05}},
		// By hand: √(1 − i/7).
		{`{"kind":"lr_schedule.polynomial","initial_value":1,"final_value":0,"power":0.5}`, 7, map[int]float64{
			0: 1, 1: math.Sqrt(6.0 / 7), 3: 0.7559289460184544, 6: 0.3779644730092273}},
	}
	for _, tt := range tests {
		checkPoints(t, tt.spec, tt.steps, tt.want, 1e-15)
	}
	// py: near the end 1 + cos(π·c) cancels to 7e−5, magnifying the last-bit
	// difference between Go's math.Cos and libm's cos: 1e−13 here.
	checkPoints(t, `{"kind":"lr_schedule.cosine_warmup","initial_value":3e-4,"final_value":1e-5,"warmup_fraction":0.1}`, 30,
		map[int]float64{29: 1.0980438127418263e-05}, 1e-13)
}

// Each row is a line of the "Special cases are" list in lr_schedule.go.
func TestLRScheduleSpecialCases(t *testing.T) {
	tests := []struct {
		name  string
		spec  string
		steps int
		want  map[int]float64
	}{
		{"i = 0", `{"kind":"lr_schedule.cosine","initial_value":0.5,"final_value":0.1}`, 10, map[int]float64{0: 0.5}},
		{"i = 0, cosine_warmup", `{"kind":"lr_schedule.cosine_warmup","initial_value":0.5}`, 10, map[int]float64{0: 0}},
		// pr = 1/4 at the last step of 4: 0.25·1 + 0.75·0.
		{"i = N − 1", `{"kind":"lr_schedule.linear","initial_value":1}`, 4, map[int]float64{3: 0.25}},
		{"final_value > initial_value", `{"kind":"lr_schedule.polynomial","initial_value":1,"final_value":2,"power":1}`, 4,
			map[int]float64{0: 1, 2: 1.5, 3: 1.75}},
		{"decay_rate = 1", `{"kind":"lr_schedule.exponential","initial_value":0.3,"decay_rate":1}`, 5, map[int]float64{0: 0.3, 4: 0.3}},
		{"power = 0", `{"kind":"lr_schedule.polynomial","initial_value":0.3,"final_value":0.1,"power":0}`, 5, map[int]float64{0: 0.3, 4: 0.3}},
		{"constant", `{"kind":"lr_schedule.constant","initial_value":0.3,"final_value":0.1}`, 5, map[int]float64{0: 0.3, 2: 0.3, 4: 0.3}},
		{"N = 1", `{"kind":"lr_schedule.cosine","initial_value":0.3,"final_value":0.1}`, 1, map[int]float64{0: 0.3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkPoints(t, tt.spec, tt.steps, tt.want, 1e-15) })
	}
}

func TestLRScheduleErrors(t *testing.T) {
	tests := []struct {
		spec  string
		param string
		want  string
	}{
		// The module raises ValueError for these, in these words.
		{`{"kind":"lr_schedule.exponential","decay_rate":0}`, "decay_rate",
			"0 is out of range; must be a number (0, 1] (lr_schedule raises ValueError: decay_rate must be in the interval (0, 1], got 0)"},
		{`{"kind":"lr_schedule.exponential","decay_rate":1.5}`, "decay_rate", "decay_rate must be in the interval (0, 1], got 1.5"},
		{`{"kind":"lr_schedule.cosine_warmup","warmup_fraction":0}`, "warmup_fraction",
			"warmup_fraction must be in the open interval (0, 1), got 0"},
		{`{"kind":"lr_schedule.cosine_warmup","warmup_fraction":1}`, "warmup_fraction",
			"1 is out of range; must be a number (0, 1) (lr_schedule raises ValueError: warmup_fraction must be in the open interval (0, 1), got 1)"},
		{`{"kind":"lr_schedule.polynomial","power":-1}`, "power",
			"(lr_schedule raises ValueError: PolynomialLRSchedule 'power' must be non-negative, got -1)"},
		{`{"kind":"lr_schedule.polynomial","power":"2"}`, "power", "not a number"},
		// Negative learning rates.
		{`{"kind":"lr_schedule.linear","initial_value":-1e-3}`, "initial_value", "out of range"},
		{`{"kind":"lr_schedule.linear","final_value":-1e-3}`, "final_value", "out of range"},
		{`{"kind":"lr_schedule.cosine","initial_value":1e301}`, "initial_value", "out of range"},
		{`{"kind":"lr_schedule.constant","initial_value":0}`, "initial_value", "out of range"},
		{`{"kind":"lr_schedule.exponential","final_value":-1}`, "final_value", "out of range"},
		// "type" picks the kind; it is no parameter of one.
		{`{"kind":"lr_schedule.linear","type":"linear"}`, "type", "unknown parameter"},
		{`{"kind":"lr_schedule.constant","decay_rate":0.5}`, "decay_rate", "unknown parameter"},
	}
	for _, tt := range tests {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

func TestLRScheduleEvents(t *testing.T) {
	// The first step whose progress 1 − (1 − i/N) reaches warmup_fraction, found by
	// stepping the transcription (py) from 0.
	for _, tt := range []struct {
		wf   float64
		n, w int64
	}{{0.1, 30, 4}, {0.3, 10, 3}, {0.7, 10, 7}, {0.1, 7, 1}, {0.29, 100, 29}, {0.57, 100, 57}, {0.1, 1000000007, 100000001}} {
		spec := `{"kind":"lr_schedule.cosine_warmup","warmup_fraction":` + formatFloat(tt.wf) + `}`
		hfSameEvents(t, spec, hfEvents(t, spec, tt.n), []Event{{tt.w, WarmupEnd}})
	}
	// A warmup too short to end within the run.
	spec := `{"kind":"lr_schedule.cosine_warmup","warmup_fraction":0.9}`
	hfSameEvents(t, spec, hfEvents(t, spec, 1), nil)
	hfSameEvents(t, spec, hfEvents(t, spec, 2), nil)
	for _, s := range []struct {
		spec  string
		steps int
	}{
		{`{"kind":"lr_schedule.linear"}`, 1000},
		{`{"kind":"lr_schedule.linear","initial_value":1e-4,"final_value":1e-3}`, 100},
		{`{"kind":"lr_schedule.cosine"}`, 1000},
		{`{"kind":"lr_schedule.cosine","initial_value":1e-4,"final_value":1e-3}`, 1},
		{`{"kind":"lr_schedule.exponential","decay_rate":1e-9}`, 1000},
		{`{"kind":"lr_schedule.cosine_warmup"}`, 1000},
		{`{"kind":"lr_schedule.cosine_warmup","warmup_fraction":0.999}`, 1000},
		{`{"kind":"lr_schedule.cosine_warmup","initial_value":1e-4,"final_value":1e-3}`, 333},
		{`{"kind":"lr_schedule.cosine_warmup","warmup_fraction":0.1}`, 30},
		{`{"kind":"lr_schedule.polynomial","power":7.5}`, 1000},
	} {
		checkEventContract(t, s.spec, s.steps)
	}
	hfCheckWindow(t, `{"kind":"lr_schedule.cosine_warmup","warmup_fraction":0.37}`, MaxSteps, 37e10-10000, 37e10+10000)
}

// A nearly flat linear schedule wobbles by an ulp; its events cut it into
// flat runs, so drawing stays exact.
func TestLRScheduleLinearWobble(t *testing.T) {
	for _, spec := range []string{
		`{"kind":"lr_schedule.linear","initial_value":1.05,"final_value":1.05}`,
		`{"kind":"lr_schedule.linear","initial_value":0.017077333777369332,"final_value":0.017077333777369336}`,
		`{"kind":"lr_schedule.linear","initial_value":0.1,"final_value":0.1000000000001}`,
	} {
		checkEventContract(t, spec, 1000)
	}
	// A real slope has no events.
	s := mustParse(t, `{"kind":"lr_schedule.linear","initial_value":0.1,"final_value":0.01}`)
	for e := range s.Events(1000, 0, 1000) {
		t.Errorf("sloped linear schedule has event %v", e)
	}
}

// Every type reads final_value from the config, as BaseLRSchedule does; the
// exponential and constant ones do not use it, so it changes nothing.
func TestLRScheduleUnusedFinalValue(t *testing.T) {
	for _, pair := range [][2]string{
		{`{"kind":"lr_schedule.exponential","initial_value":3e-4,"decay_rate":0.01}`,
			`{"kind":"lr_schedule.exponential","initial_value":3e-4,"final_value":0.5,"decay_rate":0.01}`},
		{`{"kind":"lr_schedule.constant","initial_value":3e-4}`,
			`{"kind":"lr_schedule.constant","initial_value":3e-4,"final_value":1e-5}`},
	} {
		a, b := mustValues(t, pair[0], 997), mustValues(t, pair[1], 997)
		if !slices.Equal(a, b) {
			t.Errorf("%s and %s differ", pair[0], pair[1])
		}
	}
	// The parameter is there to be read, with the module's default.
	for _, name := range []string{"lr_schedule.exponential", "lr_schedule.constant"} {
		p := LookupKind(name).Param("final_value")
		if p == nil || p.Default != 0.0 || !strings.Contains(p.Doc, "not used") {
			t.Errorf("%s: final_value is %+v, want a parameter defaulting to 0 documented as unused", name, p)
		}
	}
}

// The kinds' former names, sb3.*, are aliases: they parse to the same
// curve, and a spec written back names the new kind.
func TestLRScheduleAliases(t *testing.T) {
	renamed := map[string]string{
		"sb3.linear": "lr_schedule.linear", "sb3.cosine": "lr_schedule.cosine", "sb3.exponential": "lr_schedule.exponential",
		"sb3.cosine_warmup": "lr_schedule.cosine_warmup", "sb3.polynomial": "lr_schedule.polynomial",
	}
	for old, name := range renamed {
		k := LookupKind(old)
		if k == nil || k.Name != name || !slices.Contains(k.Aliases, old) {
			t.Errorf("LookupKind(%q) = %v, want %s", old, k, name)
			continue
		}
		params := strings.TrimPrefix(k.Example, `{"kind": "`+name+`"`)
		oldSpec := `{"kind": "` + old + `"` + params
		for _, steps := range []int{1, 7, 1000} {
			if a, b := mustValues(t, oldSpec, steps), mustValues(t, k.Example, steps); !slices.Equal(a, b) {
				t.Errorf("%s and %s differ over %d steps", oldSpec, k.Example, steps)
			}
		}
		if b, err := mustParse(t, oldSpec).MarshalJSON(); err != nil || !strings.HasPrefix(string(b), `{"kind":"`+name+`"`) {
			t.Errorf("%s is written back as %s (%v)", oldSpec, b, err)
		}
	}
	// Kinds lists the new names only, and no alias is a kind's name.
	for _, k := range Kinds() {
		if strings.HasPrefix(k.Name, "sb3.") {
			t.Errorf("Kinds() lists %s", k.Name)
		}
		for _, a := range k.Aliases {
			if slices.Contains(kindNames(), a) || LookupKind(a) != k {
				t.Errorf("%s's alias %s does not resolve to it alone", k.Name, a)
			}
		}
	}
	if !strings.Contains(kindList(), "lr_schedule.constant") || strings.Contains(kindList(), "sb3.") {
		t.Errorf("the kinds messages list are %s", kindList())
	}
	// A former name that was never a kind stays unknown.
	wantParseError(t, `{"kind":"sb3.constant"}`, "kind", "unknown kind")
}
