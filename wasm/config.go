package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/strs"
)

// Config is what a mounted view shows and offers: its state, which
// controls it shows, and the tutorial's extras. It comes from a
// data-lrplay attribute, lrplay.mount's argument or the embed page's query.
type Config struct {
	State    State
	Controls []string // the controls shown, in this order; "steps" is the run length
	Scrub    bool     // a step slider with a marker on the curve, filling data-bind="step", "lr", "T_cur"
	ScrubAt  int64    // where the scrubber starts: "scrub": <step> instead of true
	Play     bool     // a button that runs the scrubber through the run
	Pin      bool     // a button that keeps the first curve as it is now, for comparison
	Mean     bool     // each curve's mean lr below the chart

	Downloads bool // buttons that save the chart (PNG, SVG), the values (CSV, JSON) and the spec

	// Theme is the figure's colours: "light", "dark", "auto" (the reader's
	// system), or "" for the page's own, which the page works out.
	Theme string
}

// themes are the values "theme" takes.
var themes = []string{"light", "dark", "auto"}

// configKeys are the keys a configuration has besides parameters.
var configKeys = []string{"kind", "steps", "log", "controls", "scrub", "play", "pin", "mean", "downloads", "series", "vars", "label", "units", "x", "theme"}

// ParseConfig reads a view's configuration from its fields: JSON values
// (string, float64, bool, nil, []any, map[string]any) or, from a query,
// strings. What it cannot use is a Problem and falls back to the kind's
// example, so a mistyped embed still shows a chart and says what is wrong.
func ParseConfig(fields map[string]any) (Config, []Problem) {
	var cfg Config
	var problems []Problem
	bad := func(param, msg string) { problems = append(problems, Problem{param, msg}) }

	kindName := defaultKind
	if v, ok := fields["kind"]; ok {
		if s, ok := v.(string); ok {
			kindName = s
		} else {
			bad("kind", "kind must be a string such as \"torch.CosineAnnealingLR\"")
		}
	}
	k := core.LookupKind(kindName)
	if k == nil {
		bad("kind", unknownKind(kindName)+"; showing "+defaultKind)
		k = core.LookupKind(defaultKind)
	}
	cfg.State = defaultState(k)
	st := &cfg.State

	if v, ok := fields["steps"]; ok {
		text, err := fieldText(v)
		if err == nil {
			_, err = parseSteps(text)
		}
		if err != nil {
			bad("steps", message(err)+"; using "+st.Steps)
		} else {
			st.Steps = text
		}
	}
	if at, ok := fields["scrub"].(float64); ok {
		if !isWhole(at) || at < 0 {
			bad("", "scrub must be true, false or the step it starts at")
		}
		cfg.Scrub, cfg.ScrubAt = true, int64(max(at, 0))
		delete(fields, "scrub")
	}
	for _, flag := range []struct {
		key string
		to  *bool
	}{{"log", &st.LogY}, {"scrub", &cfg.Scrub}, {"play", &cfg.Play}, {"pin", &cfg.Pin}, {"mean", &cfg.Mean}, {"downloads", &cfg.Downloads}} {
		if v, ok := fields[flag.key]; ok {
			b, ok := fieldBool(v)
			if !ok {
				bad("", flag.key+" must be true or false")
			}
			*flag.to = b
		}
	}
	cfg.Play = cfg.Play && cfg.Scrub
	if x, ok := fields["x"]; ok {
		if x != "epoch" && x != "step" {
			bad("", `x must be "step" or "epoch"`)
		}
		st.XEpochs = x == "epoch"
	}
	if v, ok := fields["theme"]; ok {
		if t, _ := v.(string); slices.Contains(themes, t) {
			cfg.Theme = t
		} else {
			bad("", `theme must be "light", "dark" or "auto"; following the page`)
		}
	}
	// Units come as an object, as in a spec, or as "units.<name>" keys, as in a query.
	unitFields := map[string]any{}
	if u, ok := fields["units"]; ok {
		m, ok := u.(map[string]any)
		if !ok {
			bad("", "units must be an object such as {\"steps_per_epoch\": 390, \"stepping\": \"epoch\"}")
		}
		for k, v := range m {
			unitFields[unitsPrefix+k] = v
		}
	}
	for k, v := range fields {
		if strings.HasPrefix(k, unitsPrefix) {
			unitFields[k] = v
			delete(fields, k)
		}
	}
	for _, key := range sortedFields(unitFields) {
		p := unitsParam(key)
		if p == nil {
			bad("", "units have no field "+strconv.Quote(strs.Shorten(strings.TrimPrefix(key, unitsPrefix)))+"; ignored")
			continue
		}
		text, err := fieldText(unitFields[key])
		if err == nil {
			_, err = p.ParseText(text)
		}
		if err != nil {
			bad(key, message(err)+"; using "+st.Values[key])
			continue
		}
		st.Values[key] = text
	}

	if series, ok := fields["series"]; ok {
		problems = append(problems, cfg.parseSeries(series, fields["vars"])...)
	} else {
		if _, ok := fields["vars"]; ok {
			bad("", "vars is only for a configuration with series")
		}
		label, _ := fields["label"].(string)
		done, more := st.applyTree(treeFields(k, fields, bad))
		problems = append(problems, more...)
		for _, key := range sortedFields(fields) {
			if slices.Contains(configKeys, key) || done[key] {
				continue
			}
			p := k.Param(key)
			if p == nil {
				bad("", k.Name+" has no parameter "+strconv.Quote(strs.Shorten(key))+suggestParam(k, key)+"; ignored")
				continue
			}
			text, err := paramText(p, fields[key])
			if err == nil {
				_, err = p.ParseText(text)
			}
			if err != nil {
				bad(key, message(err)+"; using "+orNone(st.Values[key]))
				continue
			}
			st.Values[key] = text
		}
		if label != "" {
			st.Series = []Series{{Label: label, Kind: k, Bind: map[string]string{}}}
			for _, p := range k.Params {
				st.Series[0].Bind[p.Name] = p.Name
			}
			st.Vars = State{Kind: k}.Params()
			for _, p := range st.Vars {
				st.varFrom = append(st.varFrom, varRef{k.Name, p.Name, false})
			}
		}
	}
	more, failed := cfg.State.repair()
	problems = append(problems, more...)
	if failed != nil {
		// Values fine one by one may not be together: show the example and say why.
		for _, pr := range failed {
			problems = append(problems, Problem{"", pr.Param + ": " + pr.Msg + "; showing the example of " + k.Name})
		}
		cfg.State = defaultState(k)
	}
	controls, more := parseControls(fields["controls"], cfg.State)
	cfg.Controls = controls
	problems = append(problems, more...)
	return cfg, problems
}

// treeFields takes the children out of fields (a Schedules parameter's
// list of specs, or path keys as a query has them) as path keys and texts.
func treeFields(k *core.Kind, fields map[string]any, bad func(param, msg string)) map[string]string {
	q := map[string]string{}
	for key, v := range fields {
		if p := k.Param(key); p != nil && p.Type == core.Schedules {
			if s, ok := v.(string); ok { // the list as JSON text
				var err error
				if v, err = decodeJSON(s); err != nil {
					bad(key, "not a JSON list of specs: "+err.Error())
					delete(fields, key)
					continue
				}
			}
			if err := flattenChildren(key, v, q); err != nil {
				bad(key, err.Error()+"; using the example's")
			}
			delete(fields, key)
			continue
		}
		if strings.Contains(key, "[") {
			text, err := fieldText(v)
			if err != nil {
				bad(key, err.Error())
			} else {
				q[key] = text
			}
			delete(fields, key)
		}
	}
	return q
}

// parseSeries reads "series", a list of kinds with parameters that are
// numbers or "$variable", and "vars", the variables' starting values.
func (cfg *Config) parseSeries(series, vars any) []Problem {
	var problems []Problem
	bad := func(msg string) { problems = append(problems, Problem{"", msg}) }
	list, ok := series.([]any)
	if !ok || len(list) == 0 {
		bad("series must be a non-empty list of {\"kind\": ..., parameters} objects")
		return problems
	}
	varValues, _ := vars.(map[string]any)
	if vars != nil && varValues == nil {
		bad("vars must be an object of variable names and numbers")
	}
	st := &cfg.State
	units := map[string]string{}
	for _, p := range unitsParams {
		units[p.Name] = st.Values[p.Name]
	}
	st.Values = units
	st.Series, st.Vars, st.varFrom = nil, nil, nil
	for i, item := range list {
		obj, ok := item.(map[string]any)
		name, _ := obj["kind"].(string)
		k := core.LookupKind(name)
		if !ok || k == nil {
			bad("series " + strconv.Itoa(i+1) + ": unknown kind " + strconv.Quote(strs.Shorten(name)) + suggestKind(name))
			continue
		}
		se := Series{Label: k.Name, Kind: k, Fixed: map[string]string{}, Bind: map[string]string{}}
		if l, ok := obj["label"].(string); ok && l != "" {
			se.Label = l
		}
		// The variable's control is the first parameter it feeds, renamed:
		// a series' own numbers first, then its children's, then list
		// elements (a milestone has no slider range of its own).
		define := func(v, path string, k *core.Kind, p *core.Param) string {
			if v == "steps" || slices.ContainsFunc(st.Vars, func(q *core.Param) bool { return q.Name == v }) {
				return ""
			}
			start, ok := varValues[v]
			if !ok {
				return se.Label + ": " + path + " refers to $" + strs.Shorten(v) + ", which vars does not define"
			}
			text, err := fieldText(start)
			if err == nil {
				_, err = p.ParseText(text)
			}
			if err != nil {
				return "vars: " + v + ": " + message(err)
			}
			q := *p
			q.Name, q.Required, q.Nullable = v, true, false
			st.Vars = append(st.Vars, &q)
			st.varFrom = append(st.varFrom, varRef{k.Name, p.Name, true})
			st.Values[v] = text
			return ""
		}
		keys := sortedFields(obj)
		slices.SortStableFunc(keys, func(a, b string) int { return bindOrder(k, a) - bindOrder(k, b) })
		for _, key := range keys {
			if key == "kind" || key == "label" {
				continue
			}
			p := k.Param(key)
			if p == nil {
				bad(se.Label + " has no parameter " + strconv.Quote(strs.Shorten(key)) + suggestParam(k, key) + "; ignored")
				continue
			}
			if v, ok := varRefOf(obj[key]); ok {
				if msg := define(v, key, k, p); msg != "" {
					bad(msg)
					continue
				}
				se.Bind[key] = v
				continue
			}
			if l, ok := obj[key].([]any); ok && bindOrder(k, key) > 0 {
				if msgs := bindTree(&se, k, p, key, l, define); len(msgs) > 0 {
					for _, m := range msgs {
						bad(se.Label + ": " + m)
					}
					for path := range se.Bind {
						if strings.HasPrefix(path, key+"[") {
							delete(se.Bind, path)
						}
					}
					continue
				}
				if se.hasTree(key) { // checked as it is drawn, with the variables' values
					se.Fixed[key] = toJSON(treeJSON(l))
					continue
				}
			}
			text, err := paramText(p, obj[key])
			if err == nil {
				_, err = p.ParseText(text)
			}
			if err != nil {
				bad(se.Label + ": " + key + ": " + message(err))
				continue
			}
			se.Fixed[key] = text
		}
		st.Series = append(st.Series, se)
	}
	if len(st.Series) == 0 {
		*st = defaultState(core.LookupKind(defaultKind))
		return problems
	}
	st.Kind = st.Series[0].Kind
	return problems
}

// parseControls reads the list of controls to show: names as a list or a
// comma-separated string, or "all".
func parseControls(v any, st State) ([]string, []Problem) {
	var names []string
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		if v == "all" {
			names = append(names, "steps")
			for _, p := range st.Params() {
				names = append(names, p.Name)
			}
			return names, nil
		}
		for _, n := range strings.Split(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	case []any:
		for _, n := range v {
			s, ok := n.(string)
			if !ok {
				return nil, []Problem{{"", "controls must be a list of parameter names"}}
			}
			names = append(names, s)
		}
	default:
		return nil, []Problem{{"", "controls must be a list of parameter names"}}
	}
	var out []string
	var problems []Problem
	params := st.Params()
	unknown := 0
	for _, n := range names {
		known := n == "steps" || unitsParam(n) != nil || slices.ContainsFunc(params, func(p *core.Param) bool { return p.Name == n })
		switch {
		case !known:
			if unknown++; unknown <= maxUnknownControls {
				problems = append(problems, Problem{"", "no control named " + strconv.Quote(strs.Shorten(n)) + " for " + st.Kind.Name + suggestAmong(n, params)})
			}
		case !slices.Contains(out, n):
			out = append(out, n)
		}
	}
	if more := unknown - maxUnknownControls; more > 0 {
		problems = append(problems, Problem{"", "and " + strconv.Itoa(more) + " more names in controls that are no control of " + st.Kind.Name})
	}
	return out, problems
}

// maxUnknownControls is how many unknown control names are each said: a
// string of controls has no length limit, and an alert must stay readable.
const maxUnknownControls = 5

// fieldText is a configuration value as the text a control would hold.
func fieldText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case float64:
		if isWhole(v) && v > -1e15 && v < 1e15 {
			return strconv.FormatFloat(v, 'f', -1, 64), nil
		}
		return formatNumber(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case nil:
		return "", nil
	}
	return "", errString("must be a number, a string, true, false or null")
}

// paramText is fieldText for p: a list parameter also takes a JSON list
// of numbers ("milestones": [10, 20]), a children parameter its list of
// specs.
func paramText(p *core.Param, v any) (string, error) {
	if l, ok := v.([]any); ok {
		switch p.Type {
		case core.IntList, core.FloatList:
			return listText(l)
		case core.Schedules:
			return toJSON(treeJSON(l)), nil
		}
	}
	return fieldText(v)
}

// bindOrder ranks a series' parameter by when its variables are made:
// numbers (0), then children (1), then lists (2).
func bindOrder(k *core.Kind, name string) int {
	if p := k.Param(name); p != nil {
		switch p.Type {
		case core.Schedules:
			return 1
		case core.IntList, core.FloatList:
			return 2
		}
	}
	return 0
}

// listText writes a JSON list of numbers as a list control's text: "10, 20".
func listText(l []any) (string, error) {
	items := make([]string, len(l))
	for i, x := range l {
		if _, ok := x.(float64); !ok {
			return "", errString("a list must hold numbers")
		}
		items[i], _ = fieldText(x)
	}
	return strings.Join(items, ", "), nil
}

func fieldBool(v any) (bool, bool) {
	switch v {
	case true, "true", "1", "":
		return true, true
	case false, "false", "0", nil:
		return false, true
	}
	return false, false
}

func sortedFields(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	strs.Sort(keys)
	return keys
}

// suggestKind says which kind a misspelt name probably meant, as core does.
func suggestKind(name string) string {
	var names []string
	for _, k := range core.Kinds() {
		names = append(names, k.Name)
	}
	return didYouMean(name, names)
}

func suggestParam(k *core.Kind, name string) string {
	var names []string
	for _, p := range k.Params {
		names = append(names, p.Name)
	}
	return didYouMean(name, names)
}

func suggestAmong(name string, params []*core.Param) string {
	names := []string{"steps"}
	for _, p := range params {
		names = append(names, p.Name)
	}
	return didYouMean(name, names)
}

// didYouMean proposes the candidate that differs from name in case only,
// or by one letter, if there is one.
func didYouMean(name string, candidates []string) string {
	if s := core.Suggest(name, candidates); s != "" {
		return " (did you mean " + s + "?)"
	}
	return ""
}
