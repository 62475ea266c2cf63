package core

var optaxLinearKind = register(&Kind{
	Name:      "optax.linear_schedule",
	order:     502,
	code:      optaxCode,
	imports:   []importSig{{callee: "linear_schedule", params: []string{"init_value", "end_value", "transition_steps", "transition_begin"}}},
	Framework: "optax",
	Title:     "Linear",
	Doc: "linear_schedule: polynomial_schedule with power 1, a straight line from init_value to end_value over transition_steps " +
		"starting at transition_begin: (init_value − end_value)·(1 − t/transition_steps) + end_value, in float32 as JAX computes it " +
		"by default; end_value from transition_begin + transition_steps on. With init_value below end_value it is a warmup. " +
		"With transition_steps ≤ 0 optax only logs that the schedule is constant and returns init_value itself (a Python float) " +
		"at every step; a negative transition_begin falls back to 0 likewise. JAX raises OverflowError for a count − " +
		"transition_begin past 2³¹ − 1 (the clip makes it an int32).",
	Convention:   optaxConvention,
	Link:         optaxLink + "#optax.schedules.linear_schedule",
	Example:      `{"kind": "optax.linear_schedule", "init_value": 1e-3, "end_value": 1e-5, "transition_steps": 1000}`,
	ExampleSteps: 1200,
	Params: []Param{
		optaxInitValueParam("the learning rate until transition_begin"),
		optaxEndValueParam(),
		optaxTransitionStepsParam("the number of steps the line takes; ≤ 0: init_value for ever"),
		optaxTransitionBeginParam("steps held at init_value before the line starts; negative: 0"),
	},
	build: func(a args) (kindCurve, error) {
		// linear_schedule passes power=1, a Python int: lax.integer_pow(frac, 1) is frac.
		return optaxNewPolynomial(a, 1, "linear_schedule"), nil
	},
})
