package core

import (
	"math"
	"testing"
)

// Reference values of timm.StepLRScheduler were printed by python3 running
// timm's own scheduler.py and step_lr.py (huggingface/pytorch-image-models)
// under PyTorch 1.13, stepping step_update(i) with t_in_epochs=False and
// reading param_groups[0]["lr"]; they are compared exactly.

func init() {
	// Specs whose events stress Downsample (see downsampleSpecs): a drop every
	// step, a fractional decay_t, drops counted under the warmup, a growing lr.
	downsampleSpecs["timm.StepLRScheduler"] = []string{
		`{"kind":"timm.StepLRScheduler","lr":0.1,"decay_t":1,"decay_rate":0.9}`,
		`{"kind":"timm.StepLRScheduler","lr":1,"decay_t":2.5,"decay_rate":0.5,"warmup_t":3}`,
		`{"kind":"timm.StepLRScheduler","lr":0.1,"decay_t":7,"decay_rate":0.8,"warmup_t":20,"warmup_lr_init":0.2,"warmup_prefix":false}`,
		`{"kind":"timm.StepLRScheduler","lr":1e-6,"decay_t":50,"decay_rate":1.1,"warmup_t":10}`,
	}
}

func timmStepSpec(p string) string { return `{"kind":"timm.StepLRScheduler",` + p + `}` }

func TestTimmStepPoints(t *testing.T) {
	tests := []struct {
		params string
		want   map[int]float64
	}{
		// Hand: warmup 0.001 + i·(0.1 − 0.001)/20; then 0.1·0.5^((i − 20)//100): 0.1 at 119, 0.05 at 120, 0.1·0.5^4 at 499.
		{`"lr":0.1,"decay_t":100,"decay_rate":0.5,"warmup_t":20,"warmup_lr_init":0.001`, map[int]float64{
			0: 0.001, 1: 0.00595, 19: 0.09505000000000001, 20: 0.1, 119: 0.1, 120: 0.05, 219: 0.05, 220: 0.025, 499: 0.00625}},
		// Without prefix: drops at 30, 60, 90 counted from step 0: 0.1·0.1^3 at 100.
		{`"lr":0.1,"decay_t":30,"decay_rate":0.1,"warmup_t":5,"warmup_lr_init":0.0001,"warmup_prefix":false`, map[int]float64{
			0: 0.0001, 4: 0.08002000000000001, 5: 0.1, 29: 0.1, 30: 0.010000000000000002, 59: 0.010000000000000002,
			60: 0.0010000000000000002, 100: 0.00010000000000000003}},
		// Hand: decay_t 2.5: 3 // 2.5 = 1, 5 // 2.5 = 2, 8 // 2.5 = 3, 1000 // 2.5 = 400.
		{`"lr":1,"decay_t":2.5,"decay_rate":0.5`, map[int]float64{
			0: 1, 1: 1, 2: 1, 3: 0.5, 4: 0.5, 5: 0.25, 7: 0.25, 8: 0.125, 10: 0.0625, 1000: 3.8725919148493183e-121}},
		// Hand: 2^1023 is the largest power of two below float64's limit.
		{`"lr":1,"decay_t":1,"decay_rate":2`, map[int]float64{1023: 8.98846567431158e+307}},
	}
	for _, tt := range tests {
		n := 0
		for i := range tt.want {
			n = max(n, i+1)
		}
		checkPoints(t, timmStepSpec(tt.params), n, tt.want, 0)
	}
}

// TestTimmStepSpecialCases has a row per line of timmStep's "Special cases are".
func TestTimmStepSpecialCases(t *testing.T) {
	tests := []struct {
		name, params string
		steps        int
		check        func(v []float64) bool
	}{
		{"warmup_t 0", `"lr":0.3,"decay_t":10`, 2, func(v []float64) bool { return v[0] == 0.3 }},
		{"no prefix: a drop inside the warmup", `"lr":1,"decay_t":2,"decay_rate":0.5,"warmup_t":5,"warmup_prefix":false`, 6,
			func(v []float64) bool { return v[4] == 0.8 && v[5] == 0.25 }},
		{"decay_rate 1", `"lr":0.3,"decay_t":1`, 100, func(v []float64) bool { return v[99] == 0.3 }},
		{"decay_rate 0", `"lr":0.3,"decay_t":3,"decay_rate":0`, 4, func(v []float64) bool { return v[2] == 0.3 && v[3] == 0 }},
		{"decay_rate > 1", `"lr":0.5,"decay_t":1,"decay_rate":2`, 3, func(v []float64) bool { return v[2] == 2 }},
	}
	for _, tt := range tests {
		if v := mustValues(t, timmStepSpec(tt.params), tt.steps); !tt.check(v) {
			t.Errorf("%s: %s gives %v", tt.name, tt.params, v)
		}
	}
}

func TestTimmStepErrors(t *testing.T) {
	tests := []struct{ params, param, want string }{
		{`"lr":0.1`, "decay_t", "missing"},
		// timm: t // 0 raises ZeroDivisionError.
		{`"decay_t":0`, "decay_t", "out of range"},
		{`"decay_t":-5`, "decay_t", "out of range"},
		{`"decay_t":10,"decay_rate":-0.5`, "decay_rate", "out of range"},
		{`"decay_t":10,"lr":-1`, "lr", "out of range"},
		{`"decay_t":10,"warmup_t":-1`, "warmup_t", "out of range"},
		{`"decay_t":10,"noise_range_t":5`, "noise_range_t", "unknown parameter"},
	}
	for _, tt := range tests {
		wantParseError(t, timmStepSpec(tt.params), tt.param, tt.want)
	}
	// timm: step 1024 raises "OverflowError: (34, 'Numerical result out of range')" (2.0 ** 1024).
	spec := timmStepSpec(`"lr":1,"decay_t":1,"decay_rate":2`)
	wantLongestRun(t, mustParse(t, spec), spec, 1024, "decay_rate ** 1024 raises OverflowError")
	// lr 1e300·10^9 overflows to +Inf without a raise: refused from step 9.
	spec = timmStepSpec(`"lr":1e300,"decay_t":1,"decay_rate":10`)
	wantLongestRun(t, mustParse(t, spec), spec, 9, "the lr overflows")
}

func TestTimmStepEvents(t *testing.T) {
	wantEvents(t, timmStepSpec(`"decay_t":10,"warmup_t":5`), 50, []Event{{5, WarmupEnd}})
	wantEvents(t, timmStepSpec(`"decay_t":10,"decay_rate":0.5`), 50, nil)
	for _, spec := range downsampleSpecs["timm.StepLRScheduler"] {
		checkEventContract(t, spec, 1000)
	}
	s := mustParse(t, timmStepSpec(`"decay_t":3,"decay_rate":0.999999,"warmup_t":100`))
	if err := s.CheckSteps(MaxSteps); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int64{0, MaxSteps / 3, MaxSteps - 1} {
		if v := s.At(i, MaxSteps); math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Errorf("At(%d) = %g", i, v)
		}
	}
}

func TestTimmStepImport(t *testing.T) {
	tests := []struct{ src, want string }{
		{"optimizer = torch.optim.SGD(model.parameters(), lr=0.05)\n" +
			"scheduler = timm.scheduler.StepLRScheduler(optimizer, decay_t=30, decay_rate=0.1, warmup_t=5, warmup_lr_init=1e-4)",
			`{"kind":"timm.StepLRScheduler","lr":0.05,"decay_t":30,"decay_rate":0.1,"warmup_t":5,"warmup_lr_init":0.0001}`},
		{`StepLRScheduler(optimizer, 2.4, 0.97, 3, 1e-6, False)`,
			`{"kind":"timm.StepLRScheduler","lr":0.1,"decay_t":2.4,"decay_rate":0.97,"warmup_t":3,"warmup_lr_init":0.000001,"warmup_prefix":false}`},
	}
	for _, tt := range tests {
		got, _, err := ImportCode(tt.src)
		if err != nil || string(got) != tt.want {
			t.Errorf("ImportCode(%s) = %s, %v; want %s", tt.src, got, err, tt.want)
		}
	}
}
