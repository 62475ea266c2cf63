package core

import "math"

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
	Params: append(optaxWarmupParams("the cosine"),
		Param{Name: "decay_steps", Type: Int, Required: true, Range: between(1, float64(maxInt)),
			Doc:  "the total length of the schedule, warmup included; must be more than warmup_steps",
			Hint: Hint{Min: 1, Max: 10000, Step: 1}},
		Param{Name: "end_value", Type: Float, Default: 0.0, Range: between(0, optaxMaxValue),
			Doc: "the learning rate the cosine ends at", Hint: Hint{Min: 0, Max: 1e-3}},
		optaxExponentParam(),
	),
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
		return optaxWarmupValue(i, s.w, s.diff, s.peak)
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
	if err := optaxWarmupCheck("warmup_cosine_decay_schedule", s.w, n); err != nil {
		return err
	}
	return nil
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
