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

// kerasLRRange admits learning rates that are finite in float32.
var kerasLRRange = Range{Min: 0, Max: math.MaxFloat32}

// kerasInitialLRParam is initial_learning_rate, which all of Keras's
// schedules take; doc is the kind's.
func kerasInitialLRParam(doc string) Param {
	return Param{Name: "initial_learning_rate", Type: Float, Required: true, Range: kerasLRRange,
		Doc: doc, Hint: Hint{Min: 1e-6, Max: 1, Log: true}}
}

// kerasDecayStepsParam is decay_steps (Keras requires > 0); doc is the kind's.
func kerasDecayStepsParam(doc string) Param {
	return Param{Name: "decay_steps", Type: Int, Required: true, Range: between(1, maxInt),
		Doc: doc, Hint: Hint{Min: 1, Max: 10000, Step: 1}}
}

// kerasStaircaseParam is staircase of ExponentialDecay and InverseTimeDecay.
var kerasStaircaseParam = Param{Name: "staircase", Type: Bool, Default: false,
	Doc: "floor step/decay_steps, so the lr drops at each multiple of decay_steps and holds between"}

// kerasProgress is ExponentialDecay's and InverseTimeDecay's
// global_step_recomp/decay_steps at step i, floored with staircase.
func kerasProgress(i int64, steps float32, staircase bool) float32 {
	p := kerasStep(i) / steps
	if staircase {
		p = kerasFloor(p)
	}
	return p
}

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

// keras is a framework.
var _ = registerFramework(&framework{name: "keras", title: "Keras", order: 400, float32: true, tools: &kerasTools{}})

// kerasTools are Keras's hooks for the tools (see frameworkTools).
type kerasTools struct{}

// target writes a shape as specs of Keras's kinds (see frameworkTools).
func (*kerasTools) target(sh *shape, n int64) ([]candidate, []string) {
	switch {
	case sh.form == shapeLinear || sh.form == shapePoly || sh.form == shapeExp:
		return kerasDecayTarget(sh)
	case sh.under:
		return nil, []string{"Keras's cosines start after the warmup, not under it (timm's warmup_prefix false)"}
	case sh.stable > 0:
		return nil, []string{"Keras's schedules have no stable phase"}
	case sh.form != shapeCosine && sh.form != shapeFlat:
		return nil, notCosine(sh, "Keras", "")
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
