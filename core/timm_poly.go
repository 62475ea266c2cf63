package core

import (
	"math"
	"slices"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var timmPolyKind = register(&Kind{
	Name:  "timm.PolyLRScheduler",
	order: 202,
	code:  timmCode,
	imports: []importSig{{callee: "PolyLRScheduler", params: []string{"optimizer", "t_initial", "power", "lr_min", "cycle_mul",
		"cycle_decay", "cycle_limit", "warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", "noise_range_t",
		"noise_pct", "noise_std", "noise_seed", "k_decay", "initialize"}}},
	Framework: "timm",
	Title:     "PolyLRScheduler (polynomial decay, warmup, restarts, k-decay)",
	Doc: "An optional linear warmup from warmup_lr_init over warmup_t steps, then polynomial cycles from " +
		"lr·cycle_decay^i down to lr_min, lr_min + (lr_max − lr_min)·(1 − t^k/T^k)^power: cycle i lasts " +
		"t_initial·cycle_mul^i steps. After cycle_limit cycles (1 by default) the lr stays at lr_min for ever. " +
		"Without warmup_prefix the decay runs on the raw step, so warmup hides its first warmup_t steps. With " +
		"cycle_mul ≠ 1 the cycle index comes from a floating-point logarithm, exactly as timm computes it; where " +
		"that puts a step outside its cycle and a fractional power or k_decay meets a negative number, timm's " +
		"lr is a complex number (it does not raise): an error here, as is a negative lr. Powers are correctly " +
		"rounded; glibc's pow, which timm's Python calls, is not in near-ties, so a few steps in a thousand can " +
		"differ from timm's in the last bit or two.",
	Convention:   "scheduler._get_lr(i), the value step_update(i) (or step(i)) sets for step i",
	Link:         "https://huggingface.co/docs/timm/reference/schedulers#timm.scheduler.PolyLRScheduler",
	Example:      `{"kind": "timm.PolyLRScheduler", "lr": 0.1, "t_initial": 400, "power": 2, "lr_min": 0.001, "warmup_t": 50, "warmup_lr_init": 0.0001, "warmup_prefix": true}`,
	ExampleSteps: 500,
	Params: slices.Concat([]Param{timmLRParam(", the peak of the first cycle"), timmTInitialParam,
		{Name: "power", Type: Float, Default: 0.5, Range: atLeast(0),
			Doc: "the power of (1 − t/T): 1 is linear, 2 falls fast then slowly, 0.5 (timm's default) the other way " +
				"(a negative power, which timm does not check, makes 0.0 ** power raise ZeroDivisionError at the end of a cycle: refused here)",
			Hint: Hint{Min: 0.1, Max: 5, Step: 0.1}},
		timmLRMinParam},
		timmCycleParams(timmCycleLimitParam),
		timmWarmupParams("", false, "start the decay after warmup (true) rather than counting warmup steps as decay steps (false)"),
		[]Param{{Name: "k_decay", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc:  "the k of k-decay: (1 − t^k/T^k)^power; 1 is the plain polynomial",
			Hint: Hint{Min: 0.25, Max: 4, Step: 0.05}}}),
	build: func(a args) (kindCurve, error) {
		c := &timmPoly{timmCycles: newTimmCycles(a), k: a.float("k_decay"), power: a.float("power")}
		c.kInt, c.pInt = c.k == math.Trunc(c.k), c.power == math.Trunc(c.power)
		return c, nil
	},
})

// timmPoly is timm.scheduler.PolyLRScheduler.
//
// The lr of step i is _get_lr(i). For i < warmup_t it is
// warmup_lr_init + i·((lr − warmup_lr_init)/warmup_t). Otherwise, with
// t = i − warmup_t under warmup_prefix and t = i without, the cycle c, T_c
// and t_c as in timm.CosineLRScheduler, and r = t_c^k/T_c^k:
//
//	c < cycle_limit:  lr_min + (lr·cycle_decay^c − lr_min)·(1 − r)^power
//	c ≥ cycle_limit:  lr_min
//
// Special cases are:
//
//	warmup_t 0: no warmup
//	warmup_prefix false: the decay counts warmup steps, so it resumes mid-cycle after warmup
//	cycle_limit ≤ 0: lr_min from the end of warmup on
//	power 0: (1 − r)^0 = 1, each cycle holds its peak
//	k_decay 0: r = 1, the lr is lr_min after warmup (power > 0)
//	m ≠ 1: the logarithm can start a cycle a step late (t_c ≥ T_c, r ≥ 1 at its last step) or, with m
//	    within a few ulps of 1, early (t_c < 0); with an even k_decay the lr then rises to the cycle's
//	    start, with an even power it turns where r passes 1 (Peak and Trough events there)
//	m ≠ 1, t_c < 0 with a non-integer k_decay, or r > 1 with a non-integer power: Python's float power of a
//	    negative number is complex, and so is the lr timm sets (silently): an error here
//	m ≠ 1, r > 1 with an odd power: the lr falls below lr_min, and a negative lr is an error here
//	m < 1: the cycles add up to T/(1 − m) steps; past that math.log raises ValueError, an error here
//	cycle_decay^c or T_c^k overflowing: timm raises OverflowError, an error here
//	the lr overflowing to +Inf (timm would set it): an error here
//	m ≠ 1, past the first 65536 cycles of a run: the complex values are not looked for; a negative t_c
//	    or 1 − r is taken as 0
type timmPoly struct {
	timmCycles
	k, power   float64
	kInt, pInt bool
}

func (c *timmPoly) cycle(i int64) timmCycle { return c.kCycle(i, c.k) }

// ratio is r = t_c^k/T_c^k at t in cycle cy (t_c below 0 taken as 0 where
// k_decay is not whole: checkSteps reports it).
func (c *timmPoly) ratio(t int64, cy *timmCycle) float64 {
	tc := c.tcurr(t, cy)
	if tc < 0 && !c.kInt {
		tc = 0
	}
	return xmath.Pow(tc, c.k) / cy.tik
}

// base is 1 − r (below 0 taken as 0 where power is not whole: checkSteps
// reports it).
func (c *timmPoly) base(t int64, cy *timmCycle) float64 {
	b := 1 - c.ratio(t, cy)
	if b < 0 && !c.pInt {
		b = 0
	}
	return b
}

func (c *timmPoly) value(t int64, cy *timmCycle) float64 {
	if !cy.active {
		return c.lrMin
	}
	return c.lrMin + float64((cy.lrMax-c.lrMin)*xmath.Pow(c.base(t, cy), c.power))
}

func (c *timmPoly) at(i, n int64) float64 { return c.lrAt(i, c.cycle, c.value) }

func (c *timmPoly) fill(dst []float64) { c.fillCycles(dst, c.cycle, c.value) }

// events: see cycleEvents; with cycle_mul ≠ 1, the turns inside a cycle
// (turns).
func (c *timmPoly) events(n, from, to int64, yield func(Event) bool) {
	c.cycleEvents(n, from, to, yield, c.turns)
}

// even reports whether x is an even whole number other than 0.
func even(x float64) bool { return x != 0 && math.Mod(x, 2) == 0 }

// turns yields the turns inside cycle i, whose drawn steps have t in
// [start, end), that lie in [lo, hi), and returns false when yield did.
//
// The value is a monotone function of 1 − r, and (1 − r)^power of r, except
// that an even power turns where r passes 1; r is a monotone function of
// t_c, except that an even k_decay turns at t_c = 0 (t_c^k then falls while
// t_c < 0). Every rounding on the way is monotone. So the turns are the
// step where t_c reaches 0 (even k_decay) and the steps where r passes 1
// (even power), before and after it.
func (c *timmPoly) turns(i, start, end, lo, hi int64, yield func(Event) bool) bool {
	cy := c.cycle(i)
	if end == timmNever {
		end = MaxSteps
	}
	if c.power == 0 || cy.lrMax == c.lrMin || start >= end || max(start+1, lo) >= min(end, hi) {
		return true // constant, or no step inside both
	}
	top, bottom, emit := c.turnEmitter(&cy, start, end, lo, hi, yield)
	over := func(t int64) bool { return c.ratio(t, &cy) > 1 }
	zero := min(max(int64(math.Ceil(cy.si)), start), end)
	if c.mul == 1 {
		zero = start
	}
	if even(c.k) && zero > start {
		if even(c.power) && over(start) && !emit(firstAt(start, zero, func(t int64) bool { return !over(t) }), bottom) {
			return false
		}
		if !emit(zero, top) {
			return false
		}
	}
	if even(c.power) {
		return emit(firstAt(zero, end, over), bottom)
	}
	return true
}

// checkSteps reports the steps where timm raises: math.log's domain error
// past the end of shrinking cycles, OverflowError from cycle_decay^c or
// T_c^k; where the lr overflows to +Inf; and where timm's lr is complex
// or negative (see problem and complexAt).
func (c *timmPoly) checkSteps(n int64) error {
	if err := c.checkK(timmPolyKind, n, c.problem); err != nil || c.mul == 1 || n <= c.warmT {
		return err
	}
	off := c.offset()
	if at, msg := c.complexAt(c.warmT-off, n-off); msg != "" {
		return timmFail(timmPolyKind, at+off, msg)
	}
	return nil
}

// complexAt returns the first t in [t0, t1) of an active cycle where timm's
// lr is complex or negative, and why, or "" if there is none among the
// first timmScanLimit cycles. A negative t_c can only be at the first step
// of a cycle and r > 1 only at its last steps (r grows with t_c ≥ 0), where
// an odd power makes the lr fall below lr_min, maybe below 0.
func (c *timmPoly) complexAt(t0, t1 int64) (int64, string) {
	t := t0
	for scanned := 0; scanned < timmScanLimit && t < t1; scanned++ {
		i := c.index(t)
		if i >= c.limit {
			return 0, ""
		}
		cy := c.cycle(i)
		if tc := c.tcurr(t, &cy); tc < 0 && !c.kInt {
			return t, "t_curr rounds to " + formatFloat(tc) + " there, and t_curr ** k_decay with k_decay " +
				formatFloat(c.k) + " is a complex number, and so is the lr timm sets (it does not raise)"
		}
		next := c.nextCycle(t, i)
		end := min(next, t1)
		if next == timmNever {
			end = t1
		}
		over := func(x int64) bool { return 1-c.ratio(x, &cy) < 0 }
		if !c.pInt && end-1 >= t && over(end-1) {
			at := firstAt(t, end, over)
			return at, "1 − t_curr^k/t_i^k is " + formatFloat(1-c.ratio(at, &cy)) + " there (the float cycle index puts " +
				"the step past its cycle's end), and that ** power " + formatFloat(c.power) +
				" is a complex number, and so is the lr timm sets (it does not raise)"
		}
		neg := func(x int64) bool { return c.value(x, &cy) < 0 }
		if c.pInt && end-1 >= t && over(end-1) && neg(end-1) {
			at := firstAt(max(t, int64(math.Ceil(cy.si))), end, neg)
			return at, "1 − t_curr^k/t_i^k is " + formatFloat(1-c.ratio(at, &cy)) + " there (the float cycle index puts " +
				"the step past its cycle's end), and the lr timm sets is negative, " + formatFloat(c.value(at, &cy))
		}
		if next == timmNever {
			return 0, ""
		}
		t = next
	}
	return 0, ""
}

// problem says why _get_lr(s) raises or overflows, or "" if it does not.
func (c *timmPoly) problem(s int64) string { return c.problemK(s, c.k, c.value) }

// shape reads a run of n steps as a shape for Translate: one polynomial
// decay (cycle_limit 1, k_decay 1) to lr_min, held after.
func (c *timmPoly) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	switch {
	case c.k != 1:
		return sh, "k_decay " + formatFloat(c.k) + " bends the decay ((1 − t^k/T^k)^power), which only timm does"
	case c.limit <= 0:
		return sh, "with cycle_limit " + itoa(c.limit) + " the lr drops to lr_min as soon as warmup ends"
	case c.limit > 1 && n-c.offset() > c.tInit:
		return sh, "polynomial cycles that restart, which only timm's PolyLRScheduler draws here"
	case c.mul != 1:
		return sh, "with cycle_mul ≠ 1 the end of the decay comes from a floating-point logarithm, which only timm computes"
	}
	sh.warmup, sh.start, sh.under = c.warmT, c.warmInit, c.warmT > 0 && !c.prefix
	sh.form, sh.peak, sh.floor, sh.length, sh.power = shapePoly, c.lr, c.lrMin, c.tInitF, c.power
	if c.power == 1 {
		sh.form = shapeLinear
	}
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *timmPoly) lintFacts(ls lintSpec, n int64) lintFacts {
	f := c.lintCycles(ls, n, "the decay", true)
	if !c.prefix && c.warmT > 0 {
		f.jumpWhy = "without warmup_prefix, timm's decay counts the warmup steps, so warmup hides the first " +
			itoa(c.warmT) + " steps of the decay"
		f.jumpFix = lintFix("warmup_prefix", true)
	}
	switch {
	case c.power == 0:
		f.flatWhy, f.flatFix = "power = 0 makes (1 − t/T)^power 1: each cycle holds its peak", lintFix("power", 1.0)
	case c.k == 0:
		f.flatWhy, f.flatFix = "k_decay = 0 puts every step at the end of its cycle", lintFix("k_decay", 1.0)
	}
	f.lintEtaMin(c.lr, c.lrMin, "lr_min", "lr", "each decay", floorFix("lr_min"))
	f.lintZeroLR(ls.k, c.lr)
	return f
}
