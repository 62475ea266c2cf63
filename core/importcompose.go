package core

import (
	"github.com/lrplay/lrplay/core/internal/python"
)

// Importing a composition: SequentialLR(optimizer, schedulers=[warmup,
// cosine], milestones=[500]) after warmup = LinearLR(optimizer, ...) and
// cosine = CosineAnnealingLR(optimizer, ...), or with the calls inline;
// optax.join_schedules([warmup, decay], [100]) and ignite's
// ConcatScheduler likewise; sgdr_schedule's children as dicts of keyword
// arguments.

// takesSchedules reports whether k is a composition: it has a Schedules parameter.
func takesSchedules(k *Kind) bool {
	for _, p := range k.Params {
		if p.Type == Schedules {
			return true
		}
	}
	return false
}

// composition returns, of a snippet's several scheduler calls, the last one
// that takes schedulers (the one the others feed), or nil.
func (im *importer) composition(calls []*python.CallExpr) *python.CallExpr {
	for i := len(calls) - 1; i >= 0; i-- {
		if sg := importSigOf(calls[i].Callee); sg != nil && sg.kind != nil && takesSchedules(sg.kind) {
			return calls[i]
		}
	}
	return nil
}

// children reads a composition's schedules argument: a list (or tuple) of
// scheduler calls, or of names assigned one earlier in the snippet, or, for
// a kind whose import signature names a dictChild (sgdr_schedule), dicts of
// that constructor's keyword arguments. An error names the child:
// "schedulers[1].T_max".
func (im *importer) children(k *Kind, p *Param, v *python.Value) (any, error) {
	if len(k.imports) > 0 && k.imports[0].singleChild && (v.Kind == python.Name || v.Kind == python.Call) {
		v = &python.Value{Kind: python.List, Elems: []*python.Value{v}, Text: v.Text, Pos: v.Pos}
	}
	if v.Kind != python.List && v.Kind != python.Tuple {
		return nil, errorf(p.Name, v.Text+" is not a list of schedulers: write one, like "+p.Name+"=[warmup, cosine]")
	}
	dictChild := ""
	if len(k.imports) > 0 {
		dictChild = k.imports[0].dictChild
	}
	if im.fed == nil {
		im.fed = map[string]bool{}
	}
	out := make(childSpecs, len(v.Elems))
	for i, el := range v.Elems {
		at := p.Name + listOpen + itoa(int64(i)) + listClose
		var call *python.CallExpr
		switch {
		case dictChild != "" && el.Kind == python.Dict: // {"decay_steps": 1000, ...}: its keyword arguments
			call = &python.CallExpr{Callee: dictChild}
			for j, key := range el.Keys {
				call.Args = append(call.Args, python.Arg{Name: key, Val: el.Vals[j], Pos: el.Vals[j].Pos})
			}
		case dictChild != "" && el.Kind == python.Call && el.Call.Callee == "dict": // dict(decay_steps=1000, ...)
			call = &python.CallExpr{Callee: dictChild, Args: el.Call.Args}
		case el.Kind == python.Call:
			call = el.Call
		case el.Kind == python.Name:
			call = im.callBefore(el.Name, el.Pos)
			im.fed[el.Name] = true
		}
		if call == nil || importSigOf(call.Callee) == nil {
			if el.Kind != python.Name {
				return nil, errorf(at, el.Text+" is not a scheduler call LR Playground reads: write the call, or assign it to a name above")
			}
			example := "a scheduler's constructor call"
			if k.Framework == "PyTorch" {
				example = "LinearLR(optimizer, ...)"
			}
			return nil, errorf(at, el.Text+" is not a scheduler built in the snippet: build it above, as "+
				el.Text+" = "+example+", or write the call in the list")
		}
		was := im.child
		im.child = true
		spec, err := im.read(call)
		im.child = was
		if err != nil {
			if e, ok := err.(*Error); ok && e.Param != "" {
				return nil, errorf(at+"."+e.Param, e.Msg)
			}
			return nil, errorf(at, errText(err))
		}
		out[i] = spec
	}
	return out, nil
}

// callBefore is the call last assigned to name before pos, not the call
// being read (whose own statement assigns it), or nil.
func (im *importer) callBefore(name string, pos int) *python.CallExpr {
	sts := im.assigned[name]
	for i := len(sts) - 1; i >= 0; i-- {
		if c := sts[i].Val.Call; sts[i].Pos < pos && c != im.reading {
			return c
		}
	}
	return nil
}

// allFed checks that every scheduler call of the snippet is the one read or
// one it was fed.
func (im *importer) allFed(found []python.Stmt) error {
	if len(found) < 2 {
		return nil
	}
	for _, st := range found {
		sg := importSigOf(st.Val.Call.Callee)
		if st.Target != "" && !im.fed[st.Target] && (sg == nil || sg.kind == nil || !takesSchedules(sg.kind)) {
			return errorf("", "the code builds "+st.Target+" = "+lastName(st.Val.Call.Callee)+"(...), which no composition is given: paste one scheduler, or give it to the composition (SequentialLR, ChainedScheduler, join_schedules, ConcatScheduler)")
		}
	}
	return nil
}
