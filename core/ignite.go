package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// PyTorch-Ignite's CosineAnnealingScheduler (pytorch/ignite,
// ignite/handlers/param_scheduler.py: CyclicalScheduler and
// CosineAnnealingScheduler). Ignite defines it by a stateful recursion, one
// __call__ per event; fill replays that recursion in Python's float64 order
// and at answers in closed form.

var igniteCosineKind = register(&Kind{
	Name:       "ignite.CosineAnnealingScheduler",
	order:      600,
	code:       igniteCode,
	imports:    []importSig{{callee: "CosineAnnealingScheduler", params: igniteSignature}},
	arithmetic: "ignite's formula, start + (end − start)/2·(1 − cos), rounds differently",
	Framework:  "PyTorch-Ignite",
	Title:      "CosineAnnealingScheduler (cyclical)",
	Doc: "Half a cosine from start_value to end_value over each cycle of cycle_size events, repeating for " +
		"ever (there is no end). After each cycle the cycle size is multiplied by cycle_mult (and truncated " +
		"to an integer), start_value by start_value_mult and end_value by end_value_mult. With " +
		"warmup_duration > 0, each cycle is followed by a linear ramp from its end value back to the next " +
		"cycle's start value; the ramp's length is scaled by cycle_mult too. The first cycle starts at " +
		"start_value; the value one event before a restart is not yet end_value.",
	Convention:   igniteConvention,
	Link:         "https://pytorch.org/ignite/generated/ignite.handlers.param_scheduler.CosineAnnealingScheduler.html",
	Example:      `{"kind": "ignite.CosineAnnealingScheduler", "start_value": 0.1, "end_value": 0.001, "cycle_size": 200, "cycle_mult": 1.5}`,
	ExampleSteps: 1500,
	Params: igniteParams("the value the cosine reaches at the end of each cycle",
		"length in events of the linear ramp back up after each cycle (0: none)"),
	build: buildIgniteCosine,
})

// igniteCosine is ignite.handlers.param_scheduler.CosineAnnealingScheduler:
// a CyclicalScheduler (see igniteCyclical) whose get_param is
//
//	s + ((v − s)/2)·(1 − cos(π·e/c))
//
// Special cases, besides igniteCyclical's, are:
//
//	warmup_duration 0: the cycle restarts with a jump to start_value
//	start_value < end_value: each cycle rises instead of falling
//
// math.Cos may differ from glibc's cos in the last bit.
type igniteCosine struct{ igniteCyclical }

func buildIgniteCosine(a args) (kindCurve, error) {
	return &igniteCosine{newIgniteCyclical(a, igniteCosineGet)}, nil
}

// igniteCosineGet is CosineAnnealingScheduler.get_param.
func igniteCosineGet(e, c int64, s, v float64) float64 {
	progress := float64(e) / float64(c)
	return s + float64((v-s)/2*(1-xmath.Cos(math.Pi*progress)))
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (g *igniteCosine) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	if why := g.shapeProblem(n); why != "" {
		return sh, why
	}
	sh.peak, sh.floor, sh.length = g.start, g.end, float64(g.c0)
	sh.mult, sh.decay, sh.cycles = g.shapeMult(), g.startMult, 0
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (g *igniteCosine) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls"}
	f.unit = "events (one per iteration when bound to ITERATION_STARTED)"
	f.peak, f.floor, f.peakName, f.floorName = g.start, g.end, ls.v("start_value"), ls.v("end_value")
	f.cycles, f.cycleParam = true, "cycle_size"
	f.noRestartWhy = "the first cycle, " + ls.v("cycle_size") + " events, does not end within it"
	f.floorAt = func(step int64) float64 { _, cy := g.cycleAt(step); return cy.ev }
	switch {
	case g.start == g.end:
		f.flatWhy = "end_value equals start_value"
		if g.start > 0 {
			f.flatFix = lintFix("end_value", 0.0)
		}
	case g.end > g.start:
		f.inverted = ls.v("end_value") + " is above " + ls.v("start_value") + ": each cycle rises instead of annealing"
		f.invertedFix = map[string]any{"start_value": g.end, "end_value": g.start}
	}
	return f
}

// ignite is a framework.
var _ = registerFramework(&framework{name: "ignite", title: "PyTorch-Ignite", order: 600, tools: &igniteTools{}})

// igniteTools are PyTorch-Ignite's hooks for the tools (see frameworkTools).
type igniteTools struct{}

// target writes a shape as specs of PyTorch-Ignite's kinds (see frameworkTools).
func (*igniteTools) target(sh *shape, n int64) ([]candidate, []string) {
	if pw := ignitePiecewiseTarget(sh); pw != nil {
		var c []candidate
		if sh.form == shapeLinear {
			c, _ = igniteLinearTarget(sh, n)
		}
		return append(c, pw...), nil
	}
	switch {
	case sh.form == shapeLinear:
		return igniteLinearTarget(sh, n)
	case sh.warmup > 0 || sh.stable > 0:
		return nil, []string{"ignite's CosineAnnealingScheduler has nothing before its first cycle, here " + sh.prefixText() + " (its warmup_duration ramps back up after each cycle)"}
	case sh.form != shapeCosine:
		return nil, notCosine(sh, "PyTorch-Ignite", " (ignite.CosineAnnealingScheduler draws cosine cycles)")
	case !isInt(sh.length) || sh.length < 2:
		return nil, []string{"ignite's cycle_size is a whole number of at least 2 steps, not " + formatFloat(sh.length)}
	case !sh.asForever(n):
		return nil, []string{sh.tailText() + "; ignite's cycles restart for ever"}
	case sh.ampDecay && sh.decay != 1 && sh.seen(n) > 1:
		return nil, []string{ampText(sh, "ignite's start_value_mult")}
	}
	if seen := sh.seen(n); seen > 1 && sh.mult != 1 {
		size := int64(sh.length)
		for k := int64(1); k < seen; k++ {
			size = igniteTrunc(float64(size) * sh.mult)
			if want := sh.length * math.Pow(sh.mult, float64(k)); float64(size) != want {
				return nil, []string{"ignite truncates each cycle's size to whole steps (int(size·cycle_mult)): cycle " + itoa(k) +
					" would have " + itoa(size) + " steps, not " + formatFloat(want)}
			}
		}
	}
	return []candidate{spec(igniteCosineKind, "start_value", sh.peak, "end_value", sh.floor, "cycle_size", int64(sh.length),
		"cycle_mult", sh.mult, "start_value_mult", sh.decay, "end_value_mult", 1.0, "warmup_duration", int64(0))}, nil
}

// igniteCode writes a snippet that lists the values of an ignite kind with
// simulate_values.
func igniteCode(w *pyWriter, s *Schedule, steps int64) {
	w.put(`from ignite.handlers.param_scheduler import {name}

# In training: scheduler = {name}(optimizer, "lr", <the arguments below>) and
# trainer.add_event_handler(Events.ITERATION_STARTED, scheduler); simulate_values steps it the same way.
values = {name}.simulate_values(
    num_events={n},
    param_name="lr",
{all_args})
lrs = [lr for _, lr in values]
print(lrs)
`)
}
