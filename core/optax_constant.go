package core

var optaxConstantKind = register(&Kind{
	Name:      "optax.constant_schedule",
	order:     504,
	code:      optaxCode,
	imports:   []importSig{{callee: "constant_schedule", params: []string{"value"}}},
	Framework: "optax",
	Title:     "Constant",
	Doc: "constant_schedule: lambda count: value. The schedule returns value itself, a Python float, at every step: " +
		"no float32 rounding happens until it meets the float32 updates.",
	Convention:   "schedule(i), the value optax's schedule returns for the Python int count i: value itself (a Python float)",
	Link:         optaxLink + "#optax.schedules.constant_schedule",
	Example:      `{"kind": "optax.constant_schedule", "value": 1e-3}`,
	ExampleSteps: 100,
	Params: []Param{
		{Name: "value", Type: Float, Required: true, Range: between(0, optaxMaxValue),
			Doc: "the learning rate at every step", Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
	},
	build: func(a args) (kindCurve, error) {
		return &optaxConstant{value: a.float("value")}, nil
	},
})

// optaxConstant is constant_schedule(value): value at every count, as the
// Python float it is.
type optaxConstant struct{ value float64 }

func (c *optaxConstant) at(i, n int64) float64 { return c.value }

// events: none; the lr never changes.
func (c *optaxConstant) events(n, from, to int64, yield func(Event) bool) {}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *optaxConstant) shape(a args, n int64) (shape, string) {
	sh := newShape()
	sh.form, sh.peak = shapeFlat, c.value
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *optaxConstant) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer updates (the schedule's count)"}
	f.peak, f.floor, f.peakName, f.floorName = c.value, c.value, ls.v("value"), ls.v("value")
	f.holds, f.noMin = true, true // a constant lr is what it is for
	return f
}
