package core

import (
	"math"
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
		{`{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 0.5"}`, torchLambdaMaxSteps, "at most 262144 steps"},
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
func TestTorchObjects(t *testing.T) {
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
