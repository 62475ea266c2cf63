package core

import (
	"math"
	"slices"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var timmMultiStepKind = register(&Kind{
	Name:  "timm.MultiStepLRScheduler",
	order: 204,
	code:  timmCode,
	imports: []importSig{{callee: "MultiStepLRScheduler", params: []string{"optimizer", "decay_t", "decay_rate", "warmup_t",
		"warmup_lr_init", "warmup_prefix", "t_in_epochs", "noise_range_t", "noise_pct", "noise_std", "noise_seed", "initialize"}}},
	Framework: "timm",
	Title:     "MultiStepLRScheduler (drops at listed steps, warmup)",
	Doc: "An optional linear warmup from warmup_lr_init over warmup_t steps, then lr·decay_rate^k, where k " +
		"counts the entries of decay_t that are ≤ t + 1 (timm's bisect_right(decay_t, t + 1)): the lr drops " +
		"one step before each listed step, at t = d − 1. With warmup_prefix (timm's default here) t counts " +
		"from the end of warmup; without it t is the raw step, and drops inside the warmup show at its end. " +
		"There is no end. decay_rate > 1 grows the lr; where decay_rate ** k overflows, timm raises " +
		"OverflowError, an error here.",
	Convention:   "scheduler._get_lr(i), the value step_update(i) (or step(i)) sets for step i",
	Link:         "https://huggingface.co/docs/timm/reference/schedulers#timm.scheduler.MultiStepLRScheduler",
	Example:      `{"kind": "timm.MultiStepLRScheduler", "lr": 0.1, "decay_t": [150, 300, 400], "decay_rate": 0.3, "warmup_t": 20, "warmup_lr_init": 0.001}`,
	ExampleSteps: 500,
	Params: []Param{
		{Name: "lr", Type: Float, Default: 0.1, Range: atLeast(0),
			Doc:  "the optimizer's base lr (timm reads it from the optimizer; 0.1 here unless given)",
			Hint: Hint{Min: 1e-5, Max: 1, Log: true}},
		{Name: "decay_t", Type: IntList, Required: true, Range: between(0, maxInt),
			Doc: "the steps the drops are counted at, in increasing order (timm bisects the list and assumes it is " +
				"sorted; a decreasing one is refused); each drop shows from t = d − 1 on",
			Hint: Hint{Min: 0, Max: 1000, Step: 1}},
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
	build: buildTimmMultiStep,
})

func buildTimmMultiStep(a args) (kindCurve, error) {
	c := &timmMultiStep{lr: a.float("lr"), decayT: a["decay_t"].([]int64), rate: a.float("decay_rate"),
		warmT: a.int("warmup_t"), warmInit: a.float("warmup_lr_init"), prefix: a.bool("warmup_prefix")}
	for j := 1; j < len(c.decayT); j++ {
		if c.decayT[j] < c.decayT[j-1] {
			return nil, errorf("decay_t", "decay_t["+itoa(int64(j))+"] = "+itoa(c.decayT[j])+" is below decay_t["+
				itoa(int64(j-1))+"] = "+itoa(c.decayT[j-1])+"; timm bisects decay_t and assumes it is sorted, so list it in increasing order")
		}
	}
	if c.warmT > 0 {
		c.warmStep = (c.lr - c.warmInit) / float64(c.warmT)
	}
	return c, nil
}

// timmMultiStep is timm.scheduler.MultiStepLRScheduler.
//
// The lr of step i is _get_lr(i). For i < warmup_t it is
// warmup_lr_init + i·((lr − warmup_lr_init)/warmup_t). Otherwise, with
// t = i − warmup_t under warmup_prefix and t = i without:
//
//	lr·(decay_rate ** bisect_right(decay_t, t + 1))
//
// bisect_right(decay_t, t + 1) is the number of entries ≤ t + 1, so the drop
// of an entry d shows from t = d − 1 on (timm's current source bisects t + 1;
// versions before 2024 bisected t).
//
// Special cases are:
//
//	warmup_t 0: no warmup
//	warmup_prefix false: the drops count from step 0, so some may fall inside the warmup and show at its end
//	decay_t empty, or decay_rate 1: lr for ever after warmup
//	decay_t 0 or 1: counted from t = 0 on
//	a repeated entry: two drops at once
//	decay_rate 0: 0 from the first drop on (0 ** 0 = 1 before it)
//	decay_rate > 1: the lr grows; decay_rate ** k overflowing raises OverflowError in timm, an error here,
//	    and so is an lr that overflows to +Inf
type timmMultiStep struct {
	lr                 float64
	decayT             []int64
	rate               float64
	warmT              int64
	warmInit, warmStep float64
	prefix             bool
}

// k is bisect_right(decay_t, t + 1) for step i ≥ warmup_t.
func (c *timmMultiStep) k(i int64) int {
	t := i
	if c.prefix {
		t -= c.warmT
	}
	j, _ := slices.BinarySearch(c.decayT, t+2) // the first entry > t + 1
	return j
}

func (c *timmMultiStep) at(i, n int64) float64 {
	if i < c.warmT {
		return c.warmInit + float64(float64(i)*c.warmStep)
	}
	return c.lr * xmath.Pow(c.rate, float64(c.k(i)))
}

// offset is the step of t = 0.
func (c *timmMultiStep) offset() int64 {
	if c.prefix {
		return c.warmT
	}
	return 0
}

// checkSteps reports the first step where decay_rate ** k overflows (timm
// raises OverflowError) or the lr does. Both only grow with the step after
// warmup, so the first bad step is found by bisection.
func (c *timmMultiStep) checkSteps(n int64) error {
	bad := func(i int64) bool {
		return i >= c.warmT && (math.IsInf(xmath.Pow(c.rate, float64(c.k(i))), 0) || math.IsInf(c.at(i, n), 0))
	}
	if n <= 0 || !bad(n-1) {
		return nil
	}
	at := firstTrue(-1, n-1, bad)
	why := "the lr overflows to +Inf"
	if k := c.k(at); math.IsInf(xmath.Pow(c.rate, float64(k)), 0) {
		why = "decay_rate ** " + itoa(int64(k)) + " raises OverflowError"
	}
	return errorf("steps", "timm.MultiStepLRScheduler fails at step "+itoa(at)+": "+why+"; use at most "+itoa(at)+" steps")
}

// events: WarmupEnd at warmup_t, and a Boundary at each drop after it (the
// step i = d − 1 + offset of each distinct entry d); between them the lr is
// constant.
func (c *timmMultiStep) events(n, from, to int64, yield func(Event) bool) {
	w := c.warmT
	if w > 0 && w >= from && w < to && !yield(Event{w, WarmupEnd}) {
		return
	}
	off := c.offset()
	lo := max(from, w+1)
	// The first entry whose drop step d − 1 + off is at least lo.
	j, _ := slices.BinarySearch(c.decayT, lo+1-off)
	last := int64(-1)
	for ; j < len(c.decayT); j++ {
		s := c.decayT[j] - 1 + off
		if s >= to {
			return
		}
		if s != last && !yield(Event{s, Boundary}) {
			return
		}
		last = s
	}
}

// shape reads a run of n steps as a shape for Translate: a warmup to a
// constant lr when nothing drops; no other framework draws these drops.
func (c *timmMultiStep) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	if c.rate != 1 && len(c.decayT) > 0 {
		return sh, "drops by decay_rate at the steps listed in decay_t, a step early (bisect_right(decay_t, t + 1)), which only timm's MultiStepLRScheduler draws here"
	}
	sh.form, sh.warmup, sh.start, sh.peak = shapeFlat, c.warmT, c.warmInit, c.lr
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *timmMultiStep) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler updates (the steps passed to step_update)"}
	f.warmup, f.warmupName, f.warmupParam = min(c.warmT, n), ls.v("warmup_t"), "warmup_t"
	f.peak, f.peakName, f.noMin = c.lr, ls.v("lr"), true
	f.scale = ls.scale("warmup_t")
	switch {
	case c.rate == 1:
		f.flatWhy, f.flatFix = "decay_rate = 1 leaves the lr unchanged", lintFix("decay_rate", 0.1)
	case len(c.decayT) == 0:
		f.flatWhy, f.flatFix = "decay_t is empty, so the lr never drops", lintFix("decay_t", []int64{max(n/2, 1)})
	case c.rate > 1:
		f.inverted = ls.v("decay_rate") + " > 1 makes the lr grow at every drop, to " + lintNum(c.at(n-1, n)) + " at the end of the run"
		f.invertedFix = lintFix("decay_rate", 1/c.rate)
	}
	f.lintZeroLR(ls.k, c.lr)
	return f
}
