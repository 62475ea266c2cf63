package core

import (
	"math"
	"strings"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

var playgroundKind = register(&Kind{
	Name:      "playground",
	order:     0,
	compose:   &playgroundComposer{},
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

// playgroundComposer is the playground kind's composer.
type playgroundComposer struct{}

// compose writes the closest composition of framework's schedulers
// to a run of the playground kind that no single one of them draws ({why}
// says why), with a "Not exact:" comment wherever the composition differs
// from the playground and why. The spec's values come first, as Python
// variables the composition uses.
func (*playgroundComposer) compose(w *pyWriter, s *Schedule, steps int64, framework string) bool {
	compose, ok := plCompositions(framework)
	if !ok {
		return false
	}
	p := s.curve.(*playground)
	sh, _ := shapeOf(s, steps) // the playground always has a shape
	c := plComposition{w: w, p: p, sh: &sh, steps: steps, seen: sh.seen(steps)}
	w.set("lr", pyFloatLiteral(p.lr), "eta_min", pyFloatLiteral(p.etaMin), "T_max", itoa(int64(p.tMax)),
		"T_mult", pyFloatLiteral(p.tMult), "warmup", pyFloatLiteral(p.warmup), "warmup_start", pyFloatLiteral(p.warmupStart),
		"restarts", pyTrueFalse(p.restarts), "decay", pyFloatLiteral(p.decay), "warmup_steps", itoa(sh.warmup),
		"cycle_limit", itoa(c.cycleLimit()), "step", pyStep, "run", "steps")
	w.header()
	w.comment(`No single {title} schedule draws this run: {why}. The closest composition follows; each "Not exact" comment says where and why it differs.`)
	w.put("\n")
	compose(&c)
	return true
}

// plCompositions returns what writes the playground in framework, for each
// that has a composition for it. A switch, not a map: a map is built when
// the package starts, which would keep the compositions in the wasm for
// embedding (see composer).
func plCompositions(framework string) (func(c *plComposition), bool) {
	switch framework {
	case "torch":
		return (*plComposition).torch, true
	case "timm":
		return (*plComposition).timm, true
	case "hf":
		return (*plComposition).hf, true
	case "keras":
		return (*plComposition).keras, true
	case "optax":
		return (*plComposition).optax, true
	case "ignite":
		return (*plComposition).ignite, true
	case "lr_schedule":
		return (*plComposition).lrSchedule, true
	}
	return nil, false
}

// plComposition writes one framework's composition.
type plComposition struct {
	w     *pyWriter
	p     *playground
	sh    *shape
	steps int64
	seen  int64 // cosine cycles the run starts
}

// plVars are the spec's values and the warmup length as Python variables,
// which every composition starts with.
const plVars = `lr = {lr}
eta_min = {eta_min}
T_max = {T_max}
T_mult = {T_mult}
warmup = {warmup}
warmup_start = {warmup_start}
restarts = {restarts}
decay = {decay}
steps = {n}
warmup_steps = {warmup_steps}  # round(warmup * steps), halves rounded up

`

// plOptimizer is the stand-in optimizer of the torch-based compositions.
const plOptimizer = pyStandIn + "optimizer = torch.optim.SGD(params, lr=lr)\n"

// maxScannedCycles bounds the scans for a cycle that is not a whole number
// of steps: a run of 10^12 steps may have that many cycles, but with a whole
// T_mult every start is whole, and otherwise S_k = T_max·(m^k − 1)/(m − 1)
// stops being whole within the 64 halvings a float64's T_mult can hold.
const maxScannedCycles = 200

// fractionalStart returns the first cycle start the run reaches that is not
// a whole step (T_mult not a whole number), or -1.
func (c *plComposition) fractionalStart() float64 {
	if c.p.tMult == math.Trunc(c.p.tMult) {
		return -1
	}
	for k := int64(1); k < min(c.seen, maxScannedCycles); k++ {
		if x := c.sh.cycleStart(k); !nearInt(x) {
			return x
		}
	}
	return -1
}

// nearInt reports whether x, a cycle start or length, is a whole number:
// geometricStart gives whole starts exactly, and their differences are exact.
func nearInt(x float64) bool { return x == math.Round(x) }

// decayNote writes that the framework, by the name who, restarts at lr in
// every cycle, where the playground's decay lowers each restart's peak.
func (c *plComposition) decayNote(who string) {
	if c.p.restarts && c.seen >= 2 && c.p.decay != 1 {
		c.w.set("who", who)
		c.w.comment("Not exact: {who} restarts at lr every cycle; the playground's decay = {decay} lowers each restart's peak.")
	}
}

func (c *plComposition) torch() {
	w, p := c.w, c.p
	w.put("import torch\n\n" + plVars + plOptimizer)
	var scheds, milestones []string
	if c.sh.warmup > 0 {
		if p.warmupStart > 0 && p.warmupStart <= p.lr {
			w.put(`warmup_scheduler = torch.optim.lr_scheduler.LinearLR(
    optimizer, start_factor=warmup_start / lr, end_factor=1.0, total_iters=warmup_steps
)
`)
		} else {
			w.comment("LinearLR's start_factor lies in (0, 1], so it cannot warm up from {warmup_start}: a LambdaLR does.")
			w.put(`warmup_scheduler = torch.optim.lr_scheduler.LambdaLR(
    optimizer, lambda step: (warmup_start + (lr - warmup_start) * step / warmup_steps) / lr
)
`)
		}
		scheds, milestones = append(scheds, "warmup_scheduler"), append(milestones, "warmup_steps")
	}
	if p.restarts {
		c.decayNote("PyTorch's CosineAnnealingWarmRestarts")
		mult := "int(T_mult)"
		if !isInt(p.tMult) {
			if c.seen > 1 {
				w.comment("Not exact: CosineAnnealingWarmRestarts takes a whole T_mult, so T_mult = {T_mult} is rounded; " +
					"the cycles from the second on have other lengths.")
			}
			mult = "max(1, round(T_mult))"
		}
		w.set("mult", mult)
		w.put("cosine = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=T_max, T_mult={mult}, eta_min=eta_min)\n")
		scheds = append(scheds, "cosine")
	} else {
		w.put("cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=T_max, eta_min=eta_min)\n")
		w.comment("CosineAnnealingLR would climb back after T_max; the playground holds eta_min.")
		w.put("hold = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: eta_min / lr)\n")
		scheds, milestones = append(scheds, "cosine", "hold"), append(milestones, "warmup_steps + T_max")
	}
	if len(scheds) == 1 {
		w.put("scheduler = cosine\n")
	} else {
		w.set("scheds", join(scheds), "milestones", join(milestones))
		w.put("scheduler = torch.optim.lr_scheduler.SequentialLR(\n    optimizer, schedulers=[{scheds}], milestones=[{milestones}]\n)\n")
	}
	w.comment("Where the shapes agree, values agree with LR Playground's to rounding (PyTorch computes its cosines recursively).")
	w.put(pyTorchLoop)
}

// cycleLimit is how many cycles a framework with a cycle limit needs for the run.
func (c *plComposition) cycleLimit() int64 {
	if !c.p.restarts {
		return 1
	}
	return max(c.seen, 1)
}

func (c *plComposition) timm() {
	c.w.put("import torch\nfrom timm.scheduler import CosineLRScheduler\n\n" + plVars + plOptimizer + `scheduler = CosineLRScheduler(
    optimizer,
    t_initial=T_max,
    lr_min=eta_min,
    cycle_mul=T_mult,
    cycle_decay=decay,
    cycle_limit={cycle_limit},  # the cycles the run starts
    warmup_t=warmup_steps,
    warmup_lr_init=warmup_start,
    warmup_prefix=True,
` + timmCodeOptions + ")\n" + timmCodeLoop)
}

func (c *plComposition) hf() {
	w, p := c.w, c.p
	fn := "get_cosine_with_hard_restarts_schedule_with_warmup"
	training := c.sh.warmup + int64(math.Ceil(c.sh.cycleStart(c.cycleLimit())))
	if !p.restarts {
		fn = "get_cosine_schedule_with_warmup"
		if p.etaMin > 0 {
			fn = "get_cosine_with_min_lr_schedule_with_warmup"
		}
	}
	w.set("fn", fn, "training", itoa(training))
	w.put("import torch\nfrom transformers import {fn}\n\n" + plVars)
	if c.sh.warmup > 0 && p.warmupStart != 0 {
		w.comment("Not exact: Hugging Face's warmups start from 0, not from warmup_start = {warmup_start}.")
	}
	if p.restarts {
		if p.etaMin != 0 {
			w.comment("Not exact: Hugging Face's hard restarts go down to 0, not to eta_min = {eta_min}.")
		}
		if c.seen > 1 && p.tMult != 1 {
			w.comment("Not exact: Hugging Face's hard restarts are equally long, num_cycles cycles between num_warmup_steps and " +
				"num_training_steps; the playground's grow by T_mult = {T_mult}.")
		}
		c.decayNote("Hugging Face's schedule")
	} else if c.steps > training+1 {
		w.comment("Not exact: after num_training_steps Hugging Face's cosine climbs back up; the playground holds eta_min from step {training}.")
	}
	w.put(plOptimizer + "scheduler = {fn}(\n    optimizer,\n    num_warmup_steps=warmup_steps,\n")
	if p.restarts {
		w.put("    num_training_steps={training},  # where the last cycle the run starts ends\n    num_cycles={cycle_limit},\n")
	} else {
		w.put("    num_training_steps=warmup_steps + T_max,\n")
		if p.etaMin > 0 {
			w.put("    min_lr=eta_min,\n")
		}
	}
	w.put(")\n" + pyTorchLoop)
}

func (c *plComposition) keras() {
	w, p := c.w, c.p
	w.put("import keras\n\n" + plVars)
	if p.restarts {
		if c.seen > 1 && p.decay != 1 && p.etaMin != 0 {
			w.comment("Not exact: Keras's m_mul shrinks each cycle's height above alpha·lr; the playground's decay shrinks its peak " +
				"above a fixed eta_min, so the peaks after the first differ.")
		}
		if c.seen > 1 && p.tMult != 1 {
			w.comment("CosineDecayRestarts finds each step's cycle from a float32 logarithm, which can move a restart by a step.")
		}
		w.put(`cosine = keras.optimizers.schedules.CosineDecayRestarts(
    initial_learning_rate=lr, first_decay_steps=T_max, t_mul=T_mult, m_mul=decay, alpha=eta_min / lr
)
`)
	} else {
		w.put("cosine = keras.optimizers.schedules.CosineDecay(initial_learning_rate=lr, decay_steps=T_max, alpha=eta_min / lr)\n")
	}
	if c.sh.warmup > 0 {
		w.put(`

class Warmup(keras.optimizers.schedules.LearningRateSchedule):
    """A linear warmup from warmup_start to lr over warmup_steps steps, then after, counted from 0."""

    def __init__(self, after):
        self.after = after

    def __call__(self, step):
        step = keras.ops.cast(step, "float32")
        warm = warmup_start + (lr - warmup_start) * (step / warmup_steps)
        return keras.ops.where(step < warmup_steps, warm, self.after(keras.ops.maximum(step - warmup_steps, 0.0)))


schedule = Warmup(cosine)
`)
	} else {
		w.put("schedule = cosine\n")
	}
	w.comment("Keras computes in float32: values agree with LR Playground's to about 1e-7 of lr where the shapes agree.")
	w.put(plValues)
}

// plValues collects the values of a Keras or optax schedule.
const plValues = "lrs = [float(schedule(step)) for step in range(steps)]\nprint(lrs)\n"

func (c *plComposition) optax() {
	w, p := c.w, c.p
	w.put("import math\n\nimport optax\n\n" + plVars)
	if !p.restarts {
		w.put(`schedule = optax.warmup_cosine_decay_schedule(
    init_value=warmup_start, peak_value=lr, warmup_steps=warmup_steps, decay_steps=warmup_steps + T_max, end_value=eta_min
)
`)
	} else {
		if x := c.fractionalStart(); x >= 0 {
			w.set("x", formatFloat(x))
			w.comment("Not exact: join_schedules starts each cycle at a whole step; with T_mult = {T_mult} the playground's " +
				"cycles start part-way through one ({x} steps after warmup), so each such cycle runs up to a step behind.")
		}
		w.comment("One cosine_decay_schedule a cycle, from its peak down to eta_min, joined at the steps where the cycles start.")
		w.put("schedules, boundaries = [], []\n")
		if c.sh.warmup > 0 {
			w.put("schedules.append(optax.linear_schedule(init_value=warmup_start, end_value=lr, transition_steps=warmup_steps))\n" +
				"boundaries.append(warmup_steps)\n")
		}
		w.put(`start, length, peak = 0.0, float(T_max), lr
while warmup_steps + math.ceil(start) < steps:
    schedules.append(optax.cosine_decay_schedule(init_value=peak, decay_steps=length, alpha=eta_min / peak))
    start, length, peak = start + length, length * T_mult, peak * decay
    boundaries.append(warmup_steps + math.ceil(start))
boundaries.pop()  # the last cycle runs to the end
schedule = optax.join_schedules(schedules, boundaries)
`)
	}
	w.comment("optax computes in float32: values agree with LR Playground's to about 1e-7 of lr where the shapes agree.")
	w.put(plValues)
}

func (c *plComposition) ignite() {
	w, p := c.w, c.p
	w.put("import torch\nfrom ignite.handlers.param_scheduler import ConcatScheduler, CosineAnnealingScheduler, PiecewiseLinear\n\n" + plVars)
	if p.tMax < 2 {
		w.comment("Not exact: ignite's cycle_size is at least 2, so T_max = 1 becomes 2.")
	}
	if p.restarts && c.seen > 1 && p.tMult != math.Trunc(p.tMult) {
		for k := int64(1); k < min(c.seen, maxScannedCycles); k++ {
			if size := c.sh.cycleStart(k+1) - c.sh.cycleStart(k); !nearInt(size) {
				w.set("k", itoa(k), "size", formatFloat(size))
				w.comment("Not exact: ignite truncates each cycle's size to whole steps (int(size·cycle_mult)); " +
					"the playground's cycle {k} lasts {size} steps.")
				break
			}
		}
	}
	w.put(plOptimizer)
	var scheds, durations []string
	if c.sh.warmup > 0 {
		w.put(`warmup_scheduler = PiecewiseLinear(optimizer, "lr", milestones_values=[(0, warmup_start), (warmup_steps, lr)])` + "\n")
		scheds, durations = append(scheds, "warmup_scheduler"), append(durations, "warmup_steps")
	}
	w.put(`cosine = CosineAnnealingScheduler(
    optimizer, "lr", start_value=lr, end_value=eta_min, cycle_size=max(T_max, 2), cycle_mult=T_mult, start_value_mult=decay
)
`)
	scheds = append(scheds, "cosine")
	if !p.restarts {
		w.comment("The cosine would restart after T_max; the playground holds eta_min.")
		w.put(`hold = PiecewiseLinear(optimizer, "lr", milestones_values=[(0, eta_min)])` + "\n")
		scheds, durations = append(scheds, "hold"), append(durations, "T_max")
	}
	if len(scheds) == 1 {
		w.put("scheduler = cosine\n")
	} else {
		w.set("scheds", join(scheds), "durations", join(durations))
		w.put("scheduler = ConcatScheduler(schedulers=[{scheds}], durations=[{durations}])\n")
	}
	w.comment("Where the shapes agree, values agree with LR Playground's to rounding (ignite's cosine is written differently).")
	w.put(`
lrs = []
for step in range(steps):
    scheduler(None)  # in training: trainer.add_event_handler(Events.ITERATION_STARTED, scheduler)
    lrs.append(optimizer.param_groups[0]["lr"])
print(lrs)
`)
}

// lrSchedule writes no composition of the module's types, which cannot
// draw restarts or a warmup that does not start at 0, but a function called
// with progress_remaining as they are, which stands in for one.
func (c *plComposition) lrSchedule() {
	w := c.w
	w.put("import math\n\n" + plVars + `
def cycle_start(k):
    """Where cycle k starts, in steps after warmup: T_max·(T_mult^k − 1)/(T_mult − 1)."""
    if T_mult == 1:
        return float(T_max * k)
    return T_max * math.expm1(k * math.log1p(T_mult - 1)) / (T_mult - 1)


def schedule(progress_remaining: float) -> float:
    """The playground's formula, in LR Playground's order of operations, at the step the progress gives."""
    i = round((1.0 - progress_remaining) * steps)
    if i < warmup_steps:
        return warmup_start + (lr - warmup_start) * i / warmup_steps
    t = float(i - warmup_steps)
    if not restarts:
        return eta_min + (lr - eta_min) * (1 + math.cos(math.pi * min(t, T_max) / T_max)) / 2
    if T_mult == 1:
        k = int(t / T_max)
    else:
        k = int(math.log1p(t * (T_mult - 1) / T_max) / math.log1p(T_mult - 1))
    while k > 0 and cycle_start(k) > t:  # the estimate can be one off through rounding
        k -= 1
    while cycle_start(k + 1) <= t:
        k += 1
    start, length = cycle_start(k), cycle_start(k + 1) - cycle_start(k)
    peak = lr * decay**k
    return eta_min + (peak - eta_min) * (1 + math.cos(math.pi * (t - start) / length)) / 2


`)
	w.comment(`It is called as lr_schedule's schedules are: in Stable-Baselines3, ` +
		`PPO("MlpPolicy", env, learning_rate=schedule).learn(total_timesteps=steps) calls it ` +
		"with progress_remaining = 1.0 - num_timesteps / total_timesteps. Values agree with LR Playground's to rounding " +
		"(C's expm1 and log1p may differ from Go's in the last bit).")
	w.put("lrs = [schedule(1.0 - float(i) / float(steps)) for i in range(steps)]\nprint(lrs)\n")
}

// join writes names as a Python list's items.
func join(names []string) string { return strings.Join(names, ", ") }
