package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var torchRestartsKind = register(&Kind{
	Name:      "torch.CosineAnnealingWarmRestarts",
	order:     101,
	code:      torchCode,
	imports:   []importSig{{callee: "CosineAnnealingWarmRestarts", params: []string{"optimizer", "T_0", "T_mult", "eta_min", "last_epoch", "verbose"}}},
	Framework: "PyTorch",
	Title:     "Cosine with warm restarts (SGDR)",
	Doc: "SGDR: cycles of a cosine from lr towards eta_min, restarting at lr. The first cycle lasts T_0 steps, " +
		"each next one T_mult times longer (T_0, T_0·T_mult, T_0·T_mult², ...). A cycle of T_i steps never " +
		"reaches eta_min: its last step is at T_cur = T_i − 1. The restarts go on for ever; there is no end.",
	Convention:   torchConvention + "; scheduler.step() is called without an epoch argument",
	Link:         torchDocs + "CosineAnnealingWarmRestarts.html",
	Example:      `{"kind": "torch.CosineAnnealingWarmRestarts", "lr": 0.1, "T_0": 10, "T_mult": 2}`,
	ExampleSteps: 150,
	Params: []Param{
		torchLR(),
		{Name: "T_0", Type: Int, Required: true, Range: atLeast(1),
			Doc:  "length of the first cycle in steps (PyTorch requires a positive integer)",
			Hint: Hint{Min: 1, Max: 1000, Step: 1}},
		{Name: "T_mult", Type: Int, Default: int64(1), Range: atLeast(1),
			Doc:  "each cycle is T_mult times longer than the one before (PyTorch requires an integer ≥ 1)",
			Hint: Hint{Min: 1, Max: 4, Step: 1}},
		torchEtaMin(),
	},
	build: func(a args) (kindCurve, error) {
		return &torchRestarts{lr: a.float("lr"), etaMin: a.float("eta_min"), t0: a.int("T_0"), tMult: a.int("T_mult")}, nil
	},
})

// torchRestarts is torch.optim.lr_scheduler.CosineAnnealingWarmRestarts
// stepped with scheduler.step() and no epoch. The constructor's step sets
// T_cur = 0, T_i = T_0; each later step does T_cur += 1 and, if T_cur ≥ T_i,
// T_cur %= T_i (so T_cur = 0) and T_i *= T_mult. The lr is
//
//	eta_min + (lr − eta_min)·(1 + cos(π·T_cur/T_i))/2
//
// which depends on the step only through (T_cur, T_i), so at is exact: cycle k
// starts at S_k = T_0·(T_mult^k − 1)/(T_mult − 1), found by walking the at most
// 40 cycles below 10^12 in integer arithmetic (T_mult = 1: T_cur = i mod T_0).
//
// Special cases are:
//
//	lr_0 = lr, and lr at the first step of every cycle
//	the last step of a cycle of T_i steps has T_cur = T_i − 1: eta_min is never reached
//	T_0 = 1, T_mult = 1: lr at every step, and no restart events
//	eta_min = lr: lr at every step
//	eta_min > lr: each cycle rises from lr towards eta_min
type torchRestarts struct {
	lr, etaMin float64
	t0, tMult  int64
}

// cycle returns T_cur and T_i at step i. T_i can exceed int64 when it belongs
// to the cycle containing i (T_0·T_mult with both up to 2^53); Python keeps it
// exact and divides by float(T_i), the correctly rounded value, which is what
// float64(L)·float64(T_mult) is when L and T_mult are below 2^53.
func (c *torchRestarts) cycle(i int64) (int64, float64) {
	if c.tMult == 1 {
		return i % c.t0, float64(c.t0)
	}
	r, L := i, c.t0
	for r >= L {
		r -= L
		if L > r/c.tMult { // the next cycle, of L·T_mult steps, is longer than r: i is in it
			return r, float64(L) * float64(c.tMult)
		}
		L *= c.tMult // ≤ r ≤ 10^12: no overflow
	}
	return r, float64(L)
}

func (c *torchRestarts) value(tCur int64, tI float64) float64 {
	return c.etaMin + float64((c.lr-c.etaMin)*(1+xmath.Cos(math.Pi*float64(tCur)/tI)))/2
}

func (c *torchRestarts) at(i, n int64) float64 {
	tCur, tI := c.cycle(i)
	return c.value(tCur, tI)
}

// fill steps T_cur and T_i as PyTorch does; the values are at's. With
// T_mult = 1 every cycle has the same (T_cur, T_i), so the first is copied.
func (c *torchRestarts) fill(dst []float64) {
	if c.tMult == 1 && int64(len(dst)) > c.t0 {
		first := dst[:c.t0]
		for i := range first {
			first[i] = c.value(int64(i), float64(c.t0))
		}
		for i := len(first); i < len(dst); i += len(first) {
			copy(dst[i:], first)
		}
		return
	}
	tCur, L := int64(0), c.t0
	tI := float64(L)
	for i := range dst {
		if i > 0 {
			tCur++
			if tCur >= L {
				tCur = 0
				tI = float64(L) * float64(c.tMult) // L ≤ i: exact inputs, one rounding, as Python's float(T_i)
				if L > math.MaxInt64/c.tMult {
					L = math.MaxInt64 // a cycle longer than any dst (Evaluate stops at 10^7 steps)
				} else {
					L *= c.tMult
				}
			}
		}
		dst[i] = c.value(tCur, tI)
	}
}

// events: a restart at the start of every cycle after the first, except after
// a cycle of one step (its only value is lr, so nothing restarts).
func (c *torchRestarts) events(n, from, to int64, yield func(Event) bool) {
	if c.tMult == 1 {
		if c.t0 == 1 {
			return
		}
		for s := max(torchCeilDiv(from, c.t0), 1) * c.t0; s < to; s += c.t0 {
			if !yield(Event{s, Restart}) {
				return
			}
		}
		return
	}
	start, L := int64(0), c.t0 // cycle k starts at start and lasts L steps
	for {
		if L >= to-start {
			return // the next cycle starts at or after to
		}
		prev := L
		start += L
		if L > (to-start)/c.tMult {
			L = to // longer than what is left: a sentinel that ends the loop next time
		} else {
			L *= c.tMult
		}
		if start >= from && prev > 1 && !yield(Event{start, Restart}) {
			return
		}
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *torchRestarts) shape(a args, n int64) (shape, string) {
	sh := newShape()
	sh.peak, sh.floor, sh.length = a.float("lr"), a.float("eta_min"), a.float("T_0")
	sh.mult, sh.cycles = a.float("T_mult"), 0
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *torchRestarts) lintFacts(ls lintSpec, n int64) lintFacts {
	k := ls.k
	f := lintFacts{unit: "scheduler.step() calls"}
	f.peak, f.floor, f.peakName, f.floorName = c.lr, c.etaMin, ls.v("lr"), ls.v("eta_min")
	f.cycles, f.cycleParam = true, "T_0"
	f.noRestartWhy = "the first cycle, " + ls.v("T_0") + " steps, does not end within it"
	if c.t0 == 1 && c.tMult == 1 {
		f.flatWhy = "T_0 = 1 with T_mult = 1 restarts at lr every step"
	}
	f.lintEtaMin(c.lr, c.etaMin, "eta_min", "lr", "each cycle", floorFix("eta_min"))
	f.lintZeroLR(k, c.lr)
	return f
}

// torchRestartsObj is CosineAnnealingWarmRestarts as an object: it keeps
// its own step(epoch), with T_cur and T_i, and a get_lr that reads base_lr
// only (it is not chainable).
type torchRestartsObj struct {
	c         *torchRestarts
	base      float64
	lastEpoch int64
	tCur      int64
	tI        int64   // T_i, saturated past any run's length as fill does
	tIf       float64 // float(T_i), rounded once as Python's T_cur / T_i does
}

// construct is CosineAnnealingWarmRestarts(optimizer, T_0, T_mult, eta_min) on g.
func (c *torchRestarts) construct(g *torchGroup) torchScheduler {
	if !g.hasInitial {
		g.initialLR, g.hasInitial = g.lr, true
	}
	o := &torchRestartsObj{c: c, base: g.initialLR, lastEpoch: -1, tCur: -1, tI: c.t0, tIf: float64(c.t0)}
	o.initialStep(g)
	return o
}

func (o *torchRestartsObj) getLR() float64 {
	c := o.c
	return c.etaMin + float64((o.base-c.etaMin)*(1+xmath.Cos(math.Pi*float64(o.tCur)/o.tIf)))/2
}

// step is CosineAnnealingWarmRestarts.step() without an epoch.
func (o *torchRestartsObj) step(g *torchGroup) {
	c := o.c
	if o.lastEpoch < 0 { // epoch = 0, below T_0
		o.tI, o.tIf, o.tCur = c.t0, float64(c.t0), 0
		o.lastEpoch = 0
	} else {
		o.lastEpoch++
		o.tCur++
		if o.tCur >= o.tI {
			o.tCur %= o.tI
			o.tIf = float64(o.tI) * float64(c.tMult)
			if o.tI > math.MaxInt64/c.tMult {
				o.tI = math.MaxInt64
			} else {
				o.tI *= c.tMult
			}
		}
	}
	g.set(o.getLR())
}

func (o *torchRestartsObj) initialStep(g *torchGroup) { o.step(g) }

// stepAt is LRScheduler._update_lr(epoch): no closed form, so get_lr with
// T_cur and T_i as they are.
func (o *torchRestartsObj) stepAt(g *torchGroup, epoch int64) {
	o.lastEpoch = epoch
	g.set(o.getLR())
}

func (o *torchRestartsObj) undo() { o.lastEpoch-- }
