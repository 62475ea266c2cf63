package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var torchCosineKind = register(&Kind{
	Name:       "torch.CosineAnnealingLR",
	order:      100,
	code:       torchCode,
	imports:    []importSig{{callee: "CosineAnnealingLR", params: []string{"optimizer", "T_max", "eta_min", "last_epoch", "verbose"}}},
	arithmetic: "PyTorch's CosineAnnealingLR computes each lr from the one before",
	Framework:  "PyTorch",
	Title:      "Cosine annealing (CosineAnnealingLR)",
	Doc: "Half a cosine from lr down to eta_min over T_max steps, computed as PyTorch does by its " +
		"recursive (chainable) formula. PyTorch does not hold eta_min after T_max: the cosine goes on, " +
		"so the lr climbs back to lr at 2·T_max, falls again to eta_min at 3·T_max, and so on with period " +
		"2·T_max. Step (2k+1)·T_max is exactly eta_min. With T_max = 1 the lr alternates lr, eta_min, lr, ... " +
		"With eta_min far above lr, the recursion's rounding near each trough grows on the way back up, so the lr " +
		"at the steps 2k·T_max can miss lr by up to about eta_min·T_max²·1e-16 and come out below 0 " +
		"(−4.6e285 at step 40 with lr 0.1, T_max 20, eta_min 1e300; −0.025 at step 2·10^8 with lr 0, " +
		"T_max 10^8, eta_min 0.1): PyTorch computes the same values, and they are drawn as they are.",
	Convention:   torchConvention,
	Link:         torchDocs + "CosineAnnealingLR.html",
	Example:      `{"kind": "torch.CosineAnnealingLR", "lr": 0.1, "T_max": 20}`,
	ExampleSteps: 150,
	Params: []Param{
		torchLR(),
		{Name: "T_max", Type: Int, Required: true, Range: atLeast(1),
			Doc:  "steps from lr down to eta_min: half the cosine's period (0 divides by zero; PyTorch treats −T as T, which we reject)",
			Hint: Hint{Min: 1, Max: 1000, Step: 1}},
		torchEtaMin(),
	},
	build: func(a args) (kindCurve, error) {
		c := &torchCosine{lr: a.float("lr"), tMax: a.int("T_max"), etaMin: a.float("eta_min")}
		c.crash = c.firstZeroDivision()
		return c, nil
	},
})

// torchCosine is torch.optim.lr_scheduler.CosineAnnealingLR. Its get_lr is
// recursive: with g the lr of the step before and t = last_epoch ≥ 1,
//
//	if (t − 1 − T_max) mod 2·T_max == 0:  g + (lr − eta_min)·(1 − cos(π/T_max))/2
//	else: (1 + cos(π·t/T_max)) / (1 + cos(π·(t−1)/T_max)) · (g − eta_min) + eta_min
//
// and fill runs it in that order. Solved, it is the cosine
// eta_min + (lr − eta_min)·(1 + cos(π·t/T_max))/2, which at returns for
// t ≤ T_max. Past T_max, at returns the recursion's own closed form: at a
// trough t₀ = (2k+1)·T_max the recursion gives eta_min exactly (its numerator
// is 0), at t₀+1 the first branch, and after that the product of its ratios,
// which telescopes to
//
//	d·(1 + cos(π·t/T_max)) / (1 + cos(π·(t₀+1)/T_max)) + eta_min,  d = lr_{t₀+1} − eta_min.
//
// Mathematically that is the same cosine; numerically it keeps the rounding of
// cos at large arguments that the recursion carries, so at agrees with fill to
// about 2e-15 of max(lr, eta_min) over 10^7 steps (T_max = 20), where the
// textbook cosine drifts by 4e-10 after 10^6. With eta_min > 0 and T_max in the thousands, PyTorch's
// recursion itself drifts from any closed form past T_max (adding eta_min back
// each step rounds the small difference g − eta_min near a trough): 5e-12
// relative at T_max = 1000, 8e-11 at 10^4 and 4e-8 at 10^5 with
// eta_min = lr/2. fill has those values; at does not.
//
// For T_max ≥ about 3e8, 1 + cos(π·t/T_max) rounds to 0 not only at a trough
// but at its neighbours too, and PyTorch's division raises ZeroDivisionError
// a little before step T_max; checkSteps rejects runs that reach that step.
//
// Special cases are:
//
//	lr_0 = lr
//	lr_{(2k+1)·T_max} = eta_min exactly, for 2k+1 up to about 5·10^7 (further out,
//	    π·t/T_max rounds far enough from an odd multiple of π that 1 + cos is not 0)
//	lr_{2k·T_max} = lr (up to rounding: the curve is periodic, not held at eta_min)
//	T_max = 1: lr, eta_min, lr, eta_min, ...
//	eta_min = lr: lr at every step
//	eta_min > lr: the cosine upside down, from lr up to eta_min
//	eta_min ≫ lr: lr_{2k·T_max} may be below 0, as PyTorch computes it (see below)
//
// Below 0: with eta_min > lr, the values near a peak 2k·T_max are eta_min
// plus a difference the recursion carries from the trough before, where it
// is eta_min·(1 − cos(π/T_max))/2 ≈ eta_min·π²/(4·T_max²) and rounded to an
// ulp of eta_min; on the way up it grows by 2/(1 + cos(π·(t₀+1)/T_max)) ≈
// 4·T_max²/π², and the rounding of each step after t₀ with it. Summed, the
// lr at a peak is lr give or take about eta_min·T_max²·2^-52/3, plus
// eta_min·step·2^-52 from the rounding of π·t/T_max at large steps: 0 or
// negative when lr is smaller. That is PyTorch's arithmetic (fill matches
// the Python transcription bit for bit, torch_test.go), so the values stand
// and are drawn; at, the closed form, has the rounding of the difference at
// t₀+1 but not of each later step, so near such a peak it agrees with fill
// to that size, not relatively. With lr ≥ eta_min nothing goes below
// eta_min ≥ 0.
type torchCosine struct {
	lr, etaMin float64
	tMax       int64
	crash      int64 // the step at which PyTorch raises ZeroDivisionError, or 0 for none up to MaxSteps
}

// den reports 1 + cos(π·t/T_max), the recursion's numerator at step t and its denominator at t+1.
func (c *torchCosine) den(t int64) float64 {
	return 1 + xmath.Cos(math.Pi*float64(t)/float64(c.tMax))
}

// firstZeroDivision finds the first step t whose recursion divides by
// 1 + cos(π·(t−1)/T_max) = 0: not the step after a trough, which takes the
// other branch, but a neighbour of a trough when T_max is so large that the
// cosine there rounds to −1. For T_max < 2^27 the neighbours' 1 + cos(π/T_max)
// is above 2.7e-16, far from rounding to 0 within MaxSteps, so only larger
// T_max are searched, trough by trough (at most MaxSteps/2^28 of them).
func (c *torchCosine) firstZeroDivision() int64 {
	T := c.tMax
	if T < 1<<27 {
		return 0
	}
	for t0 := T; t0-T < MaxSteps; t0 += 2 * T {
		if c.den(t0-1) == 0 {
			// The zeros before the trough form a run t0−j..t0−1; the first
			// division by one of them is at the step after its start.
			lo, hi := int64(1), T-1 // den(t0−lo) == 0; find the largest such j
			for lo < hi {
				mid := lo + (hi-lo+1)/2
				if c.den(t0-mid) == 0 {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			return t0 - lo + 1
		}
		if c.den(t0+1) == 0 {
			return t0 + 2 // t0+1 takes the first branch; t0+2 divides by den(t0+1)
		}
	}
	return 0
}

func (c *torchCosine) checkSteps(n int64) error {
	if c.crash > 0 && n > c.crash {
		return errorf("steps", itoa(n)+" steps reach step "+itoa(c.crash)+
			", where PyTorch's CosineAnnealingLR raises ZeroDivisionError: with T_max = "+itoa(c.tMax)+
			", 1 + cos(π·"+itoa(c.crash-1)+"/T_max) rounds to 0; a run can have at most "+
			itoa(c.crash)+" steps")
	}
	return nil
}

func (c *torchCosine) fill(dst []float64) { c.fillEvery(dst, 0, 1) }

// fillEvery runs the recursion; see everyFiller.
func (c *torchCosine) fillEvery(dst []float64, first, stride int64) {
	if len(dst) == 0 {
		return
	}
	T := float64(c.tMax)
	base, eta := c.lr, c.etaMin
	up := 1 - xmath.Cos(math.Pi/T) // the first branch's cosine term, the same every time
	g := base
	j, next := 0, first
	if next == 0 {
		dst[0] = g
		j, next = 1, stride
	}
	prev := 1 + xmath.Cos(math.Pi*float64(0)/T) // 1 + cos(π·(t−1)/T_max) for t = 1
	for t := int64(1); j < len(dst); t++ {
		cur := 1 + xmath.Cos(math.Pi*float64(t)/T)
		if torchFloorMod(t-1-c.tMax, 2*c.tMax) == 0 {
			g = g + float64((base-eta)*up)/2
		} else {
			g = float64(cur/prev*(g-eta)) + eta
		}
		if t == next {
			dst[j] = g
			j, next = j+1, next+stride
		}
		prev = cur
	}
}

func (c *torchCosine) at(i, n int64) float64 {
	T := float64(c.tMax)
	eta := c.etaMin
	if i <= c.tMax {
		return eta + float64((c.lr-eta)*(1+xmath.Cos(math.Pi*float64(i)/T)))/2
	}
	k := (i - 1 - c.tMax) / (2 * c.tMax) // the last trough before i is t0 = T_max + 2k·T_max
	t0 := c.tMax + 2*k*c.tMax
	v1 := eta + float64((c.lr-eta)*(1-xmath.Cos(math.Pi/T)))/2 // the recursion at t0+1: its first branch from g = eta_min
	if i == t0+1 {
		return v1
	}
	d := v1 - eta
	return float64((1+xmath.Cos(math.Pi*float64(i)/T))/(1+xmath.Cos(math.Pi*float64(t0+1)/T))*d) + eta
}

// events: the troughs (2k+1)·T_max and peaks 2k·T_max, k ≥ 1 (their names swap
// when eta_min > lr). Between consecutive ones the cosine is monotone.
func (c *torchCosine) events(n, from, to int64, yield func(Event) bool) {
	if c.lr == c.etaMin {
		return // constant
	}
	odd, even := Trough, Peak
	if c.etaMin > c.lr {
		odd, even = Peak, Trough
	}
	m := max(torchCeilDiv(from, c.tMax), 1)
	for ; m <= (to-1)/c.tMax; m++ {
		kind := even
		if m%2 == 1 {
			kind = odd
		}
		if !yield(Event{m * c.tMax, kind}) {
			return
		}
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *torchCosine) shape(a args, n int64) (shape, string) {
	sh := newShape()
	sh.peak, sh.floor, sh.length = a.float("lr"), a.float("eta_min"), a.float("T_max")
	sh.tail = shapePeriodic
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *torchCosine) lintFacts(ls lintSpec, n int64) lintFacts {
	k := ls.k
	f := lintFacts{unit: "scheduler.step() calls"}
	f.peak, f.floor, f.peakName, f.floorName = c.lr, c.etaMin, ls.v("lr"), ls.v("eta_min")
	f.end, f.endName = c.tMax, ls.v("T_max")+" ends the cosine"
	f.fitEnd, f.scale = ls.set("T_max", float64(n)), ls.scale("T_max")
	f.continues = true
	f.risesWhy = "PyTorch's CosineAnnealingLR keeps its cosine going past T_max instead of holding eta_min"
	f.lintEtaMin(c.lr, c.etaMin, "eta_min", "lr", "the cosine", floorFix("eta_min"))
	f.lintZeroLR(k, c.lr)
	return f
}

// construct is CosineAnnealingLR(optimizer, T_max, eta_min) on g: get_lr in
// its chainable form, reading the group's lr. Its branch for _step_count ==
// 1 with last_epoch > 0 is not reached here: _step_count is 1 in get_lr
// only inside _initial_step, which the first branch answers, and
// SequentialLR's _update_lr(0) takes the closed form.
func (c *torchCosine) construct(g *torchGroup) torchScheduler {
	T := float64(c.tMax)
	eta := c.etaMin
	getLR := func(g *torchGroup, b *torchBase) float64 {
		t := b.lastEpoch
		switch {
		case b.initial:
			return g.lr
		case torchFloorMod(t-1-c.tMax, 2*c.tMax) == 0:
			return g.lr + float64((b.baseLR-eta)*(1-xmath.Cos(math.Pi/T)))/2
		}
		prev := 1 + xmath.Cos(math.Pi*float64(t-1)/T)
		if prev == 0 {
			g.raise(torchZeroDivision)
			return g.lr
		}
		return float64((1+xmath.Cos(math.Pi*float64(t)/T))/prev*(g.lr-eta)) + eta
	}
	closed := func(g *torchGroup, b *torchBase) float64 {
		return eta + float64((b.baseLR-eta)*(1+xmath.Cos(math.Pi*float64(b.lastEpoch)/T)))/2
	}
	return newTorchBase(g, getLR, closed)
}
