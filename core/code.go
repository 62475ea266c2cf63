package core

import (
	"slices"
	"strconv"
	"strings"
)

// Code returns a runnable Python snippet that reproduces the run of steps
// steps of s in framework, one of Frameworks(); "" means the kind's own
// framework (PyTorch for the playground kind). The snippet builds the
// schedule with the spec's exact values (each float in its shortest
// round-trip form, which Python reads back to the same double) and collects
// lrs, where lrs[i] is the lr of step i as Evaluate indexes it.
//
// For a framework other than the kind's own, Code writes the Translation
// into it, with its note in a comment; it is an *Error on "framework" when
// Translate finds none. For the playground kind, which belongs to no
// framework, it then writes the closest composition of the framework's
// schedulers instead, with a comment wherever it cannot be exact and why.
//
// A schedule with Units is written in its own steps: lrs holds the lr of
// each of the u.Calls(steps) calls of scheduler.step() the run makes, and a
// first comment says which of them optimizer step t runs with.
func Code(s *Schedule, steps int64, framework string) (string, error) {
	if err := s.CheckSteps(steps); err != nil {
		return "", err
	}
	if u := s.units; u != DefaultUnits() {
		base, calls := s.inCalls(steps)
		code, err := Code(base, calls, framework)
		if err != nil {
			return "", err
		}
		var w pyWriter
		w.comment("Units: " + strconv.FormatInt(steps, 10) + " optimizer steps make " + strconv.FormatInt(calls, 10) +
			" calls of scheduler.step(), " + u.describe() + "; optimizer step t runs with lrs[" + u.pyCall() + "].")
		return w.String() + code, nil
	}
	own := FrameworkOf(s.kind)
	if framework == "" {
		framework = own
		if framework == "" {
			framework = "torch"
		}
	}
	if err := checkFramework(framework); err != nil {
		return "", err
	}
	var w pyWriter
	if framework == own {
		w.header(s, steps)
		kindCode(&w, s, steps)
		return w.String(), nil
	}
	src := viewOf(s, steps)
	t := translateTo(s, steps, framework, &src)
	if t.Spec != nil {
		ts, err := Parse(t.Spec)
		if err != nil {
			panic("core: a translation does not parse: " + err.Error()) // translateTo parsed it
		}
		w.line("# LR Playground: a " + strconv.FormatInt(steps, 10) + "-step run of")
		w.line("# " + specText(s))
		w.line("# in " + frameworkTitles[framework] + ":")
		w.line("# " + specText(ts))
		w.comment(t.Note + ".")
		w.comment("lrs[i] is the lr of step i: " + ts.kind.Convention + ".")
		w.blank()
		kindCode(&w, ts, steps)
		return w.String(), nil
	}
	if s.kind.Name == "playground" {
		playgroundCode(&w, s, steps, framework, strings.TrimPrefix(t.Note, "no equivalent: "))
		return w.String(), nil
	}
	return "", errorf("framework", "no "+frameworkTitles[framework]+" equivalent of this "+strconv.FormatInt(steps, 10)+
		"-step run of "+s.kind.Name+": "+strings.TrimPrefix(t.Note, "no equivalent: "))
}

// specText is s's spec in full, defaults included.
func specText(s *Schedule) string {
	b, err := s.MarshalJSON()
	if err != nil {
		panic("core: a parsed spec cannot be written: " + err.Error()) // Parse admits finite values only
	}
	return string(b)
}

// pyWriter builds a Python snippet line by line.
type pyWriter struct{ strings.Builder }

func (w *pyWriter) line(s string) { w.WriteString(s + "\n") }
func (w *pyWriter) blank()        { w.WriteString("\n") }

// comment writes text as # comment lines of at most about 100 characters.
func (w *pyWriter) comment(text string) { w.commentIndent("", text) }

func (w *pyWriter) commentIndent(indent, text string) {
	line := indent + "#"
	for _, word := range strings.Fields(text) {
		if len(line) > len(indent)+1 && len(line)+1+len(word) > 100 {
			w.line(line)
			line = indent + "#"
		}
		line += " " + word
	}
	w.line(line)
}

// header introduces a snippet in the kind's own framework.
func (w *pyWriter) header(s *Schedule, steps int64) {
	w.line("# LR Playground: a " + strconv.FormatInt(steps, 10) + "-step run of")
	w.line("# " + specText(s))
	w.comment("lrs[i] is the lr of step i: " + s.kind.Convention + ".")
	w.blank()
}

// pyFloat writes x as a Python float literal that reads back to x: Go's
// shortest round-trip digits, with ".0" where they would read as an int.
func pyFloatLiteral(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eIN") {
		s += ".0"
	}
	return s
}

// pyValue writes a parameter value as a Python literal of p's type.
func pyValue(p *Param, v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case bool:
		if v {
			return "True"
		}
		return "False"
	case string:
		return strconv.Quote(v)
	case int64:
		if p.Type == Float {
			return pyFloatLiteral(float64(v))
		}
		return strconv.FormatInt(v, 10)
	case float64:
		if p.Type == Int {
			return strconv.FormatInt(int64(v), 10)
		}
		return pyFloatLiteral(v)
	}
	panic("core: parameter " + p.Name + " holds no value Python can spell")
}

// call writes fn(lead..., name=value, ..., tail...) with one argument a
// line, the values s's parameters of those names hold. Lines in tail carry
// their own comma.
func (w *pyWriter) call(assign, fn string, lead, tail []string, s *Schedule, names ...string) {
	w.line(assign + fn + "(")
	for _, l := range lead {
		w.line("    " + l + ",")
	}
	for _, name := range names {
		w.line("    " + name + "=" + pyValue(s.kind.Param(name), s.args[name]) + ",")
	}
	for _, l := range tail {
		w.line("    " + l)
	}
	w.line(")")
}

// params returns the names of k's parameters other than skip, in k's order.
func params(k *Kind, skip ...string) []string {
	var out []string
	for _, p := range k.Params {
		if !slices.Contains(skip, p.Name) {
			out = append(out, p.Name)
		}
	}
	return out
}

// torchOptimizer writes the stand-in optimizer every torch-based snippet steps.
func (w *pyWriter) torchOptimizer(lr, comment string) {
	w.line("# A stand-in for your model's parameters.")
	w.line("params = [torch.nn.Parameter(torch.zeros(1))]")
	w.line("optimizer = torch.optim.SGD(params, lr=" + lr + ")" + comment)
}

// torchLoop writes the training loop of a PyTorch scheduler: record the lr
// step i trains with, then step the optimizer and the scheduler. last, when
// at least 0, is the number of scheduler steps the scheduler allows.
func (w *pyWriter) torchLoop(steps, last int64) {
	w.blank()
	w.line("lrs = []")
	w.line("for step in range(" + strconv.FormatInt(steps, 10) + "):")
	w.line("    lrs.append(optimizer.param_groups[0][\"lr\"])  # the lr this step trains with")
	w.line("    optimizer.step()  # in training: forward pass and loss.backward() first")
	if last >= 0 && steps > last {
		w.line("    if step < " + strconv.FormatInt(last, 10) + ":  # OneCycleLR raises ValueError when stepped past total_steps")
		w.line("        scheduler.step()")
	} else {
		w.line("    scheduler.step()")
	}
	w.line("print(lrs)")
}

// kindCode writes the body of a snippet for s in its own framework.
func kindCode(w *pyWriter, s *Schedule, steps int64) {
	k := s.kind
	n := strconv.FormatInt(steps, 10)
	switch fw := FrameworkOf(k); fw {
	case "torch", "hf":
		w.line("import torch")
		var fn string
		if fw == "hf" {
			fn = "get_" + strings.TrimPrefix(k.Name, "hf.") // hf.wsd_schedule is get_wsd_schedule
			w.line("from transformers import " + fn)
		} else {
			fn = "torch.optim.lr_scheduler." + strings.TrimPrefix(k.Name, "torch.")
		}
		w.blank()
		last := int64(-1)
		if k.Name == "torch.OneCycleLR" {
			w.torchOptimizer(pyFloatLiteral(s.args.float("max_lr")), "  # OneCycleLR sets the lr itself")
			last = s.curve.(*torchOneCycle).total
		} else {
			w.torchOptimizer(pyFloatLiteral(s.args.float("lr")), "")
		}
		w.call("scheduler = ", fn, []string{"optimizer"}, nil, s, params(k, "lr")...)
		w.torchLoop(steps, last)
	case "timm":
		w.line("import torch")
		w.line("from timm.scheduler import CosineLRScheduler")
		w.blank()
		w.torchOptimizer(pyFloatLiteral(s.args.float("lr")), "")
		w.call("scheduler = ", "CosineLRScheduler", []string{"optimizer"},
			[]string{"t_in_epochs=False,  # by optimizer update, as LR Playground counts steps"}, s, params(k, "lr")...)
		w.blank()
		w.line("lrs = []")
		w.line("for step in range(" + n + "):")
		w.line("    scheduler.step_update(num_updates=step)  # sets the lr of update `step`")
		w.line("    lrs.append(optimizer.param_groups[0][\"lr\"])")
		w.line("    optimizer.step()  # in training: forward pass and loss.backward() first")
		w.line("print(lrs)")
	case "keras":
		w.line("import keras")
		w.blank()
		w.call("schedule = ", "keras.optimizers.schedules."+strings.TrimPrefix(k.Name, "keras."), nil, nil, s, params(k)...)
		w.blank()
		w.line("# An optimizer given learning_rate=schedule uses schedule(optimizer.iterations) at each update.")
		w.line("lrs = [float(schedule(step)) for step in range(" + n + ")]")
		w.line("print(lrs)")
	case "optax":
		w.line("import optax")
		w.blank()
		w.call("schedule = ", "optax."+strings.TrimPrefix(k.Name, "optax."), nil, nil, s, params(k)...)
		w.blank()
		w.line("# An optimizer given learning_rate=schedule uses schedule(count) at update count.")
		w.line("lrs = [float(schedule(step)) for step in range(" + n + ")]")
		w.line("print(lrs)")
	case "ignite":
		w.line("from ignite.handlers.param_scheduler import CosineAnnealingScheduler")
		w.blank()
		w.line("# In training: scheduler = CosineAnnealingScheduler(optimizer, \"lr\", <the arguments below>) and")
		w.line("# trainer.add_event_handler(Events.ITERATION_STARTED, scheduler); simulate_values steps it the same way.")
		w.call("values = ", "CosineAnnealingScheduler.simulate_values", []string{"num_events=" + n, `param_name="lr"`}, nil, s, params(k)...)
		w.line("lrs = [lr for _, lr in values]")
		w.line("print(lrs)")
	case "sb3":
		sb3Code(w, s, steps)
	default:
		panic("core: no snippet for kind " + k.Name)
	}
}

// sb3Code writes an sb3 kind's schedule as the function Stable-Baselines3
// calls, with the operations of core's port in the same order.
func sb3Code(w *pyWriter, s *Schedule, steps int64) {
	k := s.kind
	body := map[string][]string{
		"sb3.linear": {"return progress_remaining * initial_value + (1.0 - progress_remaining) * final_value"},
		"sb3.cosine": {"progress = 1.0 - progress_remaining",
			"return final_value + 0.5 * (initial_value - final_value) * (1.0 + math.cos(math.pi * progress))"},
		"sb3.exponential": {"progress = 1.0 - progress_remaining", "return initial_value * decay_rate**progress"},
		"sb3.cosine_warmup": {"progress = 1.0 - progress_remaining",
			"if progress < warmup_fraction:",
			"    return initial_value * (progress / warmup_fraction)",
			"cosine_progress = (progress - warmup_fraction) / (1.0 - warmup_fraction)",
			"return final_value + 0.5 * (initial_value - final_value) * (1.0 + math.cos(math.pi * cosine_progress))"},
		"sb3.polynomial": {"return (initial_value - final_value) * progress_remaining**power + final_value"},
	}[k.Name]
	if strings.Contains(strings.Join(body, "\n"), "math.") {
		w.line("import math")
		w.blank()
	}
	for _, name := range params(k) {
		w.line(name + " = " + pyValue(k.Param(name), s.args[name]))
	}
	w.blank()
	w.blank()
	w.line("def lr_schedule(progress_remaining: float) -> float:")
	w.line(`    """` + k.Title + `: progress_remaining runs from 1.0 at the start of training to 0.0 at the end."""`)
	for _, l := range body {
		w.line("    " + l)
	}
	w.blank()
	w.blank()
	w.line("# Stable-Baselines3: PPO(\"MlpPolicy\", env, learning_rate=lr_schedule).learn(total_timesteps) calls it with")
	w.line("# progress_remaining = 1.0 - num_timesteps / total_timesteps.")
	w.line("total_timesteps = " + strconv.FormatInt(steps, 10))
	w.line("lrs = [lr_schedule(1.0 - float(i) / float(total_timesteps)) for i in range(total_timesteps)]")
	w.line("print(lrs)")
}
