package core

import (
	"math"
	"testing"
	"time"
)

// HF's own expected values: huggingface/transformers
// tests/optimization/test_optimization.py, ScheduleInitTest.test_schedulers,
// with an AdamW of lr=10.0, common_kwargs {"num_warmup_steps": 2,
// "num_training_steps": 10}, and scheduler.get_lr()[0] before each of 10
// step() calls (i.e. lr * lr_lambda(i)). The lists are rounded to 2 decimals
// and HF checks them to within 1e-2; so do we.
func TestHFFrameworkExpectedValues(t *testing.T) {
	tests := []struct {
		spec string
		want []float64
	}{
		{`{"kind":"hf.cosine_schedule_with_warmup","lr":10,"num_warmup_steps":2,"num_training_steps":10}`,
			[]float64{0.0, 5.0, 10.0, 9.61, 8.53, 6.91, 5.0, 3.08, 1.46, 0.38}},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":10,"num_warmup_steps":2,"num_training_steps":10,"num_cycles":2}`,
			[]float64{0.0, 5.0, 10.0, 8.53, 5.0, 1.46, 10.0, 8.53, 5.0, 1.46}},
	}
	for _, tt := range tests {
		got := mustValues(t, tt.spec, len(tt.want))
		for i := range tt.want {
			if math.Abs(got[i]-tt.want[i]) > 1e-2 {
				t.Errorf("%s: step %d = %g, HF expects %g ± 1e-2", tt.spec, i, got[i], tt.want[i])
			}
		}
	}
}

// Tighter values. "py:" rows were printed by python3 running a transcription
// of the lr lambdas of src/transformers/optimization.py (Python floats, libm
// cos) times lr, as LambdaLR multiplies; the other rows are worked by hand.
// Go's math.Cos is not libm's, so rows allow 1e-15 relative.
func TestHFPoints(t *testing.T) {
	const cosine = `"kind":"hf.cosine_schedule_with_warmup"`
	const hard = `"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup"`
	const minlr = `"kind":"hf.cosine_with_min_lr_schedule_with_warmup"`
	const wsd = `"kind":"hf.wsd_schedule"`
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		// By hand: W = 2, T = 10: warmup i/2, then p = (i−2)/8, 10·0.5·(1 + cos(π·p)).
		{`{` + cosine + `,"lr":10,"num_warmup_steps":2,"num_training_steps":10}`, 21, map[int]float64{
			0: 0, 1: 5, 2: 10, 4: 10 * 0.5 * (1 + math.Cos(math.Pi/4)), 6: 5, 10: 0,
			// past the end: p = 1.25 at 12, 2 at 18 (back to lr)
			12: 10 * 0.5 * (1 + math.Cos(math.Pi*1.25)), 18: 10, 20: 10 * 0.5 * (1 + math.Cos(math.Pi*2.25))}},
		// py: the same run, every step past the end.
		{`{` + cosine + `,"lr":10,"num_warmup_steps":2,"num_training_steps":10}`, 21, map[int]float64{
			3: 9.619397662556434, 5: 6.913417161825449, 7: 3.0865828381745515, 9: 0.3806023374435663,
			11: 0.38060233744356575, 13: 3.0865828381745484, 14: 4.999999999999999, 17: 9.619397662556432, 19: 9.619397662556434}},
		// py: num_cycles 1.3, no warmup, past the end at 25.
		{`{` + cosine + `,"lr":2e-5,"num_warmup_steps":0,"num_training_steps":20,"num_cycles":1.3}`, 26, map[int]float64{
			0: 2e-05, 3: 1.3387379202452917e-05, 7: 3.9706314323057047e-07, 13: 1.5620833778521306e-05,
			19: 1.0941083133185151e-05, 25: 2.928932188134529e-06}},
		// py: HF's test run with num_cycles 2, and past num_training_steps (0).
		{`{` + hard + `,"lr":10,"num_warmup_steps":2,"num_training_steps":10,"num_cycles":2}`, 14, map[int]float64{
			0: 0, 1: 5, 2: 10, 3: 8.535533905932738, 4: 5, 5: 1.4644660940672627, 6: 10, 9: 1.4644660940672627,
			10: 0, 13: 0}},
		// py: c = 3, D = 7: x = 3u/7 wraps at u = 3 (x = 9/7) and u = 5 (15/7).
		{`{` + hard + `,"lr":1,"num_warmup_steps":1,"num_training_steps":8,"num_cycles":3}`, 10, map[int]float64{
			0: 0, 1: 1, 2: 0.6112604669781572, 3: 0.04951556604879048, 4: 0.8117449009293669,
			5: 0.18825509907063342, 6: 0.9504844339512096, 7: 0.3887395330218433, 8: 0, 9: 0}},
		// By hand: min_lr 1 of lr 10 is rate 0.1; at p = 0.5, 10·(0.5·0.9 + 0.1) = 5.5; at p = 1, 1.
		// py for the rest.
		{`{` + minlr + `,"lr":10,"num_warmup_steps":2,"num_training_steps":10,"min_lr":1}`, 13, map[int]float64{
			0: 0, 1: 5, 2: 10, 6: 5.5, 10: 1, 3: 9.65745789630079, 9: 1.3425421036992096, 12: 2.3180194846605358}},
		{`{` + minlr + `,"lr":10,"num_warmup_steps":2,"num_training_steps":10,"min_lr_rate":0.1}`, 13, map[int]float64{
			0: 0, 1: 5, 2: 10, 6: 5.5, 10: 1, 3: 9.65745789630079, 9: 1.3425421036992096, 12: 2.3180194846605358}},
		// py: min_lr_rate = 1e-5/3e-4 computed as HF does.
		{`{` + minlr + `,"lr":3e-4,"num_warmup_steps":10,"num_training_steps":100,"min_lr":1e-5}`, 151, map[int]float64{
			0: 0, 5: 0.00015, 10: 0.0003, 37: 0.00024022886158240857, 55: 0.000155, 99: 1.0088330082231116e-05,
			100: 1e-05, 150: 0.00018017898576170484}},
		// py: HF's WSD example shape, num_stable_steps given: warmup from 0.1·lr.
		// By hand: decay p = 1/3 at 5: 0.5·(1 + cos(π/3)) = 0.75, 10·(0.75·0.9 + 0.1) = 7.75.
		{`{` + wsd + `,"lr":10,"num_warmup_steps":2,"num_stable_steps":2,"num_decay_steps":3,"min_lr_ratio":0.1}`, 9, map[int]float64{
			0: 1, 1: 5.5, 2: 10, 3: 10, 4: 10, 5: 7.75, 6: 3.2500000000000013, 7: 1, 8: 1}},
		// py: stable from num_training_steps (20 − 4 − 6 = 10), cosine warmup, 1-sqrt decay.
		{`{` + wsd + `,"lr":1,"num_warmup_steps":4,"num_decay_steps":6,"num_training_steps":20,"warmup_type":"cosine","decay_type":"1-sqrt","min_lr_ratio":0.05}`, 22, map[int]float64{
			0: 0.05, 1: 0.1891242789363899, 2: 0.5249999999999999, 3: 0.8608757210636101, 4: 1, 14: 1,
			15: 0.6121641240593302, 16: 0.4515172442698555, 19: 0.13277261728348694, 20: 0.05, 21: 0.05}},
		// py: 1-sqrt warmup, linear decay. By hand: 2·(1 − √(1 − 1/4)) = 0.2679…, decay 2·(1 − 1/4) = 1.5.
		{`{` + wsd + `,"lr":2,"num_warmup_steps":4,"num_decay_steps":4,"num_stable_steps":1,"warmup_type":"1-sqrt","decay_type":"linear"}`, 11, map[int]float64{
			0: 0, 1: 0.2679491924311228, 2: 0.5857864376269049, 3: 1, 4: 2, 5: 2, 6: 1.5, 7: 1, 8: 0.5, 9: 0, 10: 0}},
		// py: num_cycles 1.5 in the decay.
		{`{` + wsd + `,"lr":1,"num_warmup_steps":0,"num_decay_steps":10,"num_stable_steps":0,"num_cycles":1.5}`, 11, map[int]float64{
			0: 1, 1: 0.7938926261462366, 3: 0.024471741852423234, 5: 0.4999999999999999, 7: 0.9755282581475768, 10: 0}},
	}
	for _, tt := range tests {
		checkPoints(t, tt.spec, tt.steps, tt.want, 1e-15)
	}
}

// Each row is a line of a "Special cases are" list in hf.go.
func TestHFSpecialCases(t *testing.T) {
	tests := []struct {
		name  string
		spec  string
		steps int
		want  map[int]float64
	}{
		// hfCosine
		{"cosine i = W", `{"kind":"hf.cosine_schedule_with_warmup","lr":3,"num_warmup_steps":7,"num_training_steps":9}`, 10,
			map[int]float64{7: 3}},
		{"cosine past T with c = 0.5: lr at W + 2(T − W)", `{"kind":"hf.cosine_schedule_with_warmup","lr":1,"num_warmup_steps":0,"num_training_steps":4}`, 10,
			map[int]float64{4: 0, 8: 1, 2: 0.5, 6: 0.4999999999999999}},
		// T = 3 ≤ W = 5: D = 1, p = i − 5, cos(π·p) = ±1.
		{"cosine T ≤ W", `{"kind":"hf.cosine_schedule_with_warmup","lr":1,"num_warmup_steps":5,"num_training_steps":3}`, 10,
			map[int]float64{4: 0.8, 5: 1, 6: 0, 7: 1, 8: 0, 9: 1}},
		{"cosine c < 0", `{"kind":"hf.cosine_schedule_with_warmup","lr":1,"num_warmup_steps":2,"num_training_steps":10,"num_cycles":-0.5}`, 11,
			map[int]float64{3: 0.9619397662556434, 6: 0.5, 10: 0}},
		{"cosine c = 0", `{"kind":"hf.cosine_schedule_with_warmup","lr":1,"num_warmup_steps":2,"num_training_steps":10,"num_cycles":0}`, 20,
			map[int]float64{1: 0.5, 2: 1, 10: 1, 19: 1}},
		{"min lr r = 1", `{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","lr":2,"num_warmup_steps":2,"num_training_steps":10,"min_lr_rate":1}`, 20,
			map[int]float64{1: 1, 2: 2, 6: 2, 19: 2}},
		{"min lr r > 1: rises", `{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","lr":1,"num_warmup_steps":0,"num_training_steps":10,"min_lr_rate":2}`, 11,
			map[int]float64{0: 1, 5: 1.5, 10: 2}},
		// hfHardRestarts
		{"hard i = W", `{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":4,"num_warmup_steps":3,"num_training_steps":9,"num_cycles":2}`, 10,
			map[int]float64{3: 4, 6: 4}},
		{"hard i ≥ W + D: 0", `{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":1,"num_warmup_steps":4,"num_training_steps":2}`, 7,
			map[int]float64{3: 0.75, 4: 1, 5: 0, 6: 0}},
		{"hard c = 0", `{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":1,"num_warmup_steps":2,"num_training_steps":5,"num_cycles":0}`, 7,
			map[int]float64{1: 0.5, 2: 1, 3: 1, 4: 1, 5: 0, 6: 0}},
		// py: x = −u/10 % 1 = 1 − u/10: each cycle rises.
		{"hard c < 0", `{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":1,"num_warmup_steps":0,"num_training_steps":10,"num_cycles":-1}`, 12,
			map[int]float64{0: 1, 1: 0.024471741852423234, 5: 0.5, 9: 0.9755282581475768, 10: 0}},
		// py: 49·(1/49) = 0.9999999999999999 in float64, % 1 leaves it: cos(π·0.99…) ≈ −1.
		{"hard c·p integer, rounded below", `{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":1,"num_warmup_steps":0,"num_training_steps":49,"num_cycles":49}`, 6,
			map[int]float64{0: 1, 1: 0, 2: 0, 3: 1, 4: 0, 5: 1}},
		// hfWSD
		{"wsd i = 0 < W: lr·m", `{"kind":"hf.wsd_schedule","lr":10,"num_warmup_steps":2,"num_stable_steps":2,"num_decay_steps":3,"min_lr_ratio":0.1}`, 3,
			map[int]float64{0: 1}},
		// py: S = 6 − 2 − 8 = −4: at 2, p = 4/8, 0.5·(1 + cos(π/2)) = 0.5.
		{"wsd S < 0", `{"kind":"hf.wsd_schedule","lr":1,"num_warmup_steps":2,"num_decay_steps":8,"num_training_steps":6}`, 12,
			map[int]float64{1: 0.5, 2: 0.5, 3: 0.30865828381745514, 5: 0.03806023374435663, 6: 0, 11: 0}},
		// S = 3 − 4 − 2 = −3: W + S + D = 3 ≤ 4.
		{"wsd W + S + D ≤ W", `{"kind":"hf.wsd_schedule","lr":1,"num_warmup_steps":4,"num_decay_steps":2,"num_training_steps":3,"min_lr_ratio":0.25}`, 7,
			map[int]float64{3: 0.25 + 0.75*0.75, 4: 0.25, 6: 0.25}},
		{"wsd D = 0", `{"kind":"hf.wsd_schedule","lr":1,"num_warmup_steps":2,"num_decay_steps":0,"num_stable_steps":2,"min_lr_ratio":0.3}`, 6,
			map[int]float64{0: 0.3, 1: 0.6499999999999999, 2: 1, 3: 1, 4: 0.3, 5: 0.3}},
		{"wsd m = 1", `{"kind":"hf.wsd_schedule","lr":2,"num_warmup_steps":3,"num_decay_steps":3,"num_stable_steps":2,"min_lr_ratio":1}`, 10,
			map[int]float64{0: 2, 1: 2, 4: 2, 6: 2, 9: 2}},
		// By hand: warmup (1/2)·(1 − 3) + 3 = 2 at 1; decay p = 1/2 linear: 0.5·(1 − 3) + 3 = 2.
		{"wsd m > 1", `{"kind":"hf.wsd_schedule","lr":1,"num_warmup_steps":2,"num_decay_steps":2,"num_stable_steps":1,"decay_type":"linear","min_lr_ratio":3}`, 7,
			map[int]float64{0: 3, 1: 2, 2: 1, 3: 1, 4: 2, 5: 3, 6: 3}},
		{"wsd both set: num_stable_steps wins", `{"kind":"hf.wsd_schedule","lr":1,"num_warmup_steps":0,"num_decay_steps":2,"num_stable_steps":5,"num_training_steps":3,"decay_type":"linear"}`, 8,
			map[int]float64{4: 1, 5: 1, 6: 0.5, 7: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkPoints(t, tt.spec, tt.steps, tt.want, 1e-15) })
	}
}

// Go's math.Cos and libm's agree on these to the last bit or nearly; the
// order of operations is HF's, so a whole run matches the transcription.
func TestHFNegativeCyclesEqualPositive(t *testing.T) {
	pos := mustValues(t, `{"kind":"hf.cosine_schedule_with_warmup","lr":1,"num_warmup_steps":3,"num_training_steps":50,"num_cycles":1.7}`, 200)
	neg := mustValues(t, `{"kind":"hf.cosine_schedule_with_warmup","lr":1,"num_warmup_steps":3,"num_training_steps":50,"num_cycles":-1.7}`, 200)
	for i := range pos {
		if pos[i] != neg[i] {
			t.Fatalf("step %d: num_cycles 1.7 gives %g, -1.7 gives %g", i, pos[i], neg[i])
		}
	}
}

func TestHFErrors(t *testing.T) {
	tests := []struct {
		spec  string
		param string
		want  string
	}{
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":10}`, "num_training_steps", "missing"},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_training_steps":10}`, "num_warmup_steps", "missing"},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":-1,"num_training_steps":10}`, "num_warmup_steps", "out of range"},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":1.5,"num_training_steps":10}`, "num_warmup_steps", "whole number"},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":1,"num_training_steps":10,"lr":0}`, "lr", "> 0"},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":1,"num_training_steps":10,"lr":-1e-3}`, "lr", "> 0"},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":1,"num_training_steps":10,"num_cycles":1e300}`, "num_cycles", "out of range"},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":1,"num_training_steps":10,"num_cycles":1.5}`, "num_cycles", "whole number"},
		// HF raises ValueError for both and for neither.
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":1,"num_training_steps":10}`, "min_lr", "One of min_lr or min_lr_rate"},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":1,"num_training_steps":10,"min_lr":1e-6,"min_lr_rate":0.1}`, "min_lr_rate", "Only one of min_lr or min_lr_rate"},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":1,"num_training_steps":10,"min_lr":-1e-6}`, "min_lr", "out of range"},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":1,"num_training_steps":10,"min_lr_rate":-0.1}`, "min_lr_rate", "out of range"},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","lr":1e-300,"num_warmup_steps":1,"num_training_steps":10,"min_lr":1e300}`, "min_lr", "overflow"},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","lr":1e300,"num_warmup_steps":1,"num_training_steps":10,"min_lr_rate":1e300}`, "min_lr_rate", "overflow"},
		// get_wsd_schedule raises ValueError without either length, and for an unknown type.
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":1,"num_decay_steps":10}`, "num_training_steps", "Either num_training_steps or num_stable_steps"},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":1,"num_decay_steps":10,"num_stable_steps":5,"decay_type":"exp"}`, "decay_type", "not an option"},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":1,"num_decay_steps":10,"num_stable_steps":5,"warmup_type":"sqrt"}`, "warmup_type", "not an option"},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":1,"num_decay_steps":10,"num_stable_steps":-1e17}`, "num_stable_steps", "out of range"},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":1,"num_decay_steps":10,"num_stable_steps":5,"min_lr_ratio":-0.1}`, "min_lr_ratio", "out of range"},
		{`{"kind":"hf.wsd_schedule","lr":1e300,"num_warmup_steps":1,"num_decay_steps":10,"num_stable_steps":5,"min_lr_ratio":1e10}`, "min_lr_ratio", "overflow"},
	}
	for _, tt := range tests {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

// hfCheckAt is checkPoints through At, for runs too long to Evaluate.
func hfCheckAt(t *testing.T, spec string, n int64, want map[int]float64, tol float64) {
	t.Helper()
	s := mustParse(t, spec)
	if err := s.CheckSteps(n); err != nil {
		t.Fatalf("%s: CheckSteps(%d): %v", spec, n, err)
	}
	for i, w := range want {
		if got := s.At(int64(i), n); !tolerance(got, w, tol) {
			t.Errorf("%s: step %d = %.17g, want %.17g", spec, i, got, w)
		}
	}
}

func hfEvents(t *testing.T, spec string, n int64) []Event {
	t.Helper()
	var got []Event
	for e := range mustParse(t, spec).Events(n, 0, n) {
		got = append(got, e)
	}
	return got
}

func hfSameEvents(t *testing.T, spec string, got, want []Event) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: events %v, want %v", spec, truncEvents(got), truncEvents(want))
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: events %v, want %v", spec, truncEvents(got), truncEvents(want))
			return
		}
	}
}

func TestHFEvents(t *testing.T) {
	tests := []struct {
		spec string
		n    int64
		want []Event
	}{
		{`{"kind":"hf.cosine_schedule_with_warmup","lr":10,"num_warmup_steps":2,"num_training_steps":10}`, 12,
			[]Event{{2, WarmupEnd}, {10, Trough}, {10, Boundary}}},
		// Past the end with c = 0.5: troughs at 4 and 12, peaks at 8 and 16.
		{`{"kind":"hf.cosine_schedule_with_warmup","lr":1,"num_warmup_steps":0,"num_training_steps":4}`, 18,
			[]Event{{4, Trough}, {4, Boundary}, {8, Peak}, {12, Trough}, {16, Peak}}},
		// c = 1.5 over D = 10: extrema at 10/3 (trough: 3 is lower than 4), 20/3 (peak: 7 is higher).
		{`{"kind":"hf.wsd_schedule","lr":1,"num_warmup_steps":0,"num_decay_steps":10,"num_stable_steps":0,"num_cycles":1.5}`, 12,
			[]Event{{3, Trough}, {7, Peak}, {10, Boundary}}},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","lr":1,"num_warmup_steps":0,"num_training_steps":4,"min_lr_rate":2}`, 10,
			[]Event{{4, Peak}, {4, Boundary}, {8, Trough}}},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":10,"num_warmup_steps":2,"num_training_steps":10,"num_cycles":2}`, 12,
			[]Event{{2, WarmupEnd}, {6, Restart}, {10, Boundary}}},
		// c = 3 over D = 7 (W = 1): wraps at u = 3 and 5 (x = 9/7, 15/7).
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":1,"num_warmup_steps":1,"num_training_steps":8,"num_cycles":3}`, 10,
			[]Event{{1, WarmupEnd}, {4, Restart}, {6, Restart}, {8, Boundary}}},
		// c = −1: the cycle index drops from 0 to −1 at u = 1, then the cosine rises to the end.
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":1,"num_warmup_steps":0,"num_training_steps":10,"num_cycles":-1}`, 12,
			[]Event{{1, Restart}, {10, Boundary}}},
		// |c| ≥ D: every step starts a cycle.
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":1,"num_warmup_steps":0,"num_training_steps":4,"num_cycles":49}`, 6,
			[]Event{{1, Restart}, {2, Restart}, {3, Restart}, {4, Boundary}}},
		{`{"kind":"hf.wsd_schedule","lr":10,"num_warmup_steps":2,"num_stable_steps":2,"num_decay_steps":3,"min_lr_ratio":0.1}`, 9,
			[]Event{{2, WarmupEnd}, {4, Boundary}, {7, Boundary}}},
	}
	for _, tt := range tests {
		hfSameEvents(t, tt.spec, hfEvents(t, tt.spec, tt.n), tt.want)
	}
}

func TestHFEventContract(t *testing.T) {
	specs := []struct {
		spec  string
		steps int
	}{
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000}`, 1000},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000}`, 5000},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":1}`, 50},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":5,"num_training_steps":3}`, 50},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":3,"num_training_steps":40,"num_cycles":3.7}`, 500},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":3,"num_training_steps":10,"num_cycles":4.3}`, 300},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":7,"num_cycles":-2.25}`, 300},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":10,"num_cycles":0}`, 30},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000,"num_cycles":7}`, 1200},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":1000,"num_cycles":999}`, 1100},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":1000,"num_cycles":-3}`, 1100},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":1000,"num_cycles":-997}`, 1100},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":49,"num_cycles":49}`, 60},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":2,"num_training_steps":300,"num_cycles":1000}`, 400},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":7,"num_training_steps":2,"num_cycles":3}`, 20},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":100,"min_lr":1e-6}`, 500},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":100,"min_lr_rate":3,"num_cycles":2.2}`, 500},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":100,"min_lr_rate":1}`, 200},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":100,"num_decay_steps":200,"num_training_steps":1000}`, 1200},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":100,"num_decay_steps":200,"num_training_steps":150,"num_cycles":2.6}`, 600},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":10,"num_decay_steps":100,"num_stable_steps":20,"num_cycles":-5.3,"min_lr_ratio":2,"warmup_type":"cosine"}`, 200},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":10,"num_decay_steps":100,"num_stable_steps":0,"warmup_type":"1-sqrt","decay_type":"1-sqrt","min_lr_ratio":0.2}`, 200},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":0,"num_decay_steps":0,"num_stable_steps":0}`, 10},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":4,"num_decay_steps":2,"num_training_steps":3,"min_lr_ratio":0.25}`, 10},
	}
	for _, s := range specs {
		checkEventContract(t, s.spec, s.steps)
	}
}

// TestHFCosineRounding: with num_cycles near the end of its range the
// cosine's argument, π·num_cycles·2·progress, is rounded to 10^-5 radians,
// more than a step advances its folded phase, so rounding alone can turn the
// curve. Every turn needs an event (the Event contract), and drawing must
// then match every value. turns is how many Turn events the run has, all in
// [first, end): -1 for one at every step there, as when the ideal samples
// repeat (5·10^6 whole cycles a step) and rounding is all that moves them.
func TestHFCosineRounding(t *testing.T) {
	tests := []struct {
		spec       string
		steps      int
		first, end int64
		turns      int
	}{
		// The fuzzers' find: the example with num_cycles = ±10^9 turned at 807 with no event.
		{`{"kind":"hf.wsd_schedule","lr":5e-5,"num_warmup_steps":100,"num_decay_steps":200,"num_training_steps":1000,"min_lr_ratio":0.1,"num_cycles":1e9}`, 1000, 801, 1000, -1},
		{`{"kind":"hf.wsd_schedule","lr":5e-5,"num_warmup_steps":100,"num_decay_steps":200,"num_training_steps":1000,"min_lr_ratio":0.1,"num_cycles":-1e9}`, 1200, 801, 1000, -1},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":0,"num_decay_steps":200,"num_stable_steps":0,"num_cycles":5e8}`, 300, 1, 200, -1},
		// The cosine goes on past num_training_steps, and so do the Turns.
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":1010,"num_cycles":1e9}`, 3000, 11, 3000, -1},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":1000,"num_cycles":-1e9,"min_lr_rate":3}`, 2000, 1, 2000, -1},
		// 1.2·10^-4 cycles a step after folding, blurred by 0.37 of a step:
		// Turns only around the extremum at 1/(2·1.2·10^-4) ≈ 4167.
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":200,"num_cycles":999999999.976}`, 5000, 4160, 4170, 2},
		// Whole cycles a step with little rounding: every sample rounds to the peak.
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":0,"num_decay_steps":100,"num_stable_steps":0,"num_cycles":100}`, 200, 0, 0, 0},
		// Rounding well inside a step's move: the usual Peaks and Troughs, no Turn.
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000,"num_cycles":1e9}`, 3000, 0, 0, 0},
	}
	for _, tt := range tests {
		checkEventContract(t, tt.spec, tt.steps)
		s := mustParse(t, tt.spec)
		n := int64(tt.steps)
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = s.At(int64(i), n)
		}
		for _, width := range []int{7, 100, 1000} {
			checkDownsample(t, s, tt.spec, vals, width)
		}
		turns := 0
		for e := range s.Events(n, 0, n) {
			if e.Kind != Turn {
				continue
			}
			turns++
			if e.Step < tt.first || e.Step >= tt.end {
				t.Errorf("%s: Turn at %d, outside [%d, %d)", tt.spec, e.Step, tt.first, tt.end)
			}
		}
		want := tt.turns
		if want < 0 {
			want = int(tt.end - tt.first)
		}
		if turns != want {
			t.Errorf("%s over %d: %d Turns, want %d", tt.spec, n, turns, want)
		}
	}
}

// hfCheckWindow checks the event contract on a window [a, b) of a long
// run, evaluating only the window: the values between consecutive events
// (and the window's ends) are monotone. It also times Events on the window.
func hfCheckWindow(t *testing.T, spec string, n, a, b int64) {
	t.Helper()
	s := mustParse(t, spec)
	start := time.Now()
	var cuts []int64
	for e := range s.Events(n, a, b) {
		if e.Step < a || e.Step >= b {
			t.Fatalf("%s: event %v outside [%d, %d)", spec, e, a, b)
		}
		cuts = append(cuts, e.Step)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("%s: Events(%d, %d, %d) took %v", spec, n, a, b, d)
	}
	cuts = append(cuts, b)
	lo := a
	for _, c := range cuts {
		if c <= lo {
			continue
		}
		dir := 0
		prev := s.At(lo, n)
		for i := lo + 1; i < c; i++ {
			v := s.At(i, n)
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("%s: At(%d, %d) = %g", spec, i, n, v)
			}
			d := 0
			if v > prev {
				d = 1
			} else if v < prev {
				d = -1
			}
			if d != 0 && dir != 0 && d != dir {
				t.Fatalf("%s: run [%d, %d) of %d turns at %d", spec, lo, c, n, i-1)
			}
			if d != 0 {
				dir = d
			}
			prev = v
		}
		lo = c
	}
}

func TestHFHugeRuns(t *testing.T) {
	const n = MaxSteps
	for _, tt := range []struct {
		spec string
		a    int64
	}{
		// Far past the end of a short cosine: the extrema keep coming.
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":1000}`, n - 20000},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":1000000000}`, 5e11},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":1000000000000,"num_cycles":100000000}`, 7e11},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":1000000000000,"num_cycles":-12345}`, 3e11},
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":1000,"num_decay_steps":900000000000,"num_stable_steps":5,"num_cycles":3000000}`, 4e11},
	} {
		hfCheckWindow(t, tt.spec, n, tt.a, tt.a+20000)
		// A whole-run query stops when the consumer does.
		count := 0
		for range mustParse(t, tt.spec).Events(n, 0, n) {
			if count++; count == 1000 {
				break
			}
		}
	}
	// Every step a restart: the window holds them all and no more.
	s := mustParse(t, `{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":1000000000000,"num_cycles":2000000000000}`)
	count := 0
	for e := range s.Events(n, 5e11, 5e11+100) {
		if e.Kind != Restart {
			t.Errorf("event %v, want restarts only", e)
		}
		count++
	}
	if count != 100 {
		t.Errorf("%d restarts in a window of 100 steps, want 100", count)
	}
}

// hfCheckExtremes evaluates spec at a few steps of runs up to MaxSteps and
// takes a few events of each: nothing may panic, and every lr is finite and
// not negative.
func hfCheckExtremes(t *testing.T, spec string) {
	t.Helper()
	s := mustParse(t, spec)
	for _, n := range []int64{1, 2, 3, 1000, 1 << 31, MaxSteps} {
		if s.CheckSteps(n) != nil {
			continue
		}
		for _, i := range []int64{0, 1, 2, n / 3, n / 2, n - 2, n - 1} {
			if i < 0 || i >= n {
				continue
			}
			if v := s.At(i, n); math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Errorf("%s: At(%d, %d) = %g", spec, i, n, v)
			}
		}
		for _, w := range [][2]int64{{0, n}, {n / 2, n}, {n - 10, n}} {
			count := 0
			for range s.Events(n, w[0], w[1]) {
				if count++; count == 100 {
					break
				}
			}
		}
	}
}

func TestHFExtremes(t *testing.T) {
	const big = `9007199254740992` // 2⁵³, the largest whole number a spec takes
	for _, spec := range []string{
		`{"kind":"hf.cosine_schedule_with_warmup","lr":1e308,"num_warmup_steps":` + big + `,"num_training_steps":0,"num_cycles":1e9}`,
		`{"kind":"hf.cosine_schedule_with_warmup","lr":5e-324,"num_warmup_steps":0,"num_training_steps":` + big + `,"num_cycles":-1e9}`,
		`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":0,"num_cycles":0.5}`,
		`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":3,"num_cycles":123456789.123}`,
		`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":1e308,"num_warmup_steps":0,"num_training_steps":` + big + `,"num_cycles":` + big + `}`,
		`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":` + big + `,"num_cycles":-` + big + `}`,
		`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":` + big + `,"num_cycles":-1}`,
		`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":1,"num_training_steps":1000000000000,"num_cycles":999999999999}`,
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","lr":1e-300,"num_warmup_steps":0,"num_training_steps":10,"min_lr":1e-10}`,
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","lr":1e300,"num_warmup_steps":0,"num_training_steps":10,"min_lr_rate":1e7,"num_cycles":1e9}`,
		`{"kind":"hf.wsd_schedule","lr":1e300,"num_warmup_steps":` + big + `,"num_decay_steps":` + big + `,"num_stable_steps":` + big + `,"min_lr_ratio":1e7}`,
		`{"kind":"hf.wsd_schedule","num_warmup_steps":0,"num_decay_steps":` + big + `,"num_training_steps":0,"num_cycles":-1e9}`,
		`{"kind":"hf.wsd_schedule","num_warmup_steps":3,"num_decay_steps":2,"num_training_steps":` + big + `,"warmup_type":"1-sqrt","decay_type":"1-sqrt"}`,
		`{"kind":"optax.cosine_decay_schedule","init_value":1e38,"decay_steps":` + big + `,"alpha":1,"exponent":1e300}`,
		`{"kind":"optax.cosine_decay_schedule","init_value":5e-324,"decay_steps":1,"alpha":1e38,"exponent":0}`,
		`{"kind":"optax.warmup_cosine_decay_schedule","init_value":1e38,"peak_value":1e-38,"warmup_steps":2147483647,"decay_steps":` + big + `,"end_value":1}`,
		`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1e38,"warmup_steps":0,"decay_steps":1,"end_value":1e38,"exponent":1e-300}`,
		`{"kind":"lr_schedule.linear","initial_value":1e300,"final_value":1e300}`,
		`{"kind":"lr_schedule.cosine","initial_value":5e-324,"final_value":1e300}`,
		`{"kind":"lr_schedule.exponential","initial_value":1e300,"decay_rate":5e-324}`,
		`{"kind":"lr_schedule.cosine_warmup","initial_value":1e300,"final_value":1e300,"warmup_fraction":5e-324}`,
		`{"kind":"lr_schedule.cosine_warmup","initial_value":1e300,"warmup_fraction":0.9999999999999999}`,
		`{"kind":"lr_schedule.polynomial","initial_value":1e300,"final_value":0,"power":1e300}`,
	} {
		hfCheckExtremes(t, spec)
	}
}
