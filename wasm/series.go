package main

import (
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core"
)

// Series is one curve of a view with several: a kind whose parameters are
// fixed or bound to one of the view's variables. The same variable may
// feed parameters of different names in different kinds (lr, init_value,
// start_value), which is how one set of numbers reaches every framework.
type Series struct {
	Label string
	Kind  *core.Kind
	Fixed map[string]string // parameter → text
	Bind  map[string]string // parameter → variable; "steps" is the run length
}

// Curve is a drawable series: its label and schedule.
type Curve struct {
	Label string
	Sched *core.Schedule
}

// Curves turns the state into schedules and a run length, or the problems
// that prevent it, each placed beside the control it concerns when it has
// one.
func (st State) Curves() ([]Curve, int64, []Problem) {
	if st.Series == nil {
		s, steps, problems := st.Spec()
		if len(problems) > 0 {
			return nil, 0, problems
		}
		return []Curve{{Label: st.Kind.Name, Sched: s}}, steps, nil
	}
	var problems []Problem
	steps, err := parseSteps(st.Steps)
	if err != nil {
		problems = append(problems, Problem{"steps", message(err)})
	}
	for _, v := range st.Vars {
		if _, err := v.ParseText(st.Values[v.Name]); err != nil {
			problems = append(problems, Problem{v.Name, message(err)})
		}
	}
	units, unitsProblems := st.units()
	problems = append(problems, unitsProblems...)
	if len(problems) > 0 {
		return nil, 0, problems
	}
	curves := make([]Curve, 0, len(st.Series))
	for _, se := range st.Series {
		s, err := st.schedule(se, steps, units)
		if err != nil {
			problems = append(problems, se.problem(err))
			continue
		}
		curves = append(curves, Curve{Label: se.Label, Sched: s})
	}
	if len(problems) > 0 {
		return nil, 0, problems
	}
	return curves, steps, nil
}

// schedule builds one series of the state for a run of steps.
func (st State) schedule(se Series, steps int64, units core.Units) (*core.Schedule, error) {
	fields := map[string]any{}
	for _, p := range se.Kind.Params {
		text, ok := se.Fixed[p.Name]
		if v, bound := se.Bind[p.Name]; bound {
			text, ok = st.Values[v], true
			if v == "steps" {
				text = strconv.FormatInt(steps, 10)
			}
		} else if ok && se.hasTree(p.Name) {
			var err error
			if text, err = st.fill(se, p.Name, text, steps); err != nil {
				return nil, err
			}
		}
		if !ok {
			continue
		}
		v, err := p.ParseText(text)
		if err != nil {
			return nil, err
		}
		fields[p.Name] = v
	}
	spec, err := se.Kind.Spec(fields)
	if err != nil {
		return nil, err
	}
	s, err := core.Parse(spec)
	if err == nil && units != core.DefaultUnits() {
		s, err = s.InUnits(units)
	}
	if err != nil {
		return nil, err
	}
	return s, s.CheckSteps(steps)
}

// problem places an error of se beside the control of the variable that
// feeds what it concerns, naming the parameter when it lies inside a list
// or a child; else it is the page's, naming the series.
func (se Series) problem(err error) Problem {
	e, ok := err.(*core.Error)
	if !ok {
		return Problem{"", se.Label + ": " + err.Error()}
	}
	v := se.varAt(e.Param)
	if v == "" || v == "steps" {
		return Problem{"", se.Label + ": " + err.Error()}
	}
	if se.Bind[e.Param] != v || strings.ContainsAny(e.Param, "[.") {
		return Problem{v, se.Label + ": " + e.Param + ": " + e.Msg}
	}
	return Problem{v, e.Msg}
}
