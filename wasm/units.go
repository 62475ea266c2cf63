package main

import (
	"strings"

	"github.com/lrplay/lrplay/core"
)

// unitsPrefix names the units' controls and URL keys ("units.stepping"),
// apart from kinds' parameters: torch.OneCycleLR has a steps_per_epoch of
// its own.
const unitsPrefix = "units."

// unitsParams are core's units parameters under their page names.
var unitsParams = func() []*core.Param {
	var out []*core.Param
	for _, p := range core.UnitsParams() {
		p.Name = unitsPrefix + p.Name
		out = append(out, &p)
	}
	return out
}()

// unitsParam is the units parameter a page name stands for, or nil.
func unitsParam(name string) *core.Param {
	if !strings.HasPrefix(name, unitsPrefix) {
		return nil
	}
	for _, p := range unitsParams {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// setDefaultUnits gives values the units' defaults: one optimizer step per
// scheduler call.
func setDefaultUnits(values map[string]string) {
	for _, p := range unitsParams {
		values[p.Name] = p.FormatValue(p.Default)
	}
}

// units reads the state's units, or the problem with them, placed at the
// control at fault.
func (st State) units() (core.Units, []Problem) {
	fields := map[string]any{}
	var problems []Problem
	for _, p := range unitsParams {
		text, ok := st.Values[p.Name]
		if !ok {
			continue
		}
		v, err := p.ParseText(text)
		if err != nil {
			problems = append(problems, Problem{p.Name, message(err)})
			continue
		}
		fields[strings.TrimPrefix(p.Name, unitsPrefix)] = v
	}
	if len(problems) > 0 {
		return core.Units{}, problems
	}
	u, err := core.NewUnits(fields)
	if err != nil {
		pr := problemOf(err)
		pr.Param = unitsPrefix + pr.Param
		return core.Units{}, []Problem{pr}
	}
	return u, nil
}

// isDefaultUnits reports whether the state's units are text for the defaults.
func (st State) isDefaultUnits() bool {
	u, problems := st.units()
	return problems == nil && u == core.DefaultUnits()
}
