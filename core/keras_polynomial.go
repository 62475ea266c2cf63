package core

import "math"

var kerasPolynomialDecayKind = register(&Kind{
	Name:       "keras.PolynomialDecay",
	order:      403,
	code:       kerasCode,
	imports:    []importSig{{callee: "PolynomialDecay", params: []string{"initial_learning_rate", "decay_steps", "end_learning_rate", "power", "cycle", "name"}}},
	arithmetic: "Keras's PolynomialDecay computes in float32",
	Framework:  "Keras",
	Title:      "PolynomialDecay (optional cycle)",
	Doc: "(initial_learning_rate − end_learning_rate)·(1 − step/decay_steps)^power + end_learning_rate: a " +
		"polynomial decay over decay_steps steps, then end_learning_rate for ever. With cycle the decay " +
		"restarts instead, over the first multiple of decay_steps at or above the step, so each cycle " +
		"decays from a little lower than the one before over a longer span; the lr is end_learning_rate at " +
		"every multiple of decay_steps and jumps up the step after. Computed in float32, as Keras does for a " +
		"Python float initial_learning_rate; step counts above 2^24 are rounded to float32 too.",
	Convention:   "schedule(i): the value the schedule returns for optimizer.iterations = i",
	Link:         "https://keras.io/api/optimizers/learning_rate_schedules/polynomial_decay/",
	Example:      `{"kind": "keras.PolynomialDecay", "initial_learning_rate": 0.1, "decay_steps": 800, "end_learning_rate": 0.001, "power": 2}`,
	ExampleSteps: 1000,
	Params: []Param{
		kerasInitialLRParam("the lr at step 0"),
		kerasDecayStepsParam("length of the decay in steps (Keras requires > 0); with cycle, the length of the first cycle"),
		{Name: "end_learning_rate", Type: Float, Default: 0.0001, Range: kerasLRRange,
			Doc:  "the lr the decay ends at, and holds after it",
			Hint: Hint{Min: 0, Max: 0.01}},
		{Name: "power", Type: Float, Default: 1.0, Range: Range{Min: 0, Max: math.MaxFloat32},
			Doc: "the polynomial's power: 1 is linear, 0.5 a square root. Negative powers, which Keras does not " +
				"check, make the lr infinite at the end of the decay: refused here",
			Hint: Hint{Min: 0, Max: 5, Step: 0.1}},
		{Name: "cycle", Type: Bool, Default: false,
			Doc: "restart the decay past decay_steps, over the next multiple of decay_steps, instead of holding end_learning_rate"},
	},
	build: func(a args) (kindCurve, error) {
		return &kerasPolynomialDecay{
			ilr:   float32(a.float("initial_learning_rate")),
			steps: float32(a.int("decay_steps")),
			end:   float32(a.float("end_learning_rate")),
			power: float32(a.float("power")),
			cycle: a.bool("cycle"),
		}, nil
	},
})

// kerasPolynomialDecay is keras.optimizers.schedules.PolynomialDecay, in
// float32: each operation is rounded to float32 in the source's order, and
// pow is float32(xmath.Pow(float64(x), float64(y))).
//
// The lr of step i is schedule(i). With s = float32(i) and D = decay_steps:
//
//	cycle false:  s = min(s, D)
//	cycle true:   D = D·(1 if s = 0 else ceil(s/D))
//	(initial_learning_rate − end_learning_rate)·(1 − s/D)^power + end_learning_rate
//
// Special cases are:
//
//	power 0: (1 − p)^0 = 1, also at p = 1: initial_learning_rate for ever
//	end_learning_rate > initial_learning_rate: the lr rises to it
//	cycle with decay_steps 1: end_learning_rate from step 1 on (s/s = 1)
//	cycle: the step after each multiple of decay_steps jumps up (a Restart)
//	steps above 2^24: float32(step) rounds, so neighbouring steps share a value
type kerasPolynomialDecay struct {
	ilr, steps, end, power float32
	cycle                  bool
}

// multiplier is Keras's cycle multiplier of step i.
func (c *kerasPolynomialDecay) multiplier(i int64) float32 {
	s := kerasStep(i)
	if s == 0 {
		return 1.0
	}
	return float32(math.Ceil(float64(s / c.steps)))
}

func (c *kerasPolynomialDecay) at(i, n int64) float64 {
	s, d := kerasStep(i), c.steps
	if c.cycle {
		d = d * c.multiplier(i)
	} else {
		s = min(s, d)
	}
	p := s / d
	return float64(float32((c.ilr-c.end)*kerasPow(1-p, c.power)) + c.end)
}

// kerasCycleLimit is the longest run with cycle whose float32 steps are
// exact and whose fractions s/D stay at most 1.
const kerasCycleLimit = 1 << 24

// checkSteps refuses runs with cycle past 2^24 steps. There float32(step)
// rounds, and float32(step/decay_steps) can round down to a whole number k
// while the step is past decay_steps·k: Keras's p then exceeds 1, and
// (1 − p)^power is NaN for a fractional power (first at step 29360150 with
// decay_steps 7 and power 0.5) or the lr dips below end_learning_rate.
// Finding those steps would take a pass over every float32 step, so longer
// runs with cycle are refused. Below 2^24, s/D is within 1/D of a whole
// number only when it is one, and float32's rounding error is below 1/D.
func (c *kerasPolynomialDecay) checkSteps(n int64) error {
	if c.cycle && n > kerasCycleLimit {
		return errorf("steps", "with cycle, past step 2^24 = "+itoa(kerasCycleLimit)+" float32 rounding can put "+
			"step/decay_steps past 1 in a cycle, where Keras computes NaN or an lr below end_learning_rate; "+
			"runs with cycle can have at most "+itoa(kerasCycleLimit)+" steps here")
	}
	return nil
}

// events: without cycle a Boundary where the decay ends (the first step
// whose float32 value reaches decay_steps); with cycle a Restart at the
// first step of each cycle after the first, where the multiplier grows.
func (c *kerasPolynomialDecay) events(n, from, to int64, yield func(Event) bool) {
	if !c.cycle {
		if end := kerasFirstStepAtLeast(c.steps); end > 0 && end >= from && end < to {
			yield(Event{end, Boundary})
		}
		return
	}
	if c.steps == 1 {
		return // every step from 1 on is end_learning_rate
	}
	// A cycle starts at step 0 and wherever the multiplier grows (from step 2 on).
	s := max(from, 1)
	if s >= 2 && s < to && c.multiplier(s-1) < c.multiplier(s) && !yield(Event{s, Restart}) {
		return
	}
	for {
		m := c.multiplier(s)
		guess := min(max(int64(float64(m)*float64(c.steps))+1, s+1), MaxSteps)
		next := searchUp(s, guess, MaxSteps, func(x int64) bool { return c.multiplier(x) > m })
		if next >= to || c.multiplier(next) <= m {
			return
		}
		if !yield(Event{next, Restart}) {
			return
		}
		s = next
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *kerasPolynomialDecay) shape(a args, n int64) (shape, string) {
	sh := newShape()
	if a.bool("cycle") {
		return sh, "cycle restarts the decay over ever longer multiples of decay_steps, which only Keras's PolynomialDecay does"
	}
	sh.form, sh.peak, sh.floor = shapePoly, a.float("initial_learning_rate"), a.float("end_learning_rate")
	sh.length, sh.power = float64(a.int("decay_steps")), a.float("power")
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *kerasPolynomialDecay) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer iterations"}
	f.peak, f.floor = float64(c.ilr), float64(c.end)
	f.peakName, f.floorName = ls.v("initial_learning_rate"), ls.v("end_learning_rate")
	f.scale = ls.scale("decay_steps")
	if c.cycle {
		f.cycles, f.cycleParam = true, "decay_steps"
		f.noRestartWhy = "the first cycle, " + ls.v("decay_steps") + " steps, does not end within it"
	} else {
		f.end = ls.a.int("decay_steps")
		f.endName = ls.v("decay_steps") + " ends the decay"
		f.fitEnd = ls.set("decay_steps", float64(n))
	}
	if c.power == 0 {
		f.flatWhy, f.flatFix = "power = 0 makes (1 − step/decay_steps)^power 1: the lr stays at initial_learning_rate", lintFix("power", 1.0)
	}
	f.lintEtaMin(f.peak, f.floor, "end_learning_rate", "initial_learning_rate", "the decay", floorFix("end_learning_rate"))
	f.lintZeroLR(ls.k, f.peak)
	return f
}

// kerasDecayTarget writes a linear, polynomial or exponential shape as a spec
// of Keras's PolynomialDecay or ExponentialDecay (see kerasTarget).
func kerasDecayTarget(sh *shape) ([]candidate, []string) {
	switch {
	case sh.warmup > 0 || sh.stable > 0:
		return nil, []string{"Keras's PolynomialDecay and ExponentialDecay have no " + sh.prefixText() + " before " + formNames[sh.form]}
	case sh.form == shapeExp:
		return []candidate{spec(kerasExponentialDecayKind, "initial_learning_rate", sh.peak, "decay_steps", int64(1), "decay_rate", sh.gamma)}, nil
	case !isInt(sh.length):
		return nil, []string{"Keras's decay_steps is a whole number of steps, not " + formatFloat(sh.length)}
	}
	power := sh.power
	if sh.form == shapeLinear {
		power = 1
	}
	return []candidate{spec(kerasPolynomialDecayKind, "initial_learning_rate", sh.peak, "decay_steps", int64(sh.length),
		"end_learning_rate", sh.floor, "power", power)}, nil
}
