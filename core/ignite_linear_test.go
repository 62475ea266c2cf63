package core

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// Reference values, unless a comment says otherwise, were printed by
// ignite's own ignite/handlers/param_scheduler.py (pytorch/ignite main, run
// under python3 with torch 1.13 and a stand-in for ignite.engine, which the
// module only names) through LinearCyclicalScheduler.simulate_values. Its
// arithmetic is + − × ÷ and abs only, so the port must agree bit for bit.

func igniteLinearSpec(params string) string {
	return `{"kind":"ignite.LinearCyclicalScheduler",` + params + `}`
}

// checkIgniteLinear compares the first len(want) values with want exactly.
func checkIgniteLinear(t *testing.T, params string, want []float64) {
	t.Helper()
	got := mustValues(t, igniteLinearSpec(params), len(want))
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: step %d = %.17g, want %.17g", params, i, got[i], want[i])
		}
	}
}

func TestIgniteLinearFrameworkValues(t *testing.T) {
	tests := []struct {
		params string
		want   []float64
	}{
		// ignite tests/ignite/handlers/test_param_scheduler.py, test_linear_scheduler:
		// LinearCyclicalScheduler(optimizer, "lr", 1, 0, 10) gives [1.0, 0.8, 0.6, 0.4, 0.2, 0.0, 0.2, 0.4,
		// 0.6, 0.8] twice (pytest.approx); ignite prints these exact floats.
		{`"start_value":1,"end_value":0,"cycle_size":10`, []float64{1.0, 0.8, 0.6, 0.4, 0.19999999999999996, 0.0,
			0.19999999999999996, 0.3999999999999999, 0.6000000000000001, 0.8, 1.0, 0.8, 0.6, 0.4, 0.19999999999999996,
			0.0, 0.19999999999999996, 0.3999999999999999, 0.6000000000000001, 0.8}},
		// The same test with cycle_mult=2: the second cycle has 20 events, 1.0, 0.9, ..., 0.0, 0.1, ..., 0.9.
		{`"start_value":1,"end_value":0,"cycle_size":10,"cycle_mult":2`, []float64{1.0, 0.8, 0.6, 0.4,
			0.19999999999999996, 0.0, 0.19999999999999996, 0.3999999999999999, 0.6000000000000001, 0.8, 1.0, 0.9, 0.8,
			0.7, 0.6, 0.5, 0.4, 0.30000000000000004, 0.19999999999999996, 0.09999999999999998, 0.0, 0.10000000000000009,
			0.19999999999999996, 0.30000000000000004, 0.3999999999999999, 0.5, 0.6000000000000001, 0.7, 0.8,
			0.8999999999999999}},
		// test_linear_scheduler_warmup_duration: (1, 0, 10, warmup_duration=5, monotonic=True) gives 1.0, 0.9,
		// ..., 0.1, 0.0, then the ramp 0.2, 0.4, 0.6, 0.8, then 1.0, 0.9, ...
		{`"start_value":1,"end_value":0,"cycle_size":10,"warmup_duration":5,"monotonic":true`, []float64{1.0, 0.9, 0.8,
			0.7, 0.6, 0.5, 0.4, 0.30000000000000004, 0.19999999999999996, 0.09999999999999998, 0.0, 0.2, 0.4, 0.6, 0.8,
			1.0, 0.9, 0.8, 0.7, 0.6}},
		// The same with cycle_mult=2: the second line has 20 events, 1.0, 0.95, ...
		{`"start_value":1,"end_value":0,"cycle_size":10,"cycle_mult":2,"warmup_duration":5,"monotonic":true`,
			[]float64{1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.30000000000000004, 0.19999999999999996, 0.09999999999999998,
				0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.44999999999999996,
				0.4, 0.35, 0.30000000000000004}},
		// test_linear_scheduler_cycle_size_two: 1.0, 0.0 alternating.
		{`"start_value":1,"end_value":0,"cycle_size":2`, []float64{1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}},
		// The docstring (testcode 1 and 2): (0.0, 1.0, 4) prints 0.0, 0.5, 1.0, 0.5; (0.0, 0.1, 4) 0.0, 0.05, 0.1, 0.05.
		{`"start_value":0,"end_value":1,"cycle_size":4`, []float64{0, 0.5, 1, 0.5}},
		{`"start_value":0,"end_value":0.1,"cycle_size":4`, []float64{0, 0.05, 0.1, 0.05}},
		// Every multiplier, a triangle of odd size rising first: cycles of 7, 10, 15, then 22 events.
		{`"start_value":0.001,"end_value":0.1,"cycle_size":7,"cycle_mult":1.5,"start_value_mult":0.7,"end_value_mult":0.5`,
			[]float64{0.0010000000000000009, 0.02928571428571429, 0.05757142857142857, 0.08585714285714285,
				0.08585714285714287, 0.05757142857142857, 0.029285714285714304, 0.0006999999999999992, 0.01056, 0.02042,
				0.03028, 0.04014, 0.05, 0.04014, 0.030280000000000005, 0.020419999999999997, 0.01056,
				0.0004900000000000009, 0.003758000000000001, 0.007026000000000001, 0.010294000000000001,
				0.013562000000000001, 0.016829999999999998, 0.020098, 0.023366, 0.023366, 0.020098, 0.016830000000000005,
				0.013562000000000003, 0.010294, 0.007026000000000001, 0.003758000000000001, 0.00034299999999999956,
				0.001448181818181819, 0.0025533636363636366, 0.0036585454545454543, 0.004763727272727273,
				0.005868909090909091, 0.006974090909090909, 0.008079272727272727}},
		// Monotonic without warmup: a sawtooth whose start shrinks by 0.9 a cycle.
		{`"start_value":0.1,"end_value":0.003,"cycle_size":3,"monotonic":true,"start_value_mult":0.9`,
			[]float64{0.1, 0.06766666666666668, 0.03533333333333334, 0.09000000000000001, 0.06100000000000001,
				0.03200000000000001, 0.08100000000000002, 0.055000000000000014, 0.029000000000000012, 0.07290000000000002}},
		// Monotonic with warmup and every multiplier: step 6 is s' + (v − s')·1.0 = 0.07 + (0.01 − 0.07),
		// 0.010000000000000002, not end_value; the ramps have 3 then int(3·1.5) = 4 events.
		{`"start_value":0.1,"end_value":0.01,"cycle_size":6,"cycle_mult":1.5,"warmup_duration":3,"start_value_mult":0.7,"end_value_mult":0.5,"monotonic":true`,
			[]float64{0.1, 0.085, 0.07, 0.055, 0.04, 0.024999999999999994, 0.010000000000000002, 0.03,
				0.049999999999999996, 0.06999999999999999, 0.06277777777777777, 0.05555555555555555, 0.04833333333333333,
				0.04111111111111111, 0.033888888888888885, 0.026666666666666672, 0.019444444444444445,
				0.012222222222222232, 0.0049999999999999975, 0.016, 0.027, 0.038, 0.048999999999999995,
				0.04542307692307692, 0.04184615384615384, 0.038269230769230764, 0.03469230769230769, 0.03111538461538461,
				0.027538461538461536, 0.02396153846153846, 0.020384615384615383, 0.016807692307692308,
				0.013230769230769227, 0.009653846153846159, 0.006076923076923077, 0.0025000000000000022, 0.0078,
				0.013099999999999999, 0.018399999999999996, 0.023699999999999995}},
	}
	for _, tt := range tests {
		checkIgniteLinear(t, tt.params, tt.want)
	}
}

func TestIgniteLinearPoints(t *testing.T) {
	tests := []struct {
		params string
		step   int
		want   float64
	}{
		// Hand-computed, p = e/c. Triangle: v + (s − v)·|p − 0.5|·2.
		// c = 4, e = 1: 0 + (1 − 0)·|0.25 − 0.5|·2 = 0.5.
		{`"start_value":1,"end_value":0,"cycle_size":4`, 1, 0.5},
		// e = 2: |0.5 − 0.5| = 0, end_value itself.
		{`"start_value":1,"end_value":0.25,"cycle_size":4`, 2, 0.25},
		// c = 8, e = 6: 0.5 + (1 − 0.5)·|0.75 − 0.5|·2 = 0.5 + 0.5·0.25·2 = 0.75.
		{`"start_value":1,"end_value":0.5,"cycle_size":8`, 6, 0.75},
		// Step 8 starts cycle 1 with start 1·0.5 and end 0.5·0.5: 0.25 + (0.5 − 0.25)·0.5·2 = 0.5.
		{`"start_value":1,"end_value":0.5,"cycle_size":8,"start_value_mult":0.5,"end_value_mult":0.5`, 8, 0.5},
		// Step 12 is e = 4 of that cycle: 0.25 + 0.25·0·2 = 0.25.
		{`"start_value":1,"end_value":0.5,"cycle_size":8,"start_value_mult":0.5,"end_value_mult":0.5`, 12, 0.25},
		// Monotonic: s + (v − s)·p; c = 4, e = 3: 1 + (0 − 1)·0.75 = 0.25.
		{`"start_value":1,"end_value":0,"cycle_size":4,"monotonic":true`, 3, 0.25},
		// Step 4 restarts: 1·0.5 = 0.5 (start_value_mult applied at e = c, the restart).
		{`"start_value":1,"end_value":0,"cycle_size":4,"monotonic":true,"start_value_mult":0.5`, 4, 0.5},
		// With warmup 2: step 4 is e = c: s' + (v − s')·1 = 0.5 + (0 − 0.5) = 0; step 5 the ramp,
		// 0 + (0.5 − 0)·((5 − 4)/2) = 0.25; step 6 the next cycle's start, 0.5.
		{`"start_value":1,"end_value":0,"cycle_size":4,"monotonic":true,"start_value_mult":0.5,"warmup_duration":2`, 4, 0},
		{`"start_value":1,"end_value":0,"cycle_size":4,"monotonic":true,"start_value_mult":0.5,"warmup_duration":2`, 5, 0.25},
		{`"start_value":1,"end_value":0,"cycle_size":4,"monotonic":true,"start_value_mult":0.5,"warmup_duration":2`, 6, 0.5},
		// cycle_mult 1.5 from 4: the second cycle has int(6.0) = 6 events; step 4 + 3 = 7 is its middle, end_value.
		{`"start_value":1,"end_value":0,"cycle_size":4,"cycle_mult":1.5`, 7, 0},
	}
	for _, tt := range tests {
		got := mustValues(t, igniteLinearSpec(tt.params), tt.step+1)
		if got[tt.step] != tt.want {
			t.Errorf("%s: step %d = %.17g, want %.17g", tt.params, tt.step, got[tt.step], tt.want)
		}
		if a := mustParse(t, igniteLinearSpec(tt.params)).At(int64(tt.step), int64(tt.step+1)); a != tt.want {
			t.Errorf("%s: At(%d) = %.17g, want %.17g", tt.params, tt.step, a, tt.want)
		}
	}
}

func TestIgniteLinearErrors(t *testing.T) {
	tests := []struct {
		params, param, want string
	}{
		// ignite: "Invalid combination when warmup_duration > 0 and monotonic=False, please use either set
		// warmup_duration=0 or monotonic=True" (test_linear_scheduler_asserts).
		{`"start_value":1,"end_value":0,"cycle_size":2,"warmup_duration":1`, "warmup_duration",
			"Invalid combination when warmup_duration > 0 and monotonic=False, please use either set warmup_duration=0 or monotonic=True"},
		{`"start_value":1,"end_value":0,"cycle_size":2,"warmup_duration":1,"monotonic":false`, "warmup_duration", "Invalid combination"},
		// ignite: "Argument cycle_size should be positive and larger than 1" for 0 and 1.
		{`"start_value":1,"end_value":0,"cycle_size":1`, "cycle_size", "out of range"},
		{`"start_value":1,"end_value":0,"cycle_size":0`, "cycle_size", "out of range"},
		{`"start_value":1,"end_value":0`, "cycle_size", "missing"},
		{`"start_value":1,"end_value":0,"cycle_size":4,"monotonic":1`, "monotonic", ""},
		{`"start_value":-1,"end_value":0,"cycle_size":4`, "start_value", "out of range"},
		{`"start_value":1,"end_value":0,"cycle_size":4,"cycle_mult":-1`, "cycle_mult", "out of range"},
	}
	for _, tt := range tests {
		wantParseError(t, igniteLinearSpec(tt.params), tt.param, tt.want)
	}
	// Warmup with monotonic is accepted.
	mustParse(t, igniteLinearSpec(`"start_value":1,"end_value":0,"cycle_size":2,"warmup_duration":1,"monotonic":true`))
}

// TestIgniteLinearRaises: the steps where ignite's own replay fails.
func TestIgniteLinearRaises(t *testing.T) {
	tests := []struct {
		params string
		steps  int64 // the longest run that works
		want   string
	}{
		// Cycles of 33, 16, 8, 4, 2, 1, then 0: ignite raises ZeroDivisionError at its 65th call, step 64.
		{`"start_value":1,"end_value":0.5,"cycle_size":33,"cycle_mult":0.5`, 64, "ZeroDivisionError"},
		{`"start_value":1,"end_value":0.5,"cycle_size":33,"cycle_mult":0.5,"monotonic":true`, 64, "ZeroDivisionError"},
		// start_value·1e10 a cycle of 2: ignite's first inf at step 62 (the triangle), nan (monotonic).
		{`"start_value":1,"end_value":0.5,"cycle_size":2,"start_value_mult":1e10`, 62, "overflows"},
		{`"start_value":1,"end_value":0.5,"cycle_size":2,"start_value_mult":1e10,"monotonic":true`, 62, "overflows"},
		// end_value·1e10 a cycle of 4 + 2: end_value is inf from cycle 31, step 186, where ignite gives nan.
		{`"start_value":0.5,"end_value":1,"cycle_size":4,"end_value_mult":1e10,"warmup_duration":2,"monotonic":true`, 186, "overflows"},
	}
	for _, tt := range tests {
		wantLongestRun(t, mustParse(t, igniteLinearSpec(tt.params)), tt.params, tt.steps, tt.want)
	}
}

func TestIgniteLinearEvents(t *testing.T) {
	tests := []struct {
		params string
		steps  int64
		want   []Event
	}{
		// The triangle: a trough at each middle, a peak at each start.
		{`"start_value":1,"end_value":0,"cycle_size":10`, 25, []Event{{5, Trough}, {10, Peak}, {15, Trough}, {20, Peak}}},
		// Rising first, odd size: the rise turns at (7 + 1)/2 = 4; cycles of 7, then 10.
		{`"start_value":0,"end_value":1,"cycle_size":7,"cycle_mult":1.5`, 20, []Event{{4, Peak}, {7, Trough}, {12, Peak}, {17, Trough}}},
		// Monotonic: restarts; with warmup, the trough where the ramp starts and the warmup's end.
		{`"start_value":1,"end_value":0,"cycle_size":5,"monotonic":true`, 12, []Event{{5, Restart}, {10, Restart}}},
		{`"start_value":1,"end_value":0,"cycle_size":4,"warmup_duration":2,"monotonic":true`, 13, []Event{{4, Trough}, {6, WarmupEnd}, {10, Trough}, {12, WarmupEnd}}},
	}
	for _, tt := range tests {
		wantEvents(t, igniteLinearSpec(tt.params), tt.steps, tt.want)
	}
	for _, params := range []string{
		`"start_value":0.1,"end_value":0.001,"cycle_size":2`,
		`"start_value":0.1,"end_value":0.001,"cycle_size":3`,
		`"start_value":0.1,"end_value":0.001,"cycle_size":37,"cycle_mult":1.3,"start_value_mult":0.9`,
		`"start_value":0.001,"end_value":0.1,"cycle_size":7,"cycle_mult":1.5,"start_value_mult":0.7,"end_value_mult":0.5`,
		`"start_value":0.1,"end_value":0.01,"cycle_size":7,"cycle_mult":1.5,"warmup_duration":3,"start_value_mult":0.7,"end_value_mult":0.5,"monotonic":true`,
		`"start_value":0.1,"end_value":0.1,"cycle_size":9`,
		`"start_value":0.1,"end_value":0.1,"cycle_size":9,"warmup_duration":2,"monotonic":true`,
		`"start_value":0.2,"end_value":0.05,"cycle_size":600,"cycle_mult":0.5`,
		`"start_value":0.2,"end_value":0.05,"cycle_size":3,"cycle_mult":1.05,"start_value_mult":1.01`,
		`"start_value":0.01,"end_value":0.1,"cycle_size":5,"start_value_mult":3,"end_value_mult":0.5`,
	} {
		checkEventContract(t, igniteLinearSpec(params), 1000)
	}
}

// TestIgniteLinearHuge checks At, Events and CheckSteps at 10^12 steps.
func TestIgniteLinearHuge(t *testing.T) {
	for _, params := range []string{
		`"start_value":0.1,"end_value":0.001,"cycle_size":2`,
		`"start_value":0.1,"end_value":0.001,"cycle_size":2,"cycle_mult":1.5,"warmup_duration":3,"monotonic":true`,
		`"start_value":0.1,"end_value":0.001,"cycle_size":3,"start_value_mult":0.99999`,
	} {
		s := mustParse(t, igniteLinearSpec(params))
		n := MaxSteps
		if err := s.CheckSteps(n); err != nil {
			t.Errorf("%s: %v", params, err)
		}
		for _, i := range []int64{0, n / 3, n - 2, n - 1} {
			if v := s.At(i, n); math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Errorf("%s: At(%d) = %g", params, i, v)
			}
		}
		count := 0
		for range s.Events(n, n-1000, n) {
			count++
		}
		// cycle_size 2: a peak and a trough every 2 steps.
		if strings.HasSuffix(params, `"cycle_size":2`) && count != 1000 {
			t.Errorf("%s: %d events in the last 1000 steps, want 1000", params, count)
		}
	}
	// At against the recursion deep into a run: 10^6 steps of shrinking starts.
	spec := igniteLinearSpec(`"start_value":0.1,"end_value":0.001,"cycle_size":7,"start_value_mult":0.99999`)
	s, vals := mustParse(t, spec), mustValues(t, spec, 1_000_000)
	for _, i := range []int{999_999, 700_001, 123_456} {
		if a := s.At(int64(i), 1_000_000); !tolerance(a, vals[i], 1e-12) {
			t.Errorf("At(%d) = %.17g, fill gives %.17g", i, a, vals[i])
		}
	}
}

func TestIgniteLinearImport(t *testing.T) {
	tests := []struct{ src, spec string }{
		// The docstring's call.
		{`scheduler = LinearCyclicalScheduler(default_optimizer, "lr", 0.0, 1.0, 4)`,
			`{"kind":"ignite.LinearCyclicalScheduler","start_value":0,"end_value":1,"cycle_size":4}`},
		// test_linear_scheduler_warmup_duration's call: positional through cycle_size, then keywords.
		{`LinearCyclicalScheduler(optimizer, "lr", 1, 0, 10, cycle_mult=2, warmup_duration=5, monotonic=True)`,
			`{"kind":"ignite.LinearCyclicalScheduler","start_value":1,"end_value":0,"cycle_size":10,"cycle_mult":2,"warmup_duration":5,"monotonic":true}`},
		// Every positional CyclicalScheduler takes.
		{`ignite.handlers.LinearCyclicalScheduler(opt, "lr", 0.1, 0.01, 100, 1.5, 0.9, 0.5, 0, False, None)`,
			`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.01,"cycle_size":100,"cycle_mult":1.5,"start_value_mult":0.9,"end_value_mult":0.5,"warmup_duration":0}`},
	}
	for _, tt := range tests {
		spec, _, err := ImportCode(tt.src)
		if err != nil || string(spec) != tt.spec {
			t.Errorf("ImportCode(%s) = %s, %v; want %s", tt.src, spec, err, tt.spec)
		}
	}
	errs := []struct{ src, param, want string }{
		// monotonic is keyword-only: Python raises "CyclicalScheduler.__init__() takes from 6 to 12
		// positional arguments but 13 were given".
		{`LinearCyclicalScheduler(opt, "lr", 1, 0, 2, 1.0, 1.0, 1.0, 0, False, None, True)`, "", "takes at most 11 positional arguments"},
		{`LinearCyclicalScheduler(opt, "lr", 1, 0, 2, warmup_duration=1)`, "warmup_duration", "Invalid combination when warmup_duration > 0"},
		{`LinearCyclicalScheduler(opt, "lr", 1, 0, 2, monotnic=True)`, "monotnic", `did you mean "monotonic"?`},
	}
	for _, tt := range errs {
		_, _, err := ImportCode(tt.src)
		var e *Error
		if !errors.As(err, &e) || e.Param != tt.param || !strings.Contains(e.Msg, tt.want) {
			t.Errorf("ImportCode(%s) = %v, want a %q *Error containing %q", tt.src, err, tt.param, tt.want)
		}
	}
}

// TestIgniteLinearCode: the snippet calls simulate_values with every
// argument, monotonic as a Python bool.
func TestIgniteLinearCode(t *testing.T) {
	s := mustParse(t, igniteLinearSpec(`"start_value":1,"end_value":0,"cycle_size":10,"warmup_duration":5,"monotonic":true`))
	code, err := Code(s, 30, "ignite")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"from ignite.handlers.param_scheduler import LinearCyclicalScheduler\n",
		"values = LinearCyclicalScheduler.simulate_values(\n", "    num_events=30,\n", "    start_value=1.0,\n",
		"    cycle_size=10,\n", "    warmup_duration=5,\n", "    monotonic=True,\n"} {
		if !strings.Contains(code, want) {
			t.Errorf("snippet lacks %q:\n%s", want, code)
		}
	}
}

func TestIgniteLinearShape(t *testing.T) {
	tests := []struct {
		params string
		n      int64
		why    string // "" for a shape
	}{
		{`"start_value":1,"end_value":0,"cycle_size":10,"monotonic":true`, 10, ""},
		{`"start_value":1,"end_value":0,"cycle_size":10,"monotonic":true`, 11, "restarts"},
		{`"start_value":1,"end_value":0,"cycle_size":10,"monotonic":true,"warmup_duration":2`, 11, ""},
		{`"start_value":1,"end_value":0,"cycle_size":10`, 6, ""},
		{`"start_value":1,"end_value":0,"cycle_size":10`, 7, "turns back"},
		{`"start_value":1,"end_value":0,"cycle_size":9`, 5, "not a whole number"},
	}
	for _, tt := range tests {
		s := mustParse(t, igniteLinearSpec(tt.params))
		sh, why := shapeOf(s, tt.n)
		if (tt.why == "") != (why == "") || !strings.Contains(why, tt.why) {
			t.Errorf("%s over %d: shape reason %q, want %q", tt.params, tt.n, why, tt.why)
			continue
		}
		if why == "" && (sh.form != shapeLinear || sh.peak != 1 || sh.floor != 0) {
			t.Errorf("%s over %d: shape %+v, want a linear decay from 1 to 0", tt.params, tt.n, sh)
		}
	}
}

// TestIgniteLinearTranslate: a linear decay is the monotonic line while
// the run ends before the line restarts, and the first half of a triangle
// is a linear decay.
func TestIgniteLinearTranslate(t *testing.T) {
	const linear = `{"kind":"torch.LinearLR","lr":0.1,"start_factor":1,"end_factor":0.1,"total_iters":100}`
	tests := []struct {
		spec  string
		steps int64
		fw    string
		want  string // the translation, or a fragment of the note when there is none
	}{
		// lr·end_factor = 0.1·0.1 = 0.010000000000000002.
		{linear, 100, "ignite", `{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.010000000000000002,"cycle_size":100,"monotonic":true}`},
		// Step 100 is e = c: s + (v − s)·1.0, v but for rounding, with a ramp after it.
		{linear, 101, "ignite", `{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.010000000000000002,"cycle_size":100,"warmup_duration":1,"monotonic":true}`},
		// LinearCyclicalScheduler starts its line again; PiecewiseLinear holds, as LinearLR does.
		{linear, 102, "ignite", `{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0.1],[100,0.010000000000000002]]}`},
		{`{"kind":"lr_schedule.linear","initial_value":0.5,"final_value":0.25}`, 1000, "ignite",
			`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.5,"end_value":0.25,"cycle_size":1000,"monotonic":true}`},
		{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":900,"warmup_t":100,"warmup_prefix":true}`, 1000, "ignite", "warmup_duration"},
		// Half of a triangle of 100 events: 50 steps down to end_value at step 50.
		{`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.001,"cycle_size":100}`, 51, "torch",
			`{"kind":"torch.LinearLR","lr":0.1,"start_factor":1,"end_factor":0.01,"total_iters":50}`},
		{`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.001,"cycle_size":100}`, 500, "torch", "turns back"},
		{`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.001,"cycle_size":100,"monotonic":true}`, 100, "lr_schedule",
			`{"kind":"lr_schedule.linear","initial_value":0.1,"final_value":0.001}`},
	}
	for _, tt := range tests {
		tr := translation(t, tt.spec, tt.steps, tt.fw)
		if !strings.HasPrefix(tt.want, "{") {
			if tr.Spec != nil || !strings.Contains(tr.Note, tt.want) {
				t.Errorf("%s over %d in %s = %s (%s), want none: %q", tt.spec, tt.steps, tt.fw, tr.Spec, tr.Note, tt.want)
			}
			continue
		}
		if want := canonical(t, tt.want); string(tr.Spec) != want {
			t.Errorf("%s over %d in %s = %s (%s), want %s", tt.spec, tt.steps, tt.fw, tr.Spec, tr.Note, want)
			continue
		}
		// Close: the same line, rounded differently (PyTorch's recursion, lr_schedule's and ignite's formulas).
		if _, maxDiff := runDiff(t, tt.spec, string(tr.Spec), int(tt.steps)); maxDiff > 1e-15 || maxDiff != tr.MaxDiff {
			t.Errorf("%s over %d in %s: differs by %g of the peak lr (%s)", tt.spec, tt.steps, tt.fw, maxDiff, tr.Note)
		}
	}
}
