package core

import (
	"math"
	"slices"
	"strings"
)

// importSig is a constructor ImportCode reads: the kind it makes and the
// framework's parameters in the order of its signature, so positional
// arguments land where Python puts them.
type importSig struct {
	callee string // the last part of its dotted name
	kind   string
	params []string
}

// importSigs are the constructors ImportCode reads, by the last part of
// their dotted name (torch.optim.lr_scheduler.X, lr_scheduler.X and X
// alike). A table of constants, which the linker lays out as data: no code
// builds it.
var importSigs = []importSig{
	{"CosineAnnealingLR", "torch.CosineAnnealingLR", []string{"optimizer", "T_max", "eta_min", "last_epoch", "verbose"}},
	{"CosineAnnealingWarmRestarts", "torch.CosineAnnealingWarmRestarts", []string{"optimizer", "T_0", "T_mult", "eta_min",
		"last_epoch", "verbose"}},
	{"OneCycleLR", "torch.OneCycleLR", []string{"optimizer", "max_lr", "total_steps", "epochs", "steps_per_epoch",
		"pct_start", "anneal_strategy", "cycle_momentum", "base_momentum", "max_momentum", "div_factor", "final_div_factor",
		"three_phase", "last_epoch", "verbose"}},
	{"LinearLR", "torch.LinearLR", []string{"optimizer", "start_factor", "end_factor", "total_iters", "last_epoch", "verbose"}},
	{"ExponentialLR", "torch.ExponentialLR", []string{"optimizer", "gamma", "last_epoch", "verbose"}},
	{"PolynomialLR", "torch.PolynomialLR", []string{"optimizer", "total_iters", "power", "last_epoch", "verbose"}},
	{"CosineLRScheduler", "timm.CosineLRScheduler", []string{"optimizer", "t_initial", "lr_min", "cycle_mul", "cycle_decay",
		"cycle_limit", "warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", "noise_range_t", "noise_pct",
		"noise_std", "noise_seed", "k_decay", "initialize"}},
	{"get_cosine_schedule_with_warmup", "hf.cosine_schedule_with_warmup",
		[]string{"optimizer", "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch"}},
	{"get_cosine_with_hard_restarts_schedule_with_warmup", "hf.cosine_with_hard_restarts_schedule_with_warmup",
		[]string{"optimizer", "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch"}},
	{"get_cosine_with_min_lr_schedule_with_warmup", "hf.cosine_with_min_lr_schedule_with_warmup",
		[]string{"optimizer", "num_warmup_steps", "num_training_steps", "num_cycles", "last_epoch", "min_lr", "min_lr_rate"}},
	{"get_wsd_schedule", "hf.wsd_schedule", []string{"optimizer", "num_warmup_steps", "num_decay_steps", "num_training_steps",
		"num_stable_steps", "warmup_type", "decay_type", "min_lr_ratio", "num_cycles", "last_epoch"}},
	{"get_scheduler", "",
		[]string{"name", "optimizer", "num_warmup_steps", "num_training_steps", "scheduler_specific_kwargs"}},
	{"CosineDecay", "keras.CosineDecay",
		[]string{"initial_learning_rate", "decay_steps", "alpha", "name", "warmup_target", "warmup_steps"}},
	{"CosineDecayRestarts", "keras.CosineDecayRestarts",
		[]string{"initial_learning_rate", "first_decay_steps", "t_mul", "m_mul", "alpha", "name"}},
	{"cosine_decay_schedule", "optax.cosine_decay_schedule", []string{"init_value", "decay_steps", "alpha", "exponent"}},
	{"warmup_cosine_decay_schedule", "optax.warmup_cosine_decay_schedule", []string{"init_value", "peak_value", "warmup_steps",
		"decay_steps", "end_value", "exponent"}},
	{"CosineAnnealingScheduler", "ignite.CosineAnnealingScheduler", []string{"optimizer", "param_name", "start_value", "end_value",
		"cycle_size", "cycle_mult", "start_value_mult", "end_value_mult", "warmup_duration", "save_history", "param_group_index"}},
	// lr_schedule: BaseLRSchedule.create(cfg) picks the class by cfg["type"]
	// (see lrSchedule); each class takes cfg alone.
	{"BaseLRSchedule.create", "", []string{"cfg"}},
	{"BaseLRSchedule", "lr_schedule.constant", []string{"cfg"}},
	{"LinearLRSchedule", "lr_schedule.linear", []string{"cfg"}},
	{"CosineAnnealingLRSchedule", "lr_schedule.cosine", []string{"cfg"}},
	{"ExponentialLRSchedule", "lr_schedule.exponential", []string{"cfg"}},
	{"CosineWarmupLRSchedule", "lr_schedule.cosine_warmup", []string{"cfg"}},
	{"PolynomialLRSchedule", "lr_schedule.polynomial", []string{"cfg"}},
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

// importUnsupported says why a scheduler people paste has no kind, or "".
func importUnsupported(name string) string {
	switch name {
	case "SequentialLR", "ChainedScheduler", "ConcatScheduler":
		return "chains schedulers, which LR Playground does not draw yet: paste the one you want to see"
	case "LambdaLR", "MultiplicativeLR":
		return "runs a Python function, which LR Playground cannot read"
	}
	return ""
}

// torchOptimizers take the lr as their second positional argument.
var torchOptimizers = []string{"SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam",
	"ASGD", "Rprop", "SparseAdam", "Adafactor", "LBFGS"}

// lastName and importSigOf are not inlined: ImportCode is cold, and they
// have a dozen call sites.
//
//go:noinline
func lastName(dotted string) string { return dotted[strings.LastIndexByte(dotted, '.')+1:] }

//go:noinline
func importSigOf(callee string) *importSig {
	name := lastName(callee)
	if name == "create" {
		// lr_schedule's classmethod, which every class of the module
		// inherits: X.create(cfg) reads cfg["type"] whatever X is.
		owner := strings.TrimSuffix(callee, ".create")
		if owner == callee {
			return nil
		}
		if sg := importSigOf(owner); sg == nil || sg.params[0] != "cfg" {
			return nil
		}
		name = "BaseLRSchedule.create"
	}
	sigs := importSigs
	for i := range sigs {
		if sigs[i].callee == name {
			return &sigs[i]
		}
	}
	return nil
}

// ImportCode reads a scheduler's constructor call as it appears in a
// training script, such as
//
//	scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=1e-6)
//
// and returns the spec it makes, which Parse accepts, with notes on what it
// assumed or left out. It reads the PyTorch, timm, Hugging Face (including
// get_scheduler), Keras, optax and ignite constructors of Kinds, by the last
// part of their dotted name; positional arguments take the framework's
// signature order. Of lr_schedule it reads BaseLRSchedule.create(cfg) and
// each class given its cfg, a dict literal or a float, as the module does
// (see lrSchedule). A constructor passed straight to another call, such as
// PPO(..., learning_rate=BaseLRSchedule.create(cfg)), is read too. Values must be literals: numbers (1e-6, 10_000, -1),
// True, False, None, strings, and arithmetic between them (10 * 390). No
// Python is run, but the snippet may hold, before the call, import lines,
// constants (EPOCHS = 100) that later values use, and the optimizer
// (optimizer = AdamW(params, lr=3e-4)), whose lr then becomes the spec's.
// Without it, the kind's default lr is used and a note says so.
//
// Anything else, such as a variable it cannot see or len(loader), is an
// *Error naming the argument and saying what to write instead.
func ImportCode(src string) (spec []byte, notes []string, err error) {
	if len(src) > MaxSpecBytes {
		return nil, nil, errorf("", "the code is "+itoa(int64(len(src)))+" bytes, more than the "+itoa(int64(MaxSpecBytes))+" read")
	}
	toks, err := pyLex(src)
	if err != nil {
		return nil, nil, err
	}
	p := &pyParser{src: src, toks: toks, env: map[string]*pyVal{}}
	stmts := p.statements()
	im := &importer{src: src, calls: map[string]*pyCallExpr{}}

	var found []pyStmt // each with the call it holds
	var calls []*pyCallExpr
	for _, st := range stmts {
		if st.target == "import" {
			continue
		}
		if st.err != nil {
			if slices.ContainsFunc(st.names, func(n string) bool { return importSigOf(n) != nil }) {
				return nil, nil, st.err // the scheduler's own line
			}
			im.note("ignored, as it is not read: " + errText(st.err))
			continue
		}
		if st.val == nil || st.val.kind != pyCall {
			continue
		}
		if st.target != "" {
			im.calls[st.target] = st.val.call
		}
		if call := schedulerCall(st.val.call); call != nil {
			found, calls = append(found, st), append(calls, call)
		}
	}
	switch len(found) {
	case 0:
		for _, st := range stmts {
			if st.err != nil {
				return nil, nil, st.err // most likely the scheduler's line, broken
			}
		}
		return nil, nil, im.noScheduler(stmts)
	case 1:
	default:
		line := func(st pyStmt) string { return itoa(int64(1 + strings.Count(src[:st.pos], "\n"))) }
		return nil, nil, errorf("", "the code has "+itoa(int64(len(found)))+" scheduler calls (lines "+
			line(found[0])+" and "+line(found[1])+"): paste one")
	}
	spec, err = im.read(calls[0])
	if err != nil {
		return nil, nil, err
	}
	return spec, im.notes, nil
}

// schedulerCall returns call if it is a constructor ImportCode reads, or
// else the first of its arguments that is one, as in
// PPO("MlpPolicy", env, learning_rate=BaseLRSchedule.create(cfg)) or
// Adam(learning_rate=CosineDecay(1e-3, 1000)); or nil.
func schedulerCall(call *pyCallExpr) *pyCallExpr {
	if importSigOf(call.callee) != nil {
		return call
	}
	for _, a := range call.args {
		if a.star == 0 && a.val.kind == pyCall && importSigOf(a.val.call.callee) != nil {
			return a.val.call
		}
	}
	return nil
}

// importer turns one call into a spec.
type importer struct {
	src      string
	calls    map[string]*pyCallExpr // calls assigned to names: the optimizer, maybe
	notes    []string
	inConfig bool // values come from a config dict (lr_schedule), not keyword arguments
}

// note adds a note once. Not inlined: it has a dozen call sites.
//
//go:noinline
func (im *importer) note(s string) {
	if !slices.Contains(im.notes, s) {
		im.notes = append(im.notes, s)
	}
}

// noScheduler explains why no statement is a call ImportCode reads.
func (im *importer) noScheduler(stmts []pyStmt) error {
	var last *pyCallExpr
	for _, st := range stmts {
		if st.err == nil && st.val != nil && st.val.kind == pyCall && st.val.call.callee != "" &&
			!slices.Contains(torchOptimizers, lastName(st.val.call.callee)) {
			last = st.val.call
		}
	}
	if last == nil {
		return errorf("", "no scheduler call found: paste a constructor call such as CosineAnnealingLR(optimizer, T_max=100)")
	}
	name := lastName(last.callee)
	if why := importUnsupported(name); why != "" {
		return errorf("", name+" "+why)
	}
	var names []string
	for _, s := range importSigs {
		names = append(names, s.callee)
	}
	msg := "LR Playground does not know the scheduler " + quote(last.callee)
	if s := suggest(name, names); s != "" {
		return errorf("", msg+`; did you mean "`+s+`"?`)
	}
	return errorf("", msg+"; it reads "+strings.Join(names, ", "))
}

// read maps call's arguments onto its kind's parameters.
func (im *importer) read(call *pyCallExpr) ([]byte, error) {
	sg := importSigOf(call.callee)
	args, err := im.bind(sg, call)
	if err != nil {
		return nil, err
	}
	if sg.params[0] == "cfg" {
		return im.lrSchedule(sg, args)
	}
	if sg.callee == "get_scheduler" {
		if sg, args, err = im.getScheduler(args); err != nil {
			return nil, err
		}
	}
	k := LookupKind(sg.kind)
	values := map[string]any{}
	for _, name := range sg.params {
		v, ok := args[name]
		if !ok {
			continue
		}
		p := k.Param(name)
		if p == nil {
			if err := im.extra(sg, name, v); err != nil {
				return nil, err
			}
			continue
		}
		x, err := im.value(k, p, v)
		if err != nil {
			return nil, err
		}
		values[name] = x
	}
	if k.Param("lr") != nil && sg.params[0] == "optimizer" {
		values["lr"] = im.optimizerLR(k, args["optimizer"])
	}
	spec, err := k.Spec(values)
	if err != nil {
		return nil, err
	}
	if _, err := Parse(spec); err != nil {
		return nil, err
	}
	return spec, nil
}

// bind assigns call's arguments to the parameters of sg as Python does:
// positional ones in order, then keywords, each at most once.
func (im *importer) bind(sg *importSig, call *pyCallExpr) (map[string]*pyVal, error) {
	args := map[string]*pyVal{}
	name := sg.callee
	set := func(param string, v *pyVal, pos int) error {
		if _, dup := args[param]; dup {
			return errorf(param, pyWhere(im.src, pos)+name+"() got multiple values for argument "+param)
		}
		if !slices.Contains(sg.params, param) {
			msg := "unknown argument " + quote(param) + " for " + name + "()"
			if s := suggest(param, sg.params); s != "" {
				msg += `; did you mean "` + s + `"?`
			} else {
				msg += "; its arguments are " + strings.Join(sg.params, ", ")
			}
			return errorf(param, msg)
		}
		args[param] = v
		return nil
	}
	positional := 0
	for _, a := range call.args {
		switch {
		case a.star == 2:
			if a.val.kind != pyDict {
				return nil, errorf("**"+a.val.text, "LR Playground cannot see what **"+a.val.text+
					" holds (no Python is run): write its arguments out as name=value")
			}
			for i, key := range a.val.keys {
				if err := set(im.alias(sg, key), a.val.vals[i], a.pos); err != nil {
					return nil, err
				}
			}
		case a.star == 1:
			return nil, errorf("*"+a.val.text, "LR Playground cannot see what *"+a.val.text+
				" holds (no Python is run): write its arguments out")
		case a.name == "":
			if positional >= len(sg.params) {
				return nil, errorf("", pyWhere(im.src, a.pos)+name+"() takes at most "+itoa(int64(len(sg.params)))+
					" positional arguments")
			}
			if sg.callee == "get_wsd_schedule" && positional == 2 {
				im.note("get_wsd_schedule's positional arguments are read in today's order (optimizer, num_warmup_steps, " +
					"num_decay_steps, num_training_steps, ...); older transformers releases put num_stable_steps third")
			}
			if err := set(sg.params[positional], a.val, a.pos); err != nil {
				return nil, err
			}
			positional++
		default:
			if err := set(im.alias(sg, a.name), a.val, a.pos); err != nil {
				return nil, err
			}
		}
	}
	return args, nil
}

// alias maps timm's names from before 0.5 to today's.
func (im *importer) alias(sg *importSig, name string) string {
	if sg.kind != "timm.CosineLRScheduler" {
		return name
	}
	switch name {
	case "t_mul", "decay_rate":
		im.note("t_mul and decay_rate are timm's names from before 0.5, read as cycle_mul and cycle_decay; " +
			"before 0.5, cycle_limit defaulted to 0 (no limit) where it is now 1")
		if name == "t_mul" {
			return "cycle_mul"
		}
		return "cycle_decay"
	}
	return name
}

// getScheduler resolves get_scheduler(name, optimizer, ...) to the
// constructor it calls, with scheduler_specific_kwargs merged in.
func (im *importer) getScheduler(args map[string]*pyVal) (*importSig, map[string]*pyVal, error) {
	nv, ok := args["name"]
	var name string
	switch {
	case !ok:
		return nil, nil, errorf("name", "get_scheduler() needs the scheduler's name, such as \"cosine\"")
	case nv.kind == pyStr:
		name = nv.s
	case nv.kind == pyName && strings.Contains(nv.s, "SchedulerType."):
		name = strings.ToLower(lastName(nv.s))
	default:
		return nil, nil, errorf("name", nv.text+" is not a literal scheduler name such as \"cosine\"")
	}
	target := hfScheduler(name)
	if target == "" {
		known := []string{"cosine", "cosine_with_restarts", "cosine_with_min_lr", "warmup_stable_decay"}
		return nil, nil, errorf("name", "get_scheduler("+quote(name)+"): LR Playground draws "+strings.Join(known, ", "))
	}
	sg := importSigOf(target)
	out := map[string]*pyVal{}
	for k, v := range args {
		if k != "name" && k != "scheduler_specific_kwargs" {
			out[k] = v
		}
	}
	if kw, ok := args["scheduler_specific_kwargs"]; ok && kw.kind != pyNone {
		if kw.kind != pyDict {
			return nil, nil, errorf("scheduler_specific_kwargs", kw.text+" is not a dict literal such as {\"num_cycles\": 3}")
		}
		for i, key := range kw.keys {
			if _, dup := out[key]; dup || !slices.Contains(sg.params, key) {
				return nil, nil, errorf(key, "scheduler_specific_kwargs: "+quote(key)+" is not an argument "+
					sg.callee+"() takes besides those get_scheduler passes")
			}
			out[key] = kw.vals[i]
		}
	}
	return sg, out, nil
}

// extra handles a framework parameter that is not one of the kind's.
func (im *importer) extra(sg *importSig, name string, v *pyVal) error {
	switch name {
	case "optimizer", "verbose", "name", "save_history", "param_group_index", "initialize",
		"noise_pct", "noise_std", "noise_seed":
	case "last_epoch":
		if !(v.kind == pyInt && v.i == -1) {
			im.note("last_epoch = " + v.text + " resumes a scheduler; the curve is drawn from a new one (last_epoch = -1)")
		}
	case "cycle_momentum", "base_momentum", "max_momentum":
		im.note(name + " changes the momentum, which is not drawn")
	case "t_in_epochs":
		im.note("t_in_epochs only says whether timm's t counts epochs or updates; the chart counts the steps the scheduler is given")
	case "noise_range_t":
		if v.kind != pyNone {
			im.note("noise_range_t adds random noise to the lr, which is not drawn")
		}
	case "param_name":
		if !(v.kind == pyStr && v.s == "lr") {
			im.note("param_name = " + v.text + ": the values are drawn as an lr")
		}
	default:
		return errorf(name, sg.callee+"() takes "+name+", which LR Playground does not model")
	}
	return nil
}

// value converts an argument to a value of parameter p, as Parse holds it.
func (im *importer) value(k *Kind, p *Param, v *pyVal) (any, error) {
	switch v.kind {
	case pyInt:
		switch p.Type {
		case Float:
			return float64(v.i), nil
		case Bool:
			return v.i != 0, nil // Python's truth
		}
		return v.i, nil
	case pyFloat:
		if math.IsInf(v.f, 0) || math.IsNaN(v.f) {
			return nil, errorf(p.Name, v.text+" is not a finite number")
		}
		if p.Type == Int && v.f == math.Trunc(v.f) && math.Abs(v.f) <= maxInt {
			return int64(v.f), nil
		}
		return v.f, nil
	case pyBool:
		return v.b, nil
	case pyStr:
		return v.s, nil
	case pyNone:
		return nil, nil
	}
	example := p.Name + "=" + importExample(k, p)
	if im.inConfig {
		example = quote(p.Name) + ": " + importExample(k, p)
	}
	var msg string
	switch {
	case v.kind == pyName:
		msg = v.text + " is a name LR Playground cannot see (no Python is run): write its value, like " + example +
			", or paste its assignment (" + v.s + " = ...) above the call"
	case v.kind == pyCall || v.call0:
		msg = v.text + " is computed when the script runs, and LR Playground runs no Python: write the value, like " + example
	case v.unknown != "":
		msg = v.text + " uses " + v.unknown + ", a name LR Playground cannot see (no Python is run): write the value, like " +
			example + ", or paste " + v.unknown + "'s assignment (" + v.unknown + " = ...) above the call"
	default:
		what := "not a literal value"
		if v.why != "" {
			what += " (" + v.why + ")"
		}
		msg = v.text + " is " + what + ": write the value, like " + example
	}
	return nil, errorf(p.Name, msg)
}

// importExample writes a typical value of p in Python: the kind's example's
// or p's default.
func importExample(k *Kind, p *Param) string {
	v := p.Default
	if s, err := Parse([]byte(k.Example)); err == nil {
		v = s.args[p.Name]
	}
	switch v := v.(type) {
	case nil:
		if p.Type == Int || p.Type == Float {
			return formatFloat(math.Max(1, math.Round(p.Hint.Max/10))) // a number of the slider's order
		}
		return "None"
	case bool:
		if v {
			return "True"
		}
		return "False"
	case string:
		return "'" + v + "'"
	}
	return formatValue(v)
}

// optimizerLR finds the lr of the optimizer argument v: an optimizer
// constructed in the call, or assigned earlier in the snippet, with a
// literal lr. Otherwise it notes that k's default is used.
func (im *importer) optimizerLR(k *Kind, v *pyVal) any {
	def := k.Param("lr").Default
	var call *pyCallExpr
	if v != nil {
		switch v.kind {
		case pyCall:
			call = v.call
		case pyName:
			call = im.calls[v.s]
		}
	}
	if call != nil {
		var lr *pyVal
		positional := 0
		for _, a := range call.args {
			switch {
			case a.name == "lr" || a.name == "learning_rate":
				lr = a.val
			case a.name == "" && a.star == 0:
				if positional == 1 && lr == nil && slices.Contains(torchOptimizers, lastName(call.callee)) {
					lr = a.val
				}
				positional++
			}
		}
		if lr != nil && (lr.kind == pyFloat || lr.kind == pyInt) && lr.float() >= 0 && !math.IsInf(lr.float(), 0) {
			return lr.float()
		}
		if lr != nil {
			im.note("the optimizer's lr, " + lr.text + ", is not a literal number, so lr = " + formatValue(def) +
				" (the default) is used: set lr to your optimizer's")
			return def
		}
	}
	im.note("the optimizer's lr is not in the call, so lr = " + formatValue(def) +
		" (the default) is used: set lr to your optimizer's, or paste the optimizer's line above the call")
	return def
}

// lrSchedule reads a call of lr_schedule: a class given its config, or
// BaseLRSchedule.create(cfg), which picks the class by cfg["type"]
// ("constant" when there is none). A config is a dict, whose keys each class
// reads with cfg.get, ignoring the rest, or a float, which sets
// initial_value alone. What the module raises for a config is an error here,
// in its words. Messages are templates (see pyWriter), for the wasm's size.
func (im *importer) lrSchedule(sg *importSig, args map[string]*pyVal) ([]byte, error) {
	w := pyWriter{vars: []string{"callee", sg.callee, "example", `{"initial_value": 0.0003}`}}
	cfg, ok := args["cfg"]
	if !ok {
		return nil, errorf("cfg", w.expand("{callee}() needs its config, a dict such as {example} or a float "+
			"(Python raises TypeError without one)"))
	}
	create := sg.kind == ""
	if create {
		w.set("example", `{"type": "cosine", "initial_value": 0.0003}`)
	}
	hint := ""
	if cfg.kind == pyInt {
		hint = ": write " + itoa(cfg.i) + ".0"
	}
	w.set("where", sg.callee+"("+shorten(cfg.text)+")", "cfg", cfg.text, "str", pyStrOf(cfg), "hint", hint,
		"dict", `{"initial_value": `+pyStrOf(cfg)+"}", "name", cfg.s, "unknown", cfg.unknown)
	var msg string
	switch cfg.kind {
	case pyDict:
		return im.lrsConfig(sg, cfg, &w)
	case pyFloat:
		kind := sg.kind
		switch kind {
		case "":
			kind = "lr_schedule.constant"
		case "lr_schedule.constant":
		case "lr_schedule.exponential":
			im.note("a float config sets initial_value alone: decay_rate is the default, 0.1")
		case "lr_schedule.cosine_warmup":
			return nil, errorf("cfg", w.expand("{where} fails in lr_schedule: a float config sets no final_value, which the "+
				"cosine after the warmup reads: the warmup's calls (progress below warmup_fraction, 0.1) return "+
				"initial_value·progress/0.1, and the first call at progress 0.1 or more (progress_remaining 0.9 or "+
				"less) raises AttributeError; write a dict such as {dict} instead"))
		default:
			return nil, errorf("cfg", w.expand("{where} fails in lr_schedule: a float config sets no final_value, so its "+
				"first call raises AttributeError; write a dict such as {dict} instead"))
		}
		k := LookupKind(kind)
		x, err := im.value(k, k.Param("initial_value"), cfg)
		if err != nil {
			return nil, err
		}
		return im.lrsSpec(k, map[string]any{"initial_value": x})
	case pyInt, pyBool, pyNone, pyStr:
		msg = "{where} raises ValueError in lr_schedule: Invalid configuration type (a config is a dict or a float{hint})"
		if create {
			msg = "{where} raises ValueError in lr_schedule: Invalid learning rate configuration: {str} " +
				"(a config is a dict or a float{hint})"
		}
	case pyName:
		msg = "{cfg} is a name LR Playground cannot see (no Python is run): write the config itself, like {example}, " +
			"or paste its assignment ({name} = ...) above the call"
	default:
		msg = "{cfg} is not a config lr_schedule reads (a dict or a float): write one, like {example}"
		if cfg.kind == pyCall || cfg.call0 {
			msg = "{cfg} is computed when the script runs, and LR Playground runs no Python: write the config itself, like {example}"
		} else if cfg.unknown != "" {
			msg = "{cfg} uses {unknown}, a name LR Playground cannot see (no Python is run): write the config itself, like {example}"
		}
	}
	return nil, errorf("cfg", w.expand(msg))
}

// lrsConfig reads a config dict: the keys the class reads, in the order
// written, the last of a key given twice, as Python keeps it. w holds the
// call's message variables.
func (im *importer) lrsConfig(sg *importSig, cfg *pyVal, w *pyWriter) ([]byte, error) {
	kind := sg.kind
	var t *pyVal // the config's "type"
	for i, key := range cfg.keys {
		if key == "type" {
			t = cfg.vals[i]
		}
	}
	if t != nil {
		w.set("type", pyStrOf(t), "type_text", shorten(t.text))
	}
	switch {
	case kind == "" && t == nil:
		kind = "lr_schedule.constant"
		im.note(`the config names no "type", so BaseLRSchedule.create makes the constant schedule`)
	case kind == "":
		kind = "lr_schedule." + t.s
		if k := LookupKind(kind); t.kind != pyStr || k == nil || k.Name != kind {
			msg := "{where} raises ValueError in lr_schedule: Unknown learning rate schedule type: {type} " +
				`(the types are "linear", "cosine", "exponential", "cosine_warmup", "polynomial" and "constant")`
			if t.kind == pyName || t.kind == pyCall || t.kind == pyOther || t.kind == pyDict {
				msg = `{type_text} is not a literal: write the type, like "type": "cosine"`
			}
			return nil, errorf("type", w.expand(msg))
		}
	case t != nil && !(t.kind == pyStr && "lr_schedule."+t.s == kind):
		w.set("kind", strings.TrimPrefix(kind, "lr_schedule."))
		im.note(w.expand(`{callee} reads no "type": the config's {type_text} is ignored, and the schedule is {kind} ` +
			"(BaseLRSchedule.create(cfg) is the call that reads it)"))
	}
	k := LookupKind(kind)
	w.set("kind", strings.TrimPrefix(kind, "lr_schedule."))
	values := map[string]any{}
	im.inConfig = true
	for i, key := range cfg.keys {
		p := k.Param(key)
		if key == "type" || p == nil {
			continue
		}
		v := cfg.vals[i]
		if v.kind == pyBool { // Python computes with True as 1
			v = &pyVal{kind: pyInt, i: v.int(), text: v.text, pos: v.pos}
		}
		if key == "power" && (v.kind == pyStr || v.kind == pyNone || v.kind == pyDict) {
			w.set("got", "str")
			if v.kind == pyNone {
				w.set("got", "NoneType")
			} else if v.kind == pyDict {
				w.set("got", "dict")
			}
			return nil, errorf(key, w.expand("{where} raises TypeError in lr_schedule: PolynomialLRSchedule 'power' must "+
				"be a number (int or float), got {got}"))
		}
		x, err := im.value(k, p, v)
		if err != nil {
			return nil, err
		}
		values[key] = x
	}
	var names []string
	for _, p := range k.Params {
		names = append(names, p.Name)
	}
	for _, key := range cfg.keys {
		if key == "type" || slices.Contains(names, key) {
			continue
		}
		w.set("key", quote(shorten(key)), "mean", "")
		if s := suggest(key, names); s != "" {
			w.set("mean", `; did you mean "`+s+`"?`)
		}
		im.note(w.expand("the config's {key} is not read by the {kind} type, and lr_schedule ignores keys a type does not read{mean}"))
	}
	return im.lrsSpec(k, values)
}

// lrsSpec writes and checks the spec of an lr_schedule call.
func (im *importer) lrsSpec(k *Kind, values map[string]any) ([]byte, error) {
	spec, err := k.Spec(values)
	if err != nil {
		return nil, err
	}
	if _, err := Parse(spec); err != nil {
		return nil, err
	}
	return spec, nil
}

// pyStrOf is str(v) in Python for a literal: what an f-string shows of it.
func pyStrOf(v *pyVal) string {
	switch v.kind {
	case pyInt:
		return itoa(v.i)
	case pyFloat:
		return pyFloatLiteral(v.f)
	case pyBool:
		return pyTrueFalse(v.b)
	case pyNone:
		return "None"
	case pyStr:
		return v.s
	}
	return v.text
}
