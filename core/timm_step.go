package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/python"
	"github.com/lrplay/lrplay/core/internal/xmath"
)

var timmStepKind = register(&Kind{
	Name:  "timm.StepLRScheduler",
	order: 201,
	code:  timmCode,
	imports: []importSig{{callee: "StepLRScheduler", params: []string{"optimizer", "decay_t", "decay_rate", "warmup_t",
		"warmup_lr_init", "warmup_prefix", "t_in_epochs", "noise_range_t", "noise_pct", "noise_std", "noise_seed", "initialize"}}},
	Framework: "timm",
	Title:     "StepLRScheduler (step decay, warmup)",
	Doc: "An optional linear warmup from warmup_lr_init over warmup_t steps, then lr·decay_rate^(t // decay_t): " +
		"the lr is multiplied by decay_rate every decay_t steps. With warmup_prefix (timm's default here, " +
		"unlike its other schedulers) t counts from the end of warmup; without it t is the raw step, so the " +
		"first drop can come sooner after warmup. There is no end. decay_rate > 1 grows the lr; where " +
		"decay_rate ** k overflows, timm raises OverflowError, an error here.",
	Convention:   "scheduler._get_lr(i), the value step_update(i) (or step(i)) sets for step i",
	Link:         "https://huggingface.co/docs/timm/reference/schedulers#timm.scheduler.StepLRScheduler",
	Example:      `{"kind": "timm.StepLRScheduler", "lr": 0.1, "decay_t": 100, "decay_rate": 0.5, "warmup_t": 20, "warmup_lr_init": 0.001}`,
	ExampleSteps: 500,
	Params: []Param{
		{Name: "lr", Type: Float, Default: 0.1, Range: atLeast(0),
			Doc:  "the optimizer's base lr (timm reads it from the optimizer; 0.1 here unless given)",
			Hint: Hint{Min: 1e-5, Max: 1, Log: true}},
		{Name: "decay_t", Type: Float, Required: true, Range: above(0),
			Doc: "the steps between drops; timm takes t // decay_t, a float for a float decay_t (0 raises " +
				"ZeroDivisionError, and a negative one makes the lr grow: both refused here)",
			Hint: Hint{Min: 1, Max: 1000, Step: 1}},
		{Name: "decay_rate", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc:  "the factor of each drop (1: no decay)",
			Hint: Hint{Min: 0, Max: 1, Step: 0.05}},
		{Name: "warmup_t", Type: Int, Default: int64(0), Range: between(0, maxInt),
			Doc:  "length of the linear warmup in steps (0: none)",
			Hint: Hint{Min: 0, Max: 100, Step: 1}},
		{Name: "warmup_lr_init", Type: Float, Default: 0.0, Range: atLeast(0),
			Doc:  "the lr at step 0 of warmup",
			Hint: Hint{Min: 0, Max: 0.01}},
		{Name: "warmup_prefix", Type: Bool, Default: true,
			Doc: "count decay_t from the end of warmup (true, timm's default for this scheduler) rather than from step 0"},
	},
	build: func(a args) (kindCurve, error) {
		c := &timmStep{lr: a.float("lr"), decayT: a.float("decay_t"), rate: a.float("decay_rate"),
			warmT: a.int("warmup_t"), warmInit: a.float("warmup_lr_init"), prefix: a.bool("warmup_prefix")}
		if c.warmT > 0 {
			c.warmStep = (c.lr - c.warmInit) / float64(c.warmT)
		}
		return c, nil
	},
})

// timmStep is timm.scheduler.StepLRScheduler.
//
// The lr of step i is _get_lr(i). For i < warmup_t it is
// warmup_lr_init + i·((lr − warmup_lr_init)/warmup_t). Otherwise, with
// t = i − warmup_t under warmup_prefix and t = i without:
//
//	lr·(decay_rate ** (t // decay_t))
//
// where // is Python's floor division of floats (exact for whole numbers,
// and CPython's fmod-based quotient for a fractional decay_t).
//
// Special cases are:
//
//	warmup_t 0: no warmup
//	warmup_prefix false: the drops count from step 0, so one may fall inside the warmup and show at its end
//	decay_rate 1: lr for ever after warmup
//	decay_rate 0: 0 from the first drop on (0 ** 0 = 1 before it)
//	decay_rate > 1: the lr grows; decay_rate ** k overflowing raises OverflowError in timm, an error here,
//	    and so is an lr that overflows to +Inf
type timmStep struct {
	lr, decayT, rate   float64
	warmT              int64
	warmInit, warmStep float64
	prefix             bool
}

// k is t // decay_t for step i ≥ warmup_t.
func (c *timmStep) k(i int64) float64 {
	t := i
	if c.prefix {
		t -= c.warmT
	}
	return python.FloorDiv(float64(t), c.decayT)
}

func (c *timmStep) at(i, n int64) float64 {
	if i < c.warmT {
		return c.warmInit + float64(float64(i)*c.warmStep)
	}
	return c.lr * xmath.Pow(c.rate, c.k(i))
}

// checkSteps reports the first step where decay_rate ** k overflows (timm
// raises OverflowError) or the lr does. Both only grow with the step after
// warmup, so the first bad step is found by bisection.
func (c *timmStep) checkSteps(n int64) error {
	bad := func(i int64) bool {
		if i < c.warmT {
			return false
		}
		return math.IsInf(xmath.Pow(c.rate, c.k(i)), 0) || math.IsInf(c.at(i, n), 0)
	}
	if n <= 0 || !bad(n-1) {
		return nil
	}
	at := firstTrue(-1, n-1, bad)
	why := "the lr overflows to +Inf"
	if k := c.k(at); math.IsInf(xmath.Pow(c.rate, k), 0) {
		why = "decay_rate ** " + formatFloat(k) + " raises OverflowError"
	}
	return errorf("steps", "timm.StepLRScheduler fails at step "+itoa(at)+": "+why+"; use at most "+itoa(at)+" steps")
}

// events: WarmupEnd at warmup_t; the drops keep the lr monotone.
func (c *timmStep) events(n, from, to int64, yield func(Event) bool) {
	if w := c.warmT; w > 0 && w >= from && w < to {
		yield(Event{w, WarmupEnd})
	}
}

// shape reads a run of n steps as a shape for Translate: a warmup to a
// constant lr when decay_rate is 1; no other framework draws its steps.
func (c *timmStep) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	if c.rate != 1 {
		return sh, "a step decay (decay_rate every decay_t steps), which only timm's StepLRScheduler draws here"
	}
	sh.form, sh.warmup, sh.start, sh.peak = shapeFlat, c.warmT, c.warmInit, c.lr
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *timmStep) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler updates (the steps passed to step_update)"}
	f.warmup, f.warmupName, f.warmupParam = min(c.warmT, n), ls.v("warmup_t"), "warmup_t"
	f.peak, f.peakName, f.noMin = c.lr, ls.v("lr"), true
	f.scale = ls.scale("decay_t", "warmup_t")
	switch {
	case c.rate == 1:
		f.flatWhy, f.flatFix = "decay_rate = 1 leaves the lr unchanged", lintFix("decay_rate", 0.1)
	case c.rate > 1:
		f.inverted = ls.v("decay_rate") + " > 1 makes the lr grow at every drop, to " + lintNum(c.at(n-1, n)) + " at the end of the run"
		f.invertedFix = lintFix("decay_rate", 1/c.rate)
	}
	f.lintZeroLR(ls.k, c.lr)
	return f
}
