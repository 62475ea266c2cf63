package core

import (
	"strings"
	"testing"
)

// ignite's test_piecewiselinear (pytest.approx there; exact here, each value
// worked as v_i + ((v_{i+1} − v_i)·(e − m_i))/(m_{i+1} − m_i) in float64).
func TestIgnitePiecewiseFrameworkExpectedValues(t *testing.T) {
	spec := `{"kind":"ignite.PiecewiseLinear","milestones_values":[[5,0.5],[15,1.0],[25,0.0],[35,1.0],[40,0.5]]}`
	want := []float64{0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 0.9, 0.8, 0.7, 0.6,
		0.5, 0.4, 0.3, 0.2, 0.1, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.5, 0.5,
		0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}
	got := mustValues(t, spec, len(want))
	for i, w := range want {
		if !tolerance(got[i], w, 1e-12) {
			t.Errorf("event %d = %.17g, ignite's test expects %g", i, got[i], w)
		}
	}
}

func TestIgnitePiecewisePoints(t *testing.T) {
	tests := []struct {
		spec  string
		steps int64
		want  map[int]float64
	}{
		// (5, 0.5) → (15, 1.0) at 6: 0.5 + (0.5·1)/10 = 0.55; (15, 1.0) → (25, 0.0) at 17: 1 + (−1·2)/10 = 0.8.
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[5,0.5],[15,1.0],[25,0.0]]}`, 30, map[int]float64{
			0: 0.5, 5: 0.5, 6: 0.55, 15: 1, 17: 0.8, 25: 0, 29: 0}},
		// The brief's repeated milestone: [(0,1),(4,0),(4,0.5),(4,0.9),(6,0.1)] gives 1, 0.75, 0.5, 0.25, 0.9,
		// 0.5 (0.9 + (−0.8·1)/2), 0.1, 0.1: 0 and 0.5 never show.
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1],[4,0],[4,0.5],[4,0.9],[6,0.1]]}`, 8, map[int]float64{
			0: 1, 1: 0.75, 2: 0.5, 3: 0.25, 4: 0.9, 5: 0.5, 6: 0.1, 7: 0.1}},
		// A negative milestone interpolates: (−2, 1) → (2, 0) at 0: 1 + (−1·2)/4 = 0.5.
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[-2,1],[2,0]]}`, 4, map[int]float64{0: 0.5, 1: 0.25, 2: 0, 3: 0}},
		// One pair: a constant, before and after its milestone.
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[10,0.3]]}`, 20, map[int]float64{0: 0.3, 10: 0.3, 19: 0.3}},
		// The example: (0, 0) → (100, 0.1): 37: (0.1·37)/100 = 0.037000000000000005; (100, 0.1) → (800, 0.001)
		// at 450: 0.1 + (−0.099·350)/700 = 0.05050000000000001.
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0],[100,0.1],[800,0.001]]}`, 1000, map[int]float64{
			37: 0.037000000000000005, 100: 0.1, 450: 0.05050000000000001, 800: 0.001, 999: 0.001}},
		// A run of 10^9 events, random access: 1 + (−1·(5·10^8))/10^9 = 0.5; at 999999999 the quotient
		// 0.999999999 is rounded before 1 − it: 9.999999717180685e-10, not 1e-9.
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1],[1000000000,0]]}`, 1000000000, map[int]float64{
			500000000: 0.5, 999999999: 9.999999717180685e-10}},
	}
	for _, tt := range tests {
		hfCheckAt(t, tt.spec, tt.steps, tt.want, 0)
	}
}

func TestIgnitePiecewiseErrors(t *testing.T) {
	for _, tt := range []struct {
		spec, param, want string
	}{
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[]}`, "milestones_values",
			"ignite raises ValueError: Argument milestones_values should be with at least one value, but given []"},
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1],[2,0.5],[1,0.1]]}`, "milestones_values[2]",
			"ignite raises ValueError: Milestones should be increasing integers, but given 1 is smaller than the previous milestone 2"},
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1],[2.5,0.5]]}`, "milestones_values[1]", "its step 2.5 is not a whole number"},
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1],[2,-0.5]]}`, "milestones_values[1]", "out of range"},
		{`{"kind":"ignite.PiecewiseLinear"}`, "milestones_values", "missing"},
	} {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

func TestIgnitePiecewiseEvents(t *testing.T) {
	for _, tc := range []struct {
		spec  string
		steps int64
		want  []Event
	}{
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[5,0.5],[15,1.0],[25,0.0],[35,1.0],[40,0.5]]}`, 50,
			[]Event{{5, Boundary}, {15, Peak}, {25, Trough}, {35, Peak}, {40, Boundary}}},
		{`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1],[4,0],[4,0.5],[4,0.9],[6,0.1]]}`, 8,
			[]Event{{4, Peak}, {6, Boundary}}}, // up from 0.25 to 0.9 at 4, then down
	} {
		hfSameEvents(t, tc.spec, hfEvents(t, tc.spec, tc.steps), tc.want)
		checkEventContract(t, tc.spec, int(tc.steps))
	}
}

// Import reads a list (or tuple) of tuples, as ignite takes it, and refuses
// with ignite's words what ignite refuses.
func TestIgnitePiecewiseImport(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"scheduler = PiecewiseLinear(optimizer, \"lr\", milestones_values=[(0, 0.0), (100, 0.1), (800, 1e-3)])",
			`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0],[100,0.1],[800,0.001]]}`},
		{"E = 100\nPiecewiseLinear(opt, 'lr', ((0, 1), (E * 2, 0.5),), save_history=True)",
			`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1],[200,0.5]]}`},
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
		{"PiecewiseLinear(opt, 'lr', [[0, 0.1], [10, 0.2]])", "milestones_values: [0, 0.1] is not a (step, value) tuple: ignite raises ValueError: " +
			"Argument milestones_values should be a list of pairs (milestone, param_value)"},
		{"PiecewiseLinear(opt, 'lr', [(0, 0.1), (1.0, 0.2)])", "milestones_values[1]: its step 1.0 is a float: ignite raises TypeError: " +
			"Value of a milestone should be integer, but given <class 'float'>"},
		{"PiecewiseLinear(opt, 'lr', [(0, 0.1, 3)])", "is not a (step, value) tuple"},
		{"PiecewiseLinear(opt, 'lr', {0: 0.1})", "is not a list of (step, value) tuples"},
		{"PiecewiseLinear(opt, 'lr', [])", "Argument milestones_values should be with at least one value, but given []"},
	} {
		if _, _, err := ImportCode(tc.src); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error containing %q", tc.src, err, tc.want)
		}
	}
	// The snippet (simulate_values, which import does not read) passes the tuples.
	s := mustParse(t, ignitePiecewiseKind.Example)
	code, err := Code(s, 1000, "")
	if err != nil || !strings.Contains(code, "values = PiecewiseLinear.simulate_values(\n    num_events=1000,\n    param_name=\"lr\",\n"+
		"    milestones_values=[(0, 0.0), (100, 0.1), (800, 0.001)],\n)") {
		t.Fatalf("Code: %v\n%s", err, code)
	}
}
