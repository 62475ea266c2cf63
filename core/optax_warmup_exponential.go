package core

var optaxWarmupExpKind = register(&Kind{
	Name:  "optax.warmup_exponential_decay_schedule",
	order: 506,
	code:  optaxCode,
	imports: []importSig{{callee: "warmup_exponential_decay_schedule",
		params: []string{"init_value", "peak_value", "warmup_steps", "transition_steps", "decay_rate", "transition_begin", "staircase", "end_value"}}},
	Framework: "optax",
	Title:     "Warmup + exponential decay",
	Doc: "warmup_exponential_decay_schedule: join_schedules of a linear_schedule from init_value to peak_value over warmup_steps " +
		"and, from warmup_steps on, an exponential_decay of peak_value (transition_steps, decay_rate, transition_begin, " +
		"staircase, end_value) counted from warmup_steps, in float32 as JAX computes it by default. transition_begin holds " +
		"peak_value after the warmup. end_value, when set, is a lower bound for decay_rate < 1 and an upper bound otherwise. " +
		"With transition_steps ≤ 0 or decay_rate = 0 the decay is peak_value for ever. With a warmup, JAX raises OverflowError " +
		"for a step past 2³¹ − 1 (the warmup clips the Python int step as an int32).",
	Convention:   optaxConvention,
	Link:         optaxLink + "#optax.schedules.warmup_exponential_decay_schedule",
	Example:      `{"kind": "optax.warmup_exponential_decay_schedule", "init_value": 0, "peak_value": 1e-3, "warmup_steps": 100, "transition_steps": 100, "decay_rate": 0.5, "end_value": 1e-5}`,
	ExampleSteps: 1000,
	Params: append(optaxWarmupParams("the decay"),
		optaxExpTransitionSteps(),
		optaxDecayRateParam(),
		optaxExpTransitionBegin("steps held at peak_value after the warmup before the decay starts; negative: 0"),
		optaxStaircaseParam(),
		optaxExpEndValueParam(),
	),
	build: func(a args) (kindCurve, error) {
		init, peak := a.float("init_value"), a.float("peak_value")
		return &optaxWarmupExp{w: a.int("warmup_steps"), diff: float32(init - peak), peak: float32(peak),
			exp: *optaxNewExp(a, peak)}, nil
	},
})

// optaxWarmupExp is warmup_exponential_decay_schedule: join_schedules of
// linear_schedule(init_value, peak_value, warmup_steps) and, for steps
// t ≥ warmup_steps, optaxExp of peak_value at t − warmup_steps. The warmup
// is that of optaxWarmupCosine:
//
//	count = clip(t, 0, warmup_steps)                          int32
//	frac = 1 - count / warmup_steps                           float32
//	value = (init_value - peak_value) * frac + peak_value     the difference in float64, then float32
//
// and jnp.where makes the decay's value float32 even where exponential_decay
// returns peak_value itself (transition_steps ≤ 0 or decay_rate = 0).
//
// Special cases are:
//
//	t = warmup_steps      float32(peak_value)
//	warmup_steps = 0      no warmup: the decay from step 0
//	t > 2³¹ − 1 with warmup_steps > 0  optax raises OverflowError; so does CheckSteps
//
// Events: WarmupEnd at warmup_steps, then the decay's, warmup_steps later.
type optaxWarmupExp struct {
	w          int64
	diff, peak float32 // init_value − peak_value, peak_value
	exp        optaxExp
}

func (s *optaxWarmupExp) at(i, n int64) float64 {
	if i < s.w {
		return optaxWarmupValue(i, s.w, s.diff, s.peak)
	}
	return float64(float32(s.exp.value(i - s.w)))
}

func (s *optaxWarmupExp) events(n, from, to int64, yield func(Event) bool) {
	if s.w > 0 && s.w < n && s.w >= from && s.w < to && !yield(Event{s.w, WarmupEnd}) {
		return
	}
	if n <= s.w {
		return
	}
	s.exp.events(n-s.w, max(from-s.w, 0), max(to-s.w, 0), func(e Event) bool {
		if e.Step == 0 {
			return true
		}
		return yield(Event{e.Step + s.w, e.Kind})
	})
}

func (s *optaxWarmupExp) checkSteps(n int64) error {
	if err := optaxWarmupCheck("warmup_exponential_decay_schedule", s.w, n); err != nil {
		return err
	}
	if n <= s.w {
		return nil
	}
	if err := s.exp.checkSteps(n - s.w); err != nil {
		m := s.exp.lastFinite(n-s.w) + 1 + s.w
		return errorf("steps", itoa(n)+" steps take the lr past float32's largest at step "+itoa(m)+
			" (peak_value·decay_rate^((t − warmup_steps − transition_begin)/transition_steps) is inf, or nan for peak_value 0); "+
			"at most "+itoa(m)+" steps")
	}
	return nil
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (s *optaxWarmupExp) shape(a args, n int64) (shape, string) {
	sh := newShape()
	sh.warmup, sh.start, sh.peak = s.w, a.float("init_value"), a.float("peak_value")
	return sh, s.exp.expShape(&sh, a, n, s.w)
}

// lintFacts describes a run of n steps for Lint.
func (s *optaxWarmupExp) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer updates (the schedule's count)"}
	f.warmup, f.warmupName, f.warmupParam = min(s.w, n), ls.v("warmup_steps"), "warmup_steps"
	f.peak, f.peakName = ls.a.float("peak_value"), ls.v("peak_value")
	s.exp.expLintFacts(&f, ls, s.w, "warmup_steps", "transition_begin", "transition_steps")
	return f
}
