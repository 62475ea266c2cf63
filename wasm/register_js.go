//go:build js && wasm

package main

import (
	"math"

	"github.com/lrplay/lrplay/internal/safejs"
)

// main publishes the boundary (api) to the page's loader and keeps the
// runtime alive for its calls. This file is the only one that touches JS.
func main() {
	if err := publish(); err != nil {
		if c, gerr := safejs.Global().Get("console"); gerr == nil {
			_, _ = c.Call("error", "lrplay: could not start: "+err.Error())
		}
	}
	select {}
}

// publish hands the loader (lrplay.js) an object of the api's functions
// through lrplay._connect; without a loader (tests under Node) the object
// becomes window.lrplay itself.
func publish() error {
	global := safejs.Global()
	obj, err := newObject()
	if err != nil {
		return err
	}
	for name, fn := range api {
		f, err := safejs.FuncOf(wrap(name, fn))
		if err != nil {
			return err
		}
		if err := obj.Set(name, f.Value()); err != nil {
			return err
		}
	}
	lrplay, err := global.Get("lrplay")
	if err != nil {
		return err
	}
	if lrplay.IsUndefined() {
		return global.Set("lrplay", obj)
	}
	_, err = lrplay.Call("_connect", obj)
	return err
}

// wrap turns fn into a JS function. An error, or a panic, comes back as a
// JS Error value, which the loader throws: a Go panic never unwinds into
// the page, and the runtime keeps running.
func wrap(name string, fn func(args) (any, error)) func(safejs.Value, []safejs.Value) any {
	return func(_ safejs.Value, in []safejs.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				result = jsError("lrplay." + name + ": internal error: " + panicText(r))
			}
		}()
		a := make(args, len(in))
		for i, v := range in {
			a[i] = fromJS(v)
		}
		v, err := fn(a)
		if err == nil {
			v, err = toJS(v)
		}
		if err != nil {
			return jsError(err.Error())
		}
		return v
	}
}

// fromJS is a JS argument as Go: string, float64, bool or nil, and
// notPlain for anything else.
func fromJS(v safejs.Value) (out any) {
	defer func() {
		if recover() != nil { // syscall/js has no type for a BigInt
			out = notPlain{}
		}
	}()
	var err error
	switch v.Type() {
	case safejs.TypeString:
		out, err = v.String()
	case safejs.TypeNumber:
		out, err = v.Float()
	case safejs.TypeBoolean:
		out, err = v.Bool()
	case safejs.TypeNull, safejs.TypeUndefined:
		return nil
	default:
		return notPlain{}
	}
	if err != nil {
		return notPlain{}
	}
	return out
}

// toJS is a result for JS: text and numbers as they are, a []float64 as
// one Float64Array, [][]byte as Uint8Arrays, and []any as an array.
func toJS(v any) (any, error) {
	switch v := v.(type) {
	case nil, string, bool, float64:
		return v, nil
	case []float64:
		return float64Array(v)
	case [][]byte:
		out := make([]any, len(v))
		for i, b := range v {
			u8, err := newTyped("Uint8Array", len(b))
			if err != nil {
				return nil, err
			}
			if _, err := safejs.CopyBytesToJS(u8, b); err != nil {
				return nil, err
			}
			out[i] = u8
		}
		return newArray(out)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			y, err := toJS(x)
			if err != nil {
				return nil, err
			}
			out[i] = y
		}
		return newArray(out)
	}
	return nil, errString("lrplay: a result of a type the page cannot take")
}

// float64Array copies vals into a new Float64Array in one bulk copy,
// little-endian as wasm memory and typed arrays hold them.
func float64Array(vals []float64) (safejs.Value, error) {
	if cap(byteBuf) < 8*len(vals) {
		byteBuf = make([]byte, 8*len(vals))
	}
	buf := byteBuf[:8*len(vals)]
	for i, x := range vals {
		u := math.Float64bits(x)
		b := buf[8*i : 8*i+8]
		for k := range 8 {
			b[k] = byte(u >> (8 * k))
		}
	}
	u8, err := newTyped("Uint8Array", len(buf))
	if err != nil {
		return safejs.Null(), err
	}
	if _, err := safejs.CopyBytesToJS(u8, buf); err != nil {
		return safejs.Null(), err
	}
	ab, err := u8.Get("buffer")
	if err != nil {
		return safejs.Null(), err
	}
	return newTyped("Float64Array", ab)
}

// byteBuf is float64Array's buffer, reused from call to call.
var byteBuf []byte

func newTyped(ctor string, arg any) (safejs.Value, error) {
	c, err := safejs.Global().Get(ctor)
	if err != nil {
		return safejs.Null(), err
	}
	return c.New(arg)
}

func newObject() (safejs.Value, error) {
	c, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Null(), err
	}
	return c.New()
}

func newArray(items []any) (safejs.Value, error) {
	c, err := safejs.Global().Get("Array")
	if err != nil {
		return safejs.Null(), err
	}
	return c.Call("of", items...)
}

// jsError makes a JS Error carrying msg, which the loader's wrapper throws.
func jsError(msg string) any {
	ctor, err := safejs.Global().Get("Error")
	if err != nil {
		return nil
	}
	e, err := ctor.New(msg)
	if err != nil {
		return nil
	}
	return e
}
