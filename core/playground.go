package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var playgroundKind = register(&Kind{
	Name:      "playground",
	order:     0,
	compose:   playgroundCode,
	Framework: "LR Playground",
	Title:     "Warmup + cosine with warm restarts",
	Doc: "Our teaching schedule: a linear warmup over a fraction of the run, then cosine cycles " +
		"of T_max, T_max·T_mult, T_max·T_mult², ... steps, each restarting at lr·decay^k. " +
		"Without restarts, one cosine of T_max steps, then eta_min held.",
	Convention:   "the lr of step i of a run of N steps; the warmup length is round(warmup·N)",
	Link:         "",
	Example:      `{"kind": "playground", "lr": 0.1, "T_max": 130, "T_mult": 2, "warmup": 0.09}`,
	ExampleSteps: 1000,
	Params: []Param{
		{Name: "lr", Type: Float, Default: 0.1, Range: Range{Min: 0, Max: playgroundMaxLR, MinOpen: true}, Doc: "peak learning rate, reached at the end of warmup and at each restart (past 1e290 the warmup's arithmetic overflows)", Hint: Hint{Min: 1e-5, Max: 1, Log: true}},
		{Name: "eta_min", Type: Float, Default: 0.0, Range: between(0, playgroundMaxLR), Doc: "the learning rate at the bottom of each cosine", Hint: Hint{Min: 0, Max: 0.1}},
		{Name: "T_max", Type: Int, Default: int64(100), Range: between(1, float64(MaxSteps)), Doc: "length of the first cosine cycle in steps, counted from the end of warmup", Hint: Hint{Min: 1, Max: 1000, Step: 1}},
		{Name: "T_mult", Type: Float, Default: 2.0, Range: between(1, 100), Doc: "each cycle is T_mult times longer than the one before (1: equal cycles)", Hint: Hint{Min: 1, Max: 4, Step: 0.05}},
		{Name: "warmup", Type: Float, Default: 0.05, Range: between(0, 0.5), Doc: "fraction of all steps spent warming up linearly from warmup_start to lr", Hint: Hint{Min: 0, Max: 0.5, Step: 0.01}},
		{Name: "warmup_start", Type: Float, Default: 0.0, Range: between(0, playgroundMaxLR), Doc: "the learning rate at step 0 when there is a warmup", Hint: Hint{Min: 0, Max: 0.1}},
		{Name: "restarts", Type: Bool, Default: true, Doc: "start a new cosine cycle after each one ends; off: one cosine, then hold eta_min"},
		{Name: "decay", Type: Float, Default: 1.0, Range: Range{Min: 0, Max: 1, MinOpen: true}, Doc: "each restart's peak is decay times the one before", Hint: Hint{Min: 0.05, Max: 1, Step: 0.05}},
	},
	build: func(a args) (kindCurve, error) {
		return &playground{
			lr: a.float("lr"), etaMin: a.float("eta_min"),
			tMax: float64(a.int("T_max")), tMult: a.float("T_mult"),
			warmup: a.float("warmup"), warmupStart: a.float("warmup_start"),
			restarts: a.bool("restarts"), decay: a.float("decay"),
		}, nil
	},
})

// playgroundMaxLR bounds lr, eta_min and warmup_start. The warmup multiplies
// lr − warmup_start by the step, which can be 5·10^11 (half of MaxSteps), and
// the product must stay below float64's 1.8e308; so must the cosine's
// (peak − eta_min)·(1 + cos), which is at most twice the larger rate.
const playgroundMaxLR = 1e290

// playground is the formula in the package doc.
type playground struct {
	lr, etaMin, tMax, tMult, warmup, warmupStart, decay float64
	restarts                                            bool
}

// warmupSteps is W = round(warmup·N), rounding halves away from zero.
func (p *playground) warmupSteps(n int64) int64 { return int64(math.Round(p.warmup * float64(n))) }

// cycleStart is S_k = T_max·(T_mult^k − 1)/(T_mult − 1), the sum of the first k cycle lengths.
func (p *playground) cycleStart(k int64) float64 { return geometricStart(p.tMax, p.tMult, k) }

// geometricStart is S_k = L·(M^k − 1)/(M − 1), the sum of the first k cycle
// lengths L, L·M, ..., L·M^(k−1), for a whole L ≥ 1, M in [1, 100] and
// k ≥ 0, with S_k taken to the nearest whole number when it lies within
// 2^-44 of one, relatively.
//
// Why: a cycle starts at the first step that reaches S_k, so S_k = 234 must
// not come out as 234.00000000000006 (T_max 234, T_mult 3.15), which starts
// the second cycle a step late. The formula is computed as
// L·expm1(k·log1p(M − 1))/(M − 1), which keeps M just above 1 accurate: M − 1
// is exact (M ≤ 100 has no bits below 2^-46), log1p and expm1 are within an
// ulp, and with Y = k·ln M the exponent's two roundings move expm1 by at
// most 1.5·2^-52·Y·e^Y/(e^Y − 1) ≤ 1.5·2^-52·(1 + Y) relatively; with the
// product and the quotient, S_k is within (3.5 + 1.5·Y)·2^-52 of the exact
// value. Y = ln(1 + S_k·(M − 1)/L) is below 32 for S_k up to 10^12 (and
// M ≤ 100), so the error is below 51.5·2^-52 < 2^-46: a whole S_k comes
// back within 2^-46 and is restored exactly. A fractional S_k that close to
// a whole number is taken as it too: T_mult typed as a decimal (1.1, 3.15)
// is stored 2^-53 off, which moves S_k by about k·2^-53, so S_2 = 21 for
// T_max 10 and T_mult 1.1, as a person computes it, not 21.0000000000000009.
func geometricStart(L, M float64, k int64) float64 {
	if M == 1 {
		return L * float64(k) // exact below 2^53
	}
	s := L * math.Expm1(float64(k)*math.Log1p(M-1)) / (M - 1)
	if r := math.Round(s); math.Abs(s-r) <= s*0x1p-44 {
		return r
	}
	return s
}

// cycle returns k with S_k <= t < S_{k+1}.
func (p *playground) cycle(t float64) int64 { return geometricCycle(p.tMax, p.tMult, t) }

// geometricCycle returns the k with S_k ≤ t < S_{k+1} (S_k as geometricStart
// gives it), for t ≥ 0: the closed-form estimate, then S_k itself decides,
// since the estimate can be one off through rounding.
func geometricCycle(L, M, t float64) int64 {
	var k int64
	if M == 1 {
		k = int64(t / L)
	} else {
		k = int64(math.Log1p(t*(M-1)/L) / math.Log1p(M-1))
	}
	for k > 0 && geometricStart(L, M, k) > t {
		k--
	}
	for geometricStart(L, M, k+1) <= t {
		k++
	}
	return k
}

func (p *playground) at(i, n int64) float64 {
	w := p.warmupSteps(n)
	if i < w {
		return p.warmupStart + (p.lr-p.warmupStart)*float64(i)/float64(w)
	}
	t := float64(i - w)
	if !p.restarts {
		return p.etaMin + (p.lr-p.etaMin)*(1+xmath.Cos(math.Pi*min(t, p.tMax)/p.tMax))/2
	}
	k := p.cycle(t)
	s, l := p.cycleStart(k), p.cycleStart(k+1)-p.cycleStart(k)
	peak := p.lr * xmath.Pow(p.decay, float64(k))
	return p.etaMin + (peak-p.etaMin)*(1+xmath.Cos(math.Pi*(t-s)/l))/2
}

func (p *playground) events(n, from, to int64, yield func(Event) bool) {
	w := p.warmupSteps(n)
	if w > 0 && w >= from && w < to && !yield(Event{w, WarmupEnd}) {
		return
	}
	if !p.restarts {
		if end := w + int64(p.tMax); end >= from && end < to {
			yield(Event{end, Boundary})
		}
		return
	}
	// Cycle k+1 starts at the first step whose t reaches S_{k+1}.
	k := int64(0)
	if from > w {
		k = max(p.cycle(float64(from-w))-1, 0)
	}
	for ; ; k++ {
		start := math.Ceil(p.cycleStart(k + 1))
		if start >= float64(to-w) {
			return
		}
		step := w + int64(start)
		if step >= from && !yield(Event{step, Restart}) {
			return
		}
	}
}

// fill writes a run cycle by cycle: the same values as at, without finding
// each step's cycle again.
func (p *playground) fill(dst []float64) {
	n := int64(len(dst))
	w := min(p.warmupSteps(n), n)
	for i := range w {
		dst[i] = p.at(i, n)
	}
	if !p.restarts {
		for i := w; i < n; i++ {
			dst[i] = p.at(i, n)
		}
		return
	}
	k := int64(0)
	start, next := p.cycleStart(0), p.cycleStart(1)
	peak := p.lr
	for i := w; i < n; i++ {
		t := float64(i - w)
		for next <= t {
			k++
			start, next = next, p.cycleStart(k+1)
			peak = p.lr * xmath.Pow(p.decay, float64(k))
		}
		dst[i] = p.etaMin + (peak-p.etaMin)*(1+xmath.Cos(math.Pi*(t-start)/(next-start)))/2
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (p *playground) shape(_ args, n int64) (shape, string) {
	sh := newShape()
	sh.warmup = p.warmupSteps(n)
	sh.start, sh.peak, sh.floor = p.warmupStart, p.lr, p.etaMin
	sh.length, sh.mult, sh.decay = p.tMax, p.tMult, p.decay
	if p.restarts {
		sh.cycles = 0
	}
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (p *playground) lintFacts(ls lintSpec, n int64) lintFacts {
	a := ls.a
	f := lintFacts{unit: "scheduler.step() calls"}
	f.warmup = min(p.warmupSteps(n), n)
	f.warmupName = ls.v("warmup") + " (" + itoa(f.warmup) + " steps)"
	f.peak, f.floor, f.peakName, f.floorName = p.lr, p.etaMin, ls.v("lr"), ls.v("eta_min")
	f.unit = "steps"
	tmax := a.int("T_max")
	if p.restarts {
		f.cycles, f.cycleParam = true, "T_max"
		f.noRestartWhy = "the first cycle, " + ls.v("T_max") + " steps after warmup, does not end within it"
	} else {
		f.end = f.warmup + tmax
		f.endName = ls.v("T_max") + " ends the cosine"
		f.fitEnd = ls.set("T_max", float64(n-f.warmup))
		f.scale = ls.scale("T_max")
	}
	f.lintEtaMin(p.lr, p.etaMin, "eta_min", "lr", "each cosine", floorFix("eta_min"))
	return f
}
