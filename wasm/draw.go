package main

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/lrplay/lrplay/core"
)

// maxMarkers caps the marker lines, as package chart does.
const maxMarkers = 60

// maxMarkerLabels is how many marker lines are labelled ("restart",
// "warmup end"): past it the labels would overlap, and laying them out is
// most of what a redraw costs ECharts.
const maxMarkerLabels = 12

// minColumns is the fewest pixel columns a chart is drawn with.
const minColumns = 100

// drawFn is what to draw for a state at a width in device pixels, with the
// pinned curves (a JSON list of {"label", "spec"}) over it: the info as
// JSON, and every curve's points as one list of step, lr pairs, which
// crosses as one Float64Array. The info says where each curve's points
// are in it:
//
//	{"steps": N, "columns": C,
//	 "series": [{"id": "s0", "name": label, "pin": false, "start": 0, "count": n}, ...],
//	 "markers": [{"step": ..., "label": ...}], "markerLabels": true,
//	 "yType": "value" or "log", "x": {"name": "step"} or {"name": "epoch (390 steps)", "perEpoch": 390},
//	 "legend": false, "top": 32, "description": "...", "note": "...", "means": [...]}
//
// or {"problems": [...]} when the state cannot be drawn. means, when asked
// for, holds each curve's mean lr as text.
func drawFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	width, err := a.num(1)
	if err != nil {
		return nil, err
	}
	pins, err := a.pins(2)
	if err != nil {
		return nil, err
	}
	curves, steps, problems := st.Curves()
	if len(problems) > 0 {
		return []any{toJSON(object{{"problems", problemList(problems)}}), []float64{}}, nil
	}
	columns := minColumns
	if width > minColumns && width < 1e6 {
		columns = int(width)
	}
	info, data := draw(st, curves, pins, steps, columns, a.flag(3))
	return []any{toJSON(info), data}, nil
}

// pins reads the argument i: pinned curves as a JSON list of {"label", "spec"}.
func (a args) pins(i int) ([]Curve, error) {
	text, _ := a.at(i).(string)
	if text == "" {
		return nil, nil
	}
	v, err := decodeJSON(text)
	list, ok := v.([]any)
	if err != nil || !ok {
		return nil, errors.New("lrplay: pinned curves must be a JSON list")
	}
	var out []Curve
	for _, item := range list {
		o, _ := item.(map[string]any)
		label, _ := o["label"].(string)
		spec, _ := o["spec"].(string)
		s, err := core.Parse([]byte(spec))
		if err != nil {
			return nil, err
		}
		out = append(out, Curve{Label: label, Sched: s})
	}
	return out, nil
}

// drawBuf is the points of the last draw, reused: a redraw allocates
// nothing large in Go.
var drawBuf []float64

func draw(st State, curves, pins []Curve, steps int64, columns int, withMeans bool) (object, []float64) {
	all := append(append([]Curve{}, curves...), pins...)
	data := drawBuf[:0]
	series := make([]object, len(all))
	allExact, hidden := true, 0
	var first []core.Point
	for i, c := range all {
		pts, exact := points(c.Sched, steps, columns)
		if i == 0 {
			first = pts
		}
		allExact = allExact && exact
		id := "s" + strconv.Itoa(i)
		if i >= len(curves) {
			id = "p" + strconv.Itoa(i-len(curves))
		}
		series[i] = object{{"id", id}, {"name", c.Label}, {"pin", i >= len(curves)}, {"start", len(data) / 2}, {"count", len(pts)}}
		for _, pt := range pts {
			lr := pt.LR
			if st.LogY && lr <= 0 { // a log axis has no place for it: a gap
				lr = math.NaN()
				hidden++
			}
			data = append(data, float64(pt.Step), lr)
		}
	}
	drawBuf = data
	annotations, more := curves[0].Sched.Annotations(steps, maxMarkers)
	markers := make([]object, len(annotations))
	for i, an := range annotations {
		markers[i] = object{{"step", an.Step}, {"label", an.Label}}
	}
	yType := "value"
	if st.LogY {
		yType = "log"
	}
	x := object{{"name", "step"}}
	if spe := curves[0].Sched.Units().StepsPerEpoch; st.XEpochs && spe > 1 {
		x = object{{"name", "epoch (" + strconv.FormatInt(spe, 10) + " steps)"}, {"perEpoch", spe}}
	}
	top := 32
	if len(all) > 1 {
		top = 32 + 24*((len(all)+2)/3) // room for the legend's rows, three names to a row on a narrow chart
	}
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
	info := object{
		{"steps", steps}, {"columns", columns}, {"series", series},
		{"markers", markers}, {"markerLabels", len(annotations) <= maxMarkerLabels},
		{"yType", yType}, {"x", x}, {"legend", len(all) > 1}, {"top", top},
		{"description", describe(curves[0].Sched.Kind().Name, steps, first, annotations)},
		{"note", strings.Join(note, " ")},
	}
	if withMeans {
		info = append(info, field{"means", means(all, steps)})
	}
	return info, data
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

// describe says in words what the chart shows, for its aria-label.
func describe(kind string, steps int64, pts []core.Point, annotations []core.Annotation) string {
	if len(pts) == 0 {
		return "Learning-rate chart"
	}
	lo, hi := pts[0].LR, pts[0].LR
	for _, p := range pts {
		lo, hi = min(lo, p.LR), max(hi, p.LR)
	}
	restarts := 0
	for _, a := range annotations {
		if a.Kind == core.Restart {
			restarts++
		}
	}
	short := func(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }
	return "Learning rate of " + kind + " over " + strconv.FormatInt(steps, 10) + " steps: from " +
		short(pts[0].LR) + " to " + short(pts[len(pts)-1].LR) + ", between " + short(lo) + " and " + short(hi) +
		", with " + strconv.Itoa(restarts) + " restarts marked"
}

// means is each curve's mean lr as text, "≈" marking an estimate.
func means(curves []Curve, steps int64) []string {
	out := make([]string, len(curves))
	for i, c := range curves {
		m, exact := c.Sched.Mean(steps)
		out[i] = significant(m)
		if !exact {
			out[i] = "≈ " + out[i]
		}
	}
	return out
}

// significant writes x with six significant digits, for reading.
func significant(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// exact keeps the values of the runs the page asked about last, which a
// tooltip or the scrubber reads one step at a time: at most
// core.MaxEvaluateSteps values in all.
var exact struct {
	keys []string
	vals [][]float64
	size int
}

// valueAt is the lr of a step as the framework computes it: through Fill
// for runs Evaluate can hold (a recursive kind's At is a closed form that
// may differ in the last bits), through At beyond.
func valueAt(s *core.Schedule, steps, step int64) float64 {
	if steps <= core.MaxEvaluateSteps {
		spec, err := s.MarshalJSON()
		key := string(spec) + "@" + strconv.FormatInt(steps, 10)
		for i, k := range exact.keys {
			if err == nil && k == key {
				return exact.vals[i][step]
			}
		}
		if vals, verr := s.Values(int(steps)); verr == nil && err == nil {
			for len(exact.keys) > 0 && (exact.size+len(vals) > core.MaxEvaluateSteps || len(exact.keys) >= 8) {
				exact.size -= len(exact.vals[0])
				exact.keys, exact.vals = exact.keys[1:], exact.vals[1:]
			}
			exact.keys, exact.vals = append(exact.keys, key), append(exact.vals, vals)
			exact.size += len(vals)
			return vals[step]
		}
	}
	return s.At(step, steps)
}

// atFn is what the scrubber shows at a step of what the chart draws (the
// state and pins last drawn), and the data-bind elements' values there:
//
//	{"step": n, "lr": x, "readout": "step n: lr x", "next": the next restart,
//	 "binds": [[text, value], ...]}
//
// for the keys of binds (a JSON list): a control's name, "steps", "step",
// "lr", "lr:N", "T_cur", "cycles", "mean" or "mean:N".
func atFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	pins, err := a.pins(1)
	if err != nil {
		return nil, err
	}
	x, err := a.num(2)
	if err != nil {
		return nil, err
	}
	keys := []string{}
	if text, _ := a.at(3).(string); text != "" {
		if keys, err = stringList(text); err != nil {
			return nil, err
		}
	}
	curves, steps, problems := st.Curves()
	if len(problems) > 0 {
		return nil, errors.New("lrplay: " + problems[0].Param + ": " + problems[0].Msg)
	}
	step := clampStep(x, steps)
	s := curves[0].Sched
	lr := valueAt(s, steps, step)
	b := scrubber{st: st, curves: append(curves, pins...), steps: steps, step: step}
	binds := make([]any, len(keys))
	for i, k := range keys {
		text, value := b.bind(k)
		binds[i] = []string{text, value}
	}
	n := strconv.FormatInt(step, 10)
	return toJSON(object{{"step", step}, {"lr", lr}, {"readout", "step " + n + ": lr " + formatNumber(lr)},
		{"next", nextRestart(s, steps, step)}, {"binds", binds}}), nil
}

// clampStep is the step nearest x in a run of steps.
func clampStep(x float64, steps int64) int64 {
	if math.IsNaN(x) {
		return 0
	}
	return int64(min(max(math.Round(x), 0), float64(steps-1)))
}

// nextRestart is the first restart after step, or 0 after the last.
func nextRestart(s *core.Schedule, steps, step int64) int64 {
	for e := range s.Events(steps, step+1, steps) {
		if e.Kind == core.Restart {
			return e.Step
		}
	}
	return 0
}

// scrubber is a chart's curves at the scrubber's step.
type scrubber struct {
	st     State
	curves []Curve
	steps  int64
	step   int64
	means  []string
}

// bind is what a data-bind element shows and its exact value: a control's
// name shows its value; "steps" the run length; "step", "lr" and "T_cur"
// the scrubber's step, the first curve's lr there and the steps since its
// last restart; "lr:N" curve N's lr there; "cycles" the lengths of its cycles; "mean" or "mean:N" a
// curve's mean lr.
func (b *scrubber) bind(key string) (text, value string) {
	first := b.curves[0].Sched
	switch {
	case key == "steps":
		n := strconv.FormatInt(b.steps, 10)
		return n, n
	case key == "step":
		n := strconv.FormatInt(b.step, 10)
		return n, n
	case key == "lr":
		lr := valueAt(first, b.steps, b.step)
		return significant(lr), formatNumber(lr)
	case strings.HasPrefix(key, "lr:"):
		i, err := strconv.Atoi(key[len("lr:"):])
		if err != nil || i < 0 || i >= len(b.curves) {
			return "", ""
		}
		lr := valueAt(b.curves[i].Sched, b.steps, b.step)
		return significant(lr), formatNumber(lr)
	case key == "T_cur":
		last := int64(0)
		for e := range first.Events(b.steps, 0, b.step+1) {
			if e.Kind == core.Restart && e.Step <= b.step {
				last = e.Step
			}
		}
		n := strconv.FormatInt(b.step-last, 10)
		return n, n
	case key == "cycles":
		c := cycles(first, b.steps)
		return c, c
	case key == "mean" || strings.HasPrefix(key, "mean:"):
		if b.means == nil {
			b.means = means(b.curves, b.steps)
		}
		i, _ := strconv.Atoi(strings.TrimPrefix(strings.TrimPrefix(key, "mean"), ":"))
		if i >= 0 && i < len(b.means) {
			return b.means[i], b.means[i]
		}
		return "", ""
	}
	if t, ok := b.st.Values[key]; ok {
		if x, err := strconv.ParseFloat(t, 64); err == nil {
			return significant(x), formatNumber(x)
		}
		return t, t
	}
	return "", ""
}

// cycles lists the lengths of a run's cycles, the last one marked when
// the run ends inside it.
func cycles(s *core.Schedule, steps int64) string {
	var lengths []string
	last := int64(0)
	n := 0
	for e := range s.Events(steps, 0, steps) {
		if e.Kind != core.Restart || e.Step <= last {
			continue
		}
		if n++; n > maxMarkers {
			return strings.Join(lengths, ", ") + ", …"
		}
		lengths = append(lengths, strconv.FormatInt(e.Step-last, 10))
		last = e.Step
	}
	return strings.Join(append(lengths, strconv.FormatInt(steps-last, 10)+" (to the end of the run)"), ", ")
}

// tooltipFn is the tooltip at x on the chart of the state and pins last
// drawn: the step (and epoch), then each curve's exact lr there, as lines
// of text for the page to escape.
func tooltipFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	pins, err := a.pins(1)
	if err != nil {
		return nil, err
	}
	x, err := a.num(2)
	if err != nil {
		return nil, err
	}
	curves, steps, problems := st.Curves()
	if len(problems) > 0 {
		return toJSON([]string{}), nil
	}
	step := clampStep(x, steps)
	line := "step " + strconv.FormatInt(step, 10)
	if spe := curves[0].Sched.Units().StepsPerEpoch; spe > 1 {
		line += " (epoch " + formatNumber(float64(step)/float64(spe)) + ")"
	}
	lines := []string{line}
	all := append(curves, pins...)
	for _, c := range all {
		line := "lr " + formatNumber(valueAt(c.Sched, steps, step))
		if len(all) > 1 {
			line = c.Label + ": " + line
		}
		lines = append(lines, line)
	}
	return toJSON(lines), nil
}

// pinFn keeps the state's first curve as it is now, named after the
// values of the controls shown (a JSON list): {"label", "spec"}.
func pinFn(a args) (any, error) {
	st, err := a.state(0)
	if err != nil {
		return nil, err
	}
	controls := []string{}
	if text, _ := a.at(1).(string); text != "" {
		if controls, err = stringList(text); err != nil {
			return nil, err
		}
	}
	curves, _, problems := st.Curves()
	if len(problems) > 0 {
		return nil, errors.New("lrplay: there is no curve to pin: " + problems[0].Msg)
	}
	spec, err := curves[0].Sched.MarshalJSON()
	if err != nil {
		return nil, err
	}
	label := "pinned: " + curves[0].Label + " (" + summary(st, controls) + ")"
	return toJSON(object{{"label", label}, {"spec", string(spec)}}), nil
}
