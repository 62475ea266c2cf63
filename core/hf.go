package core

import (
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/lrplay/lrplay/core/internal/python"
	"github.com/lrplay/lrplay/core/internal/xmath"

	"github.com/lrplay/lrplay/internal/strs"
)

// Hugging Face Transformers schedules, ported from
// huggingface/transformers src/transformers/optimization.py. Each is a
// torch LambdaLR, so the lr of step i is lr * lr_lambda(i) (LambdaLR's
// base_lr * lmbda(last_epoch)), with lr_lambda computed in Python floats
// (float64) in the source's order of operations.

const (
	hfLink        = "https://huggingface.co/docs/transformers/main_classes/optimizer_schedules"
	hfConvention  = "lr * lr_lambda(i): param_groups[0]['lr'] after i calls of scheduler.step() on the LambdaLR"
	hfDefaultLR   = 5e-5 // TrainingArguments.learning_rate
	hfMaxCycles   = 1e9  // |num_cycles| beyond this leaves no precision in the cosine's argument
	hfMaxIntParam = float64(maxInt)
)

func hfLRParam() Param {
	return Param{Name: "lr", Type: Float, Default: hfDefaultLR, Range: above(0),
		Doc:  "the optimizer's learning rate (base_lr of the LambdaLR); 5e-5 is TrainingArguments' default",
		Hint: Hint{Min: 1e-7, Max: 1, Log: true}}
}

func hfWarmupParam() Param {
	return Param{Name: "num_warmup_steps", Type: Int, Required: true, Range: between(0, hfMaxIntParam),
		Doc:  "the number of steps for the warmup phase, rising linearly from 0 to lr",
		Hint: Hint{Min: 0, Max: 1000, Step: 1}}
}

func hfTrainingParam() Param {
	return Param{Name: "num_training_steps", Type: Int, Required: true, Range: between(0, hfMaxIntParam),
		Doc:  "the total number of training steps, warmup included",
		Hint: Hint{Min: 1, Max: 10000, Step: 1}}
}

func hfCyclesParam(doc string) Param {
	return Param{Name: "num_cycles", Type: Float, Default: 0.5, Range: between(-hfMaxCycles, hfMaxCycles),
		Doc: doc, Hint: Hint{Min: 0, Max: 5, Step: 0.25}}
}

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

var hfHardRestartsKind = register(&Kind{
	Name:      "hf.cosine_with_hard_restarts_schedule_with_warmup",
	order:     301,
	code:      hfCode,
	imports:   []importSig{{callee: "get_cosine_with_hard_restarts_schedule_with_warmup", params: []string{"optimizer", "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch"}}},
	Framework: "Hugging Face Transformers",
	Title:     "Cosine with hard restarts and warmup",
	Doc: "get_cosine_with_hard_restarts_schedule_with_warmup: a linear warmup from 0 to lr, then num_cycles half cosines " +
		"from lr to 0, each restarting at lr: lr·0.5·(1 + cos(π·((num_cycles·progress) % 1))) with Python's float %. " +
		"From num_training_steps on (progress ≥ 1) the lr is 0.",
	Convention:   hfConvention,
	Link:         hfLink + "#transformers.get_cosine_with_hard_restarts_schedule_with_warmup",
	Example:      `{"kind": "hf.cosine_with_hard_restarts_schedule_with_warmup", "lr": 5e-5, "num_warmup_steps": 100, "num_training_steps": 1000, "num_cycles": 3}`,
	ExampleSteps: 1000,
	Params: []Param{
		hfLRParam(), hfWarmupParam(), hfTrainingParam(),
		{Name: "num_cycles", Type: Int, Default: int64(1), Range: between(-hfMaxIntParam, hfMaxIntParam),
			Doc:  "the number of hard restarts: cosine cycles between warmup and num_training_steps",
			Hint: Hint{Min: 1, Max: 10, Step: 1}},
	},
	build: func(a args) (kindCurve, error) {
		return &hfHardRestarts{lr: a.float("lr"), w: a.int("num_warmup_steps"), t: a.int("num_training_steps"),
			cycles: a.int("num_cycles")}, nil
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
		{Name: "min_lr", Type: Float, Nullable: true, Default: nil, Range: atLeast(0),
			Doc:  "the learning rate the cosine ends at; set this or min_lr_rate",
			Hint: Hint{Min: 0, Max: 1e-4}},
		{Name: "min_lr_rate", Type: Float, Nullable: true, Default: nil, Range: atLeast(0),
			Doc:  "the final learning rate as a fraction of lr; set this or min_lr",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
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
			return nil, errorf("min_lr", "missing: One of min_lr or min_lr_rate should be set")
		}
		return &hfCosine{lr: lr, w: a.int("num_warmup_steps"), t: a.int("num_training_steps"),
			cycles: a.float("num_cycles"), minRate: rate}, nil
	},
})

var hfWSDKind = register(&Kind{
	Name:  "hf.wsd_schedule",
	order: 303,
	code:  hfCode,
	imports: []importSig{{callee: "get_wsd_schedule", params: []string{"optimizer", "num_warmup_steps", "num_decay_steps", "num_training_steps", "num_stable_steps", "warmup_type", "decay_type", "min_lr_ratio", "num_cycles", "last_epoch"},
		positionalAt: 2,
		positionalNote: "get_wsd_schedule's positional arguments are read in today's order (optimizer, num_warmup_steps, " +
			"num_decay_steps, num_training_steps, ...); older transformers releases put num_stable_steps third"}},
	Framework: "Hugging Face Transformers",
	Title:     "Warmup-stable-decay",
	Doc: "get_wsd_schedule: three phases. Warmup over num_warmup_steps from min_lr_ratio·lr to lr (warmup_type " +
		"linear, cosine or 1-sqrt); stable at lr for num_stable_steps (by default num_training_steps − num_warmup_steps − " +
		"num_decay_steps); decay over num_decay_steps back to min_lr_ratio·lr (decay_type linear, cosine with num_cycles, " +
		"or 1-sqrt). After the decay the lr stays at min_lr_ratio·lr. If the stable length comes out negative, the " +
		"decay starts part-way, at warmup's end.",
	Convention:   hfConvention,
	Link:         hfLink + "#transformers.get_wsd_schedule",
	Example:      `{"kind": "hf.wsd_schedule", "lr": 5e-5, "num_warmup_steps": 100, "num_decay_steps": 200, "num_training_steps": 1000, "min_lr_ratio": 0.1}`,
	ExampleSteps: 1000,
	Params: []Param{
		hfLRParam(),
		hfWarmupParam(),
		{Name: "num_decay_steps", Type: Int, Required: true, Range: between(0, hfMaxIntParam),
			Doc: "the number of steps for the decay phase", Hint: Hint{Min: 0, Max: 1000, Step: 1}},
		{Name: "num_training_steps", Type: Int, Nullable: true, Default: nil, Range: between(0, hfMaxIntParam),
			Doc:  "the total number of steps; gives the stable length when num_stable_steps is null",
			Hint: Hint{Min: 1, Max: 10000, Step: 1}},
		{Name: "num_stable_steps", Type: Int, Nullable: true, Default: nil, Range: between(0, hfMaxIntParam),
			Doc:  "the number of steps at lr between warmup and decay; wins over num_training_steps when both are set",
			Hint: Hint{Min: 0, Max: 10000, Step: 1}},
		{Name: "warmup_type", Type: Enum, Default: "linear", Options: []string{"linear", "cosine", "1-sqrt"},
			Doc: "the shape of the warmup"},
		{Name: "decay_type", Type: Enum, Default: "cosine", Options: []string{"linear", "cosine", "1-sqrt"},
			Doc: "the shape of the decay"},
		{Name: "min_lr_ratio", Type: Float, Default: 0.0, Range: atLeast(0),
			Doc:  "the lr at the start of warmup and the end of decay, as a fraction of lr",
			Hint: Hint{Min: 0, Max: 1, Step: 0.01}},
		hfCyclesParam("the number of cosine waves in a cosine decay (0.5: a half cosine)"),
	},
	build: func(a args) (kindCurve, error) {
		lr, ratio := a.float("lr"), a.float("min_lr_ratio")
		if math.IsInf(lr*max(1, ratio), 0) || math.IsInf(1-ratio, 0) {
			return nil, errorf("min_lr_ratio", formatFloat(ratio)+" is too large for lr "+formatFloat(lr)+": the lr would overflow")
		}
		s := &hfWSD{lr: lr, w: a.int("num_warmup_steps"), decay: a.int("num_decay_steps"),
			warmupType: a.string("warmup_type"), decayType: a.string("decay_type"),
			minRatio: ratio, cycles: a.float("num_cycles")}
		switch {
		case !a.null("num_stable_steps"):
			s.stable = a.int("num_stable_steps")
		case !a.null("num_training_steps"):
			s.stable = a.int("num_training_steps") - s.w - s.decay
		default:
			return nil, errorf("num_training_steps", "missing: Either num_training_steps or num_stable_steps must be specified")
		}
		return s, nil
	},
})

// hfWarmup is the warmup factor of every HF schedule here:
// float(current_step) / float(max(1, num_warmup_steps)).
func hfWarmup(i, w int64) float64 { return float64(i) / float64(max(1, w)) }

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
	if c.w > 0 && c.w >= from && c.w < to && c.w < n {
		if !yield(Event{c.w, WarmupEnd}) {
			return
		}
	}
	// The extrema before and after T, merged with the Boundary at T in step order.
	end := int64(-1)
	if c.t > c.w && c.t < n {
		end = c.t
	}
	at := func(i int64) float64 { return c.at(i, n) }
	emit := func(e Event) bool {
		if end >= 0 && end < e.Step {
			if end >= from && end < to && !yield(Event{end, Boundary}) {
				return false
			}
			end = -1
		}
		return yield(e)
	}
	if c.minRate != 1 &&
		!hfCosineTurns(c.w, c.span(), c.cycles, c.w, n, from, to, c.minRate < 1, at, emit) {
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

// hfHardRestarts is get_cosine_with_hard_restarts_schedule_with_warmup.
//
// With W = num_warmup_steps, T = num_training_steps, D = max(1, T − W) and
// c = num_cycles, the lr of step i (lr * lr_lambda(i)) is
//
//	i < W:        lr · (i / max(1, W))
//	p = (i − W)/D ≥ 1:  0
//	otherwise:    lr · max(0, 0.5·(1 + cos(π·((c·p) % 1.0))))
//
// in float64, with Python's float % (the result takes the sign of the
// divisor, so it lies in [0, 1]).
//
// Special cases are:
//
//	i = W            lr (a WarmupEnd event when W > 0)
//	i ≥ W + D        0: the schedule ends at T, or at W + 1 when T ≤ W
//	c = 0            lr from W to W + D
//	c < 0            the % makes each cycle rise from near 0 to lr, then drop
//	|c| ≥ D          a new cycle starts at every step
//	c·p an integer   lr, unless rounding left c·p just below it: then ≈ 0
//	                 (e.g. c = 49, D = 49: 49·(1/49) = 0.9999999999999999)
//
// Events: WarmupEnd at W, a Restart at each step whose cycle ⌊c·p⌋ differs
// from the step before's (found exactly, in float64), and a Boundary at W + D.
type hfHardRestarts struct {
	lr     float64
	w, t   int64
	cycles int64
}

func (h *hfHardRestarts) span() int64 { return max(1, h.t-h.w) }

// x is float(num_cycles) * progress for u = i − W.
func (h *hfHardRestarts) x(u int64) float64 {
	return float64(h.cycles) * (float64(u) / float64(h.span()))
}

// hfPyMod is Python's float %: math.fmod, moved into the divisor's sign.
func hfPyMod(x, y float64) float64 {
	m := math.Mod(x, y)
	if m != 0 {
		if (y < 0) != (m < 0) {
			m += y
		}
	} else {
		m = math.Copysign(0, y)
	}
	return m
}

func (h *hfHardRestarts) at(i, n int64) float64 {
	if i < h.w {
		return h.lr * hfWarmup(i, h.w)
	}
	progress := float64(i-h.w) / float64(h.span())
	if progress >= 1.0 {
		return h.lr * 0.0
	}
	return h.lr * max(0.0, 0.5*(1.0+xmath.Cos(math.Pi*hfPyMod(float64(h.cycles)*progress, 1.0))))
}

func (h *hfHardRestarts) events(n, from, to int64, yield func(Event) bool) {
	if h.w > 0 && h.w >= from && h.w < to && !yield(Event{h.w, WarmupEnd}) {
		return
	}
	d := h.span()
	// Restarts are at u in [1, D), steps W+1 .. W+D-1, within the window.
	uLo, uHi := max(from-h.w, 1), min(to-h.w, d)
	if uLo < uHi && h.cycles != 0 && !h.restarts(uLo, uHi, yield) {
		return
	}
	if end := h.w + d; end >= from && end < to {
		yield(Event{end, Boundary})
	}
}

// restarts yields a Restart at each u in [uLo, uHi) where ⌊x(u)⌋ ≠ ⌊x(u−1)⌋.
// Rounding moves each change at most one step from the ideal one, where
// c·u/D crosses an integer, so it checks the steps around each ideal change.
func (h *hfHardRestarts) restarts(uLo, uHi int64, yield func(Event) bool) bool {
	d := uint64(h.span())
	c := uint64(h.cycles)
	if h.cycles < 0 {
		c = uint64(-h.cycles)
	}
	if c >= d {
		// At least one whole cycle per step: every step starts a new one.
		for u := uLo; u < uHi; u++ {
			if !yield(Event{h.w + u, Restart}) {
				return false
			}
		}
		return true
	}
	last := uLo - 1
	check := func(u int64) bool {
		if u <= last || u < uLo || u >= uHi {
			return true
		}
		if math.Floor(h.x(u)) != math.Floor(h.x(u-1)) {
			last = u
			return yield(Event{h.w + u, Restart})
		}
		return true
	}
	// k-th ideal change: c > 0 at ⌈k·D/c⌉ (k ≥ 1); c < 0 at ⌊k·D/|c|⌋ + 1 (k ≥ 0).
	hi, lo := bits.Mul64(c, uint64(max(uLo-1, 0)))
	k, _ := bits.Div64(hi, lo, d) // c·(uLo−1)/D < c < D fits
	if k > 0 {
		k--
	}
	for ; ; k++ {
		hi, lo := bits.Mul64(k, d)
		q, r := bits.Div64(hi, lo, c) // k ≤ c·u/D + 1 ≤ c, so k·D/c ≤ D fits
		var u int64
		if h.cycles > 0 {
			if k == 0 {
				continue
			}
			u = int64(q)
			if r != 0 {
				u++
			}
		} else {
			u = int64(q) + 1
		}
		if u-1 >= uHi {
			return true
		}
		for _, v := range [3]int64{u - 1, u, u + 1} {
			if !check(v) {
				return false
			}
		}
	}
}

// hfWSD is get_wsd_schedule.
//
// With W = num_warmup_steps, S = num_stable_steps (or num_training_steps − W
// − num_decay_steps), D = num_decay_steps and m = min_lr_ratio, the lr of
// step i (lr * lr_lambda(i)) is, in float64 and in this order of tests:
//
//	i < W:          lr · max(0, g(i/max(1, W))·(1 − m) + m)
//	                g(p) = p (linear), 0.5·(1 − cos(π·p)) (cosine), 1 − √(1 − p) (1-sqrt)
//	i < W + S:      lr
//	i < W + S + D:  lr · max(0, h(p)·(1 − m) + m),  p = (i − W − S)/max(1, D)
//	                h(p) = 1 − p (linear), 0.5·(1 + cos(π·num_cycles·2·p)) (cosine), 1 − √p (1-sqrt)
//	otherwise:      lr · m
//
// Special cases are:
//
//	i = 0 < W         lr·m
//	S < 0             the decay starts at p = −S/max(1, D) at step W
//	W + S + D ≤ W     lr·m from W on
//	D = 0             lr·m from W + S on
//	m = 1             lr throughout
//	m > 1             warmup falls from lr·m to lr, decay rises back
//	both num_training_steps and num_stable_steps set: num_stable_steps is used
//
// Events: WarmupEnd at W, Boundary where the decay starts (W + S, if after W)
// and where it ends (W + S + D, if after W), and the cosine decay's peaks and
// troughs when num_cycles makes it wave, or Turns where rounding blurs them
// (hfCosineTurns).
type hfWSD struct {
	lr                    float64
	w, stable, decay      int64
	warmupType, decayType string
	minRatio, cycles      float64
}

func (s *hfWSD) lambda(i int64) float64 {
	if i < s.w {
		progress := float64(i) / float64(max(1, s.w))
		var factor float64
		switch s.warmupType {
		case "linear":
			factor = progress
		case "cosine":
			factor = 0.5 * (1.0 - xmath.Cos(math.Pi*progress))
		default: // "1-sqrt"
			factor = 1.0 - math.Sqrt(1.0-progress)
		}
		factor = float64(factor*(1.0-s.minRatio)) + s.minRatio
		return max(0.0, factor)
	}
	if i < s.w+s.stable {
		return 1.0
	}
	if i < s.w+s.stable+s.decay {
		progress := float64(i-s.w-s.stable) / float64(max(1, s.decay))
		var factor float64
		switch s.decayType {
		case "linear":
			factor = 1.0 - progress
		case "cosine":
			factor = 0.5 * (1.0 + xmath.Cos(math.Pi*s.cycles*2.0*progress))
		default: // "1-sqrt"
			factor = 1.0 - math.Sqrt(progress)
		}
		factor = float64(factor*(1.0-s.minRatio)) + s.minRatio
		return max(0.0, factor)
	}
	return s.minRatio
}

func (s *hfWSD) at(i, n int64) float64 { return s.lr * s.lambda(i) }

func (s *hfWSD) events(n, from, to int64, yield func(Event) bool) {
	in := func(i int64) bool { return i >= from && i < to && i < n }
	if s.w > 0 && in(s.w) && !yield(Event{s.w, WarmupEnd}) {
		return
	}
	decayStart, decayEnd := s.w+s.stable, s.w+s.stable+s.decay
	if decayStart > s.w && in(decayStart) && !yield(Event{decayStart, Boundary}) {
		return
	}
	start := max(decayStart, s.w)
	if s.decayType == "cosine" && s.minRatio != 1 && decayEnd > start {
		at := func(i int64) float64 { return s.at(i, n) }
		if !hfCosineTurns(decayStart, max(1, s.decay), s.cycles, start, min(decayEnd, n), from, to,
			s.minRatio < 1, at, yield) {
			return
		}
	}
	if decayEnd > start && in(decayEnd) {
		yield(Event{decayEnd, Boundary})
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

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (h *hfHardRestarts) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	if h.cycles <= 0 {
		return sh, "num_cycles " + itoa(h.cycles) + " is not a number of cycles"
	}
	sh.warmup, sh.peak = h.w, h.lr
	sh.length, sh.cycles = float64(h.span())/float64(h.cycles), h.cycles
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (h *hfHardRestarts) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls"}
	f.warmup, f.warmupName, f.warmupParam = min(h.w, n), ls.v("num_warmup_steps"), "num_warmup_steps"
	f.unit = "optimizer steps"
	f.peak, f.peakName, f.floorName = h.lr, ls.v("lr"), "0"
	f.end, f.endName = h.w+h.span(), ls.v("num_training_steps")+" ends the last cycle"
	f.fitEnd = ls.set("num_training_steps", float64(n))
	f.scale = ls.scale("num_warmup_steps", "num_training_steps")
	f.cycles = true
	fix := map[string]any{}
	if h.cycles >= -1 && h.cycles <= 1 {
		f.noRestartWhy = ls.v("num_cycles") + " makes one cosine, which never restarts"
		fix["num_cycles"] = int64(2)
	} else {
		f.noRestartWhy = ls.v("num_training_steps") + " puts the first restart after the run"
	}
	if f.end > n {
		fix["num_training_steps"] = n
	}
	f.restartFix = fix
	return f
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (s *hfWSD) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	switch {
	case s.w > 0 && s.warmupType != "linear":
		return sh, "its " + s.warmupType + " warmup is a shape only Hugging Face's WSD draws"
	case s.stable < 0:
		return sh, "the stable phase comes out negative (" + itoa(s.stable) + " steps), so the decay starts part-way"
	}
	sh.warmup, sh.stable = s.w, s.stable
	sh.peak, sh.floor = s.lr, s.lr*s.minRatio
	sh.start = sh.floor
	sh.length = float64(s.decay)
	switch {
	case n <= s.w+s.stable:
		sh.form, sh.stable = shapeFlat, 0 // the run ends before the decay
	case s.decay == 0:
		return sh, "with num_decay_steps 0 the lr drops from lr to min_lr_ratio·lr in one step"
	case s.decayType == "linear":
		sh.form = shapeLinear
	case s.decayType == "cosine" && math.Abs(s.cycles) == 0.5:
	case s.decayType == "cosine":
		return sh, "a cosine decay of num_cycles " + formatFloat(s.cycles) + " followed by a held minimum is a shape only Hugging Face's WSD draws"
	default:
		return sh, "its 1-sqrt decay is a shape only Hugging Face's WSD draws"
	}
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (s *hfWSD) lintFacts(ls lintSpec, n int64) lintFacts {
	a := ls.a
	f := lintFacts{unit: "scheduler.step() calls"}
	f.warmup, f.warmupName, f.warmupParam = min(s.w, n), ls.v("num_warmup_steps"), "num_warmup_steps"
	f.unit = "optimizer steps"
	f.peak, f.floor = s.lr, s.lr*s.minRatio
	f.peakName, f.floorName = ls.v("lr"), "lr·min_lr_ratio = "+formatFloat(f.floor)
	if end := s.w + s.stable + s.decay; end > s.w {
		f.end = end
	}
	stableFromTotal := a.null("num_stable_steps")
	if stableFromTotal {
		f.endName = ls.v("num_training_steps") + " ends the decay"
		f.fitEnd = ls.set("num_training_steps", float64(n))
	} else {
		f.endName = "num_warmup_steps + num_stable_steps + num_decay_steps = " + itoa(f.end) + " ends the decay"
		if rest := n - s.w - s.decay; rest >= 0 {
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
	if s.stable < 0 && stableFromTotal {
		f.jumpWhy = ls.v("num_training_steps") + " leaves no room for " + ls.v("num_decay_steps") +
			" after warmup, so the decay starts part-way through"
		if T := a.int("num_training_steps"); T > s.w {
			f.jumpFix = ls.set("num_decay_steps", float64(T-s.w))
		}
	}
	f.lintFraction(s.minRatio, "min_lr_ratio", "the decay")
	return f
}

// hf is a framework.
var _ = registerFramework(&framework{name: "hf", title: "Hugging Face Transformers", order: 300, target: hfTarget,
	imports: []importSig{{callee: "get_scheduler", params: []string{"name", "optimizer", "num_warmup_steps", "num_training_steps", "scheduler_specific_kwargs"}, resolve: hfGetScheduler}}})

// hfTarget writes a shape as specs of Hugging Face Transformers's kinds (see target).
func hfTarget(sh *shape, n int64) ([]candidate, []string) {
	const title = "Hugging Face"
	lr, w := sh.peak, sh.warmup
	switch {
	case sh.under:
		return nil, []string{"Hugging Face's cosines start after the warmup, not under it (timm's warmup_prefix false)"}
	case !(lr > 0):
		return nil, []string{"Hugging Face's schedules scale the optimizer's lr, which must be more than 0"}
	}
	// wsd warms up from min_lr_ratio·lr, the lr it decays to.
	wsd := func(stable, decay int64, decayType string, ratio float64) candidate {
		return spec(hfWSDKind, "lr", lr, "num_warmup_steps", w, "num_stable_steps", stable, "num_decay_steps", decay,
			"warmup_type", "linear", "decay_type", decayType, "min_lr_ratio", ratio, "num_cycles", 0.5)
	}
	fromFloor := w == 0 || sh.start == sh.floor
	fromZero := w == 0 || sh.start == 0
	startText := "Hugging Face's warmups start from 0 (from min_lr_ratio·lr in WSD, the lr it decays to), not from " + formatFloat(sh.start)
	switch sh.form {
	case shapeFlat:
		ratio := 0.0
		if w > 0 {
			ratio = sh.start / lr
		}
		return []candidate{wsd(max(n-w, 0), 0, "cosine", ratio)}, nil
	case shapeLinear:
		if !fromFloor {
			return nil, []string{startText}
		}
		return []candidate{wsd(sh.stable, int64(sh.length), "linear", sh.floor/lr)}, nil
	case shapeCosine:
	default:
		return nil, notCosine(sh, title, "")
	}
	var c []candidate
	var why []string
	seen := sh.seen(n)
	if sh.stable == 0 && fromZero && isInt(sh.length) && sh.asPeriodic(n) {
		t := w + int64(sh.length)
		if sh.floor == 0 {
			c = append(c, spec(hfCosineKind, "lr", lr, "num_warmup_steps", w, "num_training_steps", t, "num_cycles", 0.5))
		} else {
			c = append(c, spec(hfCosineMinLRKind, "lr", lr, "num_warmup_steps", w, "num_training_steps", t,
				"num_cycles", 0.5, "min_lr", sh.floor))
		}
	}
	if sh.stable == 0 && fromZero && sh.floor == 0 && sh.asHold(n) {
		cycles := sh.cycles
		if cycles == 0 {
			cycles = max(seen, 1)
		}
		span := float64(cycles) * sh.length
		switch r := sh.restartsText(n, true, false, false, "Hugging Face's hard restarts"); {
		case r != "":
			why = append(why, r)
		case !isInt(span):
			why = append(why, "Hugging Face's hard restarts fit "+itoa(cycles)+" cycles into whole steps, not "+formatFloat(span))
		default:
			c = append(c, spec(hfHardRestartsKind, "lr", lr, "num_warmup_steps", w,
				"num_training_steps", w+int64(span), "num_cycles", cycles))
		}
	}
	if fromFloor && isInt(sh.length) && sh.asHold(n) && seen <= 1 {
		c = append(c, wsd(sh.stable, int64(sh.length), "cosine", sh.floor/lr))
	}
	switch {
	case len(c) > 0:
		return c, nil
	case len(why) > 0:
		return nil, why
	case seen > 1 && sh.floor != 0:
		return nil, []string{"Hugging Face's hard restarts go down to 0, not " + formatFloat(sh.floor)}
	case seen > 1 && sh.stable > 0:
		return nil, []string{"Hugging Face's WSD has one cosine"}
	case !sh.asHold(n):
		return nil, []string{sh.tailText() + "; of Hugging Face's schedules only the cosine ones climb back like that, " +
			"and they warm up from 0 with no stable phase"}
	case !fromZero || !fromFloor:
		return nil, []string{startText}
	}
	return nil, []string{"the cycle is " + formatFloat(sh.length) + " steps, not a whole number"}
}

// hfCode writes a snippet that steps the scheduler a get_* function builds.
func hfCode(w *pyWriter, s *Schedule, steps int64) {
	w.put("import torch\nfrom transformers import get_{name}\n\n") // hf.wsd_schedule is get_wsd_schedule
	torchStepCode(w, s, "get_{name}", "lr", "")
}

// hfScheduler maps get_scheduler's name (or SchedulerType member, lower
// case) to the constructor it calls, or "".
func hfScheduler(name string) string {
	switch name {
	case "cosine":
		return "get_cosine_schedule_with_warmup"
	case "cosine_with_restarts":
		return "get_cosine_with_hard_restarts_schedule_with_warmup"
	case "cosine_with_min_lr":
		return "get_cosine_with_min_lr_schedule_with_warmup"
	case "warmup_stable_decay":
		return "get_wsd_schedule"
	}
	return ""
}

// hfGetScheduler resolves get_scheduler(name, optimizer, ...) to the
// constructor it calls, with scheduler_specific_kwargs merged in.
func hfGetScheduler(im *importer, args map[string]*python.Value) (*importSig, map[string]*python.Value, error) {
	nv, ok := args["name"]
	var name string
	switch {
	case !ok:
		return nil, nil, errorf("name", "get_scheduler() needs the scheduler's name, such as \"cosine\"")
	case nv.Kind == python.Str:
		name = nv.Str
	case nv.Kind == python.Name && strings.Contains(nv.Name, "SchedulerType."):
		name = strings.ToLower(lastName(nv.Name))
	default:
		return nil, nil, errorf("name", nv.Text+" is not a literal scheduler name such as \"cosine\"")
	}
	target := hfScheduler(name)
	if target == "" {
		known := []string{"cosine", "cosine_with_restarts", "cosine_with_min_lr", "warmup_stable_decay"}
		return nil, nil, errorf("name", "get_scheduler("+strs.Quote(name)+"): LR Playground draws "+strings.Join(known, ", "))
	}
	sg := importSigOf(target)
	out := map[string]*python.Value{}
	for k, v := range args {
		if k != "name" && k != "scheduler_specific_kwargs" {
			out[k] = v
		}
	}
	if kw, ok := args["scheduler_specific_kwargs"]; ok && kw.Kind != python.None {
		if kw.Kind != python.Dict {
			return nil, nil, errorf("scheduler_specific_kwargs", kw.Text+" is not a dict literal such as {\"num_cycles\": 3}")
		}
		for i, key := range kw.Keys {
			if _, dup := out[key]; dup || !slices.Contains(sg.params, key) {
				return nil, nil, errorf(key, "scheduler_specific_kwargs: "+strs.Quote(key)+" is not an argument "+
					sg.callee+"() takes besides those get_scheduler passes")
			}
			out[key] = kw.Vals[i]
		}
	}
	return sg, out, nil
}
