package core

import (
	"math"
	"slices"
	"strings"

	"github.com/lrplay/lrplay/core/internal/python"

	"github.com/lrplay/lrplay/internal/strs"
)

// importSig is a constructor ImportCode reads: the framework's parameters
// in the order of its signature, so positional arguments land where Python
// puts them. A kind lists its own (Kind.imports); a framework's tools list
// the functions that dispatch to them (Hugging Face's get_scheduler; see
// importDispatcher).
type importSig struct {
	callee string // the last part of its dotted name
	kind   *Kind  // what it makes (set by register), or nil for a dispatcher
	params []string
	// positional, when not 0, is how many of params may be passed by
	// position: the rest are keyword-only.
	positional int
	// renamed maps parameters' older names to today's, and renamedNote
	// says so when a call uses one.
	renamed     map[string]string
	renamedNote string
	// positionalNote is noted when a call passes argument positionalAt
	// (0-based) by position: for a signature whose order changed.
	positionalAt   int
	positionalNote string
	// resolve turns a dispatcher's arguments into the constructor it calls
	// and the arguments that constructor takes.
	resolve func(im *importer, args map[string]*python.Value) (*importSig, map[string]*python.Value, error)
	// dictChild, for a composition whose children are written as dicts of
	// keyword arguments (optax's sgdr_schedule), is the constructor they
	// are passed to.
	dictChild string
	// singleChild, for a wrapper of one scheduler (ignite's LRScheduler),
	// reads its Schedules argument as one scheduler, not a list.
	singleChild bool
	// read, for a constructor that takes a config rather than the
	// parameters (lr_schedule's), reads its arguments into a spec.
	read func(im *importer, sg *importSig, args map[string]*python.Value) ([]byte, error)
	// method returns the call Owner.name reads as, for this constructor's
	// Owner (lr_schedule's classmethod X.create), or nil.
	method func(name string) *importSig
	// owners, for a constructor whose name another framework's shares, are
	// the dotted prefixes (a module, or the alias it is imported as) a call
	// must be qualified with to read as this one: its callee's owner is one
	// of them or starts with one and a dot. Such a call reads as this
	// constructor ahead of a namesake without owners, which keeps the calls
	// that are not qualified so.
	owners []string
}

// importSigs lists the constructors ImportCode reads, by the last part of
// their dotted name (torch.optim.lr_scheduler.X, lr_scheduler.X and X
// alike): each framework's kinds' in Kinds' order, then its dispatchers.
func importSigs() []*importSig {
	var out []*importSig
	kinds := Kinds()
	for _, f := range frameworks {
		for _, k := range kinds {
			if FrameworkOf(k) == f.name {
				for i := range k.imports {
					out = append(out, &k.imports[i])
				}
			}
		}
		if d, ok := f.tools.(importDispatcher); ok {
			sigs := d.dispatchers()
			for i := range sigs {
				out = append(out, &sigs[i])
			}
		}
	}
	return out
}

// importUnsupported says why a scheduler people paste has no kind, or "".
func importUnsupported(name string) string {
	switch name {
	case "ReduceLROnPlateau":
		return "lowers the lr when a metric it is given stops improving, so its curve depends on the training " +
			"run's metric and cannot be drawn from a step count"
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
	if sg := pickImportSig(callee, importSigs()); sg != nil {
		return sg
	}
	name := lastName(callee)
	if owner := strings.TrimSuffix(callee, "."+name); owner != callee {
		if sg := importSigOf(owner); sg != nil {
			if sg.method != nil {
				return sg.method(name)
			}
			if m, ok := toolsOf(sg.kind).(importMethods); ok {
				return m.method(name)
			}
		}
	}
	return nil
}

// pickImportSig returns the constructor of sigs that callee names: one
// whose owners qualify it, or else the first of that name without owners.
func pickImportSig(callee string, sigs []*importSig) *importSig {
	name := lastName(callee)
	owner := strings.TrimSuffix(callee, "."+name) // callee itself when it has no dot
	var plain *importSig
	for _, sg := range sigs {
		switch {
		case sg.callee != name:
		case len(sg.owners) == 0:
			if plain == nil {
				plain = sg
			}
		case owner != callee && slices.ContainsFunc(sg.owners, func(o string) bool {
			return owner == o || strings.HasPrefix(owner, o+".")
		}):
			return sg
		}
	}
	return plain
}

// ImportCode reads a scheduler's constructor call as it appears in a
// training script, such as
//
//	scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=1e-6)
//
// and returns the spec it makes, which Parse accepts, with notes on what it
// assumed or left out. It reads the constructors of Kinds (Hugging Face's
// get_scheduler too), by the last part of their dotted name, or, where two
// frameworks share a name, by the module the call is qualified with;
// positional arguments take the framework's signature order. Of lr_schedule it reads BaseLRSchedule.create(cfg) and
// each class given its cfg, a dict literal or a float, as the module does.
// A constructor passed straight to another call, such as
// PPO(..., learning_rate=BaseLRSchedule.create(cfg)), is read too. Values
// must be literals: numbers (1e-6, 10_000, -1),
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
	stmts, err := python.Parse(src)
	if err != nil {
		return nil, nil, pyError(err)
	}
	im := &importer{src: src, calls: map[string]*python.CallExpr{}}

	var found []python.Stmt // each with the call it holds
	var calls []*python.CallExpr
	for _, st := range stmts {
		if st.Target == "import" {
			continue
		}
		if st.Err != nil {
			if slices.ContainsFunc(st.Names, func(n string) bool { return importSigOf(n) != nil }) {
				return nil, nil, pyError(st.Err) // the scheduler's own line
			}
			im.note("ignored, as it is not read: " + errText(pyError(st.Err)))
			continue
		}
		if st.Val == nil || st.Val.Kind != python.Call {
			continue
		}
		if st.Target != "" {
			im.calls[st.Target] = st.Val.Call
			if im.assigned == nil {
				im.assigned = map[string][]python.Stmt{}
			}
			im.assigned[st.Target] = append(im.assigned[st.Target], st)
		}
		if call := schedulerCall(st.Val.Call); call != nil {
			found, calls = append(found, st), append(calls, call)
		}
	}
	switch len(found) {
	case 0:
		for _, st := range stmts {
			if st.Err != nil {
				return nil, nil, pyError(st.Err) // most likely the scheduler's line, broken
			}
		}
		return nil, nil, im.noScheduler(stmts)
	case 1:
	default:
		if root := im.composition(calls); root != nil {
			calls = []*python.CallExpr{root}
			break
		}
		line := func(st python.Stmt) string { return itoa(int64(1 + strings.Count(src[:st.Pos], "\n"))) }
		return nil, nil, errorf("", "the code has "+itoa(int64(len(found)))+" scheduler calls (lines "+
			line(found[0])+" and "+line(found[1])+"): paste one")
	}
	spec, err = im.read(calls[0])
	if err != nil {
		return nil, nil, err
	}
	if err := im.allFed(found); err != nil {
		return nil, nil, err
	}
	return spec, im.notes, nil
}

// schedulerCall returns call if it is a constructor ImportCode reads, or
// else the first of its arguments that is one, as in
// PPO("MlpPolicy", env, learning_rate=BaseLRSchedule.create(cfg)) or
// Adam(learning_rate=CosineDecay(1e-3, 1000)); or nil.
func schedulerCall(call *python.CallExpr) *python.CallExpr {
	if importSigOf(call.Callee) != nil {
		return call
	}
	for _, a := range call.Args {
		if a.Star == 0 && a.Val.Kind == python.Call && importSigOf(a.Val.Call.Callee) != nil {
			return a.Val.Call
		}
	}
	return nil
}

// importer turns one call into a spec.
type importer struct {
	src      string
	calls    map[string]*python.CallExpr // calls assigned to names: the optimizer, maybe
	notes    []string
	inConfig bool // values come from a config dict (lr_schedule), not keyword arguments
	// child is set while a composition's schedulers are read: they take the
	// optimizer's lr from it. fed names the scheduler variables they came
	// from, and childOptimizer is the first one's optimizer argument.
	child          bool
	fed            map[string]bool
	childOptimizer *python.Value
	// assigned lists each name's assignments in order, and reading is the
	// call being read: a name a composition is given is the one assigned
	// before it, as in scheduler = ExponentialLR(...) then scheduler =
	// create_lr_scheduler_with_warmup(scheduler, ...).
	assigned map[string][]python.Stmt
	reading  *python.CallExpr
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
func (im *importer) noScheduler(stmts []python.Stmt) error {
	var last *python.CallExpr
	for _, st := range stmts {
		if st.Err == nil && st.Val != nil && st.Val.Kind == python.Call && st.Val.Call.Callee != "" &&
			!slices.Contains(torchOptimizers, lastName(st.Val.Call.Callee)) {
			last = st.Val.Call
		}
	}
	if last == nil {
		return errorf("", "no scheduler call found: paste a constructor call such as CosineAnnealingLR(optimizer, T_max=100)")
	}
	name := lastName(last.Callee)
	if why := importUnsupported(name); why != "" {
		return errorf("", name+" "+why)
	}
	var names []string
	for _, s := range importSigs() {
		if !slices.Contains(names, s.callee) {
			names = append(names, s.callee)
		}
	}
	msg := "LR Playground does not know the scheduler " + strs.Quote(last.Callee)
	if s := suggest(name, names); s != "" {
		return errorf("", msg+`; did you mean "`+s+`"?`)
	}
	return errorf("", msg+"; it reads "+strings.Join(names, ", "))
}

// read maps call's arguments onto its kind's parameters.
func (im *importer) read(call *python.CallExpr) ([]byte, error) {
	was := im.reading
	im.reading = call
	defer func() { im.reading = was }()
	sg := importSigOf(call.Callee)
	args, err := im.bind(sg, call)
	if err != nil {
		return nil, err
	}
	if sg.read != nil {
		return sg.read(im, sg, args)
	}
	if r, ok := toolsOf(sg.kind).(importReader); ok {
		return r.read(im, sg, args)
	}
	if sg.resolve != nil {
		if sg, args, err = sg.resolve(im, args); err != nil {
			return nil, err
		}
	}
	k := sg.kind
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
		var x any
		if p.Type == Schedules {
			x, err = im.children(k, p, v)
		} else {
			x, err = im.value(k, p, v)
		}
		if err != nil {
			return nil, err
		}
		values[name] = x
	}
	switch {
	case im.child:
		if im.childOptimizer == nil {
			im.childOptimizer = args["optimizer"]
		}
	case k.Param("lr") != nil && sg.params[0] == "optimizer":
		values["lr"] = im.optimizerLR(k, args["optimizer"])
	case takesSchedules(k) && k.Param("lr") != nil: // ChainedScheduler([...]) without optimizer=, LRScheduler(s): its schedulers'
		opt := args["optimizer"]
		if opt == nil {
			opt = im.childOptimizer
		}
		values["lr"] = im.optimizerLR(k, opt)
	}
	return checkedSpec(k, values)
}

// bind assigns call's arguments to the parameters of sg as Python does:
// positional ones in order, then keywords, each at most once.
func (im *importer) bind(sg *importSig, call *python.CallExpr) (map[string]*python.Value, error) {
	args := map[string]*python.Value{}
	name := sg.callee
	set := func(param string, v *python.Value, pos int) error {
		if _, dup := args[param]; dup {
			return errorf(param, python.Where(im.src, pos)+name+"() got multiple values for argument "+param)
		}
		if !slices.Contains(sg.params, param) {
			msg := "unknown argument " + strs.Quote(param) + " for " + name + "()"
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
	for _, a := range call.Args {
		switch {
		case a.Star == 2:
			if a.Val.Kind != python.Dict {
				return nil, errorf("**"+a.Val.Text, "LR Playground cannot see what **"+a.Val.Text+
					" holds (no Python is run): write its arguments out as name=value")
			}
			for i, key := range a.Val.Keys {
				if err := set(im.alias(sg, key), a.Val.Vals[i], a.Pos); err != nil {
					return nil, err
				}
			}
		case a.Star == 1:
			return nil, errorf("*"+a.Val.Text, "LR Playground cannot see what *"+a.Val.Text+
				" holds (no Python is run): write its arguments out")
		case a.Name == "":
			if most := len(sg.params); positional >= most || (sg.positional > 0 && positional >= sg.positional) {
				if sg.positional > 0 {
					most = sg.positional
				}
				return nil, errorf("", python.Where(im.src, a.Pos)+name+"() takes at most "+itoa(int64(most))+
					" positional arguments")
			}
			if sg.positionalNote != "" && positional == sg.positionalAt {
				im.note(sg.positionalNote)
			}
			if err := set(sg.params[positional], a.Val, a.Pos); err != nil {
				return nil, err
			}
			positional++
		default:
			if err := set(im.alias(sg, a.Name), a.Val, a.Pos); err != nil {
				return nil, err
			}
		}
	}
	return args, nil
}

// alias maps an older name of one of sg's parameters to today's.
func (im *importer) alias(sg *importSig, name string) string {
	if now, ok := sg.renamed[name]; ok {
		im.note(sg.renamedNote)
		return now
	}
	return name
}

// extra handles a framework parameter that is not one of the kind's.
func (im *importer) extra(sg *importSig, name string, v *python.Value) error {
	switch name {
	case "optimizer", "verbose", "name", "save_history", "param_group_index", "initialize",
		"noise_pct", "noise_std", "noise_seed":
	case "last_epoch":
		if !(v.Kind == python.Int && v.Int == -1) {
			im.note("last_epoch = " + v.Text + " resumes a scheduler; the curve is drawn from a new one (last_epoch = -1)")
		}
	case "cycle_momentum", "base_momentum", "max_momentum":
		im.note(name + " changes the momentum, which is not drawn")
	case "t_in_epochs":
		im.note("t_in_epochs only says whether timm's t counts epochs or updates; the chart counts the steps the scheduler is given")
	case "noise_range_t":
		if v.Kind != python.None {
			im.note("noise_range_t adds random noise to the lr, which is not drawn")
		}
	case "param_name":
		if !(v.Kind == python.Str && v.Str == "lr") {
			im.note("param_name = " + v.Text + ": the values are drawn as an lr")
		}
	default:
		return errorf(name, sg.callee+"() takes "+name+", which LR Playground does not model")
	}
	return nil
}

// value converts an argument to a value of parameter p, as Parse holds it.
func (im *importer) value(k *Kind, p *Param, v *python.Value) (any, error) {
	if x, ok, err := im.composite(k, p, v); ok {
		return x, err
	}
	switch v.Kind {
	case python.Int:
		switch p.Type {
		case Float:
			return float64(v.Int), nil
		case Bool:
			return v.Int != 0, nil // Python's truth
		}
		return v.Int, nil
	case python.Float:
		if math.IsInf(v.Float, 0) || math.IsNaN(v.Float) {
			return nil, errorf(p.Name, v.Text+" is not a finite number")
		}
		if p.Type == Int && v.Float == math.Trunc(v.Float) && math.Abs(v.Float) <= maxInt {
			return int64(v.Float), nil
		}
		return v.Float, nil
	case python.Bool:
		return v.Bool, nil
	case python.Str:
		return v.Str, nil
	case python.None:
		return nil, nil
	}
	example := p.Name + "=" + importExample(k, p)
	if im.inConfig {
		example = strs.Quote(p.Name) + ": " + importExample(k, p)
	}
	var msg string
	switch {
	case v.Kind == python.Name:
		msg = v.Text + " is a name LR Playground cannot see (no Python is run): write its value, like " + example +
			", or paste its assignment (" + v.Name + " = ...) above the call"
	case v.Kind == python.Call || v.Calls:
		msg = v.Text + " is computed when the script runs, and LR Playground runs no Python: write the value, like " + example
	case v.Unknown != "":
		msg = v.Text + " uses " + v.Unknown + ", a name LR Playground cannot see (no Python is run): write the value, like " +
			example + ", or paste " + v.Unknown + "'s assignment (" + v.Unknown + " = ...) above the call"
	default:
		what := "not a literal value"
		if v.Why != "" {
			what += " (" + v.Why + ")"
		}
		msg = v.Text + " is " + what + ": write the value, like " + example
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
	case []stepValue:
		return pyValue(p, v)
	}
	return formatValue(v)
}

// optimizerLR finds the lr of the optimizer argument v: an optimizer
// constructed in the call, or assigned earlier in the snippet, with a
// literal lr. Otherwise it notes that k's default is used.
func (im *importer) optimizerLR(k *Kind, v *python.Value) any {
	def := k.Param("lr").Default
	var call *python.CallExpr
	if v != nil {
		switch v.Kind {
		case python.Call:
			call = v.Call
		case python.Name:
			call = im.calls[v.Name]
		}
	}
	if call != nil {
		var lr *python.Value
		positional := 0
		for _, a := range call.Args {
			switch {
			case a.Name == "lr" || a.Name == "learning_rate":
				lr = a.Val
			case a.Name == "" && a.Star == 0:
				if positional == 1 && lr == nil && slices.Contains(torchOptimizers, lastName(call.Callee)) {
					lr = a.Val
				}
				positional++
			}
		}
		if lr != nil && (lr.Kind == python.Float || lr.Kind == python.Int) && lr.Number() >= 0 && !math.IsInf(lr.Number(), 0) {
			return lr.Number()
		}
		if lr != nil {
			im.note("the optimizer's lr, " + lr.Text + ", is not a literal number, so lr = " + formatValue(def) +
				" (the default) is used: set lr to your optimizer's")
			return def
		}
	}
	im.note("the optimizer's lr is not in the call, so lr = " + formatValue(def) +
		" (the default) is used: set lr to your optimizer's, or paste the optimizer's line above the call")
	return def
}

// checkedSpec writes the spec of kind k with values and checks it parses.
func checkedSpec(k *Kind, values map[string]any) ([]byte, error) {
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
func pyStrOf(v *python.Value) string {
	switch v.Kind {
	case python.Int:
		return itoa(v.Int)
	case python.Float:
		return pyFloatLiteral(v.Float)
	case python.Bool:
		return pyTrueFalse(v.Bool)
	case python.None:
		return "None"
	case python.Str:
		return v.Str
	}
	return v.Text
}
