//go:build torch

package core_test

import (
	"math/rand/v2"
)

// The conformance cases of SequentialLR and ChainedScheduler: their
// schedulers are built children-first on one optimizer, in PyTorch as in
// core (conform.py builds a spec's list of specs before the spec).

const (
	tcL  = `{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":2}`
	tcE  = `{"kind":"torch.ExponentialLR","gamma":0.5}`
	tcE9 = `{"kind":"torch.ExponentialLR","gamma":0.9}`
	tcC  = `{"kind":"torch.CosineAnnealingLR","T_max":90,"eta_min":0.001}`
	tcC0 = `{"kind":"torch.CosineAnnealingLR","T_max":90}`
	tcW  = `{"kind":"torch.LinearLR","start_factor":0.01,"total_iters":10}`
	tcR  = `{"kind":"torch.CosineAnnealingWarmRestarts","T_0":7,"T_mult":2,"eta_min":0.0001}`
	tcP  = `{"kind":"torch.PolynomialLR","total_iters":30,"power":2}`
	tcO  = `{"kind":"torch.OneCycleLR","max_lr":0.5,"total_steps":40}`
)

func init() {
	torchEdges = append(torchEdges,
		torchCase{name: "SequentialLR example", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcW + `,{"kind":"torch.CosineAnnealingLR","T_max":90}],"milestones":[10]}`, steps: 100},
		torchCase{name: "warmup then cosine with eta_min", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcW + `,` + tcC + `],"milestones":[10]}`, steps: 300},
		torchCase{name: "warmup shorter than its milestone", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcW + `,` + tcC + `],"milestones":[25]}`, steps: 150},
		torchCase{name: "warmup cut by its milestone", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcW + `,` + tcC + `],"milestones":[4]}`, steps: 150},
		torchCase{name: "milestone past the run", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcW + `,` + tcC + `],"milestones":[500]}`, steps: 50},
		torchCase{name: "four schedulers", spec: `{"kind":"torch.SequentialLR","lr":0.3,"schedulers":[` + tcE9 + `,` + tcR + `,` + tcP + `,` + tcC + `],"milestones":[5,60,100]}`, steps: 400},
		torchCase{name: "repeated milestones", spec: `{"kind":"torch.SequentialLR","lr":1,"schedulers":[` + tcL + `,` + tcE9 + `,` + tcE + `],"milestones":[3,3]}`, steps: 20},
		torchCase{name: "unsorted milestones", spec: `{"kind":"torch.SequentialLR","lr":1,"schedulers":[` + tcL + `,` + tcE9 + `,` + tcE + `],"milestones":[5,2]}`, steps: 20},
		torchCase{name: "OneCycleLR first", spec: `{"kind":"torch.SequentialLR","lr":1,"schedulers":[` + tcO + `,` + tcE9 + `],"milestones":[40]}`, steps: 80},
		torchCase{name: "OneCycleLR second", spec: `{"kind":"torch.SequentialLR","lr":1,"schedulers":[` + tcE9 + `,` + tcO + `],"milestones":[10]}`, steps: 51},
		torchCase{name: "one scheduler", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcR + `],"milestones":[]}`, steps: 100},
		torchCase{name: "ChainedScheduler example", spec: `{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.1,"total_iters":10},{"kind":"torch.ExponentialLR","gamma":0.97}]}`, steps: 100},
		torchCase{name: "chain of warmup and cosine", spec: `{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[` + tcW + `,` + tcC + `]}`, steps: 400},
		torchCase{name: "cosine then warmup", spec: `{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[` + tcC + `,` + tcW + `]}`, steps: 400},
		torchCase{name: "chain with OneCycleLR", spec: `{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[` + tcE9 + `,` + tcO + `,` + tcP + `]}`, steps: 41},
		torchCase{name: "chain with restarts", spec: `{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[` + tcR + `,` + tcE9 + `]}`, steps: 200},
		torchCase{name: "chain in a chain", spec: `{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[{"kind":"torch.ChainedScheduler","schedulers":[` + tcL + `,` + tcE9 + `]},` + tcC0 + `]}`, steps: 200},
		torchCase{name: "SequentialLR in a chain", spec: `{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[{"kind":"torch.SequentialLR","schedulers":[` + tcW + `,` + tcC0 + `],"milestones":[10]},` + tcE9 + `]}`, steps: 200},
	)
	torchRefusals = append(torchRefusals,
		torchCase{name: "milestones one too many", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcE9 + `],"milestones":[3]}`, steps: 5, raises: "ValueError"},
		torchCase{name: "no schedulers", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[],"milestones":[]}`, steps: 5, raises: "ValueError"},
		// 1.13 raises IndexError (schedulers[0]), the source ValueError.
		torchCase{name: "no schedulers chained", spec: `{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[]}`, steps: 5},
		torchCase{name: "LinearLR total_iters = 0 at a milestone", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcE9 + `,{"kind":"torch.LinearLR","total_iters":0}],"milestones":[4]}`, steps: 6, raises: "ZeroDivisionError"},
		torchCase{name: "PolynomialLR total_iters = 0 at a milestone", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcE9 + `,{"kind":"torch.PolynomialLR","total_iters":0}],"milestones":[4]}`, steps: 6, raises: "ZeroDivisionError"},
		torchCase{name: "OneCycleLR chained past total_steps", spec: `{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[` + tcO + `,` + tcE9 + `]}`, steps: 43, raises: "ValueError"},
		torchCase{name: "OneCycleLR past total_steps in sequence", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcE9 + `,` + tcO + `],"milestones":[10]}`, steps: 52, raises: "ValueError"},
		// A composition reached at a milestone: the source's _update_lr(0)
		// raises NotImplementedError (no get_lr), 1.13's step(0) TypeError.
		torchCase{name: "SequentialLR at a milestone", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + tcE9 + `,{"kind":"torch.SequentialLR","schedulers":[` + tcE9 + `],"milestones":[]}],"milestones":[4]}`, steps: 6},
	)
	torchVersionDifferences = append(torchVersionDifferences,
		torchCase{name: "milestone 0", spec: `{"kind":"torch.SequentialLR","lr":1,"schedulers":[` + tcL + `,` + tcE + `],"milestones":[0]}`, steps: 5, both: true,
			why: "the second scheduler starts with step() from last_epoch −1: the source's ExponentialLR multiplies by gamma unless _is_initial (0.5, 0.25, ...); 1.13's keeps the lr at last_epoch 0 (0.5, 0.5, 0.25, ...)"},
		torchCase{name: "milestone 0, PolynomialLR", spec: `{"kind":"torch.SequentialLR","lr":1,"schedulers":[` + tcL + `,` + tcP + `],"milestones":[0]}`, steps: 5, both: true,
			why: "the source's PolynomialLR takes a decay step at last_epoch 0 when not _is_initial; 1.13's keeps the lr"},
		torchCase{name: "ChainedScheduler in a SequentialLR", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.ChainedScheduler","schedulers":[` + tcL + `,` + tcE9 + `]},` + tcC + `],"milestones":[30]}`, steps: 29, both: true,
			why: "the source's recursive_undo undoes the chain's schedulers; 1.13 does scheduler.last_epoch -= 1 on the chain, which has none, and raises AttributeError"},
		torchCase{name: "SequentialLR in a SequentialLR", spec: `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.SequentialLR","schedulers":[` + tcW + `,` + tcE9 + `],"milestones":[10]},` + tcC + `],"milestones":[30]}`, steps: 29, both: true,
			why: "the source's recursive_undo undoes the inner SequentialLR's schedulers; 1.13 decrements the inner SequentialLR's own last_epoch instead"},
	)
	torchSweep["torch.SequentialLR"] = func(r *rand.Rand) (map[string]any, int) {
		n := 1 + r.IntN(3)
		children := torchSweepChildren(r, n)
		ms := make([]any, n-1)
		at := 0
		for i := range ms {
			at += torchLogInt(r, 1, 300) // sorted and ≥ 1: where PyTorch 1.13 and the source agree
			ms[i] = at
		}
		return map[string]any{"lr": torchLR(r), "schedulers": children, "milestones": ms}, torchLogInt(r, 1, max(2*at, 500))
	}
	torchSweep["torch.ChainedScheduler"] = func(r *rand.Rand) (map[string]any, int) {
		return map[string]any{"lr": torchLR(r), "schedulers": torchSweepChildren(r, 1+r.IntN(3))}, torchLogInt(r, 1, 2000)
	}
}

// torchSweepChildren draws n schedulers of the six kinds with their own
// generators, without lr (the composition's).
func torchSweepChildren(r *rand.Rand, n int) []any {
	kinds := []string{"torch.LinearLR", "torch.ExponentialLR", "torch.CosineAnnealingLR", "torch.CosineAnnealingWarmRestarts",
		"torch.PolynomialLR", "torch.OneCycleLR"}
	out := make([]any, n)
	for i := range out {
		k := torchPick(r, kinds...)
		p, _ := torchSweep[k](r)
		delete(p, "lr")
		p["kind"] = k
		out[i] = p
	}
	return out
}
