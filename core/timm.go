package core

import (
	"math"
	"slices"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// timm's CosineLRScheduler (huggingface/pytorch-image-models,
// timm/scheduler/cosine_lr.py, with scheduler.py setting the values).
// _get_lr is ported operation by operation in Python's float64 order; the
// noise options are out of scope, and t_in_epochs does not matter because
// LR Playground indexes by step.

var timmCosineKind = register(&Kind{
	Name:  "timm.CosineLRScheduler",
	order: 200,
	code:  timmCode,
	imports: []importSig{{callee: "CosineLRScheduler", params: []string{"optimizer", "t_initial", "lr_min", "cycle_mul", "cycle_decay", "cycle_limit", "warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", "noise_range_t", "noise_pct", "noise_std", "noise_seed", "k_decay", "initialize"},
		renamed: map[string]string{"t_mul": "cycle_mul", "decay_rate": "cycle_decay"},
		renamedNote: "t_mul and decay_rate are timm's names from before 0.5, read as cycle_mul and cycle_decay; " +
			"before 0.5, cycle_limit defaulted to 0 (no limit) where it is now 1"}},
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
	Params: slices.Concat([]Param{timmLRParam(", the peak of the first cycle"), timmTInitialParam, timmLRMinParam},
		timmCycleParams(timmCycleLimitParam),
		timmWarmupParams("", false, "start the cosine after warmup (true) rather than counting warmup steps as cosine steps (false)"),
		[]Param{{Name: "k_decay", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc:  "the k of k-decay: the cosine of π·(t^k/T^k); 1 is the plain cosine",
			Hint: Hint{Min: 0.25, Max: 4, Step: 0.05}}}),
	build: buildTimmCosine,
})

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
//	m ≠ 1: the logarithm can round a cycle start a step late (the last step of a cycle then sits at lr_min);
//	    with m within a few ulps of 1, by up to half a cycle either way, so the cosine tops out or
//	    bottoms out inside a cycle (Peak and Trough events there, turns)
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
	timmCycles
	k    float64
	kInt bool
}

func buildTimmCosine(a args) (kindCurve, error) {
	c := &timmCosine{timmCycles: newTimmCycles(a), k: a.float("k_decay")}
	c.kInt = c.k == math.Trunc(c.k)
	return c, nil
}

// cycle is baseCycle with T_c^k.
func (c *timmCosine) cycle(i int64) timmCycle { return c.kCycle(i, c.k) }

// angle is the cosine's argument π·t_c^k/T_c^k at t in cycle cy.
func (c *timmCosine) angle(t int64, cy *timmCycle) float64 {
	tc := c.tcurr(t, cy)
	if tc < 0 && !c.kInt {
		tc = 0 // timm raises TypeError here; checkSteps reports it
	}
	return float64(math.Pi*xmath.Pow(tc, c.k)) / cy.tik
}

func (c *timmCosine) value(t int64, cy *timmCycle) float64 {
	if !cy.active {
		return c.lrMin
	}
	return c.lrMin + float64(float64(0.5*(cy.lrMax-c.lrMin))*(1+xmath.Cos(c.angle(t, cy))))
}

func (c *timmCosine) at(i, n int64) float64 { return c.lrAt(i, c.cycle, c.value) }

func (c *timmCosine) fill(dst []float64) { c.fillCycles(dst, c.cycle, c.value) }

// events: see cycleEvents; with cycle_mul ≠ 1, the turns inside a cycle
// (turns).
func (c *timmCosine) events(n, from, to int64, yield func(Event) bool) {
	c.cycleEvents(n, from, to, yield, c.turns)
}

// turns yields the turns inside cycle i, whose drawn steps have t in
// [start, end), that lie in [lo, hi), and returns false when yield did.
//
// With cycle_mul ≠ 1 the float index can start a cycle before its float
// start s_c (cycle_mul = 1 + 10^-15 starts the second cycle of t_initial =
// 300 at t = 271, t_c = −29) or end it after s_c + T_c. The value depends on
// t only through |a|, a = π·t_c^k/T_c^k (cos is even; an odd k keeps the
// sign of t_c, an even one drops it), and |a| falls while t_c < 0, then
// rises; every rounding on the way is monotone. So the value is monotone
// between the steps where t_c reaches 0 (the cosine's top) and where |a|
// passes π (its bottom), and those are the turns. The index stays within
// about half a cycle of s_c (it and s_c round the same geometric sum), so
// |a| stays below 2π; should it pass 2π, every step of that cycle is a Turn.
func (c *timmCosine) turns(i, start, end, lo, hi int64, yield func(Event) bool) bool {
	cy := c.cycle(i)
	if end == timmNever {
		end = MaxSteps
	}
	if c.k == 0 || cy.lrMax == c.lrMin || start >= end || max(start+1, lo) >= min(end, hi) {
		return true // constant, or no step inside both
	}
	top, bottom, emit := c.turnEmitter(&cy, start, end, lo, hi, yield)
	abs := func(t int64) float64 { return math.Abs(c.angle(t, &cy)) }
	const pi, twoPi = math.Pi, 2 * math.Pi // the floats below π and 2π: |a| > pi is |a| ≥ π
	// t_c ≥ 0 from zero on: float64(t) − s_c ≥ 0 exactly when float64(t) ≥ s_c.
	zero := min(max(int64(math.Ceil(cy.si)), start), end)
	if abs(start) > twoPi || (end-1 >= zero && abs(end-1) > twoPi) {
		for t := max(start+1, lo); t < min(end, hi); t++ {
			if !yield(Event{t + c.offset(), Turn}) {
				return false
			}
		}
		return true
	}
	if zero > start && abs(start) > pi { // falling through π before the top
		if !emit(firstAt(start, zero, func(t int64) bool { return abs(t) <= pi }), bottom) {
			return false
		}
	}
	if !emit(zero, top) {
		return false
	}
	return emit(firstAt(zero, end, func(t int64) bool { return abs(t) > pi }), bottom)
}

// timmScanLimit bounds how many cycle starts checkSteps inspects for the
// TypeError of a negative t_c with a non-integer k_decay.
const timmScanLimit = 1 << 16

// checkSteps reports the steps where timm raises: math.log's domain error
// past the end of shrinking cycles, OverflowError from cycle_decay^c or
// T_c^k, TypeError from a negative t_c to a non-integer power; and where the
// lr itself overflows to +Inf.
func (c *timmCosine) checkSteps(n int64) error {
	if err := c.checkK(timmCosineKind, n, c.problem); err != nil || c.mul == 1 || c.kInt {
		return err
	}
	first := c.warmT
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
			return timmFail(timmCosineKind, t+off, "t_curr rounds to "+formatFloat(tc)+" there, and t_curr ** k_decay with k_decay "+
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
func (c *timmCosine) problem(s int64) string { return c.problemK(s, c.k, c.value) }

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *timmCosine) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	switch {
	case c.k != 1:
		return sh, "k_decay " + formatFloat(c.k) + " bends each cycle (the cosine of π·(t/T)^k), which only timm does"
	case c.limit <= 0:
		return sh, "with cycle_limit " + itoa(c.limit) + " the lr drops to lr_min as soon as warmup ends"
	case c.mul < 1:
		return sh, "cycle_mul below 1 shrinks the cycles towards a finite total"
	}
	sh.warmup, sh.start = c.warmT, c.warmInit
	sh.peak, sh.floor, sh.length = c.lr, c.lrMin, c.tInitF
	sh.mult, sh.decay, sh.cycles = c.mul, c.decay, c.limit
	sh.under = c.warmT > 0 && !c.prefix
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *timmCosine) lintFacts(ls lintSpec, n int64) lintFacts {
	f := c.lintCycles(ls, n, "the cosine", true)
	if !c.prefix && c.warmT > 0 {
		f.jumpWhy = "without warmup_prefix, timm's cosine counts the warmup steps, so warmup hides the first " +
			itoa(c.warmT) + " steps of the cosine"
		f.jumpFix = lintFix("warmup_prefix", true)
	}
	if c.k == 0 {
		f.flatWhy, f.flatFix = "k_decay = 0 puts every step at the end of its cycle", lintFix("k_decay", 1.0)
	}
	f.lintEtaMin(c.lr, c.lrMin, "lr_min", "lr", "each cosine", floorFix("lr_min"))
	f.lintZeroLR(ls.k, c.lr)
	return f
}

// timm is a framework.
var _ = registerFramework(&framework{name: "timm", title: "timm", order: 200, tools: &timmTools{}})

// timmTools are timm's hooks for the tools (see frameworkTools).
type timmTools struct{}

// target writes a shape as specs of timm's kinds (see frameworkTools).
func (*timmTools) target(sh *shape, n int64) ([]candidate, []string) {
	switch {
	case sh.stable > 0:
		return nil, []string{"timm's CosineLRScheduler has no stable phase before its cosine"}
	case sh.form != shapeCosine && sh.form != shapeFlat:
		return nil, notCosine(sh, "timm", " (timm.CosineLRScheduler draws cosines)")
	case !isInt(sh.length) && sh.form == shapeCosine:
		return nil, []string{"timm's t_initial is a whole number of steps, not " + formatFloat(sh.length)}
	case !sh.asHold(n):
		return nil, []string{sh.tailText() + "; timm holds lr_min after its last cycle"}
	case sh.ampDecay && sh.decay != 1 && sh.seen(n) > 1:
		return nil, []string{ampText(sh, "timm's cycle_decay")}
	}
	c := spec(timmCosineKind, "lr", sh.peak, "lr_min", sh.floor, "warmup_t", sh.warmup, "warmup_lr_init", sh.start,
		"warmup_prefix", sh.warmup > 0 && !sh.under)
	if sh.form == shapeFlat {
		c.values["t_initial"], c.values["lr_min"] = int64(1), sh.peak
		return []candidate{c}, nil
	}
	cycles := sh.cycles
	if cycles == 0 {
		cycles = max(sh.seen(n), 1)
	}
	c.values["t_initial"], c.values["cycle_mul"], c.values["cycle_decay"], c.values["cycle_limit"] = int64(sh.length), sh.mult, sh.decay, cycles
	return []candidate{c}, nil
}

const (
	timmCodeOptions = "    t_in_epochs=False,  # by optimizer update, as LR Playground counts steps\n"
	timmCodeLoop    = `
lrs = []
for step in range({run}):
    scheduler.step_update(num_updates=step)  # sets the lr of update ` + "`step`" + `
    lrs.append(optimizer.param_groups[0]["lr"])
    optimizer.step()  # in training: forward pass and loss.backward() first
print(lrs)
`
)

// timmCode writes a snippet that steps timm's scheduler by update.
func timmCode(w *pyWriter, s *Schedule, steps int64) {
	w.set("lr", pyFloatLiteral(s.args.float("lr")))
	w.put("import torch\nfrom timm.scheduler import {name}\n\n" + pyStandIn +
		"optimizer = torch.optim.SGD(params, lr={lr})\nscheduler = {name}(\n    optimizer,\n{args}" + timmCodeOptions + ")\n" + timmCodeLoop)
}
