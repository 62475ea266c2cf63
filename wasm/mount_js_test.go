//go:build js && wasm

package main

import (
	"strings"
	"testing"

	"github.com/lrplay/lrplay/internal/safejs"
)

// TestJSToFields reads configurations a page script may pass to
// lrplay.mount, hostile ones included: each is read within bounds or
// refused with a message, never a panic.
func TestJSToFields(t *testing.T) {
	g := safejs.Global()
	parse := func(s string) safejs.Value {
		json, _ := g.Get("JSON")
		v, err := json.Call("parse", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	with := func(key string, v any) safejs.Value {
		o := parse(`{"kind": "torch.CosineAnnealingLR"}`)
		if err := o.Set(key, v); err != nil {
			t.Fatal(err)
		}
		return o
	}
	bigint, _ := g.Call("BigInt", 10)
	symbol, _ := g.Call("Symbol", "x")
	fn, _ := g.Get("parseInt")
	cycle := parse(`{"kind": "playground"}`)
	_ = cycle.Set("self", cycle)
	wide := parse(`{}`)
	for i := range 65 {
		_ = wide.Set("k"+strings.Repeat("x", i), i)
	}
	// A getter and a Proxy that throw: the exception must come back as an
	// error, not unwind through the Go runtime.
	fnCtor, _ := g.Get("Function")
	boom, _ := fnCtor.New("throw new Error('boom')")
	getter := parse(`{}`)
	object, _ := g.Get("Object")
	if _, err := object.Call("defineProperty", getter, "kind", parse(`{"enumerable": true}`)); err != nil {
		t.Fatal(err)
	}
	desc := parse(`{"enumerable": true}`)
	_ = desc.Set("get", boom)
	if _, err := object.Call("defineProperty", getter, "T_max", desc); err != nil {
		t.Fatal(err)
	}
	proxyCtor, _ := g.Get("Proxy")
	trap := parse(`{}`)
	_ = trap.Set("get", boom)
	proxy, _ := proxyCtor.New(parse(`{"kind": "playground"}`), trap)
	proxyList, _ := proxyCtor.New(parse(`[1, 2]`), trap)
	tests := []struct {
		name string
		v    safejs.Value
		want string // the error, "" for none
	}{
		{"undefined", safejs.Undefined(), ""},
		{"null", safejs.Null(), ""},
		{"an object", parse(`{"kind": "torch.CosineAnnealingLR", "T_max": 5, "controls": ["T_max"], "log": true, "x": null}`), ""},
		{"a string", parse(`"string"`), "the configuration must be an object"},
		{"a number", parse(`42`), "the configuration must be an object"},
		{"a list", parse(`[]`), "the configuration must be an object"},
		{"a BigInt", bigint, "holds only strings, numbers, booleans, null, lists and objects"},
		{"a BigInt inside", with("T_max", bigint), "holds only strings"},
		{"a symbol inside", with("T_max", symbol), "holds only strings"},
		{"a function inside", with("T_max", fn), "holds only strings"},
		{"a cycle", cycle, "nested too deeply"},
		{"5 deep", parse(`{"a": {"b": {"c": {"d": {"e": 1}}}}}`), "nested too deeply"},
		{"65 keys", wide, "more than 64 items"},
		{"a throwing getter", getter, "boom"},
		{"a throwing proxy", proxy, "boom"},
		{"a throwing proxy of a list", with("controls", proxyList), "boom"},
		{"a long list", with("controls", parse(`[`+strings.Repeat(`"a",`, 64)+`"a"]`)), "more than 64 items"},
	}
	for _, tt := range tests {
		fields, err := jsToFields(tt.v)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want == "" && fields == nil:
			t.Errorf("%s: no fields", tt.name)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	if got, _ := jsToFields(parse(`{"kind": "torch.CosineAnnealingLR", "T_max": 5, "controls": ["T_max"]}`)); got["T_max"] != 5.0 || got["kind"] != "torch.CosineAnnealingLR" {
		t.Errorf("fields %v", got)
	}
	if _, ok := jsType(bigint); ok {
		t.Errorf("jsType(BigInt) is ok; syscall/js has no type for it")
	}
	if typ, ok := jsType(symbol); !ok || typ != safejs.TypeSymbol {
		t.Errorf("jsType(Symbol) = %v, %v", typ, ok)
	}
}
