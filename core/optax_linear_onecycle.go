package core

var optaxLinearOnecycleKind = register(&Kind{
	Name:  "optax.linear_onecycle_schedule",
	order: 507,
	code:  optaxCode,
	imports: []importSig{{callee: "linear_onecycle_schedule",
		params: []string{"transition_steps", "peak_value", "pct_start", "pct_final", "div_factor", "final_div_factor"}}},
	Framework: "optax",
	Title:     "Linear one-cycle",
	Doc: "linear_onecycle_schedule: piecewise_interpolate_schedule('linear', peak_value/div_factor, {int(pct_start·T): div_factor, " +
		"int(pct_final·T): 1/div_factor, T: 1/final_div_factor}) with T = transition_steps: up from peak_value/div_factor to " +
		"peak_value, back down to peak_value/div_factor, then to peak_value/(div_factor·final_div_factor), held from T on; " +
		"in float32 as JAX computes it by default. Boundaries that coincide keep the later scale, as a Python dict does. " +
		"optax raises ValueError unless transition_steps > 0; JAX raises OverflowError for a step past 2³¹ − 1.",
	Convention:   optaxConvention,
	Link:         optaxLink + "#optax.schedules.linear_onecycle_schedule",
	Example:      `{"kind": "optax.linear_onecycle_schedule", "transition_steps": 1000, "peak_value": 1e-3}`,
	ExampleSteps: 1100,
	Params:       optaxOnecycleParams(true),
	build: func(a args) (kindCurve, error) {
		ts := a.int("transition_steps")
		b1, err := optaxBoundary(a, "pct_start")
		if err != nil {
			return nil, err
		}
		b2, err := optaxBoundary(a, "pct_final")
		if err != nil {
			return nil, err
		}
		div, final := a.float("div_factor"), a.float("final_div_factor")
		entries := []optaxPair{{b1, div}, {b2, 1.0 / div}, {ts, 1.0 / final}}
		items := optaxSortedItems(entries...)
		return optaxNewOnecycle(a, "linear_onecycle_schedule", false, items)
	},
})
