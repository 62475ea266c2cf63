package core

import (
	"strings"

	"github.com/lrplay/lrplay/core/internal/python"
)

// composite converts a list literal to a list parameter's value and a
// lambda to a Text parameter's, refuses other literals for those, and
// reports whether it handled v; ImportCode's value handles the rest (names
// and calls it cannot see, and every other parameter).
func (im *importer) composite(k *Kind, p *Param, v *python.Value) (any, bool, error) {
	literal := v.Kind != python.Name && v.Kind != python.Call && v.Kind != python.Other && !v.Calls && v.Unknown == ""
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
