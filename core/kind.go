package core

import (
	"slices"

	"github.com/lrplay/lrplay/core/internal/specjson"
)

// Kind is one schedule family: a framework's scheduler, or the playground's own.
type Kind struct {
	Name      string `json:"name"`      // the spec's "kind", e.g. "torch.CosineAnnealingLR"
	Framework string `json:"framework"` // e.g. "PyTorch"
	Title     string `json:"title"`     // short human name
	Doc       string `json:"doc"`       // one paragraph: what it does, including edge cases
	// Convention says which value of the framework step i is: e.g.
	// "param_groups[0]['lr'] after i calls of scheduler.step()".
	Convention string  `json:"convention"`
	Link       string  `json:"link"` // the framework's documentation
	Params     []Param `json:"params"`
	// Example is a typical spec of this kind, with every required parameter,
	// and ExampleSteps a run length that shows it well. Switching the page to
	// this kind starts from them; tests and benchmarks use them too.
	Example      string `json:"example"`
	ExampleSteps int64  `json:"example_steps"`

	// build turns validated arguments into a curve; it does the checks that
	// involve several parameters and returns an *Error for what fails.
	build func(a args) (curve, error)
}

// Param returns the kind's parameter called name, or nil.
//
//go:noinline
func (k *Kind) Param(name string) *Param {
	for i := range k.Params {
		if k.Params[i].Name == name {
			return &k.Params[i]
		}
	}
	return nil
}

// Spec writes a spec of kind k: {"kind": k.Name, then each of k's
// parameters that values holds, in k's order}. Values are as Parse holds
// them: float64, int64, bool, string, or nil for None. Names k has no
// parameter for are left out; Parse fills in the parameters left out.
func (k *Kind) Spec(values map[string]any) ([]byte, error) {
	b := append([]byte(`{"kind":`), specjson.AppendString(nil, k.Name)...)
	for _, p := range k.Params {
		v, ok := values[p.Name]
		if !ok {
			continue
		}
		b = append(b, ',')
		b = specjson.AppendString(b, p.Name)
		b = append(b, ':')
		if b, ok = specjson.AppendValue(b, v); !ok {
			return nil, errorf(p.Name, formatValue(v)+" cannot be written as JSON")
		}
	}
	return append(b, '}'), nil
}

// kindOrder is the order in which Kinds lists the kinds: ours first, then by framework.
var kindOrder = []string{
	"playground",
	"torch.CosineAnnealingLR",
	"torch.CosineAnnealingWarmRestarts",
	"torch.OneCycleLR",
	"torch.LinearLR",
	"torch.ExponentialLR",
	"torch.PolynomialLR",
	"timm.CosineLRScheduler",
	"hf.cosine_schedule_with_warmup",
	"hf.cosine_with_hard_restarts_schedule_with_warmup",
	"hf.cosine_with_min_lr_schedule_with_warmup",
	"hf.wsd_schedule",
	"keras.CosineDecay",
	"keras.CosineDecayRestarts",
	"optax.cosine_decay_schedule",
	"optax.warmup_cosine_decay_schedule",
	"ignite.CosineAnnealingScheduler",
	"sb3.linear",
	"sb3.cosine",
	"sb3.exponential",
	"sb3.cosine_warmup",
	"sb3.polynomial",
}

var registry = map[string]*Kind{}

// register adds a kind at package initialisation; each framework's file
// registers its own. Not inlined: it runs once per kind.
//
//go:noinline
func register(k *Kind) {
	if _, dup := registry[k.Name]; dup {
		panic("core: kind registered twice: " + k.Name)
	}
	if !slices.Contains(kindOrder, k.Name) {
		panic("core: kind missing from kindOrder: " + k.Name)
	}
	registry[k.Name] = k
}

// Kinds lists every kind with its parameter table, in a stable order.
// The page builds its controls and the README its tables from it.
func Kinds() []*Kind {
	out := make([]*Kind, 0, len(registry))
	for _, name := range kindOrder {
		if k, ok := registry[name]; ok {
			out = append(out, k)
		}
	}
	return out
}

// LookupKind returns the kind called name, or nil.
func LookupKind(name string) *Kind { return registry[name] }
