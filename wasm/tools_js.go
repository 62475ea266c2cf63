//go:build js && wasm

package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hack-pad/safejs"

	"github.com/lrplay/lrplay/core"
)

// Delays after the last redraw before the tools that cost more than a
// frame run: a drag stays smooth, and they are current a moment after it.
const (
	lintDelayMS  = 120
	toolsDelayMS = 300
)

// tools are the playground's panels around the chart: pitfalls (core.Lint)
// with one-click fixes, the run as code (core.Code), the same curve in
// other frameworks (core.Translate), downloads, and reading a pasted
// constructor call (core.ImportCode).
type tools struct {
	pg           *playground
	lintTimer    safejs.Value
	toolsTimer   safejs.Value
	lintFn       safejs.Func
	toolsFn      safejs.Func
	findings     []core.Finding
	translations []core.Translation
}

func newTools(pg *playground) (*tools, error) {
	t := &tools{pg: pg, lintTimer: safejs.Undefined(), toolsTimer: safejs.Undefined()}
	var err error
	t.lintFn, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		defer pg.v.recover()
		t.lint()
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.toolsFn, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		defer pg.v.recover()
		t.refreshPanels()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, t.listen()
}

// drawn runs after every redraw of the curves.
func (t *tools) drawn() {
	var j jsw
	for _, timer := range []*safejs.Value{&t.lintTimer, &t.toolsTimer} {
		if !timer.IsUndefined() {
			j.call(global, "clearTimeout", *timer)
		}
	}
	t.lintTimer = j.call(global, "setTimeout", t.lintFn.Value(), lintDelayMS)
	t.toolsTimer = j.call(global, "setTimeout", t.toolsFn.Value(), toolsDelayMS)
}

func (t *tools) listen() error {
	var j jsw
	on := func(id, event string, h handler) {
		if j.err != nil {
			return
		}
		f, err := export(id, h)
		if err != nil {
			j.err = err
			return
		}
		j.call(j.byID(id), "addEventListener", event, f.Value())
	}
	for _, what := range []string{"png", "svg", "csv", "json", "spec"} {
		on("download-"+what, "click", func([]safejs.Value) (any, error) {
			var j jsw
			msg := ""
			if err := t.pg.v.download(what); err != nil {
				msg = err.Error()
			}
			j.set(j.byID("download-error"), "textContent", msg)
			return nil, j.err
		})
	}
	on("code-panel", "toggle", func([]safejs.Value) (any, error) { t.refreshPanels(); return nil, nil })
	on("translate-panel", "toggle", func([]safejs.Value) (any, error) { t.refreshPanels(); return nil, nil })
	on("code-framework", "input", func([]safejs.Value) (any, error) { t.code(); return nil, nil })
	on("code-copy", "click", t.copyCode)
	on("translate-clear", "click", func([]safejs.Value) (any, error) {
		t.pg.v.pins = nil
		t.pg.v.scheduleCurves()
		return nil, t.showClear()
	})
	on("paste-read", "click", t.paste)
	on("findings", "click", t.applyFix)
	on("translations", "click", t.overlay)
	sel := j.byID("code-framework")
	j.call(sel, "append", j.text("option", "its own framework", "value", ""))
	for _, fw := range core.Frameworks() {
		j.call(sel, "append", j.text("option", fw, "value", fw))
	}
	return j.err
}

// lint lists the run's pitfalls beside the chart and shades their steps on it.
func (t *tools) lint() {
	v := t.pg.v
	if len(v.curves) == 0 {
		return
	}
	findings, err := core.Lint(v.curves[0].Sched, v.steps)
	if err != nil {
		findings = nil
	}
	t.findings = findings
	var j jsw
	list := j.byID("findings")
	j.set(list, "textContent", "")
	areas := j.array()
	for i, f := range findings {
		item := j.el("li", []string{"data-code", f.Code},
			j.text("span", f.Message, "class", "message"), j.text("span", " "+stepsText(f.From, f.To), "class", "steps"))
		if f.FixLabel != "" {
			j.call(item, "append", j.text("button", "Fix: "+f.FixLabel, "type", "button", "data-fix", strconv.Itoa(i)))
		}
		j.call(list, "append", item)
		// One shade per range: findings over the same steps would stack into an opaque band.
		if !slices.ContainsFunc(findings[:i], func(g core.Finding) bool { return g.From == f.From && g.To == f.To }) {
			j.call(areas, "push", j.array(j.object("xAxis", float64(f.From), "name", f.Code), j.object("xAxis", float64(f.To))))
		}
	}
	j.set(j.byID("warnings"), "hidden", len(findings) == 0)
	area := j.object("silent", true, "data", areas, "itemStyle", j.object("color", "rgba(199, 119, 0, 0.08)"),
		"label", j.object("show", true, "position", "insideTop", "fontSize", 10, "color", "#c77700"))
	j.call(v.chart, "setOption", j.object("series", j.array(j.object("id", "s0", "markArea", area))))
	j.call(v.els.chart, "setAttribute", "data-findings", strconv.Itoa(len(findings)))
	if j.err != nil {
		v.showGeneral(j.err.Error())
	}
}

// applyFix takes a click on a finding's fix: its parameters go into the
// controls, and the chart redraws.
func (t *tools) applyFix(args []safejs.Value) (any, error) {
	var j jsw
	attr := j.call(j.get(args[0], "target"), "getAttribute", "data-fix")
	if j.err != nil || attr.IsNull() {
		return nil, j.err
	}
	i, err := strconv.Atoi(j.str(attr))
	if err != nil || i < 0 || i >= len(t.findings) {
		return nil, j.err
	}
	v := t.pg.v
	for name, value := range t.findings[i].Fix {
		p := v.param(name)
		if p == nil {
			continue
		}
		text := p.FormatValue(value)
		v.state.Values[name] = text
		delete(v.sticky, name)
		if c, ok := v.controls[name]; ok {
			if p.Type == core.Bool {
				j.set(c.input, "checked", text == "true")
			} else {
				j.set(c.input, "value", text)
			}
			v.placeSlider(&j, c, text)
		}
	}
	v.scheduleCurves()
	return nil, j.err
}

// refreshPanels updates the open panels: code and translations.
func (t *tools) refreshPanels() {
	var j jsw
	if j.truthy(j.get(j.byID("code-panel"), "open")) {
		t.code()
	}
	if j.truthy(j.get(j.byID("translate-panel"), "open")) {
		t.translate()
	}
}

// code shows the run as a snippet in the chosen framework.
func (t *tools) code() {
	v := t.pg.v
	if len(v.curves) == 0 {
		return
	}
	var j jsw
	fw := j.str(j.get(j.byID("code-framework"), "value"))
	text, err := core.Code(v.curves[0].Sched, v.steps, fw)
	msg := ""
	if err != nil {
		msg, text = message(err), ""
	}
	j.set(j.byID("code-text"), "textContent", text)
	j.set(j.byID("code-error"), "textContent", msg)
	j.set(j.byID("code-copied"), "textContent", "")
}

// copyCode puts the snippet on the clipboard, or selects it for the reader
// to copy where the browser does not allow that.
func (t *tools) copyCode([]safejs.Value) (any, error) {
	var j jsw
	text := j.str(j.get(j.byID("code-text"), "textContent"))
	status := j.byID("code-copied")
	clip := j.get(j.get(global, "navigator"), "clipboard")
	selectIt := func() {
		var j jsw
		j.call(j.call(global, "getSelection"), "selectAllChildren", j.byID("code-text"))
		j.set(status, "textContent", "Selected: press Ctrl+C (⌘C) to copy.")
	}
	if j.err != nil || clip.IsUndefined() {
		selectIt()
		return nil, nil
	}
	done, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		var j jsw
		j.set(status, "textContent", "Copied.")
		return nil
	})
	if err != nil {
		return nil, err
	}
	failed, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		selectIt()
		return nil
	})
	if err != nil {
		return nil, err
	}
	j.call(j.call(clip, "writeText", text), "then", done.Value(), failed.Value())
	return nil, j.err
}

// translate lists the parameters that give the curve in each other framework.
func (t *tools) translate() {
	v := t.pg.v
	if len(v.curves) == 0 {
		return
	}
	t.translations = core.Translate(v.curves[0].Sched, v.steps)
	var j jsw
	body := j.call(j.byID("translations"), "querySelector", "tbody")
	j.set(body, "textContent", "")
	for i, tr := range t.translations {
		params := j.el("td", nil)
		if tr.Spec != nil {
			j.call(params, "append", j.text("code", string(tr.Spec)))
		} else {
			j.set(params, "textContent", "—")
		}
		action := j.el("td", nil)
		if tr.Spec != nil {
			j.call(action, "append", j.text("button", "Overlay", "type", "button", "data-overlay", strconv.Itoa(i)))
		}
		row := j.el("tr", []string{"data-framework", tr.Framework}, j.text("th", tr.Framework, "scope", "row"), params,
			j.text("td", tr.Note, "class", "verdict"), action)
		j.call(body, "append", row)
	}
	if j.err != nil {
		v.showGeneral(j.err.Error())
	}
}

// overlay draws a translation's curve over the original, to show that they
// coincide (or where they do not).
func (t *tools) overlay(args []safejs.Value) (any, error) {
	var j jsw
	attr := j.call(j.get(args[0], "target"), "getAttribute", "data-overlay")
	if j.err != nil || attr.IsNull() {
		return nil, j.err
	}
	i, err := strconv.Atoi(j.str(attr))
	if err != nil || i < 0 || i >= len(t.translations) || t.translations[i].Spec == nil {
		return nil, j.err
	}
	tr := t.translations[i]
	s, err := core.Parse(tr.Spec)
	if err != nil {
		return nil, err
	}
	v := t.pg.v
	label := tr.Framework + ": " + tr.Kind
	v.pins = slices.DeleteFunc(v.pins, func(c Curve) bool { return c.Label == label })
	if len(v.pins) == maxPins {
		v.pins = v.pins[1:]
	}
	v.pins = append(v.pins, Curve{Label: label, Sched: s})
	v.scheduleCurves()
	return nil, t.showClear()
}

func (t *tools) showClear() error {
	var j jsw
	j.set(j.byID("translate-clear"), "hidden", len(t.pg.v.pins) == 0)
	return j.err
}

// paste reads a constructor call from a training script into the playground.
func (t *tools) paste([]safejs.Value) (any, error) {
	var j jsw
	src := j.str(j.get(j.byID("paste"), "value"))
	if j.err != nil {
		return nil, j.err
	}
	errEl, notesEl := j.byID("paste-error"), j.byID("paste-notes")
	spec, notes, err := core.ImportCode(src)
	var s *core.Schedule
	if err == nil {
		s, err = core.Parse(spec)
	}
	if err != nil {
		j.set(errEl, "textContent", err.Error())
		j.set(notesEl, "textContent", "")
		return nil, j.err
	}
	st := defaultState(s.Kind())
	for name, value := range s.Args() {
		if p := s.Kind().Param(name); p != nil {
			st.Values[name] = p.FormatValue(value)
		}
	}
	st = t.pg.keepView(st)
	st.Steps = t.pg.v.state.Steps
	j.set(errEl, "textContent", "")
	j.set(notesEl, "textContent", strings.Join(notes, " "))
	return nil, t.pg.setState(st)
}
