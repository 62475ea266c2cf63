package core

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// Tests of the Hugging Face kinds beyond the cosines and WSD: constant,
// constant with warmup, linear, polynomial decay, inverse sqrt and
// cosine_warmup_with_min_lr, and get_scheduler's dispatch to every
// SchedulerType.

// HF's own expected values: huggingface/transformers
// tests/optimization/test_optimization.py, ScheduleInitTest.test_schedulers,
// with an AdamW of lr=10.0, common_kwargs {"num_warmup_steps": 2,
// "num_training_steps": 10}, get_lr()[0] before each of 10 step() calls,
// checked as HF does to within 1e-2.
func TestHFSchedulesFrameworkExpectedValues(t *testing.T) {
	tests := []struct {
		spec string
		want []float64
	}{
		{`{"kind":"hf.constant_schedule","lr":10}`,
			[]float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10}},
		{`{"kind":"hf.constant_schedule_with_warmup","lr":10,"num_warmup_steps":4}`,
			[]float64{0.0, 2.5, 5.0, 7.5, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0}},
		{`{"kind":"hf.linear_schedule_with_warmup","lr":10,"num_warmup_steps":2,"num_training_steps":10}`,
			[]float64{0.0, 5.0, 10.0, 8.75, 7.5, 6.25, 5.0, 3.75, 2.5, 1.25}},
		{`{"kind":"hf.polynomial_decay_schedule_with_warmup","lr":10,"num_warmup_steps":2,"num_training_steps":10,"power":2,"lr_end":1e-7}`,
			[]float64{0.0, 5.0, 10.0, 7.656, 5.625, 3.906, 2.5, 1.406, 0.625, 0.156}},
		{`{"kind":"hf.inverse_sqrt_schedule","lr":10,"num_warmup_steps":2}`,
			[]float64{0.0, 5.0, 10.0, 8.165, 7.071, 6.325, 5.774, 5.345, 5.0, 4.714}},
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

// Values printed by python3 running a transcription of the lr lambdas of
// today's src/transformers/optimization.py through torch 1.13's LambdaLR
// and SGD (param_groups[0]["lr"] before each step()). Only + − × ÷, √ and
// ** (xmath.Pow, correctly rounded like glibc's pow on these) are involved,
// so they must match to the bit; the cosine rows allow 1e-15 relative, as
// TestHFPoints does.
func TestHFSchedulesPython(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		{`{"kind":"hf.constant_schedule","lr":0.1}`, 4, map[int]float64{0: 0.1, 1: 0.1, 2: 0.1, 3: 0.1}},
		{`{"kind":"hf.constant_schedule_with_warmup","lr":10,"num_warmup_steps":3}`, 6, map[int]float64{0: 0.0, 1: 3.333333333333333, 2: 6.666666666666666, 3: 10.0, 4: 10.0, 5: 10.0}},
		{`{"kind":"hf.linear_schedule_with_warmup","lr":10,"num_warmup_steps":2,"num_training_steps":10}`, 12, map[int]float64{0: 0.0, 1: 5.0, 2: 10.0, 3: 8.75, 4: 7.5, 5: 6.25, 6: 5.0, 7: 3.75, 8: 2.5, 9: 1.25, 10: 0.0, 11: 0.0}},
		{`{"kind":"hf.linear_schedule_with_warmup","lr":0.0003,"num_warmup_steps":7,"num_training_steps":30}`, 32, map[int]float64{0: 0.0, 1: 4.285714285714285e-05, 2: 8.57142857142857e-05, 3: 0.00012857142857142855, 4: 0.0001714285714285714, 5: 0.00021428571428571427, 6: 0.0002571428571428571, 7: 0.0003, 8: 0.0002869565217391304, 9: 0.00027391304347826085, 10: 0.0002608695652173913, 11: 0.0002478260869565217, 12: 0.00023478260869565215, 13: 0.00022173913043478256, 14: 0.00020869565217391303, 15: 0.00019565217391304346, 16: 0.0001826086956521739, 17: 0.00016956521739130433, 18: 0.00015652173913043477, 19: 0.0001434782608695652, 20: 0.00013043478260869564, 21: 0.00011739130434782608, 22: 0.00010434782608695651, 23: 9.130434782608695e-05, 24: 7.826086956521738e-05, 25: 6.521739130434782e-05, 26: 5.2173913043478256e-05, 27: 3.913043478260869e-05, 28: 2.6086956521739128e-05, 29: 1.3043478260869564e-05, 30: 0.0, 31: 0.0}},
		{`{"kind":"hf.polynomial_decay_schedule_with_warmup","lr":10,"num_warmup_steps":2,"num_training_steps":10}`, 12, map[int]float64{0: 0.0, 1: 5.0, 2: 10.0, 3: 8.7500000125, 4: 7.500000025000001, 5: 6.250000037500001, 6: 5.000000050000001, 7: 3.7500000625000003, 8: 2.500000075, 9: 1.2500000875000001, 10: 1e-07, 11: 1e-07}},
		{`{"kind":"hf.polynomial_decay_schedule_with_warmup","lr":5e-05,"num_warmup_steps":3,"num_training_steps":13,"lr_end":1e-06,"power":2.5}`, 16, map[int]float64{0: 0.0, 1: 1.6666666666666667e-05, 2: 3.3333333333333335e-05, 3: 5e-05, 4: 3.86532400996249e-05, 5: 2.9049236709757365e-05, 6: 2.1088207237083155e-05, 7: 1.4663885245419768e-05, 8: 9.66205806953521e-06, 9: 5.95845137114402e-06, 10: 3.415456478597784e-06, 11: 1.8765386471799173e-06, 12: 1.1549516053482505e-06, 13: 1e-06, 14: 1e-06, 15: 1e-06}},
		{`{"kind":"hf.inverse_sqrt_schedule","lr":10,"num_warmup_steps":2}`, 12, map[int]float64{0: 0.0, 1: 5.0, 2: 10.0, 3: 8.16496580927726, 4: 7.071067811865475, 5: 6.324555320336759, 6: 5.773502691896258, 7: 5.3452248382484875, 8: 5.0, 9: 4.714045207910317, 10: 4.47213595499958, 11: 4.264014327112208}},
		{`{"kind":"hf.inverse_sqrt_schedule","lr":0.001,"num_warmup_steps":0}`, 5, map[int]float64{0: 0.001, 1: 0.0009999500037496877, 2: 0.0009999000149975006, 3: 0.0009998500337415647, 4: 0.0009998000599800072}},
		{`{"kind":"hf.inverse_sqrt_schedule","lr":0.001,"num_warmup_steps":4,"timescale":3}`, 10, map[int]float64{0: 0.0, 1: 0.00025, 2: 0.0005, 3: 0.00075, 4: 0.001, 5: 0.0008660254037844387, 6: 0.0007745966692414834, 7: 0.0007071067811865475, 8: 0.000654653670707977, 9: 0.0006123724356957945}},
	}
	for _, tt := range tests {
		checkPoints(t, tt.spec, tt.steps, tt.want, 0)
	}
	cosines := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":10,"num_warmup_steps":2,"num_training_steps":10,"min_lr":1}`, 13, map[int]float64{0: 5.0, 1: 10.0, 2: 9.65745789630079, 3: 8.681980515339463, 4: 7.222075445642904, 5: 5.5, 6: 3.777924554357096, 7: 2.3180194846605366, 8: 1.3425421036992096, 9: 1.0, 10: 1.3425421036992091, 11: 2.3180194846605358, 12: 3.777924554357094}},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":10,"num_warmup_steps":4,"num_training_steps":12,"min_lr_rate":0.05,"warmup_lr_rate":0.1,"num_cycles":1.3}`, 16, map[int]float64{0: 1.0, 1: 4.0, 2: 7.0, 3: 10.0, 4: 7.731868182400757, 5: 3.093545126237153, 6: 0.5146426647676422, 7: 2.458020051610752, 8: 7.067746303734178, 9: 9.941519617826906, 10: 8.334878229568375, 11: 3.7821692767190007, 12: 0.6312428781110359, 13: 1.891242789363901, 14: 6.358865478315547, 15: 9.767518452401978}},
	}
	for _, tt := range cosines {
		checkPoints(t, tt.spec, tt.steps, tt.want, 1e-15)
	}
}

// Worked by hand; each row is a line of a "Special cases are" list.
func TestHFSchedulesByHand(t *testing.T) {
	tests := []struct {
		name  string
		spec  string
		steps int
		want  map[int]float64
		tol   float64
	}{
		// W = 4: i/4 of 10, then 10.
		{"constant warmup", `{"kind":"hf.constant_schedule_with_warmup","lr":10,"num_warmup_steps":4}`, 7,
			map[int]float64{0: 0, 1: 2.5, 3: 7.5, 4: 10, 6: 10}, 0},
		// W = 1: max(1.0, 1) = 1.0: 0 at step 0, lr from 1 on.
		{"constant W = 1", `{"kind":"hf.constant_schedule_with_warmup","lr":0.3,"num_warmup_steps":1}`, 3,
			map[int]float64{0: 0, 1: 0.3, 2: 0.3}, 0},
		// T = 10, W = 2: 10·(10 − 3)/8 = 8.75 at 3; (10 − 11)/8 < 0 clips to 0 at 11.
		{"linear i ≥ T", `{"kind":"hf.linear_schedule_with_warmup","lr":10,"num_warmup_steps":2,"num_training_steps":10}`, 13,
			map[int]float64{3: 8.75, 10: 0, 11: 0, 12: 0}, 0},
		// T = 3 ≤ W = 5: 4/5 at 4, then max(0, (3 − 5)/max(1, −2)) = 0.
		{"linear T ≤ W", `{"kind":"hf.linear_schedule_with_warmup","lr":1,"num_warmup_steps":5,"num_training_steps":3}`, 8,
			map[int]float64{4: 0.8, 5: 0, 7: 0}, 0},
		// W = 0: (10 − 0)/10 = 1 at 0, 0.5 at 5.
		{"linear W = 0", `{"kind":"hf.linear_schedule_with_warmup","lr":2,"num_warmup_steps":0,"num_training_steps":10}`, 6,
			map[int]float64{0: 2, 5: 1}, 0},
		// power 2, lr_end 0: at 6, pct = 1 − 4/8 = 0.5, (10·0.25 + 0)/10·10 = 2.5; past T, (0/10)·10 = 0.
		{"polynomial power 2", `{"kind":"hf.polynomial_decay_schedule_with_warmup","lr":10,"num_warmup_steps":2,"num_training_steps":10,"lr_end":0,"power":2}`, 13,
			map[int]float64{1: 5, 2: 10, 6: 2.5, 10: 0, 12: 0}, 0},
		// T = 3 < W = 5: i > T from W on: (0.5/1)·1 = 0.5.
		{"polynomial T < W", `{"kind":"hf.polynomial_decay_schedule_with_warmup","lr":1,"num_warmup_steps":5,"num_training_steps":3,"lr_end":0.5}`, 8,
			map[int]float64{4: 0.8, 5: 0.5, 7: 0.5}, 0},
		// power 0: pct^0 = 1 up to T (0.0 ** 0 = 1 at T), then lr_end: (1 − 0.25)·1 + 0.25 = 1.
		{"polynomial p = 0", `{"kind":"hf.polynomial_decay_schedule_with_warmup","lr":1,"num_warmup_steps":0,"num_training_steps":4,"lr_end":0.25,"power":0}`, 6,
			map[int]float64{0: 1, 4: 1, 5: 0.25}, 0},
		// timescale = W = 4: 1/√(16/4) = 0.5 at 16; 1/√(36/4) = 1/3 at 36.
		{"inverse sqrt s = W", `{"kind":"hf.inverse_sqrt_schedule","lr":1,"num_warmup_steps":4}`, 40,
			map[int]float64{2: 0.5, 4: 1, 16: 0.5, 36: 1.0 / 3}, 0},
		// W = 0, timescale null: 10,000; 1/√(40,000/10,000) = 0.5 at 30,000.
		{"inverse sqrt W = 0", `{"kind":"hf.inverse_sqrt_schedule","lr":1,"num_warmup_steps":0}`, 30001,
			map[int]float64{0: 1, 30000: 0.5}, 0},
		// W = 2, T = 10: (0 + 1)/2 = 0.5 at 0, 1 at 1 (W − 1); p = 4/8 at 5: 0.5·(1 + cos(π/2)) = 0.5; p = 1 at 9: 0.
		{"lr rate, r null", `{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":1,"num_warmup_steps":2,"num_training_steps":10,"min_lr_rate":0}`, 11,
			map[int]float64{0: 0.5, 1: 1, 5: 0.5, 9: 0}, 1e-15},
		// r = 0.2, W = 5: 0.2 + 0.8·i/4: 0.2, 0.6 at 2, 1 at 4.
		{"lr rate, r set", `{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":1,"num_warmup_steps":5,"num_training_steps":10,"min_lr_rate":0,"warmup_lr_rate":0.2}`, 6,
			map[int]float64{0: 0.2, 2: 0.6000000000000001, 4: 1}, 0},
		// W = 1, r = 0.3: max(1, 0.0) = 1: 0.3 at step 0.
		{"lr rate, W = 1", `{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":1,"num_warmup_steps":1,"num_training_steps":3,"min_lr_rate":0,"warmup_lr_rate":0.3}`, 2,
			map[int]float64{0: 0.3}, 0},
		// T = 3 ≤ W = 5: p = i − 4 from 5: cos(π·p) = −1, 1, ...: 0, 1, 0.
		{"lr rate, T ≤ W", `{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":1,"num_warmup_steps":5,"num_training_steps":3,"min_lr_rate":0}`, 8,
			map[int]float64{4: 1, 5: 0, 6: 1, 7: 0}, 1e-15},
		// m = 1: lr after warmup.
		{"lr rate, m = 1", `{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":2,"num_warmup_steps":2,"num_training_steps":10,"min_lr_rate":1}`, 12,
			map[int]float64{2: 2, 9: 2, 11: 2}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkPoints(t, tt.spec, tt.steps, tt.want, tt.tol) })
	}
}

func TestHFSchedulesErrors(t *testing.T) {
	const poly = `"kind":"hf.polynomial_decay_schedule_with_warmup"`
	const rate = `"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate"`
	tests := []struct {
		spec  string
		param string
		want  string
	}{
		{`{"kind":"hf.constant_schedule","lr":0}`, "lr", "> 0"},
		{`{"kind":"hf.constant_schedule_with_warmup"}`, "num_warmup_steps", "missing"},
		{`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":10}`, "num_training_steps", "missing"},
		{`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":-1,"num_training_steps":10}`, "num_warmup_steps", "out of range"},
		// get_polynomial_decay_schedule_with_warmup raises ValueError.
		{`{` + poly + `,"lr":1e-7,"num_warmup_steps":1,"num_training_steps":10}`, "lr_end", "lr_end (1e-07) must be smaller than initial lr (1e-07)"},
		{`{` + poly + `,"lr":0.001,"num_warmup_steps":1,"num_training_steps":10,"lr_end":0.01}`, "lr_end", "lr_end (0.01) must be smaller than initial lr (0.001)"},
		{`{` + poly + `,"num_warmup_steps":1,"num_training_steps":10,"lr_end":-1e-6}`, "lr_end", "out of range"},
		{`{` + poly + `,"num_warmup_steps":1,"num_training_steps":10,"power":-1}`, "power", "out of range"},
		{`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":1,"timescale":0}`, "timescale", "out of range"},
		{`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":1,"timescale":9007199254740992}`, "timescale", "out of range"},
		{`{` + rate + `,"num_warmup_steps":1,"num_training_steps":10}`, "min_lr", "One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`"},
		{`{` + rate + `,"num_warmup_steps":1,"num_training_steps":10,"min_lr":1e-6,"min_lr_rate":0.1}`, "min_lr_rate", "Only one of min_lr or min_lr_rate should be set"},
		{`{` + rate + `,"num_warmup_steps":1,"num_training_steps":10,"min_lr_rate":0.1,"warmup_lr_rate":-0.1}`, "warmup_lr_rate", "out of range"},
		{`{` + rate + `,"lr":1e300,"num_warmup_steps":1,"num_training_steps":10,"min_lr_rate":0.1,"warmup_lr_rate":1e10}`, "warmup_lr_rate", "overflow"},
		{`{` + rate + `,"lr":1e-300,"num_warmup_steps":1,"num_training_steps":10,"min_lr":1e300}`, "min_lr", "overflow"},
	}
	for _, tt := range tests {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

// num_training_steps = num_warmup_steps makes Hugging Face divide by
// decay_steps = 0 at step W: a run that reaches it is refused, a shorter one drawn.
func TestHFPolynomialZeroDivision(t *testing.T) {
	s := mustParse(t, `{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":5,"num_training_steps":5}`)
	if err := s.CheckSteps(5); err != nil {
		t.Errorf("CheckSteps(5) = %v, want nil: steps 0..4 are warmup", err)
	}
	err := s.CheckSteps(6)
	var e *Error
	if !errors.As(err, &e) || e.Param != "num_training_steps" || !strings.Contains(e.Msg, "ZeroDivisionError: division by zero at step 5") {
		t.Errorf("CheckSteps(6) = %v, want a ZeroDivisionError on num_training_steps", err)
	}
}

func TestHFSchedulesEvents(t *testing.T) {
	tests := []struct {
		spec string
		n    int64
		want []Event
	}{
		{`{"kind":"hf.constant_schedule"}`, 10, nil},
		{`{"kind":"hf.constant_schedule_with_warmup","num_warmup_steps":4}`, 10, []Event{{4, WarmupEnd}}},
		{`{"kind":"hf.constant_schedule_with_warmup","num_warmup_steps":4}`, 4, nil},
		{`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":2,"num_training_steps":10}`, 12, []Event{{2, WarmupEnd}, {10, Boundary}}},
		{`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":5,"num_training_steps":3}`, 12, []Event{{5, WarmupEnd}}},
		{`{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":2,"num_training_steps":10}`, 12, []Event{{2, WarmupEnd}, {10, Boundary}}},
		{`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":3}`, 12, []Event{{3, WarmupEnd}}},
		// The cosine's origin is W − 1 = 1: its trough (p = 1) at T − 1 = 9, with the Boundary.
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","num_warmup_steps":2,"num_training_steps":10,"min_lr_rate":0.1}`, 13,
			[]Event{{2, WarmupEnd}, {9, Trough}, {9, Boundary}}},
		// Past T − 1 with c = 0.5: peak at p = 2, step 17.
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","num_warmup_steps":2,"num_training_steps":10,"min_lr_rate":0}`, 20,
			[]Event{{2, WarmupEnd}, {9, Trough}, {9, Boundary}, {17, Peak}}},
	}
	for _, tt := range tests {
		hfSameEvents(t, tt.spec, hfEvents(t, tt.spec, tt.n), tt.want)
	}
}

func TestHFSchedulesEventContract(t *testing.T) {
	const rate = `"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate"`
	specs := []struct {
		spec  string
		steps int
	}{
		{`{"kind":"hf.constant_schedule"}`, 10},
		{`{"kind":"hf.constant_schedule_with_warmup","num_warmup_steps":7}`, 30},
		{`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":7,"num_training_steps":30}`, 40},
		{`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":7,"num_training_steps":3}`, 40},
		{`{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":7,"num_training_steps":30,"power":3}`, 40},
		{`{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":7,"num_training_steps":30,"power":0}`, 40},
		{`{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":7,"num_training_steps":3,"power":0.5}`, 40},
		{`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":7}`, 100},
		{`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":0,"timescale":1}`, 100},
		{`{` + rate + `,"num_warmup_steps":10,"num_training_steps":100,"min_lr":1e-6}`, 500},
		{`{` + rate + `,"num_warmup_steps":10,"num_training_steps":100,"min_lr_rate":3,"num_cycles":2.2,"warmup_lr_rate":2}`, 500},
		{`{` + rate + `,"num_warmup_steps":10,"num_training_steps":100,"min_lr_rate":1,"warmup_lr_rate":0}`, 200},
		{`{` + rate + `,"num_warmup_steps":5,"num_training_steps":3,"min_lr_rate":0.1}`, 50},
		{`{` + rate + `,"num_warmup_steps":0,"num_training_steps":7,"min_lr_rate":0.1,"num_cycles":-2.25}`, 300},
		{`{` + rate + `,"num_warmup_steps":0,"num_training_steps":1000,"min_lr_rate":0.1,"num_cycles":1e9}`, 3000},
	}
	for _, s := range specs {
		checkEventContract(t, s.spec, s.steps)
	}
}

// Runs of up to 10^12 steps: windows far in are O(1) a step and keep the
// event contract; At stays finite and not negative anywhere.
func TestHFSchedulesHugeRuns(t *testing.T) {
	const n = MaxSteps
	for _, tt := range []struct {
		spec string
		a    int64
	}{
		{`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":700000000000}`, 7e11 - 10000},
		{`{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":700000000000,"power":0.5}`, 7e11 - 10000},
		{`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":1000}`, n - 20000},
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","num_warmup_steps":10,"num_training_steps":1000000000,"min_lr_rate":0.1}`, 5e11},
	} {
		hfCheckWindow(t, tt.spec, n, tt.a, tt.a+20000)
	}
	const big = `9007199254740992`
	for _, spec := range []string{
		`{"kind":"hf.constant_schedule","lr":1e308}`,
		`{"kind":"hf.constant_schedule_with_warmup","lr":5e-324,"num_warmup_steps":` + big + `}`,
		`{"kind":"hf.linear_schedule_with_warmup","lr":1e308,"num_warmup_steps":0,"num_training_steps":` + big + `}`,
		`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":` + big + `,"num_training_steps":0}`,
		`{"kind":"hf.polynomial_decay_schedule_with_warmup","lr":1e308,"num_warmup_steps":0,"num_training_steps":` + big + `,"power":1e300,"lr_end":1e-300}`,
		`{"kind":"hf.polynomial_decay_schedule_with_warmup","lr":5e-324,"num_warmup_steps":3,"num_training_steps":1,"lr_end":0}`,
		`{"kind":"hf.inverse_sqrt_schedule","lr":1e308,"num_warmup_steps":0,"timescale":1}`,
		`{"kind":"hf.inverse_sqrt_schedule","lr":1e308,"num_warmup_steps":` + big + `,"timescale":9006199254740992}`,
		`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":5,"timescale":9006199254740992}`,
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":1e300,"num_warmup_steps":` + big + `,"num_training_steps":0,"min_lr_rate":1e7,"warmup_lr_rate":1e7,"num_cycles":1e9}`,
	} {
		hfCheckExtremes(t, spec)
	}
}

// Each constructor as pasted from a training script: positional arguments
// in the signature's order, keywords, the optimizer's lr.
func TestHFSchedulesImport(t *testing.T) {
	const opt = "optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)\n"
	tests := []struct {
		src, spec string
		notes     []string
	}{
		{opt + `scheduler = get_constant_schedule(optimizer)`, `{"kind":"hf.constant_schedule","lr":0.0003}`, nil},
		{opt + `scheduler = transformers.get_constant_schedule_with_warmup(optimizer, 500)`,
			`{"kind":"hf.constant_schedule_with_warmup","lr":0.0003,"num_warmup_steps":500}`, nil},
		{opt + `scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=100, num_training_steps=10_000)`,
			`{"kind":"hf.linear_schedule_with_warmup","lr":0.0003,"num_warmup_steps":100,"num_training_steps":10000}`, nil},
		{opt + `scheduler = get_linear_schedule_with_warmup(optimizer, 0, 3 * 1000, -1)`,
			`{"kind":"hf.linear_schedule_with_warmup","lr":0.0003,"num_warmup_steps":0,"num_training_steps":3000}`, nil},
		{opt + `scheduler = get_polynomial_decay_schedule_with_warmup(optimizer, 10, 100, 1e-6, 2)`,
			`{"kind":"hf.polynomial_decay_schedule_with_warmup","lr":0.0003,"num_warmup_steps":10,"num_training_steps":100,"lr_end":0.000001,"power":2}`, nil},
		{opt + `scheduler = get_inverse_sqrt_schedule(optimizer, 4000, timescale=10000)`,
			`{"kind":"hf.inverse_sqrt_schedule","lr":0.0003,"num_warmup_steps":4000,"timescale":10000}`, nil},
		{opt + `scheduler = get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer, 10, 100, 0.5, -1, None, 0.1, 0.01)`,
			`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":0.0003,"num_warmup_steps":10,"num_training_steps":100,"num_cycles":0.5,"min_lr":null,"min_lr_rate":0.1,"warmup_lr_rate":0.01}`, nil},
		{`get_constant_schedule_with_warmup(optimizer, num_warmup_steps=50)`,
			`{"kind":"hf.constant_schedule_with_warmup","lr":0.00005,"num_warmup_steps":50}`, []string{"lr = 5e-05 (the default)"}},
	}
	for _, tt := range tests {
		checkImport(t, tt.src, tt.spec, tt.notes)
	}
}

// checkImport checks that ImportCode reads src as spec, with notes holding each of notes.
func checkImport(t *testing.T, src, spec string, notes []string) {
	t.Helper()
	got, gotNotes, err := ImportCode(src)
	if err != nil {
		t.Errorf("%s: %v", src, err)
		return
	}
	if string(got) != spec {
		t.Errorf("%s:\n got %s\nwant %s", src, got, spec)
	}
	mustParse(t, string(got))
	all := strings.Join(gotNotes, "\n")
	for _, want := range notes {
		if !strings.Contains(all, want) {
			t.Errorf("%s: notes %q lack %q", src, gotNotes, want)
		}
	}
	if len(notes) == 0 && len(gotNotes) > 0 {
		t.Errorf("%s: unexpected notes %q", src, gotNotes)
	}
}

// get_scheduler resolves every SchedulerType as transformers' get_scheduler
// does, passing what it passes.
func TestHFGetSchedulerEveryName(t *testing.T) {
	const opt = "optimizer = AdamW(params, lr=1e-3)\n"
	const wt = `, num_warmup_steps=10, num_training_steps=100`
	tests := []struct {
		call, spec string
		notes      []string
	}{
		{`get_scheduler("linear", optimizer` + wt + `)`,
			`{"kind":"hf.linear_schedule_with_warmup","lr":0.001,"num_warmup_steps":10,"num_training_steps":100}`, nil},
		{`get_scheduler(SchedulerType.LINEAR, optimizer` + wt + `)`,
			`{"kind":"hf.linear_schedule_with_warmup","lr":0.001,"num_warmup_steps":10,"num_training_steps":100}`, nil},
		{`get_scheduler("cosine", optimizer` + wt + `, scheduler_specific_kwargs={"num_cycles": 1.5})`,
			`{"kind":"hf.cosine_schedule_with_warmup","lr":0.001,"num_warmup_steps":10,"num_training_steps":100,"num_cycles":1.5}`, nil},
		{`get_scheduler("cosine_with_restarts", optimizer` + wt + `, scheduler_specific_kwargs={"num_cycles": 3})`,
			`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":0.001,"num_warmup_steps":10,"num_training_steps":100,"num_cycles":3}`, nil},
		{`get_scheduler("polynomial", optimizer` + wt + `, scheduler_specific_kwargs={"lr_end": 1e-5, "power": 0.5})`,
			`{"kind":"hf.polynomial_decay_schedule_with_warmup","lr":0.001,"num_warmup_steps":10,"num_training_steps":100,"lr_end":0.00001,"power":0.5}`, nil},
		// "constant" passes the optimizer alone.
		{`get_scheduler("constant", optimizer` + wt + `, scheduler_specific_kwargs={"anything": 1})`,
			`{"kind":"hf.constant_schedule","lr":0.001}`, []string{
				`get_scheduler("constant") does not pass num_warmup_steps on to get_constant_schedule(), so it is ignored`,
				`does not pass scheduler_specific_kwargs on`}},
		{`get_scheduler(SchedulerType.CONSTANT, optimizer)`, `{"kind":"hf.constant_schedule","lr":0.001}`, nil},
		// "constant_with_warmup" passes num_warmup_steps alone.
		{`get_scheduler("constant_with_warmup", optimizer` + wt + `)`,
			`{"kind":"hf.constant_schedule_with_warmup","lr":0.001,"num_warmup_steps":10}`,
			[]string{"does not pass num_training_steps on to get_constant_schedule_with_warmup()"}},
		// "inverse_sqrt" passes num_warmup_steps and the specific kwargs.
		{`get_scheduler("inverse_sqrt", optimizer, num_warmup_steps=10, scheduler_specific_kwargs={"timescale": 50})`,
			`{"kind":"hf.inverse_sqrt_schedule","lr":0.001,"num_warmup_steps":10,"timescale":50}`, nil},
		{`get_scheduler("cosine_with_min_lr", optimizer` + wt + `, scheduler_specific_kwargs={"min_lr": 1e-5})`,
			`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","lr":0.001,"num_warmup_steps":10,"num_training_steps":100,"min_lr":0.00001}`, nil},
		{`get_scheduler("cosine_warmup_with_min_lr", optimizer` + wt + `, scheduler_specific_kwargs={"min_lr_rate": 0.1, "warmup_lr_rate": 0.01})`,
			`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":0.001,"num_warmup_steps":10,"num_training_steps":100,"min_lr_rate":0.1,"warmup_lr_rate":0.01}`, nil},
		// WSD takes num_training_steps None and num_stable_steps from the kwargs.
		{`get_scheduler("warmup_stable_decay", optimizer, num_warmup_steps=10, scheduler_specific_kwargs={"num_stable_steps": 50, "num_decay_steps": 20})`,
			`{"kind":"hf.wsd_schedule","lr":0.001,"num_warmup_steps":10,"num_decay_steps":20,"num_stable_steps":50}`, nil},
	}
	for _, tt := range tests {
		checkImport(t, opt+tt.call, tt.spec, tt.notes)
	}
}

// get_scheduler's ValueErrors, and the schedulers that depend on a metric.
func TestHFGetSchedulerRefusals(t *testing.T) {
	tests := []struct {
		src, param, msg string
	}{
		{`get_scheduler("linear", optimizer, num_training_steps=100)`, "num_warmup_steps",
			"linear requires `num_warmup_steps`, please provide that argument."},
		{`get_scheduler("inverse_sqrt", optimizer, num_warmup_steps=None)`, "num_warmup_steps",
			"inverse_sqrt requires `num_warmup_steps`, please provide that argument."},
		{`get_scheduler("polynomial", optimizer, num_warmup_steps=10)`, "num_training_steps",
			"polynomial requires `num_training_steps`, please provide that argument."},
		{`get_scheduler("cosine_warmup_with_min_lr", optimizer, 10, None, {"min_lr_rate": 0.1})`, "num_training_steps",
			"cosine_warmup_with_min_lr requires `num_training_steps`"},
		{`get_scheduler("cosine-with-restarts", optimizer, 10, 100)`, "name",
			"cosine-with-restarts is not a valid SchedulerType, please select one of ['linear', 'cosine', 'cosine_with_restarts', 'polynomial', 'constant', 'constant_with_warmup', 'inverse_sqrt', 'reduce_lr_on_plateau', 'cosine_with_min_lr', 'cosine_warmup_with_min_lr', 'warmup_stable_decay', 'greedy']"},
		{`get_scheduler(SchedulerType.EXPONENTIAL, optimizer, 10, 100)`, "name", "SchedulerType has no member EXPONENTIAL"},
		{`get_scheduler("reduce_lr_on_plateau", optimizer, scheduler_specific_kwargs={"patience": 3})`, "name",
			`get_scheduler("reduce_lr_on_plateau") makes a ReduceLROnPlateau, which changes the lr when a metric`},
		{`get_scheduler(SchedulerType.REDUCE_ON_PLATEAU, optimizer)`, "name", "cannot be drawn from a step count"},
		{`get_scheduler("greedy", optimizer)`, "name", "makes a GreedyLR"},
		{`get_reduce_on_plateau_schedule(optimizer, mode="min", factor=0.5, patience=3)`, "",
			"get_reduce_on_plateau_schedule() makes a ReduceLROnPlateau, which changes the lr when a metric (the loss) stops or keeps improving: its curve depends on that metric and cannot be drawn from a step count"},
		{`transformers.get_greedy_schedule(optimizer, smooth=True)`, "", "depends on that metric"},
		// get_scheduler passes num_warmup_steps itself: a second one is Python's TypeError.
		{`get_scheduler("inverse_sqrt", optimizer, num_warmup_steps=10, scheduler_specific_kwargs={"num_warmup_steps": 5})`,
			"num_warmup_steps", "is not an argument get_inverse_sqrt_schedule() takes besides those get_scheduler passes"},
		{`get_scheduler("warmup_stable_decay", optimizer, num_warmup_steps=10, scheduler_specific_kwargs={"num_training_steps": 5, "num_decay_steps": 2})`,
			"num_training_steps", "besides those get_scheduler passes"},
		// the constructors' own refusals, reached through get_scheduler
		{`get_scheduler("polynomial", optimizer, 10, 100, {"lr_end": 1.0})`, "lr_end", "lr_end (1.0) must be smaller than initial lr (5e-05)"},
	}
	for _, tt := range tests {
		spec, _, err := ImportCode(tt.src)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: ImportCode = %s, %v; want an *Error", tt.src, spec, err)
			continue
		}
		if e.Param != tt.param || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%s: %q (param %q), want param %q and %q", tt.src, e.Msg, e.Param, tt.param, tt.msg)
		}
	}
}

// The snippet Code writes for each new kind reads back as the same
// schedule, and quotes every parameter (TestCodeNumbers checks the values).
func TestHFSchedulesCodeRoundTrip(t *testing.T) {
	for _, k := range []*Kind{hfConstantKind, hfConstantWarmupKind, hfLinearKind, hfPolynomialKind, hfInverseSqrtKind, hfCosineLRRateKind} {
		specs := []string{k.Example}
		switch k {
		case hfInverseSqrtKind:
			specs = append(specs, `{"kind":"hf.inverse_sqrt_schedule","lr":0.001,"num_warmup_steps":0,"timescale":777}`)
		case hfCosineLRRateKind:
			specs = append(specs, `{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","lr":0.001,"num_warmup_steps":3,"num_training_steps":30,"min_lr":1e-5,"warmup_lr_rate":0.25,"num_cycles":1.25}`)
		}
		for _, spec := range specs {
			s := mustParse(t, spec)
			code, err := Code(s, 1000, "hf")
			if err != nil {
				t.Fatal(err)
			}
			if callee := "get_" + strings.TrimPrefix(k.Name, "hf.") + "("; !strings.Contains(code, callee) {
				t.Errorf("%s: the snippet does not call %s", spec, callee)
			}
			got, notes, err := ImportCode(code)
			notes = slices.DeleteFunc(notes, func(n string) bool { return strings.Contains(n, `"for": only a call`) }) // the loop
			if err != nil || len(notes) > 0 {
				t.Errorf("%s: ImportCode reads the snippet as %s, %q, %v", spec, got, notes, err)
				continue
			}
			if back := specText(mustParse(t, string(got))); back != specText(s) {
				t.Errorf("%s: the snippet reads back as %s", spec, back)
			}
		}
	}
}

// Translations into Hugging Face pick the new kinds where they draw the
// curve, and translations out of them go where the shape allows.
func TestHFSchedulesTranslate(t *testing.T) {
	tests := []struct {
		spec  string
		steps int64
		fw    string
		kind  string
		exact bool
	}{
		// lr·1 and lr·1.0 are lr: exact.
		{`{"kind":"lr_schedule.constant","initial_value":0.0003}`, 1000, "hf", "hf.constant_schedule", true},
		{`{"kind":"hf.constant_schedule","lr":0.0003}`, 1000, "lr_schedule", "lr_schedule.constant", true},
		// A linear decay to 0: lr_schedule computes 1 − i/T, as the WSD's linear decay does, exact;
		// get_linear_schedule_with_warmup's (T − i)/T rounds differently, so it loses.
		{`{"kind":"lr_schedule.linear","initial_value":0.0003,"final_value":0}`, 1000, "hf", "hf.wsd_schedule", true},
		// PyTorch's recursion rounds differently: close.
		{`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":80,"power":2}`, 100, "hf", "hf.polynomial_decay_schedule_with_warmup", false},
		// An inverse square root has no shape elsewhere.
		{`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":10}`, 100, "torch", "", false},
	}
	for _, tt := range tests {
		tr := translation(t, tt.spec, tt.steps, tt.fw)
		if tr.Kind != tt.kind || tr.Exact != tt.exact {
			t.Errorf("%s in %s: %s (exact %v), want %s (exact %v): %s", tt.spec, tt.fw, tr.Kind, tr.Exact, tt.kind, tt.exact, tr.Note)
		}
	}
}

// get_wsd_schedule takes a negative num_stable_steps as it takes one computed
// from num_training_steps: S = −4 given is S = 6 − 2 − 8 (TestHFSpecialCases'
// "wsd S < 0" row, worked there), and the lint says why the decay starts part-way.
func TestHFWSDNegativeStable(t *testing.T) {
	given := mustValues(t, `{"kind":"hf.wsd_schedule","lr":1,"num_warmup_steps":2,"num_decay_steps":8,"num_stable_steps":-4}`, 12)
	computed := mustValues(t, `{"kind":"hf.wsd_schedule","lr":1,"num_warmup_steps":2,"num_decay_steps":8,"num_training_steps":6}`, 12)
	for i := range given {
		if given[i] != computed[i] {
			t.Errorf("step %d: num_stable_steps −4 gives %g, num_training_steps 6 gives %g", i, given[i], computed[i])
		}
	}
	// p = 4/8 at step 2: 0.5·(1 + cos(π/2)) = 0.5.
	checkPoints(t, `{"kind":"hf.wsd_schedule","lr":1,"num_warmup_steps":2,"num_decay_steps":8,"num_stable_steps":-4}`, 12,
		map[int]float64{1: 0.5, 2: 0.5, 6: 0, 11: 0}, 1e-15)
	wantParseError(t, `{"kind":"hf.wsd_schedule","num_warmup_steps":1,"num_decay_steps":10}`, "num_training_steps",
		"Either num_training_steps or num_stable_steps must be specified.")
}

// Lint reads the new kinds' facts: the designed ends and the drops at the
// warmup's end that their parameters cause.
func TestHFSchedulesLint(t *testing.T) {
	tests := []struct {
		spec     string
		n        int64
		code     string
		from, to int64
		fix      string
	}{
		// T = 4000 is 4× the run of 1000.
		{`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":4000}`, 1000, "steps-vs-epochs", 0, 999, ""},
		// T = 50 < W = 100: from 99·5e-5/100 to max(0, (50 − 100)/1) = 0 at 100.
		{`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":50}`, 1000, "warmup-jump", 99, 100, "set num_training_steps = 1000"},
		{`{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":50}`, 1000, "warmup-jump", 99, 100, "set num_training_steps = 1000"},
		// The cosine's end is T − 1 = 499; it climbs back to lr at p = 2, step 899.
		{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","num_warmup_steps":100,"num_training_steps":500,"min_lr_rate":0.1}`, 1000, "rises-after-end", 499, 999, "set num_training_steps = 1000"},
		// S = −200: the decay starts at p = 200/500 at step 100.
		{`{"kind":"hf.wsd_schedule","num_warmup_steps":100,"num_decay_steps":500,"num_stable_steps":-200}`, 1000, "warmup-jump", 99, 100, "set num_stable_steps = 0"},
		{`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":2000}`, 1000, "warmup-exceeds-run", 0, 999, ""},
	}
	for _, tt := range tests {
		fs, err := Lint(mustParse(t, tt.spec), tt.n)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range fs {
			if f.Code == tt.code {
				found = true
				if f.From != tt.from || f.To != tt.to || (tt.fix != "" && f.FixLabel != tt.fix) {
					t.Errorf("%s: %s at %d–%d, fix %q; want %d–%d, %q", tt.spec, f.Code, f.From, f.To, f.FixLabel, tt.from, tt.to, tt.fix)
				}
			}
		}
		if !found {
			t.Errorf("%s over %d: no %s finding in %v", tt.spec, tt.n, tt.code, fs)
		}
	}
	// A constant lr, with or without warmup, is what it is for.
	for _, spec := range []string{`{"kind":"hf.constant_schedule"}`, `{"kind":"hf.constant_schedule_with_warmup","num_warmup_steps":100}`} {
		if fs, _ := Lint(mustParse(t, spec), 1000); len(fs) > 0 {
			t.Errorf("%s: findings %v, want none", spec, fs)
		}
	}
}
