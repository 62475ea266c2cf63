package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var optaxPolynomialKind = register(&Kind{
	Name:      "optax.polynomial_schedule",
	order:     503,
	code:      optaxCode,
	imports:   []importSig{{callee: "polynomial_schedule", params: []string{"init_value", "end_value", "power", "transition_steps", "transition_begin"}}},
	Framework: "optax",
	Title:     "Polynomial",
	Doc: "polynomial_schedule: init_value until transition_begin, then (init_value − end_value)·(1 − t/transition_steps)^power + end_value " +
		"with t = clip(count − transition_begin, 0, transition_steps), in float32 as JAX computes it by default; end_value " +
		"from transition_begin + transition_steps on. With transition_steps ≤ 0 optax only logs that the schedule is constant " +
		"and returns init_value itself (a Python float) at every step; a negative transition_begin falls back to 0 likewise. " +
		"JAX raises OverflowError for a count − transition_begin past 2³¹ − 1 (the clip makes it an int32).",
	Convention:   optaxConvention,
	Link:         optaxLink + "#optax.schedules.polynomial_schedule",
	Example:      `{"kind": "optax.polynomial_schedule", "init_value": 1e-3, "end_value": 1e-5, "power": 2, "transition_steps": 900, "transition_begin": 100}`,
	ExampleSteps: 1100,
	Params: []Param{
		optaxInitValueParam("the learning rate until transition_begin"),
		optaxEndValueParam(),
		{Name: "power", Type: Float, Required: true, Range: atLeast(0),
			Doc:  "the power of 1 − t/transition_steps; 1 is linear. A negative power, which optax takes, is inf at the end; rejected",
			Hint: Hint{Min: 0.25, Max: 5, Step: 0.25}},
		optaxTransitionStepsParam("the number of steps the transition takes; ≤ 0: init_value for ever"),
		optaxTransitionBeginParam("steps held at init_value before the transition starts; negative: 0"),
	},
	build: func(a args) (kindCurve, error) {
		return optaxNewPolynomial(a, a.float("power"), "polynomial_schedule"), nil
	},
})

// optaxConvention is the step convention of every optax kind here.
const optaxConvention = "schedule(i), the value optax's schedule returns for the Python int count i, in float32"

func optaxInitValueParam(doc string) Param {
	return Param{Name: "init_value", Type: Float, Required: true, Range: between(0, optaxMaxValue),
		Doc: doc, Hint: Hint{Min: 1e-6, Max: 1, Log: true}}
}

func optaxEndValueParam() Param {
	return Param{Name: "end_value", Type: Float, Required: true, Range: between(0, optaxMaxValue),
		Doc: "the learning rate the transition ends at", Hint: Hint{Min: 0, Max: 1e-3}}
}

func optaxTransitionStepsParam(doc string) Param {
	return Param{Name: "transition_steps", Type: Int, Required: true,
		Range: Range{Min: math.Inf(-1), Max: optaxMaxInt32, MinOpen: true}, Doc: doc + " (at most 2³¹ − 1: JAX makes it an int32)",
		Hint: Hint{Min: 1, Max: 10000, Step: 1}}
}

func optaxTransitionBeginParam(doc string) Param {
	return Param{Name: "transition_begin", Type: Int, Default: int64(0),
		Range: Range{Min: math.Inf(-1), Max: optaxMaxInt32, MinOpen: true}, Doc: doc, Hint: Hint{Min: 0, Max: 1000, Step: 1}}
}

// optaxPolynomial is polynomial_schedule(init_value, end_value, power,
// transition_steps, transition_begin), and linear_schedule with power 1:
//
//	count = clip(count − transition_begin, 0, transition_steps)   Python int, then int32
//	frac = 1 − count / transition_steps                          float32(count) ÷ float32(T), then float32
//	value = (init_value − end_value)·frac**power + end_value     the difference in float64, then float32
//
// frac**power is lax.pow for a Python float power (float32(pow) here, which
// may differ from XLA's float32 pow in the last bit) and lax.integer_pow for
// linear_schedule's int 1, which is frac itself; so is pow(frac, 1.0).
//
// Special cases are:
//
//	t ≤ transition_begin   float32(init_value − end_value) + end_value (as float32 arithmetic gives it)
//	t ≥ transition_begin + transition_steps   end_value (in float32)
//	transition_steps ≤ 0   init_value itself, a Python float, for every t (optax logs it)
//	transition_begin < 0   0 (optax logs it)
//	power = 0              float32(init_value − end_value) + end_value throughout (0⁰ = 1)
//	init_value < end_value the lr rises: a warmup
//	t − transition_begin > 2³¹ − 1   OverflowError; so does CheckSteps
//
// Events: a Boundary where the transition starts (if after 0) and where it ends.
type optaxPolynomial struct {
	init      float64 // a Python float: returned as is when transition_steps ≤ 0
	constant  bool    // transition_steps ≤ 0
	begin, ts int64
	diff, end float32 // init_value − end_value, end_value
	power     float64 // float32(power), for pow
	rawPower  float64 // power as given
	name      string  // the kind's, for messages
}

func optaxNewPolynomial(a args, power float64, name string) *optaxPolynomial {
	init, end := a.float("init_value"), a.float("end_value")
	return &optaxPolynomial{
		init: init, constant: a.int("transition_steps") <= 0,
		begin: max(a.int("transition_begin"), 0), ts: a.int("transition_steps"),
		diff: float32(init - end), end: float32(end), power: float64(float32(power)), rawPower: power, name: name,
	}
}

// value is schedule(count) for 0 ≤ count − transition_begin ≤ 2³¹ − 1.
func (c *optaxPolynomial) value(count int64) float64 {
	if c.constant {
		return c.init
	}
	t := min(max(count-c.begin, 0), c.ts)
	frac := 1 - float32(t)/float32(c.ts)
	p := frac
	if c.power != 1 {
		p = float32(xmath.Pow(float64(frac), c.power))
	}
	return float64(float32(c.diff*p) + c.end)
}

func (c *optaxPolynomial) at(i, n int64) float64 { return c.value(i) }

func (c *optaxPolynomial) events(n, from, to int64, yield func(Event) bool) {
	if c.constant {
		return
	}
	if b := c.begin; b > 0 && b >= from && b < to && !yield(Event{b, Boundary}) {
		return
	}
	if e := c.begin + c.ts; e >= from && e < to {
		yield(Event{e, Boundary})
	}
}

func (c *optaxPolynomial) checkSteps(n int64) error {
	if !c.constant && n-1-c.begin > optaxMaxInt32 {
		return errorf("steps", itoa(n)+" is too many: optax's "+c.name+" raises OverflowError for a step past "+
			itoa(c.begin+optaxMaxInt32)+" (transition_begin + 2147483647), whose count − transition_begin JAX cannot make an int32")
	}
	return nil
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *optaxPolynomial) shape(a args, n int64) (shape, string) {
	sh := newShape()
	init, end := a.float("init_value"), a.float("end_value")
	if c.constant {
		sh.form, sh.peak = shapeFlat, init
		return sh, ""
	}
	sh.poly(init, end, c.ts, c.rawPower)
	if sh.warmup > 0 && c.begin > 0 {
		return sh, "transition_begin holds init_value for " + itoa(c.begin) + " steps before the rise, which no warmup here does"
	}
	if sh.form != shapeFlat {
		sh.stable = c.begin
	}
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *optaxPolynomial) lintFacts(ls lintSpec, n int64) lintFacts {
	a := ls.a
	f := lintFacts{unit: "optimizer updates (the schedule's count)"}
	init, end := a.float("init_value"), a.float("end_value")
	f.peak, f.floor, f.peakName, f.floorName = init, end, ls.v("init_value"), ls.v("end_value")
	if c.constant {
		f.flatWhy = ls.v("transition_steps") + " ≤ 0 makes optax return init_value at every step (it only logs this)"
		f.flatFix = ls.set("transition_steps", float64(max(n-c.begin, 1)))
		return f
	}
	f.end, f.endName = c.begin+c.ts, ls.v("transition_steps")+" ends the transition"
	f.fitEnd, f.scale = ls.set("transition_steps", float64(max(n-c.begin, 1))), ls.scale("transition_begin", "transition_steps")
	switch {
	case init < end:
		f.holds = true // a rise to end_value and a hold there: a warmup by design
	case init == end:
		f.flatWhy, f.flatFix = "end_value equals init_value", floorFix("end_value")
	case c.rawPower == 0:
		f.flatWhy, f.flatFix = "power = 0 makes (1 − t/transition_steps)^power 1", lintFix("power", 1.0)
	}
	return f
}
