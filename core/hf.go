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

// hf is a framework.
var _ = registerFramework(&framework{name: "hf", title: "Hugging Face Transformers", order: 300, tools: &hfTools{}})

// hfTools are Hugging Face's hooks for the tools (see frameworkTools).
type hfTools struct{}

func (*hfTools) dispatchers() []importSig { return hfDispatchers }

// hfDispatchers: get_scheduler.
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

// hfCode writes a snippet that steps the scheduler a get_* function builds.
func hfCode(w *pyWriter, s *Schedule, steps int64) {
	w.put("import torch\nfrom transformers import get_{name}\n\n") // hf.wsd_schedule is get_wsd_schedule
	torchStepCode(w, s, "get_{name}", "lr", "")
}

// hfScheduler maps get_scheduler's name (or SchedulerType member, lower
// case) to the constructor it calls, or "".
func hfScheduler(name string) string {
	switch name {
	case "cosine":
		return "get_cosine_schedule_with_warmup"
	case "cosine_with_restarts":
		return "get_cosine_with_hard_restarts_schedule_with_warmup"
	case "cosine_with_min_lr":
		return "get_cosine_with_min_lr_schedule_with_warmup"
	case "warmup_stable_decay":
		return "get_wsd_schedule"
	}
	return ""
}

// hfGetScheduler resolves get_scheduler(name, optimizer, ...) to the
// constructor it calls, with scheduler_specific_kwargs merged in.
func hfGetScheduler(im *importer, args map[string]*python.Value) (*importSig, map[string]*python.Value, error) {
	nv, ok := args["name"]
	var name string
	switch {
	case !ok:
		return nil, nil, errorf("name", "get_scheduler() needs the scheduler's name, such as \"cosine\"")
	case nv.Kind == python.Str:
		name = nv.Str
	case nv.Kind == python.Name && strings.Contains(nv.Name, "SchedulerType."):
		name = strings.ToLower(lastName(nv.Name))
	default:
		return nil, nil, errorf("name", nv.Text+" is not a literal scheduler name such as \"cosine\"")
	}
	target := hfScheduler(name)
	if target == "" {
		known := []string{"cosine", "cosine_with_restarts", "cosine_with_min_lr", "warmup_stable_decay"}
		return nil, nil, errorf("name", "get_scheduler("+strs.Quote(name)+"): LR Playground draws "+strings.Join(known, ", "))
	}
	sg := importSigOf(target)
	out := map[string]*python.Value{}
	for k, v := range args {
		if k != "name" && k != "scheduler_specific_kwargs" {
			out[k] = v
		}
	}
	if kw, ok := args["scheduler_specific_kwargs"]; ok && kw.Kind != python.None {
		if kw.Kind != python.Dict {
			return nil, nil, errorf("scheduler_specific_kwargs", kw.Text+" is not a dict literal such as {\"num_cycles\": 3}")
		}
		for i, key := range kw.Keys {
			if _, dup := out[key]; dup || !slices.Contains(sg.params, key) {
				return nil, nil, errorf(key, "scheduler_specific_kwargs: "+strs.Quote(key)+" is not an argument "+
					sg.callee+"() takes besides those get_scheduler passes")
			}
			out[key] = kw.Vals[i]
		}
	}
	return sg, out, nil
}
