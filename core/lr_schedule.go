package core

import (
	"math"
	"slices"
	"strings"

	"github.com/lrplay/lrplay/core/internal/python"
	"github.com/lrplay/lrplay/core/internal/xmath"
	"github.com/lrplay/lrplay/internal/strs"
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

var lrsLinearKind = register(&Kind{
	Name:      "lr_schedule.linear",
	order:     700,
	code:      lrsCode,
	imports:   []importSig{{callee: "LinearLRSchedule", params: []string{"cfg"}}},
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
	build: func(a args) (kindCurve, error) {
		return &lrsSchedule{kind: lrsLinear, initial: a.float("initial_value"), final: a.float("final_value")}, nil
	},
})

var lrsCosineKind = register(&Kind{
	Name:      "lr_schedule.cosine",
	order:     701,
	code:      lrsCode,
	imports:   []importSig{{callee: "CosineAnnealingLRSchedule", params: []string{"cfg"}}},
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
	build: func(a args) (kindCurve, error) {
		return &lrsSchedule{kind: lrsCosine, initial: a.float("initial_value"), final: a.float("final_value")}, nil
	},
})

var lrsExponentialKind = register(&Kind{
	Name:      "lr_schedule.exponential",
	order:     702,
	code:      lrsCode,
	imports:   []importSig{{callee: "ExponentialLRSchedule", params: []string{"cfg"}}},
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
	build: func(a args) (kindCurve, error) {
		return &lrsSchedule{kind: lrsExponential, initial: a.float("initial_value"), rate: a.float("decay_rate")}, nil
	},
})

var lrsCosineWarmupKind = register(&Kind{
	Name:      "lr_schedule.cosine_warmup",
	order:     703,
	code:      lrsCode,
	imports:   []importSig{{callee: "CosineWarmupLRSchedule", params: []string{"cfg"}}},
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
	build: func(a args) (kindCurve, error) {
		return &lrsSchedule{kind: lrsCosineWarmup, initial: a.float("initial_value"), final: a.float("final_value"),
			warmup: a.float("warmup_fraction")}, nil
	},
})

var lrsPolynomialKind = register(&Kind{
	Name:      "lr_schedule.polynomial",
	order:     704,
	code:      lrsCode,
	imports:   []importSig{{callee: "PolynomialLRSchedule", params: []string{"cfg"}}},
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
	build: func(a args) (kindCurve, error) {
		return &lrsSchedule{kind: lrsPolynomial, initial: a.float("initial_value"), final: a.float("final_value"),
			power: a.float("power")}, nil
	},
})

var lrsConstantKind = register(&Kind{
	Name:      "lr_schedule.constant",
	order:     705,
	code:      lrsCode,
	imports:   []importSig{{callee: "BaseLRSchedule", params: []string{"cfg"}}},
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
	build: func(a args) (kindCurve, error) {
		return &lrsSchedule{kind: lrsConstant, initial: a.float("initial_value")}, nil
	},
})

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

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (s *lrsSchedule) shape(a args, n int64) (shape, string) {
	sh := newShape()
	switch s.kind {
	case lrsLinear:
		sh.linear(a.float("initial_value"), a.float("final_value"), n)
	case lrsCosine:
		sh.peak, sh.floor, sh.length = a.float("initial_value"), a.float("final_value"), float64(n)
	case lrsExponential:
		sh.form, sh.peak = shapeExp, a.float("initial_value")
		sh.gamma = math.Pow(a.float("decay_rate"), 1/float64(n))
	case lrsCosineWarmup:
		// The warmup reaches initial_value at step warmup_fraction·N, where
		// the cosine starts; in float64 that is at best a whole number up to
		// rounding (progress = 1 − (1 − i/N) can fall an ulp short of it).
		x := s.warmup * float64(n)
		w := int64(math.Round(x))
		if math.Abs(x-float64(w)) > 1e-9*x {
			return sh, "its warmup ends between steps (warmup_fraction·N = " + formatFloat(x) +
				"), so the cosine starts part-way through a step"
		}
		sh.warmup, sh.peak, sh.floor, sh.length = w, s.initial, s.final, float64(n-w)
	case lrsPolynomial:
		sh.poly(a.float("initial_value"), a.float("final_value"), n, a.float("power"))
	case lrsConstant:
		sh.form, sh.peak = shapeFlat, a.float("initial_value")
	}
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (s *lrsSchedule) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls"}
	f.unit = "progress"
	f.peak, f.floor = s.initial, s.final
	f.peakName, f.floorName = ls.v("initial_value"), "final_value"
	switch s.kind {
	case lrsConstant:
		f.holds = true // a constant lr is what it is for
		return f
	case lrsExponential:
		if s.rate == 1 {
			f.flatWhy, f.flatFix = "decay_rate = 1 keeps initial_value", lintFix("decay_rate", 0.1)
		}
		return f
	case lrsCosineWarmup:
		f.warmup = s.warmupEnd(n)
		f.warmupName = ls.v("warmup_fraction")
	case lrsPolynomial:
		if s.power == 0 {
			f.flatWhy, f.flatFix = "power = 0 keeps initial_value", lintFix("power", 2.0)
		}
	}
	f.floorName = ls.v("final_value")
	if s.kind != lrsPolynomial || s.power != 0 {
		f.lintEtaMin(s.initial, s.final, "final_value", "initial_value", "the schedule", floorFix("final_value"))
	}
	return f
}

// lr_schedule is a framework; "sb3" was its name before.
var _ = registerFramework(&framework{name: "lr_schedule", aliases: []string{"sb3"}, title: "lr_schedule", order: 700, tools: &lrsTools{}})

// lrsTools are lr_schedule's hooks for the tools (see frameworkTools): its
// constructors take a config, and its classes share the classmethod create.
type lrsTools struct{}

func (*lrsTools) dispatchers() []importSig { return lrsDispatchers }
func (*lrsTools) read(im *importer, sg *importSig, args map[string]*python.Value) ([]byte, error) {
	return lrsRead(im, sg, args)
}

// target writes a shape as specs of lr_schedule's kinds (see frameworkTools).
func (*lrsTools) target(sh *shape, n int64) ([]candidate, []string) {
	N := float64(n)
	span := "lr_schedule's schedules are functions of the fraction of the run left, so they span the whole run of " + itoa(n) + " steps"
	switch {
	case sh.under:
		return nil, []string{"lr_schedule's cosine starts after the warmup, not under it (timm's warmup_prefix false)"}
	case sh.stable > 0:
		return nil, []string{"lr_schedule's schedules have no stable phase"}
	case !(sh.peak > 0) && sh.form != shapeFlat:
		return nil, []string{"LR Playground's lr_schedule kinds take an initial_value above 0"}
	}
	switch sh.form {
	case shapeCosine:
		if sh.warmup == 0 && sh.length == N {
			return []candidate{spec(lrsCosineKind, "initial_value", sh.peak, "final_value", sh.floor)}, nil
		}
		if sh.warmup > 0 && sh.start == 0 && sh.length == N-float64(sh.warmup) {
			return []candidate{spec(lrsCosineWarmupKind, "initial_value", sh.peak, "final_value", sh.floor,
				"warmup_fraction", float64(sh.warmup)/N)}, nil
		}
		if sh.warmup > 0 && sh.start != 0 {
			return nil, []string{"lr_schedule's warmup starts from 0, not from " + formatFloat(sh.start)}
		}
		lasts := "; the cosine here lasts " + formatFloat(sh.length) + " steps"
		if sh.warmup > 0 {
			lasts += " after a warmup of " + itoa(sh.warmup)
		}
		return nil, []string{span + lasts}
	case shapeLinear, shapePoly:
		if sh.warmup > 0 || sh.length != N {
			return nil, []string{span + "; the decay here lasts " + formatFloat(sh.length) + " steps"}
		}
		power := sh.power
		if sh.form == shapeLinear {
			power = 1
		}
		c := []candidate{spec(lrsPolynomialKind, "initial_value", sh.peak, "final_value", sh.floor, "power", power)}
		if sh.form == shapeLinear {
			c = append([]candidate{spec(lrsLinearKind, "initial_value", sh.peak, "final_value", sh.floor)}, c...)
		}
		return c, nil
	case shapeExp:
		rate := math.Pow(sh.gamma, N)
		if !(rate > 0 && rate <= 1) {
			return nil, []string{"lr_schedule's exponential decay_rate lies in (0, 1]; here gamma^" + itoa(n) + " is " + formatFloat(rate)}
		}
		return []candidate{spec(lrsExponentialKind, "initial_value", sh.peak, "decay_rate", rate)}, nil
	}
	switch {
	case sh.warmup == 0 && sh.peak > 0:
		return []candidate{spec(lrsConstantKind, "initial_value", sh.peak)}, nil
	case sh.warmup == n && sh.start > 0:
		return []candidate{spec(lrsLinearKind, "initial_value", sh.start, "final_value", sh.peak)}, nil
	}
	return nil, []string{span + "; here the warmup lasts " + itoa(sh.warmup) + " steps from " + formatFloat(sh.start)}
}

// lrsCode writes an lr_schedule kind's schedule as its users build it,
// from a config dict, BaseLRSchedule.create(cfg), which is what the
// module's own caller does with a training config's learning_rate. The dict
// names the type and holds every parameter of the spec, so it can be pasted
// into a config as it is; the loop calls the schedule as Stable-Baselines3
// does.
func lrsCode(w *pyWriter, s *Schedule, steps int64) {
	k := s.kind
	_, typ, _ := strings.Cut(k.Name, ".")
	cfg := "{\n    \"type\": " + strs.Quote(typ) + ",\n" // the template's braces are its variables
	for i := range k.Params {
		p := &k.Params[i]
		cfg += "    " + strs.Quote(p.Name) + ": " + pyValue(p, s.args[p.Name]) + ",\n"
	}
	w.set("cfg", cfg+"}")
	w.put(`from lr_schedule import BaseLRSchedule  # lr_schedule.py of ramblingrealms-trading (trading/src/alg/agents/)

# The config dict BaseLRSchedule.create reads, as a training config holds it.
cfg = {cfg}
schedule = BaseLRSchedule.create(cfg)

# Stable-Baselines3: PPO("MlpPolicy", env, learning_rate=schedule).learn(total_timesteps) calls it with
# progress_remaining = 1.0 - num_timesteps / total_timesteps.
total_timesteps = {n}
lrs = [schedule(1.0 - float(i) / float(total_timesteps)) for i in range(total_timesteps)]
print(lrs)
`)
}

// lrsDispatchers: BaseLRSchedule.create(cfg), which every class of the
// module inherits: X.create(cfg) picks the class by cfg["type"] whatever X is.
var lrsDispatchers = []importSig{{callee: "BaseLRSchedule.create", params: []string{"cfg"}, read: lrsRead}}

// method resolves a class's classmethod: create is BaseLRSchedule's.
func (*lrsTools) method(name string) *importSig {
	if name == "create" {
		return &lrsDispatchers[0]
	}
	return nil
}

// lrsKindOf returns the kind of an lr_schedule config's "type".
func lrsKindOf(typ string) *Kind { return registry["lr_schedule."+typ] }

// lrsRead reads a call of lr_schedule: a class given its config, or
// BaseLRSchedule.create(cfg), which picks the class by cfg["type"]
// ("constant" when there is none). A config is a dict, whose keys each class
// reads with cfg.get, ignoring the rest, or a float, which sets
// initial_value alone. What the module raises for a config is an error here,
// in its words. Messages are templates (see pyWriter), for the wasm's size.
func lrsRead(im *importer, sg *importSig, args map[string]*python.Value) ([]byte, error) {
	w := pyWriter{vars: []string{"callee", sg.callee, "example", `{"initial_value": 0.0003}`}}
	cfg, ok := args["cfg"]
	if !ok {
		return nil, errorf("cfg", w.expand("{callee}() needs its config, a dict such as {example} or a float "+
			"(Python raises TypeError without one)"))
	}
	create := sg.kind == nil
	if create {
		w.set("example", `{"type": "cosine", "initial_value": 0.0003}`)
	}
	hint := ""
	if cfg.Kind == python.Int {
		hint = ": write " + itoa(cfg.Int) + ".0"
	}
	w.set("where", sg.callee+"("+strs.Shorten(cfg.Text)+")", "cfg", cfg.Text, "str", pyStrOf(cfg), "hint", hint,
		"dict", `{"initial_value": `+pyStrOf(cfg)+"}", "name", cfg.Name, "unknown", cfg.Unknown)
	var msg string
	switch cfg.Kind {
	case python.Dict:
		return lrsConfig(im, sg, cfg, &w)
	case python.Float:
		k := sg.kind
		if k == nil {
			k = lrsKindOf("constant")
		}
		switch k {
		case lrsKindOf("constant"):
		case lrsKindOf("exponential"):
			im.note("a float config sets initial_value alone: decay_rate is the default, 0.1")
		case lrsKindOf("cosine_warmup"):
			return nil, errorf("cfg", w.expand("{where} fails in lr_schedule: a float config sets no final_value, which the "+
				"cosine after the warmup reads: the warmup's calls (progress below warmup_fraction, 0.1) return "+
				"initial_value·progress/0.1, and the first call at progress 0.1 or more (progress_remaining 0.9 or "+
				"less) raises AttributeError; write a dict such as {dict} instead"))
		default:
			return nil, errorf("cfg", w.expand("{where} fails in lr_schedule: a float config sets no final_value, so its "+
				"first call raises AttributeError; write a dict such as {dict} instead"))
		}
		x, err := im.value(k, k.Param("initial_value"), cfg)
		if err != nil {
			return nil, err
		}
		return checkedSpec(k, map[string]any{"initial_value": x})
	case python.Int, python.Bool, python.None, python.Str:
		msg = "{where} raises ValueError in lr_schedule: Invalid configuration type (a config is a dict or a float{hint})"
		if create {
			msg = "{where} raises ValueError in lr_schedule: Invalid learning rate configuration: {str} " +
				"(a config is a dict or a float{hint})"
		}
	case python.Name:
		msg = "{cfg} is a name LR Playground cannot see (no Python is run): write the config itself, like {example}, " +
			"or paste its assignment ({name} = ...) above the call"
	default:
		msg = "{cfg} is not a config lr_schedule reads (a dict or a float): write one, like {example}"
		if cfg.Kind == python.Call || cfg.Calls {
			msg = "{cfg} is computed when the script runs, and LR Playground runs no Python: write the config itself, like {example}"
		} else if cfg.Unknown != "" {
			msg = "{cfg} uses {unknown}, a name LR Playground cannot see (no Python is run): write the config itself, like {example}"
		}
	}
	return nil, errorf("cfg", w.expand(msg))
}

// lrsConfig reads a config dict: the keys the class reads, in the order
// written, the last of a key given twice, as Python keeps it. w holds the
// call's message variables.
func lrsConfig(im *importer, sg *importSig, cfg *python.Value, w *pyWriter) ([]byte, error) {
	k := sg.kind
	var t *python.Value // the config's "type"
	for i, key := range cfg.Keys {
		if key == "type" {
			t = cfg.Vals[i]
		}
	}
	if t != nil {
		w.set("type", pyStrOf(t), "type_text", strs.Shorten(t.Text))
	}
	switch {
	case k == nil && t == nil:
		k = lrsKindOf("constant")
		im.note(`the config names no "type", so BaseLRSchedule.create makes the constant schedule`)
	case k == nil:
		if t.Kind == python.Str {
			k = lrsKindOf(t.Str)
		}
		if k == nil {
			msg := "{where} raises ValueError in lr_schedule: Unknown learning rate schedule type: {type} " +
				`(the types are "linear", "cosine", "exponential", "cosine_warmup", "polynomial" and "constant")`
			if t.Kind == python.Name || t.Kind == python.Call || t.Kind == python.Other || t.Kind == python.Dict {
				msg = `{type_text} is not a literal: write the type, like "type": "cosine"`
			}
			return nil, errorf("type", w.expand(msg))
		}
	case t != nil && !(t.Kind == python.Str && lrsKindOf(t.Str) == k):
		w.set("kind", strings.TrimPrefix(k.Name, "lr_schedule."))
		im.note(w.expand(`{callee} reads no "type": the config's {type_text} is ignored, and the schedule is {kind} ` +
			"(BaseLRSchedule.create(cfg) is the call that reads it)"))
	}
	w.set("kind", strings.TrimPrefix(k.Name, "lr_schedule."))
	values := map[string]any{}
	im.inConfig = true
	for i, key := range cfg.Keys {
		p := k.Param(key)
		if key == "type" || p == nil {
			continue
		}
		v := cfg.Vals[i]
		if v.Kind == python.Bool { // Python computes with True as 1
			v = &python.Value{Kind: python.Int, Int: int64(v.Number()), Text: v.Text, Pos: v.Pos}
		}
		if key == "power" && (v.Kind == python.Str || v.Kind == python.None || v.Kind == python.Dict) {
			w.set("got", "str")
			if v.Kind == python.None {
				w.set("got", "NoneType")
			} else if v.Kind == python.Dict {
				w.set("got", "dict")
			}
			return nil, errorf(key, w.expand("{where} raises TypeError in lr_schedule: PolynomialLRSchedule 'power' must "+
				"be a number (int or float), got {got}"))
		}
		x, err := im.value(k, p, v)
		if err != nil {
			return nil, err
		}
		values[key] = x
	}
	var names []string
	for _, p := range k.Params {
		names = append(names, p.Name)
	}
	for _, key := range cfg.Keys {
		if key == "type" || slices.Contains(names, key) {
			continue
		}
		w.set("key", strs.Quote(strs.Shorten(key)), "mean", "")
		if s := suggest(key, names); s != "" {
			w.set("mean", `; did you mean "`+s+`"?`)
		}
		im.note(w.expand("the config's {key} is not read by the {kind} type, and lr_schedule ignores keys a type does not read{mean}"))
	}
	return checkedSpec(k, values)
}
