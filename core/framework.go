package core

import (
	"slices"
	"strings"

	"github.com/lrplay/lrplay/core/internal/python"
	"github.com/lrplay/lrplay/internal/strs"
)

// framework is a family of kinds that share a name prefix ("torch" for
// torch.CosineAnnealingLR), a title, and tools: the translation target, the
// code that writes a shape as specs of its kinds, and its import hooks. Each framework registers itself
// in the file that holds what its kinds share.
type framework struct {
	name string // the prefix of its kinds' names, and Code's and Translate's name for it
	// aliases are former names, which keep working where a framework is
	// named (lr_schedule's kinds were sb3.* before).
	aliases []string
	title   string // for notes and comments: "PyTorch", as its kinds' Framework fields
	order   int    // its place in Frameworks; its kinds' orders start at the same hundred
	// float32: it computes in float32 (Keras, optax), which notes on
	// translations name.
	float32 bool
	// tools are its hooks that only the playground's tools call.
	tools frameworkTools
}

// frameworkTools are a framework's hooks for Translate and ImportCode, as
// methods of a small type of its own (torchTools{}) held in an interface:
// Go's linker keeps a method reached only through an interface call when
// that call is reachable, so the wasm for embedding, which never translates
// or imports, leaves the hooks out with everything they call. A framework
// implements importDispatcher, importReader and importMethods as it needs.
type frameworkTools interface {
	// target writes a shape as specs of the framework's kinds: every kind
	// that can draw the run, for evaluation to choose from, or why none can.
	target(sh *shape, n int64) ([]candidate, []string)
}

// importDispatcher is a framework's tools with functions ImportCode reads
// that dispatch to its kinds' constructors (Hugging Face's get_scheduler).
type importDispatcher interface {
	dispatchers() []importSig
}

// importReader is a framework's tools whose constructors ImportCode reads
// its own way (lr_schedule's take a config): read reads a call of sg, a
// signature of one of its kinds without a read of its own, into a spec.
type importReader interface {
	read(im *importer, sg *importSig, args map[string]*python.Value) ([]byte, error)
}

// importMethods is a framework's tools whose kinds' constructors have
// methods a call can name (lr_schedule's classmethod X.create): method
// returns the call Owner.name reads as, or nil.
type importMethods interface {
	method(name string) *importSig
}

// toolsOf returns the tools of the framework k belongs to, or nil.
func toolsOf(k *Kind) frameworkTools {
	if k == nil {
		return nil
	}
	if f := frameworkNamed(FrameworkOf(k)); f != nil {
		return f.tools
	}
	return nil
}

var frameworks []*framework

// registerFramework adds a framework at package initialisation and returns it.
//
//go:noinline
func registerFramework(f *framework) *framework {
	i := 0
	for i < len(frameworks) && frameworks[i].order < f.order {
		i++
	}
	frameworks = slices.Insert(frameworks, i, f)
	return f
}

// frameworkNamed returns the framework called name, or nil.
func frameworkNamed(name string) *framework {
	for _, f := range frameworks {
		if f.name == name {
			return f
		}
	}
	return nil
}

// LookupFramework returns the framework called name, one of Frameworks(),
// resolving a former name ("sb3", now "lr_schedule"), or "" for none.
func LookupFramework(name string) string {
	for _, f := range frameworks {
		if f.name == name || slices.Contains(f.aliases, name) {
			return f.name
		}
	}
	return ""
}

// frameworkNames lists the frameworks' names in order.
func frameworkNames() []string {
	out := make([]string, len(frameworks))
	for i, f := range frameworks {
		out[i] = f.name
	}
	return out
}

// Frameworks lists the frameworks Code writes snippets for and Translate
// translates into, by the prefix their kinds' names share ("torch" for
// torch.CosineAnnealingLR).
func Frameworks() []string { return frameworkNames() }

// FrameworkOf returns the framework kind k belongs to, one of Frameworks(),
// or "" for the playground kind, which is LR Playground's own.
func FrameworkOf(k *Kind) string {
	name, _, ok := strings.Cut(k.Name, ".")
	if !ok {
		return ""
	}
	return name
}

// checkFramework returns an *Error unless fw is one of Frameworks().
func checkFramework(fw string) error {
	if frameworkNamed(fw) != nil {
		return nil
	}
	names := frameworkNames()
	msg := "unknown framework " + strs.Quote(strs.Shorten(fw))
	if s := suggest(fw, names); s != "" {
		msg += `; did you mean "` + s + `"?`
	}
	return errorf("framework", msg+"; the frameworks are "+strings.Join(names, ", "))
}
