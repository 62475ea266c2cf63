package core

import (
	"math"
	"strconv"

	"github.com/lrplay/lrplay/core/internal/xmath"
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

var torchExponentialKind = register(&Kind{
	Name:       "torch.ExponentialLR",
	order:      104,
	code:       torchCode,
	imports:    []importSig{{callee: "ExponentialLR", params: []string{"optimizer", "gamma", "last_epoch", "verbose"}}},
	arithmetic: "PyTorch's ExponentialLR multiplies by gamma once a step",
	Framework:  "PyTorch",
	Title:      "Exponential decay (ExponentialLR)",
	Doc: "Multiplies the lr by gamma at every step: lr·gamma^i, computed as PyTorch does by repeated " +
		"multiplication. There is no end. gamma > 1 grows the lr; runs that would take it past 1e300 " +
		"(float64 overflows at 1.8e308) are rejected.",
	Convention:   torchConvention,
	Link:         torchDocs + "ExponentialLR.html",
	Example:      `{"kind": "torch.ExponentialLR", "lr": 0.1, "gamma": 0.95}`,
	ExampleSteps: 100,
	Params: []Param{
		torchLR(),
		{Name: "gamma", Type: Float, Required: true, Range: atLeast(0),
			Doc:  "the factor applied at each step; negative values would give negative lrs",
			Hint: Hint{Min: 0.8, Max: 1, Step: 0.001}},
	},
	build: func(a args) (kindCurve, error) {
		return &torchExponential{lr: a.float("lr"), gamma: a.float("gamma")}, nil
	},
})

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

// torchExpLimit is the largest lr an ExponentialLR run may reach, the largest
// lr any PyTorch kind takes. float64 overflows at 1.8e308; the margin covers
// the difference between lr·gamma^i and the rounded product of i
// multiplications, so a run that passes the check never overflows.
const torchExpLimit = torchMaxLR

// torchExponential is torch.optim.lr_scheduler.ExponentialLR: the
// constructor's step keeps lr, each later step multiplies by gamma. fill does
// exactly that; at is PyTorch's closed form lr·gamma^i. The i roundings of
// the product drift from it by about √i·1e-16 relative for most gamma, and by
// up to i·1e-16 when gamma is within about 1e-9 of 1, where each rounding
// goes the same way (6e-11 relative at 10^6 steps and 6e-10 at 10^7 with
// gamma = 1 − 1e-12).
// Below the smallest normal float64 (2.2e-308) the product loses precision
// and the two agree only in absolute terms.
//
// Special cases are:
//
//	lr_0 = lr
//	gamma = 0: lr, then 0 for ever
//	gamma = 1: lr for ever
//	gamma > 1: runs with lr·gamma^(steps−1) > 1e300 are rejected
type torchExponential struct {
	lr, gamma float64
}

func (c *torchExponential) fill(dst []float64) { c.fillEvery(dst, 0, 1) }

// fillEvery runs the recursion; see everyFiller.
func (c *torchExponential) fillEvery(dst []float64, first, stride int64) {
	g := c.lr
	for t, j, next := int64(0), 0, first; j < len(dst); t++ {
		if t > 0 {
			g = g * c.gamma
		}
		if t == next {
			dst[j] = g
			j, next = j+1, next+stride
		}
	}
}

func (c *torchExponential) at(i, n int64) float64 {
	return torchScaledPow(c.lr, c.gamma, i)
}

// torchScaledPow returns lr·gamma^k for k ≥ 0, rounded about once: Python's
// gamma ** k calls the C library's pow, which is within an ulp, while Go's
// math.Pow squares its way to large exponents and loses up to k ulps (1e-4
// relative at k = 10^12). Here the squaring is in double-double arithmetic
// (error-free products through FMA), with the binary exponent kept apart so
// that no intermediate power overflows or underflows.
func torchScaledPow(lr, gamma float64, k int64) float64 {
	if k == 0 {
		return lr * 1
	}
	if gamma == 0 || lr == 0 {
		return lr * 0
	}
	// mul returns (ah + al)·(bh + bl) as a normalised double-double and the
	// binary exponent it took out.
	mul := func(ah, al, bh, bl float64) (float64, float64, int) {
		p := ah * bh
		e := math.FMA(ah, bh, -p) + (ah*bl + al*bh)
		hi := p + e
		lo := e - (hi - p)
		m, x := math.Frexp(hi)
		return m, math.Ldexp(lo, -x), x
	}
	bh, be := math.Frexp(gamma)
	bl := 0.0
	rh, rl, re := 1.0, 0.0, 0
	for {
		if k&1 == 1 {
			var x int
			rh, rl, x = mul(rh, rl, bh, bl)
			re += be + x
		}
		k >>= 1
		if k == 0 {
			break
		}
		var x int
		bh, bl, x = mul(bh, bl, bh, bl)
		be = 2*be + x
		if be < -1<<20 || be > 1<<20 {
			// gamma^(2^j) is beyond every float64 and so is the result unless
			// rh·2^re comes back from it, which it cannot: both factors keep going.
			if be < 0 {
				return lr * 0
			}
			return lr * math.Inf(1)
		}
	}
	return math.Ldexp(math.FMA(lr, rh, lr*rl), re)
}

// maxSteps returns the longest run whose last lr stays at most torchExpLimit,
// or MaxSteps if every run does.
func (c *torchExponential) maxSteps() int64 {
	if c.gamma <= 1 || c.lr == 0 {
		return MaxSteps
	}
	// The last step s with log(lr) + s·log(gamma) ≤ log(limit); log1p keeps gamma near 1 accurate.
	s := (xmath.Log(torchExpLimit) - xmath.Log(c.lr)) / math.Log1p(c.gamma-1)
	if s >= float64(MaxSteps) {
		return MaxSteps
	}
	return int64(s) + 1 // s ≥ 0: Parse keeps lr at most the limit
}

func (c *torchExponential) checkSteps(n int64) error {
	if m := c.maxSteps(); n > m {
		return errorf("steps", itoa(n)+" steps take the lr past "+formatFloat(torchExpLimit)+
			" (lr·gamma^"+itoa(n-1)+" = "+c.describe(n-1)+"); with gamma = "+formatFloat(c.gamma)+
			" a run can have at most "+itoa(m)+" steps")
	}
	return nil
}

// describe writes lr·gamma^s for a message, as a power of ten when it overflows.
func (c *torchExponential) describe(s int64) string {
	l := math.Log10(c.lr) + float64(s)*math.Log10(c.gamma)
	return "1e" + strconv.FormatFloat(l, 'f', 0, 64)
}

// events: none; the lr is monotone.
func (c *torchExponential) events(n, from, to int64, yield func(Event) bool) {}

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

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *torchExponential) shape(a args, n int64) (shape, string) {
	sh := newShape()
	sh.form, sh.peak, sh.gamma = shapeExp, a.float("lr"), a.float("gamma")
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *torchExponential) lintFacts(ls lintSpec, n int64) lintFacts {
	k := ls.k
	f := lintFacts{unit: "scheduler.step() calls"}
	g := c.gamma
	f.peak, f.peakName, f.noMin = c.lr, ls.v("lr"), true
	switch {
	case g > 0 && g < 1:
		f.end = lintEnd(math.Log(1e-3) / math.Log(g))
		f.endName = ls.v("gamma") + " brings the lr down 1000-fold"
		f.scale = func(r float64) map[string]any { return lintGamma(math.Pow(g, 1/r)) }
	case g == 1:
		f.flatWhy = "gamma = 1 leaves the lr unchanged"
		if n > 1 {
			f.flatFix = lintGamma(math.Pow(0.01, 1/float64(n-1)))
		}
	case g > 1:
		f.inverted = ls.v("gamma") + " > 1 makes the lr grow every step, to " + lintNum(c.at(n-1, n)) + " at the end of the run"
		f.invertedFix = lintGamma(1 / g)
	}
	f.lintZeroLR(k, c.lr)
	return f
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
