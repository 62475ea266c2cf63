package core

import "math"

var kerasExponentialDecayKind = register(&Kind{
	Name:       "keras.ExponentialDecay",
	order:      402,
	code:       kerasCode,
	imports:    []importSig{{callee: "ExponentialDecay", params: []string{"initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name"}}},
	arithmetic: "Keras's ExponentialDecay computes initial_learning_rate·decay_rate^(step/decay_steps) in float32",
	Framework:  "Keras",
	Title:      "ExponentialDecay (optional staircase)",
	Doc: "initial_learning_rate·decay_rate^(step/decay_steps): the lr is multiplied by decay_rate every " +
		"decay_steps steps, smoothly, or all at once at each multiple of decay_steps with staircase. There " +
		"is no end. Computed in float32, as Keras does for a Python float initial_learning_rate; step counts " +
		"above 2^24 are rounded to float32 too. decay_rate > 1 grows the lr; a run that takes it past " +
		"float32's largest value (about 3.4e38) is an error.",
	Convention:   "schedule(i): the value the schedule returns for optimizer.iterations = i",
	Link:         "https://keras.io/api/optimizers/learning_rate_schedules/exponential_decay/",
	Example:      `{"kind": "keras.ExponentialDecay", "initial_learning_rate": 0.1, "decay_steps": 100, "decay_rate": 0.5, "staircase": true}`,
	ExampleSteps: 500,
	Params: []Param{
		kerasInitialLRParam("the lr at step 0"),
		kerasDecayStepsParam("the steps over which the lr is multiplied by decay_rate once (Keras requires > 0)"),
		{Name: "decay_rate", Type: Float, Required: true, Range: Range{Min: 0, Max: math.MaxFloat32},
			Doc: "the factor per decay_steps steps; below 1 decays, above 1 grows (negative values, which " +
				"Keras does not check, give NaN or a sign that flips: refused here)",
			Hint: Hint{Min: 0.01, Max: 1, Step: 0.01}},
		kerasStaircaseParam,
	},
	build: func(a args) (kindCurve, error) {
		return &kerasExponentialDecay{
			ilr:       float32(a.float("initial_learning_rate")),
			steps:     float32(a.int("decay_steps")),
			rate:      float32(a.float("decay_rate")),
			staircase: a.bool("staircase"),
		}, nil
	},
})

// kerasExponentialDecay is keras.optimizers.schedules.ExponentialDecay, in
// float32: each operation is rounded to float32 in the source's order, and
// pow is float32(xmath.Pow(float64(x), float64(y))).
//
// The lr of step i is schedule(i). With p = float32(i)/decay_steps, floored
// with staircase:
//
//	initial_learning_rate·decay_rate^p
//
// Special cases are:
//
//	decay_rate 1: initial_learning_rate for ever
//	decay_rate 0: initial_learning_rate at step 0 (0^0 = 1), then 0 (with staircase from step decay_steps)
//	decay_rate > 1: the lr grows; a run whose lr overflows float32 is an error
//	steps above 2^24: float32(step) rounds, so neighbouring steps share a value
type kerasExponentialDecay struct {
	ilr, steps, rate float32
	staircase        bool
}

func (c *kerasExponentialDecay) at(i, n int64) float64 {
	p := kerasProgress(i, c.steps, c.staircase)
	return float64(c.ilr * kerasPow(c.rate, p))
}

// checkSteps reports a run whose lr overflows float32 (decay_rate > 1). The
// lr only grows with the step, so the first bad step is found by bisection.
func (c *kerasExponentialDecay) checkSteps(n int64) error {
	bad := func(i int64) bool {
		v := c.at(i, n)
		return math.IsInf(v, 0) || v != v
	}
	if n <= 0 || !bad(n-1) {
		return nil
	}
	hi := firstTrue(-1, n-1, bad)
	return errorf("steps", "keras.ExponentialDecay has no finite float32 value at step "+itoa(hi)+
		": decay_rate^(step/decay_steps) makes the lr overflow float32 (the largest is about 3.4e38); use at most "+
		itoa(hi)+" steps")
}

// events: none; the lr is monotone (a staircase only holds between drops).
func (c *kerasExponentialDecay) events(n, from, to int64, yield func(Event) bool) {}

// shape reads a run of n steps as a shape for Translate (see shapeOf): an
// exponential decay by decay_rate^(1/decay_steps) a step.
func (c *kerasExponentialDecay) shape(a args, n int64) (shape, string) {
	sh := newShape()
	if a.bool("staircase") && a.int("decay_steps") > 1 {
		return sh, "staircase drops the lr every decay_steps = " + itoa(a.int("decay_steps")) +
			" steps and holds it between, which only Keras's ExponentialDecay does here"
	}
	sh.form, sh.peak = shapeExp, a.float("initial_learning_rate")
	sh.gamma = math.Pow(a.float("decay_rate"), 1/float64(a.int("decay_steps")))
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *kerasExponentialDecay) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer iterations"}
	r, ds := float64(c.rate), float64(c.steps)
	f.peak, f.peakName, f.noMin = float64(c.ilr), ls.v("initial_learning_rate"), true
	switch {
	case r > 0 && r < 1:
		f.end = lintEnd(ds * math.Log(1e-3) / math.Log(r))
		f.endName = ls.v("decay_rate") + " per " + ls.v("decay_steps") + " brings the lr down 1000-fold"
		f.scale = ls.scale("decay_steps")
	case r == 1:
		f.flatWhy = "decay_rate = 1 leaves the lr unchanged"
		f.flatFix = lintFix("decay_rate", 0.5)
	case r > 1:
		f.inverted = ls.v("decay_rate") + " > 1 makes the lr grow, to " + lintNum(c.at(n-1, n)) + " at the end of the run"
		f.invertedFix = lintFix("decay_rate", 1/r)
	}
	f.lintZeroLR(ls.k, float64(c.ilr))
	return f
}
