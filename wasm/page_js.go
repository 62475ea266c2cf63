//go:build js && wasm

package main

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hack-pad/safejs"

	"github.com/lrplay/lrplay/core"
)

// maxMarkers caps the marker lines, as package chart does.
const maxMarkers = 60

// control is one parameter's inputs on the page.
type control struct {
	param  *core.Param
	input  safejs.Value // the value: a text box, checkbox or select, id = parameter name
	slider safejs.Value // the range input beside a numeric text box, or undefined
	alert  safejs.Value // the role="alert" element for its errors
	block  safejs.Value // the element holding all of the above
	scale  Slider
}

// page is the playground: controls → state → chart, one way.
type page struct {
	state    State
	controls map[string]*control
	sticky   map[string]string // URL problems per parameter, shown until that control is edited
	chart    safejs.Value      // the ECharts instance
	pending  bool              // a redraw is scheduled for the next frame
	frame    safejs.Func
	urlTimer safejs.Value
	urlFunc  safejs.Func
	sched    *core.Schedule // what the chart shows, for the tooltip
	steps    int64
	// shown is what the ECharts instance holds besides the curve; zero
	// after the chart is made anew.
	shown struct {
		markers []core.Annotation
		yType   string
	}
	exact []float64 // every value of the run as the framework computes it, made on the first hover

	formatter safejs.Value // the tooltip formatter, made once
	xy        []byte       // reused buffer of interleaved step, lr pairs
	ready     bool
}

// runPage starts the playground on a page that has #chart and #controls.
func runPage() error {
	var j jsw
	search := j.str(j.get(j.get(global, "location"), "search"))
	if j.err != nil {
		return j.err
	}
	st, problems := ParseQuery(strings.TrimPrefix(search, "?"))
	p := &page{state: st, sticky: map[string]string{}, formatter: safejs.Undefined(), urlTimer: safejs.Undefined()}
	var general []string
	for _, pr := range problems {
		if pr.Param == "" || pr.Param == "kind" {
			general = append(general, pr.Msg)
		} else {
			p.sticky[pr.Param] = pr.Msg
		}
	}
	if err := p.initChart(); err != nil {
		return err
	}
	if err := p.initKinds(); err != nil {
		return err
	}
	if err := p.buildControls(); err != nil {
		return err
	}
	p.showGeneral(strings.Join(general, " "))
	if err := p.listen(); err != nil {
		return err
	}
	p.redraw()
	return nil
}

// initChart starts ECharts on #chart, in the dark theme when the reader
// prefers it, follows the container's size, and restarts the chart when the
// preferred colour scheme changes.
func (p *page) initChart() error {
	var j jsw
	dark := j.call(global, "matchMedia", "(prefers-color-scheme: dark)")
	if err := p.newChart(j.truthy(j.get(dark, "matches"))); err != nil {
		return err
	}
	resize, err := export("resize", func([]safejs.Value) (any, error) {
		var j jsw
		j.call(p.chart, "resize")
		if p.ready { // the columns follow the width
			p.schedule()
		}
		return nil, j.err
	})
	if err != nil {
		return err
	}
	observer := j.new(j.get(global, "ResizeObserver"), resize.Value())
	j.call(observer, "observe", j.byID("chart"))
	scheme, err := export("colour-scheme", func(args []safejs.Value) (any, error) {
		var j jsw
		isDark := len(args) > 0 && j.truthy(j.get(args[0], "matches"))
		j.call(j.get(global, "echarts"), "dispose", p.chart)
		if err := errOr(j.err, p.newChart(isDark)); err != nil {
			return nil, err
		}
		p.redraw()
		return nil, nil
	})
	if err != nil {
		return err
	}
	j.call(dark, "addEventListener", "change", scheme.Value())
	return j.err
}

// newChart makes the ECharts instance and gives it the base option.
func (p *page) newChart(dark bool) error {
	var j jsw
	echarts := j.get(global, "echarts")
	if j.err == nil && echarts.IsUndefined() {
		return errString("ECharts did not load (echarts.min.js)")
	}
	theme := safejs.Null()
	if dark {
		theme, _ = safejs.ValueOf("dark")
	}
	p.chart = j.call(echarts, "init", j.byID("chart"), theme)
	p.shown.markers, p.shown.yType = nil, ""
	opt := j.call(j.get(global, "JSON"), "parse", baseOption)
	j.set(opt, "backgroundColor", "transparent")
	if p.formatter.IsUndefined() {
		f, err := export("tooltip", p.tooltip)
		if err != nil {
			return err
		}
		p.formatter = f.Value()
	}
	j.set(j.get(opt, "tooltip"), "formatter", p.formatter)
	j.call(p.chart, "setOption", opt)
	return j.err
}

// tooltip shows the exact lr of the step under the pointer.
func (p *page) tooltip(args []safejs.Value) (any, error) {
	if len(args) == 0 || p.sched == nil {
		return "", nil
	}
	var j jsw
	x := j.float(j.get(j.get(args[0], "0"), "axisValue"))
	if j.err != nil {
		return "", j.err
	}
	step := min(max(int64(math.Round(x)), 0), p.steps-1)
	// Only numbers and fixed words: ECharts treats the result as HTML.
	return "step " + strconv.FormatInt(step, 10) + "<br>lr " + strconv.FormatFloat(p.valueAt(step), 'g', -1, 64), nil
}

// valueAt is the lr of a step as the framework computes it: through Fill
// for runs Evaluate can hold (a recursive kind's At is a closed form that
// may differ in the last bits), through At beyond.
func (p *page) valueAt(step int64) float64 {
	if p.steps <= core.MaxEvaluateSteps {
		if p.exact == nil {
			p.exact, _ = p.sched.Values(int(p.steps)) // CheckSteps passed when it was drawn
		}
		if step < int64(len(p.exact)) {
			return p.exact[step]
		}
	}
	return p.sched.At(step, p.steps)
}

func (p *page) initKinds() error {
	var j jsw
	sel := j.byID("kind")
	for _, k := range core.Kinds() {
		opt := j.text("option", k.Name+" — "+k.Title, "value", k.Name)
		j.call(sel, "append", opt)
	}
	j.set(sel, "value", p.state.Kind.Name)
	j.set(j.byID("log"), "checked", p.state.LogY)
	return j.err
}

// buildControls replaces the controls with those of the state's kind.
func (p *page) buildControls() error {
	var j jsw
	box := j.byID("controls")
	j.set(box, "textContent", "")
	k := p.state.Kind
	doc := k.Doc + " Step i is " + k.Convention + "."
	j.set(j.byID("kind-doc"), "textContent", doc)
	link := j.byID("kind-link")
	if k.Link != "" {
		j.call(link, "setAttribute", "href", k.Link)
		j.set(link, "textContent", k.Framework+" documentation")
		j.set(link, "hidden", false)
	} else {
		j.set(link, "hidden", true)
	}
	p.controls = map[string]*control{}
	params := append([]*core.Param{}, &stepsParam)
	for i := range k.Params {
		params = append(params, &k.Params[i])
	}
	for _, prm := range params {
		c := p.newControl(&j, prm)
		p.controls[prm.Name] = c
		j.call(box, "append", c.block)
	}
	return j.err
}

// newControl builds one parameter's block: label, inputs, doc and alert.
func (p *page) newControl(j *jsw, prm *core.Param) *control {
	c := &control{param: prm, slider: safejs.Undefined()}
	id := prm.Name
	value := p.state.Values[id]
	if prm == &stepsParam {
		value = p.state.Steps
	}
	c.alert = j.el("p", []string{"id", id + "-error", "class", "error", "role", "alert"})
	head := j.el("div", []string{"class", "control-head"},
		j.text("label", prm.Name, "for", id), j.text("span", rangeText(prm), "class", "range"))
	block := j.el("div", []string{"class", "control", "data-param", id}, head)
	inputs := j.el("div", []string{"class", "inputs"})
	switch prm.Type {
	case core.Bool:
		c.input = j.el("input", []string{"type", "checkbox", "id", id, "aria-describedby", id + "-doc " + id + "-error"})
		j.set(c.input, "checked", value == "true")
		j.call(inputs, "append", c.input)
	case core.Enum:
		c.input = j.el("select", []string{"id", id, "aria-describedby", id + "-doc " + id + "-error"})
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
		c.slider = j.el("input", []string{"type", "range", "id", id + "-slider", "min", lo, "max", hi, "step", step,
			"aria-label", prm.Name + " slider", "aria-controls", id})
		c.input = j.el("input", []string{"type", "text", "id", id, "inputmode", "decimal", "autocomplete", "off",
			"spellcheck", "false", "aria-describedby", id + "-doc " + id + "-error"})
		j.set(c.input, "value", value)
		p.placeSlider(j, c, value)
		j.call(inputs, "append", c.slider, c.input)
	}
	j.call(block, "append", inputs, j.text("p", prm.Doc, "id", id+"-doc", "class", "doc"), c.alert)
	c.block = block
	return c
}

// placeSlider moves a control's slider to the value typed in its box.
func (p *page) placeSlider(j *jsw, c *control, text string) {
	if c.slider.IsUndefined() {
		return
	}
	if v, ok := sliderValue(text); ok {
		j.set(c.slider, "value", c.scale.Position(v))
	}
}

// listen wires the page's events: every input event schedules one redraw per frame.
func (p *page) listen() error {
	var j jsw
	onInput, err := export("input", p.onInput)
	if err != nil {
		return err
	}
	for _, id := range []string{"controls", "kind", "log"} {
		j.call(j.byID(id), "addEventListener", "input", onInput.Value())
	}
	p.frame, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		defer recoverTo(p)
		p.pending = false
		p.redraw()
		return nil
	})
	if err != nil {
		return err
	}
	p.urlFunc, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		defer recoverTo(p)
		p.writeURL()
		return nil
	})
	return errOr(err, j.err)
}

// onInput takes one input event: it updates the state from the control
// that fired and schedules a redraw.
func (p *page) onInput(args []safejs.Value) (any, error) {
	if len(args) == 0 {
		return nil, nil
	}
	var j jsw
	target := j.get(args[0], "target")
	id := j.str(j.get(target, "id"))
	if j.err != nil {
		return nil, j.err
	}
	switch {
	case id == "kind":
		k := core.LookupKind(j.str(j.get(target, "value")))
		if k == nil {
			return nil, j.err
		}
		logY := p.state.LogY
		p.state = defaultState(k)
		p.state.LogY = logY
		p.sticky = map[string]string{}
		p.showGeneral("")
		if err := p.buildControls(); err != nil {
			return nil, err
		}
	case id == "log":
		p.state.LogY = j.truthy(j.get(target, "checked"))
	default:
		name, fromSlider := strings.CutSuffix(id, "-slider")
		c, ok := p.controls[name]
		if !ok {
			return nil, j.err
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
			p.placeSlider(&j, c, text)
		}
		if name == "steps" {
			p.state.Steps = text
		} else {
			p.state.Values[name] = text
		}
		delete(p.sticky, name)
		p.showGeneral("")
	}
	p.schedule()
	return nil, j.err
}

// schedule asks for one redraw at the next animation frame, however many inputs come before it.
func (p *page) schedule() {
	if p.pending {
		return
	}
	p.pending = true
	var j jsw
	j.call(global, "requestAnimationFrame", p.frame.Value())
	if j.err != nil {
		p.pending = false
		p.showGeneral(j.err.Error())
	}
}

// redraw computes the state's curve and hands it to ECharts, or shows why
// it cannot and keeps the last good chart.
func (p *page) redraw() {
	s, steps, problems := p.state.Spec()
	p.showProblems(problems)
	if len(problems) > 0 {
		return
	}
	if err := p.plot(s, steps); err != nil {
		p.showGeneral("could not draw the chart: " + err.Error())
		return
	}
	p.sched, p.steps, p.exact = s, steps, nil
	p.scheduleURL()
	if !p.ready {
		p.ready = true
		var j jsw
		j.set(j.get(j.get(document, "body"), "dataset"), "ready", "true")
		j.set(j.byID("status"), "hidden", true)
		j.call(j.get(global, "performance"), "mark", "lrplay:first-chart") // for the browser benchmark
	}
}

// points is what the chart draws of a run: every step as the framework
// computes it when the chart has room for them all, else each pixel
// column's first, lowest, highest and last step, found from the schedule's
// events at a cost that does not grow with the run. exact is false when a
// run had too many events to read them all.
func points(s *core.Schedule, steps int64, columns int) (pts []core.Point, exact bool) {
	if steps <= 4*int64(columns) {
		vals, err := s.Values(int(steps))
		if err == nil {
			pts = make([]core.Point, len(vals))
			for i, v := range vals {
				pts[i] = core.Point{Step: int64(i), LR: v}
			}
			return pts, true
		}
	}
	cols, exact := s.Downsample(steps, columns)
	return core.Points(cols), exact
}

// plot sends the curve as one typed array and the markers to ECharts.
func (p *page) plot(s *core.Schedule, steps int64) error {
	var j jsw
	chartEl := j.byID("chart")
	columns := max(int(j.float(j.call(p.chart, "getWidth"))*j.float(j.get(global, "devicePixelRatio"))), 100)
	if j.err != nil {
		return j.err
	}
	pts, exact := points(s, steps, columns)
	if cap(p.xy) < 16*len(pts) {
		p.xy = make([]byte, 16*len(pts))
	}
	xy := p.xy[:16*len(pts)]
	hidden := 0
	for i, pt := range pts {
		v := pt.LR
		if p.state.LogY && v <= 0 {
			v = math.NaN() // a log axis has no place for 0: leave a gap rather than a lie
			hidden++
		}
		putFloat64(xy[16*i:], float64(pt.Step))
		putFloat64(xy[16*i+8:], v)
	}
	u8 := j.new(j.get(global, "Uint8Array"), len(xy))
	if j.err != nil {
		return j.err
	}
	if _, err := safejs.CopyBytesToJS(u8, xy); err != nil {
		return err
	}
	data := j.new(j.get(global, "Float64Array"), j.get(u8, "buffer"))
	// Only what changed goes to ECharts: the curve always, the markers and
	// the axis type when they differ from what the chart shows.
	annotations, more := s.Annotations(steps, maxMarkers)
	series := j.object("id", "lr", "data", data, "dimensions", j.array("step", "lr"))
	if p.shown.markers == nil || !slices.Equal(annotations, p.shown.markers) {
		markers := j.array()
		for _, a := range annotations {
			j.call(markers, "push", j.object("xAxis", float64(a.Step), "name", a.Label))
		}
		j.set(series, "markLine", j.object("data", markers))
		p.shown.markers = append(make([]core.Annotation, 0, len(annotations)), annotations...)
	}
	update := j.object("series", j.array(series))
	yType := "value"
	if p.state.LogY {
		yType = "log"
	}
	if yType != p.shown.yType {
		j.set(update, "yAxis", j.object("type", yType))
		p.shown.yType = yType
	}
	j.call(p.chart, "setOption", update)
	j.call(chartEl, "setAttribute", "data-columns", strconv.Itoa(columns))
	j.call(chartEl, "setAttribute", "aria-label", describe(s.Kind().Name, steps, pts, annotations))
	var note []string
	if !exact {
		note = append(note, "This run has more turns than can be read for every pixel: the band of restarts is drawn from a sample of them.")
	}
	if more {
		note = append(note, "Only the first "+strconv.Itoa(len(annotations))+" restarts and phase ends are marked.")
	}
	if hidden > 0 {
		note = append(note, "Steps with lr = 0 have no place on a log scale and are not drawn.")
	}
	j.set(j.byID("chart-note"), "textContent", strings.Join(note, " "))
	return j.err
}

// showProblems puts each problem beside its control, the rest in #error,
// and clears the alerts of controls that are fine now.
func (p *page) showProblems(problems []Problem) {
	byParam := map[string]string{}
	for k, v := range p.sticky {
		byParam[k] = v
	}
	var general []string
	for _, pr := range problems {
		if _, ok := p.controls[pr.Param]; ok {
			byParam[pr.Param] = pr.Msg
		} else {
			general = append(general, pr.Msg)
		}
	}
	var j jsw
	for name, c := range p.controls {
		msg := byParam[name]
		j.set(c.alert, "textContent", msg)
		j.call(c.input, "setAttribute", "aria-invalid", strconv.FormatBool(msg != ""))
	}
	if len(general) > 0 || len(problems) > 0 {
		p.showGeneral(strings.Join(general, " "))
	}
	j.call(j.get(j.byID("chart"), "classList"), "toggle", "stale", len(problems) > 0)
}

// showGeneral shows a message that concerns no single control, or clears it.
func (p *page) showGeneral(msg string) {
	var j jsw
	j.set(j.byID("error"), "textContent", msg)
}

// scheduleURL writes the state into the URL a moment after the last change:
// browsers limit how often history.replaceState may be called.
func (p *page) scheduleURL() {
	var j jsw
	if !p.urlTimer.IsUndefined() {
		j.call(global, "clearTimeout", p.urlTimer)
	}
	p.urlTimer = j.call(global, "setTimeout", p.urlFunc.Value(), 250)
}

func (p *page) writeURL() {
	var j jsw
	j.call(j.get(global, "history"), "replaceState", safejs.Null(), "", "?"+p.state.Query())
}

// recoverTo turns a panic in a callback into a message on the page.
func recoverTo(p *page) {
	if r := recover(); r != nil {
		console("lrplay panicked:", panicText(r))
		p.showGeneral("internal error: please report it with this page's URL")
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func errOr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
