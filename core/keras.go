package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// Keras 3 schedules (keras-team/keras, keras/src/optimizers/schedules/
// learning_rate_schedule.py). Keras computes a schedule in the dtype of
// initial_learning_rate; a Python float becomes a float32 tensor, so every
// operation below is done in float32, in the source's order, each result
// rounded to float32 (the explicit float32 conversions also keep Go from
// fusing a multiply and an add). Transcendental functions are evaluated in
// float64 and rounded: float32(xmath.Cos(float64(x))). Python floats that meet
// a float32 tensor are converted to float32 first; a Python-only expression
// such as CosineDecay's (1 - self.alpha) is computed in float64 and then
// converted, as Python does.

var kerasCosineDecayKind = register(&Kind{
	Name:      "keras.CosineDecay",
	order:     400,
	code:      kerasCode,
	imports:   []importSig{{callee: "CosineDecay", params: []string{"initial_learning_rate", "decay_steps", "alpha", "name", "warmup_target", "warmup_steps"}}},
	Framework: "Keras",
	Title:     "CosineDecay (optional linear warmup)",
	Doc: "An optional linear warmup from initial_learning_rate to warmup_target over warmup_steps steps " +
		"(only when warmup_target is set), then a half cosine from warmup_target (or initial_learning_rate) " +
		"down to alpha times it over decay_steps steps. Past the end the step is clamped, so the lr stays " +
		"at alpha·peak. Computed in float32, as Keras does for a Python float initial_learning_rate; " +
		"step counts above 2^24 are rounded to float32 too.",
	Convention:   "schedule(i): the value the schedule returns for optimizer.iterations = i",
	Link:         "https://keras.io/api/optimizers/learning_rate_schedules/cosine_decay/",
	Example:      `{"kind": "keras.CosineDecay", "initial_learning_rate": 0.0, "decay_steps": 900, "warmup_target": 0.1, "warmup_steps": 100}`,
	ExampleSteps: 1200,
	Params: []Param{
		{Name: "initial_learning_rate", Type: Float, Required: true, Range: kerasLRRange,
			Doc:  "the lr at step 0: where warmup starts, or the peak of the decay when warmup_target is null",
			Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
		{Name: "decay_steps", Type: Int, Required: true, Range: between(1, maxInt),
			Doc:  "length of the cosine decay in steps, counted after warmup (Keras requires > 0)",
			Hint: Hint{Min: 1, Max: 10000, Step: 1}},
		{Name: "alpha", Type: Float, Default: 0.0, Range: atLeast(0),
			Doc:  "the final lr as a fraction of the decay's peak",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
		{Name: "warmup_target", Type: Float, Default: nil, Nullable: true, Range: kerasLRRange,
			Doc:  "the lr at the end of warmup and the peak of the decay; null skips warmup",
			Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
		{Name: "warmup_steps", Type: Int, Default: int64(0), Range: between(0, maxInt),
			Doc:  "length of the linear warmup in steps (ignored when warmup_target is null)",
			Hint: Hint{Min: 0, Max: 1000, Step: 1}},
	},
	build: buildKerasCosineDecay,
})

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
		{Name: "initial_learning_rate", Type: Float, Required: true, Range: kerasLRRange,
			Doc:  "the lr at step 0, the peak of the first cycle",
			Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
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

// kerasLRRange admits learning rates that are finite in float32.
var kerasLRRange = Range{Min: 0, Max: math.MaxFloat32}

// kerasPi is ops.array(math.pi, dtype="float32").
var kerasPi = float32(math.Pi)

func kerasCos(x float32) float32    { return float32(xmath.Cos(float64(x))) }
func kerasLog(x float32) float32    { return float32(xmath.Log(float64(x))) }
func kerasPow(x, y float32) float32 { return float32(xmath.Pow(float64(x), float64(y))) }
func kerasFloor(x float32) float32  { return float32(math.Floor(float64(x))) }

// kerasStep is ops.cast(step, "float32"): round to nearest, ties to even.
func kerasStep(i int64) float32 { return float32(i) }

// kerasFirstStepAtLeast returns the smallest step i ≥ 0 with float32(i) ≥ x,
// for a finite x ≥ 0 (steps above 2^24 share float32 values).
func kerasFirstStepAtLeast(x float32) int64 {
	if x <= 0 {
		return 0
	}
	// float32(-1) < x ≤ float32(⌈x⌉)
	return firstTrue(-1, int64(math.Ceil(float64(x))), func(i int64) bool { return kerasStep(i) >= x })
}

// kerasCosineDecay is keras.optimizers.schedules.CosineDecay, in float32:
// each operation is rounded to float32 in the source's order, and cos is
// float32(xmath.Cos(float64(x))).
//
// The lr of step i is schedule(i). With s = min(float32(i), decay_steps) when
// warmup_target is null, and s = min(float32(i), decay_steps + warmup_steps)
// otherwise:
//
//	warmup (s < warmup_steps):  (warmup_target − initial_learning_rate)·(s/warmup_steps) + initial_learning_rate
//	decay:                      peak·((1 − alpha)·0.5·(1 + cos(π·(s − warmup_steps)/decay_steps)) + alpha)
//
// where peak is warmup_target, or initial_learning_rate without warmup.
//
// Special cases are:
//
//	warmup_target null: warmup_steps is ignored, the decay starts at step 0
//	warmup_target set, warmup_steps 0: no warmup, the decay starts from warmup_target
//	step ≥ warmup_steps + decay_steps: alpha·peak for ever
//	alpha 0: the lr reaches exactly 0 and stays there
//	alpha > 1: the "decay" rises from peak to alpha·peak
//	steps above 2^24: float32(step) rounds, so neighbouring steps share a value
type kerasCosineDecay struct {
	ilr, decaySteps, alpha float32
	oneMinusAlpha          float32 // float32(1 - alpha), computed in float64 as Python does
	warmup                 bool    // warmup_target is not None
	target, warmupSteps    float32
	end                    float32 // decay_steps + warmup_steps (float32), the clamp
}

func buildKerasCosineDecay(a args) (kindCurve, error) {
	c := &kerasCosineDecay{
		ilr:           float32(a.float("initial_learning_rate")),
		decaySteps:    float32(a.int("decay_steps")),
		alpha:         float32(a.float("alpha")),
		oneMinusAlpha: float32(1 - a.float("alpha")),
	}
	peak := float64(c.ilr)
	if !a.null("warmup_target") {
		c.warmup = true
		c.target = float32(a.float("warmup_target"))
		c.warmupSteps = float32(a.int("warmup_steps"))
		c.end = c.decaySteps + c.warmupSteps
		peak = float64(c.target)
	}
	// The largest value is max(initial_learning_rate, peak, alpha·peak); it must stay finite in float32.
	if alpha := a.float("alpha"); math.IsInf(float64(c.alpha), 0) || peak*alpha >= math.MaxFloat32 {
		return nil, errorf("alpha", formatFloat(alpha)+" times the peak lr "+formatFloat(peak)+
			" overflows float32 (the largest is about 3.4e38)")
	}
	return c, nil
}

func (c *kerasCosineDecay) decay(step, from float32) float32 {
	fraction := step / c.decaySteps
	cosine := float32(0.5) * float32(1.0+kerasCos(float32(kerasPi*fraction)))
	decayed := float32(c.oneMinusAlpha*cosine) + c.alpha
	return float32(from * decayed)
}

func (c *kerasCosineDecay) at(i, n int64) float64 {
	step := kerasStep(i)
	if !c.warmup {
		return float64(c.decay(min(step, c.decaySteps), c.ilr))
	}
	step = min(step, c.end)
	if step < c.warmupSteps {
		fraction := step / c.warmupSteps
		delta := c.target - c.ilr
		return float64(float32(delta*fraction) + c.ilr)
	}
	return float64(c.decay(step-c.warmupSteps, c.target))
}

// clampStep is the first step whose float32 value reaches the clamp: from
// there on every step evaluates the same expression.
func (c *kerasCosineDecay) clampStep() int64 {
	if c.warmup {
		return kerasFirstStepAtLeast(c.end)
	}
	return kerasFirstStepAtLeast(c.decaySteps)
}

// fill evaluates up to the clamp and copies the constant after it; the values
// are those of at.
func (c *kerasCosineDecay) fill(dst []float64) {
	n := int64(len(dst))
	end := min(c.clampStep(), n)
	for i := int64(0); i < end; i++ {
		dst[i] = c.at(i, n)
	}
	if end < n {
		v := c.at(end, n)
		for i := end; i < n; i++ {
			dst[i] = v
		}
	}
}

func (c *kerasCosineDecay) events(n, from, to int64, yield func(Event) bool) {
	w := int64(0)
	if c.warmup {
		w = kerasFirstStepAtLeast(c.warmupSteps)
	}
	end := c.clampStep()
	if w > 0 && w >= from && w < to && !yield(Event{w, WarmupEnd}) {
		return
	}
	if end > w && end >= from && end < to {
		yield(Event{end, Boundary})
	}
}

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
func (c *kerasCosineDecay) shape(a args, n int64) (shape, string) {
	sh := newShape()
	ilr, alpha := a.float("initial_learning_rate"), a.float("alpha")
	sh.peak, sh.length = ilr, float64(a.int("decay_steps"))
	if !a.null("warmup_target") {
		sh.warmup, sh.start, sh.peak = a.int("warmup_steps"), ilr, a.float("warmup_target")
	}
	sh.floor = alpha * sh.peak
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *kerasCosineDecay) lintFacts(ls lintSpec, n int64) lintFacts {
	a, k := ls.a, ls.k
	f := lintFacts{unit: "scheduler.step() calls"}
	f.unit = "optimizer iterations"
	peak := float64(c.ilr)
	f.peakName = ls.v("initial_learning_rate")
	ds := a.int("decay_steps")
	f.endName = ls.v("decay_steps") + " ends the decay"
	w := int64(0)
	if c.warmup {
		w = kerasFirstStepAtLeast(c.warmupSteps)
		f.warmup, f.warmupName, f.warmupParam = min(w, n), ls.v("warmup_steps"), "warmup_steps"
		peak, f.peakName = float64(c.target), ls.v("warmup_target")
		f.endName = "warmup_steps + decay_steps = " + itoa(w+ds) + " ends the decay"
		f.scale = ls.scale("decay_steps", "warmup_steps")
	} else {
		f.scale = ls.scale("decay_steps")
	}
	f.end = w + ds
	if n > f.warmup {
		f.fitEnd = ls.set("decay_steps", float64(n-f.warmup))
	}
	f.peak, f.floor = peak, float64(c.alpha)*peak
	f.floorName = "alpha·peak = " + formatFloat(f.floor)
	f.lintFraction(float64(c.alpha), "alpha", "the decay")
	f.lintZeroLR(k, peak)
	return f
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

// keras is a framework.
var _ = registerFramework(&framework{name: "keras", title: "Keras", order: 400, float32: true, target: kerasTarget})

// kerasTarget writes a shape as specs of Keras's kinds (see target).
func kerasTarget(sh *shape, n int64) ([]candidate, []string) {
	switch {
	case sh.under:
		return nil, []string{"Keras's cosines start after the warmup, not under it (timm's warmup_prefix false)"}
	case sh.stable > 0:
		return nil, []string{"Keras's schedules have no stable phase"}
	case sh.form != shapeCosine && sh.form != shapeFlat:
		return nil, notCosine(sh, "Keras", " (Keras's PolynomialDecay and ExponentialDecay are not kinds here yet)")
	case sh.form == shapeCosine && !isInt(sh.length):
		return nil, []string{"Keras's decay steps are whole steps, not " + formatFloat(sh.length)}
	}
	alpha := 0.0
	if sh.peak > 0 {
		alpha = sh.floor / sh.peak
	} else if sh.floor != 0 {
		return nil, []string{"Keras's alpha is a fraction of a peak lr of 0"}
	}
	decay := func(steps int64, alpha float64) candidate {
		if sh.warmup == 0 {
			return spec(kerasCosineDecayKind, "initial_learning_rate", sh.peak, "decay_steps", steps, "alpha", alpha)
		}
		return spec(kerasCosineDecayKind, "initial_learning_rate", sh.start, "decay_steps", steps, "alpha", alpha,
			"warmup_target", sh.peak, "warmup_steps", sh.warmup)
	}
	if sh.form == shapeFlat {
		return []candidate{decay(1, 1)}, nil
	}
	var c []candidate
	var why []string
	if sh.asHold(n) && sh.seen(n) <= 1 {
		c = append(c, decay(int64(sh.length), alpha))
	}
	if sh.warmup == 0 && sh.asForever(n) {
		if sh.seen(n) > 1 && sh.decay != 1 && !sh.ampDecay && sh.floor != 0 {
			why = append(why, ampText(sh, "Keras's m_mul"))
		} else {
			c = append(c, spec(kerasCosineDecayRestartsKind, "initial_learning_rate", sh.peak, "first_decay_steps", int64(sh.length),
				"t_mul", sh.mult, "m_mul", sh.decay, "alpha", alpha))
		}
	}
	switch {
	case len(c) > 0 || len(why) > 0:
		return c, why
	case sh.seen(n) > 1 && sh.warmup > 0:
		return nil, []string{"Keras's CosineDecayRestarts has no warmup, and its CosineDecay has one cycle"}
	case sh.seen(n) > 1:
		return nil, []string{sh.tailText() + "; Keras's CosineDecayRestarts restarts for ever"}
	case sh.warmup > 0:
		return nil, []string{sh.tailText() + "; Keras's CosineDecay holds alpha·warmup_target after its decay, and CosineDecayRestarts has no warmup"}
	}
	return nil, []string{sh.tailText() + "; Keras's CosineDecay holds alpha·initial_learning_rate after its decay, and CosineDecayRestarts restarts"}
}

// kerasCode writes a snippet that calls a Keras schedule at each step.
func kerasCode(w *pyWriter, s *Schedule, steps int64) {
	w.put(`import keras

schedule = keras.optimizers.schedules.{name}(
{all_args})

# An optimizer given learning_rate=schedule uses schedule(optimizer.iterations) at each update.
lrs = [float(schedule(step)) for step in range({n})]
print(lrs)
`)
}
