package core

import "math"

// A shape is the curve a run of a kind draws, in one vocabulary for every
// framework, so that Translate reads a spec into a shape and writes the shape
// as a spec of another framework: one translation per framework, not one per
// pair of kinds. It is the mathematics only; each framework's arithmetic
// (float32, recursion, order of operations) is left to evaluation, which
// decides whether a translation is exact.
//
// With o = warmup + stable, the lr of step i is
//
//	i < warmup:  start + (peak − start)·i/warmup
//	i < o:       peak
//	from o on, with t = i − o (t = i when under), the main phase:
//	  shapeCosine:  cycle k of length L·mult^k starts at t = S_k (S_0 = 0, S_{k+1} = S_k + L·mult^k),
//	                floor + (peak_k − floor)·(1 + cos(π·(t − S_k)/(L·mult^k)))/2,
//	                peak_k = peak·decay^k, or floor + (peak − floor)·decay^k when ampDecay;
//	                after cycles cycles (0: never) floor is held, or, with tail
//	                shapePeriodic (one cycle), the cosine goes on: back up to peak at 2L, ...
//	  shapeLinear:  peak + (floor − peak)·t/L, then floor from t = L on (peak > floor)
//	  shapePoly:    floor + (peak − floor)·(1 − t/L)^power, then floor from t = L on
//	  shapeExp:     peak·gamma^t
//	  shapeFlat:    peak
//
// A cycle starts at the first step whose t reaches S_k, o + ⌈S_k⌉.
type shape struct {
	warmup, stable int64
	start          float64
	peak, floor    float64
	form           shapeForm
	length         float64 // L, in steps: the first cosine cycle, or the linear or polynomial decay
	mult, decay    float64
	ampDecay       bool
	cycles         int64
	tail           shapeTail
	power, gamma   float64
	under          bool // the main phase counts t from step 0, under the warmup (timm's warmup_prefix false)
}

type shapeForm int

const (
	shapeCosine shapeForm = iota
	shapeLinear
	shapePoly
	shapeExp
	shapeFlat
)

// formNames name the forms in notes.
var formNames = [...]string{"a cosine", "a linear decay", "a polynomial decay", "an exponential decay", "a constant lr"}

type shapeTail int

const (
	shapeHold     shapeTail = iota // floor from the end of the last cycle on
	shapePeriodic                  // the cosine goes on past its end
)

// origin is o, the step where the main phase starts.
func (sh *shape) origin() int64 { return sh.warmup + sh.stable }

// cycleStart is S_k, the t at which cosine cycle k starts.
func (sh *shape) cycleStart(k int64) float64 {
	if k == 0 {
		return 0
	}
	return geometricStart(sh.length, sh.mult, k)
}

// cycleAt returns the k with S_k ≤ t < S_{k+1}, for t ≥ 0 and mult ≥ 1.
func (sh *shape) cycleAt(t float64) int64 { return geometricCycle(sh.length, sh.mult, t) }

// seen is how many cosine cycles start within a run of n steps (for other
// forms, 1 when the run reaches the main phase): restarts and cycle lengths
// past the first matter only when it is 2 or more.
func (sh *shape) seen(n int64) int64 {
	o := sh.origin()
	if sh.under {
		o = 0
	}
	if n <= o {
		return 0
	}
	if sh.form != shapeCosine {
		return 1
	}
	k := sh.cycleAt(float64(n-1-o)) + 1
	if sh.cycles > 0 {
		k = min(k, sh.cycles)
	}
	return k
}

// end is the first step after the cosine's last cycle (or after the linear or
// polynomial decay), or -1 when the cycles go on for ever.
func (sh *shape) end() int64 {
	o := sh.origin()
	if sh.under {
		o = 0
	}
	switch {
	case sh.form == shapeLinear || sh.form == shapePoly:
		return o + int64(math.Ceil(sh.length))
	case sh.form != shapeCosine || sh.cycles == 0:
		return -1
	}
	if e := sh.cycleStart(sh.cycles); e < float64(MaxSteps) {
		return o + int64(math.Ceil(e))
	}
	return -1 // past any run: for ever
}

// The capabilities a target has for what follows a cosine's cycles. Each
// reports whether a run of n steps of sh looks the same with that target's
// behaviour, which is the case when the run stops before they differ.

// asHold: the target holds floor after its cycles (timm, Keras's CosineDecay,
// optax, HF's hard restarts and WSD). Only a cosine that goes on differs, from
// the step after its end.
func (sh *shape) asHold(n int64) bool {
	return sh.tail != shapePeriodic || n <= sh.end()+1
}

// asForever: the target's cycles go on for ever (PyTorch's
// CosineAnnealingWarmRestarts, Keras's CosineDecayRestarts, ignite). A shape
// whose cycles end differs from the step where they end.
func (sh *shape) asForever(n int64) bool {
	return sh.end() < 0 || n <= sh.end()
}

// asPeriodic: the target is one cosine that goes on (PyTorch's
// CosineAnnealingLR, HF's cosine schedules). A restart differs from its step
// on, a held floor from the step after the end.
func (sh *shape) asPeriodic(n int64) bool {
	switch {
	case sh.tail == shapePeriodic:
		return true
	case sh.seen(n) > 1:
		return false
	case sh.cycles == 1:
		return n <= sh.end()+1
	}
	return true
}

// isInt reports whether x is a whole number. Not inlined: cold, with a dozen
// call sites.
//
//go:noinline
func isInt(x float64) bool { return x == math.Trunc(x) && !math.IsInf(x, 0) }

// newShape is the shape each kind's shape method starts from: one cycle,
// no multipliers.
func newShape() shape { return shape{mult: 1, decay: 1, cycles: 1} }

// shapeOf reads the run of n steps of s as a shape, or says why it has none.
func shapeOf(s *Schedule, n int64) (shape, string) {
	sh, why := s.curve.shape(s.args, n)
	if why != "" {
		return sh, why
	}
	sh.normalize(n)
	return sh, ""
}

// linear sets sh to a straight line from a to b over total steps, then b: a
// decay, or, rising, a warmup to a constant.
func (sh *shape) linear(a, b float64, total int64) {
	switch {
	case a > b:
		sh.form, sh.peak, sh.floor, sh.length = shapeLinear, a, b, float64(total)
	case a < b:
		sh.form, sh.warmup, sh.start, sh.peak = shapeFlat, total, a, b
	default:
		sh.form, sh.peak = shapeFlat, a
	}
}

// poly sets sh to a polynomial decay from a to b over total steps.
func (sh *shape) poly(a, b float64, total int64, power float64) {
	switch {
	case total == 0 || power == 0:
		sh.form, sh.peak = shapeFlat, a
	case power == 1:
		sh.linear(a, b, total)
	default:
		sh.form, sh.peak, sh.floor, sh.length, sh.power = shapePoly, a, b, float64(total), power
	}
}

// normalize writes what the run cannot tell apart one way: a cosine whose
// peak is its floor is constant; a main phase the run never reaches is too.
func (sh *shape) normalize(n int64) {
	if sh.form == shapeCosine && sh.peak == sh.floor && (sh.decay == 1 || sh.seen(n) <= 1) {
		sh.form = shapeFlat
	}
	if sh.form != shapeFlat && !sh.under && n <= sh.origin() {
		sh.form, sh.stable = shapeFlat, 0
	}
	if sh.form == shapeFlat {
		sh.length, sh.mult, sh.decay, sh.ampDecay, sh.cycles, sh.tail = 0, 1, 1, false, 1, shapeHold
	}
	if sh.warmup == 0 {
		sh.start = 0
	}
	if sh.form == shapeCosine && sh.floor == 0 {
		sh.ampDecay = false // the two decay rules agree
	}
}

// shapeProblem says why a run of n steps of g has no shape, or "".
func (g *igniteCosine) shapeProblem(n int64) string {
	switch {
	case g.w0 > 0:
		return "warmup_duration ramps back up after every cycle, which only ignite does"
	case g.cycleMult < 1:
		return "cycle_mult below 1 shrinks the cycles"
	}
	k, _ := g.cycleAt(n - 1)
	if k == 0 {
		return ""
	}
	if g.endMult != 1 {
		return "end_value_mult " + formatFloat(g.endMult) + " moves every cycle's bottom, which only ignite does"
	}
	// With cycle_mult ≥ 1 a size that grows keeps growing (int(c·m) = c only
	// while c·(m − 1) < 1), so a repeating size is the first, and the table
	// holds every size the run sees.
	m := g.shapeMult()
	for j := 1; j <= int(min(k, int64(len(g.cycles)-1))); j++ {
		if float64(g.cycles[j].c) != float64(g.c0)*math.Pow(m, float64(j)) {
			return "ignite truncates each cycle's size to a whole number (int(size·cycle_mult)): cycle " + itoa(int64(j)) +
				" has " + itoa(g.cycles[j].c) + " steps, not " + formatFloat(float64(g.c0)*math.Pow(g.cycleMult, float64(j)))
		}
	}
	return ""
}

// shapeMult is the ratio of ignite's first two cycle sizes: what cycle_mult
// does after truncation (1.05 with cycle_size 10 keeps every cycle at 10).
func (g *igniteCosine) shapeMult() float64 {
	if len(g.cycles) < 2 {
		return 1
	}
	return float64(g.cycles[1].c) / float64(g.c0)
}
