package core

import (
	"math"
	"strconv"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

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

// construct is ExponentialLR(optimizer, gamma) on g: the initial step keeps
// the group's lr, each later step multiplies it by gamma.
func (c *torchExponential) construct(g *torchGroup) torchScheduler {
	getLR := func(g *torchGroup, b *torchBase) float64 {
		if b.initial {
			return g.lr
		}
		return g.lr * c.gamma
	}
	closed := func(g *torchGroup, b *torchBase) float64 {
		return b.baseLR * xmath.Pow(c.gamma, float64(b.lastEpoch)) // base_lr * gamma ** last_epoch
	}
	return newTorchBase(g, getLR, closed)
}
