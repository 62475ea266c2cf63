package core

import (
	"math"
	"math/bits"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

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
