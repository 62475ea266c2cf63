//go:build browser

// Browser tests of the playground's tools: downloads, pitfalls with their
// fixes, the run as code, translations with overlays, pasted code.
package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

// captureDownloads makes the page hand every download to the test instead
// of the browser: each link click records its name and content (text, or
// the data: URL of an image).
// (The page's CSP rightly forbids fetching blob: URLs, so the blobs are
// caught as they are made.)
const captureDownloads = `(() => {
	window.__downloads = [];
	if (!window.__blobs) {
		window.__blobs = new Map();
		const make = URL.createObjectURL;
		URL.createObjectURL = (blob) => { const url = make(blob); window.__blobs.set(url, blob); return url; };
	}
	HTMLAnchorElement.prototype.click = function () {
		const name = this.download, href = this.href;
		const done = href.startsWith('blob:') ? window.__blobs.get(href).text() : Promise.resolve(href);
		window.__downloads.push(done.then(body => ({name, body})));
	};
	return true;
})()`

type download struct{ Name, Body string }

// click presses a button and returns what it downloaded.
func (tb *tab) downloadVia(id string) download {
	tb.t.Helper()
	eval[bool](tb, captureDownloads)
	eval[bool](tb, fmt.Sprintf(`(document.getElementById(%q).click(), true)`, id))
	// The SVG download saves once ECharts' SVG renderer has loaded, at the first.
	got := eval[[]download](tb, `new Promise((resolve) => {
		const t0 = performance.now();
		(function wait() {
			if (window.__downloads.length || performance.now() - t0 > 5000) resolve(Promise.all(window.__downloads));
			else setTimeout(wait, 10);
		})();
	})`)
	if len(got) != 1 {
		tb.t.Fatalf("%s: %d downloads, want 1 (error: %q)", id, len(got), tb.text("download-error"))
	}
	return got[0]
}

func TestToolsDownloads(t *testing.T) {
	spec := `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20,"eta_min":0.001}`
	tb := open(t, "?kind=torch.CosineAnnealingLR&lr=0.1&T_max=20&eta_min=0.001&steps=150")
	want, err := core.Evaluate([]byte(spec), 150)
	if err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString(core.CSVHeader)
	for i, v := range want {
		csv.Write(core.AppendCSVRow(nil, int64(i), v))
	}
	got := tb.downloadVia("download-csv")
	if got.Name != "torch.CosineAnnealingLR-150.csv" || got.Body != csv.String() {
		t.Errorf("CSV %s:\n%.200s\nwant the rows of lrplay eval:\n%.200s", got.Name, got.Body, csv.String())
	}
	got = tb.downloadVia("download-json")
	var values struct{ Values []float64 }
	if err := json.Unmarshal([]byte(got.Body), &values); err != nil {
		t.Fatalf("JSON download: %v", err)
	}
	wantJSON, _ := json.Marshal(struct {
		Values []float64 `json:"values"`
	}{want})
	if got.Body != string(wantJSON)+"\n" {
		t.Errorf("JSON download is not what lrplay eval -format json prints:\n%.200s", got.Body)
	}
	// The spec reads back into the same run.
	got = tb.downloadVia("download-spec")
	back, err := core.Evaluate([]byte(got.Body), 150)
	if err != nil {
		t.Fatalf("the downloaded spec %s: %v", got.Body, err)
	}
	for i := range want {
		if back[i] != want[i] {
			t.Fatalf("the downloaded spec %s gives %v at step %d, want %v", got.Body, back[i], i, want[i])
		}
	}
	// Images from ECharts: a PNG and an SVG with the curve in it.
	if got = tb.downloadVia("download-png"); !strings.HasPrefix(got.Body, "data:image/png;base64,") || len(got.Body) < 5000 {
		t.Errorf("PNG download %s: %.60s (%d bytes)", got.Name, got.Body, len(got.Body))
	}
	if got = tb.downloadVia("download-svg"); !strings.HasPrefix(got.Body, "data:image/svg+xml") || !strings.Contains(got.Body, "path") {
		t.Errorf("SVG download %s: %.80s", got.Name, got.Body)
	}
	// Past core's cap, values do not download, and the page says why.
	tb.setInput("steps", "100000000")
	eval[bool](tb, captureDownloads)
	eval[bool](tb, `(document.getElementById('download-csv').click(), true)`)
	if msg := tb.text("download-error"); !strings.Contains(msg, "up to 10000000 steps") {
		t.Errorf("CSV past the cap: %q", msg)
	}
	tb.noConsoleErrors()
}

func TestToolsFindings(t *testing.T) {
	// CosineAnnealingLR with T_max 20 over 150 steps rises again past T_max.
	tb := open(t, "?kind=torch.CosineAnnealingLR&lr=0.1&T_max=20&steps=150")
	waitFor(tb, `!document.getElementById('warnings').hidden`)
	codes := eval[[]string](tb, `Array.from(document.querySelectorAll('#findings li')).map(li => li.dataset.code)`)
	if !strings.Contains(strings.Join(codes, ","), "rises-after-end") {
		t.Fatalf("findings %v, want rises-after-end", codes)
	}
	s, err := core.Parse([]byte(`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`))
	if err != nil {
		t.Fatal(err)
	}
	findings, err := core.Lint(s, 150)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != len(findings) {
		t.Errorf("the page lists %d findings, core.Lint %d", len(codes), len(findings))
	}
	// The chart shades their steps.
	areas := eval[int](tb, `echarts.getInstanceByDom(document.getElementById('chart')).getOption().series[0].markArea.data.length`)
	ranges := map[[2]int64]bool{}
	for _, f := range findings {
		ranges[[2]int64{f.From, f.To}] = true
	}
	if areas != len(ranges) {
		t.Errorf("%d shaded ranges, want %d (one per distinct range of the findings)", areas, len(ranges))
	}
	// One click applies the fix: the control changes and the finding goes.
	var fix core.Finding
	for _, f := range findings {
		if f.Code == "rises-after-end" {
			fix = f
		}
	}
	eval[bool](tb, `(document.querySelector('#findings li[data-code="rises-after-end"] button').click(), true)`)
	eval[bool](tb, nextFrames)
	for name, v := range fix.Fix {
		if got, want := tb.value(name), s.Kind().Param(name).FormatValue(v); got != want {
			t.Errorf("after the fix %s = %q, want %q", name, got, want)
		}
	}
	waitFor(tb, `!document.querySelector('#findings li[data-code="rises-after-end"]')`)
	tb.noConsoleErrors()
}

func TestToolsCode(t *testing.T) {
	tb := open(t, "?kind=torch.CosineAnnealingWarmRestarts&lr=0.1&T_0=10&T_mult=2&steps=150")
	eval[bool](tb, `(document.getElementById('code-panel').open = true, true)`)
	waitFor(tb, `document.getElementById('code-text').textContent.length > 0`)
	s, err := core.Parse([]byte(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, fw := range []string{"", "timm", "keras"} {
		want, err := core.Code(s, 150, fw)
		if err != nil {
			t.Fatal(err)
		}
		tb.setInput("code-framework", fw)
		if got := tb.text("code-text"); got != want {
			t.Errorf("framework %q: the page shows\n%s\nwant core.Code:\n%s", fw, got, want)
		}
	}
	tb.noConsoleErrors()
}

func TestToolsTranslate(t *testing.T) {
	tb := open(t, "?kind=torch.CosineAnnealingWarmRestarts&lr=0.1&T_0=10&T_mult=2&steps=150")
	eval[bool](tb, `(document.getElementById('translate-panel').open = true, true)`)
	waitFor(tb, `document.querySelectorAll('#translations tbody tr').length > 0`)
	s, err := core.Parse([]byte(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`))
	if err != nil {
		t.Fatal(err)
	}
	want := core.Translate(s, 150)
	rows := eval[[]string](tb, `Array.from(document.querySelectorAll('#translations tbody tr')).map(r => r.dataset.framework + ' ' + r.querySelector('.verdict').textContent)`)
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, tr := range want {
		if rows[i] != tr.Framework+" "+tr.Note {
			t.Errorf("row %d: %q, want %q", i, rows[i], tr.Framework+" "+tr.Note)
		}
	}
	// timm's translation is exact: its overlay coincides with the curve.
	eval[bool](tb, `(document.querySelector('#translations tr[data-framework="timm"] button').click(), true)`)
	waitFor(tb, `echarts.getInstanceByDom(document.getElementById('chart')).getOption().series.some(s => s.id === 'p0')`)
	same := eval[bool](tb, `(() => {
		const ss = echarts.getInstanceByDom(document.getElementById('chart')).getOption().series;
		const a = ss.find(s => s.id === 's0').data, b = ss.find(s => s.id === 'p0').data;
		return a.length === b.length && a.every((x, i) => x === b[i]);
	})()`)
	if !same {
		t.Error("the timm overlay does not coincide with the curve")
	}
	eval[bool](tb, `(document.getElementById('translate-clear').click(), true)`)
	waitFor(tb, `!echarts.getInstanceByDom(document.getElementById('chart')).getOption().series.some(s => s.id === 'p0')`)
	tb.noConsoleErrors()
}

func TestToolsPaste(t *testing.T) {
	tb := open(t, "")
	paste := func(code string) {
		eval[bool](tb, fmt.Sprintf(`(() => { document.getElementById('paste').value = %q; document.getElementById('paste-read').click(); return true; })()`, code))
		eval[bool](tb, nextFrames)
	}
	paste(`scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=1e-6)`)
	if got := tb.value("kind"); got != "torch.CosineAnnealingWarmRestarts" {
		t.Fatalf("kind %q after pasting", got)
	}
	for id, want := range map[string]string{"T_0": "10", "T_mult": "2", "eta_min": "1e-06"} {
		if got := tb.value(id); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	spec, _, err := core.ImportCode(`CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=1e-6)`)
	if err != nil {
		t.Fatal(err)
	}
	tb.sameAsCore(string(spec), 1000)
	// What it cannot read is said, and the chart stays.
	paste(`get_cosine_schedule_with_warmup(opt, num_warmup_steps=warmup, num_training_steps=10000)`)
	if msg := tb.text("paste-error"); !strings.Contains(msg, "num_warmup_steps") {
		t.Errorf("unreadable call: %q", msg)
	}
	if got := tb.value("kind"); got != "torch.CosineAnnealingWarmRestarts" {
		t.Errorf("kind %q after a failed paste, want the last good one", got)
	}
	tb.noConsoleErrors()
}

// TestToolsLRSchedule: lr_schedule's calls pasted become the schedule, what
// the module would raise is said, and the code is the module's own call.
func TestToolsLRSchedule(t *testing.T) {
	tb := open(t, "")
	paste := func(code string) {
		eval[bool](tb, fmt.Sprintf(`(() => { document.getElementById('paste').value = %q; document.getElementById('paste-read').click(); return true; })()`, code))
		eval[bool](tb, nextFrames)
	}
	code := "from trading.src.alg.agents import lr_schedule\n" +
		`schedule = lr_schedule.BaseLRSchedule.create({"type": "cosine_warmup", "initial_value": 3e-4, "final_value": 1e-6, "warmup_fraction": 0.2})`
	paste(code)
	if got := tb.value("kind"); got != "lr_schedule.cosine_warmup" {
		t.Fatalf("kind %q after pasting", got)
	}
	spec, _, err := core.ImportCode(code)
	if err != nil {
		t.Fatal(err)
	}
	tb.sameAsCore(string(spec), 1000)
	paste(`LinearLRSchedule(0.001)`)
	if msg := tb.text("paste-error"); !strings.Contains(msg, "raises AttributeError") {
		t.Errorf("LinearLRSchedule(0.001): %q", msg)
	}
	eval[bool](tb, `(document.getElementById('code-panel').open = true, true)`)
	waitFor(tb, `document.getElementById('code-text').textContent.length > 0`)
	s, err := core.Parse(spec)
	if err != nil {
		t.Fatal(err)
	}
	want, err := core.Code(s, 1000, "")
	if got := tb.text("code-text"); err != nil || got != want || !strings.Contains(got, "BaseLRSchedule.create(cfg)") {
		t.Errorf("the page shows\n%s\nwant core.Code:\n%s (%v)", got, want, err)
	}
	tb.noConsoleErrors()
}

func TestToolsUnits(t *testing.T) {
	tb := open(t, "?kind=torch.CosineAnnealingLR&lr=0.1&T_max=10&steps=50&units.steps_per_epoch=5&units.stepping=epoch&x=epoch")
	// A per-epoch scheduler is a staircase in steps: the lr of epoch k for its 5 steps.
	tb.sameAsCore(`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10,"units":{"steps_per_epoch":5,"stepping":"epoch"}}`, 50)
	p := tb.plot()
	for i := 1; i < 5; i++ {
		if p.Y[i] != p.Y[0] || p.Y[5+i] != p.Y[5] {
			t.Fatalf("not a staircase of 5-step epochs: %v", p.Y[:10])
		}
	}
	if name := eval[string](tb, `echarts.getInstanceByDom(document.getElementById('chart')).getOption().xAxis[0].name`); !strings.HasPrefix(name, "epoch") {
		t.Errorf("the x axis is named %q in epochs", name)
	}
	if !eval[bool](tb, `document.getElementById('x-epochs').checked`) {
		t.Error("the x-axis switch does not show epochs")
	}
	// Stepped per micro-batch with 4 micro-batches a step, the schedule runs 4 times too fast.
	tb.setInput("units.stepping", "micro_batch")
	tb.setInput("units.accumulation", "4")
	tb.sameAsCore(`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10,"units":{"steps_per_epoch":5,"accumulation":4,"stepping":"micro_batch"}}`, 50)
	// The units stay with the reader's run when the kind changes, and in the link.
	tb.setInput("units.accumulation", "0")
	if msg := tb.text("units.accumulation-error"); !strings.Contains(msg, "out of range") {
		t.Errorf("accumulation 0: %q", msg)
	}
	tb.setInput("units.accumulation", "2")
	eval[bool](tb, `new Promise(r => setTimeout(() => r(true), 400))`) // the URL is written a moment after the last change
	if url := eval[string](tb, `location.search`); !strings.Contains(url, "units.accumulation=2") || !strings.Contains(url, "x=epoch") {
		t.Errorf("the link %q does not keep the units", url)
	}
	tb.noConsoleErrors()
}
