package core

import (
	"strings"
	"testing"
)

// JoinTest.test_join_schedules (atol 0): constants 1, 2, 1 joined at 3 and 6.
func TestOptaxJoinFrameworkExpectedValues(t *testing.T) {
	spec := `{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":1},` +
		`{"kind":"optax.constant_schedule","value":2},{"kind":"optax.constant_schedule","value":1}],"boundaries":[3,6]}`
	got := mustValues(t, spec, 8)
	for i, w := range []float64{1, 1, 1, 2, 2, 2, 1, 1} {
		if got[i] != w {
			t.Errorf("step %d = %g, optax expects %g", i, got[i], w)
		}
	}
}

// Exact values, worked by hand: each child at step − boundary, made float32
// by jnp.where once a boundary pairs with a child.
func TestOptaxJoinPoints(t *testing.T) {
	f := func(x float64) float64 { return float64(float32(x)) }
	tests := []struct {
		spec  string
		steps int64
		want  map[int]float64
	}{
		// A warmup of 4 steps from 0 to 0.1, then the constant 0.1, a Python float that the where makes
		// float32(0.1); at step 2 the line gives (0 − 0.1)·(1 − 2/4) + 0.1 = float32(0.1)·0.5 = float32(0.05).
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.linear_schedule","init_value":0,"end_value":0.1,"transition_steps":4},` +
			`{"kind":"optax.constant_schedule","value":0.1}],"boundaries":[4]}`, 8, map[int]float64{
			0: 0, 2: f(0.05), 4: f(0.1), 7: f(0.1)}},
		// Each child sees step − boundary: a linear_schedule from 1 to 0 over 4 steps starting at boundary 2:
		// steps 2..6 give t = 0..4: 1, 0.75, 0.5, 0.25, 0; before 2 the constant 5.
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":5},` +
			`{"kind":"optax.linear_schedule","init_value":1,"end_value":0,"transition_steps":4}],"boundaries":[2]}`, 8, map[int]float64{
			0: 5, 1: 5, 2: 1, 3: 0.75, 4: 0.5, 5: 0.25, 6: 0, 7: 0}},
		// One schedule, no pair: its Python float itself (0.1, not float32(0.1)).
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":0.1}],"boundaries":[]}`, 3, map[int]float64{0: 0.1, 2: 0.1}},
		// zip drops the boundary without a schedule: still no pair.
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":0.1}],"boundaries":[1]}`, 3, map[int]float64{0: 0.1, 2: 0.1}},
		// Unsorted boundaries: the last schedule in the list whose boundary the step reached. [4, 2]: steps 0, 1 →
		// 1; 2, 3 → 3 (its boundary 2, reached); 4 on → still 3 (the last written with a reached boundary).
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":1},{"kind":"optax.constant_schedule","value":2},` +
			`{"kind":"optax.constant_schedule","value":3}],"boundaries":[4,2]}`, 6, map[int]float64{0: 1, 1: 1, 2: 3, 3: 3, 4: 3, 5: 3}},
		// A negative boundary: the child starts mid-way: linear 1 → 0 over 4 from boundary −2 gives t = 2 at step 0.
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":5},` +
			`{"kind":"optax.linear_schedule","init_value":1,"end_value":0,"transition_steps":4}],"boundaries":[-2]}`, 4, map[int]float64{
			0: 0.5, 1: 0.25, 2: 0, 3: 0}},
	}
	for _, tt := range tests {
		hfCheckAt(t, tt.spec, tt.steps, tt.want, 0)
	}
}

func TestOptaxJoinErrors(t *testing.T) {
	for _, tt := range []struct {
		spec, param, want string
	}{
		{`{"kind":"optax.join_schedules","schedules":[],"boundaries":[]}`, "schedules", "IndexError"},
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":1},{"kind":"torch.ExponentialLR","gamma":0.9}],"boundaries":[3]}`,
			"schedules[1].kind", "torch.ExponentialLR is not an optax schedule"},
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":1},{"kind":"optax.linear_schedule","init_value":1,"end_value":0}],"boundaries":[3]}`,
			"schedules[1].transition_steps", "missing"},
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":1}],"boundaries":[2.5]}`, "boundaries[0]", "not a whole number"},
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":1}]}`, "boundaries", "missing"},
	} {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
	// A child's own limit, from its boundary: linear_schedule makes its count an int32.
	s := mustParse(t, `{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":1},`+
		`{"kind":"optax.linear_schedule","init_value":1,"end_value":0,"transition_steps":4}],"boundaries":[1000]}`)
	wantLongestRun(t, s, "join", 1<<31+1000, "OverflowError")
}

func TestOptaxJoinEvents(t *testing.T) {
	for _, tc := range []struct {
		spec  string
		steps int64
		want  []Event
	}{
		// The piecewise child's boundary 3 shifted by 10; the join's boundary at 10.
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.linear_schedule","init_value":0,"end_value":1,"transition_steps":10},` +
			`{"kind":"optax.piecewise_constant_schedule","init_value":1,"boundaries_and_scales":[[3,0.5],[0,1]]}],"boundaries":[10]}`, 20,
			[]Event{{10, Boundary}, {13, Boundary}}},
		{`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":1},{"kind":"optax.constant_schedule","value":2},` +
			`{"kind":"optax.constant_schedule","value":3}],"boundaries":[4,4]}`, 6, []Event{{4, Boundary}}},
	} {
		hfSameEvents(t, tc.spec, hfEvents(t, tc.spec, tc.steps), tc.want)
		checkEventContract(t, tc.spec, int(tc.steps))
	}
	checkEventContract(t, optaxJoinKind.Example, int(optaxJoinKind.ExampleSteps))
}

func TestOptaxJoinCode(t *testing.T) {
	s := mustParse(t, optaxJoinKind.Example)
	code, err := Code(s, 1000, "")
	want := `schedule = optax.join_schedules(
    schedules=[
        optax.linear_schedule(
            init_value=0.0,
            end_value=0.001,
            transition_steps=100,
            transition_begin=0,
        ),
        optax.cosine_decay_schedule(
            init_value=0.001,
            decay_steps=900,
            alpha=0.0,
            exponent=1.0,
        ),
    ],
    boundaries=[100],
)`
	if err != nil || !strings.Contains(code, want) {
		t.Errorf("Code: %v\n%s", err, code)
	}
}

// Import reads the join with its children written in the list or assigned
// to names above it (optax's documented pattern), and names a child's error.
func TestOptaxJoinImport(t *testing.T) {
	want := `{"kind":"optax.join_schedules","schedules":[{"kind":"optax.linear_schedule","init_value":0,"end_value":0.001,"transition_steps":100,"transition_begin":0},` +
		`{"kind":"optax.cosine_decay_schedule","init_value":0.001,"decay_steps":900,"alpha":0,"exponent":1}],"boundaries":[100]}`
	for _, src := range []string{
		"import optax\nwarmup_fn = optax.linear_schedule(init_value=0., end_value=1e-3, transition_steps=100)\n" +
			"cosine_fn = optax.cosine_decay_schedule(init_value=1e-3, decay_steps=900)\n" +
			"schedule_fn = optax.join_schedules(schedules=[warmup_fn, cosine_fn], boundaries=[100])",
		"W = 100\nschedule = optax.join_schedules([optax.linear_schedule(0.0, 1e-3, W), optax.cosine_decay_schedule(1e-3, 1000 - W)], [W])",
	} {
		spec, _, err := ImportCode(src)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		if got := specText(mustParse(t, string(spec))); got != want {
			t.Errorf("%s:\n got %s\nwant %s", src, got, want)
		}
	}
	for _, tc := range []struct{ src, want string }{
		{"optax.join_schedules([optax.constant_schedule(1), optax.linear_schedule(1, 0, x=2)], [10])",
			`schedules[1].x: unknown argument "x" for linear_schedule()`},
		{"optax.join_schedules([optax.constant_schedule(1), make_fn()], [10])", "schedules[1]: make_fn() is not a scheduler call"},
		{"optax.join_schedules([optax.constant_schedule(1), ExponentialLR(opt, 0.9)], [10])", "schedules[1].kind: torch.ExponentialLR is not an optax schedule"},
	} {
		if _, _, err := ImportCode(tc.src); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error containing %q", tc.src, err, tc.want)
		}
	}
}

// The snippets Code writes for the new optax kinds read back to their specs.
func TestOptaxWave2CodeRoundTrip(t *testing.T) {
	for _, k := range []*Kind{optaxPiecewiseConstantKind, optaxPiecewiseInterpolateKind, optaxJoinKind} {
		s := mustParse(t, k.Example)
		code, err := Code(s, k.ExampleSteps, "")
		if err != nil {
			t.Fatal(err)
		}
		spec, _, err := ImportCode(code)
		if err != nil {
			t.Errorf("%s: ImportCode(Code): %v\n%s", k.Name, err, code)
			continue
		}
		if got := specText(mustParse(t, string(spec))); got != specText(s) {
			t.Errorf("%s: ImportCode(Code) = %s, want %s", k.Name, got, specText(s))
		}
	}
}

// A linear warmup then a linear (or polynomial) decay translates into
// optax as join_schedules of two of its schedules, and back.
func TestOptaxJoinTranslate(t *testing.T) {
	tr := translation(t, ignitePiecewiseKind.Example, 1000, "optax")
	want := `{"kind":"optax.join_schedules","schedules":[{"kind":"optax.linear_schedule","init_value":0,"end_value":0.1,"transition_steps":100,"transition_begin":0},` +
		`{"kind":"optax.linear_schedule","init_value":0.1,"end_value":0.001,"transition_steps":700,"transition_begin":0}],"boundaries":[100]}`
	if string(tr.Spec) != want || tr.MaxDiff > 1e-7 {
		t.Errorf("PiecewiseLinear in optax = %s (%s, max diff %g), want %s", tr.Spec, tr.Note, tr.MaxDiff, want)
	}
	back := translation(t, want, 1000, "ignite")
	if string(back.Spec) != `{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0],[100,0.1],[800,0.001]]}` {
		t.Errorf("the join in ignite = %s (%s)", back.Spec, back.Note)
	}
}
