package core

import "strings"

// PyTorch-Ignite's create_lr_scheduler_with_warmup
// (ignite/handlers/param_scheduler.py): a PiecewiseLinear warmup, then the
// scheduler, joined by a ConcatScheduler.
//
//	milestones_values = [(0, warmup_start_value), (warmup_duration - 1, end)]
//	if isinstance(lr_scheduler, PyTorchLRScheduler):
//	    init_lr = param_group["lr"]
//	    if init_lr != end: milestones_values.append((warmup_duration, init_lr))
//	    lr_scheduler.last_epoch += 1
//	    lr_scheduler = LRScheduler(lr_scheduler)
//	else:
//	    init_lr = lr_scheduler.get_param()
//	    if init_lr == end:
//	        if warmup_duration > 2:
//	            d = (end - warmup_start_value) / (warmup_duration - 1)
//	            milestones_values[-1] = (warmup_duration - 2, end - d)
//	        else:
//	            milestones_values.pop(-1)
//	durations = [milestones_values[-1][0] + 1]
//
// end is warmup_end_value, or the optimizer's lr after the scheduler was
// built when None. The comparisons are exact float ==/!=. A PyTorch
// scheduler's events are ignite's LRScheduler's one step ahead (the
// last_epoch += 1): see igniteTorchRun with off = 1.

// igniteWarmupName is the kind's name, which its build refuses as a child.
const igniteWarmupName = "ignite.create_lr_scheduler_with_warmup"

var igniteWarmupKind = register(&Kind{
	Name:  igniteWarmupName,
	order: 605,
	code:  igniteWarmupCode,
	imports: []importSig{{callee: "create_lr_scheduler_with_warmup", params: []string{"lr_scheduler", "warmup_start_value",
		"warmup_duration", "warmup_end_value", "save_history", "output_simulated_values"}, singleChild: true}},
	Framework: "PyTorch-Ignite",
	Title:     "create_lr_scheduler_with_warmup",
	Doc: "A linear warmup (a PiecewiseLinear from warmup_start_value at event 0 to warmup_end_value at event " +
		"warmup_duration − 1), then the scheduler, joined by a ConcatScheduler. With a PyTorch scheduler, when the lr " +
		"it leaves at construction differs from warmup_end_value, one more event sets that lr; the scheduler then runs " +
		"one step ahead (ignite adds 1 to its last_epoch), each step reading the lr the event before set. With an " +
		"ignite scheduler whose first value equals warmup_end_value, the warmup stops one event early (its last value " +
		"is end − (end − start)/(warmup_duration − 1)) so the scheduler's first value ends it; otherwise the scheduler " +
		"starts at event warmup_duration. ignite raises ValueError unless warmup_duration ≥ 2 (Argument warmup_duration " +
		"should be at least 2 events, but given 1).",
	Convention: igniteConvention,
	Link:       "https://pytorch.org/ignite/generated/ignite.handlers.param_scheduler.create_lr_scheduler_with_warmup.html",
	Example: `{"kind": "ignite.create_lr_scheduler_with_warmup", "lr": 0.1, "lr_scheduler": [{"kind": "` + torchCosineKind.Name +
		`", "T_max": 90}], "warmup_start_value": 0.0, "warmup_duration": 10}`,
	ExampleSteps: 100,
	Params: []Param{
		{Name: "lr_scheduler", Type: Schedules, Required: true,
			Doc: "the scheduler after the warmup, one: a PyTorch scheduler (it takes the optimizer's lr) or an ignite one"},
		igniteOptimizerLR(),
		{Name: "warmup_start_value", Type: Float, Required: true, Range: igniteWarmupRange,
			Doc: "the lr at event 0 (past ±1e290 the line's arithmetic can overflow)", Hint: Hint{Min: 0, Max: 1, Step: 0.001}},
		{Name: "warmup_duration", Type: Int, Required: true, Range: anyFinite,
			Doc: "the warmup's length in events, at least 2", Hint: Hint{Min: 2, Max: 1000, Step: 1}},
		{Name: "warmup_end_value", Type: Float, Nullable: true, Default: nil, Range: igniteWarmupRange,
			Doc: "the lr the warmup reaches at event warmup_duration − 1; None: the optimizer's lr (past ±1e290 the " +
				"line's arithmetic can overflow)", Hint: Hint{Min: 0, Max: 1, Step: 0.001}},
	},
	build: buildIgniteWarmup,
})

// igniteWarmupRange bounds the warmup's values: PiecewiseLinear's (b −
// a)·(e − m) stays finite for runs of up to 10^12 events, so the line's
// extremes are at its ends.
var igniteWarmupRange = between(-1e290, 1e290)

// igniteWarmup is the warmup's PiecewiseLinear for events before d, then
// the scheduler: a PyTorch one's LRScheduler events (torch) or an ignite
// one's (child), counted from d.
type igniteWarmup struct {
	pl    *ignitePiecewise
	d     int64
	torch *igniteTorchRun
	child *Schedule
	w     int64
}

func buildIgniteWarmup(a args) (kindCurve, error) {
	lr := a.float("lr")
	w := a.int("warmup_duration")
	if w <= 1 {
		return nil, errorf("warmup_duration", "ignite raises ValueError: Argument warmup_duration should be at least 2 events, but given "+itoa(w))
	}
	children, err := parseChildren(a, "lr_scheduler", args{"lr": lr}, func(k *Kind) string {
		if k.Framework == "PyTorch" {
			return igniteTorchRefusal(k, "create_lr_scheduler_with_warmup")
		}
		if FrameworkOf(k) != "ignite" {
			return k.Name + " is not a PyTorch or ignite scheduler: create_lr_scheduler_with_warmup takes one of those"
		}
		if k == igniteLRSchedulerKind || k.Name == igniteWarmupName {
			return k.Name + " here is not read: pass the PyTorch scheduler itself, which create_lr_scheduler_with_warmup wraps in an LRScheduler"
		}
		return ""
	})
	if err != nil {
		return nil, err
	}
	if len(children) != 1 {
		return nil, errorf("lr_scheduler", "create_lr_scheduler_with_warmup takes one scheduler, not "+itoa(int64(len(children))))
	}
	ch := children[0]
	start := a.float("warmup_start_value")
	end, hasEnd := a["warmup_end_value"].(float64)
	if !hasEnd {
		end = lr // param_group["lr"]; a PyTorch scheduler's constructor may change it, below
	}
	pairs := []stepValue{{0, start}, {w - 1, end}}
	c := &igniteWarmup{child: ch, w: w}
	if ch.kind.Framework == "PyTorch" {
		con, ok := ch.curve.(torchConstructor)
		if !ok {
			return nil, errorf("lr_scheduler[0].kind", ch.kind.Name+" cannot run inside create_lr_scheduler_with_warmup here")
		}
		g := &torchGroup{lr: lr}
		con.construct(g)
		initLR := g.lr
		if !hasEnd {
			end = initLR
			pairs[1].value = end
		}
		if initLR != end {
			pairs = append(pairs, stepValue{w, initLR})
		}
		c.torch = newIgniteTorchRun(lr, ch, 1)
	} else if initLR := igniteFirstParam(ch); initLR == end {
		if w > 2 {
			d := (end - start) / float64(w-1)
			pairs[1] = stepValue{w - 2, end - d}
		} else {
			pairs = pairs[:1]
		}
	}
	c.d = pairs[len(pairs)-1].step + 1
	c.pl = &ignitePiecewise{}
	for _, p := range pairs {
		c.pl.m, c.pl.v = append(c.pl.m, p.step), append(c.pl.v, p.value)
	}
	return c, nil
}

// igniteFirstParam is an ignite scheduler's get_param() before its first
// event: a ConcatScheduler's is its first scheduler's.
func igniteFirstParam(s *Schedule) float64 {
	if kids, ok := s.args["schedulers"].([]*Schedule); ok && s.kind == igniteConcatKind {
		return igniteFirstParam(kids[0])
	}
	return s.curve.at(0, 1)
}

func (c *igniteWarmup) at(e, n int64) float64 {
	if e < c.d {
		return c.pl.at(e, n)
	}
	if c.torch != nil {
		return c.torch.at(e-c.d, n-c.d)
	}
	return c.child.run.at(e-c.d, n-c.d)
}

func (c *igniteWarmup) fill(dst []float64) { c.fillEvery(dst, 0, 1) }

// fillEvery writes events first + j·stride: the warmup's, then the
// scheduler's own recursion from its event 0.
func (c *igniteWarmup) fillEvery(dst []float64, first, stride int64) {
	j := 0
	for ; j < len(dst) && first+int64(j)*stride < c.d; j++ {
		dst[j] = c.pl.at(first+int64(j)*stride, c.d)
	}
	if j == len(dst) {
		return
	}
	from := first + int64(j)*stride - c.d
	if c.torch != nil {
		c.torch.fillEvery(dst[j:], from, stride)
		return
	}
	igniteFillEvery(c.child.run, dst[j:], from, stride)
}

// events: the warmup's milestones, a WarmupEnd where the scheduler starts,
// and the scheduler's own events shifted there.
func (c *igniteWarmup) events(n, from, to int64, yield func(Event) bool) {
	stop := false
	c.pl.events(min(n, c.d), from, min(to, c.d), func(e Event) bool { stop = !yield(e); return !stop })
	if stop || c.d >= n || c.d >= to {
		return
	}
	if c.d >= from && !yield(Event{c.d, WarmupEnd}) {
		return
	}
	sub := func(e Event) bool {
		if e.Step == 0 {
			return true
		}
		e.Step += c.d
		return yield(e)
	}
	a, b := max(from-c.d, 0), to-c.d
	if c.torch != nil {
		c.torch.events(n-c.d, a, b, sub)
		return
	}
	c.child.run.events(n-c.d, a, b, sub)
}

func (c *igniteWarmup) checkSteps(n int64) error {
	// The warmup is straight lines: its extremes are at its ends and milestones.
	last := min(n, c.d) - 1
	for _, e := range append([]int64{0, last}, c.pl.m...) {
		if e < 0 || e > last {
			continue
		}
		if v := c.pl.at(e, n); torchBad(v) {
			return errorf("steps", itoa(n)+" events reach event "+itoa(e)+" of the warmup, where the lr is "+formatFloat(v)+
				" (a negative or non-finite lr is refused here)")
		}
	}
	if n <= c.d {
		return nil
	}
	var err error
	if c.torch != nil {
		err = c.torch.checkSteps(n - c.d)
	} else {
		err = c.child.CheckSteps(n - c.d)
	}
	if err != nil {
		return errorf("steps", itoa(n)+" events: lr_scheduler, from event "+itoa(c.d)+", handles "+itoa(n-c.d)+", and: "+errText(err))
	}
	return nil
}

func (c *igniteWarmup) shape(_ args, n int64) (shape, string) {
	return newShape(), "ignite's create_lr_scheduler_with_warmup of " + c.child.kind.Name + " is no shape another framework's kind draws"
}

// lintFacts: the scheduler's facts shifted to where it starts, after a
// warmup of d events.
func (c *igniteWarmup) lintFacts(ls lintSpec, n int64) lintFacts {
	if n <= c.d {
		return lintFacts{unit: "events (one per iteration when bound to ITERATION_STARTED)", noMin: true,
			warmup: n, warmupName: ls.v("warmup_duration")}
	}
	var f lintFacts
	if c.torch != nil {
		f = c.torch.lintFacts(ls, n-c.d)
	} else {
		f = lintFactsOf(c.child, n-c.d)
	}
	f.fitEnd, f.scale, f.restartFix, f.flatFix, f.invertedFix, f.jumpFix = nil, nil, nil, nil, nil, nil
	f.warmupParam = ""
	if f.end > 0 {
		f.end += c.d
		f.endName = "lr_scheduler, from event " + itoa(c.d) + ": " + f.endName
	}
	f.warmup, f.warmupName = c.d, ls.v("warmup_duration")
	if f.floorAt != nil {
		at := f.floorAt
		f.floorAt = func(step int64) float64 { return at(max(step-c.d, 0)) }
	}
	return f
}

func igniteWarmupCode(w *pyWriter, s *Schedule, steps int64) {
	ch := s.args["lr_scheduler"].([]*Schedule)[0]
	imports := "create_lr_scheduler_with_warmup"
	var build string
	if ch.kind.Framework == "PyTorch" {
		build = "lr_scheduler = " + torchChildCall(ch) + "\n"
	} else {
		names := strings.Split(igniteImports([]*Schedule{ch}), ", ")
		if ch.kind != igniteConcatKind {
			names = names[1:] // no ConcatScheduler
		}
		imports += ", " + strings.Join(names, ", ")
		build = "lr_scheduler = " + strings.TrimSuffix(igniteChildCalls([]*Schedule{ch}, ""), ",\n") + "\n"
	}
	end := "None"
	if v, ok := s.args["warmup_end_value"].(float64); ok {
		end = pyFloatLiteral(v)
	}
	w.set("lr", pyFloatLiteral(s.args.float("lr")), "build", build, "imports", imports,
		"start", pyFloatLiteral(s.args.float("warmup_start_value")), "dur", itoa(s.args.int("warmup_duration")), "end", end)
	w.put(`import torch
from ignite.handlers.param_scheduler import {imports}

` + pyStandIn + `optimizer = torch.optim.SGD(params, lr={lr})
{build}scheduler = create_lr_scheduler_with_warmup(
    lr_scheduler,
    warmup_start_value={start},
    warmup_duration={dur},
    warmup_end_value={end},
)

# In training: trainer.add_event_handler(Events.ITERATION_STARTED, scheduler). Each call sets the lr.
lrs = []
for _ in range({n}):
    scheduler(None)
    lrs.append(optimizer.param_groups[0]["lr"])
print(lrs)
`)
}
