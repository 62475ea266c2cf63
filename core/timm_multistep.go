package core

import "slices"

var timmMultiStepKind = register(&Kind{
	Name:      "timm.MultiStepLRScheduler",
	order:     204,
	code:      timmCode,
	imports:   []importSig{{callee: "MultiStepLRScheduler", params: timmDropArgs}},
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
	Params: timmDropParams(Param{Name: "decay_t", Type: IntList, Required: true, Range: between(0, maxInt),
		Doc: "the steps the drops are counted at, in increasing order (timm bisects the list and assumes it is " +
			"sorted; a decreasing one is refused); each drop shows from t = d − 1 on",
		Hint: Hint{Min: 0, Max: 1000, Step: 1}}),
	build: buildTimmMultiStep,
})

func buildTimmMultiStep(a args) (kindCurve, error) {
	c := &timmMultiStep{timmDrops: newTimmDrops(a), decayT: a["decay_t"].([]int64)}
	for j := 1; j < len(c.decayT); j++ {
		if c.decayT[j] < c.decayT[j-1] {
			return nil, errorf("decay_t", "decay_t["+itoa(int64(j))+"] = "+itoa(c.decayT[j])+" is below decay_t["+
				itoa(int64(j-1))+"] = "+itoa(c.decayT[j-1])+"; timm bisects decay_t and assumes it is sorted, so list it in increasing order")
		}
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
	timmDrops
	decayT []int64
}

// k is bisect_right(decay_t, t + 1) for step i ≥ warmup_t.
func (c *timmMultiStep) k(i int64) float64 {
	j, _ := slices.BinarySearch(c.decayT, i-c.offset()+2) // the first entry > t + 1
	return float64(j)
}

func (c *timmMultiStep) at(i, n int64) float64 { return c.lrAt(i, c.k) }

// checkSteps: see checkDrops.
func (c *timmMultiStep) checkSteps(n int64) error {
	return c.checkDrops(timmMultiStepKind, n, c.k, func(k float64) string { return itoa(int64(k)) })
}

// events: WarmupEnd at warmup_t, and a Boundary at each drop after it (the
// step i = d − 1 + offset of each distinct entry d); between them the lr is
// constant.
func (c *timmMultiStep) events(n, from, to int64, yield func(Event) bool) {
	if !c.warmupEnd(from, to, yield) {
		return
	}
	off := c.offset()
	lo := max(from, c.warmT+1)
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
	if c.rate != 1 && len(c.decayT) > 0 {
		return newShape(), "drops by decay_rate at the steps listed in decay_t, a step early (bisect_right(decay_t, t + 1)), which only timm's MultiStepLRScheduler draws here"
	}
	return c.flatShape(), ""
}

// lintFacts describes a run of n steps for Lint.
func (c *timmMultiStep) lintFacts(ls lintSpec, n int64) lintFacts {
	noDrop := ""
	if len(c.decayT) == 0 {
		noDrop = "decay_t is empty, so the lr never drops"
	}
	return c.lintDrops(ls, n, noDrop, lintFix("decay_t", []int64{max(n/2, 1)}), c.at, "warmup_t")
}
