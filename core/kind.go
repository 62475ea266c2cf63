package core

import "github.com/lrplay/lrplay/core/internal/specjson"

// Kind is one schedule family: a framework's scheduler, or the playground's own.
type Kind struct {
	Name      string `json:"name"`      // the spec's "kind", e.g. torch.CosineAnnealingLR
	Framework string `json:"framework"` // e.g. "PyTorch"
	Title     string `json:"title"`     // short human name
	Doc       string `json:"doc"`       // one paragraph: what it does, including edge cases
	// Convention says which value of the framework step i is: e.g.
	// "param_groups[0]['lr'] after i calls of scheduler.step()".
	Convention string `json:"convention"`
	Link       string `json:"link"` // the framework's documentation, or what LinkText names
	// LinkText names what Link points to when it is not the framework's own
	// documentation (the page otherwise calls it "<Framework> documentation").
	LinkText string  `json:"link_text,omitempty"`
	Params   []Param `json:"params"`
	// Aliases are other names the kind answers to wherever a kind is read
	// (Parse, LookupKind, and so links, data-lrplay configurations and the
	// command line): the names it was published under before a rename, which
	// keep working. Kinds and every list of kinds show Name only.
	Aliases []string `json:"aliases,omitempty"`
	// Example is a typical spec of this kind, with every required parameter,
	// and ExampleSteps a run length that shows it well. Switching the page to
	// this kind starts from them; tests and benchmarks use them too.
	Example      string `json:"example"`
	ExampleSteps int64  `json:"example_steps"`

	// order places the kind in Kinds: the playground 0, then each
	// framework's hundreds (PyTorch 100, timm 200, ...; see its framework).
	order int
	// build turns validated arguments into a curve; it does the checks that
	// involve several parameters and returns an *Error for what fails.
	build func(a args) (kindCurve, error)
	// code writes the body of a snippet for a schedule of this kind in its
	// own framework (Code writes the header).
	code func(w *pyWriter, s *Schedule, steps int64)
	// imports are the constructor calls ImportCode reads as this kind.
	imports []importSig
	// arithmetic says, when it matters, how the framework computes this
	// kind's values ("PyTorch's LinearLR computes each lr from the one
	// before"), for notes on translations that are close but not exact.
	arithmetic string
	// compose writes the closest composition of framework's schedulers to a
	// run no single one of them draws (the playground's); nil for none.
	compose composer
}

// composer is a kind's compose: a method of a type of its own held in an
// interface, so that the wasm for embedding, which writes no code, leaves
// it out (see frameworkTools).
type composer interface {
	// compose writes the composition and reports whether framework has one.
	compose(w *pyWriter, s *Schedule, steps int64, framework string) bool
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
		if b, ok = appendParamValue(b, v); !ok {
			return nil, errorf(p.Name, formatValue(v)+" cannot be written as JSON")
		}
	}
	return append(b, '}'), nil
}

var (
	registry = map[string]*Kind{}
	aliases  = map[string]*Kind{} // by each kind's Aliases
)

// register adds a kind at package initialisation and returns it; each kind's
// file registers its own, as var xKind = register(&Kind{...}), so that other
// code of its family can name it. Not inlined: it runs once per kind.
//
//go:noinline
func register(k *Kind) *Kind {
	if _, dup := registry[k.Name]; dup {
		panic("core: kind registered twice: " + k.Name)
	}
	for _, o := range registry {
		if o.order == k.order {
			panic("core: kinds " + o.Name + " and " + k.Name + " have the same order")
		}
	}
	for i := range k.imports {
		k.imports[i].kind = k
	}
	registry[k.Name] = k
	for _, a := range k.Aliases {
		if _, dup := aliases[a]; dup {
			panic("core: alias taken: " + a)
		}
		aliases[a] = k
	}
	return k
}

// Kinds lists every kind with its parameter table, in a stable order: ours
// first, then by framework, as each kind's order says. The page builds its
// controls and the README its tables from it.
func Kinds() []*Kind {
	out := make([]*Kind, 0, len(registry))
	for _, k := range registry {
		out = append(out, k)
	}
	// An insertion sort: a few dozen kinds, and no sort package in the wasm.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].order < out[j-1].order; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// LookupKind returns the kind called name, or one of its Aliases, or nil.
func LookupKind(name string) *Kind {
	if k, ok := registry[name]; ok {
		return k
	}
	return aliases[name]
}
