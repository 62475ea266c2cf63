package core

import (
	"math"
	"testing"
)

// torchObjectSpecs are runs of every torch kind this file's objects cover,
// the examples and edge cases: each object, constructed and stepped, must
// give fill's values bit for bit.
var torchObjectSpecs = []struct {
	spec  string
	steps int
}{
	{`{"kind": "torch.LinearLR", "lr": 0.1, "start_factor": 0.1, "total_iters": 50}`, 100},
	{`{"kind": "torch.LinearLR", "lr": 0.3, "start_factor": 0.7, "end_factor": 0, "total_iters": 7}`, 20},
	{`{"kind": "torch.LinearLR", "lr": 0.3, "start_factor": 0.25, "total_iters": 0}`, 5},
	{`{"kind": "torch.ExponentialLR", "lr": 0.1, "gamma": 0.95}`, 300},
	{`{"kind": "torch.ExponentialLR", "lr": 1e-3, "gamma": 1.01}`, 300},
	{`{"kind": "torch.PolynomialLR", "lr": 0.1, "total_iters": 80, "power": 2}`, 100},
	{`{"kind": "torch.PolynomialLR", "lr": 0.1, "total_iters": 0, "power": 0.5}`, 10},
	{`{"kind": "torch.PolynomialLR", "lr": 0.1, "total_iters": 9, "power": 0.37}`, 30},
	{`{"kind": "torch.CosineAnnealingLR", "lr": 0.1, "T_max": 20}`, 150},
	{`{"kind": "torch.CosineAnnealingLR", "lr": 0.1, "T_max": 1, "eta_min": 0.01}`, 9},
	{`{"kind": "torch.CosineAnnealingLR", "lr": 0.01, "T_max": 7, "eta_min": 0.05}`, 60},
	{`{"kind": "torch.CosineAnnealingWarmRestarts", "lr": 0.1, "T_0": 10, "T_mult": 2}`, 150},
	{`{"kind": "torch.CosineAnnealingWarmRestarts", "lr": 0.1, "T_0": 3, "eta_min": 0.001}`, 40},
	{`{"kind": "torch.CosineAnnealingWarmRestarts", "lr": 0.1, "T_0": 1, "T_mult": 3}`, 40},
	{`{"kind": "torch.OneCycleLR", "max_lr": 0.1, "total_steps": 1000}`, 1000},
	{`{"kind": "torch.OneCycleLR", "max_lr": 0.1, "total_steps": 100, "three_phase": true, "anneal_strategy": "linear"}`, 101},
	{`{"kind": "torch.OneCycleLR", "max_lr": 2, "epochs": 3, "steps_per_epoch": 7, "pct_start": 0.5, "div_factor": 4}`, 22},
	// wt-torchK's kinds, their examples (added when merging it).
	{`{"kind": "torch.StepLR", "lr": 0.1, "step_size": 30, "gamma": 0.1}`, 100},
	{`{"kind": "torch.MultiStepLR", "lr": 0.1, "milestones": [30, 80], "gamma": 0.1}`, 100},
	{`{"kind": "torch.ConstantLR", "lr": 0.1, "factor": 0.5, "total_iters": 40}`, 100},
	{`{"kind": "torch.CyclicLR", "base_lr": 0.01, "max_lr": 0.1, "step_size_up": 20, "mode": "triangular2"}`, 200},
	{`{"kind": "torch.LambdaLR", "lr": 0.1, "lr_lambda": "lambda epoch: 0.95 ** epoch"}`, 100},
	{`{"kind": "torch.MultiplicativeLR", "lr": 0.1, "lr_lambda": "lambda epoch: 0.95"}`, 100},
	// Edges of the kinds SequentialLR restarts at a milestone (TestTorchObjectRestart).
	{`{"kind": "torch.StepLR", "lr": 0.3, "step_size": 1, "gamma": 0.7}`, 40},
	{`{"kind": "torch.StepLR", "lr": 0.3, "step_size": 7, "gamma": 1.3}`, 40},
	{`{"kind": "torch.MultiStepLR", "lr": 0.3, "milestones": [0, 3, 3, 9], "gamma": 0.7}`, 20},
	{`{"kind": "torch.MultiStepLR", "lr": 0.3, "milestones": [12, 2, 2], "gamma": 0.3}`, 20},
	{`{"kind": "torch.ConstantLR", "lr": 0.3, "factor": 0.3, "total_iters": 1}`, 10},
	{`{"kind": "torch.ConstantLR", "lr": 0.3, "factor": 0.7, "total_iters": 0}`, 10},
	{`{"kind": "torch.CyclicLR", "base_lr": 0.001, "max_lr": 0.3, "step_size_up": 3, "step_size_down": 5, "mode": "exp_range", "gamma": 0.97}`, 60},
	{`{"kind": "torch.CyclicLR", "base_lr": 0.3, "max_lr": 0.01, "step_size_up": 1, "step_size_down": 0}`, 20},
	{`{"kind": "torch.LambdaLR", "lr": 0.3, "lr_lambda": "lambda s: 1.0 if s < 3 else 0.5 ** (s // 4)"}`, 30},
	{`{"kind": "torch.LambdaLR", "lr": 0.3, "lr_lambda": "lambda s: (s + 1) / 10"}`, 30},
}

// torchObjectValues constructs s's scheduler on a group with s's lr (0.1
// for OneCycleLR, which sets its own) and steps it n − 1 times.
func torchObjectValues(t *testing.T, s *Schedule, n int) []float64 {
	t.Helper()
	tc, ok := s.curve.(torchConstructor)
	if !ok {
		t.Fatalf("%s: its curve %T constructs no scheduler", s.kind.Name, s.curve)
	}
	g := &torchGroup{lr: 0.1}
	if lr, ok := s.args["lr"].(float64); ok {
		g.lr = lr
	}
	o := tc.construct(g)
	out := make([]float64, n)
	for i := range out {
		if i > 0 {
			o.step(g)
		}
		if g.err != "" {
			t.Fatalf("%s: step %d raised %s", s.kind.Name, i, g.err)
		}
		out[i] = g.lr
	}
	return out
}

func TestTorchObjects(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range torchObjectSpecs {
		s, err := Parse([]byte(tc.spec))
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		covered[s.kind.Name] = true
		want := make([]float64, tc.steps)
		s.Fill(want)
		got := torchObjectValues(t, s, tc.steps)
		for i := range want {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Errorf("%s: step %d: the object gives %v, fill %v", tc.spec, i, got[i], want[i])
				break
			}
		}
	}
	for _, k := range Kinds() {
		if k.Framework != "PyTorch" || covered[k.Name] {
			continue
		}
		s, err := Parse([]byte(k.Example))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := s.curve.(torchConstructor); ok && !isTorchComposite(s.curve) {
			t.Errorf("%s constructs a scheduler but has no case in torchObjectSpecs", k.Name)
		}
	}
}

// TestTorchObjectRestart checks what SequentialLR relies on for its closed
// form: a scheduler constructed, undone (whatever the group's lr is then) and stepped with _update_lr(0) gives
// the same lr as its own initial step, and from there the same run, bit for
// bit (CosineAnnealingLR's closed form eta_min + (lr − eta_min)·2/2 is lr
// only up to rounding when eta_min > 0, so it is left out). Every kind
// torchRestartsAtZero names must pass here on each of its specs.
func TestTorchObjectRestart(t *testing.T) {
	for _, tc := range torchObjectSpecs {
		s, _ := Parse([]byte(tc.spec))
		if c, ok := s.curve.(*torchCosine); ok && c.etaMin != 0 {
			continue
		}
		if c, ok := s.curve.(*torchLinear); ok && c.total == 0 {
			continue // its closed form divides by zero: TestSequentialRefusals
		}
		if c, ok := s.curve.(*torchPolynomial); ok && c.total == 0 {
			continue
		}
		if c, ok := s.curve.(*torchConstant); ok && c.total == 0 {
			continue // its initial step is lr·factor, its closed form at 0 lr·(factor + (1 − factor)): torchRestartsAtZero
		}
		if _, ok := s.curve.(*torchMultiplicative); ok {
			continue // no closed form: PyTorch's get_lr multiplies the lr it finds, as restarted it should
		}
		want := torchObjectValues(t, s, tc.steps)
		g := &torchGroup{lr: want[0] * 3}
		if lr, ok := s.args["lr"].(float64); ok {
			g.lr = lr
		}
		o := s.curve.(torchConstructor).construct(g)
		g.lr = 12345 // what the schedulers before it set
		o.undo()
		o.stepAt(g, 0)
		for i := range want {
			if i > 0 {
				o.step(g)
			}
			if math.Float64bits(g.lr) != math.Float64bits(want[i]) || g.err != "" {
				t.Errorf("%s: step %d after _update_lr(0): %v (%s), want %v", tc.spec, i, g.lr, g.err, want[i])
				break
			}
		}
	}
}
