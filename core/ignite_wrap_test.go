package core

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

// TestIgniteWave3Measured: LRScheduler and create_lr_scheduler_with_warmup
// against the values ignite itself set (testdata/ignite/wave3_measured.json,
// written by testdata/ignite/measure3.py from ignite's param_scheduler.py at
// commit de08e799 under torch 1.13), every event exactly.
func TestIgniteWave3Measured(t *testing.T) {
	b, err := os.ReadFile("testdata/ignite/wave3_measured.json")
	if err != nil {
		t.Fatal(err)
	}
	var measured map[string][]float64
	if err := json.Unmarshal(b, &measured); err != nil {
		t.Fatal(err)
	}
	lrs := func(child string, extra string) string {
		return `{"kind":"ignite.LRScheduler","lr":0.1,"lr_scheduler":[` + child + `]` + extra + `}`
	}
	warm := func(child string, rest string) string {
		return `{"kind":"ignite.create_lr_scheduler_with_warmup","lr_scheduler":[` + child + `],` + rest + `}`
	}
	pl := func(mv string) string { return `{"kind":"ignite.PiecewiseLinear","milestones_values":` + mv + `}` }
	specs := map[string]string{
		"l_step":            lrs(`{"kind":"torch.StepLR","step_size":3,"gamma":0.1}`, ""),
		"l_exp":             lrs(`{"kind":"torch.ExponentialLR","gamma":0.9}`, ""),
		"l_cos":             lrs(`{"kind":"torch.CosineAnnealingLR","T_max":10,"eta_min":0.001}`, ""),
		"l_linear":          lrs(`{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":4}`, ""),
		"l_const":           lrs(`{"kind":"torch.ConstantLR","factor":0.5,"total_iters":2}`, ""),
		"l_restarts":        lrs(`{"kind":"torch.CosineAnnealingWarmRestarts","T_0":4,"T_mult":2,"eta_min":0.01}`, ""),
		"l_multistep":       lrs(`{"kind":"torch.MultiStepLR","milestones":[3,7],"gamma":0.5}`, ""),
		"l_multistep0":      lrs(`{"kind":"torch.MultiStepLR","milestones":[0,3],"gamma":0.5}`, ""),
		"l_poly":            lrs(`{"kind":"torch.PolynomialLR","total_iters":8,"power":2}`, ""),
		"l_exp_legacy":      lrs(`{"kind":"torch.ExponentialLR","gamma":0.9}`, `,"use_legacy":true`),
		"l_linear_legacy":   lrs(`{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":4}`, `,"use_legacy":true`),
		"l_restarts_legacy": lrs(`{"kind":"torch.CosineAnnealingWarmRestarts","T_0":4}`, `,"use_legacy":true`),
		"w_doc":             warm(`{"kind":"torch.ExponentialLR","gamma":0.98}`, `"lr":0.1,"warmup_start_value":0,"warmup_duration":3,"warmup_end_value":0.1`),
		"w_exp_end":         warm(`{"kind":"torch.ExponentialLR","gamma":0.5}`, `"lr":0.1,"warmup_start_value":0,"warmup_duration":3,"warmup_end_value":0.2`),
		"w_linear":          warm(`{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":4}`, `"lr":0.1,"warmup_start_value":0,"warmup_duration":3`),
		"w_restarts":        warm(`{"kind":"torch.CosineAnnealingWarmRestarts","T_0":4}`, `"lr":0.1,"warmup_start_value":0,"warmup_duration":3`),
		"w_cos":             warm(`{"kind":"torch.CosineAnnealingLR","T_max":20}`, `"lr":0.1,"warmup_start_value":0.001,"warmup_duration":10`),
		"w_step_end":        warm(`{"kind":"torch.StepLR","step_size":5,"gamma":0.5}`, `"lr":0.1,"warmup_start_value":0,"warmup_duration":4,"warmup_end_value":0.3`),
		"w_ig_eq":           warm(pl(`[[0,0.1],[10,0]]`), `"lr":0.1,"warmup_start_value":0,"warmup_duration":5,"warmup_end_value":0.1`),
		"w_ig_eq2":          warm(pl(`[[0,0.1],[10,0]]`), `"lr":0.1,"warmup_start_value":0,"warmup_duration":2,"warmup_end_value":0.1`),
		"w_ig_ne":           warm(pl(`[[0,0.2],[10,0]]`), `"lr":0.1,"warmup_start_value":0,"warmup_duration":3,"warmup_end_value":0.1`),
		"w_ig_none": warm(`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.05,"end_value":0.001,"cycle_size":10}`,
			`"lr":0.05,"warmup_start_value":0,"warmup_duration":4`),
		"w_ig_cyc": warm(`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.5,"cycle_size":10}`,
			`"lr":0.1,"warmup_start_value":0.01,"warmup_duration":7,"warmup_end_value":0.1`),
	}
	if len(measured) != len(specs) {
		t.Fatalf("%d cases measured, %d specs", len(measured), len(specs))
	}
	for name, spec := range specs {
		want := measured[name]
		got := mustValues(t, spec, len(want))
		s := mustParse(t, spec)
		// CosineAnnealingLR's recursion carries the last-bit differences of
		// glibc's cos and Go's (see torch_cosine.go): 1e-13 relative there,
		// exact elsewhere. At is a closed form: 1e-12 relative of Fill (At's
		// contract).
		tol := 0.0
		if strings.HasSuffix(name, "_cos") {
			tol = 1e-13
		}
		for i := range want {
			if math.Abs(got[i]-want[i]) > tol*math.Abs(want[i]) {
				t.Errorf("%s: event %d = %.17g, ignite set %.17g", name, i, got[i], want[i])
			}
			if a := s.At(int64(i), int64(len(want))); math.Abs(a-got[i]) > 1e-12*math.Abs(got[i]) {
				t.Errorf("%s: At(%d) = %.17g, Fill %.17g", name, i, a, got[i])
			}
		}
	}
}

// TestIgniteWrapImport: each example's and downsampleSpecs' snippet reads
// back as the same schedule, and the pasted forms of ignite's docs read.
func TestIgniteWrapImport(t *testing.T) {
	specs := append([]string{igniteLRSchedulerKind.Example, igniteWarmupKind.Example},
		append(downsampleSpecs["ignite.LRScheduler"], downsampleSpecs[igniteWarmupName]...)...)
	for _, spec := range specs {
		s := mustParse(t, spec)
		code, err := Code(s, 50, "ignite")
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		got, _, err := ImportCode(code)
		if err != nil {
			t.Errorf("%s: %v\n%s", spec, err, code)
			continue
		}
		if want := specText(s); specText(mustParse(t, string(got))) != want {
			t.Errorf("import of its snippet:\n got %s\nwant %s", got, want)
		}
	}
	for _, tc := range []struct{ code, want string }{
		{"optimizer = SGD(model.parameters(), lr=0.1)\ntorch_lr_scheduler = StepLR(optimizer, step_size=3, gamma=0.1)\n" +
			"scheduler = LRScheduler(torch_lr_scheduler)",
			`{"kind":"ignite.LRScheduler","lr_scheduler":[{"kind":"torch.StepLR","step_size":3,"gamma":0.1}],"lr":0.1}`},
		{"optimizer = SGD(model.parameters(), lr=0.1)\ntorch_lr_scheduler = ExponentialLR(optimizer=optimizer, gamma=0.98)\n" +
			"scheduler = create_lr_scheduler_with_warmup(torch_lr_scheduler, warmup_start_value=0.0, warmup_end_value=0.1, warmup_duration=3)",
			`{"kind":"ignite.create_lr_scheduler_with_warmup","lr_scheduler":[{"kind":"torch.ExponentialLR","gamma":0.98}],"lr":0.1,` +
				`"warmup_start_value":0,"warmup_duration":3,"warmup_end_value":0.1}`},
		{"optimizer = SGD(model.parameters(), lr=0.05)\nscheduler = create_lr_scheduler_with_warmup(" +
			"PiecewiseLinear(optimizer, 'lr', milestones_values=[(0, 0.05), (100, 0.0)]), 0.0, 10)",
			`{"kind":"ignite.create_lr_scheduler_with_warmup","lr_scheduler":[{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0.05],[100,0]]}],"lr":0.05,` +
				`"warmup_start_value":0,"warmup_duration":10}`},
	} {
		got, _, err := ImportCode(tc.code)
		if err != nil {
			t.Errorf("%s: %v", tc.code, err)
			continue
		}
		if g, w := specText(mustParse(t, string(got))), specText(mustParse(t, tc.want)); g != w {
			t.Errorf("%s:\n got %s\nwant %s", tc.code, g, w)
		}
	}
}

// TestIgniteWrapRefusals: ignite's own errors, and what cannot be wrapped.
func TestIgniteWrapRefusals(t *testing.T) {
	warm := `{"kind":"ignite.create_lr_scheduler_with_warmup","lr_scheduler":[{"kind":"torch.StepLR","step_size":3}],"warmup_start_value":0,"warmup_duration":`
	for _, tc := range []struct{ spec, param, msg string }{
		{warm + `1}`, "warmup_duration", "Argument warmup_duration should be at least 2 events, but given 1"},
		{warm + `-3}`, "warmup_duration", "Argument warmup_duration should be at least 2 events, but given -3"},
		{warm + `2.5}`, "warmup_duration", ""},
		{`{"kind":"ignite.LRScheduler","lr_scheduler":[]}`, "lr_scheduler", "wraps one PyTorch scheduler, not 0"},
		{`{"kind":"ignite.LRScheduler","lr_scheduler":[{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1]]}]}`,
			"lr_scheduler[0].kind", "is not a PyTorch scheduler"},
		{`{"kind":"ignite.LRScheduler","lr_scheduler":[{"kind":"torch.SequentialLR","schedulers":[{"kind":"torch.StepLR","step_size":3}],"milestones":[]}]}`,
			"lr_scheduler[0].kind", "has no get_lr of its own"},
		{`{"kind":"ignite.LRScheduler","lr_scheduler":[{"kind":"torch.StepLR","lr":0.2,"step_size":3}]}`, "lr_scheduler[0].lr", "names no lr"},
		{`{"kind":"ignite.create_lr_scheduler_with_warmup","lr_scheduler":[{"kind":"optax.constant_schedule","value":0.1}],"warmup_start_value":0,"warmup_duration":3}`,
			"lr_scheduler[0].kind", "is not a PyTorch or ignite scheduler"},
	} {
		_, err := Parse([]byte(tc.spec))
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%s: %v, want an *Error", tc.spec, err)
			continue
		}
		if e.Param != tc.param || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("%s: %q (param %q), want param %q and %q", tc.spec, e.Msg, e.Param, tc.param, tc.msg)
		}
	}
	// A replayed scheduler runs up to 10^6 events; StepLR's own curve is drawn to 10^9.
	lin := mustParse(t, `{"kind":"ignite.LRScheduler","lr_scheduler":[{"kind":"torch.LinearLR","total_iters":5}]}`)
	if err := lin.CheckSteps(2_000_000); err == nil || !strings.Contains(err.Error(), "replaying") {
		t.Errorf("LinearLR for 2e6 events: %v", err)
	}
	step := mustParse(t, `{"kind":"ignite.LRScheduler","lr":0.1,"lr_scheduler":[{"kind":"torch.StepLR","step_size":1000000,"gamma":0.99}]}`)
	if err := step.CheckSteps(1e9); err != nil {
		t.Fatal(err)
	}
	if v, w := step.At(1e9-1, 1e9), step.At(1e9-1e6-1, 1e9); !(v < w) || v <= 0 {
		t.Errorf("StepLR at 1e9: %g, %g", v, w)
	}
	// A negative warmup is refused, not drawn.
	neg := mustParse(t, strings.Replace(warm, `"warmup_start_value":0`, `"warmup_start_value":-0.1`, 1)+`3}`)
	if err := neg.CheckSteps(10); err == nil {
		t.Error("a warmup from -0.1 was not refused")
	}
}

// TestIgniteWrapHand: hand-computed events.
func TestIgniteWrapHand(t *testing.T) {
	for _, tc := range []struct {
		spec string
		want []float64
	}{
		// LinearLR(0.5, 4) on 0.1: the constructor sets 0.1·0.5 = 0.05; event 0
		// is get_lr at epoch 0, 0.05·0.5 = 0.025; event 1 multiplies by
		// 1 + (1 − 0.5)/(4·0.5 + 0·(1 − 0.5)) = 1.25: 0.03125.
		{`{"kind":"ignite.LRScheduler","lr":0.1,"lr_scheduler":[{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":4}]}`,
			[]float64{0.025, 0.03125}},
		// Warmup 0 → 0.1 over 5 events before a PiecewiseLinear starting at
		// 0.1: d = 0.1/4 = 0.025, the warmup ends at 0.1 − 0.025 = 0.075 at
		// event 3 and the child's 0.1 is event 4.
		{`{"kind":"ignite.create_lr_scheduler_with_warmup","lr":0.1,"lr_scheduler":[{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0.1],[10,0]]}],` +
			`"warmup_start_value":0,"warmup_duration":5}`,
			[]float64{0, 0.025, 0.05, 0.075, 0.1, 0.09}},
	} {
		got := mustValues(t, tc.spec, len(tc.want))
		for i := range tc.want {
			if math.Abs(got[i]-tc.want[i]) > 1e-15 {
				t.Errorf("%s: event %d = %.17g, want %g", tc.spec, i, got[i], tc.want[i])
			}
		}
	}
}
