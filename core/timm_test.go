package core

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// Reference values, unless a comment says otherwise, were printed by python3
// running a transcription of timm's CosineLRScheduler._get_lr
// (huggingface/pytorch-image-models, timm/scheduler/cosine_lr.py) on plain
// floats: `lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi *
// t_curr ** k / t_i ** k))` with i = t // t_initial or
// math.floor(math.log(1 - t / t_initial * (1 - cycle_mul), cycle_mul)).
// Go's math.Cos may differ from glibc's cos in the last bit, so values are
// compared to within 1e-15 relative to the lr scale.

func timmSpec(params string) string { return `{"kind":"timm.CosineLRScheduler",` + params + `}` }

func TestTimmPoints(t *testing.T) {
	tests := []struct {
		params string
		steps  int
		want   map[int]float64
	}{
		// Hand-computed: lr 1, T 10: step 5 is 0.5·(1 + cos(π/2)) = 0.5; step 10 is cycle 1 ≥ cycle_limit 1: lr_min.
		{`"lr":1,"t_initial":10`, 30, map[int]float64{
			0: 1, 1: 0.9755282581475768, 5: 0.5, 9: 0.024471741852423234, 10: 0, 11: 0, 25: 0}},
		// Three cycles, lr_min 0.1, cycle_decay 0.5: peaks 1, 0.5, 0.25; hand: step 10 = 0.1 + 0.5·(0.5 − 0.1)·2 = 0.5.
		{`"lr":1,"t_initial":10,"lr_min":0.1,"cycle_limit":3,"cycle_decay":0.5`, 101, map[int]float64{
			0: 1, 3: 0.8145033635316129, 10: 0.5, 13: 0.41755705045849467, 20: 0.25, 29: 0.1036707612778635,
			30: 0.1, 31: 0.1, 100: 0.1}},
		// cycle_mul 2: cycles of 10, 20, 40, 80, 160 steps start at 10, 30, 70, 150; after 5 cycles (310) lr_min.
		{`"lr":1,"t_initial":10,"cycle_mul":2,"cycle_limit":5`, 311, map[int]float64{
			9: 0.024471741852423234, 10: 1, 11: 0.9938441702975689, 29: 0.00615582970243117, 30: 1,
			69: 0.001541333133436018, 70: 1, 149: 0.0003854818796385495, 150: 1, 310: 0}},
		// cycle_mul 10, T 1: math.log(1000, 10) = 2.9999999999999996 in Python, so step 111 (x = 1000)
		// still belongs to cycle 2 with t_curr = t_i = 100: cos(π) gives lr_min; cycle 3 starts at 112.
		{`"lr":1,"t_initial":1,"cycle_mul":10,"cycle_limit":10`, 113, map[int]float64{
			0: 1, 1: 1, 10: 0.024471741852423234, 11: 1, 110: 0.0002467198171342, 111: 0, 112: 0.9999975326009292}},
		// The same with cycle_mul 3: log(243)/log(3) = 4.999999999999999, step 363 is lr_min, 364 restarts.
		{`"lr":0.1,"t_initial":3,"lr_min":0.2,"cycle_mul":3,"cycle_limit":10,"k_decay":2`, 365, map[int]float64{
			362: 0.19998335537404954, 363: 0.2, 364: 0.10000000000087364}},
		// Warmup without prefix: warmup_lr_init + t·(0.1 − 0.001)/5; at step 5 the cosine is at t = 5 of 20.
		{`"lr":0.1,"t_initial":20,"warmup_t":5,"warmup_lr_init":0.001`, 21, map[int]float64{
			0: 0.001, 1: 0.020800000000000003, 4: 0.08020000000000001, 5: 0.08535533905932738,
			6: 0.07938926261462366, 19: 0.0006155829702431171, 20: 0}},
		// Warmup with prefix: step 5 is t = 0, the peak; two cycles of 20, then lr_min.
		{`"lr":0.1,"t_initial":20,"warmup_t":5,"warmup_lr_init":0.001,"warmup_prefix":true,"cycle_limit":2`, 47, map[int]float64{
			4: 0.08020000000000001, 5: 0.1, 6: 0.0993844170297569, 24: 0.0006155829702431171, 25: 0.1,
			44: 0.0006155829702431171, 45: 0, 46: 0}},
		// k_decay 2: cos(π·t²/100); hand: step 5 is 0.5·(1 + cos(π/4)) = 0.8535533905932737.
		{`"lr":1,"t_initial":10,"k_decay":2,"cycle_limit":2`, 21, map[int]float64{
			0: 1, 3: 0.9801468428384715, 5: 0.8535533905932737, 7: 0.5157053795390641, 9: 0.08645971286271914,
			10: 1, 13: 0.9801468428384715, 19: 0.08645971286271914, 20: 0}},
		// cycle_mul 0.5: cycles of 10, 5, 2.5, ... toward 20 steps; steps 18 and 19 both in cycles under a step long.
		{`"lr":1,"t_initial":10,"cycle_mul":0.5,"cycle_limit":100`, 20, map[int]float64{
			0: 1, 9: 0.024471741852423234, 10: 1, 14: 0.09549150281252633, 15: 1, 17: 0.09549150281252633,
			18: 0.6545084971874737, 19: 0.6545084971874737}},
		// cycle_decay 0: the second cycle's peak is 0, so it rises from 0 to lr_min: hand: step 15 = 0.1 + 0.5·(−0.1)·1 = 0.05.
		{`"lr":1,"t_initial":10,"cycle_decay":0,"cycle_limit":3,"lr_min":0.1`, 21, map[int]float64{
			0: 1, 5: 0.55, 10: 0, 15: 0.05, 19: 0.09755282581475769, 20: 0}},
		// k_decay 0: t^0/T^0 = 1, cos(π) = −1: lr_min right after warmup.
		{`"lr":1,"t_initial":10,"k_decay":0,"warmup_t":2`, 51, map[int]float64{0: 0, 1: 0.5, 2: 0, 3: 0, 50: 0}},
		// timm tests/test_scheduler.py TestCosineScheduler.test_cosine_decay: lr 0.1, lr_min 0.001, T 100:
		// step 0 is 0.1, step 50 ≈ lr_min + 0.5·(0.1 − 0.001)·(1 + cos(π/2)), step 100 is lr_min.
		{`"lr":0.1,"t_initial":100,"lr_min":0.001`, 101, map[int]float64{0: 0.1, 50: 0.0505, 99: 0.0010244252618962857, 100: 0.001}},
	}
	for _, tt := range tests {
		checkPoints(t, timmSpec(tt.params), tt.steps, tt.want, 1e-15)
	}
}

// TestTimmFrameworkTests mirrors the assertions of timm's own tests
// (huggingface/pytorch-image-models, tests/test_scheduler.py).
func TestTimmFrameworkTests(t *testing.T) {
	// TestCosineScheduler.test_cosine_cycles: T 50, cycle_limit 2: step 49 < 0.05, steps 100..109 are lr_min.
	v := mustValues(t, timmSpec(`"lr":0.1,"lr_min":0.001,"t_initial":50,"cycle_limit":2`), 110)
	if v[49] >= 0.05 {
		t.Errorf("test_cosine_cycles: step 49 = %g, want < 0.05", v[49])
	}
	for i := 100; i < 110; i++ {
		if !tolerance(v[i], 0.001, 1e-5) {
			t.Errorf("test_cosine_cycles: step %d = %g, want lr_min", i, v[i])
		}
	}
	// TestWarmup.test_warmup_lr_increases: warmup_t 5 from 0.001 rises strictly.
	v = mustValues(t, timmSpec(`"lr":0.1,"t_initial":100,"warmup_t":5,"warmup_lr_init":0.001`), 5)
	if v[0] != 0.001 {
		t.Errorf("test_warmup_lr_increases: step 0 = %g, want 0.001", v[0])
	}
	for i := 1; i < 5; i++ {
		if v[i] <= v[i-1] {
			t.Errorf("test_warmup_lr_increases: step %d = %g ≤ %g", i, v[i], v[i-1])
		}
	}
	// TestWarmup.test_warmup_prefix_reaches_target_lr: with warmup_prefix the lr at step warmup_t is the base lr.
	v = mustValues(t, timmSpec(`"lr":0.1,"t_initial":100,"warmup_t":5,"warmup_lr_init":0.001,"warmup_prefix":true`), 6)
	if !tolerance(v[5], 0.1, 1e-5) {
		t.Errorf("test_warmup_prefix_reaches_target_lr: step 5 = %g, want 0.1", v[5])
	}
}

// TestTimmSpecialCases has a row per line of timmCosine's "Special cases are".
func TestTimmSpecialCases(t *testing.T) {
	tests := []struct {
		name, params string
		steps        int
		check        func(v []float64) bool
	}{
		{"warmup_t 0: no warmup", `"lr":0.3,"t_initial":10`, 2, func(v []float64) bool { return v[0] == 0.3 }},
		{"no prefix: resumes mid-cycle", `"lr":1,"t_initial":10,"warmup_t":5,"warmup_lr_init":0`, 6,
			func(v []float64) bool { return v[4] == 0.8 && close(v[5], 0.5) }},
		{"cycle_limit ≤ 0: lr_min after warmup", `"lr":1,"lr_min":0.01,"t_initial":10,"cycle_limit":0,"warmup_t":3`, 5,
			func(v []float64) bool { return v[2] < 1 && v[3] == 0.01 && v[4] == 0.01 }},
		{"cycle_limit negative", `"lr":1,"t_initial":10,"cycle_limit":-3`, 3, func(v []float64) bool { return v[0] == 0 }},
		{"cycle_decay 0: later cycles rise from 0 to lr_min", `"lr":1,"lr_min":0.1,"t_initial":4,"cycle_decay":0,"cycle_limit":2`, 8,
			func(v []float64) bool { return v[4] == 0 && v[5] < v[6] && v[6] < v[7] && v[7] < 0.1 }},
		{"k_decay 0", `"lr":1,"lr_min":0.2,"t_initial":10,"k_decay":0`, 3, func(v []float64) bool { return v[0] == 0.2 }},
		{"m ≠ 1: a cycle start a step late", `"lr":1,"t_initial":1,"cycle_mul":10,"cycle_limit":10`, 113,
			func(v []float64) bool { return v[111] == 0 && v[112] > 0.99 }},
	}
	for _, tt := range tests {
		if v := mustValues(t, timmSpec(tt.params), tt.steps); !tt.check(v) {
			t.Errorf("%s: %s gives %v", tt.name, tt.params, v)
		}
	}
}

func TestTimmErrors(t *testing.T) {
	tests := []struct {
		params string
		param  string
		want   string
	}{
		{`"lr":0.1`, "t_initial", "missing"},
		{`"t_initial":0`, "t_initial", "out of range"},
		{`"t_initial":2.5`, "t_initial", "whole number"},
		{`"t_initial":10,"lr":-0.1`, "lr", "out of range"},
		{`"t_initial":10,"lr_min":-1`, "lr_min", "out of range"},
		{`"t_initial":10,"cycle_mul":0`, "cycle_mul", "out of range"},
		{`"t_initial":10,"cycle_mul":-2`, "cycle_mul", "out of range"},
		{`"t_initial":10,"cycle_decay":-0.5`, "cycle_decay", "out of range"},
		{`"t_initial":10,"warmup_t":-1`, "warmup_t", "out of range"},
		{`"t_initial":10,"warmup_lr_init":-1`, "warmup_lr_init", "out of range"},
		{`"t_initial":10,"k_decay":-1`, "k_decay", "out of range"},
		{`"t_initial":10,"warmup_prefix":1`, "warmup_prefix", "not a boolean"},
		{`"t_initial":10,"noise_pct":0.5`, "noise_pct", "unknown parameter"},
	}
	for _, tt := range tests {
		wantParseError(t, timmSpec(tt.params), tt.param, tt.want)
	}
}

// TestTimmRaises checks the steps where timm raises: the run just before is
// accepted, the run including that step is an *Error on "steps". The steps
// were found by running the Python transcription until it raised.
func TestTimmRaises(t *testing.T) {
	tests := []struct {
		params string
		step   int64 // the first step at which _get_lr raises
		want   string
	}{
		// 1 − t/10·0.5 ≤ 0 from t = 20: math.log raises ValueError (math domain error).
		{`"t_initial":10,"cycle_mul":0.5,"cycle_limit":100`, 20, "ValueError"},
		// t_curr = 23 − (1 − 1.3²)/(1 − 1.3)·10 rounds below 0; (−ε) ** 0.5 is complex: TypeError.
		{`"t_initial":10,"cycle_mul":1.3,"k_decay":0.5,"cycle_limit":100`, 23, "TypeError"},
		{`"t_initial":25,"cycle_mul":1.2,"k_decay":0.5,"cycle_limit":100`, 55, "TypeError"},
		// 2.0 ** 1024 raises OverflowError, even past cycle_limit (gamma is computed first).
		{`"t_initial":1,"cycle_decay":2`, 1024, "OverflowError"},
		{`"t_initial":1,"cycle_decay":2,"cycle_limit":1000000`, 1024, "OverflowError"},
		// t_i ** k_decay = 10.0 ** 400 overflows at the first step.
		{`"t_initial":10,"k_decay":400`, 0, "OverflowError"},
	}
	for _, tt := range tests {
		s := mustParse(t, timmSpec(tt.params))
		if err := s.CheckSteps(tt.step); tt.step > 0 && err != nil {
			t.Errorf("%s: CheckSteps(%d) = %v, want nil", tt.params, tt.step, err)
		}
		err := s.CheckSteps(tt.step + 1)
		var e *Error
		if !errors.As(err, &e) || e.Param != "steps" || !strings.Contains(e.Msg, tt.want) ||
			!strings.Contains(e.Msg, "step "+itoa64(tt.step)) {
			t.Errorf("%s: CheckSteps(%d) = %v, want a steps *Error naming step %d and %s", tt.params, tt.step+1, err, tt.step, tt.want)
		}
		if _, err := s.Values(int(tt.step) + 1); err == nil {
			t.Errorf("%s: Values(%d) succeeded", tt.params, tt.step+1)
		}
	}
	// The lr itself overflowing, which timm would not raise for, is an error too,
	// from the step where it does: also when the run goes on past cycle_limit,
	// where the lr is lr_min again (lr·1e38 overflows in cycle 1 of 3, steps
	// 350 to 649 after 50 of warmup; from 650 on it is lr_min).
	for _, tt := range []struct {
		params string
		steps  int64
		step   int64
	}{
		{`"lr":1e300,"t_initial":1,"cycle_decay":10,"cycle_limit":100`, 100, 9},
		{`"lr":1e300,"t_initial":300,"cycle_decay":1e38,"cycle_limit":3,"warmup_t":50,"warmup_prefix":true`, 1000, 350},
		{`"lr":1e300,"t_initial":300,"cycle_decay":1e38,"cycle_limit":3,"warmup_t":50,"warmup_prefix":true`, 651, 350},
	} {
		s := mustParse(t, timmSpec(tt.params))
		err := s.CheckSteps(tt.steps)
		if err == nil || !strings.Contains(err.Error(), "overflows") || !strings.Contains(err.Error(), "step "+itoa64(tt.step)) {
			t.Errorf("%s: CheckSteps(%d) = %v, want the lr overflowing at step %d", tt.params, tt.steps, err, tt.step)
		}
		if err := s.CheckSteps(tt.step); err != nil {
			t.Errorf("%s: CheckSteps(%d) = %v", tt.params, tt.step, err)
		}
	}
}

func itoa64(i int64) string { return formatFloat(float64(i)) }

func TestTimmEvents(t *testing.T) {
	tests := []struct {
		params string
		steps  int64
		want   []Event
	}{
		{`"t_initial":10,"cycle_limit":3,"warmup_t":5,"warmup_prefix":true`, 50,
			[]Event{{5, WarmupEnd}, {15, Restart}, {25, Restart}, {35, Boundary}}},
		{`"t_initial":10,"cycle_limit":3,"warmup_t":5`, 50,
			[]Event{{5, WarmupEnd}, {10, Restart}, {20, Restart}, {30, Boundary}}},
		// cycle_mul 10: cycle 3 starts at 112, not 111 (math.log(1000, 10) < 3).
		{`"t_initial":1,"cycle_mul":10,"cycle_limit":4`, 2000,
			[]Event{{1, Restart}, {11, Restart}, {112, Restart}, {1111, Boundary}}},
		// cycle_mul 0.5: cycles 10, 5, 2.5, 1.25, ... each start where the index grows.
		{`"t_initial":10,"cycle_mul":0.5,"cycle_limit":100`, 20,
			[]Event{{10, Restart}, {15, Restart}, {18, Restart}, {19, Restart}}},
		{`"t_initial":100`, 1000, []Event{{100, Boundary}}},
	}
	for _, tt := range tests {
		wantEvents(t, timmSpec(tt.params), int64(tt.steps), tt.want)
	}
	for _, params := range []string{
		`"t_initial":10`,
		`"t_initial":1,"cycle_limit":1000`,
		`"t_initial":7,"cycle_limit":50,"cycle_decay":0.8,"lr_min":0.01`,
		`"t_initial":5,"cycle_mul":2,"cycle_limit":100,"warmup_t":13,"warmup_lr_init":0.5`,
		`"t_initial":5,"cycle_mul":1.5,"cycle_limit":100,"warmup_t":13,"warmup_prefix":true,"k_decay":2`,
		`"t_initial":3,"cycle_mul":1.1,"cycle_limit":1000,"k_decay":0.5,"lr_min":0.05`,
		`"t_initial":100,"cycle_mul":0.9,"cycle_limit":1000`,
		`"t_initial":10,"cycle_decay":0,"cycle_limit":10,"lr_min":0.05`,
		`"t_initial":1,"cycle_mul":10,"cycle_limit":10`,
		`"t_initial":50,"lr":0.001,"lr_min":0.01,"cycle_limit":5,"warmup_t":7,"warmup_lr_init":0.1`,
	} {
		spec := timmSpec(params)
		steps := 1000
		if err := mustParse(t, spec).CheckSteps(1000); err != nil {
			steps = 900 // cycle_mul 0.9 ends at 1000 steps
		}
		checkEventContract(t, spec, steps)
	}
}

// TestTimmTurnsInCycle: with cycle_mul within a few ulps of 1, timm's float
// index starts a cycle up to half a cycle before or after its float
// start s_c, so the cosine rises to its top at t_c = 0 inside the cycle, or
// runs past its bottom at t_c = T_c; those are Peak and Trough events, and
// drawing matches every value. Hand-derived for the example (warmup_t 50 with
// warmup_prefix, T = 300, cycle_limit 3): s_1 = 300, s_2 = 600, so the top
// of cycle c is at step 50 + s_c when the index starts it earlier; T_c =
// 300·cycle_mul^c, so a cycle still running at t = s_c + 301 is past its
// bottom from there, at step 50 + s_c + 301.
func TestTimmTurnsInCycle(t *testing.T) {
	example := `"lr":0.1,"t_initial":300,"lr_min":0.001,"cycle_limit":3,"cycle_decay":0.5,"warmup_t":50,"warmup_lr_init":0.0001,"warmup_prefix":true`
	tests := []struct {
		params string
		want   []Event
	}{
		// The fuzzers' find: 1 + 1e-15 (1 + 5·2^-52). The index starts cycle 1 at
		// t = 271 (step 321) and cycle 2 at 631, after s_2 = 600: no top there.
		{example + `,"cycle_mul":1.000000000000001`,
			[]Event{{50, WarmupEnd}, {321, Restart}, {350, Peak}, {651, Trough}, {681, Restart}, {951, Trough}, {980, Boundary}}},
		// 1 − 1e-15: cycles start at t = 284 and 584, before s_1 and s_2; T_c < 300,
		// but each ends (by the index) before its bottom.
		{example + `,"cycle_mul":0.999999999999999`,
			[]Event{{50, WarmupEnd}, {334, Restart}, {350, Peak}, {634, Restart}, {650, Peak}, {934, Boundary}}},
		// 1 + 2^-52: the index starts cycles half a cycle early (t = 151, 751).
		{example + `,"cycle_mul":1.0000000000000002`,
			[]Event{{50, WarmupEnd}, {201, Restart}, {350, Peak}, {651, Trough}, {801, Restart}, {951, Trough}}},
	}
	for _, tt := range tests {
		spec := timmSpec(tt.params)
		wantEvents(t, spec, 1000, tt.want)
		for _, n := range []int{1000, 5000} {
			checkEventContract(t, spec, n)
			s := mustParse(t, spec)
			vals := mustValues(t, spec, n)
			for _, width := range []int{7, 100, 1000} {
				checkDownsample(t, s, spec, vals, width)
			}
		}
	}
}

// TestTimmHuge checks that At and Events stay fast and finite at 10^12 steps.
func TestTimmHuge(t *testing.T) {
	for _, params := range []string{
		`"t_initial":1,"cycle_limit":1000000000000`,
		`"t_initial":3,"cycle_mul":1.0001,"cycle_limit":1000000000000,"warmup_t":100`,
		`"t_initial":1000,"cycle_mul":2,"cycle_limit":1000000,"cycle_decay":0.9`,
	} {
		s := mustParse(t, timmSpec(params))
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
		for range s.Events(n, n-1_000_000, n) {
			count++
		}
		if count == 0 && strings.Contains(params, `"t_initial":1,`) {
			t.Errorf("%s: no events in the last 10^6 steps", params)
		}
	}
}

func TestTimmLog(t *testing.T) {
	// math.log values from python3 (glibc), where Go's math.Log differs: log(3) is the classic case.
	tests := []struct{ x, want float64 }{
		{3, 1.0986122886681098},
		{243, 5.493061443340548},
		{1000, 6.907755278982137},
		{10, 2.302585092994046},
		{1, 0},
		{0.5, -0.6931471805599453},
		{1.1, 0.09531017980432493},
		{1e-300, -690.7755278982137},
		{1.7976931348623157e308, 709.782712893384},
	}
	for _, tt := range tests {
		if got := xmath.Log(tt.x); got != tt.want {
			t.Errorf("xmath.Log(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
	// Python: math.log(1000, 10) == 2.9999999999999996, math.log(8, 2) == 3.0.
	if r := xmath.Log(1000) / xmath.Log(10); r != 2.9999999999999996 {
		t.Errorf("log(1000)/log(10) = %v", r)
	}
	if r := xmath.Log(8) / xmath.Log(2); r != 3 {
		t.Errorf("log(8)/log(2) = %v", r)
	}
}

func TestTimmPow(t *testing.T) {
	// float ** int values from python3 (glibc pow).
	tests := []struct{ x, y, want float64 }{
		{1.1, 2, 1.2100000000000002},
		{0.9, 7, 0.4782969000000001},
		{1.3, 10, 13.785849184900005},
		{0.5, 1074, 5e-324},
		{2, 1024, math.Inf(1)}, // Python raises OverflowError; checkSteps reports it
		{0, 0, 1},
		{7.5, 1, 7.5},
		{-0.25, 3, -0.015625},
	}
	for _, tt := range tests {
		if got := xmath.Pow(tt.x, tt.y); got != tt.want {
			t.Errorf("xmath.Pow(%v, %v) = %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
}

// TestTimmPlateauImport: PlateauLRScheduler and create_scheduler_v2's
// "plateau" depend on a metric, and import refuses them, saying so; so is
// Keras's ReduceLROnPlateau callback.
func TestTimmPlateauImport(t *testing.T) {
	for _, tc := range []struct{ code, param, msg string }{
		{"PlateauLRScheduler(optimizer, decay_rate=0.5, patience_t=5, mode='min')", "", "PlateauLRScheduler() is timm's scheduler which lowers the lr"},
		{"from timm.scheduler import PlateauLRScheduler\nscheduler = PlateauLRScheduler(optimizer, 0.1, 10)", "", "cannot be drawn from a step count"},
		{"scheduler = create_scheduler_v2(optimizer, sched='plateau', num_epochs=100)", "sched", `create_scheduler_v2(sched="plateau") makes a PlateauLRScheduler`},
		{"scheduler = create_scheduler_v2(optimizer, 'plateau')", "sched", "depends on the training run's metric"},
		{"scheduler = create_scheduler_v2(optimizer, sched='cosine', num_epochs=100)", "sched", "paste the scheduler it makes"},
		{"PlateauLRScheduler(optimizer, 0.1, 10, decay=0.5)", "decay", `unknown argument "decay" for PlateauLRScheduler()`},
		{"callback = keras.callbacks.ReduceLROnPlateau(monitor='val_loss', factor=0.2, patience=5, min_lr=0.001)", "",
			"ReduceLROnPlateau lowers the lr when a metric it is given stops improving"},
	} {
		_, _, err := ImportCode(tc.code)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%s: %v, want an *Error", tc.code, err)
			continue
		}
		if e.Param != tc.param || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("%s: %q (param %q), want param %q and %q", tc.code, e.Msg, e.Param, tc.param, tc.msg)
		}
	}
}
