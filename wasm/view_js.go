//go:build js && wasm

package main

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hack-pad/safejs"

	"github.com/lrplay/lrplay/core"
	"github.com/lrplay/lrplay/internal/strs"
)

// maxPins caps the curves a reader can pin on one chart.
const maxPins = 6

// control is one parameter's inputs on the page.
type control struct {
	param  *core.Param
	input  safejs.Value // the value: a text box, checkbox or select, id = prefix + parameter name
	slider safejs.Value // the range input beside a numeric text box, or undefined
	alert  safejs.Value // the role="alert" element for its errors
	block  safejs.Value // the element holding all of the above
	scale  Slider
}

// elements are the parts of the page a view draws into. chart and
// controls are required; the rest may be undefined.
type elements struct {
	root     safejs.Value // where data-bind elements are looked for
	chart    safejs.Value
	note     safejs.Value // says what the chart leaves out
	errorBox safejs.Value // problems that concern no single control
	controls safejs.Value
	units    safejs.Value // where the units' controls go, if not with the others
	means    safejs.Value // each curve's mean lr, when asked for
	scrub    safejs.Value // the step slider, when asked for
	scrubOut safejs.Value // what the step slider points at
	play     safejs.Value
	pin      safejs.Value
	unpin    safejs.Value

	downloads     safejs.Value // the download buttons' group, with data-download on each
	downloadError safejs.Value
}

// view is one chart with its controls: the playground's, an embed's, or a
// tutorial section's. Controls → state → chart, one way.
type view struct {
	cfg      Config
	state    State
	prefix   string // of the ids of the view's elements, "" on the playground
	els      elements
	binds    []safejs.Value // elements with data-bind under els.root
	controls map[string]*control
	sticky   map[string]string // configuration problems per control, shown until it is edited
	chart    safejs.Value      // the ECharts instance

	pending     bool // a redraw is scheduled for the next frame
	curvesDirty bool // the next redraw recomputes the curves, not only the scrubber
	frame       safejs.Func
	onDrawn     func() // after every redraw that changed the curves
	onFirst     func() // after the first chart

	curves []Curve // what the chart shows
	steps  int64
	pins   []Curve
	exact  map[*core.Schedule][]float64 // every value of a run, made on first need
	means  []string                     // the text of each curve's mean

	scrub   int64 // the step the scrubber points at
	playing bool
	playFn  safejs.Func

	// shown is what the ECharts instance holds besides the curves; zero
	// after the chart is made anew.
	shown struct {
		markers []core.Annotation
		yType   string
		xUnit   string // "step", or "epoch" with its steps per epoch
		series  string // the ids of the series, joined
	}
	formatter      safejs.Value // the tooltip formatter, made once
	seriesTemplate safejs.Value // the base option's series, which each curve's copies
	epochLabel     safejs.Value // the x axis label formatter in epochs, made once
	xy             []byte       // reused buffer of interleaved step, lr pairs
	// arrays are the JS buffers the curves cross in, one per series,
	// kept between redraws so that a redraw allocates no large JS object:
	// each redraw hands ECharts a view of the first values of one.
	arrays []jsArray
	ready  bool
}

// newView starts a view on els with the configuration cfg; problems are
// what was wrong with the configuration, shown until fixed.
func newView(els elements, prefix string, cfg Config, problems []Problem) (*view, error) {
	v := &view{cfg: cfg, state: cfg.State, prefix: prefix, els: els, sticky: map[string]string{},
		exact: map[*core.Schedule][]float64{}, formatter: safejs.Undefined(), seriesTemplate: safejs.Undefined(), epochLabel: safejs.Undefined(), curvesDirty: true}
	v.scrub = min(max(cfg.ScrubAt, 0), max(v.stepsOrZero()-1, 0))
	var general []string
	for _, pr := range problems {
		if slices.Contains(cfg.Controls, pr.Param) {
			v.sticky[pr.Param] = pr.Msg
		} else if pr.Param != "" {
			general = append(general, pr.Param+": "+pr.Msg)
		} else {
			general = append(general, pr.Msg)
		}
	}
	if err := v.initChart(); err != nil {
		return nil, err
	}
	if err := v.buildControls(); err != nil {
		return nil, err
	}
	if err := v.listen(); err != nil {
		return nil, err
	}
	if err := v.findBinds(); err != nil {
		return nil, err
	}
	v.showGeneral(strings.Join(general, " "))
	v.schedule() // the first chart, at the next frame: after the caller has set onDrawn and onFirst
	return v, nil
}

func (v *view) stepsOrZero() int64 {
	n, _ := parseSteps(v.state.Steps)
	return n
}

// initChart starts ECharts on the chart element, in the dark theme when
// the reader prefers it, follows the element's size, and restarts the
// chart when the preferred colour scheme changes.
func (v *view) initChart() error {
	var j jsw
	dark := j.call(global, "matchMedia", "(prefers-color-scheme: dark)")
	if err := v.newChart(j.truthy(j.get(dark, "matches"))); err != nil {
		return err
	}
	resize, err := export("resize", func([]safejs.Value) (any, error) {
		var j jsw
		j.call(v.chart, "resize")
		if v.ready { // the columns follow the width
			v.scheduleCurves()
		}
		return nil, j.err
	})
	if err != nil {
		return err
	}
	observer := j.new(j.get(global, "ResizeObserver"), resize.Value())
	j.call(observer, "observe", v.els.chart)
	scheme, err := export("colour-scheme", func(args []safejs.Value) (any, error) {
		var j jsw
		isDark := len(args) > 0 && j.truthy(j.get(args[0], "matches"))
		j.call(j.get(global, "echarts"), "dispose", v.chart)
		if err := errOr(j.err, v.newChart(isDark)); err != nil {
			return nil, err
		}
		v.curvesDirty = true
		v.redraw()
		return nil, nil
	})
	if err != nil {
		return err
	}
	j.call(dark, "addEventListener", "change", scheme.Value())
	return j.err
}

// newChart makes the ECharts instance and gives it the base option.
func (v *view) newChart(dark bool) error {
	var j jsw
	echarts := j.get(global, "echarts")
	if j.err == nil && echarts.IsUndefined() {
		return errString("ECharts did not load (echarts.min.js)")
	}
	theme := safejs.Null()
	if dark {
		theme, _ = safejs.ValueOf("dark")
	}
	v.chart = j.call(echarts, "init", v.els.chart, theme)
	v.shown.markers, v.shown.yType, v.shown.xUnit, v.shown.series = nil, "", "", ""
	opt := j.call(j.get(global, "JSON"), "parse", baseOption)
	j.set(opt, "backgroundColor", "transparent")
	if v.formatter.IsUndefined() {
		f, err := export("tooltip", v.tooltip)
		if err != nil {
			return err
		}
		v.formatter = f.Value()
	}
	j.set(j.get(opt, "tooltip"), "formatter", v.formatter)
	v.seriesTemplate = j.call(j.get(opt, "series"), "at", 0)
	j.set(opt, "series", j.array())
	j.call(v.chart, "setOption", opt)
	return j.err
}

// tooltip shows the exact lr of each curve at the step under the pointer.
func (v *view) tooltip(args []safejs.Value) (any, error) {
	if len(args) == 0 || len(v.curves) == 0 {
		return "", nil
	}
	var j jsw
	x := j.float(j.get(j.get(args[0], "0"), "axisValue"))
	if j.err != nil {
		return "", j.err
	}
	step := min(max(int64(math.Round(x)), 0), v.steps-1)
	// ECharts treats the result as HTML: numbers, fixed words and escaped labels only.
	out := "step " + strconv.FormatInt(step, 10)
	if spe := v.stepsPerEpoch(); spe > 1 {
		out += " (epoch " + formatNumber(float64(step)/float64(spe)) + ")"
	}
	all := v.allCurves()
	for _, c := range all {
		out += "<br>"
		if len(all) > 1 {
			out += htmlEscape(c.Label) + ": "
		}
		out += "lr " + formatNumber(v.valueAt(c.Sched, step))
	}
	return out, nil
}

func (v *view) allCurves() []Curve { return append(slices.Clip(v.curves), v.pins...) }

// valueAt is the lr of a step as the framework computes it: through Fill
// for runs Evaluate can hold (a recursive kind's At is a closed form that
// may differ in the last bits), through At beyond.
func (v *view) valueAt(s *core.Schedule, step int64) float64 {
	if v.steps <= core.MaxEvaluateSteps {
		vals, ok := v.exact[s]
		if !ok {
			vals, _ = s.Values(int(v.steps)) // CheckSteps passed when it was drawn
			v.exact[s] = vals
		}
		if step < int64(len(vals)) {
			return vals[step]
		}
	}
	return s.At(step, v.steps)
}

// param is the parameter behind a control name.
func (v *view) param(name string) *core.Param {
	if name == "steps" {
		return &stepsParam
	}
	if p := unitsParam(name); p != nil {
		return p
	}
	for _, p := range v.state.Params() {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// buildControls replaces the controls with those the configuration names.
func (v *view) buildControls() error {
	var j jsw
	j.set(v.els.controls, "textContent", "")
	if !v.els.units.IsUndefined() {
		j.set(v.els.units, "textContent", "")
	}
	v.controls = map[string]*control{}
	for _, name := range v.cfg.Controls {
		prm := v.param(name)
		if prm == nil {
			continue
		}
		c := v.newControl(&j, prm)
		v.controls[prm.Name] = c
		box := v.els.controls
		if unitsParam(name) != nil && !v.els.units.IsUndefined() {
			box = v.els.units
		}
		j.call(box, "append", c.block)
	}
	return j.err
}

// newControl builds one parameter's block: label, inputs, doc and alert.
func (v *view) newControl(j *jsw, prm *core.Param) *control {
	c := &control{param: prm, slider: safejs.Undefined()}
	id := v.prefix + prm.Name
	value := v.state.Values[prm.Name]
	if prm == &stepsParam {
		value = v.state.Steps
	}
	c.alert = j.el("p", []string{"id", id + "-error", "class", "error", "role", "alert"})
	head := j.el("div", []string{"class", "control-head"},
		j.text("label", prm.Name, "for", id), j.text("span", rangeText(prm), "class", "range"))
	block := j.el("div", []string{"class", "control", "data-param", prm.Name}, head)
	inputs := j.el("div", []string{"class", "inputs"})
	described := id + "-doc " + id + "-error"
	switch prm.Type {
	case core.Bool:
		c.input = j.el("input", []string{"type", "checkbox", "id", id, "data-param", prm.Name, "aria-describedby", described})
		j.set(c.input, "checked", value == "true")
		j.call(inputs, "append", c.input)
	case core.Enum:
		c.input = j.el("select", []string{"id", id, "data-param", prm.Name, "aria-describedby", described})
		for _, o := range prm.Options {
			j.call(c.input, "append", j.text("option", o, "value", o))
		}
		j.set(c.input, "value", value)
		j.call(inputs, "append", c.input)
	default:
		c.scale = sliderFor(prm)
		if prm == &stepsParam {
			c.scale = stepsSlider
		}
		lo, hi, step := c.scale.Attrs()
		c.slider = j.el("input", []string{"type", "range", "id", id + "-slider", "data-param", prm.Name, "data-slider", "",
			"min", lo, "max", hi, "step", step, "aria-label", prm.Name + " slider", "aria-controls", id})
		c.input = j.el("input", []string{"type", "text", "id", id, "data-param", prm.Name, "inputmode", "decimal",
			"autocomplete", "off", "spellcheck", "false", "aria-describedby", described})
		j.set(c.input, "value", value)
		v.placeSlider(j, c, value)
		j.call(inputs, "append", c.slider, c.input)
	}
	j.call(block, "append", inputs, j.text("p", prm.Doc, "id", id+"-doc", "class", "doc"), c.alert)
	c.block = block
	return c
}

// placeSlider moves a control's slider to the value typed in its box.
func (v *view) placeSlider(j *jsw, c *control, text string) {
	if c.slider.IsUndefined() {
		return
	}
	if x, ok := sliderValue(text); ok {
		j.set(c.slider, "value", c.scale.Position(x))
	}
}

// listen wires the view's events: every input event schedules one redraw per frame.
func (v *view) listen() error {
	var j jsw
	onInput, err := export("input", v.onInput)
	if err != nil {
		return err
	}
	j.call(v.els.controls, "addEventListener", "input", onInput.Value())
	if !v.els.units.IsUndefined() {
		j.call(v.els.units, "addEventListener", "input", onInput.Value())
	}
	if !v.els.scrub.IsUndefined() {
		onScrub, err := export("scrub", v.onScrub)
		if err != nil {
			return err
		}
		j.call(v.els.scrub, "addEventListener", "input", onScrub.Value())
	}
	for _, b := range []struct {
		el safejs.Value
		fn handler
	}{{v.els.play, v.onPlay}, {v.els.pin, v.onPin}, {v.els.unpin, v.onUnpin}} {
		if b.el.IsUndefined() {
			continue
		}
		f, err := export("click", b.fn)
		if err != nil {
			return err
		}
		j.call(b.el, "addEventListener", "click", f.Value())
	}
	if !v.els.downloads.IsUndefined() {
		f, err := export("download", func(args []safejs.Value) (any, error) {
			var j jsw
			what := j.call(j.get(args[0], "target"), "getAttribute", "data-download")
			if j.err != nil || what.IsNull() {
				return nil, j.err
			}
			msg := ""
			if err := v.download(j.str(what)); err != nil {
				msg = err.Error()
			}
			j.set(v.els.downloadError, "textContent", msg)
			return nil, j.err
		})
		if err != nil {
			return err
		}
		j.call(v.els.downloads, "addEventListener", "click", f.Value())
	}
	v.frame, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		defer v.recover()
		v.pending = false
		v.redraw()
		return nil
	})
	if err != nil {
		return err
	}
	v.playFn, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		defer v.recover()
		v.playFrame()
		return nil
	})
	return errOr(err, j.err)
}

// findBinds collects the elements under the root that show a value.
func (v *view) findBinds() error {
	if v.els.root.IsUndefined() {
		return nil
	}
	var j jsw
	list := j.call(v.els.root, "querySelectorAll", "[data-bind]")
	n := int(j.float(j.get(list, "length")))
	for i := range n {
		v.binds = append(v.binds, j.call(list, "item", i))
	}
	return j.err
}

// onInput takes one input event from the controls: it updates the state
// from the control that fired and schedules a redraw.
func (v *view) onInput(args []safejs.Value) (any, error) {
	if len(args) == 0 {
		return nil, nil
	}
	var j jsw
	target := j.get(args[0], "target")
	name := j.str(j.call(target, "getAttribute", "data-param"))
	fromSlider := j.truthy(j.call(target, "hasAttribute", "data-slider"))
	if j.err != nil {
		return nil, j.err
	}
	c, ok := v.controls[name]
	if !ok {
		return nil, nil
	}
	var text string
	switch {
	case fromSlider:
		text = displayValue(c.param, c.scale.Value(j.float(j.get(target, "valueAsNumber"))))
		j.set(c.input, "value", text)
	case c.param.Type == core.Bool:
		text = strconv.FormatBool(j.truthy(j.get(target, "checked")))
	default:
		text = j.str(j.get(target, "value"))
		v.placeSlider(&j, c, text)
	}
	v.set(name, text)
	return nil, j.err
}

// set changes one value of the state, as its control does, and schedules a redraw.
func (v *view) set(name, text string) {
	if name == "steps" {
		v.state.Steps = text
	} else {
		v.state.Values[name] = text
	}
	delete(v.sticky, name)
	v.showGeneral("")
	v.scheduleCurves()
}

// onScrub follows the step slider.
func (v *view) onScrub(args []safejs.Value) (any, error) {
	var j jsw
	step := j.float(j.get(v.els.scrub, "valueAsNumber"))
	if j.err != nil || math.IsNaN(step) {
		return nil, j.err
	}
	v.scrub = min(max(int64(step), 0), max(v.steps-1, 0))
	v.stopPlaying()
	v.schedule()
	return nil, nil
}

// onPlay runs the scrubber through the run, or stops it. A reader who
// prefers reduced motion gets no animation: each press moves the
// scrubber to the next restart instead.
func (v *view) onPlay([]safejs.Value) (any, error) {
	if v.playing {
		v.stopPlaying()
		return nil, nil
	}
	if prefersReducedMotion() {
		v.scrub = v.nextRestart(v.scrub)
		v.schedule()
		return nil, nil
	}
	if v.scrub >= v.steps-1 {
		v.scrub = 0
	}
	v.playing = true
	v.setPlayLabel()
	var j jsw
	j.call(global, "requestAnimationFrame", v.playFn.Value())
	return nil, j.err
}

// playFrame advances the scrubber by one frame's share of a four-second run.
func (v *view) playFrame() {
	if !v.playing {
		return
	}
	v.scrub = min(v.scrub+max(v.steps/240, 1), v.steps-1)
	v.schedule()
	if v.scrub >= v.steps-1 {
		v.stopPlaying()
		return
	}
	var j jsw
	j.call(global, "requestAnimationFrame", v.playFn.Value())
}

func (v *view) stopPlaying() {
	if v.playing {
		v.playing = false
		v.setPlayLabel()
	}
}

func (v *view) setPlayLabel() {
	if v.els.play.IsUndefined() {
		return
	}
	var j jsw
	label := "Play"
	switch {
	case v.playing:
		label = "Pause"
	case prefersReducedMotion():
		label = "Next cycle"
	}
	j.set(v.els.play, "textContent", label)
	j.call(v.els.play, "setAttribute", "aria-pressed", strconv.FormatBool(v.playing))
}

func prefersReducedMotion() bool {
	var j jsw
	m := j.call(global, "matchMedia", "(prefers-reduced-motion: reduce)")
	return j.truthy(j.get(m, "matches"))
}

// nextRestart is the first restart of the first curve after step, or the
// run's first step after its last.
func (v *view) nextRestart(step int64) int64 {
	if len(v.curves) == 0 {
		return 0
	}
	for e := range v.curves[0].Sched.Events(v.steps, step+1, v.steps) {
		if e.Kind == core.Restart {
			return e.Step
		}
	}
	return 0
}

// onPin keeps the first curve as it is now.
func (v *view) onPin([]safejs.Value) (any, error) {
	if len(v.curves) == 0 {
		return nil, nil
	}
	if len(v.pins) == maxPins {
		v.pins = v.pins[1:]
	}
	c := v.curves[0]
	c.Label = "pinned: " + c.Label + " (" + v.summary() + ")"
	v.pins = append(v.pins, c)
	v.scheduleCurves()
	return nil, nil
}

func (v *view) onUnpin([]safejs.Value) (any, error) {
	v.pins = nil
	v.scheduleCurves()
	return nil, nil
}

// summary names the controls' values, to tell pinned curves apart.
func (v *view) summary() string {
	var parts []string
	for _, name := range v.cfg.Controls {
		if name == "steps" {
			continue
		}
		parts = append(parts, name+"="+strs.Shorten(v.state.Values[name]))
	}
	if len(parts) == 0 {
		return "steps=" + v.state.Steps
	}
	return strings.Join(parts, ", ")
}

// scheduleCurves asks for a redraw of the curves at the next frame.
func (v *view) scheduleCurves() {
	v.curvesDirty = true
	v.schedule()
}

// schedule asks for one redraw at the next animation frame, however many inputs come before it.
func (v *view) schedule() {
	if v.pending {
		return
	}
	v.pending = true
	var j jsw
	j.call(global, "requestAnimationFrame", v.frame.Value())
	if j.err != nil {
		v.pending = false
		v.showGeneral(j.err.Error())
	}
}

// redraw computes the state's curves and hands them to ECharts, or shows
// why it cannot and keeps the last good chart; then it moves the scrubber.
func (v *view) redraw() {
	if profiling() {
		defer measure("lrplay:redraw", now())
	}
	if v.curvesDirty {
		v.curvesDirty = false
		curves, steps, problems := v.state.Curves()
		v.showProblems(problems)
		if len(problems) > 0 {
			return
		}
		v.curves, v.steps = curves, steps
		clear(v.exact)
		v.scrub = min(v.scrub, steps-1)
		if err := v.plot(); err != nil {
			v.showGeneral("could not draw the chart: " + err.Error())
			return
		}
		if v.onDrawn != nil {
			v.onDrawn()
		}
	}
	if err := v.plotScrub(); err != nil {
		v.showGeneral("could not draw the chart: " + err.Error())
		return
	}
	v.fillBinds()
	if !v.ready {
		v.ready = true
		v.setPlayLabel()
		var j jsw
		if !v.els.root.IsUndefined() {
			j.set(j.get(v.els.root, "dataset"), "ready", "true")
		}
		if v.onFirst != nil {
			v.onFirst()
		}
	}
}

// profiling reports whether the page asked for a performance entry per
// redraw (window.lrplayProfile = true), as the browser benchmark does.
func profiling() bool {
	var j jsw
	return j.truthy(j.get(global, "lrplayProfile"))
}

func now() float64 {
	var j jsw
	return j.float(j.call(j.get(global, "performance"), "now"))
}

// measure records the time since start as a performance entry named name.
func measure(name string, start float64) {
	var j jsw
	j.call(j.get(global, "performance"), "measure", name, j.object("start", start, "end", now()))
}

// jsArray is a JS ArrayBuffer seen as bytes, to copy into, and as float64s, to draw from.
type jsArray struct {
	bytes, floats safejs.Value
	size          int // in bytes
}

// typedArray copies the points into one Float64Array of step, lr pairs: a
// view of the given series' reused buffer, which grows to twice the size
// needed when it is too small. ECharts keeps the view in its option and
// rereads it when a later setOption touches the series, so only plot, on
// its way to setOption, writes the buffer.
// A log axis has no place for lr ≤ 0: those become gaps, counted in hidden.
func (v *view) typedArray(j *jsw, series int, pts []core.Point) (arr safejs.Value, hidden int) {
	if cap(v.xy) < 16*len(pts) {
		v.xy = make([]byte, 16*len(pts))
	}
	xy := v.xy[:16*len(pts)]
	for i, pt := range pts {
		lr := pt.LR
		if v.state.LogY && lr <= 0 {
			lr = math.NaN()
			hidden++
		}
		putFloat64(xy[16*i:], float64(pt.Step))
		putFloat64(xy[16*i+8:], lr)
	}
	for len(v.arrays) <= series {
		v.arrays = append(v.arrays, jsArray{})
	}
	a := &v.arrays[series]
	if a.size < len(xy) {
		size := max(2*len(xy), 1<<12)
		bytes := j.new(j.get(global, "Uint8Array"), size)
		floats := j.new(j.get(global, "Float64Array"), j.get(bytes, "buffer"))
		if j.err != nil {
			return safejs.Undefined(), 0
		}
		*a = jsArray{bytes: bytes, floats: floats, size: size}
	}
	if _, err := safejs.CopyBytesToJS(a.bytes, xy); err != nil {
		j.fail(err, "CopyBytesToJS")
		return safejs.Undefined(), 0
	}
	return j.call(a.floats, "subarray", 0, 2*len(pts)), hidden
}

// plot sends each curve as one typed array, and the markers, to ECharts.
// Only what changed goes: the curves always; the markers, the axis type
// and the series' styles when they differ from what the chart shows.
func (v *view) plot() error {
	var j jsw
	columns := max(int(j.float(j.call(v.chart, "getWidth"))*j.float(j.get(global, "devicePixelRatio"))), 100)
	if j.err != nil {
		return j.err
	}
	all := v.allCurves()
	ids := make([]string, len(all))
	for i := range all {
		ids[i] = "s" + strconv.Itoa(i)
		if i >= len(v.curves) {
			ids[i] = "p" + strconv.Itoa(i-len(v.curves))
		}
	}
	if v.cfg.Scrub {
		ids = append(ids, "scrub")
	}
	joined := strings.Join(ids, " ")
	replace := joined != v.shown.series // series come or go: send them whole

	series := j.array()
	allExact, hidden := true, 0
	var first []core.Point
	for i, c := range all {
		pts, exact := points(c.Sched, v.steps, columns)
		if i == 0 {
			first = pts
		}
		allExact = allExact && exact
		data, h := v.typedArray(&j, i, pts)
		hidden += h
		s := j.object("id", ids[i])
		if replace {
			s = j.call(global, "structuredClone", v.seriesTemplate)
			j.set(s, "id", ids[i])
			j.set(s, "name", c.Label)
			if i >= len(v.curves) {
				j.set(s, "lineStyle", j.object("type", "dotted", "width", 2))
			}
		}
		j.set(s, "data", data)
		if replace {
			j.set(s, "dimensions", j.array("step", "lr"))
		}
		j.call(series, "push", s)
	}
	annotations, more := v.curves[0].Sched.Annotations(v.steps, maxMarkers)
	if replace || v.shown.markers == nil || !slices.Equal(annotations, v.shown.markers) {
		markers := j.array()
		for _, a := range annotations {
			j.call(markers, "push", j.object("xAxis", float64(a.Step), "name", a.Label))
		}
		// Past maxMarkerLabels the labels would overlap, and laying them out
		// is most of what a redraw costs ECharts: lines only.
		// Into the series' own markLine (the template's style, on a new
		// series), or one ECharts merges into it.
		first := j.call(series, "at", 0)
		ml := j.get(first, "markLine")
		if ml.IsUndefined() {
			ml = j.object()
			j.set(first, "markLine", ml)
		}
		j.set(ml, "data", markers)
		label := j.get(ml, "label")
		if label.IsUndefined() {
			label = j.object()
			j.set(ml, "label", label)
		}
		j.set(label, "show", len(annotations) <= maxMarkerLabels)
		v.shown.markers = append(make([]core.Annotation, 0, len(annotations)), annotations...)
	}
	update := j.object("series", series)
	yType := "value"
	if v.state.LogY {
		yType = "log"
	}
	if yType != v.shown.yType {
		j.set(update, "yAxis", j.object("type", yType))
		v.shown.yType = yType
	}
	if x := v.xAxisUnit(); x != v.shown.xUnit {
		j.set(update, "xAxis", v.xAxis(&j))
		v.shown.xUnit = x
	}
	if replace {
		if v.cfg.Scrub {
			j.call(series, "push", v.scrubSeries(&j))
		}
		legend := len(all) > 1
		j.set(update, "legend", j.object("show", legend))
		top := 32
		if legend {
			top = 32 + 24*((len(all)+2)/3) // room for the legend's rows, three names to a row on a narrow chart
		}
		j.set(update, "grid", j.object("top", top))
		j.call(v.chart, "setOption", update, j.object("replaceMerge", j.array("series")))
		v.shown.series = joined
	} else {
		j.call(v.chart, "setOption", update)
	}
	v.computeMeans(&j)
	j.call(v.els.chart, "setAttribute", "data-columns", strconv.Itoa(columns))
	j.call(v.els.chart, "setAttribute", "aria-label", describe(v.curves[0].Sched.Kind().Name, v.steps, first, annotations))
	var note []string
	if !allExact {
		note = append(note, "This run has more turns than can be read for every pixel: the band of restarts is drawn from a sample of them.")
	}
	if more {
		note = append(note, "Only the first "+strconv.Itoa(len(annotations))+" restarts and phase ends are marked.")
	}
	if hidden > 0 {
		note = append(note, "Steps with lr = 0 have no place on a log scale and are not drawn.")
	}
	if !v.els.note.IsUndefined() {
		j.set(v.els.note, "textContent", strings.Join(note, " "))
	}
	if !v.els.scrub.IsUndefined() {
		j.set(v.els.scrub, "max", float64(v.steps-1))
	}
	return j.err
}

// stepsPerEpoch is the units' steps per epoch, 1 when there are none.
func (v *view) stepsPerEpoch() int64 {
	if len(v.curves) == 0 {
		return 1
	}
	return v.curves[0].Sched.Units().StepsPerEpoch
}

// xAxisUnit says how the x axis counts: in steps, or in epochs of n steps.
func (v *view) xAxisUnit() string {
	if spe := v.stepsPerEpoch(); v.state.XEpochs && spe > 1 {
		return "epoch:" + strconv.FormatInt(spe, 10)
	}
	return "step"
}

// xAxis is the x axis option: the data stay in optimizer steps, and in
// epochs only the labels change, so the curve is the same run either way.
func (v *view) xAxis(j *jsw) safejs.Value {
	spe := v.stepsPerEpoch()
	if !v.state.XEpochs || spe <= 1 {
		return j.object("name", "step", "axisLabel", j.object("formatter", safejs.Null()))
	}
	if v.epochLabel.IsUndefined() {
		f, err := export("epoch-label", func(args []safejs.Value) (any, error) {
			var j jsw
			step := j.float(args[0])
			return formatNumber(roundSignificant(step/float64(v.stepsPerEpoch()), 6)), j.err
		})
		if err != nil {
			j.err = err
			return safejs.Undefined()
		}
		v.epochLabel = f.Value()
	}
	return j.object("name", "epoch ("+strconv.FormatInt(spe, 10)+" steps)", "axisLabel", j.object("formatter", v.epochLabel))
}

// scrubSeries is the scrubber's marker: a point on the first curve and a
// vertical line through it.
func (v *view) scrubSeries(j *jsw) safejs.Value {
	s := j.object("id", "scrub", "type", "line", "name", "scrubber", "silent", true, "animation", false,
		"showSymbol", true, "symbol", "circle", "symbolSize", 9, "z", 5, "legendHoverLink", false, "tooltip", j.object("show", false))
	j.set(s, "data", j.array(j.array(0, 0)))
	return s
}

// plotScrub moves the scrubber's marker to its step.
func (v *view) plotScrub() error {
	if !v.cfg.Scrub || len(v.curves) == 0 {
		return nil
	}
	var j jsw
	x, y := float64(v.scrub), v.valueAt(v.curves[0].Sched, v.scrub)
	line := j.object("silent", true, "symbol", "none", "label", j.object("show", false),
		"lineStyle", j.object("type", "solid", "width", 1), "data", j.array(j.object("xAxis", x)))
	s := j.object("id", "scrub", "data", j.array(j.array(x, y)), "markLine", line)
	j.call(v.chart, "setOption", j.object("series", j.array(s)))
	if !v.els.scrub.IsUndefined() {
		j.set(v.els.scrub, "value", x)
		j.call(v.els.scrub, "setAttribute", "aria-valuetext", "step "+strconv.FormatInt(v.scrub, 10))
	}
	if !v.els.scrubOut.IsUndefined() {
		j.set(v.els.scrubOut, "textContent", "step "+strconv.FormatInt(v.scrub, 10)+": lr "+formatNumber(y))
	}
	return j.err
}

// computeMeans finds each curve's mean lr and lists them.
func (v *view) computeMeans(j *jsw) {
	v.means = v.means[:0]
	if !v.cfg.Mean && !v.hasBind("mean") {
		return
	}
	all := v.allCurves()
	for _, c := range all {
		m, exact := c.Sched.Mean(v.steps)
		text := significant(m)
		if !exact {
			text = "≈ " + text
		}
		v.means = append(v.means, text)
	}
	if !v.cfg.Mean || v.els.means.IsUndefined() {
		return
	}
	j.set(v.els.means, "textContent", "")
	for i, c := range all {
		item := j.el("li", nil, j.text("span", c.Label, "class", "series-label"), j.text("span", "mean lr "+v.means[i], "class", "mean"))
		j.call(item, "setAttribute", "data-series", strconv.Itoa(i))
		j.call(v.els.means, "append", item)
	}
}

func (v *view) hasBind(prefix string) bool {
	var j jsw
	for _, b := range v.binds {
		if strings.HasPrefix(j.str(j.call(b, "getAttribute", "data-bind")), prefix) {
			return true
		}
	}
	return false
}

// fillBinds writes the current values into the data-bind elements: a
// control's name shows its value; "steps" the run length; "step", "lr"
// and "T_cur" the scrubber's step, the first curve's lr there and the
// steps since its last restart; "cycles" the lengths of its cycles;
// "mean" or "mean:N" a curve's mean lr. Each also gets the full-precision
// number in data-value.
func (v *view) fillBinds() {
	if len(v.binds) == 0 || len(v.curves) == 0 {
		return
	}
	var j jsw
	for _, b := range v.binds {
		key := j.str(j.call(b, "getAttribute", "data-bind"))
		text, value := v.bindValue(key)
		j.set(b, "textContent", text)
		j.call(b, "setAttribute", "data-value", value)
	}
}

// bindValue is what a data-bind element shows and its exact value.
func (v *view) bindValue(key string) (text, value string) {
	first := v.curves[0].Sched
	switch {
	case key == "steps":
		n := strconv.FormatInt(v.steps, 10)
		return n, n
	case key == "step":
		n := strconv.FormatInt(v.scrub, 10)
		return n, n
	case key == "lr":
		lr := v.valueAt(first, v.scrub)
		return significant(lr), formatNumber(lr)
	case key == "T_cur":
		last := int64(0)
		for e := range first.Events(v.steps, 0, v.scrub+1) {
			if e.Kind == core.Restart && e.Step <= v.scrub {
				last = e.Step
			}
		}
		n := strconv.FormatInt(v.scrub-last, 10)
		return n, n
	case key == "cycles":
		return v.cycles(), v.cycles()
	case key == "mean" || strings.HasPrefix(key, "mean:"):
		i, _ := strconv.Atoi(strings.TrimPrefix(strings.TrimPrefix(key, "mean"), ":"))
		if i >= 0 && i < len(v.means) {
			return v.means[i], v.means[i]
		}
		return "", ""
	}
	if t, ok := v.state.Values[key]; ok {
		if x, err := strconv.ParseFloat(t, 64); err == nil {
			return significant(x), formatNumber(x)
		}
		return t, t
	}
	return "", ""
}

// cycles lists the lengths of the first curve's cycles in the run, the
// last one marked when the run ends inside it.
func (v *view) cycles() string {
	var lengths []string
	last := int64(0)
	n := 0
	for e := range v.curves[0].Sched.Events(v.steps, 0, v.steps) {
		if e.Kind != core.Restart || e.Step <= last {
			continue
		}
		if n++; n > maxMarkers {
			return strings.Join(lengths, ", ") + ", …"
		}
		lengths = append(lengths, strconv.FormatInt(e.Step-last, 10))
		last = e.Step
	}
	return strings.Join(append(lengths, strconv.FormatInt(v.steps-last, 10)+" (to the end of the run)"), ", ")
}

// showProblems puts each problem beside its control, the rest in the
// general error element, and clears the alerts of controls that are fine now.
func (v *view) showProblems(problems []Problem) {
	byParam := map[string]string{}
	for k, msg := range v.sticky {
		byParam[k] = msg
	}
	var general []string
	for _, pr := range problems {
		if _, ok := v.controls[pr.Param]; ok {
			byParam[pr.Param] = pr.Msg
		} else if pr.Param != "" {
			general = append(general, pr.Param+": "+pr.Msg)
		} else {
			general = append(general, pr.Msg)
		}
	}
	var j jsw
	for name, c := range v.controls {
		msg := byParam[name]
		j.set(c.alert, "textContent", msg)
		j.call(c.input, "setAttribute", "aria-invalid", strconv.FormatBool(msg != ""))
	}
	if len(general) > 0 || len(problems) > 0 {
		v.showGeneral(strings.Join(general, " "))
	}
	j.call(j.get(v.els.chart, "classList"), "toggle", "stale", len(problems) > 0)
}

// showGeneral shows a message that concerns no single control, or clears it.
func (v *view) showGeneral(msg string) {
	if v.els.errorBox.IsUndefined() {
		if msg != "" {
			console("lrplay:", msg)
		}
		return
	}
	var j jsw
	j.set(v.els.errorBox, "textContent", msg)
}

// recover turns a panic in a callback into a message beside the chart.
func (v *view) recover() {
	if r := recover(); r != nil {
		console("lrplay panicked:", panicText(r))
		v.showGeneral("internal error: please report it with this page's URL")
	}
}

// htmlEscape makes text safe inside the HTML ECharts makes of a tooltip. A
// loop, not strings.NewReplacer, whose machinery costs the wasm 20 KB.
func htmlEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func errOr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
