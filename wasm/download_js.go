//go:build js && wasm

package main

import (
	"strconv"

	"github.com/hack-pad/safejs"

	"github.com/lrplay/lrplay/core"
)

// download saves what the view shows as a file: the chart as "png" or
// "svg" (ECharts' own export, the SVG from its SVG renderer), the first
// curve's exact values as "csv" or "json" (what `lrplay eval` prints), or
// its "spec", which `lrplay eval -spec` reads back.
func (v *view) download(what string) error {
	if len(v.curves) == 0 {
		return errString("there is no chart to download yet")
	}
	s, steps := v.curves[0].Sched, v.steps
	name := s.Kind().Name + "-" + strconv.FormatInt(steps, 10)
	switch what {
	case "png":
		var j jsw
		url := j.call(v.chart, "getDataURL", j.object("type", "png", "pixelRatio", 2, "backgroundColor", background()))
		return errOr(j.err, saveURL(url, name+".png"))
	case "svg":
		return v.downloadSVG(name + ".svg")
	case "spec":
		spec, err := s.MarshalJSON()
		if err != nil {
			return err
		}
		return saveBlob([][]byte{append(spec, '\n')}, "application/json", name+".spec.json")
	case "csv", "json":
		if steps > core.MaxEvaluateSteps {
			return errString("this run has " + strconv.FormatInt(steps, 10) + " steps; values download for runs of up to " +
				strconv.Itoa(core.MaxEvaluateSteps) + " steps (lrplay eval has the same limit). The chart and the spec download at any length.")
		}
		vals, err := s.Values(int(steps))
		if err != nil {
			return err
		}
		if what == "csv" {
			return saveBlob(csvParts(vals), "text/csv", name+".csv")
		}
		return saveBlob(jsonParts(vals), "application/json", name+".json")
	}
	return errString("unknown download " + strconv.Quote(what))
}

// downloadSVG draws the chart again with ECharts' SVG renderer, off screen
// and at the same size, and saves that.
func (v *view) downloadSVG(name string) error {
	var j jsw
	w, h := j.float(j.call(v.chart, "getWidth")), j.float(j.call(v.chart, "getHeight"))
	div := j.el("div", []string{"aria-hidden", "true", "style",
		"position:fixed;left:-100000px;top:0;width:" + strconv.Itoa(int(w)) + "px;height:" + strconv.Itoa(int(h)) + "px"})
	j.call(j.get(document, "body"), "append", div)
	if j.err != nil {
		return j.err
	}
	defer func() {
		var j jsw
		j.call(div, "remove")
	}()
	theme := safejs.Null()
	if isDark() {
		theme, _ = safejs.ValueOf("dark")
	}
	svg := j.call(j.get(global, "echarts"), "init", div, theme, j.object("renderer", "svg", "width", w, "height", h))
	opt := j.call(v.chart, "getOption")
	j.set(opt, "backgroundColor", background())
	j.call(svg, "setOption", opt)
	url := j.call(svg, "getDataURL", j.object("type", "svg"))
	j.call(svg, "dispose")
	return errOr(j.err, saveURL(url, name))
}

// saveBlob offers parts, concatenated, as a file.
func saveBlob(parts [][]byte, mime, name string) error {
	var j jsw
	arr := j.array()
	for _, p := range parts {
		u8 := j.new(j.get(global, "Uint8Array"), len(p))
		if j.err != nil {
			return j.err
		}
		if _, err := safejs.CopyBytesToJS(u8, p); err != nil {
			return err
		}
		j.call(arr, "push", u8)
	}
	blob := j.new(j.get(global, "Blob"), arr, j.object("type", mime))
	urls := j.get(global, "URL")
	url := j.call(urls, "createObjectURL", blob)
	if j.err != nil {
		return j.err
	}
	err := saveURL(url, name)
	// The browser has the file once the click is handled; free the URL soon after.
	revoke, ferr := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		var j jsw
		j.call(urls, "revokeObjectURL", url)
		return nil
	})
	if ferr == nil {
		j.call(global, "setTimeout", revoke.Value(), 60_000)
	}
	return errOr(err, j.err)
}

// saveURL makes the browser save url as name, through a download link.
func saveURL(url safejs.Value, name string) error {
	var j jsw
	a := j.el("a", []string{"download", name, "hidden", ""})
	j.set(a, "href", url)
	j.call(j.get(document, "body"), "append", a)
	j.call(a, "click")
	j.call(a, "remove")
	return j.err
}

// background is the page's background colour, for exported images, which
// have none of their own: white where the page is transparent.
func background() string {
	var j jsw
	style := j.call(global, "getComputedStyle", j.get(document, "body"))
	bg := j.str(j.get(style, "backgroundColor"))
	if j.err != nil || bg == "" || bg == "transparent" || bg == "rgba(0, 0, 0, 0)" {
		if isDark() {
			return "#14161c"
		}
		return "#ffffff"
	}
	return bg
}

func isDark() bool {
	var j jsw
	m := j.call(global, "matchMedia", "(prefers-color-scheme: dark)")
	return j.truthy(j.get(m, "matches"))
}
