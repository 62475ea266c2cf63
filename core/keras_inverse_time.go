package core

import "math"

var kerasInverseTimeDecayKind = register(&Kind{
	Name:       "keras.InverseTimeDecay",
	order:      404,
	code:       kerasCode,
	imports:    []importSig{{callee: "InverseTimeDecay", params: []string{"initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name"}}},
	arithmetic: "Keras's InverseTimeDecay computes in float32",
	Framework:  "Keras",
	Title:      "InverseTimeDecay (1/t, optional staircase)",
	Doc: "initial_learning_rate/(1 + decay_rate·step/decay_steps): a 1/t decay, by a factor of 1 + decay_rate " +
		"after decay_steps steps, 1 + 2·decay_rate after twice as many, and so on; with staircase " +
		"step/decay_steps is floored, so the lr drops at each multiple of decay_steps and holds between. " +
		"There is no end. Computed in float32, as Keras does for a Python float initial_learning_rate; step " +
		"counts above 2^24 are rounded to float32 too.",
	Convention:   "schedule(i): the value the schedule returns for optimizer.iterations = i",
	Link:         "https://keras.io/api/optimizers/learning_rate_schedules/inverse_time_decay/",
	Example:      `{"kind": "keras.InverseTimeDecay", "initial_learning_rate": 0.1, "decay_steps": 100, "decay_rate": 0.5}`,
	ExampleSteps: 1000,
	Params: []Param{
		kerasInitialLRParam("the lr at step 0"),
		kerasDecayStepsParam("the steps after which the denominator has grown by decay_rate (Keras requires > 0)"),
		{Name: "decay_rate", Type: Float, Required: true, Range: Range{Min: 0, Max: math.MaxFloat32},
			Doc: "how fast the denominator grows: 1 halves the lr after decay_steps steps (negative values, " +
				"which Keras does not check, divide by 0 or make the lr negative: refused here)",
			Hint: Hint{Min: 0, Max: 5, Step: 0.05}},
		kerasStaircaseParam,
	},
	build: func(a args) (kindCurve, error) {
		return &kerasInverseTimeDecay{
			ilr:       float32(a.float("initial_learning_rate")),
			steps:     float32(a.int("decay_steps")),
			rate:      float32(a.float("decay_rate")),
			staircase: a.bool("staircase"),
		}, nil
	},
})

// kerasInverseTimeDecay is keras.optimizers.schedules.InverseTimeDecay, in
// float32: each operation is rounded to float32 in the source's order.
//
// The lr of step i is schedule(i). With p = float32(i)/decay_steps, floored
// with staircase:
//
//	initial_learning_rate/(1 + decay_rate·p)
//
// Special cases are:
//
//	decay_rate 0: initial_learning_rate for ever
//	decay_rate·p overflowing float32: the denominator is +Inf and the lr 0 (finite: no error)
//	steps above 2^24: float32(step) rounds, so neighbouring steps share a value
type kerasInverseTimeDecay struct {
	ilr, steps, rate float32
	staircase        bool
}

func (c *kerasInverseTimeDecay) at(i, n int64) float64 {
	p := kerasProgress(i, c.steps, c.staircase)
	denom := float32(1) + float32(c.rate*p)
	return float64(c.ilr / denom)
}

// events: none; the lr falls monotonically (a staircase only holds between drops).
func (c *kerasInverseTimeDecay) events(n, from, to int64, yield func(Event) bool) {}

// shape: none of the shapes Translate knows is a 1/t decay.
func (c *kerasInverseTimeDecay) shape(a args, n int64) (shape, string) {
	if a.float("decay_rate") == 0 {
		sh := newShape()
		sh.form, sh.peak = shapeFlat, a.float("initial_learning_rate")
		return sh, ""
	}
	return newShape(), "an inverse-time (1/t) decay, which only Keras's InverseTimeDecay draws here"
}

// lintFacts describes a run of n steps for Lint.
func (c *kerasInverseTimeDecay) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer iterations"}
	f.peak, f.peakName, f.noMin = float64(c.ilr), ls.v("initial_learning_rate"), true
	if c.rate == 0 {
		f.flatWhy, f.flatFix = "decay_rate = 0 leaves the lr unchanged", lintFix("decay_rate", 1.0)
	} else {
		// The lr is down 10-fold once decay_rate·step/decay_steps reaches 9.
		f.end = lintEnd(9 * float64(c.steps) / float64(c.rate))
		f.endName = ls.v("decay_rate") + " per " + ls.v("decay_steps") + " brings the lr down 10-fold"
		f.scale = ls.scale("decay_steps")
	}
	f.lintZeroLR(ls.k, float64(c.ilr))
	return f
}
