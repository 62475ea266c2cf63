package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/strs"
)

// A series' list and children parameters may hold variables too: in
//
//	"schedulers": [{"kind": "torch.LinearLR", "total_iters": "$warmup"}, ...],
//	"milestones": ["$warmup"]
//
// the value is kept as JSON text in Fixed, "$warmup" and all, and Bind
// maps each place a variable fills, named by its path as core names it in
// errors ("schedulers[0].total_iters", "milestones[0]"), to the variable.
// Drawing writes the variables' values into the text (fill); an error at
// such a path goes beside the variable's control (varAt). There are no
// expressions: a value derived from others (a cosine's T_max = steps −
// warmup) is a variable of its own, and the reader sees what a mismatch
// does.

// varDefiner makes a variable's control from the parameter at path it is
// first found to feed, of kind k; it reports what is wrong with the
// variable as a message.
type varDefiner func(name, path string, k *core.Kind, p *core.Param) string

// bindTree reads the value v of a list or children parameter p of kind k
// at path: each "$name" it holds is bound in se, and define makes its
// control. It returns what is wrong, each as a message.
func bindTree(se *Series, k *core.Kind, p *core.Param, path string, v any, define varDefiner) []string {
	list, ok := v.([]any)
	if !ok {
		return nil // not a list: ParseText says why
	}
	var bad []string
	for i, item := range list {
		at := path + "[" + strconv.Itoa(i) + "]"
		if ref, ok := varRefOf(item); ok {
			if p.Type != core.IntList && p.Type != core.FloatList {
				bad = append(bad, at+": $"+strs.Shorten(ref)+" can stand for a number only")
				continue
			}
			if msg := define(ref, at, k, elemParam(p)); msg != "" {
				bad = append(bad, msg)
				continue
			}
			se.Bind[at] = ref
			continue
		}
		obj, ok := item.(map[string]any)
		if !ok || p.Type != core.Schedules {
			continue
		}
		name, _ := obj["kind"].(string)
		ck := core.LookupKind(name)
		for _, key := range sortedFields(obj) {
			x := obj[key]
			cp := (*core.Param)(nil)
			if ck != nil {
				cp = ck.Param(key)
			}
			if ref, ok := varRefOf(x); ok {
				switch {
				case cp == nil:
					bad = append(bad, at+"."+key+": $"+strs.Shorten(ref)+" feeds no parameter of "+strconv.Quote(strs.Shorten(name)))
				case cp.Type != core.Float && cp.Type != core.Int:
					bad = append(bad, at+"."+key+": $"+strs.Shorten(ref)+" can stand for a number only")
				default:
					if msg := define(ref, at+"."+key, ck, cp); msg != "" {
						bad = append(bad, msg)
					} else {
						se.Bind[at+"."+key] = ref
					}
				}
				continue
			}
			if cp != nil && (cp.Type == core.Schedules || cp.Type == core.IntList || cp.Type == core.FloatList) {
				bad = append(bad, bindTree(se, ck, cp, at+"."+key, x, define)...)
			}
		}
	}
	return bad
}

// varRefOf reads "$name".
func varRefOf(v any) (string, bool) {
	s, ok := v.(string)
	if !ok || !strings.HasPrefix(s, "$") {
		return "", false
	}
	return s[1:], true
}

// elemSuffix marks a list parameter's element where a variable's origin
// is named ("milestones[]"): the variable is one number of the list.
const elemSuffix = "[]"

// elemParam is a list parameter's element as a parameter of its own: a
// number in the list's range, named name + elemSuffix.
func elemParam(p *core.Param) *core.Param {
	q := *p
	q.Name += elemSuffix
	q.Type = core.Float
	if p.Type == core.IntList {
		q.Type = core.Int
	}
	return &q
}

// paramOf is the parameter a variable's origin names: a parameter of k,
// or the element of a list parameter ("milestones[]"); nil if none.
func paramOf(k *core.Kind, name string) *core.Param {
	list, elem := strings.CutSuffix(name, elemSuffix)
	p := k.Param(list)
	if !elem || p == nil {
		return p
	}
	if p.Type != core.IntList && p.Type != core.FloatList {
		return nil
	}
	return elemParam(p)
}

// treeJSON is a value read by decodeJSON as appendJSON writes it: its
// objects with their keys sorted.
func treeJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		o := make(object, 0, len(v))
		for _, k := range sortedFields(v) {
			o = append(o, field{k, treeJSON(v[k])})
		}
		return o
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = treeJSON(x)
		}
		return out
	}
	return v
}

// hasTree reports whether parameter name of se holds variables inside.
func (se Series) hasTree(name string) bool {
	for path := range se.Bind {
		if strings.HasPrefix(path, name+"[") {
			return true
		}
	}
	return false
}

// fill writes the variables' values into the JSON text of se's parameter
// name, at the paths Bind names.
func (st State) fill(se Series, name, text string, steps int64) (string, error) {
	v, err := decodeJSON(text)
	if err != nil {
		return "", &core.Error{Param: name, Msg: err.Error()}
	}
	var walk func(path string, v any) (any, error)
	walk = func(path string, v any) (any, error) {
		if ref, bound := se.Bind[path]; bound {
			return st.varValue(ref, steps)
		}
		switch v := v.(type) {
		case map[string]any:
			for _, k := range sortedFields(v) {
				x, err := walk(path+"."+k, v[k])
				if err != nil {
					return nil, err
				}
				v[k] = x
			}
		case []any:
			for i := range v {
				x, err := walk(path+"["+strconv.Itoa(i)+"]", v[i])
				if err != nil {
					return nil, err
				}
				v[i] = x
			}
		}
		return v, nil
	}
	if v, err = walk(name, v); err != nil {
		return "", err
	}
	return toJSON(treeJSON(v)), nil
}

// varValue is a variable's value as a number: "steps" is the run length.
func (st State) varValue(name string, steps int64) (any, error) {
	if name == "steps" {
		return steps, nil
	}
	i := slices.IndexFunc(st.Vars, func(p *core.Param) bool { return p.Name == name })
	if i < 0 {
		return nil, &core.Error{Param: name, Msg: "no such variable"}
	}
	return st.Vars[i].ParseText(st.Values[name])
}

// varAt is the variable whose control an error at path belongs beside:
// the one bound there, or the only one bound under path (every milestone
// of a list of them, every parameter of a child); "" if none.
func (se Series) varAt(path string) string {
	for p := path; p != ""; {
		if v, ok := se.Bind[p]; ok {
			return v
		}
		i := strings.LastIndexAny(p, "[.")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	found := ""
	for p, v := range se.Bind {
		if strings.HasPrefix(p, path+"[") || strings.HasPrefix(p, path+".") {
			if found != "" && found != v {
				return ""
			}
			found = v
		}
	}
	return found
}
