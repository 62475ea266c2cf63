package core

import "math"

// What the two onecycle kinds share: their parameters, their check of
// transition_steps, and the curve, a piecewise_interpolate_schedule (see
// optax_interpolate.go) with boundaries computed from the percentages.

func optaxOnecycleParams(final bool) []Param {
	ps := []Param{
		{Name: "transition_steps", Type: Int, Required: true, Range: Range{Min: math.Inf(-1), Max: optaxMaxInt32, MinOpen: true},
			Doc:  "the length of the cycle; optax raises ValueError unless it is positive (at most 2³¹ − 1: JAX makes it an int32)",
			Hint: Hint{Min: 1, Max: 10000, Step: 1}},
		{Name: "peak_value", Type: Float, Required: true, Range: between(0, optaxMaxValue),
			Doc: "the learning rate at the top of the cycle", Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
		{Name: "pct_start", Type: Float, Default: 0.3, Range: atLeast(0),
			Doc:  "the fraction of transition_steps spent rising: the peak is at int(pct_start·transition_steps)",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
	}
	if final {
		ps = append(ps, Param{Name: "pct_final", Type: Float, Default: 0.85, Range: atLeast(0),
			Doc:  "the fraction of transition_steps at whose end, int(pct_final·transition_steps), the lr is back at peak_value/div_factor",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}})
	}
	return append(ps,
		Param{Name: "div_factor", Type: Float, Default: 25.0, Range: above(0),
			Doc: "the cycle starts at peak_value/div_factor", Hint: Hint{Min: 1, Max: 100, Step: 1}},
		Param{Name: "final_div_factor", Type: Float, Default: 1e4, Range: above(0),
			Doc: "the cycle ends at peak_value/(div_factor·final_div_factor)", Hint: Hint{Min: 1, Max: 1e5, Log: true}},
	)
}

// optaxBoundary is Python's int(pct·transition_steps), or an error naming
// pct when JAX cannot make it an int32.
func optaxBoundary(a args, pct string) (int64, error) {
	x := a.float(pct) * float64(a.int("transition_steps"))
	if x > optaxMaxInt32 {
		return 0, errorf(pct, formatFloat(a.float(pct))+" puts a boundary at "+formatFloat(math.Trunc(x))+
			": JAX raises OverflowError, it cannot make it an int32")
	}
	return int64(x), nil
}

// optaxOnecycle is a onecycle schedule: p at every step, named for messages.
type optaxOnecycle struct {
	p      *optaxInterp
	name   string
	params []string // the parameter each item of p comes from, for messages
}

// optaxNewOnecycle makes a onecycle schedule of the sorted items, whose
// scale at transition_steps is final_div_factor's and the others
// div_factor's (for messages: each item's scale is the last entry written
// with its boundary).
func optaxNewOnecycle(a args, name string, cosine bool, items []optaxPair) (*optaxOnecycle, error) {
	if a.int("transition_steps") <= 0 {
		kind := "linear"
		if cosine {
			kind = "cosine"
		}
		return nil, errorf("transition_steps", itoa(a.int("transition_steps"))+" is not positive: optax raises ValueError: "+
			"A "+kind+" onecycle schedule was set with a non-positive `transition_steps`")
	}
	params := []string{"div_factor"}
	for _, it := range items {
		from := "div_factor"
		if it.boundary == a.int("transition_steps") {
			from = "final_div_factor"
		}
		params = append(params, from)
	}
	p, k, why := optaxNewInterp(cosine, a.float("peak_value")/a.float("div_factor"), items)
	if p == nil {
		return nil, errorf(params[k], why)
	}
	return &optaxOnecycle{p: p, name: name, params: params}, nil
}

func (c *optaxOnecycle) at(i, n int64) float64 { return float64(c.p.value(i)) }

func (c *optaxOnecycle) events(n, from, to int64, yield func(Event) bool) {
	c.p.events(n, from, to, yield)
}

func (c *optaxOnecycle) checkSteps(n int64) error { return c.p.checkSteps(n, c.name) }

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *optaxOnecycle) shape(a args, n int64) (shape, string) {
	return newShape(), "optax's " + c.name + " interpolates between boundaries at int(pct·transition_steps), which no other framework's kind here does"
}

// lintFacts describes a run of n steps for Lint.
func (c *optaxOnecycle) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer updates (the schedule's count)"}
	v := c.p.values
	peak := 0
	for k := range v {
		if v[k] > v[peak] {
			peak = k
		}
	}
	f.warmup, f.warmupName = min(int64(c.p.bounds[peak]), n), ls.v("pct_start")+" of "+ls.v("transition_steps")
	f.peak, f.floor = float64(v[peak]), float64(v[len(v)-1])
	f.peakName, f.floorName = ls.v("peak_value"), "peak_value/(div_factor·final_div_factor) = "+formatFloat(f.floor)
	f.end, f.endName = ls.a.int("transition_steps"), ls.v("transition_steps")+" ends the cycle"
	f.fitEnd, f.scale = ls.set("transition_steps", float64(n)), ls.scale("transition_steps")
	return f
}
