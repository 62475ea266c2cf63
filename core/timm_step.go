package core

import "github.com/lrplay/lrplay/core/internal/python"

var timmStepKind = register(&Kind{
	Name:      "timm.StepLRScheduler",
	order:     201,
	code:      timmCode,
	imports:   []importSig{{callee: "StepLRScheduler", params: timmDropArgs}},
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
	Params: timmDropParams(Param{Name: "decay_t", Type: Float, Required: true, Range: above(0),
		Doc: "the steps between drops; timm takes t // decay_t, a float for a float decay_t (0 raises " +
			"ZeroDivisionError, and a negative one makes the lr grow: both refused here)",
		Hint: Hint{Min: 1, Max: 1000, Step: 1}}),
	build: func(a args) (kindCurve, error) {
		return &timmStep{timmDrops: newTimmDrops(a), decayT: a.float("decay_t")}, nil
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
	timmDrops
	decayT float64
}

// k is t // decay_t for step i ≥ warmup_t.
func (c *timmStep) k(i int64) float64 {
	return python.FloorDiv(float64(i-c.offset()), c.decayT)
}

func (c *timmStep) at(i, n int64) float64 { return c.lrAt(i, c.k) }

// checkSteps: see checkDrops.
func (c *timmStep) checkSteps(n int64) error {
	return c.checkDrops(timmStepKind, n, c.k, formatFloat)
}

// events: WarmupEnd at warmup_t; the drops keep the lr monotone.
func (c *timmStep) events(n, from, to int64, yield func(Event) bool) {
	c.warmupEnd(from, to, yield)
}

// shape reads a run of n steps as a shape for Translate: a warmup to a
// constant lr when decay_rate is 1; no other framework draws its steps.
func (c *timmStep) shape(_ args, n int64) (shape, string) {
	if c.rate != 1 {
		return newShape(), "a step decay (decay_rate every decay_t steps), which only timm's StepLRScheduler draws here"
	}
	return c.flatShape(), ""
}

// lintFacts describes a run of n steps for Lint.
func (c *timmStep) lintFacts(ls lintSpec, n int64) lintFacts {
	return c.lintDrops(ls, n, "", nil, c.at, "decay_t", "warmup_t")
}
