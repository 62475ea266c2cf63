package core

var optaxCosineOnecycleKind = register(&Kind{
	Name:  "optax.cosine_onecycle_schedule",
	order: 508,
	code:  optaxCode,
	imports: []importSig{{callee: "cosine_onecycle_schedule",
		params: []string{"transition_steps", "peak_value", "pct_start", "div_factor", "final_div_factor"}}},
	Framework: "optax",
	Title:     "Cosine one-cycle",
	Doc: "cosine_onecycle_schedule: piecewise_interpolate_schedule('cosine', peak_value/div_factor, {int(pct_start·T): div_factor, " +
		"int(T): 1/(div_factor·final_div_factor)}) with T = transition_steps: a half cosine up from peak_value/div_factor to " +
		"peak_value, another down to peak_value/(div_factor·final_div_factor), held from T on; in float32 as JAX computes " +
		"it by default. optax raises ValueError unless transition_steps > 0; JAX raises OverflowError for a step past 2³¹ − 1.",
	Convention:   optaxConvention,
	Link:         optaxLink + "#optax.schedules.cosine_onecycle_schedule",
	Example:      `{"kind": "optax.cosine_onecycle_schedule", "transition_steps": 1000, "peak_value": 1e-3}`,
	ExampleSteps: 1100,
	Params:       optaxOnecycleParams(false),
	build: func(a args) (kindCurve, error) {
		ts := a.int("transition_steps")
		b1, err := optaxBoundary(a, "pct_start")
		if err != nil {
			return nil, err
		}
		div, final := a.float("div_factor"), a.float("final_div_factor")
		prod := div * final
		if prod == 0 {
			return nil, errorf("final_div_factor", "div_factor·final_div_factor is 0 in float64: Python raises ZeroDivisionError for 1.0 / 0.0")
		}
		items := optaxSortedItems(optaxPair{b1, div}, optaxPair{ts, 1.0 / prod})
		return optaxNewOnecycle(a, "cosine_onecycle_schedule", true, items)
	},
})
