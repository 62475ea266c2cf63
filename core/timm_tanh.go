package core

import (
	"math"
	"slices"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var timmTanhKind = register(&Kind{
	Name:  "timm.TanhLRScheduler",
	order: 203,
	code:  timmCode,
	imports: []importSig{{callee: "TanhLRScheduler", params: []string{"optimizer", "t_initial", "lb", "ub", "lr_min", "cycle_mul",
		"cycle_decay", "cycle_limit", "warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", "noise_range_t",
		"noise_pct", "noise_std", "noise_seed", "initialize"}}},
	Framework: "timm",
	Title:     "TanhLRScheduler (hyperbolic-tangent decay, warmup, restarts)",
	Doc: "An optional linear warmup from warmup_lr_init over warmup_t steps, then cycles from about " +
		"lr·cycle_decay^i down to about lr_min along lr_min + 0.5·(lr_max − lr_min)·(1 − tanh(lb·(1 − r) + ub·r)), " +
		"r = t/T: with the default lb = −7, ub = 3 the lr holds near the top, then falls steeply and flattens " +
		"above lr_min. Cycle i lasts t_initial·cycle_mul^i steps; after cycle_limit cycles (1 by default) the lr " +
		"is lr_min. Without warmup_prefix the warmup ends at the value of the tanh at step warmup_t, where the " +
		"decay takes over. tanh is glibc's, bit for bit, as Python's math.tanh.",
	Convention:   "scheduler._get_lr(i), the value step_update(i) (or step(i)) sets for step i",
	Link:         "https://huggingface.co/docs/timm/reference/schedulers#timm.scheduler.TanhLRScheduler",
	Example:      `{"kind": "timm.TanhLRScheduler", "lr": 0.1, "t_initial": 400, "lr_min": 0.001, "warmup_t": 50, "warmup_lr_init": 0.0001, "warmup_prefix": true}`,
	ExampleSteps: 500,
	Params: slices.Concat([]Param{timmLRParam(""), timmTInitialParam,
		{Name: "lb", Type: Float, Default: -7.0, Range: Range{Min: -1e300, Max: 1e300},
			Doc:  "the tanh's argument at the start of a cycle (timm asserts lb < ub)",
			Hint: Hint{Min: -10, Max: 0, Step: 0.5}},
		{Name: "ub", Type: Float, Default: 3.0, Range: Range{Min: -1e300, Max: 1e300},
			Doc:  "the tanh's argument at the end of a cycle",
			Hint: Hint{Min: 0, Max: 10, Step: 0.5}},
		{Name: "lr_min", Type: Float, Default: 0.0, Range: atLeast(0),
			Doc:  "the floor the tanh approaches, and the lr after cycle_limit cycles (timm asserts lr_min ≥ 0)",
			Hint: Hint{Min: 0, Max: 0.01}}},
		timmCycleParams(Param{Name: "cycle_limit", Type: Int, Default: int64(1), Range: between(0, maxInt),
			Doc:  "how many cycles run before the lr stays at lr_min (timm asserts cycle_limit ≥ 0; 0: none)",
			Hint: Hint{Min: 1, Max: 10, Step: 1}}),
		timmWarmupParams(" (timm asserts ≥ 0)", false, "start the tanh after warmup (true) rather than counting warmup steps as tanh steps (false)")),
	build: buildTimmTanh,
})

func buildTimmTanh(a args) (kindCurve, error) {
	c := &timmTanh{timmCycles: newTimmCycles(a), lb: a.float("lb"), ub: a.float("ub")}
	if !(c.lb < c.ub) {
		return nil, errorf("ub", "timm asserts lb < ub (AssertionError); lb = "+formatFloat(c.lb)+", ub = "+formatFloat(c.ub))
	}
	if c.warmT > 0 && !c.prefix {
		// timm's constructor sets warmup_steps from _get_lr(warmup_t).
		if msg := c.problem(c.warmT); msg != "" {
			return nil, errorf("warmup_t", "timm's constructor evaluates _get_lr(warmup_t) and fails: "+msg)
		}
		c.warmStep = (c.at(c.warmT, 0) - c.warmInit) / float64(c.warmT)
	}
	return c, nil
}

// timmTanh is timm.scheduler.TanhLRScheduler.
//
// The lr of step i is _get_lr(i). For i < warmup_t it is
// warmup_lr_init + i·((v − warmup_lr_init)/warmup_t), v = lr under
// warmup_prefix and v = _get_lr(warmup_t) without. Otherwise, with
// t = i − warmup_t under warmup_prefix and t = i without, the cycle c, T_c
// and t_c as in timm.CosineLRScheduler, and r = t_c/T_c:
//
//	c < cycle_limit:  lr_min + 0.5·(lr·cycle_decay^c − lr_min)·(1 − tanh(lb·(1 − r) + ub·r))
//	c ≥ cycle_limit:  lr_min
//
// Special cases are:
//
//	warmup_t 0: no warmup
//	warmup_prefix false: the warmup climbs to the tanh's value at warmup_t, not to lr
//	cycle_limit 0: lr_min from the end of warmup on
//	m ≠ 1: the logarithm can round a cycle start a step early or late, so r can pass 1 or fall below 0
//	m < 1: the cycles add up to T/(1 − m) steps; past that math.log raises ValueError, an error here
//	cycle_decay^c overflowing in an active cycle: timm raises OverflowError, an error here
//	the lr overflowing to +Inf (timm would set it): an error here
//
// tanh is xmath.Tanh, glibc's bit for bit; powers and logarithms are correctly
// rounded (see timm.CosineLRScheduler).
type timmTanh struct {
	timmCycles
	lb, ub float64
}

func (c *timmTanh) value(t int64, cy *timmCycle) float64 {
	if !cy.active {
		return c.lrMin
	}
	tr := c.tcurr(t, cy) / cy.ti
	arg := float64(c.lb*(1-tr)) + float64(c.ub*tr)
	return c.lrMin + float64(float64(0.5*(cy.lrMax-c.lrMin))*(1-xmath.Tanh(arg)))
}

func (c *timmTanh) at(i, n int64) float64 { return c.lrAt(i, c.baseCycle, c.value) }

func (c *timmTanh) fill(dst []float64) { c.fillCycles(dst, c.baseCycle, c.value) }

// events: see cycleEvents. Within a cycle the tanh's argument only grows
// with t (lb < ub), so the lr is monotone: there are no turns.
func (c *timmTanh) events(n, from, to int64, yield func(Event) bool) {
	c.cycleEvents(n, from, to, yield, nil)
}

// checkSteps reports the steps where timm raises: math.log's domain error
// past the end of shrinking cycles, OverflowError from cycle_decay^c in an
// active cycle; and where the lr overflows to +Inf. As for
// timm.CosineLRScheduler, each gets worse as the step grows while the cycles
// are active, so the last active step and the last step decide.
func (c *timmTanh) checkSteps(n int64) error {
	if n <= c.warmT {
		return nil
	}
	first, last := c.warmT, n-1
	probe := c.probeStep(first, last)
	for _, p := range []int64{first, probe, last} {
		if c.problem(p) != "" {
			at := firstTrue(first-1, p, func(x int64) bool { return c.problem(x) != "" })
			return timmFail(timmTanhKind, at, c.problem(at))
		}
	}
	return nil
}

// problem says why _get_lr(s) raises or overflows, or "" if it does not.
func (c *timmTanh) problem(s int64) string {
	t := s - c.offset()
	i := c.index(t)
	switch {
	case i == timmNever:
		return timmLogDomain
	case i >= c.limit:
		return ""
	}
	cy := c.baseCycle(i)
	if cy.gammaInf {
		return "cycle_decay ** " + itoa(i) + " raises OverflowError"
	}
	if v := c.value(t, &cy); math.IsInf(v, 0) || math.IsNaN(v) || math.IsInf(cy.lrMax, 0) {
		return "the lr overflows to +Inf"
	}
	return ""
}

// shape: the tanh curve is timm's alone.
func (c *timmTanh) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	if c.limit == 0 {
		sh.form, sh.warmup, sh.start, sh.peak = shapeFlat, c.warmT, c.warmInit, c.lrMin
		if c.warmT > 0 && !c.prefix {
			return sh, "without warmup_prefix the warmup climbs to lr_min, which only timm's TanhLRScheduler does"
		}
		return sh, ""
	}
	return sh, "a tanh decay (1 − tanh(lb·(1 − t/T) + ub·t/T)), which only timm's TanhLRScheduler draws"
}

// lintFacts describes a run of n steps for Lint.
func (c *timmTanh) lintFacts(ls lintSpec, n int64) lintFacts {
	f := c.lintCycles(ls, n, "the tanh", false)
	f.lintEtaMin(c.lr, c.lrMin, "lr_min", "lr", "each tanh", floorFix("lr_min"))
	f.lintZeroLR(ls.k, c.lr)
	return f
}
