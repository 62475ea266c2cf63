//go:build browser

// Browser tests of how a figure sits in a host page: its theme (the page's
// own scheme by default, a configuration's theme over it, followed when the
// page switches), embed frames that fit their content both ways, and a
// page without a chart that loads lrplay.js and nothing else.
package main

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// figureJS describes the figure in a data-lrplay element (of the window
// win): its data-lrplay-theme, whether its chart is drawn in ECharts' dark
// theme (light axis labels), whether its control labels are light, whether
// it brings its own background, and the colour scheme its inputs use.
const figureJS = `((el, win) => {
	const lum = (c) => { const m = String(c).match(/[\d.]+/g).map(Number); return (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255; };
	const chart = win.echarts.getInstanceByDom(el.querySelector('.lrplay-chart'));
	const label = el.querySelector('.control-head label');
	return {
		theme: el.getAttribute('data-lrplay-theme') || '',
		chartDark: lum(chart.getModel().getComponent('yAxis').get('axisLabel.color')) > 0.5,
		labelsLight: label ? lum(win.getComputedStyle(label).color) > 0.5 : false,
		backdrop: el.hasAttribute('data-lrplay-backdrop'),
		scheme: win.getComputedStyle(el).colorScheme,
	};
})`

type figure struct {
	Theme       string `json:"theme"`
	ChartDark   bool   `json:"chartDark"`
	LabelsLight bool   `json:"labelsLight"`
	Backdrop    bool   `json:"backdrop"`
	Scheme      string `json:"scheme"`
}

// checkFigure checks that the figure found by the expression el (in the
// window win) is dark or light throughout, with or without a backdrop.
func checkFigure(t *testing.T, tb *tab, name, el, win string, dark, backdrop bool) {
	t.Helper()
	f := eval[figure](tb, fmt.Sprintf(`%s(%s, %s)`, figureJS, el, win))
	want := map[bool]string{true: "dark", false: "light"}[dark]
	if f.Theme != want || f.ChartDark != dark || f.LabelsLight != dark || f.Scheme != want || f.Backdrop != backdrop {
		t.Errorf("%s: %+v, want %s throughout (chart, labels, inputs' color-scheme), backdrop %t", name, f, want, backdrop)
	}
}

// TestThemeLightHostDarkSystem: on a light documentation page, a reader
// whose system prefers dark gets light figures, as the page is; "dark" and
// "auto" in the configuration still give dark ones.
func TestThemeLightHostDarkSystem(t *testing.T) {
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		return emulateDark(ctx)
	}), chromedp.Navigate(testSiteURL+"/examples/docs.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(tb, `document.querySelectorAll('[data-lrplay][data-ready="true"] canvas').length === 3`)
	for i := range 3 {
		checkFigure(t, tb, fmt.Sprintf("docs.html chart %d", i+1), fmt.Sprintf(`document.querySelectorAll('[data-lrplay]')[%d]`, i), "window", false, false)
	}
	eval[bool](tb, `(() => {
		for (const theme of ['dark', 'auto']) {
			const el = document.createElement('div');
			el.id = 'later-' + theme;
			el.dataset.lrplay = JSON.stringify({kind: 'torch.LinearLR', steps: 20, controls: ['total_iters'], theme});
			document.body.append(el);
		}
		return true;
	})()`)
	waitFor(tb, `document.querySelector('#later-dark[data-ready="true"] canvas') && document.querySelector('#later-auto[data-ready="true"] canvas')`)
	checkFigure(t, tb, `theme "dark" on a light page`, `document.getElementById('later-dark')`, "window", true, true)
	checkFigure(t, tb, `theme "auto" in a dark system`, `document.getElementById('later-auto')`, "window", true, true)
	tb.noConsoleErrors()
}

// TestThemeHostSwitch: on a page with a dark theme, a figure is dark, one
// told otherwise is light, and a frame learns the page's scheme; when the
// page switches to light (an attribute on <html>, as Docusaurus does), the
// figures and the frame that follow it switch, keeping what was set.
func TestThemeHostSwitch(t *testing.T) {
	tb := openPage(t, testSiteURL+"/examples/themes.html", `#dark[data-ready="true"] canvas`)
	const frame = `document.getElementById('frame')`
	const frameLight = `document.getElementById('frame-light')`
	waitFor(tb, `document.querySelectorAll('[data-lrplay][data-ready="true"] canvas').length === 3`)
	for _, f := range []string{frame, frameLight} {
		waitFor(tb, f+`.contentDocument.querySelector('#lrplay[data-ready="true"] canvas')`)
	}
	waitFor(tb, frame+`.contentDocument.getElementById('lrplay').getAttribute('data-lrplay-theme') === 'dark'`)
	check := func(when string, hostDark bool) {
		t.Helper()
		checkFigure(t, tb, when+": the page's theme", `document.getElementById('host')`, "window", hostDark, false)
		checkFigure(t, tb, when+`: theme "light"`, `document.getElementById('light')`, "window", false, hostDark)
		checkFigure(t, tb, when+`: theme "dark"`, `document.getElementById('dark')`, "window", true, !hostDark)
		checkFigure(t, tb, when+": a frame with the page's theme", frame+`.contentDocument.getElementById('lrplay')`, frame+`.contentWindow`, hostDark, false)
		checkFigure(t, tb, when+": a frame with theme=light", frameLight+`.contentDocument.getElementById('lrplay')`, frameLight+`.contentWindow`, false, false)
		want := map[bool]string{true: "dark", false: "light"}[hostDark]
		if s := eval[string](tb, frame+`.contentDocument.documentElement.style.colorScheme`); s != want {
			t.Errorf("%s: the frame's color-scheme is %q, want %q", when, s, want)
		}
	}
	check("dark page", true)
	// A value set before the switch is still drawn after it.
	tb.setInput("host-T_max", "50")
	eval[bool](tb, nextFrames)
	spec := exampleSpec(t, "torch.CosineAnnealingLR", `{"T_max":50}`)
	sameSeries(t, eval[[]float64](tb, seriesJS("document", "window", "host-chart", "s0")), spec, 100)
	eval[bool](tb, `(document.documentElement.dataset.theme = 'light', true)`)
	waitFor(tb, `document.getElementById('host').getAttribute('data-lrplay-theme') === 'light'`)
	waitFor(tb, frame+`.contentDocument.getElementById('lrplay').getAttribute('data-lrplay-theme') === 'light'`)
	eval[bool](tb, nextFrames)
	check("switched to light", false)
	sameSeries(t, eval[[]float64](tb, seriesJS("document", "window", "host-chart", "s0")), spec, 100)
	if v := tb.value("host-T_max"); v != "50" {
		t.Errorf("after the switch T_max reads %q, want 50", v)
	}
	eval[bool](tb, `(document.documentElement.dataset.theme = 'dark', true)`)
	waitFor(tb, `document.getElementById('host').getAttribute('data-lrplay-theme') === 'dark'`)
	tb.noConsoleErrors()
}

// TestEmbedFrameFits narrows the window, and the frame with it, from 1280
// to 560 px and widens it back: the frame's height follows both ways, with
// no blank gap under the figure and nothing cut off.
func TestEmbedFrameFits(t *testing.T) {
	tb := openPage(t, testSiteURL+"/examples/iframe.html", "iframe")
	const frame = `document.querySelector('iframe')`
	waitFor(tb, frame+`.contentDocument.querySelector('#lrplay[data-ready="true"] canvas')`)
	// The frame's height, and the bottom of its content (the figure's root, in the frame).
	measure := func(width int64) (float64, float64) {
		t.Helper()
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(width, 800)); err != nil {
			t.Fatal(err)
		}
		waitFor(tb, fmt.Sprintf(`Math.abs(%s.getBoundingClientRect().width - %d) < 40`, frame, width))
		// Let the frame report and the page apply it, then settle.
		waitFor(tb, fmt.Sprintf(`(() => {
			const f = %s, doc = f.contentDocument;
			const bottom = doc.getElementById('lrplay').getBoundingClientRect().bottom + doc.defaultView.scrollY;
			return Math.abs(f.getBoundingClientRect().height - bottom) <= 3;
		})()`, frame))
		eval[bool](tb, nextFrames)
		got := eval[[]float64](tb, fmt.Sprintf(`(() => {
			const f = %s, doc = f.contentDocument;
			return [f.getBoundingClientRect().height, doc.getElementById('lrplay').getBoundingClientRect().bottom + doc.defaultView.scrollY, doc.documentElement.scrollHeight, doc.defaultView.innerHeight];
		})()`, frame))
		t.Logf("window %d px: frame %.0f px high, its content %.1f px", width, got[0], got[1])
		if gap := got[0] - got[1]; gap > 3 || gap < -0.5 {
			t.Errorf("window %d px: frame %.1f px for content %.1f px high: %s", width, got[0], got[1],
				map[bool]string{true: "a blank gap under the figure", false: "the figure is cut off"}[gap > 0])
		}
		return got[0], got[1]
	}
	wide, _ := measure(1280)
	narrow, _ := measure(560)
	again, _ := measure(1280)
	if narrow == wide {
		t.Errorf("the frame is %v px high at 1280 and at 560 px wide: its content should reflow", wide)
	}
	if math.Abs(again-wide) > 2 {
		t.Errorf("the frame was %v px high at 1280 px, %v px at 560, and %v px back at 1280: it does not follow both ways", wide, narrow, again)
	}
	tb.noConsoleErrors()
}

// TestNoChartNoWasm: a page that loads lrplay.js without a chart fetches
// the script and nothing else of ours (no wasm, no ECharts, no modules, no
// stylesheet); a data-lrplay element added later starts it and draws.
func TestNoChartNoWasm(t *testing.T) {
	tb := newTab(t)
	// Bytes as a first visit transfers them, none from the cache.
	if err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	}), chromedp.Navigate(testSiteURL+"/examples/nochart.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(tb, `document.readyState === 'complete'`)
	// Time enough for an idle start, were there one.
	eval[bool](tb, `new Promise(r => setTimeout(() => r(true), 1000))`)
	type entry struct {
		Name     string  `json:"name"`
		Transfer float64 `json:"transfer"`
		Body     float64 `json:"body"`
	}
	entries := eval[[]entry](tb, `[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map(r => ({name: r.name, transfer: r.transferSize, body: r.decodedBodySize}))`)
	var total float64
	for _, e := range entries {
		total += e.Transfer
		t.Logf("%s: %.0f bytes transferred, %.0f decoded", e.Name, e.Transfer, e.Body)
		name := e.Name[strings.LastIndex(e.Name, "/")+1:]
		if name != "nochart.html" && name != "lrplay.js" && name != "favicon.svg" {
			t.Errorf("a page without a chart fetched %s", e.Name)
		}
		if name == "lrplay.js" && e.Transfer > 8000 {
			t.Errorf("lrplay.js is %.0f bytes on the wire: more than a few KB", e.Transfer)
		}
	}
	t.Logf("a page without a chart: %.0f bytes transferred in all", total)
	if total > 12000 {
		t.Errorf("a page without a chart transferred %.0f bytes", total)
	}
	if eval[bool](tb, `'evaluate' in lrplay || typeof echarts !== 'undefined'`) {
		t.Error("a page without a chart started LR Playground")
	}
	eval[bool](tb, `(() => {
		const el = document.createElement('div');
		el.id = 'later';
		el.setAttribute('data-lrplay', '{"kind": "torch.ExponentialLR", "gamma": 0.9, "steps": 50}');
		document.body.append(el);
		return true;
	})()`)
	waitFor(tb, `document.querySelector('#later[data-ready="true"] canvas')`)
	sameSeries(t, eval[[]float64](tb, seriesJS("document", "window", "later-chart", "s0")), exampleSpec(t, "torch.ExponentialLR", `{"gamma":0.9}`), 50)
	tb.noConsoleErrors()
}

// TestLazyReady: reading lrplay.ready on a page without a chart starts
// LR Playground, and lrplay.mount called before it is ready mounts once it is.
func TestLazyReady(t *testing.T) {
	tb := openPage(t, testSiteURL+"/examples/nochart.html", "h1")
	eval[bool](tb, `(() => {
		const el = document.createElement('div');
		el.id = 'early';
		document.body.append(el);
		lrplay.mount(el, {kind: 'torch.LinearLR', steps: 20});
		return true;
	})()`)
	if n := eval[int](tb, `lrplay.ready.then(l => l.kinds().length)`); n == 0 {
		t.Error("lrplay.ready resolved without kinds")
	}
	waitFor(tb, `document.querySelector('#early[data-ready="true"] canvas')`)
	tb.noConsoleErrors()
}
