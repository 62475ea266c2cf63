package main

import (
	"errors"
	"strconv"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/strs"
)

// A State crosses to the page and back as a JSON object, which the page
// keeps and hands to every call about its view:
//
//	{"kind": "playground", "values": {"T_max": "130", ...}, "steps": "1000",
//	 "log": true, "x": "epoch",
//	 "series": [{"label": "...", "kind": "...", "fixed": {...}, "bind": {...}}],
//	 "vars": [{"name": "eta_max", "kind": "torch.CosineAnnealingLR", "param": "lr", "copied": true}]}
//
// "log" and "x" appear only when set, "series" and "vars" only for a view
// of several curves. Values are the text of each control, so that a
// half-typed value survives the trip.

// stateObject is st as the JSON object the page keeps.
func (st State) stateObject() object {
	o := object{{"kind", st.Kind.Name}, {"values", st.Values}, {"steps", st.Steps}}
	if st.LogY {
		o = append(o, field{"log", true})
	}
	if st.XEpochs {
		o = append(o, field{"x", "epoch"})
	}
	if st.Series != nil {
		series := make([]object, len(st.Series))
		for i, se := range st.Series {
			series[i] = object{{"label", se.Label}, {"kind", se.Kind.Name}, {"fixed", se.Fixed}, {"bind", se.Bind}}
		}
		vars := make([]object, len(st.Vars))
		for i, v := range st.Vars {
			ref := st.varFrom[i]
			vars[i] = object{{"name", v.Name}, {"kind", ref.kind}, {"param", ref.param}, {"copied", ref.copied}}
		}
		o = append(o, field{"series", series}, field{"vars", vars})
	}
	return o
}

// errState is the error for state text the page did not get from here.
var errState = errors.New("lrplay: the view's state is not one this page was given")

// parseState reads a State back from the page's JSON.
func parseState(text string) (State, error) {
	v, err := decodeJSON(text)
	if err != nil {
		return State{}, errors.New("lrplay: the view's state: " + err.Error())
	}
	m, ok := v.(map[string]any)
	if !ok {
		return State{}, errState
	}
	name, _ := m["kind"].(string)
	st := State{Kind: core.LookupKind(name), Values: map[string]string{}}
	if st.Kind == nil {
		return State{}, errors.New("lrplay: the view's state names no kind: " + strconv.Quote(strs.Shorten(name)))
	}
	st.Steps, ok = m["steps"].(string)
	if !ok || !stringMap(m["values"], st.Values) {
		return State{}, errState
	}
	st.LogY = m["log"] == true
	st.XEpochs = m["x"] == "epoch"
	series, ok := m["series"].([]any)
	if !ok {
		return st, nil
	}
	st.Series = []Series{}
	for _, item := range series {
		o, _ := item.(map[string]any)
		kind, _ := o["kind"].(string)
		label, _ := o["label"].(string)
		se := Series{Label: label, Kind: core.LookupKind(kind), Fixed: map[string]string{}, Bind: map[string]string{}}
		if se.Kind == nil || !stringMap(o["fixed"], se.Fixed) || !stringMap(o["bind"], se.Bind) {
			return State{}, errState
		}
		st.Series = append(st.Series, se)
	}
	if len(st.Series) == 0 {
		return State{}, errState
	}
	st.Kind = st.Series[0].Kind
	vars, _ := m["vars"].([]any)
	st.Vars = []*core.Param{}
	for _, item := range vars {
		o, _ := item.(map[string]any)
		name, _ := o["name"].(string)
		kind, _ := o["kind"].(string)
		param, _ := o["param"].(string)
		copied, _ := o["copied"].(bool)
		k := core.LookupKind(kind)
		if k == nil || paramOf(k, param) == nil || name == "" || (!copied && name != param) {
			return State{}, errState
		}
		p := paramOf(k, param)
		if copied {
			q := *p
			q.Name, q.Required, q.Nullable = name, true, false
			p = &q
		}
		st.Vars = append(st.Vars, p)
		st.varFrom = append(st.varFrom, varRef{k.Name, param, copied})
	}
	return st, nil
}

// stringMap copies a JSON object of strings into dst.
func stringMap(v any, dst map[string]string) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for k, x := range m {
		s, ok := x.(string)
		if !ok {
			return false
		}
		dst[k] = s
	}
	return true
}
