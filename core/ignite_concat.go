package core

import (
	"slices"
	"strings"
)

// PyTorch-Ignite's ConcatScheduler (ignite/handlers/param_scheduler.py):
//
//	def _setup_scheduler(self):
//	    self._current_scheduler = self.schedulers[self._scheduler_index]
//	    self._current_duration = (self.durations[self._scheduler_index]
//	        if self._scheduler_index < len(self.durations) else -1)
//	def __call__(self, engine, name=None):
//	    if self._current_duration == 0:
//	        self._scheduler_index += 1
//	        self._setup_scheduler()
//	    self._current_scheduler(engine, name)
//	    self._current_duration -= 1
//
// Each child counts only the events it handles, so child k's event index at
// event i is i minus the event it started at. A call advances at most one
// child: a first duration of 0 skips child 0, a later 0 makes its child run
// for ever (its count goes from 0 to −1 and never meets 0 again), and so
// does a negative duration; the last child runs for ever. Children don't
// touch the lr when constructed, so children on one optimizer don't
// interfere.

var igniteConcatKind = register(&Kind{
	Name:      "ignite.ConcatScheduler",
	order:     603,
	code:      igniteConcatCode,
	imports:   []importSig{{callee: "ConcatScheduler", params: []string{"schedulers", "durations", "save_history"}}},
	Framework: "PyTorch-Ignite",
	Title:     "ConcatScheduler",
	Doc: "The ignite schedulers one after the other: schedulers[0] for durations[0] events, then the next for its " +
		"duration, and the last for ever; each counts its events from 0 when it starts. As ignite's __call__ does, " +
		"one event moves on by at most one scheduler: a first duration of 0 skips schedulers[0], but a later duration " +
		"of 0 (or any negative one) makes its scheduler run for ever. ignite raises ValueError unless there are " +
		"at least two schedulers and one more scheduler than durations (Incorrect number schedulers or duration " +
		"values, given 2 and 2).",
	Convention: igniteConvention,
	Link:       "https://pytorch.org/ignite/generated/ignite.handlers.param_scheduler.ConcatScheduler.html",
	Example: `{"kind": "ignite.ConcatScheduler", "schedulers": [{"kind": "` + ignitePiecewiseKind.Name + `", "milestones_values": ` +
		`[[0, 0], [100, 0.1]]}, {"kind": "` + igniteCosineKind.Name + `", "start_value": 0.1, "end_value": 0.001, ` +
		`"cycle_size": 300}], "durations": [100]}`,
	ExampleSteps: 1000,
	Params: []Param{
		{Name: "schedulers", Type: Schedules, Required: true,
			Doc: "the ignite schedulers to run one after the other, each a spec like {\"kind\": ...}; at least two"},
		{Name: "durations", Type: IntList, Required: true, Range: Range{Min: -maxInt, Max: maxInt},
			Doc:  "the number of events each scheduler but the last runs for, one fewer than the schedulers",
			Hint: Hint{Min: 0, Max: 10000, Step: 1}},
	},
	build: buildIgniteConcat,
})

// igniteSegment is a stretch of events one child handles: from start to
// end (exclusive; −1 for ever).
type igniteSegment struct {
	child      *Schedule
	index      int
	start, end int64
}

// igniteConcat is ConcatScheduler(schedulers, durations) as its segments.
type igniteConcat struct {
	segs []igniteSegment
}

func buildIgniteConcat(a args) (kindCurve, error) {
	children, err := parseChildren(a, "schedulers", nil, func(k *Kind) string {
		if FrameworkOf(k) != "ignite" {
			return k.Name + " is not an ignite scheduler: ConcatScheduler concatenates ignite's ParamSchedulers"
		}
		return ""
	})
	if err != nil {
		return nil, err
	}
	d := a["durations"].([]int64)
	if len(children) < 2 {
		return nil, errorf("schedulers", "ignite raises ValueError: Argument schedulers should be of more than one parameter "+
			"schedulers, but given ["+childNames(children)+"]")
	}
	if len(children) != len(d)+1 {
		return nil, errorf("durations", "ignite raises ValueError: Incorrect number schedulers or duration values, given "+
			itoa(int64(len(children)))+" and "+itoa(int64(len(d))))
	}
	// __call__, one child at a time: a positive count runs out after that
	// many events, a count of 0 or less (after an advance) never does.
	c := &igniteConcat{}
	idx, cur, s := 0, d[0], int64(0)
	for {
		if cur == 0 {
			idx++
			cur = -1
			if idx < len(d) {
				cur = d[idx]
			}
		}
		if cur <= 0 {
			c.segs = append(c.segs, igniteSegment{children[idx], idx, s, -1})
			return c, nil
		}
		c.segs = append(c.segs, igniteSegment{children[idx], idx, s, s + cur})
		s, cur = s+cur, 0
	}
}

// seg returns the segment event e falls in.
func (c *igniteConcat) seg(e int64) *igniteSegment {
	for i := range c.segs {
		if g := &c.segs[i]; g.end < 0 || e < g.end {
			return g
		}
	}
	panic("core: ConcatScheduler has no segment for an event") // the last runs for ever
}

func (c *igniteConcat) at(e, n int64) float64 {
	g := c.seg(e)
	return g.child.run.at(e-g.start, n-g.start)
}

// events: a Boundary where a child starts, and each child's own events
// shifted to where it runs.
func (c *igniteConcat) events(n, from, to int64, yield func(Event) bool) {
	for _, g := range c.segs {
		hi := n
		if g.end >= 0 {
			hi = min(g.end, n)
		}
		if g.start >= n {
			return
		}
		if g.start > 0 && g.start >= from && g.start < to && !yield(Event{g.start, Boundary}) {
			return
		}
		if a, b := max(from, g.start), min(to, hi); a < b {
			ok := true
			g.child.run.events(n-g.start, a-g.start, b-g.start, func(e Event) bool {
				if e.Step == 0 && g.start > 0 {
					return true // the Boundary stands for it
				}
				ok = yield(Event{e.Step + g.start, e.Kind})
				return ok
			})
			if !ok {
				return
			}
		}
	}
}

// checkSteps: each child for the events it handles.
func (c *igniteConcat) checkSteps(n int64) error {
	for _, g := range c.segs {
		if g.start >= n {
			break
		}
		run := n - g.start
		if g.end >= 0 {
			run = min(run, g.end-g.start)
		}
		if err := g.child.CheckSteps(run); err != nil {
			return errorf("steps", itoa(n)+" events: schedulers["+itoa(int64(g.index))+"], from event "+itoa(g.start)+
				", handles "+itoa(run)+", and: "+err.(*Error).Msg)
		}
	}
	return nil
}

// shape: a run that one child draws alone is that child's shape.
func (c *igniteConcat) shape(a args, n int64) (shape, string) {
	if g := c.seg(n - 1); g.start == 0 {
		return g.child.curve.shape(g.child.args, n)
	}
	return newShape(), "ignite's ConcatScheduler of " + childNames(a["schedulers"].([]*Schedule)) +
		" is no shape another framework's kind draws"
}

// lintFacts describes a run of n steps for Lint: the facts of the child
// that handles the last event, shifted to where it starts.
func (c *igniteConcat) lintFacts(ls lintSpec, n int64) lintFacts {
	g := c.seg(n - 1)
	f := lintFactsOf(g.child, n-g.start)
	f.fitEnd, f.scale, f.restartFix, f.flatFix, f.invertedFix, f.jumpFix = nil, nil, nil, nil, nil, nil
	f.warmupParam = ""
	if f.end > 0 {
		f.end += g.start
		f.endName = "schedulers[" + itoa(int64(g.index)) + "], from event " + itoa(g.start) + ": " + f.endName
	}
	if f.warmup > 0 {
		f.warmup += g.start
	}
	if g.start > 0 {
		f.warmupName = "schedulers[" + itoa(int64(g.index)) + "] starts at event " + itoa(g.start)
		if f.warmup == 0 {
			f.warmup = min(g.start, n)
		}
	}
	if f.floorAt != nil {
		at := f.floorAt
		f.floorAt = func(step int64) float64 { return at(max(step-g.start, 0)) }
	}
	return f
}

// igniteConcatCode builds the children on a stand-in optimizer and lists
// the values with ConcatScheduler.simulate_values.
func igniteConcatCode(w *pyWriter, s *Schedule, steps int64) {
	children := s.args["schedulers"].([]*Schedule)
	w.set("imports", igniteImports(children), "children", igniteChildCalls(children, "    "),
		"durations", pyValue(s.kind.Param("durations"), s.args["durations"]))
	w.put(`import torch
from ignite.handlers.param_scheduler import {imports}

# A stand-in for your model's parameters; ignite's schedulers set its lr.
params = [torch.nn.Parameter(torch.zeros(1))]
optimizer = torch.optim.SGD(params, lr=0.0)
schedulers = [
{children}]

# In training: scheduler = ConcatScheduler(schedulers, durations={durations}) and
# trainer.add_event_handler(Events.ITERATION_STARTED, scheduler); simulate_values steps it the same way.
values = ConcatScheduler.simulate_values(num_events={n}, schedulers=schedulers, durations={durations})
lrs = [lr for _, lr in values]
print(lrs)
`)
}

// igniteImports lists ConcatScheduler and the children's classes, each once.
func igniteImports(children []*Schedule) string {
	names := []string{"ConcatScheduler"}
	var walk func([]*Schedule)
	walk = func(cs []*Schedule) {
		for _, ch := range cs {
			_, name, _ := strings.Cut(ch.kind.Name, ".")
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
			if sub, ok := ch.args["schedulers"].([]*Schedule); ok {
				walk(sub)
			}
		}
	}
	walk(children)
	return strings.Join(names, ", ")
}

// igniteChildCalls writes each child as its constructor call on the
// optimizer, its arguments one a line: a nested ConcatScheduler with its
// own children.
func igniteChildCalls(children []*Schedule, indent string) string {
	var b strings.Builder
	for _, ch := range children {
		_, name, _ := strings.Cut(ch.kind.Name, ".")
		if sub, ok := ch.args["schedulers"].([]*Schedule); ok {
			b.WriteString(indent + name + "(\n" + indent + "    schedulers=[\n" + igniteChildCalls(sub, indent+"        ") +
				indent + "    ],\n" + indent + "    durations=" + pyValue(ch.kind.Param("durations"), ch.args["durations"]) + ",\n" + indent + "),\n")
			continue
		}
		b.WriteString(indent + name + "(\n" + indent + "    optimizer,\n" + indent + "    \"lr\",\n")
		for i := range ch.kind.Params {
			p := &ch.kind.Params[i]
			b.WriteString(indent + "    " + p.Name + "=" + pyValue(p, ch.args[p.Name]) + ",\n")
		}
		b.WriteString(indent + "),\n")
	}
	return b.String()
}
