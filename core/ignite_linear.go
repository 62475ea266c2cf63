package core

import (
	"math"
	"slices"
)

// PyTorch-Ignite's LinearCyclicalScheduler (pytorch/ignite,
// ignite/handlers/param_scheduler.py): a CyclicalScheduler (see
// igniteCyclical, which holds the cycles, the ramp and __call__) whose
// get_param draws a triangle, or with monotonic one straight line.

var igniteLinearKind = register(&Kind{
	Name:  "ignite.LinearCyclicalScheduler",
	order: 601,
	code:  igniteCode,
	// monotonic is keyword-only: LinearCyclicalScheduler(*args, monotonic=False, **kwargs).
	imports:    []importSig{{callee: "LinearCyclicalScheduler", params: append(slices.Clip(igniteSignature), "monotonic"), positional: len(igniteSignature)}},
	arithmetic: "ignite's formula, start + (end − start)·(e/cycle_size) (monotonic) or end + (start − end)·|e/cycle_size − 0.5|·2, rounds differently",
	Framework:  "PyTorch-Ignite",
	Title:      "LinearCyclicalScheduler (triangle)",
	Doc: "A triangle: linearly from start_value to end_value over the first half of each cycle of " +
		"cycle_size events and back over the second half, repeating for ever (there is no end); " +
		"end_value is reached at event cycle_size/2 when cycle_size is even. With monotonic, one half " +
		"only: a straight line from start_value towards end_value over the cycle, then a jump back, or, " +
		"with warmup_duration > 0 (which needs monotonic), a linear ramp from end_value back to the next " +
		"cycle's start value. After each cycle the cycle size is multiplied by cycle_mult (and truncated " +
		"to an integer), start_value by start_value_mult and end_value by end_value_mult.",
	Convention:   igniteConvention,
	Link:         "https://pytorch.org/ignite/generated/ignite.handlers.param_scheduler.LinearCyclicalScheduler.html",
	Example:      `{"kind": "ignite.LinearCyclicalScheduler", "start_value": 0.001, "end_value": 0.1, "cycle_size": 200}`,
	ExampleSteps: 1000,
	Params: append(igniteParams("the value at the middle of each cycle (monotonic: the one its line heads for)",
		"length in events of the linear ramp back up after each cycle (0: none); needs monotonic"),
		Param{Name: "monotonic", Type: Bool, Default: false,
			Doc: "one half of the triangle only: a line from start_value towards end_value over each cycle"}),
	build: buildIgniteLinear,
})

// igniteLinear is ignite.handlers.param_scheduler.LinearCyclicalScheduler.
// Its get_param, with p = e/c:
//
//	monotonic:  s + (v − s)·p
//	else:       v + (s − v)·|p − 0.5|·2
//
// Special cases, besides igniteCyclical's, are:
//
//	warmup_duration > 0 and not monotonic: ignite raises ValueError, an error here
//	the triangle: no jump at a restart (with multipliers 1), e = c is never reached
//	the triangle with c odd: the lowest values are at e = (c ± 1)/2, equal but for rounding
//	monotonic, warmup_duration 0: restarts with a jump; the value one event before is not yet end_value
//	monotonic, warmup_duration > 0: e = c gives s' + (v − s')·1.0 with s' the next start, v but for rounding
//	start_value < end_value: the triangle rises first; monotonic rises
type igniteLinear struct {
	igniteCyclical
	monotonic bool
}

func buildIgniteLinear(a args) (kindCurve, error) {
	mono := a.bool("monotonic")
	if a.int("warmup_duration") > 0 && !mono {
		return nil, errorf("warmup_duration", "Invalid combination when warmup_duration > 0 and monotonic=False, "+
			"please use either set warmup_duration=0 or monotonic=True")
	}
	get := igniteTriangleGet
	if mono {
		get = igniteMonotonicGet
	}
	g := &igniteLinear{newIgniteCyclical(a, get), mono}
	g.turnsMid = !mono
	return g, nil
}

// igniteMonotonicGet is LinearCyclicalScheduler.get_param with monotonic.
func igniteMonotonicGet(e, c int64, s, v float64) float64 {
	progress := float64(e) / float64(c)
	return s + float64((v-s)*progress)
}

// igniteTriangleGet is LinearCyclicalScheduler.get_param without monotonic.
func igniteTriangleGet(e, c int64, s, v float64) float64 {
	progress := float64(e) / float64(c)
	return v + float64(float64((s-v)*math.Abs(progress-0.5))*2)
}

// shape reads a run of n steps as a shape for Translate (see shapeOf): a
// straight line while the run stays within the first cycle's line, or the
// triangle's first half.
func (g *igniteLinear) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	switch {
	case g.monotonic && (n <= g.c0 || (g.w0 > 0 && n == g.c0+1)):
		sh.linear(g.start, g.end, g.c0)
	case g.monotonic:
		return sh, "the line restarts after cycle_size = " + itoa(g.c0) + " events, which only ignite's cyclical schedulers do"
	case 2*(n-1) > g.c0:
		return sh, "the triangle turns back after half of cycle_size = " + itoa(g.c0) + " events"
	case g.c0%2 != 0:
		return sh, "the triangle's half cycle, cycle_size/2 = " + formatFloat(float64(g.c0)/2) + " events, is not a whole number"
	default:
		sh.linear(g.start, g.end, g.c0/2)
	}
	return sh, ""
}

// lintFacts describes a run of n steps for Lint. The triangle cycles
// without restarting (its turns are peaks and troughs), and either
// direction is a design: only the monotonic line restarts and can be upside
// down.
func (g *igniteLinear) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "events (one per iteration when bound to ITERATION_STARTED)"}
	f.peak, f.floor, f.peakName, f.floorName = g.start, g.end, ls.v("start_value"), ls.v("end_value")
	if g.start == g.end {
		f.flatWhy = "end_value equals start_value"
		if g.start > 0 {
			f.flatFix = lintFix("end_value", 0.0)
		}
	}
	if !g.monotonic {
		if g.end > g.start {
			f.peak, f.floor, f.peakName, f.floorName = g.end, g.start, ls.v("end_value"), ls.v("start_value")
		}
		return f
	}
	f.cycles, f.cycleParam = true, "cycle_size"
	f.noRestartWhy = "the first cycle, " + ls.v("cycle_size") + " events, does not end within it"
	f.floorAt = func(step int64) float64 { _, cy := g.cycleAt(step); return cy.ev }
	if g.end > g.start {
		f.inverted = ls.v("end_value") + " is above " + ls.v("start_value") + ": each cycle rises instead of decaying"
		f.invertedFix = map[string]any{"start_value": g.end, "end_value": g.start}
	}
	return f
}

// igniteLinearTarget writes a linear decay as LinearCyclicalScheduler's
// monotonic line, cycle_size its length, for a run that ends before the line
// restarts: at step cycle_size with a ramp after it (warmup_duration 1),
// where s' + (v − s')·1.0 is end_value but for rounding.
func igniteLinearTarget(sh *shape, n int64) ([]candidate, []string) {
	const title = "ignite's LinearCyclicalScheduler"
	switch {
	case sh.warmup > 0 || sh.stable > 0:
		return nil, []string{title + " has nothing before its line, here " + sh.prefixText()}
	case !isInt(sh.length) || sh.length < 2:
		return nil, []string{"ignite's cycle_size is a whole number of at least 2 steps, not " + formatFloat(sh.length)}
	case float64(n) > sh.length+1:
		return nil, []string{"the lr holds at " + formatFloat(sh.floor) + " from step " + formatFloat(sh.length) +
			"; " + title + " starts its line again"}
	}
	warmup := int64(0)
	if float64(n) == sh.length+1 {
		warmup = 1
	}
	return []candidate{spec(igniteLinearKind, "start_value", sh.peak, "end_value", sh.floor, "cycle_size", int64(sh.length),
		"warmup_duration", warmup, "monotonic", true)}, nil
}
