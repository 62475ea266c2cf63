package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core"
)

// stepsParam describes the run length as if it were a parameter, so that it
// gets a control like the others.
var stepsParam = core.Param{
	Name: "steps", Type: core.Int, Range: core.Range{Min: 1, Max: float64(maxPageSteps)},
	Doc:  "how many optimizer steps the run has: the chart's x axis",
	Hint: core.Hint{Min: stepsSlider.Min, Max: stepsSlider.Max, Step: 1, Log: true},
}

// rangeText says what a parameter accepts, under its name.
func rangeText(p *core.Param) string {
	switch p.Type {
	case core.Int:
		return "whole number " + p.Range.String()
	case core.Float:
		s := p.Range.String()
		if p.Nullable {
			s += ", empty for None"
		}
		return s
	case core.IntList:
		return "whole numbers " + p.Range.String() + ", separated by commas"
	case core.FloatList:
		return "numbers " + p.Range.String() + ", separated by commas"
	case core.PairList:
		return "step: value pairs, values " + p.Range.String() + ", separated by commas"
	}
	return ""
}

// displayValue writes a slider-derived value as the number box shows it.
func displayValue(p *core.Param, v float64) string {
	if p.Type == core.Int {
		return strconv.FormatInt(int64(v), 10)
	}
	return formatNumber(v)
}

// sliderValue parses a number box's text for positioning its slider.
func sliderValue(text string) (float64, bool) {
	v, err := strconv.ParseFloat(text, 64)
	return v, err == nil && !isNaNOrInf(v)
}

func isNaNOrInf(v float64) bool { return v != v || v > 1e308 || v < -1e308 }

// scaleFor is the slider of a numeric control.
func scaleFor(p *core.Param) Slider {
	if p == &stepsParam {
		return stepsSlider
	}
	return sliderFor(p)
}

// controlObject describes p's control for the page: its label, what it
// accepts, its doc, the text it holds, and its options or slider. brief
// keeps the doc's first clause, which says what the parameter is; the
// rest (overflow bounds, what a framework refuses) is for the playground.
func controlObject(st State, p *core.Param, brief bool) object {
	value := st.Values[p.Name]
	if p == &stepsParam {
		value = st.Steps
	}
	doc := p.Doc
	if brief {
		doc = briefDoc(doc)
	}
	_, label := splitPath(p.Name)
	o := object{{"name", p.Name}, {"id", controlID(p.Name)}, {"label", label}, {"range", rangeText(p)}, {"doc", doc}, {"value", value}}
	if unitsParam(p.Name) != nil {
		o = append(o, field{"group", "units"})
	}
	switch p.Type {
	case core.Bool:
		return append(o, field{"type", "bool"})
	case core.Enum:
		return append(o, field{"type", "enum"}, field{"options", append([]string{}, p.Options...)})
	case core.IntList, core.FloatList, core.PairList:
		return append(o, field{"type", "text"})
	case core.Text, core.Schedules:
		return append(o, field{"type", "text"}, field{"multiline", true})
	}
	s := scaleFor(p)
	lo, hi, step := s.Attrs()
	position := ""
	if x, ok := sliderValue(value); ok {
		position = s.Position(x)
	}
	return append(o, field{"type", "number"},
		field{"slider", object{{"min", lo}, {"max", hi}, {"step", step}, {"position", position}}})
}

// briefDoc is a parameter doc's first clause: up to the first "; ", " ("
// or ". ", where the notes begin.
func briefDoc(doc string) string {
	cut := len(doc)
	for _, sep := range []string{"; ", " (", ". "} {
		if i := strings.Index(doc, sep); i >= 0 && i < cut {
			cut = i
		}
	}
	return doc[:cut]
}

// controlID is a control name as an element id: a path's brackets and dots
// become dashes ("schedulers[1].T_max" → "schedulers-1-T_max"); other
// names stay as they are.
func controlID(name string) string {
	if !strings.Contains(name, "[") {
		return name
	}
	return strings.NewReplacer("].", "-", "[", "-", "]", "", ".", "-").Replace(name)
}

// isKindPicker reports whether a control name is a child's kind picker.
func isKindPicker(name string) bool {
	prefix, leaf := splitPath(name)
	return prefix != "" && leaf == "kind"
}

// describeControl is p's control, or for a Schedules parameter its group:
// a phase per child with its index, its kind picker (the kinds the
// composition accepts), its own controls and which of move up, move down
// and remove apply, and whether a phase can be added.
func describeControl(st State, p *core.Param, brief bool) object {
	if p.Type != core.Schedules {
		return controlObject(st, p, brief)
	}
	prefix, name := splitPath(p.Name)
	doc := p.Doc
	if brief {
		doc = briefDoc(doc)
	}
	kids := st.childPrefixes(prefix, name)
	if depthOf(prefix) >= maxDepth {
		kids = nil
	}
	phases := make([]object, len(kids))
	for i, cp := range kids {
		var controls []object
		if k := st.nodeKind(cp); k != nil {
			inherited := st.inheritedAt(cp)
			for _, q := range k.Params {
				if !slices.Contains(inherited, q.Name) {
					q.Name = cp + q.Name
					controls = append(controls, describeControl(st, &q, brief))
				}
			}
		}
		path := strings.TrimSuffix(cp, ".")
		phases[i] = object{{"path", path}, {"id", controlID(path)}, {"index", i},
			{"kind", controlObject(st, st.kindPicker(cp), brief)}, {"controls", controls},
			{"up", i > 0}, {"down", i < len(kids)-1}, {"remove", len(kids) > 1}}
	}
	return object{{"name", p.Name}, {"id", controlID(p.Name)}, {"label", name}, {"range", ""}, {"doc", doc},
		{"value", ""}, {"type", "schedules"}, {"phases", phases}, {"add", len(kids) < maxChildren && depthOf(prefix) < maxDepth}}
}
