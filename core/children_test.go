package core

import (
	"slices"
	"testing"
)

func TestChildKinds(t *testing.T) {
	for _, c := range []struct {
		kind, param string
		has, hasNot []string
		inherited   []string
	}{
		{"torch.SequentialLR", "schedulers", []string{"torch.LinearLR", "torch.CosineAnnealingLR", "torch.OneCycleLR", "torch.ChainedScheduler"},
			[]string{"playground", "torch.ReduceLROnPlateau"}, []string{"lr"}},
		{"torch.ChainedScheduler", "schedulers", []string{"torch.ExponentialLR", "torch.SequentialLR"}, []string{"playground"}, []string{"lr"}},
		{"torch.SequentialLR", "milestones", nil, nil, nil},
		{"playground", "schedulers", nil, nil, nil},
	} {
		kinds, inherited := LookupKind(c.kind).ChildKinds(c.param)
		var names []string
		for _, k := range kinds {
			names = append(names, k.Name)
		}
		for _, n := range c.has {
			if !slices.Contains(names, n) {
				t.Errorf("%s.%s: %s missing from %v", c.kind, c.param, n, names)
			}
		}
		for _, n := range c.hasNot {
			if slices.Contains(names, n) {
				t.Errorf("%s.%s: offers %s", c.kind, c.param, n)
			}
		}
		if !slices.Equal(inherited, c.inherited) {
			t.Errorf("%s.%s: inherits %v, want %v", c.kind, c.param, inherited, c.inherited)
		}
	}
	// Every kind a composition offers is one it runs: its example, as a child, parses.
	for _, k := range Kinds() {
		for _, p := range k.Params {
			if p.Type != Schedules {
				continue
			}
			kinds, _ := k.ChildKinds(p.Name)
			if len(kinds) == 0 {
				t.Errorf("%s.%s accepts no kind", k.Name, p.Name)
			}
		}
	}
}
