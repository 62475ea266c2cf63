package core

var hfConstantKind = register(&Kind{
	Name:         "hf.constant_schedule",
	order:        304,
	code:         hfCode,
	imports:      []importSig{{callee: "get_constant_schedule", params: []string{"optimizer", "last_epoch"}}},
	Framework:    "Hugging Face Transformers",
	Title:        "Constant",
	Doc:          "get_constant_schedule: the optimizer's lr at every step (lr_lambda returns 1).",
	Convention:   hfConvention,
	Link:         hfLink + "#transformers.get_constant_schedule",
	Example:      `{"kind": "hf.constant_schedule", "lr": 5e-5}`,
	ExampleSteps: 1000,
	Params:       []Param{hfLRParam()},
	build: func(a args) (kindCurve, error) {
		return &hfConstant{lr: a.float("lr")}, nil
	},
})

var hfConstantWarmupKind = register(&Kind{
	Name:      "hf.constant_schedule_with_warmup",
	order:     305,
	code:      hfCode,
	imports:   []importSig{{callee: "get_constant_schedule_with_warmup", params: []string{"optimizer", "num_warmup_steps", "last_epoch"}}},
	Framework: "Hugging Face Transformers",
	Title:     "Constant with warmup",
	Doc: "get_constant_schedule_with_warmup: a linear warmup from 0 to lr over num_warmup_steps, " +
		"lr·i/max(1, num_warmup_steps), then lr for ever.",
	Convention:   hfConvention,
	Link:         hfLink + "#transformers.get_constant_schedule_with_warmup",
	Example:      `{"kind": "hf.constant_schedule_with_warmup", "lr": 5e-5, "num_warmup_steps": 100}`,
	ExampleSteps: 1000,
	Params:       []Param{hfLRParam(), hfWarmupParam()},
	build: func(a args) (kindCurve, error) {
		return &hfConstant{lr: a.float("lr"), w: a.int("num_warmup_steps")}, nil
	},
})

// hfConstant is get_constant_schedule (W = 0) and
// get_constant_schedule_with_warmup. With W = num_warmup_steps the lr of
// step i (lr * lr_lambda(i)) is
//
//	i < W:  lr · (float(i) / float(max(1.0, W)))
//	i ≥ W:  lr · 1.0  (lr · 1 in get_constant_schedule: the same bits)
//
// max(1.0, W) is 1.0 or W itself, so the warmup is hfWarmup's.
//
// Special cases are:
//
//	i = W   lr (a WarmupEnd event when W > 0)
//	W = 1   lr from step 1 on, 0 at step 0
type hfConstant struct {
	lr float64
	w  int64
}

func (c *hfConstant) at(i, n int64) float64 {
	if i < c.w {
		return c.lr * hfWarmup(i, c.w)
	}
	return c.lr * 1.0
}

func (c *hfConstant) events(n, from, to int64, yield func(Event) bool) {
	hfWarmupEnd(c.w, n, from, to, yield)
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *hfConstant) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	sh.warmup, sh.peak, sh.form = c.w, c.lr, shapeFlat
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *hfConstant) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer steps", holds: true} // a constant lr is what it is for
	f.peak, f.peakName, f.floor, f.floorName = c.lr, ls.v("lr"), c.lr, ls.v("lr")
	if c.w > 0 {
		f.warmup, f.warmupName, f.warmupParam = min(c.w, n), ls.v("num_warmup_steps"), "num_warmup_steps"
		f.scale = ls.scale("num_warmup_steps")
	}
	return f
}
