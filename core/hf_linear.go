package core

var hfLinearKind = register(&Kind{
	Name:      "hf.linear_schedule_with_warmup",
	order:     306,
	code:      hfCode,
	imports:   []importSig{{callee: "get_linear_schedule_with_warmup", params: []string{"optimizer", "num_warmup_steps", "num_training_steps", "last_epoch"}}},
	Framework: "Hugging Face Transformers",
	Title:     "Linear with warmup",
	Doc: "get_linear_schedule_with_warmup (get_scheduler's \"linear\", the Trainer's default): a linear warmup from 0 " +
		"to lr over num_warmup_steps, then a linear decay lr·(num_training_steps − i)/max(1, num_training_steps − " +
		"num_warmup_steps) to 0 at num_training_steps, and 0 after it. If num_training_steps ≤ num_warmup_steps the lr " +
		"drops from the warmup straight to 0.",
	Convention:   hfConvention,
	Link:         hfLink + "#transformers.get_linear_schedule_with_warmup",
	Example:      `{"kind": "hf.linear_schedule_with_warmup", "lr": 5e-5, "num_warmup_steps": 100, "num_training_steps": 1000}`,
	ExampleSteps: 1000,
	Params:       []Param{hfLRParam(), hfWarmupParam(), hfTrainingParam()},
	build: func(a args) (kindCurve, error) {
		return &hfLinear{lr: a.float("lr"), w: a.int("num_warmup_steps"), t: a.int("num_training_steps")}, nil
	},
})

// hfLinear is get_linear_schedule_with_warmup. With W = num_warmup_steps and
// T = num_training_steps, the lr of step i (lr * lr_lambda(i)) is, in float64,
//
//	i < W:  lr · (i / max(1, W))
//	i ≥ W:  lr · max(0.0, float(T − i) / float(max(1, T − W)))
//
// T − i is an exact integer, so the decay is the one division.
//
// Special cases are:
//
//	i = W      lr when W < T (a WarmupEnd event when W > 0)
//	i ≥ T      0 (max(0.0, ·) clips the negative ratio)
//	T ≤ W      0 from step W on: the lr drops from the warmup to 0
//	W = 0      lr at step 0, then the decay
//
// Events: WarmupEnd at W and a Boundary at T, when T > W.
type hfLinear struct {
	lr   float64
	w, t int64
}

func (c *hfLinear) at(i, n int64) float64 {
	if i < c.w {
		return c.lr * hfWarmup(i, c.w)
	}
	return c.lr * max(0.0, float64(c.t-i)/float64(max(1, c.t-c.w)))
}

func (c *hfLinear) events(n, from, to int64, yield func(Event) bool) {
	if hfWarmupEnd(c.w, n, from, to, yield) && c.t > c.w && c.t >= from && c.t < to && c.t < n {
		yield(Event{c.t, Boundary})
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *hfLinear) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	if c.t <= c.w {
		return sh, "num_training_steps ≤ num_warmup_steps: the lr drops from the warmup straight to 0"
	}
	sh.warmup = c.w
	sh.linear(c.lr, 0, c.t-c.w)
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *hfLinear) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer steps"}
	f.warmup, f.warmupName, f.warmupParam = min(c.w, n), ls.v("num_warmup_steps"), "num_warmup_steps"
	f.peak, f.peakName, f.floorName = c.lr, ls.v("lr"), "0"
	f.scale = ls.scale("num_warmup_steps", "num_training_steps")
	if c.t > c.w {
		f.end, f.endName = c.t, ls.v("num_training_steps")+" ends the decay"
		f.fitEnd = ls.set("num_training_steps", float64(n))
	} else {
		f.jumpWhy = ls.v("num_training_steps") + " is not past " + ls.v("num_warmup_steps") +
			", so the lr drops from the warmup straight to 0"
		f.jumpFix = ls.set("num_training_steps", float64(max(n, c.w+1)))
	}
	return f
}
