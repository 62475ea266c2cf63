package core

import "math"

// A target writes a shape as specs of one framework's kinds: every kind that
// can draw the run, for evaluation to choose from, or why none can.
type target func(sh *shape, n int64) ([]candidate, []string)

var targets = map[string]target{
	"torch": torchTarget, "timm": timmTarget, "hf": hfTarget, "keras": kerasTarget,
	"optax": optaxTarget, "ignite": igniteTarget, "lr_schedule": lrsTarget,
}

// The texts targets give for what a framework lacks.

//go:noinline
func fnum(x float64) string { return formatFloat(x) }

//go:noinline
func inum(x int64) string { return itoa(x) }

// prefixText describes what comes before sh's main phase.
func (sh *shape) prefixText() string {
	switch {
	case sh.under:
		return "a warmup over the first " + inum(sh.warmup) + " steps of the cosine (timm's warmup_prefix false)"
	case sh.stable > 0:
		return "a stable phase of " + inum(sh.stable) + " steps at the peak"
	}
	return "a warmup"
}

// tailText says how sh goes on after its first cycle, for a target that does it differently.
func (sh *shape) tailText() string {
	switch {
	case sh.tail == shapePeriodic:
		return "the cosine climbs back up from step " + inum(sh.end()+1)
	case sh.cycles > 0:
		return "the lr holds at " + fnum(sh.floor) + " from step " + inum(sh.end())
	}
	return "the cosine restarts at step " + inum(sh.origin()+int64(math.Ceil(sh.length)))
}

// restartsText says what sh's restarts have that title's lack, or "".
func (sh *shape) restartsText(n int64, equal, integral, decays bool, title string) string {
	if sh.seen(n) < 2 {
		return ""
	}
	switch {
	case equal && sh.mult != 1:
		return "the cycles of " + title + " are all equally long; here each is " + fnum(sh.mult) + " times the one before"
	case integral && !isInt(sh.mult):
		return title + " takes a whole cycle multiplier, not " + fnum(sh.mult)
	case !decays && sh.decay != 1:
		return "every cycle of " + title + " peaks at the same lr; here each peak is " + fnum(sh.decay) + " times the one before"
	}
	return ""
}

// ampText is the difference between decaying the peak and decaying the height above the floor.
func ampText(sh *shape, title string) string {
	if sh.ampDecay {
		return "Keras's m_mul shrinks each cycle's height above alpha·initial_learning_rate (" + fnum(sh.floor) + "), " +
			title + " shrinks its peak"
	}
	return "here each cycle's peak shrinks by " + fnum(sh.decay) + " above a fixed floor of " + fnum(sh.floor) +
		"; " + title + " shrinks the height above it"
}

func notCosine(sh *shape, title, others string) []string {
	return []string{"no " + title + " kind of LR Playground draws " + formNames[sh.form] + others}
}

// spec builds a candidate: spec(kind, name, value, name, value, ...). Not
// inlined: the targets call it at thirty sites.
//
//go:noinline
func spec(kind string, kv ...any) candidate {
	c := candidate{kind: kind, values: map[string]any{}}
	for i := 0; i < len(kv); i += 2 {
		c.values[kv[i].(string)] = kv[i+1]
	}
	return c
}

func torchTarget(sh *shape, n int64) ([]candidate, []string) {
	if sh.under || sh.stable > 0 || (sh.warmup > 0 && sh.form != shapeFlat) {
		return nil, []string{"no single PyTorch scheduler has " + sh.prefixText() + " before " + formNames[sh.form] +
			" (SequentialLR chains several, which is not one kind)"}
	}
	lr := sh.peak
	switch sh.form {
	case shapeFlat:
		if sh.warmup == 0 {
			return []candidate{spec("torch.LinearLR", "lr", lr, "start_factor", 1.0, "end_factor", 1.0, "total_iters", int64(0))}, nil
		}
		if !(sh.start > 0 && sh.start <= lr) {
			return nil, []string{"LinearLR warms up from start_factor·lr with 0 < start_factor ≤ 1, so not from " + fnum(sh.start) + " to " + fnum(lr)}
		}
		return []candidate{spec("torch.LinearLR", "lr", lr, "start_factor", sh.start/lr, "end_factor", 1.0, "total_iters", sh.warmup)}, nil
	case shapeLinear:
		c := []candidate{spec("torch.LinearLR", "lr", lr, "start_factor", 1.0, "end_factor", sh.floor/lr, "total_iters", int64(sh.length))}
		if sh.floor == 0 {
			c = append(c, spec("torch.PolynomialLR", "lr", lr, "total_iters", int64(sh.length), "power", 1.0))
		}
		return c, nil
	case shapePoly:
		if sh.floor != 0 {
			return nil, []string{"PyTorch's PolynomialLR decays to 0, not to " + fnum(sh.floor)}
		}
		return []candidate{spec("torch.PolynomialLR", "lr", lr, "total_iters", int64(sh.length), "power", sh.power)}, nil
	case shapeExp:
		return []candidate{spec("torch.ExponentialLR", "lr", lr, "gamma", sh.gamma)}, nil
	}
	if !isInt(sh.length) {
		return nil, []string{"PyTorch's cycles are whole steps, not " + fnum(sh.length)}
	}
	var c []candidate
	if sh.asPeriodic(n) {
		c = append(c, spec("torch.CosineAnnealingLR", "lr", lr, "T_max", int64(sh.length), "eta_min", sh.floor))
	}
	wr := sh.restartsText(n, false, true, false, "PyTorch's CosineAnnealingWarmRestarts")
	if sh.asForever(n) && wr == "" {
		mult := int64(1)
		if isInt(sh.mult) {
			mult = int64(sh.mult)
		}
		c = append(c, spec("torch.CosineAnnealingWarmRestarts", "lr", lr, "T_0", int64(sh.length), "T_mult", mult, "eta_min", sh.floor))
	}
	switch {
	case len(c) > 0:
		return c, nil
	case sh.asForever(n):
		return nil, []string{wr}
	case sh.seen(n) > 1:
		return nil, []string{sh.tailText() + "; PyTorch's CosineAnnealingWarmRestarts restarts for ever"}
	}
	return nil, []string{sh.tailText() + "; PyTorch's CosineAnnealingLR climbs back after T_max, and CosineAnnealingWarmRestarts restarts"}
}

func timmTarget(sh *shape, n int64) ([]candidate, []string) {
	switch {
	case sh.stable > 0:
		return nil, []string{"timm's CosineLRScheduler has no stable phase before its cosine"}
	case sh.form != shapeCosine && sh.form != shapeFlat:
		return nil, notCosine(sh, "timm", " (timm.CosineLRScheduler draws cosines)")
	case !isInt(sh.length) && sh.form == shapeCosine:
		return nil, []string{"timm's t_initial is a whole number of steps, not " + fnum(sh.length)}
	case !sh.asHold(n):
		return nil, []string{sh.tailText() + "; timm holds lr_min after its last cycle"}
	case sh.ampDecay && sh.decay != 1 && sh.seen(n) > 1:
		return nil, []string{ampText(sh, "timm's cycle_decay")}
	}
	c := spec("timm.CosineLRScheduler", "lr", sh.peak, "lr_min", sh.floor, "warmup_t", sh.warmup, "warmup_lr_init", sh.start,
		"warmup_prefix", sh.warmup > 0 && !sh.under)
	if sh.form == shapeFlat {
		c.values["t_initial"], c.values["lr_min"] = int64(1), sh.peak
		return []candidate{c}, nil
	}
	cycles := sh.cycles
	if cycles == 0 {
		cycles = max(sh.seen(n), 1)
	}
	c.values["t_initial"], c.values["cycle_mul"], c.values["cycle_decay"], c.values["cycle_limit"] = int64(sh.length), sh.mult, sh.decay, cycles
	return []candidate{c}, nil
}

func hfTarget(sh *shape, n int64) ([]candidate, []string) {
	const title = "Hugging Face"
	lr, w := sh.peak, sh.warmup
	switch {
	case sh.under:
		return nil, []string{"Hugging Face's cosines start after the warmup, not under it (timm's warmup_prefix false)"}
	case !(lr > 0):
		return nil, []string{"Hugging Face's schedules scale the optimizer's lr, which must be more than 0"}
	}
	// wsd warms up from min_lr_ratio·lr, the lr it decays to.
	wsd := func(stable, decay int64, decayType string, ratio float64) candidate {
		return spec("hf.wsd_schedule", "lr", lr, "num_warmup_steps", w, "num_stable_steps", stable, "num_decay_steps", decay,
			"warmup_type", "linear", "decay_type", decayType, "min_lr_ratio", ratio, "num_cycles", 0.5)
	}
	fromFloor := w == 0 || sh.start == sh.floor
	fromZero := w == 0 || sh.start == 0
	startText := "Hugging Face's warmups start from 0 (from min_lr_ratio·lr in WSD, the lr it decays to), not from " + fnum(sh.start)
	switch sh.form {
	case shapeFlat:
		ratio := 0.0
		if w > 0 {
			ratio = sh.start / lr
		}
		return []candidate{wsd(max(n-w, 0), 0, "cosine", ratio)}, nil
	case shapeLinear:
		if !fromFloor {
			return nil, []string{startText}
		}
		return []candidate{wsd(sh.stable, int64(sh.length), "linear", sh.floor/lr)}, nil
	case shapeCosine:
	default:
		return nil, notCosine(sh, title, "")
	}
	var c []candidate
	var why []string
	seen := sh.seen(n)
	if sh.stable == 0 && fromZero && isInt(sh.length) && sh.asPeriodic(n) {
		t := w + int64(sh.length)
		if sh.floor == 0 {
			c = append(c, spec("hf.cosine_schedule_with_warmup", "lr", lr, "num_warmup_steps", w, "num_training_steps", t, "num_cycles", 0.5))
		} else {
			c = append(c, spec("hf.cosine_with_min_lr_schedule_with_warmup", "lr", lr, "num_warmup_steps", w, "num_training_steps", t,
				"num_cycles", 0.5, "min_lr", sh.floor))
		}
	}
	if sh.stable == 0 && fromZero && sh.floor == 0 && sh.asHold(n) {
		cycles := sh.cycles
		if cycles == 0 {
			cycles = max(seen, 1)
		}
		span := float64(cycles) * sh.length
		switch r := sh.restartsText(n, true, false, false, "Hugging Face's hard restarts"); {
		case r != "":
			why = append(why, r)
		case !isInt(span):
			why = append(why, "Hugging Face's hard restarts fit "+inum(cycles)+" cycles into whole steps, not "+fnum(span))
		default:
			c = append(c, spec("hf.cosine_with_hard_restarts_schedule_with_warmup", "lr", lr, "num_warmup_steps", w,
				"num_training_steps", w+int64(span), "num_cycles", cycles))
		}
	}
	if fromFloor && isInt(sh.length) && sh.asHold(n) && seen <= 1 {
		c = append(c, wsd(sh.stable, int64(sh.length), "cosine", sh.floor/lr))
	}
	switch {
	case len(c) > 0:
		return c, nil
	case len(why) > 0:
		return nil, why
	case seen > 1 && sh.floor != 0:
		return nil, []string{"Hugging Face's hard restarts go down to 0, not " + fnum(sh.floor)}
	case seen > 1 && sh.stable > 0:
		return nil, []string{"Hugging Face's WSD has one cosine"}
	case !sh.asHold(n):
		return nil, []string{sh.tailText() + "; of Hugging Face's schedules only the cosine ones climb back like that, " +
			"and they warm up from 0 with no stable phase"}
	case !fromZero || !fromFloor:
		return nil, []string{startText}
	}
	return nil, []string{"the cycle is " + fnum(sh.length) + " steps, not a whole number"}
}

func kerasTarget(sh *shape, n int64) ([]candidate, []string) {
	switch {
	case sh.under:
		return nil, []string{"Keras's cosines start after the warmup, not under it (timm's warmup_prefix false)"}
	case sh.stable > 0:
		return nil, []string{"Keras's schedules have no stable phase"}
	case sh.form != shapeCosine && sh.form != shapeFlat:
		return nil, notCosine(sh, "Keras", " (Keras's PolynomialDecay and ExponentialDecay are not kinds here yet)")
	case sh.form == shapeCosine && !isInt(sh.length):
		return nil, []string{"Keras's decay steps are whole steps, not " + fnum(sh.length)}
	}
	alpha := 0.0
	if sh.peak > 0 {
		alpha = sh.floor / sh.peak
	} else if sh.floor != 0 {
		return nil, []string{"Keras's alpha is a fraction of a peak lr of 0"}
	}
	decay := func(steps int64, alpha float64) candidate {
		if sh.warmup == 0 {
			return spec("keras.CosineDecay", "initial_learning_rate", sh.peak, "decay_steps", steps, "alpha", alpha)
		}
		return spec("keras.CosineDecay", "initial_learning_rate", sh.start, "decay_steps", steps, "alpha", alpha,
			"warmup_target", sh.peak, "warmup_steps", sh.warmup)
	}
	if sh.form == shapeFlat {
		return []candidate{decay(1, 1)}, nil
	}
	var c []candidate
	var why []string
	if sh.asHold(n) && sh.seen(n) <= 1 {
		c = append(c, decay(int64(sh.length), alpha))
	}
	if sh.warmup == 0 && sh.asForever(n) {
		if sh.seen(n) > 1 && sh.decay != 1 && !sh.ampDecay && sh.floor != 0 {
			why = append(why, ampText(sh, "Keras's m_mul"))
		} else {
			c = append(c, spec("keras.CosineDecayRestarts", "initial_learning_rate", sh.peak, "first_decay_steps", int64(sh.length),
				"t_mul", sh.mult, "m_mul", sh.decay, "alpha", alpha))
		}
	}
	switch {
	case len(c) > 0 || len(why) > 0:
		return c, why
	case sh.seen(n) > 1 && sh.warmup > 0:
		return nil, []string{"Keras's CosineDecayRestarts has no warmup, and its CosineDecay has one cycle"}
	case sh.seen(n) > 1:
		return nil, []string{sh.tailText() + "; Keras's CosineDecayRestarts restarts for ever"}
	case sh.warmup > 0:
		return nil, []string{sh.tailText() + "; Keras's CosineDecay holds alpha·warmup_target after its decay, and CosineDecayRestarts has no warmup"}
	}
	return nil, []string{sh.tailText() + "; Keras's CosineDecay holds alpha·initial_learning_rate after its decay, and CosineDecayRestarts restarts"}
}

func optaxTarget(sh *shape, n int64) ([]candidate, []string) {
	switch {
	case sh.under:
		return nil, []string{"optax's cosines start after the warmup, not under it (timm's warmup_prefix false)"}
	case sh.stable > 0:
		return nil, []string{"optax's cosine schedules have no stable phase"}
	case sh.form != shapeCosine && sh.form != shapeFlat:
		return nil, notCosine(sh, "optax", " (optax's polynomial_schedule and exponential_decay are not kinds here yet)")
	case sh.form == shapeCosine && !isInt(sh.length):
		return nil, []string{"optax's decay_steps is a whole number of steps, not " + fnum(sh.length)}
	case sh.form == shapeCosine && sh.seen(n) > 1:
		return nil, []string{"optax's cosine schedules have one cycle (sgdr_schedule joins several, which is not a kind here)"}
	case !sh.asHold(n):
		return nil, []string{sh.tailText() + "; optax holds its end value after decay_steps"}
	}
	length, floor := int64(sh.length), sh.floor
	if sh.form == shapeFlat {
		length, floor = 1, sh.peak
	}
	start := sh.start
	if sh.warmup == 0 {
		start = sh.peak
	}
	c := []candidate{spec("optax.warmup_cosine_decay_schedule", "init_value", start, "peak_value", sh.peak,
		"warmup_steps", sh.warmup, "decay_steps", sh.warmup+length, "end_value", floor, "exponent", 1.0)}
	if sh.warmup == 0 && sh.peak > 0 {
		c = append(c, spec("optax.cosine_decay_schedule", "init_value", sh.peak, "decay_steps", length, "alpha", floor/sh.peak, "exponent", 1.0))
	}
	return c, nil
}

func igniteTarget(sh *shape, n int64) ([]candidate, []string) {
	switch {
	case sh.warmup > 0 || sh.stable > 0:
		return nil, []string{"ignite's CosineAnnealingScheduler has nothing before its first cycle, here " + sh.prefixText() + " (its warmup_duration ramps back up after each cycle)"}
	case sh.form != shapeCosine:
		return nil, notCosine(sh, "PyTorch-Ignite", " (ignite.CosineAnnealingScheduler draws cosine cycles)")
	case !isInt(sh.length) || sh.length < 2:
		return nil, []string{"ignite's cycle_size is a whole number of at least 2 steps, not " + fnum(sh.length)}
	case !sh.asForever(n):
		return nil, []string{sh.tailText() + "; ignite's cycles restart for ever"}
	case sh.ampDecay && sh.decay != 1 && sh.seen(n) > 1:
		return nil, []string{ampText(sh, "ignite's start_value_mult")}
	}
	if seen := sh.seen(n); seen > 1 && sh.mult != 1 {
		size := int64(sh.length)
		for k := int64(1); k < seen; k++ {
			size = igniteTrunc(float64(size) * sh.mult)
			if want := sh.length * math.Pow(sh.mult, float64(k)); float64(size) != want {
				return nil, []string{"ignite truncates each cycle's size to whole steps (int(size·cycle_mult)): cycle " + inum(k) +
					" would have " + inum(size) + " steps, not " + fnum(want)}
			}
		}
	}
	return []candidate{spec("ignite.CosineAnnealingScheduler", "start_value", sh.peak, "end_value", sh.floor, "cycle_size", int64(sh.length),
		"cycle_mult", sh.mult, "start_value_mult", sh.decay, "end_value_mult", 1.0, "warmup_duration", int64(0))}, nil
}

func lrsTarget(sh *shape, n int64) ([]candidate, []string) {
	N := float64(n)
	span := "lr_schedule's schedules are functions of the fraction of the run left, so they span the whole run of " + inum(n) + " steps"
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
			return []candidate{spec("lr_schedule.cosine", "initial_value", sh.peak, "final_value", sh.floor)}, nil
		}
		if sh.warmup > 0 && sh.start == 0 && sh.length == N-float64(sh.warmup) {
			return []candidate{spec("lr_schedule.cosine_warmup", "initial_value", sh.peak, "final_value", sh.floor,
				"warmup_fraction", float64(sh.warmup)/N)}, nil
		}
		if sh.warmup > 0 && sh.start != 0 {
			return nil, []string{"lr_schedule's warmup starts from 0, not from " + fnum(sh.start)}
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
		c := []candidate{spec("lr_schedule.polynomial", "initial_value", sh.peak, "final_value", sh.floor, "power", power)}
		if sh.form == shapeLinear {
			c = append([]candidate{spec("lr_schedule.linear", "initial_value", sh.peak, "final_value", sh.floor)}, c...)
		}
		return c, nil
	case shapeExp:
		rate := math.Pow(sh.gamma, N)
		if !(rate > 0 && rate <= 1) {
			return nil, []string{"lr_schedule's exponential decay_rate lies in (0, 1]; here gamma^" + inum(n) + " is " + fnum(rate)}
		}
		return []candidate{spec("lr_schedule.exponential", "initial_value", sh.peak, "decay_rate", rate)}, nil
	}
	switch {
	case sh.warmup == 0 && sh.peak > 0:
		return []candidate{spec("lr_schedule.constant", "initial_value", sh.peak)}, nil
	case sh.warmup == n && sh.start > 0:
		return []candidate{spec("lr_schedule.linear", "initial_value", sh.start, "final_value", sh.peak)}, nil
	}
	return nil, []string{span + "; here the warmup lasts " + inum(sh.warmup) + " steps from " + fnum(sh.start)}
}
