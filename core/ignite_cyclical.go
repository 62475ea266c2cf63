package core

import (
	"cmp"
	"math"
	"slices"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// PyTorch-Ignite's CyclicalScheduler (pytorch/ignite,
// ignite/handlers/param_scheduler.py), the base of CosineAnnealingScheduler
// and LinearCyclicalScheduler: its cycles, its warmup ramp between them and
// its __call__, shared by both; each kind supplies its get_param.

// igniteConvention is every ignite kind's step: ignite's scheduler is a
// handler that sets the value, then counts the event.
const igniteConvention = "the value set at the i-th event the scheduler handles (i = 0 first), as simulate_values lists it"

// igniteSignature is CyclicalScheduler.__init__'s parameters in order, which
// its kinds take positionally.
var igniteSignature = []string{"optimizer", "param_name", "start_value", "end_value", "cycle_size", "cycle_mult",
	"start_value_mult", "end_value_mult", "warmup_duration", "save_history", "param_group_index"}

// igniteParams are CyclicalScheduler's parameters, with the kind's words for
// end_value and warmup_duration.
func igniteParams(endDoc, warmupDoc string) []Param {
	return []Param{
		{Name: "start_value", Type: Float, Required: true, Range: atLeast(0),
			Doc:  "the value at the start of each cycle",
			Hint: Hint{Min: 1e-6, Max: 1, Log: true}},
		{Name: "end_value", Type: Float, Required: true, Range: atLeast(0),
			Doc:  endDoc,
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
			Doc:  warmupDoc,
			Hint: Hint{Min: 0, Max: 100, Step: 1}},
	}
}

// igniteCyclical is ignite's CyclicalScheduler. The value of step i is what
// the i-th call of the scheduler sets. Within cycle k, with c its size, w its
// warmup_duration, e the event index in the cycle (0 ≤ e < c + w), s the
// current start_value and v the end_value:
//
//	e ≤ c:  get_param(e, c, s, v), the kind's
//	e > c:  v + (s − v)·((e − c)/w)
//
// start_value is multiplied by start_value_mult when e reaches c (so e = c and
// the ramp already use the next cycle's start), and on reaching c + w the
// event index returns to 0, c becomes int(c·cycle_mult), w becomes
// int(w·cycle_mult) and end_value is multiplied by end_value_mult.
//
// Special cases are:
//
//	warmup_duration 0: e = c is never reached; the cycle restarts at start_value
//	cycle_mult 1: equal cycles for ever
//	cycle_mult with int(c·cycle_mult) = c (e.g. 1.05 with c = 10): equal cycles too
//	cycle_mult < 1: cycles shrink; when a cycle size reaches 0 ignite raises ZeroDivisionError, an error here
//	start_value_mult or end_value_mult overflowing to +Inf: an error
//	more than 65536 distinct cycle sizes within the run: an error (a limit of this port)
//
// fill does Python's operations in Python's order; at uses start·mult^k
// (math.Pow) past the table of distinct cycles, within 1e-12 of fill.
type igniteCyclical struct {
	start, end         float64
	startMult, endMult float64
	cycleMult          float64
	cycles             []igniteCycle // cycles[j] is cycle j; the last one repeats if periodic
	periodic           bool          // the last cycle's size and warmup repeat for ever
	failAt             int64         // steps ≥ failAt cannot be computed (MaxSteps+1: none)
	failWhy            string
	c0, w0             int64
	get                igniteGet // the kind's get_param
	turnsMid           bool      // get_param turns mid-cycle (LinearCyclicalScheduler's triangle)
}

// igniteGet is a kind's get_param at event index e ≤ c of a cycle of size c,
// with start_value s and end_value v.
type igniteGet func(e, c int64, s, v float64) float64

// igniteCycle is one cycle: where it starts, its size and warmup, and the
// start and end values it begins with (multiplied as ignite does, one
// multiplication per cycle).
type igniteCycle struct {
	first, c, w int64
	sv, ev      float64
}

// igniteMaxCycles bounds the table of distinct cycles.
const igniteMaxCycles = 1 << 16

// newIgniteCyclical reads CyclicalScheduler's arguments and lays out the
// distinct cycles of a run of up to MaxSteps steps.
func newIgniteCyclical(a args, get igniteGet) igniteCyclical {
	g := igniteCyclical{
		start: a.float("start_value"), end: a.float("end_value"),
		startMult: a.float("start_value_mult"), endMult: a.float("end_value_mult"),
		cycleMult: a.float("cycle_mult"),
		c0:        a.int("cycle_size"), w0: a.int("warmup_duration"),
		failAt: MaxSteps + 1, get: get,
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
	return g
}

// igniteTrunc is Python's int() of a non-negative float, saturating far past MaxSteps.
func igniteTrunc(x float64) int64 {
	if x >= 1<<62 {
		return 1 << 62
	}
	return int64(x)
}

// cycle returns cycle k's description for the cycle containing step i.
func (g *igniteCyclical) cycleAt(i int64) (k int64, cy igniteCycle) {
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

// value is _get_param for event index e of cycle cy.
func (g *igniteCyclical) value(e int64, cy *igniteCycle) float64 {
	s := cy.sv
	if e >= cy.c {
		s *= g.startMult // start_value *= start_value_mult happened at e == c
	}
	if e > cy.c {
		progress := float64(e-cy.c) / float64(cy.w)
		return cy.ev + float64((s-cy.ev)*progress)
	}
	return g.get(e, cy.c, s, cy.ev)
}

func (g *igniteCyclical) at(i, n int64) float64 {
	_, cy := g.cycleAt(i)
	return g.value(i-cy.first, &cy)
}

// fill replays CyclicalScheduler.__call__ and _get_param event by event.
func (g *igniteCyclical) fill(dst []float64) { g.fillEvery(dst, 0, 1) }

// fillEvery runs the recursion; see everyFiller.
func (g *igniteCyclical) fillEvery(dst []float64, first, stride int64) {
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
			v = g.get(e, c, start, end)
		}
		if i == next {
			dst[j] = v
			j, next = j+1, next+stride
		}
		e++
	}
}

// events: each restart (a warmup's end after a ramp), the turn where a
// ramp begins, and, for a triangle, its middle.
func (g *igniteCyclical) events(n, from, to int64, yield func(Event) bool) {
	k, cy := g.cycleAt(from)
	for cy.first < to {
		if k > 0 && cy.first >= from {
			if !yield(Event{cy.first, g.restartKind(k, &cy)}) {
				return
			}
		}
		// The triangle's lowest (or highest) values are at e = c/2, or
		// (c − 1)/2 and (c + 1)/2, whose order rounding decides: the second
		// of them starts the rise.
		if mid := cy.first + (cy.c+1)/2; g.turnsMid && cy.c > 1 && mid >= from && mid < to {
			if !yield(Event{mid, g.midKind(&cy)}) {
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
func (g *igniteCyclical) prevWarmup(k int64, cy *igniteCycle) int64 {
	if k < int64(len(g.cycles)) {
		return g.cycles[k-1].w
	}
	return cy.w // in the periodic tail every cycle has the same warmup
}

// cycleNumber returns cycle k.
func (g *igniteCyclical) cycleNumber(k int64) igniteCycle {
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

// restartKind names the start of cycle k (which is cy), k > 0.
func (g *igniteCyclical) restartKind(k int64, cy *igniteCycle) EventKind {
	switch {
	case g.prevWarmup(k, cy) > 0:
		return WarmupEnd
	case !g.turnsMid:
		return Restart
	}
	// The triangle's second half rises back to its start (falls, when it
	// starts below its end); the next cycle's first half falls (rises).
	prev := g.cycleNumber(k - 1)
	switch {
	case prev.ev < prev.sv && cy.ev < cy.sv:
		return Peak
	case prev.ev > prev.sv && cy.ev > cy.sv:
		return Trough
	}
	return Boundary
}

// midKind names the middle of a triangle cycle.
func (g *igniteCyclical) midKind(cy *igniteCycle) EventKind {
	switch {
	case cy.ev < cy.sv:
		return Trough
	case cy.ev > cy.sv:
		return Peak
	}
	return Boundary
}

// turnKind names the step where a cycle's get_param ends and its ramp begins.
func (g *igniteCyclical) turnKind(cy *igniteCycle) EventKind {
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
func (g *igniteCyclical) checkSteps(n int64) error {
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
