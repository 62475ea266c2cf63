package core

import (
	"strings"
	"testing"
)

// Children for the tests: A, B and C are constants 1, 2 and 3 (a single
// PiecewiseLinear pair); L counts its events: a line 0.0, 0.1, 0.2, ... and
// F 5.0, 5.1, ...
const (
	igniteA = `{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1]]}`
	igniteB = `{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,2]]}`
	igniteC = `{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,3]]}`
	igniteL = `{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0],[10,1]]}`
	igniteF = `{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,5],[10,6]]}`
)

func igniteConcatSpec(durations string, children ...string) string {
	return `{"kind":"ignite.ConcatScheduler","schedulers":[` + strings.Join(children, ",") + `],"durations":` + durations + `}`
}

// The measured semantics: local event counts, at most one child advanced
// per call, zero and negative durations.
func TestIgniteConcatPoints(t *testing.T) {
	for _, tc := range []struct {
		name, spec string
		want       []float64
	}{
		// Each child counts its own events from 0: 0.0, 0.1, 0.2, then 5.0, 5.1, 5.2 (5 + (1·e)/10).
		{"local counts", igniteConcatSpec("[3]", igniteL, igniteF), []float64{0, 0.1, 0.2, 5, 5.1, 5.2}},
		{"[2, 3]", igniteConcatSpec("[2,3]", igniteA, igniteB, igniteC), []float64{1, 1, 2, 2, 2, 3, 3}},
		// A first duration of 0 skips A: B, B, C...
		{"[0, 2]", igniteConcatSpec("[0,2]", igniteA, igniteB, igniteC), []float64{2, 2, 3, 3, 3}},
		// A later 0 makes B run for ever: A, A, B, B, B...
		{"[2, 0]", igniteConcatSpec("[2,0]", igniteA, igniteB, igniteC), []float64{1, 1, 2, 2, 2, 2}},
		{"[0, 0]", igniteConcatSpec("[0,0]", igniteA, igniteB, igniteC), []float64{2, 2, 2, 2}},
		// A negative duration never reaches 0.
		{"[-1, 2]", igniteConcatSpec("[-1,2]", igniteA, igniteB, igniteC), []float64{1, 1, 1, 1}},
		{"[1, -3]", igniteConcatSpec("[1,-3]", igniteA, igniteB, igniteC), []float64{1, 2, 2, 2, 2}},
	} {
		got := mustValues(t, tc.spec, len(tc.want))
		for i, w := range tc.want {
			if got[i] != w {
				t.Errorf("%s: event %d = %.17g, want %g", tc.name, i, got[i], w)
			}
		}
	}
}

// The docstring's example: LinearCyclicalScheduler(0, 1, 8) then
// CosineAnnealingScheduler(1, 0.2, 4), durations [4]: 0, .25, .5, .75, then
// the cosine from its event 0: 1, 0.2 + 0.4·(1 + cos(π/4)) = 0.8828, 0.6, 0.3171, 1 (a new cycle).
func TestIgniteConcatDocstring(t *testing.T) {
	spec := igniteConcatSpec("[4]",
		`{"kind":"ignite.LinearCyclicalScheduler","start_value":0,"end_value":1,"cycle_size":8}`,
		`{"kind":"ignite.CosineAnnealingScheduler","start_value":1,"end_value":0.2,"cycle_size":4}`)
	got := mustValues(t, spec, 9)
	for i, w := range []float64{0, 0.25, 0.5, 0.75, 1, 0.8828, 0.6, 0.3171, 1} {
		if !(got[i]-w < 1e-4 && w-got[i] < 1e-4) {
			t.Errorf("event %d = %.17g, the docstring shows %g", i, got[i], w)
		}
	}
	checkEventContract(t, spec, 40)
}

func TestIgniteConcatErrors(t *testing.T) {
	for _, tt := range []struct {
		spec, param, want string
	}{
		{igniteConcatSpec("[]", igniteA), "schedulers",
			"ignite raises ValueError: Argument schedulers should be of more than one parameter schedulers, but given [ignite.PiecewiseLinear]"},
		{igniteConcatSpec("[2, 3]", igniteA, igniteB), "durations",
			"ignite raises ValueError: Incorrect number schedulers or duration values, given 2 and 2"},
		{igniteConcatSpec("[1.5]", igniteA, igniteB), "durations[0]", "not a whole number"},
		{igniteConcatSpec("[2]", igniteA, `{"kind":"torch.ExponentialLR","gamma":0.9}`), "schedulers[1].kind",
			"torch.ExponentialLR is not an ignite scheduler"},
		{igniteConcatSpec("[2]", igniteA, `{"kind":"ignite.PiecewiseLinear","milestones_values":[]}`), "schedulers[1].milestones_values",
			"Argument milestones_values should be with at least one value"},
	} {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

func TestIgniteConcatEvents(t *testing.T) {
	spec := igniteConcatSpec("[10]", `{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0],[10,1]]}`,
		`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1],[5,0.5],[20,0]]}`)
	hfSameEvents(t, spec, hfEvents(t, spec, 40), []Event{{10, Boundary}, {15, Boundary}, {30, Boundary}})
	checkEventContract(t, spec, 40)
	checkEventContract(t, igniteConcatKind.Example, int(igniteConcatKind.ExampleSteps))
}

// Import reads the children assigned above the call, as ignite's examples
// write them, and the snippet builds them on one optimizer.
func TestIgniteConcatImportAndCode(t *testing.T) {
	src := `scheduler_1 = LinearCyclicalScheduler(optimizer, "lr", start_value=0.0, end_value=1.0, cycle_size=8)
scheduler_2 = CosineAnnealingScheduler(optimizer, "lr", start_value=1.0, end_value=0.2, cycle_size=4)
combined_scheduler = ConcatScheduler(schedulers=[scheduler_1, scheduler_2], durations=[4, ])`
	spec, _, err := ImportCode(src)
	want := `{"kind":"ignite.ConcatScheduler","schedulers":[{"kind":"ignite.LinearCyclicalScheduler","start_value":0,"end_value":1,"cycle_size":8,` +
		`"cycle_mult":1,"start_value_mult":1,"end_value_mult":1,"warmup_duration":0,"monotonic":false},{"kind":"ignite.CosineAnnealingScheduler",` +
		`"start_value":1,"end_value":0.2,"cycle_size":4,"cycle_mult":1,"start_value_mult":1,"end_value_mult":1,"warmup_duration":0}],"durations":[4]}`
	if err != nil || specText(mustParse(t, string(spec))) != want {
		t.Errorf("ImportCode: %s, %v\nwant %s", spec, err, want)
	}
	code, err := Code(mustParse(t, igniteConcatKind.Example), 1000, "")
	for _, part := range []string{
		"from ignite.handlers.param_scheduler import ConcatScheduler, PiecewiseLinear, CosineAnnealingScheduler\n",
		"schedulers = [\n    PiecewiseLinear(\n        optimizer,\n        \"lr\",\n        milestones_values=[(0, 0.0), (100, 0.1)],\n    ),\n",
		"values = ConcatScheduler.simulate_values(num_events=1000, schedulers=schedulers, durations=[100])\n",
	} {
		if err != nil || !strings.Contains(code, part) {
			t.Errorf("Code: %v: no %q in\n%s", err, part, code)
		}
	}
}
