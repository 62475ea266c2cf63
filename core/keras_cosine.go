package core

import "math"

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
		kerasInitialLRParam("the lr at step 0: where warmup starts, or the peak of the decay when warmup_target is null"),
		kerasDecayStepsParam("length of the cosine decay in steps, counted after warmup (Keras requires > 0)"),
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
