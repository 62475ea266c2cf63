//go:build js && wasm

package main

import (
	"errors"
	"math"
	"strconv"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/safejs"
)

// handler is an exported function's Go side: it returns a value for JS or an error.
type handler func(args []safejs.Value) (any, error)

// export wraps h as a JS function that never lets a Go panic escape: a
// panic or an error comes back to the caller as a JS Error value, which the
// loader's wrapper throws. The Go runtime keeps running either way.
func export(name string, h handler) (safejs.Func, error) {
	return safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				console("lrplay."+name+" panicked:", panicText(r))
				result = jsError("lrplay." + name + ": internal error: " + panicText(r))
			}
		}()
		v, err := h(args)
		if err != nil {
			return jsError(err.Error())
		}
		return v
	})
}

// panicText says what a recovered panic value is, without fmt: runtime
// errors, errors, Stringers and strings say it themselves.
func panicText(r any) string {
	switch r := r.(type) {
	case error:
		return r.Error()
	case interface{ String() string }:
		return r.String()
	case string:
		return r
	}
	return "a panic with a value of another type"
}

// console writes to the browser console's error log, best effort.
func console(args ...any) {
	if c, err := global.Get("console"); err == nil {
		_, _ = c.Call("error", args...)
	}
}

// newBridge builds the object behind window.lrplay: evaluate and kinds.
func newBridge(extra map[string]handler) (safejs.Value, error) {
	handlers := map[string]handler{
		"evaluate": evaluate,
		"kinds": func([]safejs.Value) (any, error) {
			var j jsw
			v := j.call(j.get(global, "JSON"), "parse", kindsJSON)
			return v, j.err
		},
	}
	for name, h := range extra {
		handlers[name] = h
	}
	var j jsw
	obj := j.object()
	for name, h := range handlers {
		f, err := export(name, h)
		if err != nil {
			return safejs.Null(), err
		}
		j.set(obj, name, f.Value())
	}
	return obj, j.err
}

// evaluate is lrplay.evaluate(specJSON, steps) → Float64Array of core.Evaluate.
func evaluate(args []safejs.Value) (any, error) {
	if len(args) != 2 || !isType(args[0], safejs.TypeString) || !isType(args[1], safejs.TypeNumber) {
		return nil, errors.New("lrplay.evaluate(specJSON, steps) takes a JSON string and a number of steps")
	}
	var j jsw
	spec := j.str(args[0])
	steps := j.float(args[1])
	if j.err != nil {
		return nil, j.err
	}
	if steps != math.Trunc(steps) || steps < 1 || steps > core.MaxEvaluateSteps {
		return nil, &core.Error{Param: "steps", Msg: strconv.FormatFloat(steps, 'g', -1, 64) + " is not a whole number in [1, " + strconv.Itoa(core.MaxEvaluateSteps) + "]"}
	}
	vals, err := core.Evaluate([]byte(spec), int(steps))
	if err != nil {
		return nil, err
	}
	return float64Array(vals)
}

func isType(v safejs.Value, want safejs.Type) bool {
	t, ok := jsType(v)
	return ok && t == want
}

// float64Array copies vals into a new JS Float64Array in one bulk copy.
func float64Array(vals []float64) (safejs.Value, error) {
	buf := make([]byte, 8*len(vals))
	for i, v := range vals {
		putFloat64(buf[8*i:], v)
	}
	var j jsw
	u8 := j.new(j.get(global, "Uint8Array"), len(buf))
	if j.err != nil {
		return safejs.Null(), j.err
	}
	if _, err := safejs.CopyBytesToJS(u8, buf); err != nil {
		return safejs.Null(), err
	}
	f64 := j.new(j.get(global, "Float64Array"), j.get(u8, "buffer"))
	return f64, j.err
}

// putFloat64 writes v to b[:8] in little-endian order, as wasm memory and
// typed arrays hold it (encoding/binary would link reflect into the wasm).
func putFloat64(b []byte, v float64) {
	u := math.Float64bits(v)
	_ = b[7]
	for i := range 8 {
		b[i] = byte(u >> (8 * i))
	}
}
