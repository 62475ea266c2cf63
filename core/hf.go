package core

import (
	"slices"
	"strings"

	"github.com/lrplay/lrplay/core/internal/python"

	"github.com/lrplay/lrplay/internal/strs"
)

// Hugging Face Transformers schedules, ported from
// huggingface/transformers src/transformers/optimization.py. Each is a
// torch LambdaLR, so the lr of step i is lr * lr_lambda(i) (LambdaLR's
// base_lr * lmbda(last_epoch)), with lr_lambda computed in Python floats
// (float64) in the source's order of operations.

const (
	hfLink        = "https://huggingface.co/docs/transformers/main_classes/optimizer_schedules"
	hfConvention  = "lr * lr_lambda(i): param_groups[0]['lr'] after i calls of scheduler.step() on the LambdaLR"
	hfDefaultLR   = 5e-5 // TrainingArguments.learning_rate
	hfMaxCycles   = 1e9  // |num_cycles| beyond this leaves no precision in the cosine's argument
	hfMaxIntParam = float64(maxInt)
)

func hfLRParam() Param {
	return Param{Name: "lr", Type: Float, Default: hfDefaultLR, Range: above(0),
		Doc:  "the optimizer's learning rate (base_lr of the LambdaLR); 5e-5 is TrainingArguments' default",
		Hint: Hint{Min: 1e-7, Max: 1, Log: true}}
}

func hfWarmupParam() Param {
	return Param{Name: "num_warmup_steps", Type: Int, Required: true, Range: between(0, hfMaxIntParam),
		Doc:  "the number of steps for the warmup phase, rising linearly from 0 to lr",
		Hint: Hint{Min: 0, Max: 1000, Step: 1}}
}

func hfTrainingParam() Param {
	return Param{Name: "num_training_steps", Type: Int, Required: true, Range: between(0, hfMaxIntParam),
		Doc:  "the total number of training steps, warmup included",
		Hint: Hint{Min: 1, Max: 10000, Step: 1}}
}

func hfCyclesParam(doc string) Param {
	return Param{Name: "num_cycles", Type: Float, Default: 0.5, Range: between(-hfMaxCycles, hfMaxCycles),
		Doc: doc, Hint: Hint{Min: 0, Max: 5, Step: 0.25}}
}

// hfWarmup is the warmup factor of every HF schedule here:
// float(current_step) / float(max(1, num_warmup_steps)).
func hfWarmup(i, w int64) float64 { return float64(i) / float64(max(1, w)) }

// hfWarmupEnd yields WarmupEnd at the end w of a warmup (w > 0) when it is
// in [from, to) and in a run of n steps, and returns false when yield did.
func hfWarmupEnd(w, n, from, to int64, yield func(Event) bool) bool {
	return !(w > 0 && w >= from && w < to && w < n) || yield(Event{w, WarmupEnd})
}

// hf is a framework.
var _ = registerFramework(&framework{name: "hf", title: "Hugging Face Transformers", order: 300, tools: &hfTools{}})

// hfTools are Hugging Face's hooks for the tools (see frameworkTools).
type hfTools struct{}

func (*hfTools) dispatchers() []importSig { return append(hfDispatchers, hfMetricImports()...) }

// hfDispatchers: get_scheduler (and, from dispatchers, the metric-driven
// schedules import refuses).
var hfDispatchers = []importSig{{callee: "get_scheduler", params: []string{"name", "optimizer", "num_warmup_steps", "num_training_steps", "scheduler_specific_kwargs"}, resolve: hfGetScheduler}}

// target writes a shape as specs of Hugging Face Transformers's kinds (see frameworkTools).
func (*hfTools) target(sh *shape, n int64) ([]candidate, []string) {
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
		return spec(hfWSDKind, "lr", lr, "num_warmup_steps", w, "num_stable_steps", stable, "num_decay_steps", decay,
			"warmup_type", "linear", "decay_type", decayType, "min_lr_ratio", ratio, "num_cycles", 0.5)
	}
	fromFloor := w == 0 || sh.start == sh.floor
	fromZero := w == 0 || sh.start == 0
	startText := "Hugging Face's warmups start from 0 (from min_lr_ratio·lr in WSD, the lr it decays to), not from " + formatFloat(sh.start)
	own := hfOwnTarget(sh, n) // the constant, linear and polynomial kinds, preferred on a tie
	switch sh.form {
	case shapeFlat:
		ratio := 0.0
		if w > 0 {
			ratio = sh.start / lr
		}
		return append(own, wsd(max(n-w, 0), 0, "cosine", ratio)), nil
	case shapeLinear:
		if !fromFloor {
			return own, []string{startText}
		}
		c := wsd(sh.stable, int64(sh.length), "linear", sh.floor/lr)
		if sh.floor != 0 {
			return append([]candidate{c}, own...), nil // the polynomial one only if it beats WSD
		}
		return append(own, c), nil
	case shapePoly:
		if len(own) > 0 {
			return own, nil
		}
		return nil, notCosine(sh, title, "")
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
			c = append(c, spec(hfCosineKind, "lr", lr, "num_warmup_steps", w, "num_training_steps", t, "num_cycles", 0.5))
		} else {
			c = append(c, spec(hfCosineMinLRKind, "lr", lr, "num_warmup_steps", w, "num_training_steps", t,
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
			why = append(why, "Hugging Face's hard restarts fit "+itoa(cycles)+" cycles into whole steps, not "+formatFloat(span))
		default:
			c = append(c, spec(hfHardRestartsKind, "lr", lr, "num_warmup_steps", w,
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
		return nil, []string{"Hugging Face's hard restarts go down to 0, not " + formatFloat(sh.floor)}
	case seen > 1 && sh.stable > 0:
		return nil, []string{"Hugging Face's WSD has one cosine"}
	case !sh.asHold(n):
		return nil, []string{sh.tailText() + "; of Hugging Face's schedules only the cosine ones climb back like that, " +
			"and they warm up from 0 with no stable phase"}
	case !fromZero || !fromFloor:
		return nil, []string{startText}
	}
	return nil, []string{"the cycle is " + formatFloat(sh.length) + " steps, not a whole number"}
}

// hfOwnTarget writes a flat, linear or polynomial shape as
// get_constant_schedule(_with_warmup), get_linear_schedule_with_warmup or
// get_polynomial_decay_schedule_with_warmup, which warm up from 0 with no
// stable phase; the linear one decays to 0, the polynomial one to lr_end < lr.
func hfOwnTarget(sh *shape, n int64) []candidate {
	lr, w := sh.peak, sh.warmup
	if w > 0 && sh.start != 0 {
		return nil
	}
	switch {
	case sh.form == shapeFlat && w == 0:
		return []candidate{spec(hfConstantKind, "lr", lr)}
	case sh.form == shapeFlat:
		return []candidate{spec(hfConstantWarmupKind, "lr", lr, "num_warmup_steps", w)}
	case sh.stable != 0 || !isInt(sh.length) || sh.length < 1:
	case sh.form == shapeLinear && sh.floor == 0:
		return []candidate{spec(hfLinearKind, "lr", lr, "num_warmup_steps", w, "num_training_steps", w+int64(sh.length))}
	case (sh.form == shapeLinear || sh.form == shapePoly) && sh.floor >= 0 && sh.floor < lr:
		power := 1.0
		if sh.form == shapePoly {
			power = sh.power
		}
		return []candidate{spec(hfPolynomialKind, "lr", lr, "num_warmup_steps", w,
			"num_training_steps", w+int64(sh.length), "lr_end", sh.floor, "power", power)}
	}
	return nil
}

// hfCode writes a snippet that steps the scheduler a get_* function builds.
func hfCode(w *pyWriter, s *Schedule, steps int64) {
	w.put("import torch\nfrom transformers import get_{name}\n\n") // hf.wsd_schedule is get_wsd_schedule
	torchStepCode(w, s, "get_{name}", "lr", "")
}

// hfSchedulerTypes are SchedulerType's members in transformers/trainer_utils.py:
// member name, value (get_scheduler's name) and the constructor
// TYPE_TO_SCHEDULER_FUNCTION maps it to.
var hfSchedulerTypes = [...][3]string{
	{"LINEAR", "linear", "get_linear_schedule_with_warmup"},
	{"COSINE", "cosine", "get_cosine_schedule_with_warmup"},
	{"COSINE_WITH_RESTARTS", "cosine_with_restarts", "get_cosine_with_hard_restarts_schedule_with_warmup"},
	{"POLYNOMIAL", "polynomial", "get_polynomial_decay_schedule_with_warmup"},
	{"CONSTANT", "constant", "get_constant_schedule"},
	{"CONSTANT_WITH_WARMUP", "constant_with_warmup", "get_constant_schedule_with_warmup"},
	{"INVERSE_SQRT", "inverse_sqrt", "get_inverse_sqrt_schedule"},
	{"REDUCE_ON_PLATEAU", "reduce_lr_on_plateau", "get_reduce_on_plateau_schedule"},
	{"COSINE_WITH_MIN_LR", "cosine_with_min_lr", "get_cosine_with_min_lr_schedule_with_warmup"},
	{"COSINE_WARMUP_WITH_MIN_LR", "cosine_warmup_with_min_lr", "get_cosine_with_min_lr_schedule_with_warmup_lr_rate"},
	{"WARMUP_STABLE_DECAY", "warmup_stable_decay", "get_wsd_schedule"},
	{"GREEDY", "greedy", "get_greedy_schedule"},
}

// hfMetricSchedulers make schedulers that step on a metric, not a count:
// get_scheduler and ImportCode list them and refuse them, saying why.
var hfMetricSchedulers = map[string]string{
	"get_reduce_on_plateau_schedule": "makes a ReduceLROnPlateau",
	"get_greedy_schedule":            "makes a GreedyLR",
}

// hfMetricRefusal is the error for a scheduler of hfMetricSchedulers.
func hfMetricRefusal(param, call, callee string) error {
	return errorf(param, call+" "+hfMetricSchedulers[callee]+", which changes the lr when a metric (the loss) stops "+
		"or keeps improving: its curve depends on that metric and cannot be drawn from a step count")
}

// hfMetricImports read get_reduce_on_plateau_schedule(optimizer, **kwargs)
// and get_greedy_schedule(optimizer, **kwargs), with the keywords of
// ReduceLROnPlateau and GreedyLR, only to refuse them.
func hfMetricImports() []importSig {
	sig := func(callee string, params ...string) importSig {
		return importSig{callee: callee, params: append([]string{"optimizer"}, params...),
			resolve: func(*importer, map[string]*python.Value) (*importSig, map[string]*python.Value, error) {
				return nil, nil, hfMetricRefusal("", callee+"()", callee)
			}}
	}
	return []importSig{
		sig("get_reduce_on_plateau_schedule", "mode", "factor", "patience", "threshold", "threshold_mode", "cooldown",
			"min_lr", "eps", "verbose"),
		sig("get_greedy_schedule", "mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "warmup",
			"min_lr", "max_lr", "eps", "verbose", "smooth", "window_size", "reset_start"),
	}
}

// hfSchedulerName reads get_scheduler's name argument: a string, or a
// SchedulerType member. SchedulerType(name) raises for any other string.
func hfSchedulerName(nv *python.Value, ok bool) (value, callee string, err error) {
	var name string
	switch {
	case !ok:
		return "", "", errorf("name", "get_scheduler() needs the scheduler's name, such as \"cosine\"")
	case nv.Kind == python.Str:
		name = nv.Str
	case nv.Kind == python.Name && strings.Contains(nv.Name, "SchedulerType."):
		member := lastName(nv.Name)
		for _, t := range hfSchedulerTypes {
			if t[0] == member {
				return t[1], t[2], nil
			}
		}
		return "", "", errorf("name", nv.Text+": SchedulerType has no member "+member)
	default:
		return "", "", errorf("name", nv.Text+" is not a literal scheduler name such as \"cosine\"")
	}
	values := make([]string, len(hfSchedulerTypes))
	for i, t := range hfSchedulerTypes {
		if t[1] == name {
			return t[1], t[2], nil
		}
		values[i] = "'" + t[1] + "'"
	}
	return "", "", errorf("name", name+" is not a valid SchedulerType, please select one of ["+strings.Join(values, ", ")+"]")
}

// hfGetScheduler resolves get_scheduler(name, optimizer, ...) to the
// constructor it calls, as get_scheduler does: "constant" passes the
// optimizer alone; the metric schedulers are refused; the others need
// num_warmup_steps; "constant_with_warmup" passes it alone, "inverse_sqrt"
// with scheduler_specific_kwargs, "warmup_stable_decay" with
// num_training_steps (None too) and them; the rest need num_training_steps.
// Its ValueErrors are quoted with the name's value ("linear"), as Python
// before 3.12 formats a SchedulerType; 3.12 writes SchedulerType.LINEAR.
func hfGetScheduler(im *importer, args map[string]*python.Value) (*importSig, map[string]*python.Value, error) {
	nv, ok := args["name"]
	name, target, err := hfSchedulerName(nv, ok)
	if err != nil {
		return nil, nil, err
	}
	call := "get_scheduler(" + strs.Quote(name) + ")"
	if _, metric := hfMetricSchedulers[target]; metric {
		return nil, nil, hfMetricRefusal("name", call, target)
	}
	given := func(k string) bool { v, ok := args[k]; return ok && v.Kind != python.None }
	out := map[string]*python.Value{}
	if v, ok := args["optimizer"]; ok {
		out["optimizer"] = v
	}
	var passes []string // what get_scheduler passes besides the optimizer
	switch name {
	case "constant":
	case "constant_with_warmup":
		passes = []string{"num_warmup_steps"}
	case "inverse_sqrt":
		passes = []string{"num_warmup_steps", "scheduler_specific_kwargs"}
	case "warmup_stable_decay":
		passes = []string{"num_warmup_steps", "num_training_steps", "scheduler_specific_kwargs"}
	default:
		passes = []string{"num_warmup_steps", "num_training_steps", "scheduler_specific_kwargs"}
		if given("num_warmup_steps") && !given("num_training_steps") {
			return nil, nil, errorf("num_training_steps", name+" requires `num_training_steps`, please provide that argument.")
		}
	}
	if len(passes) > 0 && !given("num_warmup_steps") {
		return nil, nil, errorf("num_warmup_steps", name+" requires `num_warmup_steps`, please provide that argument.")
	}
	for _, k := range [...]string{"num_warmup_steps", "num_training_steps", "scheduler_specific_kwargs"} {
		if given(k) && !slices.Contains(passes, k) {
			im.note(call + " does not pass " + k + " on to " + target + "(), so it is ignored")
		}
	}
	sg := importSigOf(target)
	for _, k := range passes {
		if v, ok := args[k]; ok && k != "scheduler_specific_kwargs" && v.Kind != python.None {
			out[k] = v
		}
	}
	if kw, ok := args["scheduler_specific_kwargs"]; ok && kw.Kind != python.None && slices.Contains(passes, "scheduler_specific_kwargs") {
		if kw.Kind != python.Dict {
			return nil, nil, errorf("scheduler_specific_kwargs", kw.Text+" is not a dict literal such as {\"num_cycles\": 3}")
		}
		for i, key := range kw.Keys {
			// get_scheduler passes its own keywords always (num_training_steps=None too).
			if dup := key == "optimizer" || slices.Contains(passes, key); dup || !slices.Contains(sg.params, key) {
				return nil, nil, errorf(key, "scheduler_specific_kwargs: "+strs.Quote(key)+" is not an argument "+
					sg.callee+"() takes besides those get_scheduler passes")
			}
			out[key] = kw.Vals[i]
		}
	}
	return sg, out, nil
}
