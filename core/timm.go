package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// timm's CosineLRScheduler (huggingface/pytorch-image-models,
// timm/scheduler/cosine_lr.py, with scheduler.py setting the values).
// _get_lr is ported operation by operation in Python's float64 order; the
// noise options are out of scope, and t_in_epochs does not matter because
// LR Playground indexes by step.

func init() {
	register(&Kind{
		Name:      "timm.CosineLRScheduler",
		Framework: "timm",
		Title:     "CosineLRScheduler (warmup, restarts, k-decay)",
		Doc: "An optional linear warmup from warmup_lr_init over warmup_t steps, then cosine cycles from " +
			"lr·cycle_decay^i down to lr_min: cycle i lasts t_initial·cycle_mul^i steps. After cycle_limit " +
			"cycles (1 by default) the lr stays at lr_min for ever. Without warmup_prefix the cosine runs on " +
			"the raw step, so warmup hides its first warmup_t steps and the lr jumps at the end of warmup. " +
			"k_decay bends each cycle: the cosine is taken of (t/T)^k instead of t/T. With cycle_mul ≠ 1 the " +
			"cycle index comes from a floating-point logarithm, exactly as timm computes it.",
		Convention:   "scheduler._get_lr(i), the value step_update(i) (or step(i)) sets for step i",
		Link:         "https://huggingface.co/docs/timm/reference/schedulers#timm.scheduler.CosineLRScheduler",
		Example:      `{"kind": "timm.CosineLRScheduler", "lr": 0.1, "t_initial": 300, "lr_min": 0.001, "cycle_limit": 3, "cycle_decay": 0.5, "warmup_t": 50, "warmup_lr_init": 0.0001, "warmup_prefix": true}`,
		ExampleSteps: 1000,
		Params: []Param{
			{Name: "lr", Type: Float, Default: 0.1, Range: atLeast(0),
				Doc:  "the optimizer's base lr (timm reads it from the optimizer; 0.1 here unless given), the peak of the first cycle",
				Hint: Hint{Min: 1e-5, Max: 1, Log: true}},
			{Name: "t_initial", Type: Int, Required: true, Range: between(1, maxInt),
				Doc:  "length of the first cycle in steps (timm asserts t_initial > 0)",
				Hint: Hint{Min: 1, Max: 1000, Step: 1}},
			{Name: "lr_min", Type: Float, Default: 0.0, Range: atLeast(0),
				Doc:  "the bottom of every cycle, and the lr after cycle_limit cycles (timm asserts lr_min ≥ 0)",
				Hint: Hint{Min: 0, Max: 0.01}},
			{Name: "cycle_mul", Type: Float, Default: 1.0, Range: above(0),
				Doc:  "each cycle is cycle_mul times longer than the one before (≤ 0 makes math.log raise)",
				Hint: Hint{Min: 0.5, Max: 3, Step: 0.05}},
			{Name: "cycle_decay", Type: Float, Default: 1.0, Range: atLeast(0),
				Doc:  "each cycle's peak is cycle_decay times the one before",
				Hint: Hint{Min: 0, Max: 1, Step: 0.05}},
			{Name: "cycle_limit", Type: Int, Default: int64(1), Range: between(-maxInt, maxInt),
				Doc:  "how many cycles run before the lr stays at lr_min (≤ 0: none)",
				Hint: Hint{Min: 1, Max: 10, Step: 1}},
			{Name: "warmup_t", Type: Int, Default: int64(0), Range: between(0, maxInt),
				Doc:  "length of the linear warmup in steps (0: none)",
				Hint: Hint{Min: 0, Max: 100, Step: 1}},
			{Name: "warmup_lr_init", Type: Float, Default: 0.0, Range: atLeast(0),
				Doc:  "the lr at step 0 of warmup",
				Hint: Hint{Min: 0, Max: 0.01}},
			{Name: "warmup_prefix", Type: Bool, Default: false,
				Doc: "start the cosine after warmup (true) rather than counting warmup steps as cosine steps (false)"},
			{Name: "k_decay", Type: Float, Default: 1.0, Range: atLeast(0),
				Doc:  "the k of k-decay: the cosine of π·(t^k/T^k); 1 is the plain cosine",
				Hint: Hint{Min: 0.25, Max: 4, Step: 0.05}},
		},
		build: buildTimmCosine,
	})
}

// timmCosine is timm.scheduler.CosineLRScheduler.
//
// The lr of step i is _get_lr(i). For i < warmup_t it is
// warmup_lr_init + i·((lr − warmup_lr_init)/warmup_t). Otherwise, with
// t = i − warmup_t under warmup_prefix and t = i without, T = t_initial and
// m = cycle_mul:
//
//	m = 1:  c = t // T,  T_c = T,  t_c = t − T·c
//	m ≠ 1:  c = floor(log(1 − t/T·(1 − m))/log(m)),  T_c = m^c·T,  t_c = t − (1 − m^c)/(1 − m)·T
//	c < cycle_limit:  lr_min + 0.5·(lr·cycle_decay^c − lr_min)·(1 + cos(π·t_c^k/T_c^k))
//	c ≥ cycle_limit:  lr_min
//
// Special cases are:
//
//	warmup_t 0: no warmup
//	warmup_prefix false: the cosine counts warmup steps, so it resumes mid-cycle after warmup
//	cycle_limit ≤ 0: lr_min from the end of warmup on
//	cycle_decay 0: the first cycle peaks at lr; later ones rise from 0 to lr_min
//	k_decay 0: t_c^0/T_c^0 = 1, the lr is lr_min after warmup
//	m ≠ 1: the logarithm can round a cycle start a step late (the last step of a cycle then sits at lr_min)
//	m < 1: the cycles add up to T/(1 − m) steps; past that math.log raises ValueError, an error here
//	m ≠ 1, non-integer k_decay: where t_c rounds below 0, timm raises TypeError (a complex power), an error here
//	cycle_decay^c or T_c^k overflowing: timm raises OverflowError, an error here
//	the lr overflowing to +Inf (timm would set it): an error here
//	m ≠ 1, non-integer k_decay, past the first 65536 cycles of a run: the TypeError is not looked
//	    for; a t_c below 0 is taken as 0
//
// The operations are Python's, in Python's order. The cycle index uses a
// correctly rounded logarithm and powers a correctly rounded pow, as glibc's are
// in practice (timm's cycle index floors log(x)/log(cycle_mul): a one-ulp
// error in either logarithm moves a restart by a step; Go's xmath.Log(3) is one
// ulp below glibc's); the cosine is correctly rounded too, so nothing may differ from
// glibc's cos in the last bit.
type timmCosine struct {
	lr, lrMin, mul, decay, k float64
	tInit, limit, warmT      int64
	tInitF, logMul           float64
	warmInit, warmStep       float64
	prefix, kInt             bool
}

// timmNever is the index past the domain of math.log (timm raises there).
const timmNever = math.MaxInt64

func buildTimmCosine(a args) (curve, error) {
	c := &timmCosine{
		lr: a.float("lr"), lrMin: a.float("lr_min"),
		mul: a.float("cycle_mul"), decay: a.float("cycle_decay"), k: a.float("k_decay"),
		tInit: a.int("t_initial"), limit: a.int("cycle_limit"), warmT: a.int("warmup_t"),
		warmInit: a.float("warmup_lr_init"), prefix: a.bool("warmup_prefix"),
	}
	c.tInitF = float64(c.tInit)
	c.logMul = xmath.Log(c.mul)
	c.kInt = c.k == math.Trunc(c.k)
	if c.warmT > 0 {
		c.warmStep = (c.lr - c.warmInit) / float64(c.warmT)
	}
	return c, nil
}

// offset is the step of t = 0.
func (c *timmCosine) offset() int64 {
	if c.prefix {
		return c.warmT
	}
	return 0
}

// index is the cycle index c of t (t ≥ 0), or timmNever where math.log
// raises. It is non-decreasing in t.
func (c *timmCosine) index(t int64) int64 {
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

func (c *timmCosine) cycle(i int64) timmCycle {
	cy := timmCycle{i: i, ti: c.tInitF, active: i < c.limit}
	if c.mul != 1 {
		mi := xmath.Pow(c.mul, float64(i))
		cy.ti = mi * c.tInitF
		cy.si = float64((1-mi)/(1-c.mul)) * c.tInitF
	}
	gamma := xmath.Pow(c.decay, float64(i))
	cy.gammaInf = math.IsInf(gamma, 0)
	cy.lrMax = c.lr * gamma
	cy.tik = xmath.Pow(cy.ti, c.k)
	return cy
}

// tcurr is t_c of t in cycle cy.
func (c *timmCosine) tcurr(t int64, cy *timmCycle) float64 {
	if c.mul != 1 {
		return float64(t) - cy.si
	}
	return float64(t - c.tInit*cy.i)
}

func (c *timmCosine) value(t int64, cy *timmCycle) float64 {
	if !cy.active {
		return c.lrMin
	}
	tc := c.tcurr(t, cy)
	if tc < 0 && !c.kInt {
		tc = 0 // timm raises TypeError here; checkSteps reports it
	}
	r := float64(math.Pi*xmath.Pow(tc, c.k)) / cy.tik
	return c.lrMin + float64(float64(0.5*(cy.lrMax-c.lrMin))*(1+xmath.Cos(r)))
}

func (c *timmCosine) warmup(i int64) float64 {
	return c.warmInit + float64(float64(i)*c.warmStep)
}

func (c *timmCosine) at(i, n int64) float64 {
	if i < c.warmT {
		return c.warmup(i)
	}
	t := i - c.offset()
	cy := c.cycle(c.index(t))
	return c.value(t, &cy)
}

// fill computes cycle by cycle, so the logarithm and powers are evaluated
// once per cycle; the values are those of at.
func (c *timmCosine) fill(dst []float64) {
	n := int64(len(dst))
	i := int64(0)
	for ; i < min(c.warmT, n); i++ {
		dst[i] = c.warmup(i)
	}
	off := c.offset()
	next := int64(-1)
	var cy timmCycle
	for ; i < n; i++ {
		t := i - off
		if next < 0 || t == next {
			cy = c.cycle(c.index(t))
			next = c.nextCycle(t, cy.i)
		}
		dst[i] = c.value(t, &cy)
	}
}

// nextCycle returns the smallest t' > t whose index exceeds i = index(t), or
// timmNever if there is none up to MaxSteps.
func (c *timmCosine) nextCycle(t, i int64) int64 {
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

func (c *timmCosine) events(n, from, to int64, yield func(Event) bool) {
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
	for i < c.limit {
		t = c.nextCycle(t, i)
		if t == timmNever || t+off >= to {
			return
		}
		i = c.index(t)
		kind := Restart
		if i >= c.limit {
			kind = Boundary
		}
		if !yield(Event{t + off, kind}) {
			return
		}
	}
}

// timmScanLimit bounds how many cycle starts checkSteps inspects for the
// TypeError of a negative t_c with a non-integer k_decay.
const timmScanLimit = 1 << 16

// checkSteps reports the steps where timm raises: math.log's domain error
// past the end of shrinking cycles, OverflowError from cycle_decay^c or
// T_c^k, TypeError from a negative t_c to a non-integer power; and where the
// lr itself overflows to +Inf.
func (c *timmCosine) checkSteps(n int64) error {
	if n <= c.warmT {
		return nil
	}
	first, last := c.warmT, n-1
	fail := func(at int64, msg string) error {
		return errorf("steps", "timm.CosineLRScheduler fails at step "+itoa(at)+": "+msg+
			"; use at most "+itoa(at)+" steps")
	}
	if msg := c.problem(first); msg != "" {
		return fail(first, msg)
	}
	if msg := c.problem(last); msg != "" {
		// Each of these only gets worse as the step grows.
		at := firstTrue(first, last, func(x int64) bool { return c.problem(x) != "" })
		return fail(at, c.problem(at))
	}
	if c.mul == 1 || c.kInt {
		return nil
	}
	// t_c < 0 can only happen at the first step of a cycle.
	off := c.offset()
	t := first - off
	for scanned := 0; scanned < timmScanLimit && t+off < n; scanned++ {
		i := c.index(t)
		if i >= c.limit {
			return nil
		}
		cy := c.cycle(i)
		if tc := c.tcurr(t, &cy); tc < 0 {
			return fail(t+off, "t_curr rounds to "+formatFloat(tc)+" there, and t_curr ** k_decay with k_decay "+
				formatFloat(c.k)+" is a complex number, so math.cos raises TypeError")
		}
		t = c.nextCycle(t, i)
		if t == timmNever {
			return nil
		}
	}
	return nil
}

// problem says why _get_lr(s) raises or overflows, or "" if it does not.
func (c *timmCosine) problem(s int64) string {
	t := s - c.offset()
	i := c.index(t)
	if i == timmNever {
		return "with cycle_mul < 1 the cycles add up to t_initial/(1 − cycle_mul) steps, and past them math.log raises ValueError (math domain error)"
	}
	cy := c.cycle(i)
	if cy.gammaInf {
		return "cycle_decay ** " + itoa(i) + " raises OverflowError"
	}
	if !cy.active {
		return ""
	}
	if math.IsInf(cy.tik, 0) || math.IsInf(xmath.Pow(math.Abs(c.tcurr(t, &cy)), c.k), 0) {
		return "t ** k_decay raises OverflowError"
	}
	if v := c.value(t, &cy); math.IsInf(v, 0) || math.IsNaN(v) || math.IsInf(cy.lrMax, 0) {
		return "the lr overflows to +Inf"
	}
	return ""
}
