package core

import "math"

// optax schedules, ported from google-deepmind/optax
// optax/schedules/_schedule.py (cosine_decay_schedule,
// warmup_cosine_decay_schedule, constant_schedule, linear_schedule →
// polynomial_schedule, exponential_decay, warmup_exponential_decay_schedule,
// linear_onecycle_schedule and cosine_onecycle_schedule →
// piecewise_interpolate_schedule) and optax/schedules/_join.py (join_schedules). The lr of step i is
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

// optax is a framework.
var _ = registerFramework(&framework{name: "optax", title: "optax", order: 500, float32: true, tools: &optaxTools{}})

// optaxTools are optax's hooks for the tools (see frameworkTools).
type optaxTools struct{}

// target writes a shape as specs of optax's kinds (see frameworkTools).
func (*optaxTools) target(sh *shape, n int64) ([]candidate, []string) {
	more, moreWhy := optaxTargetMore(sh)
	switch {
	case sh.under:
		return nil, []string{"optax's cosines start after the warmup, not under it (timm's warmup_prefix false)"}
	case sh.form != shapeCosine && sh.form != shapeFlat || sh.stable > 0 && len(more)+len(moreWhy) > 0:
		return more, moreWhy
	case sh.stable > 0:
		return nil, []string{"optax's cosine schedules have no stable phase"}
	case sh.form == shapeCosine && !isInt(sh.length):
		return nil, []string{"optax's decay_steps is a whole number of steps, not " + formatFloat(sh.length)}
	case sh.form == shapeCosine && sh.seen(n) > 1:
		return nil, []string{"optax's cosine schedules have one cycle (sgdr_schedule joins several, which is no translation target here yet)"}
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
	if sh.form == shapeFlat {
		c = append(c, more...)
	}
	return c, nil
}

// optaxTargetMore writes the shapes other than a cosine as optax's
// constant, linear, polynomial and exponential kinds: a stable phase is their
// transition_begin. It returns no candidate and no reason for a cosine.
func optaxTargetMore(sh *shape) ([]candidate, []string) {
	switch {
	case sh.form == shapeCosine:
		return nil, nil
	case sh.form == shapeFlat && sh.warmup == 0:
		return []candidate{spec(optaxConstantKind, "value", sh.peak)}, nil
	case sh.form == shapeFlat:
		return []candidate{spec(optaxLinearKind, "init_value", sh.start, "end_value", sh.peak, "transition_steps", sh.warmup)}, nil
	case sh.form == shapeExp && sh.warmup == 0:
		return []candidate{spec(optaxExponentialKind, "init_value", sh.peak, "transition_steps", int64(1), "decay_rate", sh.gamma,
			"transition_begin", sh.stable)}, nil
	case sh.form == shapeExp:
		return []candidate{spec(optaxWarmupExpKind, "init_value", sh.start, "peak_value", sh.peak, "warmup_steps", sh.warmup,
			"transition_steps", int64(1), "decay_rate", sh.gamma, "transition_begin", sh.stable)}, nil
	case sh.warmup > 0:
		return optaxJoinTarget(sh)
	case !isInt(sh.length):
		return nil, []string{"optax's transition_steps is a whole number of steps, not " + formatFloat(sh.length)}
	case sh.form == shapeLinear:
		return []candidate{spec(optaxLinearKind, "init_value", sh.peak, "end_value", sh.floor, "transition_steps", int64(sh.length),
			"transition_begin", sh.stable)}, nil
	}
	return []candidate{spec(optaxPolynomialKind, "init_value", sh.peak, "end_value", sh.floor, "power", sh.power,
		"transition_steps", int64(sh.length), "transition_begin", sh.stable)}, nil
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

// optaxWarmupParams are init_value, peak_value (where what starts) and
// warmup_steps of the warmup_*_schedule kinds.
func optaxWarmupParams(what string) []Param {
	return []Param{
		{Name: "init_value", Type: Float, Required: true, Range: between(0, optaxMaxValue),
			Doc: "the learning rate at step 0, where warmup starts", Hint: Hint{Min: 0, Max: 1e-3}},
		{Name: "peak_value", Type: Float, Required: true, Range: between(0, optaxMaxValue),
			Doc: "the learning rate at the end of warmup, where " + what + " starts", Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
		{Name: "warmup_steps", Type: Int, Required: true, Range: between(0, optaxMaxInt32),
			Doc:  "the length of the linear warmup (at most 2³¹ − 1: JAX makes it an int32)",
			Hint: Hint{Min: 0, Max: 1000, Step: 1}},
	}
}

// optaxWarmupValue is the warmup of the warmup_*_schedule kinds at step
// i < w, polynomial_schedule with power 1 in float32, diff being
// init_value − peak_value:
//
//	count = clip(t, 0, warmup_steps)                          int32
//	frac = 1 - count / warmup_steps                           float32
//	value = (init_value - peak_value) * frac + peak_value     the difference in float64, then float32
func optaxWarmupValue(i, w int64, diff, peak float32) float64 {
	frac := 1 - float32(i)/float32(w)
	return float64(float32(diff*frac) + peak)
}

// optaxWarmupCheck refuses runs of n steps past 2³¹ − 1 when there is a
// warmup (w > 0): the warmup clips the Python int step as an int32, and JAX
// raises OverflowError.
func optaxWarmupCheck(name string, w, n int64) error {
	if w > 0 && n-1 > optaxMaxInt32 {
		return errorf("steps", itoa(n)+" is too many: optax's "+name+" raises "+
			"OverflowError for a step past 2147483647, which JAX cannot make an int32; at most 2147483648 steps")
	}
	return nil
}
