package core

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// Tests of optax's constant, linear, polynomial, exponential and onecycle
// kinds (optax_test.go has the cosine ones).

// optax's own expected values, from google-deepmind/optax
// optax/schedules/_schedule_test.py, with the tests' own atol 1e-3.
func TestOptaxSchedulesFrameworkExpectedValues(t *testing.T) {
	seq := func(f func(i int) float64, n int) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	pw := func(i int, a, b float64) float64 { return b + a*math.Pow(1-float64(i)/10, 2) }
	tests := []struct {
		name, spec string
		want       []float64
	}{
		{"ConstantTest.test_constant", `{"kind":"optax.constant_schedule","value":10}`, seq(func(int) float64 { return 10 }, 15)},
		{"PolynomialTest.test_linear", `{"kind":"optax.polynomial_schedule","init_value":10,"end_value":20,"power":1,"transition_steps":10}`,
			seq(func(i int) float64 { return float64(min(10+i, 20)) }, 15)},
		{"PolynomialTest.test_zero_steps_schedule -1", `{"kind":"optax.polynomial_schedule","init_value":10,"end_value":20,"power":1,"transition_steps":-1}`,
			seq(func(int) float64 { return 10 }, 15)},
		{"PolynomialTest.test_zero_steps_schedule 0", `{"kind":"optax.polynomial_schedule","init_value":10,"end_value":20,"power":1,"transition_steps":0}`,
			seq(func(int) float64 { return 10 }, 15)},
		{"PolynomialTest.test_nonlinear", `{"kind":"optax.polynomial_schedule","init_value":25,"end_value":10,"power":2,"transition_steps":10}`,
			seq(func(i int) float64 { return pw(min(i, 10), 15, 10) }, 15)},
		{"PolynomialTest.test_with_decay_begin", `{"kind":"optax.polynomial_schedule","init_value":30,"end_value":10,"power":2,"transition_steps":10,"transition_begin":4}`,
			seq(func(i int) float64 { return pw(min(max(i-4, 0), 10), 20, 10) }, 20)},
		{"ExponentialTest.test_constant_schedule", `{"kind":"optax.exponential_decay","init_value":1,"transition_steps":15,"decay_rate":1}`,
			seq(func(int) float64 { return 1 }, 15)},
		{"ExponentialTest.test_constant_schedule staircase", `{"kind":"optax.exponential_decay","init_value":1,"transition_steps":15,"decay_rate":1,"staircase":true}`,
			seq(func(int) float64 { return 1 }, 15)},
		{"ExponentialTest.test_nonvalid_transition_steps", `{"kind":"optax.exponential_decay","init_value":1,"transition_steps":-1,"decay_rate":1}`,
			seq(func(int) float64 { return 1 }, 15)},
		{"ExponentialTest.test_nonvalid_decay_rate", `{"kind":"optax.exponential_decay","init_value":1,"transition_steps":2,"decay_rate":0,"staircase":true}`,
			seq(func(int) float64 { return 1 }, 15)},
		{"ExponentialTest.test_immutable_count", `{"kind":"optax.exponential_decay","init_value":32,"transition_steps":1,"decay_rate":0.5}`,
			[]float64{32, 16, 8, 4, 2}},
		{"OneCycleTest.test_linear", `{"kind":"optax.linear_onecycle_schedule","transition_steps":10,"peak_value":1000,"pct_start":0.3,"pct_final":0.7,"div_factor":10,"final_div_factor":100}`,
			[]float64{100, 400, 700, 1000, 775, 550, 325, 100, 67, 34, 1, 1}},
		{"OneCycleTest.test_cosine", `{"kind":"optax.cosine_onecycle_schedule","transition_steps":5,"peak_value":1000,"pct_start":0.4,"div_factor":10,"final_div_factor":100}`,
			[]float64{100, 550, 1000, 750.25, 250.75, 1, 1}},
	}
	// ExponentialTest.test_exponential: 1·2^(t/2) after transition_begin 0 or 5,
	// the exponent floored with staircase.
	for _, stair := range []bool{false, true} {
		for _, begin := range []int{0, 5} {
			spec := `{"kind":"optax.exponential_decay","init_value":1,"transition_steps":2,"decay_rate":2,"transition_begin":` +
				itoa(int64(begin)) + `,"staircase":` + pyTrueFalseJSON(stair) + `}`
			want := seq(func(i int) float64 {
				p := float64(max(i-begin, 0)) / 2
				if stair {
					p = math.Floor(p)
				}
				return math.Pow(2, p)
			}, 15+begin)
			tests = append(tests, struct {
				name, spec string
				want       []float64
			}{"ExponentialTest.test_exponential", spec, want})
		}
	}
	// ExponentialTest.test_end_value_with_staircase: transition_steps 2, transition_begin 3.
	for _, tc := range []struct{ rate, end float64 }{{0.2, 0.1}, {1, 0.1}, {2, 3}} {
		for _, stair := range []bool{false, true} {
			spec := `{"kind":"optax.exponential_decay","init_value":1,"transition_steps":2,"decay_rate":` + formatFloat(tc.rate) +
				`,"transition_begin":3,"staircase":` + pyTrueFalseJSON(stair) + `,"end_value":` + formatFloat(tc.end) + `}`
			want := seq(func(i int) float64 {
				p := float64(max(i-3, 0)) / 2
				if stair {
					p = math.Floor(p)
				}
				v := math.Pow(tc.rate, p)
				if tc.rate < 1 {
					return max(v, tc.end)
				}
				return min(v, tc.end)
			}, 14)
			tests = append(tests, struct {
				name, spec string
				want       []float64
			}{"ExponentialTest.test_end_value_with_staircase", spec, want})
		}
	}
	for _, tt := range tests {
		got := mustValues(t, tt.spec, len(tt.want))
		for i := range tt.want {
			if math.Abs(got[i]-tt.want[i]) > 1e-3 {
				t.Errorf("%s %s: step %d = %g, optax expects %g ± 1e-3", tt.name, tt.spec, i, got[i], tt.want[i])
			}
		}
	}
	// PolynomialTest.test_zero_steps_schedule: assert_allclose's rtol 1e-7, and the value is init_value itself.
	if got := mustValues(t, `{"kind":"optax.polynomial_schedule","init_value":0.1,"end_value":20,"power":1,"transition_steps":0}`, 3); got[2] != 0.1 {
		t.Errorf("transition_steps 0: %v, want init_value 0.1 itself (a Python float)", got)
	}
}

func pyTrueFalseJSON(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// PiecewiseInterpolateTest (atol 1e-3), on the helper that a
// piecewise_interpolate_schedule kind will use.
func TestOptaxInterpolateFrameworkExpectedValues(t *testing.T) {
	tests := []struct {
		name   string
		cosine bool
		init   float64
		items  []optaxPair
		want   []float64
	}{
		{"test_linear_piecewise", false, 200, []optaxPair{{5, 1.5}, {10, 0.25}},
			[]float64{200, 220, 240, 260, 280, 300, 255, 210, 165, 120, 75, 75, 75}},
		{"test_cos_piecewise", true, 400, []optaxPair{{5, 1.2}, {3, 0.6}, {7, 1.0}},
			[]float64{400, 360, 280, 240, 264, 288, 288, 288, 288}},
		{"test_empty_dict", false, 13, nil, []float64{13, 13, 13, 13, 13}},
		{"test_no_dict", true, 17, nil, []float64{17, 17, 17}},
		// test_zero_interval_size: 13·2 at 0, 26·3 at 5; finite everywhere.
		{"test_zero_interval_size", false, 13, []optaxPair{{0, 2}, {5, 3}}, []float64{26, 36.4, 46.8, 57.2, 67.6, 78}},
	}
	for _, tt := range tests {
		p, _, why := optaxNewInterp(tt.cosine, tt.init, optaxSortedItems(tt.items...))
		if p == nil {
			t.Fatalf("%s: %s", tt.name, why)
		}
		for i, w := range tt.want {
			if got := float64(p.value(int64(i))); math.Abs(got-w) > 1e-3 {
				t.Errorf("%s: step %d = %g, optax expects %g ± 1e-3", tt.name, i, got, w)
			}
		}
	}
	// test_invalid_scale.
	if p, k, why := optaxNewInterp(false, 13, optaxSortedItems(optaxPair{5, -3})); p != nil || k != 1 ||
		!strings.Contains(why, "`piecewise_interpolate_schedule` expects non-negative scale factors") {
		t.Errorf("scale −3: %v, %d, %q; want optax's ValueError", p, k, why)
	}
	// A dict literal with a repeated key keeps its first place and its last value.
	got := optaxSortedItems(optaxPair{7, 1}, optaxPair{3, 2}, optaxPair{7, 3}, optaxPair{0, 4})
	want := []optaxPair{{0, 4}, {3, 2}, {7, 3}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("optaxSortedItems = %v, want %v", got, want)
	}
}

// Exact float32 values. "py:" rows were printed by python3 running a
// transcription of the optax source with every jnp operation rounded to
// float32 (struct.pack('f')) in the source's order, cos and pow in float64
// then rounded; the others are worked by hand in their comments.
func TestOptaxSchedulesPoints(t *testing.T) {
	f := func(x float64) float64 { return float64(float32(x)) }
	tests := []struct {
		spec  string
		steps int64
		want  map[int]float64
	}{
		// py: optax's docstring example (count:6 value:0.9803, 104: 0.0101, 105: 0.0100).
		{`{"kind":"optax.polynomial_schedule","init_value":1,"end_value":0.01,"power":2,"transition_steps":100,"transition_begin":5}`, 111, map[int]float64{
			0: 1, 5: 1, 6: 0.9802990555763245, 50: 0.30947500467300415, 104: 0.010098999366164207, 105: 0.009999999776482582, 110: 0.009999999776482582}},
		// By hand: frac = 1 − 1/7 = 0.857142865 in float32, frac³ = 0.629737616 rounded, × float32(0.1)
		// = 0.06297376 (py: 0.0629737600684166); from 7 on end_value 0.
		{`{"kind":"optax.polynomial_schedule","init_value":0.1,"end_value":0,"power":3,"transition_steps":7}`, 9, map[int]float64{
			0: f(0.1), 1: 0.0629737600684166, 2: 0.03644315153360367, 3: 0.018658889457583427, 6: 0.00029154514777474105, 7: 0, 8: 0}},
		// py: linear_schedule from 1e-3 to 1e-5: (1e-3 − 1e-5)·(1 − t/1000) + 1e-5.
		{`{"kind":"optax.linear_schedule","init_value":1e-3,"end_value":1e-5,"transition_steps":1000}`, 1001, map[int]float64{
			0: 0.0009999999310821295, 1: 0.0009990099351853132, 333: 0.0006703300168737769, 999: 1.0989986549247988e-05, 1000: 9.999999747378752e-06}},
		// By hand: a rise from 0 after 2 steps: (0 − 0.1)·(1 − 1/3) + 0.1 = −0.1·0.6666667 + 0.1 = 0.033333339 in float32.
		{`{"kind":"optax.linear_schedule","init_value":0,"end_value":0.1,"transition_steps":3,"transition_begin":2}`, 7, map[int]float64{
			0: 0, 2: 0, 3: 0.03333333879709244, 4: 0.06666667014360428, 5: f(0.1), 6: f(0.1)}},
		// py: 1e-3·0.5^(t/100), bounded below by 1e-5 from step 665 on.
		{`{"kind":"optax.exponential_decay","init_value":1e-3,"transition_steps":100,"decay_rate":0.5,"end_value":1e-5}`, 1000, map[int]float64{
			0: f(1e-3), 1: 0.0009930925443768501, 50: 0.0007071067811921239, 100: 0.0005000000237487257, 150: 0.00035355339059606194,
			664: 1.0026766176451929e-05, 665: f(1e-5), 999: f(1e-5)}},
		// By hand: staircase, transition_begin 2: 0.1·0.5^floor((t − 2)/3): 0.1 to step 4, 0.05 from 5, 0.025 from 8.
		{`{"kind":"optax.exponential_decay","init_value":0.1,"transition_steps":3,"decay_rate":0.5,"transition_begin":2,"staircase":true}`, 12, map[int]float64{
			0: f(0.1), 2: f(0.1), 4: f(0.1), 5: f(0.1) / 2, 7: f(0.1) / 2, 8: f(0.1) / 4, 11: f(0.1) / 8}},
		// By hand: 2^(t/10) grows, bounded above by 3: 2^1.5 = 2.828427 (float32 2.8284270763397217); 2^1.6 > 3.
		{`{"kind":"optax.exponential_decay","init_value":1,"transition_steps":10,"decay_rate":2,"end_value":3}`, 21, map[int]float64{
			0: 1, 5: f(math.Sqrt2), 10: 2, 15: 2.8284270763397217, 16: 3, 20: 3}},
		// py: 0.1·0.9^(t/7): float32(0.9)^float32(1/7).
		{`{"kind":"optax.exponential_decay","init_value":0.1,"transition_steps":7,"decay_rate":0.9}`, 1001, map[int]float64{
			1: 0.09850612282752991, 2: 0.09703455865383148, 3: 0.09558498114347458, 1000: 2.905452411994247e-08}},
		// py: warmup from 0 to 1e-3 over 100, then 1e-3·0.5^((t − 100)/100) bounded by 1e-5.
		{`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0,"peak_value":1e-3,"warmup_steps":100,"transition_steps":100,"decay_rate":0.5,"end_value":1e-5}`, 1000, map[int]float64{
			0: 0, 1: 9.999959729611874e-06, 50: 0.0005000000237487257, 99: 0.0009900000877678394, 100: f(1e-3),
			150: 0.0007071067811921239, 200: 0.0005000000237487257, 999: f(1e-5)}},
		// py: WarmupCosineDecayTest's 0.2 → 1.21 warmup (0.20000005 at 0), held for transition_begin 3, then stairs of 2.
		{`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0.2,"peak_value":1.21,"warmup_steps":5,"transition_steps":2,"decay_rate":0.9,"transition_begin":3,"staircase":true}`, 13, map[int]float64{
			0: 0.20000004768371582, 1: 0.4020000100135803, 4: 1.0080000162124634, 5: f(1.21), 8: f(1.21), 9: f(1.21),
			10: 1.0889999866485596, 11: 1.0889999866485596, 12: 0.9800999760627747}},
		// py: the defaults over 1000 steps: bounds 300, 850, 1000; values 4e-5, 1e-3, 4e-5, 4e-9.
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":1000,"peak_value":1e-3}`, 1100, map[int]float64{
			0: 3.9999998989515007e-05, 1: 4.319999789004214e-05, 150: 0.0005199999432079494, 299: 0.0009967999067157507,
			300: 0.0009999999310821295, 301: 0.0009982545161619782, 575: 0.0005200000014156103, 849: 4.174548666924238e-05,
			850: 3.99999953515362e-05, 851: 3.9733356970828027e-05, 925: 2.0001998564112e-05, 999: 2.706401573959738e-07,
			1000: 3.999999442783064e-09, 1099: 3.999999442783064e-09}},
		// py: transition_steps 1: {0: 25, 0: 1/25, 1: 1e-4} is {0: 0.04, 1: 1e-4}; values 0.04, 0.0016, 1.6e-7.
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":1,"peak_value":1}`, 3, map[int]float64{
			0: 0.0015999999595806003, 1: 1.5999998481674993e-07, 2: 1.5999998481674993e-07}},
		// py: pct_final 1: {3: 25, 10: 1/25 replaced by 1e-4}: up to 1 at 3, down to 1e-4·... at 10.
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":10,"peak_value":1,"pct_final":1}`, 11, map[int]float64{
			0: 0.03999999910593033, 2: 0.6800000071525574, 3: 1, 5: 0.7143142819404602, 9: 0.14294284582138062, 10: 9.999999747378752e-05}},
		// py: the defaults over 1000 steps: bounds 300, 1000.
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":1000,"peak_value":1e-3}`, 1100, map[int]float64{
			0: 4.0000013541430235e-05, 1: 4.002632340416312e-05, 150: 0.0005200000014156103, 299: 0.0009999736212193966,
			300: 0.0009999999310821295, 301: 0.000999994925223291, 650: 0.0005000019446015358, 999: 9.036572379272911e-09,
			1000: 3.999999886872274e-09, 1099: 3.999999886872274e-09}},
		// py: pct_start 0: {0: 25, 10: 4e-6}: the cosine down from 1 at 0.
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":10,"peak_value":1,"pct_start":0}`, 11, map[int]float64{
			0: 1, 1: 0.975528359413147, 5: 0.5000019669532776, 9: 0.024475662037730217, 10: 3.999999989900971e-06}},
		// py, and by hand at 5: the peak float32(0.01)·float32(10) = 0.099999994.
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":10,"peak_value":0.1,"pct_start":0.5,"div_factor":10,"final_div_factor":100}`, 11, map[int]float64{
			0: 0.009999997913837433, 1: 0.01859423518180847, 2: 0.041094232350587845, 5: f(f(0.01) * f(10)), 7: 0.0654853954911232,
			9: 0.009639596566557884, 10: 9.999999747378752e-05}},
		// constant_schedule returns value itself, not float32(value).
		{`{"kind":"optax.constant_schedule","value":0.1}`, 3, map[int]float64{0: 0.1, 2: 0.1}},
		// exponential_decay with decay_rate 0 or transition_steps ≤ 0 returns init_value itself too.
		{`{"kind":"optax.exponential_decay","init_value":0.1,"transition_steps":10,"decay_rate":0}`, 3, map[int]float64{0: 0.1, 2: 0.1}},
		// …but warmup_exponential_decay_schedule's jnp.where makes it float32.
		{`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0,"peak_value":0.1,"warmup_steps":0,"transition_steps":0,"decay_rate":0.5}`, 3,
			map[int]float64{0: f(0.1), 2: f(0.1)}},
	}
	for _, tt := range tests {
		hfCheckAt(t, tt.spec, tt.steps, tt.want, 0)
	}
}

func TestOptaxSchedulesErrors(t *testing.T) {
	tests := []struct {
		spec, param, want string
	}{
		// OneCycleTest.test_nonpositive_transition_steps, with optax's ValueError text.
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":0,"peak_value":5}`, "transition_steps",
			"optax raises ValueError: A linear onecycle schedule was set with a non-positive `transition_steps`"},
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":-3,"peak_value":5}`, "transition_steps",
			"optax raises ValueError: A cosine onecycle schedule was set with a non-positive `transition_steps`"},
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":2147483648,"peak_value":5}`, "transition_steps", "out of range"},
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":1000,"peak_value":5,"pct_final":3000000}`, "pct_final", "OverflowError"},
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":1000,"peak_value":5,"pct_start":-0.1}`, "pct_start", "out of range"},
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":1000,"peak_value":5,"div_factor":0}`, "div_factor", "out of range"},
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":10,"peak_value":1,"div_factor":1e-200,"final_div_factor":1e-200}`,
			"final_div_factor", "ZeroDivisionError"},
		// 1e38/25·25·(1/25)/0.01: 4e38 overflows float32.
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":10,"peak_value":1e38,"final_div_factor":0.01}`, "final_div_factor", "overflows float32"},
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":10,"peak_value":1,"div_factor":1e39}`, "div_factor", "overflows float32"},
		{`{"kind":"optax.polynomial_schedule","init_value":1,"end_value":0,"power":-1,"transition_steps":10}`, "power", "out of range"},
		{`{"kind":"optax.polynomial_schedule","init_value":1,"end_value":0,"power":1,"transition_steps":2147483648}`, "transition_steps", "out of range"},
		{`{"kind":"optax.linear_schedule","init_value":1,"end_value":-1,"transition_steps":10}`, "end_value", "out of range"},
		{`{"kind":"optax.linear_schedule","init_value":1e39,"end_value":0,"transition_steps":10}`, "init_value", "out of range"},
		{`{"kind":"optax.exponential_decay","init_value":1,"transition_steps":10,"decay_rate":-0.5}`, "decay_rate", "out of range"},
		{`{"kind":"optax.exponential_decay","init_value":1,"transition_steps":10,"decay_rate":0.5,"end_value":-1}`, "end_value", "out of range"},
		{`{"kind":"optax.constant_schedule","value":-1}`, "value", "out of range"},
		{`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":-1,"transition_steps":10,"decay_rate":0.5}`,
			"warmup_steps", "out of range"},
	}
	for _, tt := range tests {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}

	// OverflowError: the clip (polynomial, linear, the warmup) or the indicator
	// (onecycle) makes the step an int32.
	for _, tc := range []struct {
		spec  string
		steps int64
	}{
		{`{"kind":"optax.linear_schedule","init_value":1,"end_value":0,"transition_steps":10}`, 1 << 31},
		{`{"kind":"optax.polynomial_schedule","init_value":1,"end_value":0,"power":2,"transition_steps":10,"transition_begin":1000}`, 1<<31 + 1000},
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":10,"peak_value":1}`, 1 << 31},
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":10,"peak_value":1}`, 1 << 31},
		{`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":10,"transition_steps":10,"decay_rate":0.5}`, 1 << 31},
	} {
		wantLongestRun(t, mustParse(t, tc.spec), tc.spec, tc.steps, "OverflowError")
	}
	// No int32 is made of the count: transition_steps ≤ 0, exponential_decay, no warmup.
	for _, spec := range []string{
		`{"kind":"optax.linear_schedule","init_value":1,"end_value":0,"transition_steps":0}`,
		`{"kind":"optax.exponential_decay","init_value":1,"transition_steps":10,"decay_rate":0.5}`,
		`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":0,"transition_steps":10,"decay_rate":0.5}`,
		`{"kind":"optax.constant_schedule","value":1}`,
	} {
		if err := mustParse(t, spec).CheckSteps(MaxSteps); err != nil {
			t.Errorf("%s: CheckSteps(MaxSteps) = %v", spec, err)
		}
	}
	// Growth past float32: 2^(t/10) passes 3.4e38 at t = 10·log2(3.4e38) ≈ 1280.
	spec := `{"kind":"optax.exponential_decay","init_value":1,"transition_steps":10,"decay_rate":2}`
	s := mustParse(t, spec)
	if v := s.At(1279, 1280); math.IsInf(v, 0) || s.At(1280, 1281) < 3e38 {
		t.Errorf("%s: At(1279) = %g", spec, v)
	}
	wantLongestRun(t, s, spec, 1280, "past float32's largest")
	// init_value 0: 0·inf is nan.
	wantLongestRun(t, mustParse(t, `{"kind":"optax.exponential_decay","init_value":0,"transition_steps":10,"decay_rate":2}`),
		"init_value 0", 1280, "past float32's largest")
	wantLongestRun(t, mustParse(t, `{"kind":"optax.warmup_exponential_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":5,"transition_steps":10,"decay_rate":2}`),
		"warmup", 1285, "past float32's largest at step 1285")
	// An upper end_value keeps it finite.
	if err := mustParse(t, `{"kind":"optax.exponential_decay","init_value":1,"transition_steps":10,"decay_rate":2,"end_value":5}`).CheckSteps(MaxSteps); err != nil {
		t.Errorf("end_value 5: %v", err)
	}
	// A run long enough that the unused first interval's line overflows: 0·inf is nan in the dot.
	s = mustParse(t, `{"kind":"optax.linear_onecycle_schedule","transition_steps":10,"peak_value":1e38,"div_factor":1.0001}`)
	var e *Error
	if err := s.CheckSteps(1 << 31); !errors.As(err, &e) || !strings.Contains(e.Msg, "is nan") {
		t.Errorf("peak 1e38 over 2³¹ steps: %v, want the nan refusal", err)
	}
}

func TestOptaxSchedulesEvents(t *testing.T) {
	tests := []struct {
		spec string
		n    int64
		want []Event
	}{
		{`{"kind":"optax.constant_schedule","value":1}`, 10, nil},
		{`{"kind":"optax.linear_schedule","init_value":1,"end_value":0,"transition_steps":10,"transition_begin":5}`, 20, []Event{{5, Boundary}, {15, Boundary}}},
		{`{"kind":"optax.linear_schedule","init_value":1,"end_value":0,"transition_steps":0,"transition_begin":5}`, 20, nil},
		{`{"kind":"optax.exponential_decay","init_value":1e-3,"transition_steps":100,"decay_rate":0.5,"end_value":1e-5}`, 1000, []Event{{665, Boundary}}},
		{`{"kind":"optax.exponential_decay","init_value":1,"transition_steps":10,"decay_rate":2,"transition_begin":3,"end_value":3}`, 30, []Event{{3, Boundary}, {19, Boundary}}},
		{`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0,"peak_value":1e-3,"warmup_steps":100,"transition_steps":100,"decay_rate":0.5,"transition_begin":50,"end_value":1e-5}`, 1000,
			[]Event{{100, WarmupEnd}, {150, Boundary}, {815, Boundary}}},
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":1000,"peak_value":1e-3}`, 1100, []Event{{300, Peak}, {850, Boundary}, {1000, Boundary}}},
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":1000,"peak_value":1e-3}`, 1000, []Event{{300, Peak}}},
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":10,"peak_value":1,"pct_start":0}`, 12, []Event{{10, Boundary}}},
	}
	for _, tt := range tests {
		hfSameEvents(t, tt.spec, hfEvents(t, tt.spec, tt.n), tt.want)
	}
	for _, k := range []*Kind{optaxConstantKind, optaxLinearKind, optaxPolynomialKind, optaxExponentialKind, optaxWarmupExpKind,
		optaxLinearOnecycleKind, optaxCosineOnecycleKind} {
		checkEventContract(t, k.Example, int(k.ExampleSteps))
	}
	for _, s := range []struct {
		spec  string
		steps int
	}{
		{`{"kind":"optax.linear_schedule","init_value":0,"end_value":0.1,"transition_steps":30,"transition_begin":7}`, 50},
		{`{"kind":"optax.polynomial_schedule","init_value":0.1,"end_value":0.001,"power":0.3,"transition_steps":50,"transition_begin":-4}`, 70},
		{`{"kind":"optax.exponential_decay","init_value":0.1,"transition_steps":7,"decay_rate":0.5,"transition_begin":5,"staircase":true,"end_value":0.01}`, 80},
		{`{"kind":"optax.exponential_decay","init_value":1e-3,"transition_steps":3,"decay_rate":1.5,"end_value":0.5}`, 80},
		{`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0.5,"peak_value":0.1,"warmup_steps":10,"transition_steps":5,"decay_rate":1.1,"end_value":0.2}`, 80},
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":37,"peak_value":0.1,"pct_start":0.5,"pct_final":0.5,"div_factor":3,"final_div_factor":0.5}`, 50},
		{`{"kind":"optax.linear_onecycle_schedule","transition_steps":40,"peak_value":0.1,"pct_start":0.9,"pct_final":0.2}`, 50},
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":50,"peak_value":0.1,"pct_start":1.5,"div_factor":0.5}`, 100},
		{`{"kind":"optax.cosine_onecycle_schedule","transition_steps":100000,"peak_value":0.1}`, 120000},
	} {
		checkEventContract(t, s.spec, s.steps)
	}
	hfCheckWindow(t, `{"kind":"optax.exponential_decay","init_value":1,"transition_steps":100000000,"decay_rate":0.5,"end_value":1e-9}`, MaxSteps, 2e9, 2e9+20000)
	hfCheckWindow(t, `{"kind":"optax.cosine_onecycle_schedule","transition_steps":2000000000,"peak_value":1}`, 1<<31, 6e8-10000, 6e8+10000)
	hfCheckWindow(t, `{"kind":"optax.polynomial_schedule","init_value":1,"end_value":0,"power":2,"transition_steps":2000000000,"transition_begin":5}`, 1<<31, 2e9-100, 2e9+100)
}

func TestOptaxSchedulesExtremes(t *testing.T) {
	const big = `2147483647`
	for _, spec := range []string{
		`{"kind":"optax.constant_schedule","value":1e38}`,
		`{"kind":"optax.linear_schedule","init_value":1e38,"end_value":0,"transition_steps":` + big + `,"transition_begin":` + big + `}`,
		`{"kind":"optax.polynomial_schedule","init_value":0,"end_value":1e38,"power":1e300,"transition_steps":1}`,
		`{"kind":"optax.polynomial_schedule","init_value":5e-324,"end_value":1e38,"power":0,"transition_steps":-9007199254740992,"transition_begin":-5}`,
		`{"kind":"optax.exponential_decay","init_value":1e38,"transition_steps":1,"decay_rate":1e38,"end_value":1e38}`,
		`{"kind":"optax.exponential_decay","init_value":1e38,"transition_steps":9007199254740992,"decay_rate":1e-38,"transition_begin":9007199254740992}`,
		`{"kind":"optax.exponential_decay","init_value":0,"transition_steps":1,"decay_rate":1e38}`,
		`{"kind":"optax.warmup_exponential_decay_schedule","init_value":1e38,"peak_value":0,"warmup_steps":` + big + `,"transition_steps":1,"decay_rate":5e-324,"staircase":true}`,
		`{"kind":"optax.linear_onecycle_schedule","transition_steps":` + big + `,"peak_value":1e38,"pct_start":1,"pct_final":0,"div_factor":1e-30,"final_div_factor":1e30}`,
		`{"kind":"optax.cosine_onecycle_schedule","transition_steps":` + big + `,"peak_value":1e38,"pct_start":0.5,"div_factor":5e-324,"final_div_factor":1e308}`,
		`{"kind":"optax.cosine_onecycle_schedule","transition_steps":1,"peak_value":5e-324,"pct_start":1e-300,"div_factor":1e300,"final_div_factor":5e-324}`,
	} {
		if _, err := Parse([]byte(spec)); err != nil {
			continue // refused with a reason: fine
		}
		hfCheckExtremes(t, spec)
	}
}

func TestOptaxSchedulesImport(t *testing.T) {
	tests := []struct{ src, spec string }{
		{`schedule = optax.linear_schedule(init_value=0.0, end_value=1e-3, transition_steps=500)`,
			`{"kind":"optax.linear_schedule","init_value":0,"end_value":0.001,"transition_steps":500}`},
		{`optax.polynomial_schedule(1.0, 0.01, 2, 100, 5)`,
			`{"kind":"optax.polynomial_schedule","init_value":1,"end_value":0.01,"power":2,"transition_steps":100,"transition_begin":5}`},
		{`optax.constant_schedule(3e-4)`, `{"kind":"optax.constant_schedule","value":0.0003}`},
		{`optax.exponential_decay(1e-3, 1000, 0.96, 0, True, 1e-5)`,
			`{"kind":"optax.exponential_decay","init_value":0.001,"transition_steps":1000,"decay_rate":0.96,"transition_begin":0,"staircase":true,"end_value":0.00001}`},
		{`optax.schedules.exponential_decay(init_value=1e-3, transition_steps=1000, decay_rate=0.96, end_value=None)`,
			`{"kind":"optax.exponential_decay","init_value":0.001,"transition_steps":1000,"decay_rate":0.96,"end_value":null}`},
		{`optax.warmup_exponential_decay_schedule(0.0, 1e-3, 100, 1000, 0.5, staircase=True)`,
			`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0,"peak_value":0.001,"warmup_steps":100,"transition_steps":1000,"decay_rate":0.5,"staircase":true}`},
		{`optax.linear_onecycle_schedule(10_000, 0.1, 0.25, 0.9)`,
			`{"kind":"optax.linear_onecycle_schedule","transition_steps":10000,"peak_value":0.1,"pct_start":0.25,"pct_final":0.9}`},
		{"TOTAL = 5000\nlr = optax.cosine_onecycle_schedule(transition_steps=TOTAL, peak_value=3e-3, div_factor=10.0)",
			`{"kind":"optax.cosine_onecycle_schedule","transition_steps":5000,"peak_value":0.003,"div_factor":10}`},
	}
	for _, tt := range tests {
		spec, _, err := ImportCode(tt.src)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if string(spec) != tt.spec {
			t.Errorf("%s:\n got %s\nwant %s", tt.src, spec, tt.spec)
		}
		mustParse(t, string(spec))
	}
}

// The snippet Code writes holds every parameter with its value, booleans and
// None as Python spells them, and runs the same number of steps.
func TestOptaxSchedulesCode(t *testing.T) {
	for _, spec := range []string{
		`{"kind":"optax.exponential_decay","init_value":0.1,"transition_steps":7,"decay_rate":0.5,"transition_begin":5,"staircase":true}`,
		`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0,"peak_value":0.1,"warmup_steps":10,"transition_steps":5,"decay_rate":0.8,"end_value":0.01}`,
		`{"kind":"optax.polynomial_schedule","init_value":0.1,"end_value":0.001,"power":2,"transition_steps":50,"transition_begin":-3}`,
		`{"kind":"optax.linear_onecycle_schedule","transition_steps":37,"peak_value":0.1,"pct_start":0.5,"pct_final":0.5,"div_factor":3,"final_div_factor":0.5}`,
	} {
		s := mustParse(t, spec)
		code, err := Code(s, 60, "optax")
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		checkNumbers(t, spec, code, s)
		_, name, _ := strings.Cut(s.kind.Name, ".")
		for _, want := range []string{"schedule = optax." + name + "(", "range(60)", "float(schedule(step))"} {
			if !strings.Contains(code, want) {
				t.Errorf("%s: the snippet lacks %q:\n%s", spec, want, code)
			}
		}
	}
}

// Translate writes other frameworks' constant, linear, polynomial and
// exponential runs as these kinds: exact for a constant (the Python float
// itself), within float32 rounding for the others.
func TestOptaxSchedulesTranslate(t *testing.T) {
	tests := []struct {
		spec  string
		steps int64
		kind  string
		exact bool
	}{
		{`{"kind":"lr_schedule.constant","initial_value":3e-4}`, 100, "optax.constant_schedule", true},
		{`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0.95}`, 100, "optax.exponential_decay", false},
		{`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":80,"power":2}`, 100, "optax.polynomial_schedule", false},
		{`{"kind":"lr_schedule.linear","initial_value":3e-4,"final_value":1e-5}`, 1000, "optax.linear_schedule", false},
		// And back: optax's own kinds to PyTorch.
		{`{"kind":"optax.constant_schedule","value":0.001}`, 100, "torch.LinearLR", true},
	}
	for _, tt := range tests {
		fw := "optax"
		if strings.HasPrefix(tt.spec, `{"kind":"optax.`) {
			fw = "torch"
		}
		tr := translation(t, tt.spec, tt.steps, fw)
		if tr.Kind != tt.kind || tr.Exact != tt.exact || tr.MaxDiff > 1e-6 {
			t.Errorf("%s in %s: %s (exact %v, max diff %g), want %s (exact %v) within float32 rounding",
				tt.spec, fw, tr.Spec, tr.Exact, tr.MaxDiff, tt.kind, tt.exact)
		}
	}
}
