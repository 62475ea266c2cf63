package core

import (
	"math"
	"strings"
	"testing"
)

// TestSequentialFastPath: SequentialLRs of the kinds torchRestartsAtZero
// added (StepLR, MultiStepLR, ConstantLR, CyclicLR, LambdaLR), as first
// scheduler and after a milestone, are drawn from their closed forms
// (segments) and agree with PyTorch's objects replayed (to 1e-12: a
// LinearLR's closed form against its chainable steps); the
// kinds that do not restart so are replayed.
func TestSequentialFastPath(t *testing.T) {
	const warm = `{"kind":"torch.LinearLR","start_factor":0.1,"total_iters":5}`
	seq := func(ms string, kids ...string) string {
		return `{"kind":"torch.SequentialLR","lr":0.3,"schedulers":[` + strings.Join(kids, ",") + `],"milestones":[` + ms + `]}`
	}
	step := `{"kind":"torch.StepLR","step_size":4,"gamma":0.5}`
	multi := `{"kind":"torch.MultiStepLR","milestones":[0,3,3,11],"gamma":0.7}`
	constant := `{"kind":"torch.ConstantLR","factor":0.25,"total_iters":6}`
	cyclic := `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.2,"step_size_up":3,"mode":"exp_range","gamma":0.99}`
	lambda := `{"kind":"torch.LambdaLR","lr_lambda":"lambda s: 0.9 ** s if s < 8 else 0.1"}`
	for _, tc := range []struct {
		spec string
		fast bool
		long int64 // a run length it must accept (0: none checked)
	}{
		{seq("5", warm, step), true, MaxSteps},
		{seq("5", warm, multi), true, MaxSteps},
		{seq("5", warm, constant), true, MaxSteps},
		{seq("5", warm, cyclic), true, MaxSteps},
		{seq("5", warm, lambda), true, 0},
		{seq("7, 20", step, multi, constant), true, MaxSteps},
		{seq("9, 30", cyclic, step, cyclic), true, MaxSteps}, // CyclicLR first sets initial_lr = base_lr: the StepLR after it starts there
		{seq("4, 9", constant, lambda, multi), true, 0},
		{seq("4", `{"kind":"torch.MultiplicativeLR","lr_lambda":"lambda s: 0.9"}`, step), true, MaxSteps}, // first: its initial step, as alone
		{seq("4", step, `{"kind":"torch.MultiplicativeLR","lr_lambda":"lambda s: 0.9"}`), false, 0},
		{seq("4", step, `{"kind":"torch.ConstantLR","factor":0.5,"total_iters":0}`), false, 0},
		{seq("4", `{"kind":"torch.ConstantLR","factor":0.5,"total_iters":0}`, step), true, MaxSteps},
	} {
		s := mustParse(t, tc.spec)
		c := s.curve.(*torchComposed)
		if got := c.segs != nil; got != tc.fast {
			t.Errorf("%s: closed form %v, want %v (%s)", tc.spec, got, tc.fast, c.why)
			continue
		}
		const n = 60
		vals, err := s.Values(n)
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		for i := range vals {
			if a := s.At(int64(i), n); math.Abs(a-vals[i]) > 1e-12*math.Abs(vals[i]) {
				t.Errorf("%s: At(%d) = %v, the replay %v", tc.spec, i, a, vals[i])
				break
			}
		}
		if tc.long > 0 {
			if err := s.CheckSteps(tc.long); err != nil {
				t.Errorf("%s over %d steps: %v", tc.spec, tc.long, err)
			}
		}
	}
}
