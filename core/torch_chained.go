package core

var torchChainedKind = register(&Kind{
	Name:      "torch.ChainedScheduler",
	order:     131,
	code:      torchComposedCode,
	imports:   []importSig{{callee: "ChainedScheduler", params: []string{"schedulers", "optimizer"}}},
	Framework: "PyTorch",
	Title:     "Schedulers chained (ChainedScheduler)",
	Doc: "Steps all its schedulers at every step, in list order, on one optimizer: each chainable scheduler " +
		"multiplies (or moves) the lr the one before it wrote, so their factors compound. Every scheduler is " +
		"built on the optimizer first, in list order, and what each constructor does to the lr counts: " +
		"step 0 is the lr after the last constructor. Values are PyTorch's objects replayed step by step, so " +
		"runs are limited to 10^6 steps (a chain of one scheduler is that scheduler, drawn to 10^12). " +
		"Runs reaching a step where a scheduler raises (OneCycleLR past total_steps) are refused.",
	Convention: torchConvention,
	Link:       torchDocs + "ChainedScheduler.html",
	Example: `{"kind": "torch.ChainedScheduler", "lr": 0.1, "schedulers": [{"kind": "` + torchLinearKind.Name + `", "start_factor": 0.1, ` +
		`"total_iters": 10}, {"kind": "` + torchExponentialKind.Name + `", "gamma": 0.97}]}`,
	ExampleSteps: 100,
	Params: []Param{
		torchLR(),
		{Name: "schedulers", Type: Schedules, Required: true,
			Doc: "the PyTorch schedulers, built in this order on the optimizer and stepped in this order; each takes " +
				"the optimizer's lr, so none names lr (PyTorch requires at least one)"},
	},
	build: func(a args) (kindCurve, error) {
		children, err := torchParseChildren(a, "ChainedScheduler")
		if err != nil {
			return nil, err
		}
		c := &torchComposed{name: "ChainedScheduler", lr: a.float("lr"), children: children}
		c.torchAnalyze()
		return c, nil
	},
})
