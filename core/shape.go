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

// shapeOf reads the run of n steps of s as a shape, or says why it has none.
func shapeOf(s *Schedule, n int64) (shape, string) {
	a := s.args
	sh := shape{mult: 1, decay: 1, cycles: 1}
	switch s.kind.Name {
	case "playground":
		p := s.curve.(*playground)
		sh.warmup = p.warmupSteps(n)
		sh.start, sh.peak, sh.floor = p.warmupStart, p.lr, p.etaMin
		sh.length, sh.mult, sh.decay = p.tMax, p.tMult, p.decay
		if p.restarts {
			sh.cycles = 0
		}
	case "torch.CosineAnnealingLR":
		sh.peak, sh.floor, sh.length = a.float("lr"), a.float("eta_min"), a.float("T_max")
		sh.tail = shapePeriodic
	case "torch.CosineAnnealingWarmRestarts":
		sh.peak, sh.floor, sh.length = a.float("lr"), a.float("eta_min"), a.float("T_0")
		sh.mult, sh.cycles = a.float("T_mult"), 0
	case "torch.LinearLR":
		lr, total := a.float("lr"), a.int("total_iters")
		sh.linear(lr*a.float("start_factor"), lr*a.float("end_factor"), total)
		if total == 0 {
			sh.form, sh.peak = shapeFlat, lr*a.float("start_factor")
		}
	case "torch.ExponentialLR":
		sh.form, sh.peak, sh.gamma = shapeExp, a.float("lr"), a.float("gamma")
	case "torch.PolynomialLR":
		sh.poly(a.float("lr"), 0, a.int("total_iters"), a.float("power"))
	case "torch.OneCycleLR":
		return sh, "OneCycleLR's phases (up to max_lr over pct_start of the cycle, then down to " +
			"max_lr/div_factor/final_div_factor, each " + map[string]string{"cos": "half a cosine", "linear": "a straight line"}[a.string("anneal_strategy")] +
			") are a shape of its own"
	case "timm.CosineLRScheduler":
		c := s.curve.(*timmCosine)
		switch {
		case c.k != 1:
			return sh, "k_decay " + formatFloat(c.k) + " bends each cycle (the cosine of π·(t/T)^k), which only timm does"
		case c.limit <= 0:
			return sh, "with cycle_limit " + itoa(c.limit) + " the lr drops to lr_min as soon as warmup ends"
		case c.mul < 1:
			return sh, "cycle_mul below 1 shrinks the cycles towards a finite total"
		}
		sh.warmup, sh.start = c.warmT, c.warmInit
		sh.peak, sh.floor, sh.length = c.lr, c.lrMin, c.tInitF
		sh.mult, sh.decay, sh.cycles = c.mul, c.decay, c.limit
		sh.under = c.warmT > 0 && !c.prefix
	case "hf.cosine_schedule_with_warmup", "hf.cosine_with_min_lr_schedule_with_warmup":
		c := s.curve.(*hfCosine)
		sh.warmup, sh.peak = c.w, c.lr
		sh.floor = c.lr * c.minRate
		if !a.null("min_lr") {
			sh.floor = a.float("min_lr")
		}
		if c.cycles == 0 {
			sh.form = shapeFlat
			break
		}
		sh.length = float64(c.span()) / (2 * math.Abs(c.cycles))
		sh.tail = shapePeriodic
	case "hf.cosine_with_hard_restarts_schedule_with_warmup":
		h := s.curve.(*hfHardRestarts)
		if h.cycles <= 0 {
			return sh, "num_cycles " + itoa(h.cycles) + " is not a number of cycles"
		}
		sh.warmup, sh.peak = h.w, h.lr
		sh.length, sh.cycles = float64(h.span())/float64(h.cycles), h.cycles
	case "hf.wsd_schedule":
		w := s.curve.(*hfWSD)
		switch {
		case w.w > 0 && w.warmupType != "linear":
			return sh, "its " + w.warmupType + " warmup is a shape only Hugging Face's WSD draws"
		case w.stable < 0:
			return sh, "the stable phase comes out negative (" + itoa(w.stable) + " steps), so the decay starts part-way"
		}
		sh.warmup, sh.stable = w.w, w.stable
		sh.peak, sh.floor = w.lr, w.lr*w.minRatio
		sh.start = sh.floor
		sh.length = float64(w.decay)
		switch {
		case n <= w.w+w.stable:
			sh.form, sh.stable = shapeFlat, 0 // the run ends before the decay
		case w.decay == 0:
			return sh, "with num_decay_steps 0 the lr drops from lr to min_lr_ratio·lr in one step"
		case w.decayType == "linear":
			sh.form = shapeLinear
		case w.decayType == "cosine" && math.Abs(w.cycles) == 0.5:
		case w.decayType == "cosine":
			return sh, "a cosine decay of num_cycles " + formatFloat(w.cycles) + " followed by a held minimum is a shape only Hugging Face's WSD draws"
		default:
			return sh, "its 1-sqrt decay is a shape only Hugging Face's WSD draws"
		}
	case "keras.CosineDecay":
		ilr, alpha := a.float("initial_learning_rate"), a.float("alpha")
		sh.peak, sh.length = ilr, float64(a.int("decay_steps"))
		if !a.null("warmup_target") {
			sh.warmup, sh.start, sh.peak = a.int("warmup_steps"), ilr, a.float("warmup_target")
		}
		sh.floor = alpha * sh.peak
	case "keras.CosineDecayRestarts":
		ilr, tMul := a.float("initial_learning_rate"), a.float("t_mul")
		if tMul < 1 {
			return sh, "t_mul below 1 shrinks the cycles towards a finite total"
		}
		sh.peak, sh.floor, sh.length = ilr, a.float("alpha")*ilr, float64(a.int("first_decay_steps"))
		sh.mult, sh.decay, sh.ampDecay, sh.cycles = tMul, a.float("m_mul"), true, 0
	case "optax.cosine_decay_schedule", "optax.warmup_cosine_decay_schedule":
		if e := a.float("exponent"); e != 1 {
			return sh, "exponent " + formatFloat(e) + " raises the cosine factor to a power, which only optax does"
		}
		if s.kind.Name == "optax.cosine_decay_schedule" {
			init := a.float("init_value")
			sh.peak, sh.floor, sh.length = init, a.float("alpha")*init, float64(a.int("decay_steps"))
			break
		}
		sh.warmup, sh.start, sh.peak = a.int("warmup_steps"), a.float("init_value"), a.float("peak_value")
		sh.floor, sh.length = a.float("end_value"), float64(a.int("decay_steps")-a.int("warmup_steps"))
	case "ignite.CosineAnnealingScheduler":
		g := s.curve.(*igniteCosine)
		if why := g.shapeProblem(n); why != "" {
			return sh, why
		}
		sh.peak, sh.floor, sh.length = g.start, g.end, float64(g.c0)
		sh.mult, sh.decay, sh.cycles = g.shapeMult(), g.startMult, 0
	case "lr_schedule.linear":
		sh.linear(a.float("initial_value"), a.float("final_value"), n)
	case "lr_schedule.cosine":
		sh.peak, sh.floor, sh.length = a.float("initial_value"), a.float("final_value"), float64(n)
	case "lr_schedule.exponential":
		sh.form, sh.peak = shapeExp, a.float("initial_value")
		sh.gamma = math.Pow(a.float("decay_rate"), 1/float64(n))
	case "lr_schedule.cosine_warmup":
		// The warmup reaches initial_value at step warmup_fraction·N, where
		// the cosine starts; in float64 that is at best a whole number up to
		// rounding (progress = 1 − (1 − i/N) can fall an ulp short of it).
		c := s.curve.(*lrsSchedule)
		x := c.warmup * float64(n)
		w := int64(math.Round(x))
		if math.Abs(x-float64(w)) > 1e-9*x {
			return sh, "its warmup ends between steps (warmup_fraction·N = " + formatFloat(x) +
				"), so the cosine starts part-way through a step"
		}
		sh.warmup, sh.peak, sh.floor, sh.length = w, c.initial, c.final, float64(n-w)
	case "lr_schedule.polynomial":
		sh.poly(a.float("initial_value"), a.float("final_value"), n, a.float("power"))
	case "lr_schedule.constant":
		sh.form, sh.peak = shapeFlat, a.float("initial_value")
	default:
		return sh, "LR Playground cannot translate " + s.kind.Name + " yet"
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
