package main

import (
	"errors"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/strs"
)

// The boundary: every function the page calls, by name. Each takes plain
// arguments (strings, numbers, booleans, nil; notPlain for anything else
// a caller passed) and returns plain data: JSON text, a []float64 (which
// crosses as one Float64Array), [][]byte (Uint8Arrays, for downloads), or a
// []any of those. An error, or a panic, reaches the page as a thrown Error.
// register_js.go publishes them; tools_api.go adds the playground's tools.
var api = map[string]func(args) (any, error){
	"evaluate":   evaluateFn,
	"kinds":      func(args) (any, error) { return kindsJSON, nil },
	"fromQuery":  fromQueryFn,
	"fromConfig": fromConfigFn,
	"fromEmbed":  fromEmbedFn,
	"controls":   controlsFn,
	"set":        setFn,
	"slide":      slideFn,
	"switchKind": switchKindFn,
	"edit":       editFn,
	"draw":       drawFn,
	"at":         atFn,
	"tooltip":    tooltipFn,
	"pin":        pinFn,
	"link":       linkFn,
	"download":   downloadFn,
	"collect":    collectFn,
}

// args are a call's arguments.
type args []any

// notPlain stands for an argument that is no string, number, boolean,
// null or undefined: an object, a function, a symbol or a BigInt.
type notPlain struct{}

func (a args) str(i int) (string, error) {
	if i < len(a) {
		if s, ok := a[i].(string); ok {
			return s, nil
		}
	}
	return "", errors.New("lrplay: argument " + strconv.Itoa(i+1) + " must be a string")
}

func (a args) num(i int) (float64, error) {
	if i < len(a) {
		if f, ok := a[i].(float64); ok {
			return f, nil
		}
	}
	return 0, errors.New("lrplay: argument " + strconv.Itoa(i+1) + " must be a number")
}

func (a args) flag(i int) bool { return i < len(a) && a[i] == true }

// state reads the argument i, a state the page was given.
func (a args) state(i int) (State, error) {
	text, err := a.str(i)
	if err != nil {
		return State{}, err
	}
	return parseState(text)
}

// evaluateFn is lrplay.evaluate(specJSON, steps): core.Evaluate's values.
func evaluateFn(a args) (any, error) {
	spec, ok1 := a.at(0).(string)
	steps, ok2 := a.at(1).(float64)
	if len(a) != 2 || !ok1 || !ok2 {
		return nil, errors.New("lrplay.evaluate(specJSON, steps) takes a JSON string and a number of steps")
	}
	if steps != math.Trunc(steps) || steps < 1 || steps > core.MaxEvaluateSteps {
		return nil, &core.Error{Param: "steps", Msg: strconv.FormatFloat(steps, 'g', -1, 64) + " is not a whole number in [1, " + strconv.Itoa(core.MaxEvaluateSteps) + "]"}
	}
	return core.Evaluate([]byte(spec), int(steps))
}

func (a args) at(i int) any {
	if i < len(a) {
		return a[i]
	}
	return nil
}

// problemList is problems as JSON: [{"param": ..., "message": ...}].
func problemList(problems []Problem) []object {
	out := make([]object, len(problems))
	for i, pr := range problems {
		out[i] = object{{"param", pr.Param}, {"message", pr.Msg}}
	}
	return out
}

// fromQueryFn is the playground's state from its URL query (without "?").
// Problems with the kind concern the selector, which shows none: they are
// the page's.
func fromQueryFn(a args) (any, error) {
	search, err := a.str(0)
	if err != nil {
		return nil, err
	}
	st, problems := ParseQuery(search)
	for i := range problems {
		if problems[i].Param == "kind" {
			problems[i].Param = ""
		}
	}
	return toJSON(object{{"state", st.stateObject()}, {"problems", problemList(problems)}}), nil
}

// fromConfigFn is a view's configuration from the JSON the page read from a
// data-lrplay attribute or lrplay.mount's argument. When the page could not
// read one, it passes "" and what went wrong, and the default is shown.
func fromConfigFn(a args) (any, error) {
	text, err := a.str(0)
	if err != nil {
		return nil, err
	}
	fields := map[string]any{}
	var problems []Problem
	if text == "" {
		if msg, _ := a.at(1).(string); msg != "" {
			problems = append(problems, Problem{"", msg})
		}
	} else {
		v, err := decodeJSON(text)
		if err != nil {
			return nil, err
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, errors.New("lrplay: a configuration must be an object")
		}
		fields = m
	}
	return configResult(fields, problems), nil
}

// fromEmbedFn is embed.html's configuration, wholly from its URL query.
func fromEmbedFn(a args) (any, error) {
	search, err := a.str(0)
	if err != nil {
		return nil, err
	}
	fields := map[string]any{}
	var problems []Problem
	if len(search) > maxQueryBytes {
		problems = append(problems, Problem{"", "the query is " + strconv.Itoa(len(search)) + " bytes, more than the " + strconv.Itoa(maxQueryBytes) + " read; showing the default schedule"})
	} else {
		q, err := parseQuery(search)
		if err != nil {
			problems = append(problems, Problem{"", "the query is malformed (" + err.Error() + "); some values may be missing"})
		}
		for k, vs := range q {
			fields[k] = vs[len(vs)-1]
		}
	}
	if _, ok := fields["downloads"]; !ok {
		fields["downloads"] = true // an embed offers its figure and numbers unless told not to
	}
	return configResult(fields, problems), nil
}

func configResult(fields map[string]any, problems []Problem) string {
	cfg, more := ParseConfig(fields)
	problems = append(problems, more...)
	return toJSON(object{
		{"state", cfg.State.stateObject()},
		{"controls", append([]string{}, cfg.Controls...)},
		{"scrub", cfg.Scrub}, {"scrubAt", cfg.ScrubAt}, {"play", cfg.Play},
		{"pin", cfg.Pin}, {"mean", cfg.Mean}, {"downloads", cfg.Downloads},
		{"theme", cfg.Theme}, {"problems", problemList(problems)},
	})
}

// controlsFn describes the controls of a state: those named (a JSON list),
// or with "" every one the playground shows. brief leaves the long notes
// on a parameter (overflow bounds, what a framework refuses) to the
// playground.
func controlsFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	list, err := a.str(1)
	if err != nil {
		return nil, err
	}
	names := allControls(st)
	if list != "" {
		if names, err = stringList(list); err != nil {
			return nil, err
		}
	}
	var out []object
	for _, name := range names {
		if p := param(st, name); p != nil {
			out = append(out, describeControl(st, p, a.flag(2)))
		}
	}
	return toJSON(out), nil
}

// stringList reads a JSON list of strings.
func stringList(text string) ([]string, error) {
	v, err := decodeJSON(text)
	list, ok := v.([]any)
	if err != nil || !ok {
		return nil, errors.New("lrplay: want a JSON list of names")
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, errors.New("lrplay: want a JSON list of names")
		}
		out = append(out, s)
	}
	return out, nil
}

// setFn puts text into a control (or turns "log" or "x" on and off, with
// "true" or "epoch"): the new state, where the control's slider goes ("" to
// leave it), and what is wrong with the state now.
func setFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	name, err := a.str(1)
	if err != nil {
		return nil, err
	}
	text, err := a.str(2)
	if err != nil {
		return nil, err
	}
	st, position, err := setValue(st, name, text)
	if err != nil {
		return nil, err
	}
	_, _, problems := st.Curves()
	r := object{{"state", st.stateObject()}, {"position", position}, {"problems", problemList(problems)}}
	if isKindPicker(name) {
		r = append(r, field{"rebuild", true}) // another kind: other controls
	}
	return toJSON(r), nil
}

// setValue is st with name's control holding text, and the position of
// its slider for that text ("" when it has none, or text is no number).
func setValue(st State, name, text string) (State, string, error) {
	st.Values = cloneValues(st.Values)
	switch name {
	case "log":
		st.LogY = text == "true"
		return st, "", nil
	case "x":
		st.XEpochs = text == "epoch"
		return st, "", nil
	}
	p := param(st, name)
	if p == nil {
		return st, "", errors.New("lrplay: " + st.Kind.Name + " has no control " + strconv.Quote(name))
	}
	switch {
	case p == &stepsParam:
		st.Steps = text
	case p.Type == core.Schedules:
		return st, "", errors.New("lrplay: " + name + " changes by its phases' controls")
	case isKindPicker(name):
		k := core.LookupKind(text)
		if k == nil || !slices.Contains(p.Options, k.Name) {
			return st, "", errors.New("lrplay: " + strconv.Quote(text) + " is no kind " + name + " may be")
		}
		prefix, _ := splitPath(name)
		return switchChild(st, prefix, k), "", nil
	default:
		st.Values[name] = text
	}
	position := ""
	if p.Type == core.Int || p.Type == core.Float {
		if x, ok := sliderValue(text); ok {
			position = scaleFor(p).Position(x)
		}
	}
	return st, position, nil
}

func cloneValues(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// slideFn moves a control's slider to a position: the new state, the text
// its box shows, and what is wrong with the state now.
func slideFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	name, err := a.str(1)
	if err != nil {
		return nil, err
	}
	position, err := a.num(2)
	if err != nil {
		return nil, err
	}
	p := param(st, name)
	if p == nil || (p.Type != core.Int && p.Type != core.Float) || math.IsNaN(position) {
		return nil, errors.New("lrplay: " + st.Kind.Name + " has no slider " + strconv.Quote(name))
	}
	text := displayValue(p, scaleFor(p).Value(position))
	st, _, err = setValue(st, name, text)
	if err != nil {
		return nil, err
	}
	_, _, problems := st.Curves()
	return toJSON(object{{"state", st.stateObject()}, {"text", text}, {"problems", problemList(problems)}}), nil
}

// switchKindFn is the playground's state for another kind: its example,
// with what describes the reader's run rather than the schedule kept.
func switchKindFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	name, err := a.str(1)
	if err != nil {
		return nil, err
	}
	k := core.LookupKind(name)
	if k == nil { // an option that is no kind: a tampered page
		problems := []Problem{{"", unknownKind(name) + "; still showing " + st.Kind.Name}}
		return toJSON(object{{"state", st.stateObject()}, {"problems", problemList(problems)}}), nil
	}
	return toJSON(object{{"state", keepView(st, defaultState(k)).stateObject()}, {"problems", []object{}}}), nil
}

// editFn is lrplay.edit(state, action, path): the state after adding a
// phase to a composition's Schedules parameter path ("schedulers"), or
// removing or moving up or down the phase at path ("schedulers[1]"), and
// what is wrong with it now. The page rebuilds its controls from it.
func editFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	action, err := a.str(1)
	if err != nil {
		return nil, err
	}
	path, err := a.str(2)
	if err != nil {
		return nil, err
	}
	if st.Series != nil {
		return nil, errors.New("lrplay: a view of several curves has no phases")
	}
	st, err = editPhases(st, action, path)
	if err != nil {
		return nil, err
	}
	_, _, problems := st.Curves()
	return toJSON(object{{"state", st.stateObject()}, {"problems", problemList(problems)}}), nil
}

// keepView carries what describes the reader's run rather than the
// schedule (the log axis, the units, the x axis) from old into st.
func keepView(old, st State) State {
	st.LogY, st.XEpochs = old.LogY, old.XEpochs
	for _, p := range unitsParams {
		if v, ok := old.Values[p.Name]; ok {
			st.Values[p.Name] = v
		}
	}
	return st
}

// linkFn is the state as the playground's URL query.
func linkFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	return st.Query(), nil
}

// allControls are the run length, every parameter of the state's kind
// and the units: the playground's controls.
func allControls(st State) []string {
	names := []string{"steps"}
	for _, p := range st.Params() {
		if prefix, _ := splitPath(p.Name); prefix == "" {
			names = append(names, p.Name) // a composition's children come with their group
		}
	}
	for _, p := range unitsParams {
		names = append(names, p.Name)
	}
	return names
}

// param is the parameter behind a control name of st, or nil.
func param(st State, name string) *core.Param {
	if name == "steps" {
		return &stepsParam
	}
	if p := unitsParam(name); p != nil {
		return p
	}
	if st.Series == nil {
		return st.paramAt(name)
	}
	for _, p := range st.Params() {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// summary names the values of the controls shown, to tell pinned curves apart.
func summary(st State, controls []string) string {
	var parts []string
	for _, name := range controls {
		if name != "steps" {
			parts = append(parts, name+"="+strs.Shorten(st.Values[name]))
		}
	}
	if len(parts) == 0 {
		return "steps=" + st.Steps
	}
	return strings.Join(parts, ", ")
}

// collectFn runs the garbage collector. The page calls it once its charts
// have settled, so that the next drag starts with the whole of the heap's
// growth allowance (GOGC, which lrplay.js raises) and collects, if at all,
// only after many redraws: a collection in the middle of a drag would take
// a frame or two.
func collectFn(args) (any, error) {
	runtime.GC()
	return nil, nil
}

// panicText says what a recovered panic value is, without fmt: runtime
// errors, errors, Stringers and strings say it themselves.
func panicText(r any) string {
	switch r := r.(type) {
	case error:
		return r.Error()
	case interface{ String() string }:
		return r.String()
	case string:
		return r
	}
	return "a panic with a value of another type"
}
