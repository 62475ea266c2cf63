//go:build browser

// Browser tests: the built site, served by the same handler `lrplay` runs,
// driven in Debian's Chromium with chromedp. Run them with `make test`
// (or `make build && go test -tags browser -count=1 .`).
package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/lrplay/lrplay/core"
)

var (
	testSiteURL string          // the test server's base URL
	browserCtx  context.Context // the first tab; each test opens its own
	screenshots = flag.String("screenshots", "", "write the README's screenshot (playground.png) to this folder, e.g. docs")
)

func TestMain(m *testing.M) {
	os.Exit(runBrowserTests(m))
}

func runBrowserTests(m *testing.M) int {
	site, err := fs.Sub(embedded, "site")
	if err == nil {
		_, err = fs.Stat(site, "index.html")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "browser tests: the site is not built: run make build first")
		return 1
	}
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		fmt.Fprintln(os.Stderr, "browser tests: Chromium is missing: run 'sudo apt-get install chromium' (make test does this when run as root)")
		return 1
	}
	srv := httptest.NewServer(newHandler(site))
	defer srv.Close()
	testSiteURL = srv.URL

	dir, err := os.MkdirTemp("", "lrplay-chromium")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 800),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		fmt.Fprintln(os.Stderr, "browser tests: cannot start Chromium:", err)
		return 1
	}
	browserCtx = ctx
	code := m.Run()
	if err := writeBenchResults(); err != nil {
		fmt.Fprintln(os.Stderr, "browser benchmarks:", err)
		return 1
	}
	return code
}

// tab is one page under test, with what it wrote to the console.
type tab struct {
	t   testing.TB
	ctx context.Context
	mu  sync.Mutex
	log []chromedp.ConsoleMessage
}

// open loads the playground with a query in a new tab and waits for its first chart.
func open(t testing.TB, query string, opts ...chromedp.ContextOption) *tab {
	t.Helper()
	tb := newTab(t, opts...)
	tb.navigate(query)
	return tb
}

// openPage loads url in a new tab and waits until the element ready selects is visible.
func openPage(t testing.TB, url, ready string) *tab {
	t.Helper()
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(ready))); err != nil {
		t.Fatalf("open %s: %v (console: %v)", url, err, tb.errors())
	}
	return tb
}

// newTab opens a tab that records what its pages write to the console.
func newTab(t testing.TB, opts ...chromedp.ContextOption) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx, opts...)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	tb := &tab{t: t, ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	tb.listen()
	return tb
}

// listen records what the page writes to the console.
func (tb *tab) listen() {
	messages := chromedp.Console(tb.ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.log = append(tb.log, m)
			tb.mu.Unlock()
		}
	}()
}

func (tb *tab) navigate(query string) {
	tb.t.Helper()
	err := chromedp.Do(tb.ctx,
		chromedp.Navigate(testSiteURL+"/"+query),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"] #chart canvas`)),
	)
	if err != nil {
		tb.t.Fatalf("open %q: %v (console: %v)", query, err, tb.errors())
	}
}

// errors returns what the page logged as an error or exception.
func (tb *tab) errors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, m := range tb.log {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			out = append(out, m.String())
		}
	}
	return out
}

func (tb *tab) noConsoleErrors() {
	tb.t.Helper()
	if errs := tb.errors(); len(errs) > 0 {
		tb.t.Errorf("console errors: %q", errs)
	}
}

func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %.80s: %v", js, err)
	}
	return v
}

// nextFrames waits until the page has painted twice: a redraw scheduled by
// an input event has happened by then.
const nextFrames = `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`

// setInput sets an input as a person would, firing an input event, and waits for the redraw.
func (tb *tab) setInput(id, value string) {
	tb.t.Helper()
	js := fmt.Sprintf(`(() => {
		const el = document.getElementById(%q);
		if (el.type === 'checkbox') el.checked = %q === 'true'; else el.value = %q;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		return %s;
	})()`, id, value, value, nextFrames)
	eval[bool](tb, js)
}

// plot is what ECharts holds: the curve, the marker lines and the y axis type.
type plot struct {
	X, Y    []float64
	Markers []float64
	Labels  []string
	YType   string
}

const readPlot = `(() => {
	const chart = echarts.getInstanceByDom(document.getElementById('chart'));
	const opt = chart.getOption();
	const s = opt.series[0];
	const d = s.data;
	const X = [], Y = [];
	for (let i = 0; i + 1 < d.length; i += 2) { X.push(d[i]); Y.push(Number.isNaN(d[i+1]) ? -1 : d[i+1]); }
	const m = (s.markLine && s.markLine.data) || [];
	return {X, Y, Markers: m.map(x => x.xAxis), Labels: m.map(x => x.name), YType: opt.yAxis[0].type};
})()`

func (tb *tab) plot() plot {
	tb.t.Helper()
	return eval[plot](tb, readPlot)
}

func (tb *tab) value(id string) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`document.getElementById(%q).value`, id))
}

func (tb *tab) text(id string) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`document.getElementById(%q).textContent`, id))
}

// sameAsCore checks the plotted curve is core.Evaluate of spec, bit for
// bit; on a log axis, steps with lr 0 are gaps (read as -1).
func (tb *tab) sameAsCore(spec string, steps int) {
	tb.t.Helper()
	want, err := core.Evaluate([]byte(spec), steps)
	if err != nil {
		tb.t.Fatal(err)
	}
	p := tb.plot()
	if p.YType == "log" {
		for i := range want {
			if want[i] <= 0 {
				want[i] = -1
			}
		}
	}
	if len(p.Y) != len(want) {
		tb.t.Fatalf("%s: plotted %d points, want %d", spec, len(p.Y), len(want))
	}
	for i := range want {
		if p.X[i] != float64(i) || p.Y[i] != want[i] {
			tb.t.Fatalf("%s: point %d = (%v, %v), want (%d, %v)", spec, i, p.X[i], p.Y[i], i, want[i])
		}
	}
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = min(m, x)
	}
	return m
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

func TestBrowserLoads(t *testing.T) {
	tb := open(t, "")
	for _, id := range []string{"chart", "kind", "log", "T_max", "eta_min", "T_mult", "warmup", "steps", "lr", "restarts",
		"T_max-slider", "eta_min-slider", "T_mult-slider", "warmup-slider", "steps-slider", "lr-slider"} {
		if !eval[bool](tb, fmt.Sprintf(`document.getElementById(%q) !== null`, id)) {
			t.Errorf("no #%s on the playground", id)
		}
	}
	if n := eval[int](tb, `document.querySelectorAll('#kind option').length`); n != len(core.Kinds()) {
		t.Errorf("the kind selector offers %d kinds, want %d", n, len(core.Kinds()))
	}
	// Grouped by framework: each option under its framework's group, one group per framework.
	var frameworks []string
	for _, k := range core.Kinds() {
		if f, _, _ := strings.Cut(k.Framework, ","); len(frameworks) == 0 || frameworks[len(frameworks)-1] != f {
			frameworks = append(frameworks, f)
		}
	}
	groups := eval[[]string](tb, `[...document.querySelectorAll('#kind optgroup')].map(g => g.label)`)
	if strings.Join(groups, "|") != strings.Join(frameworks, "|") {
		t.Errorf("the kind selector's groups are %q, want %q", groups, frameworks)
	}
	if got := eval[string](tb, `document.querySelector('#kind option[value="optax.join_schedules"]').parentElement.label`); got != "optax" {
		t.Errorf("optax.join_schedules is under %q, want optax", got)
	}
	if got := eval[string](tb, `document.getElementById('status').hidden ? 'hidden' : document.getElementById('status').textContent`); got != "hidden" {
		t.Errorf("the loading status still shows %q", got)
	}
	// Every control has a label and its alert beside it.
	unlabelled := eval[[]string](tb, `[...document.querySelectorAll('#controls input, #controls select')]
		.filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map(el => el.id)`)
	if len(unlabelled) > 0 {
		t.Errorf("controls without a label: %v", unlabelled)
	}
	if label := eval[string](tb, `document.getElementById('chart').getAttribute('aria-label')`); !strings.HasPrefix(label, "Learning rate of playground over 1000 steps: from 0 to ") {
		t.Errorf("the chart's aria-label is %q", label)
	}
	st := defaultPlaygroundSpec()
	tb.sameAsCore(st, 1000)
	// The markers keep the chart's style: plain dashed lines labelled with what they mark.
	style := eval[string](tb, `(() => {
		const ml = echarts.getInstanceByDom(document.getElementById('chart')).getOption().series[0].markLine;
		return JSON.stringify([ml.symbol, ml.label.formatter, ml.lineStyle.type, ml.data.map(d => d.name)]);
	})()`)
	if style != `[["none","none"],"{b}","dashed",["warmup end","restart","restart"]]` {
		t.Errorf("marker lines: %s", style)
	}
	tb.noConsoleErrors()
	png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 10000 {
		t.Errorf("the screenshot is %d bytes: is the page blank?", len(png))
	}
	if *screenshots != "" {
		if err := os.MkdirAll(*screenshots, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*screenshots, "playground.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func defaultPlaygroundSpec() string {
	return core.LookupKind("playground").Example
}

func TestBrowserSliders(t *testing.T) {
	tb := open(t, "?kind=playground&T_max=100&T_mult=2&warmup=0.05&steps=1000")
	base := tb.plot()

	// A larger eta_min raises the minimum.
	tb.setInput("eta_min-slider", "0.05")
	if got := tb.value("eta_min"); got != "0.05" {
		t.Errorf("moving the eta_min slider to 0.05 shows %q", got)
	}
	// Past the warmup (the first 50 steps, which start at 0).
	if lo, was := minOf(tb.plot().Y[50:]), minOf(base.Y[50:]); !(lo > was && lo >= 0.05) {
		t.Errorf("eta_min 0.05: minimum %v, was %v", lo, was)
	}
	tb.setInput("eta_min", "0")

	// A larger T_mult moves the second restart later.
	restarts := func() []float64 {
		p := tb.plot()
		var r []float64
		for i, l := range p.Labels {
			if l == "restart" {
				r = append(r, p.Markers[i])
			}
		}
		return r
	}
	before := restarts()
	tb.setInput("T_mult-slider", "3")
	after := restarts()
	if len(before) < 2 || len(after) < 2 || after[1] <= before[1] {
		t.Errorf("T_mult 2 → 3: restarts %v → %v, want the second later", before, after)
	}

	// More warmup moves the peak right.
	peak := argmax(tb.plot().Y)
	tb.setInput("warmup-slider", "0.2")
	if p := argmax(tb.plot().Y); p <= peak {
		t.Errorf("warmup 0.05 → 0.2: peak at step %d, was %d", p, peak)
	}
	tb.sameAsCore(`{"kind":"playground","lr":0.1,"eta_min":0,"T_max":100,"T_mult":3,"warmup":0.2}`, 1000)

	// The log-scale lr slider and the steps slider.
	tb.setInput("lr-slider", "500") // half way between 1e-5 and 1 on a log scale
	if got := tb.value("lr"); got != "0.00316" {
		t.Errorf("lr slider at 500/1000 shows %q, want 0.00316", got)
	}
	tb.setInput("steps-slider", "250") // 10·10^(8·0.25) = 1000
	if got := tb.value("steps"); got != "1000" {
		t.Errorf("steps slider at 250/1000 shows %q, want 1000", got)
	}
	tb.setInput("steps", "2000")
	if n := len(tb.plot().Y); n != 2000 {
		t.Errorf("steps 2000 plots %d points", n)
	}
	tb.setInput("restarts", "false")
	tb.sameAsCore(`{"kind":"playground","lr":0.00316,"eta_min":0,"T_max":100,"T_mult":3,"warmup":0.2,"restarts":false}`, 2000)

	// The y axis goes logarithmic and back.
	tb.setInput("log", "true")
	if p := tb.plot(); p.YType != "log" {
		t.Errorf("log toggle: y axis is %q", p.YType)
	}
	tb.setInput("log", "false")
	if p := tb.plot(); p.YType != "value" {
		t.Errorf("log toggle off: y axis is %q", p.YType)
	}
	tb.noConsoleErrors()
}

// TestBrowserKeyboard drives a slider and a text box with real key presses.
func TestBrowserKeyboard(t *testing.T) {
	tb := open(t, "?T_max=100&warmup=0.05&steps=1000")
	err := chromedp.Do(tb.ctx,
		chromedp.Focus(chromedp.ID("T_max-slider")),
		chromedp.KeyEvent(kb.ArrowRight),
		chromedp.KeyEvent(kb.ArrowRight),
	)
	if err != nil {
		t.Fatal(err)
	}
	eval[bool](tb, nextFrames)
	if got := tb.value("T_max"); got != "102" {
		t.Errorf("two ArrowRight presses on the T_max slider give %q, want 102", got)
	}
	tb.sameAsCore(`{"kind":"playground","T_max":102}`, 1000)

	eval[bool](tb, `(document.getElementById('T_mult').select(), true)`)
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.ID("T_mult"), "1.5")); err != nil {
		t.Fatal(err)
	}
	eval[bool](tb, nextFrames)
	tb.sameAsCore(`{"kind":"playground","T_max":102,"T_mult":1.5}`, 1000)
	tb.noConsoleErrors()
}

func TestBrowserURLState(t *testing.T) {
	q := "?kind=playground&eta_min=0.001&T_max=40&T_mult=1.5&warmup=0.1&steps=500&log=1"
	tb := open(t, q)
	for id, want := range map[string]string{"kind": "playground", "T_max": "40", "T_mult": "1.5", "warmup": "0.1", "steps": "500", "eta_min": "0.001"} {
		if got := tb.value(id); got != want {
			t.Errorf("#%s = %q, want %q", id, got, want)
		}
	}
	if !eval[bool](tb, `document.getElementById('log').checked`) || tb.plot().YType != "log" {
		t.Errorf("log=1 does not give a log axis")
	}
	tb.sameAsCore(`{"kind":"playground","eta_min":0.001,"T_max":40,"T_mult":1.5,"warmup":0.1}`, 500)

	// A change goes into the URL, and the URL reopens it.
	tb.setInput("T_max", "55")
	eval[bool](tb, `new Promise(r => setTimeout(() => r(true), 400))`)
	loc := eval[string](tb, `location.search`)
	if !strings.Contains(loc, "T_max=55") || !strings.Contains(loc, "T_mult=1.5") {
		t.Fatalf("after setting T_max the URL is %q", loc)
	}
	want := tb.plot()
	again := open(t, loc)
	if got := again.plot(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("reopening %s draws a different chart", loc)
	}
	tb.noConsoleErrors()
	again.noConsoleErrors()
}

// TestBrowserFormerKindName: a link with a kind's former name opens the
// renamed kind, and the link the page writes names it.
func TestBrowserFormerKindName(t *testing.T) {
	tb := open(t, "?kind=sb3.linear&initial_value=0.002&steps=300")
	if got := tb.value("kind"); got != "lr_schedule.linear" {
		t.Errorf("#kind = %q, want lr_schedule.linear", got)
	}
	if msg := tb.text("error"); msg != "" {
		t.Errorf("page message %q", msg)
	}
	tb.sameAsCore(`{"kind":"lr_schedule.linear","initial_value":0.002,"final_value":1e-5}`, 300) // final_value: the example's
	if got, want := tb.text("kind-link"), core.LookupKind("lr_schedule.linear").LinkText; got != want {
		t.Errorf("the kind's link reads %q, want %q", got, want)
	}
	tb.setInput("final_value", "0.0001")
	eval[bool](tb, `new Promise(r => setTimeout(() => r(true), 400))`)
	if loc := eval[string](tb, `location.search`); !strings.Contains(loc, "kind=lr_schedule.linear") || !strings.Contains(loc, "final_value=0.0001") {
		t.Errorf("after setting final_value the URL is %q", loc)
	}
	tb.noConsoleErrors()
}

func TestBrowserBadValues(t *testing.T) {
	tb := open(t, "")
	good := tb.plot()
	for _, bad := range []struct{ id, value, want string }{
		{"T_max", "abc", "not a number"},
		{"T_max", "0", "out of range"},
		{"T_max", "", "empty"},
		{"warmup", "0.9", "[0, 0.5]"},
		{"lr", "1e400", "too large"},
		{"steps", "-1", "whole number"},
	} {
		tb.setInput(bad.id, bad.value)
		if msg := tb.text(bad.id + "-error"); !strings.Contains(msg, bad.want) {
			t.Errorf("%s = %q: the message beside it is %q, want %q", bad.id, bad.value, msg, bad.want)
		}
		if got := eval[string](tb, fmt.Sprintf(`document.getElementById(%q).getAttribute('aria-invalid')`, bad.id)); got != "true" {
			t.Errorf("%s = %q is not marked aria-invalid", bad.id, bad.value)
		}
		if fmt.Sprint(tb.plot()) != fmt.Sprint(good) {
			t.Errorf("%s = %q changed the chart; the last good one should stay", bad.id, bad.value)
		}
		// Fixing it clears the message and draws again.
		fix := map[string]string{"T_max": "130", "warmup": "0.09", "lr": "0.1", "steps": "1000"}[bad.id] // the example
		tb.setInput(bad.id, fix)
		if msg := tb.text(bad.id + "-error"); msg != "" {
			t.Errorf("after fixing %s the message %q stays", bad.id, msg)
		}
	}
	tb.sameAsCore(defaultPlaygroundSpec(), 1000)
	tb.noConsoleErrors()
}

func TestBrowserBadURL(t *testing.T) {
	tb := open(t, "?T_max=abc&bogus=1&warmup=-1")
	if msg := tb.text("T_max-error"); !strings.Contains(msg, "not a number") || !strings.Contains(msg, "using 130") {
		t.Errorf("T_max=abc: message %q", msg)
	}
	if msg := tb.text("warmup-error"); !strings.Contains(msg, "out of range") {
		t.Errorf("warmup=-1: message %q", msg)
	}
	if msg := tb.text("error"); !strings.Contains(msg, "bogus") {
		t.Errorf("bogus=1: page message %q", msg)
	}
	tb.sameAsCore(defaultPlaygroundSpec(), 1000) // the defaults stand in
	unknown := open(t, "?kind=torch.Nope")
	if msg := unknown.text("error"); !strings.Contains(msg, "unknown kind") {
		t.Errorf("kind=torch.Nope: page message %q", msg)
	}
	tb.noConsoleErrors()
}

// TestBrowserEveryKind switches the selector to each kind: its example draws
// exactly what core computes.
func TestBrowserEveryKind(t *testing.T) {
	tb := open(t, "")
	for _, k := range core.Kinds() {
		tb.setInput("kind", k.Name)
		tb.sameAsCore(k.Example, int(k.ExampleSteps))
		if msg := tb.text("error"); msg != "" {
			t.Errorf("%s: page message %q", k.Name, msg)
		}
		for _, p := range k.Params {
			if !eval[bool](tb, fmt.Sprintf(`document.getElementById(%q) !== null`, p.Name)) {
				t.Errorf("%s: no control #%s", k.Name, p.Name)
			}
		}
	}
	tb.noConsoleErrors()
}

func TestBrowserAPI(t *testing.T) {
	tb := open(t, "")
	got := eval[[]float64](tb, `lrplay.ready.then(l => Array.from(l.evaluate('{"kind":"playground","T_max":10}', 50)))`)
	want, _ := core.Evaluate([]byte(`{"kind":"playground","T_max":10}`), 50)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lrplay.evaluate = %v, want %v", got, want)
	}
	msg := eval[string](tb, `(() => { try { lrplay.evaluate('{"kind":"playground","T_max":-1}', 5); return 'no error'; } catch (e) { return (e instanceof Error) + ' ' + e.message; } })()`)
	if !strings.HasPrefix(msg, "true core: T_max") {
		t.Errorf("lrplay.evaluate with a bad spec: %q, want a thrown Error from core", msg)
	}
	if n := eval[int](tb, `lrplay.kinds().length`); n != len(core.Kinds()) {
		t.Errorf("lrplay.kinds() has %d kinds", n)
	}
	tb.noConsoleErrors()
}

func TestBrowserPhoneAndDark(t *testing.T) {
	tb := open(t, "")
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2))); err != nil {
		t.Fatal(err)
	}
	eval[bool](tb, nextFrames)
	if w := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); w > 0 {
		t.Errorf("at a phone's width the page scrolls sideways by %dpx", w)
	}
	if w := eval[int](tb, `document.getElementById('chart').getBoundingClientRect().width`); w < 300 {
		t.Errorf("at a phone's width the chart is %dpx wide", w)
	}
	light := eval[string](tb, `getComputedStyle(document.body).backgroundColor`)
	// Switching the preference on an open page restarts the chart in the dark theme.
	lightText := eval[string](tb, chartTextColour)
	if err := chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		return emulateDark(ctx)
	})); err != nil {
		t.Fatal(err)
	}
	eval[bool](tb, nextFrames)
	if c := eval[string](tb, chartTextColour); c == lightText {
		t.Errorf("after switching to dark the chart's axis text stays %s", c)
	}
	tb.sameAsCore(defaultPlaygroundSpec(), 1000)
	dark := open(t, "")
	if err := chromedp.Do(dark.ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		return emulateDark(ctx)
	})); err != nil {
		t.Fatal(err)
	}
	dark.navigate("")
	if bg := eval[string](dark, `getComputedStyle(document.body).backgroundColor`); bg == light {
		t.Errorf("prefers-color-scheme: dark leaves the background %s", bg)
	}
	tb.noConsoleErrors()
	dark.noConsoleErrors()
}

// chartTextColour is the colour of the chart's y-axis labels.
const chartTextColour = `String(echarts.getInstanceByDom(document.getElementById('chart')).getModel().getComponent('yAxis').get('axisLabel.color') || 'none')`

// emulateDark makes the tab prefer a dark colour scheme.
func emulateDark(ctx context.Context) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	})
	return err
}

// TestBrowserLongRun: a run longer than the chart is wide is drawn from each
// pixel column's first, lowest, highest and last step: exactly core's
// Downsample; runs of 10^9 steps draw as fast.
func TestBrowserLongRun(t *testing.T) {
	spec := `{"kind":"playground","T_max":1000,"T_mult":1.5}`
	tb := open(t, "?T_max=1000&T_mult=1.5&warmup=0.05&steps=300000")
	columns := eval[int](tb, `Number(document.getElementById('chart').dataset.columns)`)
	s, err := core.Parse([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	cols, exact := s.Downsample(300000, columns)
	want := core.Points(cols)
	if !exact {
		t.Fatalf("%s over 300000 steps is not drawn exactly", spec)
	}
	p := tb.plot()
	if len(p.X) != len(want) || len(want) > 4*columns {
		t.Fatalf("plotted %d points for %d columns, want %d", len(p.X), columns, len(want))
	}
	for i, w := range want {
		if p.X[i] != float64(w.Step) || p.Y[i] != w.LR {
			t.Fatalf("point %d = (%v, %v), want (%d, %v)", i, p.X[i], p.Y[i], w.Step, w.LR)
		}
	}
	tip := eval[string](tb, `(() => {
		const chart = echarts.getInstanceByDom(document.getElementById('chart'));
		const [x, y] = chart.convertToPixel({seriesIndex: 0}, [150000, 0]);
		chart.dispatchAction({type: 'showTip', x, y: 100});
		return document.querySelector('#chart div[style*="z-index"]')?.textContent || '';
	})()`)
	if !strings.HasPrefix(tip, "step ") || !strings.Contains(tip, "lr ") {
		t.Errorf("tooltip near step 150000 reads %q", tip)
	}
	tb.noConsoleErrors()
}

// TestBrowserNoWebAssembly: a browser without WebAssembly is told so.
func TestBrowserNoWebAssembly(t *testing.T) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 30*time.Second)
	defer cancelTimeout()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: `delete globalThis.WebAssembly`})
		return err
	}), chromedp.Navigate(testSiteURL+"/"), chromedp.WaitVisible(chromedp.CSS(`#status.failed`)))
	if err != nil {
		t.Fatal(err)
	}
	msg, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.ID("status")))
	if err != nil || !strings.Contains(msg, "needs WebAssembly") {
		t.Errorf("without WebAssembly the page says %q (%v)", msg, err)
	}
}

// TestBrowserFromFile: the built site opened from file:// says why it
// cannot run and what to do, instead of the browser's "Failed to fetch".
func TestBrowserFromFile(t *testing.T) {
	index, err := filepath.Abs(filepath.Join("site", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	tb := newTab(t)
	if err := chromedp.Do(tb.ctx, chromedp.Navigate("file://"+index), chromedp.WaitVisible(chromedp.CSS(`#status.failed`))); err != nil {
		t.Fatalf("open %s from file://: %v (console: %v)", index, err, tb.errors())
	}
	msg := tb.text("status")
	for _, want := range []string{"file://", "python3 -m http.server", "http://127.0.0.1:8000/"} {
		if !strings.Contains(msg, want) {
			t.Errorf("from file:// the page says %q, want it to mention %q", msg, want)
		}
	}
}

// TestBrowserHugeRun: 10^9 steps, past what Evaluate holds, draw the
// columns of core's Downsample; the tooltip gives At's value.
func TestBrowserHugeRun(t *testing.T) {
	const steps = 1_000_000_000
	tb := open(t, "?T_max=1000000&T_mult=2&warmup=0.05&steps=1000000000")
	columns := eval[int](tb, `Number(document.getElementById('chart').dataset.columns)`)
	s, err := core.Parse([]byte(`{"kind":"playground","T_max":1000000,"T_mult":2}`))
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := s.Downsample(steps, columns)
	want := core.Points(cols)
	p := tb.plot()
	if len(p.X) != len(want) {
		t.Fatalf("plotted %d points, want %d", len(p.X), len(want))
	}
	for i, w := range want {
		if p.X[i] != float64(w.Step) || p.Y[i] != w.LR {
			t.Fatalf("point %d = (%v, %v), want (%d, %v)", i, p.X[i], p.Y[i], w.Step, w.LR)
		}
	}
	if msg := tb.text("steps-error"); msg != "" {
		t.Errorf("steps 1e9: %q", msg)
	}
	tb.noConsoleErrors()
}
