package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

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
