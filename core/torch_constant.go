package core

var torchConstantKind = register(&Kind{
	Name:       "torch.ConstantLR",
	order:      122,
	code:       torchCode,
	imports:    []importSig{{callee: "ConstantLR", params: []string{"optimizer", "factor", "total_iters", "last_epoch", "verbose"}}},
	arithmetic: "PyTorch's ConstantLR multiplies the lr by factor at step 0 and by 1.0/factor at step total_iters",
	Framework:  "PyTorch",
	Title:      "Constant factor, then lr (ConstantLR)",
	Doc: "Holds lr·factor for the first total_iters steps, then lr·factor·(1.0/factor), which is lr up to " +
		"rounding, for ever, computed as PyTorch does. factor = 0 raises ZeroDivisionError at step total_iters " +
		"in PyTorch, so such runs are refused past it; total_iters = 0 holds lr·factor for ever, as PyTorch's " +
		"chainable form does.",
	Convention:   torchConvention,
	Link:         torchDocs + "ConstantLR.html",
	Example:      `{"kind": "torch.ConstantLR", "lr": 0.1, "factor": 0.5, "total_iters": 40}`,
	ExampleSteps: 100,
	Params: []Param{
		torchLR(),
		{Name: "factor", Type: Float, Default: 1.0 / 3, Range: between(0, 1),
			Raises: "PyTorch raises ValueError: Constant multiplicative factor expected to be between 0 and 1.",
			Doc:    "the factor the lr is held at until total_iters",
			Hint:   Hint{Min: 0.01, Max: 1, Step: 0.01}},
		{Name: "total_iters", Type: Int, Default: int64(5), Range: atLeast(0),
			Doc: "the step at which the lr returns to lr. PyTorch accepts negative values, which it never " +
				"reaches (lr·factor for ever); we reject them",
			Hint: Hint{Min: 0, Max: 1000, Step: 1}},
	},
	build: func(a args) (kindCurve, error) {
		return &torchConstant{lr: a.float("lr"), factor: a.float("factor"), total: a.int("total_iters")}, nil
	},
})

// torchConstant is torch.optim.lr_scheduler.ConstantLR. Its get_lr, with g
// the lr of the step before and T = total_iters:
//
//	t = 0:      g·factor
//	t != T:     g
//	t = T:      g·(1.0/factor)
//
// which at computes exactly: lr·factor before T, (lr·factor)·(1.0/factor)
// from T on (T > 0).
type torchConstant struct {
	lr, factor float64
	total      int64
}

func (c *torchConstant) at(i, n int64) float64 {
	g := c.lr * c.factor
	if c.total > 0 && i >= c.total {
		g = g * (1.0 / c.factor)
	}
	return g
}

func (c *torchConstant) checkSteps(n int64) error {
	if c.factor == 0 && c.total > 0 && n > c.total {
		return errorf("steps", "PyTorch's ConstantLR raises ZeroDivisionError (float division by zero) at step "+
			itoa(c.total)+" (total_iters) when factor = 0: a run can have at most "+itoa(c.total)+" steps")
	}
	if v := c.at(c.total, n); c.total > 0 && n > c.total && (torchBad(v) || v > torchMaxLR) {
		return errorf("steps", "at step "+itoa(c.total)+" (total_iters) the lr is (lr·factor)·(1.0/factor) = "+
			formatFloat(v)+", as in PyTorch, where 1.0/factor overflows: a run can have at most "+itoa(c.total)+" steps")
	}
	return nil
}

// events: the return to lr at total_iters.
func (c *torchConstant) events(n, from, to int64, yield func(Event) bool) {
	if c.total > 0 && c.total >= from && c.total < to && c.total < n {
		yield(Event{c.total, WarmupEnd})
	}
}

func (c *torchConstant) shape(a args, n int64) (shape, string) {
	return shape{}, "ConstantLR's step up from lr·factor to lr is not a shape the translations know"
}

func (c *torchConstant) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls", holds: true}
	f.peak, f.peakName, f.noMin = c.lr, ls.v("lr"), true
	if c.total > 0 {
		f.warmup, f.warmupName, f.warmupParam = c.total, ls.v("total_iters"), "total_iters"
	}
	f.lintZeroLR(ls.k, c.lr)
	return f
}

// construct is ConstantLR on a group: get_lr above, and the closed form
// base_lr·(factor + (last_epoch >= total_iters)·(1 − factor)).
func (c *torchConstant) construct(g *torchGroup) torchScheduler {
	return newTorchBase(g, func(g *torchGroup, b *torchBase) float64 {
		switch {
		case b.lastEpoch == 0:
			return g.lr * c.factor
		case b.lastEpoch != c.total:
			return g.lr
		}
		return g.lr * (1.0 / c.factor)
	}, func(b *torchBase) float64 {
		past := 0.0
		if b.lastEpoch >= c.total {
			past = 1
		}
		return b.baseLR * (c.factor + float64(past*(1-c.factor)))
	})
}
