package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var hfCosineLRRateKind = register(&Kind{
	Name:  "hf.cosine_with_min_lr_schedule_with_warmup_lr_rate",
	order: 309,
	code:  hfCode,
	imports: []importSig{{callee: "get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
		params: []string{"optimizer", "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch", "min_lr", "min_lr_rate", "warmup_lr_rate"}}},
	Framework: "Hugging Face Transformers",
	Title:     "Cosine with warmup lr rate and minimum lr",
	Doc: "get_cosine_with_min_lr_schedule_with_warmup_lr_rate (get_scheduler's \"cosine_warmup_with_min_lr\"): the cosine " +
		"with minimum lr counted one step later. The warmup is lr·(i + 1)/max(1, num_warmup_steps), reaching lr at its last " +
		"step, or, with warmup_lr_rate r, lr·(r + (1 − r)·i/max(1, num_warmup_steps − 1)), from r·lr to lr. After it, " +
		"progress = (i − num_warmup_steps + 1)/max(1, num_training_steps − num_warmup_steps), so the cosine starts one step in " +
		"and reaches min_lr at num_training_steps − 1; it keeps going after. Exactly one of min_lr and min_lr_rate must be set.",
	Convention:   hfConvention,
	Link:         hfLink,
	Example:      `{"kind": "hf.cosine_with_min_lr_schedule_with_warmup_lr_rate", "lr": 5e-5, "num_warmup_steps": 100, "num_training_steps": 1000, "min_lr_rate": 0.1}`,
	ExampleSteps: 1000,
	Params: []Param{
		hfLRParam(), hfWarmupParam(), hfTrainingParam(),
		hfCyclesParam("the number of cosine waves after warmup (0.5: a half cosine from lr to min_lr)"),
		hfMinLRParam, hfMinLRRateParam,
		{Name: "warmup_lr_rate", Type: Float, Nullable: true, Default: nil, Range: atLeast(0),
			Doc: "the lr at step 0 as a fraction of lr, the warmup rising linearly from it to lr at num_warmup_steps − 1; " +
				"null: the warmup starts at lr/num_warmup_steps",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
	},
	build: func(a args) (kindCurve, error) {
		lr, w := a.float("lr"), a.int("num_warmup_steps")
		c := &hfCosineRate{lr: lr, w: w, t: a.int("num_training_steps"), cycles: a.float("num_cycles"), warmupRate: -1}
		tooLarge := func(name string) error {
			return errorf(name, formatFloat(a.float(name))+" is too large for lr "+formatFloat(lr)+": the lr would overflow")
		}
		switch {
		case !a.null("min_lr") && !a.null("min_lr_rate"):
			return nil, errorf("min_lr_rate", "Only one of min_lr or min_lr_rate should be set (min_lr is "+
				formatFloat(a.float("min_lr"))+"); set min_lr_rate to null")
		case !a.null("min_lr"):
			c.minRate = a.float("min_lr") / lr
			if math.IsInf(lr*max(1, c.minRate), 0) || math.IsInf(1-c.minRate, 0) {
				return nil, tooLarge("min_lr")
			}
		case !a.null("min_lr_rate"):
			c.minRate = a.float("min_lr_rate")
			if math.IsInf(lr*max(1, c.minRate), 0) || math.IsInf(1-c.minRate, 0) {
				return nil, tooLarge("min_lr_rate")
			}
		default:
			return nil, errorf("min_lr", "missing: One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`")
		}
		if !a.null("warmup_lr_rate") {
			r := a.float("warmup_lr_rate")
			if math.IsInf(lr*max(1, r), 0) || math.IsInf((1.0-r)*float64(max(1, w)), 0) {
				return nil, tooLarge("warmup_lr_rate")
			}
			c.warmupRate = r
		}
		return c, nil
	},
})

// hfCosineRate is get_cosine_with_min_lr_schedule_with_warmup_lr_rate. Its
// lambda converts the step, W = num_warmup_steps and T = num_training_steps
// to floats first; with c = num_cycles, m = min_lr_rate and r =
// warmup_lr_rate, the lr of step i (lr * lr_lambda(i)) is, in float64,
//
//	i < W, r null:  lr · ((i + 1.0) / max(1.0, W))
//	i < W:          lr · (r + ((1.0 − r)·i) / max(1, W − 1))
//	i ≥ W:          lr · max(0, f·(1 − m) + m),  f = 0.5·(1 + cos(π·c·2·p)),
//	                p = (i − W + 1.0) / max(1.0, T − W)
//
// Special cases are:
//
//	i = W − 1, r null   lr: the warmup's peak is a step before W
//	i = W               p = 1/max(1, T − W): already into the cosine (WarmupEnd when W > 0)
//	i = T − 1 > W − 1   p = 1: min_lr when c = 0.5 (a Boundary)
//	T ≤ W               p = i − W + 1: the cosine advances a whole unit per step
//	W = 1, r set        lr·r at step 0 (max(1, 0.0) = 1)
//	m = 1               lr after warmup; m > 1 turns peaks into troughs
//
// Events: WarmupEnd at W, Boundary at T − 1 when T − 1 > W, and the
// cosine's peaks and troughs, or Turns where rounding blurs them, as
// hfCosine's, with the cosine's origin (p = 0) at W − 1.
type hfCosineRate struct {
	lr                  float64
	w, t                int64
	cycles              float64
	minRate, warmupRate float64 // warmupRate < 0: null
}

func (c *hfCosineRate) span() int64 { return max(1, c.t-c.w) }

func (c *hfCosineRate) lambda(i int64) float64 {
	step, w := float64(i), float64(c.w)
	if i < c.w {
		if c.warmupRate < 0 {
			return (step + 1.0) / max(1.0, w)
		}
		r := c.warmupRate
		return r + float64((1.0-r)*step)/max(1, w-1)
	}
	progress := (step - w + 1.0) / max(1.0, float64(c.t)-w)
	factor := 0.5 * (1.0 + xmath.Cos(math.Pi*c.cycles*2.0*progress))
	factor = float64(factor*(1-c.minRate)) + c.minRate
	return max(0, factor)
}

func (c *hfCosineRate) at(i, n int64) float64 { return c.lr * c.lambda(i) }

// events: see hfCosineEvents; the cosine ends at T − 1, a step early.
func (c *hfCosineRate) events(n, from, to int64, yield func(Event) bool) {
	hfCosineEvents(c.w, c.t-1, c.w-1, c.span(), c.cycles, c.minRate, n, from, to,
		func(i int64) float64 { return c.at(i, n) }, yield)
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *hfCosineRate) shape(_ args, n int64) (shape, string) {
	return newShape(), "its warmup ends a step early and its cosine starts a step in, a shape only Hugging Face's " +
		"cosine_warmup_with_min_lr draws"
}

// lintFacts describes a run of n steps for Lint.
func (c *hfCosineRate) lintFacts(ls lintSpec, n int64) lintFacts {
	a := ls.a
	f := lintFacts{unit: "optimizer steps"}
	f.warmup, f.warmupName, f.warmupParam = min(c.w, n), ls.v("num_warmup_steps"), "num_warmup_steps"
	f.peak, f.peakName = c.lr, ls.v("lr")
	f.scale = ls.scale("num_warmup_steps", "num_training_steps")
	if c.t-1 > c.w {
		f.floor = c.at(c.t-1, c.t)
		f.end, f.endName = c.t-1, ls.v("num_training_steps")+" − 1 ends the cosine"
		f.fitEnd = ls.set("num_training_steps", float64(n))
		f.continues = true
		f.risesWhy = "the cosine keeps going past num_training_steps instead of holding its minimum"
	}
	floorParam := "min_lr_rate"
	if !a.null("min_lr") {
		floorParam = "min_lr"
	}
	f.floorName = ls.v(floorParam)
	switch {
	case c.cycles == 0:
		f.flatWhy, f.flatFix = "num_cycles = 0 holds lr after warmup", lintFix("num_cycles", 0.5)
	case c.minRate == 1:
		f.flatWhy, f.flatFix = floorParam+" puts the minimum at lr", floorFix(floorParam)
	case c.minRate > 1:
		f.inverted = ls.v(floorParam) + " puts the minimum above " + ls.v("lr") + ": the cosine runs upside down, rising after warmup"
		f.invertedFix = floorFix(floorParam)
	}
	return f
}
