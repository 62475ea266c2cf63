package core

import (
	"math"
	"slices"

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

// turnEmitter returns the events of the top and the bottom of cycle cy's
// curve (Peak and Trough, or the other way round where the cycle rises to
// lr_min), and emit, which yields an event at t, turned into a step, when t
// is in (start, end) and [lo, hi), and returns false when yield did.
func (c *timmCycles) turnEmitter(cy *timmCycle, start, end, lo, hi int64,
	yield func(Event) bool) (top, bottom EventKind, emit func(t int64, kind EventKind) bool) {
	top, bottom = Peak, Trough
	if cy.lrMax < c.lrMin {
		top, bottom = Trough, Peak
	}
	return top, bottom, func(t int64, kind EventKind) bool {
		if t <= start || t >= end || t < lo || t >= hi {
			return true
		}
		return yield(Event{t + c.offset(), kind})
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

// The parameters timm's kinds share, with the words that differ between
// kinds given by each kind.

// timmLRParam is lr; peak ends its doc.
func timmLRParam(peak string) Param {
	return Param{Name: "lr", Type: Float, Default: 0.1, Range: atLeast(0),
		Doc:  "the optimizer's base lr (timm reads it from the optimizer; 0.1 here unless given)" + peak,
		Hint: Hint{Min: 1e-5, Max: 1, Log: true}}
}

// timmTInitialParam is t_initial.
var timmTInitialParam = Param{Name: "t_initial", Type: Int, Required: true, Range: between(1, maxInt),
	Doc:  "length of the first cycle in steps (timm asserts t_initial > 0)",
	Hint: Hint{Min: 1, Max: 1000, Step: 1}}

// timmLRMinParam is lr_min of the cosine and poly schedulers.
var timmLRMinParam = Param{Name: "lr_min", Type: Float, Default: 0.0, Range: atLeast(0),
	Doc:  "the bottom of every cycle, and the lr after cycle_limit cycles (timm asserts lr_min ≥ 0)",
	Hint: Hint{Min: 0, Max: 0.01}}

// timmCycleLimitParam is cycle_limit of the cosine and poly schedulers.
var timmCycleLimitParam = Param{Name: "cycle_limit", Type: Int, Default: int64(1), Range: between(-maxInt, maxInt),
	Doc:  "how many cycles run before the lr stays at lr_min (≤ 0: none)",
	Hint: Hint{Min: 1, Max: 10, Step: 1}}

// timmCycleParams are cycle_mul, cycle_decay and the kind's cycle_limit.
func timmCycleParams(limit Param) []Param {
	return []Param{
		{Name: "cycle_mul", Type: Float, Default: 1.0, Range: above(0),
			Doc:  "each cycle is cycle_mul times longer than the one before (≤ 0 makes math.log raise)",
			Hint: Hint{Min: 0.5, Max: 3, Step: 0.05}},
		{Name: "cycle_decay", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc:  "each cycle's peak is cycle_decay times the one before",
			Hint: Hint{Min: 0, Max: 1, Step: 0.05}},
		limit,
	}
}

// timmWarmupParams are warmup_t, warmup_lr_init (initNote ends its doc) and
// warmup_prefix (its default and doc the kind's).
func timmWarmupParams(initNote string, prefix bool, prefixDoc string) []Param {
	return []Param{
		{Name: "warmup_t", Type: Int, Default: int64(0), Range: between(0, maxInt),
			Doc:  "length of the linear warmup in steps (0: none)",
			Hint: Hint{Min: 0, Max: 100, Step: 1}},
		{Name: "warmup_lr_init", Type: Float, Default: 0.0, Range: atLeast(0),
			Doc:  "the lr at step 0 of warmup" + initNote,
			Hint: Hint{Min: 0, Max: 0.01}},
		{Name: "warmup_prefix", Type: Bool, Default: prefix, Doc: prefixDoc},
	}
}

// timmValue is a cyclic kind's _get_lr past warmup at t in cycle cy, and
// timmCycleOf what it computes from the cycle index alone.
type (
	timmValue   func(t int64, cy *timmCycle) float64
	timmCycleOf func(i int64) timmCycle
)

// lrAt is at of a cyclic kind: the warmup, then value.
func (c *timmCycles) lrAt(i int64, cycle timmCycleOf, value timmValue) float64 {
	if i < c.warmT {
		return c.warmup(i)
	}
	t := i - c.offset()
	cy := cycle(c.index(t))
	return value(t, &cy)
}

// fillCycles is fill of a cyclic kind: it computes cycle by cycle, so the
// logarithm and powers are evaluated once per cycle; the values are those of
// lrAt.
func (c *timmCycles) fillCycles(dst []float64, cycle timmCycleOf, value timmValue) {
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
			cy = cycle(c.index(t))
			next = c.nextCycle(t, cy.i)
		}
		dst[i] = value(t, &cy)
	}
}

// kCycle is baseCycle with T_c^k, for the kinds with k_decay.
func (c *timmCycles) kCycle(i int64, k float64) timmCycle {
	cy := c.baseCycle(i)
	cy.tik = xmath.Pow(cy.ti, k)
	return cy
}

// timmFail is the error of a timm kind that fails at step at.
func timmFail(kind *Kind, at int64, msg string) error {
	return errorf("steps", kind.Name+" fails at step "+itoa(at)+": "+msg+"; use at most "+itoa(at)+" steps")
}

// probeStep is the step past warmup that decides checkSteps with last:
// each problem only gets worse as the step grows while the cycles are
// active, and past cycle_limit the lr is lr_min, so the last step decides,
// or, when the run goes past the cycles, the last step of the last one.
func (c *timmCycles) probeStep(first, last int64) int64 {
	off := c.offset()
	if c.index(last-off) >= c.limit {
		if end := firstTrue(first-1, last, func(x int64) bool { return c.index(x-off) >= c.limit }); end-1 >= first {
			return end - 1
		}
	}
	return last
}

// checkK is the checkSteps that the kinds with k_decay share: the first
// step past warmup where problemK reports, or nil.
func (c *timmCycles) checkK(kind *Kind, n int64, problem func(s int64) string) error {
	if n <= c.warmT {
		return nil
	}
	first, last := c.warmT, n-1
	if msg := problem(first); msg != "" {
		return timmFail(kind, first, msg)
	}
	for _, p := range []int64{c.probeStep(first, last), last} {
		if msg := problem(p); msg != "" {
			at := firstTrue(first, p, func(x int64) bool { return problem(x) != "" })
			return timmFail(kind, at, problem(at))
		}
	}
	return nil
}

// timmLogDomain is why _get_lr raises past the end of shrinking cycles.
const timmLogDomain = "with cycle_mul < 1 the cycles add up to t_initial/(1 − cycle_mul) steps, and past them math.log raises ValueError (math domain error)"

// problemK says why _get_lr(s) of a kind with k_decay k raises or
// overflows, or "" if it does not.
func (c *timmCycles) problemK(s int64, k float64, value timmValue) string {
	t := s - c.offset()
	i := c.index(t)
	if i == timmNever {
		return timmLogDomain
	}
	cy := c.kCycle(i, k)
	if cy.gammaInf {
		return "cycle_decay ** " + itoa(i) + " raises OverflowError"
	}
	if !cy.active {
		return ""
	}
	if math.IsInf(cy.tik, 0) || math.IsInf(xmath.Pow(math.Abs(c.tcurr(t, &cy)), k), 0) {
		return "t ** k_decay raises OverflowError"
	}
	if v := value(t, &cy); math.IsInf(v, 0) || math.IsNaN(v) || math.IsInf(cy.lrMax, 0) {
		return "the lr overflows to +Inf"
	}
	return ""
}

// total is the steps of cycle_limit cycles.
func (c *timmCycles) total() float64 {
	if c.mul == 1 {
		return float64(c.limit) * c.tInitF
	}
	return c.tInitF * (xmath.Pow(c.mul, float64(c.limit)) - 1) / (c.mul - 1)
}

// lintCycles fills in what Lint says of the warmup, the peak and floor and
// the cycles of a cyclic kind; what names its curve ("the cosine"), and
// prefix says whether endName mentions warmup_prefix.
func (c *timmCycles) lintCycles(ls lintSpec, n int64, what string, prefix bool) lintFacts {
	f := lintFacts{unit: "scheduler updates (the steps passed to step_update)"}
	f.warmup, f.warmupName, f.warmupParam = min(c.warmT, n), ls.v("warmup_t"), "warmup_t"
	f.peak, f.floor, f.peakName, f.floorName = c.lr, c.lrMin, ls.v("lr"), ls.v("lr_min")
	off := c.offset()
	after := ""
	if prefix && c.prefix {
		after = " after warmup_t"
	}
	switch {
	case c.limit <= 0:
		f.flatWhy = ls.v("cycle_limit") + " runs no cycle: the lr is lr_min from the end of warmup"
		f.flatFix = lintFix("cycle_limit", int64(1))
	case c.limit == 1:
		f.end = lintEnd(float64(off) + c.total())
		f.endName = ls.v("t_initial") + after + " ends " + what
		if n > off {
			f.fitEnd = ls.set("t_initial", float64(n-off))
		}
	default:
		f.end = lintEnd(float64(off) + c.total())
		f.endName = ls.v("t_initial") + " × " + ls.v("cycle_limit") + " cycles" + after + " end the schedule"
		f.cycles, f.cycleParam, f.lastCycleEnds = true, "t_initial", true
		f.noRestartWhy = "the first cycle, " + ls.v("t_initial") + " steps" + after + ", does not end within it"
	}
	if c.limit >= 1 {
		f.scale = ls.scale("t_initial", "warmup_t")
	}
	return f
}

// timmDrops is what timm's step and multistep schedulers share: the linear
// warmup, then lr·decay_rate^k, with k the kind's count of drops at a step.
type timmDrops struct {
	lr, rate           float64
	warmT              int64
	warmInit, warmStep float64
	prefix             bool
}

// newTimmDrops reads the shared parameters; warmStep is
// (lr − warmup_lr_init)/warmup_t, as timm's step schedulers set warmup_steps.
func newTimmDrops(a args) timmDrops {
	c := timmDrops{lr: a.float("lr"), rate: a.float("decay_rate"),
		warmT: a.int("warmup_t"), warmInit: a.float("warmup_lr_init"), prefix: a.bool("warmup_prefix")}
	if c.warmT > 0 {
		c.warmStep = (c.lr - c.warmInit) / float64(c.warmT)
	}
	return c
}

// timmDropArgs are the constructor arguments of the step and multistep
// schedulers, in order.
var timmDropArgs = []string{"optimizer", "decay_t", "decay_rate", "warmup_t", "warmup_lr_init", "warmup_prefix",
	"t_in_epochs", "noise_range_t", "noise_pct", "noise_std", "noise_seed", "initialize"}

// timmDropParams are lr, the kind's decay_t and decay_rate, then the warmup's.
func timmDropParams(decayT Param) []Param {
	return slices.Concat([]Param{timmLRParam(""), decayT,
		{Name: "decay_rate", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc:  "the factor of each drop (1: no decay)",
			Hint: Hint{Min: 0, Max: 1, Step: 0.05}}},
		timmWarmupParams("", true, "count decay_t from the end of warmup (true, timm's default for this scheduler) rather than from step 0"))
}

// offset is the step of t = 0.
func (c *timmDrops) offset() int64 {
	if c.prefix {
		return c.warmT
	}
	return 0
}

// lrAt is at, with k the count of drops at step i ≥ warmup_t.
func (c *timmDrops) lrAt(i int64, k func(i int64) float64) float64 {
	if i < c.warmT {
		return c.warmInit + float64(float64(i)*c.warmStep)
	}
	return c.lr * xmath.Pow(c.rate, k(i))
}

// checkDrops reports the first step where decay_rate ** k overflows (timm
// raises OverflowError) or the lr does; kText writes k. Both only grow with
// the step after warmup, so the first bad step is found by bisection.
func (c *timmDrops) checkDrops(kind *Kind, n int64, k func(i int64) float64, kText func(float64) string) error {
	bad := func(i int64) bool {
		return i >= c.warmT && (math.IsInf(xmath.Pow(c.rate, k(i)), 0) || math.IsInf(c.lrAt(i, k), 0))
	}
	if n <= 0 || !bad(n-1) {
		return nil
	}
	at := firstTrue(-1, n-1, bad)
	why := "the lr overflows to +Inf"
	if k := k(at); math.IsInf(xmath.Pow(c.rate, k), 0) {
		why = "decay_rate ** " + kText(k) + " raises OverflowError"
	}
	return timmFail(kind, at, why)
}

// warmupEnd yields WarmupEnd at warmup_t if it is in [from, to), and
// returns false when yield did.
func (c *timmDrops) warmupEnd(from, to int64, yield func(Event) bool) bool {
	w := c.warmT
	return !(w > 0 && w >= from && w < to) || yield(Event{w, WarmupEnd})
}

// flatShape is the shape of a warmup to a constant lr.
func (c *timmDrops) flatShape() shape {
	sh := newShape()
	sh.form, sh.warmup, sh.start, sh.peak = shapeFlat, c.warmT, c.warmInit, c.lr
	return sh
}

// lintDrops describes a run of n steps for Lint; noDrop, when not "", is
// why the lr never drops though decay_rate ≠ 1, and noDropFix its fix; at
// is the kind's at; scale names the step counts to scale.
func (c *timmDrops) lintDrops(ls lintSpec, n int64, noDrop string, noDropFix map[string]any, at func(i, n int64) float64, scale ...string) lintFacts {
	f := lintFacts{unit: "scheduler updates (the steps passed to step_update)"}
	f.warmup, f.warmupName, f.warmupParam = min(c.warmT, n), ls.v("warmup_t"), "warmup_t"
	f.peak, f.peakName, f.noMin = c.lr, ls.v("lr"), true
	f.scale = ls.scale(scale...)
	switch {
	case c.rate == 1:
		f.flatWhy, f.flatFix = "decay_rate = 1 leaves the lr unchanged", lintFix("decay_rate", 0.1)
	case noDrop != "":
		f.flatWhy, f.flatFix = noDrop, noDropFix
	case c.rate > 1:
		f.inverted = ls.v("decay_rate") + " > 1 makes the lr grow at every drop, to " + lintNum(at(n-1, n)) + " at the end of the run"
		f.invertedFix = lintFix("decay_rate", 1/c.rate)
	}
	f.lintZeroLR(ls.k, c.lr)
	return f
}
