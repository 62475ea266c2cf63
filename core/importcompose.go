package core

import (
	"github.com/lrplay/lrplay/core/internal/python"
)

// Importing a composition: SequentialLR(optimizer, schedulers=[warmup,
// cosine], milestones=[500]) after warmup = LinearLR(optimizer, ...) and
// cosine = CosineAnnealingLR(optimizer, ...), or with the calls inline.

// composition returns, of a snippet's several scheduler calls, the last one
// that takes schedulers (the one the others feed), or nil.
func (im *importer) composition(calls []*python.CallExpr) *python.CallExpr {
	for i := len(calls) - 1; i >= 0; i-- {
		if sg := importSigOf(calls[i].Callee); sg != nil && sg.kind != nil && sg.kind.Param("schedulers") != nil {
			return calls[i]
		}
	}
	return nil
}

// children reads a composition's schedulers argument: a list of scheduler
// calls, or of names assigned one earlier in the snippet.
func (im *importer) children(p *Param, v *python.Value) (any, error) {
	if v.Kind != python.List {
		return nil, errorf(p.Name, v.Text+" is not a list of schedulers: write one, like "+p.Name+"=[warmup, cosine]")
	}
	if im.fed == nil {
		im.fed = map[string]bool{}
	}
	out := make(childSpecs, len(v.Elems))
	for i, el := range v.Elems {
		at := p.Name + listOpen + itoa(int64(i)) + listClose
		var call *python.CallExpr
		switch el.Kind {
		case python.Call:
			call = el.Call
		case python.Name:
			call = im.calls[el.Name]
			im.fed[el.Name] = true
		}
		if call == nil || importSigOf(call.Callee) == nil {
			return nil, errorf(at, el.Text+" is not a scheduler built in the snippet: build it before, as "+
				el.Text+" = LinearLR(optimizer, ...), or write the call in the list")
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

// allFed checks that every scheduler call of the snippet is the one read or
// one it was fed.
func (im *importer) allFed(found []python.Stmt) error {
	if len(found) < 2 {
		return nil
	}
	for _, st := range found {
		sg := importSigOf(st.Val.Call.Callee)
		if st.Target != "" && !im.fed[st.Target] && (sg == nil || sg.kind == nil || sg.kind.Param("schedulers") == nil) {
			return errorf("", "the code builds "+st.Target+" = "+lastName(st.Val.Call.Callee)+"(...), which no composition is given: paste one scheduler, or give it to the SequentialLR or ChainedScheduler")
		}
	}
	return nil
}
