package core

import (
	"math"
	"strings"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// The progress-based RL schedule family: the lr of SB3-style training is
// lr_schedule(progress_remaining), which runs from 1.0 at the start to 0.0
// at the end. The five kinds are the schedule types of the config dict read
// by BaseLRSchedule.create(cfg) in mjacobsen32/ramblingrealms-trading
// trading/src/alg/agents/lr_schedule.py ({"type": "linear" | "cosine" |
// "exponential" | "cosine_warmup" | "polynomial", "initial_value": ...}),
// which hands the schedule to Stable-Baselines3 as learning_rate. Their
// formulas, defaults and checks are ported as that file has them, in float64
// and the source's order. Step i of a run of N steps uses
// progress_remaining = 1.0 - float(i) / float(N), as Stable-Baselines3's
// BaseAlgorithm._update_current_progress_remaining computes it from
// num_timesteps = i and total_timesteps = N; so the curve depends on N, and
// its last value is at progress_remaining = 1/N, not 0.

const (
	sb3Link       = "https://stable-baselines3.readthedocs.io/en/master/guide/examples.html#learning-rate-schedule"
	sb3Framework  = "Stable-Baselines3"
	sb3Convention = "lr_schedule(progress_remaining) with progress_remaining = 1.0 - float(i) / float(N) " +
		"(SB3's _update_current_progress_remaining at num_timesteps i of total_timesteps N)"
	// sb3MaxValue keeps sums of learning rates away from float64 overflow.
	sb3MaxValue = 1e300
)

func sb3InitialParam() Param {
	return Param{Name: "initial_value", Type: Float, Default: 0.001, Range: Range{Min: 0, Max: sb3MaxValue, MinOpen: true},
		Doc:  "the learning rate at the start (progress_remaining = 1)",
		Hint: Hint{Min: 1e-6, Max: 1e-1, Log: true}}
}

func sb3FinalParam() Param {
	return Param{Name: "final_value", Type: Float, Default: 0.0, Range: between(0, sb3MaxValue),
		Doc:  "the learning rate the schedule tends to at the end (progress_remaining = 0)",
		Hint: Hint{Min: 0, Max: 1e-3}}
}

var sb3LinearKind = register(&Kind{
	Name:      "sb3.linear",
	order:     700,
	code:      sb3Code,
	Framework: sb3Framework,
	Title:     "Linear (progress remaining)",
	Doc: "LinearLRSchedule: progress_remaining·initial_value + (1 − progress_remaining)·final_value, a straight line " +
		"from initial_value to final_value over the run (final_value 0 is SB3's get_linear_fn / the RL Zoo's " +
		"linear_schedule). Ported from BaseLRSchedule in ramblingrealms-trading trading/src/alg/agents/lr_schedule.py.",
	Convention:   sb3Convention,
	Link:         sb3Link,
	Example:      `{"kind": "sb3.linear", "initial_value": 3e-4, "final_value": 1e-5}`,
	ExampleSteps: 1000,
	Params:       []Param{sb3InitialParam(), sb3FinalParam()},
	build: func(a args) (kindCurve, error) {
		return &sb3Schedule{kind: sb3Linear, initial: a.float("initial_value"), final: a.float("final_value")}, nil
	},
})

var sb3CosineKind = register(&Kind{
	Name:      "sb3.cosine",
	order:     701,
	code:      sb3Code,
	Framework: sb3Framework,
	Title:     "Cosine (progress remaining)",
	Doc: "CosineAnnealingLRSchedule: with progress = 1 − progress_remaining, " +
		"final_value + 0.5·(initial_value − final_value)·(1 + cos(π·progress)), a half cosine from initial_value to " +
		"final_value over the run. Ported from ramblingrealms-trading trading/src/alg/agents/lr_schedule.py.",
	Convention:   sb3Convention,
	Link:         sb3Link,
	Example:      `{"kind": "sb3.cosine", "initial_value": 3e-4, "final_value": 1e-5}`,
	ExampleSteps: 1000,
	Params:       []Param{sb3InitialParam(), sb3FinalParam()},
	build: func(a args) (kindCurve, error) {
		return &sb3Schedule{kind: sb3Cosine, initial: a.float("initial_value"), final: a.float("final_value")}, nil
	},
})

var sb3ExponentialKind = register(&Kind{
	Name:      "sb3.exponential",
	order:     702,
	code:      sb3Code,
	Framework: sb3Framework,
	Title:     "Exponential (progress remaining)",
	Doc: "ExponentialLRSchedule: initial_value·decay_rate^(1 − progress_remaining), from initial_value to " +
		"initial_value·decay_rate over the run; decay_rate must lie in (0, 1], as the source raises. The config's " +
		"final_value is read but unused by this type, so it is not a parameter here. Ported from " +
		"ramblingrealms-trading trading/src/alg/agents/lr_schedule.py.",
	Convention:   sb3Convention,
	Link:         sb3Link,
	Example:      `{"kind": "sb3.exponential", "initial_value": 3e-4, "decay_rate": 0.1}`,
	ExampleSteps: 1000,
	Params: []Param{
		sb3InitialParam(),
		{Name: "decay_rate", Type: Float, Default: 0.1, Range: Range{Min: 0, Max: 1, MinOpen: true},
			Doc:  "the fraction of initial_value left at the end",
			Hint: Hint{Min: 0.001, Max: 1, Log: true}},
	},
	build: func(a args) (kindCurve, error) {
		return &sb3Schedule{kind: sb3Exponential, initial: a.float("initial_value"), rate: a.float("decay_rate")}, nil
	},
})

var sb3CosineWarmupKind = register(&Kind{
	Name:      "sb3.cosine_warmup",
	order:     703,
	code:      sb3Code,
	Framework: sb3Framework,
	Title:     "Warmup + cosine (progress remaining)",
	Doc: "CosineWarmupLRSchedule: with progress = 1 − progress_remaining, initial_value·progress/warmup_fraction " +
		"while progress < warmup_fraction (a linear warmup from 0), then a half cosine from initial_value to final_value " +
		"over the rest of the run; warmup_fraction must lie in (0, 1), as the source raises. Ported from " +
		"ramblingrealms-trading trading/src/alg/agents/lr_schedule.py.",
	Convention:   sb3Convention,
	Link:         sb3Link,
	Example:      `{"kind": "sb3.cosine_warmup", "initial_value": 3e-4, "final_value": 1e-5, "warmup_fraction": 0.1}`,
	ExampleSteps: 1000,
	Params: []Param{
		sb3InitialParam(), sb3FinalParam(),
		{Name: "warmup_fraction", Type: Float, Default: 0.1, Range: Range{Min: 0, Max: 1, MinOpen: true, MaxOpen: true},
			Doc:  "the fraction of the run spent warming up linearly from 0 to initial_value",
			Hint: Hint{Min: 0.01, Max: 0.5, Step: 0.01}},
	},
	build: func(a args) (kindCurve, error) {
		return &sb3Schedule{kind: sb3CosineWarmup, initial: a.float("initial_value"), final: a.float("final_value"),
			warmup: a.float("warmup_fraction")}, nil
	},
})

var sb3PolynomialKind = register(&Kind{
	Name:      "sb3.polynomial",
	order:     704,
	code:      sb3Code,
	Framework: sb3Framework,
	Title:     "Polynomial (progress remaining)",
	Doc: "PolynomialLRSchedule: (initial_value − final_value)·progress_remaining^power + final_value; power 1 is " +
		"linear, 2 (the default) quadratic, 0 holds initial_value; power must be ≥ 0, as the source raises. Ported from " +
		"ramblingrealms-trading trading/src/alg/agents/lr_schedule.py.",
	Convention:   sb3Convention,
	Link:         sb3Link,
	Example:      `{"kind": "sb3.polynomial", "initial_value": 3e-4, "final_value": 1e-5, "power": 2}`,
	ExampleSteps: 1000,
	Params: []Param{
		sb3InitialParam(), sb3FinalParam(),
		{Name: "power", Type: Float, Default: 2.0, Range: atLeast(0),
			Doc:  "the exponent applied to progress_remaining",
			Hint: Hint{Min: 0, Max: 5, Step: 0.1}},
	},
	build: func(a args) (kindCurve, error) {
		return &sb3Schedule{kind: sb3Polynomial, initial: a.float("initial_value"), final: a.float("final_value"),
			power: a.float("power")}, nil
	},
})

type sb3Kind int

const (
	sb3Linear sb3Kind = iota
	sb3Cosine
	sb3Exponential
	sb3CosineWarmup
	sb3Polynomial
)

// sb3Schedule is the five schedules of the family. With pr =
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
//
// Every value lies between initial_value and final_value (or, for
// exponential, initial_value·decay_rate), so none is negative.
//
// Special cases are:
//
//	i = 0                 initial_value (0 for cosine_warmup: its warmup starts at 0)
//	i = N − 1             the value at pr = 1/N: final_value is never reached
//	final_value > initial_value  the lr rises (linear, cosine, polynomial, after warmup)
//	decay_rate = 1        exponential: initial_value throughout
//	power = 0             polynomial: initial_value throughout (pr**0 = 1)
//	N = 1                 one step, at pr = 1
//
// Events: cosine_warmup has a WarmupEnd at the first step whose progress
// reaches warmup_fraction; the others are monotone and have none, except a
// nearly flat linear one: when the lr moves by less than a few ulps a step,
// the rounding of its two products makes it wobble, so every step is a Turn
// (a run of one step is monotone; drawing reads such runs within its budget).
type sb3Schedule struct {
	kind                                sb3Kind
	initial, final, rate, warmup, power float64
}

func (s *sb3Schedule) at(i, n int64) float64 { return s.value(1.0 - float64(i)/float64(n)) }

// value is the schedule's func(progress_remaining).
func (s *sb3Schedule) value(pr float64) float64 {
	switch s.kind {
	case sb3Linear:
		return float64(pr*s.initial) + float64((1.0-pr)*s.final)
	case sb3Cosine:
		progress := 1.0 - pr
		return s.final + float64(0.5*(s.initial-s.final)*(1.0+xmath.Cos(math.Pi*progress)))
	case sb3Exponential:
		progress := 1.0 - pr
		return s.initial * xmath.Pow(s.rate, progress)
	case sb3CosineWarmup:
		progress := 1.0 - pr
		if progress < s.warmup {
			return s.initial * (progress / s.warmup)
		}
		cosineProgress := (progress - s.warmup) / (1.0 - s.warmup)
		return s.final + float64(0.5*(s.initial-s.final)*(1.0+xmath.Cos(math.Pi*cosineProgress)))
	default: // sb3Polynomial
		return float64((s.initial-s.final)*xmath.Pow(pr, s.power)) + s.final
	}
}

// wobbles reports whether a linear schedule over n steps moves so little a
// step that rounding can make it turn: pr·a + (1 − pr)·b is off by up to
// about 3 ulps of max(|a|, |b|), so a step of less than 16 ulps may not show
// the true direction.
func (s *sb3Schedule) wobbles(n int64) bool {
	m := max(math.Abs(s.initial), math.Abs(s.final))
	ulp := math.Nextafter(m, math.Inf(1)) - m
	return math.Abs(s.initial-s.final)/float64(n) <= 16*ulp
}

// progress is 1.0 - progress_remaining of step i, as the schedules compute it.
func (s *sb3Schedule) progress(i, n int64) float64 { return 1.0 - (1.0 - float64(i)/float64(n)) }

// warmupEnd is the first step whose progress reaches warmup_fraction, or n.
// progress is non-decreasing in i, so the estimate ⌈warmup·n⌉ is moved to it.
func (s *sb3Schedule) warmupEnd(n int64) int64 {
	i := min(max(int64(math.Ceil(s.warmup*float64(n))), 0), n)
	for i > 0 && s.progress(i-1, n) >= s.warmup {
		i--
	}
	for i < n && s.progress(i, n) < s.warmup {
		i++
	}
	return i
}

func (s *sb3Schedule) events(n, from, to int64, yield func(Event) bool) {
	if s.kind == sb3Linear && s.wobbles(n) {
		for i := max(from, 1); i < to; i++ {
			if !yield(Event{i, Turn}) {
				return
			}
		}
		return
	}
	if s.kind != sb3CosineWarmup {
		return
	}
	if w := s.warmupEnd(n); w >= from && w < to {
		yield(Event{w, WarmupEnd})
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (s *sb3Schedule) shape(a args, n int64) (shape, string) {
	sh := newShape()
	switch s.kind {
	case sb3Linear:
		sh.linear(a.float("initial_value"), a.float("final_value"), n)
	case sb3Cosine:
		sh.peak, sh.floor, sh.length = a.float("initial_value"), a.float("final_value"), float64(n)
	case sb3Exponential:
		sh.form, sh.peak = shapeExp, a.float("initial_value")
		sh.gamma = math.Pow(a.float("decay_rate"), 1/float64(n))
	case sb3CosineWarmup:
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
	case sb3Polynomial:
		sh.poly(a.float("initial_value"), a.float("final_value"), n, a.float("power"))
	}
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (s *sb3Schedule) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "scheduler.step() calls"}
	f.unit = "progress"
	f.peak, f.floor = s.initial, s.final
	f.peakName, f.floorName = ls.v("initial_value"), "final_value"
	switch s.kind {
	case sb3Exponential:
		if s.rate == 1 {
			f.flatWhy, f.flatFix = "decay_rate = 1 keeps initial_value", lintFix("decay_rate", 0.1)
		}
		return f
	case sb3CosineWarmup:
		f.warmup = s.warmupEnd(n)
		f.warmupName = ls.v("warmup_fraction")
	case sb3Polynomial:
		if s.power == 0 {
			f.flatWhy, f.flatFix = "power = 0 keeps initial_value", lintFix("power", 2.0)
		}
	}
	f.floorName = ls.v("final_value")
	if s.kind != sb3Polynomial || s.power != 0 {
		f.lintEtaMin(s.initial, s.final, "final_value", "initial_value", "the schedule", floorFix("final_value"))
	}
	return f
}

// sb3 is a framework.
var _ = registerFramework(&framework{name: "sb3", title: "Stable-Baselines3", order: 700, target: sb3Target})

// sb3Target writes a shape as specs of Stable-Baselines3's kinds (see target).
func sb3Target(sh *shape, n int64) ([]candidate, []string) {
	N := float64(n)
	span := "Stable-Baselines3's schedules are functions of the fraction of the run left, so they span the whole run of " + inum(n) + " steps"
	switch {
	case sh.under:
		return nil, []string{"Stable-Baselines3's cosine starts after the warmup, not under it (timm's warmup_prefix false)"}
	case sh.stable > 0:
		return nil, []string{"Stable-Baselines3's schedules have no stable phase"}
	case !(sh.peak > 0) && sh.form != shapeFlat:
		return nil, []string{"Stable-Baselines3's initial_value must be more than 0"}
	}
	switch sh.form {
	case shapeCosine:
		if sh.warmup == 0 && sh.length == N {
			return []candidate{spec(sb3CosineKind, "initial_value", sh.peak, "final_value", sh.floor)}, nil
		}
		if sh.warmup > 0 && sh.start == 0 && sh.length == N-float64(sh.warmup) {
			return []candidate{spec(sb3CosineWarmupKind, "initial_value", sh.peak, "final_value", sh.floor,
				"warmup_fraction", float64(sh.warmup)/N)}, nil
		}
		if sh.warmup > 0 && sh.start != 0 {
			return nil, []string{"Stable-Baselines3's warmup starts from 0, not from " + fnum(sh.start)}
		}
		lasts := "; the cosine here lasts " + fnum(sh.length) + " steps"
		if sh.warmup > 0 {
			lasts += " after a warmup of " + inum(sh.warmup)
		}
		return nil, []string{span + lasts}
	case shapeLinear, shapePoly:
		if sh.warmup > 0 || sh.length != N {
			return nil, []string{span + "; the decay here lasts " + fnum(sh.length) + " steps"}
		}
		power := sh.power
		if sh.form == shapeLinear {
			power = 1
		}
		c := []candidate{spec(sb3PolynomialKind, "initial_value", sh.peak, "final_value", sh.floor, "power", power)}
		if sh.form == shapeLinear {
			c = append([]candidate{spec(sb3LinearKind, "initial_value", sh.peak, "final_value", sh.floor)}, c...)
		}
		return c, nil
	case shapeExp:
		rate := math.Pow(sh.gamma, N)
		if !(rate > 0 && rate <= 1) {
			return nil, []string{"Stable-Baselines3's exponential decay_rate lies in (0, 1]; here gamma^" + inum(n) + " is " + fnum(rate)}
		}
		return []candidate{spec(sb3ExponentialKind, "initial_value", sh.peak, "decay_rate", rate)}, nil
	}
	switch {
	case sh.warmup == 0 && sh.peak > 0:
		return []candidate{spec(sb3LinearKind, "initial_value", sh.peak, "final_value", sh.peak)}, nil
	case sh.warmup == n && sh.start > 0:
		return []candidate{spec(sb3LinearKind, "initial_value", sh.start, "final_value", sh.peak)}, nil
	}
	return nil, []string{span + "; here the warmup lasts " + inum(sh.warmup) + " steps from " + fnum(sh.start)}
}

// sb3Bodies are the bodies of the function Stable-Baselines3 calls for each
// sb3 kind, with the operations of core's port in the same order.
var sb3Bodies = map[sb3Kind]string{
	sb3Linear: "    return progress_remaining * initial_value + (1.0 - progress_remaining) * final_value\n",
	sb3Cosine: `    progress = 1.0 - progress_remaining
    return final_value + 0.5 * (initial_value - final_value) * (1.0 + math.cos(math.pi * progress))
`,
	sb3Exponential: "    progress = 1.0 - progress_remaining\n    return initial_value * decay_rate**progress\n",
	sb3CosineWarmup: `    progress = 1.0 - progress_remaining
    if progress < warmup_fraction:
        return initial_value * (progress / warmup_fraction)
    cosine_progress = (progress - warmup_fraction) / (1.0 - warmup_fraction)
    return final_value + 0.5 * (initial_value - final_value) * (1.0 + math.cos(math.pi * cosine_progress))
`,
	sb3Polynomial: "    return (initial_value - final_value) * progress_remaining**power + final_value\n",
}

// sb3Code writes an sb3 kind's schedule as the function Stable-Baselines3
// calls.
func sb3Code(w *pyWriter, s *Schedule, steps int64) {
	k := s.kind
	body := sb3Bodies[s.curve.(*sb3Schedule).kind]
	if strings.Contains(body, "math.") {
		w.put("import math\n\n")
	}
	for i := range k.Params {
		p := &k.Params[i]
		w.WriteString(p.Name + " = " + pyValue(p, s.args[p.Name]) + "\n")
	}
	w.set("body", body, "ktitle", k.Title)
	w.put(`

def lr_schedule(progress_remaining: float) -> float:
    """{ktitle}: progress_remaining runs from 1.0 at the start of training to 0.0 at the end."""
{body}

# Stable-Baselines3: PPO("MlpPolicy", env, learning_rate=lr_schedule).learn(total_timesteps) calls it with
# progress_remaining = 1.0 - num_timesteps / total_timesteps.
total_timesteps = {n}
lrs = [lr_schedule(1.0 - float(i) / float(total_timesteps)) for i in range(total_timesteps)]
print(lrs)
`)
}
