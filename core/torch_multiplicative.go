package core

import (
	"math"
	"sync"
)

var torchMultiplicativeKind = register(&Kind{
	Name:      "torch.MultiplicativeLR",
	order:     125,
	code:      torchLambdaCode,
	imports:   []importSig{{callee: "MultiplicativeLR", params: []string{"optimizer", "lr_lambda", "last_epoch", "verbose"}}},
	Framework: "PyTorch",
	Title:     "lr multiplied by a function of the step (MultiplicativeLR)",
	Doc: "Step 0 keeps lr; each step i ≥ 1 multiplies the lr before by lr_lambda(i), for a Python lambda of one " +
		"argument, computed with Python's numbers as PyTorch does, one product a step. Where Python would raise " +
		"(a ZeroDivisionError at some step), or the lr would be negative or past 1e300, the run is refused at " +
		"that step. The lr is a running product, so every step is computed and kept: runs are limited by the " +
		"lambda's cost to about 1 s of checking in the browser, and to 4,194,304 steps (32 MB).",
	Convention:   torchConvention,
	Link:         torchDocs + "MultiplicativeLR.html",
	Example:      `{"kind": "torch.MultiplicativeLR", "lr": 0.1, "lr_lambda": "lambda epoch: 0.95"}`,
	ExampleSteps: 100,
	Params: []Param{
		torchLR(),
		torchLambdaParam("the factor of step i ≥ 1: the lr of step i is the lr of step i − 1 times lr_lambda(i)", "lambda epoch: 0.95"),
	},
	build: func(a args) (kindCurve, error) {
		l, err := torchCompile(a)
		if err != nil {
			return nil, err
		}
		return &torchMultiplicative{torchFn: torchFn{lr: a.float("lr"), fn: l}, vals: []float64{a.float("lr")}}, nil
	},
})

// torchMultiplicativeMaxSteps bounds the products kept, at 8 bytes a step.
const torchMultiplicativeMaxSteps = 1 << 22

// torchMultiplicative is torch.optim.lr_scheduler.MultiplicativeLR: get_lr
// is the group's lr in the initial step, then group lr·lr_lambda(last_epoch).
// The products are kept as checkSteps computes them (8 bytes a step, 32 MB
// for the longest run), so at and fill read them.
type torchMultiplicative struct {
	torchFn

	mu   sync.Mutex
	vals []float64 // the lrs of the steps computed so far
}

// extend computes the lrs up to step n − 1, or the error of the first step
// that faults.
func (c *torchMultiplicative) extend(n int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := int64(len(c.vals)); i < n; i++ {
		v, err := c.fn.Eval(i)
		g := c.vals[i-1]
		if err == nil {
			g = g * v.Float64()
		}
		if err != nil || torchBad(g) || g > torchMaxLR {
			return torchLambdaFault(err, i, g)
		}
		c.vals = append(c.vals, g)
	}
	return nil
}

func (c *torchMultiplicative) checkSteps(n int64) error {
	if err := torchLambdaSteps(n, c.fn, "MultiplicativeLR", torchMultiplicativeMaxSteps); err != nil {
		return err
	}
	return c.extend(n)
}

func (c *torchMultiplicative) at(i, n int64) float64 {
	_ = c.extend(i + 1) // checkSteps found no fault in the run
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.vals[i]
}

func (c *torchMultiplicative) fill(dst []float64) {
	_ = c.extend(int64(len(dst)))
	c.mu.Lock()
	defer c.mu.Unlock()
	copy(dst, c.vals)
}

func (c *torchMultiplicative) events(n, from, to int64, yield func(Event) bool) {
	torchTurns(func(i int64) float64 { return c.at(i, n) }, n, from, to, yield)
}

// construct is MultiplicativeLR on a group: an initial step (_is_initial,
// also SequentialLR's re-run of the first scheduler's) keeps the group's
// lr, each other one multiplies it. No closed form.
func (c *torchMultiplicative) construct(g *torchGroup) torchScheduler {
	return newTorchBase(g, func(g *torchGroup, b *torchBase) float64 {
		if b.initial {
			return g.lr
		}
		v, err := c.fn.Eval(b.lastEpoch)
		if err != nil {
			return math.NaN() // a composition checks its run
		}
		return g.lr * v.Float64()
	}, nil)
}
