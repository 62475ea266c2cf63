package core

import (
	"strings"
	"testing"
)

// Exact float32 values, worked by hand in the comments: float32(0.1) is
// 0.10000000149011612, float32(0.01) 0.009999999776482582; a float32
// product or sum is the float64 one rounded to float32 (exact for float32
// operands, which is how the expected digits were computed).
func TestOptaxPiecewisePoints(t *testing.T) {
	tests := []struct {
		spec  string
		steps int64
		want  map[int]float64
	}{
		// PiecewiseConstantTest.test_positive (atol 1e-3 there, exact here): 0.1 to step 2, 0.1·2 = 0.2
		// (0.20000000298023224) from 3, 0.2·0.5 = 0.10000000149011612 from 6.
		{`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[3,2.0],[6,0.5]]}`, 10, map[int]float64{
			0: 0.10000000149011612, 2: 0.10000000149011612, 3: 0.20000000298023224, 5: 0.20000000298023224,
			6: 0.10000000149011612, 9: 0.10000000149011612}},
		// The docstring: {100: 0.1, 200: 0.01} on 1.0: 1.0, 0.1 from 100, float32(0.1·0.01) = 0.0010000000474974513 from 200.
		{`{"kind":"optax.piecewise_constant_schedule","init_value":1.0,"boundaries_and_scales":[[200,0.01],[100,0.1]]}`, 300, map[int]float64{
			50: 1, 99: 1, 100: 0.10000000149011612, 150: 0.10000000149011612, 199: 0.10000000149011612, 200: 0.0010000000474974513, 250: 0.0010000000474974513}},
		// No boundaries: init_value itself, a Python float, no float32 rounding; None and {} alike.
		{`{"kind":"optax.piecewise_constant_schedule","init_value":0.1}`, 3, map[int]float64{0: 0.1, 2: 0.1}},
		{`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[]}`, 3, map[int]float64{0: 0.1, 2: 0.1}},
		// A repeated step keeps its first place and last scale: {5: 0.5, 2: 3, 5: 0.1} is {2: 3, 5: 0.1}; a
		// boundary at 0 or below applies from step 0: 3·0.1 = 0.30000001192092896 (float32(3·float32(0.1))).
		{`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[5,0.5],[2,3],[5,0.1],[-4,1]]}`, 7, map[int]float64{
			0: 0.10000000149011612, 1: 0.10000000149011612, 2: 0.30000001192092896, 4: 0.30000001192092896, 5: 0.030000001192092896, 6: 0.030000001192092896}},
		// The docstring: linear, 1.0 and {4: 0.1, 8: 0.01}: 1, 0.55, 0.1, 0.0505, 0.001, 0.001 at 0, 2, ..., 10:
		// at 2 (0.1 − 1)·(2/4) + 1 = −0.45 + 1 = 0.550000011920929 (float32(0.1) − 1 = −0.9 rounded);
		// at 6 (0.001 − 0.1)·0.5 + 0.1 = 0.05050000175833702.
		{`{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"linear","init_value":1.0,"boundaries_and_scales":[[4,0.1],[8,0.01]]}`, 11, map[int]float64{
			0: 1, 1: 0.7749999761581421, 2: 0.550000011920929, 3: 0.3250000476837158, 4: 0.10000000149011612, 5: 0.07524999976158142,
			6: 0.05050000175833702, 7: 0.02575000375509262, 8: 0.0010000000474974513, 10: 0.0010000000474974513}},
		// No boundaries: values = [float32(init_value)], held from 0 on.
		{`{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"cosine","init_value":0.1,"boundaries_and_scales":null}`, 3, map[int]float64{
			0: 0.10000000149011612, 2: 0.10000000149011612}},
	}
	for _, tt := range tests {
		hfCheckAt(t, tt.spec, tt.steps, tt.want, 0)
	}
}

// PiecewiseInterpolateTest's expected values (atol 1e-3), through the kind.
func TestOptaxPiecewiseFrameworkExpectedValues(t *testing.T) {
	for _, tc := range []struct {
		name, spec string
		want       []float64
	}{
		{"test_linear_piecewise", `{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"linear","init_value":200,"boundaries_and_scales":[[5,1.5],[10,0.25]]}`,
			[]float64{200, 220, 240, 260, 280, 300, 255, 210, 165, 120, 75, 75, 75}},
		{"test_cos_piecewise", `{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"cosine","init_value":400,"boundaries_and_scales":[[5,1.2],[3,0.6],[7,1.0]]}`,
			[]float64{400, 360, 280, 240, 264, 288, 288, 288, 288}},
		{"test_empty_dict", `{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"linear","init_value":13,"boundaries_and_scales":[]}`,
			[]float64{13, 13, 13, 13, 13}},
		{"test_no_dict", `{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"cosine","init_value":17,"boundaries_and_scales":null}`,
			[]float64{17, 17, 17}},
		{"test_positive (constant)", `{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[3,2.0],[6,0.5]]}`,
			[]float64{0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1}},
	} {
		got := mustValues(t, tc.spec, len(tc.want))
		for i, w := range tc.want {
			if !(got[i]-w <= 1e-3 && w-got[i] <= 1e-3) {
				t.Errorf("%s: step %d = %g, optax expects %g ± 1e-3", tc.name, i, got[i], w)
			}
		}
	}
}

func TestOptaxPiecewiseErrors(t *testing.T) {
	for _, tt := range []struct {
		spec, param, want string
	}{
		{`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[3,2],[6,-0.5]]}`, "boundaries_and_scales[1]",
			"its scale -0.5 is negative: optax raises ValueError: `piecewise_constant_schedule` expects non-negative scale factors"},
		// test_invalid_scale.
		{`{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"linear","init_value":13,"boundaries_and_scales":[[5,-3]]}`, "boundaries_and_scales[0]",
			"optax raises ValueError: `piecewise_interpolate_schedule` expects non-negative scale factors"},
		// The negative scale of a repeated step is the one the dict keeps: the last.
		{`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[3,2],[6,0.5],[3,-1]]}`, "boundaries_and_scales[2]", "is negative"},
		// test_invalid_type: optax raises ValueError("`interpolate_type` must be either 'cosine' or 'linear'").
		{`{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"quadratic","init_value":13}`, "interpolate_type", "is not an option"},
		{`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[2147483648,2]]}`, "boundaries_and_scales[0]", "OverflowError"},
		{`{"kind":"optax.piecewise_constant_schedule","init_value":1e34,"boundaries_and_scales":[[3,1e5],[6,0.5]]}`, "boundaries_and_scales[0]", "overflows float32"},
		{`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[3,2],[6.5,0.5]]}`, "boundaries_and_scales[1]", "not a whole number"},
		{`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":{"3":2}}`, "boundaries_and_scales", "not a JSON array"},
	} {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
	// An overwritten negative scale is never seen, as in Python.
	mustParse(t, `{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[3,-2],[3,0.5]]}`)
	// threshold − count leaves int32 past step threshold + 2³¹: 2147483643 steps for threshold −5; the
	// interpolation makes the count an int32.
	wantLongestRun(t, mustParse(t, `{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[-5,0.5]]}`),
		"constant, threshold -5", 2147483644, "OverflowError")
	wantLongestRun(t, mustParse(t, `{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"linear","init_value":0.1,"boundaries_and_scales":[[5,0.5]]}`),
		"interpolate", 1<<31, "OverflowError")
	if err := mustParse(t, `{"kind":"optax.piecewise_constant_schedule","init_value":0.1}`).CheckSteps(1e12); err != nil {
		t.Errorf("no boundaries, 10^12 steps: %v", err)
	}
}

func TestOptaxPiecewiseEvents(t *testing.T) {
	for _, tc := range []struct {
		spec  string
		steps int64
		want  []Event
	}{
		{`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[6,0.5],[3,2],[0,3],[20,1]]}`, 10,
			[]Event{{3, Boundary}, {6, Boundary}}},
		{`{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"linear","init_value":200,"boundaries_and_scales":[[5,1.5],[10,0.25]]}`, 13,
			[]Event{{5, Peak}, {10, Boundary}}},
	} {
		hfSameEvents(t, tc.spec, hfEvents(t, tc.spec, tc.steps), tc.want)
		checkEventContract(t, tc.spec, int(tc.steps))
	}
}

// The snippet writes the dict as Python does and the values as the spec's.
func TestOptaxPiecewiseCode(t *testing.T) {
	s := mustParse(t, `{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[300,0.1],[600,0.1]]}`)
	code, err := Code(s, 1000, "")
	if err != nil || !strings.Contains(code, "schedule = optax.piecewise_constant_schedule(\n    init_value=0.1,\n    boundaries_and_scales={300: 0.1, 600: 0.1},\n)") {
		t.Errorf("Code: %v\n%s", err, code)
	}
}

// Import reads a pasted call with its dict literal as written: a repeated
// key kept for the build (which keeps the last), keys computed from
// constants; a list is no dict.
func TestOptaxPiecewiseImport(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"import optax\nsched = optax.piecewise_constant_schedule(init_value=1.0, boundaries_and_scales={100: 0.1, 200: 0.01})",
			`{"kind":"optax.piecewise_constant_schedule","init_value":1,"boundaries_and_scales":[[100,0.1],[200,0.01]]}`},
		{"E = 390\noptax.piecewise_constant_schedule(0.1, {30 * E: 0.1, 20 * E: 0.5, 30 * E: 0.2})",
			`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[11700,0.1],[7800,0.5],[11700,0.2]]}`},
		{"optax.piecewise_constant_schedule(0.1)", `{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":null}`},
		{"optax.piecewise_constant_schedule(0.1, {})", `{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[]}`},
		{"optax.piecewise_interpolate_schedule('cosine', 1e-4, {1000.0: 10, 3000: 1e-2})",
			`{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"cosine","init_value":0.0001,"boundaries_and_scales":[[1000,10],[3000,0.01]]}`},
	} {
		spec, _, err := ImportCode(tc.src)
		if err != nil {
			t.Errorf("%s: %v", tc.src, err)
			continue
		}
		if got := specText(mustParse(t, string(spec))); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
	for _, tc := range []struct{ src, want string }{
		{"optax.piecewise_constant_schedule(0.1, [(100, 0.1)])", "boundaries_and_scales: [(100, 0.1)] is not a dict of {step: value}: write one, like boundaries_and_scales={300: 0.1, 600: 0.1}"},
		{"optax.piecewise_constant_schedule(0.1, {100: -0.1})", "boundaries_and_scales[0]: its scale -0.1 is negative: optax raises ValueError"},
		{"optax.piecewise_constant_schedule(0.1, {100.5: 0.1})", "boundaries_and_scales[0]: its step 100.5 is not a whole number"},
		{"optax.piecewise_constant_schedule(0.1, {100: x})", "x is a name LR Playground cannot see"},
		{"optax.piecewise_interpolate_schedule('quadratic', 0.1, {100: 0.5})", "interpolate_type"},
	} {
		if _, _, err := ImportCode(tc.src); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error containing %q", tc.src, err, tc.want)
		}
	}
}
