// Package chart defines LR Playground's chart once, with go-echarts: series
// style, step and lr axes, tooltip, restart and warmup markers, legend.
// Natively it renders standalone HTML and writes the base ECharts option the
// page starts from; in the browser the wasm bridge sends ECharts only what
// changes (the curve as a typed array and the marker positions), so the wasm
// links neither go-echarts nor its templates.
package chart

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/lrplay/lrplay/core"
)

// SeriesID is the ECharts id of the first series; the page updates it by id.
const SeriesID = "lr"

// MaxMarkers caps the marker lines per series: past a few dozen restarts the
// lines would hide the curve.
const MaxMarkers = 60

// Series is one curve to draw.
type Series struct {
	Name        string
	Values      []float64    // the lr of steps 0..len(Values)-1
	Points      []core.Point // instead of Values, when set: a run drawn from core.Points of its columns
	Annotations []core.Annotation
}

// Options are what a chart's frame shows.
type Options struct {
	Title string
	LogY  bool // a log lr axis, where an lr of 0 or less is a gap in the line
	// AssetsHost is the URL, ending in "/", that Render's page loads
	// echarts.min.js from; empty means go-echarts' default host.
	AssetsHost string
}

// RenderID is the chart's element id in Render's page: fixed, so that the
// same chart renders to the same bytes.
const RenderID = "lrplay"

// Base returns the chart with no data: the frame, axes, tooltip and the
// style of one series and its markers.
func Base() *charts.Line { return New(Options{}, Series{Name: SeriesID}) }

// New returns a chart of the given series.
func New(o Options, series ...Series) *charts.Line {
	line := charts.NewLine()
	yType := "value"
	if o.LogY {
		yType = "log"
	}
	line.SetGlobalOptions(
		charts.WithAnimation(false), // redraws follow a slider; animation would lag behind it
		charts.WithTitleOpts(opts.Title{Title: o.Title}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "64", Right: "24", Top: "32", Bottom: "48", ContainLabel: opts.Bool(false)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "step", NameLocation: "middle", NameGap: 28, Min: 0, Max: "dataMax"}),
		charts.WithYAxisOpts(opts.YAxis{Type: yType, Name: "lr", NameLocation: "end"}),
	)
	for i, s := range series {
		points := s.Points
		if points == nil {
			points = make([]core.Point, len(s.Values))
			for step, v := range s.Values {
				points[step] = core.Point{Step: int64(step), LR: v}
			}
		}
		data := make([]opts.LineData, len(points))
		for j, p := range points {
			if o.LogY && p.LR <= 0 {
				// A log axis has no place for 0: leave a gap ("-" is
				// ECharts' missing value) rather than draw a lie.
				data[j] = opts.LineData{Value: [2]any{float64(p.Step), "-"}}
				continue
			}
			data[j] = opts.LineData{Value: [2]float64{float64(p.Step), p.LR}}
		}
		markers := make([]opts.MarkLineNameXAxisItem, 0, min(len(s.Annotations), MaxMarkers))
		for _, a := range s.Annotations[:min(len(s.Annotations), MaxMarkers)] {
			markers = append(markers, opts.MarkLineNameXAxisItem{Name: a.Label, XAxis: a.Step})
		}
		seriesOpts := []charts.SeriesOpts{
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 2}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol:    []string{"none", "none"},
				Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Position: "insideEndTop"},
				LineStyle: &opts.LineStyle{Type: "dashed", Width: 1, Opacity: opts.Float(0.6)},
			}),
			charts.WithMarkLineNameXAxisItemOpts(markers...),
		}
		if i == 0 {
			seriesOpts = append(seriesOpts, charts.WithSeriesId(SeriesID))
		}
		line.AddSeries(s.Name, data, seriesOpts...)
	}
	return line
}

// BaseOption returns the base chart as an ECharts option in JSON, with no
// function values, ready for chart.setOption.
//
// The curve and its markers are silent: the tooltip follows the axis, so
// hover effects on the line would only cost time on every redraw (a third of
// setOption's time in the page). go-echarts has no field for that, so it is
// set here. The page describes the chart in its own aria-label, cheaper than
// ECharts' aria, which rebuilds a description on every redraw.
func BaseOption() ([]byte, error) {
	line := Base()
	line.Validate()
	raw, err := json.Marshal(line.JSON())
	if err != nil {
		return nil, err
	}
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, err
	}
	delete(obj, "toolbox") // go-echarts writes an empty one
	series := obj["series"].([]any)[0].(map[string]any)
	series["silent"] = true
	series["emphasis"] = map[string]any{"disabled": true}
	series["markLine"].(map[string]any)["silent"] = true
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(obj); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Render writes a standalone HTML page with the chart, using go-echarts' own
// renderer: the page's title is o.Title, and it loads ECharts from
// o.AssetsHost.
func Render(w io.Writer, o Options, series ...Series) error {
	line := New(o, series...)
	init := opts.Initialization{PageTitle: o.Title, ChartID: RenderID, AssetsHost: o.AssetsHost}
	if init.PageTitle == "" {
		init.PageTitle = "LR Playground"
	}
	line.SetGlobalOptions(charts.WithInitializationOpts(init))
	var page bytes.Buffer
	if err := line.Render(&page); err != nil {
		return err
	}
	_, err := w.Write(scriptSafe(page.Bytes()))
	return err
}

// scriptSafe escapes <, > and & in the option go-echarts writes into the
// page's script, as encoding/json does by default and go-echarts does not:
// a title holding "</script>" would otherwise end the script and run what
// follows. The option is JSON without functions, so these characters occur
// only inside strings, where \u003c means the same.
func scriptSafe(page []byte) []byte {
	prefix := []byte("let option_" + RenderID + " = ")
	i := bytes.Index(page, prefix)
	if i < 0 {
		return page
	}
	start := i + len(prefix)
	end := start + bytes.IndexByte(page[start:], '\n')
	if end < start {
		end = len(page)
	}
	var out bytes.Buffer
	out.Write(page[:start])
	for _, c := range page[start:end] {
		switch c {
		case '<':
			out.WriteString(`\u003c`)
		case '>':
			out.WriteString(`\u003e`)
		case '&':
			out.WriteString(`\u0026`)
		default:
			out.WriteByte(c)
		}
	}
	out.Write(page[end:])
	return out.Bytes()
}
