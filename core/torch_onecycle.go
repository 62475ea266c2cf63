package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var torchOneCycleKind = register(&Kind{
	Name:      "torch.OneCycleLR",
	order:     102,
	code:      torchOneCycleCode,
	imports:   []importSig{{callee: "OneCycleLR", params: []string{"optimizer", "max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start", "anneal_strategy", "cycle_momentum", "base_momentum", "max_momentum", "div_factor", "final_div_factor", "three_phase", "last_epoch", "verbose"}}},
	Framework: "PyTorch",
	Title:     "1cycle (OneCycleLR)",
	Doc: "The 1cycle policy: anneal from max_lr/div_factor up to max_lr over the first pct_start of " +
		"total_steps, then down to max_lr/div_factor/final_div_factor at step total_steps − 1. With " +
		"three_phase, it goes back down to max_lr/div_factor by step 2·pct_start·total_steps − 2 and only " +
		"then to the minimum. The optimizer's own lr is overwritten. Step total_steps is still allowed and " +
		"lies past the end of the last phase (the cosine turns back up; linear overshoots, and a negative lr " +
		"is an error); PyTorch raises ValueError at step total_steps + 1, so a run has at most total_steps + 1 steps. " +
		"The momentum cycling (cycle_momentum, base_momentum, max_momentum) does not affect the lr and is not modelled.",
	Convention:   torchConvention,
	Link:         torchDocs + "OneCycleLR.html",
	Example:      `{"kind": "torch.OneCycleLR", "max_lr": 0.1, "total_steps": 1000}`,
	ExampleSteps: 1000,
	Params: []Param{
		{Name: "max_lr", Type: Float, Required: true, Range: atLeast(0),
			Doc:  "the peak lr, reached at the end of the first phase",
			Hint: Hint{Min: 1e-5, Max: 1, Log: true}},
		{Name: "total_steps", Type: Int, Nullable: true, Range: atLeast(1),
			Doc:  "the steps in the cycle; null: epochs·steps_per_epoch (PyTorch requires one or the other)",
			Hint: Hint{Min: 1, Max: 10000, Step: 1}},
		{Name: "epochs", Type: Int, Nullable: true, Range: atLeast(1),
			Doc:  "with steps_per_epoch, gives total_steps = epochs·steps_per_epoch when total_steps is null (we check it is ≥ 1 even when unused)",
			Hint: Hint{Min: 1, Max: 100, Step: 1}},
		{Name: "steps_per_epoch", Type: Int, Nullable: true, Range: atLeast(1),
			Doc:  "with epochs, gives total_steps = epochs·steps_per_epoch when total_steps is null (we check it is ≥ 1 even when unused)",
			Hint: Hint{Min: 1, Max: 1000, Step: 1}},
		{Name: "pct_start", Type: Float, Default: 0.3, Range: between(0, 1),
			Doc:  "fraction of total_steps spent increasing the lr",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
		{Name: "anneal_strategy", Type: Enum, Default: "cos", Options: []string{"cos", "linear"},
			Doc: "how each phase moves between its two lrs: half a cosine, or a straight line"},
		{Name: "div_factor", Type: Float, Default: 25.0, Range: above(0),
			Doc:  "the initial lr is max_lr/div_factor",
			Hint: Hint{Min: 1, Max: 100, Log: true}},
		{Name: "final_div_factor", Type: Float, Default: 1e4, Range: above(0),
			Doc:  "the final lr is max_lr/div_factor/final_div_factor",
			Hint: Hint{Min: 1, Max: 1e6, Log: true}},
		{Name: "three_phase", Type: Bool, Default: false,
			Doc: "a third phase: back down to the initial lr symmetrically, then to the final lr (the original paper's shape)"},
	},
	build: torchBuildOneCycle,
})

// torchOneCyclePhase is one entry of OneCycleLR's _schedule_phases.
type torchOneCyclePhase struct {
	end        float64 // end_step
	start, fin float64 // the lrs at pct = 0 and pct = 1
}

// torchOneCycle is torch.optim.lr_scheduler.OneCycleLR. With T = total_steps,
// initial_lr = max_lr/div_factor and min_lr = initial_lr/final_div_factor, the
// phases end at steps
//
//	two phases:   float(pct_start·T) − 1, T − 1
//	three phases: float(pct_start·T) − 1, float(2·pct_start·T) − 2, T − 1
//
// and step s takes the first phase with s ≤ end_step (or the last phase),
// with pct = (s − start_step)/(end_step − start_step), start_step being the
// previous phase's end_step (0.0 for the first). The lr is
//
//	cos:    end + (start − end)/2.0·(cos(π·pct) + 1)
//	linear: (end − start)·pct + start
//
// Nothing in it is recursive, so at is exact.
//
// Special cases are:
//
//	lr_0 = max_lr/div_factor when pct_start·T > 1: exactly with linear; with cos,
//	       max_lr + (max_lr/div_factor − max_lr), which can differ in the last bit
//	lr_{T−1} = max_lr/div_factor/final_div_factor exactly, when step T − 1 is in the last phase
//	lr_T: past the last phase (pct > 1); a run has at most T + 1 steps (ValueError after)
//	pct_start·T = 1: the first phase has zero length: ZeroDivisionError when built
//	pct_start·T < 1: no warm-up phase; step 0 is already in the next phase
//	pct_start = 1 (two phases): the last phase has zero length: ZeroDivisionError at step T
//	three_phase with pct_start > 0.5: the second phase ends after T − 1 and the third never comes
//	div_factor < 1: the "warm-up" goes down
type torchOneCycle struct {
	phases []torchOneCyclePhase
	linear bool
	total  int64
	// lastErr is the error for a run that includes step T, or nil.
	lastErr error
	// zeroLast: the phase step T takes has zero length, so computing step
	// T's lr divides by zero (PyTorch's ZeroDivisionError).
	zeroLast bool
}

func torchBuildOneCycle(a args) (kindCurve, error) {
	var T int64
	switch {
	case !a.null("total_steps"):
		T = a.int("total_steps")
	case !a.null("epochs") && !a.null("steps_per_epoch"):
		e, s := a.int("epochs"), a.int("steps_per_epoch")
		if float64(e)*float64(s) > maxInt {
			return nil, errorf("steps_per_epoch", "epochs·steps_per_epoch = "+formatFloat(float64(e)*float64(s))+
				" is more than the "+formatFloat(maxInt)+" steps allowed")
		}
		T = e * s
	default:
		return nil, errorf("total_steps", "missing: PyTorch raises ValueError \"You must define either total_steps OR "+
			"(epochs AND steps_per_epoch)\"; give total_steps, or both epochs and steps_per_epoch")
	}
	maxLR, pct := a.float("max_lr"), a.float("pct_start")
	initial := maxLR / a.float("div_factor")
	if math.IsInf(initial, 0) {
		return nil, errorf("div_factor", formatFloat(a.float("div_factor"))+" makes the initial lr max_lr/div_factor overflow")
	}
	minLR := initial / a.float("final_div_factor")
	if math.IsInf(minLR, 0) {
		return nil, errorf("final_div_factor", formatFloat(a.float("final_div_factor"))+
			" makes the final lr max_lr/div_factor/final_div_factor overflow")
	}
	c := &torchOneCycle{linear: a.string("anneal_strategy") == "linear", total: T}
	if a.bool("three_phase") {
		c.phases = []torchOneCyclePhase{
			{float64(pct*float64(T)) - 1, initial, maxLR},
			{float64(2*pct*float64(T)) - 2, maxLR, initial},
			{float64(T - 1), initial, minLR},
		}
	} else {
		c.phases = []torchOneCyclePhase{
			{float64(pct*float64(T)) - 1, initial, maxLR},
			{float64(T - 1), maxLR, minLR},
		}
	}
	// The constructor's own step computes step 0: a first phase ending at
	// step 0.0 divides by zero there.
	if c.phases[0].end == 0 {
		return nil, errorf("pct_start", formatFloat(pct)+"·total_steps = 1 gives the first phase zero length: "+
			"PyTorch raises ZeroDivisionError when the scheduler is built; use another pct_start")
	}
	// Steps before T divide by a positive length and interpolate with pct in
	// [0, 1], so they are finite and non-negative. Step T can be neither.
	k, start := c.phase(float64(T))
	if ph := c.phases[k]; ph.end == start {
		c.zeroLast = true
		c.lastErr = errorf("steps", itoa(T+1)+" steps reach step total_steps = "+itoa(T)+
			", where PyTorch raises ZeroDivisionError (its last phase has zero length); a run can have at most "+
			itoa(T)+" steps")
	} else if v := c.at(T, T+1); torchBad(v) {
		c.lastErr = errorf("steps", itoa(T+1)+" steps reach step total_steps = "+itoa(T)+
			", one step past the cycle's last step (total_steps − 1), where PyTorch's linear anneal overshoots to lr = "+
			formatFloat(v)+" without raising; a negative lr is refused here, so a run can have at most "+itoa(T)+" steps")
	}
	return c, nil
}

// phase returns the index of the phase step s takes, and its start_step.
func (c *torchOneCycle) phase(s float64) (int, float64) {
	start := 0.0
	last := len(c.phases) - 1
	for k, ph := range c.phases {
		if s <= ph.end || k == last {
			return k, start
		}
		start = ph.end
	}
	panic("unreachable")
}

func (c *torchOneCycle) at(i, n int64) float64 {
	s := float64(i)
	k, start := c.phase(s)
	ph := c.phases[k]
	return c.anneal(ph.start, ph.fin, (s-start)/(ph.end-start))
}

// anneal is _annealing_cos or _annealing_linear from start to end at pct.
func (c *torchOneCycle) anneal(start, end, pct float64) float64 {
	if c.linear {
		return float64((end-start)*pct) + start
	}
	cosOut := xmath.Cos(math.Pi*pct) + 1
	return end + float64((start-end)/2.0*cosOut)
}

func (c *torchOneCycle) checkSteps(n int64) error {
	T := c.total
	if n > T+1 {
		return errorf("steps", itoa(n)+" steps are more than total_steps + 1 = "+itoa(T+1)+
			": PyTorch raises ValueError (\"Tried to step "+itoa(T+1)+" times. The specified number of total steps is "+
			itoa(T)+"\") at step "+itoa(T+1))
	}
	if n == T+1 {
		return c.lastErr
	}
	return nil
}

// events: the first step of each phase after the one step 0 is in (the
// second phase's start is the end of warm-up), and, in a run that includes
// step T, the last phase's end at T − 1 when the cosine turns back there.
func (c *torchOneCycle) events(n, from, to int64, yield func(Event) bool) {
	T := c.total
	last := len(c.phases) - 1
	prevStep := int64(-1)
	for k := 0; k < last; k++ {
		// The first step after phase k's end_step, if any step takes a later phase there.
		e := c.phases[k].end
		if e < 0 || e >= float64(n) {
			continue
		}
		s := int64(math.Floor(e)) + 1
		if s <= prevStep || s >= to {
			continue
		}
		p, _ := c.phase(float64(s))
		q, _ := c.phase(float64(s - 1))
		if p == q {
			continue
		}
		prevStep = s
		if s < from {
			continue
		}
		kind := Boundary
		if p == 1 {
			kind = WarmupEnd
		}
		if !yield(Event{s, kind}) {
			return
		}
	}
	if c.linear || n != T+1 || T-1 < from || T-1 >= to {
		return
	}
	if p, _ := c.phase(float64(T)); p != last {
		return
	}
	if q, _ := c.phase(float64(T - 1)); q != last {
		return
	}
	ph := c.phases[last]
	switch {
	case ph.start > ph.fin:
		yield(Event{T - 1, Trough})
	case ph.start < ph.fin:
		yield(Event{T - 1, Peak})
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *torchOneCycle) shape(a args, n int64) (shape, string) {
	each := "half a cosine"
	if c.linear {
		each = "a straight line"
	}
	return shape{}, "OneCycleLR's phases (up to max_lr over pct_start of the cycle, then down to " +
		"max_lr/div_factor/final_div_factor, each " + each + ") are a shape of its own"
}

// lintFacts describes a run of n steps for Lint.
func (c *torchOneCycle) lintFacts(ls lintSpec, n int64) lintFacts {
	a := ls.a
	f := lintFacts{unit: "scheduler.step() calls"}
	T := c.total
	if e := c.phases[0].end; e >= 0 {
		f.warmup = min(int64(math.Floor(e))+1, lintEndCap)
	}
	f.warmupName = ls.v("pct_start") + " of " + itoa(T) + " steps (" + itoa(f.warmup) + " steps)"
	last := c.phases[len(c.phases)-1]
	f.peak, f.floor = a.float("max_lr"), last.fin
	f.peakName, f.floorName = ls.v("max_lr"), "max_lr/div_factor/final_div_factor = "+formatFloat(last.fin)
	f.end = T
	if a.null("total_steps") {
		f.endName = "epochs·steps_per_epoch = " + itoa(T) + " ends the cycle"
	} else {
		f.endName = ls.v("total_steps") + " ends the cycle"
	}
	f.unit = "scheduler.step() calls (one per batch)"
	f.fitEnd = ls.set("total_steps", float64(n))
	f.scale = func(r float64) map[string]any { return ls.set("total_steps", math.Max(1, math.Round(float64(T)*r))) }
	if d := a.float("div_factor"); d < 1 {
		f.inverted = ls.v("div_factor") + " < 1 starts the cycle above max_lr, so its first phase goes down"
		f.invertedFix = lintFix("div_factor", 25.0)
	}
	return f
}

// torchOneCycleCode writes torchCode's snippet for OneCycleLR, which sets
// the lr itself from max_lr, and leaves out the scheduler.step() calls past
// the last step of the run that would raise.
func torchOneCycleCode(w *pyWriter, s *Schedule, steps int64) {
	c := s.curve.(*torchOneCycle)
	switch last := c.total; {
	case steps > last:
		w.set("last", itoa(last))
		w.set("step", w.expand("    if step < {last}:  # OneCycleLR raises ValueError when stepped past total_steps\n        scheduler.step()\n"))
	case steps == last && c.zeroLast:
		// The loop's last step() computes step total_steps's lr,
		// which no step uses and which divides by zero here.
		w.set("last", itoa(last-1))
		w.set("step", w.expand("    if step < {last}:  # the last step() is unused, and at step total_steps OneCycleLR's zero-length last phase raises ZeroDivisionError\n        scheduler.step()\n"))
	}
	w.put("import torch\n\n")
	torchStepCode(w, s, "torch.optim.lr_scheduler.{name}", "max_lr", "  # OneCycleLR sets the lr itself")
}

// construct is OneCycleLR(optimizer, ...) on g: it sets initial_lr (over any
// earlier one), max_lr and min_lr on the group, then LRScheduler.__init__.
// Its get_lr reads each phase's lrs from the group (group["initial_lr"],
// group["max_lr"], group["min_lr"]), which a later OneCycleLR on the same
// optimizer overwrites.
func (c *torchOneCycle) construct(g *torchGroup) torchScheduler {
	first, last := c.phases[0], c.phases[len(c.phases)-1]
	g.initialLR, g.hasInitial = first.start, true
	g.maxLR, g.minLR = first.fin, last.fin
	getLR := func(g *torchGroup, b *torchBase) float64 {
		if b.lastEpoch > c.total {
			g.raise("ValueError: Tried to step " + itoa(b.lastEpoch) + " times. The specified number of total steps is " + itoa(c.total))
			return g.lr
		}
		lrs := [3]float64{g.initialLR, g.maxLR, g.minLR}
		names := [3][2]int{{0, 1}, {1, 2}} // initial_lr → max_lr → min_lr
		if len(c.phases) == 3 {
			names = [3][2]int{{0, 1}, {1, 0}, {0, 2}}
		}
		s := float64(b.lastEpoch)
		k, start := c.phase(s)
		ph := c.phases[k]
		if ph.end == start {
			g.raise("ZeroDivisionError: float division by zero")
			return g.lr
		}
		return c.anneal(lrs[names[k][0]], lrs[names[k][1]], (s-start)/(ph.end-start))
	}
	return newTorchBase(g, getLR, nil)
}
