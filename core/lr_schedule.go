package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// The lr_schedule kinds port lr_schedule.py of mjacobsen32/ramblingrealms-
// trading (trading/src/alg/agents/lr_schedule.py): a module of schedules
// called as schedule(progress_remaining), progress_remaining running from
// 1.0 at the start of training to 0.0 at the end, the convention of
// Stable-Baselines3's learning_rate callables. It is not part of SB3, which
// documents only the convention. Its users write a config dict,
// BaseLRSchedule.create(cfg), which dispatches on cfg["type"] ("linear",
// "cosine", "exponential", "cosine_warmup", "polynomial", "constant";
// "constant" when absent), or build a class themselves; the kinds are named
// after the types. Every class reads cfg["initial_value"] (default 0.001) and
// cfg["final_value"] (default 0.0), so every kind takes both, the exponential
// and constant ones reading final_value without using it. The formulas,
// defaults and checks are ported as the module has them, in float64 and the
// source's order. Step i of a run of N steps uses progress_remaining =
// 1.0 - float(i) / float(N), as Stable-Baselines3's
// BaseAlgorithm._update_current_progress_remaining computes it from
// num_timesteps = i and total_timesteps = N; so the curve depends on N, and
// its last value is at progress_remaining = 1/N, not 0.
//
// The module also takes a float for cfg: BaseLRSchedule.create(0.001) and
// BaseLRSchedule(0.001) are constant, ExponentialLRSchedule(0.001) decays at
// the default rate, and the classes whose formula reads final_value fail with
// AttributeError, since a float sets none (see ImportCode). The kinds were
// called sb3.* before; those names remain as aliases.

const (
	lrsLink      = "https://stable-baselines3.readthedocs.io/en/master/guide/examples.html#learning-rate-schedule"
	lrsLinkText  = "Stable-Baselines3's documentation of progress_remaining schedules"
	lrsFramework = "lr_schedule, a progress_remaining schedule module in the SB3 style (not SB3 itself) from ramblingrealms-trading"
	lrsSource    = " From lr_schedule.py of mjacobsen32/ramblingrealms-trading (trading/src/alg/agents/), whose " +
		"schedules Stable-Baselines3 calls with progress_remaining; the module is not part of SB3."
	lrsConvention = "schedule(progress_remaining) with progress_remaining = 1.0 - float(i) / float(N) " +
		"(SB3's _update_current_progress_remaining at num_timesteps i of total_timesteps N)"
	// lrsMaxValue keeps sums of learning rates away from float64 overflow.
	lrsMaxValue = 1e300
)

func lrsInitialParam() Param {
	return Param{Name: "initial_value", Type: Float, Default: 0.001, Range: Range{Min: 0, Max: lrsMaxValue, MinOpen: true},
		Doc:  "the learning rate at the start (progress_remaining = 1)",
		Hint: Hint{Min: 1e-6, Max: 1e-1, Log: true}}
}

func lrsFinalParam() Param {
	return Param{Name: "final_value", Type: Float, Default: 0.0, Range: between(0, lrsMaxValue),
		Doc:  "the learning rate the schedule tends to at the end (progress_remaining = 0)",
		Hint: Hint{Min: 0, Max: 1e-3}}
}

// lrsUnusedFinalParam is final_value for the types that read it from the
// config without using it.
func lrsUnusedFinalParam() Param {
	p := lrsFinalParam()
	p.Doc = "read from the config, as by every type, but not used by this one: it changes nothing"
	return p
}

func init() {
	register(&Kind{
		Name:      "lr_schedule.linear",
		Aliases:   []string{"sb3.linear"},
		Framework: lrsFramework,
		Title:     "Linear (LinearLRSchedule)",
		Doc: `LinearLRSchedule, {"type": "linear"}: progress_remaining·initial_value + (1 − progress_remaining)·final_value, ` +
			"a straight line from initial_value to final_value over the run (final_value 0 is SB3's get_linear_fn / the RL " +
			"Zoo's linear_schedule)." + lrsSource,
		Convention:   lrsConvention,
		Link:         lrsLink,
		LinkText:     lrsLinkText,
		Example:      `{"kind": "lr_schedule.linear", "initial_value": 3e-4, "final_value": 1e-5}`,
		ExampleSteps: 1000,
		Params:       []Param{lrsInitialParam(), lrsFinalParam()},
		build: func(a args) (curve, error) {
			return &lrsSchedule{kind: lrsLinear, initial: a.float("initial_value"), final: a.float("final_value")}, nil
		},
	})
	register(&Kind{
		Name:      "lr_schedule.cosine",
		Aliases:   []string{"sb3.cosine"},
		Framework: lrsFramework,
		Title:     "Cosine (CosineAnnealingLRSchedule)",
		Doc: `CosineAnnealingLRSchedule, {"type": "cosine"}: with progress = 1 − progress_remaining, ` +
			"final_value + 0.5·(initial_value − final_value)·(1 + cos(π·progress)), a half cosine from initial_value to " +
			"final_value over the run." + lrsSource,
		Convention:   lrsConvention,
		Link:         lrsLink,
		LinkText:     lrsLinkText,
		Example:      `{"kind": "lr_schedule.cosine", "initial_value": 3e-4, "final_value": 1e-5}`,
		ExampleSteps: 1000,
		Params:       []Param{lrsInitialParam(), lrsFinalParam()},
		build: func(a args) (curve, error) {
			return &lrsSchedule{kind: lrsCosine, initial: a.float("initial_value"), final: a.float("final_value")}, nil
		},
	})
	register(&Kind{
		Name:      "lr_schedule.exponential",
		Aliases:   []string{"sb3.exponential"},
		Framework: lrsFramework,
		Title:     "Exponential (ExponentialLRSchedule)",
		Doc: `ExponentialLRSchedule, {"type": "exponential"}: initial_value·decay_rate^(1 − progress_remaining), from ` +
			"initial_value to initial_value·decay_rate over the run; decay_rate must lie in (0, 1], as the module raises. " +
			"final_value is read from the config, as by every type, and not used." + lrsSource,
		Convention:   lrsConvention,
		Link:         lrsLink,
		LinkText:     lrsLinkText,
		Example:      `{"kind": "lr_schedule.exponential", "initial_value": 3e-4, "decay_rate": 0.1}`,
		ExampleSteps: 1000,
		Params: []Param{
			lrsInitialParam(),
			lrsUnusedFinalParam(),
			{Name: "decay_rate", Type: Float, Default: 0.1, Range: Range{Min: 0, Max: 1, MinOpen: true},
				Doc:    "the fraction of initial_value left at the end",
				Hint:   Hint{Min: 0.001, Max: 1, Log: true},
				Raises: "lr_schedule raises ValueError: decay_rate must be in the interval (0, 1], got {}"},
		},
		build: func(a args) (curve, error) {
			return &lrsSchedule{kind: lrsExponential, initial: a.float("initial_value"), rate: a.float("decay_rate")}, nil
		},
	})
	register(&Kind{
		Name:      "lr_schedule.cosine_warmup",
		Aliases:   []string{"sb3.cosine_warmup"},
		Framework: lrsFramework,
		Title:     "Warmup + cosine (CosineWarmupLRSchedule)",
		Doc: `CosineWarmupLRSchedule, {"type": "cosine_warmup"}: with progress = 1 − progress_remaining, ` +
			"initial_value·progress/warmup_fraction while progress < warmup_fraction (a linear warmup from 0), then a " +
			"half cosine from initial_value to final_value over the rest of the run; warmup_fraction must lie in (0, 1), " +
			"as the module raises." + lrsSource,
		Convention:   lrsConvention,
		Link:         lrsLink,
		LinkText:     lrsLinkText,
		Example:      `{"kind": "lr_schedule.cosine_warmup", "initial_value": 3e-4, "final_value": 1e-5, "warmup_fraction": 0.1}`,
		ExampleSteps: 1000,
		Params: []Param{
			lrsInitialParam(), lrsFinalParam(),
			{Name: "warmup_fraction", Type: Float, Default: 0.1, Range: Range{Min: 0, Max: 1, MinOpen: true, MaxOpen: true},
				Doc:    "the fraction of the run spent warming up linearly from 0 to initial_value",
				Hint:   Hint{Min: 0.01, Max: 0.5, Step: 0.01},
				Raises: "lr_schedule raises ValueError: warmup_fraction must be in the open interval (0, 1), got {}"},
		},
		build: func(a args) (curve, error) {
			return &lrsSchedule{kind: lrsCosineWarmup, initial: a.float("initial_value"), final: a.float("final_value"),
				warmup: a.float("warmup_fraction")}, nil
		},
	})
	register(&Kind{
		Name:      "lr_schedule.polynomial",
		Aliases:   []string{"sb3.polynomial"},
		Framework: lrsFramework,
		Title:     "Polynomial (PolynomialLRSchedule)",
		Doc: `PolynomialLRSchedule, {"type": "polynomial"}: (initial_value − final_value)·progress_remaining^power + ` +
			"final_value; power 1 is linear, 2 (the default) quadratic, 0 holds initial_value; power must be ≥ 0, as the " +
			"module raises." + lrsSource,
		Convention:   lrsConvention,
		Link:         lrsLink,
		LinkText:     lrsLinkText,
		Example:      `{"kind": "lr_schedule.polynomial", "initial_value": 3e-4, "final_value": 1e-5, "power": 2}`,
		ExampleSteps: 1000,
		Params: []Param{
			lrsInitialParam(), lrsFinalParam(),
			{Name: "power", Type: Float, Default: 2.0, Range: atLeast(0),
				Doc:    "the exponent applied to progress_remaining",
				Hint:   Hint{Min: 0, Max: 5, Step: 0.1},
				Raises: "lr_schedule raises ValueError: PolynomialLRSchedule 'power' must be non-negative, got {}"},
		},
		build: func(a args) (curve, error) {
			return &lrsSchedule{kind: lrsPolynomial, initial: a.float("initial_value"), final: a.float("final_value"),
				power: a.float("power")}, nil
		},
	})
	register(&Kind{
		Name:      "lr_schedule.constant",
		Framework: lrsFramework,
		Title:     "Constant (BaseLRSchedule)",
		Doc: `BaseLRSchedule, {"type": "constant"}, the type BaseLRSchedule.create picks when the config names none, ` +
			"and what it makes of a bare float (BaseLRSchedule.create(0.001)): initial_value at every step. final_value " +
			"is read from the config, as by every type, and not used." + lrsSource,
		Convention:   lrsConvention,
		Link:         lrsLink,
		LinkText:     lrsLinkText,
		Example:      `{"kind": "lr_schedule.constant", "initial_value": 3e-4}`,
		ExampleSteps: 1000,
		Params:       []Param{lrsInitialParam(), lrsUnusedFinalParam()},
		build: func(a args) (curve, error) {
			return &lrsSchedule{kind: lrsConstant, initial: a.float("initial_value")}, nil
		},
	})
}

type lrsKind int

const (
	lrsLinear lrsKind = iota
	lrsCosine
	lrsExponential
	lrsCosineWarmup
	lrsPolynomial
	lrsConstant
)

// lrsSchedule is the six schedules of the module. With pr =
// progress_remaining = 1.0 - float(i)/float(N), progress = 1.0 - pr, and the
// parameters named as in the config dict, the lr of step i is, in float64
// in this order:
//
//	linear:        pr*initial_value + (1.0 - pr)*final_value
//	cosine:        final_value + 0.5*(initial_value - final_value)*(1.0 + cos(π*progress))
//	exponential:   initial_value * decay_rate**progress
//	cosine_warmup: initial_value*(progress/warmup_fraction)                 if progress < warmup_fraction
//	               final_value + 0.5*(initial_value - final_value)*(1.0 + cos(π*c)),
//	               c = (progress - warmup_fraction)/(1.0 - warmup_fraction)  otherwise
//	polynomial:    (initial_value - final_value)*pr**power + final_value
//	constant:      initial_value
//
// Every value lies between initial_value and final_value (or, for
// exponential, initial_value·decay_rate), so none is negative. The
// exponential and constant schedules hold no final_value: they do not use it.
//
// Special cases are:
//
//	i = 0                 initial_value (0 for cosine_warmup: its warmup starts at 0)
//	i = N − 1             the value at pr = 1/N: final_value is never reached
//	final_value > initial_value  the lr rises (linear, cosine, polynomial, after warmup)
//	decay_rate = 1        exponential: initial_value throughout
//	power = 0             polynomial: initial_value throughout (pr**0 = 1)
//	constant              initial_value throughout, whatever final_value is
//	N = 1                 one step, at pr = 1
//
// Events: cosine_warmup has a WarmupEnd at the first step whose progress
// reaches warmup_fraction; the others are monotone and have none, except a
// nearly flat linear one: when the lr moves by less than a few ulps a step,
// the rounding of its two products makes it wobble, so every step is a Turn
// (a run of one step is monotone; drawing reads such runs within its budget).
type lrsSchedule struct {
	kind                                lrsKind
	initial, final, rate, warmup, power float64
}

func (s *lrsSchedule) at(i, n int64) float64 { return s.value(1.0 - float64(i)/float64(n)) }

// value is the schedule's func(progress_remaining).
func (s *lrsSchedule) value(pr float64) float64 {
	switch s.kind {
	case lrsLinear:
		return float64(pr*s.initial) + float64((1.0-pr)*s.final)
	case lrsCosine:
		progress := 1.0 - pr
		return s.final + float64(0.5*(s.initial-s.final)*(1.0+xmath.Cos(math.Pi*progress)))
	case lrsExponential:
		progress := 1.0 - pr
		return s.initial * xmath.Pow(s.rate, progress)
	case lrsCosineWarmup:
		progress := 1.0 - pr
		if progress < s.warmup {
			return s.initial * (progress / s.warmup)
		}
		cosineProgress := (progress - s.warmup) / (1.0 - s.warmup)
		return s.final + float64(0.5*(s.initial-s.final)*(1.0+xmath.Cos(math.Pi*cosineProgress)))
	case lrsPolynomial:
		return float64((s.initial-s.final)*xmath.Pow(pr, s.power)) + s.final
	default: // lrsConstant
		return s.initial
	}
}

// wobbles reports whether a linear schedule over n steps moves so little a
// step that rounding can make it turn: pr·a + (1 − pr)·b is off by up to
// about 3 ulps of max(|a|, |b|), so a step of less than 16 ulps may not show
// the true direction.
func (s *lrsSchedule) wobbles(n int64) bool {
	m := max(math.Abs(s.initial), math.Abs(s.final))
	ulp := math.Nextafter(m, math.Inf(1)) - m
	return math.Abs(s.initial-s.final)/float64(n) <= 16*ulp
}

// progress is 1.0 - progress_remaining of step i, as the schedules compute it.
func (s *lrsSchedule) progress(i, n int64) float64 { return 1.0 - (1.0 - float64(i)/float64(n)) }

// warmupEnd is the first step whose progress reaches warmup_fraction, or n.
// progress is non-decreasing in i, so the estimate ⌈warmup·n⌉ is moved to it.
func (s *lrsSchedule) warmupEnd(n int64) int64 {
	i := min(max(int64(math.Ceil(s.warmup*float64(n))), 0), n)
	for i > 0 && s.progress(i-1, n) >= s.warmup {
		i--
	}
	for i < n && s.progress(i, n) < s.warmup {
		i++
	}
	return i
}

func (s *lrsSchedule) events(n, from, to int64, yield func(Event) bool) {
	if s.kind == lrsLinear && s.wobbles(n) {
		for i := max(from, 1); i < to; i++ {
			if !yield(Event{i, Turn}) {
				return
			}
		}
		return
	}
	if s.kind != lrsCosineWarmup {
		return
	}
	if w := s.warmupEnd(n); w >= from && w < to {
		yield(Event{w, WarmupEnd})
	}
}
