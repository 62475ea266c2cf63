package core

import "slices"

var kerasPiecewiseConstantDecayKind = register(&Kind{
	Name:       "keras.PiecewiseConstantDecay",
	order:      405,
	code:       kerasCode,
	imports:    []importSig{{callee: "PiecewiseConstantDecay", params: []string{"boundaries", "values", "name"}}},
	arithmetic: "Keras's PiecewiseConstantDecay returns its values in float32",
	Framework:  "Keras",
	Title:      "PiecewiseConstantDecay (values between boundaries)",
	Doc: "values[0] while step ≤ boundaries[0], values[1] while boundaries[0] < step ≤ boundaries[1], …, and " +
		"values[-1] once step > boundaries[-1]: each new value starts the step after its boundary. values has " +
		"one element more than boundaries (Keras raises ValueError otherwise). The values are float32, as " +
		"Keras returns them for Python floats.",
	Convention:   "schedule(i): the value the schedule returns for optimizer.iterations = i",
	Link:         "https://keras.io/api/optimizers/learning_rate_schedules/piecewise_constant_decay/",
	Example:      `{"kind": "keras.PiecewiseConstantDecay", "boundaries": [200, 350], "values": [0.1, 0.01, 0.001]}`,
	ExampleSteps: 500,
	Params: []Param{
		{Name: "boundaries", Type: IntList, Required: true, Range: between(-maxInt, maxInt),
			Doc: "the steps after which the value changes, strictly increasing, as Keras requires (it does not " +
				"check: overlapping ranges would add their values; refused here); whole steps, as Keras casts them " +
				"to the step's integer type",
			Hint: Hint{Min: 0, Max: 10000, Step: 1}},
		{Name: "values", Type: FloatList, Required: true, Range: kerasLRRange,
			Doc:  "the lr before the first boundary, between each pair of boundaries, and after the last",
			Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
	},
	build: buildKerasPiecewise,
})

func buildKerasPiecewise(a args) (kindCurve, error) {
	b, v := a["boundaries"].([]int64), a["values"].([]float64)
	if len(b) != len(v)-1 {
		repr := formatList(len(v), func(i int) string { return pyFloatLiteral(v[i]) })
		return nil, errorf("values", "Keras raises ValueError: The length of boundaries should be 1 less than the length of values. "+
			"Received: boundaries="+formatValue(b)+" of length "+itoa(int64(len(b)))+", and values="+repr+" of length "+itoa(int64(len(v)))+".")
	}
	if len(b) == 0 {
		return nil, errorf("boundaries", "empty: Keras reads boundaries[0] at every step and raises IndexError (list index out of range); give at least one boundary")
	}
	for j := 1; j < len(b); j++ {
		if b[j] <= b[j-1] {
			return nil, errorf("boundaries", "boundaries["+itoa(int64(j))+"] = "+itoa(b[j])+" is not above boundaries["+itoa(int64(j-1))+"] = "+
				itoa(b[j-1])+"; Keras requires strictly increasing boundaries (it does not check, and where ranges overlap it adds their values)")
		}
	}
	c := &kerasPiecewise{bounds: b, values: make([]float32, len(v))}
	for i, x := range v {
		c.values[i] = float32(x)
	}
	return c, nil
}

// kerasPiecewise is keras.optimizers.schedules.PiecewiseConstantDecay.
//
// The lr of step i is schedule(i): Keras sums cast(step ≤ b[0])·v[0],
// cast(step > b[-1])·v[-1] and cast(b[j-1] < step ≤ b[j])·v[j] in float32,
// starting from 0. With strictly increasing boundaries exactly one term is
// 1·v[j] and the others ±0, so the sum is float32(v[j]) for the j of
// b[j-1] < i ≤ b[j] (the number of boundaries below i).
//
// Special cases are:
//
//	one boundary: values[0] up to it, values[1] after
//	a boundary below 0: its value is never drawn
//	values rising: the lr jumps up after that boundary (a Restart event)
type kerasPiecewise struct {
	bounds []int64
	values []float32
}

// j is the index of the value of step i: the number of boundaries below i.
func (c *kerasPiecewise) j(i int64) int {
	j, _ := slices.BinarySearch(c.bounds, i)
	return j
}

func (c *kerasPiecewise) at(i, n int64) float64 { return float64(c.values[c.j(i)]) }

// events: where the value changes, the step after a boundary: a Restart
// where it rises, a Boundary where it falls or stays.
func (c *kerasPiecewise) events(n, from, to int64, yield func(Event) bool) {
	for j := c.j(from - 1); j < len(c.bounds); j++ {
		s := c.bounds[j] + 1
		if s >= to {
			return
		}
		if s < max(from, 0) {
			continue
		}
		kind := Boundary
		if c.values[j+1] > c.values[j] {
			kind = Restart
		}
		if !yield(Event{s, kind}) {
			return
		}
	}
}

// seen returns the indices of the first and last values a run of n steps
// draws.
func (c *kerasPiecewise) seen(n int64) (int, int) { return c.j(0), c.j(max(n-1, 0)) }

// shape reads a run of n steps as a shape for Translate: a constant lr when
// the run draws one value; no other framework draws the pieces.
func (c *kerasPiecewise) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	first, last := c.seen(n)
	for j := first + 1; j <= last; j++ {
		if c.values[j] != c.values[first] {
			return sh, "a piecewise constant lr (values between boundaries), which only Keras's PiecewiseConstantDecay draws here"
		}
	}
	sh.form, sh.peak = shapeFlat, float64(c.values[first])
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *kerasPiecewise) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer iterations"}
	first, last := c.seen(n)
	f.peak, f.peakName, f.noMin = float64(c.values[first]), "values["+itoa(int64(first))+"] = "+formatFloat(ls.a["values"].([]float64)[first]), true
	flat := true
	for j := first + 1; j <= last; j++ {
		flat = flat && c.values[j] == c.values[first]
	}
	if flat && last > first {
		f.flatWhy = "the values the run reaches are all equal"
	}
	f.lintZeroLR(ls.k, f.peak)
	return f
}
