package core

import (
	"math"
	"strconv"

	"github.com/lrplay/lrplay/core/internal/xmath"
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
	a, k := s.args, s.kind
	ls := lintSpec{k, a}
	f := lintFacts{unit: "scheduler.step() calls"}

	switch c := s.curve.(type) {
	case *playground:
		f.warmup = min(c.warmupSteps(n), n)
		f.warmupName = ls.v("warmup") + " (" + lintInt(f.warmup) + " steps)"
		f.peak, f.floor, f.peakName, f.floorName = c.lr, c.etaMin, ls.v("lr"), ls.v("eta_min")
		f.unit = "steps"
		tmax := a.int("T_max")
		if c.restarts {
			f.cycles, f.cycleParam = true, "T_max"
			f.noRestartWhy = "the first cycle, " + ls.v("T_max") + " steps after warmup, does not end within it"
		} else {
			f.end = f.warmup + tmax
			f.endName = ls.v("T_max") + " ends the cosine"
			f.fitEnd = ls.set("T_max", float64(n-f.warmup))
			f.scale = ls.scale("T_max")
		}
		f.lintEtaMin(c.lr, c.etaMin, "eta_min", "lr", "each cosine", floorFix("eta_min"))

	case *torchCosine:
		f.peak, f.floor, f.peakName, f.floorName = c.lr, c.etaMin, ls.v("lr"), ls.v("eta_min")
		f.end, f.endName = c.tMax, ls.v("T_max")+" ends the cosine"
		f.fitEnd, f.scale = ls.set("T_max", float64(n)), ls.scale("T_max")
		f.continues = true
		f.risesWhy = "PyTorch's CosineAnnealingLR keeps its cosine going past T_max instead of holding eta_min"
		f.lintEtaMin(c.lr, c.etaMin, "eta_min", "lr", "the cosine", floorFix("eta_min"))
		f.lintZeroLR(k, c.lr)

	case *torchRestarts:
		f.peak, f.floor, f.peakName, f.floorName = c.lr, c.etaMin, ls.v("lr"), ls.v("eta_min")
		f.cycles, f.cycleParam = true, "T_0"
		f.noRestartWhy = "the first cycle, " + ls.v("T_0") + " steps, does not end within it"
		if c.t0 == 1 && c.tMult == 1 {
			f.flatWhy = "T_0 = 1 with T_mult = 1 restarts at lr every step"
		}
		f.lintEtaMin(c.lr, c.etaMin, "eta_min", "lr", "each cycle", floorFix("eta_min"))
		f.lintZeroLR(k, c.lr)

	case *torchOneCycle:
		T := c.total
		if e := c.phases[0].end; e >= 0 {
			f.warmup = min(int64(math.Floor(e))+1, lintEndCap)
		}
		f.warmupName = ls.v("pct_start") + " of " + itoa(T) + " steps (" + lintInt(f.warmup) + " steps)"
		last := c.phases[len(c.phases)-1]
		f.peak, f.floor = a.float("max_lr"), last.fin
		f.peakName, f.floorName = ls.v("max_lr"), "max_lr/div_factor/final_div_factor = "+formatFloat(last.fin)
		f.end = T
		if a.null("total_steps") {
			f.endName = "epochs·steps_per_epoch = " + lintInt(T) + " ends the cycle"
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

	case *torchLinear:
		switch {
		case c.start < c.end:
			f.warmup, f.warmupName, f.warmupParam = min(c.total, n), ls.v("total_iters"), "total_iters"
			f.holds = c.total > 0
			f.peak, f.peakName = c.lr*c.end, "lr·end_factor = "+formatFloat(c.lr*c.end)
		case c.start > c.end:
			f.peak, f.floor = c.lr*c.start, c.lr*c.end
			f.peakName, f.floorName = "lr·start_factor", "lr·end_factor = "+formatFloat(c.lr*c.end)
			f.end, f.endName = c.total, ls.v("total_iters")+" ends the linear decay"
			f.fitEnd, f.scale = ls.set("total_iters", float64(n)), ls.scale("total_iters")
		default:
			f.flatWhy = "start_factor equals end_factor"
			if c.end != 1.0/3 {
				f.flatFix = lintFix("start_factor", 1.0/3)
			}
		}
		if c.total == 0 {
			f.flatWhy = "total_iters = 0 keeps lr·start_factor for ever"
			f.flatFix = ls.set("total_iters", math.Max(1, math.Round(float64(n)/10)))
		}
		f.lintZeroLR(k, c.lr)

	case *torchExponential:
		g := c.gamma
		f.peak, f.peakName, f.noMin = c.lr, ls.v("lr"), true
		switch {
		case g > 0 && g < 1:
			f.end = lintEnd(math.Log(1e-3) / math.Log(g))
			f.endName = ls.v("gamma") + " brings the lr down 1000-fold"
			f.scale = func(r float64) map[string]any { return lintGamma(math.Pow(g, 1/r)) }
		case g == 1:
			f.flatWhy = "gamma = 1 leaves the lr unchanged"
			if n > 1 {
				f.flatFix = lintGamma(math.Pow(0.01, 1/float64(n-1)))
			}
		case g > 1:
			f.inverted = ls.v("gamma") + " > 1 makes the lr grow every step, to " + lintNum(c.at(n-1, n)) + " at the end of the run"
			f.invertedFix = lintGamma(1 / g)
		}
		f.lintZeroLR(k, c.lr)

	case *torchPolynomial:
		f.peak, f.peakName, f.floorName = c.lr, ls.v("lr"), "0"
		if c.total > 0 && c.power > 0 {
			f.end, f.endName = c.total, ls.v("total_iters")+" ends the decay"
			f.fitEnd, f.scale = ls.set("total_iters", float64(n)), ls.scale("total_iters")
		}
		switch {
		case c.power == 0:
			f.flatWhy, f.flatFix = "power = 0 keeps lr", lintFix("power", 1.0)
		case c.total == 0:
			f.flatWhy, f.flatFix = "total_iters = 0 keeps lr", ls.set("total_iters", float64(n))
		}
		f.lintZeroLR(k, c.lr)

	case *timmCosine:
		f.warmup, f.warmupName, f.warmupParam = min(c.warmT, n), ls.v("warmup_t"), "warmup_t"
		f.peak, f.floor, f.peakName, f.floorName = c.lr, c.lrMin, ls.v("lr"), ls.v("lr_min")
		f.unit = "scheduler updates (the steps passed to step_update)"
		off := c.offset()
		var total float64 // the steps of cycle_limit cycles
		if c.mul == 1 {
			total = float64(c.limit) * c.tInitF
		} else {
			total = c.tInitF * (xmath.Pow(c.mul, float64(c.limit)) - 1) / (c.mul - 1)
		}
		prefix := ""
		if c.prefix {
			prefix = " after warmup_t"
		}
		switch {
		case c.limit <= 0:
			f.flatWhy = ls.v("cycle_limit") + " runs no cycle: the lr is lr_min from the end of warmup"
			f.flatFix = lintFix("cycle_limit", int64(1))
		case c.limit == 1:
			f.end = lintEnd(float64(off) + total)
			f.endName = ls.v("t_initial") + prefix + " ends the cosine"
			if n > off {
				f.fitEnd = ls.set("t_initial", float64(n-off))
			}
		default:
			f.end = lintEnd(float64(off) + total)
			f.endName = ls.v("t_initial") + " × " + ls.v("cycle_limit") + " cycles" + prefix + " end the schedule"
			f.cycles, f.cycleParam, f.lastCycleEnds = true, "t_initial", true
			f.noRestartWhy = "the first cycle, " + ls.v("t_initial") + " steps" + prefix + ", does not end within it"
		}
		if c.limit >= 1 {
			f.scale = ls.scale("t_initial", "warmup_t")
		}
		if !c.prefix && c.warmT > 0 {
			f.jumpWhy = "without warmup_prefix, timm's cosine counts the warmup steps, so warmup hides the first " +
				lintInt(c.warmT) + " steps of the cosine"
			f.jumpFix = lintFix("warmup_prefix", true)
		}
		if c.k == 0 {
			f.flatWhy, f.flatFix = "k_decay = 0 puts every step at the end of its cycle", lintFix("k_decay", 1.0)
		}
		f.lintEtaMin(c.lr, c.lrMin, "lr_min", "lr", "each cosine", floorFix("lr_min"))
		f.lintZeroLR(k, c.lr)

	case *hfCosine:
		f.warmup, f.warmupName, f.warmupParam = min(c.w, n), ls.v("num_warmup_steps"), "num_warmup_steps"
		f.unit = "optimizer steps"
		f.peak, f.peakName = c.lr, ls.v("lr")
		if c.t > c.w {
			f.floor = c.at(c.t, c.t+1)
			f.end, f.endName = c.t, ls.v("num_training_steps")+" ends the cosine"
			f.fitEnd = ls.set("num_training_steps", float64(n))
			f.scale = ls.scale("num_warmup_steps", "num_training_steps")
			f.continues = true
			f.risesWhy = "the cosine keeps going past num_training_steps instead of holding its minimum"
		}
		f.floorName = "its end value " + lintNum(f.floor)
		floorParam := "" // the parameter setting the floor in the min_lr variant
		switch {
		case !a.null("min_lr"):
			floorParam = "min_lr"
		case !a.null("min_lr_rate"):
			floorParam = "min_lr_rate"
		}
		if c.cycles == 0 {
			f.flatWhy, f.flatFix = "num_cycles = 0 holds lr after warmup", lintFix("num_cycles", 0.5)
		}
		if floorParam != "" {
			f.floorName = ls.v(floorParam)
			if c.minRate == 1 {
				f.flatWhy, f.flatFix = floorParam+" puts the minimum at lr", floorFix(floorParam)
			}
			if c.minRate > 1 {
				f.inverted = ls.v(floorParam) + " puts the minimum above " + ls.v("lr") + ": the cosine runs upside down, rising after warmup"
				f.invertedFix = floorFix(floorParam)
			}
		}

	case *hfHardRestarts:
		f.warmup, f.warmupName, f.warmupParam = min(c.w, n), ls.v("num_warmup_steps"), "num_warmup_steps"
		f.unit = "optimizer steps"
		f.peak, f.peakName, f.floorName = c.lr, ls.v("lr"), "0"
		f.end, f.endName = c.w+c.span(), ls.v("num_training_steps")+" ends the last cycle"
		f.fitEnd = ls.set("num_training_steps", float64(n))
		f.scale = ls.scale("num_warmup_steps", "num_training_steps")
		f.cycles = true
		fix := map[string]any{}
		if c.cycles >= -1 && c.cycles <= 1 {
			f.noRestartWhy = ls.v("num_cycles") + " makes one cosine, which never restarts"
			fix["num_cycles"] = int64(2)
		} else {
			f.noRestartWhy = ls.v("num_training_steps") + " puts the first restart after the run"
		}
		if f.end > n {
			fix["num_training_steps"] = n
		}
		f.restartFix = fix

	case *hfWSD:
		f.warmup, f.warmupName, f.warmupParam = min(c.w, n), ls.v("num_warmup_steps"), "num_warmup_steps"
		f.unit = "optimizer steps"
		f.peak, f.floor = c.lr, c.lr*c.minRatio
		f.peakName, f.floorName = ls.v("lr"), "lr·min_lr_ratio = "+formatFloat(f.floor)
		if end := c.w + c.stable + c.decay; end > c.w {
			f.end = end
		}
		stableFromTotal := a.null("num_stable_steps")
		if stableFromTotal {
			f.endName = ls.v("num_training_steps") + " ends the decay"
			f.fitEnd = ls.set("num_training_steps", float64(n))
		} else {
			f.endName = "num_warmup_steps + num_stable_steps + num_decay_steps = " + lintInt(f.end) + " ends the decay"
			if rest := n - c.w - c.decay; rest >= 0 {
				f.fitEnd = ls.set("num_stable_steps", float64(rest))
			}
		}
		var steps []string
		for _, name := range [...]string{"num_warmup_steps", "num_decay_steps", "num_training_steps", "num_stable_steps"} {
			if !a.null(name) {
				steps = append(steps, name)
			}
		}
		f.scale = ls.scale(steps...)
		if c.stable < 0 && stableFromTotal {
			f.jumpWhy = ls.v("num_training_steps") + " leaves no room for " + ls.v("num_decay_steps") +
				" after warmup, so the decay starts part-way through"
			if T := a.int("num_training_steps"); T > c.w {
				f.jumpFix = ls.set("num_decay_steps", float64(T-c.w))
			}
		}
		f.lintFraction(c.minRatio, "min_lr_ratio", "the decay")

	case *kerasCosineDecay:
		f.unit = "optimizer iterations"
		peak := float64(c.ilr)
		f.peakName = ls.v("initial_learning_rate")
		ds := a.int("decay_steps")
		f.endName = ls.v("decay_steps") + " ends the decay"
		w := int64(0)
		if c.warmup {
			w = kerasFirstStepAtLeast(c.warmupSteps)
			f.warmup, f.warmupName, f.warmupParam = min(w, n), ls.v("warmup_steps"), "warmup_steps"
			peak, f.peakName = float64(c.target), ls.v("warmup_target")
			f.endName = "warmup_steps + decay_steps = " + lintInt(w+ds) + " ends the decay"
			f.scale = ls.scale("decay_steps", "warmup_steps")
		} else {
			f.scale = ls.scale("decay_steps")
		}
		f.end = w + ds
		if n > f.warmup {
			f.fitEnd = ls.set("decay_steps", float64(n-f.warmup))
		}
		f.peak, f.floor = peak, float64(c.alpha)*peak
		f.floorName = "alpha·peak = " + formatFloat(f.floor)
		f.lintFraction(float64(c.alpha), "alpha", "the decay")
		f.lintZeroLR(k, peak)

	case *kerasCosineDecayRestarts:
		f.unit = "optimizer iterations"
		f.peak, f.floor = float64(c.ilr), float64(c.alpha)*float64(c.ilr)
		f.peakName, f.floorName = ls.v("initial_learning_rate"), "alpha·initial_learning_rate = "+formatFloat(f.floor)
		f.cycles, f.cycleParam = true, "first_decay_steps"
		f.noRestartWhy = "the first cycle, " + ls.v("first_decay_steps") + " steps, does not end within it"
		f.lintFraction(float64(c.alpha), "alpha", "each cycle")

	case *optaxCosine:
		f.unit = "optimizer updates (the schedule's count)"
		f.peak, f.floor = float64(c.init), float64(c.alpha)*float64(c.init)
		f.peakName, f.floorName = ls.v("init_value"), "alpha·init_value = "+formatFloat(f.floor)
		f.end, f.endName = int64(c.decay), ls.v("decay_steps")+" ends the decay"
		f.fitEnd, f.scale = ls.set("decay_steps", float64(n)), ls.scale("decay_steps")
		f.lintFraction(float64(c.alpha), "alpha", "the decay")
		f.lintExponent(float64(c.exponent32))

	case *optaxWarmupCosine:
		f.unit = "optimizer updates (the schedule's count)"
		f.warmup, f.warmupName, f.warmupParam = min(c.w, n), ls.v("warmup_steps"), "warmup_steps"
		f.peak, f.floor = a.float("peak_value"), a.float("end_value")
		f.peakName, f.floorName = ls.v("peak_value"), ls.v("end_value")
		f.end, f.endName = c.decaySteps, ls.v("decay_steps")+" ends the decay"
		if n > c.w {
			f.fitEnd = ls.set("decay_steps", float64(n))
		}
		f.scale = ls.scale("warmup_steps", "decay_steps")
		f.lintEtaMin(f.peak, f.floor, "end_value", "peak_value", "the cosine", floorFix("end_value"))
		f.lintExponent(float64(c.cosine.exponent32))

	case *igniteCosine:
		f.unit = "events (one per iteration when bound to ITERATION_STARTED)"
		f.peak, f.floor, f.peakName, f.floorName = c.start, c.end, ls.v("start_value"), ls.v("end_value")
		f.cycles, f.cycleParam = true, "cycle_size"
		f.noRestartWhy = "the first cycle, " + ls.v("cycle_size") + " events, does not end within it"
		f.floorAt = func(step int64) float64 { _, cy := c.cycleAt(step); return cy.ev }
		switch {
		case c.start == c.end:
			f.flatWhy = "end_value equals start_value"
			if c.start > 0 {
				f.flatFix = lintFix("end_value", 0.0)
			}
		case c.end > c.start:
			f.inverted = ls.v("end_value") + " is above " + ls.v("start_value") + ": each cycle rises instead of annealing"
			f.invertedFix = map[string]any{"start_value": c.end, "end_value": c.start}
		}

	case *lrsSchedule:
		f.unit = "progress"
		f.peak, f.floor = c.initial, c.final
		f.peakName, f.floorName = ls.v("initial_value"), "final_value"
		switch c.kind {
		case lrsConstant:
			f.holds = true // a constant lr is what it is for
			return f
		case lrsExponential:
			if c.rate == 1 {
				f.flatWhy, f.flatFix = "decay_rate = 1 keeps initial_value", lintFix("decay_rate", 0.1)
			}
			return f
		case lrsCosineWarmup:
			f.warmup = c.warmupEnd(n)
			f.warmupName = ls.v("warmup_fraction")
		case lrsPolynomial:
			if c.power == 0 {
				f.flatWhy, f.flatFix = "power = 0 keeps initial_value", lintFix("power", 2.0)
			}
		}
		f.floorName = ls.v("final_value")
		if c.kind != lrsPolynomial || c.power != 0 {
			f.lintEtaMin(c.initial, c.final, "final_value", "initial_value", "the schedule", floorFix("final_value"))
		}
	}
	return f
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
