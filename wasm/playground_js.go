//go:build js && wasm

package main

import (
	"strings"

	"github.com/hack-pad/safejs"

	"github.com/lrplay/lrplay/core"
)

// playground is the main page: one view with every control of the chosen
// kind, a kind selector, a log-axis switch, and the state in the URL.
type playground struct {
	v        *view
	tools    *tools
	urlTimer safejs.Value
	urlFunc  safejs.Func
}

// runPlayground starts the playground on a page that has #chart, #controls,
// #kind and #log.
func runPlayground() error {
	var j jsw
	search := j.str(j.get(j.get(global, "location"), "search"))
	if j.err != nil {
		return j.err
	}
	st, problems := ParseQuery(strings.TrimPrefix(search, "?"))
	pg := &playground{urlTimer: safejs.Undefined()}
	var err error
	pg.urlFunc, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		defer pg.v.recover()
		var j jsw
		j.call(j.get(global, "history"), "replaceState", safejs.Null(), "", "?"+pg.v.state.Query())
		return nil
	})
	if err != nil {
		return err
	}
	if err := pg.initKinds(st); err != nil {
		return err
	}
	els := elements{
		root:     safejs.Undefined(),
		chart:    j.byID("chart"),
		note:     j.byID("chart-note"),
		errorBox: j.byID("error"),
		controls: j.byID("controls"),
		units:    j.byID("units-controls"),
		means:    safejs.Undefined(), scrub: safejs.Undefined(), scrubOut: safejs.Undefined(),
		play: safejs.Undefined(), pin: safejs.Undefined(), unpin: safejs.Undefined(),
	}
	if j.err != nil {
		return j.err
	}
	// Problems with the kind concern the selector, which shows none: say them in general.
	for i := range problems {
		if problems[i].Param == "kind" {
			problems[i].Param = ""
		}
	}
	pg.v, err = newView(els, "", Config{State: st, Controls: allControls(st)}, problems)
	if err != nil {
		return err
	}
	if pg.tools, err = newTools(pg); err != nil {
		return err
	}
	pg.v.onDrawn = func() {
		pg.scheduleURL()
		pg.tools.drawn()
	}
	pg.v.onFirst = func() {
		var j jsw
		j.set(j.get(j.get(document, "body"), "dataset"), "ready", "true")
		j.set(j.byID("status"), "hidden", true)
		j.call(j.get(global, "performance"), "mark", "lrplay:first-chart") // for the browser benchmark
	}
	pg.describeKind()
	return pg.listen()
}

func (pg *playground) initKinds(st State) error {
	var j jsw
	sel := j.byID("kind")
	for _, k := range core.Kinds() {
		j.call(sel, "append", j.text("option", k.Name+" — "+k.Title, "value", k.Name))
	}
	j.set(sel, "value", st.Kind.Name)
	j.set(j.byID("log"), "checked", st.LogY)
	j.set(j.byID("x-epochs"), "checked", st.XEpochs)
	return j.err
}

// describeKind shows the kind's doc and its link: its framework's documentation, or what LinkText names.
func (pg *playground) describeKind() {
	var j jsw
	k := pg.v.state.Kind
	j.set(j.byID("kind-doc"), "textContent", k.Doc+" Step i is "+k.Convention+".")
	link := j.byID("kind-link")
	if k.Link != "" {
		j.call(link, "setAttribute", "href", k.Link)
		text := k.LinkText
		if text == "" {
			text = k.Framework + " documentation"
		}
		j.set(link, "textContent", text)
		j.set(link, "hidden", false)
	} else {
		j.set(link, "hidden", true)
	}
	if j.err != nil {
		pg.v.showGeneral(j.err.Error())
	}
}

// listen follows the kind selector and the log switch.
func (pg *playground) listen() error {
	var j jsw
	onKind, err := export("kind", func([]safejs.Value) (any, error) {
		var j jsw
		name := j.str(j.get(j.byID("kind"), "value"))
		k := core.LookupKind(name)
		if k == nil {
			if j.err == nil { // an option that is no kind: a tampered page
				pg.v.showGeneral(unknownKind(name) + "; still showing " + pg.v.state.Kind.Name)
			}
			return nil, j.err
		}
		return nil, errOr(j.err, pg.setState(pg.keepView(defaultState(k))))
	})
	if err != nil {
		return err
	}
	j.call(j.byID("kind"), "addEventListener", "input", onKind.Value())
	onLog, err := export("log", func([]safejs.Value) (any, error) {
		var j jsw
		pg.v.state.LogY = j.truthy(j.get(j.byID("log"), "checked"))
		pg.v.scheduleCurves()
		return nil, j.err
	})
	if err != nil {
		return err
	}
	j.call(j.byID("log"), "addEventListener", "input", onLog.Value())
	onX, err := export("x-epochs", func([]safejs.Value) (any, error) {
		var j jsw
		pg.v.state.XEpochs = j.truthy(j.get(j.byID("x-epochs"), "checked"))
		pg.v.scheduleCurves()
		return nil, j.err
	})
	if err != nil {
		return err
	}
	j.call(j.byID("x-epochs"), "addEventListener", "input", onX.Value())
	return j.err
}

// keepView carries what describes the reader's run rather than the
// schedule (the log axis, the units, the x axis) into another kind's state.
func (pg *playground) keepView(st State) State {
	old := pg.v.state
	st.LogY, st.XEpochs = old.LogY, old.XEpochs
	for _, p := range unitsParams {
		st.Values[p.Name] = old.Values[p.Name]
	}
	return st
}

// setState shows another schedule: its kind, controls and chart.
func (pg *playground) setState(st State) error {
	v := pg.v
	v.state, v.cfg.Controls, v.sticky = st, allControls(st), map[string]string{}
	var j jsw
	j.set(j.byID("kind"), "value", st.Kind.Name)
	j.set(j.byID("log"), "checked", st.LogY)
	j.set(j.byID("x-epochs"), "checked", st.XEpochs)
	v.showGeneral("")
	pg.describeKind()
	if err := v.buildControls(); err != nil {
		return err
	}
	v.scheduleCurves()
	return j.err
}

// scheduleURL writes the state into the URL a moment after the last change:
// browsers limit how often history.replaceState may be called.
func (pg *playground) scheduleURL() {
	var j jsw
	if !pg.urlTimer.IsUndefined() {
		j.call(global, "clearTimeout", pg.urlTimer)
	}
	pg.urlTimer = j.call(global, "setTimeout", pg.urlFunc.Value(), 250)
}
