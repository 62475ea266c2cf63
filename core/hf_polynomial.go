package core

import "github.com/lrplay/lrplay/core/internal/xmath"

var hfPolynomialKind = register(&Kind{
	Name:      "hf.polynomial_decay_schedule_with_warmup",
	order:     307,
	code:      hfCode,
	imports:   []importSig{{callee: "get_polynomial_decay_schedule_with_warmup", params: []string{"optimizer", "num_warmup_steps", "num_training_steps", "lr_end", "power", "last_epoch"}}},
	Framework: "Hugging Face Transformers",
	Title:     "Polynomial decay with warmup",
	Doc: "get_polynomial_decay_schedule_with_warmup: a linear warmup from 0 to lr over num_warmup_steps, then " +
		"(lr − lr_end)·(1 − (i − num_warmup_steps)/(num_training_steps − num_warmup_steps))^power + lr_end, divided by lr " +
		"and multiplied back as LambdaLR does, down to lr_end at num_training_steps, and lr_end after it. lr_end must be " +
		"smaller than lr, as the source raises. With num_training_steps = num_warmup_steps Hugging Face raises " +
		"ZeroDivisionError at that step, so such a run is refused.",
	Convention:   hfConvention,
	Link:         hfLink + "#transformers.get_polynomial_decay_schedule_with_warmup",
	Example:      `{"kind": "hf.polynomial_decay_schedule_with_warmup", "lr": 5e-5, "num_warmup_steps": 100, "num_training_steps": 1000, "lr_end": 1e-6, "power": 2}`,
	ExampleSteps: 1000,
	Params: []Param{
		hfLRParam(), hfWarmupParam(), hfTrainingParam(),
		{Name: "lr_end", Type: Float, Default: 1e-7, Range: atLeast(0),
			Doc: "the lr at the end of the decay, held after it; must be smaller than lr. A negative lr_end, which " +
				"Hugging Face accepts, makes the lr negative; we reject it",
			Hint: Hint{Min: 0, Max: 1e-4}},
		{Name: "power", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc: "the polynomial's power: 1 is linear. Negative powers, which Hugging Face accepts, make the lr grow " +
				"and raise ZeroDivisionError (0.0 to a negative power) at num_training_steps; we reject them",
			Hint: Hint{Min: 0, Max: 5, Step: 0.1}},
	},
	build: func(a args) (kindCurve, error) {
		lr, end := a.float("lr"), a.float("lr_end")
		if !(lr > end) {
			return nil, errorf("lr_end", "lr_end ("+pyFloatLiteral(end)+") must be smaller than initial lr ("+pyFloatLiteral(lr)+")")
		}
		return &hfPolynomial{lr: lr, end: end, power: a.float("power"),
			w: a.int("num_warmup_steps"), t: a.int("num_training_steps")}, nil
	},
})

// hfPolynomial is get_polynomial_decay_schedule_with_warmup. With W =
// num_warmup_steps, T = num_training_steps, lr_init = lr, e = lr_end and
// p = power, the lr of step i (lr * lr_lambda(i)) is, in float64 and in this
// order of tests:
//
//	i < W:  lr · (i / max(1, W))
//	i > T:  lr · (e / lr)
//	else:   lr · ((lr − e)·pct^p + e) / lr,  pct = 1 − (i − W)/(T − W)
//
// pct^p is Python's float ** (libm's pow; xmath.Pow, correctly rounded,
// agrees with it nearly always: see xmath). lr · (x / lr) need not be x.
//
// Special cases are:
//
//	i = W ≤ T     lr · ((lr − e) + e)/lr, lr or one rounding off it (WarmupEnd when W > 0)
//	i = T > W     pct = 0: lr · (e / lr), as after it
//	T = W         ZeroDivisionError at step W: a run past W is refused
//	T < W         lr · (e / lr) from step W on: the lr drops from the warmup
//	p = 0         pct^0 = 1 (0.0 ** 0 too): lr up to T, then lr_end
//	e = 0         0 from T on
//
// Events: WarmupEnd at W and a Boundary at T, when T > W.
type hfPolynomial struct {
	lr, end, power float64
	w, t           int64
}

func (c *hfPolynomial) lambda(i int64) float64 {
	switch {
	case i < c.w:
		return hfWarmup(i, c.w)
	case i > c.t:
		return c.end / c.lr
	}
	lrRange := c.lr - c.end
	pct := 1 - float64(i-c.w)/float64(c.t-c.w)
	decay := float64(lrRange*xmath.Pow(pct, c.power)) + c.end
	return decay / c.lr
}

func (c *hfPolynomial) at(i, n int64) float64 { return c.lr * c.lambda(i) }

// checkSteps refuses a run that reaches the step where Hugging Face divides
// by decay_steps = 0.
func (c *hfPolynomial) checkSteps(n int64) error {
	if c.t == c.w && n > c.w {
		return errorf("num_training_steps", "ZeroDivisionError: division by zero at step "+itoa(c.w)+
			": num_training_steps = num_warmup_steps leaves decay_steps = 0; a run of "+itoa(n)+
			" steps reaches it (at most "+itoa(c.w)+")")
	}
	return nil
}

func (c *hfPolynomial) events(n, from, to int64, yield func(Event) bool) {
	if hfWarmupEnd(c.w, n, from, to, yield) && c.t > c.w && c.t >= from && c.t < to && c.t < n {
		yield(Event{c.t, Boundary})
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *hfPolynomial) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	if c.t <= c.w {
		return sh, "num_training_steps ≤ num_warmup_steps: the lr drops from the warmup straight to lr_end"
	}
	sh.warmup = c.w
	sh.poly(c.lr, c.end, c.t-c.w, c.power)
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *hfPolynomial) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "optimizer steps"}
	f.warmup, f.warmupName, f.warmupParam = min(c.w, n), ls.v("num_warmup_steps"), "num_warmup_steps"
	f.peak, f.peakName, f.floor, f.floorName = c.lr, ls.v("lr"), c.end, ls.v("lr_end")
	f.scale = ls.scale("num_warmup_steps", "num_training_steps")
	switch {
	case c.t > c.w:
		f.end, f.endName = c.t, ls.v("num_training_steps")+" ends the decay"
		f.fitEnd = ls.set("num_training_steps", float64(n))
		if c.power == 0 {
			f.flatWhy, f.flatFix = "power = 0 keeps lr until num_training_steps", lintFix("power", 1.0)
		}
	case c.t < c.w:
		f.jumpWhy = ls.v("num_training_steps") + " is before the warmup's end, so the lr drops from the warmup to lr_end"
		f.jumpFix = ls.set("num_training_steps", float64(max(n, c.w+1)))
	}
	return f
}
