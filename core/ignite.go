package core

import (
	"cmp"
	"math"
	"slices"

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
	imports:    []importSig{{callee: "CosineAnnealingScheduler", params: []string{"optimizer", "param_name", "start_value", "end_value", "cycle_size", "cycle_mult", "start_value_mult", "end_value_mult", "warmup_duration", "save_history", "param_group_index"}}},
	arithmetic: "ignite's formula, start + (end − start)/2·(1 − cos), rounds differently",
	Framework:  "PyTorch-Ignite",
	Title:      "CosineAnnealingScheduler (cyclical)",
	Doc: "Half a cosine from start_value to end_value over each cycle of cycle_size events, repeating for " +
		"ever (there is no end). After each cycle the cycle size is multiplied by cycle_mult (and truncated " +
		"to an integer), start_value by start_value_mult and end_value by end_value_mult. With " +
		"warmup_duration > 0, each cycle is followed by a linear ramp from its end value back to the next " +
		"cycle's start value; the ramp's length is scaled by cycle_mult too. The first cycle starts at " +
		"start_value; the value one event before a restart is not yet end_value.",
	Convention:   "the value set at the i-th event the scheduler handles (i = 0 first), as simulate_values lists it",
	Link:         "https://pytorch.org/ignite/generated/ignite.handlers.param_scheduler.CosineAnnealingScheduler.html",
	Example:      `{"kind": "ignite.CosineAnnealingScheduler", "start_value": 0.1, "end_value": 0.001, "cycle_size": 200, "cycle_mult": 1.5}`,
	ExampleSteps: 1500,
	Params: []Param{
		{Name: "start_value", Type: Float, Required: true, Range: atLeast(0),
			Doc:  "the value at the start of each cycle",
			Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
		{Name: "end_value", Type: Float, Required: true, Range: atLeast(0),
			Doc:  "the value the cosine reaches at the end of each cycle",
			Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
		{Name: "cycle_size", Type: Int, Required: true, Range: between(2, maxInt),
			Doc:  "length of the first cycle in events (ignite requires at least 2)",
			Hint: Hint{Min: 2, Max: 1000, Step: 1}},
		{Name: "cycle_mult", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc:  "each cycle's size is int(previous size × cycle_mult)",
			Hint: Hint{Min: 1, Max: 3, Step: 0.05}},
		{Name: "start_value_mult", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc:  "start_value is multiplied by this at the end of each cycle",
			Hint: Hint{Min: 0, Max: 1, Step: 0.05}},
		{Name: "end_value_mult", Type: Float, Default: 1.0, Range: atLeast(0),
			Doc:  "end_value is multiplied by this at the end of each cycle",
			Hint: Hint{Min: 0, Max: 1, Step: 0.05}},
		{Name: "warmup_duration", Type: Int, Default: int64(0), Range: between(0, maxInt),
			Doc:  "length in events of the linear ramp back up after each cycle (0: none)",
			Hint: Hint{Min: 0, Max: 100, Step: 1}},
	},
	build: buildIgniteCosine,
})

// igniteCosine is ignite.handlers.param_scheduler.CosineAnnealingScheduler.
//
// The value of step i is what the i-th call of the scheduler sets. Within
// cycle k, with c its size, w its warmup_duration, e the event index in the
// cycle (0 ≤ e < c + w), s the current start_value and v the end_value:
//
//	e ≤ c:  s + ((v − s)/2)·(1 − cos(π·e/c))
//	e > c:  v + (s − v)·((e − c)/w)
//
// start_value is multiplied by start_value_mult when e reaches c (so e = c and
// the ramp already use the next cycle's start), and on reaching c + w the
// event index returns to 0, c becomes int(c·cycle_mult), w becomes
// int(w·cycle_mult) and end_value is multiplied by end_value_mult.
//
// Special cases are:
//
//	warmup_duration 0: e = c is never reached; the cycle restarts with a jump to start_value
//	cycle_mult 1: equal cycles for ever
//	cycle_mult with int(c·cycle_mult) = c (e.g. 1.05 with c = 10): equal cycles too
//	cycle_mult < 1: cycles shrink; when a cycle size reaches 0 ignite raises ZeroDivisionError, an error here
//	start_value < end_value: each cycle rises instead of falling
//	start_value_mult or end_value_mult overflowing to +Inf: an error
//	more than 65536 distinct cycle sizes within the run: an error (a limit of this port)
//
// fill does Python's operations in Python's order; at uses start·mult^k
// (math.Pow) past the table of distinct cycles, within 1e-12 of fill.
// math.Cos may differ from glibc's cos in the last bit.
type igniteCosine struct {
	start, end         float64
	startMult, endMult float64
	cycleMult          float64
	cycles             []igniteCycle // cycles[j] is cycle j; the last one repeats if periodic
	periodic           bool          // the last cycle's size and warmup repeat for ever
	failAt             int64         // steps ≥ failAt cannot be computed (MaxSteps+1: none)
	failWhy            string
	c0, w0             int64
}

// igniteCycle is one cycle: where it starts, its size and warmup, and the
// start and end values it begins with (multiplied as ignite does, one
// multiplication per cycle).
type igniteCycle struct {
	first, c, w int64
	sv, ev      float64
}

// igniteMaxCycles bounds the table of distinct cycles.
const igniteMaxCycles = 1 << 16

func buildIgniteCosine(a args) (kindCurve, error) {
	g := &igniteCosine{
		start: a.float("start_value"), end: a.float("end_value"),
		startMult: a.float("start_value_mult"), endMult: a.float("end_value_mult"),
		cycleMult: a.float("cycle_mult"),
		c0:        a.int("cycle_size"), w0: a.int("warmup_duration"),
		failAt: MaxSteps + 1,
	}
	cur := igniteCycle{first: 0, c: g.c0, w: g.w0, sv: g.start, ev: g.end}
	for {
		g.cycles = append(g.cycles, cur)
		if cur.c == 0 {
			g.failAt = cur.first
			g.failWhy = "cycle_mult " + formatFloat(g.cycleMult) + " shrinks the cycle size to 0, and ignite raises ZeroDivisionError"
			break
		}
		nextFirst := float64(cur.first) + float64(cur.c) + float64(cur.w)
		if nextFirst > float64(MaxSteps) {
			break
		}
		next := igniteCycle{
			first: cur.first + cur.c + cur.w,
			c:     igniteTrunc(float64(cur.c) * g.cycleMult),
			w:     igniteTrunc(float64(cur.w) * g.cycleMult),
			sv:    cur.sv * g.startMult,
			ev:    cur.ev * g.endMult,
		}
		if next.c == cur.c && next.w == cur.w {
			g.periodic = true
			break
		}
		if len(g.cycles) == igniteMaxCycles {
			g.failAt = next.first
			g.failWhy = "cycle_mult " + formatFloat(g.cycleMult) + " gives more than " +
				itoa(int64(igniteMaxCycles)) + " distinct cycle sizes, more than LR Playground follows"
			break
		}
		cur = next
	}
	return g, nil
}

// igniteTrunc is Python's int() of a non-negative float, saturating far past MaxSteps.
func igniteTrunc(x float64) int64 {
	if x >= 1<<62 {
		return 1 << 62
	}
	return int64(x)
}

// cycle returns cycle k's description for the cycle containing step i.
func (g *igniteCosine) cycleAt(i int64) (k int64, cy igniteCycle) {
	last := len(g.cycles) - 1
	if g.periodic && i >= g.cycles[last].first {
		cy = g.cycles[last]
		period := cy.c + cy.w
		j := (i - cy.first) / period
		k = int64(last) + j
		if j > 0 {
			cy.first += j * period
			cy.sv *= xmath.Pow(g.startMult, float64(j))
			cy.ev *= xmath.Pow(g.endMult, float64(j))
		}
		return k, cy
	}
	// The cycle holding i is the one before the first that starts after i.
	j, _ := slices.BinarySearchFunc(g.cycles, i+1, func(c igniteCycle, step int64) int { return cmp.Compare(c.first, step) })
	j--
	return int64(j), g.cycles[j]
}

// value is get_param for event index e of cycle cy.
func (g *igniteCosine) value(e int64, cy *igniteCycle) float64 {
	s := cy.sv
	if e >= cy.c {
		s *= g.startMult // start_value *= start_value_mult happened at e == c
	}
	if e > cy.c {
		progress := float64(e-cy.c) / float64(cy.w)
		return cy.ev + float64((s-cy.ev)*progress)
	}
	progress := float64(e) / float64(cy.c)
	return s + float64((cy.ev-s)/2*(1-xmath.Cos(math.Pi*progress)))
}

func (g *igniteCosine) at(i, n int64) float64 {
	_, cy := g.cycleAt(i)
	return g.value(i-cy.first, &cy)
}

// fill replays CyclicalScheduler.__call__ and get_param event by event.
func (g *igniteCosine) fill(dst []float64) { g.fillEvery(dst, 0, 1) }

// fillEvery runs the recursion; see everyFiller.
func (g *igniteCosine) fillEvery(dst []float64, first, stride int64) {
	start, end := g.start, g.end
	c, w := g.c0, g.w0
	total := c + w
	e := int64(0)
	for i, j, next := int64(0), 0, first; j < len(dst); i++ {
		var v float64
		if e != 0 && e == c {
			start *= g.startMult
		}
		if e != 0 && e == total {
			e = 0
			c = igniteTrunc(float64(c) * g.cycleMult)
			w = igniteTrunc(float64(w) * g.cycleMult)
			total = w + c
			end *= g.endMult
		}
		if e > c {
			progress := float64(e-c) / float64(w)
			v = end + float64((start-end)*progress)
		} else {
			progress := float64(e) / float64(c)
			v = start + float64((end-start)/2*(1-xmath.Cos(math.Pi*progress)))
		}
		if i == next {
			dst[j] = v
			j, next = j+1, next+stride
		}
		e++
	}
}

func (g *igniteCosine) events(n, from, to int64, yield func(Event) bool) {
	k, cy := g.cycleAt(from)
	for cy.first < to {
		if k > 0 && cy.first >= from {
			kind := Restart
			if prev := g.prevWarmup(k, &cy); prev > 0 {
				kind = WarmupEnd
			}
			if !yield(Event{cy.first, kind}) {
				return
			}
		}
		if turn := cy.first + cy.c; cy.w > 0 && turn >= from && turn < to {
			if !yield(Event{turn, g.turnKind(&cy)}) {
				return
			}
		}
		if cy.c == 0 {
			return
		}
		k++
		cy = g.cycleNumber(k)
	}
}

// prevWarmup is the warmup of the cycle before cycle k (which is cy).
func (g *igniteCosine) prevWarmup(k int64, cy *igniteCycle) int64 {
	if k < int64(len(g.cycles)) {
		return g.cycles[k-1].w
	}
	return cy.w // in the periodic tail every cycle has the same warmup
}

// cycleNumber returns cycle k.
func (g *igniteCosine) cycleNumber(k int64) igniteCycle {
	last := int64(len(g.cycles) - 1)
	if k <= last {
		return g.cycles[k]
	}
	if !g.periodic {
		return igniteCycle{first: math.MaxInt64}
	}
	cy := g.cycles[last]
	period := cy.c + cy.w
	j := k - last
	if float64(cy.first)+float64(j)*float64(period) > float64(MaxSteps) {
		return igniteCycle{first: math.MaxInt64}
	}
	cy.first += j * period
	cy.sv *= xmath.Pow(g.startMult, float64(j))
	cy.ev *= xmath.Pow(g.endMult, float64(j))
	return cy
}

// turnKind names the step where a cycle's cosine ends and its ramp begins.
func (g *igniteCosine) turnKind(cy *igniteCycle) EventKind {
	next := cy.sv * g.startMult
	switch {
	case cy.ev < cy.sv && next > cy.ev:
		return Trough
	case cy.ev > cy.sv && next < cy.ev:
		return Peak
	}
	return Boundary
}

// checkSteps reports runs that reach a cycle of size 0 (ignite raises
// ZeroDivisionError), that go past the cycles this port follows, or whose
// values overflow.
func (g *igniteCosine) checkSteps(n int64) error {
	if n > g.failAt {
		return errorf("steps", "step "+itoa(g.failAt)+" cannot be computed: "+g.failWhy+
			"; use at most "+itoa(g.failAt)+" steps")
	}
	// Values grow with the cycle number only through the multipliers.
	bad := func(i int64) bool {
		_, cy := g.cycleAt(i)
		v := g.value(i-cy.first, &cy)
		return math.IsInf(cy.sv, 0) || math.IsInf(cy.ev, 0) || math.IsInf(v, 0) || math.IsNaN(v)
	}
	if !bad(n - 1) {
		return nil
	}
	hi := firstTrue(-1, n-1, bad) // the first bad step
	return errorf("steps", "the value overflows to +Inf at step "+itoa(hi)+
		" (start_value_mult or end_value_mult compounded over the cycles); use at most "+itoa(hi)+" steps")
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
	switch {
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

// igniteCode writes a snippet that lists ignite's values with simulate_values.
func igniteCode(w *pyWriter, s *Schedule, steps int64) {
	w.put(`from ignite.handlers.param_scheduler import CosineAnnealingScheduler

# In training: scheduler = CosineAnnealingScheduler(optimizer, "lr", <the arguments below>) and
# trainer.add_event_handler(Events.ITERATION_STARTED, scheduler); simulate_values steps it the same way.
values = CosineAnnealingScheduler.simulate_values(
    num_events={n},
    param_name="lr",
{all_args})
lrs = [lr for _, lr in values]
print(lrs)
`)
}
