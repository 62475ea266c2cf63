package core

import "math"

// optax's piecewise_constant_schedule and piecewise_interpolate_schedule,
// from optax/schedules/_schedule.py. Both take boundaries_and_scales, a
// dict {step: scale}, here a PairList (Dict) in the order written: a
// repeated key keeps its first place and its last scale, as a Python dict
// literal does, and both sort the dict's items.
//
// piecewise_constant_schedule, for a Python int count:
//
//	v = init_value
//	if boundaries_and_scales is not None:
//	  for threshold, scale in sorted(boundaries_and_scales.items()):
//	    indicator = jnp.maximum(0.0, jnp.sign(threshold - count))
//	    v = v * indicator + (1 - indicator) * scale * v
//	return v
//
// indicator is a float32 1 before threshold and 0 from it on, so each
// passed threshold multiplies v by float32(scale) in float32 (the first by
// float32(init_value)), and each other adds 0: v is the running product of
// the scales passed, the cumprod piecewise_interpolate_schedule's values
// are (optaxNewInterp computes it once). Without thresholds no jnp
// operation runs and v is init_value itself, a Python float.
// threshold − count is a Python int that jnp.sign makes an int32: JAX
// raises OverflowError when it leaves int32.

func optaxPiecewiseParams(init string) []Param {
	return []Param{
		optaxInitValueParam(init),
		{Name: "boundaries_and_scales", Type: PairList, Dict: true, Nullable: true, Range: anyFinite,
			Doc: "a dict {step: scale}: from each step on the value is multiplied by its scale; optax raises ValueError " +
				"for a negative scale; a step from −2³¹ to 2³¹ − 1 (JAX makes it an int32); null (None) or {} for none",
			Hint: Hint{Min: 0, Max: 10000, Step: 1}},
	}
}

var optaxPiecewiseConstantKind = register(&Kind{
	Name:      "optax.piecewise_constant_schedule",
	order:     509,
	code:      optaxCode,
	imports:   []importSig{{callee: "piecewise_constant_schedule", params: []string{"init_value", "boundaries_and_scales"}}},
	Framework: "optax",
	Title:     "Piecewise constant",
	Doc: "piecewise_constant_schedule: init_value times the scales of every boundary the count has reached (count ≥ step), " +
		"a step function with a jump at each boundary; in float32 as JAX computes it by default (init_value itself, " +
		"a Python float, when there are no boundaries). The dict's items are sorted; a repeated step keeps its last scale. " +
		"optax raises ValueError: `piecewise_constant_schedule` expects non-negative scale factors.",
	Convention:   optaxConvention,
	Link:         optaxLink + "#optax.schedules.piecewise_constant_schedule",
	Example:      `{"kind": "optax.piecewise_constant_schedule", "init_value": 0.1, "boundaries_and_scales": [[300, 0.1], [600, 0.1]]}`,
	ExampleSteps: 1000,
	Params:       optaxPiecewiseParams("the value before the first boundary"),
	build: func(a args) (kindCurve, error) {
		return optaxNewPiecewise(a, "piecewise_constant_schedule", false, false)
	},
})

var optaxPiecewiseInterpolateKind = register(&Kind{
	Name:  "optax.piecewise_interpolate_schedule",
	order: 510,
	code:  optaxCode,
	imports: []importSig{{callee: "piecewise_interpolate_schedule",
		params: []string{"interpolate_type", "init_value", "boundaries_and_scales"}}},
	Framework: "optax",
	Title:     "Piecewise interpolate",
	Doc: "piecewise_interpolate_schedule: the values init_value·s₁·…·sₖ at the sorted boundaries (a running product of " +
		"the scales), joined by a straight line ('linear') or a half cosine ('cosine') from 0 to the last boundary and " +
		"held from it on; in float32 as JAX computes it by default. A repeated step keeps its last scale. optax raises " +
		"ValueError: `interpolate_type` must be either 'cosine' or 'linear', and `piecewise_interpolate_schedule` " +
		"expects non-negative scale factors; JAX raises OverflowError for a step past 2³¹ − 1.",
	Convention:   optaxConvention,
	Link:         optaxLink + "#optax.schedules.piecewise_interpolate_schedule",
	Example:      `{"kind": "optax.piecewise_interpolate_schedule", "interpolate_type": "cosine", "init_value": 1e-4, "boundaries_and_scales": [[100, 10], [1000, 0.01]]}`,
	ExampleSteps: 1100,
	Params: append([]Param{{Name: "interpolate_type", Type: Enum, Required: true, Options: []string{"linear", "cosine"},
		Doc: "how consecutive values are joined: 'linear' or 'cosine' (optax raises ValueError for anything else)"}},
		optaxPiecewiseParams("the value at step 0")...),
	build: func(a args) (kindCurve, error) {
		return optaxNewPiecewise(a, "piecewise_interpolate_schedule", true, a.string("interpolate_type") == "cosine")
	},
})

// optaxPiecewise is either kind: p holds the sorted boundaries and the
// running products.
type optaxPiecewise struct {
	p       *optaxInterp
	interp  bool    // piecewise_interpolate_schedule, else piecewise_constant_schedule
	python  float64 // init_value, which piecewise_constant_schedule returns without boundaries
	none    bool    // no boundaries
	minStep int64   // the smallest boundary, for piecewise_constant_schedule's int32 check
	name    string
}

func optaxNewPiecewise(a args, name string, interp, cosine bool) (*optaxPiecewise, error) {
	var written []stepValue
	if v, ok := a["boundaries_and_scales"].([]stepValue); ok {
		written = v
	}
	entries := make([]optaxPair, len(written))
	for i, e := range written {
		entries[i] = optaxPair{e.step, e.value}
	}
	items := optaxSortedItems(entries...)
	// param names the written pair a sorted item comes from: the last with its step.
	param := func(k int) string {
		if k == 0 {
			return "init_value"
		}
		last := 0
		for i, e := range written {
			if e.step == items[k-1].boundary {
				last = i
			}
		}
		return "boundaries_and_scales" + listOpen + itoa(int64(last)) + listClose
	}
	for k, it := range items {
		if !(it.scale >= 0) {
			return nil, errorf(param(k+1), "its scale "+formatFloat(it.scale)+" is negative: optax raises ValueError: `"+
				name+"` expects non-negative scale factors")
		}
	}
	p, k, why := optaxNewInterp(cosine, a.float("init_value"), items)
	if p == nil {
		return nil, errorf(param(k), why)
	}
	c := &optaxPiecewise{p: p, interp: interp, python: a.float("init_value"), none: len(items) == 0, name: name}
	if !c.none {
		c.minStep = items[0].boundary
	}
	return c, nil
}

func (c *optaxPiecewise) at(i, n int64) float64 {
	if c.interp {
		return float64(c.p.value(i))
	}
	if c.none {
		return c.python
	}
	// The number of boundaries ≤ i, by binary search: values[k] is the running product to there.
	lo, hi := 1, len(c.p.bounds)
	for lo < hi {
		mid := (lo + hi) / 2
		if int64(c.p.bounds[mid]) <= i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return float64(c.p.values[lo-1])
}

// events marks the boundaries in (0, n): jumps, or where the interpolation
// turns.
func (c *optaxPiecewise) events(n, from, to int64, yield func(Event) bool) {
	if c.interp {
		c.p.events(n, from, to, yield)
		return
	}
	for k := 1; k < len(c.p.bounds); k++ {
		b := int64(c.p.bounds[k])
		if b > 0 && b >= from && b < to && b < n && !yield(Event{b, Boundary}) {
			return
		}
	}
}

// checkSteps: piecewise_interpolate_schedule makes the count an int32;
// piecewise_constant_schedule makes threshold − count one, which leaves
// int32 past step threshold + 2³¹ for the smallest threshold.
func (c *optaxPiecewise) checkSteps(n int64) error {
	if c.interp {
		return c.p.checkSteps(n, c.name)
	}
	if !c.none && c.minStep-(n-1) < math.MinInt32 {
		return errorf("steps", itoa(n)+" is too many: at step "+itoa(c.minStep-math.MinInt32+1)+" the boundary "+itoa(c.minStep)+
			" minus the count leaves int32 and optax's "+c.name+" raises OverflowError; at most "+itoa(c.minStep-math.MinInt32+1)+" steps")
	}
	return nil
}

// shape: a constant without boundaries (or with scales of 1); steps and
// interpolations between boundaries are no shape another framework draws.
func (c *optaxPiecewise) shape(a args, n int64) (shape, string) {
	sh := newShape()
	flat := true
	for _, v := range c.p.values {
		flat = flat && v == c.p.values[0]
	}
	if !flat {
		return sh, "optax's " + c.name + " changes the lr at the boundaries of a {step: scale} dict, which no other framework's kind here reads"
	}
	sh.form, sh.peak = shapeFlat, c.at(0, n)
	return sh, ""
}

// lintFacts describes a run of n steps for Lint: the peak is the largest
// value, the floor the last.
func (c *optaxPiecewise) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer updates (the schedule's count)"}
	v, b := c.p.values, c.p.bounds
	peak := 0
	for k := range v {
		if v[k] > v[peak] {
			peak = k
		}
	}
	f.peak, f.floor = float64(v[peak]), float64(v[len(v)-1])
	f.peakName, f.floorName = ls.v("init_value"), "the running product of the scales, "+formatFloat(f.floor)
	if peak > 0 {
		f.peakName = "the value at step " + itoa(int64(b[peak])) + ", " + formatFloat(f.peak)
		if c.interp {
			f.warmup, f.warmupName = min(int64(b[peak]), n), "the boundary "+itoa(int64(b[peak]))
		}
	}
	if last := int64(b[len(b)-1]); last > 0 {
		f.end, f.endName = last, "the last boundary, "+itoa(last)+", ends the schedule"
	}
	f.holds = len(v) == 1
	f.noMin = len(v) == 1
	return f
}
