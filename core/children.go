package core

import "sync"

// What a page needs to edit a composition's children one by one: which
// kinds a Schedules parameter takes, and what each child inherits.

// Inherited names the parameters a composition's child takes from its
// parent (a torch scheduler's lr), which its spec leaves out; nil for a
// schedule that is no child.
func (s *Schedule) Inherited() []string { return append([]string(nil), s.inherited...) }

// ChildKinds lists, in Kinds order, the kinds that the Schedules parameter
// param of k accepts as children, and the parameters such a child inherits
// from k (and so does not name). Both are nil when param is no Schedules
// parameter of k.
//
// The answer is the composition's own: each kind's example, stripped of
// what a child inherits, is put first in k's example, and the kinds whose
// spec k refuses there (an error naming param[0]) are left out. So the list
// follows each composition's checks without a second copy of them.
func (k *Kind) ChildKinds(param string) ([]*Kind, []string) {
	key := k.Name + "\x00" + param
	childKindsMu.Lock()
	defer childKindsMu.Unlock()
	if c, ok := childKindsCache[key]; ok {
		return c.kinds, c.inherited
	}
	kinds, inherited := k.probeChildren(param)
	childKindsCache[key] = childKindsEntry{kinds, inherited}
	return kinds, inherited
}

type childKindsEntry struct {
	kinds     []*Kind
	inherited []string
}

var (
	childKindsMu    sync.Mutex
	childKindsCache = map[string]childKindsEntry{}
)

func (k *Kind) probeChildren(param string) ([]*Kind, []string) {
	p := k.Param(param)
	if p == nil || p.Type != Schedules {
		return nil, nil
	}
	example, err := Parse([]byte(k.Example))
	if err != nil {
		return nil, nil
	}
	values := example.Args()
	kids, _ := values[param].([]*Schedule)
	if len(kids) == 0 {
		return nil, nil
	}
	inherited := kids[0].Inherited()
	rest := make(childSpecs, len(kids))
	for i, c := range kids[1:] {
		b, err := c.MarshalJSON()
		if err != nil {
			return nil, inherited
		}
		rest[i+1] = b
	}
	at := param + listOpen + "0" + listClose
	var out []*Kind
	for _, cand := range Kinds() {
		s, err := Parse([]byte(cand.Example))
		if err != nil {
			continue
		}
		cv := s.Args()
		for _, name := range inherited {
			delete(cv, name)
		}
		spec, err := cand.Spec(cv)
		if err != nil {
			continue
		}
		rest[0] = spec
		values[param] = rest
		whole, err := k.Spec(values)
		if err != nil {
			continue
		}
		if _, err := Parse(whole); err != nil {
			if e, ok := err.(*Error); ok && (e.Param == at || len(e.Param) > len(at) && e.Param[:len(at)] == at && (e.Param[len(at)] == '.' || e.Param[len(at)] == '[')) {
				continue
			}
		}
		out = append(out, cand)
	}
	return out, inherited
}
