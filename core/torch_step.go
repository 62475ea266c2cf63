package core

import "github.com/lrplay/lrplay/core/internal/xmath"

var torchStepKind = register(&Kind{
	Name:       "torch.StepLR",
	order:      120,
	code:       torchCode,
	imports:    []importSig{{callee: "StepLR", params: []string{"optimizer", "step_size", "gamma", "last_epoch", "verbose"}}},
	arithmetic: "PyTorch's StepLR multiplies the lr by gamma at each multiple of step_size",
	Framework:  "PyTorch",
	Title:      "Step decay (StepLR)",
	Doc: "Multiplies the lr by gamma every step_size steps: lr until step step_size, lr·gamma until 2·step_size, " +
		"and so on, computed as PyTorch does by multiplying the lr before. gamma > 1 grows the lr; runs that " +
		"would take it past 1e300 are rejected.",
	Convention:   torchConvention,
	Link:         torchDocs + "StepLR.html",
	Example:      `{"kind": "torch.StepLR", "lr": 0.1, "step_size": 30, "gamma": 0.1}`,
	ExampleSteps: 100,
	Params: []Param{
		torchLR(),
		{Name: "step_size", Type: Int, Required: true, Range: atLeast(1),
			Doc: "steps between decays. PyTorch raises ZeroDivisionError at step 1 for 0, and counts negative " +
				"values as their magnitude in its chainable form but not in its closed form; we reject both",
			Hint: Hint{Min: 1, Max: 1000, Step: 1}},
		{Name: "gamma", Type: Float, Default: 0.1, Range: atLeast(0),
			Doc:  "the factor applied at each decay; negative values would give negative lrs",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
	},
	build: func(a args) (kindCurve, error) {
		return &torchStep{lr: a.float("lr"), size: a.int("step_size"), gamma: a.float("gamma")}, nil
	},
})

// torchStepExact is the number of decays up to which at replays PyTorch's
// products one by one (bit for bit with fill); past it, at is the closed
// form lr·gamma^k rounded once (see torchScaledPow), which drifts from the
// product by about √k·1e-16 relative.
const torchStepExact = 4096

// torchStep is torch.optim.lr_scheduler.StepLR. Its get_lr, with g the lr
// of the step before:
//
//	t = 0 or t % step_size != 0:  g
//	otherwise:                    g·gamma
//
// so step i has lr times gamma k = i // step_size times, one rounding each.
type torchStep struct {
	lr, gamma float64
	size      int64
}

func (c *torchStep) fill(dst []float64) {
	g := c.lr
	for t := range dst {
		if t > 0 && int64(t)%c.size == 0 {
			g = g * c.gamma
		}
		dst[t] = g
	}
}

func (c *torchStep) at(i, n int64) float64 {
	k := i / c.size
	if k > torchStepExact {
		return torchScaledPow(c.lr, c.gamma, k)
	}
	g := c.lr
	for ; k > 0; k-- {
		g = g * c.gamma
	}
	return g
}

func (c *torchStep) checkSteps(n int64) error {
	e := &torchExponential{lr: c.lr, gamma: c.gamma}
	if k := (n - 1) / c.size; k+1 > e.maxSteps() {
		return errorf("steps", itoa(n)+" steps take the lr past "+formatFloat(torchExpLimit)+" (lr·gamma^"+itoa(k)+
			" = "+e.describe(k)+"); with gamma = "+formatFloat(c.gamma)+" and step_size = "+itoa(c.size)+
			" a run can have at most "+itoa((e.maxSteps()-1)*c.size+c.size)+" steps")
	}
	return nil
}

// events: a Boundary at each decay.
func (c *torchStep) events(n, from, to int64, yield func(Event) bool) {
	if c.size == 1 {
		return // a decay every step: monotone without them
	}
	for s := max(torchCeilDiv(max(from, 1), c.size), 1) * c.size; s < to && s < n; s += c.size {
		if !yield(Event{s, Boundary}) {
			return
		}
	}
}

func (c *torchStep) shape(a args, n int64) (shape, string) {
	return shape{}, "StepLR's staircase is not a shape the translations know"
}

func (c *torchStep) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls"}
	f.peak, f.peakName, f.noMin = c.lr, ls.v("lr"), true
	switch {
	case c.gamma == 1:
		f.flatWhy, f.flatFix = "gamma = 1 leaves the lr unchanged", lintFix("gamma", 0.1)
	case c.gamma > 1:
		f.inverted = ls.v("gamma") + " > 1 makes the lr grow at every decay, to " + lintNum(c.at(n-1, n)) + " at the end of the run"
		f.invertedFix = lintFix("gamma", 1/c.gamma)
	}
	f.lintZeroLR(ls.k, c.lr)
	return f
}

// construct is StepLR on a group: get_lr above, and the closed form
// base_lr·gamma ** (last_epoch // step_size).
func (c *torchStep) construct(g *torchGroup) torchScheduler {
	return newTorchBase(g, func(g *torchGroup, b *torchBase) float64 {
		if b.lastEpoch == 0 || torchFloorMod(b.lastEpoch, c.size) != 0 {
			return g.lr
		}
		return g.lr * c.gamma
	}, func(b *torchBase) float64 {
		return b.baseLR * xmath.Pow(c.gamma, float64(torchFloorDiv(b.lastEpoch, c.size)))
	})
}

// torchFloorDiv is Python's a // b for ints with b > 0.
func torchFloorDiv(a, b int64) int64 { return (a - torchFloorMod(a, b)) / b }
