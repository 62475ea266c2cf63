//go:build browser

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/lrplay/lrplay/core"
)

// benchOut is where the browser benchmarks write their figures as JSON.
const benchOut = "bench/browser.json"

// benchResults collects what the browser benchmarks measured; TestMain
// writes it to benchOut and prints it as a table when any benchmark ran.
var benchResults = struct {
	sync.Mutex
	FirstLoad    *firstLoad    `json:"first_load,omitempty"`
	VsPlainSetup *vsPlainSetup `json:"slider_setup,omitempty"`
	VsPlain      []vsPlain     `json:"slider_vs_plain_js,omitempty"`
}{}

type firstLoad struct {
	// Bytes is what crossed the wire for each file of a cold first load
	// (compressed, headers included), and Total their sum.
	Bytes map[string]int `json:"bytes"`
	Total int            `json:"total_bytes"`
	// ToChartMS is navigation start → first chart drawn, per cold load, and their median.
	ToChartMS     []float64 `json:"to_chart_ms"`
	MedianChartMS float64   `json:"median_to_chart_ms"`
}

// BenchmarkBrowserFirstLoad loads the playground five times, each in a new
// browser context (an empty cache), and measures the bytes of the first
// load and the time from navigation to the first chart.
func BenchmarkBrowserFirstLoad(b *testing.B) {
	var times []float64
	var bytes map[string]int
	for b.Loop() {
		for range 5 {
			ms, by := coldLoad(b)
			times = append(times, ms)
			bytes = by
		}
	}
	slices.Sort(times)
	total := 0
	for _, n := range bytes {
		total += n
	}
	med := times[len(times)/2]
	b.ReportMetric(med, "ms-to-chart")
	b.ReportMetric(float64(total), "bytes")
	benchResults.Lock()
	benchResults.FirstLoad = &firstLoad{Bytes: bytes, Total: total, ToChartMS: times, MedianChartMS: med}
	benchResults.Unlock()
}

// coldLoad opens the playground in a fresh browser context and returns the
// milliseconds to its first chart and the bytes received per file.
func coldLoad(b *testing.B) (float64, map[string]int) {
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	if err := chromedp.Do(ctx); err != nil {
		b.Fatal(err)
	}
	var mu sync.Mutex
	names := map[network.RequestID]string{}
	bytes := map[string]int{}
	chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventResponseReceived:
			if u, err := url.Parse(ev.Response.URL); err == nil {
				names[ev.RequestID] = path.Base(u.Path)
			}
		case *network.EventLoadingFinished:
			if name, ok := names[ev.RequestID]; ok {
				bytes[name] += int(ev.EncodedDataLength)
			}
		}
	})
	err := chromedp.Do(ctx,
		chromedp.Navigate(testSiteURL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"] #chart canvas`)),
	)
	if err != nil {
		b.Fatal(err)
	}
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByName('lrplay:first-chart')[0].startTime`))
	if err != nil {
		b.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the last loadingFinished events
	mu.Lock()
	defer mu.Unlock()
	return ms, maps.Clone(bytes)
}

// The playground against plain JavaScript: bench/plain.html is the page a
// user would write instead (every step evaluated in JavaScript, every point
// handed to ECharts with LTTB sampling, an input listener that recomputes and
// calls setOption). Both pages draw torch.CosineAnnealingLR with lr 0.1 and
// eta_min 0 in a chart of the same size with the same ECharts, served by the
// same handler, and get the same T_max inputs in the same Chromium.

// vsPlainRun is one run length of the comparison: how many inputs a drag
// has, and how many the warm-up drag before them. Plain is false where only
// the playground can draw the run.
type vsPlainRun struct {
	steps          int64
	inputs, warmup int
	plain          bool
}

// vsPlainRuns are driven in order. Plain JavaScript at 10^6 steps takes
// a second or more an input, so both pages get fewer inputs there.
var vsPlainRuns = []vsPlainRun{
	{100, 40, 10, true},
	{1_000, 40, 10, true},
	{10_000, 40, 10, true},
	{100_000, 40, 10, true},
	{1_000_000, 10, 3, true},
	{10_000_000, 40, 10, false},
	{100_000_000, 40, 10, false},
	{1_000_000_000, 40, 10, false},
}

// vsPlainRounds is how many measured drags each page gets, alternated:
// playground, plain, playground, plain.
const vsPlainRounds = 2

// dragBudget bounds a drag's time, warm-up included: no input starts after
// it (plain JavaScript at 10^6 steps on a busy machine takes seconds an
// input). A page that runs out of it has fewer inputs in the table.
const dragBudget = 20 * time.Second

// dragPause is the idle time before each drag, so that what the last drag
// left to do (a garbage collection in the other page) is not measured.
const dragPause = 500 * time.Millisecond

type latencyStats struct {
	Inputs int     `json:"inputs"`
	P50MS  float64 `json:"p50_ms"`
	P95MS  float64 `json:"p95_ms"`
	MaxMS  float64 `json:"max_ms"`
	// Input → the chart's "finished" event: drawn into its canvas, not yet
	// on screen. For the playground this includes the wait for the frame
	// its redraw is scheduled in.
	RenderedP50MS float64 `json:"rendered_p50_ms"`
	// Every input's latency, in the order the inputs came.
	Samples []float64 `json:"samples_ms"`
}

type vsPlain struct {
	Steps int64         `json:"steps"`
	Ours  latencyStats  `json:"playground"`
	Plain *latencyStats `json:"plain_js,omitempty"`
	// The playground's latency divided by plain JavaScript's: below 1 the
	// playground is faster.
	RatioP50 float64 `json:"playground_over_plain_js_p50,omitempty"`
	RatioP95 float64 `json:"playground_over_plain_js_p95,omitempty"`
}

// vsPlainSetup says what the comparison ran on.
type vsPlainSetup struct {
	Date     string `json:"date"`
	Browser  string `json:"browser"`
	CPUs     int    `json:"cpus"`
	GOARCH   string `json:"goarch"`
	ChartW   int    `json:"chart_width_px"`
	ChartH   int    `json:"chart_height_px"`
	ECharts  string `json:"echarts"`
	Kind     string `json:"kind"`
	Duration string `json:"duration"`
}

// benchDriver is installed in both pages, the same script: it touches only
// the stable hooks (#chart's ECharts instance, the control whose id is T_max).
// window.__drag(values, budgetMS) sets T_max to each value in turn and fires
// an input event as the control does, one input at a time. For each it
// measures the time from the input to the first task after the frame that
// shows its redraw: it waits for the chart's "finished" event, then for the
// end of the frame that paints it (a message posted from an animation frame
// callback runs once that frame is painted). The first input goes right after
// a frame and each next one as soon as the last is on screen: one input a
// frame while redraws are short. No input starts once budgetMS have passed.
const benchDriver = `(() => {
	const chart = echarts.getInstanceByDom(document.getElementById('chart'));
	const input = document.getElementById('T_max');
	let renders = 0, renderedAt = 0;
	chart.on('finished', () => { renders++; renderedAt = performance.now(); });
	const afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
		const ch = new MessageChannel();
		ch.port1.onmessage = () => resolve(performance.now());
		ch.port2.postMessage(null);
	}));
	window.__drag = async (values, budgetMS) => {
		const painted = [], rendered = [];
		const start = await afterFrame();
		for (const v of values) {
			if (painted.length > 0 && performance.now() - start > budgetMS) break;
			const seen = renders;
			input.value = String(v);
			const t0 = performance.now();
			input.dispatchEvent(new Event('input', {bubbles: true}));
			let t1;
			do {
				t1 = await afterFrame();
				if (t1 - t0 > 30000) throw new Error('no redraw within 30 s of T_max = ' + v);
			} while (renders === seen);
			painted.push(t1 - t0);
			rendered.push(renderedAt - t0);
		}
		return {painted, rendered};
	};
	return Boolean(chart) && Boolean(input);
})()`

// checkCurve returns "" when every point the chart holds is
// CosineAnnealingLR's lr 0.1·(1 + cos(π·step/T_max))/2 at the T_max its
// control holds, within 1e-12 (the curve plain.js computes), and the first
// point that is not otherwise. It reads the series as [x, y] pairs or as a
// flat x, y, x, y, ... array.
const checkCurve = `(() => {
	const T = Number(document.getElementById('T_max').value);
	const d = echarts.getInstanceByDom(document.getElementById('chart')).getOption().series[0].data;
	const pairs = d.length > 0 && typeof d[0] === 'object';
	const n = pairs ? d.length : d.length / 2;
	if (n < 2) return 'no points';
	for (let i = 0; i < n; i++) {
		const x = pairs ? d[i][0] : d[2*i], y = pairs ? d[i][1] : d[2*i+1];
		const want = 0.1 * (1 + Math.cos(Math.PI * x / T)) / 2;
		if (!(Math.abs(y - want) <= 1e-12)) return 'step ' + x + ': lr ' + y + ', want ' + want + ' (T_max ' + T + ')';
	}
	return '';
})()`

// BenchmarkBrowserVsPlainJS drives the playground and bench/plain.html in
// turn, in one Chromium, with the same T_max inputs at 10^2 to 10^6 steps
// (the playground alone beyond), and reports input → painted frame p50 and
// p95 for each and their ratios.
func BenchmarkBrowserVsPlainJS(b *testing.B) {
	start := time.Now()
	base := benchServer(b)
	setup := vsPlainSetup{Date: time.Now().UTC().Format(time.DateOnly), CPUs: runtime.NumCPU(), GOARCH: runtime.GOARCH,
		Kind: "torch.CosineAnnealingLR (lr 0.1, eta_min 0), T_max from steps/2 to steps"}
	if v, err := chromedp.CallBrowser(browserCtx, browser.GetVersion, cdp.Empty{}); err == nil {
		setup.Browser = v.Product
	}
	var results []vsPlain
	for _, run := range vsPlainRuns {
		b.Run(fmt.Sprintf("steps=%d", run.steps), func(b *testing.B) {
			for b.Loop() {
				r := compareRun(b, base, run, &setup)
				b.ReportMetric(r.Ours.P50MS, "ms-p50")
				b.ReportMetric(r.Ours.P95MS, "ms-p95")
				if r.Plain != nil {
					b.ReportMetric(r.Plain.P50MS, "plain-ms-p50")
					b.ReportMetric(r.Plain.P95MS, "plain-ms-p95")
					b.ReportMetric(r.RatioP50, "ratio-p50")
					b.ReportMetric(r.RatioP95, "ratio-p95")
				}
				results = append(results, r)
			}
		})
	}
	setup.Duration = time.Since(start).Round(time.Second).String()
	benchResults.Lock()
	benchResults.VsPlain, benchResults.VsPlainSetup = results, &setup
	benchResults.Unlock()
}

// compareRun measures one run length: both pages loaded side by side, a
// warm-up drag on each, then vsPlainRounds measured drags on each, alternated.
func compareRun(b *testing.B, base string, run vsPlainRun, setup *vsPlainSetup) vsPlain {
	// Each page in a browser context of its own, so in a renderer process
	// of its own: one page's garbage is not collected during the other's drag.
	ours, closeOurs := benchTab(b, fmt.Sprintf("%s/?kind=torch.CosineAnnealingLR&T_max=%d&steps=%d", base, run.steps, run.steps), chromedp.WithNewBrowserContext())
	defer closeOurs()
	size := eval[[]int](ours, `(() => { const c = echarts.getInstanceByDom(document.getElementById('chart')); return [c.getWidth(), c.getHeight()]; })()`)
	setup.ChartW, setup.ChartH = size[0], size[1]
	setup.ECharts = eval[string](ours, `echarts.version`)
	pages := []*tab{ours}
	if run.plain {
		plain, closePlain := benchTab(b, fmt.Sprintf("%s/bench/plain.html?steps=%d&T_max=%d&w=%d&h=%d", base, run.steps, run.steps, size[0], size[1]), chromedp.WithNewBrowserContext())
		defer closePlain()
		if got := eval[[]int](plain, `(() => { const c = echarts.getInstanceByDom(document.getElementById('chart')); return [c.getWidth(), c.getHeight()]; })()`); got[0] != size[0] || got[1] != size[1] {
			b.Fatalf("plain.html's chart is %dx%d, the playground's %dx%d", got[0], got[1], size[0], size[1])
		}
		if v := eval[string](plain, `echarts.version`); v != setup.ECharts {
			b.Fatalf("plain.html runs ECharts %s, the playground %s", v, setup.ECharts)
		}
		pages = append(pages, plain)
	}
	for _, tb := range pages {
		if !eval[bool](tb, benchDriver) {
			b.Fatal("the page has no #chart chart or no #T_max control")
		}
	}
	warm, values := tMaxValues(run.steps, run.warmup, true), tMaxValues(run.steps, run.inputs, false)
	for _, tb := range pages {
		drag(tb, warm)
	}
	painted := make([][]float64, len(pages))
	rendered := make([][]float64, len(pages))
	for range vsPlainRounds {
		for i, tb := range pages {
			p, r := drag(tb, values)
			painted[i], rendered[i] = append(painted[i], p...), append(rendered[i], r...)
		}
	}
	if msg := eval[string](ours, checkCurve); msg != "" {
		b.Fatalf("the playground at %d steps does not draw plain.js's curve: %s", run.steps, msg)
	}
	if run.plain && len(painted[1]) == len(painted[0]) {
		if t0, t1 := ours.value("T_max"), pages[1].value("T_max"); t0 != t1 {
			b.Fatalf("T_max ends at %s on the playground, %s on plain.html", t0, t1)
		}
	}
	for _, tb := range pages {
		tb.noConsoleErrors()
	}
	r := vsPlain{Steps: run.steps, Ours: latencyOf(painted[0], rendered[0])}
	if run.plain {
		p := latencyOf(painted[1], rendered[1])
		r.Plain, r.RatioP50, r.RatioP95 = &p, r.Ours.P50MS/p.P50MS, r.Ours.P95MS/p.P95MS
	}
	return r
}

// TestBrowserPlainPage: bench/plain.html, which make bench measures the
// playground against, draws core's torch.CosineAnnealingLR in a chart of the
// size it is given, and its T_max slider redraws it.
func TestBrowserPlainPage(t *testing.T) {
	base := benchServer(t)
	tb, closeTab := benchTab(t, base+"/bench/plain.html?steps=1000&T_max=1000&w=640&h=360")
	defer closeTab()
	if got := eval[[]int](tb, `(() => { const c = echarts.getInstanceByDom(document.getElementById('chart')); return [c.getWidth(), c.getHeight()]; })()`); got[0] != 640 || got[1] != 360 {
		t.Errorf("the chart is %dx%d, want 640x360", got[0], got[1])
	}
	tb.setInput("T_max", "600")
	want, err := core.Evaluate([]byte(`{"kind": "torch.CosineAnnealingLR", "T_max": 600}`), 1000)
	if err != nil {
		t.Fatal(err)
	}
	got := eval[[][2]float64](tb, `echarts.getInstanceByDom(document.getElementById('chart')).getOption().series[0].data`)
	if len(got) != len(want) {
		t.Fatalf("plain.html plots %d points, want %d", len(got), len(want))
	}
	for i, p := range got {
		if p[0] != float64(i) || math.Abs(p[1]-want[i]) > 1e-15 {
			t.Fatalf("point %d = %v, want (%d, %v)", i, p, i, want[i])
		}
	}
	if msg := eval[string](tb, checkCurve); msg != "" {
		t.Error(msg)
	}
	tb.noConsoleErrors()
}

// tMaxValues are n whole T_max values from steps/2 to steps, or from steps
// down to steps/2.
func tMaxValues(steps int64, n int, down bool) []int64 {
	v := make([]int64, n)
	for i := range v {
		f := 0.5 + 0.5*float64(i)/float64(max(n-1, 1))
		if down {
			f = 1.5 - f
		}
		v[i] = max(1, int64(math.Round(f*float64(steps))))
	}
	return v
}

// drag waits dragPause, brings the tab to the front and runs the driver's
// drag over values.
func drag(tb *tab, values []int64) (painted, rendered []float64) {
	tb.t.Helper()
	time.Sleep(dragPause)
	if _, err := chromedp.Call(tb.ctx, page.BringToFront, cdp.Empty{}); err != nil {
		tb.t.Fatal(err)
	}
	js, _ := json.Marshal(values)
	res := eval[struct{ Painted, Rendered []float64 }](tb, fmt.Sprintf("window.__drag(%s, %d)", js, dragBudget.Milliseconds()))
	if len(res.Painted) == 0 || len(res.Painted) != len(res.Rendered) {
		tb.t.Fatalf("%d inputs measured of %d", len(res.Painted), len(values))
	}
	return res.Painted, res.Rendered
}

func latencyOf(painted, rendered []float64) latencyStats {
	samples := slices.Clone(painted)
	slices.Sort(painted)
	slices.Sort(rendered)
	return latencyStats{Inputs: len(painted), P50MS: percentile(painted, 50), P95MS: percentile(painted, 95),
		MaxMS: painted[len(painted)-1], RenderedP50MS: percentile(rendered, 50), Samples: samples}
}

// percentile is the p-th percentile of sorted v, the nearest rank.
func percentile(v []float64, p int) float64 {
	return v[min(len(v)-1, max(0, (len(v)*p+99)/100-1))]
}

// benchTab opens url in a new tab of the test browser, with more time than
// a test's tab has, and waits for its first chart; closeTab closes it.
func benchTab(b testing.TB, url string, opts ...chromedp.ContextOption) (tb *tab, closeTab func()) {
	b.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx, opts...)
	ctx, cancelTimeout := context.WithTimeout(ctx, 10*time.Minute)
	closeTab = func() { cancelTimeout(); cancel() }
	tb = &tab{t: b, ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		closeTab()
		b.Fatal(err)
	}
	tb.listen()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"] #chart canvas`))); err != nil {
		closeTab()
		b.Fatalf("open %s: %v (console: %v)", url, err, tb.errors())
	}
	return tb, closeTab
}

// benchServer serves the built site with bench/plain.html and plain.js
// under /bench/, through the handler lrplay serves the site with.
func benchServer(b testing.TB) string {
	b.Helper()
	site, err := fs.Sub(embedded, "site")
	if err != nil {
		b.Fatal(err)
	}
	files := fstest.MapFS{}
	err = fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(site, name)
		files[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"plain.html", "plain.js"} {
		data, err := os.ReadFile(filepath.Join("bench", name))
		if err != nil {
			b.Fatal(err)
		}
		files["bench/"+name] = &fstest.MapFile{Data: data}
	}
	srv := httptest.NewServer(newHandler(files))
	b.Cleanup(srv.Close)
	return srv.URL
}

// writeBenchResults prints the browser benchmarks' table and writes benchOut.
func writeBenchResults() error {
	benchResults.Lock()
	defer benchResults.Unlock()
	if benchResults.FirstLoad == nil && benchResults.VsPlainSetup == nil {
		return nil
	}
	var b strings.Builder
	if fl := benchResults.FirstLoad; fl != nil {
		fmt.Fprintf(&b, "\nfirst load (cold cache, compressed bytes on the wire)\n")
		names := make([]string, 0, len(fl.Bytes))
		for n := range fl.Bytes {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool { return fl.Bytes[names[i]] > fl.Bytes[names[j]] })
		for _, n := range names {
			fmt.Fprintf(&b, "  %-20s %9d B\n", n, fl.Bytes[n])
		}
		fmt.Fprintf(&b, "  %-20s %9d B\n", "total", fl.Total)
		fmt.Fprintf(&b, "navigation → first chart: median %.0f ms of %v\n", fl.MedianChartMS, fl.ToChartMS)
	}
	if st := benchResults.VsPlainSetup; st != nil {
		fmt.Fprintf(&b, "\nslider input → painted frame: the playground against plain JavaScript (bench/plain.html)\n")
		fmt.Fprintf(&b, "%s, %s, %d CPUs; %s; chart %dx%d px, ECharts %s; %s\n",
			st.Date, st.Browser, st.CPUs, st.Kind, st.ChartW, st.ChartH, st.ECharts, st.Duration)
		fmt.Fprintf(&b, "  %13s | %15s %8s | %15s %8s | %20s\n", "", "playground", "", "plain JavaScript", "", "playground ÷ plain")
		fmt.Fprintf(&b, "  %13s | %6s %8s %8s | %6s %8s %8s | %9s %10s\n",
			"steps", "inputs", "p50 ms", "p95 ms", "inputs", "p50 ms", "p95 ms", "p50", "p95")
		for _, r := range benchResults.VsPlain {
			fmt.Fprintf(&b, "  %13d | %6d %8.1f %8.1f |", r.Steps, r.Ours.Inputs, r.Ours.P50MS, r.Ours.P95MS)
			if p := r.Plain; p != nil {
				fmt.Fprintf(&b, " %6d %8.1f %8.1f | %9.3g %10.3g\n", p.Inputs, p.P50MS, p.P95MS, r.RatioP50, r.RatioP95)
			} else {
				fmt.Fprintf(&b, " %6s %8s %8s | %9s %10s\n", "", "-", "-", "-", "-")
			}
		}
	}
	fmt.Print(b.String())
	if err := os.MkdirAll(path.Dir(benchOut), 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(&benchResults, "", "  ")
	if err != nil {
		return err
	}
	fmt.Println("wrote", benchOut)
	return os.WriteFile(benchOut, data, 0o644)
}
