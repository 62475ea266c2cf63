package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var optaxExponentialKind = register(&Kind{
	Name:  "optax.exponential_decay",
	order: 505,
	code:  optaxCode,
	imports: []importSig{{callee: "exponential_decay",
		params: []string{"init_value", "transition_steps", "decay_rate", "transition_begin", "staircase", "end_value"}}},
	Framework: "optax",
	Title:     "Exponential decay",
	Doc: "exponential_decay: init_value until transition_begin, then init_value·decay_rate^((count − transition_begin)/transition_steps), " +
		"the exponent floored when staircase, in float32 as JAX computes it by default (the exponent is a Python float " +
		"division, then float32). end_value, when set, is a lower bound for decay_rate < 1 and an upper bound otherwise. " +
		"With transition_steps ≤ 0 or decay_rate = 0 optax only logs that the schedule is constant and returns init_value " +
		"itself (a Python float) at every step; a negative transition_begin falls back to 0 likewise. " +
		"Runs that would take the lr past float32 (inf) are rejected.",
	Convention:   optaxConvention,
	Link:         optaxLink + "#optax.schedules.exponential_decay",
	Example:      `{"kind": "optax.exponential_decay", "init_value": 1e-3, "transition_steps": 100, "decay_rate": 0.5, "end_value": 1e-5}`,
	ExampleSteps: 1000,
	Params: []Param{
		optaxInitValueParam("the learning rate until transition_begin"),
		optaxExpTransitionSteps(),
		optaxDecayRateParam(),
		optaxExpTransitionBegin("steps held at init_value before the decay starts; negative: 0"),
		optaxStaircaseParam(),
		optaxExpEndValueParam(),
	},
	build: func(a args) (kindCurve, error) {
		return optaxNewExp(a, a.float("init_value")), nil
	},
})

func optaxExpTransitionSteps() Param {
	return Param{Name: "transition_steps", Type: Int, Required: true, Range: Range{Min: math.Inf(-1), Max: maxInt, MinOpen: true},
		Doc:  "the lr is multiplied by decay_rate every transition_steps steps; ≤ 0: init_value for ever",
		Hint: Hint{Min: 1, Max: 1000, Step: 1}}
}

func optaxExpTransitionBegin(doc string) Param {
	return Param{Name: "transition_begin", Type: Int, Default: int64(0), Range: Range{Min: math.Inf(-1), Max: maxInt, MinOpen: true},
		Doc: doc, Hint: Hint{Min: 0, Max: 1000, Step: 1}}
}

func optaxDecayRateParam() Param {
	return Param{Name: "decay_rate", Type: Float, Required: true, Range: between(0, optaxMaxValue),
		Doc:  "the factor per transition_steps steps; above 1 the lr grows; 0: init_value for ever. Negative rates, nan or negative lrs in optax, are rejected",
		Hint: Hint{Min: 0.01, Max: 1, Step: 0.01}}
}

func optaxStaircaseParam() Param {
	return Param{Name: "staircase", Type: Bool, Default: false,
		Doc: "floor the exponent: the lr changes once every transition_steps steps"}
}

func optaxExpEndValueParam() Param {
	return Param{Name: "end_value", Type: Float, Nullable: true, Default: nil, Range: between(0, optaxMaxValue),
		Doc:  "None, or the bound the decay stops at: a lower bound for decay_rate < 1, an upper bound otherwise",
		Hint: Hint{Min: 0, Max: 1e-3}}
}

// optaxExp is exponential_decay(init_value, transition_steps, decay_rate,
// transition_begin, staircase, end_value), for a Python int count:
//
//	decreased_count = count − transition_begin                 Python int
//	p = decreased_count / transition_steps                     Python float (float64, correctly rounded)
//	p = jnp.floor(p)                                           if staircase: float32(p), then floored
//	decayed = where(decreased_count ≤ 0, init_value, init_value·power(decay_rate, p))
//	                                                           float32: pow(float32(decay_rate), float32(p)), then × float32(init_value)
//	decayed = maximum(decayed, end_value) if decay_rate < 1 else minimum(decayed, end_value), when end_value is set
//
// pow is float32(pow) here, which may differ from XLA's float32 pow in the
// last bit. No int32 is made of the count, so no run overflows; float32(p)
// rounds the exponent, and floor(float32(p)) can step a stair a count early
// when transition_steps passes 2²⁴.
//
// Special cases are:
//
//	t ≤ transition_begin   float32(init_value)
//	transition_steps ≤ 0   init_value itself, a Python float, for every t (optax logs it)
//	decay_rate = 0         the same
//	transition_begin < 0   0 (optax logs it)
//	decay_rate = 1         float32(init_value), bounded above by end_value
//	decay_rate > 1         the lr grows; runs past float32's largest (inf, or nan for init_value 0) are rejected
//
// Events: a Boundary where the decay starts (if after 0) and where end_value
// starts to bound it.
type optaxExp struct {
	init      float64 // a Python float: returned as is for a constant schedule
	constant  bool
	begin, ts int64
	init32    float32
	rate      float64 // float32(decay_rate), for pow
	staircase bool
	bounded   bool    // end_value is set
	lower     bool    // decay_rate < 1: end_value is a lower bound
	end32     float32 // float32(end_value)
}

func optaxNewExp(a args, init float64) *optaxExp {
	ts, rate := a.int("transition_steps"), a.float("decay_rate")
	c := &optaxExp{
		init: init, constant: ts <= 0 || rate == 0,
		begin: max(a.int("transition_begin"), 0), ts: ts,
		init32: float32(init), rate: float64(float32(rate)), staircase: a.bool("staircase"),
		bounded: !a.null("end_value"), lower: rate < 1,
	}
	if c.bounded {
		c.end32 = float32(a.float("end_value"))
	}
	return c
}

// unbounded is init_value·decay_rate^p before end_value bounds it, in float32.
func (c *optaxExp) unbounded(count int64) float32 {
	d := count - c.begin
	if d <= 0 {
		return c.init32
	}
	p := float32(float64(d) / float64(c.ts))
	if c.staircase {
		p = float32(math.Floor(float64(p)))
	}
	return c.init32 * float32(xmath.Pow(c.rate, float64(p)))
}

// value is schedule(count) for count ≥ 0.
func (c *optaxExp) value(count int64) float64 {
	if c.constant {
		return c.init
	}
	v := c.unbounded(count)
	switch {
	case !c.bounded: // jnp.maximum and jnp.minimum keep a nan, as max and min do
	case c.lower:
		v = max(v, c.end32)
	default:
		v = min(v, c.end32)
	}
	return float64(v)
}

func (c *optaxExp) at(i, n int64) float64 { return c.value(i) }

// boundFrom returns the first count in (transition_begin, n) from which
// end_value bounds the decay, or -1: the curve is monotone, so a binary search.
func (c *optaxExp) boundFrom(n int64) int64 {
	if c.constant || !c.bounded {
		return -1
	}
	reached := func(i int64) bool {
		v := c.unbounded(i)
		return (c.lower && v <= c.end32) || (!c.lower && v >= c.end32)
	}
	if reached(c.begin) || !reached(n-1) {
		return -1
	}
	return firstTrue(c.begin, n-1, reached) // not reached at c.begin, reached at n − 1
}

func (c *optaxExp) events(n, from, to int64, yield func(Event) bool) {
	if c.constant {
		return
	}
	if b := c.begin; b > 0 && b < n && b >= from && b < to && !yield(Event{b, Boundary}) {
		return
	}
	if b := c.boundFrom(n); b > 0 && b >= from && b < to {
		yield(Event{b, Boundary})
	}
}

// lastFinite returns the last count below n whose value is finite, or -1;
// values grow with the count when decay_rate > 1.
func (c *optaxExp) lastFinite(n int64) int64 {
	finite := func(i int64) bool { v := c.value(i); return !math.IsInf(v, 0) && !math.IsNaN(v) }
	if finite(n - 1) {
		return n - 1
	}
	if !finite(0) {
		return -1
	}
	// finite at 0, not at n − 1: the step before the first that is not
	return firstTrue(0, n-1, func(i int64) bool { return !finite(i) }) - 1
}

// checkSteps refuses runs whose lr overflows float32 (decay_rate > 1 without
// an end_value to bound it).
func (c *optaxExp) checkSteps(n int64) error {
	if c.constant || c.lower {
		return nil
	}
	if m := c.lastFinite(n); m < n-1 {
		return errorf("steps", itoa(n)+" steps take the lr past float32's largest at step "+itoa(m+1)+
			" (init_value·decay_rate^((t − transition_begin)/transition_steps) is inf, or nan for init_value 0); "+
			"at most "+itoa(m+1)+" steps")
	}
	return nil
}

// expShape writes the decay as sh's main phase, from step origin on, or says why not.
func (c *optaxExp) expShape(sh *shape, a args, n, origin int64) string {
	rate := a.float("decay_rate")
	if c.constant || rate == 1 && !c.bounded {
		sh.form = shapeFlat
		return ""
	}
	if c.staircase && c.ts != 1 {
		return "staircase=True decays once every " + itoa(c.ts) + " steps, a staircase no other framework's kind here draws"
	}
	if c.bounded && c.boundFrom(n-origin) >= 0 {
		return "end_value " + formatFloat(a.float("end_value")) + " stops the decay part-way through the run, which only optax does"
	}
	sh.form, sh.stable, sh.gamma = shapeExp, c.begin, math.Pow(rate, 1/float64(c.ts))
	return ""
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *optaxExp) shape(a args, n int64) (shape, string) {
	sh := newShape()
	sh.peak = c.init
	return sh, c.expShape(&sh, a, n, 0)
}

// expLintFacts sets the decay's part of f.
func (c *optaxExp) expLintFacts(f *lintFacts, ls lintSpec, origin int64, steps ...string) {
	rate := ls.a.float("decay_rate")
	f.noMin = true
	switch {
	case c.constant:
		why := ls.v("transition_steps") + " ≤ 0"
		if rate == 0 {
			why = "decay_rate = 0"
		}
		f.flatWhy = why + " makes optax return the value it starts from at every step (it only logs this)"
	case rate == 1:
		f.flatWhy, f.flatFix = "decay_rate = 1 leaves the lr unchanged", lintFix("decay_rate", 0.5)
	case rate < 1:
		f.end = origin + c.begin + lintEnd(float64(c.ts)*math.Log(1e-3)/math.Log(rate))
		f.endName = ls.v("decay_rate") + " brings the lr down 1000-fold"
		f.scale = ls.scale(steps...)
	default:
		f.inverted = ls.v("decay_rate") + " > 1 makes the lr grow"
		f.invertedFix = lintFix("decay_rate", 1/rate)
	}
}

// lintFacts describes a run of n steps for Lint.
func (c *optaxExp) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer updates (the schedule's count)"}
	f.peak, f.peakName = c.init, ls.v("init_value")
	c.expLintFacts(&f, ls, 0, "transition_begin", "transition_steps")
	return f
}
