package core

import (
	"math"
	"strconv"
)

var torchLinearKind = register(&Kind{
	Name:       "torch.LinearLR",
	order:      103,
	code:       torchCode,
	imports:    []importSig{{callee: "LinearLR", params: []string{"optimizer", "start_factor", "end_factor", "total_iters", "last_epoch", "verbose"}}},
	arithmetic: "PyTorch's LinearLR computes each lr from the one before",
	Framework:  "PyTorch",
	Title:      "Linear factor (LinearLR)",
	Doc: "Multiplies lr by a factor that moves linearly from start_factor to end_factor over total_iters " +
		"steps, then holds lr·end_factor for ever. Often a warm-up (start_factor < end_factor = 1). " +
		"Computed as PyTorch does, by its recursive (chainable) formula; with end_factor = 0 its rounding " +
		"can leave a tiny lr of either sign (up to about 2e-16·lr·start_factor) instead of 0 from step " +
		"total_iters on, and a negative one is an error.",
	Convention:   torchConvention,
	Link:         torchDocs + "LinearLR.html",
	Example:      `{"kind": "torch.LinearLR", "lr": 0.1, "start_factor": 0.1, "total_iters": 50}`,
	ExampleSteps: 100,
	Params: []Param{
		torchLR(),
		{Name: "start_factor", Type: Float, Default: 1.0 / 3, Range: Range{Min: 0, Max: 1, MinOpen: true},
			Doc:  "the factor at step 0 (PyTorch requires 0 < start_factor ≤ 1; below about 1e-308/total_iters its first step overflows to inf or nan, which we reject)",
			Hint: Hint{Min: 0.01, Max: 1, Step: 0.01}},
		{Name: "end_factor", Type: Float, Default: 1.0, Range: between(0, 1),
			Doc:  "the factor from step total_iters on (PyTorch requires 0 ≤ end_factor ≤ 1)",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
		{Name: "total_iters", Type: Int, Default: int64(5), Range: atLeast(0),
			Doc:  "steps until the factor reaches end_factor; 0: start_factor for ever (PyTorch treats negative values so too; we reject them)",
			Hint: Hint{Min: 0, Max: 1000, Step: 1}},
	},
	build: func(a args) (kindCurve, error) {
		c := &torchLinear{lr: a.float("lr"), start: a.float("start_factor"), end: a.float("end_factor"), total: a.int("total_iters")}
		if c.total > 0 {
			// The first step multiplies lr·start_factor by 1 + (end − start)/(total·start):
			// with start_factor near the smallest float64 the quotient overflows and
			// PyTorch sets lr to inf or nan. Later factors are smaller.
			if f := c.factor(1); math.IsInf(f, 0) || math.IsNaN(f) || math.IsInf(c.lr*c.start*f, 0) {
				return nil, errorf("start_factor", formatFloat(c.start)+" is too small for total_iters = "+
					strconv.FormatInt(c.total, 10)+": PyTorch's first step divides end_factor − start_factor by "+
					"total_iters·start_factor, gets inf, and sets the lr to inf or nan")
			}
		}
		return c, nil
	},
})

// torchLinear is torch.optim.lr_scheduler.LinearLR. Its get_lr, with g the lr
// of the step before, s = start_factor, e = end_factor, T = total_iters:
//
//	t = 0:      lr·s
//	1 ≤ t ≤ T:  g·(1.0 + (e − s)/(T·s + (t − 1)·(e − s)))
//	t > T:      g
//
// fill runs it. at is PyTorch's own closed form, lr·(s + (e − s)·min(T, t)/T),
// for t < T, and from T on the recursion's last factor applied to the value at
// T − 1: mathematically the same, but it keeps what rounding does to that
// factor, which for e = 0 is 1 − (T·s − (T−1)·s)/s ≈ ±1e-16 rather than 0.
// The recursion drifts from the closed form by about 2e-14 relative over
// total_iters = 10^4 and 3e-12 to 6e-11 over 10^6.
//
// Special cases are:
//
//	lr_0 = lr·start_factor
//	lr_t = lr_T for t ≥ T (held for ever)
//	total_iters = 0: lr·start_factor for ever
//	end_factor = 0: lr_T is 0 or ±(up to 2e-16)·lr·start_factor; negative is an error for runs reaching step T
//	start_factor = end_factor: constant lr·start_factor
type torchLinear struct {
	lr, start, end float64
	total          int64
}

// factor is the recursion's factor at step t, 1 ≤ t ≤ T.
func (c *torchLinear) factor(t int64) float64 {
	d := c.end - c.start
	return 1.0 + d/(float64(float64(c.total)*c.start)+float64(float64(t-1)*d))
}

func (c *torchLinear) fill(dst []float64) { c.fillEvery(dst, 0, 1) }

// fillEvery runs the recursion; see everyFiller.
func (c *torchLinear) fillEvery(dst []float64, first, stride int64) {
	g := c.lr
	for t, j, next := int64(0), 0, first; j < len(dst); t++ {
		switch {
		case t == 0:
			g = g * c.start
		case t <= c.total:
			g = g * c.factor(t)
		}
		if t == next {
			dst[j] = g
			j, next = j+1, next+stride
		}
	}
}

func (c *torchLinear) closed(t int64) float64 {
	return c.lr * (c.start + float64((c.end-c.start)*float64(t))/float64(c.total))
}

func (c *torchLinear) at(i, n int64) float64 {
	switch {
	case i == 0 || c.total == 0:
		return c.lr * c.start
	case i < c.total:
		return c.closed(i)
	}
	return c.closed(c.total-1) * c.factor(c.total)
}

func (c *torchLinear) checkSteps(n int64) error {
	if n > c.total && c.total > 0 {
		if v := c.at(c.total, n); v < 0 {
			return errorf("end_factor", "with end_factor = "+formatFloat(c.end)+", start_factor = "+formatFloat(c.start)+
				" and total_iters = "+itoa(c.total)+", rounding in PyTorch's LinearLR sets lr = "+
				formatFloat(v)+" (negative) from step total_iters on; use runs of at most total_iters steps, or another end_factor or start_factor")
		}
	}
	return nil
}

// events: the end of the linear part at step total_iters.
func (c *torchLinear) events(n, from, to int64, yield func(Event) bool) {
	if c.total > 0 && c.total >= from && c.total < to {
		yield(Event{c.total, Boundary})
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *torchLinear) shape(a args, n int64) (shape, string) {
	sh := newShape()
	lr, total := a.float("lr"), a.int("total_iters")
	sh.linear(lr*a.float("start_factor"), lr*a.float("end_factor"), total)
	if total == 0 {
		sh.form, sh.peak = shapeFlat, lr*a.float("start_factor")
	}
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *torchLinear) lintFacts(ls lintSpec, n int64) lintFacts {
	k := ls.k
	f := lintFacts{unit: "scheduler.step() calls"}
	switch {
	case c.start < c.end:
		f.warmup, f.warmupName, f.warmupParam = min(c.total, n), ls.v("total_iters"), "total_iters"
		f.holds = c.total > 0
		f.peak, f.peakName = c.lr*c.end, "lr·end_factor = "+formatFloat(c.lr*c.end)
	case c.start > c.end:
		f.peak, f.floor = c.lr*c.start, c.lr*c.end
		f.peakName, f.floorName = "lr·start_factor", "lr·end_factor = "+formatFloat(c.lr*c.end)
		f.end, f.endName = c.total, ls.v("total_iters")+" ends the linear decay"
		f.fitEnd, f.scale = ls.set("total_iters", float64(n)), ls.scale("total_iters")
	default:
		f.flatWhy = "start_factor equals end_factor"
		if c.end != 1.0/3 {
			f.flatFix = lintFix("start_factor", 1.0/3)
		}
	}
	if c.total == 0 {
		f.flatWhy = "total_iters = 0 keeps lr·start_factor for ever"
		f.flatFix = ls.set("total_iters", math.Max(1, math.Round(float64(n)/10)))
	}
	f.lintZeroLR(k, c.lr)
	return f
}

// construct is LinearLR(optimizer, start_factor, end_factor, total_iters) on
// g: get_lr in its chainable form, reading the group's lr.
func (c *torchLinear) construct(g *torchGroup) torchScheduler {
	getLR := func(g *torchGroup, b *torchBase) float64 {
		t := b.lastEpoch
		switch {
		case t == 0:
			return g.lr * c.start
		case b.initial || t > c.total:
			return g.lr
		}
		d := c.end - c.start
		den := float64(float64(c.total)*c.start) + float64(float64(t-1)*d)
		if den == 0 {
			g.raise(torchZeroDivision)
			return g.lr
		}
		return g.lr * (1.0 + d/den)
	}
	closed := func(g *torchGroup, b *torchBase) float64 {
		if c.total == 0 {
			g.raise(torchZeroDivision) // min(total_iters, last_epoch) / total_iters
			return g.lr
		}
		return b.baseLR * (c.start + float64((c.end-c.start)*float64(min(c.total, b.lastEpoch)))/float64(c.total))
	}
	return newTorchBase(g, getLR, closed)
}
