//go:build js && wasm

package main

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/safejs"
)

// testFunctions are published besides the api's for these tests: one that
// panics on its first call, one that fails, one that echoes its arguments.
var testFunctions = map[string]func(args) (any, error){
	"boom": func() func(args) (any, error) {
		calls := 0
		return func(args) (any, error) {
			calls++
			if calls == 1 {
				var m map[string]int
				m["x"] = 1 // a nil-map write: a real runtime panic
			}
			return "fine", nil
		}
	}(),
	"fails": func(args) (any, error) { return nil, errors.New("core: T_max: bad") },
	"echo": func(a args) (any, error) {
		var out []string
		for _, x := range a {
			switch x := x.(type) {
			case notPlain:
				out = append(out, "notPlain")
			case nil:
				out = append(out, "nil")
			case string:
				out = append(out, "string "+x)
			case float64:
				out = append(out, "number "+formatNumber(x))
			case bool:
				out = append(out, "bool")
			}
		}
		return []any{strings.Join(out, ", "), []float64{1.5, -0.25}, [][]byte{[]byte("ab")}}, nil
	},
}

// published is the object main publishes, with the test functions.
func published(t *testing.T) safejs.Value {
	t.Helper()
	for name, fn := range testFunctions {
		api[name] = fn
	}
	g := safejs.Global()
	_ = g.Delete("lrplay")
	if err := publish(); err != nil {
		t.Fatal(err)
	}
	v, err := g.Get("lrplay")
	if err != nil || v.IsUndefined() {
		t.Fatalf("no window.lrplay after publish (%v)", err)
	}
	return v
}

// invoke calls obj[name](args...) the way page scripts do.
func invoke(t *testing.T, obj safejs.Value, name string, a ...any) safejs.Value {
	t.Helper()
	v, err := obj.Call(name, a...)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// errorMessage returns the message of a JS Error value, or "" if v is none.
func errorMessage(v safejs.Value) string {
	ctor, _ := safejs.Global().Get("Error")
	if ok, _ := v.InstanceOf(ctor); !ok {
		return ""
	}
	m, _ := v.Get("message")
	s, _ := m.String()
	return s
}

func TestPublishEvaluate(t *testing.T) {
	obj := published(t)
	spec := `{"kind":"playground","lr":1,"T_max":10,"T_mult":1,"warmup":0}`
	v := invoke(t, obj, "evaluate", spec, 30)
	ctor, _ := safejs.Global().Get("Float64Array")
	if ok, _ := v.InstanceOf(ctor); !ok {
		t.Fatalf("evaluate returned %v (%s), want a Float64Array", v.Type(), errorMessage(v))
	}
	want, _ := core.Evaluate([]byte(spec), 30)
	if n, _ := v.Length(); n != 30 {
		t.Fatalf("length %d, want 30", n)
	}
	for i, w := range want {
		x, _ := v.Index(i)
		if f, _ := x.Float(); math.Float64bits(f) != math.Float64bits(w) {
			t.Errorf("evaluate[%d] = %v, want %v (bit for bit)", i, f, w)
		}
	}
	bigint, _ := safejs.Global().Call("BigInt", 10)
	for _, tt := range []struct {
		args []any
		want string
	}{
		{[]any{`{"kind":"playground","T_max":0}`, 10}, "core: T_max: 0 is out of range"},
		{[]any{`{"kind":"playground"}`}, "takes a JSON string and a number"},
		{[]any{`{"kind":"playground"}`, bigint}, "takes a JSON string and a number"},
		{[]any{bigint, 10}, "takes a JSON string and a number"},
	} {
		if msg := errorMessage(invoke(t, obj, "evaluate", tt.args...)); !strings.Contains(msg, tt.want) {
			t.Errorf("evaluate(%v): %q, want %q", tt.args, msg, tt.want)
		}
	}
}

// TestPublishTypes: arguments arrive as plain Go values, and results leave
// as text, one Float64Array and Uint8Arrays.
func TestPublishTypes(t *testing.T) {
	obj := published(t)
	bigint, _ := safejs.Global().Call("BigInt", 10)
	sym, _ := safejs.Global().Call("Symbol", "x")
	o, _ := newObject()
	v := invoke(t, obj, "echo", "s", 2.5, true, nil, safejs.Undefined(), bigint, sym, o)
	text, _ := v.Index(0)
	if s, _ := text.String(); s != "string s, number 2.5, bool, nil, nil, notPlain, notPlain, notPlain" {
		t.Errorf("arguments read as %q", s)
	}
	floats, _ := v.Index(1)
	if x, _ := floats.Index(1); func() float64 { f, _ := x.Float(); return f }() != -0.25 {
		t.Errorf("the Float64Array holds %v", x)
	}
	parts, _ := v.Index(2)
	part, _ := parts.Index(0)
	ctor, _ := safejs.Global().Get("Uint8Array")
	if ok, _ := part.InstanceOf(ctor); !ok {
		t.Errorf("a part is %v, want a Uint8Array", part.Type())
	}
}

func TestPublishRecoversPanics(t *testing.T) {
	obj := published(t)
	if msg := errorMessage(invoke(t, obj, "boom")); msg != "lrplay.boom: internal error: assignment to entry in nil map" {
		t.Fatalf("a panic reaches JS as %q, want an internal error naming it", msg)
	}
	// The runtime survived: the same function and another one still work.
	if s, _ := invoke(t, obj, "boom").String(); s != "fine" {
		t.Errorf("after a panic, boom() = %q, want fine", s)
	}
	if msg := errorMessage(invoke(t, obj, "fails")); msg != "core: T_max: bad" {
		t.Errorf("an error reaches JS as %q", msg)
	}
	if msg := errorMessage(invoke(t, obj, "draw", "not a state", 100)); !strings.Contains(msg, "the view's state") {
		t.Errorf("draw of no state: %q", msg)
	}
}

// jsFunc compiles a JS function from its parameters and body.
func jsFunc(t *testing.T, params, body string) safejs.Value {
	t.Helper()
	ctor, err := safejs.Global().Get("Function")
	if err != nil {
		t.Fatal(err)
	}
	f, err := ctor.New(params, body)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestLoaderThrows runs the real loader, web/lrplay.js, under Node with a
// stub document and a fetch that fails (so it never starts a runtime of
// its own), connects the published functions to it as main does, and
// calls through the wrappers page scripts use: a panic inside a function
// reaches the caller as a thrown Error, and the next call works.
func TestLoaderThrows(t *testing.T) {
	src, err := os.ReadFile("../web/lrplay.js")
	if err != nil {
		t.Fatal(err)
	}
	load := jsFunc(t, "src", `
		const saved = {Go: globalThis.Go, window: globalThis.window, document: globalThis.document, fetch: globalThis.fetch, lrplay: globalThis.lrplay,
			MutationObserver: globalThis.MutationObserver, addEventListener: globalThis.addEventListener};
		delete globalThis.lrplay;
		globalThis.window = globalThis;
		globalThis.document = {
			currentScript: {src: 'http://127.0.0.1/lrplay.js'},
			readyState: 'complete',
			documentElement: {},
			getElementById: () => null,
			querySelector: () => null,
			querySelectorAll: () => [],
			createElement: () => ({}),
			head: {append() {}},
		};
		globalThis.MutationObserver = class { observe() {} disconnect() {} };
		globalThis.addEventListener = () => {};
		globalThis.Go = undefined;
		globalThis.fetch = () => Promise.reject(new Error('no network in this test'));
		let lrplay;
		try {
			new Function(src)();
			lrplay = globalThis.lrplay;
			// Reading ready starts it (a page without a chart waits for this), with the stubs; it
			// is then rejected: without wasm_exec.js it cannot start.
			lrplay.ready.catch(() => {});
		} finally {
			for (const [k, v] of Object.entries(saved)) {
				if (v === undefined) delete globalThis[k]; else globalThis[k] = v;
			}
		}
		return lrplay;`)
	lrplay, err := load.Invoke(string(src))
	if err != nil {
		t.Fatalf("loading lrplay.js: %v", err)
	}
	obj := published(t)
	if _, err := lrplay.Call("_connect", obj); err != nil {
		t.Fatalf("lrplay._connect: %v", err)
	}
	try := jsFunc(t, "lrplay, name, ...args", `
		try {
			const v = lrplay[name](...args);
			return 'returned ' + (name === 'kinds' ? v[0].name : String(v));
		} catch (e) {
			return 'threw ' + (e instanceof Error ? 'Error' : typeof e) + ': ' + e.message;
		}`)
	for _, tt := range []struct {
		name string
		args []any
		want string
	}{
		{"evaluate", []any{`{"kind":"playground","T_max":0}`, 10}, "threw Error: core: T_max: 0 is out of range"},
		{"evaluate", []any{`{"kind":"playground","lr":1,"T_max":2,"T_mult":1,"warmup":0}`, 3}, "returned 1,0.5,1"}, // a cycle of 2 steps, then a restart
		{"kinds", nil, "returned playground"},
	} {
		v, err := try.Invoke(append([]any{lrplay, tt.name}, tt.args...)...)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := v.String(); !strings.HasPrefix(got, tt.want) {
			t.Errorf("lrplay.%s(%v): %s, want %s", tt.name, tt.args, got, tt.want)
		}
	}
	if v, _ := lrplay.Get("_connect"); !v.IsUndefined() {
		t.Errorf("lrplay._connect is still there after connecting")
	}
}
