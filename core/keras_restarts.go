package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var kerasCosineDecayRestartsKind = register(&Kind{
	Name:      "keras.CosineDecayRestarts",
	order:     401,
	code:      kerasCode,
	imports:   []importSig{{callee: "CosineDecayRestarts", params: []string{"initial_learning_rate", "first_decay_steps", "t_mul", "m_mul", "alpha", "name"}}},
	Framework: "Keras",
	Title:     "CosineDecayRestarts (SGDR)",
	Doc: "Cosine decay from initial_learning_rate to alpha times it over first_decay_steps steps, then warm " +
		"restarts: cycle k lasts first_decay_steps·t_mul^k steps and peaks at m_mul^k times the first. " +
		"There is no end: the cycles go on forever. The cycle index is floor(log(1 − f·(1 − t_mul))/log(t_mul)) " +
		"of the fraction f = step/first_decay_steps, computed in float32 as Keras does, so restarts may land " +
		"a step off the exact sums. With t_mul < 1 the cycles shrink towards a finite total and the value " +
		"becomes NaN in Keras past it; that is reported as an error.",
	Convention:   "schedule(i): the value the schedule returns for optimizer.iterations = i",
	Link:         "https://keras.io/api/optimizers/learning_rate_schedules/cosine_decay_restarts/",
	Example:      `{"kind": "keras.CosineDecayRestarts", "initial_learning_rate": 0.1, "first_decay_steps": 100}`,
	ExampleSteps: 1500,
	Params: []Param{
		kerasInitialLRParam("the lr at step 0, the peak of the first cycle"),
		{Name: "first_decay_steps", Type: Int, Required: true, Range: between(1, maxInt),
			Doc:  "length of the first cycle in steps (Keras requires > 0)",
			Hint: Hint{Min: 1, Max: 10000, Step: 1}},
		{Name: "t_mul", Type: Float, Default: 2.0, Range: Range{Min: 0, Max: 1e6, MinOpen: true},
			Doc:  "each cycle is t_mul times longer than the one before (1: equal cycles; at most 10^6 here, where float32 stays finite)",
			Hint: Hint{Min: 0.5, Max: 4, Step: 0.05}},
		{Name: "m_mul", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc:  "each cycle's peak is m_mul times the one before",
			Hint: Hint{Min: 0, Max: 1, Step: 0.05}},
		{Name: "alpha", Type: Float, Default: 0.0, Range: atLeast(0),
			Doc:  "the bottom of each cycle as a fraction of initial_learning_rate",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
	},
	build: buildKerasCosineDecayRestarts,
})

// kerasCosineDecayRestarts is keras.optimizers.schedules.CosineDecayRestarts,
// in float32: each operation is rounded to float32 in the source's order, and
// cos, log and pow are float32(xmath.Cos(float64(x))) and the like.
//
// The lr of step i is schedule(i). With f = float32(i)/first_decay_steps:
//
//	t_mul = 1:  k = floor(f), g = f − k
//	otherwise:  k = floor(log(1 − f·(1 − t_mul))/log(t_mul)),
//	            g = (f − (1 − t_mul^k)/(1 − t_mul))/t_mul^k
//	lr = initial_learning_rate·((1 − alpha)·(0.5·m_mul^k·(1 + cos(π·g))) + alpha)
//
// Special cases are:
//
//	t_mul within float32 rounding of 1: the t_mul = 1 branch (Keras compares float32(t_mul) with 1)
//	k computed in float32: a restart can come a step before or after the exact cycle sum
//	    (first_decay_steps 10, t_mul 1.3: the second restart is at step 24, not 23)
//	m_mul 0: after the first cycle the lr stays at alpha·initial_learning_rate
//	m_mul > 1: peaks grow; a run whose peak overflows float32 is an error
//	t_mul < 1: the cycles' total is finite; past it Keras computes NaN, which is an error
//	steps above 2^24: float32(step) rounds, so neighbouring steps share a value
type kerasCosineDecayRestarts struct {
	ilr, fds, alpha, tMul, mMul float32
	oneMinusT, logT             float32
	oneMinusAlpha               float32 // (1 - alpha) with alpha a float32 tensor
	geometric                   bool
}

func buildKerasCosineDecayRestarts(a args) (kindCurve, error) {
	c := &kerasCosineDecayRestarts{
		ilr:   float32(a.float("initial_learning_rate")),
		fds:   float32(a.int("first_decay_steps")),
		alpha: float32(a.float("alpha")),
		tMul:  float32(a.float("t_mul")),
		mMul:  float32(a.float("m_mul")),
	}
	if math.IsInf(float64(c.alpha), 0) || float64(c.ilr)*float64(c.alpha) >= math.MaxFloat32 {
		return nil, errorf("alpha", formatFloat(a.float("alpha"))+" times initial_learning_rate overflows float32 (the largest is about 3.4e38)")
	}
	c.oneMinusAlpha = 1 - c.alpha
	c.oneMinusT = 1 - c.tMul
	c.logT = kerasLog(c.tMul)
	c.geometric = c.tMul != 1
	return c, nil
}

// cycle returns the cycle index k of step i and the fraction f.
func (c *kerasCosineDecayRestarts) cycle(i int64) (k, f float32) {
	f = kerasStep(i) / c.fds
	if !c.geometric {
		return kerasFloor(f), f
	}
	arg := 1.0 - float32(f*c.oneMinusT)
	return kerasFloor(kerasLog(arg) / c.logT), f
}

// kerasCycleConsts are the parts of the formula that depend on k only.
type kerasCycleConsts struct {
	k, sumR, tk, peak float32 // peak = 0.5·m_mul^k
}

func (c *kerasCosineDecayRestarts) consts(k float32) kerasCycleConsts {
	cc := kerasCycleConsts{k: k, peak: float32(0.5) * kerasPow(c.mMul, k)}
	if c.geometric {
		cc.tk = kerasPow(c.tMul, k)
		cc.sumR = float32(1.0-cc.tk) / c.oneMinusT
	}
	return cc
}

func (c *kerasCosineDecayRestarts) value(f float32, cc *kerasCycleConsts) float32 {
	var g float32
	if c.geometric {
		g = float32(f-cc.sumR) / cc.tk
	} else {
		g = f - cc.k
	}
	cosine := float32(cc.peak * float32(1.0+kerasCos(float32(kerasPi*g))))
	decayed := float32(c.oneMinusAlpha*cosine) + c.alpha
	return float32(c.ilr * decayed)
}

func (c *kerasCosineDecayRestarts) at(i, n int64) float64 {
	k, f := c.cycle(i)
	cc := c.consts(k)
	return float64(c.value(f, &cc))
}

// fill evaluates cycle by cycle, so the per-cycle constants are computed once;
// the values are those of at.
func (c *kerasCosineDecayRestarts) fill(dst []float64) {
	n := int64(len(dst))
	var cc kerasCycleConsts
	next := int64(0) // the first step of the next cycle
	for i := int64(0); i < n; i++ {
		if i == next {
			k, _ := c.cycle(i)
			cc = c.consts(k)
			next = c.nextRestart(i, c.index(i))
		}
		dst[i] = float64(c.value(kerasStep(i)/c.fds, &cc))
	}
}

// index is the cycle index of step i as a comparable number; NaN (Keras past
// the end of shrinking cycles) counts as +Inf.
func (c *kerasCosineDecayRestarts) index(i int64) float32 {
	k, _ := c.cycle(i)
	if k != k {
		return float32(math.Inf(1))
	}
	return k
}

// nextRestart returns the first step after s whose cycle index exceeds k (the
// index of s), or MaxSteps if there is none before it. The index is monotone
// in the step, so a gallop from an estimate and a bisection find it.
func (c *kerasCosineDecayRestarts) nextRestart(s int64, k float32) int64 {
	if k != k || math.IsInf(float64(k), 1) {
		return s + 1
	}
	// Estimate the start of cycle k+1 in exact arithmetic.
	fds, t := float64(c.fds), float64(c.tMul)
	var est float64
	if c.geometric {
		est = fds * (xmath.Pow(t, float64(k)+1) - 1) / (t - 1)
	} else {
		est = fds * (float64(k) + 1)
	}
	limit := MaxSteps
	guess := s + 1
	if est > float64(s+1) && est < float64(limit) {
		guess = int64(est)
	} else if est >= float64(limit) {
		guess = limit
	}
	return searchUp(s, guess, limit, func(x int64) bool { return c.index(x) > k })
}

func (c *kerasCosineDecayRestarts) events(n, from, to int64, yield func(Event) bool) {
	s := from
	k := c.index(s)
	if s > 0 && c.index(s-1) < k && !yield(Event{s, Restart}) {
		return
	}
	for {
		s = c.nextRestart(s, k)
		if s >= to {
			return
		}
		if !yield(Event{s, Restart}) {
			return
		}
		k = c.index(s)
	}
}

// checkSteps reports a run in which Keras's value is not a finite float32:
// NaN past the end of shrinking cycles (t_mul < 1), or a peak m_mul^k that
// overflows. Both only get worse as the step grows, so the first bad step is
// found by bisection.
func (c *kerasCosineDecayRestarts) checkSteps(n int64) error {
	bad := func(i int64) bool {
		k, _ := c.cycle(i)
		if k != k {
			return true
		}
		cc := c.consts(k)
		top := c.value(c.cycleStartFraction(&cc), &cc)
		v := c.at(i, n)
		return math.IsInf(float64(top), 0) || top != top || math.IsInf(v, 0) || v != v
	}
	if !bad(n - 1) {
		return nil
	}
	hi := firstTrue(-1, n-1, bad) // the first bad step
	why := "m_mul^k makes the lr overflow float32"
	if c.tMul < 1 {
		why = "with t_mul < 1 the cycles add up to a finite number of steps, and past it Keras computes NaN"
	}
	return errorf("steps", "keras.CosineDecayRestarts has no finite float32 value at step "+
		itoa(hi)+": "+why+"; use at most "+itoa(hi)+" steps")
}

// cycleStartFraction is the fraction f at which cycle cc.k starts (g = 0).
func (c *kerasCosineDecayRestarts) cycleStartFraction(cc *kerasCycleConsts) float32 {
	if c.geometric {
		return cc.sumR
	}
	return cc.k
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *kerasCosineDecayRestarts) shape(a args, n int64) (shape, string) {
	sh := newShape()
	ilr, tMul := a.float("initial_learning_rate"), a.float("t_mul")
	if tMul < 1 {
		return sh, "t_mul below 1 shrinks the cycles towards a finite total"
	}
	sh.peak, sh.floor, sh.length = ilr, a.float("alpha")*ilr, float64(a.int("first_decay_steps"))
	sh.mult, sh.decay, sh.ampDecay, sh.cycles = tMul, a.float("m_mul"), true, 0
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *kerasCosineDecayRestarts) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls"}
	f.unit = "optimizer iterations"
	f.peak, f.floor = float64(c.ilr), float64(c.alpha)*float64(c.ilr)
	f.peakName, f.floorName = ls.v("initial_learning_rate"), "alpha·initial_learning_rate = "+formatFloat(f.floor)
	f.cycles, f.cycleParam = true, "first_decay_steps"
	f.noRestartWhy = "the first cycle, " + ls.v("first_decay_steps") + " steps, does not end within it"
	f.lintFraction(float64(c.alpha), "alpha", "each cycle")
	return f
}
