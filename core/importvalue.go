package core

import (
	"math"
	"strings"

	"github.com/lrplay/lrplay/core/internal/python"
)

// composite converts a list literal to a list parameter's value and a
// lambda to a Text parameter's, refuses other literals for those, and
// reports whether it handled v; ImportCode's value handles the rest (names
// and calls it cannot see, and every other parameter).
func (im *importer) composite(k *Kind, p *Param, v *python.Value) (any, bool, error) {
	literal := v.Kind != python.Name && v.Kind != python.Call && v.Kind != python.Other && !v.Calls && v.Unknown == ""
	if p.Type == PairList && literal && v.Kind != python.None {
		x, err := im.pairs(k, p, v)
		return x, true, err
	}
	switch {
	case p.Type != IntList && p.Type != FloatList && p.Type != Text || !literal:
		return nil, false, nil
	case v.Kind == python.List && (p.Type == IntList || p.Type == FloatList):
		e := &Param{Type: Int}
		if p.Type == FloatList {
			e.Type = Float
		}
		ints := make([]int64, 0, len(v.Elems))
		floats := make([]float64, 0, len(v.Elems))
		for i, el := range v.Elems {
			e.Name = p.Name + listOpen + itoa(int64(i)) + listClose
			x, err := im.value(k, e, el)
			if err != nil {
				return nil, true, err
			}
			switch x := x.(type) {
			case int64:
				ints = append(ints, x)
				floats = append(floats, float64(x))
			case float64:
				floats = append(floats, x)
			default:
				return nil, true, errorf(e.Name, el.Text+" is not a number")
			}
		}
		if p.Type == FloatList {
			return floats, true, nil
		}
		if len(ints) < len(v.Elems) {
			return floats, true, nil // Parse says which element is not whole
		}
		return ints, true, nil
	case v.Kind == python.LambdaExpr && p.Type == Text:
		if !strings.HasPrefix(strings.TrimLeft(v.Text, "( \n"), "lambda") {
			// A name assigned the lambda: its own text, constants written in.
			if _, err := python.CompileLambda(v.Str, nil); err != nil {
				return nil, true, errorf(p.Name, v.Text+" = "+v.Str+": "+errText(pyError(err)))
			}
			return v.Str, true, nil
		}
		// Compiled in place, so that an error points into the snippet.
		blank := []byte(im.src[:v.Pos])
		for i, c := range blank {
			if c != '\n' {
				blank[i] = ' '
			}
		}
		if _, err := python.CompileLambda(string(blank)+v.Text, v.Consts); err != nil {
			return nil, true, errorf(p.Name, errText(pyError(err)))
		}
		return v.Str, true, nil
	case p.Type == Text:
		return nil, true, errorf(p.Name, v.Text+" is not a lambda: write one, like "+p.Name+"="+strings.Trim(importExample(k, p), "'\""))
	}
	return nil, true, errorf(p.Name, v.Text+" is not a list of numbers: write one, like "+p.Name+"="+importExample(k, p))
}

// pairs converts a dict {step: value} (a PairList with Dict, optax's
// boundaries_and_scales) or a list or tuple of (step, value) tuples
// (ignite's milestones_values) to a PairList's value, in the order written:
// the kind's build does what Python does with repeated keys and order.
// What the framework refuses is refused with its words.
func (im *importer) pairs(k *Kind, p *Param, v *python.Value) (any, error) {
	like := p.Name + "=" + importExample(k, p)
	var steps, values []*python.Value
	switch {
	case p.Dict && v.Kind == python.Dict && len(v.Keys) == 0:
	case p.Dict && v.Kind == python.NumDict:
		steps, values = v.Elems, v.Vals
	case p.Dict:
		return nil, errorf(p.Name, v.Text+" is not a dict of {step: value}: write one, like "+like)
	case v.Kind == python.List || v.Kind == python.Tuple:
		for _, e := range v.Elems {
			if e.Kind != python.Tuple || len(e.Elems) != 2 {
				return nil, errorf(p.Name, e.Text+" is not a (step, value) tuple: ignite raises ValueError: "+
					"Argument milestones_values should be a list of pairs (milestone, param_value)")
			}
			steps, values = append(steps, e.Elems[0]), append(values, e.Elems[1])
		}
	default:
		return nil, errorf(p.Name, v.Text+" is not a list of (step, value) tuples: write one, like "+like)
	}
	out := make([]stepValue, len(steps))
	for i := range steps {
		name := p.Name + listOpen + itoa(int64(i)) + listClose
		s := steps[i]
		switch {
		case s.Kind == python.Int:
			out[i].step = s.Int
		case s.Kind == python.Bool && s.Bool:
			out[i].step = 1
		case s.Kind == python.Bool:
		case s.Kind == python.Float && !p.Dict:
			return nil, errorf(name, "its step "+s.Text+" is a float: ignite raises TypeError: Value of a milestone "+
				"should be integer, but given <class 'float'>")
		case s.Kind == python.Float && s.Float == math.Trunc(s.Float) && math.Abs(s.Float) <= maxInt:
			out[i].step = int64(s.Float)
		case s.Kind == python.Float:
			return nil, errorf(name, "its step "+s.Text+" is not a whole number of steps")
		default:
			x, err := im.value(k, &Param{Name: name, Type: Int, Range: pairStep}, s)
			if err != nil {
				return nil, err
			}
			if _, ok := x.(int64); !ok {
				return nil, errorf(name, "its step "+s.Text+" is not a whole number")
			}
			out[i].step = x.(int64)
		}
		x, err := im.value(k, &Param{Name: name, Type: Float, Range: p.Range}, values[i])
		if err != nil {
			return nil, err
		}
		switch x := x.(type) {
		case float64:
			out[i].value = x
		case int64:
			out[i].value = float64(x)
		default:
			return nil, errorf(name, "its value "+values[i].Text+" is not a number")
		}
	}
	return out, nil
}
