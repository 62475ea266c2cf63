package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core"
)

// The playground's tools around the chart: the run's pitfalls with their
// fixes (core.Lint), the run as code (core.Code), the same curve in other
// frameworks (core.Translate) and reading a pasted constructor call
// (core.ImportCode). tools_api.go registers them, except in the wasm for
// embedding (built with -tags lean), whose linker then leaves them out.

// lintFn lists the pitfalls of what the view draws (its first curve):
//
//	{"findings": [{"code", "message", "steps": "(steps 20–149)", "fixLabel", "fix": {name: text}}],
//	 "areas": [[from, to, code], ...]}
//
// areas are the steps to shade, one per distinct range: findings over the
// same steps would stack into an opaque band.
func lintFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	curves, steps, problems := st.Curves()
	if len(problems) > 0 {
		return toJSON(object{{"findings", []object{}}, {"areas", []any{}}}), nil
	}
	findings, err := core.Lint(curves[0].Sched, steps)
	if err != nil {
		findings = nil
	}
	list := make([]object, len(findings))
	areas := []any{}
	for i, f := range findings {
		fix := map[string]string{}
		for name, value := range f.Fix {
			if p := param(st, name); p != nil {
				fix[name] = p.FormatValue(value)
			}
		}
		list[i] = object{{"code", f.Code}, {"message", f.Message}, {"steps", stepsText(f.From, f.To)},
			{"fixLabel", f.FixLabel}, {"fix", fix}}
		if !slices.ContainsFunc(findings[:i], func(g core.Finding) bool { return g.From == f.From && g.To == f.To }) {
			areas = append(areas, []any{f.From, f.To, f.Code})
		}
	}
	return toJSON(object{{"findings", list}, {"areas", areas}}), nil
}

func stepsText(from, to int64) string {
	if from == to {
		return "(step " + strconv.FormatInt(from, 10) + ")"
	}
	return "(steps " + strconv.FormatInt(from, 10) + "–" + strconv.FormatInt(to, 10) + ")"
}

// codeFn is the run as a Python snippet in a framework ("" for the kind's
// own): {"text"} or {"error"}.
func codeFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	fw, err := a.str(1)
	if err != nil {
		return nil, err
	}
	curves, steps, problems := st.Curves()
	if len(problems) > 0 {
		return toJSON(object{{"text", ""}}), nil
	}
	text, err := core.Code(curves[0].Sched, steps, fw)
	if err != nil {
		return toJSON(object{{"text", ""}, {"error", message(err)}}), nil
	}
	return toJSON(object{{"text", text}}), nil
}

// frameworksFn lists the frameworks code writes in.
func frameworksFn(args) (any, error) { return toJSON(core.Frameworks()), nil }

// translateFn lists the parameters that give the run's curve in each other
// framework: [{"framework", "kind", "label", "spec" (null when there is
// none), "note"}]. label names the curve when it is overlaid.
func translateFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	curves, steps, problems := st.Curves()
	if len(problems) > 0 {
		return toJSON([]object{}), nil
	}
	out := []object{}
	for _, tr := range core.Translate(curves[0].Sched, steps) {
		var spec any
		if tr.Spec != nil {
			spec = string(tr.Spec)
		}
		out = append(out, object{{"framework", tr.Framework}, {"kind", tr.Kind}, {"label", tr.Framework + ": " + tr.Kind},
			{"spec", spec}, {"note", tr.Note}})
	}
	return toJSON(out), nil
}

// importFn reads a constructor call pasted from a training script into the
// playground's state: {"state", "notes"}, or {"error"} with the state as
// it was. The run length and what describes the reader's run stay.
func importFn(a args) (any, error) {
	old, err := a.state(0)
	if err != nil {
		return nil, err
	}
	src, err := a.str(1)
	if err != nil {
		return nil, err
	}
	spec, notes, err := core.ImportCode(src)
	var s *core.Schedule
	if err == nil {
		s, err = core.Parse(spec)
	}
	if err != nil {
		return toJSON(object{{"error", err.Error()}}), nil
	}
	st := defaultState(s.Kind())
	for name, value := range s.Args() {
		if p := s.Kind().Param(name); p != nil {
			st.Values[name] = p.FormatValue(value)
		}
	}
	st = keepView(old, st)
	st.Steps = old.Steps
	return toJSON(object{{"state", st.stateObject()}, {"notes", strings.Join(notes, " ")}}), nil
}
