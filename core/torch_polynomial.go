package core

import "github.com/lrplay/lrplay/core/internal/xmath"

var torchPolynomialKind = register(&Kind{
	Name:       "torch.PolynomialLR",
	order:      105,
	code:       torchCode,
	imports:    []importSig{{callee: "PolynomialLR", params: []string{"optimizer", "total_iters", "power", "last_epoch", "verbose"}}},
	arithmetic: "PyTorch's PolynomialLR computes each lr from the one before",
	Framework:  "PyTorch",
	Title:      "Polynomial decay (PolynomialLR)",
	Doc: "Decays lr to 0 as lr·(1 − i/total_iters)^power over total_iters steps, then holds 0 for ever " +
		"(lr for ever when power = 0). Computed as PyTorch does, by its recursive (chainable) formula.",
	Convention:   torchConvention,
	Link:         torchDocs + "PolynomialLR.html",
	Example:      `{"kind": "torch.PolynomialLR", "lr": 0.1, "total_iters": 80, "power": 2}`,
	ExampleSteps: 100,
	Params: []Param{
		torchLR(),
		{Name: "total_iters", Type: Int, Default: int64(5), Range: atLeast(0),
			Doc:  "steps until the lr reaches 0; 0: lr for ever (PyTorch treats negative values so too; we reject them)",
			Hint: Hint{Min: 0, Max: 1000, Step: 1}},
		{Name: "power", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc: "the polynomial's power: 1 is linear. Negative powers, which PyTorch accepts, make the lr grow " +
				"without bound and raise ZeroDivisionError at step total_iters; we reject them",
			Hint: Hint{Min: 0, Max: 5, Step: 0.1}},
	},
	build: func(a args) (kindCurve, error) {
		return &torchPolynomial{lr: a.float("lr"), total: a.int("total_iters"), power: a.float("power")}, nil
	},
})

// torchPolynomial is torch.optim.lr_scheduler.PolynomialLR. Its get_lr, with g
// the lr of the step before and T = total_iters:
//
//	t = 0:      lr
//	1 ≤ t ≤ T:  g·((1.0 − t/T)/(1.0 − (t − 1)/T))^power
//	t > T:      g
//
// fill runs it; at is PyTorch's closed form lr·(1.0 − min(T, t)/T)^power. The
// recursion telescopes, so they agree to about 1e-13 relative for total_iters
// up to 10^4 and drift by up to about 1e-11 over 10^6.
//
// Special cases are:
//
//	lr_0 = lr
//	lr_t = 0 for t ≥ T when power > 0
//	power = 0: lr for ever
//	total_iters = 0: lr for ever
type torchPolynomial struct {
	lr, power float64
	total     int64
}

func (c *torchPolynomial) fill(dst []float64) { c.fillEvery(dst, 0, 1) }

// fillEvery runs the recursion; see everyFiller.
func (c *torchPolynomial) fillEvery(dst []float64, first, stride int64) {
	g := c.lr
	T := float64(c.total)
	for t, j, next := int64(0), 0, first; j < len(dst); t++ {
		if t > 0 && t <= c.total {
			g = g * xmath.Pow((1.0-float64(t)/T)/(1.0-float64(t-1)/T), c.power)
		}
		if t == next {
			dst[j] = g
			j, next = j+1, next+stride
		}
	}
}

func (c *torchPolynomial) at(i, n int64) float64 {
	if c.total == 0 {
		return c.lr // PyTorch's closed form would divide by zero; the recursion holds lr
	}
	return c.lr * xmath.Pow(1.0-float64(min(c.total, i))/float64(c.total), c.power)
}

// events: the end of the decay at step total_iters.
func (c *torchPolynomial) events(n, from, to int64, yield func(Event) bool) {
	if c.total > 0 && c.total >= from && c.total < to {
		yield(Event{c.total, Boundary})
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *torchPolynomial) shape(a args, n int64) (shape, string) {
	sh := newShape()
	sh.poly(a.float("lr"), 0, a.int("total_iters"), a.float("power"))
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *torchPolynomial) lintFacts(ls lintSpec, n int64) lintFacts {
	k := ls.k
	f := lintFacts{unit: "scheduler.step() calls"}
	f.peak, f.peakName, f.floorName = c.lr, ls.v("lr"), "0"
	if c.total > 0 && c.power > 0 {
		f.end, f.endName = c.total, ls.v("total_iters")+" ends the decay"
		f.fitEnd, f.scale = ls.set("total_iters", float64(n)), ls.scale("total_iters")
	}
	switch {
	case c.power == 0:
		f.flatWhy, f.flatFix = "power = 0 keeps lr", lintFix("power", 1.0)
	case c.total == 0:
		f.flatWhy, f.flatFix = "total_iters = 0 keeps lr", ls.set("total_iters", float64(n))
	}
	f.lintZeroLR(k, c.lr)
	return f
}

// construct is PolynomialLR(optimizer, total_iters, power) on g: get_lr in
// its chainable form, reading the group's lr.
func (c *torchPolynomial) construct(g *torchGroup) torchScheduler {
	T := float64(c.total)
	getLR := func(g *torchGroup, b *torchBase) float64 {
		t := b.lastEpoch
		if b.initial || t > c.total {
			return g.lr
		}
		den := 1.0 - float64(t-1)/T
		if c.total == 0 || den == 0 {
			g.raise(torchZeroDivision)
			return g.lr
		}
		return g.lr * xmath.Pow((1.0-float64(t)/T)/den, c.power)
	}
	closed := func(g *torchGroup, b *torchBase) float64 {
		if c.total == 0 {
			g.raise(torchZeroDivision)
			return g.lr
		}
		return b.baseLR * xmath.Pow(1.0-float64(min(c.total, b.lastEpoch))/T, c.power)
	}
	return newTorchBase(g, getLR, closed)
}
