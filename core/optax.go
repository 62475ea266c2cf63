package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// optax schedules, ported from google-deepmind/optax
// optax/schedules/_schedule.py (cosine_decay_schedule,
// warmup_cosine_decay_schedule, linear_schedule → polynomial_schedule) and
// optax/schedules/_join.py (join_schedules). The lr of step i is
// schedule(i) for a Python int i.
//
// optax runs under JAX's default x64-disabled mode, so jnp arithmetic is
// float32: every jnp operation here is a float32 operation in the source's
// order; Python floats mixed in are weakly typed and become float32 at that
// point; subexpressions of Python floats only (1 - alpha, init_value -
// end_value, end_value / peak_value) stay float64 until they meet an array.
// Transcendental functions are computed as float32(xmath.Cos(float64(x))),
// which may differ from XLA's float32 cos in the last bit.

const (
	optaxLink = "https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html"
	// optaxMaxValue bounds learning rates so that float32 arithmetic on them
	// cannot overflow (float32's largest is about 3.4e38).
	optaxMaxValue = 1e38
	// optaxMaxInt32 is the largest Python int JAX converts to int32 with x64 off.
	optaxMaxInt32 = math.MaxInt32
)

// optaxPi is jnp.pi as it meets a float32 array.
var optaxPi = float32(math.Pi)

func optaxExponentParam() Param {
	return Param{Name: "exponent", Type: Float, Default: 1.0, Range: atLeast(0),
		Doc:  "the cosine factor 0.5·(1 + cos(π·t/T)) is raised to this power",
		Hint: Hint{Min: 0.25, Max: 4, Step: 0.25}}
}

var optaxCosineKind = register(&Kind{
	Name:      "optax.cosine_decay_schedule",
	order:     500,
	code:      optaxCode,
	imports:   []importSig{{callee: "cosine_decay_schedule", params: []string{"init_value", "decay_steps", "alpha", "exponent"}}},
	Framework: "optax",
	Title:     "Cosine decay",
	Doc: "cosine_decay_schedule: init_value·((1 − alpha)·(0.5·(1 + cos(π·min(t, decay_steps)/decay_steps)))^exponent + alpha), " +
		"in float32 as JAX computes it by default. From decay_steps on the lr stays at alpha·init_value. " +
		"optax raises ValueError unless decay_steps > 0.",
	Convention:   "schedule(i), the value optax's schedule returns for the Python int count i, in float32",
	Link:         optaxLink + "#optax.schedules.cosine_decay_schedule",
	Example:      `{"kind": "optax.cosine_decay_schedule", "init_value": 1e-3, "decay_steps": 1000, "alpha": 0.1}`,
	ExampleSteps: 1200,
	Params: []Param{
		{Name: "init_value", Type: Float, Required: true, Range: Range{Min: 0, Max: optaxMaxValue, MinOpen: true},
			Doc: "the learning rate at step 0", Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
		{Name: "decay_steps", Type: Int, Required: true, Range: between(1, float64(maxInt)),
			Doc: "the number of steps the cosine decays over", Hint: Hint{Min: 1, Max: 10000, Step: 1}},
		{Name: "alpha", Type: Float, Default: 0.0, Range: atLeast(0),
			Doc: "the final multiplier: the lr ends at alpha·init_value", Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
		optaxExponentParam(),
	},
	build: func(a args) (kindCurve, error) {
		init, alpha := a.float("init_value"), a.float("alpha")
		if init*max(1, alpha) > optaxMaxValue {
			return nil, errorf("alpha", formatFloat(alpha)+" is too large for init_value "+formatFloat(init)+
				": the lr would pass "+formatFloat(optaxMaxValue)+", beyond what float32 arithmetic holds")
		}
		// alpha and 1 − alpha meet the float32 cosine as float32: past 3.4e38 they
		// are ±inf, and (1 − alpha)·cos + alpha is nan, whatever init_value.
		if math.IsInf(float64(float32(alpha)), 0) || math.IsInf(float64(float32(1-alpha)), 0) {
			return nil, errorf("alpha", formatFloat(alpha)+" overflows float32, so (1 − alpha)·cos + alpha is nan")
		}
		return optaxNewCosine(init, a.int("decay_steps"), alpha, a.float("exponent")), nil
	},
})

var optaxWarmupCosineKind = register(&Kind{
	Name:      "optax.warmup_cosine_decay_schedule",
	order:     501,
	code:      optaxCode,
	imports:   []importSig{{callee: "warmup_cosine_decay_schedule", params: []string{"init_value", "peak_value", "warmup_steps", "decay_steps", "end_value", "exponent"}}},
	Framework: "optax",
	Title:     "Warmup + cosine decay",
	Doc: "warmup_cosine_decay_schedule: join_schedules of a linear_schedule from init_value to peak_value over " +
		"warmup_steps and, from warmup_steps on, a cosine_decay_schedule of peak_value over decay_steps − warmup_steps " +
		"with alpha = end_value/peak_value (0 when peak_value is 0), in float32 as JAX computes it by default. " +
		"decay_steps counts the warmup. From decay_steps on the lr stays at end_value. optax raises ValueError unless " +
		"decay_steps > warmup_steps, and, with a warmup, OverflowError for a step past 2³¹ − 1 (the warmup clips the " +
		"Python int step as an int32).",
	Convention:   "schedule(i), the value optax's schedule returns for the Python int count i, in float32",
	Link:         optaxLink + "#optax.schedules.warmup_cosine_decay_schedule",
	Example:      `{"kind": "optax.warmup_cosine_decay_schedule", "init_value": 0, "peak_value": 1e-3, "warmup_steps": 100, "decay_steps": 1000, "end_value": 1e-5}`,
	ExampleSteps: 1000,
	Params: []Param{
		{Name: "init_value", Type: Float, Required: true, Range: between(0, optaxMaxValue),
			Doc: "the learning rate at step 0, where warmup starts", Hint: Hint{Min: 0, Max: 1e-3}},
		{Name: "peak_value", Type: Float, Required: true, Range: between(0, optaxMaxValue),
			Doc: "the learning rate at the end of warmup, where the cosine starts", Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
		{Name: "warmup_steps", Type: Int, Required: true, Range: between(0, optaxMaxInt32),
			Doc:  "the length of the linear warmup (at most 2³¹ − 1: JAX makes it an int32)",
			Hint: Hint{Min: 0, Max: 1000, Step: 1}},
		{Name: "decay_steps", Type: Int, Required: true, Range: between(1, float64(maxInt)),
			Doc:  "the total length of the schedule, warmup included; must be more than warmup_steps",
			Hint: Hint{Min: 1, Max: 10000, Step: 1}},
		{Name: "end_value", Type: Float, Default: 0.0, Range: between(0, optaxMaxValue),
			Doc: "the learning rate the cosine ends at", Hint: Hint{Min: 0, Max: 1e-3}},
		optaxExponentParam(),
	},
	build: func(a args) (kindCurve, error) {
		init, peak, end := a.float("init_value"), a.float("peak_value"), a.float("end_value")
		w, d := a.int("warmup_steps"), a.int("decay_steps")
		if d-w <= 0 {
			return nil, errorf("decay_steps", itoa(d)+" must be more than warmup_steps ("+
				itoa(w)+"): optax's cosine_decay_schedule requires positive decay_steps, got decay_steps="+
				itoa(d-w))
		}
		alpha := 0.0
		if peak != 0.0 {
			alpha = end / peak
		}
		if math.IsInf(float64(float32(alpha)), 0) || math.IsInf(float64(float32(1-alpha)), 0) {
			return nil, errorf("end_value", formatFloat(end)+" is too large for peak_value "+formatFloat(peak)+
				": alpha = end_value/peak_value overflows float32")
		}
		return &optaxWarmupCosine{
			w: w, decaySteps: d,
			init: init, diff: float32(init - peak), peak: float32(peak),
			cosine: *optaxNewCosine(peak, d-w, alpha, a.float("exponent")),
		}, nil
	},
})

// optaxCosine is cosine_decay_schedule(init_value, decay_steps, alpha, exponent):
//
//	count = min(t, decay_steps)                              float32
//	cosine_decay = 0.5 * (1 + cos(pi * count / decay_steps)) float32, left to right
//	decayed = (1 - alpha) * cosine_decay**exponent + alpha   1 − alpha in float64, then float32
//	value = init_value * decayed                             float32
//
// with count and decay_steps Python floats made float32 by jnp.minimum.
//
// Special cases are:
//
//	t ≥ decay_steps      alpha·init_value (as float32 arithmetic gives it)
//	t > 2²⁴              count rounds to a float32: neighbouring steps can share a value
//	exponent = 0         init_value throughout (0⁰ = 1)
//	alpha > 1            the lr rises from init_value to alpha·init_value
//	decay_steps ≤ 0      optax raises ValueError; rejected by the range
//
// Events: a Boundary at decay_steps; the curve is monotone on either side.
type optaxCosine struct {
	decay                            float64 // decay_steps, a Python float
	init, decay32                    float32
	oneMinusAlpha, alpha, exponent32 float32
	tail                             float32 // the value from decay_steps on, computed once
}

func optaxNewCosine(init float64, decaySteps int64, alpha, exponent float64) *optaxCosine {
	d := float64(decaySteps)
	c := &optaxCosine{
		decay: d, init: float32(init), decay32: float32(d),
		oneMinusAlpha: float32(1 - alpha), alpha: float32(alpha), exponent32: float32(exponent),
	}
	c.tail = c.compute(c.decay32)
	return c
}

// value is schedule(count) for a count of at least 0.
func (c *optaxCosine) value(count float64) float32 {
	count32 := min(float32(count), c.decay32)
	if count32 == c.decay32 {
		return c.tail
	}
	return c.compute(count32)
}

func (c *optaxCosine) compute(count32 float32) float32 {
	x := optaxPi * count32
	x = x / c.decay32
	cosineDecay := 0.5 * (1 + float32(xmath.Cos(float64(x))))
	p := float32(xmath.Pow(float64(cosineDecay), float64(c.exponent32)))
	decayed := float32(c.oneMinusAlpha*p) + c.alpha
	return c.init * decayed
}

func (c *optaxCosine) at(i, n int64) float64 { return float64(c.value(float64(i))) }

func (c *optaxCosine) events(n, from, to int64, yield func(Event) bool) {
	if d := int64(c.decay); d >= from && d < to {
		yield(Event{d, Boundary})
	}
}

// optaxWarmupCosine is warmup_cosine_decay_schedule: join_schedules of
// linear_schedule(init_value, peak_value, warmup_steps) and, for steps
// t ≥ warmup_steps, optaxCosine(peak_value, decay_steps − warmup_steps,
// alpha = end_value/peak_value, exponent) at t − warmup_steps. The warmup is
// polynomial_schedule with power 1:
//
//	count = clip(t, 0, warmup_steps)                          int32
//	frac = 1 - count / warmup_steps                           float32
//	value = (init_value - peak_value) * frac + peak_value     the difference in float64, then float32
//
// Special cases are:
//
//	t = 0                 init_value (as float32 arithmetic gives it: 0.2 − 1.21 + 1.21 is 0.20000005)
//	t = warmup_steps      peak_value
//	t ≥ decay_steps       end_value (as float32 arithmetic gives it)
//	warmup_steps = 0      no warmup: the cosine from step 0
//	peak_value = 0        alpha = 0, and the lr is 0 from warmup_steps on
//	init_value > peak_value  the warmup falls
//	decay_steps ≤ warmup_steps  optax raises ValueError; so does Parse
//	t > 2³¹ − 1 with warmup_steps > 0  optax raises OverflowError; so does CheckSteps
//
// Events: WarmupEnd at warmup_steps and a Boundary at decay_steps.
type optaxWarmupCosine struct {
	w, decaySteps int64
	init          float64 // a Python float: returned as is when warmup_steps is 0 (never used then)
	diff, peak    float32 // init_value − peak_value, peak_value
	cosine        optaxCosine
}

func (s *optaxWarmupCosine) at(i, n int64) float64 {
	if i < s.w {
		frac := 1 - float32(float64(i))/float32(float64(s.w))
		return float64(float32(s.diff*frac) + s.peak)
	}
	return float64(s.cosine.value(float64(i - s.w)))
}

func (s *optaxWarmupCosine) events(n, from, to int64, yield func(Event) bool) {
	if s.w > 0 && s.w >= from && s.w < to && !yield(Event{s.w, WarmupEnd}) {
		return
	}
	if d := s.decaySteps; d >= from && d < to {
		yield(Event{d, Boundary})
	}
}

func (s *optaxWarmupCosine) checkSteps(n int64) error {
	if s.w > 0 && n-1 > optaxMaxInt32 {
		return errorf("steps", itoa(n)+" is too many: optax's warmup_cosine_decay_schedule raises "+
			"OverflowError for a step past 2147483647, which JAX cannot make an int32; at most 2147483648 steps")
	}
	return nil
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *optaxCosine) shape(a args, n int64) (shape, string) {
	sh := newShape()
	if e := a.float("exponent"); e != 1 {
		return sh, "exponent " + formatFloat(e) + " raises the cosine factor to a power, which only optax does"
	}
	init := a.float("init_value")
	sh.peak, sh.floor, sh.length = init, a.float("alpha")*init, float64(a.int("decay_steps"))

	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *optaxCosine) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls"}
	f.unit = "optimizer updates (the schedule's count)"
	f.peak, f.floor = float64(c.init), float64(c.alpha)*float64(c.init)
	f.peakName, f.floorName = ls.v("init_value"), "alpha·init_value = "+formatFloat(f.floor)
	f.end, f.endName = int64(c.decay), ls.v("decay_steps")+" ends the decay"
	f.fitEnd, f.scale = ls.set("decay_steps", float64(n)), ls.scale("decay_steps")
	f.lintFraction(float64(c.alpha), "alpha", "the decay")
	f.lintExponent(float64(c.exponent32))
	return f
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (s *optaxWarmupCosine) shape(a args, n int64) (shape, string) {
	sh := newShape()
	if e := a.float("exponent"); e != 1 {
		return sh, "exponent " + formatFloat(e) + " raises the cosine factor to a power, which only optax does"
	}
	sh.warmup, sh.start, sh.peak = a.int("warmup_steps"), a.float("init_value"), a.float("peak_value")
	sh.floor, sh.length = a.float("end_value"), float64(a.int("decay_steps")-a.int("warmup_steps"))
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (s *optaxWarmupCosine) lintFacts(ls lintSpec, n int64) lintFacts {
	a := ls.a
	f := lintFacts{unit: "scheduler.step() calls"}
	f.unit = "optimizer updates (the schedule's count)"
	f.warmup, f.warmupName, f.warmupParam = min(s.w, n), ls.v("warmup_steps"), "warmup_steps"
	f.peak, f.floor = a.float("peak_value"), a.float("end_value")
	f.peakName, f.floorName = ls.v("peak_value"), ls.v("end_value")
	f.end, f.endName = s.decaySteps, ls.v("decay_steps")+" ends the decay"
	if n > s.w {
		f.fitEnd = ls.set("decay_steps", float64(n))
	}
	f.scale = ls.scale("warmup_steps", "decay_steps")
	f.lintEtaMin(f.peak, f.floor, "end_value", "peak_value", "the cosine", floorFix("end_value"))
	f.lintExponent(float64(s.cosine.exponent32))
	return f
}

// optax is a framework.
var _ = registerFramework(&framework{name: "optax", title: "optax", order: 500, float32: true, target: optaxTarget})

// optaxTarget writes a shape as specs of optax's kinds (see target).
func optaxTarget(sh *shape, n int64) ([]candidate, []string) {
	switch {
	case sh.under:
		return nil, []string{"optax's cosines start after the warmup, not under it (timm's warmup_prefix false)"}
	case sh.stable > 0:
		return nil, []string{"optax's cosine schedules have no stable phase"}
	case sh.form != shapeCosine && sh.form != shapeFlat:
		return nil, notCosine(sh, "optax", " (optax's polynomial_schedule and exponential_decay are not kinds here yet)")
	case sh.form == shapeCosine && !isInt(sh.length):
		return nil, []string{"optax's decay_steps is a whole number of steps, not " + formatFloat(sh.length)}
	case sh.form == shapeCosine && sh.seen(n) > 1:
		return nil, []string{"optax's cosine schedules have one cycle (sgdr_schedule joins several, which is not a kind here)"}
	case !sh.asHold(n):
		return nil, []string{sh.tailText() + "; optax holds its end value after decay_steps"}
	}
	length, floor := int64(sh.length), sh.floor
	if sh.form == shapeFlat {
		length, floor = 1, sh.peak
	}
	start := sh.start
	if sh.warmup == 0 {
		start = sh.peak
	}
	c := []candidate{spec(optaxWarmupCosineKind, "init_value", start, "peak_value", sh.peak,
		"warmup_steps", sh.warmup, "decay_steps", sh.warmup+length, "end_value", floor, "exponent", 1.0)}
	if sh.warmup == 0 && sh.peak > 0 {
		c = append(c, spec(optaxCosineKind, "init_value", sh.peak, "decay_steps", length, "alpha", floor/sh.peak, "exponent", 1.0))
	}
	return c, nil
}

// optaxCode writes a snippet that calls an optax schedule at each count.
func optaxCode(w *pyWriter, s *Schedule, steps int64) {
	w.put(`import optax

schedule = optax.{name}(
{all_args})

# An optimizer given learning_rate=schedule uses schedule(count) at update count.
lrs = [float(schedule(step)) for step in range({n})]
print(lrs)
`)
}
