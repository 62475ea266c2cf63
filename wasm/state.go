package main

import (
	"math"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/strs"
)

// defaultKind is the kind a page opens with when the URL names none.
const defaultKind = "playground"

// maxQueryBytes bounds the URL query the page reads; a longer one is refused whole.
const maxQueryBytes = 16 << 10

// maxPageSteps is the longest run the page draws: core's limit, since
// drawing costs the same at any length.
const maxPageSteps = core.MaxSteps

// State is everything a view shows, as text: what the controls hold and the
// URL query carries. Values are the text of each parameter's input, so a
// half-typed or invalid value survives until it is fixed.
type State struct {
	Kind   *core.Kind
	Values map[string]string // parameter (or variable) name → text
	Steps  string
	LogY   bool
	// XEpochs labels the x axis in epochs of the units' steps_per_epoch.
	XEpochs bool

	// Series, when set, replaces the one series of Kind: each draws its own
	// kind with parameters fixed or bound to a variable of Values, and Vars
	// are the variables' parameters (the controls). A tutorial overlays
	// curves this way; Kind is then the first series' kind.
	Series []Series
	Vars   []*core.Param
	// varFrom says where each of Vars comes from.
	varFrom []varRef
}

// varRef names the kind and parameter a variable's control is made from:
// the parameter itself (a labelled single curve), or a copy renamed and
// made required (a variable of series).
type varRef struct {
	kind, param string
	copied      bool
}

// Params are the parameters the state's controls edit, in order.
func (st State) Params() []*core.Param {
	if st.Series != nil {
		return st.Vars
	}
	return st.treeParams()
}

// Problem is something wrong with a parameter's value or the URL, to show
// beside the control it concerns ("" for the page as a whole).
type Problem struct {
	Param string
	Msg   string
}

// defaultState is a kind's example: its example spec and run length.
func defaultState(k *core.Kind) State {
	st := State{Kind: k, Values: map[string]string{}, Steps: strconv.FormatInt(k.ExampleSteps, 10)}
	st.setExample("", k)
	setDefaultUnits(st.Values)
	return st
}

// ParseQuery reads a view from a URL query (without "?"). What it cannot use
// it reports as a Problem and replaces by the kind's example value, so a bad
// link still opens a chart.
func ParseQuery(query string) (State, []Problem) {
	if len(query) > maxQueryBytes {
		return defaultState(core.LookupKind(defaultKind)), []Problem{{"", "the link's query is " + strconv.Itoa(len(query)) + " bytes, more than the " + strconv.Itoa(maxQueryBytes) + " read; showing the default schedule"}}
	}
	q, err := parseQuery(query)
	var problems []Problem
	if err != nil {
		problems = append(problems, Problem{"", "the link's query is malformed (" + err.Error() + "); some values may be missing"})
	}
	kindName := defaultKind
	if v, ok := q["kind"]; ok && len(v) > 0 {
		kindName = v[0]
	}
	k := core.LookupKind(kindName)
	if k == nil {
		problems = append(problems, Problem{"kind", unknownKind(kindName) + "; showing " + defaultKind})
		k = core.LookupKind(defaultKind)
	}
	st := defaultState(k)
	last := map[string]string{}
	fields := map[string]any{}
	for key, vs := range q {
		last[key] = vs[len(vs)-1]
		fields[key] = last[key]
	}
	tree := treeFields(k, fields, func(param, msg string) { problems = append(problems, Problem{param, msg}) })
	done, more := st.applyTree(tree)
	for key := range last {
		if _, ok := fields[key]; !ok {
			done[key] = true // taken by treeFields
		}
	}
	problems = append(problems, more...)
	for _, key := range sortedKeys(q) {
		text := last[key]
		if done[key] {
			continue
		}
		switch key {
		case "kind":
		case "steps":
			if _, err := parseSteps(text); err != nil {
				problems = append(problems, Problem{"steps", err.Error() + "; using " + st.Steps})
				continue
			}
			st.Steps = text
		case "log":
			switch text {
			case "1", "true":
				st.LogY = true
			case "0", "false", "":
			default:
				problems = append(problems, Problem{"", "log: " + strconv.Quote(strs.Shorten(text)) + " is not 1 or 0; the lr axis stays linear"})
			}
		case "x":
			switch text {
			case "epoch":
				st.XEpochs = true
			case "step", "":
			default:
				problems = append(problems, Problem{"", "x: " + strconv.Quote(strs.Shorten(text)) + " is not step or epoch; the x axis counts steps"})
			}
		default:
			p := k.Param(key)
			if u := unitsParam(key); u != nil {
				p = u
			}
			if p == nil {
				problems = append(problems, Problem{"", "the link names " + strconv.Quote(strs.Shorten(key)) + ", which " + k.Name + " does not have" + suggestParam(k, key) + "; ignored"})
				continue
			}
			if _, err := p.ParseText(text); err != nil {
				problems = append(problems, Problem{key, message(err) + "; using " + orNone(st.Values[key])})
				continue
			}
			st.Values[key] = text
		}
	}
	more, failed := st.repair()
	problems = append(problems, more...)
	if failed != nil {
		// Values fine one by one may not be together (OneCycleLR's total_steps
		// shorter than the run): show the example and say why, as ParseConfig does.
		for _, pr := range failed {
			problems = append(problems, Problem{"", pr.Param + ": " + pr.Msg + "; showing the example of " + k.Name})
		}
		logY := st.LogY
		st = defaultState(k)
		st.LogY = logY
	}
	return st, problems
}

// unknownKind says that name is no kind, quoted (it may be anything a link
// or a page carried) and with the nearest kind when one is close.
func unknownKind(name string) string {
	return "unknown kind " + strconv.Quote(strs.Shorten(name)) + suggestKind(name)
}

// Query writes st as a URL query: the kind first, then every parameter that
// differs from the framework's default in the kind's order, the steps, and
// the log scale when on, so links stay short and readable. A parameter at
// the framework's default is still written when the kind's example, which
// ParseQuery fills in for a parameter left out, holds another value: the
// link must reopen what it shows.
func (st State) Query() string {
	out := "kind=" + queryEscape(st.Kind.Name)
	examples := map[string]map[string]string{}
	for _, p := range st.treeParams() {
		if p.Type == core.Schedules {
			continue
		}
		text := st.Values[p.Name]
		prefix, leaf := splitPath(p.Name)
		k := st.nodeKind(prefix)
		if leaf == "kind" || k == nil {
			out += "&" + queryEscape(p.Name) + "=" + queryEscape(text)
			continue
		}
		if examples[k.Name] == nil {
			examples[k.Name] = defaultState(k).Values
		}
		if !p.Required && examples[k.Name][leaf] == p.FormatValue(p.Default) {
			if v, err := p.ParseText(text); err == nil && p.FormatValue(v) == p.FormatValue(p.Default) {
				continue
			}
		}
		out += "&" + queryEscape(p.Name) + "=" + queryEscape(text)
	}
	out += "&steps=" + queryEscape(st.Steps)
	if !st.isDefaultUnits() {
		for _, p := range unitsParams {
			out += "&" + queryEscape(p.Name) + "=" + queryEscape(st.Values[p.Name])
		}
	}
	if st.LogY {
		out += "&log=1"
	}
	if st.XEpochs {
		out += "&x=epoch"
	}
	return out
}

// Spec turns the state into a spec and a run length. Each parameter whose
// text does not parse is a Problem; so is anything core.Parse rejects.
func (st State) Spec() (*core.Schedule, int64, []Problem) {
	var problems []Problem
	steps, err := parseSteps(st.Steps)
	if err != nil {
		problems = append(problems, Problem{"steps", message(err)})
	}
	spec := st.nodeSpec("", st.Kind, &problems)
	units, unitsProblems := st.units()
	problems = append(problems, unitsProblems...)
	if len(problems) > 0 {
		return nil, 0, problems
	}
	s, err := core.Parse(spec)
	if err == nil && units != core.DefaultUnits() {
		s, err = s.InUnits(units)
	}
	if err != nil {
		return nil, 0, []Problem{st.problemOf(err)}
	}
	if err := s.CheckSteps(steps); err != nil {
		return nil, 0, []Problem{st.problemOf(err)}
	}
	return s, steps, nil
}

// parseSteps reads the run length the page evaluates as core reads a
// parameter's text: decimal only (strconv alone would take "1_000" and
// "0x1p4"), blanks around it ignored.
func parseSteps(text string) (int64, error) {
	n, err := stepsParam.ParseText(text)
	if err != nil {
		return 0, &core.Error{Param: "steps", Msg: strconv.Quote(strs.Shorten(text)) + " is not a whole number in [1, " + strconv.FormatInt(maxPageSteps, 10) + "]"}
	}
	return n.(int64), nil
}

func isWhole(x float64) bool { return x == math.Trunc(x) && !math.IsInf(x, 0) }

// problemOf places an error beside the control of st it names, or the
// nearest one (see place).
func (st State) problemOf(err error) Problem {
	if e, ok := err.(*core.Error); ok {
		// A run refused at a step because of one parameter (a lambda's
		// ZeroDivisionError) names it first: the reason goes beside it.
		if name, rest, ok := strings.Cut(e.Msg, ": "); ok && e.Param == "steps" && name != "steps" && st.paramAt(name) != nil {
			return st.place(name, rest)
		}
		return st.place(e.Param, e.Msg)
	}
	return Problem{"", err.Error()}
}

// problemOf places an error beside the control it names.
func problemOf(err error) Problem {
	if e, ok := err.(*core.Error); ok {
		// A list's element or a child's parameter ("schedulers[1].T_max") is
		// shown beside the control of the parameter holding it, named.
		if i := strings.IndexAny(e.Param, "[."); i > 0 {
			return Problem{e.Param[:i], e.Param + ": " + e.Msg}
		}
		return Problem{e.Param, e.Msg}
	}
	return Problem{"", err.Error()}
}

// message is an error's text without the package prefix and parameter, for
// showing beside the parameter's own control.
func message(err error) string {
	if e, ok := err.(*core.Error); ok {
		return e.Msg
	}
	return err.Error()
}

func orNone(s string) string {
	if s == "" {
		return "None"
	}
	return s
}

func sortedKeys(q map[string][]string) []string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	strs.Sort(keys)
	return keys
}

// errString is an error that is just its text.
type errString string

func (e errString) Error() string { return string(e) }
