package core

import (
	"math"
	"strconv"
)

// lintFacts is what Lint needs to know of a schedule, from its kind's own
// semantics: where warmup ends, what the decay is designed to reach and
// when, whether it restarts, and the parameter changes that fix each
// pitfall. Names in messages are the framework's.
type lintFacts struct {
	warmup      int64  // W: warmup steps; step W is the first after it (0: none)
	warmupName  string // the warmup in the user's words: "num_warmup_steps = 500"
	warmupParam string // the parameter W counts, when it is a number of steps

	peak, floor         float64 // where the decay starts and the lr it is designed to end at
	peakName, floorName string  // "lr = 0.1", "eta_min = 0"

	end     int64  // the step the decay ends at by design (0: it has no end)
	endName string // completes "… at step E": "T_max = 100 ends the cosine"
	unit    string // what the framework counts: "scheduler.step() calls"
	fitEnd  map[string]any
	scale   func(r float64) map[string]any // stretches every step count by r (units fix)

	// repeats: the designed end is one cycle of a schedule that repeats by
	// design (CyclicLR), so many of them in a run are no sign of other units;
	// only a cycle far longer than the run is.
	repeats bool

	continues bool   // past end the framework's formula goes on, so the lr may rise again
	risesWhy  string // why it rises, when it does
	noMin     bool   // floor is a reference, not an end value (ExponentialLR)

	cycles        bool   // the schedule restarts in cycles
	cycleParam    string // the parameter setting the first cycle's length in steps ("" none)
	noRestartWhy  string
	lastCycleEnds bool                     // a Boundary event ends the last cycle (timm's cycle_limit)
	restartFix    map[string]any           // a fix for no restarts besides resizing cycleParam
	floorAt       func(step int64) float64 // the floor of the cycle at step, when it varies

	holds       bool // after warmup the lr holds by design (LinearLR as a warmup): not flat
	flatWhy     string
	flatFix     map[string]any
	inverted    string // the message when the floor is above the peak, "" otherwise
	invertedFix map[string]any
	jumpWhy     string
	jumpFix     map[string]any
}

// lintEndCap keeps designed ends that overflow (cycle_mul^cycle_limit) comparable.
const lintEndCap = 1 << 60

func lintEnd(x float64) int64 {
	if !(x < lintEndCap) {
		return lintEndCap
	}
	return int64(math.Ceil(x))
}

// lintSpec is the spec lintFactsOf describes. Its methods are not inlined:
// lintFactsOf calls them at ninety sites.
type lintSpec struct {
	k *Kind
	a args
}

// v writes a parameter as messages show it: "T_max = 100".
//
//go:noinline
func (ls lintSpec) v(name string) string { return name + " = " + formatValue(ls.a[name]) }

// set is the fix that sets a parameter to x (see lintSet).
//
//go:noinline
func (ls lintSpec) set(name string, x float64) map[string]any { return lintSet(ls.k, name, x) }

// scale is a fix for counting in other units: it stretches the step counts
// names by r (see lintScale).
//
//go:noinline
func (ls lintSpec) scale(names ...string) func(r float64) map[string]any {
	return func(r float64) map[string]any { return lintScale(ls.k, ls.a, r, names...) }
}

// floorFix is the usual fix for a floor at or above the peak: back to 0.
//
//go:noinline
func floorFix(name string) map[string]any { return map[string]any{name: 0.0} }

// lintFactsOf describes s for a run of n steps.
func lintFactsOf(s *Schedule, n int64) lintFacts {
	return s.curve.lintFacts(lintSpec{s.kind, s.args}, n)
}

// lintEtaMin sets the flat and upside-down findings of a schedule whose
// floor parameter (eta_min, lr_min, ...) may equal or pass its peak.
func (f *lintFacts) lintEtaMin(peak, floor float64, floorParam, peakParam, what string, fix map[string]any) {
	switch {
	case floor == peak && peak != 0:
		f.flatWhy, f.flatFix = floorParam+" equals "+peakParam, fix
	case floor > peak:
		f.inverted = floorParam + " = " + formatFloat(floor) + " is above " + peakParam + " = " + formatFloat(peak) +
			": " + what + " runs upside down, rising from " + peakParam + " to " + floorParam
		f.invertedFix = fix
	}
}

// lintFraction is lintEtaMin for a floor given as a fraction of the peak
// (alpha, min_lr_ratio).
func (f *lintFacts) lintFraction(r float64, name, what string) {
	fix := lintFix(name, 0.0)
	switch {
	case r == 1:
		f.flatWhy, f.flatFix = name+" = 1 keeps the lr at its peak", fix
	case r > 1:
		f.inverted = name + " = " + formatFloat(r) + " > 1 puts the floor above the peak: " + what + " rises instead of decaying"
		f.invertedFix = fix
	}
}

// lintExponent: optax's exponent 0 raises the cosine factor to the power 0.
func (f *lintFacts) lintExponent(e float64) {
	if e == 0 {
		f.flatWhy, f.flatFix = "exponent = 0 makes the cosine factor 1", lintFix("exponent", 1.0)
	}
}

// lintZeroLR: an lr of 0 (the optimizer's, or a peak) holds every step at 0.
func (f *lintFacts) lintZeroLR(k *Kind, lr float64) {
	if lr != 0 {
		return
	}
	f.flatWhy, f.flatFix = "the lr is 0", nil
	if p := k.Param("lr"); p != nil {
		if d, ok := p.Default.(float64); ok && d > 0 {
			f.flatWhy += " (the optimizer's lr, which the call does not show)"
			f.flatFix = lintFix("lr", d)
		}
	}
}

// lintScale stretches the step-count parameters names of a by r, keeping
// each within its range.
func lintScale(k *Kind, a args, r float64, names ...string) map[string]any {
	out := map[string]any{}
	for _, name := range names {
		p := k.Param(name)
		cur, ok := a[name].(int64)
		if p == nil || !ok || cur == 0 {
			continue
		}
		x := math.Max(math.Round(float64(cur)*r), math.Max(p.Range.Min, 1))
		if int64(x) != cur {
			out[name] = int64(x)
		}
	}
	return out
}

// lintGamma is gamma rounded to three significant digits of 1 − gamma, so a
// suggestion reads 0.999 rather than 0.99907921.
func lintGamma(g float64) map[string]any {
	d := 1 - g
	if d == 0 || math.IsNaN(d) {
		return nil
	}
	e := math.Pow(10, math.Floor(math.Log10(math.Abs(d)))-2)
	r, _ := strconv.ParseFloat(strconv.FormatFloat(1-math.Round(d/e)*e, 'g', 15, 64), 64)
	return lintFix("gamma", r)
}

// lintFix is a fix that sets one parameter. Not inlined: lintFactsOf calls
// it at twenty sites, where each inlined copy costs the wasm hundreds of
// bytes.
//
//go:noinline
func lintFix(name string, v any) map[string]any { return map[string]any{name: v} }
