package core

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestTorchMoreValues: hand-computed points of the kinds ported in
// torch_step.go, torch_multistep.go, torch_constant.go, torch_cyclic.go,
// torch_lambda.go and torch_multiplicative.go, in float64 as Python
// computes them.
func TestTorchMoreValues(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		// StepLR: 0.05 until 30, 0.05·0.1 until 60, (0.05·0.1)·0.1 until 90 (PyTorch's docstring).
		{`{"kind":"torch.StepLR","lr":0.05,"step_size":30,"gamma":0.1}`, 100,
			map[int]float64{0: 0.05, 29: 0.05, 30: 0.005000000000000001, 59: 0.005000000000000001, 60: 0.0005000000000000001, 99: 5.0000000000000016e-05}},
		// MultiStepLR [30, 80]: 0.05, 0.05·0.1 ** 1, then ·0.1 ** 1 again.
		{`{"kind":"torch.MultiStepLR","lr":0.05,"milestones":[80,30]}`, 100,
			map[int]float64{0: 0.05, 29: 0.05, 30: 0.005000000000000001, 80: 0.0005000000000000001}},
		// A repeated milestone multiplies by gamma ** 2 at once; 0 applies at step 0.
		{`{"kind":"torch.MultiStepLR","lr":1,"milestones":[0,2,2],"gamma":0.5}`, 4,
			map[int]float64{0: 0.5, 1: 0.5, 2: 0.125, 3: 0.125}},
		// ConstantLR factor 0.5, total_iters 40: 0.025 until 40, then 0.025·(1.0/0.5) = 0.05.
		{`{"kind":"torch.ConstantLR","lr":0.05,"factor":0.5,"total_iters":40}`, 100,
			map[int]float64{0: 0.025, 39: 0.025, 40: 0.05, 99: 0.05}},
		// The default factor 1/3: 0.1·(1/3) = 0.03333333333333333 until 5, then ·3.0 = 0.1.
		{`{"kind":"torch.ConstantLR","lr":0.1}`, 10,
			map[int]float64{0: 0.03333333333333333, 4: 0.03333333333333333, 5: 0.1}},
		// total_iters 0: lr·factor for ever (the chainable form never reaches T again).
		{`{"kind":"torch.ConstantLR","lr":0.1,"factor":0.5,"total_iters":0}`, 5, map[int]float64{0: 0.05, 4: 0.05}},
		// CyclicLR triangular, base 0.01, max 0.1, up 10: step 5 is x = 0.25, scale 0.5:
		// 0.01 + (0.09·0.5)·1.0 = 0.055; step 10 the peak, 0.01 + 0.09 = 0.09999999999999999... as floats:
		// (0.1 − 0.01) = 0.09000000000000001, + 0.01 = 0.1; step 20 a new cycle at 0.01.
		{`{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":10}`, 25,
			map[int]float64{0: 0.01, 5: 0.05500000000000001, 10: 0.1, 15: 0.05500000000000001, 20: 0.01}},
		// triangular2: cycle 2's peak is 0.01 + 0.09·(1/2.0).
		{`{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":2,"mode":"triangular2"}`, 8,
			map[int]float64{2: 0.1, 6: 0.05500000000000001}},
		// exp_range, gamma 0.5: step 1 (x = 0.25, up 2 of 4: scale 0.5) is 0.01 + (0.09·0.5)·0.5 ** 1.
		{`{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":2,"mode":"exp_range","gamma":0.5}`, 4,
			map[int]float64{1: 0.0325, 2: 0.0325}},
		// LambdaLR: lr·lambda(i): 0.1·0.95 ** 2.
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda epoch: 0.95 ** epoch"}`, 5,
			map[int]float64{0: 0.1, 2: 0.09025, 4: 0.081450625}},
		// An int factor: epoch // 30 (PyTorch's docstring's lambda1).
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda epoch: epoch // 30"}`, 100,
			map[int]float64{0: 0, 29: 0, 30: 0.1, 99: 0.30000000000000004}},
		// MultiplicativeLR: step 0 keeps lr, then one product a step: 0.1·0.95·0.95.
		{`{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda epoch: 0.95"}`, 5,
			map[int]float64{0: 0.1, 1: 0.095, 2: 0.09025}},
		// The lambda is not called at step 0: 1 / epoch would raise there.
		{`{"kind":"torch.MultiplicativeLR","lr":1,"lr_lambda":"lambda epoch: 1 / epoch"}`, 4,
			map[int]float64{0: 1, 1: 1, 2: 0.5, 3: 0.16666666666666666}},
	}
	for _, tt := range tests {
		vals := mustValues(t, tt.spec, tt.steps)
		for i, w := range tt.want {
			if vals[i] != w {
				t.Errorf("%s: step %d = %v, want %v", tt.spec, i, vals[i], w)
			}
		}
		checkEventContract(t, tt.spec, tt.steps)
	}
}

// TestTorchMorePyTorchTests: expectations of PyTorch's own
// test/optim/test_lrscheduler.py (test_step_lr, test_multi_step_lr,
// test_constant_lr, test_cycle_lr_triangular_mode_one_lr and friends).
func TestTorchMorePyTorchTests(t *testing.T) {
	// test_step_lr: lr = 0.05 if epoch < 3, 0.005 if epoch < 6, 0.0005 if epoch < 9, 0.00005 after.
	want := []float64{0.05, 0.05, 0.05, 0.005, 0.005, 0.005, 0.0005, 0.0005, 0.0005, 0.00005}
	checkClose(t, `{"kind":"torch.StepLR","lr":0.05,"step_size":3,"gamma":0.1}`, want)
	// test_multi_step_lr: milestones [2, 5, 9].
	want = []float64{0.05, 0.05, 0.005, 0.005, 0.005, 0.0005, 0.0005, 0.0005, 0.0005, 0.00005}
	checkClose(t, `{"kind":"torch.MultiStepLR","lr":0.05,"milestones":[2,5,9],"gamma":0.1}`, want)
	// test_multi_step_lr_with_repeated_milestones... [2, 5, 5, 9]: 0.05·0.1·0.01 from 5.
	want = []float64{0.05, 0.05, 0.005, 0.005, 0.005, 0.00005, 0.00005, 0.00005, 0.00005, 0.000005}
	checkClose(t, `{"kind":"torch.MultiStepLR","lr":0.05,"milestones":[2,5,5,9],"gamma":0.1}`, want)
	// test_constant_lr: factor 1/2, total_iters 4: 0.025 for 4 epochs, then 0.05.
	want = []float64{0.025, 0.025, 0.025, 0.025, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05}
	checkClose(t, `{"kind":"torch.ConstantLR","lr":0.05,"factor":0.5,"total_iters":4}`, want)
	// test_cycle_lr_triangular_mode_one_lr: base 1, max 5, step_size_up 4.
	want = []float64{1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3, 4, 5}
	checkClose(t, `{"kind":"torch.CyclicLR","base_lr":1,"max_lr":5,"step_size_up":4}`, want)
	// test_cycle_lr_triangular2_mode_one_lr: heights halve each cycle.
	want = []float64{1, 2, 3, 4, 5, 4, 3, 2, 1, 1.5, 2.0, 2.5, 3.0, 2.5, 2.0, 1.5, 1, 1.25, 1.50, 1.75, 2.00, 1.75}
	checkClose(t, `{"kind":"torch.CyclicLR","base_lr":1,"max_lr":5,"step_size_up":4,"mode":"triangular2"}`, want)
	// test_cycle_lr_with_momentumless_optimizer's asymmetric cousin: up 4, down 2... (triangular, up 1, down 3).
	want = []float64{1, 5, 5 - 4.0/3, 5 - 8.0/3, 1, 5}
	checkClose(t, `{"kind":"torch.CyclicLR","base_lr":1,"max_lr":5,"step_size_up":1,"step_size_down":3}`, want)
	// test_lambda_lr: lambda x: 0.95 ** x, base 0.05.
	want = make([]float64, 10)
	for i := range want {
		want[i] = 0.05 * math.Pow(0.95, float64(i))
	}
	checkClose(t, `{"kind":"torch.LambdaLR","lr":0.05,"lr_lambda":"lambda x: 0.95 ** x"}`, want)
	// test_multiplicative_lr: lambda x: 0.95, base 0.05: 0.05·0.95 ** i.
	checkClose(t, `{"kind":"torch.MultiplicativeLR","lr":0.05,"lr_lambda":"lambda x: 0.95"}`, want)
}

func checkClose(t *testing.T, spec string, want []float64) {
	t.Helper()
	got := mustValues(t, spec, len(want))
	for i := range want {
		if !close(got[i], want[i]) {
			t.Errorf("%s: step %d = %v, want %v", spec, i, got[i], want[i])
		}
	}
}

// TestTorchMoreErrors: parameters out of range, with PyTorch's messages
// where it raises, and runs refused at the step that faults.
func TestTorchMoreErrors(t *testing.T) {
	for _, tt := range []struct{ spec, param, want string }{
		{`{"kind":"torch.StepLR","lr":0.1}`, "step_size", "missing"},
		{`{"kind":"torch.StepLR","lr":0.1,"step_size":0}`, "step_size", "out of range"},
		{`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[3,-1]}`, "milestones[1]", "out of range"},
		{`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[2.5]}`, "milestones[0]", ""},
		{`{"kind":"torch.ConstantLR","factor":1.5}`, "factor", "Constant multiplicative factor expected to be between 0 and 1."},
		{`{"kind":"torch.CyclicLR","base_lr":0.1,"max_lr":1,"mode":"cosine"}`, "mode", "is not an option"},
		{`{"kind":"torch.CyclicLR","base_lr":0.1,"max_lr":1,"step_size_up":0}`, "step_size_up", "out of range"},
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"0.95 ** epoch"}`, "lr_lambda", "expected a lambda"},
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: foo(e)"}`, "lr_lambda", "foo"},
		{`{"kind":"torch.MultiplicativeLR","lr":0.1}`, "lr_lambda", "missing"},
		// PyTorch's constructor calls lr_lambda(0) (its initial step) and raises there.
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 1 / e"}`, "lr_lambda",
			"ZeroDivisionError at e 0: division by zero (step 0: PyTorch's LambdaLR raises it when built)"},
	} {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
	for _, tt := range []struct {
		spec  string
		steps int64
		want  string
	}{
		{`{"kind":"torch.ConstantLR","lr":0.1,"factor":0,"total_iters":5}`, 5, "ZeroDivisionError"},
		{`{"kind":"torch.StepLR","lr":0.1,"step_size":1,"gamma":2}`, 1000, "past 1e+300"},
		{`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[10],"gamma":1e302}`, 10, "milestone 10"},
		{`{"kind":"torch.CyclicLR","base_lr":0.1,"max_lr":1,"step_size_up":1,"mode":"triangular2"}`, 2048, "OverflowError at step 2048"},
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 1 / (3 - e)"}`, 3, "ZeroDivisionError at e 3: division by zero (step 3 of the run)"},
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 1 - e / 10"}`, 11, "the lr of step 11 is"},
		{`{"kind":"torch.MultiplicativeLR","lr":1,"lr_lambda":"lambda e: 2.0"}`, 997, "the lr of step 997 is"},
		// The work budget, 250e6 ns by the cost model, over the lambda's cost: 0.95 ** e is
		// 130 + 4 + 4 = 138 ns, so 1,811,594 steps; the warmup and cosine 445 ns, so 561,797.
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 0.95 ** e"}`, 1811594, "costs about 138 ns a step by LR Playground's cost model, and LambdaLR evaluates it at every step, which LR Playground checks (finite, non-negative, no exception) within about 1 s in the browser, so a run can have at most 1811594 steps"},
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda s: s / 100 if s < 100 else 0.5 * (1 + math.cos(math.pi * (s - 100) / 900))"}`, 561797, "at most 561797 steps"},
		// 0.5 costs 4 ns (62.5 million steps), but the products kept bound MultiplicativeLR at 2^22.
		{`{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 0.5"}`, 1 << 22, "a running product), 8 bytes a step, so a run can have at most 4194304 steps"},
		// 10 (+) + 4 (0.99) + 15 (/) + 15 + 300 + 4 (math.cos(e)) + 4 (100) = 352 ns: 710,227 steps.
		{`{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 0.99 + math.cos(e) / 100"}`, 710227, "costs about 352 ns"},
	} {
		wantLongestRun(t, mustParse(t, tt.spec), tt.spec, tt.steps, tt.want)
	}
}

// TestTorchMoreImport: pasted constructor calls, positional and keyword,
// lists and lambdas with constants written in.
func TestTorchMoreImport(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"optimizer = SGD(params, lr=0.05)\nscheduler = StepLR(optimizer, 30, 0.5)",
			`{"kind":"torch.StepLR","lr":0.05,"step_size":30,"gamma":0.5}`},
		{"E = 100\nsched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[E // 2, E * 3 // 4], gamma=0.1)",
			`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[50,75],"gamma":0.1}`},
		{"ms = [30.0, 80]\nMultiStepLR(opt, ms)", `{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[30,80]}`},
		{"ConstantLR(optimizer, factor=0.5, total_iters=40)", `{"kind":"torch.ConstantLR","lr":0.1,"factor":0.5,"total_iters":40}`},
		{"CyclicLR(optimizer, base_lr=0.01, max_lr=0.1, step_size_up=10, mode='exp_range', gamma=0.99, cycle_momentum=False)",
			`{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":10,"mode":"exp_range","gamma":0.99}`},
		{"W = 500\nLambdaLR(optimizer, lambda step: min(1.0, (step + 1) / W))",
			`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda step: min(1.0, (step + 1) / 500)"}`},
		{"f = lambda epoch: 0.95\nMultiplicativeLR(optimizer, lr_lambda=f)",
			`{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda epoch: 0.95"}`},
	} {
		spec, _, err := ImportCode(tt.src)
		if err != nil || string(spec) != tt.want {
			t.Errorf("ImportCode(%q) = %s, %v; want %s", tt.src, spec, err, tt.want)
		}
	}
	for _, tt := range []struct{ src, want string }{
		{"LambdaLR(optimizer, lambda e: foo(e))", "line 1, column 31"},
		{"LambdaLR(optimizer, 0.5)", "0.5 is not a lambda"},
		{"MultiStepLR(optimizer, 30)", "30 is not a list of numbers"},
		{"MultiStepLR(optimizer, milestones=m)", "m is a name LR Playground cannot see"},
		{"CyclicLR(optimizer, 0.01, 0.1, scale_fn=f)", "scale_fn, which LR Playground does not model"},
		{"ReduceLROnPlateau(optimizer, 'min')", "cannot be drawn from a step count"},
	} {
		_, _, err := ImportCode(tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ImportCode(%q) = %v, want an error containing %q", tt.src, err, tt.want)
		}
	}
}

// TestTorchMoreCode: the snippets write lists as Python lists and a
// lambda as it is, and CyclicLR's optimizer has base_lr.
func TestTorchMoreCode(t *testing.T) {
	for _, tt := range []struct {
		spec string
		want []string
	}{
		{`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[30,80]}`, []string{"milestones=[30, 80],", "gamma=0.1,", "MultiStepLR("}},
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 0.5 if e < 3 else 0.1"}`, []string{"lr_lambda=lambda e: 0.5 if e < 3 else 0.1,"}},
		{`{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1}`, []string{"SGD(params, lr=0.01)", "base_lr=0.01,", "step_size_down=None,", `mode="triangular",`}},
	} {
		code, err := Code(mustParse(t, tt.spec), 10, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(code, w) {
				t.Errorf("%s: the snippet lacks %q:\n%s", tt.spec, w, code)
			}
		}
		// The snippet imports back to the same spec.
		spec, _, err := ImportCode(code)
		if err != nil {
			t.Errorf("%s: ImportCode(its snippet): %v", tt.spec, err)
			continue
		}
		if a, b := specText(mustParse(t, string(spec))), specText(mustParse(t, tt.spec)); a != b {
			t.Errorf("snippet of %s imports as %s", b, a)
		}
	}
}

// TestTorchObjects: every torch kind whose curve constructs its scheduler
// gives, constructed and stepped n − 1 times on a fresh group, the values
// of its run bit for bit.
func TestTorchObjectsMore(t *testing.T) {
	specs := map[string][]string{}
	for name, s := range downsampleSpecs {
		if strings.HasPrefix(name, "torch.") {
			specs[name] = s
		}
	}
	n := 0
	for _, k := range Kinds() {
		if FrameworkOf(k) != "torch" {
			continue
		}
		for _, spec := range append([]string{k.Example}, specs[k.Name]...) {
			s := mustParse(t, strings.ReplaceAll(spec, "STEPS", "300"))
			tc, ok := s.curve.(torchConstructor)
			if !ok {
				continue
			}
			n++
			steps := 300
			if s.CheckSteps(int64(steps)) != nil {
				steps = 10
			}
			want := mustValues(t, specText(s), steps)
			g := &torchGroup{lr: 0.1}
			if lr, ok := s.args["lr"].(float64); ok {
				g.lr = lr
			}
			obj := tc.construct(g)
			for i := range want {
				if i > 0 {
					obj.step(g)
				}
				if g.lr != want[i] && !(math.IsNaN(g.lr) && math.IsNaN(want[i])) {
					t.Errorf("%s: step %d: the object's lr %v, the run's %v", spec, i, g.lr, want[i])
					break
				}
			}
		}
	}
	if n == 0 {
		t.Error("no torch kind constructs its scheduler")
	}
}

// TestTorchMoreSkipLast: where a run one step longer is refused (PyTorch
// raises there), the snippet's loop skips the unused step() after the last.
func TestTorchMoreSkipLast(t *testing.T) {
	for _, tt := range []struct {
		spec  string
		steps int64
		want  string // "" : the loop steps every time
	}{
		{`{"kind":"torch.ConstantLR","lr":0.1,"factor":0,"total_iters":5}`, 5, "    if step < 4:  # the last step() is unused: ConstantLR divides by factor = 0 there (ZeroDivisionError)\n        scheduler.step()\n"},
		{`{"kind":"torch.ConstantLR","lr":0.1,"factor":0,"total_iters":5}`, 4, ""},
		{`{"kind":"torch.CyclicLR","base_lr":0.1,"max_lr":1,"step_size_up":1,"mode":"triangular2"}`, 2048, "    if step < 2047:  # the last step() is unused: CyclicLR raises OverflowError there"},
		{`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 1 / (3 - e)"}`, 3, "    if step < 2:  # the last step() is unused: lr_lambda raises there"},
		{`{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 1 / (3 - e)"}`, 2, ""},
	} {
		code, err := Code(mustParse(t, tt.spec), tt.steps, "torch")
		if err != nil {
			t.Fatalf("%s: %v", tt.spec, err)
		}
		if tt.want == "" && strings.Contains(code, "if step <") || tt.want != "" && !strings.Contains(code, tt.want) {
			t.Errorf("%s, %d steps: the loop in\n%s\nwant %q", tt.spec, tt.steps, code, tt.want)
		}
	}
}

// TestTorchMoreLint: steps-vs-epochs for StepLR and MultiStepLR. StepLR's
// designed end is where the lr has fallen 1000-fold, after
// ceil(log(1e-3)/log(gamma)) decays: 3 for gamma = 0.1, 10 for 0.5
// (0.5^10 = 1/1024); MultiStepLR's is its last milestone. The check fires
// when that end is at most a quarter of the run, or at least four runs,
// and its fix stretches the sizes by run/end.
func TestTorchMoreLint(t *testing.T) {
	for _, tc := range []lintCase{
		// 3 decays of 30: end 90; 4·90 = 360 steps fire, from step 90; step_size·360/90 = 120.
		{"steps-vs-epochs", `{"kind":"torch.StepLR","lr":0.1,"step_size":30}`, 360, true, 90, 359, map[string]any{"step_size": int64(120)}},
		{"steps-vs-epochs", `{"kind":"torch.StepLR","lr":0.1,"step_size":30}`, 359, false, 0, 0, nil},
		// The brief's case: 30 in 100,000 steps; round(30·100000/90) = 33333.
		{"steps-vs-epochs", `{"kind":"torch.StepLR","lr":0.1,"step_size":30}`, 100000, true, 90, 99999, map[string]any{"step_size": int64(33333)}},
		// 10 decays of 10 at gamma 0.5: end 100; 400 steps fire; step_size 40.
		{"steps-vs-epochs", `{"kind":"torch.StepLR","lr":0.1,"step_size":10,"gamma":0.5}`, 400, true, 100, 399, map[string]any{"step_size": int64(40)}},
		// Counted in micro-batches: end 3·5000 = 15000 ≥ 4·3750; step_size·3750/15000 = 1250.
		{"steps-vs-epochs", `{"kind":"torch.StepLR","lr":0.1,"step_size":5000}`, 3750, true, 0, 3749, map[string]any{"step_size": int64(1250)}},
		{"steps-vs-epochs", `{"kind":"torch.StepLR","lr":0.1,"step_size":5000}`, 3751, false, 0, 0, nil},
		// gamma = 0: the first decay is the end (step_size 10; 40 steps fire).
		{"steps-vs-epochs", `{"kind":"torch.StepLR","lr":0.1,"step_size":10,"gamma":0}`, 40, true, 10, 39, map[string]any{"step_size": int64(40)}},
		// gamma = 1 or more: no decay to end.
		{"steps-vs-epochs", `{"kind":"torch.StepLR","lr":0.1,"step_size":1,"gamma":1}`, 100000, false, 0, 0, nil},
		// CyclicLR: one cycle (up + down = 2·2000 = 4000) is its designed end. A run of
		// 1000 steps (4× fewer) fires, from step 0: up·1000/4000 = 500.
		{"steps-vs-epochs", `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":2000}`, 1000, true, 0, 999, map[string]any{"step_size_up": int64(500)}},
		{"steps-vs-epochs", `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":2000}`, 1001, false, 0, 0, nil},
		// Many cycles are CyclicLR's design: 25 cycles of 4000 in 100,000 steps do not fire.
		{"steps-vs-epochs", `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":2000}`, 100000, false, 0, 0, nil},
		// step_size_down scales too, by 250/4000: up round(187.5) = 188, down round(62.5) = 63.
		{"steps-vs-epochs", `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":3000,"step_size_down":1000}`, 250, true, 0, 249,
			map[string]any{"step_size_up": int64(188), "step_size_down": int64(63)}},
	} {
		name := fmt.Sprintf("%s/%s/%d", tc.code, tc.spec, tc.steps)
		s := mustParse(t, tc.spec)
		f, ok := lintFinding(t, s, tc.steps, tc.code)
		if ok != tc.fires {
			t.Errorf("%s: fires %v, want %v (%s)", name, ok, tc.fires, f.Message)
			continue
		}
		if !ok {
			continue
		}
		if f.From != tc.from || f.To != tc.to {
			t.Errorf("%s: steps %d–%d, want %d–%d (%s)", name, f.From, f.To, tc.from, tc.to, f.Message)
		}
		checkFix(t, name, s, tc.steps, f, tc.fix)
	}
	// MultiStepLR, whose fix is a list (checked here, as checkFix compares scalars).
	for _, tc := range []struct {
		spec        string
		steps       int64
		fires       bool
		from, to    int64
		fix         []int64
		wantMessage string
	}{
		// Last milestone 80: 4·80 = 320 steps fire, from 80; each milestone ·320/80.
		{`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[30,80]}`, 320, true, 80, 319, []int64{120, 320},
			"the last of milestones = [30, 80] decays the lr at step 80, but the run has 320 steps"},
		{`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[30,80]}`, 319, false, 0, 0, nil, ""},
		// Counted in epochs, stepped per batch: ·100000/80 = 1250.
		{`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[80,30]}`, 100000, true, 80, 99999, []int64{100000, 37500}, "(1250× more)"},
		// Milestones past the run: 80000 ≥ 4·20000; ·20000/80000 = 1/4.
		{`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[30000,80000]}`, 20000, true, 0, 19999, []int64{7500, 20000}, "micro-batches"},
		{`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[30000,80000]}`, 20001, false, 0, 0, nil, ""},
	} {
		s := mustParse(t, tc.spec)
		f, ok := lintFinding(t, s, tc.steps, "steps-vs-epochs")
		if ok != tc.fires {
			t.Errorf("%s/%d: fires %v, want %v (%s)", tc.spec, tc.steps, ok, tc.fires, f.Message)
			continue
		}
		if !ok {
			continue
		}
		if f.From != tc.from || f.To != tc.to || !strings.Contains(f.Message, tc.wantMessage) {
			t.Errorf("%s/%d: steps %d–%d, want %d–%d; message %q, want %q", tc.spec, tc.steps, f.From, f.To, tc.from, tc.to, f.Message, tc.wantMessage)
		}
		if got, _ := f.Fix["milestones"].([]int64); !slices.Equal(got, tc.fix) {
			t.Errorf("%s/%d: fix %v, want milestones %v", tc.spec, tc.steps, f.Fix, tc.fix)
			continue
		}
		s2, err := Parse(f.FixSpec)
		if err != nil {
			t.Errorf("%s: fix spec %s: %v", tc.spec, f.FixSpec, err)
			continue
		}
		if again, _ := lintFinding(t, s2, tc.steps, "steps-vs-epochs"); again.Code != "" {
			t.Errorf("%s: %s still has steps-vs-epochs", tc.spec, f.FixSpec)
		}
	}
}

// lintFinding is s's finding code in a run of steps, if it has one.
func lintFinding(t *testing.T, s *Schedule, steps int64, code string) (Finding, bool) {
	t.Helper()
	fs, err := Lint(s, steps)
	if err != nil {
		t.Fatalf("Lint: %v", err)
	}
	i := slices.IndexFunc(fs, func(f Finding) bool { return f.Code == code })
	if i < 0 {
		return Finding{}, false
	}
	return fs[i], true
}
