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

// call invokes bridge[name](args...) the way page scripts do.
func call(t *testing.T, bridge safejs.Value, name string, args ...any) safejs.Value {
	t.Helper()
	fn, err := bridge.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	v, err := fn.Invoke(args...)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// errorMessage returns the message of a JS Error value, or "" if v is none.
func errorMessage(t *testing.T, v safejs.Value) string {
	t.Helper()
	ctor, _ := safejs.Global().Get("Error")
	if ok, _ := v.InstanceOf(ctor); !ok {
		return ""
	}
	m, _ := v.Get("message")
	s, _ := m.String()
	return s
}

func newTestBridge(t *testing.T) safejs.Value {
	t.Helper()
	calls := 0
	bridge, err := newBridge(map[string]handler{
		"boom": func([]safejs.Value) (any, error) {
			calls++
			if calls == 1 {
				var m map[string]int
				m["x"] = 1 // a nil-map write: a real runtime panic
			}
			return "fine", nil
		},
		"fails": func([]safejs.Value) (any, error) { return nil, errors.New("core: T_max: bad") },
	})
	if err != nil {
		t.Fatal(err)
	}
	return bridge
}

func TestBridgeEvaluate(t *testing.T) {
	bridge := newTestBridge(t)
	spec := `{"kind":"playground","lr":1,"T_max":10,"T_mult":1,"warmup":0}`
	v := call(t, bridge, "evaluate", spec, 30)
	if msg := errorMessage(t, v); msg != "" {
		t.Fatalf("evaluate: %s", msg)
	}
	ctor, _ := safejs.Global().Get("Float64Array")
	if ok, _ := v.InstanceOf(ctor); !ok {
		t.Fatalf("evaluate returned %v, want a Float64Array", v.Type())
	}
	want, err := core.Evaluate([]byte(spec), 30)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := v.Length(); n != 30 {
		t.Fatalf("length %d, want 30", n)
	}
	for i, w := range want {
		x, _ := v.Index(i)
		if f, _ := x.Float(); math.Float64bits(f) != math.Float64bits(w) {
			t.Errorf("evaluate[%d] = %v, want %v (bit for bit)", i, f, w)
		}
	}
}

func TestBridgeErrors(t *testing.T) {
	bridge := newTestBridge(t)
	bigint, err := safejs.Global().Call("BigInt", 10) // syscall/js has no type for it
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []any
		want string
	}{
		{[]any{`{"kind":"playground","T_max":0}`, 10}, "core: T_max: 0 is out of range"},
		{[]any{`{"kind":"nope"}`, 10}, "unknown kind"},
		{[]any{`not json`, 10}, "not JSON"},
		{[]any{`{"kind":"playground"}`, 0}, "steps"},
		{[]any{`{"kind":"playground"}`, 1.5}, "core: steps: 1.5 is not a whole number in [1, 10000000]"},
		{[]any{`{"kind":"playground"}`, 1e300}, "core: steps: 1e+300 is not a whole number in [1, 10000000]"},
		{[]any{`{"kind":"playground","T_max":[1]}`, 10}, "core: T_max: an array is not a number"},
		{[]any{`{"kind":"playground"`, 10}, "core: spec is not JSON: unexpected end of input"},
		{[]any{`{"kind":"playground"}`, math.Inf(1)}, "steps"},
		{[]any{`{"kind":"playground"}`}, "takes a JSON string and a number"},
		{[]any{42, 10}, "takes a JSON string and a number"},
		{[]any{`{"kind":"playground"}`, bigint}, "takes a JSON string and a number"},
		{[]any{bigint, 10}, "takes a JSON string and a number"},
	}
	for _, tt := range tests {
		v := call(t, bridge, "evaluate", tt.args...)
		if msg := errorMessage(t, v); !strings.Contains(msg, tt.want) {
			t.Errorf("evaluate(%v) error = %q, want %q", tt.args, msg, tt.want)
		}
	}
	if msg := errorMessage(t, call(t, bridge, "fails")); msg != "core: T_max: bad" {
		t.Errorf("a handler's error reaches JS as %q", msg)
	}
}

func TestBridgeRecoversPanics(t *testing.T) {
	bridge := newTestBridge(t)
	v := call(t, bridge, "boom")
	if msg := errorMessage(t, v); msg != "lrplay.boom: internal error: assignment to entry in nil map" {
		t.Fatalf("a panic reaches JS as %q, want an internal error naming it", msg)
	}
	// The runtime survived: the same function and another one still work.
	if s, _ := call(t, bridge, "boom").String(); s != "fine" {
		t.Errorf("after a panic, boom() = %q, want fine", s)
	}
	if msg := errorMessage(t, call(t, bridge, "evaluate", `{"kind":"playground"}`, 5)); msg != "" {
		t.Errorf("after a panic, evaluate fails: %s", msg)
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
// its own), connects a bridge to it as main does, and calls through the
// wrappers page scripts use: a panic inside an exported function reaches
// the caller as a thrown Error, and the next call works.
func TestLoaderThrows(t *testing.T) {
	src, err := os.ReadFile("../web/lrplay.js")
	if err != nil {
		t.Fatal(err)
	}
	load := jsFunc(t, "src", `
		const saved = {Go: globalThis.Go, window: globalThis.window, document: globalThis.document, fetch: globalThis.fetch};
		globalThis.window = globalThis;
		globalThis.document = {
			currentScript: {src: 'http://127.0.0.1/lrplay.js'},
			getElementById: () => null,
			querySelector: () => null,
			querySelectorAll: () => [],
			createElement: () => ({}),
			head: {append() {}},
		};
		globalThis.Go = undefined;
		globalThis.fetch = () => Promise.reject(new Error('no network in this test'));
		try {
			new Function(src)();
		} finally {
			for (const [k, v] of Object.entries(saved)) {
				if (v === undefined) delete globalThis[k]; else globalThis[k] = v;
			}
		}
		const lrplay = globalThis.lrplay;
		delete globalThis.lrplay;
		lrplay.ready.catch(() => {}); // rejected: without wasm_exec.js it cannot start
		return lrplay;`)
	lrplay, err := load.Invoke(string(src))
	if err != nil {
		t.Fatalf("loading lrplay.js: %v", err)
	}
	if _, err := lrplay.Call("_connect", newTestBridge(t)); err != nil {
		t.Fatalf("lrplay._connect: %v", err)
	}
	try := jsFunc(t, "lrplay, name, ...args", `
		try {
			return 'returned ' + String(lrplay[name](...args));
		} catch (e) {
			return 'threw ' + (e instanceof Error ? 'Error' : typeof e) + ': ' + e.message;
		}`)
	tests := []struct {
		name string
		args []any
		want string
	}{
		{"boom", nil, "threw Error: lrplay.boom: internal error: assignment to entry in nil map"},
		{"boom", nil, "returned fine"}, // the runtime survived the panic
		{"evaluate", []any{`{"kind":"playground","T_max":0}`, 10}, "threw Error: core: T_max: 0 is out of range"},
		{"evaluate", []any{`{"kind":"playground","lr":1,"T_max":2,"T_mult":1,"warmup":0}`, 3}, "returned 1,0.5,1"}, // a cycle of 2 steps, then a restart
		{"fails", nil, "threw Error: core: T_max: bad"},
	}
	for _, tt := range tests {
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

func TestPanicText(t *testing.T) {
	for _, tt := range []struct {
		v    any
		want string
	}{{errors.New("e"), "e"}, {"s", "s"}, {core.Float, "a panic with a value of another type"}, {42, "a panic with a value of another type"}} {
		if got := panicText(tt.v); got != tt.want {
			t.Errorf("panicText(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestBridgeKinds(t *testing.T) {
	bridge := newTestBridge(t)
	v := call(t, bridge, "kinds")
	n, err := v.Length()
	if err != nil || n != len(core.Kinds()) {
		t.Fatalf("kinds() has %d entries (%v), want %d", n, err, len(core.Kinds()))
	}
	first, _ := v.Index(0)
	name, _ := first.Get("name")
	if s, _ := name.String(); s != "playground" {
		t.Errorf("kinds()[0].name = %q, want playground", s)
	}
	params, _ := first.Get("params")
	if m, _ := params.Length(); m != len(core.LookupKind("playground").Params) {
		t.Errorf("kinds()[0].params has %d entries", m)
	}
}
