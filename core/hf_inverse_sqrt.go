package core

import "math"

// hfMaxTimescale keeps i + timescale − num_warmup_steps, for every step i of
// a run, within 2^53, where float64 holds it exactly and Go's one division
// rounds as Python's int / int does.
const hfMaxTimescale = float64(1<<53 - MaxSteps)

var hfInverseSqrtKind = register(&Kind{
	Name:      "hf.inverse_sqrt_schedule",
	order:     308,
	code:      hfCode,
	imports:   []importSig{{callee: "get_inverse_sqrt_schedule", params: []string{"optimizer", "num_warmup_steps", "timescale", "last_epoch"}}},
	Framework: "Hugging Face Transformers",
	Title:     "Inverse square root with warmup",
	Doc: "get_inverse_sqrt_schedule (after big_vision): a linear warmup from 0 to lr over num_warmup_steps, then " +
		"lr / √((i + timescale − num_warmup_steps)/timescale), which is lr at the warmup's end and halves every time the " +
		"steps past it grow by 3·timescale, 15·timescale, .... timescale defaults to num_warmup_steps, or 10,000 without " +
		"a warmup. It never ends.",
	Convention:   hfConvention,
	Link:         hfLink + "#transformers.get_inverse_sqrt_schedule",
	Example:      `{"kind": "hf.inverse_sqrt_schedule", "lr": 5e-5, "num_warmup_steps": 100}`,
	ExampleSteps: 1000,
	Params: []Param{
		hfLRParam(), hfWarmupParam(),
		{Name: "timescale", Type: Int, Nullable: true, Default: nil, Range: between(1, hfMaxTimescale),
			Doc: "the steps over which the lr falls to 1/√2 of lr after warmup; null: num_warmup_steps, or 10,000 when " +
				"that is 0. 0, which Hugging Face takes, raises ZeroDivisionError at the warmup's end; we reject it",
			Hint: Hint{Min: 1, Max: 10000, Step: 1}},
	},
	build: func(a args) (kindCurve, error) {
		w := a.int("num_warmup_steps")
		ts := w // timescale = num_warmup_steps or 10_000
		if ts == 0 {
			ts = 10_000
		}
		if !a.null("timescale") {
			ts = a.int("timescale")
		}
		return &hfInverseSqrt{lr: a.float("lr"), w: w, ts: ts}, nil
	},
})

// hfInverseSqrt is get_inverse_sqrt_schedule. With W = num_warmup_steps and
// s = timescale, the lr of step i (lr * lr_lambda(i)) is, in float64,
//
//	i < W:  lr · (i / max(1, W))
//	i ≥ W:  lr · (1.0 / √((i + (s − W)) / s))
//
// where i + (s − W) is a Python int, divided by s with int / int. Both are
// below 2^53 (hfMaxTimescale), so float64's one division gives Python's
// correctly rounded quotient, and √ is correctly rounded in both.
//
// Special cases are:
//
//	i = W    lr (s/s = 1; a WarmupEnd event when W > 0)
//	s = W    lr · √(W/i) from W on: the original inverse square root
//	W = 0, s null   s = 10,000: lr · 1/√(1 + i/10,000)
//
// Events: WarmupEnd at W; the decay after it is monotone and never ends.
type hfInverseSqrt struct {
	lr    float64
	w, ts int64
}

func (c *hfInverseSqrt) at(i, n int64) float64 {
	if i < c.w {
		return c.lr * hfWarmup(i, c.w)
	}
	shift := c.ts - c.w
	return c.lr * (1.0 / math.Sqrt(float64(i+shift)/float64(c.ts)))
}

func (c *hfInverseSqrt) events(n, from, to int64, yield func(Event) bool) {
	hfWarmupEnd(c.w, n, from, to, yield)
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *hfInverseSqrt) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	if n <= c.w+1 {
		sh.warmup, sh.peak, sh.form = c.w, c.lr, shapeFlat // the run ends before the decay
		return sh, ""
	}
	return sh, "an inverse square root decay is a shape only Hugging Face's inverse_sqrt draws"
}

// lintFacts describes a run of n steps for Lint.
func (c *hfInverseSqrt) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer steps", noMin: true}
	f.warmup, f.warmupName, f.warmupParam = min(c.w, n), ls.v("num_warmup_steps"), "num_warmup_steps"
	f.peak, f.peakName, f.floorName = c.lr, ls.v("lr"), "0"
	names := []string{"num_warmup_steps"}
	if !ls.a.null("timescale") {
		names = append(names, "timescale")
	}
	f.scale = ls.scale(names...)
	return f
}
