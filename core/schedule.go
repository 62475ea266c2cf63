package core

import (
	"iter"
	"math"
)

// MaxSteps is the longest run a schedule can be drawn or queried for.
const MaxSteps int64 = 1_000_000_000_000

// MaxEvaluateSteps is the longest run Evaluate returns every value of:
// 10^7 float64s are 80 MB. Longer runs are drawn through At and Events.
const MaxEvaluateSteps = 10_000_000

// EventKind says what happens at an event.
type EventKind string

// The events a schedule reports.
const (
	Restart   EventKind = "restart"    // the lr jumps back up: a new cycle starts
	WarmupEnd EventKind = "warmup_end" // the first step after warmup
	Boundary  EventKind = "boundary"   // a phase or cycle ends without a jump
	Peak      EventKind = "peak"       // the curve turns from rising to falling
	Trough    EventKind = "trough"     // the curve turns from falling to rising
	Turn      EventKind = "turn"       // the curve may turn here: rounding noise on a nearly flat stretch
)

// Event is something that happens at a step of a run.
//
// The contract that drawing relies on: on every run of steps that no event
// starts, the values are monotone. That is, if e1 < e2 are consecutive event
// steps, the values at e1, e1+1, ..., e2-1 are non-increasing or non-decreasing.
type Event struct {
	Step int64     `json:"step"`
	Kind EventKind `json:"kind"`
}

// curve is what each kind builds: its values and its events.
type curve interface {
	// at returns the lr in effect during step i of a run of n steps, 0 <= i < n.
	// Kinds the framework defines by recursion answer in closed form here.
	at(i, n int64) float64
	// events yields, in non-decreasing step order, the events with from <= step < to
	// of a run of n steps, and stops early when yield returns false.
	events(n, from, to int64, yield func(Event) bool)
}

// kindCurve is a curve a kind builds, which also knows what the features
// that cut across kinds need of it. A composed schedule implements it too.
type kindCurve interface {
	curve
	// shape reads a run of n steps as a shape for Translate, or says why it
	// has none (see shapeOf).
	shape(a args, n int64) (shape, string)
	// lintFacts describes a run of n steps for Lint.
	lintFacts(ls lintSpec, n int64) lintFacts
}

// filler is a curve that writes a whole run itself: one whose framework
// computes it by recursion (fill then runs that recursion, and at is a closed
// form), or one that is faster a run at a time. fill writes the run of
// len(dst) steps.
type filler interface {
	fill(dst []float64)
}

// stepChecker is a curve that cannot run for every number of steps, as when
// the framework raises past its last step.
type stepChecker interface {
	checkSteps(n int64) error
}

// Schedule is a validated spec. Its methods never fail for a number of steps
// that CheckSteps accepts. Its steps are optimizer steps under its Units;
// with DefaultUnits they are the kind's own steps.
type Schedule struct {
	kind  *Kind
	args  args
	curve kindCurve // the kind's, in its own steps: calls of scheduler.step()
	units Units
	run   curve // curve in optimizer steps under units: curve itself, or a unitsCurve
	// inherited names the parameters a child of a composition took from its
	// parent, which its spec leaves out.
	inherited []string
}

// Kind returns the schedule's kind.
func (s *Schedule) Kind() *Kind { return s.kind }

// Args returns every parameter's value, defaults filled in: float64, int64,
// bool, string, or nil for None.
func (s *Schedule) Args() map[string]any {
	out := make(map[string]any, len(s.args))
	for k, v := range s.args {
		out[k] = v
	}
	return out
}

// MarshalJSON writes the spec in full, defaults included, in the kind's
// parameter order, then "units" in full unless they are DefaultUnits.
//
// A child of a composition leaves out what it inherits from it (the lr), as
// the composition's spec writes it.
func (s *Schedule) MarshalJSON() ([]byte, error) {
	values := map[string]any(s.args)
	if len(s.inherited) > 0 {
		values = s.Args()
		for _, k := range s.inherited {
			delete(values, k)
		}
	}
	b, err := s.kind.Spec(values)
	if err != nil {
		return nil, err
	}
	return withUnits(b, s.units), nil
}

// CheckSteps reports whether the schedule can run for steps steps.
func (s *Schedule) CheckSteps(steps int64) error {
	if steps < 1 || steps > MaxSteps {
		return errorf("steps", itoa(steps)+" is out of range; must be a whole number in [1, "+formatFloat(float64(MaxSteps))+"]")
	}
	if c, ok := s.run.(stepChecker); ok {
		return c.checkSteps(steps)
	}
	return nil
}

// At returns the lr in effect during step of a run of steps steps, in O(1)
// for any step. For kinds the framework defines by recursion it is a closed
// form, which agrees with Fill to 1e-12 relative on runs up to 10^5 steps;
// past that the framework's own recursion drifts, and each kind's doc says by
// how much. It panics if step is outside [0, steps).
func (s *Schedule) At(step, steps int64) float64 {
	if step < 0 || step >= steps {
		panic("core: At: step " + itoa(step) + " outside a run of " + itoa(steps))
	}
	return s.run.at(step, steps)
}

// Fill writes the lr of each step of a run of len(dst) steps into dst, exactly
// as the framework computes it.
func (s *Schedule) Fill(dst []float64) {
	if f, ok := s.run.(filler); ok {
		f.fill(dst)
		return
	}
	n := int64(len(dst))
	for i := range dst {
		dst[i] = s.run.at(int64(i), n)
	}
}

// Events yields the events with from <= step < to of a run of steps steps, in step order.
func (s *Schedule) Events(steps, from, to int64) iter.Seq[Event] {
	from, to = max(from, 0), min(to, steps)
	return func(yield func(Event) bool) {
		if from >= to {
			return
		}
		s.run.events(steps, from, to, yield)
	}
}

// Evaluate parses spec and returns the lr in effect during each step
// 0..steps-1, as the framework computes it. steps is at most MaxEvaluateSteps.
func Evaluate(spec []byte, steps int) ([]float64, error) {
	s, err := Parse(spec)
	if err != nil {
		return nil, err
	}
	return s.Values(steps)
}

// fillCost is how many of the kind's own steps Fill computes for a run of
// steps steps: more than steps only when a recursion runs through calls no
// optimizer step reads (per micro-batch).
func (s *Schedule) fillCost(steps int64) int64 {
	if w, ok := s.run.(*unitsCurve); ok {
		return w.fillCost(steps)
	}
	return steps
}

// Values returns the lr of each step of a run of steps steps, as Fill writes it.
func (s *Schedule) Values(steps int) ([]float64, error) {
	if steps > MaxEvaluateSteps {
		return nil, errorf("steps", itoa(int64(steps))+" is more than the "+itoa(int64(MaxEvaluateSteps))+" values Evaluate returns at once")
	}
	if err := s.CheckSteps(int64(steps)); err != nil {
		return nil, err
	}
	if c := s.fillCost(int64(steps)); c > MaxEvaluateSteps {
		return nil, errorf("steps", itoa(int64(steps))+" optimizer steps make "+itoa(c)+
			" calls of scheduler.step() ("+s.units.describe()+"), and "+s.kind.Name+
			"'s recursion must run through each; Evaluate runs at most "+itoa(MaxEvaluateSteps))
	}
	out := make([]float64, steps)
	s.Fill(out)
	for i, v := range out {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			// A kind's validation should have stopped this; say so rather than draw it.
			return nil, errorf("", "the lr is not finite at step "+itoa(int64(i))+" ("+formatFloat(v)+")")
		}
	}
	return out, nil
}
