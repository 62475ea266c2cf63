//go:build js && wasm

package main

import (
	"errors"

	"github.com/lrplay/lrplay/internal/safejs"
)

// jsw wraps safejs with a sticky error: after the first failed call every
// later call does nothing, and err says what failed first. Code that makes
// many DOM calls checks once at the end instead of after every call.
type jsw struct{ err error }

func (j *jsw) fail(err error, what string) {
	if err != nil && j.err == nil {
		j.err = &callError{what, err}
	}
}

// callError says which JS call failed and why.
type callError struct {
	what string
	err  error
}

func (e *callError) Error() string { return e.what + ": " + e.err.Error() }
func (e *callError) Unwrap() error { return e.err }

func (j *jsw) get(v safejs.Value, prop string) safejs.Value {
	if j.err != nil {
		return safejs.Undefined()
	}
	r, err := v.Get(prop)
	j.fail(err, "get "+prop)
	return r
}

// getOwn reads a property of an object the page handed us (a
// configuration), which may be a getter or a Proxy that throws.
// wasm_exec.js's valueGet, behind safejs's Get, does not catch: the
// exception would unwind through the Go runtime mid-call. A call does.
func (j *jsw) getOwn(v safejs.Value, prop string) safejs.Value {
	return j.call(jsReflect, "get", v, prop)
}

func (j *jsw) set(v safejs.Value, prop string, x any) {
	if j.err != nil {
		return
	}
	j.fail(v.Set(prop, x), "set "+prop)
}

func (j *jsw) call(v safejs.Value, method string, args ...any) safejs.Value {
	if j.err != nil {
		return safejs.Undefined()
	}
	r, err := v.Call(method, args...)
	j.fail(err, "call "+method)
	return r
}

func (j *jsw) new(ctor safejs.Value, args ...any) safejs.Value {
	if j.err != nil {
		return safejs.Undefined()
	}
	r, err := ctor.New(args...)
	j.fail(err, "new")
	return r
}

func (j *jsw) str(v safejs.Value) string {
	if j.err != nil {
		return ""
	}
	s, err := v.String()
	j.fail(err, "string")
	return s
}

func (j *jsw) float(v safejs.Value) float64 {
	if j.err != nil {
		return 0
	}
	f, err := v.Float()
	j.fail(err, "float")
	return f
}

func (j *jsw) truthy(v safejs.Value) bool {
	if j.err != nil {
		return false
	}
	b, err := v.Truthy()
	j.fail(err, "truthy")
	return b
}

// jsType is v's type. syscall/js panics on a value it has no type for (a
// BigInt, which any page may pass us): ok is false then.
func jsType(v safejs.Value) (t safejs.Type, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return v.Type(), true
}

var (
	global    = safejs.Global()
	document  = mustGet(global, "document")
	jsReflect = mustGet(global, "Reflect")
)

func mustGet(v safejs.Value, prop string) safejs.Value {
	r, err := v.Get(prop)
	if err != nil {
		panic(err) // only at start-up, for globals every browser has
	}
	return r
}

// object makes a plain JS object from string keys and values.
func (j *jsw) object(kv ...any) safejs.Value {
	o := j.new(j.get(global, "Object"))
	for i := 0; i+1 < len(kv); i += 2 {
		j.set(o, kv[i].(string), kv[i+1])
	}
	return o
}

// array makes a JS array of the given values.
func (j *jsw) array(items ...any) safejs.Value {
	a := j.new(j.get(global, "Array"))
	for _, it := range items {
		j.call(a, "push", it)
	}
	return a
}

// el creates an element with attributes (name, value pairs) and children.
func (j *jsw) el(tag string, attrs []string, children ...safejs.Value) safejs.Value {
	e := j.call(document, "createElement", tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		j.call(e, "setAttribute", attrs[i], attrs[i+1])
	}
	for _, c := range children {
		j.call(e, "append", c)
	}
	return e
}

// text creates an element holding text: text reaches the page only as textContent.
func (j *jsw) text(tag, text string, attrs ...string) safejs.Value {
	e := j.el(tag, attrs)
	j.set(e, "textContent", text)
	return e
}

func (j *jsw) byID(id string) safejs.Value {
	e := j.call(document, "getElementById", id)
	if j.err == nil && (e.IsNull() || e.IsUndefined()) {
		j.err = errors.New("the page has no element #" + id)
	}
	return e
}

// jsError makes a JS Error carrying msg, which the loader's wrapper throws.
func jsError(msg string) safejs.Value {
	ctor, err := global.Get("Error")
	if err != nil {
		return safejs.Null()
	}
	e, err := ctor.New(msg)
	if err != nil {
		return safejs.Null()
	}
	return e
}
