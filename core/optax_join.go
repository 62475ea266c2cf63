package core

import (
	"slices"
	"strings"
)

// optax's join_schedules (optax/schedules/_join.py):
//
//	def schedule(step):
//	  output = schedules[0](step)
//	  for boundary, schedule in zip(boundaries, schedules[1:]):
//	    output = jnp.where(step < boundary, output, schedule(step - boundary))
//	  return output
//
// So step s takes the value of the last schedule k (in the order written)
// whose boundary b_k ≤ s, or schedules[0], evaluated at s − b_k; zip pairs
// boundaries with schedules[1:] and drops what is left of the longer.
// jnp.where makes the value a float32 array (a child's Python float is
// rounded to float32) as soon as one pair is zipped. Every child is
// evaluated at every step, the others' values discarded by the where.

var optaxJoinKind = register(&Kind{
	Name:      "optax.join_schedules",
	order:     511,
	code:      optaxJoinCode,
	imports:   []importSig{{callee: "join_schedules", params: []string{"schedules", "boundaries"}}},
	Framework: "optax",
	Title:     "Join schedules",
	Doc: "join_schedules: schedules[0] until boundaries[0], then each next schedule from its boundary on, each " +
		"given the count since its boundary (step − boundary), as optax's join_schedules computes it: the value " +
		"at a step is the last schedule's (in the order written) whose boundary the step has reached. The " +
		"children are optax schedules. Boundaries and schedules are paired as Python's zip pairs them: " +
		"boundaries past len(schedules) − 1, or schedules past len(boundaries) + 1, are ignored. Once one pair " +
		"is made, jnp.where makes each value float32.",
	Convention: optaxConvention,
	Link:       optaxLink + "#optax.schedules.join_schedules",
	Example: `{"kind": "optax.join_schedules", "schedules": [{"kind": "` + optaxLinearKind.Name + `", "init_value": 0, "end_value": 1e-3, ` +
		`"transition_steps": 100}, {"kind": "` + optaxCosineKind.Name + `", "init_value": 1e-3, "decay_steps": 900}], "boundaries": [100]}`,
	ExampleSteps: 1000,
	Params: []Param{
		{Name: "schedules", Type: Schedules, Required: true,
			Doc: "the optax schedules to run one after the other, each a spec like {\"kind\": ...}"},
		{Name: "boundaries", Type: IntList, Required: true, Range: between(-optaxMaxInt32, optaxMaxInt32),
			Doc:  "the steps at which each next schedule takes over, one fewer than the schedules",
			Hint: Hint{Min: 0, Max: 10000, Step: 1}},
	},
	build: func(a args) (kindCurve, error) {
		return optaxNewJoin(a, "schedules", "join_schedules", optaxChildCheck(""))
	},
})

// optaxChildCheck refuses a child that is not an optax schedule, or, when
// only is set, not of that kind.
func optaxChildCheck(only string) func(k *Kind) string {
	return func(k *Kind) string {
		switch {
		case only != "" && k.Name != only:
			return k.Name + " is not " + only + ": each child here is one"
		case FrameworkOf(k) != "optax":
			return k.Name + " is not an optax schedule: join_schedules joins optax schedules"
		}
		return ""
	}
}

// optaxJoin is join_schedules(schedules, boundaries) with zip's pairs:
// children[0] and then children[k] from bounds[k-1] on.
type optaxJoin struct {
	children []*Schedule
	bounds   []int64 // bounds[k] is children[k+1]'s boundary
	name     string  // the optax function, for messages
}

func optaxNewJoin(a args, param, name string, check func(k *Kind) string) (*optaxJoin, error) {
	children, err := parseChildren(a, param, nil, check)
	if err != nil {
		return nil, err
	}
	if len(children) == 0 {
		return nil, errorf(param, "no schedules: optax's "+name+" raises IndexError: list index out of range")
	}
	bounds, _ := a["boundaries"].([]int64)
	pairs := min(len(bounds), len(children)-1)
	return &optaxJoin{children: children[:pairs+1], bounds: bounds[:pairs], name: name}, nil
}

// child returns the index of the child step s takes its value from, and its boundary.
func (c *optaxJoin) child(s int64) (int, int64) {
	k, off := 0, int64(0)
	for j, b := range c.bounds {
		if s >= b {
			k, off = j+1, b
		}
	}
	return k, off
}

func (c *optaxJoin) at(i, n int64) float64 {
	k, off := c.child(i)
	v := c.children[k].run.at(i-off, n-off)
	if len(c.bounds) > 0 {
		return float64(float32(v))
	}
	return v
}

// cuts are the steps in (0, n) where the child that gives the value may
// change, sorted, each once.
func (c *optaxJoin) cuts(n int64) []int64 {
	var out []int64
	for _, b := range c.bounds {
		if b > 0 && b < n && !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	slices.Sort(out)
	return out
}

// events: a Boundary where the child may change, and on each stretch
// between, the events of the child that gives the value there, shifted by
// its boundary.
func (c *optaxJoin) events(n, from, to int64, yield func(Event) bool) {
	cuts := append(c.cuts(n), n)
	lo := int64(0)
	for _, hi := range cuts {
		if lo > 0 && lo >= from && lo < to && !yield(Event{lo, Boundary}) {
			return
		}
		if a, b := max(from, lo), min(to, hi); a < b {
			k, off := c.child(lo)
			ok := true
			c.children[k].run.events(n-off, a-off, b-off, func(e Event) bool {
				if e.Step+off == lo && lo > 0 {
					return true // the Boundary stands for it
				}
				ok = yield(Event{e.Step + off, e.Kind})
				return ok
			})
			if !ok {
				return
			}
		}
		lo = hi
	}
}

// checkSteps: each child runs to step n − 1 − its boundary (a child whose
// boundary is ahead runs at negative counts, which optax's schedules
// compute without raising, as long as JAX can make them an int32).
func (c *optaxJoin) checkSteps(n int64) error {
	for k, ch := range c.children {
		off := int64(0)
		if k > 0 {
			off = c.bounds[k-1]
		}
		if n-off < 1 {
			continue
		}
		if err := ch.CheckSteps(n - off); err != nil {
			e := err.(*Error)
			return errorf("steps", itoa(n)+" steps: schedules["+itoa(int64(k))+"], from its boundary "+itoa(off)+
				", runs "+itoa(n-off)+" steps, and: "+e.Msg)
		}
	}
	return nil
}

// shape: a linear_schedule warmup joined to one schedule with a shape and
// no warmup of its own is that shape with the warmup.
func (c *optaxJoin) shape(a args, n int64) (shape, string) {
	no := "optax's join_schedules of " + childNames(c.children) + " is no shape another framework's kind draws"
	if len(c.children) == 1 {
		return c.children[0].curve.shape(c.children[0].args, n)
	}
	if len(c.children) != 2 || c.children[0].kind != optaxLinearKind {
		return newShape(), no
	}
	w, ca := c.bounds[0], c.children[0].args
	if w <= 0 || ca.int("transition_begin") != 0 || ca.int("transition_steps") != w {
		return newShape(), no
	}
	sh, why := c.children[1].curve.shape(c.children[1].args, n-w)
	if why != "" || sh.warmup != 0 || sh.under || ca.float("end_value") != sh.peak || !(ca.float("init_value") < sh.peak) {
		return newShape(), no
	}
	sh.warmup, sh.start = w, ca.float("init_value")
	return sh, ""
}

// lintFacts describes a run of n steps for Lint: the last child's facts,
// shifted by its boundary, and a warmup where the first child rises to the
// first boundary.
func (c *optaxJoin) lintFacts(ls lintSpec, n int64) lintFacts {
	k, off := c.child(n - 1)
	last := c.children[k]
	f := lintFactsOf(last, max(n-off, 1))
	f.fitEnd, f.scale, f.restartFix, f.flatFix, f.invertedFix, f.jumpFix = nil, nil, nil, nil, nil, nil
	f.warmupParam = ""
	if f.end > 0 {
		f.end += off
		f.endName = "schedules[" + itoa(int64(k)) + "], from boundary " + itoa(off) + ": " + f.endName
	}
	if f.warmup > 0 {
		f.warmup += off
	}
	if off > 0 {
		f.warmupName = "schedules[" + itoa(int64(k)) + "] starts at boundary " + itoa(off)
		if f.warmup == 0 {
			f.warmup = min(off, n)
		}
	}
	return f
}

// optaxJoinCode writes the children as optax calls in the list.
func optaxJoinCode(w *pyWriter, s *Schedule, steps int64) {
	w.set("children", optaxChildCalls(s.args["schedules"].([]*Schedule)), "bounds", pyValue(s.kind.Param("boundaries"), s.args["boundaries"]))
	w.put(`import optax

schedule = optax.{name}(
    schedules=[
{children}    ],
    boundaries={bounds},
)

# An optimizer given learning_rate=schedule uses schedule(count) at update count.
lrs = [float(schedule(step)) for step in range({n})]
print(lrs)
`)
}

// optaxChildCalls writes each child as a call of its optax function, its
// arguments one a line, for a list.
func optaxChildCalls(children []*Schedule) string {
	var b []byte
	for _, ch := range children {
		_, name, _ := strings.Cut(ch.kind.Name, ".")
		b = append(b, "        optax."+name+"(\n"...)
		for i := range ch.kind.Params {
			p := &ch.kind.Params[i]
			b = append(b, "            "+p.Name+"="+pyValue(p, ch.args[p.Name])+",\n"...)
		}
		b = append(b, "        ),\n"...)
	}
	return string(b)
}

// pyChildren writes a composition's children on one line, as a list of
// calls of their functions by their framework's module name:
// [optax.<name>(...), ...].
func pyChildren(children []*Schedule) string {
	return formatList(len(children), func(i int) string {
		ch := children[i]
		s := ch.kind.Name + "("
		for j := range ch.kind.Params {
			p := &ch.kind.Params[j]
			if j > 0 {
				s += ", "
			}
			s += p.Name + "=" + pyValue(p, ch.args[p.Name])
		}
		return s + ")"
	})
}

// optaxJoinTarget writes a linear warmup and a linear or polynomial decay
// (a stable phase its transition_begin) as join_schedules of two of optax's
// schedules, as optax's own warmup schedules are built.
func optaxJoinTarget(sh *shape) ([]candidate, []string) {
	if !isInt(sh.length) {
		return nil, []string{"optax's transition_steps is a whole number of steps, not " + formatFloat(sh.length)}
	}
	warm := `{"kind":"` + optaxLinearKind.Name + `","init_value":` + formatFloat(sh.start) + `,"end_value":` + formatFloat(sh.peak) +
		`,"transition_steps":` + itoa(sh.warmup) + `}`
	decay := `{"kind":"` + optaxLinearKind.Name + `"`
	if sh.form == shapePoly {
		decay = `{"kind":"` + optaxPolynomialKind.Name + `","power":` + formatFloat(sh.power)
	}
	decay += `,"init_value":` + formatFloat(sh.peak) + `,"end_value":` + formatFloat(sh.floor) + `,"transition_steps":` +
		itoa(int64(sh.length)) + `,"transition_begin":` + itoa(sh.stable) + `}`
	return []candidate{spec(optaxJoinKind, "schedules", childSpecs{[]byte(warm), []byte(decay)}, "boundaries", []int64{sh.warmup})}, nil
}
