package core

import (
	"math"
	"strconv"
	"strings"
)

// playgroundCode writes the closest composition of framework's schedulers
// to a run of the playground kind that no single one of them draws (why says
// why), with a "Not exact:" comment wherever the composition differs from
// the playground and why. The spec's values come first, as Python
// variables the composition uses.
func playgroundCode(w *pyWriter, s *Schedule, steps int64, framework, why string) {
	p := s.curve.(*playground)
	sh, _ := shapeOf(s, steps) // the playground always has a shape
	c := plComposition{w: w, p: p, sh: &sh, steps: steps, seen: sh.seen(steps)}
	w.header(s, steps)
	w.comment("No single " + frameworkTitles[framework] + " schedule draws this run: " + why + ". " +
		"The closest composition follows; each \"Not exact\" comment says where and why it differs.")
	w.blank()
	switch framework {
	case "torch":
		c.torch()
	case "timm":
		c.timm()
	case "hf":
		c.hf()
	case "keras":
		c.keras()
	case "optax":
		c.optax()
	case "ignite":
		c.ignite()
	case "sb3":
		c.sb3()
	}
}

// plComposition writes one framework's composition.
type plComposition struct {
	w     *pyWriter
	p     *playground
	sh    *shape
	steps int64
	seen  int64 // cosine cycles the run starts
}

func (c *plComposition) n() string { return strconv.FormatInt(c.steps, 10) }

// vars writes the spec's values and the warmup length as Python variables.
func (c *plComposition) vars() {
	p, w := c.p, c.w
	w.line("lr = " + pyFloatLiteral(p.lr))
	w.line("eta_min = " + pyFloatLiteral(p.etaMin))
	w.line("T_max = " + strconv.FormatInt(int64(p.tMax), 10))
	w.line("T_mult = " + pyFloatLiteral(p.tMult))
	w.line("warmup = " + pyFloatLiteral(p.warmup))
	w.line("warmup_start = " + pyFloatLiteral(p.warmupStart))
	w.line("restarts = " + map[bool]string{true: "True", false: "False"}[p.restarts])
	w.line("decay = " + pyFloatLiteral(p.decay))
	w.line("steps = " + c.n())
	w.line("warmup_steps = " + strconv.FormatInt(c.sh.warmup, 10) + "  # round(warmup * steps), halves rounded up")
	w.blank()
}

// notExact writes a "Not exact" comment.
func (c *plComposition) notExact(text string) { c.w.comment("Not exact: " + text) }

// fractionalStart returns the first cycle start the run reaches that is not
// a whole step (T_mult not a whole number), or -1.
func (c *plComposition) fractionalStart() float64 {
	for k := int64(1); k < c.seen; k++ {
		if x := c.sh.cycleStart(k); !nearInt(x) {
			return x
		}
	}
	return -1
}

// nearInt reports whether x, a cycle start or length, is a whole number:
// geometricStart gives whole starts exactly, and their differences are exact.
func nearInt(x float64) bool { return x == math.Round(x) }

// restartNotes writes the differences of a framework whose restarts have
// whole lengths (integral) and cannot decay, or may (decays).
func (c *plComposition) restartNotes(title string, integral, decays bool) {
	if !c.p.restarts || c.seen < 2 {
		return
	}
	if x := c.fractionalStart(); integral && x >= 0 {
		c.notExact(title + " counts cycles in whole steps; with T_mult = " + pyFloatLiteral(c.p.tMult) +
			" the playground's cycles start part-way through a step (" + formatFloat(x) + " steps after warmup).")
	}
	if !decays && c.p.decay != 1 {
		c.notExact(title + " restarts at lr every cycle; the playground's decay = " + pyFloatLiteral(c.p.decay) +
			" lowers each restart's peak.")
	}
}

func (c *plComposition) torch() {
	w, p := c.w, c.p
	w.line("import torch")
	w.blank()
	c.vars()
	w.line("# A stand-in for your model's parameters.")
	w.line("params = [torch.nn.Parameter(torch.zeros(1))]")
	w.line("optimizer = torch.optim.SGD(params, lr=lr)")
	var scheds, milestones []string
	if c.sh.warmup > 0 {
		if p.warmupStart > 0 && p.warmupStart <= p.lr {
			w.line("warmup_scheduler = torch.optim.lr_scheduler.LinearLR(")
			w.line("    optimizer, start_factor=warmup_start / lr, end_factor=1.0, total_iters=warmup_steps")
			w.line(")")
		} else {
			w.comment("LinearLR's start_factor lies in (0, 1], so it cannot warm up from " + pyFloatLiteral(p.warmupStart) + ": a LambdaLR does.")
			w.line("warmup_scheduler = torch.optim.lr_scheduler.LambdaLR(")
			w.line("    optimizer, lambda step: (warmup_start + (lr - warmup_start) * step / warmup_steps) / lr")
			w.line(")")
		}
		scheds, milestones = append(scheds, "warmup_scheduler"), append(milestones, "warmup_steps")
	}
	if p.restarts {
		c.restartNotes("PyTorch's CosineAnnealingWarmRestarts", false, false)
		mult := "int(T_mult)"
		if !isInt(p.tMult) {
			if c.seen > 1 {
				c.notExact("CosineAnnealingWarmRestarts takes a whole T_mult, so T_mult = " + pyFloatLiteral(p.tMult) +
					" is rounded; the cycles from the second on have other lengths.")
			}
			mult = "max(1, round(T_mult))"
		}
		w.line("cosine = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=T_max, T_mult=" + mult + ", eta_min=eta_min)")
		scheds = append(scheds, "cosine")
	} else {
		w.line("cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=T_max, eta_min=eta_min)")
		w.comment("CosineAnnealingLR would climb back after T_max; the playground holds eta_min.")
		w.line("hold = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: eta_min / lr)")
		scheds, milestones = append(scheds, "cosine", "hold"), append(milestones, "warmup_steps + T_max")
	}
	if len(scheds) == 1 {
		w.line("scheduler = " + scheds[0])
	} else {
		w.line("scheduler = torch.optim.lr_scheduler.SequentialLR(")
		w.line("    optimizer, schedulers=[" + join(scheds) + "], milestones=[" + join(milestones) + "]")
		w.line(")")
	}
	w.comment("Where the shapes agree, values agree with LR Playground's to rounding (PyTorch computes its cosines recursively).")
	w.torchLoop(c.steps, -1)
}

// cycleLimit is how many cycles a framework with a cycle limit needs for the run.
func (c *plComposition) cycleLimit() int64 {
	if !c.p.restarts {
		return 1
	}
	return max(c.seen, 1)
}

func (c *plComposition) timm() {
	w := c.w
	w.line("import torch")
	w.line("from timm.scheduler import CosineLRScheduler")
	w.blank()
	c.vars()
	w.line("# A stand-in for your model's parameters.")
	w.line("params = [torch.nn.Parameter(torch.zeros(1))]")
	w.line("optimizer = torch.optim.SGD(params, lr=lr)")
	w.line("scheduler = CosineLRScheduler(")
	w.line("    optimizer,")
	w.line("    t_initial=T_max,")
	w.line("    lr_min=eta_min,")
	w.line("    cycle_mul=T_mult,")
	w.line("    cycle_decay=decay,")
	w.line("    cycle_limit=" + strconv.FormatInt(c.cycleLimit(), 10) + ",  # the cycles the run starts")
	w.line("    warmup_t=warmup_steps,")
	w.line("    warmup_lr_init=warmup_start,")
	w.line("    warmup_prefix=True,")
	w.line("    t_in_epochs=False,  # by optimizer update, as LR Playground counts steps")
	w.line(")")
	w.blank()
	w.line("lrs = []")
	w.line("for step in range(steps):")
	w.line("    scheduler.step_update(num_updates=step)  # sets the lr of update `step`")
	w.line("    lrs.append(optimizer.param_groups[0][\"lr\"])")
	w.line("    optimizer.step()  # in training: forward pass and loss.backward() first")
	w.line("print(lrs)")
}

func (c *plComposition) hf() {
	w, p := c.w, c.p
	fn, cycles := "get_cosine_with_hard_restarts_schedule_with_warmup", c.cycleLimit()
	training := c.sh.warmup + int64(math.Ceil(c.sh.cycleStart(cycles)))
	if !p.restarts {
		fn = "get_cosine_schedule_with_warmup"
		if p.etaMin > 0 {
			fn = "get_cosine_with_min_lr_schedule_with_warmup"
		}
	}
	w.line("import torch")
	w.line("from transformers import " + fn)
	w.blank()
	c.vars()
	if c.sh.warmup > 0 && p.warmupStart != 0 {
		c.notExact("Hugging Face's warmups start from 0, not from warmup_start = " + pyFloatLiteral(p.warmupStart) + ".")
	}
	if p.restarts {
		if p.etaMin != 0 {
			c.notExact("Hugging Face's hard restarts go down to 0, not to eta_min = " + pyFloatLiteral(p.etaMin) + ".")
		}
		if c.seen > 1 && p.tMult != 1 {
			c.notExact("Hugging Face's hard restarts are equally long, num_cycles cycles between num_warmup_steps and " +
				"num_training_steps; the playground's grow by T_mult = " + pyFloatLiteral(p.tMult) + ".")
		}
		c.restartNotes("Hugging Face's schedule", false, false)
	} else if c.steps > training+1 {
		c.notExact("after num_training_steps Hugging Face's cosine climbs back up; the playground holds eta_min from step " +
			strconv.FormatInt(training, 10) + ".")
	}
	w.line("# A stand-in for your model's parameters.")
	w.line("params = [torch.nn.Parameter(torch.zeros(1))]")
	w.line("optimizer = torch.optim.SGD(params, lr=lr)")
	w.line("scheduler = " + fn + "(")
	w.line("    optimizer,")
	w.line("    num_warmup_steps=warmup_steps,")
	if p.restarts {
		w.line("    num_training_steps=" + strconv.FormatInt(training, 10) + ",  # where the last cycle the run starts ends")
		w.line("    num_cycles=" + strconv.FormatInt(cycles, 10) + ",")
	} else {
		w.line("    num_training_steps=warmup_steps + T_max,")
		if p.etaMin > 0 {
			w.line("    min_lr=eta_min,")
		}
	}
	w.line(")")
	w.torchLoop(c.steps, -1)
}

func (c *plComposition) keras() {
	w, p := c.w, c.p
	w.line("import keras")
	w.blank()
	c.vars()
	if p.restarts {
		if c.seen > 1 && p.decay != 1 && p.etaMin != 0 {
			c.notExact("Keras's m_mul shrinks each cycle's height above alpha·lr; the playground's decay shrinks its peak " +
				"above a fixed eta_min, so the peaks after the first differ.")
		}
		if c.seen > 1 && p.tMult != 1 {
			w.comment("CosineDecayRestarts finds each step's cycle from a float32 logarithm, which can move a restart by a step.")
		}
		w.line("cosine = keras.optimizers.schedules.CosineDecayRestarts(")
		w.line("    initial_learning_rate=lr, first_decay_steps=T_max, t_mul=T_mult, m_mul=decay, alpha=eta_min / lr")
		w.line(")")
	} else {
		w.line("cosine = keras.optimizers.schedules.CosineDecay(initial_learning_rate=lr, decay_steps=T_max, alpha=eta_min / lr)")
	}
	if c.sh.warmup > 0 {
		w.blank()
		w.blank()
		w.line("class Warmup(keras.optimizers.schedules.LearningRateSchedule):")
		w.line(`    """A linear warmup from warmup_start to lr over warmup_steps steps, then after, counted from 0."""`)
		w.blank()
		w.line("    def __init__(self, after):")
		w.line("        self.after = after")
		w.blank()
		w.line("    def __call__(self, step):")
		w.line("        step = keras.ops.cast(step, \"float32\")")
		w.line("        warm = warmup_start + (lr - warmup_start) * (step / warmup_steps)")
		w.line("        return keras.ops.where(step < warmup_steps, warm, self.after(keras.ops.maximum(step - warmup_steps, 0.0)))")
		w.blank()
		w.blank()
		w.line("schedule = Warmup(cosine)")
	} else {
		w.line("schedule = cosine")
	}
	w.comment("Keras computes in float32: values agree with LR Playground's to about 1e-7 of lr where the shapes agree.")
	w.line("lrs = [float(schedule(step)) for step in range(steps)]")
	w.line("print(lrs)")
}

func (c *plComposition) optax() {
	w, p := c.w, c.p
	w.line("import math")
	w.blank()
	w.line("import optax")
	w.blank()
	c.vars()
	if !p.restarts {
		w.line("schedule = optax.warmup_cosine_decay_schedule(")
		w.line("    init_value=warmup_start, peak_value=lr, warmup_steps=warmup_steps, decay_steps=warmup_steps + T_max, end_value=eta_min")
		w.line(")")
	} else {
		if x := c.fractionalStart(); x >= 0 {
			c.notExact("join_schedules starts each cycle at a whole step; with T_mult = " + pyFloatLiteral(p.tMult) +
				" the playground's cycles start part-way through one (" + formatFloat(x) + " steps after warmup), " +
				"so each such cycle runs up to a step behind.")
		}
		w.comment("One cosine_decay_schedule a cycle, from its peak down to eta_min, joined at the steps where the cycles start.")
		w.line("schedules, boundaries = [], []")
		if c.sh.warmup > 0 {
			w.line("schedules.append(optax.linear_schedule(init_value=warmup_start, end_value=lr, transition_steps=warmup_steps))")
			w.line("boundaries.append(warmup_steps)")
		}
		w.line("start, length, peak = 0.0, float(T_max), lr")
		w.line("while warmup_steps + math.ceil(start) < steps:")
		w.line("    schedules.append(optax.cosine_decay_schedule(init_value=peak, decay_steps=length, alpha=eta_min / peak))")
		w.line("    start, length, peak = start + length, length * T_mult, peak * decay")
		w.line("    boundaries.append(warmup_steps + math.ceil(start))")
		w.line("boundaries.pop()  # the last cycle runs to the end")
		w.line("schedule = optax.join_schedules(schedules, boundaries)")
	}
	w.comment("optax computes in float32: values agree with LR Playground's to about 1e-7 of lr where the shapes agree.")
	w.line("lrs = [float(schedule(step)) for step in range(steps)]")
	w.line("print(lrs)")
}

func (c *plComposition) ignite() {
	w, p := c.w, c.p
	w.line("import torch")
	w.line("from ignite.handlers.param_scheduler import ConcatScheduler, CosineAnnealingScheduler, PiecewiseLinear")
	w.blank()
	c.vars()
	if p.tMax < 2 {
		c.notExact("ignite's cycle_size is at least 2, so T_max = 1 becomes 2.")
	}
	if p.restarts && c.seen > 1 && p.tMult != 1 {
		for k := int64(1); k < c.seen; k++ {
			if size := c.sh.cycleStart(k+1) - c.sh.cycleStart(k); !nearInt(size) {
				c.notExact("ignite truncates each cycle's size to whole steps (int(size·cycle_mult)); the playground's cycle " +
					strconv.FormatInt(k, 10) + " lasts " + formatFloat(size) + " steps.")
				break
			}
		}
	}
	w.line("# A stand-in for your model's parameters.")
	w.line("params = [torch.nn.Parameter(torch.zeros(1))]")
	w.line("optimizer = torch.optim.SGD(params, lr=lr)")
	var scheds, durations []string
	if c.sh.warmup > 0 {
		w.line("warmup_scheduler = PiecewiseLinear(optimizer, \"lr\", milestones_values=[(0, warmup_start), (warmup_steps, lr)])")
		scheds, durations = append(scheds, "warmup_scheduler"), append(durations, "warmup_steps")
	}
	w.line("cosine = CosineAnnealingScheduler(")
	w.line("    optimizer, \"lr\", start_value=lr, end_value=eta_min, cycle_size=max(T_max, 2), cycle_mult=T_mult, start_value_mult=decay")
	w.line(")")
	scheds = append(scheds, "cosine")
	if !p.restarts {
		w.comment("The cosine would restart after T_max; the playground holds eta_min.")
		w.line("hold = PiecewiseLinear(optimizer, \"lr\", milestones_values=[(0, eta_min)])")
		scheds, durations = append(scheds, "hold"), append(durations, "T_max")
	}
	if len(scheds) == 1 {
		w.line("scheduler = cosine")
	} else {
		w.line("scheduler = ConcatScheduler(schedulers=[" + join(scheds) + "], durations=[" + join(durations) + "])")
	}
	w.comment("Where the shapes agree, values agree with LR Playground's to rounding (ignite's cosine is written differently).")
	w.blank()
	w.line("lrs = []")
	w.line("for step in range(steps):")
	w.line("    scheduler(None)  # in training: trainer.add_event_handler(Events.ITERATION_STARTED, scheduler)")
	w.line("    lrs.append(optimizer.param_groups[0][\"lr\"])")
	w.line("print(lrs)")
}

func (c *plComposition) sb3() {
	w := c.w
	w.line("import math")
	w.blank()
	c.vars()
	w.blank()
	w.line("def cycle_start(k):")
	w.line(`    """Where cycle k starts, in steps after warmup: T_max·(T_mult^k − 1)/(T_mult − 1)."""`)
	w.line("    if T_mult == 1:")
	w.line("        return float(T_max * k)")
	w.line("    return T_max * math.expm1(k * math.log1p(T_mult - 1)) / (T_mult - 1)")
	w.blank()
	w.blank()
	w.line("def lr_schedule(progress_remaining: float) -> float:")
	w.line(`    """The playground's formula, in LR Playground's order of operations, at the step SB3's progress gives."""`)
	w.line("    i = round((1.0 - progress_remaining) * steps)")
	w.line("    if i < warmup_steps:")
	w.line("        return warmup_start + (lr - warmup_start) * i / warmup_steps")
	w.line("    t = float(i - warmup_steps)")
	w.line("    if not restarts:")
	w.line("        return eta_min + (lr - eta_min) * (1 + math.cos(math.pi * min(t, T_max) / T_max)) / 2")
	w.line("    if T_mult == 1:")
	w.line("        k = int(t / T_max)")
	w.line("    else:")
	w.line("        k = int(math.log1p(t * (T_mult - 1) / T_max) / math.log1p(T_mult - 1))")
	w.line("    while k > 0 and cycle_start(k) > t:  # the estimate can be one off through rounding")
	w.line("        k -= 1")
	w.line("    while cycle_start(k + 1) <= t:")
	w.line("        k += 1")
	w.line("    start, length = cycle_start(k), cycle_start(k + 1) - cycle_start(k)")
	w.line("    peak = lr * decay**k")
	w.line("    return eta_min + (peak - eta_min) * (1 + math.cos(math.pi * (t - start) / length)) / 2")
	w.blank()
	w.blank()
	w.comment("Stable-Baselines3: PPO(\"MlpPolicy\", env, learning_rate=lr_schedule).learn(total_timesteps=steps) calls it " +
		"with progress_remaining = 1.0 - num_timesteps / total_timesteps. Values agree with LR Playground's to rounding " +
		"(C's expm1 and log1p may differ from Go's in the last bit).")
	w.line("lrs = [lr_schedule(1.0 - float(i) / float(steps)) for i in range(steps)]")
	w.line("print(lrs)")
}

// join writes names as a Python list's items.
func join(names []string) string { return strings.Join(names, ", ") }
