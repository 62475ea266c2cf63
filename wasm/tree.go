package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/strs"
)

// A composition's children live in the state's flat Values under paths, as
// core names them in its errors: "schedulers[1].kind" is the second
// child's kind, "schedulers[1].T_max" its T_max, and a composition inside
// it continues the path ("schedulers[1].schedulers[0].kind"). Every control,
// the URL query and every Problem use these names, so that a bad value in
// one child is a Problem beside that child's control while the other
// children keep theirs. A child's parameters leave out what it inherits
// from its composition (a torch scheduler's lr).

// maxDepth is how deep compositions nest on the page: a composition's child
// may be a composition whose children are not.
const maxDepth = 2

// childPrefix is the path of child i of the Schedules parameter name of the
// node at prefix, as its values' prefix: "schedulers[1].".
func childPrefix(prefix, name string, i int) string {
	return prefix + name + "[" + strconv.Itoa(i) + "]."
}

// splitPath cuts a control name into its node's prefix and the parameter:
// "schedulers[1].T_max" → "schedulers[1].", "T_max"; "lr" → "", "lr".
func splitPath(name string) (prefix, leaf string) {
	i := strings.LastIndex(name, "].")
	if i < 0 {
		return "", name
	}
	return name[:i+2], name[i+2:]
}

// parentOf reads a child's prefix: "a[0].schedulers[2]." → "a[0].", "schedulers", 2.
func parentOf(prefix string) (parent, param string, index int, ok bool) {
	body, found := strings.CutSuffix(prefix, "].")
	i := strings.LastIndex(body, "[")
	if !found || i < 0 {
		return "", "", 0, false
	}
	n, err := strconv.Atoi(body[i+1:])
	if err != nil || n < 0 || strconv.Itoa(n) != body[i+1:] {
		return "", "", 0, false
	}
	parent, param = splitPath(body[:i])
	return parent, param, n, true
}

// depthOf is how many compositions a prefix lies inside.
func depthOf(prefix string) int { return strings.Count(prefix, "].") }

// nodeKind is the kind of the node at prefix ("" for the state's own), or
// nil when it names none.
func (st State) nodeKind(prefix string) *core.Kind {
	if prefix == "" {
		return st.Kind
	}
	return core.LookupKind(st.Values[prefix+"kind"])
}

// childPrefixes are the children of the Schedules parameter name of the
// node at prefix: each index from 0 that has a kind.
func (st State) childPrefixes(prefix, name string) []string {
	var out []string
	for i := 0; ; i++ {
		cp := childPrefix(prefix, name, i)
		if _, ok := st.Values[cp+"kind"]; !ok {
			return out
		}
		out = append(out, cp)
	}
}

// inheritedAt names what the node at prefix takes from its composition.
func (st State) inheritedAt(prefix string) []string {
	parent, param, _, ok := parentOf(prefix)
	if !ok {
		return nil
	}
	if pk := st.nodeKind(parent); pk != nil {
		_, inherited := pk.ChildKinds(param)
		return inherited
	}
	return nil
}

// childKinds are the kinds the node at prefix may be: those its
// composition accepts, without compositions where nesting ends.
func (st State) childKinds(prefix string) []*core.Kind {
	parent, param, _, ok := parentOf(prefix)
	pk := st.nodeKind(parent)
	if !ok || pk == nil {
		return nil
	}
	kinds, _ := pk.ChildKinds(param)
	if depthOf(prefix) < maxDepth {
		return kinds
	}
	return slices.DeleteFunc(slices.Clone(kinds), isComposition)
}

func isComposition(k *core.Kind) bool {
	return slices.ContainsFunc(k.Params, func(p core.Param) bool { return p.Type == core.Schedules })
}

// kindPicker is the control that chooses the kind of the child at prefix.
func (st State) kindPicker(prefix string) *core.Param {
	_, param, i, _ := parentOf(prefix)
	var names []string
	for _, k := range st.childKinds(prefix) {
		names = append(names, k.Name)
	}
	return &core.Param{Name: prefix + "kind", Type: core.Enum, Options: names, Required: true,
		Doc: "the kind of " + param + " " + strconv.Itoa(i) + "; another kind starts from its example"}
}

// paramAt is the parameter behind a path-named control, with the path as
// its name, or nil.
func (st State) paramAt(name string) *core.Param {
	prefix, leaf := splitPath(name)
	if prefix == "" {
		return st.Kind.Param(name)
	}
	if _, ok := st.Values[prefix+"kind"]; !ok || depthOf(prefix) > maxDepth {
		return nil
	}
	if leaf == "kind" {
		return st.kindPicker(prefix)
	}
	k := st.nodeKind(prefix)
	if k == nil || slices.Contains(st.inheritedAt(prefix), leaf) {
		return nil
	}
	p := k.Param(leaf)
	if p == nil {
		return nil
	}
	q := *p
	q.Name = name
	return &q
}

// treeParams are every control of the state's schedule, depth first: each
// parameter, and after a Schedules parameter (the group) each child's kind
// picker and parameters.
func (st State) treeParams() []*core.Param {
	var out []*core.Param
	st.walk("", st.Kind, func(p *core.Param) { out = append(out, p) })
	return out
}

func (st State) walk(prefix string, k *core.Kind, visit func(*core.Param)) {
	inherited := st.inheritedAt(prefix)
	for i := range k.Params {
		p := &k.Params[i]
		if slices.Contains(inherited, p.Name) {
			continue
		}
		name := p.Name
		if prefix != "" {
			q := *p
			q.Name = prefix + name
			p = &q
		}
		visit(p)
		if p.Type != core.Schedules || depthOf(prefix) >= maxDepth {
			continue
		}
		for _, cp := range st.childPrefixes(prefix, name) {
			visit(st.kindPicker(cp))
			if ck := st.nodeKind(cp); ck != nil {
				st.walk(cp, ck, visit)
			}
		}
	}
}

// setNode makes the node at prefix a schedule s: its kind and every
// parameter's value, children included, after clearing what it held.
// The node's parameters it inherits are left out.
func (st State) setNode(prefix string, s *core.Schedule) {
	st.clearNode(prefix)
	k := s.Kind()
	if prefix != "" {
		st.Values[prefix+"kind"] = k.Name
	}
	inherited := st.inheritedAt(prefix)
	values := s.Args()
	for _, p := range k.Params {
		if slices.Contains(inherited, p.Name) {
			continue
		}
		if kids, ok := values[p.Name].([]*core.Schedule); ok {
			for i, c := range kids {
				st.setNode(childPrefix(prefix, p.Name, i), c)
			}
			continue
		}
		v, ok := values[p.Name]
		if !ok {
			v = p.Default
		}
		st.Values[prefix+p.Name] = p.FormatValue(v)
	}
}

// setExample makes the node at prefix k's example.
func (st State) setExample(prefix string, k *core.Kind) {
	if s, err := core.Parse([]byte(k.Example)); err == nil { // the kind table's tests keep examples valid
		st.setNode(prefix, s)
	}
}

// clearNode removes the values of the node at prefix ("" clears none: the
// state's own parameters stay, its children go with their parameter).
func (st State) clearNode(prefix string) {
	if prefix == "" {
		return
	}
	for key := range st.Values {
		if strings.HasPrefix(key, prefix) {
			delete(st.Values, key)
		}
	}
}

// nodeSpec writes the node at prefix as a spec, reading each value's text;
// what does not read is a Problem under its path.
func (st State) nodeSpec(prefix string, k *core.Kind, problems *[]Problem) []byte {
	inherited := st.inheritedAt(prefix)
	fields := map[string]any{}
	for _, p := range k.Params {
		if slices.Contains(inherited, p.Name) {
			continue
		}
		text := st.Values[prefix+p.Name]
		if p.Type == core.Schedules {
			text = st.childrenJSON(prefix, p.Name, problems)
		}
		v, err := p.ParseText(text)
		if err != nil {
			*problems = append(*problems, Problem{prefix + p.Name, message(err)})
			continue
		}
		fields[p.Name] = v
	}
	spec, err := k.Spec(fields)
	if err != nil {
		*problems = append(*problems, Problem{prefix + "kind", message(err)})
	}
	return spec
}

// childrenJSON is the JSON array of the children's specs.
func (st State) childrenJSON(prefix, name string, problems *[]Problem) string {
	var b strings.Builder
	b.WriteString("[")
	if depthOf(prefix) < maxDepth {
		for i, cp := range st.childPrefixes(prefix, name) {
			ck := st.nodeKind(cp)
			if ck == nil {
				*problems = append(*problems, Problem{cp + "kind", unknownKind(st.Values[cp+"kind"])})
				continue
			}
			if i > 0 {
				b.WriteString(",")
			}
			b.Write(st.nodeSpec(cp, ck, problems))
		}
	}
	b.WriteString("]")
	return b.String()
}

// hasControl reports whether name is a control of st.
func (st State) hasControl(name string) bool {
	return name == "steps" || unitsParam(name) != nil || st.paramAt(name) != nil
}

// place puts a core error's path beside the nearest control: the control
// itself, a child's kind picker for what concerns the child as a whole
// ("schedulers[1]"), or the parameter holding a list's element
// ("milestones[0]"), naming the path.
func (st State) place(path, msg string) Problem {
	name := path
	for name != "" && !st.hasControl(name) {
		if strings.HasSuffix(name, "]") && st.hasControl(name+".kind") {
			name += ".kind"
			break
		}
		i := strings.LastIndexAny(name, "[.")
		if i <= 0 {
			name = ""
			break
		}
		name = name[:i]
	}
	if name != path {
		msg = path + ": " + msg
	}
	return Problem{name, msg}
}

// applyTree reads the children a query or configuration names (q: path →
// text) into st: a Schedules parameter that q names children of gets
// exactly those, each from its kind's example, then q's values for them.
// What it cannot use is a Problem, and the child's example value stays:
// an unknown kind, a value that does not read. It returns the keys it read.
func (st State) applyTree(q map[string]string) (map[string]bool, []Problem) {
	done := map[string]bool{}
	var problems []Problem
	queue := []string{""}
	for len(queue) > 0 {
		prefix := queue[0]
		queue = queue[1:]
		k := st.nodeKind(prefix)
		if k == nil || depthOf(prefix) > maxDepth {
			continue
		}
		for _, p := range k.Params {
			if p.Type != core.Schedules || !namesUnder(q, prefix+p.Name+"[") {
				continue
			}
			for _, cp := range st.childPrefixes(prefix, p.Name) {
				st.clearNode(cp)
			}
			for i := 0; ; i++ {
				cp := childPrefix(prefix, p.Name, i)
				name, ok := q[cp+"kind"]
				if !ok {
					break
				}
				done[cp+"kind"] = true
				st.Values[cp+"kind"] = name // so that the picker's parent is known
				ck := core.LookupKind(name)
				if ck == nil || !slices.Contains(st.childKinds(cp), ck) {
					fallback := st.fallbackKind(cp, i)
					why := unknownKind(name)
					if ck != nil {
						why = ck.Name + " cannot be one of " + k.Name + "'s " + p.Name + " here"
					}
					problems = append(problems, Problem{cp + "kind", why + "; using " + fallback.Name})
					ck = fallback
				}
				st.setExample(cp, ck)
				queue = append(queue, cp)
			}
		}
	}
	for _, key := range sortedTextKeys(q) {
		prefix, _ := splitPath(key)
		if prefix == "" || done[key] {
			continue
		}
		done[key] = true
		p := st.paramAt(key)
		if p == nil {
			problems = append(problems, Problem{"", "no parameter " + strconv.Quote(strs.Shorten(key)) + " in this schedule; ignored"})
			continue
		}
		if _, err := p.ParseText(q[key]); err != nil {
			problems = append(problems, Problem{key, message(err) + "; using " + orNone(st.Values[key])})
			continue
		}
		st.Values[key] = q[key]
	}
	return done, problems
}

// namesUnder reports whether q has a key that begins with prefix.
func namesUnder(q map[string]string, prefix string) bool {
	for key := range q {
		if strings.HasPrefix(key, prefix) {
			return true
		}
	}
	return false
}

// fallbackKind is the kind a child at prefix takes when the one named is
// no use: the composition example's child at that index (or its last), or
// else the first kind it accepts.
func (st State) fallbackKind(prefix string, i int) *core.Kind {
	parent, param, _, _ := parentOf(prefix)
	kinds := st.childKinds(prefix)
	if pk := st.nodeKind(parent); pk != nil {
		if s, err := core.Parse([]byte(pk.Example)); err == nil {
			if kids, ok := s.Args()[param].([]*core.Schedule); ok && len(kids) > 0 {
				k := kids[min(i, len(kids)-1)].Kind()
				if slices.Contains(kinds, k) {
					return k
				}
			}
		}
	}
	if len(kinds) > 0 {
		return kinds[0]
	}
	return core.LookupKind(defaultKind)
}

func sortedTextKeys(q map[string]string) []string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	strs.Sort(keys)
	return keys
}

// flattenChildren writes a Schedules parameter's value as a configuration
// or a spec holds it, a JSON list of specs, into q as path keys:
// "schedulers[0].kind", "schedulers[0].T_max", ...
func flattenChildren(path string, v any, q map[string]string) error {
	list, ok := v.([]any)
	if !ok {
		return errString(path + " must be a list of specs such as [{\"kind\": \"torch.LinearLR\", ...}]")
	}
	for i, item := range list {
		obj, ok := item.(map[string]any)
		if !ok {
			return errString(path + "[" + strconv.Itoa(i) + "] is not a spec; each is an object like {\"kind\": \"torch.LinearLR\", ...}")
		}
		cp := path + "[" + strconv.Itoa(i) + "]."
		for key, x := range obj {
			if l, ok := x.([]any); ok && len(l) > 0 {
				if _, ok := l[0].(map[string]any); ok {
					if err := flattenChildren(cp+key, x, q); err != nil {
						return err
					}
					continue
				}
			}
			text, err := fieldText(x)
			if l, ok := x.([]any); ok {
				text, err = listText(l)
			}
			if err != nil {
				return errString(cp + key + ": " + err.Error())
			}
			q[cp+key] = text
		}
	}
	return nil
}
