package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// What timm's schedulers share (huggingface/pytorch-image-models,
// timm/scheduler/scheduler.py and the _get_lr of cosine_lr.py, poly_lr.py,
// tanh_lr.py, step_lr.py): the optimizer's lr as the base value, the linear
// warmup from warmup_lr_init over warmup_t steps, warmup_prefix, and the
// cycles (t_initial, cycle_mul, cycle_decay, cycle_limit) whose index each
// _get_lr computes with the same lines. timm's Scheduler base class sets the
// values; noise (noise_range_t and the rest) is random and not drawn here:
// those parameters are unknown to these kinds. t_in_epochs does not matter
// because LR Playground indexes by step.

// timmCycles holds the parameters timm's cyclic schedulers share.
type timmCycles struct {
	lr, lrMin, mul, decay float64
	tInit, limit, warmT   int64
	tInitF, logMul        float64
	warmInit, warmStep    float64
	prefix                bool
}

// newTimmCycles reads the shared parameters. warmStep is
// (lr − warmup_lr_init)/warmup_t, as timm's cosine and poly schedulers set
// warmup_steps (the tanh scheduler sets its own).
func newTimmCycles(a args) timmCycles {
	c := timmCycles{
		lr: a.float("lr"), lrMin: a.float("lr_min"),
		mul: a.float("cycle_mul"), decay: a.float("cycle_decay"),
		tInit: a.int("t_initial"), limit: a.int("cycle_limit"), warmT: a.int("warmup_t"),
		warmInit: a.float("warmup_lr_init"), prefix: a.bool("warmup_prefix"),
	}
	c.tInitF = float64(c.tInit)
	c.logMul = xmath.Log(c.mul)
	if c.warmT > 0 {
		c.warmStep = (c.lr - c.warmInit) / float64(c.warmT)
	}
	return c
}

// timmTurns yields the turns inside a cycle (see cycleEvents).
type timmTurns func(i, start, end, lo, hi int64, yield func(Event) bool) bool

// baseCycle computes what _get_lr computes from the cycle index i alone:
//
//	m ≠ 1:  T_c = m^i·T, the float start (1 − m^i)/(1 − m)·T
//	gamma = cycle_decay ** i, lr_max = lr·gamma
func (c *timmCycles) baseCycle(i int64) timmCycle {
	cy := timmCycle{i: i, ti: c.tInitF, active: i < c.limit}
	if c.mul != 1 {
		mi := xmath.Pow(c.mul, float64(i))
		cy.ti = mi * c.tInitF
		cy.si = float64((1-mi)/(1-c.mul)) * c.tInitF
	}
	gamma := xmath.Pow(c.decay, float64(i))
	cy.gammaInf = math.IsInf(gamma, 0)
	cy.lrMax = c.lr * gamma
	return cy
}

// timmNever is the index past the domain of math.log (timm raises there).
const timmNever = math.MaxInt64

// offset is the step of t = 0.
func (c *timmCycles) offset() int64 {
	if c.prefix {
		return c.warmT
	}
	return 0
}

// index is the cycle index c of t (t ≥ 0), or timmNever where math.log
// raises. It is non-decreasing in t.
func (c *timmCycles) index(t int64) int64 {
	if c.mul == 1 {
		return t / c.tInit
	}
	x := 1 - float64(float64(t)/c.tInitF*(1-c.mul))
	if !(x > 0) {
		return timmNever
	}
	// Only a ratio near a whole number can floor differently when a logarithm
	// is an ulp off; elsewhere the fast math.Log decides.
	r := xmath.Log(x) / c.logMul
	if math.Abs(r-math.Round(r)) < 1e-9*max(1, math.Abs(r)) {
		r = xmath.Log(x) / c.logMul
	}
	r = math.Floor(r)
	if r >= 1<<62 {
		return 1 << 62
	}
	return int64(r)
}

// timmCycle holds what _get_lr computes from the cycle index alone.
type timmCycle struct {
	i                  int64
	ti, si, tik, lrMax float64 // T_c, the float start (1 − m^c)/(1 − m)·T, T_c^k, lr·decay^c
	gammaInf, active   bool
}

// tcurr is t_c of t in cycle cy.
func (c *timmCycles) tcurr(t int64, cy *timmCycle) float64 {
	if c.mul != 1 {
		return float64(t) - cy.si
	}
	return float64(t - c.tInit*cy.i)
}

func (c *timmCycles) warmup(i int64) float64 {
	return c.warmInit + float64(float64(i)*c.warmStep)
}

// nextCycle returns the smallest t' > t whose index exceeds i = index(t), or
// timmNever if there is none up to MaxSteps.
func (c *timmCycles) nextCycle(t, i int64) int64 {
	if i >= 1<<62 {
		return timmNever
	}
	if c.mul == 1 {
		if float64(i+1)*c.tInitF > float64(MaxSteps) {
			return timmNever
		}
		return (i + 1) * c.tInit
	}
	// Estimate the start of cycle i+1 exactly, then search: the float index may differ a step or so.
	est := c.tInitF * (xmath.Pow(c.mul, float64(i+1)) - 1) / (c.mul - 1)
	guess := t + 1
	switch {
	case est >= float64(MaxSteps):
		guess = MaxSteps
	case est > float64(t+1):
		guess = int64(est)
	}
	if guess <= t {
		guess = t + 1
	}
	x := searchUp(t, guess, MaxSteps, func(x int64) bool { return c.index(x) > i })
	if x >= MaxSteps && c.index(MaxSteps) <= i {
		return timmNever
	}
	return x
}

// cycleEvents yields WarmupEnd at warmup_t, a Restart where each cycle
// starts after the first (found from the float index, as timm computes it)
// and a Boundary where the cycles end at cycle_limit; and, with cycle_mul ≠
// 1 and turns not nil, the turns inside each cycle: turns(i, start, end, lo,
// hi, yield) yields those of cycle i, whose drawn steps have t in [start,
// end), that lie in [lo, hi), and returns false when yield did.
func (c *timmCycles) cycleEvents(n, from, to int64, yield func(Event) bool, turns timmTurns) {
	w := c.warmT
	if w > 0 && w >= from && w < to && !yield(Event{w, WarmupEnd}) {
		return
	}
	s := max(from, w+1) - 1 // a post-warmup step whose index we know
	if s+1 >= to {
		return
	}
	off := c.offset()
	t := s - off
	i := c.index(t)
	if i >= c.limit {
		return
	}
	// The first t of cycle i that is drawn: its start, or the end of warmup.
	// Only the turns need it.
	first := w - off
	start := first
	if c.mul != 1 && t > first {
		start = firstAt(first, t+1, func(x int64) bool { return c.index(x) >= i })
	}
	for {
		next := c.nextCycle(t, i)
		if c.mul != 1 && turns != nil && !turns(i, start, next, from-off, to-off, yield) {
			return
		}
		if next == timmNever || next+off >= to {
			return
		}
		t, start = next, next
		i = c.index(t)
		kind := Restart
		if i >= c.limit {
			kind = Boundary
		}
		if !yield(Event{t + off, kind}) || i >= c.limit {
			return
		}
	}
}

// firstAt returns the smallest x in [lo, hi) with f(x), or hi if there is
// none, for f monotone (false, then true).
func firstAt(lo, hi int64, f func(int64) bool) int64 {
	if lo >= hi || f(lo) {
		return lo
	}
	if !f(hi - 1) {
		return hi
	}
	return firstTrue(lo, hi-1, f)
}
