package core

import (
	"math"
	"strings"
	"testing"
)

// Reference values, unless a comment says otherwise, were printed by python3
// replaying ignite's CyclicalScheduler.__call__ and
// CosineAnnealingScheduler's get_param (pytorch/ignite,
// ignite/handlers/param_scheduler.py) on plain floats, as simulate_values does:
// one call per event, value = start + ((end − start)/2)·(1 − cos(π·e/c)).
// Go's math.Cos may differ from glibc's in the last bit, so values are
// compared to within 1e-15 relative to the lr scale.

func igniteSpec(params string) string {
	return `{"kind":"ignite.CosineAnnealingScheduler",` + params + `}`
}

// checkIgniteValues compares the first len(want) values with want, absolutely to tol.
func checkIgniteValues(t *testing.T, params string, want []float64, tol float64) {
	t.Helper()
	got := mustValues(t, igniteSpec(params), len(want))
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol {
			t.Errorf("%s: step %d = %.17g, want %.17g", params, i, got[i], want[i])
		}
	}
}

func TestIgniteFrameworkValues(t *testing.T) {
	// ignite tests/ignite/handlers/test_param_scheduler.py, test_cosine_annealing_scheduler
	// (cyclic_warmup False): CosineAnnealingScheduler(optimizer, "lr", 0, 1, 10), two cycles.
	cycle := []float64{0.0, 0.02447174185242318, 0.09549150281252627, 0.20610737385376332, 0.3454915028125263,
		0.5, 0.6545084971874737, 0.7938926261462365, 0.9045084971874737, 0.9755282581475768}
	checkIgniteValues(t, `"start_value":0,"end_value":1,"cycle_size":10`, append(append([]float64{}, cycle...), cycle...), 1e-15)
	// The same test with cyclic_warmup True: warmup_duration 2 adds np.linspace(1.0, 0.0, 3)[:-1] = [1, 0.5]
	// between the cycles.
	withWarmup := append(append(append([]float64{}, cycle...), 1, 0.5), cycle...)
	checkIgniteValues(t, `"start_value":0,"end_value":1,"cycle_size":10,"warmup_duration":2`, withWarmup, 1e-15)
	// The CosineAnnealingScheduler docstring (testcode 1): CosineAnnealingScheduler(opt, "lr", 0.0, 1.0, 4)
	// prints 0.0, 0.1464..., 0.4999..., 0.8535...
	got := mustValues(t, igniteSpec(`"start_value":0,"end_value":1,"cycle_size":4`), 4)
	for i, prefix := range []string{"0", "0.1464", "0.4999", "0.8535"} {
		if s := formatFloat(got[i]); !strings.HasPrefix(s, prefix) {
			t.Errorf("docstring example: step %d = %s, want %s...", i, s, prefix)
		}
	}
	// The ConcatScheduler docstring: CosineAnnealingScheduler(opt, "lr", 1.0, 0.2, 4) continues the
	// linear warmup with 1.0, 0.8828..., 0.6000..., 0.3171...
	got = mustValues(t, igniteSpec(`"start_value":1,"end_value":0.2,"cycle_size":4`), 4)
	for i, prefix := range []string{"1", "0.8828", "0.6000", "0.3171"} {
		if s := formatFloat(got[i]); !strings.HasPrefix(s, prefix) {
			t.Errorf("ConcatScheduler example: step %d = %s, want %s...", i, s, prefix)
		}
	}
}

func TestIgnitePoints(t *testing.T) {
	tests := []struct {
		params string
		want   []float64
	}{
		// Hand-computed: cycle_size 2 alternates start and start + ((0 − 1)/2)·(1 − cos(π/2)) = 0.5.
		{`"start_value":1,"end_value":0,"cycle_size":2`, []float64{1, 0.5, 1, 0.5}},
		{`"start_value":0,"end_value":1,"cycle_size":4`, []float64{0.0, 0.1464466094067262, 0.49999999999999994,
			0.8535533905932737, 0.0, 0.1464466094067262, 0.49999999999999994, 0.8535533905932737}},
		// cycle_mult 2 and both value multipliers: cycles of 4 then 8 events; the second starts at
		// 0.5 and ends towards 0.01; hand: step 4 = 1·0.5, step 8 = 0.5 + ((0.01 − 0.5)/2)·(1 − cos(π/2)).
		{`"start_value":1,"end_value":0.1,"cycle_size":4,"cycle_mult":2,"start_value_mult":0.5,"end_value_mult":0.1`,
			[]float64{1.0, 0.8681980515339465, 0.55, 0.23180194846605362, 0.5, 0.48135048546526527, 0.4282411613907042,
				0.34875744092944705, 0.255, 0.16124255907055307, 0.08175883860929589, 0.028649514534734744, 0.25,
				0.24760776741020218}},
		// Warmup ramps from the end value to the next (multiplied) start: 0, 0.25, then 0.5 at the restart.
		{`"start_value":1,"end_value":0,"cycle_size":4,"start_value_mult":0.5,"warmup_duration":2`,
			[]float64{1.0, 0.8535533905932737, 0.5, 0.14644660940672627, 0.0, 0.25, 0.5, 0.42677669529663687, 0.25,
				0.07322330470336313, 0.0, 0.125, 0.25}},
		// int(10·1.05) = 10: cycle_mult 1.05 keeps every cycle at 10 events.
		{`"start_value":1,"end_value":0.5,"cycle_size":10,"cycle_mult":1.05`, []float64{1.0, 0.9877641290737884,
			0.9522542485937369, 0.8969463130731183, 0.8272542485937369, 0.75, 0.6727457514062631, 0.6030536869268818,
			0.5477457514062631, 0.5122358709262116, 1.0, 0.9877641290737884}},
		// cycle_mult 1.5 scales the warmup too: cycle 4 + ramp 2, then cycle 6 + ramp 3.
		{`"start_value":1,"end_value":0,"cycle_size":4,"cycle_mult":1.5,"warmup_duration":2`, []float64{1.0,
			0.8535533905932737, 0.5, 0.14644660940672627, 0.0, 0.5, 1.0, 0.9330127018922194, 0.75, 0.5,
			0.2500000000000001, 0.06698729810778059, 0.0, 0.3333333333333333, 0.6666666666666666, 1.0,
			0.9698463103929542, 0.883022221559489, 0.75, 0.5868240888334653}},
	}
	for _, tt := range tests {
		checkIgniteValues(t, tt.params, tt.want, 1e-15)
	}
}

// TestIgniteSpecialCases has a row per line of igniteCosine's "Special cases are".
func TestIgniteSpecialCases(t *testing.T) {
	tests := []struct {
		name, params string
		steps        int
		check        func(v []float64) bool
	}{
		{"warmup_duration 0: jump back to start_value", `"start_value":1,"end_value":0,"cycle_size":5`, 6,
			func(v []float64) bool { return v[4] < 0.1 && v[5] == 1 }},
		{"cycle_mult 1: equal cycles", `"start_value":1,"end_value":0,"cycle_size":5`, 100,
			func(v []float64) bool { return v[3] == v[98] && v[95] == 1 }},
		{"int(c·cycle_mult) = c: equal cycles", `"start_value":1,"end_value":0,"cycle_size":10,"cycle_mult":1.05`, 101,
			func(v []float64) bool { return v[90] == 1 && v[100] == 1 && v[91] == v[1] }},
		{"start_value < end_value: cycles rise", `"start_value":0.1,"end_value":1,"cycle_size":5`, 5,
			func(v []float64) bool { return v[0] < v[1] && v[3] < v[4] }},
	}
	for _, tt := range tests {
		if v := mustValues(t, igniteSpec(tt.params), tt.steps); !tt.check(v) {
			t.Errorf("%s: %s gives %v", tt.name, tt.params, v)
		}
	}
}

func TestIgniteErrors(t *testing.T) {
	tests := []struct {
		params, param, want string
	}{
		{`"end_value":0,"cycle_size":10`, "start_value", "missing"},
		{`"start_value":1,"cycle_size":10`, "end_value", "missing"},
		{`"start_value":1,"end_value":0`, "cycle_size", "missing"},
		// ignite: "Argument cycle_size should be positive and larger than 1".
		{`"start_value":1,"end_value":0,"cycle_size":1`, "cycle_size", "out of range"},
		{`"start_value":1,"end_value":0,"cycle_size":0`, "cycle_size", "out of range"},
		{`"start_value":1,"end_value":0,"cycle_size":4.5`, "cycle_size", "whole number"},
		{`"start_value":-1,"end_value":0,"cycle_size":4`, "start_value", "out of range"},
		{`"start_value":1,"end_value":-0.5,"cycle_size":4`, "end_value", "out of range"},
		{`"start_value":1,"end_value":0,"cycle_size":4,"cycle_mult":-1`, "cycle_mult", "out of range"},
		{`"start_value":1,"end_value":0,"cycle_size":4,"start_value_mult":-1`, "start_value_mult", "out of range"},
		{`"start_value":1,"end_value":0,"cycle_size":4,"end_value_mult":-1`, "end_value_mult", "out of range"},
		{`"start_value":1,"end_value":0,"cycle_size":4,"warmup_duration":-2`, "warmup_duration", "out of range"},
		{`"start_value":1,"end_value":0,"cycle_size":4,"param_name":"lr"`, "param_name", "unknown parameter"},
	}
	for _, tt := range tests {
		wantParseError(t, igniteSpec(tt.params), tt.param, tt.want)
	}
}

// TestIgniteRaises checks the step-dependent failures: the run just before
// is accepted, the one including the step is an *Error on "steps".
func TestIgniteRaises(t *testing.T) {
	tests := []struct {
		params string
		steps  int64 // the longest run that works
		want   string
	}{
		// Cycles of 33, 16, 8, 4, 2, 1, then int(1·0.5) = 0: the Python replay raises ZeroDivisionError
		// at the 65th call, step 64.
		{`"start_value":1,"end_value":0.5,"cycle_size":33,"cycle_mult":0.5`, 64, "ZeroDivisionError"},
		// start_value·1e10^k: the Python replay's first non-finite value is at step 62 (cycle 31).
		{`"start_value":1,"end_value":0.5,"cycle_size":2,"start_value_mult":1e10`, 62, "overflows"},
	}
	for _, tt := range tests {
		wantLongestRun(t, mustParse(t, igniteSpec(tt.params)), tt.params, tt.steps, tt.want)
	}
	// cycle_mult 1.000001 from 2^21: every cycle grows by 2 or more events, so the table of distinct cycles
	// fills up before 10^12 steps; past it the run is refused rather than guessed.
	s := mustParse(t, igniteSpec(`"start_value":1,"end_value":0,"cycle_size":2097152,"cycle_mult":1.000001`))
	if err := s.CheckSteps(MaxSteps); err == nil || !strings.Contains(err.Error(), "distinct cycle sizes") {
		t.Errorf("cycle table limit: CheckSteps = %v", err)
	}
	if err := s.CheckSteps(1_000_000_000); err != nil {
		t.Errorf("cycle table limit: CheckSteps(1e9) = %v", err)
	}
}

func TestIgniteEvents(t *testing.T) {
	tests := []struct {
		params string
		steps  int64
		want   []Event
	}{
		{`"start_value":1,"end_value":0,"cycle_size":10`, 35, []Event{{10, Restart}, {20, Restart}, {30, Restart}}},
		// Rising cosine, then a ramp down: a peak where the ramp starts, warmup end at the restart.
		{`"start_value":0,"end_value":1,"cycle_size":10,"warmup_duration":2`, 30,
			[]Event{{10, Peak}, {12, WarmupEnd}, {22, Peak}, {24, WarmupEnd}}},
		{`"start_value":1,"end_value":0,"cycle_size":4,"cycle_mult":1.5,"warmup_duration":2`, 40,
			[]Event{{4, Trough}, {6, WarmupEnd}, {12, Trough}, {15, WarmupEnd}, {24, Trough}, {28, WarmupEnd}}},
		{`"start_value":1,"end_value":0,"cycle_size":4,"cycle_mult":2`, 30, []Event{{4, Restart}, {12, Restart}, {28, Restart}}},
	}
	for _, tt := range tests {
		wantEvents(t, igniteSpec(tt.params), int64(tt.steps), tt.want)
	}
	for _, params := range []string{
		`"start_value":0.1,"end_value":0.001,"cycle_size":2`,
		`"start_value":0.1,"end_value":0.001,"cycle_size":37,"cycle_mult":1.3,"start_value_mult":0.9`,
		`"start_value":0.001,"end_value":0.1,"cycle_size":20,"warmup_duration":5,"end_value_mult":0.8`,
		`"start_value":0.1,"end_value":0.01,"cycle_size":7,"cycle_mult":1.5,"warmup_duration":3,"start_value_mult":0.7,"end_value_mult":0.5`,
		`"start_value":0.1,"end_value":0.1,"cycle_size":9,"warmup_duration":2`,
		`"start_value":0.2,"end_value":0.05,"cycle_size":600,"cycle_mult":0.5,"warmup_duration":100`,
		`"start_value":0.2,"end_value":0.05,"cycle_size":3,"cycle_mult":1.05,"start_value_mult":1.01`,
	} {
		checkEventContract(t, igniteSpec(params), 1000)
	}
}

// TestIgniteHuge checks At, Events and CheckSteps at 10^12 steps.
func TestIgniteHuge(t *testing.T) {
	for _, params := range []string{
		`"start_value":0.1,"end_value":0.001,"cycle_size":2`,
		`"start_value":0.1,"end_value":0.001,"cycle_size":2,"cycle_mult":1.5,"warmup_duration":3`,
		`"start_value":0.1,"end_value":0.001,"cycle_size":3,"warmup_duration":1,"start_value_mult":0.99999`,
	} {
		s := mustParse(t, igniteSpec(params))
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
		if strings.Contains(params, `"cycle_size":2}`) && count != 500 {
			t.Errorf("%s: %d events in the last 1000 steps, want 500", params, count)
		}
	}
}
