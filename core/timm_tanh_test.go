package core

import (
	"math"
	"testing"
)

// Reference values of timm.TanhLRScheduler were printed by python3 running
// timm's own scheduler.py and tanh_lr.py (huggingface/pytorch-image-models)
// under PyTorch 1.13, stepping step_update(i) with t_in_epochs=False and
// reading param_groups[0]["lr"]; they are compared exactly. Measured: seven
// specs (warmup with and without prefix, cycle_mul 1.3, 0.97 and 1 + 10^-15,
// other lb and ub), 20,667 steps, no difference.

func init() {
	// Specs whose events stress Downsample (see downsampleSpecs): cycles of
	// one step, growing and shrinking cycles, warmup under the tanh.
	downsampleSpecs["timm.TanhLRScheduler"] = []string{
		`{"kind":"timm.TanhLRScheduler","lr":0.1,"t_initial":1,"cycle_limit":100}`,
		`{"kind":"timm.TanhLRScheduler","lr":0.3,"t_initial":37,"cycle_limit":20,"cycle_decay":0.9,"cycle_mul":1.3,"lb":-3.5,"ub":4.25,"lr_min":0.01}`,
		`{"kind":"timm.TanhLRScheduler","lr":0.2,"t_initial":100,"cycle_mul":1.000000000000001,"cycle_limit":10}`,
		`{"kind":"timm.TanhLRScheduler","lr":0.5,"t_initial":30,"warmup_t":7,"warmup_lr_init":0.01,"lr_min":0.05}`,
	}
}

func timmTanhSpec(p string) string { return `{"kind":"timm.TanhLRScheduler",` + p + `}` }

func TestTimmTanhPoints(t *testing.T) {
	tests := []struct {
		params string
		want   map[int]float64
	}{
		// Hand: warmup 0.0001 + i·0.0999/50; step 50 is t = 0: 0.001 + 0.0495·(1 − tanh(−7)) = 0.0999999176…;
		// step 250 is r = 1/2: 0.001 + 0.0495·(1 − tanh(−2)) = 0.0982193…; lr_min from 450.
		{`"lr":0.1,"t_initial":400,"lr_min":0.001,"warmup_t":50,"warmup_lr_init":0.0001,"warmup_prefix":true`, map[int]float64{
			0: 0.0001, 1: 0.002098, 49: 0.09800200000000002, 50: 0.09999991767872526, 51: 0.09999991345802695,
			100: 0.0999989971308929, 250: 0.09821936521375295, 449: 0.0012573077084700093, 450: 0.001, 499: 0.001}},
		// timm's own test_tanh_decay (lrs[-1] < lrs[0]): step 0 is below lr, step 100 is lr_min.
		{`"lr":0.1,"t_initial":100,"lr_min":0.001`, map[int]float64{
			0: 0.09999991767872526, 1: 0.0999998994525865, 50: 0.09821936521375295, 51: 0.0978337541773231, 100: 0.001}},
		// Without prefix, the warmup climbs to _get_lr(7) = 0.49996021137349145 in 7 steps.
		{`"lr":0.5,"t_initial":30,"warmup_t":7,"warmup_lr_init":0.01,"lr_min":0.05`, map[int]float64{
			0: 0.01, 1: 0.07999431591049877, 6: 0.4299658954629927, 7: 0.49996021137349145, 8: 0.4999225088312964,
			29: 0.0521621387992218, 30: 0.05}},
	}
	for _, tt := range tests {
		n := 0
		for i := range tt.want {
			n = max(n, i+1)
		}
		checkPoints(t, timmTanhSpec(tt.params), n, tt.want, 0)
	}
}

func TestTimmTanhErrors(t *testing.T) {
	tests := []struct{ params, param, want string }{
		{`"lr":0.1`, "t_initial", "missing"},
		{`"t_initial":0`, "t_initial", "out of range"},
		{`"t_initial":10,"lb":3,"ub":3`, "ub", "timm asserts lb < ub"},
		{`"t_initial":10,"cycle_limit":-1`, "cycle_limit", "out of range"},
		{`"t_initial":10,"warmup_lr_init":-1`, "warmup_lr_init", "out of range"},
		{`"t_initial":10,"cycle_mul":0.5,"warmup_t":30`, "warmup_t", "timm's constructor evaluates _get_lr(warmup_t) and fails: with cycle_mul < 1"},
	}
	for _, tt := range tests {
		wantParseError(t, timmTanhSpec(tt.params), tt.param, tt.want)
	}
	// Printed: timm raises ValueError (math domain error) at step 1667: without prefix t = i, and the cycles add
	// up to 50/(1 − 0.97) = 1666.67 steps.
	spec := timmTanhSpec(`"lr":0.3,"t_initial":50,"cycle_limit":100,"cycle_mul":0.97,"lr_min":0.001,"warmup_t":5`)
	wantLongestRun(t, mustParse(t, spec), spec, 1667, "math.log raises ValueError")
	// 10 ** 309 overflows in cycle 309 of t_initial 1: OverflowError there.
	spec = timmTanhSpec(`"lr":1,"t_initial":1,"cycle_limit":1000,"cycle_decay":10`)
	wantLongestRun(t, mustParse(t, spec), spec, 309, "cycle_decay ** 309 raises OverflowError")
}

func TestTimmTanhEvents(t *testing.T) {
	wantEvents(t, timmTanhSpec(`"t_initial":10,"warmup_t":5,"cycle_limit":2,"warmup_prefix":true`), 30,
		[]Event{{5, WarmupEnd}, {15, Restart}, {25, Boundary}})
	for _, spec := range downsampleSpecs["timm.TanhLRScheduler"] {
		checkEventContract(t, spec, 1000)
	}
	s := mustParse(t, timmTanhSpec(`"t_initial":1000,"cycle_mul":1.5,"cycle_limit":100,"warmup_t":100`))
	if err := s.CheckSteps(MaxSteps); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int64{0, MaxSteps / 3, MaxSteps - 1} {
		if v := s.At(i, MaxSteps); math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Errorf("At(%d) = %g", i, v)
		}
	}
}

func TestTimmTanhImport(t *testing.T) {
	tests := []struct{ src, want string }{
		{"optimizer = torch.optim.SGD(model.parameters(), lr=0.05)\n" +
			"scheduler = timm.scheduler.TanhLRScheduler(optimizer, t_initial=1000, lb=-6.0, ub=4.0, lr_min=1e-5, warmup_t=5)",
			`{"kind":"timm.TanhLRScheduler","lr":0.05,"t_initial":1000,"lb":-6,"ub":4,"lr_min":0.00001,"warmup_t":5}`},
		{`TanhLRScheduler(optimizer, 300, -5, 5, 0.001)`,
			`{"kind":"timm.TanhLRScheduler","lr":0.1,"t_initial":300,"lb":-5,"ub":5,"lr_min":0.001}`},
	}
	for _, tt := range tests {
		got, _, err := ImportCode(tt.src)
		if err != nil || string(got) != tt.want {
			t.Errorf("ImportCode(%s) = %s, %v; want %s", tt.src, got, err, tt.want)
		}
	}
}
