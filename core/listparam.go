package core

import (
	"strings"

	"github.com/lrplay/lrplay/core/internal/specjson"
	"github.com/lrplay/lrplay/internal/strs"
)

// The parameters that are not one number, flag or option: lists of numbers
// (milestones, boundaries), text (a lambda) and child schedules (a
// composition's phases).

// Limits on what one parameter may hold, so that a spec's work stays bounded.
const (
	maxListLen  = 1000 // elements of a list parameter
	maxTextLen  = 2000 // bytes of a Text parameter
	maxChildren = 16   // schedules a composition runs
)

// How lists are written for people: "[10, 20]", and a list element or a
// child's parameter is named "milestones[1]", "schedulers[0].T_max".
const (
	listOpen  = "["
	listClose = "]"
	listSep   = ", "
)

// rawJSON is the JSON text of an array or object value, which Parse hands
// to the parameters that take one.
type rawJSON []byte

// composite reports whether p takes an array (its value arrives as rawJSON).
func (p *Param) composite() bool {
	return p.Type == IntList || p.Type == FloatList || p.Type == Schedules || p.Type == PairList
}

// convertMore is convert for the lists, Text and Schedules.
func (p *Param) convertMore(v any) (any, error) {
	bad := func(why string) error {
		return errorf(p.Name, why+"; must be "+p.describe())
	}
	if p.Type == Text {
		s, ok := v.(string)
		if !ok {
			return nil, bad(describeJSON(v) + " is not a string")
		}
		if len(s) > maxTextLen {
			return nil, bad("text of " + itoa(int64(len(s))) + " bytes is longer than the " + itoa(maxTextLen) + " allowed")
		}
		return s, nil
	}
	r, ok := v.(rawJSON)
	if !ok {
		return nil, bad(describeJSON(v) + " is not a list")
	}
	elems, raw, err := specjson.DecodeArray(r)
	if err != nil {
		return nil, bad("not a JSON array")
	}
	limit := maxListLen
	if p.Type == Schedules {
		limit = maxChildren
	}
	if len(elems) > limit {
		return nil, bad("a list of " + itoa(int64(len(elems))) + " is longer than the " + itoa(int64(limit)) + " allowed")
	}
	switch p.Type {
	case PairList:
		return p.pairs(elems, raw)
	case Schedules:
		out := make(childSpecs, len(elems))
		for i, e := range elems {
			if e != specjson.Composite("an object") {
				return nil, errorf(p.Name+listOpen+itoa(int64(i))+listClose, describeJSON(e)+" is not a spec; each schedule is an object like {\"kind\": \"torch.LinearLR\", ...}")
			}
			out[i] = raw[i]
		}
		return out, nil
	case IntList:
		out := make([]int64, len(elems))
		for i, e := range elems {
			x, err := p.element(i, e)
			if err != nil {
				return nil, err
			}
			out[i] = x.(int64)
		}
		return out, nil
	}
	out := make([]float64, len(elems))
	for i, e := range elems {
		x, err := p.element(i, e)
		if err != nil {
			return nil, err
		}
		out[i] = x.(float64)
	}
	return out, nil
}

// element converts a list's i-th element as a number parameter named
// name[i] with the list's range.
func (p *Param) element(i int, v any) (any, error) {
	e := Param{Name: p.Name + listOpen + itoa(int64(i)) + listClose, Type: Float, Range: p.Range, Raises: p.Raises}
	if p.Type == IntList {
		e.Type = Int
	}
	return e.convert(v)
}

// parseTextMore is ParseText for the lists, Text and Schedules: a list as
// "10, 20" or "[10, 20]", children as their JSON array.
func (p *Param) parseTextMore(text string) (any, error) {
	switch p.Type {
	case Text:
		return p.convert(text)
	case Schedules:
		return p.convert(rawJSON(text))
	case PairList:
		return p.parsePairs(text)
	}
	body := strings.TrimSpace(text)
	if strings.HasPrefix(body, listOpen) && strings.HasSuffix(body, listClose) {
		body = strings.TrimSpace(body[1 : len(body)-1])
	}
	var b []byte
	b = append(b, listOpen...)
	if body != "" {
		for i, part := range strings.Split(body, ",") {
			part = strings.TrimSpace(part)
			if !strs.IsDecimal(part) {
				return nil, errorf(p.Name, strs.Quote(strs.Shorten(part))+" (element "+itoa(int64(i))+") is not a number; must be "+p.describe())
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, part...)
		}
	}
	b = append(b, listClose...)
	return p.convert(rawJSON(b))
}

// formatList writes n elements as "[a, b, c]".
func formatList(n int, elem func(i int) string) string {
	var b strings.Builder
	b.WriteString(listOpen)
	for i := range n {
		if i > 0 {
			b.WriteString(listSep)
		}
		b.WriteString(elem(i))
	}
	b.WriteString(listClose)
	return b.String()
}

// appendParamValue writes a parameter value as JSON: what
// specjson.AppendValue writes, and the lists and children.
func appendParamValue(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case []float64:
		b = append(b, listOpen...)
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			var ok bool
			if b, ok = specjson.AppendValue(b, x); !ok {
				return b, false
			}
		}
		return append(b, listClose...), true
	case []int64:
		b = append(b, listOpen...)
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b, _ = specjson.AppendValue(b, x)
		}
		return append(b, listClose...), true
	case []stepValue:
		b = append(b, listOpen...)
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, listOpen...)
			b, _ = specjson.AppendValue(b, x.step)
			b = append(b, ',')
			var ok bool
			if b, ok = specjson.AppendValue(b, x.value); !ok {
				return b, false
			}
			b = append(b, listClose...)
		}
		return append(b, listClose...), true
	case []*Schedule:
		return appendChildren(b, v)
	case childSpecs:
		b = append(b, listOpen...)
		for i, c := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, c...)
		}
		return append(b, listClose...), true
	}
	return specjson.AppendValue(b, v)
}

// stepValue is one pair of a PairList: a step (a dict's key, a milestone)
// and the value from it.
type stepValue struct {
	step  int64
	value float64
}

// MarshalJSON writes the pair as a spec holds it: [step, value].
func (x stepValue) MarshalJSON() ([]byte, error) {
	b, _ := appendParamValue(nil, []stepValue{x})
	return b[1 : len(b)-1], nil
}

// pairStep is what a pair's step may be: any whole number a spec holds.
var pairStep = Range{Min: -maxInt, Max: maxInt}

// pairs converts a PairList's elements, each a JSON array [step, value];
// an error names the pair: "boundaries_and_scales[1]".
func (p *Param) pairs(elems []any, raw [][]byte) ([]stepValue, error) {
	out := make([]stepValue, len(elems))
	for i, e := range elems {
		name := p.Name + listOpen + itoa(int64(i)) + listClose
		bad := errorf(name, describeJSON(e)+" is not a [step, value] pair; must be "+p.describe())
		if e != specjson.Composite("an array") {
			return nil, bad
		}
		two, _, err := specjson.DecodeArray(raw[i])
		if err != nil || len(two) != 2 {
			return nil, bad
		}
		step, err := (&Param{Name: name, Type: Int, Range: pairStep}).convert(two[0])
		if err != nil {
			return nil, errorf(name, "its step "+err.(*Error).Msg)
		}
		value, err := (&Param{Name: name, Type: Float, Range: p.Range, Raises: p.Raises}).convert(two[1])
		if err != nil {
			return nil, errorf(name, "its value "+err.(*Error).Msg)
		}
		out[i] = stepValue{step.(int64), value.(float64)}
	}
	return out, nil
}

// parsePairs is ParseText for a PairList: "100: 0.1, 200: 0.01", in braces
// or not, as a Python dict is written, or the JSON form [[100, 0.1], [200,
// 0.01]]; "" is None where p is Nullable, else no pairs.
func (p *Param) parsePairs(text string) (any, error) {
	body := strings.TrimSpace(text)
	if p.Nullable && (body == "" || body == "None" || body == "null") {
		return nil, nil
	}
	if strings.HasPrefix(body, listOpen) {
		return p.convert(rawJSON(body))
	}
	if strings.HasPrefix(body, "{") && strings.HasSuffix(body, "}") {
		body = strings.TrimSpace(body[1 : len(body)-1])
	}
	var b []byte
	b = append(b, listOpen...)
	if body != "" {
		for i, part := range strings.Split(body, ",") {
			step, value, ok := strings.Cut(part, ":")
			step, value = strings.TrimSpace(step), strings.TrimSpace(value)
			if !ok || !strs.IsDecimal(step) || !strs.IsDecimal(value) {
				return nil, errorf(p.Name, strs.Quote(strs.Shorten(strings.TrimSpace(part)))+" (pair "+itoa(int64(i))+
					") is not step: value; must be pairs like 100: 0.1, 200: 0.01")
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = append(append(append(append(append(b, listOpen...), step...), ','), value...), listClose...)
		}
	}
	b = append(b, listClose...)
	return p.convert(rawJSON(b))
}

// formatPairs writes pairs as parsePairs reads them: "100: 0.1, 200:
// 0.01", or "{}" for none.
func formatPairs(v []stepValue) string {
	if len(v) == 0 {
		return "{}"
	}
	var b strings.Builder
	for i, x := range v {
		if i > 0 {
			b.WriteString(listSep)
		}
		b.WriteString(itoa(x.step) + ": " + formatFloat(x.value))
	}
	return b.String()
}
