package main

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core"
)

// The edits of a composition's phases: add one, remove one, move one up
// or down, and switch one's kind. Each takes a state and returns the new
// one; the page rebuilds its controls from it. A list parameter that holds
// one value per boundary between phases (milestones, boundaries: in the
// kind's example, one fewer than the children) follows the edits, so that
// its length still matches; when it did not match before, it is left for
// its alert to say so.

// repair tries the state's curves and, when one child's values do not go
// together, puts back that child kind's example value for the parameter
// named (then the child's whole example) and tries again, so that a link
// with one bad child still draws the others. It returns what it replaced,
// and the problems left.
func (st State) repair() (said, failed []Problem) {
	for range 2 * maxChildren {
		_, _, failed = st.Curves()
		if failed == nil {
			return said, nil
		}
		pr := failed[0]
		prefix, leaf := splitPath(pr.Param)
		k := st.nodeKind(prefix)
		if prefix == "" || k == nil {
			if cp := st.culprit(); cp != "" { // an error naming no child (the run's steps) that one child causes
				ck := st.nodeKind(cp)
				st.setExample(cp, ck)
				said = append(said, Problem{cp + "kind", pr.Msg + "; showing the example of " + ck.Name + " here"})
				continue
			}
			return said, failed
		}
		if v, ok := defaultState(k).Values[leaf]; ok && leaf != "kind" && st.Values[pr.Param] != v {
			st.Values[pr.Param] = v
			said = append(said, Problem{pr.Param, pr.Msg + "; using " + orNone(v)})
			continue
		}
		st.setExample(prefix, k)
		said = append(said, Problem{prefix + "kind", pr.Msg + "; showing the example of " + k.Name + " here"})
	}
	_, _, failed = st.Curves()
	return said, failed
}

// culprit is the first child of the state's composition whose example in
// its place lets the curves draw, or "".
func (st State) culprit() string {
	for _, p := range st.Kind.Params {
		if p.Type != core.Schedules {
			continue
		}
		for _, cp := range st.childPrefixes("", p.Name) {
			try := st
			try.Values = cloneValues(st.Values)
			if ck := try.nodeKind(cp); ck != nil {
				try.setExample(cp, ck)
				if _, _, failed := try.Curves(); failed == nil {
					return cp
				}
			}
		}
	}
	return ""
}

// maxChildren is core's limit on a composition's children.
const maxChildren = 16

// groupOf reads a Schedules parameter's control name: its node's prefix,
// kind and parameter.
func (st State) groupOf(name string) (prefix string, k *core.Kind, param string, err error) {
	p := st.paramAt(name)
	if p == nil || p.Type != core.Schedules {
		return "", nil, "", errors.New("lrplay: " + st.Kind.Name + " has no phases " + strconv.Quote(name))
	}
	prefix, param = splitPath(name)
	return prefix, st.nodeKind(prefix), param, nil
}

// editPhases is st after action ("add", "remove", "up", "down") on the
// phases at path: a Schedules parameter's name for "add", a child's
// ("schedulers[1]") for the others.
func editPhases(st State, action, path string) (State, error) {
	st.Values = cloneValues(st.Values)
	group, i := path, -1
	if action != "add" {
		parent, param, n, ok := parentOf(path + ".")
		if !ok {
			return st, errors.New("lrplay: no phase " + strconv.Quote(path))
		}
		group, i = parent+param, n
	}
	prefix, k, param, err := st.groupOf(group)
	if err != nil {
		return st, err
	}
	kids := st.childPrefixes(prefix, param)
	n := len(kids)
	if i >= n {
		return st, errors.New("lrplay: no phase " + strconv.Quote(path))
	}
	lists := st.boundaryLists(prefix, k, n)
	switch action {
	case "add":
		if n >= maxChildren {
			return st, errors.New("lrplay: " + k.Name + " runs at most " + strconv.Itoa(maxChildren) + " schedules")
		}
		cp := childPrefix(prefix, param, n)
		st.Values[cp+"kind"] = "" // its parent, for what it inherits
		kind := st.fallbackKind(cp, n)
		if n > 0 {
			kind = st.nodeKind(kids[n-1])
		}
		st.setExample(cp, kind)
		for _, l := range lists {
			st.Values[l] = appendBoundary(st.Values[l], st.Steps)
		}
	case "remove":
		if n <= 1 {
			return st, errors.New("lrplay: a composition keeps at least one schedule")
		}
		for j := i; j < n-1; j++ {
			st.moveNode(kids[j+1], kids[j])
		}
		st.clearNode(kids[n-1])
		for _, l := range lists {
			st.Values[l] = removeElement(st.Values[l], max(i-1, 0))
		}
	case "up", "down":
		j := i - 1
		if action == "down" {
			j = i + 1
		}
		if j < 0 || j >= n {
			return st, errors.New("lrplay: phase " + strconv.Quote(path) + " cannot move " + action)
		}
		st.swapNodes(kids[i], kids[j])
	default:
		return st, errors.New("lrplay: no phase action " + strconv.Quote(action))
	}
	return st, nil
}

// switchChild is st with the child at prefix of kind k, from its example.
func switchChild(st State, prefix string, k *core.Kind) State {
	st.Values = cloneValues(st.Values)
	st.setExample(prefix, k)
	return st
}

// boundaryLists are the control names of the list parameters of the node
// at prefix that hold one value per boundary between its n children: one
// fewer than the children in the kind's example, and now.
func (st State) boundaryLists(prefix string, k *core.Kind, n int) []string {
	example, err := core.Parse([]byte(k.Example))
	if err != nil {
		return nil
	}
	values := example.Args()
	kids := 0
	for _, p := range k.Params {
		if c, ok := values[p.Name].([]*core.Schedule); ok {
			kids = len(c)
		}
	}
	var out []string
	for _, p := range k.Params {
		if p.Type != core.IntList && p.Type != core.FloatList || listLen(values[p.Name]) != kids-1 {
			continue
		}
		if v, err := p.ParseText(st.Values[prefix+p.Name]); err == nil && listLen(v) == n-1 {
			out = append(out, prefix+p.Name)
		}
	}
	return out
}

func listLen(v any) int {
	switch v := v.(type) {
	case []int64:
		return len(v)
	case []float64:
		return len(v)
	}
	return -1
}

// listItems splits a list's text ("10, 20" or "[10, 20]") into its items.
func listItems(text string) []string {
	body := strings.TrimSpace(text)
	body = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(body, "["), "]"))
	if body == "" {
		return nil
	}
	items := strings.Split(body, ",")
	for i := range items {
		items[i] = strings.TrimSpace(items[i])
	}
	return items
}

// appendBoundary adds a boundary after the last: as far after it as it is
// after the one before (or 0), or half the run when there is none.
func appendBoundary(text, steps string) string {
	items := listItems(text)
	next := "10"
	if s, err := strconv.ParseFloat(steps, 64); err == nil && s >= 2 {
		next = strconv.FormatInt(int64(s/2), 10)
	}
	if n := len(items); n > 0 {
		last, err1 := strconv.ParseFloat(items[n-1], 64)
		prev := 0.0
		var err2 error
		if n > 1 {
			prev, err2 = strconv.ParseFloat(items[n-2], 64)
		}
		if err1 == nil && err2 == nil {
			next = formatNumber(last + max(last-prev, 1))
		}
	}
	return strings.Join(append(items, next), ", ")
}

func removeElement(text string, i int) string {
	items := listItems(text)
	if i < len(items) {
		items = slices.Delete(items, i, i+1)
	}
	return strings.Join(items, ", ")
}

// moveNode renames the values under prefix from to prefix to, replacing
// what to held.
func (st State) moveNode(from, to string) {
	st.clearNode(to)
	moved := map[string]string{}
	for key, v := range st.Values {
		if rest, ok := strings.CutPrefix(key, from); ok {
			delete(st.Values, key)
			moved[to+rest] = v
		}
	}
	for key, v := range moved {
		st.Values[key] = v
	}
}

func (st State) swapNodes(a, b string) {
	held := map[string]string{}
	for key, v := range st.Values {
		if rest, ok := strings.CutPrefix(key, a); ok {
			held[rest] = v
		}
	}
	st.moveNode(b, a)
	st.clearNode(b)
	for rest, v := range held {
		st.Values[b+rest] = v
	}
}
