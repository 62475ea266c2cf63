package core

import (
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/internal/strs"
)

// Code returns a runnable Python snippet that reproduces the run of steps
// steps of s in framework, one of Frameworks() or a former name of one
// (LookupFramework); "" means the kind's own framework (PyTorch for the
// playground kind). The snippet builds the
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
	if fw := LookupFramework(framework); fw != "" {
		framework = fw
	}
	if framework == "" {
		framework = own
		if framework == "" {
			framework = "torch"
		}
	}
	if err := checkFramework(framework); err != nil {
		return "", err
	}
	w := pyWriter{vars: []string{"n", itoa(steps), "title", frameworkNamed(framework).title,
		"spec", specText(s), "convention", s.kind.Convention}}
	if framework == own {
		w.header()
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
		w.set("spec2", specText(ts), "note", t.Note, "convention", ts.kind.Convention)
		w.put("# LR Playground: a {n}-step run of\n# {spec}\n# in {title}:\n# {spec2}\n")
		w.comment("{note}.")
		w.comment("lrs[i] is the lr of step i: {convention}.")
		w.put("\n")
		kindCode(&w, ts, steps)
		return w.String(), nil
	}
	w.set("why", strings.TrimPrefix(t.Note, "no equivalent: "), "kind", s.kind.Name)
	if s.kind.compose != nil && s.kind.compose.compose(&w, s, steps, framework) {
		return w.String(), nil
	}
	return "", errorf("framework", w.expand("no {title} equivalent of this {n}-step run of {kind}: {why}"))
}

// specText is s's spec in full, defaults included.
func specText(s *Schedule) string {
	b, err := s.MarshalJSON()
	if err != nil {
		panic("core: a parsed spec cannot be written: " + err.Error()) // Parse admits finite values only
	}
	return string(b)
}

// pyWriter builds a Python snippet from templates: text in which {name}
// stands for the value last set for name. Snippets are templates, not
// concatenations and one call per line, because Go's WebAssembly backend
// turns each of those into hundreds of bytes of code; a template costs its
// text and one call.
type pyWriter struct {
	strings.Builder
	vars []string // name, value, name, value, ...
}

// set gives values to names for the templates written after: set(name,
// value, name, value, ...).
//
//go:noinline
func (w *pyWriter) set(kv ...string) { w.vars = append(w.vars, kv...) }

// get returns the value last set for name.
func (w *pyWriter) get(name string) string {
	for i := len(w.vars) - 2; i >= 0; i -= 2 {
		if w.vars[i] == name {
			return w.vars[i+1]
		}
	}
	panic("core: a snippet template uses {" + name + "}, which is not set")
}

// expand returns tmpl with each {name} replaced by its value. Values are
// not expanded again.
func (w *pyWriter) expand(tmpl string) string {
	var b []byte
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			return string(append(b, tmpl...))
		}
		j := i + strings.IndexByte(tmpl[i:], '}')
		b = append(append(b, tmpl[:i]...), w.get(tmpl[i+1:j])...)
		tmpl = tmpl[j+1:]
	}
}

// put writes tmpl, expanded.
//
//go:noinline
func (w *pyWriter) put(tmpl string) { w.WriteString(w.expand(tmpl)) }

// comment writes tmpl, expanded, as # comment lines of at most about 100
// characters.
func (w *pyWriter) comment(tmpl string) {
	line := "#"
	for _, word := range strings.Fields(w.expand(tmpl)) {
		if len(line) > 1 && len(line)+1+len(word) > 100 {
			w.WriteString(line + "\n")
			line = "#"
		}
		line += " " + word
	}
	w.WriteString(line + "\n")
}

// header introduces a snippet in the kind's own framework.
func (w *pyWriter) header() {
	w.put("# LR Playground: a {n}-step run of\n# {spec}\n")
	w.comment("lrs[i] is the lr of step i: {convention}.")
	w.put("\n")
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
		return pyTrueFalse(v)
	case string:
		if p.Type == Text {
			return v // a lambda, written as it is
		}
		return strs.Quote(v)
	case []int64:
		return formatList(len(v), func(i int) string { return itoa(v[i]) })
	case []float64:
		return formatList(len(v), func(i int) string { return pyFloatLiteral(v[i]) })
	case []stepValue:
		return pyPairs(p, v)
	case []*Schedule:
		return pyChildren(v)
	case int64:
		if p.Type == Float {
			return pyFloatLiteral(float64(v))
		}
		return itoa(v)
	case float64:
		if p.Type == Int {
			return itoa(int64(v))
		}
		return pyFloatLiteral(v)
	}
	panic("core: parameter " + p.Name + " holds no value Python can spell")
}

// pyPairs writes a PairList as the framework takes it: a dict {100: 0.1}
// where p.Dict, else a list of tuples [(100, 0.1)].
func pyPairs(p *Param, v []stepValue) string {
	if p.Dict {
		var b strings.Builder
		b.WriteString("{")
		for i, x := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(itoa(x.step) + ": " + pyFloatLiteral(x.value))
		}
		return b.String() + "}"
	}
	return formatList(len(v), func(i int) string { return "(" + itoa(v[i].step) + ", " + pyFloatLiteral(v[i].value) + ")" })
}

func pyTrueFalse(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// pyKeywords writes the keyword arguments name=value of s's parameters other
// than skip, one a line, in the kind's order, for {args} in a call.
func pyKeywords(s *Schedule, skip string) string {
	var b strings.Builder
	for i := range s.kind.Params {
		if p := &s.kind.Params[i]; p.Name != skip {
			b.WriteString("    " + p.Name + "=" + pyValue(p, s.args[p.Name]) + ",\n")
		}
	}
	return b.String()
}

// The parts of snippets that several share.
const (
	pyStandIn = `# A stand-in for your model's parameters.
params = [torch.nn.Parameter(torch.zeros(1))]
`
	// pyTorchLoop records the lr step i trains with, then steps the
	// optimizer and the scheduler: {step} is how the scheduler steps.
	pyTorchLoop = `
lrs = []
for step in range({n}):
    lrs.append(optimizer.param_groups[0]["lr"])  # the lr this step trains with
    optimizer.step()  # in training: forward pass and loss.backward() first
{step}print(lrs)
`
	pyStep = "    scheduler.step()\n"
)

// kindCode writes the body of a snippet for s in its own framework: the
// kind's code, with {args} (its keyword arguments but lr), {all_args},
// {name} (its name without the framework), {step} and {run} set.
func kindCode(w *pyWriter, s *Schedule, steps int64) {
	k := s.kind
	_, name, _ := strings.Cut(k.Name, ".")
	w.set("args", pyKeywords(s, "lr"), "all_args", pyKeywords(s, ""), "name", name, "step", pyStep, "run", w.get("n"))
	k.code(w, s, steps)
}

// torchStepCode writes a snippet that builds a PyTorch scheduler with fn
// (a template) on an SGD stand-in whose lr is the parameter lr, and steps
// it: PyTorch's schedulers, and those Hugging Face's functions build.
func torchStepCode(w *pyWriter, s *Schedule, fn, lr, comment string) {
	w.set("lr", pyFloatLiteral(s.args.float(lr)), "lr_comment", comment, "fn", w.expand(fn))
	w.put(pyStandIn + "optimizer = torch.optim.SGD(params, lr={lr}){lr_comment}\nscheduler = {fn}(\n    optimizer,\n{args})\n" + pyTorchLoop)
}
