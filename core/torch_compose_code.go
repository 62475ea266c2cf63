package core

import "strings"

// The snippet and lint facts of PyTorch's compositions.

// torchComposedCode writes a snippet that builds each child scheduler on the
// optimizer in list order (nested compositions' children first), then the
// composition, and steps it.
func torchComposedCode(w *pyWriter, s *Schedule, steps int64) {
	w.set("lr", pyFloatLiteral(s.args.float("lr")))
	var b strings.Builder
	root := torchComposedBuild(&b, s, "scheduler")
	w.set("build", b.String(), "root", root)
	if s.CheckSteps(steps+1) != nil { // the step() after the run's last raises in PyTorch: skip it
		w.set("last", itoa(steps-1))
		w.set("step", w.expand("    if step < {last}:  # the next step() raises in PyTorch\n        scheduler.step()\n"))
	}
	w.put("import torch\n\n" + pyStandIn + "optimizer = torch.optim.SGD(params, lr={lr})\n{build}scheduler = {root}\n" + pyTorchLoop)
}

// torchComposedBuild writes the statements that build s's children, named
// name0, name1, ..., and returns the expression that builds s.
func torchComposedBuild(b *strings.Builder, s *Schedule, name string) string {
	children := s.args["schedulers"].([]*Schedule)
	names := make([]string, len(children))
	for i, ch := range children {
		names[i] = name + itoa(int64(i))
		call := ""
		if _, ok := ch.args["schedulers"].([]*Schedule); ok {
			call = torchComposedBuild(b, ch, names[i]+"_")
		} else {
			_, cls, _ := strings.Cut(ch.kind.Name, ".")
			call = "torch.optim.lr_scheduler." + cls + "(\n    optimizer,\n" + torchChildKeywords(ch) + ")"
		}
		b.WriteString(names[i] + " = " + call + "\n")
	}
	list := listOpen + strings.Join(names, listSep) + listClose
	if ms, ok := s.args["milestones"].([]int64); ok {
		return "torch.optim.lr_scheduler.SequentialLR(\n    optimizer,\n    schedulers=" + list +
			",\n    milestones=" + formatList(len(ms), func(i int) string { return itoa(ms[i]) }) + ",\n)"
	}
	// Positional: PyTorch 1.13's ChainedScheduler has no optimizer argument.
	return "torch.optim.lr_scheduler.ChainedScheduler(" + list + ")"
}

// torchChildKeywords writes a child's keyword arguments but lr, which is the
// optimizer's: lists as Python lists, text (a lambda) as it is.
func torchChildKeywords(s *Schedule) string {
	var b strings.Builder
	for i := range s.kind.Params {
		p := &s.kind.Params[i]
		if p.Name == "lr" {
			continue
		}
		v := s.args[p.Name]
		var text string
		switch x := v.(type) {
		case []int64:
			text = formatList(len(x), func(i int) string { return itoa(x[i]) })
		case []float64:
			text = formatList(len(x), func(i int) string { return pyFloatLiteral(x[i]) })
		case string:
			text = pyValue(p, v)
			if p.Type == Text {
				text = x
			}
		default:
			text = pyValue(p, v)
		}
		b.WriteString("    " + p.Name + "=" + text + ",\n")
	}
	return b.String()
}

// lintFacts describes a run of n steps for Lint: a composition with one
// stretch is its scheduler's facts; a SequentialLR's pitfalls at its
// milestones are in lintComposition.
func (c *torchComposed) lintFacts(ls lintSpec, n int64) lintFacts {
	if c.segs != nil && len(c.segs) == 1 {
		ch := c.children[c.segs[0].child]
		return ch.curve.lintFacts(lintSpec{k: ch.kind, a: ch.args}, n)
	}
	f := lintFacts{unit: "scheduler.step() calls", noMin: true}
	f.peak, f.peakName = c.lr, ls.v("lr")
	return f
}
