package core

import (
	"math"

	"github.com/lrplay/lrplay/core/internal/python"
	"github.com/lrplay/lrplay/core/internal/xmath"
)

// BrainPy's CosineAnnealingLR, ported from brainpy/BrainPy
// brainpy/optim/scheduler.py at a13eef5aa83f1e75ebf0305ccabfb2fc4cb822c6
// (V2.8.2; the expression is unchanged since the class was added for V2.3.2):
//
//	def __call__(self, i=None):
//	    i = (self.last_epoch.value + 1) if i is None else i
//	    return (self.eta_min + (self.lr - self.eta_min) *
//	            (1 + jnp.cos(jnp.pi * i / self.T_max)) / 2)
//
// under bm.cls_jit, which traces i as a JAX int32. With JAX's default x64
// off every jnp operation is float32, in the source's order; jnp.pi, T_max,
// 1 and 2 are weakly typed Python scalars that become float32 where they
// meet the array; lr − eta_min is a Python float subtraction, in float64,
// rounded to float32 once. The cosine is float32(xmath.Cos(float64(x))),
// which may differ from XLA's float32 cos in the last bit. Each float32
// operation is wrapped in a float32(...) conversion so that no platform fuses
// a product into a multiply-add.

const (
	brainpyLink = "https://brainpy.readthedocs.io/en/latest/apis/generated/brainpy.optim.CosineAnnealingLR.html"
	// brainpyMaxLR bounds lr and eta_min so that float32 arithmetic on them
	// cannot overflow (float32's largest is about 3.4e38): (lr − eta_min)·2
	// and eta_min + (lr − eta_min) stay below it.
	brainpyMaxLR = 1e38
	// brainpyMaxStep is the largest i JAX takes as an int32 with x64 off.
	brainpyMaxStep = math.MaxInt32
)

// brainpyPi is jnp.pi as it meets a float32 array.
var brainpyPi = float32(math.Pi)

var brainpyCosineKind = register(&Kind{
	Name:  "brainpy.CosineAnnealingLR",
	order: 800,
	code:  brainpyCode,
	imports: []importSig{{callee: "CosineAnnealingLR", params: []string{"lr", "T_max", "eta_min", "last_epoch"},
		owners: []string{"brainpy", "bp"}}},
	Framework: "BrainPy",
	Title:     "Cosine annealing (CosineAnnealingLR)",
	Doc: "BrainPy's CosineAnnealingLR: eta_min + (lr − eta_min)·(1 + cos(π·i/T_max))/2 at every step i, the closed form, " +
		"in float32 as JAX computes it by default (lr − eta_min in float64, then rounded to float32 once). Nothing is held " +
		"at T_max: the cosine goes on, back up to lr at 2·T_max and down to eta_min at 3·T_max, with period 2·T_max. " +
		"PyTorch's CosineAnnealingLR draws the same cosine but computes each lr from the one before in float64; BrainPy's " +
		"docstring shows that recursion (copied from PyTorch's), but its code evaluates the closed form, so an lr set from " +
		"outside does not carry over. Each value carries float32's rounding (about 1e-7 relative), and the cosine's " +
		"argument, π·i rounded to float32 before the division by T_max, drifts as i grows: the lr is off the exact " +
		"cosine by up to about 1.5e-7·i/T_max of lr − eta_min (1.5e-4 at step 10^5 with T_max 100). BrainPy raises " +
		"ValueError unless T_max is an int ≥ 1, and sch(i) raises OverflowError for an i past 2³¹ − 1, which JAX " +
		"cannot make an int32.",
	Convention: "sch(i), in float32: the lr BrainPy's optimizers use in epoch i (0-based) when sch.step_epoch() " +
		"is called after each epoch, or at update i when it is called after each update; i = 0 is lr",
	Link:         brainpyLink,
	Example:      `{"kind": "brainpy.CosineAnnealingLR", "lr": 0.1, "T_max": 100}`,
	ExampleSteps: 100,
	Params: []Param{
		{Name: "lr", Type: Float, Required: true, Range: between(0, brainpyMaxLR),
			Doc: "the learning rate at step 0, the top of the cosine (BrainPy does not check it; a negative lr makes no " +
				"sense, and past 1e38 float32 overflows)",
			Hint: Hint{Min: 1e-5, Max: 1, Log: true}},
		{Name: "T_max", Type: Int, Required: true, Range: between(1, float64(maxInt)),
			Doc:    "steps from lr down to eta_min: half the cosine's period; BrainPy requires an int ≥ 1",
			Hint:   Hint{Min: 1, Max: 1000, Step: 1},
			Raises: `BrainPy raises ValueError(" must be an int bigger than 1, while we got {}")`},
		{Name: "eta_min", Type: Float, Default: 0.0, Range: between(0, brainpyMaxLR),
			Doc: "the lr at the bottom of the cosine (it may exceed lr, turning the cosine upside down; BrainPy does not " +
				"check it, and past 1e38 float32 overflows)",
			Hint: Hint{Min: 0, Max: 0.1}},
	},
	build: func(a args) (kindCurve, error) {
		lr, eta, T := a.float("lr"), a.float("eta_min"), a.int("T_max")
		return &brainpyCosine{lr: lr, etaMin: eta, tMax: T,
			t32: float32(float64(T)), k: float32(lr - eta), eta: float32(eta)}, nil
	},
})

// brainpyCosine is brainpy.optim.CosineAnnealingLR:
//
//	x = f32(f32(f32(π)·f32(i)) / f32(T_max))
//	lr_i = f32(f32(eta_min) + f32(f32(k·f32(1 + f32cos(x))) / 2)),  k = f32(lr − eta_min)
//
// Special cases are:
//
//	lr_0 = f32(f32(eta_min) + k): f32(lr) up to the rounding of eta_min and k (cos 0 = 1; 2 ulp below f32(0.01) for lr 0.01, eta_min 0.1)
//	lr_{(2j+1)·T_max} = f32(eta_min) while f32 cos of x rounds to −1 there (x ≈ π, 3π, …, off by the rounding of π·i)
//	lr_{T_max/2} is not (lr + eta_min)/2 exactly: cos(f32(π/2)) = −4.4e-8, so 0.050499994 for lr 0.1, eta_min 0.001
//	T_max = 1: lr, eta_min, lr, eta_min, ... while π·i rounds close enough to a multiple of π
//	eta_min = lr: f32(lr) at every step
//	eta_min > lr: the cosine upside down, from lr up to eta_min
//	i > 2³¹ − 1: JAX raises OverflowError; checkSteps rejects such runs
//
// Events: a Trough where x passes an odd multiple of π and a Peak where it
// passes an even one (swapped when eta_min > lr), at the first step past it
// or the step before, whichever is more extreme; a Turn where x passes more
// than one multiple in one step (far out, where f32(i) rounds).
type brainpyCosine struct {
	lr, etaMin float64
	tMax       int64
	t32        float32 // T_max as it meets the array
	k          float32 // lr − eta_min, in float64, then float32
	eta        float32 // eta_min as it meets the array
}

// x is the cosine's argument at step i, jnp.pi * i / T_max.
func (c *brainpyCosine) x(i int64) float32 {
	p := float32(brainpyPi * float32(i))
	return float32(p / c.t32)
}

func (c *brainpyCosine) value(i int64) float32 {
	d := float32(1 + float32(xmath.Cos(float64(c.x(i)))))
	e := float32(c.k * d)
	return float32(c.eta + float32(e/2))
}

func (c *brainpyCosine) at(i, n int64) float64 { return float64(c.value(i)) }

func (c *brainpyCosine) checkSteps(n int64) error {
	if n-1 > brainpyMaxStep {
		return errorf("steps", itoa(n)+" is too many: BrainPy's CosineAnnealingLR raises OverflowError for a step "+
			"past 2147483647, which JAX cannot make an int32; at most 2147483648 steps")
	}
	return nil
}

// The events come from x, which does not decrease with i (each float32
// rounding is monotone): the value is monotone while x stays between two
// multiples of π, where the cosine is, and every rounding after it is. So
// the runs between the steps where x passes a multiple of π are monotone.
// A float32 x that rounds within 2^-52 of mπ has a cosine of exactly ±1 in
// float32, the extreme itself, which belongs to either run; so comparing x
// with float64(m)·π decides well enough.

// half is how many multiples mπ, m ≥ 1, x has passed at step i.
func (c *brainpyCosine) half(i int64) int64 {
	x := float64(c.x(i))
	m := int64(x / math.Pi)
	for m > 0 && float64(m)*math.Pi >= x {
		m--
	}
	for float64(m+1)*math.Pi < x {
		m++
	}
	return m
}

// cross is the first step where x has passed mπ, m ≥ 1. Each of x's five
// roundings is within 2^-24 relative, so it lies within m·T_max·2^-20 steps
// of m·T_max; the search widens should it not.
func (c *brainpyCosine) cross(m int64) int64 {
	e := m * c.tMax
	w := e>>20 + 2
	lo, hi := max(e-w, 0), e+w
	if c.half(lo) >= m {
		lo = 0 // x_0 = 0 has passed none
	}
	for c.half(hi) < m {
		hi *= 2
	}
	for hi-lo > 1 { // half(lo) < m ≤ half(hi)
		mid := lo + (hi-lo)/2
		if c.half(mid) >= m {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

func (c *brainpyCosine) events(n, from, to int64, yield func(Event) bool) {
	if c.k == 0 {
		return // constant
	}
	odd, even := Trough, Peak
	if c.k < 0 {
		odd, even = Peak, Trough
	}
	m, prev := int64(1), int64(0) // the next multiple to pass, and the step the one before it was passed
	if from > 0 {
		m = c.half(from-1) + 1
	}
	if m > 1 {
		prev = c.cross(m - 1)
	}
	for {
		i := c.cross(m)
		if i >= n || i-1 >= to {
			return
		}
		h := c.half(i)
		step, kind := i, Turn
		if h == m {
			kind = even
			if m%2 == 1 {
				kind = odd
			}
			// The step before is the extreme when it is more extreme (it
			// ends the run before, which it then leaves monotone).
			a, b := c.value(i-1), c.value(i)
			if i-1 > prev && ((kind == Peak && a > b) || (kind == Trough && a < b)) {
				step = i - 1
			}
		}
		if step >= to {
			return
		}
		if step >= from && !yield(Event{step, kind}) {
			return
		}
		prev, m = i, h+1
	}
}

// shape reads a run of n steps as a shape for Translate (see shapeOf).
func (c *brainpyCosine) shape(a args, n int64) (shape, string) {
	sh := newShape()
	sh.peak, sh.floor, sh.length = c.lr, c.etaMin, float64(c.tMax)
	sh.tail = shapePeriodic
	return sh, ""
}

// lintFacts describes a run of n steps for Lint.
func (c *brainpyCosine) lintFacts(ls lintSpec, n int64) lintFacts {
	f := lintFacts{unit: "sch.step_epoch() calls"}
	f.peak, f.floor, f.peakName, f.floorName = c.lr, c.etaMin, ls.v("lr"), ls.v("eta_min")
	f.end, f.endName = c.tMax, ls.v("T_max")+" ends the cosine"
	f.fitEnd, f.scale = ls.set("T_max", float64(n)), ls.scale("T_max")
	f.continues = true
	f.risesWhy = "BrainPy's CosineAnnealingLR computes cos(π·i/T_max) at every step instead of holding eta_min past T_max"
	f.lintEtaMin(c.lr, c.etaMin, "eta_min", "lr", "the cosine", floorFix("eta_min"))
	f.lintZeroLR(ls.k, c.lr)
	return f
}

// read reads a call of CosineAnnealingLR as ImportCode does any other,
// except that T_max must be a Python int, as BrainPy checks.
func (*brainpyTools) read(im *importer, sg *importSig, args map[string]*python.Value) ([]byte, error) {
	k := sg.kind
	values := map[string]any{}
	for _, name := range sg.params {
		v, ok := args[name]
		p := k.Param(name)
		switch {
		case !ok:
		case p == nil:
			if err := im.extra(sg, name, v); err != nil {
				return nil, err
			}
		case name == "T_max" && v.Kind == python.Float:
			return nil, errorf(name, v.Text+" is a float, and BrainPy raises ValueError(\" must be an int, but got "+
				pyStrOf(v)+"\"): write a whole number without a decimal point")
		default:
			x, err := im.value(k, p, v)
			if err != nil {
				return nil, err
			}
			values[name] = x
		}
	}
	return checkedSpec(k, values)
}

// brainpy is a framework.
var _ = registerFramework(&framework{name: "brainpy", title: "BrainPy", order: 800, float32: true, tools: &brainpyTools{}})

// brainpyTools are BrainPy's hooks for the tools (see frameworkTools): its
// kind's constructor reads T_max as BrainPy checks it.
type brainpyTools struct{}

// target writes a shape as a spec of BrainPy's CosineAnnealingLR (see frameworkTools).
func (*brainpyTools) target(sh *shape, n int64) ([]candidate, []string) {
	switch {
	case sh.under || sh.stable > 0 || sh.warmup > 0:
		return nil, []string{"BrainPy's CosineAnnealingLR starts at its peak, so not with " + sh.prefixText()}
	case sh.form == shapeFlat:
		return []candidate{spec(brainpyCosineKind, "lr", sh.peak, "T_max", int64(1), "eta_min", sh.peak)}, nil
	case sh.form != shapeCosine:
		return nil, notCosine(sh, "BrainPy", " (BrainPy's other schedulers are not kinds here yet)")
	case !isInt(sh.length):
		return nil, []string{"BrainPy's T_max is a whole number of steps, not " + formatFloat(sh.length)}
	case !sh.asPeriodic(n):
		return nil, []string{sh.tailText() + "; BrainPy's CosineAnnealingLR climbs back after T_max " +
			"(its CosineAnnealingWarmRestarts is not a kind here yet)"}
	}
	return []candidate{spec(brainpyCosineKind, "lr", sh.peak, "T_max", int64(sh.length), "eta_min", sh.floor)}, nil
}

// brainpyCode writes a snippet that calls the scheduler at each step.
func brainpyCode(w *pyWriter, s *Schedule, steps int64) {
	w.put(`import brainpy as bp

sch = bp.optim.{name}(
{all_args})

# An optimizer given lr=sch uses sch(i) in epoch i, sch.step_epoch() moving it on after each
# epoch (or after each update, to step it per update). JAX computes it in float32 by default.
lrs = [float(sch(i)) for i in range({n})]
print(lrs)
`)
}
