//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/internal/safejs"
)

// Limits on a configuration read from the page, which may come from
// anyone's HTML or URL.
const (
	maxConfigDepth = 4
	maxConfigItems = 64
)

// mounted counts the views started by mount, to give each a unique id prefix.
var mounted int

// mount is lrplay.mount(element, config): a chart with the controls config
// names, inside element. config is an object like a data-lrplay attribute's
// JSON; what is wrong with it is shown in the element, not thrown.
func mount(args []safejs.Value) (any, error) {
	if len(args) < 1 || !isElement(args[0]) {
		return nil, errors.New("lrplay.mount(element, config) takes an element and a configuration object")
	}
	cfg := safejs.Undefined()
	if len(args) > 1 {
		cfg = args[1]
	}
	var problems []Problem
	fields, err := jsToFields(cfg)
	if err != nil {
		problems = append(problems, Problem{"", "lrplay.mount: " + err.Error() + "; showing the default schedule"})
		fields = map[string]any{}
	}
	_, err = mountView(args[0], fields, problems)
	return nil, err
}

// isElement reports whether v is a DOM element (nodeType 1), of this
// document or another frame's.
func isElement(v safejs.Value) bool {
	if !isType(v, safejs.TypeObject) {
		return false
	}
	var j jsw
	n := j.getOwn(v, "nodeType")
	return j.err == nil && isType(n, safejs.TypeNumber) && j.float(n) == 1 && j.err == nil
}

// mountAll starts a view on every element with a data-lrplay attribute
// that has none yet, and keeps doing so for elements added later, as
// single-page documentation sites do when the reader navigates.
func mountAll() error {
	var j jsw
	scan, err := export("scan", func([]safejs.Value) (any, error) {
		var j jsw
		list := j.call(document, "querySelectorAll", "[data-lrplay]:not([data-lrplay-mounted])")
		n := int(j.float(j.get(list, "length")))
		for i := range n {
			mountAttribute(j.call(list, "item", i))
		}
		return nil, j.err
	})
	if err != nil {
		return err
	}
	j.call(scan.Value(), "call", safejs.Null())
	observer := j.new(j.get(global, "MutationObserver"), scan.Value())
	j.call(observer, "observe", j.get(document, "documentElement"), j.object("childList", true, "subtree", true))
	return j.err
}

// mountAttribute starts a view configured by el's data-lrplay JSON; a
// configuration that is not JSON is said in el.
func mountAttribute(el safejs.Value) {
	var j jsw
	text := j.str(j.call(el, "getAttribute", "data-lrplay"))
	var fields map[string]any
	var problems []Problem
	if strings.TrimSpace(text) == "" {
		fields = map[string]any{}
	} else if parsed, err := callJSON("parse", text); err != nil {
		problems = append(problems, Problem{"", "data-lrplay is not valid JSON (" + err.Error() + "); showing the default schedule"})
	} else if fields, err = jsToFields(parsed); err != nil {
		problems = append(problems, Problem{"", "data-lrplay: " + err.Error()})
	}
	if fields == nil {
		fields = map[string]any{}
	}
	if _, err := mountView(el, fields, problems); err != nil {
		console("lrplay: could not mount a chart:", err.Error())
		j.set(el, "textContent", "LR Playground could not draw this chart: "+err.Error())
	}
}

// callJSON calls JSON.parse, whose exceptions safejs returns as errors.
func callJSON(method string, arg any) (safejs.Value, error) {
	j, err := global.Get("JSON")
	if err != nil {
		return safejs.Undefined(), err
	}
	return j.Call(method, arg)
}

// mountView builds a view's elements inside el and starts it.
func mountView(el safejs.Value, fields map[string]any, problems []Problem) (*view, error) {
	var j jsw
	if j.truthy(j.call(el, "hasAttribute", "data-lrplay-mounted")) {
		return nil, errors.New("this element already holds a chart")
	}
	j.call(el, "setAttribute", "data-lrplay-mounted", "")
	if old := j.call(el, "querySelector", ":scope > .lrplay-status"); j.err == nil && !old.IsNull() {
		j.call(old, "remove") // the loader's progress
	}
	cfg, more := ParseConfig(fields)
	problems = append(problems, more...)

	id := j.str(j.get(el, "id"))
	mounted++
	if id == "" {
		id = "lrplay" + strconv.Itoa(mounted)
	}
	prefix := id + "-"
	els := elements{root: el}
	// The page may say where the chart and the controls go.
	els.chart = placeholder(&j, el, "[data-lrplay-chart]", "div")
	els.controls = placeholder(&j, el, "[data-lrplay-controls]", "div")
	j.call(j.get(els.chart, "classList"), "add", "lrplay-chart")
	j.call(els.chart, "setAttribute", "id", prefix+"chart")
	j.call(els.chart, "setAttribute", "role", "img")
	j.call(j.get(els.controls, "classList"), "add", "lrplay-controls")
	els.errorBox = j.el("p", []string{"class", "error", "role", "alert", "id", prefix + "error"})
	j.call(els.chart, "before", els.errorBox)
	els.note = j.el("p", []string{"class", "note", "id", prefix + "chart-note"})
	after := els.chart
	place := func(e safejs.Value) {
		j.call(after, "after", e)
		after = e
	}
	place(els.note)
	if cfg.Mean {
		els.means = j.el("ul", []string{"class", "lrplay-means", "id", prefix + "means", "aria-label", "mean lr of each curve"})
		place(els.means)
	}
	if cfg.Downloads {
		bar := j.el("div", []string{"class", "lrplay-toolbar lrplay-downloads", "role", "group", "aria-label", "Download"}, j.text("span", "Download", "class", "label"))
		errBox := j.el("p", []string{"class", "error", "role", "alert", "id", prefix + "download-error"})
		for _, what := range []string{"png", "svg", "csv", "json", "spec"} {
			b := j.text("button", strings.ToUpper(what[:1])+what[1:], "type", "button", "id", prefix+"download-"+what, "data-download", what)
			if what != "spec" {
				j.set(b, "textContent", strings.ToUpper(what))
			}
			j.call(bar, "append", b)
		}
		place(bar)
		place(errBox)
		els.downloads, els.downloadError = bar, errBox
	}
	if cfg.Scrub || cfg.Pin {
		bar := j.el("div", []string{"class", "lrplay-toolbar"})
		if cfg.Scrub {
			els.scrub = j.el("input", []string{"type", "range", "id", prefix + "scrub", "min", "0", "max", "0", "step", "1", "value", "0"})
			els.scrubOut = j.el("output", []string{"id", prefix + "scrub-value", "for", prefix + "scrub"})
			j.call(bar, "append", j.el("label", []string{"class", "scrub"}, j.text("span", "step"), els.scrub), els.scrubOut)
			if cfg.Play {
				els.play = j.text("button", "Play", "type", "button", "id", prefix+"play", "aria-pressed", "false")
				j.call(bar, "append", els.play)
			}
		}
		if cfg.Pin {
			els.pin = j.text("button", "Pin this curve", "type", "button", "id", prefix+"pin")
			els.unpin = j.text("button", "Clear pins", "type", "button", "id", prefix+"unpin")
			j.call(bar, "append", els.pin, els.unpin)
		}
		place(bar)
	}
	j.call(j.get(el, "classList"), "add", "lrplay")
	if j.err != nil {
		return nil, j.err
	}
	return newView(els, prefix, cfg, problems)
}

// placeholder is el's descendant matching selector, or a new element of
// tag appended to el.
func placeholder(j *jsw, el safejs.Value, selector, tag string) safejs.Value {
	found := j.call(el, "querySelector", selector)
	if j.err == nil && !found.IsNull() {
		return found
	}
	e := j.el(tag, nil)
	j.call(el, "append", e)
	return e
}

// jsToFields reads a configuration object into Go values: strings,
// numbers, booleans, null, lists and objects, within bounds.
func jsToFields(v safejs.Value) (map[string]any, error) {
	if v.IsUndefined() || v.IsNull() {
		return map[string]any{}, nil
	}
	x, err := jsToGo(v, 0)
	if err != nil {
		return nil, err
	}
	m, ok := x.(map[string]any)
	if !ok {
		return nil, errors.New("the configuration must be an object")
	}
	return m, nil
}

func jsToGo(v safejs.Value, depth int) (any, error) {
	var j jsw
	t, ok := jsType(v)
	if !ok {
		t = safejs.TypeSymbol // a BigInt: no more a configuration's than a symbol
	}
	switch t {
	case safejs.TypeNull, safejs.TypeUndefined:
		return nil, nil
	case safejs.TypeBoolean:
		return j.truthy(v), j.err
	case safejs.TypeNumber:
		return j.float(v), j.err
	case safejs.TypeString:
		return j.str(v), j.err
	case safejs.TypeObject:
	default:
		return nil, errors.New("a configuration holds only strings, numbers, booleans, null, lists and objects")
	}
	if depth >= maxConfigDepth {
		return nil, errors.New("the configuration is nested too deeply")
	}
	isArray := j.truthy(j.call(j.get(global, "Array"), "isArray", v))
	keys := v
	if !isArray {
		keys = j.call(j.get(global, "Object"), "keys", v)
	}
	n := int(j.float(j.getOwn(keys, "length")))
	if j.err != nil {
		return nil, j.err
	}
	if n > maxConfigItems {
		return nil, errors.New("the configuration has a list or object of more than " + strconv.Itoa(maxConfigItems) + " items")
	}
	if isArray {
		out := make([]any, n)
		for i := range n {
			x, err := jsToGo(j.call(v, "at", i), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, j.err
	}
	out := make(map[string]any, n)
	for i := range n {
		key := j.str(j.call(keys, "at", i))
		x, err := jsToGo(j.getOwn(v, key), depth+1)
		if err != nil {
			return nil, err
		}
		out[key] = x
	}
	return out, j.err
}

// runEmbed starts embed.html: one view configured wholly by the URL query,
// which tells the page that frames it how tall it is.
func runEmbed() error {
	var j jsw
	search := strings.TrimPrefix(j.str(j.get(j.get(global, "location"), "search")), "?")
	root := j.byID("lrplay")
	if j.err != nil {
		return j.err
	}
	fields := map[string]any{}
	var problems []Problem
	if len(search) > maxQueryBytes {
		problems = append(problems, Problem{"", "the query is " + strconv.Itoa(len(search)) + " bytes, more than the " + strconv.Itoa(maxQueryBytes) + " read; showing the default schedule"})
	} else {
		q, err := parseQuery(search)
		if err != nil {
			problems = append(problems, Problem{"", "the query is malformed (" + err.Error() + "); some values may be missing"})
		}
		for k, vs := range q {
			fields[k] = vs[len(vs)-1]
		}
	}
	if _, ok := fields["downloads"]; !ok {
		fields["downloads"] = true // an embed offers its figure and numbers unless told not to
	}
	v, err := mountView(root, fields, problems)
	if err != nil {
		return err
	}
	hideStatus := func() {
		var j jsw
		j.set(j.byID("status"), "hidden", true)
	}
	if v.ready {
		hideStatus()
	} else {
		v.onFirst = hideStatus
	}
	return reportHeight()
}

// reportHeight posts the page's height to the page that frames it, now and
// whenever it changes, so that a short script there can size the iframe.
func reportHeight() error {
	var j jsw
	if parent := j.get(global, "parent"); j.err != nil || parent.Equal(global) {
		return j.err // not framed
	}
	post, err := export("height", func([]safejs.Value) (any, error) {
		var j jsw
		h := j.float(j.get(j.get(document, "documentElement"), "scrollHeight"))
		msg := j.object("type", "lrplay:resize", "height", h)
		j.call(j.get(global, "parent"), "postMessage", msg, "*")
		return nil, j.err
	})
	if err != nil {
		return err
	}
	observer := j.new(j.get(global, "ResizeObserver"), post.Value())
	j.call(observer, "observe", j.get(document, "documentElement"))
	return j.err
}
