package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var hfCosineKind = register(&Kind{
	Name:      "hf.cosine_schedule_with_warmup",
	order:     300,
	code:      hfCode,
	imports:   []importSig{{callee: "get_cosine_schedule_with_warmup", params: []string{"optimizer", "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch"}}},
	Framework: "Hugging Face Transformers",
	Title:     "Cosine with warmup",
	Doc: "get_cosine_schedule_with_warmup: a linear warmup from 0 to lr over num_warmup_steps, then " +
		"lr·0.5·(1 + cos(π·num_cycles·2·progress)) with progress = (i − num_warmup_steps)/max(1, num_training_steps − num_warmup_steps). " +
		"The default num_cycles 0.5 is a half cosine down to 0 at num_training_steps. Past num_training_steps the cosine " +
		"keeps going (with 0.5 cycles it rises again, back to lr at twice the decay length); if num_training_steps ≤ " +
		"num_warmup_steps, progress advances by a whole unit per step.",
	Convention:   hfConvention,
	Link:         hfLink + "#transformers.get_cosine_schedule_with_warmup",
	Example:      `{"kind": "hf.cosine_schedule_with_warmup", "lr": 5e-5, "num_warmup_steps": 100, "num_training_steps": 1000}`,
	ExampleSteps: 1000,
	Params: []Param{
		hfLRParam(), hfWarmupParam(), hfTrainingParam(),
		hfCyclesParam("the number of cosine waves after warmup (0.5: a half cosine from lr to 0)"),
	},
	build: func(a args) (kindCurve, error) {
		return &hfCosine{lr: a.float("lr"), w: a.int("num_warmup_steps"), t: a.int("num_training_steps"),
			cycles: a.float("num_cycles")}, nil
	},
})

var hfCosineMinLRKind = register(&Kind{
	Name:      "hf.cosine_with_min_lr_schedule_with_warmup",
	order:     302,
	code:      hfCode,
	imports:   []importSig{{callee: "get_cosine_with_min_lr_schedule_with_warmup", params: []string{"optimizer", "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch", "min_lr", "min_lr_rate"}}},
	Framework: "Hugging Face Transformers",
	Title:     "Cosine with warmup and minimum lr",
	Doc: "get_cosine_with_min_lr_schedule_with_warmup: as the cosine with warmup, but the cosine factor f is " +
		"rescaled to f·(1 − min_lr_rate) + min_lr_rate, so it ends at min_lr (min_lr_rate = min_lr / lr). Exactly one of " +
		"min_lr and min_lr_rate must be set, as the source raises. Past num_training_steps the cosine keeps going.",
	Convention:   hfConvention,
	Link:         hfLink + "#transformers.get_cosine_with_min_lr_schedule_with_warmup",
	Example:      `{"kind": "hf.cosine_with_min_lr_schedule_with_warmup", "lr": 5e-5, "num_warmup_steps": 100, "num_training_steps": 1000, "min_lr": 5e-6}`,
	ExampleSteps: 1000,
	Params: []Param{
		hfLRParam(), hfWarmupParam(), hfTrainingParam(),
		hfCyclesParam("the number of cosine waves after warmup (0.5: a half cosine from lr to min_lr)"),
		hfMinLRParam, hfMinLRRateParam,
	},
	build: func(a args) (kindCurve, error) {
		lr := a.float("lr")
		var rate float64
		switch {
		case !a.null("min_lr") && !a.null("min_lr_rate"):
			return nil, errorf("min_lr_rate", "Only one of min_lr or min_lr_rate should be set (min_lr is "+
				formatFloat(a.float("min_lr"))+"); set min_lr_rate to null")
		case !a.null("min_lr"):
			rate = a.float("min_lr") / lr
			if math.IsInf(lr*max(1, rate), 0) || math.IsInf(1-rate, 0) {
				return nil, errorf("min_lr", formatFloat(a.float("min_lr"))+" is too large for lr "+formatFloat(lr)+": the lr would overflow")
			}
		case !a.null("min_lr_rate"):
			rate = a.float("min_lr_rate")
			if math.IsInf(lr*max(1, rate), 0) || math.IsInf(1-rate, 0) {
				return nil, errorf("min_lr_rate", formatFloat(rate)+" is too large for lr "+formatFloat(lr)+": the lr would overflow")
			}
		default:
			return nil, errorf("min_lr", "missing: One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`")
		}
		return &hfCosine{lr: lr, w: a.int("num_warmup_steps"), t: a.int("num_training_steps"),
			cycles: a.float("num_cycles"), minRate: rate}, nil
	},
})

// hfCosine is get_cosine_schedule_with_warmup and
// get_cosine_with_min_lr_schedule_with_warmup (min_lr_rate = 0 for the former).
//
// With W = num_warmup_steps, T = num_training_steps, c = num_cycles and
// r = min_lr_rate, the lr of step i (lr * lr_lambda(i)) is
//
//	i < W:  lr · (i / max(1, W))
//	i ≥ W:  lr · max(0, f·(1 − r) + r),  f = 0.5·(1 + cos(π·c·2·p)),  p = (i − W) / max(1, T − W)
//
// computed in float64 in that order. optimization.py defines
// _get_cosine_schedule_with_warmup_lr_lambda twice; the second definition,
// with min_lr_rate defaulting to 0.0, is the one both functions bind at call
// time, and for r = 0 it gives the same bits as the first.
//
// Special cases are:
//
//	i = W                  lr (the peak; a WarmupEnd event when W > 0)
//	i ≥ T, c = 0.5         the cosine keeps going: lr again at i = W + 2·(T − W)
//	T ≤ W                  p = i − W: the cosine advances a whole unit per step
//	c < 0                  the same values as |c|: cos is even
//	c = 0                  lr after warmup
//	r = 1                  lr after warmup; r > 1 turns peaks into troughs
//
// Events: WarmupEnd at W, Boundary at T when W < T, and a Peak or Trough at
// the step nearest each extremum of the cosine (of the sampled cosine, when
// c/(T − W) > 1/2 cycle per step aliases it), or Turns where the rounding of
// the cosine's argument blurs them (hfCosineTurns).
type hfCosine struct {
	lr      float64
	w, t    int64
	cycles  float64
	minRate float64
}

func (c *hfCosine) span() int64 { return max(1, c.t-c.w) }

func (c *hfCosine) lambda(i int64) float64 {
	if i < c.w {
		return hfWarmup(i, c.w)
	}
	progress := float64(i-c.w) / float64(c.span())
	factor := 0.5 * (1.0 + xmath.Cos(math.Pi*c.cycles*2.0*progress))
	factor = float64(factor*(1-c.minRate)) + c.minRate
	return max(0, factor)
}

func (c *hfCosine) at(i, n int64) float64 { return c.lr * c.lambda(i) }

func (c *hfCosine) events(n, from, to int64, yield func(Event) bool) {
	hfCosineEvents(c.w, c.t, c.w, c.span(), c.cycles, c.minRate, n, from, to,
		func(i int64) float64 { return c.at(i, n) }, yield)
}

// hfMinLRParam and hfMinLRRateParam are the cosine's floor, of which
// get_cosine_with_min_lr_schedule_with_warmup and its lr_rate variant take one.
var (
	hfMinLRParam = Param{Name: "min_lr", Type: Float, Nullable: true, Default: nil, Range: atLeast(0),
		Doc:  "the learning rate the cosine ends at; set this or min_lr_rate",
		Hint: Hint{Min: 0, Max: 1e-4}}
	hfMinLRRateParam = Param{Name: "min_lr_rate", Type: Float, Nullable: true, Default: nil, Range: atLeast(0),
		Doc:  "the final learning rate as a fraction of lr; set this or min_lr",
		Hint: Hint{Min: 0, Max: 1, Step: 0.01}}
)

// hfCosineEvents yields the events of a Hugging Face cosine with warmup w and
// minimum rate minRate whose lr is at: WarmupEnd at w, then the extrema
// before and after the end b (see hfCosineTurns, with origin), merged with
// the Boundary at b in step order.
func hfCosineEvents(w, b, origin, span int64, cycles, minRate float64, n, from, to int64,
	at func(int64) float64, yield func(Event) bool) {
	if !hfWarmupEnd(w, n, from, to, yield) {
		return
	}
	end := int64(-1)
	if b > w && b < n {
		end = b
	}
	emit := func(e Event) bool {
		if end >= 0 && end < e.Step {
			if end >= from && end < to && !yield(Event{end, Boundary}) {
				return false
			}
			end = -1
		}
		return yield(e)
	}
	if minRate != 1 && !hfCosineTurns(origin, span, cycles, w, n, from, to, minRate < 1, at, emit) {
		return
	}
	if end >= from && end < to {
		yield(Event{end, Boundary})
	}
}

// hfCosineTurns yields, in step order, the peaks and troughs inside
// [from, to) ∩ [start, end) of the curve f that on [start, end) is an
// increasing (up) or decreasing function of cos(π·cycles·2·(step − origin)/span).
// It finds each extremum of the ideal sampled cosine, cos(2π·a·u) with
// a = |cycles|/span folded into [0, 1/2] cycles per step (integer u cannot
// tell a from its alias), and places the event at whichever of the two
// steps around it f makes more extreme. start itself gets no event: it is
// the start of the phase. It returns false when yield did.
//
// That is exact while the cosine's argument as the source computes it,
// x = π·cycles·2·(u/span), stays within blur = |x|max·2^-49 of the ideal
// phase 2π·a·u (its four roundings and those of a, the fold and the
// extremum's position come to less than |x|·2^-50) and blur is at most a
// quarter of δ, the folded phase a step advances: then every sample but the
// two around an extremum lies on the ideal's side of it, and the samples
// between two extrema move by at least δ/2 in phase, one way. With
// num_cycles up to 10^9, |x| reaches 6·10^9 and blur 10^-5, which can be
// more than δ (a = 5·10^6 cycles per step folds to δ = 0, and rounding
// alone makes the samples wobble). Then:
//
//   - a ≤ 1/2 (not folded): x is monotone in u (each rounding is), so f is
//     monotone wherever x stays between two multiples of π; only steps
//     within blur/δ of an extremum can lie on either side of it. Each of
//     those, and the first step past them, is a Turn.
//   - a > 1/2 and δ > 2·blur: consecutive samples still move by δ ± 2·blur,
//     one way, away from the extrema; the same Turns around each.
//   - a > 1/2 and δ ≤ 2·blur: no order is left, and every step is a Turn
//     (a run of one step is monotone; drawing reads them within its budget),
//     unless blur < 2^-27 and δ = 0, where every sample's cos rounds to
//     exactly ±1 and f is constant.
func hfCosineTurns(origin, span int64, cycles float64, start, end, from, to int64, up bool,
	f func(int64) float64, yield func(Event) bool) bool {
	lo, hi := max(from, start), min(to, end)
	if lo >= hi {
		return true
	}
	cyc := math.Abs(cycles)
	a := cyc / float64(span) // cycles per step
	frac := a - math.Floor(a)
	if frac > 0.5 {
		frac = 1 - frac
	}
	uStart, uEnd := start-origin, end-origin
	uLo, uHi := lo-origin, hi-origin
	// The largest |u| of the phase, whatever the window, so that every
	// window of a run sees the same events.
	uMax := float64(max(uStart, -uStart, uEnd, -uEnd))
	blur := 2 * math.Pi * cyc * uMax / float64(span) * 0x1p-49
	delta := 2 * math.Pi * frac
	switch {
	case frac == 0 && blur < 0x1p-27:
		return true // the samples are constant
	case a > 0.5 && delta <= 2*blur:
		for u := max(uLo, uStart+1); u < uHi; u++ {
			if !yield(Event{origin + u, Turn}) {
				return false
			}
		}
		return true
	}
	var s float64 // steps between consecutive extrema
	if a <= 0.5 {
		s = float64(span) / (2 * cyc)
	} else {
		s = 1 / (2 * frac)
	}
	exact := blur <= delta/4
	z := blur / delta // steps either side of an extremum that may lie on either side of it
	// Extremum 0 is at u = 0, where x is exactly 0 and the phase starts;
	// past it every sample lies on the ideal's side (the error of x(u) is
	// below |x(u)|·2^-50, and δ > 2·blur makes that less than u·δ).
	m := max(int64(1), int64(math.Floor((float64(uLo-2)-z)/s)))
	last := int64(math.MinInt64)
	emit := func(u int64, kind EventKind) bool {
		if u <= uStart || u >= uEnd || u < uLo || u >= uHi || u <= last {
			return true
		}
		last = u
		return yield(Event{origin + u, kind})
	}
	for ; ; m++ {
		um := float64(m) * s
		if !exact {
			if um-z >= float64(uHi) {
				return true
			}
			for u := int64(math.Ceil(um - z)); u <= int64(math.Floor(um+z))+1; u++ {
				if !emit(u, Turn) {
					return false
				}
			}
			continue
		}
		if um >= float64(uHi) {
			return true
		}
		a, b := int64(math.Floor(um)), int64(math.Ceil(um))
		peak := (m%2 == 0) == up
		u := a
		switch {
		case a < uStart:
			u = b
		case b >= uEnd || a == b:
			u = a
		default:
			fa, fb := f(origin+a), f(origin+b)
			if (peak && fb > fa) || (!peak && fb < fa) {
				u = b
			}
		}
		kind := Trough
		if peak {
			kind = Peak
		}
		if !emit(u, kind) {
			return false
		}
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *hfCosine) shape(a args, n int64) (shape, string) {
	sh := newShape()
	sh.warmup, sh.peak = c.w, c.lr
	sh.floor = c.lr * c.minRate
	if !a.null("min_lr") {
		sh.floor = a.float("min_lr")
	}
	if c.cycles == 0 {
		sh.form = shapeFlat
		return sh, ""
	}
	sh.length = float64(c.span()) / (2 * math.Abs(c.cycles))
	sh.tail = shapePeriodic
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *hfCosine) lintFacts(ls lintSpec, n int64) lintFacts {
	a := ls.a
	f := lintFacts{unit: "scheduler.step() calls"}
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
	return f
}
