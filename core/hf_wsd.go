package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

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
		{Name: "num_stable_steps", Type: Int, Nullable: true, Default: nil, Range: between(-hfMaxIntParam, hfMaxIntParam),
			Doc: "the number of steps at lr between warmup and decay; wins over num_training_steps when both are set. " +
				"Negative, as Hugging Face takes it, the decay starts part-way at warmup's end",
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
			return nil, errorf("num_training_steps", "missing: Either num_training_steps or num_stable_steps must be specified.")
		}
		return s, nil
	},
})

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
//	S < 0             the decay starts at p = −S/max(1, D) at step W (S from
//	                  num_training_steps, or num_stable_steps given negative)
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
	if s.stable < 0 && !stableFromTotal {
		f.jumpWhy = ls.v("num_stable_steps") + " is negative, so the decay starts part-way through"
		f.jumpFix = ls.set("num_stable_steps", 0)
	}
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
