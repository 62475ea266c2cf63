package core

var torchSequentialKind = register(&Kind{
	Name:      "torch.SequentialLR",
	order:     130,
	code:      torchComposedCode,
	imports:   []importSig{{callee: "SequentialLR", params: []string{"optimizer", "schedulers", "milestones", "last_epoch", "verbose"}}},
	Framework: "PyTorch",
	Title:     "Schedulers in sequence (SequentialLR)",
	Doc: "Runs its schedulers one after another on one optimizer: scheduler k from milestone k − 1 on " +
		"(PyTorch's bisect_right on milestones), each restarted at its milestone with its closed form at epoch 0. " +
		"As in PyTorch, every scheduler is built on the optimizer first, in list order (what each one's " +
		"constructor does to the lr counts), then SequentialLR resets the lr to initial_lr, undoes their " +
		"initial steps and runs the first one's again. Values are PyTorch's objects replayed step by step. " +
		"When the milestones are sorted and at least 1, each stretch is its scheduler alone, restarted: " +
		"such runs can be drawn up to 10^12 steps from the schedulers' own closed forms. Every scheduler but " +
		"MultiplicativeLR restarts so (LinearLR, ConstantLR, StepLR, MultiStepLR, ExponentialLR, PolynomialLR, " +
		"CosineAnnealingLR, CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR, LambdaLR; ConstantLR only with " +
		"total_iters ≥ 1). Otherwise (a milestone of 0 or below, milestones out of order, a composition inside, " +
		"a OneCycleLR, a MultiplicativeLR or a ConstantLR with total_iters = 0 after the first) a " +
		"scheduler can start from another's lr, and runs are replayed, up to 10^6 steps. A nested composition reached at a " +
		"milestone raises NotImplementedError in PyTorch, and such runs are refused; so are runs reaching a step " +
		"where a scheduler raises (OneCycleLR past total_steps, a closed form that divides by zero).",
	Convention: torchConvention,
	Link:       torchDocs + "SequentialLR.html",
	Example: `{"kind": "torch.SequentialLR", "lr": 0.1, "schedulers": [{"kind": "` + torchLinearKind.Name + `", "start_factor": 0.01, ` +
		`"total_iters": 10}, {"kind": "` + torchCosineKind.Name + `", "T_max": 90}], "milestones": [10]}`,
	ExampleSteps: 100,
	Params: []Param{
		torchLR(),
		{Name: "schedulers", Type: Schedules, Required: true,
			Doc: "the PyTorch schedulers, built in this order on the optimizer; each takes the optimizer's lr, " +
				"so none names lr (PyTorch requires at least one)"},
		{Name: "milestones", Type: IntList, Required: true, Range: between(-float64(MaxSteps), float64(MaxSteps)),
			Doc: "the steps at which the next scheduler starts, one fewer than the schedulers (PyTorch's check); " +
				"PyTorch takes them as they are, unsorted, repeated or 0, and so do we"},
	},
	build: func(a args) (kindCurve, error) {
		children, err := torchParseChildren(a, "SequentialLR")
		if err != nil {
			return nil, err
		}
		ms := a["milestones"].([]int64)
		if len(ms) != len(children)-1 {
			return nil, errorf("milestones", "PyTorch raises ValueError: \"Sequential Schedulers expects number of schedulers "+
				"provided to be one more than the number of milestone points, but got number of schedulers "+
				itoa(int64(len(children)))+" and the number of milestones to be equal to "+itoa(int64(len(ms)))+"\"")
		}
		c := &torchComposed{name: "SequentialLR", lr: a.float("lr"), children: children, milestones: ms, sequential: true}
		c.torchAnalyze()
		return c, nil
	},
})
