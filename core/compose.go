package core

import "strings"

// Composition: a kind whose parameter of Type Schedules holds child specs
// (torch.SequentialLR's schedulers, optax.join_schedules' schedules). Parse
// hands the kind's build the children's JSON; the build parses them with
// parseChildren, giving them what they take from the composition.

// childSpecs is a Schedules parameter's value as Parse reads it: each
// child's JSON object, not yet parsed.
type childSpecs [][]byte

// parseChildren parses the children a holds under name, each with the
// values of inherited (a torch child takes the optimizer's lr from
// SequentialLR and must not name it), and stores them back in a as
// []*Schedule, so that the composed spec is written with its children.
// An error names the child and its parameter: "schedulers[1].T_max".
// check, when not nil, refuses a child's kind (another framework's).
func parseChildren(a args, name string, inherited args, check func(k *Kind) string) ([]*Schedule, error) {
	raw, ok := a[name].(childSpecs)
	if !ok {
		if done, ok := a[name].([]*Schedule); ok { // a Schedule's args, parsed before
			return done, nil
		}
		panic("core: parameter " + name + " holds no schedules")
	}
	out := make([]*Schedule, len(raw))
	for i, r := range raw {
		at := name + listOpen + itoa(int64(i)) + listClose
		s, err := parseChild(r, inherited, check)
		if err != nil {
			if e, ok := err.(*Error); ok {
				if e.Param != "" {
					at += "." + e.Param
				}
				return nil, errorf(at, e.Msg)
			}
			return nil, errorf(at, err.Error())
		}
		out[i] = s
	}
	a[name] = out
	return out, nil
}

func parseChild(spec []byte, inherited args, check func(k *Kind) string) (*Schedule, error) {
	fields, order, raw, err := decodeObjectRaw(spec)
	if err != nil {
		return nil, err
	}
	if name, ok := fields["kind"].(string); ok && check != nil {
		if k := LookupKind(name); k != nil {
			if why := check(k); why != "" {
				return nil, errorf("kind", why)
			}
		}
	}
	k, a, err := parseFields(fields, order, raw, inherited, nil)
	if err != nil {
		return nil, err
	}
	c, err := k.build(a)
	if err != nil {
		return nil, err
	}
	s := newSchedule(k, a, c, DefaultUnits())
	for key := range inherited {
		if k.Param(key) != nil {
			s.inherited = append(s.inherited, key)
		}
	}
	return s, nil
}

// appendChildren writes children as a JSON array of their specs, without
// what they inherit.
func appendChildren(b []byte, children []*Schedule) ([]byte, bool) {
	b = append(b, listOpen...)
	for i, c := range children {
		if i > 0 {
			b = append(b, ',')
		}
		spec, err := c.MarshalJSON() // without what it inherits
		if err != nil {
			return b, false
		}
		b = append(b, spec...)
	}
	return append(b, listClose...), true
}

// childNames lists children's kinds for messages: "torch.LinearLR, torch.CosineAnnealingLR".
func childNames(children []*Schedule) string {
	names := make([]string, len(children))
	for i, c := range children {
		names[i] = c.kind.Name
	}
	return strings.Join(names, ", ")
}
