package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var torchCyclicKind = register(&Kind{
	Name:  "torch.CyclicLR",
	order: 123,
	code:  torchCyclicCode,
	imports: []importSig{{callee: "CyclicLR", params: []string{"optimizer", "base_lr", "max_lr", "step_size_up",
		"step_size_down", "mode", "gamma", "scale_fn", "scale_mode", "cycle_momentum", "base_momentum", "max_momentum",
		"last_epoch", "verbose"}}},
	Framework: "PyTorch",
	Title:     "Cyclical learning rate (CyclicLR)",
	Doc: "Cycles the lr between base_lr and max_lr in triangles: up over step_size_up steps, down over " +
		"step_size_down. triangular keeps the height, triangular2 halves it every cycle, exp_range scales it by " +
		"gamma^i. CyclicLR sets the optimizer's lr to base_lr itself, so the optimizer's lr does not matter. " +
		"A custom scale_fn (a Python function) is not read. The snippet uses SGD, whose defaults have the momentum " +
		"that cycle_momentum = True (PyTorch's default) cycles; PyTorch raises ValueError for an optimizer without " +
		"momentum or betas unless cycle_momentum = False. triangular2 raises OverflowError from cycle 1025 on " +
		"(2.0 ** 1024), and exp_range with gamma > 1 overflows too: such runs are refused.",
	Convention:   torchConvention,
	Link:         torchDocs + "CyclicLR.html",
	Example:      `{"kind": "torch.CyclicLR", "base_lr": 0.01, "max_lr": 0.1, "step_size_up": 20, "mode": "triangular2"}`,
	ExampleSteps: 200,
	Params: []Param{
		{Name: "base_lr", Type: Float, Required: true, Range: between(0, torchMaxLR),
			Doc:  "the lr at the start of each cycle (PyTorch sets the optimizer's lr to it)",
			Hint: Hint{Min: 1e-5, Max: 1, Log: true}},
		{Name: "max_lr", Type: Float, Required: true, Range: between(0, torchMaxLR),
			Doc:  "the lr at the top of the first cycle (it may be below base_lr, turning the triangles over)",
			Hint: Hint{Min: 1e-5, Max: 1, Log: true}},
		{Name: "step_size_up", Type: Int, Default: int64(2000), Range: atLeast(1),
			Doc: "steps from base_lr up to max_lr. 0 makes PyTorch divide 0 by 0 at step 0 (ZeroDivisionError); " +
				"we reject it, and negative values",
			Hint: Hint{Min: 1, Max: 1000, Step: 1}},
		{Name: "step_size_down", Type: Int, Nullable: true, Default: nil, Range: atLeast(0),
			Doc:  "steps from max_lr back down; None: step_size_up",
			Hint: Hint{Min: 0, Max: 1000, Step: 1}},
		{Name: "mode", Type: Enum, Default: "triangular", Options: []string{"triangular", "triangular2", "exp_range"},
			Raises: "PyTorch raises ValueError: mode is invalid and scale_fn is None",
			Doc:    "how the height scales: triangular not at all, triangular2 halved each cycle, exp_range by gamma^i"},
		{Name: "gamma", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc:  "exp_range's factor per step (ignored by the other modes); negative values would give negative lrs",
			Hint: Hint{Min: 0.99, Max: 1, Step: 0.0001}},
	},
	build: func(a args) (kindCurve, error) {
		c := &torchCyclic{base: a.float("base_lr"), maxLR: a.float("max_lr"), mode: a.string("mode"), gamma: a.float("gamma")}
		up := float64(a.int("step_size_up"))
		down := up
		if !a.null("step_size_down") {
			down = float64(a.int("step_size_down"))
		}
		c.up, c.total = a.int("step_size_up"), up+down
		c.ratio = up / c.total
		return c, nil
	},
})

// torchCyclic is torch.optim.lr_scheduler.CyclicLR, whose get_lr is a
// closed form of last_epoch t (it never reads the group's lr):
//
//	cycle = floor(1 + t/total), x = 1.0 + t/total − cycle
//	scale_factor = x/step_ratio if x ≤ step_ratio, else (x − 1)/(step_ratio − 1)
//	lr = base_lr + (max_lr − base_lr)·scale_factor·scale_fn
//
// with scale_fn 1.0 (triangular), 1/(2.0 ** (cycle − 1)) (triangular2) or
// gamma ** t (exp_range), all in float64 in that order.
type torchCyclic struct {
	base, maxLR, gamma float64
	mode               string
	up                 int64
	total, ratio       float64 // total_size and step_ratio, as PyTorch's floats
}

func (c *torchCyclic) at(i, n int64) float64 { return c.get(c.base, i) }

// get is get_lr at last_epoch t with base_lrs[0] = base.
func (c *torchCyclic) get(base float64, t int64) float64 {
	q := float64(t) / c.total
	cycle := math.Floor(1 + q)
	x := 1.0 + q - cycle
	var sf float64
	if x <= c.ratio {
		sf = x / c.ratio
	} else {
		sf = (x - 1) / (c.ratio - 1)
	}
	height := (c.maxLR - base) * sf
	return base + float64(height*c.scale(cycle, t))
}

func (c *torchCyclic) scale(cycle float64, t int64) float64 {
	switch c.mode {
	case "triangular2":
		return 1 / xmath.Pow(2.0, cycle-1)
	case "exp_range":
		return xmath.Pow(c.gamma, float64(t))
	}
	return 1.0
}

func (c *torchCyclic) checkSteps(n int64) error {
	last := n - 1
	switch {
	case c.mode == "triangular2" && math.Floor(1+float64(last)/c.total) > 1024:
		m := int64(1024 * c.total) // the first step of cycle 1025
		return errorf("steps", "PyTorch's CyclicLR raises OverflowError at step "+itoa(m)+
			" in mode triangular2, where cycle 1025 computes 2.0 ** 1024: a run can have at most "+itoa(m)+" steps")
	case c.mode == "exp_range" && c.gamma > 1:
		p := xmath.Pow(c.gamma, float64(last))
		if math.IsInf(p, 0) {
			return errorf("steps", "PyTorch's CyclicLR raises OverflowError when gamma ** "+itoa(last)+
				" overflows (gamma = "+formatFloat(c.gamma)+"): shorten the run, or lower gamma")
		}
		d := c.maxLR - c.base
		if c.base+math.Abs(d)*p > torchMaxLR || d < 0 && c.base+d*p < 0 {
			return errorf("steps", "with exp_range and gamma = "+formatFloat(c.gamma)+" > 1 the height "+
				"(max_lr − base_lr)·gamma^i of "+itoa(n)+" steps may take the lr below 0 or past "+
				formatFloat(torchMaxLR)+": shorten the run, or lower gamma")
		}
	}
	return nil
}

// events: each cycle's peak (the end of its step_size_up) and each restart
// of a cycle, at the steps the float arithmetic puts them.
func (c *torchCyclic) events(n, from, to int64, yield func(Event) bool) {
	total := int64(c.total)
	if float64(total) != c.total || total <= 1 {
		return // one step a cycle: every step is base_lr
	}
	kind := Trough
	if c.ratio == 1 {
		kind = Restart // step_size_down = 0: a sawtooth
	}
	for k := from / total; k*total < min(to, n); k++ {
		start := k * total
		if start >= from && k > 0 && !yield(Event{start, kind}) {
			return
		}
		if p := start + c.up; c.ratio < 1 && p >= from && p < min(to, n) && !yield(Event{p, Peak}) {
			return
		}
	}
}

func (c *torchCyclic) shape(a args, n int64) (shape, string) {
	return shape{}, "CyclicLR's triangles are not a shape the translations know"
}

func (c *torchCyclic) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls", noMin: true}
	f.peak, f.peakName = math.Max(c.base, c.maxLR), ls.v("max_lr")
	f.floor, f.floorName = math.Min(c.base, c.maxLR), ls.v("base_lr")
	if c.base == c.maxLR {
		f.flatWhy = "base_lr = max_lr leaves the lr unchanged"
	}
	// One cycle is its designed length: a first cycle four times the run
	// or more was most likely counted in samples or micro-batches (PyTorch
	// suggests step_size_up of 2 to 8 epochs' iterations).
	f.repeats = true
	f.end, f.endName = lintEnd(c.total), "step_size_up + step_size_down = "+formatFloat(c.total)+" ends the first cycle"
	up, down := float64(c.up), c.total-float64(c.up)
	f.scale = func(r float64) map[string]any {
		fix := ls.set("step_size_up", math.Max(1, math.Round(up*r)))
		if !ls.a.null("step_size_down") {
			fix["step_size_down"] = int64(math.Round(down * r))
		}
		return fix
	}
	return f
}

// construct is CyclicLR on a group: __init__ sets the group's lr to
// base_lr before LRScheduler.__init__, whose initial step computes with
// base_lrs = [initial_lr] (base_lr unless a scheduler before set
// initial_lr); base_lrs becomes [base_lr] after it. There is no closed
// form: get_lr is one.
func (c *torchCyclic) construct(g *torchGroup) torchScheduler {
	g.lr = c.base
	b := newTorchBase(g, func(g *torchGroup, b *torchBase) float64 { return c.get(b.baseLR, b.lastEpoch) }, nil)
	b.baseLR = c.base
	return b
}

// torchCyclicCode writes CyclicLR's snippet: the optimizer's lr is
// base_lr, which CyclicLR sets anyway.
func torchCyclicCode(w *pyWriter, s *Schedule, steps int64) {
	torchSkipLast(w, s, steps, "CyclicLR raises OverflowError there, or its lr passes 1e300")
	w.put("import torch\n\n")
	w.set("args", pyKeywords(s, ""))
	torchStepCode(w, s, "torch.optim.lr_scheduler.{name}", "base_lr", "  # CyclicLR sets the lr to base_lr")
}
