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
		for i := range want {
			w := want[i]
			switch name {
			case "l_exp": // torch ≥ 2.2's ExponentialLR multiplies unless _is_initial: one step ahead of 1.13
				if i+1 == len(want) {
					continue
				}
				w = want[i+1]
			case "l_poly":
				w = igniteNewerTorch(name, i)
			case "l_cos":
				if i == 0 {
					w = igniteNewerTorch(name, i)
				}
			}
			if math.Abs(got[i]-w) > 1e-15*math.Abs(w) || (name != "l_poly" && (name != "l_cos" || i > 0) && got[i] != w) {
				t.Errorf("%s: event %d = %.17g, ignite set %.17g", name, i, got[i], w)
			}
			// At is a closed form: 1e-12 relative of Fill (At's contract).
			if a := s.At(int64(i), int64(len(want))); math.Abs(a-got[i]) > 1e-12*math.Abs(got[i]) {
				t.Errorf("%s: At(%d) = %.17g, Fill %.17g", name, i, a, got[i])
			}
		}
	}
}

// igniteNewerTorch is what current PyTorch's get_lr gives where torch 1.13's
// differs (measure3.py ran 1.13): at last_epoch 0 without _is_initial,
// PolynomialLR(total_iters=8, power=2) multiplies 0.1 by ((1 − 0/8)/(1 −
// (−1)/8))² = (8/9)², and its later steps telescope to 0.1·(8/9)²·((8 −
// i)/8)² (0 from event 8 on); CosineAnnealingLR(T_max=10, eta_min=0.001)
// takes its recursion at event 0, (1 + cos 0)/(1 + cos(−π/10))·(0.1 −
// 0.001) + 0.001, and from event 1 on the closed form, as 1.13 does (its
// _step_count stays 1), measured exactly.
func igniteNewerTorch(name string, i int) float64 {
	if name == "l_poly" {
		if i >= 8 {
			return 0
		}
		r := float64(8-i) / 8
		return 0.1 * (64.0 / 81) * r * r
	}
	return 2/(1+math.Cos(math.Pi/10))*0.099 + 0.001
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
		// The name reassigned: the scheduler given is the one built before.
		{"optimizer = SGD(model.parameters(), lr=0.1)\nscheduler = ExponentialLR(optimizer, gamma=0.98)\n" +
			"scheduler = create_lr_scheduler_with_warmup(scheduler, warmup_start_value=0.0, warmup_duration=10)",
			`{"kind":"ignite.create_lr_scheduler_with_warmup","lr_scheduler":[{"kind":"torch.ExponentialLR","gamma":0.98}],"lr":0.1,` +
				`"warmup_start_value":0,"warmup_duration":10}`},
		{"optimizer = SGD(model.parameters(), lr=0.1)\nscheduler = StepLR(optimizer, step_size=3)\nscheduler = LRScheduler(scheduler)",
			`{"kind":"ignite.LRScheduler","lr_scheduler":[{"kind":"torch.StepLR","step_size":3}],"lr":0.1}`},
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
		{strings.Replace(warm, `"warmup_start_value":0`, `"warmup_start_value":1.7976931348623157e308`, 1) + `10}`, "warmup_start_value", "1e290"},
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
	// A warmup to a negative end is refused once the run reaches below 0,
	// and a 10^12-event warmup is checked at once.
	down := mustParse(t, strings.Replace(warm, `"warmup_start_value":0`, `"warmup_start_value":0.1,"warmup_end_value":-0.1`, 1)+`11}`)
	if err := down.CheckSteps(5); err != nil {
		t.Errorf("events 0..4 of 0.1 → -0.1 over 11 events are ≥ 0: %v", err)
	}
	if err := down.CheckSteps(7); err == nil || !strings.Contains(err.Error(), "event 6") {
		t.Errorf("event 6 of 0.1 → -0.1 over 11 events is -0.02: %v", err)
	}
	long := mustParse(t, warm+`1000000000000}`)
	if err := long.CheckSteps(MaxSteps); err != nil {
		t.Errorf("a 10^12-event warmup: %v", err)
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
		// MultiplicativeLR(lambda e: 0.95) on 0.1: get_lr multiplies unless
		// _is_initial, so event 0 is 0.1·0.95 = 0.095 and event 1 0.09025.
		{`{"kind":"ignite.LRScheduler","lr":0.1,"lr_scheduler":[{"kind":"torch.MultiplicativeLR","lr_lambda":"lambda e: 0.95"}]}`,
			[]float64{0.095, 0.09025}},
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

// TestIgniteTorchFastPath: where LRScheduler draws a PyTorch kind's own
// curve (its get_lr at last_epoch 0 keeps the lr), that curve is the replay
// of torch's objects as ignite steps them, bit for bit, for every torch kind's
// example, plain and with use_legacy.
func TestIgniteTorchFastPath(t *testing.T) {
	checked := 0
	for _, k := range Kinds() {
		if k.Framework != "PyTorch" || k.Name == torchRestartsKind.Name || takesSchedules(k) {
			continue
		}
		var fields map[string]any
		if err := json.Unmarshal([]byte(k.Example), &fields); err != nil {
			t.Fatal(err)
		}
		lr, _ := fields["lr"].(float64)
		if k.Param("lr") == nil {
			lr = 0.1
		}
		delete(fields, "lr")
		child, _ := json.Marshal(fields)
		for _, legacy := range []string{"false", "true"} {
			spec := `{"kind":"ignite.LRScheduler","lr":` + formatFloat(lr) + `,"lr_scheduler":[` + string(child) + `],"use_legacy":` + legacy + `}`
			s, err := Parse([]byte(spec))
			if err != nil {
				t.Errorf("%s: %v", spec, err)
				continue
			}
			r := s.curve.(*igniteTorchRun)
			if r.shift < 0 {
				continue
			}
			n := int64(k.ExampleSteps)
			if s.CheckSteps(n) != nil {
				n = 20
			}
			fast := make([]float64, n)
			r.fill(fast)
			replay := &igniteTorchRun{lr: r.lr, child: r.child, off: r.off, shift: -1}
			slow := make([]float64, n)
			replay.fill(slow)
			for i := range fast {
				if fast[i] != slow[i] {
					t.Errorf("%s: event %d = %.17g, the replay %.17g", spec, i, fast[i], slow[i])
					break
				}
			}
			checked++
		}
	}
	if checked < 12 {
		t.Errorf("only %d runs checked", checked)
	}
}

// TestIgniteWarmupIgniteCases: ignite's own test_create_lr_scheduler_with_warmup
// (tests/ignite/handlers/test_param_scheduler.py): lrs[0] is
// warmup_start_value, lrs[W − 1] the warmup's end value and lrs[W] the next,
// to pytest.approx's 1e-6 relative: ExponentialLR(gamma=0.98) on lr 0.2, and
// LinearCyclicalScheduler(0.8, 0.0, 10) on lr 0.
func TestIgniteWarmupIgniteCases(t *testing.T) {
	exp := `{"kind":"torch.ExponentialLR","gamma":0.98}`
	cyc := `{"kind":"ignite.LinearCyclicalScheduler","start_value":0.8,"end_value":0,"cycle_size":10}`
	for _, tc := range []struct {
		child      string
		lr         float64
		end        string // warmup_end_value, "null" for None
		w          int
		endV, next float64
	}{
		{exp, 0.2, "0.05", 10, 0.05, 0.2},       // A) opt lr != warmup_end_value
		{exp, 0.2, "0.05", 2, 0.05, 0.2},        //
		{exp, 0.2, "0.2", 10, 0.2, 0.2 * 0.98},  // B) opt lr == warmup_end_value
		{exp, 0.2, "0.2", 2, 0.2, 0.2 * 0.98},   //
		{cyc, 0, "0.05", 10, 0.05, 0.8},         // C) start_value != warmup_end_value
		{cyc, 0, "0.05", 2, 0.05, 0.8},          //
		{cyc, 0, "0.8", 10, 0.8, 0.8 - 0.8/5},   // D) start_value == warmup_end_value
		{cyc, 0, "0.8", 2, 0.8, 0.8 - 0.8/5},    //
		{exp, 0.2, "null", 10, 0.2, 0.2 * 0.98}, // E) None: case B
	} {
		spec := `{"kind":"ignite.create_lr_scheduler_with_warmup","lr":` + formatFloat(tc.lr) + `,"lr_scheduler":[` + tc.child +
			`],"warmup_start_value":0.01,"warmup_duration":` + itoa(int64(tc.w)) + `,"warmup_end_value":` + tc.end + `}`
		got := mustValues(t, spec, 200)
		for _, c := range []struct {
			i    int
			want float64
		}{{0, 0.01}, {tc.w - 1, tc.endV}, {tc.w, tc.next}} {
			if math.Abs(got[c.i]-c.want) > 1e-6*math.Abs(c.want) {
				t.Errorf("%s: lrs[%d] = %g, ignite's test wants %g", spec, c.i, got[c.i], c.want)
			}
		}
	}
}
