package core

import (
	"math"
	"strings"
	"sync"

	"github.com/lrplay/lrplay/core/internal/python"
)

var torchLambdaKind = register(&Kind{
	Name:      "torch.LambdaLR",
	order:     124,
	code:      torchLambdaCode,
	imports:   []importSig{{callee: "LambdaLR", params: []string{"optimizer", "lr_lambda", "last_epoch", "verbose"}}},
	Framework: "PyTorch",
	Title:     "lr times a function of the step (LambdaLR)",
	Doc: "The lr of step i is lr·lr_lambda(i), for a Python lambda of one argument, computed with Python's " +
		"numbers (see the parameter for what it may use). Where Python would raise (a ZeroDivisionError at some " +
		"step), or the lr would be negative or past 1e300, the run is refused at that step. Every step is " +
		"checked, so runs are limited by the lambda's cost to about 1 s of checking in the browser: about " +
		"1.8 million steps for 0.95 ** epoch, fewer for lambdas with more operations or math functions.",
	Convention:   torchConvention,
	Link:         torchDocs + "LambdaLR.html",
	Example:      `{"kind": "torch.LambdaLR", "lr": 0.1, "lr_lambda": "lambda epoch: 0.95 ** epoch"}`,
	ExampleSteps: 100,
	Params: []Param{
		torchLR(),
		torchLambdaParam("the factor of step i: lr_lambda(i) multiplies lr", "lambda epoch: 0.95 ** epoch"),
	},
	build: func(a args) (kindCurve, error) {
		l, err := torchCompile(a)
		if err != nil {
			return nil, err
		}
		// PyTorch's constructor makes the initial step, which calls
		// lr_lambda(0): a lambda that raises there is refused when built.
		if _, err := l.Eval(0); err != nil {
			return nil, errorf("lr_lambda", err.Error()+" (step 0: PyTorch's LambdaLR raises it when built)")
		}
		return &torchLambda{torchFn: torchFn{lr: a.float("lr"), fn: l}}, nil
	},
})

// torchLambdaParam is lr_lambda, LambdaLR's and MultiplicativeLR's.
func torchLambdaParam(what, example string) Param {
	return Param{Name: "lr_lambda", Type: Text, Required: true,
		Doc: what + ". A Python lambda of one argument, such as \"" + example + "\": its body may use numbers, " +
			"its argument, True, False, + - * / // % **, comparisons, and, or, not, x if c else y, min, max, abs, " +
			"float, int, round, pow, math.pi, math.e, math.tau and math's cos, sin, tan, exp, log, log2, log10, " +
			"sqrt, fabs, pow, floor and ceil. A list of lambdas (one per param group) is not read"}
}

// torchCompile compiles the spec's lr_lambda.
func torchCompile(a args) (*python.Lambda, error) {
	l, err := python.CompileLambda(a.string("lr_lambda"), nil)
	if err != nil {
		return nil, errorf("lr_lambda", err.Error())
	}
	return l, nil
}

// torchLambdaBudget is the time, in native nanoseconds by the lambda's
// cost model (python.Lambda.Cost), that checking a run may take: every step
// is evaluated and checked (finite, non-negative, no fault), and the page
// does it in the browser, where WebAssembly takes up to 4 times as long
// (see Cost), so about 1 s there. A run is limited to the budget over the
// lambda's cost: about 1.8 million steps for 0.95 ** epoch, 4.4 million
// for min(1.0, (step + 1) / 500), 560,000 for a warmup and a cosine.
const torchLambdaBudget = 250e6

// torchLambdaMaxSteps is the longest run of fn that the budget allows.
func torchLambdaMaxSteps(fn *python.Lambda) int64 {
	return max(1, int64(torchLambdaBudget/fn.Cost()))
}

// torchLambdaSteps refuses runs longer than torchLambdaMaxSteps(fn), or
// than most when most > 0 (MultiplicativeLR's memory).
func torchLambdaSteps(n int64, fn *python.Lambda, kind string, most int64) error {
	bound := torchLambdaMaxSteps(fn)
	why := "lr_lambda costs about " + itoa(int64(fn.Cost())) + " ns a step by LR Playground's cost model, and " +
		kind + " evaluates it at every step, which LR Playground checks (finite, non-negative, no exception) " +
		"within about 1 s in the browser"
	if most > 0 && most < bound {
		bound, why = most, kind+" keeps every step's lr (a running product), 8 bytes a step"
	}
	if n > bound {
		return errorf("steps", itoa(n)+" steps: "+why+", so a run can have at most "+itoa(bound)+" steps")
	}
	return nil
}

// torchLambdaFault is the error of a step where the lambda raises or the
// lr is not a usable one.
func torchLambdaFault(err error, i int64, lr float64) error {
	if err != nil {
		return errorf("steps", "lr_lambda: "+err.Error()+" (step "+itoa(i)+" of the run)")
	}
	return errorf("steps", "lr_lambda: the lr of step "+itoa(i)+" is "+formatFloat(lr)+
		", not a finite, non-negative number up to "+formatFloat(torchMaxLR)+": a run can have at most "+itoa(i)+" steps")
}

// torchLambda is torch.optim.lr_scheduler.LambdaLR: get_lr is
// base_lr·lr_lambda(last_epoch), no recursion, so at is exact for any i.
type torchLambda struct {
	torchFn

	mu      sync.Mutex
	checked int64 // the longest run checkSteps has accepted
}

// get is base·lr_lambda(t): Python's float times the lambda's int, float
// or bool.
func (c *torchLambda) get(base float64, t int64) (float64, error) {
	v, err := c.fn.Eval(t)
	if err != nil {
		return math.NaN(), err
	}
	return base * v.Float64(), nil
}

func (c *torchLambda) at(i, n int64) float64 {
	v, _ := c.get(c.lr, i) // checkSteps found no fault in the run
	return v
}

// checkSteps evaluates every step of the run.
func (c *torchLambda) checkSteps(n int64) error {
	if err := torchLambdaSteps(n, c.fn, "LambdaLR", 0); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := c.checked; i < n; i++ {
		if v, err := c.get(c.lr, i); err != nil || torchBad(v) || v > torchMaxLR {
			return torchLambdaFault(err, i, v)
		}
		c.checked = i + 1
	}
	return nil
}

func (c *torchLambda) events(n, from, to int64, yield func(Event) bool) {
	torchTurns(func(i int64) float64 { return c.at(i, n) }, n, from, to, yield)
}

// torchTurns yields a Peak or Trough wherever a curve of arbitrary shape
// (a lambda's) turns: at step i when the step from i to i + 1 goes the
// other way from the last step that moved. It scans from step 0, so that a
// window's events are the whole run's.
func torchTurns(at func(int64) float64, n, from, to int64, yield func(Event) bool) {
	dir := 0
	prev := at(0)
	for i := int64(0); i < to && i+1 < n; i++ {
		next := at(i + 1)
		d := 0
		if next > prev {
			d = 1
		} else if next < prev {
			d = -1
		}
		if d != 0 {
			if dir != 0 && d != dir && i >= from {
				kind := Peak
				if dir < 0 {
					kind = Trough
				}
				if !yield(Event{i, kind}) {
					return
				}
			}
			dir = d
		}
		prev = next
	}
}

// torchFn is what LambdaLR and MultiplicativeLR share: the lr and the
// user's lambda, and, as the curve is whatever the lambda makes it, no shape
// and no lint but a zero lr.
type torchFn struct {
	lr float64
	fn *python.Lambda
}

func (c *torchFn) shape(a args, n int64) (shape, string) {
	return shape{}, "a lambda's curve is not a shape the translations read"
}

func (c *torchFn) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls", noMin: true}
	f.peak, f.peakName = c.lr, ls.v("lr")
	f.lintZeroLR(ls.k, c.lr)
	return f
}

// construct is LambdaLR on a group. Its get_lr never reads the group's lr,
// and it has no closed form of its own.
func (c *torchLambda) construct(g *torchGroup) torchScheduler {
	return newTorchBase(g, func(g *torchGroup, b *torchBase) float64 {
		v, _ := c.get(b.baseLR, b.lastEpoch)
		return v
	}, nil)
}

// torchLambdaCode is torchCode with math imported when the lambda uses it.
func torchLambdaCode(w *pyWriter, s *Schedule, steps int64) {
	if strings.Contains(s.args.string("lr_lambda"), "math.") {
		w.put("import math\n")
	}
	torchSkipLast(w, s, steps, "lr_lambda raises there, or makes an lr the run could not use")
	torchCode(w, s, steps)
}

// torchSkipLast makes the snippet's loop skip the step() after the run's
// last step when the kind refuses a run one step longer, where PyTorch may
// raise (why says what happens there): no step trains with that lr.
func torchSkipLast(w *pyWriter, s *Schedule, steps int64, why string) {
	if s.CheckSteps(steps+1) != nil {
		w.set("last", itoa(steps-1), "why", why)
		w.set("step", w.expand("    if step < {last}:  # the last step() is unused: {why}\n        scheduler.step()\n"))
	}
}
